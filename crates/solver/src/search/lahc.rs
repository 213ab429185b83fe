//! Late acceptance hill climbing (Burke and Bykov): a candidate is accepted when it is no worse
//! than the current cost or than the cost the search had `history` iterations ago. Hard cost
//! dominates the scalar, so the search reaches feasibility first and then keeps it; while
//! infeasible, hard monitors that stay violated through a local minimum gain weight (on the
//! threads that weigh; the others drop the soft cost now and then on a long hard plateau, see
//! `shed`). A short history converges fast; when the best stops improving the history grows,
//! and at its widest the search restarts from the best timetable. With `anneal` set, the first feasible timetable
//! hands over to the annealing phase of `soft` instead.

use super::moves::Neighbourhood;
use super::pool::{Pool, Snapshot};
use super::shed::SoftShedding;
use super::weights::HardWeights;
use crate::model::Model;
use crate::parallel::Termination;
use crate::solution::{Solution, solution_from_arrays};
use crate::state::{Cost, State};
use rand::rngs::SmallRng;
use std::sync::atomic::{AtomicBool, Ordering};

/// When the search must stop.
pub(crate) struct SearchLimits<'a> {
    pub max_iterations: Option<u64>,
    pub termination: &'a dyn Termination,
    pub cancel: Option<&'a AtomicBool>,
    /// Raised by the first thread to reach a zero-cost timetable: the others stop too (read by
    /// `stop`, within 256 moves; adopting the pool's timetable also stops them, but only at
    /// its next look, every 4096 moves).
    pub optimal: &'a AtomicBool,
    /// Weigh hard monitors that stay violated (see `HardWeights`). Faster to feasibility on
    /// most instances; a search without it keeps polishing the soft cost on a hard plateau,
    /// so the threads alternate.
    pub hard_weights: bool,
    /// Once feasible, anneal the soft cost (see `soft`) instead of late acceptance.
    pub anneal: bool,
    /// The threads' shared best feasible timetable, if they cooperate.
    pub pool: Option<&'a Pool>,
}

impl SearchLimits<'_> {
    pub(super) fn stop(&self, iterations: u64) -> bool {
        self.max_iterations.is_some_and(|n| iterations >= n)
            || (iterations & 255 == 0
                && (self.termination.should_stop()
                    || self.optimal.load(Ordering::Relaxed)
                    || self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))))
    }
}

/// Widest late acceptance window the search grows to when it stagnates.
const MAX_HISTORY: usize = 12_800;

/// Moves without a new best after which a window of `len` counts as stagnated.
fn stall_limit(len: usize) -> u64 {
    100_000 + 1_000 * len as u64
}

/// Moves without a new low of the weighted cost before the hard weights grow.
/// Five moves per sub-event measured best of 1, 2, 5, 20 and 100 on FI-PB-98, ZA-WD-09,
/// BR-SM-00 and AU-TE-99 (3 M moves, two seeds).
fn breakout_limit(slots: usize) -> u64 {
    5 * slots as u64
}

/// Hears of a new best: its cost, the iterations so far, and a way to build the solution.
pub(crate) type BestCallback<'a> = dyn FnMut(Cost, u64, &dyn Fn() -> Solution) + 'a;

/// Tells the pool (when threads share one) and `on_best` of a thread's best so far.
pub(super) fn report_best(
    m: &Model,
    limits: &SearchLimits,
    best: &Snapshot,
    iterations: u64,
    on_best: &mut BestCallback,
) {
    if let Some(pool) = limits.pool {
        pool.offer(best);
    }
    on_best(best.cost, iterations, &|| {
        solution_from_arrays(m, &best.start, &best.dur, &best.res)
    });
}

