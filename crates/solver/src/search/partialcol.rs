//! A tabu search over clash-free partial timetables (in the manner of PartialCol for graph
//! colouring), applied as one compound move. The sub-events in clashes leave the timetable
//! until none is left; then each step puts an unassigned sub-event at the start where it meets
//! the fewest others, over all unassigned ones and starts, and those others leave (held back
//! from returning to that start for a tenure). The best partial timetable met is applied: each
//! sub-event left without a time costs its duration on its hard assign-time constraint, and the
//! late acceptance search judges the whole. On a tight problem (every class, teacher and room
//! busy at nearly every time) a walk over complete timetables must pass through a clash on
//! every resource a step touches, and random moves rarely find the one start that trades a
//! clash for none; this walk finds it at each step, and a lesson sharing two resources with
//! another trades places with it in one step. Abramson15, 30 s, one thread, seeds 1-3: 4, 3
//! and 4 hard left against 9, 8 and 9 without (docs/benchmarks.md).

use super::moves::Neighbourhood;
use crate::model::monitor::MonitorKind;
use crate::model::{Model, NONE};
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

/// Steps of one walk.
const STEPS: u64 = 5_000;
/// Work units (a resource-time looked at) one walk may spend: bounds a walk on instances whose
/// lessons hold many resources (a lesson of 30 students) or with many lessons in clashes.
const WORK: u64 = 4_000_000;
/// Moves without a new lowest hard cost before walks start.
const STALL: u64 = 10_000;
/// Most draws of the walk let pass after walks that found nothing (see `PartialCol::backoff`).
const MAX_BACKOFF: u32 = 64;
/// Random part of a tenure; the fixed part is 3/5 of the sub-events off the timetable.
const TENURE_NOISE: u64 = 10;

/// Buffers of the walk, reused between moves.
#[derive(Default)]
pub(crate) struct PartialCol {
    /// Per resource: busy twice is a hard clash.
    hard: Vec<bool>,
    /// Per event: a hard assign-time constraint charges it when it has no time (only such
    /// events may leave the timetable).
    timed: Vec<bool>,
    /// The sub-events that may move, and their hard-clash resources (`res[res_base[i]..]`).
    slots: Vec<u32>,
    res_base: Vec<u32>,
    res: Vec<u32>,
    start: Vec<u32>,
    best_start: Vec<u32>,
    busy: Vec<u16>,
    /// Per (sub-event, start): the step up to which it may not take that start again.
    until: Vec<u64>,
    unassigned: Vec<u32>,
    /// Per resource and time: the sub-event holding it then (`NONE`: free, or held by one that
    /// may not move).
    holder: Vec<u32>,
    met: Vec<u32>,
    /// Whether any event may leave the timetable.
    any: bool,
    /// Draws of the walk to let pass before the next: doubles (up to `MAX_BACKOFF`) after a
    /// walk that found nothing better, back to 1 after one that did, so instances the walk
    /// does not help pay little for it.
    backoff: u32,
    skipped: u32,
    /// The lowest hard cost the search has held, and the moves since it first held it: walks
    /// start only after `STALL` moves without a new low (easy instances never pay for them).
    low: i64,
    since_low: u64,
}

impl PartialCol {
    pub(super) fn new(m: &Model) -> Self {
        // The lightest hard clash weight of each resource (0: none).
        let clash_weight: Vec<i64> = (0..m.num_resources() as u32)
            .map(|r| {
                let hard = m
                    .resource_monitors
                    .row(r)
                    .iter()
                    .map(|&mi| &m.monitors[mi as usize]);
                hard.filter(|mon| mon.hard && matches!(mon.kind, MonitorKind::Clash { .. }))
                    .map(|mon| mon.weight)
                    .min()
                    .unwrap_or(0)
            })
            .collect();
        // An event may leave when a hard assign-time constraint charges it no more per time
        // than a clash on its resources would (AU-BG-98 charges 1000 for a missing time, 1 for
        // a clash: there the walk would only trade cheap clashes for dear holes).
        let timed = (0..m.num_events() as u32)
            .map(|e| {
                let assign = m
                    .event_monitors
                    .row(e)
                    .iter()
                    .map(|&mi| &m.monitors[mi as usize])
                    .filter(|mon| mon.hard && matches!(mon.kind, MonitorKind::AssignTime { .. }))
                    .map(|mon| mon.weight)
                    .max();
                let clash = m
                    .roles(e)
                    .map(|fr| m.role_fixed[fr])
                    .filter(|&r| r != NONE && clash_weight[r as usize] > 0)
                    .map(|r| clash_weight[r as usize])
                    .min();
                matches!((assign, clash), (Some(a), Some(c)) if a <= c)
            })
            .collect::<Vec<bool>>();
        // Only for pure clash packing: with other hard constraints (spreads, links) or a soft
        // cost, the holes a walk leaves cost more than its clashes saved (ZA-WD-09 and BR-SM-00
        // lost feasibility at 10 s with walks; the soft cost favours holes at equal hard cost).
        let pure = m.monitors.iter().all(|mon| {
            mon.hard
                && matches!(
                    mon.kind,
                    MonitorKind::Clash { .. } | MonitorKind::AssignTime { .. }
                )
        });
        PartialCol {
            hard: clash_weight.iter().map(|&w| w > 0).collect(),
            any: pure && timed.iter().any(|&t| t),
            low: i64::MAX,
            timed,
            backoff: 1,
            ..Default::default()
        }
    }

