//! FET's min days between blocks with "consecutive if same day": FET holds the back-to-back
//! part (and at most two blocks a day) hard whatever the rule's weight, so the compile must too.
//! Without the flag, FET's generator still never puts a block on the day of two others when
//! the weight is high: FET refuses such a timetable even with every activity locked.

mod common;

use common::{add_rule, solve_compiled};
use domain::{Id, RuleKind, SchoolData};
use scheduling::{DemoSpec, compile, demo_school};
use serde_json::json;

use add_rule as add;

/// A lesson with at least three blocks.
fn three_block_lesson(school: &SchoolData) -> Id {
    school
        .lessons
        .iter()
        .find(|l| l.data.blocks().len() >= 3)
        .map(|l| l.id)
        .expect("a lesson with three blocks")
}

fn labels_of(compiled: &scheduling::Compiled, rule: Id) -> Vec<(String, bool)> {
    compiled
        .constraints
        .iter()
        .filter(|c| c.rule_id == Some(rule))
        .map(|c| (c.label.clone(), c.hard))
        .collect()
}

#[test]
fn consecutive_if_same_day_is_hard_at_any_weight() {
    let mut school = demo_school(&DemoSpec::default());
    let lesson = three_block_lesson(&school);
    // The demo's once-a-day rule would forbid the same-day pair below.
    for r in &mut school.rules {
        if r.data.kind == RuleKind::SubjectOncePerDay {
            r.data.enabled = false;
        }
    }
    // Lowest weight: the days apart ask for little, yet the back-to-back part must hold.
    let rule = add(
        &mut school,
        RuleKind::MinDaysBetween,
        false,
        1,
        json!({"lesson_ids": [lesson, lesson, lesson], "blocks": [0, 1, 2],
               "min_days": 1, "consecutive_if_same_day": true}),
    );
    // Two of the blocks forced onto one day: they have to be back to back.
    add(
        &mut school,
        RuleKind::SameStartingDay,
        true,
        1000,
        json!({"lesson_ids": [lesson, lesson], "blocks": [0, 1]}),
    );
    assert_eq!(school.validate(), Ok(()));
    let compiled = compile(&school, None).unwrap();
    let labels = labels_of(&compiled, rule);
    assert!(
        labels.contains(&("Días de separación".into(), false)),
        "{labels:?}"
    );
    assert!(
        labels.contains(&("Seguidas si el mismo día".into(), true)),
        "{labels:?}"
    );
    assert!(
        labels.contains(&("Como mucho dos el mismo día".into(), true)),
        "{labels:?}"
    );

    let ps = solve_compiled(&school, &compiled, 3, 300_000);
    let mut blocks: Vec<(u8, u8, u8)> = ps
        .iter()
        .filter(|p| p.lesson_id == lesson && p.unit < 3)
        .map(|p| (p.day, p.period, p.duration))
        .collect();
    blocks.sort_unstable();
    assert_eq!(blocks.len(), 3);
    for day in 1..=7u8 {
        let today: Vec<(u8, u8, u8)> = blocks.iter().filter(|b| b.0 == day).copied().collect();
        assert!(today.len() <= 2, "{blocks:?}");
        if let [a, b] = today[..] {
            assert_eq!(a.1 + a.2, b.1, "not back to back: {blocks:?}");
        }
    }
}

#[test]
fn without_the_flag_only_the_days_apart_compile() {
    let mut school = demo_school(&DemoSpec::default());
    let lesson = three_block_lesson(&school);
    let rule = add(
        &mut school,
        RuleKind::MinDaysBetween,
        false,
        95,
        json!({"lesson_ids": [lesson, lesson, lesson], "blocks": [0, 1, 2],
               "min_days": 1, "consecutive_if_same_day": false}),
    );
    let compiled = compile(&school, None).unwrap();
    assert_eq!(
        labels_of(&compiled, rule),
        vec![("Días de separación".to_string(), false)]
    );
}

#[test]
fn at_fet_zero_percent_only_the_back_to_back_part_compiles() {
    let mut school = demo_school(&DemoSpec::default());
    let lesson = three_block_lesson(&school);
    let rule = add(
        &mut school,
        RuleKind::MinDaysBetween,
        false,
        1,
        json!({"lesson_ids": [lesson, lesson], "blocks": [0, 1], "min_days": 1,
               "consecutive_if_same_day": true, "weight_percent": 0.0}),
    );
    let compiled = compile(&school, None).unwrap();
    let mut labels = labels_of(&compiled, rule);
    labels.sort();
    assert_eq!(
        labels,
        vec![
            ("Como mucho dos el mismo día".to_string(), true),
            ("Seguidas si el mismo día".to_string(), true),
        ]
    );
}

#[test]
fn at_a_high_fet_weight_three_blocks_never_share_a_day() {
    let mut school = demo_school(&DemoSpec::default());
    let lesson = three_block_lesson(&school);
    let mut with_weight = |w: f64| {
        add(
            &mut school,
            RuleKind::MinDaysBetween,
            false,
            95,
            json!({"lesson_ids": [lesson, lesson, lesson], "blocks": [0, 1, 2],
                   "min_days": 1, "consecutive_if_same_day": false, "weight_percent": w}),
        )
    };
    let (high, low) = (with_weight(95.0), with_weight(80.0));
    let compiled = compile(&school, None).unwrap();
    let mut labels = labels_of(&compiled, high);
    labels.sort();
    assert_eq!(
        labels,
        vec![
            ("Como mucho dos el mismo día".to_string(), true),
            ("Días de separación".to_string(), false),
        ]
    );
    assert_eq!(
        labels_of(&compiled, low),
        vec![("Días de separación".to_string(), false)]
    );
}