/// Improves `st` until the limits say stop; leaves the best state found in `st`. `on_best` hears
/// of improvements (at most every few thousand iterations, and once at the end) with a way to
/// materialise the best solution, so it allocates only when someone wants it.
pub(crate) fn run(
    st: &mut State,
    rng: &mut SmallRng,
    limits: &SearchLimits,
    history: usize,
    on_best: &mut BestCallback,
) -> u64 {
    let mut hood = Neighbourhood::new(st.m);
    let mut best = Snapshot::take(st);
    on_best(st.cost, 0, &|| st.to_solution());
    if hood.is_empty() {
        return 0;
    }
    // Threads that do not weigh keep polishing the soft cost on a hard plateau, for a while
    // (see `shed`); with no soft cost at all there is nothing to polish, and the weights are
    // the only way off a plateau.
    let weigh = limits.hard_weights || hood.soft_monitors.is_empty();
    let mut weights = HardWeights::new(st.m.monitors.len());
    let mut shedding = SoftShedding::new(limits.anneal && !weigh, st.cost.hard);
    // Moves without a new low of the weighted cost after which the hard weights grow.
    let breakout = breakout_limit(st.m.num_slots());
    let mut current = weights.scalar(st, weights.total);
    let base = history.max(1);
    let mut len = base;
    let mut hist = vec![current; base.max(MAX_HISTORY)];
    let mut iterations = 0u64;
    let mut last_improvement = 0u64;
    let (mut low, mut last_low) = (current, 0u64);
    let mut unreported = false;
    let mut told_feasible = st.cost.hard == 0;
    // A zero-cost timetable cannot be improved.
    while current > 0 && !limits.stop(iterations) {
        if limits.anneal && st.cost.hard == 0 {
            break;
        }
        if best.cost.hard > 0
            && iterations & 4095 == 0
            && limits
                .pool
                .is_some_and(|p| p.best_soft().is_some() && p.adopt(&mut best))
        {
            // Another thread is feasible: search on from its timetable.
            best.restore(st);
            if limits.anneal {
                break;
            }
            weights.recompute(st);
            current = weights.scalar(st, weights.total);
            len = base;
            hist[..len].fill(current);
            (low, last_low) = (current, iterations);
            last_improvement = iterations;
        }
        iterations += 1;
        if !hood.random_move(st, rng) {
            continue;
        }
        st.evaluate();
        let extra = weights.delta(st);
        let candidate = weights.scalar(st, weights.total + extra);
        let v = (iterations % len as u64) as usize;
        if candidate <= current || candidate <= hist[v] {
            current = candidate;
            weights.total += extra;
            shedding.note(st.cost.hard, iterations);
            if st.cost.scalar() < best.cost.scalar() {
                best.copy_from(st);
                unreported = true;
                last_improvement = iterations;
            }
        } else {
            st.rollback();
        }
        if current < hist[v] {
            hist[v] = current;
        }
        if current < low {
            (low, last_low) = (current, iterations);
        } else if weigh && st.cost.hard > 0 && iterations - last_low > breakout {
            // A local minimum of the weighted hard cost: weigh what stays violated more.
            weights.bump(st);
            current = weights.scalar(st, weights.total);
            hist[..len].fill(current);
            (low, last_low) = (current, iterations);
        } else if shedding.switch_due(st.cost.hard, iterations) {
            weights.soft = !weights.soft;
            current = weights.scalar(st, weights.total);
            hist[..len].fill(current);
            (low, last_low) = (current, iterations);
        }
        if iterations - last_improvement > stall_limit(len) {
            // Stagnation: take the shared best if this thread is well behind; else widen the
            // acceptance window, and once at its widest, restart from the best.
            let adopted = limits.pool.is_some_and(|p| {
                p.offer(&best);
                p.adopt_if_behind(&mut best)
            });
            if len < MAX_HISTORY && !adopted {
                len = (len * 4).min(MAX_HISTORY);
            } else {
                len = base;
                best.restore(st);
                weights.recompute(st);
                current = weights.scalar(st, weights.total);
            }
            hist[..len].fill(current);
            (low, last_low) = (current, iterations);
            last_improvement = iterations;
        }
        // Reports are batched (materialising a solution costs), except the first feasible one:
        // callers stopping there (`--until-feasible`) and first-feasible clocks hear at once.
        let first_feasible = best.cost.hard == 0 && !told_feasible;
        if unreported && (iterations & 4095 == 0 || first_feasible) {
            unreported = false;
            told_feasible |= best.cost.hard == 0;
            report_best(st.m, limits, &best, iterations, on_best);
        }
    }
    if st.cost.scalar() == 0 {
        limits.optimal.store(true, Ordering::Relaxed);
    } else if limits.anneal && st.cost.hard == 0 && !limits.stop(iterations) {
        iterations =
            super::soft::anneal(st, rng, limits, &mut hood, &mut best, iterations, on_best);
    }
    best.restore(st);
    on_best(st.cost, iterations, &|| st.to_solution());
    iterations
}
