//! The demo school through the whole path: compile, solve on an iteration budget, decode,
//! report.

use domain::{Record, Timetable, TimetableData, TimetableStatus};
use scheduling::{DemoSpec, compile, demo_school, report};
use solver::{NoDeadline, SolveOptions, solve};

/// Iteration budgets only: tests never depend on the machine's speed.
fn timetable(id: i64, placements: Vec<domain::Placement>) -> TimetableData {
    TimetableData {
        timetable: Record {
            id,
            data: Timetable {
                name: "prueba".into(),
                status: TimetableStatus::Draft,
                school_year_id: None,
                source: "solver".into(),
                hard_cost: None,
                soft_cost: None,
            },
        },
        placements,
    }
}

fn solve_with(compiled: &scheduling::Compiled, seed: u64, iterations: u64) -> solver::SolveResult {
    let options = SolveOptions {
        threads: 1,
        seed,
        max_iterations: Some(iterations),
        ..SolveOptions::default()
    };
    solve(&compiled.model, &options, &NoDeadline, None, &|_| {})
}

#[test]
fn the_demo_school_solves_to_zero_hard_and_reports_it() {
    let school = demo_school(&DemoSpec::default());
    let compiled = compile(&school, None).expect("compiles");
    let result = solve_with(&compiled, 1, 200_000);
    assert_eq!(result.cost.hard, 0, "{:?}", result.cost);
    let placements = compiled.decode(&result.solution, 1);
    let blocks: usize = school.lessons.iter().map(|l| l.data.blocks().len()).sum();
    assert_eq!(placements.len(), blocks);
    let tt = timetable(1, placements);
    let report = report(&school, &tt).expect("report");
    assert_eq!(report.hard_cost, 0, "{:?}", report.hard_violations);
    assert!(report.hard_violations.is_empty());
    assert_eq!(report.soft_cost, result.cost.soft);
    assert_eq!(report.teachers.len(), school.teachers.len());
    let taught: u32 = report.teachers.iter().map(|t| t.periods_per_week).sum();
    assert_eq!(taught as usize, school.counts().lesson_periods);
    let by_rule: i64 = report.soft_by_rule.iter().map(|r| r.cost).sum();
    assert_eq!(by_rule, report.soft_cost);
}

#[test]
fn the_same_seed_gives_the_same_timetable() {
    let school = demo_school(&DemoSpec::default());
    let compiled = compile(&school, None).unwrap();
    let a = compiled.decode(&solve_with(&compiled, 5, 30_000).solution, 1);
    let again = compile(&school, None).unwrap();
    let b = again.decode(&solve_with(&again, 5, 30_000).solution, 1);
    assert_eq!(a, b);
    let c = compiled.decode(&solve_with(&compiled, 6, 30_000).solution, 1);
    assert_ne!(a, c, "another seed should find another timetable");
}

#[test]
fn locked_placements_stay_put_on_re_solve() {
    let school = demo_school(&DemoSpec::default());
    let compiled = compile(&school, None).unwrap();
    let first = compiled.decode(&solve_with(&compiled, 1, 100_000).solution, 1);
    // Lock every fourth block where the first solve put it, then solve with another seed.
    let mut kept = first.clone();
    for (i, p) in kept.iter_mut().enumerate() {
        p.locked = i % 4 == 0;
    }
    let keep = timetable(1, kept.clone());
    let again = compile(&school, Some(&keep)).unwrap();
    let result = solve_with(&again, 99, 100_000);
    assert_eq!(result.cost.hard, 0);
    let second = again.decode(&result.solution, 1);
    let mut moved_unlocked = 0;
    for p in &kept {
        let q = second
            .iter()
            .find(|q| q.lesson_id == p.lesson_id && q.unit == p.unit)
            .unwrap();
        if p.locked {
            assert_eq!(
                (q.day, q.period, q.room_id, q.locked),
                (p.day, p.period, p.room_id, true)
            );
        } else if (q.day, q.period) != (p.day, p.period) {
            moved_unlocked += 1;
        }
    }
    assert!(moved_unlocked > 0, "the unlocked blocks were free to move");
}

