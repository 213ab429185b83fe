//! Warm starts: a solve that starts from a given timetable never ends worse than it, keeps
//! locked sub-events where the model locks them, and places what has no time.

mod common;

use common::{school, solve_steps};
use solver::*;

#[test]
fn warm_start_is_never_worse_and_keeps_locks() {
    for seed in 0..4 {
        let model = school(5, 6, 20, seed, true);
        let start = solve_steps(&model, 3_000, None);
        let start_cost = model.evaluate(&start.solution).unwrap().cost;
        let warm = solve_steps(&model, 300, Some(start.solution.clone()));
        assert!(warm.cost <= start_cost, "{:?} > {start_cost:?}", warm.cost);
        assert_eq!(model.evaluate(&warm.solution).unwrap().cost, warm.cost);
        let locked = warm
            .solution
            .sub_events
            .iter()
            .find(|se| se.event == EventId(0));
        assert_eq!(
            locked.and_then(|se| se.start),
            Some(TimeId(0)),
            "the lock stays"
        );
    }
}

#[test]
fn warm_start_places_what_has_no_time() {
    let model = school(5, 6, 20, 9, false);
    let mut start = solve_steps(&model, 3_000, None).solution;
    for se in start.sub_events.iter_mut().step_by(4) {
        se.start = None;
        se.resources = vec![None; se.resources.len()];
    }
    let warm = solve_steps(&model, 0, Some(start));
    assert!(warm.solution.sub_events.iter().all(|se| se.start.is_some()));
}
