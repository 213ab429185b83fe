//! Repairs a soft preferred-resource defect (a lesson in a room it does not prefer) in the
//! feasible phase. Without it the phase reaches such a defect only by a random resource change,
//! which on a full building lands on a busy room and is refused: Khartoum (82 lessons, every
//! soft cost a room preference) kept its first feasible rooms for 30 s. Three ways, tried in
//! order: a preferred room free over the sub-event's times; the rooms of the sub-event and of
//! a holder of a preferred room at the same times exchanged; the sub-event moved to a start
//! where a preferred room is free, and put in it.

use super::moves::{Neighbourhood, follow, repair_resources};
use super::prefer::draw;
use crate::model::NONE;
use crate::model::monitor::MonitorKind;
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

impl Neighbourhood {
    /// False, state untouched, unless `mi` is a preferred-resources monitor with a sub-event
    /// outside its set and a move towards the set was found.
    pub(super) fn prefer_resource_at(
        &mut self,
        st: &mut State,
        mi: usize,
        rng: &mut SmallRng,
    ) -> bool {
        let m = st.m;
        let MonitorKind::PreferResources { event, role, set } = m.monitors[mi].kind else {
            return false;
        };
        let k = (role - m.role_base[event as usize]) as usize;
        if m.role_fixed[role as usize] != NONE {
            return false;
        }
        // A scheduled, movable sub-event of the event in a resource outside the set.
        let slot = draw(
            m.slots(event)
                .filter(|&s| {
                    let r = st.resource(s, k);
                    st.dur[s] > 0
                        && st.start[s] != NONE
                        && !m.slot_locked[s]
                        && m.slot_role_locked[m.slot_res_base[s] as usize + k] == NONE
                        && r != NONE
                        && !m.bits.contains(set, r)
                })
                .map(|s| s as u32),
            rng,
        );
        let Some(s) = slot.map(|s| s as usize) else {
            return false;
        };
        let nt = m.num_times();
        let (t, d) = (st.start[s], st.dur[s]);
        let dom = m.role_domain.row(role);
        let wanted = |c: &u32| m.bits.contains(set, *c);
        let free = |st: &State, c: u32, t: u32| {
            t + d <= nt as u32 && (t..t + d).all(|x| st.busy[c as usize * nt + x as usize] == 0)
        };
        if let Some(c) = draw(
            dom.iter()
                .copied()
                .filter(wanted)
                .filter(|&c| free(st, c, t)),
            rng,
        ) {
            st.begin();
            st.set_res(s, k, c);
            return true;
        }
        if rng.gen_bool(0.5) && self.exchange_rooms(st, s, k, set, rng) {
            return true;
        }
        // A start where a preferred room is free; the move is refused if it breaks a hard rule.
        let starts = m.start_domain(event, d);
        let target = draw(
            starts
                .iter()
                .copied()
                .filter(|&t2| t2 != t && dom.iter().any(|&c| wanted(&c) && free(st, c, t2))),
            rng,
        );
        let Some(t2) = target else {
            return false;
        };
        let c = draw(
            dom.iter()
                .copied()
                .filter(wanted)
                .filter(|&c| free(st, c, t2)),
            rng,
        )
        .expect("a free preferred room at the drawn start");
        st.begin();
        st.set_slot(s, t2, d);
        follow(st, s, t, t2, rng);
        st.set_res(s, k, c);
        repair_resources(st, s, rng);
        true
    }

    /// Slot `s` takes a preferred resource held over its times by one other open role, which
    /// takes `s`'s resource in exchange (if its domain has it).
    fn exchange_rooms(
        &mut self,
        st: &mut State,
        s: usize,
        k: usize,
        set: u32,
        rng: &mut SmallRng,
    ) -> bool {
        let m = st.m;
        let (t, d) = (st.start[s], st.dur[s]);
        let mine = st.resource(s, k);
        let overlaps = |st: &State, o: usize| {
            let (t2, d2) = (st.start[o], st.dur[o]);
            d2 > 0 && t2 != NONE && t2 < t + d && t < t2 + d2
        };
        let dom = m
            .role_domain
            .row(m.role_base[m.slot_event[s] as usize] + k as u32);
        let preferred: Vec<u32> = dom
            .iter()
            .copied()
            .filter(|&c| m.bits.contains(set, c))
            .collect();
        if preferred.is_empty() {
            return false;
        }
        let c = preferred[rng.gen_range(0..preferred.len())];
        // The one holder of `c` over the times, if it may take `mine`.
        let mut holder = None;
        for &i in self.open_users.row(c) {
            let (o, ko) = self.open_roles[i as usize];
            let (o, ko) = (o as usize, ko as usize);
            if o == s || st.resource(o, ko) != c || !overlaps(st, o) {
                continue;
            }
            if holder.is_some() {
                return false;
            }
            holder = Some((o, ko));
        }
        let Some((o, ko)) = holder else {
            return false;
        };
        let other = m
            .role_domain
            .row(m.role_base[m.slot_event[o] as usize] + ko as u32);
        if !other.contains(&mine) {
            return false;
        }
        st.begin();
        st.set_res(s, k, c);
        st.set_res(o, ko, mine);
        true
    }
}

#[cfg(test)]
#[path = "prefer_room_tests.rs"]
mod tests;