    /// Loads the current timetable: the unlocked, unlinked sub-events of timed events, placed
    /// or not. False when none may move.
    fn load(&mut self, st: &State) -> bool {
        let m = st.m;
        let nt = m.num_times();
        self.slots.clear();
        self.res_base.clear();
        self.res.clear();
        self.res_base.push(0);
        for s in 0..m.num_slots() {
            let e = m.slot_event[s] as usize;
            if m.slot_locked[s] || st.dur[s] == 0 || !self.timed[e] || m.link_class[e] != NONE {
                continue;
            }
            self.slots.push(s as u32);
            for k in 0..m.roles(e as u32).len() {
                let r = st.resource(s, k);
                if r != NONE && self.hard[r as usize] {
                    self.res.push(r);
                }
            }
            self.res_base.push(self.res.len() as u32);
        }
        self.start.clear();
        self.start
            .extend(self.slots.iter().map(|&s| st.start[s as usize]));
        self.busy.clone_from(&st.busy);
        self.until.clear();
        self.until.resize(self.slots.len() * nt, 0);
        !self.slots.is_empty()
    }

    fn span(&self, i: usize) -> std::ops::Range<usize> {
        self.res_base[i] as usize..self.res_base[i + 1] as usize
    }

    /// Clashes over the hard-clash resources.
    fn clashes(&self, nt: usize) -> i64 {
        self.busy
            .chunks(nt)
            .zip(&self.hard)
            .filter(|(_, hard)| **hard)
            .flat_map(|(row, _)| row.iter())
            .map(|&b| i64::from(b.saturating_sub(1)))
            .sum()
    }

    fn in_clash(&self, i: usize, d: u32, nt: usize) -> bool {
        let t = self.start[i];
        self.span(i).any(|j| {
            let r = self.res[j] as usize;
            (t..t + d).any(|u| self.busy[r * nt + u as usize] >= 2)
        })
    }

    /// Adds (`add`) or removes sub-event `i` at its start to the busy counts and the holders.
    fn occupy(&mut self, i: usize, d: u32, nt: usize, add: bool) {
        let t = self.start[i];
        for j in self.span(i) {
            let k = self.res[j] as usize * nt;
            for u in t..t + d {
                let b = &mut self.busy[k + u as usize];
                if add {
                    *b += 1;
                    self.holder[k + u as usize] = i as u32;
                } else {
                    *b -= 1;
                    if self.holder[k + u as usize] == i as u32 {
                        self.holder[k + u as usize] = NONE;
                    }
                }
            }
        }
    }

    /// Every sub-event leaves, from a random place, while it is in a clash; then the holders.
    fn lift_clashes(&mut self, st: &State, nt: usize, rng: &mut SmallRng) {
        let n = self.slots.len();
        self.unassigned.clear();
        self.unassigned
            .extend((0..n as u32).filter(|&i| self.start[i as usize] == NONE));
        let from = rng.gen_range(0..n);
        for j in 0..n {
            let i = (from + j) % n;
            let d = st.dur[self.slots[i] as usize];
            if self.start[i] != NONE && self.in_clash(i, d, nt) {
                for jj in self.span(i) {
                    let k = self.res[jj] as usize * nt;
                    for u in self.start[i]..self.start[i] + d {
                        self.busy[k + u as usize] -= 1;
                    }
                }
                self.start[i] = NONE;
                self.unassigned.push(i as u32);
            }
        }
        self.holder.clear();
        self.holder.resize(self.busy.len(), NONE);
        for i in 0..n {
            if self.start[i] != NONE {
                let d = st.dur[self.slots[i] as usize];
                let t = self.start[i];
                for j in self.span(i) {
                    let k = self.res[j] as usize * nt;
                    for u in t..t + d {
                        self.holder[k + u as usize] = i as u32;
                    }
                }
            }
        }
    }
}

impl Neighbourhood {
    /// Whether the model is one the walks are for (see `PartialCol::new`).
    pub(super) fn walks_possible(&self) -> bool {
        self.partial.any
    }

    /// Hears of every move's starting cost (for the stall count of the walks).
    pub(super) fn note_hard(&mut self, hard: i64) {
        let pc = &mut self.partial;
        if !pc.any {
            return;
        }
        if hard < pc.low {
            (pc.low, pc.since_low) = (hard, 0);
        } else {
            pc.since_low += 1;
        }
    }

