//! Hand-computed costs for the event and event-group constraints on tiny inline instances.

#[path = "common/tiny.rs"]
mod tiny;

use tiny::*;

const TEA: &str = "Teacher";

#[test]
fn assign_time_counts_unassigned_duration_including_missing_events() {
    let events = [
        event("E1", 2, "", ""),
        event("E2", 1, "", ""),
        event("E3", 3, "", ""),
    ]
    .concat();
    let cons = [
        constraint("AssignTime", "AT", true, 3, "Linear", "<AppliesTo><Events><Event Reference=\"E1\"/><Event Reference=\"E2\"/></Events></AppliesTo>"),
        constraint("AssignTime", "ATq", false, 1, "Quadratic", "<AppliesTo><Events><Event Reference=\"E3\"/></Events></AppliesTo>"),
    ]
    .concat();
    // E1: one half placed, one not (dev 1); E2 absent from the solution (dev 1);
    // E3: a duration-2 sub-event unplaced (dev 2, squared = 4).
    let sol = [
        sub("E1", 1, "M1", &[]),
        sub("E1", 1, "", &[]),
        sub("E3", 2, "", &[]),
        sub("E3", 1, "M1", &[]),
    ]
    .concat();
    let e = eval(&archive("", &events, &cons, &sol));
    assert_eq!(deviations(&e, "AT"), vec![1, 1]);
    assert_eq!((e.infeasibility, e.objective), (6, 4));
}

#[test]
fn assign_resource_counts_unfilled_slot_duration() {
    let events = [
        event("E1", 2, &open_slot("Room", "Room"), ""),
        event("E2", 1, &fixed_slot("Room1", "Room"), ""),
    ]
    .concat();
    let cons = constraint(
        "AssignResource",
        "AR",
        false,
        5,
        "Step",
        "<AppliesTo><Events><Event Reference=\"E1\"/><Event Reference=\"E2\"/></Events></AppliesTo><Role>Room</Role>",
    );
    let sol = [
        sub("E1", 1, "M1", &[("Room1", "Room")]),
        sub("E1", 1, "M2", &[]),
        sub("E2", 1, "T1", &[]),
    ]
    .concat();
    let e = eval(&archive("", &events, &cons, &sol));
    assert_eq!(deviations(&e, "AR"), vec![1]);
    assert_eq!((e.infeasibility, e.objective), (0, 5));
}

#[test]
fn prefer_resources_counts_duration_outside_the_preferred_set() {
    let events = [
        event("E1", 2, &open_slot("Room", "Room"), ""),
        event("E2", 1, &open_slot("Room", "Room"), ""),
        event("E3", 1, &open_slot("Room", "Room"), ""),
    ]
    .concat();
    let cons = constraint(
        "PreferResources",
        "PR",
        false,
        2,
        "Linear",
        "<AppliesTo><Events><Event Reference=\"E1\"/><Event Reference=\"E2\"/><Event Reference=\"E3\"/></Events></AppliesTo>\
         <ResourceGroups><ResourceGroup Reference=\"Labs\"/></ResourceGroups><Role>Room</Role>",
    );
    // E1 half in Room1 (dev 1), half in the lab; E2 in Room1 (dev 1); E3 unassigned (no cost here).
    let sol = [
        sub("E1", 1, "M1", &[("Room1", "Room")]),
        sub("E1", 1, "M2", &[("Room2", "Room")]),
        sub("E2", 1, "M1", &[("Room1", "Room")]),
        sub("E3", 1, "M1", &[]),
    ]
    .concat();
    let e = eval(&archive("", &events, &cons, &sol));
    assert_eq!(deviations(&e, "PR"), vec![1, 1]);
    assert_eq!(e.objective, 4);
}

#[test]
fn prefer_times_uses_start_times_and_the_duration_filter() {
    let events = [
        event("E1", 2, "", ""),
        event("E2", 1, "", ""),
        event("E3", 3, "", ""),
    ]
    .concat();
    let mornings = "<TimeGroups><TimeGroup Reference=\"Mornings\"/></TimeGroups>";
    let cons = [
        constraint("PreferTimes", "PT", false, 1, "Linear", &format!("<AppliesTo><Events><Event Reference=\"E1\"/><Event Reference=\"E2\"/></Events></AppliesTo>{mornings}")),
        constraint("PreferTimes", "PT2", false, 10, "Linear", &format!("<AppliesTo><Events><Event Reference=\"E3\"/></Events></AppliesTo>{mornings}<Duration>2</Duration>")),
    ]
    .concat();
    // E1 starts at M3 (dev 2, its duration); E2 at M1 is fine. E3: the duration-2 part at M3
    // deviates by 2; the duration-1 part at M4 is not constrained by PT2.
    let sol = [
        sub("E1", 2, "M3", &[]),
        sub("E2", 1, "M1", &[]),
        sub("E3", 2, "M3", &[]),
        sub("E3", 1, "T4", &[]),
    ]
    .concat();
    let e = eval(&archive("", &events, &cons, &sol));
    assert_eq!(deviations(&e, "PT"), vec![2]);
    assert_eq!(deviations(&e, "PT2"), vec![2]);
    assert_eq!(e.objective, 2 + 20);
}

