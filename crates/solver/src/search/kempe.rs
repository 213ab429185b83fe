//! Kempe chain moves over time windows: a sub-event moves from window `[t1, t1+d)` to
//! `[t2, t2+d)`; every sub-event sharing a preassigned resource that it would now overlap moves
//! the other way by the same offset (it must lie inside the window), and so on alternately until
//! the chain closes. A double lesson can so trade places with two single ones, and the exchange
//! creates no new clash among the resources involved.

use super::moves::{Neighbourhood, follow, repair_resources};
use crate::model::NONE;
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
        let ok = self.close_chain(st, &mut chain, [t1, t2], d);
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
    fn close_chain(&self, st: &State, chain: &mut [Vec<u32>; 2], starts: [u32; 2], d: u32) -> bool {
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
            let (lo, hi) = (starts[1 - side], starts[1 - side] + d);
            for k in 0..m.roles(m.slot_event[x]).len() {
                let r = st.resource(x, k);
                // Most resources are free in the new window: skip scanning their sub-events.
                let row = r as usize * nt;
                if r == NONE || (ns..ns + xd).all(|t| st.busy[row + t as usize] == 0) {
                    continue;
                }
                for &y in self.peers(r) {
                    let y = y as usize;
                    let (ys, yd) = (st.start[y], st.dur[y]);
                    if yd == 0 || ys == NONE || ys >= ns + xd || ys + yd <= ns {
                        continue;
                    }
                    if ys < lo || ys + yd > hi {
                        return false;
                    }
                    if chain[0].contains(&(y as u32)) || chain[1].contains(&(y as u32)) {
                        continue;
                    }
                    if chain[1 - side].len() >= MAX_CHAIN {
                        return false;
                    }
                    chain[1 - side].push(y as u32);
                }
            }
        }
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
