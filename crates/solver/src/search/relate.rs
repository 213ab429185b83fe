//! Repairs a violated relation between events (same day, days apart, same start position, or
//! a same-day rule that holds on different days): one event of the relation moves to a start
//! that meets it against another member. A uniformly drawn start lands on the one right day
//! only by luck; the move goes by a Kempe chain when one closes, else plainly.

use super::moves::Neighbourhood;
use super::prefer::draw;
use crate::model::NONE;
use crate::model::monitor::MonitorKind;
use crate::model::spec::EventRelation;
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

impl Neighbourhood {
    /// False, state untouched, unless `mi` is a relation monitor of a kind handled here with a
    /// start to move to.
    pub(super) fn fix_relation_at(
        &mut self,
        st: &mut State,
        mi: usize,
        rng: &mut SmallRng,
    ) -> bool {
        let m = st.m;
        let MonitorKind::Relate {
            event_list,
            relation,
            layout,
        } = m.monitors[mi].kind
        else {
            return false;
        };
        let events = m.lists.row(event_list);
        if events.len() < 2 {
            return false;
        }
        let (days, positions) = m.lists.row(layout).split_at(m.num_times());
        // The mover and the member it is placed against, both drawn at random.
        let i = rng.gen_range(0..events.len());
        let j = (i + rng.gen_range(1..events.len())) % events.len();
        let (Some(x), Some(y)) = (first_slot(st, events[i]), first_slot(st, events[j])) else {
            return false;
        };
        if m.slot_locked[x] {
            return false;
        }
        let (t1, d) = (st.start[x], st.dur[x]);
        let ty = st.start[y];
        let (dy, py) = (days[ty as usize], positions[ty as usize]);
        if dy == NONE {
            return false;
        }
        let fits = |t: u32| {
            let dt = days[t as usize];
            dt != NONE
                && match relation {
                    EventRelation::SameDay => dt == dy,
                    EventRelation::MaxDaysApart(n) => dt.abs_diff(dy) <= n,
                    EventRelation::SameStartPosition => positions[t as usize] == py,
                    EventRelation::MinGap(_)
                    | EventRelation::OrderedIfSameDay
                    | EventRelation::AdjacentIfSameDay => dt != dy,
                    _ => false,
                }
        };
        // A start meeting the relation, drawn uniformly.
        let e = m.slot_event[x];
        let starts = m.start_domain(e, d).iter().copied();
        match draw(starts.filter(|&t| t != t1 && fits(t)), rng) {
            Some(t2) => self.move_slot_to(st, x, t2, rng),
            None => false,
        }
    }
}

/// The earliest-starting scheduled sub-event of `e` (the one relations read).
fn first_slot(st: &State, e: u32) -> Option<usize> {
    st.m.slots(e)
        .filter(|&s| st.dur[s] > 0 && st.start[s] != NONE)
        .min_by_key(|&s| st.start[s])
}
