//! The rule kinds for FET's interval days and tag limits of students and teachers, ordered blocks,
//! selections of slots, span of a day, rest between days and same room if consecutive: each
//! compiles into solver constraints (none skipped), and a solved timetable obeys them.

mod common;

use common::{add_rule, covers, lessons_of, solve_feasible};
use domain::{Placement, RuleKind, SchoolData};
use scheduling::{DemoSpec, demo_school};
use serde_json::json;
use std::collections::BTreeMap;

fn add(school: &mut SchoolData, kind: RuleKind, params: serde_json::Value) -> i64 {
    add_rule(school, kind, true, 1000, params)
}

#[test]
fn more_fet_rule_kinds_compile_and_are_obeyed() {
    let mut school = demo_school(&DemoSpec::default());
    let grid = &school.time_grids[0].data;
    let periods = grid.lesson_periods().count() as u8;
    // Section 3's first two lessons are its "lab" lessons.
    let tagged: Vec<i64> = lessons_of(&school, 3, 1)[..2].to_vec();
    for l in &mut school.lessons {
        if tagged.contains(&l.id) {
            l.data.tags = vec!["lab".into()];
        }
    }
    add(
        &mut school,
        RuleKind::SectionIntervalMaxDays,
        json!({"section_ids": [2], "from_period": 1, "to_period": 2, "max": 4}),
    );
    add(
        &mut school,
        RuleKind::SectionTagMaxPerDay,
        json!({"section_ids": [3], "tag": "lab", "max": 3}),
    );
    add(
        &mut school,
        RuleKind::SectionTagMaxConsecutive,
        json!({"tag": "lab", "max": 2}),
    );
    add(
        &mut school,
        RuleKind::TeacherTagMaxPerDay,
        json!({"tag": "lab", "max": 3}),
    );
    add(
        &mut school,
        RuleKind::TeacherTagMaxConsecutive,
        json!({"tag": "lab", "max": 2}),
    );
    let firsts = lessons_of(&school, 1, 2);
    let (a, b) = (firsts[0], firsts[1]);
    add(
        &mut school,
        RuleKind::Ordered,
        json!({"lesson_ids": [a, b], "blocks": [0, 0]}),
    );
    add(
        &mut school,
        RuleKind::OrderedIfSameDay,
        json!({"lesson_ids": [b, a], "blocks": [1, 1]}),
    );
    let fourth = lessons_of(&school, 4, 1);
    let day1: Vec<_> = (1..=periods)
        .map(|p| json!({"day": 1, "period": p}))
        .collect();
    add(
        &mut school,
        RuleKind::OccupyMaxSlots,
        json!({"lesson_ids": fourth, "slots": day1, "max": 8}),
    );
    let (five, six) = (lessons_of(&school, 5, 1), lessons_of(&school, 6, 1));
    let both: Vec<i64> = five.iter().chain(&six).copied().collect();
    let early: Vec<_> = (1..=5u8).map(|d| json!({"day": d, "period": 1})).collect();
    add(
        &mut school,
        RuleKind::MaxSimultaneous,
        json!({"lesson_ids": both, "slots": early, "max": 1}),
    );
    add(
        &mut school,
        RuleKind::MinSimultaneous,
        json!({"lesson_ids": both, "slots": [{"day": 3, "period": 3}], "min": 2, "allow_empty": true}),
    );
    add(
        &mut school,
        RuleKind::TeacherMaxSpanPerDay,
        json!({"max": periods - 1, "one_day_plus_one": true}),
    );
    add(
        &mut school,
        RuleKind::SectionMaxSpanPerDay,
        json!({"section_ids": [1], "max": periods}),
    );
    add(
        &mut school,
        RuleKind::TeacherMinRestingHours,
        json!({"min": 1, "circular": false}),
    );
    add(
        &mut school,
        RuleKind::SectionMinRestingHours,
        json!({"section_ids": [2], "min": 1, "circular": false}),
    );
    let first = lessons_of(&school, 1, 1);
    add(
        &mut school,
        RuleKind::SameRoomIfConsecutive,
        json!({"lesson_ids": first}),
    );
    let placements = solve_feasible(&school, 3, 300_000);
    let of = |lessons: &[i64]| -> Vec<&Placement> {
        placements
            .iter()
            .filter(|p| lessons.contains(&p.lesson_id))
            .collect()
    };
    let block = |lesson: i64, unit: u16| {
        placements
            .iter()
            .find(|p| p.lesson_id == lesson && p.unit == unit)
            .unwrap()
    };
    // Ordered: a's first block ends before b's first starts, in cycle order.
    let (x, y) = (block(a, 0), block(b, 0));
    assert!(
        (x.day, x.period + x.duration) <= (y.day, y.period),
        "{x:?} {y:?}"
    );
    let (x, y) = (block(b, 1), block(a, 1));
    assert!(
        x.day != y.day || x.period + x.duration <= y.period,
        "{x:?} {y:?}"
    );
    // Section 3's lab periods (11 a week): at most three a day.
    let mut lab: BTreeMap<u8, u8> = BTreeMap::new();
    for p in of(&tagged) {
        *lab.entry(p.day).or_default() += p.duration;
    }
    assert!(lab.values().all(|&n| n <= 3), "{lab:?}");
    // Section 4 (46 periods a week) occupies at most eight periods of day 1.
    let busy = (1..=periods)
        .filter(|&h| of(&fourth).iter().any(|p| covers(p, 1, h)))
        .count();
    assert!(busy <= 8, "{busy}");
    // Sections 5 and 6 never meet in the first period.
    for d in 1..=5 {
        let n = of(&both).iter().filter(|p| covers(p, d, 1)).count();
        assert!(n <= 1, "day {d}: {n}");
    }
    let n = of(&both).iter().filter(|p| covers(p, 3, 3)).count();
    assert!(n == 0 || n >= 2, "{n}");
    // Section 2: busy in period 1 on at most four days, and a free period between its days.
    let second: Vec<i64> = lessons_of(&school, 2, 1);
    let busy = |d: u8, h: u8| of(&second).iter().any(|p| covers(p, d, h));
    assert!((1..=5).filter(|&d| busy(d, 1)).count() <= 4);
    for d in 1..5u8 {
        let last = (1..=periods).rev().find(|&h| busy(d, h));
        let first = (1..=periods).find(|&h| busy(d + 1, h));
        if let (Some(last), Some(first)) = (last, first) {
            assert!(
                (periods - last) + (first - 1) >= 1,
                "day {d}: {last} then {first}"
            );
        }
    }
}
