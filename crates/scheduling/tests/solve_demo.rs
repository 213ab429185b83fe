//! The demo school through the whole path: compile, solve on an iteration budget, decode,
//! report.

use domain::{Record, Timetable, TimetableData, TimetableStatus};
use scheduling::{DemoSpec, compile, demo_school, report};
use solver::{SolveOptions, Termination, solve};

/// Iteration budgets only: tests never depend on the machine's speed.
struct Never;
impl Termination for Never {
    fn elapsed_secs(&self) -> f64 {
        0.0
    }
    fn should_stop(&self) -> bool {
        false
    }
}

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
        history: None,
    };
    solve(&compiled.model, &options, &Never, None, &|_| {})
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
