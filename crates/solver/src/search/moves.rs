//! Random moves. Each one calls `State::begin`, changes the state through logged primitives and
//! returns true, or returns false without touching the state when the draw was useless.

use crate::model::csr::Csr;
use crate::model::{Model, NONE};
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

/// Per mille of moves, while infeasible, that displace (see `displace`; 20 measured better
/// than 10 and than none on six FET files, three seeds each).
const DISPLACE: u32 = 20;
/// The displacement move is for the last few clashes simple moves cannot clear; with many
/// defects left its tries (up to 40 lessons re-seated each) only slow the search (AU-BG-98 at
/// 60 s: 120 hard with it drawn always, 60 without it).
const DISPLACE_AT_MOST: usize = 16;
/// Per mille of moves, while infeasible, that walk over partial timetables (see `partialcol`;
/// each walk is thousands of steps).
const PARTIAL: u32 = 10;

/// Static lists the moves draw from.
pub(crate) struct Neighbourhood {
    free_slots: Vec<u32>,
    /// (slot, role index) pairs whose resource the search may change.
    pub(super) open_roles: Vec<(u32, u32)>,
    /// Per resource: the entries of `open_roles` whose domain holds it.
    pub(super) open_users: Csr,
    /// Per resource: unlocked slots whose event has it preassigned.
    resource_slots: Csr,
    /// Events with more than one split option.
    splittable: Vec<u32>,
    /// Every soft monitor, for targeting soft defects once the timetable is feasible.
    pub(super) soft_monitors: Vec<u32>,
    /// Soft monitors with a cost, rebuilt now and then by the feasible phase.
    pub(super) soft_index: super::defects::SoftDefects,
    /// Lessons per time group of a spread move, reused between moves.
    pub(super) spread_counts: Vec<u32>,
    /// Kempe chain sides, reused between moves.
    pub(super) chain: [Vec<u32>; 2],
    /// Kempe chain bookkeeping, reused between moves.
    pub(super) scratch: super::kempe::ChainScratch,
    /// (slot, from, to) of a Kempe move, reused between moves.
    pub(super) targets: Vec<(u32, u32, u32)>,
    /// Assignment buffers of the re-timing move.
    pub(super) rematch: super::rematch::Rematch,
    /// Buffers of the displacement move.
    pub(super) displace: super::displace::Displace,
    /// Buffers of the partial-timetable walk.
    pub(super) partial: super::partialcol::PartialCol,
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
        let mut users = Vec::new();
        for (i, &(s, k)) in open_roles.iter().enumerate() {
            let fr = m.role_base[m.slot_event[s as usize] as usize] + k;
            for &r in m.role_domain.row(fr) {
                users.push((r, i as u32));
            }
        }
        let splittable = (0..m.num_events() as u32)
            .filter(|&e| m.split_options(e).len() >= 2)
            .collect();
        let soft_monitors = (0..m.monitors.len() as u32)
            .filter(|&mi| !m.monitors[mi as usize].hard)
            .collect();
        Neighbourhood {
            soft_monitors,
            soft_index: Default::default(),
            spread_counts: Vec::new(),
            free_slots,
            open_roles,
            resource_slots: Csr::from_pairs(m.num_resources(), &pairs),
            open_users: Csr::from_pairs(m.num_resources(), &users),
            splittable,
            chain: [Vec::with_capacity(64), Vec::with_capacity(64)],
            scratch: super::kempe::ChainScratch::new(m),
            targets: Vec::with_capacity(128),
            rematch: Default::default(),
            displace: Default::default(),
            partial: super::partialcol::PartialCol::new(m),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.free_slots.is_empty() && self.open_roles.is_empty()
    }

    /// Draws and applies one move.
    pub(crate) fn random_move(&mut self, st: &mut State, rng: &mut SmallRng) -> bool {
        self.note_hard(st.cost.hard);
        // Costly (an assignment problem) but strong on clashes: rare, and only while infeasible
        // (3 % measured better than 1 %, 5 % or 10 % at equal CPU time on Abramson15).
        if !st.violated.is_empty() && rng.gen_range(0..1000) < 30 && self.rematch(st, rng) {
            return true;
        }
        if !st.violated.is_empty()
            && st.violated.len() <= DISPLACE_AT_MOST
            && rng.gen_range(0..1000) < DISPLACE
            && self.displace(st, rng)
        {
            return true;
        }
        // Like the displacement, for the last few defects (see `partialcol` for the gates).
        if self.walks_possible()
            && !st.violated.is_empty()
            && st.violated.len() <= DISPLACE_AT_MOST
            && rng.gen_range(0..1000) < PARTIAL
            && self.partial_walk(st, rng)
        {
            return true;
        }
        let roll = rng.gen_range(0..100);
        if roll < 20 && !self.open_roles.is_empty() {
            (roll < 4 && self.fix_open_clash(st, rng))
                || (roll < 8 && (self.room_eject(st, rng) || self.fix_open_clash(st, rng)))
                || self.change_resource(st, rng)
        } else if roll < 26 && !self.splittable.is_empty() {
            self.resplit(st, rng)
        } else if roll < 46 {
            self.swap(st, rng)
        } else if roll < 64 {
            // While a clash lasts, chains aimed at it (18 % measured better than 8 % or 0 % on
            // Abramson15, NL-KP-09 and ZA-WD-09); otherwise random ones.
            self.clash_kempe(st, rng) || self.kempe(st, rng)
        } else if roll < 68 {
            self.fill_gap(st, rng) || self.kempe(st, rng)
        } else if roll < 72 {
            self.empty_group(st, rng) || self.kempe(st, rng)
        } else if roll < 76 {
            self.move_into_preferred(st, rng) || self.move_time(st, rng)
        } else if roll < 80 {
            // A violated relation, spread, link or unavailable time (see `hard`).
            self.fix_hard(st, rng) || self.move_time(st, rng)
        } else {
            self.move_time(st, rng)
        }
    }

