//! The public entry point: searches on `threads` threads with different seeds, reporting the
//! best timetable found. A portfolio while infeasible: even threads weigh persistent hard
//! defects, odd ones do not (they polish on hard plateaus). Once feasible every thread anneals
//! the soft cost (simulated annealing beat the late-acceptance polish on most instances at equal
//! moves). The threads cooperate through a pool holding the best feasible timetable: one still
//! infeasible, or far behind, takes it; odd threads restart each annealing cycle from it.

use crate::construct::construct;
use crate::model::Model;
use crate::search::{Pool, SearchLimits, run};
use crate::session::warm_state;
use crate::solution::Solution;
use crate::state::{Cost, State};
use rand::SeedableRng;
use rand::rngs::SmallRng;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// The caller's clock: the solver reads time only through this.
pub trait Termination: Sync {
    /// Seconds since the solve started.
    fn elapsed_secs(&self) -> f64;
    /// True once the search must stop (time limit reached, user cancelled, ...).
    fn should_stop(&self) -> bool;
}

/// A clock that never stops the search by itself: the move budget
/// ([`SolveOptions::max_iterations`]) or the cancel flag ends it. For tests and fixed-budget runs.
pub struct NoDeadline;

impl Termination for NoDeadline {
    fn elapsed_secs(&self) -> f64 {
        0.0
    }
    fn should_stop(&self) -> bool {
        false
    }
}

/// How to search.
#[derive(Clone, Debug)]
pub struct SolveOptions {
    pub threads: usize,
    pub seed: u64,
    /// Stop each thread after this many moves (deterministic budgets for tests).
    pub max_iterations: Option<u64>,
    /// Late acceptance history length of the first thread (thread `i` uses `(2i + 1)` times it);
    /// `None` uses 50, which measured best on 4 s runs of XHSTT instances.
    pub history: Option<usize>,
    /// Assert after every move that the incremental cost equals a full evaluation (slow; for
    /// tests; the `check-incremental` feature turns it on everywhere).
    pub check_incremental: bool,
    /// Warm start: search from this timetable instead of constructing one (locked sub-events
    /// stay where the model locks them; sub-events without a time are placed first). The
    /// result is never worse than it. Ignored when it does not fit the model (check it with
    /// [`Model::evaluate`]).
    pub initial: Option<Solution>,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            threads: 1,
            seed: 0,
            max_iterations: None,
            history: None,
            check_incremental: false,
            initial: None,
        }
    }
}

/// A new best-so-far.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    pub cost: Cost,
    pub elapsed_secs: f64,
    /// Moves tried so far, over all threads (as last reported by each).
    pub iterations: u64,
}

/// What a solve returns: the best timetable and how it was found.
#[derive(Clone, Debug)]
pub struct SolveResult {
    pub solution: Solution,
    pub cost: Cost,
    /// Cost of the first thread's constructed timetable, before local search.
    pub construction_cost: Cost,
    pub iterations: u64,
    pub elapsed_secs: f64,
    /// Approximate heap bytes of the model and of all threads' search states.
    pub model_bytes: usize,
    pub state_bytes: usize,
}

struct Shared {
    cost: Option<Cost>,
    solution: Solution,
}

/// Solves `model`: constructs, then improves until `termination` or `cancel` says stop (or the
/// iteration budget runs out). With one thread and a seed the result is deterministic.
pub fn solve(
    model: &Model,
    options: &SolveOptions,
    termination: &dyn Termination,
    cancel: Option<&AtomicBool>,
    progress: &(dyn Fn(&Progress) + Sync),
) -> SolveResult {
    let threads = options.threads.max(1);
    let shared = Mutex::new(Shared {
        cost: None,
        solution: Solution::default(),
    });
    let iterations = AtomicU64::new(0);
    let state_bytes = AtomicU64::new(0);
    let construction = Mutex::new(None);
    let optimal = AtomicBool::new(false);
    let pool = Pool::new();
    let history = options.history.unwrap_or(50).max(1);
    std::thread::scope(|scope| {
        for thread in 0..threads {
            let (shared, iterations, state_bytes, construction, optimal, pool) = (
                &shared,
                &iterations,
                &state_bytes,
                &construction,
                &optimal,
                &pool,
            );
            scope.spawn(move || {
                let seed = options.seed ^ (thread as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                let mut rng = SmallRng::seed_from_u64(seed);
                let warm = options
                    .initial
                    .as_ref()
                    .and_then(|initial| warm_state(model, initial, &mut rng));
                let mut state = warm.unwrap_or_else(|| {
                    let mut state = State::new(model);
                    state.check |= options.check_incremental;
                    construct(&mut state, &mut rng);
                    state
                });
                state.check |= options.check_incremental;
                if thread == 0 {
                    *construction.lock().unwrap_or_else(|e| e.into_inner()) = Some(state.cost);
                }
                state_bytes.fetch_add(state.approx_bytes() as u64, Ordering::Relaxed);
                let limits = SearchLimits {
                    max_iterations: options.max_iterations,
                    termination,
                    cancel,
                    optimal,
                    hard_weights: thread % 2 == 0,
                    anneal: true,
                    pool: Some(pool),
                };
                let mut reported = 0u64;
                let mut on_best = |cost: Cost, its: u64, make: &dyn Fn() -> Solution| {
                    let total =
                        iterations.fetch_add(its - reported, Ordering::Relaxed) + its - reported;
                    reported = its;
                    let mut sh = shared.lock().unwrap_or_else(|e| e.into_inner());
                    if sh.cost.is_none_or(|c| cost.scalar() < c.scalar()) {
                        sh.cost = Some(cost);
                        sh.solution = make();
                        progress(&Progress {
                            cost,
                            elapsed_secs: termination.elapsed_secs(),
                            iterations: total,
                        });
                    }
                };
                run(
                    &mut state,
                    &mut rng,
                    &limits,
                    history * (2 * thread + 1),
                    &mut on_best,
                );
            });
        }
    });
    let shared = shared.into_inner().unwrap_or_else(|e| e.into_inner());
    SolveResult {
        solution: shared.solution,
        cost: shared.cost.unwrap_or_default(),
        construction_cost: construction
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .unwrap_or_default(),
        iterations: iterations.into_inner(),
        elapsed_secs: termination.elapsed_secs(),
        model_bytes: model.approx_bytes(),
        state_bytes: state_bytes.into_inner() as usize,
    }
}
