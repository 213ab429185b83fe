//! Sends a sub-event outside its preferred times to one of them. A uniformly drawn start lands
//! in a small preferred set only by luck, and in a packed timetable the way in is an exchange:
//! the sub-event moves by a Kempe chain (a plain move when no chain closes).

use super::moves::{Neighbourhood, follow, repair_resources};
use crate::model::NONE;
use crate::model::monitor::MonitorKind;
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

impl Neighbourhood {
    /// False, state untouched, when there is no preferred-times defect to work on.
    pub(super) fn move_into_preferred(&mut self, st: &mut State, rng: &mut SmallRng) -> bool {
        let mi = self.defect(st, rng);
        self.move_into_preferred_at(st, mi, rng)
    }

    /// `move_into_preferred` for the defect `mi` (false unless it is a preferred-times monitor).
    pub(super) fn move_into_preferred_at(
        &mut self,
        st: &mut State,
        mi: Option<usize>,
        rng: &mut SmallRng,
    ) -> bool {
        let m = st.m;
        let Some(MonitorKind::PreferTimes {
            event,
            set,
            duration,
        }) = mi.map(|mi| m.monitors[mi].kind)
        else {
            return false;
        };
        // A sub-event of the event outside the set, drawn uniformly.
        let (mut seen, mut slot) = (0u32, NONE as usize);
        for s in m.slots(event) {
            let (t, d) = (st.start[s], st.dur[s]);
            if !m.slot_locked[s]
                && d > 0
                && t != NONE
                && (duration == 0 || d == duration)
                && !m.bits.contains(set, t)
            {
                seen += 1;
                if rng.gen_range(0..seen) == 0 {
                    slot = s;
                }
            }
        }
        if slot == NONE as usize {
            return false;
        }
        let d = st.dur[slot];
        // A preferred start the sub-event may take, drawn uniformly.
        let starts = (0..m.num_times() as u32)
            .filter(|&t| m.bits.contains(set, t) && m.start_allowed(event, d, t));
        match draw(starts, rng) {
            Some(t2) => self.move_slot_to(st, slot, t2, rng),
            None => false,
        }
    }

    /// Moves the scheduled `slot` to start `t2`: by a Kempe chain when the two windows do not
    /// overlap and one closes, else plainly, its followers and open resources repaired after.
    pub(super) fn move_slot_to(
        &mut self,
        st: &mut State,
        slot: usize,
        t2: u32,
        rng: &mut SmallRng,
    ) -> bool {
        let (t1, d) = (st.start[slot], st.dur[slot]);
        let apart = t2 >= t1 + d || t1 >= t2 + d;
        if apart && self.chain_move(st, slot, t2, true, rng) {
            return true;
        }
        st.begin();
        st.set_slot(slot, t2, d);
        follow(st, slot, t1, t2, rng);
        repair_resources(st, slot, rng);
        true
    }
}

/// One of `items`, drawn uniformly in one pass (reservoir sampling); `None` when empty.
pub(super) fn draw(items: impl Iterator<Item = u32>, rng: &mut SmallRng) -> Option<u32> {
    let (mut seen, mut pick) = (0u32, None);
    for x in items {
        seen += 1;
        if rng.gen_range(0..seen) == 0 {
            pick = Some(x);
        }
    }
    pick
}
