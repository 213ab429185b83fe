//! Moves aimed at a violated clash. A resource busy twice at a time is free at some other time
//! (or, for an assigned room, some room of the lesson's domain is); a random Kempe target hits
//! such a time only by luck, and on a tight problem (every class and teacher busy nearly every
//! time) almost never. Here a sub-event at the clashing time goes by a Kempe chain to a time
//! where the resource (or a room it may take) is free; the chain keeps every other resource it
//! touches clash-free. For an assigned room there is also a depth-two ejection at the same
//! time: the lesson takes a room of its domain from a holder that can move to a free one.

use super::moves::{Neighbourhood, follow, repair_resources};
use super::target::violated_clash;
use crate::model::NONE;
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

/// Target times tried per move before giving up (each is one Kempe chain).
const TRIES: usize = 3;

impl Neighbourhood {
    /// False, state untouched, when no violated clash was drawn or no chain closed.
    pub(super) fn clash_kempe(&mut self, st: &mut State, rng: &mut SmallRng) -> bool {
        let Some((r, x, k)) = self.clashing_holder(st, rng) else {
            return false;
        };
        let m = st.m;
        let nt = m.num_times();
        let (t1, d) = (st.start[x], st.dur[x]);
        let e = m.slot_event[x];
        // An assigned role may land in any room of its domain; a preassigned one keeps `r`.
        let rooms: &[u32] = match k {
            Some(k) => m.role_domain.row(m.role_base[e as usize] + k as u32),
            None => std::slice::from_ref(&r),
        };
        let dom = m.start_domain(e, d);
        if dom.is_empty() {
            return false;
        }
        for _ in 0..TRIES {
            // A start apart from the current window where a room is free, drawn uniformly.
            let (mut seen, mut t2) = (0u32, NONE);
            let free =
                |c: u32, t: u32| (t..t + d).all(|u| st.busy[c as usize * nt + u as usize] == 0);
            for &t in dom {
                if (t >= t1 + d || t1 >= t + d)
                    && t + d <= nt as u32
                    && rooms.iter().any(|&c| free(c, t))
                {
                    seen += 1;
                    if rng.gen_range(0..seen) == 0 {
                        t2 = t;
                    }
                }
            }
            if t2 == NONE {
                return false;
            }
            // A closed chain on a tight timetable is often a relabelling of the two times that
            // changes nothing; half the time the exchange stops after one step instead.
            if rng.gen_bool(0.5) {
                self.eject_to(st, x, t2, rng);
                return true;
            }
            if self.chain_move(st, x, t2, true, rng) {
                return true;
            }
        }
        false
    }

    /// Moves `x` to start `t2` and sends the sub-events it now meets there through its
    /// preassigned resources (those lying inside its new window) to its old window: one step
    /// of a Kempe chain, which leaves what they meet there to the search.
    fn eject_to(&self, st: &mut State, x: usize, t2: u32, rng: &mut SmallRng) {
        let m = st.m;
        let (t1, d) = (st.start[x], st.dur[x]);
        let e = m.slot_event[x];
        st.begin();
        st.set_slot(x, t2, d);
        follow(st, x, t1, t2, rng);
        for fr in m.roles(e) {
            let r = m.role_fixed[fr];
            if r == NONE {
                continue;
            }
            for &y in self.peers(r) {
                let y = y as usize;
                let (ys, yd) = (st.start[y], st.dur[y]);
                if y == x || yd == 0 || ys == NONE || ys < t2 || ys + yd > t2 + d {
                    continue;
                }
                let to = ys - t2 + t1;
                if m.start_allowed(m.slot_event[y], yd, to) {
                    st.set_slot(y, to, yd);
                    follow(st, y, ys, to, rng);
                    repair_resources(st, y, rng);
                }
            }
        }
        repair_resources(st, x, rng);
    }

    /// Depth-two room ejection at a clashing time: the holder `x` of a clashing assigned room
    /// takes room `c` of its domain from the one sub-event `y` holding it there, and `y` takes a
    /// room of its own domain free over its window. False, state untouched, when none exists.
    pub(super) fn room_eject(&mut self, st: &mut State, rng: &mut SmallRng) -> bool {
        let Some((r, x, Some(k))) = self.clashing_holder(st, rng) else {
            return false;
        };
        let m = st.m;
        let nt = m.num_times();
        let (tx, dx) = (st.start[x], st.dur[x]);
        let dom = m
            .role_domain
            .row(m.role_base[m.slot_event[x] as usize] + k as u32);
        let from = rng.gen_range(0..dom.len().max(1));
        for i in 0..dom.len() {
            let c = dom[(from + i) % dom.len()];
            if c == r {
                continue;
            }
            // The one sub-event holding `c` over x's window by an open role.
            let mut holder = None;
            let mut count = 0;
            for &u in self.open_users.row(c) {
                let (y, ky) = self.open_roles[u as usize];
                let (y, ky) = (y as usize, ky as usize);
                let (ty, dy) = (st.start[y], st.dur[y]);
                if dy == 0 || ty == NONE || st.resource(y, ky) != c {
                    continue;
                }
                if ty < tx + dx && tx < ty + dy {
                    count += 1;
                    holder = Some((y, ky));
                }
            }
            let Some((y, ky)) = holder else {
                continue;
            };
            let (ty, dy) = (st.start[y], st.dur[y]);
            // Once `y` leaves, `c` must be free over x's window (busy counts also hold
            // preassigned users, which cannot be ejected).
            let left =
                |t: u32| st.busy[c as usize * nt + t as usize] - u16::from(ty <= t && t < ty + dy);
            if count != 1 || y == x || (tx..tx + dx).any(|t| left(t) > 0) {
                continue;
            }
            let ydom = m
                .role_domain
                .row(m.role_base[m.slot_event[y] as usize] + ky as u32);
            let free = |c2: u32| (ty..ty + dy).all(|t| st.busy[c2 as usize * nt + t as usize] == 0);
            let yfrom = rng.gen_range(0..ydom.len().max(1));
            let Some(c2) = (0..ydom.len())
                .map(|j| ydom[(yfrom + j) % ydom.len()])
                .find(|&c2| c2 != c && free(c2))
            else {
                continue;
            };
            st.begin();
            st.set_res(y, ky, c2);
            st.set_res(x, k, c);
            return true;
        }
        false
    }

    /// A violated clash drawn at random: its resource, a sub-event holding it at a clashing
    /// time, and the open role index when the sub-event holds it by assignment.
    fn clashing_holder(
        &self,
        st: &State,
        rng: &mut SmallRng,
    ) -> Option<(u32, usize, Option<usize>)> {
        let r = violated_clash(st, rng)?;
        let m = st.m;
        let row = r as usize * m.num_times();
        let clashing = |s: usize| {
            let (t, d) = (st.start[s], st.dur[s]);
            d > 0 && t != NONE && (t..t + d).any(|u| st.busy[row + u as usize] > 1)
        };
        // Uniform over preassigned and assigned holders at clashing times (reservoir).
        let (mut seen, mut pick) = (0u32, None);
        for &s in self.peers(r) {
            let s = s as usize;
            if clashing(s) {
                seen += 1;
                if rng.gen_range(0..seen) == 0 {
                    pick = Some((s, None));
                }
            }
        }
        for &u in self.open_users.row(r) {
            let (s, k) = self.open_roles[u as usize];
            let (s, k) = (s as usize, k as usize);
            if st.resource(s, k) == r && clashing(s) {
                seen += 1;
                if rng.gen_range(0..seen) == 0 {
                    pick = Some((s, Some(k)));
                }
            }
        }
        pick.map(|(s, k)| (r, s, k))
    }
}
