//! Tabu search for pure clash problems: every hard constraint is "assign a time" or "avoid
//! clashes", and every resource is preassigned (class-teacher-room problems such as Abramson's
//! and the hdtt instances). There the problem is graph colouring with times as colours, and
//! late acceptance over random moves wanders the plateaus of a tight timetable (every class,
//! teacher and room busy at nearly every time). Conflict-directed tabu search, the classic
//! colouring method (Hertz and de Werra's TabuCol), does better: each step moves a clashing
//! sub-event to its best start, the old start stays forbidden for a tenure that grows with the
//! number of clashing sub-events, and a tabu move is still taken when it beats the best so far.
//!
//! The phase keeps its own dense arrays (only starts change) and evaluates a move by counting
//! busy resources, so a step costs a few thousand array reads; the state gets the best
//! timetable at the end and evaluates it in full.

use super::lahc::SearchLimits;
use crate::model::csr::Csr;
use crate::model::{Model, NONE};
use crate::model::monitor::MonitorKind;
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;
use std::sync::atomic::Ordering;

/// Tenure: a random base below this, plus `TENURE_PER_CLASH` tenths per clashing sub-event.
const TENURE_BASE: u64 = 10;
const TENURE_PER_CLASH: u64 = 6;

pub(super) struct ClashTabu {
    /// Movable sub-events (unlocked, scheduled) as state slots.
    slots: Vec<u32>,
    dur: Vec<u32>,
    start: Vec<u32>,
    /// Resources of movable `i` that have a clash monitor: `res[res_base[i]..res_base[i + 1]]`.
    res_base: Vec<u32>,
    res: Vec<u32>,
    /// Clash weight per resource (0: its clashes cost nothing).
    weight: Vec<i64>,
    busy: Vec<u16>,
    /// Step until which movable `i` may not return to start `t` (`i * nt + t`).
    tabu: Vec<u64>,
    nt: usize,
    /// Per resource: the movables holding it (swap partners).
    holders: Csr,
    /// Scratch: the clashing movables of the current step.
    clashing: Vec<u32>,
}

impl ClashTabu {
    /// None unless the model is a pure clash problem and the state schedules every sub-event.
    pub(super) fn new(st: &State) -> Option<Self> {
        let m = st.m;
        if !m.identity_ticks || !pure_clash(m) || std::env::var_os("TABU_OFF").is_some() {
            return None;
        }
        let nt = m.num_times();
        let mut weight = vec![0i64; m.num_resources()];
        for mon in &m.monitors {
            if let (true, MonitorKind::Clash { resource }) = (mon.hard, mon.kind) {
                weight[resource as usize] += mon.weight;
            }
        }
        let mut tabu = ClashTabu {
            slots: Vec::new(),
            dur: Vec::new(),
            start: Vec::new(),
            res_base: vec![0],
            res: Vec::new(),
            weight,
            busy: st.busy.clone(),
            tabu: Vec::new(),
            nt,
            clashing: Vec::new(),
            holders: Csr::new(),
        };
        for s in 0..m.num_slots() {
            if m.slot_locked[s] || st.dur[s] == 0 {
                continue;
            }
            if st.start[s] == NONE {
                return None;
            }
            tabu.slots.push(s as u32);
            tabu.dur.push(st.dur[s]);
            tabu.start.push(st.start[s]);
            for k in 0..m.roles(m.slot_event[s]).len() {
                let r = st.resource(s, k);
                if r != NONE && tabu.weight[r as usize] > 0 {
                    tabu.res.push(r);
                }
            }
            tabu.res_base.push(tabu.res.len() as u32);
        }
        if tabu.slots.is_empty() {
            return None;
        }
        tabu.tabu = vec![0; tabu.slots.len() * nt];
        let pairs: Vec<(u32, u32)> = (0..tabu.slots.len())
            .flat_map(|i| tabu.resources(i).iter().map(move |&r| (r, i as u32)))
            .collect();
        tabu.holders = Csr::from_pairs(m.num_resources(), &pairs);
        Some(tabu)
    }

