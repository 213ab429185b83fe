//! Two grids of one school overlap in clock time: a teacher's clash is decided by the clock,
//! never by period numbers.

use domain::{
    ClockTime, Lesson, Period, PeriodKind, Placement, Record, RuleKind, SchoolData, Section,
    Subject, Teacher, TimeGrid, Timetable, TimetableData, TimetableStatus,
};
use scheduling::{Move, Owner, check_move, compile, report};
use solver::{NoDeadline, SolveOptions, solve};

fn grid(name: &str, level: &str, periods: &[(&str, &str)]) -> TimeGrid {
    TimeGrid {
        name: name.into(),
        level: Some(level.into()),
        days: vec![1],
        periods: periods
            .iter()
            .enumerate()
            .map(|(i, (a, b))| Period {
                number: i as u8 + 1,
                start: ClockTime::parse(a).unwrap(),
                end: ClockTime::parse(b).unwrap(),
                kind: PeriodKind::Lesson,
            })
            .collect(),
    }
}

/// Primaria 7:00–7:45, 7:45–8:30; media 7:45–8:25, 8:25–9:05. One teacher teaches a lesson
/// in a section of each.
fn rec<T>(id: i64, data: T) -> Record<T> {
    Record { id, data }
}

fn two_grid_school() -> SchoolData {
    let section = |level: &str, grid| Section {
        level: level.into(),
        grade: 1,
        letter: "A".into(),
        homeroom_id: None,
        size: 20,
        time_grid_id: Some(grid),
        groups: Vec::new(),
        name: None,
    };
    let lesson = |section| Lesson::in_blocks(vec![section], 1, vec![1], vec![1]);
    SchoolData {
        time_grids: vec![
            rec(
                1,
                grid(
                    "Primaria",
                    "primaria",
                    &[("7:00", "7:45"), ("7:45", "8:30")],
                ),
            ),
            rec(
                2,
                grid(
                    "Media",
                    "media_general",
                    &[("7:45", "8:25"), ("8:25", "9:05")],
                ),
            ),
        ],
        subjects: vec![rec(
            1,
            Subject {
                name: "Inglés".into(),
                short_name: "ING".into(),
                colour: String::new(),
            },
        )],
        teachers: vec![rec(1, Teacher::named("Ana Pérez"))],
        sections: vec![
            rec(1, section("primaria", 1)),
            rec(2, section("media_general", 2)),
        ],
        lessons: vec![rec(1, lesson(1)), rec(2, lesson(2))],
        rules: RuleKind::default_rules()
            .into_iter()
            .enumerate()
            .map(|(i, r)| rec(i as i64 + 1, r))
            .collect(),
        ..SchoolData::default()
    }
}

fn at(lesson_id: i64, period: u8) -> Placement {
    Placement {
        timetable_id: 1,
        lesson_id,
        unit: 0,
        day: 1,
        period,
        duration: 1,
        room_id: None,
        locked: false,
    }
}

fn timetable(placements: Vec<Placement>) -> TimetableData {
    TimetableData {
        timetable: Record {
            id: 1,
            data: Timetable {
                name: "a mano".into(),
                status: TimetableStatus::Draft,
                school_year_id: None,
                source: "manual".into(),
                hard_cost: None,
                soft_cost: None,
            },
        },
        placements,
    }
}

fn teacher_clashes(r: &scheduling::Report) -> Vec<&scheduling::Violation> {
    r.hard_violations
        .iter()
        .filter(|v| v.rule == Some(RuleKind::NoTeacherClash))
        .collect()
}

#[test]
fn different_period_numbers_that_overlap_by_the_clock_clash() {
    let school = two_grid_school();
    // Primaria period 2 (7:45–8:30) against media period 1 (7:45–8:25).
    let r = report(&school, &timetable(vec![at(1, 2), at(2, 1)])).unwrap();
    let clashes = teacher_clashes(&r);
    assert_eq!(clashes.len(), 1, "{:?}", r.hard_violations);
    assert_eq!(clashes[0].owner, Owner::Teacher { id: 1 });
    assert_eq!(clashes[0].who, "Ana Pérez");
    assert!(!clashes[0].places.is_empty());
    assert!(r.hard_cost > 0);
}

#[test]
fn equal_period_numbers_that_only_touch_do_not_clash() {
    let school = two_grid_school();
    // Primaria period 1 (7:00–7:45) and media period 1 (7:45–8:25) touch but do not overlap.
    let r = report(&school, &timetable(vec![at(1, 1), at(2, 1)])).unwrap();
    assert!(teacher_clashes(&r).is_empty(), "{:?}", r.hard_violations);
    assert_eq!(r.hard_cost, 0);
}

#[test]
fn a_move_onto_an_overlapping_period_is_refused_and_the_solver_avoids_it() {
    let school = two_grid_school();
    // Primaria 7:00–7:45 and media 8:25–9:05: no clash.
    let tt = timetable(vec![at(1, 1), at(2, 2)]);
    assert_eq!(report(&school, &tt).unwrap().hard_cost, 0);
    // Media to 7:45–8:25 only touches primaria's 7:45.
    let ok = check_move(&school, &tt, &place(2, 1)).unwrap();
    assert!(ok.legal, "{ok:?}");
    // Primaria to 7:45–8:30 overlaps media's 8:25–9:05 by five minutes.
    let bad = check_move(&school, &tt, &place(1, 2)).unwrap();
    assert!(!bad.legal);
    assert_eq!(bad.hard_delta, 1);
    assert_eq!(bad.hard_violations[0].rule, Some(RuleKind::NoTeacherClash));

    let compiled = compile(&school, None).unwrap();
    for seed in 0..5 {
        let options = SolveOptions {
            seed,
            max_iterations: Some(2_000),
            ..SolveOptions::default()
        };
        let result = solve(&compiled.model, &options, &NoDeadline, None, &|_| {});
        let full = compiled.evaluate(&result.solution).unwrap();
        assert_eq!(full.cost, result.cost, "{:?}", result.solution);
        assert_eq!(result.cost.hard, 0);
        let placements = compiled.decode(&result.solution, 1);
        let round_trip = compiled.encode(&placements).unwrap();
        assert_eq!(compiled.evaluate(&round_trip).unwrap().cost, result.cost);
        let r = report(&school, &timetable(placements)).unwrap();
        assert_eq!(r.hard_cost, 0, "{:?}", r.hard_violations);
    }
}

fn place(lesson_id: i64, period: u8) -> Move {
    Move::Place {
        lesson_id,
        unit: 0,
        day: 1,
        period,
        room_id: None,
    }
}
