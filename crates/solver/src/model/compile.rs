//! Turns a validated [`ModelBuilder`] into the dense [`Model`].

use super::builder::ModelBuilder;
use super::csr::{BitPool, Csr};
use super::monitor::MonitorKind;
use super::spec::RoleResource;
use super::{Model, NONE};
use crate::error::SolverError;

pub(super) fn compile(b: ModelBuilder) -> Result<Model, SolverError> {
    let nt = b.time_names.len() as u32;
    let mut time_ticks = Csr::new();
    let mut identity_ticks = true;
    let mut num_ticks = 0;
    for (t, ticks) in b.time_ticks.iter().enumerate() {
        identity_ticks &= ticks.len() == 1 && ticks[0] == t as u32;
        num_ticks = ticks.iter().fold(num_ticks, |m, &k| m.max(k + 1));
        time_ticks.push_row(ticks.iter().copied());
    }
    let mut bits = BitPool::default();
    let mut time_groups = Csr::new();
    let mut time_group_bits = Vec::new();
    for times in &b.time_groups {
        let mut sorted: Vec<u32> = times.iter().map(|t| t.0).collect();
        sorted.sort_unstable();
        sorted.dedup();
        time_group_bits.push(bits.push(nt, sorted.iter().copied()));
        time_groups.push_row(sorted);
    }

    // Roles and sub-event slots.
    let (mut role_base, mut role_event, mut role_fixed, mut role_workload) =
        (vec![0], vec![], vec![], vec![]);
    let mut role_domain = Csr::new();
    let (mut slot_base, mut slot_event, mut slot_locked, mut slot_res_base) =
        (vec![0], vec![], vec![], vec![]);
    let (mut slot_role_locked, mut slot_locked_duration, mut slot_locked_start) =
        (vec![], vec![], vec![]);
    for (e, ev) in b.events.iter().enumerate() {
        for role in &ev.roles {
            role_event.push(e as u32);
            let per_time = role.workload.unwrap_or(ev.workload) as f64 / ev.duration as f64;
            role_workload.push(per_time);
            match &role.resource {
                RoleResource::Fixed(r) => {
                    role_fixed.push(r.0);
                    role_domain.push_row([]);
                }
                RoleResource::Open { domain, .. } => {
                    role_fixed.push(NONE);
                    let mut d: Vec<u32> = domain.iter().map(|r| r.0).collect();
                    d.sort_unstable();
                    d.dedup();
                    role_domain.push_row(d);
                }
            }
        }
        role_base.push(role_event.len() as u32);
        let nroles = ev.roles.len();
        let mut add_slot =
            |locked: bool, start: u32, dur: u32, res: &[Option<crate::ResourceId>]| {
                slot_event.push(e as u32);
                slot_locked.push(locked);
                slot_locked_start.push(start);
                slot_locked_duration.push(dur);
                slot_res_base.push(slot_role_locked.len() as u32);
                for k in 0..nroles {
                    slot_role_locked.push(res.get(k).copied().flatten().map_or(NONE, |r| r.0));
                }
            };
        if let Some(t) = ev.preassigned_time {
            add_slot(true, t.0, ev.duration, &[]);
        } else {
            for l in &ev.locked {
                add_slot(true, l.start.0, l.duration, &l.resources);
            }
            let free = ev.duration - ev.locked.iter().map(|l| l.duration).sum::<u32>();
            for _ in 0..free {
                add_slot(false, NONE, 0, &[]);
            }
        }
        slot_base.push(slot_event.len() as u32);
    }

    let (monitors, lists, spread_limits) =
        super::compile_monitors::monitors(&b, &role_base, nt, &mut bits)?;

    let (mut ev_pairs, mut res_pairs) = (Vec::new(), Vec::new());
    for (m, mon) in monitors.iter().enumerate() {
        let m = m as u32;
        let mut evs: Vec<u32> = match mon.kind {
            MonitorKind::AssignTime { event }
            | MonitorKind::PreferTimes { event, .. }
            | MonitorKind::Split { event, .. }
            | MonitorKind::Distribute { event, .. }
            | MonitorKind::AssignResource { event, .. }
            | MonitorKind::PreferResources { event, .. } => vec![event],
            MonitorKind::Spread { event_list, .. } | MonitorKind::Link { event_list } => {
                lists.row(event_list).to_vec()
            }
            MonitorKind::Order { first, second, .. } => vec![first, second],
            MonitorKind::Relate { event_list, .. } => lists.row(event_list).to_vec(),
            // Later lessons of the resources matter as much as the event's own place.
            MonitorKind::EndsDay {
                event, resources, ..
            } => {
                res_pairs.extend(lists.row(resources).iter().map(|&r| (r, m)));
                vec![event]
            }
            MonitorKind::AvoidSplit { role_list }
            | MonitorKind::Distinct { role_list, .. }
            | MonitorKind::Zones { role_list, .. }
            | MonitorKind::SameIfConsecutive { role_list, .. } => lists
                .row(role_list)
                .iter()
                .map(|&r| role_event[r as usize])
                .collect(),
            MonitorKind::Clash { resource }
            | MonitorKind::Unavailable { resource, .. }
            | MonitorKind::Idle { resource, .. }
            | MonitorKind::Cluster { resource, .. }
            | MonitorKind::LimitBusy { resource, .. }
            | MonitorKind::Shape { resource, .. }
            | MonitorKind::Workload { resource, .. } => {
                res_pairs.push((resource, m));
                vec![]
            }
        };
        evs.sort_unstable();
        evs.dedup();
        ev_pairs.extend(evs.into_iter().map(|e| (e, m)));
    }
    let event_monitors = Csr::from_pairs(b.events.len(), &ev_pairs);
    let resource_monitors = Csr::from_pairs(b.resource_names.len(), &res_pairs);

    let mut model = Model {
        time_names: b.time_names,
        time_ticks,
        identity_ticks,
        num_ticks,
        time_group_names: b.time_group_names,
        time_groups,
        time_group_bits,
        resource_type_names: b.resource_type_names,
        resource_names: b.resource_names,
        resource_types: b.resource_types,
        events: b.events,
        slot_base,
        slot_event,
        slot_locked,
        slot_res_base,
        num_slot_roles: slot_role_locked.len() as u32,
        slot_role_locked,
        slot_locked_duration,
        slot_locked_start,
        role_base,
        role_event,
        role_fixed,
        role_domain,
        role_workload,
        start_base: Vec::new(),
        starts: Csr::new(),
        start_bits: Vec::new(),
        split_first: Vec::new(),
        split_parts: Csr::new(),
        link_class: Vec::new(),
        link_members: Csr::new(),
        constraints: b.constraints,
        monitors,
        event_monitors,
        resource_monitors,
        lists,
        bits,
        spread_limits,
    };
    super::compile_domains::start_domains(&mut model);
    super::compile_domains::role_domains(&mut model);
    super::compile_splits::split_options(&mut model);
    super::compile_splits::link_classes(&mut model);
    Ok(model)
}