#[test]
fn split_events_counts_bad_durations_and_amount() {
    let events = [
        event("E1", 4, "", ""),
        event("E2", 4, "", ""),
        event("E3", 4, "", ""),
    ]
    .concat();
    let cons = constraint(
        "SplitEvents",
        "SE",
        true,
        1,
        "Linear",
        "<AppliesTo><Events><Event Reference=\"E1\"/><Event Reference=\"E2\"/><Event Reference=\"E3\"/></Events></AppliesTo>\
         <MinimumDuration>1</MinimumDuration><MaximumDuration>2</MaximumDuration><MinimumAmount>2</MinimumAmount><MaximumAmount>2</MaximumAmount>",
    );
    // E1 = 3+1: one too long. E2 unsplit: too long and one sub-event short. E3 = 1+1+1+1: two too many.
    let sol = [
        sub("E1", 3, "M1", &[]),
        sub("E1", 1, "T1", &[]),
        sub("E2", 4, "T1", &[]),
        sub("E3", 1, "M1", &[]),
        sub("E3", 1, "M2", &[]),
        sub("E3", 1, "M3", &[]),
        sub("E3", 1, "M4", &[]),
    ]
    .concat();
    let e = eval(&archive("", &events, &cons, &sol));
    assert_eq!(deviations(&e, "SE"), vec![1, 2, 2]);
    assert_eq!(e.infeasibility, 5);
}

#[test]
fn distribute_split_events_counts_sub_events_of_one_duration() {
    let events = [
        event("E1", 4, "", ""),
        event("E2", 4, "", ""),
        event("E3", 4, "", ""),
    ]
    .concat();
    let cons = constraint(
        "DistributeSplitEvents",
        "DS",
        false,
        3,
        "Quadratic",
        "<AppliesTo><Events><Event Reference=\"E1\"/><Event Reference=\"E2\"/><Event Reference=\"E3\"/></Events></AppliesTo>\
         <Duration>2</Duration><Minimum>1</Minimum><Maximum>1</Maximum>",
    );
    // E1 = 2+2 (one too many), E2 = 1+3 (one too few), E3 = 2+1+1 (fine).
    let sol = [
        sub("E1", 2, "M1", &[]),
        sub("E1", 2, "T1", &[]),
        sub("E2", 1, "M1", &[]),
        sub("E2", 3, "T1", &[]),
        sub("E3", 2, "M1", &[]),
        sub("E3", 1, "T1", &[]),
        sub("E3", 1, "T3", &[]),
    ]
    .concat();
    let e = eval(&archive("", &events, &cons, &sol));
    assert_eq!(deviations(&e, "DS"), vec![1, 1]);
    assert_eq!(e.objective, 3 + 3);
}

#[test]
fn avoid_split_assignments_counts_distinct_resources_minus_one() {
    let slot = open_slot("T", TEA);
    let events = [
        event("E1", 2, &slot, &in_groups(&["G"])),
        event("E2", 2, &slot, &in_groups(&["G"])),
        event("E3", 1, &slot, &in_groups(&["G2"])),
    ]
    .concat();
    let cons = constraint(
        "AvoidSplitAssignments",
        "AS",
        false,
        4,
        "Linear",
        "<AppliesTo><EventGroups><EventGroup Reference=\"G\"/><EventGroup Reference=\"G2\"/></EventGroups></AppliesTo><Role>T</Role>",
    );
    // G uses Tea1 and Tea2 (an unassigned half does not count): dev 1. G2 uses Tea1 only.
    let sol = [
        sub("E1", 1, "M1", &[("Tea1", "T")]),
        sub("E1", 1, "M2", &[("Tea2", "T")]),
        sub("E2", 1, "T1", &[("Tea1", "T")]),
        sub("E2", 1, "T2", &[]),
        sub("E3", 1, "T3", &[("Tea1", "T")]),
    ]
    .concat();
    let e = eval(&archive(
        &[group("G"), group("G2")].concat(),
        &events,
        &cons,
        &sol,
    ));
    assert_eq!(deviations(&e, "AS"), vec![1]);
    assert_eq!(e.objective, 4);
}

