//! The engine on real XHSTT instances: its own cost equals the independent evaluator's, every
//! move's incremental cost equals a full evaluation (feature `check-incremental`), a seed fixes
//! the result, and small instances are solved feasibly within a move budget.

use solver::{SolveOptions, Termination};
use std::path::PathBuf;

fn data_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/xhstt"
    ));
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "../shared/data missing under CI"
    );
    eprintln!("skipping: {} not found", dir.display());
    None
}

/// Never stops on its own: tests run on move budgets, not on time.
struct NoClock;
impl Termination for NoClock {
    fn elapsed_secs(&self) -> f64 {
        0.0
    }
    fn should_stop(&self) -> bool {
        false
    }
}

fn solve(
    name: &str,
    steps: u64,
    seed: u64,
) -> Option<(xhstt::Instance, xhstt_bridge::SolveOutcome)> {
    solve_checked(name, steps, seed, true)
}

fn solve_checked(
    name: &str,
    steps: u64,
    seed: u64,
    check_incremental: bool,
) -> Option<(xhstt::Instance, xhstt_bridge::SolveOutcome)> {
    let dir = data_dir()?;
    let inst = xhstt_bridge::read_instance_file(&dir.join("instances").join(name))
        .expect("instance reads");
    let options = SolveOptions {
        threads: 1,
        seed,
        max_iterations: Some(steps),
        history: None,
        check_incremental,
        initial: None,
    };
    let out =
        xhstt_bridge::solve_instance(&inst, &options, &NoClock, None, &|_| {}).expect("solves");
    Some((inst, out))
}

#[test]
fn solver_cost_equals_xhstt_evaluation() {
    for name in [
        "BR-SA-00.xml",
        "Sudoku4x4.xml",
        "GR-H1-97.xml",
        "ZA-LW-09.xml",
        "AU-TE-99.xml",
        "FI-WP-06.xml",
    ] {
        let Some((_, out)) = solve(name, 400, 3) else {
            return;
        };
        assert_eq!(
            out.result.cost.hard as u64, out.evaluation.infeasibility,
            "{name} infeasibility"
        );
        assert_eq!(
            out.result.cost.soft as u64, out.evaluation.objective,
            "{name} objective"
        );
    }
}

#[test]
fn one_thread_and_a_seed_are_deterministic() {
    let Some((_, a)) = solve("BR-SN-00.xml", 3000, 11) else {
        return;
    };
    let Some((_, b)) = solve("BR-SN-00.xml", 3000, 11) else {
        return;
    };
    assert_eq!(a.result.solution, b.result.solution);
    assert_eq!(a.result.cost, b.result.cost);
}

#[test]
fn small_instances_are_solved_feasibly_on_a_move_budget() {
    // Millions of moves: these runs skip the per-move full re-evaluation (other tests do it).
    for (name, steps) in [
        ("Hdtt4.xml", 12_000_000),
        ("Sudoku4x4.xml", 1_000_000),
        ("BR-SA-00.xml", 1_000_000),
    ] {
        let Some((_, out)) = solve_checked(name, steps, 5, false) else {
            return;
        };
        assert_eq!(out.evaluation.infeasibility, 0, "{name} should be feasible");
    }
}

#[test]
fn model_evaluation_agrees_with_evaluator_on_published_solutions() {
    let Some(dir) = data_dir() else { return };
    let (mut checked, mut rejected) = (0, 0);
    for file in [
        "BR-SA-00.xml",
        "Hdtt4.xml",
        "Sudoku4x4.xml",
        "GR-H1-97.xml",
        "FI-WP-06.xml",
        "ZA-LW-09.xml",
        "AU-TE-99.xml",
        "ES-SS-08.xml",
        "KS-PR-11.xml",
    ] {
        let archive = xhstt_bridge::read_archive_file(&dir.join("archives").join(file))
            .expect("archive reads");
        for group in &archive.solution_groups {
            for sol in &group.solutions {
                let inst = &archive.instances[sol.instance];
                let model = xhstt_bridge::compile(inst).expect("compiles");
                let expected = xhstt::evaluate(inst, sol);
                match model.evaluate(&xhstt_bridge::from_xhstt(inst, sol)) {
                    Ok(ev) => {
                        checked += 1;
                        assert_eq!(
                            (ev.cost.hard as u64, ev.cost.soft as u64),
                            (expected.infeasibility, expected.objective),
                            "{file} {}",
                            group.id
                        );
                    }
                    Err(_) => rejected += 1,
                }
            }
        }
    }
    assert!(
        checked > 20 && rejected * 10 <= checked,
        "checked {checked}, rejected {rejected}"
    );
}
