//! Kempe chain moves over time windows: a sub-event moves from window `[t1, t1+d)` to
//! `[t2, t2+d)`; every sub-event sharing a preassigned resource that it would now overlap moves
//! the other way by the same offset (it must lie inside the window), and so on alternately until
//! the chain closes. A double lesson can so trade places with two single ones, and the exchange
//! creates no new clash among the resources involved.

use super::moves::{Neighbourhood, follow, repair_resources};
use crate::model::{Model, NONE};
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

/// Longest chain tried; longer ones are abandoned.
const MAX_CHAIN: usize = 48;

impl Neighbourhood {
    pub(super) fn kempe(&mut self, st: &mut State, rng: &mut SmallRng) -> bool {
        let Some(a) = self.target_slot(st, rng) else {
            return false;
        };
        self.kempe_from(st, a, rng)
    }

    /// Moves slot `a` by a Kempe chain to a random start of its domain.
    pub(super) fn kempe_from(&mut self, st: &mut State, a: usize, rng: &mut SmallRng) -> bool {
        let m = st.m;
        let (t1, d) = (st.start[a], st.dur[a]);
        let dom = m.start_domain(m.slot_event[a], d);
        if t1 == NONE || dom.is_empty() {
            return false;
        }
        let t2 = dom[rng.gen_range(0..dom.len())];
        if t2 < t1 + d && t1 < t2 + d {
            return false; // overlapping windows cannot trade places
        }
        self.chain_move(st, a, t2, true, rng)
    }

    /// Moves slot `a` to start `t2` by a Kempe chain; `begin` opens a new move first (a
    /// compound move applies several chains in one). False, state untouched, when the chain
    /// cannot close.
    pub(super) fn chain_move(
        &mut self,
        st: &mut State,
        a: usize,
        t2: u32,
        begin: bool,
        rng: &mut SmallRng,
    ) -> bool {
        let (t1, d) = (st.start[a], st.dur[a]);
        let mut chain = std::mem::take(&mut self.chain);
        chain[0].clear();
        chain[1].clear();
        chain[0].push(a as u32);
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.next_chain();
        scratch.in_chain[a] = scratch.stamp;
        let ok = self.close_chain(st, &mut chain, &mut scratch, [t1, t2], d);
        self.scratch = scratch;
        if ok {
            // Targets first: a linked partner carried along by `follow` may itself be a member.
            let mut targets = std::mem::take(&mut self.targets);
            targets.clear();
            for (side, members) in chain.iter().enumerate() {
                for &x in members {
                    let from = st.start[x as usize];
                    targets.push((x, from, shifted(from, t1, t2, side)));
                }
            }
            if begin {
                st.begin();
            }
            for &(x, from, to) in &targets {
                let x = x as usize;
                if st.start[x] == from {
                    st.set_slot(x, to, st.dur[x]);
                    follow(st, x, from, to, rng);
                }
            }
            self.targets = targets;
            for side in &chain {
                for &x in side {
                    repair_resources(st, x as usize, rng);
                }
            }
        }
        self.chain = chain;
        ok
    }

    /// Grows both sides until closed; false when the chain meets a locked sub-event, one that
    /// sticks out of its window, a start outside a domain, or grows too long.
    fn close_chain(
        &self,
        st: &State,
        chain: &mut [Vec<u32>; 2],
        sc: &mut ChainScratch,
        starts: [u32; 2],
        d: u32,
    ) -> bool {
        let m = st.m;
        let nt = m.num_times();
        let mut done = [0usize; 2];
        loop {
            let side = if done[0] < chain[0].len() {
                0
            } else if done[1] < chain[1].len() {
                1
            } else {
                return true;
            };
            let x = chain[side][done[side]] as usize;
            done[side] += 1;
            let (xd, ns) = (st.dur[x], shifted(st.start[x], starts[0], starts[1], side));
            if !m.start_allowed(m.slot_event[x], xd, ns) {
                return false;
            }
            let window = [starts[1 - side], starts[1 - side] + d];
            for k in 0..m.roles(m.slot_event[x]).len() {
                let r = st.resource(x, k);
                if r == NONE {
                    continue;
                }
                let row = r as usize * nt;
                let times = ns..ns + xd;
                // Most resources are free in the new window, and where one is busy once the
                // hint names the sub-event there: only otherwise scan the resource's sub-events.
                if times.clone().all(|t| {
                    let b = st.busy[row + t as usize];
                    b == 0 || (b == 1 && sc.hint_holds(st, row, t))
                }) {
                    for t in times {
                        if st.busy[row + t as usize] == 1 {
                            let y = sc.hint[row + t as usize] as usize;
                            if !sc.visit(st, chain, y, side, window) {
                                return false;
                            }
                        }
                    }
                    continue;
                }
                for &y in self.peers(r) {
                    let y = y as usize;
                    let (ys, yd) = (st.start[y], st.dur[y]);
                    if yd == 0 || ys == NONE {
                        continue;
                    }
                    for t in ys..ys + yd {
                        sc.hint[row + t as usize] = y as u32;
                    }
                    if ys >= ns + xd || ys + yd <= ns {
                        continue;
                    }
                    if !sc.visit(st, chain, y, side, window) {
                        return false;
                    }
                }
            }
        }
    }
}

/// Scratch space of the Kempe chains: chain membership by stamp, and per resource and time a
/// hint of the preassigned sub-event last seen there (checked before use, never trusted).
#[derive(Default)]
pub(crate) struct ChainScratch {
    in_chain: Vec<u32>,
    stamp: u32,
    hint: Vec<u32>,
}

impl ChainScratch {
    pub(super) fn new(m: &Model) -> Self {
        ChainScratch {
            in_chain: vec![0; m.num_slots()],
            stamp: 0,
            hint: vec![NONE; m.num_resources() * m.num_times()],
        }
    }

    fn next_chain(&mut self) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.in_chain.fill(0);
            self.stamp = 1;
        }
    }

    /// The hinted sub-event still covers time `t` (hints come from the resource's own
    /// preassigned sub-events, so it also still has the resource).
    fn hint_holds(&self, st: &State, row: usize, t: u32) -> bool {
        let y = self.hint[row + t as usize];
        if y == NONE {
            return false;
        }
        let (ys, yd) = (st.start[y as usize], st.dur[y as usize]);
        yd > 0 && ys != NONE && ys <= t && t < ys + yd
    }

    /// Sub-event `y` overlaps a chain member's new place: it joins the other side. False when
    /// it sticks out of the window or the chain grows too long.
    fn visit(
        &mut self,
        st: &State,
        chain: &mut [Vec<u32>; 2],
        y: usize,
        side: usize,
        [lo, hi]: [u32; 2],
    ) -> bool {
        let (ys, yd) = (st.start[y], st.dur[y]);
        if ys < lo || ys + yd > hi {
            return false;
        }
        if self.in_chain[y] == self.stamp {
            return true;
        }
        if chain[1 - side].len() >= MAX_CHAIN {
            return false;
        }
        chain[1 - side].push(y as u32);
        self.in_chain[y] = self.stamp;
        true
    }
}

/// Where a chain member starting at `start` lands: side 0 moves by `t2 - t1`, side 1 back.
fn shifted(start: u32, t1: u32, t2: u32, side: usize) -> u32 {
    if side == 0 {
        start + t2 - t1
    } else {
        start + t1 - t2
    }
}