    pub(crate) fn peers(&self, r: u32) -> &[u32] {
        self.resource_slots.row(r)
    }

    pub(super) fn random_active_slot(&self, st: &State, rng: &mut SmallRng) -> Option<usize> {
        if self.free_slots.is_empty() {
            return None;
        }
        let s = self.free_slots[rng.gen_range(0..self.free_slots.len())] as usize;
        (st.dur[s] > 0).then_some(s)
    }

    fn move_time(&self, st: &mut State, rng: &mut SmallRng) -> bool {
        let Some(s) = self.target_slot(st, rng) else {
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
        let old = st.start[s];
        st.begin();
        st.set_slot(s, t, d);
        follow(st, s, old, t, rng);
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
            ((tb + db).checked_sub(da), Some(ta))
        } else {
            (Some(tb), (ta + da).checked_sub(db))
        };
        let (Some(na), Some(nb)) = (na, nb) else {
            return false;
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
        follow(st, a, ta, na, rng);
        follow(st, b, tb, nb, rng);
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

    /// Re-cuts an event into another of its split options, keeping starts where they fit.
    fn resplit(&self, st: &mut State, rng: &mut SmallRng) -> bool {
        let m = st.m;
        let e = self.splittable[rng.gen_range(0..self.splittable.len())];
        let options = m.split_options(e);
        let parts = m
            .split_parts
            .row(options.start + rng.gen_range(0..options.len() as u32));
        let free = m.slots(e).filter(|&s| !m.slot_locked[s]);
        if free
            .clone()
            .enumerate()
            .all(|(i, s)| st.dur[s] == parts.get(i).copied().unwrap_or(0))
        {
            return false;
        }
        st.begin();
        let mut source = NONE as usize;
        for (i, s) in free.enumerate() {
            let d = parts.get(i).copied().unwrap_or(0);
            if d == 0 {
                st.set_slot(s, NONE, 0);
                continue;
            }
            let t = if st.start[s] != NONE && m.start_allowed(e, d, st.start[s]) {
                st.start[s]
            } else {
                let dom = m.start_domain(e, d);
                if dom.is_empty() {
                    NONE
                } else {
                    dom[rng.gen_range(0..dom.len())]
                }
            };
            if st.dur[s] == 0 && source != NONE as usize {
                copy_open_resources(st, source, s);
            }
            st.set_slot(s, t, d);
            repair_resources(st, s, rng);
            source = s;
        }
        resplit_partners(st, e, rng);
        true
    }
}

/// Gives the hard-linked partners of `e` (with as many unlocked slots) the same pieces at the same
/// times, so a re-split keeps linked events side by side.
fn resplit_partners(st: &mut State, e: u32, rng: &mut SmallRng) {
    let m = st.m;
    for &other in m.linked(e) {
        if other == e {
            continue;
        }
        let mine = m.slots(e).filter(|&s| !m.slot_locked[s]);
        let theirs = m.slots(other).filter(|&s| !m.slot_locked[s]);
        if mine.clone().count() != theirs.clone().count() {
            continue;
        }
        for (a, b) in mine.zip(theirs) {
            let (t, d) = (st.start[a], st.dur[a]);
            if st.start[b] != t || st.dur[b] != d {
                st.set_slot(b, t, d);
                repair_resources(st, b, rng);
            }
        }
    }
}

/// Carries the hard-linked partners of slot `s` (same start and duration) from `old` to `new`.
pub(super) fn follow(st: &mut State, s: usize, old: u32, new: u32, rng: &mut SmallRng) {
    let m = st.m;
    let e = m.slot_event[s];
    let d = st.dur[s];
    for &other in m.linked(e) {
        if other == e {
            continue;
        }
        if let Some(f) = m
            .slots(other)
            .find(|&f| !m.slot_locked[f] && st.start[f] == old && st.dur[f] == d)
            && (new == NONE || m.start_allowed(other, d, new))
        {
            st.set_slot(f, new, d);
            repair_resources(st, f, rng);
        }
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
/// domain, if there is one.
pub(super) fn repair_resources(st: &mut State, s: usize, rng: &mut SmallRng) {
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
        // The first free one from a random place in the domain (at most 64 looked at).
        let from = rng.gen_range(0..dom.len());
        for i in 0..dom.len().min(64) {
            let c = dom[(from + i) % dom.len()];
            if c != r && !busy_over(st, c, 0) {
                st.set_res(s, k, c);
                break;
            }
        }
    }
}