    /// Walks from the current timetable and applies the best partial timetable met when its
    /// unassigned durations are fewer than the clashes and unassigned durations it started
    /// from. False, state untouched, otherwise.
    pub(super) fn partial_walk(&mut self, st: &mut State, rng: &mut SmallRng) -> bool {
        let m = st.m;
        if !m.identity_ticks || !self.partial.any {
            return false;
        }
        let pc = &mut self.partial;
        if pc.since_low < STALL || pc.skipped + 1 < pc.backoff {
            pc.skipped += 1;
            return false;
        }
        pc.skipped = 0;
        let moved = self.walk_now(st, rng);
        let pc = &mut self.partial;
        pc.backoff = if moved {
            1
        } else {
            (pc.backoff * 2).min(MAX_BACKOFF)
        };
        moved
    }

    /// One walk, whatever the gates of `partial_walk` say.
    fn walk_now(&mut self, st: &mut State, rng: &mut SmallRng) -> bool {
        let mut pc = std::mem::take(&mut self.partial);
        let moved = pc.load(st) && walk(&mut pc, st, rng);
        if moved {
            st.begin();
            for i in 0..pc.slots.len() {
                let s = pc.slots[i] as usize;
                if st.start[s] != pc.best_start[i] {
                    st.set_slot(s, pc.best_start[i], st.dur[s]);
                }
            }
        }
        self.partial = pc;
        moved
    }
}

fn walk(pc: &mut PartialCol, st: &State, rng: &mut SmallRng) -> bool {
    let m = st.m;
    let nt = m.num_times();
    let dur = |pc: &PartialCol, i: u32| i64::from(st.dur[pc.slots[i as usize] as usize]);
    let off: i64 = (0..pc.slots.len() as u32)
        .filter(|&i| pc.start[i as usize] == NONE)
        .map(|i| dur(pc, i))
        .sum();
    let start_cost = pc.clashes(nt) + off;
    if start_cost == 0 {
        return false;
    }
    pc.lift_clashes(st, nt, rng);
    let mut cur: i64 = pc.unassigned.iter().map(|&i| dur(pc, i)).sum();
    let mut best = cur;
    pc.best_start.clone_from(&pc.start);
    let mut work = 0u64;
    for step in 1..=STEPS {
        if cur == 0 || work > WORK {
            break;
        }
        // The best (unassigned sub-event, start), random among equals; a tabu start only
        // when it reaches a new best.
        let (mut pick, mut pick_c, mut ties) = (None, i64::MAX, 0u32);
        for ui in 0..pc.unassigned.len() {
            let i = pc.unassigned[ui] as usize;
            let s = pc.slots[i] as usize;
            let (e, d) = (m.slot_event[s], st.dur[s]);
            'starts: for &t in m.start_domain(e, d) {
                if t as usize + d as usize > nt {
                    continue;
                }
                work += (pc.span(i).len() as u64) * u64::from(d);
                pc.met.clear();
                let mut c = -i64::from(d);
                for j in pc.span(i) {
                    let k = pc.res[j] as usize * nt;
                    for u in t..t + d {
                        if pc.busy[k + u as usize] == 0 {
                            continue;
                        }
                        let y = pc.holder[k + u as usize];
                        if y == NONE {
                            continue 'starts; // held by a sub-event that may not leave
                        }
                        if !pc.met.contains(&y) {
                            pc.met.push(y);
                            c += dur(pc, y);
                        }
                    }
                }
                if pc.until[i * nt + t as usize] >= step && cur + c >= best {
                    continue;
                }
                if c < pick_c {
                    (pick, pick_c, ties) = (Some((ui, t)), c, 1);
                } else if c == pick_c {
                    ties += 1;
                    if rng.gen_range(0..ties) == 0 {
                        pick = Some((ui, t));
                    }
                }
            }
        }
        let Some((ui, t)) = pick else {
            break;
        };
        let i = pc.unassigned.swap_remove(ui) as usize;
        let d = st.dur[pc.slots[i] as usize];
        // What `i` meets at `t` leaves, held back from returning where it was.
        pc.met.clear();
        for j in pc.span(i) {
            let k = pc.res[j] as usize * nt;
            for u in t..t + d {
                let y = pc.holder[k + u as usize];
                if y != NONE && !pc.met.contains(&y) {
                    pc.met.push(y);
                }
            }
        }
        let tenure = rng.gen_range(0..TENURE_NOISE) + pc.unassigned.len() as u64 * 3 / 5;
        for k in 0..pc.met.len() {
            let y = pc.met[k] as usize;
            let dy = st.dur[pc.slots[y] as usize];
            pc.until[y * nt + pc.start[y] as usize] = step + tenure;
            pc.occupy(y, dy, nt, false);
            pc.start[y] = NONE;
            pc.unassigned.push(y as u32);
        }
        pc.start[i] = t;
        pc.occupy(i, d, nt, true);
        cur += pick_c;
        if cur < best {
            best = cur;
            pc.best_start.clone_from(&pc.start);
        }
    }
    best < start_cost
}

#[cfg(test)]
#[path = "partialcol_tests.rs"]
mod tests;
