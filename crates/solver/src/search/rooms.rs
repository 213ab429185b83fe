//! Repairs a clash of a resource the solver assigns (a room, an open teacher): one sub-event
//! holding it at a clashing time takes another resource of its role's domain, a free one when
//! there is one. Time moves starting from such a clash would pick a random lesson (the
//! resource has no preassigned sub-events to start from) and rarely touch the clash.

use super::moves::Neighbourhood;
use super::target::violated_clash;
use crate::model::NONE;
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

impl Neighbourhood {
    /// False, state untouched, when no violated clash of an assignable resource was drawn.
    pub(super) fn fix_open_clash(&mut self, st: &mut State, rng: &mut SmallRng) -> bool {
        let Some(r) = violated_clash(st, rng) else {
            return false;
        };
        let m = st.m;
        let nt = m.num_times();
        let row = r as usize * nt;
        // A holder of `r` at a clashing time, drawn uniformly.
        let (mut seen, mut pick) = (0u32, None);
        for &i in self.open_users.row(r) {
            let (s, k) = self.open_roles[i as usize];
            let (s, k) = (s as usize, k as usize);
            let (t, d) = (st.start[s], st.dur[s]);
            if d == 0 || t == NONE || st.resource(s, k) != r {
                continue;
            }
            if (t..t + d).any(|x| st.busy[row + x as usize] > 1) {
                seen += 1;
                if rng.gen_range(0..seen) == 0 {
                    pick = Some((s, k));
                }
            }
        }
        let Some((s, k)) = pick else {
            return false;
        };
        let (t, d) = (st.start[s], st.dur[s]);
        let fr = m.role_base[m.slot_event[s] as usize] as usize + k;
        let dom = m.role_domain.row(fr as u32);
        if dom.len() < 2 {
            return false;
        }
        let free = |c: u32| (t..t + d).all(|x| st.busy[c as usize * nt + x as usize] == 0);
        let from = rng.gen_range(0..dom.len());
        let c = (0..dom.len())
            .map(|i| dom[(from + i) % dom.len()])
            .find(|&c| c != r && free(c))
            .unwrap_or_else(|| {
                let c = dom[rng.gen_range(0..dom.len())];
                if c == r {
                    dom[(from + 1) % dom.len()]
                } else {
                    c
                }
            });
        if c == r {
            return false;
        }
        st.begin();
        st.set_res(s, k, c);
        true
    }
}
