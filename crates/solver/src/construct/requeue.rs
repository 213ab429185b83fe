//! Placement with displacement, after FET's way of placing: sub-events are placed hardest first;
//! one with no start free of clashes (or whose clash-free starts all leave new hard cost) goes
//! to the start of least price: the hard cost it leaves there, weighed, plus what it displaces
//! (what it meets through its must-not-clash preassigned resources), each displaced sub-event
//! weighing more the more often it was displaced already. What it displaced goes back on the
//! queue, the hardest placed next. A sub-event placed a moment ago weighs a little more (or two
//! would take turns), and after a budget of placements (and of starts tried) the rest is placed
//! greedily and the local search takes over. Hard defects other than clashes (an unavailable time, two
//! lessons of a subject on one day, ...) count through the model's own hard cost.

use super::{assign_resources, followers, place_time};
use crate::model::monitor::MonitorKind;
use crate::model::{Model, NONE};
use crate::search::Neighbourhood;
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

/// Placements per sub-event to place before the rest is placed greedily.
const BUDGET: u64 = 20;

/// Starts that displace something tried in full per placement, the least displacing first
/// (24 left 18 hard points after construction on six Namibian FET files over two seeds, 6 left
/// 631, 12 left 179).
const TRIALS: usize = 24;

/// Weight of a point of hard cost a placement leaves, against a displaced sub-event weighing 1.
const RESIDUAL: i64 = 8;

/// Extra weight of displacing a sub-event placed within the last `TABU` placements: enough to
/// stop two sub-events taking turns, small enough to let a chain of displacements run (with 24
/// trials, hard left on the same twelve runs: 0 → 84, 1 → 47, 2 → 41, 4 → 71, 8 → 78).
const TABU_WEIGHT: u32 = 2;

/// Starts tried in full per sub-event to place before the rest is placed greedily (bounds the
/// time of construction where trials are costly: GYR.fet took 4.6 s without).
const TRIAL_BUDGET: u64 = 160;

/// Monitors evaluated by the starts tried, per sub-event to place, before the rest is placed
/// greedily: where each trial touches many monitors (XHSTT's AU-BG-98 and UK-SP-06, 14-48
/// thousand a sub-event without it, construction 5-7 s) the search needs the time more. The six
/// Namibian FET files need 1.5-4.3 thousand.
const WORK_BUDGET: u64 = 5_000;

/// Placements during which a sub-event just placed weighs more to displace.
const TABU: u64 = 8;

/// Places every slot of `order` (hardest first) that is not placed yet; see the module.
pub(super) fn place_all(state: &mut State, order: &[usize], rng: &mut SmallRng) {
    let mut q = Requeue::new(state.m);
    for (i, &s) in order.iter().enumerate() {
        q.rank[s] = i as u32;
    }
    let budget = BUDGET * order.len() as u64;
    let mut next = 0;
    loop {
        let s = match q.pending.pop() {
            Some(s) => s,
            None => {
                while next < order.len() && state.start[order[next]] != NONE {
                    next += 1;
                }
                match order.get(next) {
                    Some(&s) => s,
                    None => break,
                }
            }
        };
        if state.start[s] != NONE {
            continue; // placed meanwhile as a linked follower
        }
        q.step += 1;
        let n = order.len() as u64;
        if q.step > budget || q.trials > TRIAL_BUDGET * n || q.work > WORK_BUDGET * n {
            place_time(state, s, rng);
        } else {
            q.place(state, s, rng);
        }
        assign_resources(state, s, rng);
    }
}

struct Requeue {
    hood: Neighbourhood,
    /// Per slot: how often it was displaced.
    displaced: Vec<u32>,
    /// Per slot: its place in the hardest-first order.
    rank: Vec<u32>,
    /// Per slot: the placement (step) that last placed it.
    placed_at: Vec<u64>,
    step: u64,
    /// Starts tried in full so far, and the monitors their evaluations touched.
    trials: u64,
    work: u64,
    /// Displaced slots waiting to be placed again (the last one first).
    pending: Vec<usize>,
    linked: Vec<usize>,
    score: Vec<u32>,
    count: Vec<u32>,
    /// (displacement score, random tie-break, start) of each allowed start.
    cands: Vec<(u32, u32, u32)>,
    /// What the current trial displaces.
    meets: Vec<usize>,
}

/// A start's price: hard cost left (weighed) plus what it displaces, then the soft cost, then a
/// random tie-break.
type Price = (i64, i64, u32);

impl Requeue {
    fn new(m: &Model) -> Self {
        let n = m.num_slots();
        Requeue {
            hood: Neighbourhood::new(m),
            displaced: vec![0; n],
            rank: vec![u32::MAX; n],
            placed_at: vec![0; n],
            step: 0,
            trials: 0,
            work: 0,
            pending: Vec::new(),
            linked: Vec::new(),
            score: Vec::new(),
            count: Vec::new(),
            cands: Vec::new(),
            meets: Vec::new(),
        }
    }

    /// The weight of displacing slot `y`.
    fn weight(&self, y: usize) -> u32 {
        let recent = self.step.saturating_sub(self.placed_at[y]) <= TABU;
        1 + self.displaced[y] + if recent { TABU_WEIGHT } else { 0 }
    }