    fn cost(&self) -> i64 {
        let nt = self.nt;
        (0..self.weight.len())
            .map(|r| {
                let row = &self.busy[r * nt..(r + 1) * nt];
                self.weight[r] * row.iter().map(|&b| i64::from(b.saturating_sub(1))).sum::<i64>()
            })
            .sum()
    }

    fn resources(&self, i: usize) -> &[u32] {
        &self.res[self.res_base[i] as usize..self.res_base[i + 1] as usize]
    }

    /// Weighted clashes movable `i` takes part in at its current start.
    fn clashes_of(&self, i: usize) -> i64 {
        let (t, d) = (self.start[i] as usize, self.dur[i] as usize);
        let mut c = 0;
        for &r in self.resources(i) {
            let row = r as usize * self.nt;
            let n = (t..t + d).filter(|&u| self.busy[row + u] >= 2).count();
            c += self.weight[r as usize] * n as i64;
        }
        c
    }

    /// Weighted clashes movable `i` would meet at start `t` (its own current span excluded).
    fn clashes_at(&self, i: usize, t: usize) -> i64 {
        let (old, d) = (self.start[i] as usize, self.dur[i] as usize);
        let mut c = 0;
        for &r in self.resources(i) {
            let row = r as usize * self.nt;
            let n = (t..t + d)
                .filter(|&u| self.busy[row + u] - u16::from(old <= u && u < old + d) >= 1)
                .count();
            c += self.weight[r as usize] * n as i64;
        }
        c
    }

    /// Change in weighted clashes when single-time movables `x` and `y` trade starts: their
    /// shared resources stay busy at both times; each other resource leaves one and takes the
    /// other.
    fn swap_delta(&self, x: usize, y: usize) -> i64 {
        let (tx, ty) = (self.start[x] as usize, self.start[y] as usize);
        let (rx, ry) = (self.resources(x), self.resources(y));
        let side = |mine: &[u32], theirs: &[u32], from: usize, to: usize| -> i64 {
            mine.iter()
                .filter(|r| !theirs.contains(r))
                .map(|&r| {
                    let row = r as usize * self.nt;
                    self.weight[r as usize]
                        * (i64::from(self.busy[row + to] >= 1) - i64::from(self.busy[row + from] >= 2))
                })
                .sum()
        };
        side(rx, ry, tx, ty) + side(ry, rx, ty, tx)
    }

    fn shift(&mut self, i: usize, t: u32) {
        let (old, d) = (self.start[i] as usize, self.dur[i] as usize);
        for k in self.res_base[i] as usize..self.res_base[i + 1] as usize {
            let row = self.res[k] as usize * self.nt;
            (old..old + d).for_each(|u| self.busy[row + u] -= 1);
            (t as usize..t as usize + d).for_each(|u| self.busy[row + u] += 1);
        }
        self.start[i] = t;
    }

