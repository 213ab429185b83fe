//! Hand-computed costs for the resource constraints on tiny inline instances.

#[path = "common/tiny.rs"]
mod tiny;

use tiny::*;

/// Events `(id, duration)` taught by the preassigned `teacher` (role `T`).
fn taught(teacher: &str, ids: &[(&str, u32)]) -> String {
    ids.iter()
        .map(|(id, d)| event(id, *d, &fixed_slot(teacher, "T"), ""))
        .collect()
}

fn applies_to_teachers() -> &'static str {
    "<AppliesTo><ResourceGroups><ResourceGroup Reference=\"Teachers\"/></ResourceGroups></AppliesTo>"
}

fn days() -> &'static str {
    "<TimeGroups><TimeGroup Reference=\"Mon\"/><TimeGroup Reference=\"Tue\"/></TimeGroups>"
}

#[test]
fn avoid_clashes_counts_excess_attendances_per_time() {
    let events = [
        taught("Tea1", &[("E1", 2), ("E2", 1), ("E3", 1)]),
        taught("Tea2", &[("E4", 1), ("E5", 1)]),
    ]
    .concat();
    let cons = [
        constraint(
            "AvoidClashes",
            "AC",
            true,
            1,
            "Linear",
            applies_to_teachers(),
        ),
        constraint(
            "AvoidClashes",
            "ACq",
            false,
            1,
            "Quadratic",
            applies_to_teachers(),
        ),
    ]
    .concat();
    // Tea1: E1 covers M1–M2, E2 and E3 also at M2: three at M2, two too many.
    // Tea2: E4 and E5 both at M1: one too many.
    let sol = [
        sub("E1", 2, "M1", &[]),
        sub("E2", 1, "M2", &[]),
        sub("E3", 1, "M2", &[]),
        sub("E4", 1, "M1", &[]),
        sub("E5", 1, "M1", &[]),
    ]
    .concat();
    let e = eval(&archive("", &events, &cons, &sol));
    assert_eq!(deviations(&e, "AC"), vec![2, 1]);
    assert_eq!((e.infeasibility, e.objective), (3, 4 + 1));
}

#[test]
fn avoid_unavailable_times_counts_busy_unavailable_times_once() {
    let events = taught("Tea1", &[("E1", 2), ("E2", 1), ("E3", 1)]);
    let cons = constraint(
        "AvoidUnavailableTimes",
        "AU",
        false,
        10,
        "Linear",
        "<AppliesTo><Resources><Resource Reference=\"Tea1\"/><Resource Reference=\"Tea2\"/></Resources></AppliesTo>\
         <Times><Time Reference=\"M3\"/></Times><TimeGroups><TimeGroup Reference=\"Tue\"/></TimeGroups>",
    );
    // E1 at M2 runs into M3 (1); E2 and E3 clash at T1, which counts once (1).
    let sol = [
        sub("E1", 2, "M2", &[]),
        sub("E2", 1, "T1", &[]),
        sub("E3", 1, "T1", &[]),
    ]
    .concat();
    let e = eval(&archive("", &events, &cons, &sol));
    assert_eq!(deviations(&e, "AU"), vec![2]);
    assert_eq!(e.objective, 20);
}

#[test]
fn limit_idle_times_totals_gaps_over_the_time_groups() {
    let events = [
        taught("Tea1", &[("E1", 1), ("E2", 1), ("E3", 1), ("E4", 1)]),
        taught("Tea2", &[("E5", 1)]),
    ]
    .concat();
    let cons = constraint(
        "LimitIdleTimes",
        "LI",
        false,
        1,
        "Quadratic",
        &format!(
            "{}{}<Minimum>0</Minimum><Maximum>1</Maximum>",
            applies_to_teachers(),
            days()
        ),
    );
    // Tea1 teaches M1, M4 (2 idle) and T1, T3 (1 idle): 3 idle, 2 over the maximum, squared 4.
    let sol = [
        sub("E1", 1, "M1", &[]),
        sub("E2", 1, "M4", &[]),
        sub("E3", 1, "T1", &[]),
        sub("E4", 1, "T3", &[]),
        sub("E5", 1, "M2", &[]),
    ]
    .concat();
    let e = eval(&archive("", &events, &cons, &sol));
    assert_eq!(deviations(&e, "LI"), vec![2]);
    assert_eq!(e.objective, 4);
}