#[test]
fn a_broken_timetable_is_reported_with_what_and_where() {
    let school = demo_school(&DemoSpec::default());
    let compiled = compile(&school, None).unwrap();
    let mut placements = compiled.decode(&solve_with(&compiled, 1, 100_000).solution, 1);
    // Put one block of 1er año A on top of another of its blocks.
    let section_lessons: Vec<i64> = school
        .lessons
        .iter()
        .filter(|l| l.data.section_ids == [1])
        .map(|l| l.id)
        .collect();
    let mine: Vec<usize> = (0..placements.len())
        .filter(|&i| section_lessons.contains(&placements[i].lesson_id))
        .collect();
    let (a, b) = (
        mine[0],
        mine.iter()
            .copied()
            .find(|&i| placements[i].lesson_id != placements[mine[0]].lesson_id)
            .unwrap(),
    );
    placements[b].day = placements[a].day;
    placements[b].period = placements[a].period;
    let r = report(&school, &timetable(1, placements.clone())).unwrap();
    let clash = r
        .hard_violations
        .iter()
        .find(|v| v.rule == Some(domain::RuleKind::NoSectionClash))
        .expect("the section clash is reported");
    assert_eq!(clash.who, "1er año A");
    assert!(!clash.places.is_empty(), "{clash:?}");
    // A block missing from the timetable is reported as unplaced.
    placements.remove(a);
    let r = report(&school, &timetable(1, placements)).unwrap();
    assert!(
        r.hard_violations
            .iter()
            .any(|v| v.what == "Todas las clases ubicadas")
    );
}

#[test]
fn moves_are_checked_against_the_same_rules() {
    let school = demo_school(&DemoSpec::default());
    let compiled = compile(&school, None).unwrap();
    let placements = compiled.decode(&solve_with(&compiled, 1, 100_000).solution, 1);
    let mut checker =
        scheduling::MoveChecker::new(compile(&school, None).unwrap(), &placements).unwrap();
    assert_eq!(checker.cost().hard, 0);
    let p = &placements[0];
    let stay = scheduling::Move::Place {
        lesson_id: p.lesson_id,
        unit: p.unit,
        day: p.day,
        period: p.period,
        room_id: None,
    };
    let same = checker.check(&stay).unwrap();
    assert!(same.legal);
    assert_eq!((same.hard_delta, same.soft_delta), (0, 0));
    // Onto another block of the same section: a section clash, and maybe more.
    let other = placements
        .iter()
        .find(|q| {
            q.lesson_id != p.lesson_id
                && school.lessons.iter().any(|l| {
                    l.id == q.lesson_id
                        && school.lessons.iter().any(|m| {
                            m.id == p.lesson_id && m.data.section_ids == l.data.section_ids
                        })
                })
                && q.duration == p.duration
        })
        .unwrap();
    let onto = scheduling::Move::Place {
        lesson_id: p.lesson_id,
        unit: p.unit,
        day: other.day,
        period: other.period,
        room_id: None,
    };
    let bad = checker.check(&onto).unwrap();
    assert!(!bad.legal);
    assert!(bad.hard_delta > 0);
    assert!(
        bad.hard_violations
            .iter()
            .any(|v| v.rule == Some(domain::RuleKind::NoSectionClash))
    );
    // Swapping two blocks of the same section and length keeps the section clash-free.
    let swap = scheduling::Move::Swap {
        first: (p.lesson_id, p.unit),
        second: (other.lesson_id, other.unit),
    };
    let swapped = checker.check(&swap).unwrap();
    assert!(
        !swapped
            .hard_violations
            .iter()
            .any(|v| v.rule == Some(domain::RuleKind::NoSectionClash)),
        "{swapped:?}"
    );
    let applied = checker.apply(&onto).unwrap();
    assert_eq!(applied, bad);
    assert_eq!(checker.cost().hard, bad.hard_delta);
}

#[test]
fn a_lesson_cannot_be_moved_into_a_room_it_may_not_use() {
    let school = demo_school(&DemoSpec::default());
    let compiled = compile(&school, None).unwrap();
    let placements = compiled.decode(&solve_with(&compiled, 1, 50_000).solution, 1);
    // A lesson of 1er año A (homeroom Aula 1) into Aula 2, 2do año A's homeroom.
    let p = placements
        .iter()
        .find(|p| p.room_id == Some(1))
        .expect("1er año A meets in its homeroom");
    let checker = scheduling::MoveChecker::new(compiled, &placements).unwrap();
    let mv = scheduling::Move::Place {
        lesson_id: p.lesson_id,
        unit: p.unit,
        day: p.day,
        period: p.period,
        room_id: Some(2),
    };
    let err = checker.check(&mv).unwrap_err().to_string();
    assert!(err.contains("solo puede darse en Aula 1"), "{err}");
}
