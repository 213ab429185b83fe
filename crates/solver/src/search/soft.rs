//! The feasible phase: once a timetable has no hard cost, simulated annealing on the soft cost
//! that never accepts a move with a hard cost. Cycles: each starts from the best timetable at a
//! temperature calibrated from the uphill deltas of sampled moves there, cools geometrically to
//! where only the smallest uphill step is still taken now and then, and ends; the next one (a
//! reheat) runs twice as long, so short cycles give early gains and later ones search deeper.
//! At a reheat the thread takes the shared best when it is better than its own. Most moves of
//! the phase aim at soft defects and keep the timetable clash-free (`soft_move`).

use super::lahc::{BestCallback, SearchLimits, report_best};
use super::moves::Neighbourhood;
use super::pool::Snapshot;
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;
use std::sync::atomic::Ordering;

/// Probability of taking a typical (median) uphill move at the start of a cycle.
const START_ACCEPT: f64 = 0.002;
/// Probability of taking the smallest uphill move at the end of a cycle.
const END_ACCEPT: f64 = 0.0001;
/// Percent of the phase's moves drawn from the soft-targeted ones (below) instead of the
/// general mix. With the general mix most draws are wasted once feasible (1 thread, 2 M moves:
/// on KS-PR-11 57 % draw no move and 38 % break a hard constraint); 80 measured better than 0,
/// 40 and 95 (1 thread, 3 M moves, seeds 1 and 2, eight instances).
const TARGETED_PERCENT: u32 = 80;
/// Moves sampled to calibrate a cycle's temperatures.
const SAMPLES: usize = 400;
/// First cycle length, in moves per sub-event slot (and at least `MIN_CYCLE`).
const FIRST_CYCLE_PER_SLOT: u64 = 300;
const MIN_CYCLE: u64 = 20_000;
/// Longest cycle, in moves per sub-event slot.
const MAX_CYCLE_PER_SLOT: u64 = 3_200;

/// Anneals `st` (feasible) until the limits say stop or the soft cost reaches 0; `best` holds
/// the best timetable (feasible) and is kept up to date. Returns the iterations so far.
pub(super) fn anneal(
    st: &mut State,
    rng: &mut SmallRng,
    limits: &SearchLimits,
    hood: &mut Neighbourhood,
    best: &mut Snapshot,
    mut iterations: u64,
    on_best: &mut BestCallback,
) -> u64 {
    debug_assert_eq!(best.cost.hard, 0);
    let slots = st.m.num_slots() as u64;
    let mut cycle = (FIRST_CYCLE_PER_SLOT * slots).max(MIN_CYCLE);
    let max_cycle = (MAX_CYCLE_PER_SLOT * slots).max(MIN_CYCLE);
    let mut deltas = Vec::with_capacity(SAMPLES);
    let mut unreported = false;
    while best.cost.soft > 0 && !limits.stop(iterations) {
        if let Some(pool) = limits.pool {
            pool.offer(best);
            // Annealing restarts from the best anyway: from the shared one when it is better
            // (measured better than only when a tenth behind; the other thread keeps that rule
            // and some diversity).
            pool.adopt(best);
        }
        best.restore(st);
        let (hot, cold) = calibrate(st, rng, hood, &mut deltas);
        iterations += SAMPLES as u64;
        // Geometric cooling from `hot` to `cold` over the cycle.
        let factor = (cold / hot).powf(1.0 / cycle as f64);
        let mut temp = hot;
        let mut current = st.cost.soft;
        let end = iterations + cycle;
        while iterations < end && !limits.stop(iterations) {
            // Here, not after the move: most moves are rejected and skip the loop's tail.
            if unreported && iterations & 4095 == 0 {
                unreported = false;
                report_best(st.m, limits, best, iterations, on_best);
            }
            iterations += 1;
            temp *= factor;
            if !soft_move(hood, st, rng) {
                continue;
            }
            let cost = st.evaluate();
            let delta = cost.soft - current;
            if cost.hard > 0 || (delta > 0 && rng.r#gen::<f64>() >= (-(delta as f64) / temp).exp())
            {
                st.rollback();
                continue;
            }
            current = cost.soft;
            if current < best.cost.soft {
                best.copy_from(st);
                unreported = true;
                if current == 0 {
                    break;
                }
            }
        }
        cycle = (cycle * 2).min(max_cycle);
    }
    if best.cost.soft == 0 {
        limits.optimal.store(true, Ordering::Relaxed);
    }
    if let Some(pool) = limits.pool {
        pool.offer(best);
    }
    iterations
}

/// Start and end temperatures for the state as it is: the median uphill soft delta of sampled
/// feasible moves is taken with `START_ACCEPT` at first, the smallest with `END_ACCEPT` at the
/// end. The samples are rolled back.
fn calibrate(
    st: &mut State,
    rng: &mut SmallRng,
    hood: &mut Neighbourhood,
    deltas: &mut Vec<i64>,
) -> (f64, f64) {
    deltas.clear();
    let base = st.cost.soft;
    for _ in 0..SAMPLES {
        if !hood.random_move(st, rng) {
            continue;
        }
        let cost = st.evaluate();
        if cost.hard == 0 && cost.soft > base {
            deltas.push(cost.soft - base);
        }
        st.rollback();
    }
    if deltas.is_empty() {
        return (1.0, 0.2);
    }
    deltas.sort_unstable();
    let median = deltas[deltas.len() / 2] as f64;
    let smallest = deltas[0] as f64;
    let hot = median / -START_ACCEPT.ln();
    let cold = (smallest / -END_ACCEPT.ln()).min(hot);
    (hot, cold)
}

/// One move of the feasible phase: mostly moves aimed at a soft defect (an idle time to fill, a
/// day to empty, a preferred time to reach), falling back to a Kempe chain (clash-free; its
/// sub-event is half the time one with a soft defect), else the general mix.
fn soft_move(hood: &mut Neighbourhood, st: &mut State, rng: &mut SmallRng) -> bool {
    let roll = rng.gen_range(0..100);
    if roll >= TARGETED_PERCENT {
        return hood.random_move(st, rng);
    }
    match roll % 4 {
        0 => hood.fill_gap(st, rng) || hood.kempe(st, rng),
        1 => hood.empty_group(st, rng) || hood.kempe(st, rng),
        2 => hood.move_into_preferred(st, rng) || hood.kempe(st, rng),
        _ => hood.kempe(st, rng),
    }
}