#[test]
fn cluster_busy_times_counts_busy_time_groups_with_and_without_allow_zero() {
    let events = taught("Tea1", &[("E1", 1), ("E2", 1)]);
    let limits = "<Minimum>2</Minimum><Maximum>2</Maximum>";
    let cons = [
        constraint(
            "ClusterBusyTimes",
            "CB",
            true,
            1,
            "Linear",
            &format!("{}{}{limits}", applies_to_teachers(), days()),
        ),
        constraint(
            "ClusterBusyTimes",
            "CBz",
            false,
            1,
            "Linear",
            &format!(
                "{}{}{limits}<AllowZero>true</AllowZero>",
                applies_to_teachers(),
                days()
            ),
        ),
    ]
    .concat();
    // Tea1 is busy on Monday only (one day short); Tea2 on no day (two short, unless zero is allowed).
    let sol = [sub("E1", 1, "M1", &[]), sub("E2", 1, "M3", &[])].concat();
    let e = eval(&archive("", &events, &cons, &sol));
    assert_eq!(deviations(&e, "CB"), vec![1, 2]);
    assert_eq!(deviations(&e, "CBz"), vec![1]);
    assert_eq!((e.infeasibility, e.objective), (3, 1));
}

#[test]
fn limit_busy_times_sums_per_group_deviations_and_skips_idle_groups() {
    let events = [taught("Tea1", &[("E1", 1), ("E2", 4)]), taught("Tea2", &[])].concat();
    let cons = constraint(
        "LimitBusyTimes",
        "LB",
        false,
        2,
        "Quadratic",
        &format!(
            "{}{}<Minimum>2</Minimum><Maximum>3</Maximum>",
            applies_to_teachers(),
            days()
        ),
    );
    // Tea1: Monday 1 busy time (1 short), Tuesday 4 (1 over): deviation 2, cost 2 × 2² = 8.
    // Tea2 is never busy: no deviation.
    let sol = [sub("E1", 1, "M1", &[]), sub("E2", 4, "T1", &[])].concat();
    let e = eval(&archive("", &events, &cons, &sol));
    assert_eq!(deviations(&e, "LB"), vec![2]);
    assert_eq!(e.objective, 8);
}

#[test]
fn limit_workload_uses_event_and_slot_workloads_prorated_by_duration() {
    let events = [
        event("E1", 4, &open_slot("T", "Teacher"), ""),
        event("E2", 2, &fixed_slot("Tea2", "T"), "<Workload>6</Workload>"),
        event(
            "E3",
            1,
            "<Resource Reference=\"Tea1\"><Role>T</Role><Workload>0</Workload></Resource>",
            "",
        ),
        event("E4", 3, &open_slot("T", "Teacher"), ""),
    ]
    .concat();
    let all = "<AppliesTo><Resources><Resource Reference=\"Tea1\"/><Resource Reference=\"Tea2\"/><Resource Reference=\"Room1\"/></Resources></AppliesTo>";
    let cons = [
        constraint(
            "LimitWorkload",
            "LW",
            false,
            1,
            "Linear",
            &format!("{all}<Minimum>2</Minimum><Maximum>3</Maximum>"),
        ),
        constraint(
            "LimitWorkload",
            "LWz",
            false,
            1,
            "Linear",
            &format!("{all}<Minimum>2</Minimum><Maximum>3</Maximum><AllowZero>true</AllowZero>"),
        ),
    ]
    .concat();
    // Tea1: half of E1 (4 × 2/4 = 2), E3 with slot workload 0, a third of E4 (3 × 1/3 = 1): 3, fine.
    // Tea2: E2 with event workload 6: 3 over. Room1: nothing, 2 short (unless zero is allowed).
    let sol = [
        sub("E1", 2, "M1", &[("Tea1", "T")]),
        sub("E1", 2, "T1", &[]),
        sub("E2", 2, "M3", &[]),
        sub("E3", 1, "T4", &[]),
        sub("E4", 1, "M4", &[("Tea1", "T")]),
        sub("E4", 2, "T2", &[]),
    ]
    .concat();
    let e = eval(&archive("", &events, &cons, &sol));
    assert_eq!(deviations(&e, "LW"), vec![3, 2]);
    assert_eq!(deviations(&e, "LWz"), vec![3]);
    assert_eq!(e.objective, 5 + 3);
}
