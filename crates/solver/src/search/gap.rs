//! Fills an idle time of a resource with too many of them: one of its lessons moves into the gap
//! by a Kempe chain. A uniformly drawn target time almost never lands in a gap, so the plain
//! moves find these repairs only by luck.

use super::moves::Neighbourhood;
use crate::model::NONE;
use crate::model::monitor::MonitorKind;
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

impl Neighbourhood {
    /// False, state untouched, when there is no idle-times defect to work on or no chain closes.
    pub(super) fn fill_gap(&mut self, st: &mut State, rng: &mut SmallRng) -> bool {
        let mi = self.defect(st, rng);
        self.fill_gap_at(st, mi, rng)
    }

    /// `fill_gap` for the defect `mi` (false unless it is an idle-times monitor).
    pub(super) fn fill_gap_at(
        &mut self,
        st: &mut State,
        mi: Option<usize>,
        rng: &mut SmallRng,
    ) -> bool {
        let m = st.m;
        let Some(MonitorKind::Idle {
            resource, groups, ..
        }) = mi.map(|mi| m.monitors[mi].kind)
        else {
            return false;
        };
        let nt = m.num_times();
        let busy = |t: u32| st.busy[resource as usize * nt + t as usize] > 0;
        // One idle time over all groups, drawn uniformly (reservoir sampling: no allocation).
        let (mut seen, mut gap) = (0u32, NONE);
        for &g in m.lists.row(groups) {
            let times = m.time_groups.row(g);
            let first = times.iter().position(|&t| busy(t));
            let last = times.iter().rposition(|&t| busy(t));
            if let (Some(a), Some(b)) = (first, last) {
                for &t in times[a..=b].iter().filter(|&&t| !busy(t)) {
                    seen += 1;
                    if rng.gen_range(0..seen) == 0 {
                        gap = t;
                    }
                }
            }
        }
        let n = self.peers(resource).len();
        if gap == NONE || n == 0 {
            return false;
        }
        for _ in 0..4 {
            let x = self.peers(resource)[rng.gen_range(0..n)] as usize;
            let (t1, d) = (st.start[x], st.dur[x]);
            if d == 0 || t1 == NONE || (gap < t1 + d && t1 < gap + d) {
                continue;
            }
            if self.chain_move(st, x, gap, true, rng) {
                return true;
            }
        }
        false
    }
}