    /// Places slot `s` (and its unplaced linked followers): at its cheapest start free of
    /// clashes when that leaves no new hard cost, else at the start of least price.
    fn place(&mut self, st: &mut State, s: usize, rng: &mut SmallRng) {
        let m = st.m;
        let (e, d) = (m.slot_event[s], st.dur[s]);
        let nt = m.num_times();
        let mut linked = std::mem::take(&mut self.linked);
        followers(st, s, &mut linked);
        let mut score = std::mem::take(&mut self.score);
        let mut count = std::mem::take(&mut self.count);
        score.clear();
        score.resize(nt, 0);
        for &p in std::iter::once(&s).chain(&linked) {
            self.hood
                .add_start_scores(st, p, |y| self.weight(y), &mut count, &mut score);
        }
        self.cands.clear();
        for &t in m.start_domain(e, d) {
            if t as usize + d as usize <= nt {
                let c = score[t as usize..(t + d) as usize].iter().sum();
                self.cands.push((c, rng.r#gen(), t));
            }
        }
        self.score = score;
        self.count = count;
        self.cands.sort_unstable();
        // Every start free of clashes is tried plainly; the least displacing others only when
        // each of those leaves new hard cost.
        let free = self.cands.iter().take_while(|c| c.0 == 0).count();
        let mut best: Option<(Price, u32, bool)> = None;
        for i in 0..free {
            let (_, tie, t) = self.cands[i];
            let (residual, soft) = self.trial(st, s, &linked, t, false);
            let price = (residual * RESIDUAL, soft, tie);
            if best.is_none_or(|b| price < b.0) {
                best = Some((price, t, false));
            }
        }
        if best.is_none_or(|b| b.0.0 > 0) {
            for i in free..(free + TRIALS).min(self.cands.len()) {
                let (_, tie, t) = self.cands[i];
                let (residual, soft) = self.trial(st, s, &linked, t, true);
                let shifted: i64 = self.meets.iter().map(|&y| self.weight(y) as i64).sum();
                let price = (residual * RESIDUAL + shifted, soft, tie);
                if best.is_none_or(|b| price < b.0) {
                    best = Some((price, t, true));
                }
            }
        }
        if let Some((_, t, displace)) = best {
            self.apply(st, s, &linked, t, displace);
            for &f in &linked {
                assign_resources(st, f, rng);
            }
        }
        self.linked = linked;
    }

    /// Into `meets`: what slot `s` and its followers meet at `t`, with the linked partners that
    /// stand with each of those.
    fn collect_meets(&mut self, st: &State, s: usize, linked: &[usize], t: u32) {
        let d = st.dur[s];
        self.meets.clear();
        for &p in std::iter::once(&s).chain(linked) {
            self.hood.meeting(st, p, t, d, &mut self.meets);
        }
        let m = st.m;
        let mut i = 0;
        while i < self.meets.len() {
            let y = self.meets[i];
            let (ys, yd) = (st.start[y], st.dur[y]);
            for &other in m.linked(m.slot_event[y]) {
                if let Some(f) = m
                    .slots(other)
                    .find(|&f| !m.slot_locked[f] && st.start[f] == ys && st.dur[f] == yd && f != y)
                    && !self.meets.contains(&f)
                {
                    self.meets.push(f);
                }
            }
            i += 1;
        }
    }

    /// The hard cost (placing and displacing aside) and soft cost that putting `s` and its
    /// followers at `t` adds, with what they meet there displaced when `displace` is set (into
    /// `meets`); the state is left unchanged.
    fn trial(
        &mut self,
        st: &mut State,
        s: usize,
        linked: &[usize],
        t: u32,
        displace: bool,
    ) -> (i64, i64) {
        self.trials += 1;
        if displace {
            self.collect_meets(st, s, linked, t);
        } else {
            self.meets.clear();
        }
        let before = st.cost;
        self.put(st, s, linked, t);
        let after = st.evaluate();
        self.work += st.dirty.len() as u64;
        let placing: i64 = st
            .undo_mon
            .iter()
            .filter(|&&(mi, _)| {
                let mon = &st.m.monitors[mi as usize];
                mon.hard && matches!(mon.kind, MonitorKind::AssignTime { .. })
            })
            .map(|&(mi, old)| st.mon_cost[mi as usize] - old)
            .sum();
        st.rollback();
        (after.hard - before.hard - placing, after.soft - before.soft)
    }

    /// Begins a move that takes `meets` off and puts `s` and its followers at `t`.
    fn put(&self, st: &mut State, s: usize, linked: &[usize], t: u32) {
        st.begin();
        for &y in &self.meets {
            st.set_slot(y, NONE, st.dur[y]);
        }
        let d = st.dur[s];
        st.set_slot(s, t, d);
        for &f in linked {
            st.set_slot(f, t, d);
        }
    }

    /// Puts `s` and its followers at `t`, with what they meet there displaced onto the queue
    /// when `displace` is set.
    fn apply(&mut self, st: &mut State, s: usize, linked: &[usize], t: u32, displace: bool) {
        if displace {
            self.collect_meets(st, s, linked, t);
        } else {
            self.meets.clear();
        }
        self.put(st, s, linked, t);
        st.evaluate();
        for &p in std::iter::once(&s).chain(linked) {
            self.placed_at[p] = self.step;
        }
        // The hardest displaced comes back first.
        self.meets
            .sort_by_key(|&y| std::cmp::Reverse((self.rank[y], y)));
        for &y in &self.meets {
            self.displaced[y] += 1;
            self.pending.push(y);
        }
    }
}

#[cfg(test)]
#[path = "requeue_tests.rs"]
mod tests;