#[test]
fn spread_events_counts_sub_event_starts_per_time_group() {
    let g = in_groups(&["G"]);
    let events = [
        event("E1", 2, "", &g),
        event("E2", 1, "", &g),
        event("E3", 1, "", &g),
        event("E4", 1, "", &g),
    ]
    .concat();
    let body = "<AppliesTo><EventGroups><EventGroup Reference=\"G\"/></EventGroups></AppliesTo><TimeGroups>\
                <TimeGroup Reference=\"Mon\"><Minimum>1</Minimum><Maximum>1</Maximum></TimeGroup>\
                <TimeGroup Reference=\"Tue\"><Minimum>1</Minimum><Maximum>2</Maximum></TimeGroup></TimeGroups>";
    let cons = [
        constraint("SpreadEvents", "SP", false, 1, "Linear", body),
        constraint("SpreadEvents", "SPq", false, 1, "Quadratic", body),
    ]
    .concat();
    // Mon holds three starts (E1 at M3 runs on to M4; E2 at M1; E3 at M4): 2 too many.
    // Tue holds none: 1 too few. E4 is unplaced and ignored. Deviation 3 per group.
    let sol = [
        sub("E1", 2, "M3", &[]),
        sub("E2", 1, "M1", &[]),
        sub("E3", 1, "M4", &[]),
    ]
    .concat();
    let e = eval(&archive(&group("G"), &events, &cons, &sol));
    assert_eq!(deviations(&e, "SP"), vec![3]);
    assert_eq!(
        cost(&e, "SPq"),
        9,
        "quadratic applies to the group's total deviation"
    );
    assert_eq!(e.objective, 12);
}

#[test]
fn link_events_counts_times_used_by_some_but_not_all_events() {
    let g = in_groups(&["L"]);
    let events = [
        event("E1", 2, "", &g),
        event("E2", 2, "", &g),
        event("E3", 2, "", &g),
    ]
    .concat();
    let cons = constraint(
        "LinkEvents",
        "LE",
        true,
        1,
        "Linear",
        "<AppliesTo><EventGroups><EventGroup Reference=\"L\"/></EventGroups></AppliesTo>",
    );
    // E1 and E2 run at M1,M2; E3 runs at M1 and T1 (split). M1 is shared by all; M2 and T1 are not.
    let sol = [
        sub("E1", 2, "M1", &[]),
        sub("E2", 1, "M1", &[]),
        sub("E2", 1, "M2", &[]),
        sub("E3", 1, "M1", &[]),
        sub("E3", 1, "T1", &[]),
    ]
    .concat();
    let e = eval(&archive(&group("L"), &events, &cons, &sol));
    assert_eq!(deviations(&e, "LE"), vec![2]);
    assert_eq!(e.infeasibility, 2);
}

#[test]
fn order_events_measures_separation_from_end_of_first_to_start_of_second() {
    let events = (1..=6)
        .map(|i| event(&format!("E{i}"), if i == 1 { 2 } else { 1 }, "", ""))
        .collect::<String>();
    let pair = |a: &str, b: &str| {
        format!(
            "<EventPair><FirstEvent Reference=\"{a}\"/><SecondEvent Reference=\"{b}\"/></EventPair>"
        )
    };
    let cons = constraint(
        "OrderEvents",
        "OE",
        true,
        1,
        "Linear",
        &format!(
            "<AppliesTo><EventPairs>{}{}{}</EventPairs></AppliesTo><MinSeparation>1</MinSeparation><MaxSeparation>2</MaxSeparation>",
            pair("E1", "E2"),
            pair("E3", "E4"),
            pair("E5", "E6")
        ),
    );
    // E1 occupies M1–M2, E2 starts at M3: separation 0, one short. E3 at M1, E4 at T2 (index 5):
    // separation 4, two too many. E6 is unplaced: no deviation.
    let sol = [
        sub("E1", 2, "M1", &[]),
        sub("E2", 1, "M3", &[]),
        sub("E3", 1, "M1", &[]),
        sub("E4", 1, "T2", &[]),
        sub("E5", 1, "M1", &[]),
    ]
    .concat();
    let e = eval(&archive("", &events, &cons, &sol));
    assert_eq!(deviations(&e, "OE"), vec![1, 2]);
    assert_eq!(e.infeasibility, 3);
}
