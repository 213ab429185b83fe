//! Two cooperating threads: the annealing thread (odd) and the shared pool of feasible
//! timetables. `check_incremental` asserts incremental == full after every move of both
//! phases; the result must cost what a full evaluation says and never lose feasibility.

#[allow(dead_code)] // the shared helpers this file does not call
mod common;

use common::school;
use solver::*;

#[test]
fn two_threads_anneal_and_share_without_cost_drift() {
    for seed in 0..3u64 {
        let model = school(5, 6, 14, seed, seed == 1);
        let options = SolveOptions {
            threads: 2,
            seed,
            max_iterations: Some(30_000),
            check_incremental: true,
            ..SolveOptions::default()
        };
        let result = solve(&model, &options, &NoDeadline, None, &|_| {});
        let full = model.evaluate(&result.solution).expect("evaluates").cost;
        assert_eq!(full, result.cost, "seed {seed}");
        assert_eq!(
            result.cost.hard, 0,
            "seed {seed}: an easy school ends feasible"
        );
    }
}