    /// Searches until no clash is left or the limits say stop; leaves the best timetable found
    /// in `st` (evaluated) and returns the steps taken, counted from `iterations`.
    pub(super) fn run(
        &mut self,
        st: &mut State,
        rng: &mut SmallRng,
        limits: &SearchLimits,
        mut iterations: u64,
    ) -> u64 {
        let m = st.m;
        let nt = self.nt;
        let mut cost = self.cost();
        let (mut best_cost, mut best_start) = (cost, self.start.clone());
        while cost > 0 && !limits.stop(iterations) {
            if iterations & 255 == 0 && limits.optimal.load(Ordering::Relaxed) {
                break;
            }
            iterations += 1;
            self.clashing.clear();
            for i in 0..self.slots.len() {
                if self.clashes_of(i) > 0 {
                    self.clashing.push(i as u32);
                }
            }
            // The best move over every clashing sub-event and start (ties drawn uniformly).
            let (mut pick, mut pick_delta, mut ties) = (None, i64::MAX, 0u32);
            for &i in &self.clashing {
                let i = i as usize;
                let s = self.slots[i] as usize;
                let (e, d) = (m.slot_event[s], self.dur[i]);
                let out = self.clashes_of(i);
                for &t in m.start_domain(e, d) {
                    if t == self.start[i] || t as usize + d as usize > nt {
                        continue;
                    }
                    let delta = self.clashes_at(i, t as usize) - out;
                    let aspire = cost + delta < best_cost;
                    if self.tabu[i * nt + t as usize] > iterations && !aspire {
                        continue;
                    }
                    if delta < pick_delta {
                        (pick, pick_delta, ties) = (Some((i, t)), delta, 1);
                    } else if delta == pick_delta {
                        ties += 1;
                        if rng.gen_range(0..ties) == 0 {
                            pick = Some((i, t));
                        }
                    }
                }
            }
            // Trades of a clashing single-time sub-event with one sharing a resource: on a tight
            // timetable the shared resource (a class busy at every time) stays clash-free.
            let mut swap = None;
            let noswap = std::env::var_os("TABU_NOSWAP").is_some();
            for &x in &self.clashing {
                if noswap { break; }
                let x = x as usize;
                if self.dur[x] != 1 {
                    continue;
                }
                let ex = m.slot_event[self.slots[x] as usize];
                for &r in self.resources(x) {
                    for &y in self.holders.row(r) {
                        let y = y as usize;
                        let (tx, ty) = (self.start[x], self.start[y]);
                        if y == x || self.dur[y] != 1 || tx == ty {
                            continue;
                        }
                        let ey = m.slot_event[self.slots[y] as usize];
                        if !m.start_allowed(ex, 1, ty) || !m.start_allowed(ey, 1, tx) {
                            continue;
                        }
                        let delta = self.swap_delta(x, y);
                        let tabu = self.tabu[x * nt + ty as usize] > iterations
                            || self.tabu[y * nt + tx as usize] > iterations;
                        if tabu && cost + delta >= best_cost {
                            continue;
                        }
                        if delta < pick_delta {
                            (swap, pick_delta, ties) = (Some(y), delta, 1);
                            pick = Some((x, ty));
                        } else if delta == pick_delta {
                            ties += 1;
                            if rng.gen_range(0..ties) == 0 {
                                (swap, pick) = (Some(y), Some((x, ty)));
                            }
                        }
                    }
                }
            }
            let Some((i, t)) = pick else {
                // Every move is tabu: the tenures run out by themselves.
                continue;
            };
            let old = self.start[i];
            let tenure = rng.gen_range(0..TENURE_BASE)
                + TENURE_PER_CLASH * self.clashing.len() as u64 / 10;
            self.tabu[i * nt + old as usize] = iterations + tenure;
            self.shift(i, t);
            if let Some(y) = swap {
                self.tabu[y * nt + t as usize] = iterations + tenure;
                self.shift(y, old);
            }
            cost += pick_delta;
            debug_assert_eq!(cost, self.cost());
            if std::env::var_os("TABU_TRACE").is_some() && iterations % 5000 == 0 {
                eprintln!("it {iterations} cost {cost} best {best_cost} clashing {}", self.clashing.len());
            }
            if cost < best_cost {
                best_cost = cost;
                best_start.copy_from_slice(&self.start);
            }
        }
        st.begin();
        for (i, &s) in self.slots.iter().enumerate() {
            let s = s as usize;
            if st.start[s] != best_start[i] {
                st.set_slot(s, best_start[i], self.dur[i]);
            }
        }
        st.evaluate();
        iterations
    }
}

/// Every hard monitor is an assignment of time or a clash, no event is hard-linked, and no
/// unlocked sub-event has a resource left to choose.
fn pure_clash(m: &Model) -> bool {
    let kinds_ok = m.monitors.iter().all(|mon| {
        !mon.hard || matches!(mon.kind, MonitorKind::Clash { .. } | MonitorKind::AssignTime { .. })
    });
    let fixed = (0..m.num_slots()).all(|s| {
        let e = m.slot_event[s];
        m.slot_locked[s]
            || (m.link_class[e as usize] == NONE
                && m.roles(e).all(|fr| m.role_fixed[fr] != NONE))
    });
    kinds_ok && fixed
}
