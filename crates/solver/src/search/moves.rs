//! Random moves. Each one calls `State::begin`, changes the state through logged primitives and
//! returns true, or returns false without touching the state when the draw was useless.

use crate::model::csr::Csr;
use crate::model::{Model, NONE};
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

/// Static lists the moves draw from.
pub(crate) struct Neighbourhood {
    free_slots: Vec<u32>,
    /// (slot, role index) pairs whose resource the search may change.
    open_roles: Vec<(u32, u32)>,
    /// Per resource: unlocked slots whose event has it preassigned.
    resource_slots: Csr,
    /// Events with at least two unlocked slots (they can split or merge).
    splittable: Vec<u32>,
}

impl Neighbourhood {
    pub(crate) fn new(m: &Model) -> Self {
        let free_slots: Vec<u32> = (0..m.num_slots() as u32)
            .filter(|&s| !m.slot_locked[s as usize])
            .collect();
        let mut open_roles = Vec::new();
        let mut pairs = Vec::new();
        for s in 0..m.num_slots() {
            let e = m.slot_event[s];
            for (k, fr) in m.roles(e).enumerate() {
                let locked = m.slot_role_locked[m.slot_res_base[s] as usize + k] != NONE;
                if m.role_fixed[fr] == NONE && !locked && !m.role_domain.row(fr as u32).is_empty() {
                    open_roles.push((s as u32, k as u32));
                } else if m.role_fixed[fr] != NONE && !m.slot_locked[s] {
                    pairs.push((m.role_fixed[fr], s as u32));
                }
            }
        }
        let splittable = (0..m.num_events() as u32)
            .filter(|&e| m.slots(e).filter(|&s| !m.slot_locked[s]).count() >= 2)
            .collect();
        Neighbourhood {
            free_slots,
            open_roles,
            resource_slots: Csr::from_pairs(m.num_resources(), &pairs),
            splittable,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.free_slots.is_empty() && self.open_roles.is_empty()
    }

    /// Draws and applies one move.
    pub(crate) fn random_move(&self, st: &mut State, rng: &mut SmallRng) -> bool {
        let roll = rng.gen_range(0..100);
        if roll < 20 && !self.open_roles.is_empty() {
            self.change_resource(st, rng)
        } else if roll < 28 && !self.splittable.is_empty() {
            self.split_or_merge(st, rng)
        } else if roll < 62 {
            self.swap(st, rng)
        } else {
            self.move_time(st, rng)
        }
    }

    fn random_active_slot(&self, st: &State, rng: &mut SmallRng) -> Option<usize> {
        if self.free_slots.is_empty() {
            return None;
        }
        let s = self.free_slots[rng.gen_range(0..self.free_slots.len())] as usize;
        (st.dur[s] > 0).then_some(s)
    }

    fn move_time(&self, st: &mut State, rng: &mut SmallRng) -> bool {
        let Some(s) = self.random_active_slot(st, rng) else {
            return false;
        };
        let (e, d) = (st.m.slot_event[s], st.dur[s]);
        let dom = st.m.start_domain(e, d);
        if dom.is_empty() {
            return false;
        }
        let t = dom[rng.gen_range(0..dom.len())];
        if t == st.start[s] {
            return false;
        }
        st.begin();
        st.set_slot(s, t, d);
        repair_resources(st, s, rng);
        true
    }

    /// Swaps the starts of two sub-events sharing a preassigned resource.
    fn swap(&self, st: &mut State, rng: &mut SmallRng) -> bool {
        let Some(a) = self.random_active_slot(st, rng) else {
            return false;
        };
        let m = st.m;
        let ea = m.slot_event[a];
        let roles = m.roles(ea);
        if roles.is_empty() || st.start[a] == NONE {
            return self.move_time(st, rng);
        }
        let fr = roles.start + rng.gen_range(0..roles.len());
        let r = m.role_fixed[fr];
        if r == NONE {
            return self.move_time(st, rng);
        }
        let peers = self.resource_slots.row(r);
        let b = peers[rng.gen_range(0..peers.len())] as usize;
        let (ta, tb) = (st.start[a], st.start[b]);
        if b == a || st.dur[b] == 0 || tb == NONE || ta == tb {
            return false;
        }
        let (da, db) = (st.dur[a], st.dur[b]);
        let eb = m.slot_event[b];
        // Equal lengths trade places; otherwise the later one shifts so the pair keeps its span.
        let (na, nb) = if ta < tb {
            (tb + db - da, ta)
        } else {
            (tb, ta + da - db)
        };
        let fits = |e: u32, d: u32, t: u32| {
            t.checked_add(d).is_some_and(|x| x <= m.num_times() as u32) && m.start_allowed(e, d, t)
        };
        if !fits(ea, da, na) || !fits(eb, db, nb) {
            return false;
        }
        st.begin();
        st.set_slot(a, na, da);
        st.set_slot(b, nb, db);
        repair_resources(st, a, rng);
        repair_resources(st, b, rng);
        true
    }

    fn change_resource(&self, st: &mut State, rng: &mut SmallRng) -> bool {
        let (s, k) = self.open_roles[rng.gen_range(0..self.open_roles.len())];
        let (s, k) = (s as usize, k as usize);
        if st.dur[s] == 0 {
            return false;
        }
        let fr = st.m.role_base[st.m.slot_event[s] as usize] as usize + k;
        let dom = st.m.role_domain.row(fr as u32);
        let r = dom[rng.gen_range(0..dom.len())];
        if r == st.resource(s, k) {
            return false;
        }
        st.begin();
        st.set_res(s, k, r);
        true
    }

    /// Splits a sub-event in two, or merges two sub-events of the same event.
    fn split_or_merge(&self, st: &mut State, rng: &mut SmallRng) -> bool {
        let m = st.m;
        let e = self.splittable[rng.gen_range(0..self.splittable.len())];
        let slots = m.slots(e);
        let a = slots.start + rng.gen_range(0..slots.len());
        let b = slots.start + rng.gen_range(0..slots.len());
        if a == b || m.slot_locked[a] || m.slot_locked[b] || st.dur[a] == 0 {
            return false;
        }
        let da = st.dur[a];
        if st.dur[b] == 0 {
            if da < 2 {
                return false;
            }
            let keep = rng.gen_range(1..da);
            let rest = da - keep;
            let dom = m.start_domain(e, rest);
            if dom.is_empty() {
                return false;
            }
            let ta = if st.start[a] != NONE && m.start_allowed(e, keep, st.start[a]) {
                st.start[a]
            } else {
                let d = m.start_domain(e, keep);
                if d.is_empty() {
                    return false;
                }
                d[rng.gen_range(0..d.len())]
            };
            st.begin();
            st.set_slot(a, ta, keep);
            copy_open_resources(st, a, b);
            st.set_slot(b, dom[rng.gen_range(0..dom.len())], rest);
            repair_resources(st, b, rng);
        } else {
            let total = da + st.dur[b];
            let dom = m.start_domain(e, total);
            if dom.is_empty() {
                return false;
            }
            let t = if st.start[a] != NONE && m.start_allowed(e, total, st.start[a]) {
                st.start[a]
            } else {
                dom[rng.gen_range(0..dom.len())]
            };
            st.begin();
            st.set_slot(b, NONE, 0);
            st.set_slot(a, t, total);
            repair_resources(st, a, rng);
        }
        true
    }
}

/// A new sub-event starts with the same open resources as the one it was split from.
fn copy_open_resources(st: &mut State, from: usize, to: usize) {
    let e = st.m.slot_event[from];
    for (k, fr) in st.m.roles(e).enumerate() {
        if st.m.role_fixed[fr] == NONE && st.resource(to, k) != st.resource(from, k) {
            let r = st.resource(from, k);
            st.set_res(to, k, r);
        }
    }
}

/// After a time change: an open resource now double-booked is exchanged for a free one of its
/// domain, if a few random draws find one.
fn repair_resources(st: &mut State, s: usize, rng: &mut SmallRng) {
    let m = st.m;
    let (start, dur) = (st.start[s], st.dur[s]);
    if start == NONE {
        return;
    }
    let nt = m.num_times();
    let e = m.slot_event[s];
    for (k, fr) in m.roles(e).enumerate() {
        if m.role_fixed[fr] != NONE || m.slot_role_locked[m.slot_res_base[s] as usize + k] != NONE {
            continue;
        }
        let r = st.resource(s, k);
        let busy_over = |st: &State, r: u32, limit: u16| {
            (start..start + dur).any(|t| st.busy[r as usize * nt + t as usize] > limit)
        };
        if r != NONE && !busy_over(st, r, 1) {
            continue;
        }
        let dom = m.role_domain.row(fr as u32);
        if dom.is_empty() {
            continue;
        }
        for _ in 0..4 {
            let c = dom[rng.gen_range(0..dom.len())];
            if c != r && !busy_over(st, c, 0) {
                st.set_res(s, k, c);
                break;
            }
        }
    }
}
