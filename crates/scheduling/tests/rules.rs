//! Every rule kind compiles into constraints; divided sections take parallel lessons.

use domain::{
    ClockTime, Lesson, Period, PeriodKind, Record, Rule, RuleKind, SchoolData, Section,
    SectionGroup, Slot, Subject, Teacher, TimeGrid,
};
use scheduling::{DemoSpec, compile, demo_school};
use solver::{NoDeadline, SolveOptions, solve};
use std::collections::BTreeSet;

fn solve_with(compiled: &scheduling::Compiled, iterations: u64) -> solver::SolveResult {
    let options = SolveOptions {
        seed: 3,
        max_iterations: Some(iterations),
        ..SolveOptions::default()
    };
    solve(&compiled.model, &options, &NoDeadline, None, &|_| {})
}

fn rule(kind: RuleKind, hard: bool, params: serde_json::Value) -> Rule {
    Rule {
        kind,
        hard,
        weight: if hard { 1000 } else { 7 },
        params,
        enabled: true,
    }
}

#[test]
fn every_rule_kind_becomes_constraints_and_the_demo_still_solves() {
    let mut school = demo_school(&DemoSpec::default());
    let extra = [
        rule(
            RuleKind::TeacherMaxPerDay,
            true,
            serde_json::json!({"max": 8}),
        ),
        rule(
            RuleKind::TeacherMaxPerWeek,
            true,
            serde_json::json!({"max": 36}),
        ),
        rule(
            RuleKind::TeacherMaxConsecutive,
            false,
            // A recess ends a run, and the demo's runs are at most 4 long.
            serde_json::json!({"max": 3}),
        ),
        rule(
            RuleKind::TeacherMaxGapsPerWeek,
            false,
            serde_json::json!({"max": 4}),
        ),
        rule(RuleKind::RoomCapacity, true, serde_json::json!({})),
        rule(RuleKind::RoomAvailability, true, serde_json::json!({})),
        rule(
            RuleKind::PreferredPeriods,
            false,
            serde_json::json!({"periods": [1, 2, 3, 4], "subject_ids": [2]}),
        ),
    ];
    let first_id = school.rules.len() as i64 + 1;
    for (i, r) in extra.into_iter().enumerate() {
        school.rules.push(Record {
            id: first_id + i as i64,
            data: r,
        });
    }
    // The laboratory is closed on Monday's first two periods.
    let lab = school
        .rooms
        .iter_mut()
        .find(|r| r.data.kind == domain::RoomKind::Laboratorio)
        .unwrap();
    lab.data.unavailable = vec![Slot { day: 1, period: 1 }, Slot { day: 1, period: 2 }];
    // A spare classroom nobody calls home: homeroom lessons may use it, at a soft cost.
    let mut spare = school.rooms[0].clone();
    spare.id = school.rooms.len() as i64 + 1;
    spare.data.name = "Aula libre".into();
    school.rooms.push(spare);
    assert_eq!(school.validate(), Ok(()));
    let kinds: BTreeSet<String> = school
        .rules
        .iter()
        .map(|r| format!("{:?}", r.data.kind))
        .collect();
    // The school rule kinds (issue 10) come first in `ALL`; FET's follow.
    assert_eq!(kinds.len(), 20, "the test covers every school rule kind");
    assert!(
        RuleKind::ALL[..20]
            .iter()
            .all(|k| kinds.contains(&format!("{k:?}")))
    );

    let compiled = compile(&school, None).unwrap();
    for r in &school.rules {
        let n = compiled
            .constraints
            .iter()
            .filter(|c| c.rule_id == Some(r.id))
            .count();
        // Hard room rules narrow the rooms a lesson may take instead of adding constraints.
        let by_domain =
            r.data.hard && matches!(r.data.kind, RuleKind::RoomType | RuleKind::RoomCapacity);
        assert!(n > 0 || by_domain, "{:?} gave no constraint", r.data.kind);
        assert!(
            compiled
                .constraints
                .iter()
                .filter(|c| c.rule_id == Some(r.id))
                .all(|c| c.hard == r.data.hard)
        );
    }
    let result = solve_with(&compiled, 300_000);
    assert_eq!(result.cost.hard, 0);
    let report = compiled.report(&school, &result.solution).unwrap();
    assert_eq!(report.hard_cost, 0);
    let placements = compiled.decode(&result.solution, 1);
    let lab_id = lab_id(&school);
    assert!(
        !placements
            .iter()
            .any(|p| p.room_id == Some(lab_id) && p.day == 1 && p.period < 3),
        "the closed laboratory was used"
    );
    // Soft costs per teacher and per section add up to at most the total (some soft rules
    // are about lessons shared by several sections).
    let teachers: i64 = report.soft_by_teacher.iter().map(|t| t.cost).sum();
    assert!(teachers <= report.soft_cost);
}

