//! Rule kinds that FET files bring compile into solver constraints the timetable then obeys;
//! those the solver cannot express would be reported as skipped.

mod common;

use common::{add_rule, covers, solve_feasible};
use domain::{RuleKind, SchoolData};
use scheduling::{DemoSpec, demo_school};
use serde_json::json;

fn add(school: &mut SchoolData, kind: RuleKind, params: serde_json::Value) -> i64 {
    add_rule(school, kind, true, 1000, params)
}

/// The first lesson of `section` whose blocks are all doubles, with its block count.
fn lesson_of(school: &SchoolData, section: i64, blocks: usize) -> i64 {
    school
        .lessons
        .iter()
        .find(|l| {
            l.data.section_ids == [section]
                && l.data.blocks().len() == blocks
                && l.data.blocks().iter().all(|&b| b == 2)
        })
        .unwrap()
        .id
}

#[test]
fn fet_rule_kinds_are_obeyed_or_reported() {
    let mut school = demo_school(&DemoSpec::default());
    add(
        &mut school,
        RuleKind::BreakSlots,
        json!({"slots": [{"day": 5, "period": 10}, {"day": 5, "period": 9}]}),
    );
    add(
        &mut school,
        RuleKind::SectionAvailability,
        json!({"section_ids": [1], "slots": [{"day": 1, "period": 9}, {"day": 1, "period": 10}]}),
    );
    let pinned = lesson_of(&school, 2, 2);
    add(
        &mut school,
        RuleKind::PreferredStartingTimes,
        json!({"lesson_ids": [pinned], "blocks": [0], "slots": [{"day": 2, "period": 1}]}),
    );
    let apart = lesson_of(&school, 1, 2);
    add(
        &mut school,
        RuleKind::MinDaysBetween,
        json!({"lesson_ids": [apart, apart], "blocks": [0, 1], "min_days": 2}),
    );
    add(&mut school, RuleKind::SectionMaxPerDay, json!({"max": 10}));
    add(&mut school, RuleKind::TeacherMinDays, json!({"min": 1}));
    add(
        &mut school,
        RuleKind::SectionEarlyStart,
        json!({"section_ids": [2], "max_late_starts": 1}),
    );
    // Two lessons of different sections and teachers that must never overlap.
    let one = lesson_of(&school, 4, 3);
    let teacher_of = |id: i64| {
        school
            .lessons
            .iter()
            .find(|l| l.id == id)
            .unwrap()
            .data
            .teacher_ids
            .clone()
    };
    let two = school
        .lessons
        .iter()
        .find(|l| {
            l.data.section_ids == [5]
                && l.data.blocks() == [2, 2, 2]
                && l.data.teacher_ids != teacher_of(one)
        })
        .unwrap()
        .id;
    add(
        &mut school,
        RuleKind::NotOverlapping,
        json!({"lesson_ids": [one, two]}),
    );
    add(
        &mut school,
        RuleKind::SameStartingHour,
        json!({"lesson_ids": [apart]}),
    );
    let placements = solve_feasible(&school, 4, 300_000);
    assert!(
        !placements
            .iter()
            .any(|p| covers(p, 5, 9) || covers(p, 5, 10))
    );
    let first_section: Vec<i64> = school
        .lessons
        .iter()
        .filter(|l| l.data.section_ids == [1])
        .map(|l| l.id)
        .collect();
    assert!(
        !placements
            .iter()
            .any(|p| first_section.contains(&p.lesson_id) && p.day == 1 && p.period >= 9)
    );
    let pin = placements
        .iter()
        .find(|p| p.lesson_id == pinned && p.unit == 0)
        .unwrap();
    assert_eq!((pin.day, pin.period), (2, 1));
    for a in placements.iter().filter(|p| p.lesson_id == one) {
        for b in placements.iter().filter(|p| p.lesson_id == two) {
            let apart = a.day != b.day
                || a.period + a.duration <= b.period
                || b.period + b.duration <= a.period;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
    let days: Vec<u8> = placements
        .iter()
        .filter(|p| p.lesson_id == apart)
        .map(|p| p.day)
        .collect();
    assert!(days[0].abs_diff(days[1]) >= 2, "{days:?}");
    let periods: Vec<u8> = placements
        .iter()
        .filter(|p| p.lesson_id == apart)
        .map(|p| p.period)
        .collect();
    assert_eq!(periods[0], periods[1]);
}
