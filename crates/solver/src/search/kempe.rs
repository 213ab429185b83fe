//! Kempe chain moves: move a sub-event from time `t1` to `t2` and carry along, alternately, every
//! sub-event at the other time that shares a preassigned resource with the chain, so the
//! exchange creates no new clash among those resources.

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
        if t2 == t1 {
            return false;
        }
        let mut chain = std::mem::take(&mut self.chain);
        chain[0].clear();
        chain[1].clear();
        chain[0].push(a as u32);
        let ok = self.close_chain(st, &mut chain, [t1, t2], d);
        if ok {
            st.begin();
            for (side, members) in chain.iter().enumerate() {
                let (from, to) = if side == 0 { (t1, t2) } else { (t2, t1) };
                for &x in members {
                    st.set_slot(x as usize, to, d);
                    follow(st, x as usize, from, to, rng);
                }
            }
            for side in &chain {
                for &x in side {
                    repair_resources(st, x as usize, rng);
                }
            }
        }
        self.chain = chain;
        ok
    }

    /// Grows both sides until closed; false when the chain hits a locked, misaligned or
    /// out-of-domain sub-event or grows too long.
    fn close_chain(&self, st: &State, chain: &mut [Vec<u32>; 2], times: [u32; 2], d: u32) -> bool {
        let m = st.m;
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
            if !m.start_allowed(m.slot_event[x], d, times[1 - side]) {
                return false;
            }
            let other = times[1 - side];
            for k in 0..m.roles(m.slot_event[x]).len() {
                let r = st.resource(x, k);
                if r == NONE {
                    continue;
                }
                for &y in self.peers(r) {
                    let y = y as usize;
                    let (ys, yd) = (st.start[y], st.dur[y]);
                    if yd == 0 || ys == NONE || ys >= other + d || ys + yd <= other {
                        continue;
                    }
                    if ys != other || yd != d {
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
