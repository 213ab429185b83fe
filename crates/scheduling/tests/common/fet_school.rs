//! The small FET-style school the fidelity tests pin lessons in: one section, one teacher,
//! two days of four periods, two single-period lessons and one room.

use domain::{
    ClockTime, Lesson, Level, Period, PeriodKind, Record, Room, RoomKind, Rule, RuleKind,
    SchoolData, Section, Subject, Teacher, TimeGrid,
};
use scheduling::compile;
use serde_json::json;
use solver::{NoDeadline, SolveOptions, solve};

pub fn rec<T>(id: i64, data: T) -> Record<T> {
    Record { id, data }
}

pub fn rule(id: i64, kind: RuleKind, params: serde_json::Value) -> Record<Rule> {
    rec(
        id,
        Rule {
            kind,
            hard: true,
            weight: 1000,
            params,
            enabled: true,
        },
    )
}

/// One section, one teacher, two days of four periods, two single-period lessons and one
/// room; the rules as FET's import writes them (each with `weight_percent`).
pub fn school(rules: Vec<Record<Rule>>) -> SchoolData {
    let periods = (1..=4u16)
        .map(|n| Period {
            number: n as u8,
            start: ClockTime(7 * 60 + (n - 1) * 60),
            end: ClockTime(7 * 60 + n * 60),
            kind: PeriodKind::Lesson,
        })
        .collect();
    let lesson = |id| rec(id, Lesson::in_blocks(vec![1], 1, vec![1], vec![1]));
    SchoolData {
        levels: vec![rec(
            1,
            Level {
                name: "FET fet1".into(),
                code: "fet1".into(),
                grades: 12,
            },
        )],
        time_grids: vec![rec(
            1,
            TimeGrid {
                name: "FET".into(),
                level: None,
                days: vec![1, 2],
                periods,
            },
        )],
        subjects: vec![rec(
            1,
            Subject {
                name: "M".into(),
                short_name: String::new(),
                colour: String::new(),
            },
        )],
        rooms: vec![rec(
            1,
            Room {
                name: "R".into(),
                kind: RoomKind::Aula,
                capacity: 30,
                unavailable: Vec::new(),
                building: None,
                parts: Vec::new(),
            },
        )],
        teachers: vec![rec(1, Teacher::named("T"))],
        sections: vec![rec(
            1,
            Section {
                level: "fet1".into(),
                grade: 1,
                letter: "A".into(),
                homeroom_id: None,
                size: 20,
                time_grid_id: Some(1),
                groups: Vec::new(),
                name: Some("1A".into()),
            },
        )],
        lessons: vec![lesson(1), lesson(2)],
        rules,
        ..SchoolData::default()
    }
}

pub fn fet(kind: RuleKind, mut params: serde_json::Value) -> (RuleKind, serde_json::Value) {
    params["weight_percent"] = json!(100);
    (kind, params)
}

pub fn with_rules(rules: Vec<(RuleKind, serde_json::Value)>) -> SchoolData {
    let rules = rules
        .into_iter()
        .enumerate()
        .map(|(i, (k, p))| rule(i as i64 + 1, k, p))
        .collect();
    school(rules)
}

/// Lessons 1 and 2 pinned, hard, at these (day, period) starts.
pub fn both_at(first: (u8, u8), second: (u8, u8)) -> (RuleKind, serde_json::Value) {
    fet(
        RuleKind::PreferredStartingTimes,
        json!({"lesson_ids": [1, 2], "blocks": [0, 0],
               "slots": [{"day": first.0, "period": first.1},
                         {"day": second.0, "period": second.1}]}),
    )
}

pub fn hard_after_solve(rules: Vec<(RuleKind, serde_json::Value)>) -> i64 {
    solve_hard(&with_rules(rules))
}

pub fn solve_hard(school: &SchoolData) -> i64 {
    assert_eq!(school.validate(), Ok(()));
    let compiled = compile(school, None).unwrap();
    assert_eq!(compiled.skipped_rules, vec![]);
    let options = SolveOptions {
        seed: 1,
        max_iterations: Some(20_000),
        ..SolveOptions::default()
    };
    solve(&compiled.model, &options, &NoDeadline, None, &|_| {})
        .cost
        .hard
}
