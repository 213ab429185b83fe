//! Empties a time group (a day) for a resource busy on too many of them. Moving one lesson off a
//! day gains nothing until the last one leaves, and each single step usually costs something
//! (an idle time, a worse spread), so single moves rarely cross that plateau; this compound move
//! sends every lesson of the resource in the group elsewhere by Kempe chains in one step.

use super::moves::Neighbourhood;
use crate::model::NONE;
use crate::model::monitor::MonitorKind;
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

/// Random target starts tried per sub-event leaving the group.
const TRIES: usize = 6;

impl Neighbourhood {
    /// False, state untouched, when there is no over-busy cluster defect to work on.
    pub(super) fn empty_group(&mut self, st: &mut State, rng: &mut SmallRng) -> bool {
        let mi = self.defect(st, rng);
        self.empty_group_at(st, mi, rng)
    }

    /// `empty_group` for the defect `mi` (false unless it is an over-busy cluster monitor).
    pub(super) fn empty_group_at(
        &mut self,
        st: &mut State,
        mi: Option<usize>,
        rng: &mut SmallRng,
    ) -> bool {
        let m = st.m;
        let Some(MonitorKind::Cluster {
            resource,
            groups,
            max,
            ..
        }) = mi.map(|mi| m.monitors[mi].kind)
        else {
            return false;
        };
        let nt = m.num_times();
        let busy = |st: &State, t: u32| st.busy[resource as usize * nt + t as usize] > 0;
        let groups = m.lists.row(groups);
        // One busy group drawn uniformly (reservoir sampling: no allocation).
        let (mut open, mut g) = (0u32, NONE);
        for &h in groups {
            if m.time_groups.row(h).iter().any(|&t| busy(st, t)) {
                open += 1;
                if rng.gen_range(0..open) == 0 {
                    g = h;
                }
            }
        }
        if open <= max {
            return false;
        }
        let inside = |t: u32| m.time_groups.row(g).contains(&t);
        let mut moved = false;
        st.begin();
        for i in 0..self.peers(resource).len() {
            let x = self.peers(resource)[i] as usize;
            let (t1, d) = (st.start[x], st.dur[x]);
            if d == 0 || t1 == NONE || !(t1..t1 + d).any(inside) {
                continue;
            }
            let dom = m.start_domain(m.slot_event[x], d);
            for _ in 0..TRIES.min(dom.len()) {
                let t2 = dom[rng.gen_range(0..dom.len())];
                if (t2..t2 + d).any(inside) || (t2 < t1 + d && t1 < t2 + d) {
                    continue;
                }
                if self.chain_move(st, x, t2, false, rng) {
                    moved = true;
                    break;
                }
            }
        }
        moved
    }
}
