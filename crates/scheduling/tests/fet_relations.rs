//! FET rule kinds about how blocks relate (same day, same hour, grouped, gaps, days apart),
//! the end of the students' day, the number of rooms and building changes compile into solver
//! constraints (none skipped) that a solve then obeys.

mod common;

use common::{add_rule, lessons_of, solve_compiled};
use domain::{Id, PeriodKind, Placement, RuleKind, SchoolData};
use scheduling::{DemoSpec, compile, demo_school};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

fn add(school: &mut SchoolData, kind: RuleKind, hard: bool, params: serde_json::Value) {
    add_rule(school, kind, hard, if hard { 1000 } else { 500 }, params);
}

fn place(placements: &[Placement], lesson: Id, unit: u16) -> &Placement {
    placements
        .iter()
        .find(|p| p.lesson_id == lesson && p.unit == unit)
        .expect("placed")
}

#[test]
fn relation_rules_compile_and_are_obeyed() {
    let mut school = demo_school(&DemoSpec::default());
    // Homerooms in one building, the special rooms in another.
    for room in &mut school.rooms {
        let special = room.data.kind != domain::RoomKind::Aula;
        room.data.building = Some(if special { "B" } else { "A" }.into());
    }
    let s1 = lessons_of(&school, 1, 1);
    let s2 = lessons_of(&school, 2, 1);
    let s3 = lessons_of(&school, 3, 1);
    let s4 = lessons_of(&school, 4, 1);
    let two_blocks = lessons_of(&school, 5, 2);
    let three_blocks = lessons_of(&school, 6, 3);
    let (same_day, same_hour, days_apart) = ([s1[0], s1[1]], two_blocks[0], two_blocks[1]);
    add(
        &mut school,
        RuleKind::SameStartingDay,
        true,
        json!({"lesson_ids": same_day, "blocks": [0, 0]}),
    );
    add(
        &mut school,
        RuleKind::SameStartingHour,
        true,
        json!({"lesson_ids": [same_hour, same_hour], "blocks": [0, 1]}),
    );
    let grouped = [s2[0], s2[1]];
    add(
        &mut school,
        RuleKind::Grouped,
        true,
        json!({"lesson_ids": grouped, "blocks": [0, 0]}),
    );
    let gapped = [s3[0], s3[1]];
    add(
        &mut school,
        RuleKind::SameStartingDay,
        true,
        json!({"lesson_ids": gapped, "blocks": [0, 0]}),
    );
    add(
        &mut school,
        RuleKind::MinGapsBetween,
        true,
        json!({"lesson_ids": gapped, "blocks": [0, 0], "min_gaps": 2}),
    );
    add(
        &mut school,
        RuleKind::MaxDaysBetween,
        true,
        json!({"lesson_ids": [days_apart, days_apart], "blocks": [0, 1], "max_days": 1}),
    );
    let last = s4[0];
    add(
        &mut school,
        RuleKind::EndsSectionDay,
        true,
        json!({"lesson_ids": [last], "blocks": [0]}),
    );
    add(
        &mut school,
        RuleKind::MaxDifferentRooms,
        true,
        json!({"lesson_ids": [three_blocks[0]], "max": 2}),
    );
    add(
        &mut school,
        RuleKind::TeacherMaxBuildingChangesPerDay,
        true,
        json!({"max": 2}),
    );
    add(
        &mut school,
        RuleKind::SectionMaxBuildingChangesPerDay,
        true,
        json!({"max": 2}),
    );
    for kind in [
        RuleKind::TeacherMinGapsBetweenBuildingChanges,
        RuleKind::SectionMinGapsBetweenBuildingChanges,
    ] {
        add(&mut school, kind, false, json!({"min_gaps": 1}));
    }
    assert_eq!(school.validate(), Ok(()));

    let compiled = compile(&school, None).unwrap();
    assert_eq!(compiled.skipped_rules, vec![]);
    for kind in [
        RuleKind::SameStartingDay,
        RuleKind::SameStartingHour,
        RuleKind::Grouped,
        RuleKind::MinGapsBetween,
        RuleKind::MaxDaysBetween,
        RuleKind::EndsSectionDay,
        RuleKind::MaxDifferentRooms,
        RuleKind::TeacherMaxBuildingChangesPerDay,
        RuleKind::SectionMaxBuildingChangesPerDay,
        RuleKind::TeacherMinGapsBetweenBuildingChanges,
        RuleKind::SectionMinGapsBetweenBuildingChanges,
    ] {
        assert!(
            compiled.constraints.iter().any(|c| c.kind == Some(kind)),
            "{kind:?} compiled to nothing"
        );
    }
    let ps = solve_compiled(&school, &compiled, 7, 400_000);

    let (a, b) = (place(&ps, same_day[0], 0), place(&ps, same_day[1], 0));
    assert_eq!(a.day, b.day);
    let (a, b) = (place(&ps, same_hour, 0), place(&ps, same_hour, 1));
    assert_eq!(a.period, b.period);
    let (a, b) = (place(&ps, days_apart, 0), place(&ps, days_apart, 1));
    assert!(a.day.abs_diff(b.day) <= 1, "{a:?} {b:?}");

    // Grouped: one day, and only recesses between the earlier block's end and the later start.
    let breaks: BTreeSet<u8> = school.time_grids[0]
        .data
        .periods
        .iter()
        .filter(|p| p.kind == PeriodKind::Break)
        .map(|p| p.number)
        .collect();
    let (a, b) = (place(&ps, grouped[0], 0), place(&ps, grouped[1], 0));
    assert_eq!(a.day, b.day);
    let (first, second) = if a.period < b.period { (a, b) } else { (b, a) };
    assert!(
        (first.period + first.duration..second.period).all(|p| breaks.contains(&p)),
        "{a:?} {b:?}"
    );

    let (a, b) = (place(&ps, gapped[0], 0), place(&ps, gapped[1], 0));
    let (first, second) = if a.period < b.period { (a, b) } else { (b, a) };
    assert!(
        first.period + first.duration + 2 <= second.period,
        "{a:?} {b:?}"
    );

    let end = place(&ps, last, 0);
    let section_four: Vec<Id> = lessons_of(&school, 4, 1);
    assert!(
        !ps.iter().any(|p| section_four.contains(&p.lesson_id)
            && p.day == end.day
            && p.period > end.period),
        "{end:?}"
    );

    let rooms: BTreeSet<Option<Id>> = ps
        .iter()
        .filter(|p| p.lesson_id == three_blocks[0])
        .map(|p| p.room_id)
        .collect();
    assert!(rooms.len() <= 2, "{rooms:?}");

    // Building changes per section and day, counted from the placements.
    let building: BTreeMap<Id, &str> = school
        .rooms
        .iter()
        .map(|r| (r.id, r.data.building.as_deref().unwrap_or("")))
        .collect();
    for section in &school.sections {
        let ids = lessons_of(&school, section.id, 1);
        for day in 1..=5u8 {
            let mut today: Vec<(u8, &str)> = ps
                .iter()
                .filter(|p| ids.contains(&p.lesson_id) && p.day == day)
                .filter_map(|p| Some((p.period, building[&p.room_id?])))
                .collect();
            today.sort_unstable();
            let changes = today.windows(2).filter(|w| w[0].1 != w[1].1).count();
            assert!(changes <= 2, "section {} day {day}: {today:?}", section.id);
        }
    }
}
