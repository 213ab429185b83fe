//! The feasible phase: once a timetable has no hard cost, simulated annealing on the soft cost
//! that never accepts a move with a hard cost. Cycles: each starts from the best timetable at a
//! temperature calibrated from the uphill deltas of sampled moves there, cools geometrically to
//! where only the smallest uphill step is still taken now and then, and ends; the next one (a
//! reheat) runs twice as long, so short cycles give early gains and later ones search deeper.
//! At a reheat the thread takes the shared best when it is better than its own. Most moves of
//! the phase aim at soft defects and keep the timetable clash-free (`soft_move`).

use super::defects::REFRESH;
use super::lahc::{BestCallback, SearchLimits, report_best};
use super::moves::Neighbourhood;
use super::pool::Snapshot;
use crate::model::monitor::MonitorKind;
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;
use std::sync::atomic::Ordering;

/// Probability of taking a typical (median) uphill move at the start of a cycle.
const START_ACCEPT: f64 = 0.002;
/// Hottest start of a cycle after cycles without a new best.
const MAX_ACCEPT: f64 = 0.1;
/// Probability of taking the smallest uphill move at the end of a cycle.
const END_ACCEPT: f64 = 0.0001;
/// Percent of the phase's moves drawn from the soft-targeted ones (below) instead of the
/// general mix. With the general mix most draws are wasted once feasible (1 thread, 2 M moves:
/// on KS-PR-11 57 % draw no move and 38 % break a hard constraint); 80 measured better than 0,
/// 40 and 95 (1 thread, 3 M moves, seeds 1 and 2, eight instances).
const TARGETED_PERCENT: u32 = 80;
/// Percent of the phase's moves that are Kempe chains from a random lesson or a defect's.
const KEMPE_PERCENT: u32 = 20;
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
    let mut start_accept = START_ACCEPT;
    let mut unreported = false;
    while best.cost.soft > 0 && !limits.stop(iterations) {
        if let Some(pool) = limits.pool {
            pool.offer(best);
            // Annealing restarts from the best anyway: from the shared one when it is better
            // (measured better than only when a tenth behind). The even (weighing) threads
            // anneal too but keep their own line unless well behind: with every thread on the
            // shared best, a defect that best cannot shed (one spread defect of 400 on
            // KS-PR-11) held all of them.
            if limits.hard_weights {
                pool.adopt_if_behind(best);
            } else {
                pool.adopt(best);
            }
        }
        best.restore(st);
        let cycle_start = best.cost.soft;
        hood.soft_index.rebuild(st, &hood.soft_monitors);
        let (hot, cold) = calibrate(start_accept, st, rng, hood, &mut deltas);
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
            if iterations.is_multiple_of(REFRESH) {
                hood.soft_index.rebuild(st, &hood.soft_monitors);
            }
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
        // A cycle that found nothing better starts the next one hotter, up to `MAX_ACCEPT`
        // (a cold restart from the same best mostly retraces the same basin).
        start_accept = if best.cost.soft < cycle_start {
            START_ACCEPT
        } else {
            (start_accept * 4.0).min(MAX_ACCEPT)
        };
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
    start_accept: f64,
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
    let hot = median / -start_accept.ln();
    let cold = (smallest / -END_ACCEPT.ln()).min(hot);
    (hot, cold)
}

/// One move of the feasible phase: mostly a move aimed at a soft defect drawn from the index,
/// chosen by the defect's kind (an idle time to fill, a day to empty, a preferred time to
/// reach, a day to relieve, events to align, a preferred room to take, an unavailable time to
/// leave), else a Kempe chain (clash-free) from one of the defect's lessons; the rest of the
/// time the general mix.
fn soft_move(hood: &mut Neighbourhood, st: &mut State, rng: &mut SmallRng) -> bool {
    let roll = rng.gen_range(0..100);
    if roll >= TARGETED_PERCENT {
        return hood.random_move(st, rng);
    }
    if roll < KEMPE_PERCENT {
        return hood.kempe(st, rng);
    }
    let Some(mi) = hood.soft_defect(st, rng) else {
        return hood.kempe(st, rng);
    };
    let aimed = match st.m.monitors[mi].kind {
        MonitorKind::Idle { .. } => hood.fill_gap_at(st, Some(mi), rng),
        MonitorKind::Cluster { .. } => hood.empty_group_at(st, Some(mi), rng),
        MonitorKind::PreferTimes { .. } => hood.move_into_preferred_at(st, Some(mi), rng),
        MonitorKind::Spread { .. } => hood.spread_at(st, mi, rng),
        MonitorKind::Link { .. } => hood.link_at(st, mi, rng),
        MonitorKind::PreferResources { .. } => hood.prefer_resource_at(st, mi, rng),
        MonitorKind::Unavailable { .. } => hood.leave_unavailable_at(st, mi, rng),
        _ => false,
    };
    // When the aimed move finds nothing (or there is none for this kind), a chain from one of
    // the defect's lessons.
    aimed
        || match hood.slot_of_defect(st, mi, rng) {
            Some(a) => hood.kempe_from(st, a, rng),
            None => false,
        }
}