fn lab_id(school: &SchoolData) -> i64 {
    school
        .rooms
        .iter()
        .find(|r| r.data.kind == domain::RoomKind::Laboratorio)
        .unwrap()
        .id
}

/// One day of four periods; the section's two groups must take Educación Física side by side
/// for everything to fit.
#[test]
fn a_divided_section_takes_parallel_lessons_and_whole_lessons_apart() {
    let rec = |id: i64, data| Record { id, data };
    let teacher = Teacher::named;
    let lesson = |group: Option<&str>, subject, teacher, pattern: Vec<u8>| Lesson {
        group: group.map(String::from),
        ..Lesson::in_blocks(vec![1], subject, vec![teacher], pattern)
    };
    let periods = (0..4u16)
        .map(|i| Period {
            number: i as u8 + 1,
            start: ClockTime(420 + 40 * i),
            end: ClockTime(460 + 40 * i),
            kind: PeriodKind::Lesson,
        })
        .collect();
    let subject = |name: &str| Subject {
        name: name.into(),
        short_name: String::new(),
        colour: String::new(),
    };
    let school = SchoolData {
        time_grids: vec![Record {
            id: 1,
            data: TimeGrid {
                name: "Mañana".into(),
                level: Some("media_general".into()),
                days: vec![1],
                periods,
            },
        }],
        subjects: vec![
            Record {
                id: 1,
                data: subject("Educación Física"),
            },
            Record {
                id: 2,
                data: subject("Matemática"),
            },
        ],
        teachers: vec![
            Record {
                id: 1,
                data: teacher("Luis Rojas"),
            },
            Record {
                id: 2,
                data: teacher("Ana Parra"),
            },
            Record {
                id: 3,
                data: teacher("José Díaz"),
            },
        ],
        sections: vec![Record {
            id: 1,
            data: Section {
                level: "media_general".into(),
                grade: 4,
                letter: "A".into(),
                homeroom_id: None,
                size: 30,
                time_grid_id: Some(1),
                groups: vec![
                    SectionGroup {
                        name: "Varones".into(),
                        size: 15,
                    },
                    SectionGroup {
                        name: "Hembras".into(),
                        size: 15,
                    },
                ],
                name: None,
            },
        }],
        lessons: vec![
            rec(1, lesson(Some("Varones"), 1, 1, vec![2])),
            rec(2, lesson(Some("Hembras"), 1, 2, vec![2])),
            rec(3, lesson(None, 2, 3, vec![2])),
        ],
        rules: RuleKind::default_rules()
            .into_iter()
            .enumerate()
            .map(|(i, r)| Record {
                id: i as i64 + 1,
                data: r,
            })
            .collect(),
        ..SchoolData::default()
    };
    assert_eq!(school.validate(), Ok(()));
    let compiled = compile(&school, None).unwrap();
    let result = solve_with(&compiled, 5_000);
    assert_eq!(result.cost.hard, 0);
    let p = compiled.decode(&result.solution, 1);
    let start = |lesson: i64| p.iter().find(|x| x.lesson_id == lesson).unwrap().period;
    assert_eq!(
        start(1),
        start(2),
        "the groups take their lessons side by side"
    );
    assert!(
        start(3).abs_diff(start(1)) >= 2,
        "the whole section meets apart: {p:?}"
    );
}

#[test]
fn fewest_days_asks_each_teacher_for_no_more_days_than_their_lessons_need() {
    let mut school = demo_school(&DemoSpec::default());
    for r in &mut school.rules {
        if r.data.kind == RuleKind::TeacherMaxDays {
            r.data.params = serde_json::json!({"max": 5, "fewest": true});
        }
    }
    let compiled = compile(&school, None).unwrap();
    let mut checked = 0;
    for (i, info) in compiled.constraints.iter().enumerate() {
        let scheduling::Owner::Teacher { id } = info.owner else {
            continue;
        };
        if info.kind != Some(RuleKind::TeacherMaxDays) {
            continue;
        }
        let teacher = &school.teachers.iter().find(|t| t.id == id).unwrap().data;
        let lessons: Vec<_> = school
            .lessons
            .iter()
            .filter(|l| l.data.teacher_ids.contains(&id))
            .collect();
        let load: u32 = lessons.iter().map(|l| l.data.periods_per_week as u32).sum();
        let spread = lessons
            .iter()
            .map(|l| l.data.blocks().len() as u32)
            .max()
            .unwrap();
        let cap = teacher.max_periods_per_day.unwrap() as u32;
        let expected = load.div_ceil(cap).max(spread).min(5);
        match &compiled
            .model
            .constraint(solver::ConstraintId(i as u32))
            .kind
        {
            solver::ConstraintKind::ClusterBusyTimes { max, .. } => assert_eq!(*max, expected),
            other => panic!("{other:?}"),
        }
        checked += 1;
    }
    assert_eq!(checked, school.teachers.len());
    let result = solve_with(&compiled, 200_000);
    assert_eq!(result.cost.hard, 0);
}
