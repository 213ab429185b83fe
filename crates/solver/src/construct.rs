//! Initial timetable: choose each event's split, then place sub-events hardest first, each at the
//! start (and with the resources) that cost least given everything placed before it.

mod requeue;

use crate::model::monitor::MonitorKind;
use crate::model::{Model, NONE};
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

pub(crate) fn construct(state: &mut State, rng: &mut SmallRng) {
    state.shaping = true;
    state.rebuild();
    choose_splits(state);
    let m = state.m;
    let mut order: Vec<usize> = (0..m.num_slots())
        .filter(|&s| !m.slot_locked[s] && state.dur[s] > 0)
        .collect();
    let key = |s: usize| {
        let e = m.slot_event[s];
        let d = state.dur[s];
        let domain = m.start_domain(e, d).len() as u64;
        let weight = d as u64 * (m.roles(e).len() as u64 + 1);
        // Few starts and many resource-times first.
        (domain * 1000) / weight.max(1)
    };
    order.sort_by_key(|&s| (key(s), s));
    if displacing_pays(m) {
        requeue::place_all(state, &order, rng);
    } else {
        for s in order {
            if state.start[s] != NONE {
                continue; // placed as a linked follower
            }
            place_time(state, s, rng);
            assign_resources(state, s, rng);
        }
    }
    // Locked sub-events with open roles still need resources.
    for s in 0..m.num_slots() {
        if m.slot_locked[s] && state.dur[s] > 0 {
            assign_resources(state, s, rng);
        }
    }
    state.shaping = false;
    state.rebuild();
}

/// Whether placing with displacement (see `requeue`) is the way to build this model's first
/// timetable: it counts clashes by busy times, so the times must not share clock ticks across
/// grids; and with hard limits on idle times (gaps) it measured slower to the first feasible
/// timetable (FET's 2007-2008_sem1-d and dgspro200809, 3 seeds each: the greedy placement packs
/// each day, displacing leaves holes), so those models keep the greedy placement.
fn displacing_pays(m: &Model) -> bool {
    m.identity_ticks
        && !m
            .monitors
            .iter()
            .any(|mon| mon.hard && matches!(mon.kind, MonitorKind::Idle { .. }))
}

/// Gives every event its cheapest split option (the model lists them cheapest first); an event
/// hard-linked to an earlier one of the same length copies that one's split, so the two can run
/// side by side.
fn choose_splits(state: &mut State) {
    let m = state.m;
    for e in 0..m.num_events() as u32 {
        let Some(option) = m.split_options(e).next() else {
            continue;
        };
        let free_count = m.slots(e).filter(|&s| !m.slot_locked[s]).count();
        let leader =
            m.linked(e).iter().copied().find(|&o| {
                o < e && m.slots(o).filter(|&s| !m.slot_locked[s]).count() == free_count
            });
        let parts: Vec<u32> = match leader {
            Some(o) => m
                .slots(o)
                .filter(|&s| !m.slot_locked[s])
                .map(|s| state.dur[s])
                .collect(),
            None => m.split_parts.row(option).to_vec(),
        };
        state.begin();
        for (i, s) in m.slots(e).filter(|&s| !m.slot_locked[s]).enumerate() {
            state.set_slot(s, NONE, parts.get(i).copied().unwrap_or(0));
        }
        state.evaluate();
    }
}

/// Unplaced slots of the events hard-linked to slot `s`'s event, of the same duration: they are
/// placed together with `s`.
fn followers(state: &State, s: usize, out: &mut Vec<usize>) {
    out.clear();
    let m = state.m;
    let e = m.slot_event[s];
    for &other in m.linked(e) {
        if other == e {
            continue;
        }
        if let Some(f) = m
            .slots(other)
            .find(|&f| !m.slot_locked[f] && state.start[f] == NONE && state.dur[f] == state.dur[s])
        {
            out.push(f);
        }
    }
}

/// Puts slot `s` at its cheapest allowed start (random among equals).
pub(crate) fn place_time(state: &mut State, s: usize, rng: &mut SmallRng) {
    let d = state.dur[s];
    let mut best = (i64::MAX, NONE);
    let mut ties = 0u32;
    let mut linked = Vec::new();
    followers(state, s, &mut linked);
    let candidates = least_clashing(state, s, d, &linked);
    for &t in &candidates {
        state.begin();
        state.set_slot(s, t, d);
        for &f in &linked {
            state.set_slot(f, t, d);
        }
        let c = state.evaluate().scalar();
        state.rollback();
        if c < best.0 {
            best = (c, t);
            ties = 1;
        } else if c == best.0 {
            ties += 1;
            if rng.gen_range(0..ties) == 0 {
                best.1 = t;
            }
        }
    }
    if best.1 != NONE {
        state.begin();
        state.set_slot(s, best.1, d);
        for &f in &linked {
            state.set_slot(f, best.1, d);
        }
        state.evaluate();
        for &f in &linked {
            assign_resources(state, f, rng);
        }
    }
}

