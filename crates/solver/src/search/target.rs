//! Picks the sub-event a move starts from: half the time one involved in a violated hard
//! constraint (when there is one), so the search spends its effort where infeasibility is; once
//! feasible, half the time one involved in a soft constraint with a positive cost, so the polish
//! works on defects instead of on random lessons that mostly cost nothing.

use super::moves::Neighbourhood;
use crate::model::NONE;
use crate::model::monitor::MonitorKind;
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

/// Random draws per search for a soft monitor with a positive cost.
const SOFT_DRAWS: usize = 8;

/// A violated hard monitor, drawn uniformly; None (and no draw) when the timetable is feasible.
pub(super) fn violated_monitor(st: &State, rng: &mut SmallRng) -> Option<usize> {
    if st.violated.is_empty() {
        return None;
    }
    Some(st.violated[rng.gen_range(0..st.violated.len())] as usize)
}

/// The resource of a drawn violated monitor when that monitor is a clash.
pub(super) fn violated_clash(st: &State, rng: &mut SmallRng) -> Option<u32> {
    match st.m.monitors[violated_monitor(st, rng)?].kind {
        MonitorKind::Clash { resource } => Some(resource),
        _ => None,
    }
}

impl Neighbourhood {
    pub(super) fn target_slot(&self, st: &State, rng: &mut SmallRng) -> Option<usize> {
        if rng.gen_bool(0.5) {
            return self.random_active_slot(st, rng);
        }
        let Some(mi) = self.defect(st, rng) else {
            return self.random_active_slot(st, rng);
        };
        self.slot_of_defect(st, mi, rng)
    }

    /// A scheduled sub-event involved in monitor `mi` (a random one when none is found).
    pub(super) fn slot_of_defect(
        &self,
        st: &State,
        mi: usize,
        rng: &mut SmallRng,
    ) -> Option<usize> {
        let m = st.m;
        let pick_in = |list: &[u32], rng: &mut SmallRng| list[rng.gen_range(0..list.len())];
        let event = match m.monitors[mi].kind {
            MonitorKind::AssignTime { event }
            | MonitorKind::PreferTimes { event, .. }
            | MonitorKind::Split { event, .. }
            | MonitorKind::Distribute { event, .. }
            | MonitorKind::AssignResource { event, .. }
            | MonitorKind::PreferResources { event, .. } => event,
            MonitorKind::Spread { event_list, .. } | MonitorKind::Link { event_list } => {
                pick_in(m.lists.row(event_list), rng)
            }
            MonitorKind::Order { first, second, .. } => {
                if rng.gen_bool(0.5) {
                    first
                } else {
                    second
                }
            }
            MonitorKind::Relate { event_list, .. } => pick_in(m.lists.row(event_list), rng),
            MonitorKind::EndsDay { event, .. } => event,
            MonitorKind::AvoidSplit { role_list }
            | MonitorKind::Distinct { role_list, .. }
            | MonitorKind::Zones { role_list, .. }
            | MonitorKind::SameIfConsecutive { role_list, .. } => {
                m.role_event[pick_in(m.lists.row(role_list), rng) as usize]
            }
            MonitorKind::Clash { resource }
            | MonitorKind::Unavailable { resource, .. }
            | MonitorKind::Idle { resource, .. }
            | MonitorKind::Cluster { resource, .. }
            | MonitorKind::LimitBusy { resource, .. }
            | MonitorKind::Shape { resource, .. }
            | MonitorKind::Workload { resource, .. } => {
                let clash = matches!(m.monitors[mi].kind, MonitorKind::Clash { .. });
                return self.slot_of_resource(st, resource, clash, rng);
            }
        };
        let slots = m.slots(event);
        for _ in 0..4 {
            let s = slots.start + rng.gen_range(0..slots.len());
            if !m.slot_locked[s] && st.dur[s] > 0 {
                return Some(s);
            }
        }
        self.random_active_slot(st, rng)
    }

    /// A soft monitor with a positive cost, found by a few random draws (the state indexes only
    /// hard violations; sampling keeps this free of bookkeeping in the hot path).
    /// A defect to work on: a violated hard monitor while there is one, else a soft monitor with
    /// a positive cost (None when there is neither).
    pub(super) fn defect(&self, st: &State, rng: &mut SmallRng) -> Option<usize> {
        violated_monitor(st, rng).or_else(|| self.soft_defect(st, rng))
    }

    pub(super) fn soft_defect(&self, st: &State, rng: &mut SmallRng) -> Option<usize> {
        if self.soft_monitors.is_empty() {
            return None;
        }
        if self.soft_index.live
            && let Some(mi) = self.soft_index.draw(st, rng)
        {
            return Some(mi);
        }
        (0..SOFT_DRAWS).find_map(|_| {
            let mi = self.soft_monitors[rng.gen_range(0..self.soft_monitors.len())] as usize;
            (st.mon_cost[mi] > 0).then_some(mi)
        })
    }

    /// A scheduled sub-event attended by `r`; for clashes, preferably one at a clashing time.
    fn slot_of_resource(
        &self,
        st: &State,
        r: u32,
        clash: bool,
        rng: &mut SmallRng,
    ) -> Option<usize> {
        let peers = self.peers(r);
        if peers.is_empty() {
            return self.random_active_slot(st, rng);
        }
        let nt = st.m.num_times();
        let mut fallback = None;
        for _ in 0..8 {
            let s = peers[rng.gen_range(0..peers.len())] as usize;
            let (start, dur) = (st.start[s], st.dur[s]);
            if dur == 0 || start == NONE {
                continue;
            }
            if !clash || (start..start + dur).any(|t| st.busy[r as usize * nt + t as usize] > 1) {
                return Some(s);
            }
            fallback = Some(s);
        }
        fallback.or_else(|| self.random_active_slot(st, rng))
    }
}