/// The allowed starts of slot `s` (and its followers) where the resources it holds that must
/// not clash (a hard clash monitor) are busy fewest times already. Such a clash is hard, so a
/// start with more of them is rarely the cheapest; counting busy times is far cheaper than
/// evaluating every monitor at every start, and late in construction most starts clash
/// somewhere. With several grids (clock ticks shared between times) every start stays, as a busy
/// time would not see a clash across grids.
fn least_clashing(state: &State, s: usize, d: u32, linked: &[usize]) -> Vec<u32> {
    let m = state.m;
    let domain = m.start_domain(m.slot_event[s], d);
    if !m.identity_ticks {
        return domain.to_vec();
    }
    let mut held: Vec<u32> = Vec::new();
    for &p in std::iter::once(&s).chain(linked) {
        let base = m.slot_res_base[p] as usize;
        let roles = m.roles(m.slot_event[p]).len();
        held.extend(
            state.res[base..base + roles]
                .iter()
                .copied()
                .filter(|&r| r != NONE && hard_clash(m, r)),
        );
    }
    if held.is_empty() {
        return domain.to_vec();
    }
    least_by(domain, |t| {
        held.iter().map(|&r| busy_during(state, r, t, d)).sum()
    })
}

/// Whether resource `r` must never be busy twice at a time.
pub(crate) fn hard_clash(m: &Model, r: u32) -> bool {
    m.resource_monitors.row(r).iter().any(|&mi| {
        let mon = &m.monitors[mi as usize];
        mon.hard && matches!(mon.kind, MonitorKind::Clash { .. })
    })
}

/// Fills each open, unlocked role of slot `s` with its cheapest resource.
pub(crate) fn assign_resources(state: &mut State, s: usize, rng: &mut SmallRng) {
    let m = state.m;
    let e = m.slot_event[s];
    for (k, fr) in m.roles(e).enumerate() {
        if m.role_fixed[fr] != NONE || m.slot_role_locked[m.slot_res_base[s] as usize + k] != NONE {
            continue;
        }
        let mut best = (i64::MAX, NONE);
        let mut ties = 0u32;
        for r in least_busy_resources(state, s, k, fr) {
            state.begin();
            state.set_res(s, k, r);
            let c = state.evaluate().scalar();
            state.rollback();
            if c < best.0 {
                best = (c, r);
                ties = 1;
            } else if c == best.0 {
                ties += 1;
                if rng.gen_range(0..ties) == 0 {
                    best.1 = r;
                }
            }
        }
        if best.1 != NONE {
            state.begin();
            state.set_res(s, k, best.1);
            state.evaluate();
        }
    }
}

/// The resources of open role `k` (flat role `fr`) of the placed slot `s` that are busy fewest
/// times during it, counting only those with a hard clash monitor (the others never clash);
/// every resource of the domain when `s` has no time or times share clock ticks.
fn least_busy_resources(state: &State, s: usize, k: usize, fr: usize) -> Vec<u32> {
    let m = state.m;
    let domain = m.role_domain.row(fr as u32);
    let (start, d) = (state.start[s], state.dur[s]);
    if start == NONE || d == 0 || !m.identity_ticks {
        return domain.to_vec();
    }
    let current = state.resource(s, k);
    least_by(domain, |r| {
        if !hard_clash(m, r) {
            return 0;
        }
        let busy = busy_during(state, r, start, d);
        if r == current {
            busy - d // the slot itself
        } else {
            busy
        }
    })
}

/// How many times resource `r` is busy in the window of `d` times from `t`.
fn busy_during(state: &State, r: u32, t: u32, d: u32) -> u32 {
    let nt = state.m.num_times();
    let row = &state.busy[r as usize * nt..][..nt];
    row[t as usize..(t + d) as usize]
        .iter()
        .map(|&b| b as u32)
        .sum()
}

/// The items with the smallest `key`, in their order.
fn least_by(items: &[u32], key: impl Fn(u32) -> u32) -> Vec<u32> {
    let mut best = u32::MAX;
    let mut out = Vec::with_capacity(items.len());
    for &x in items {
        let k = key(x);
        if k < best {
            best = k;
            out.clear();
        }
        if k == best {
            out.push(x);
        }
    }
    out
}
