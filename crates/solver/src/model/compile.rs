//! Turns a validated [`ModelBuilder`] into the dense [`Model`].

use super::builder::ModelBuilder;
use super::csr::{BitPool, Csr};
use super::monitor::{Monitor, MonitorKind};
use super::spec::{ConstraintKind, EventRole, RoleResource};
use super::{Model, NONE};
use crate::error::SolverError;

struct Checker<'a> {
    b: &'a ModelBuilder,
    name: &'a str,
}

impl Checker<'_> {
    fn err(&self, what: &'static str, index: u32) -> SolverError {
        SolverError::UnknownIndex {
            what,
            index,
            context: format!("restricción {}", self.name),
        }
    }
    fn event(&self, e: u32) -> Result<u32, SolverError> {
        if (e as usize) < self.b.events.len() {
            Ok(e)
        } else {
            Err(self.err("evento", e))
        }
    }
    fn resource(&self, r: u32) -> Result<u32, SolverError> {
        if (r as usize) < self.b.resource_names.len() {
            Ok(r)
        } else {
            Err(self.err("recurso", r))
        }
    }
    fn time(&self, t: u32) -> Result<u32, SolverError> {
        if (t as usize) < self.b.time_names.len() {
            Ok(t)
        } else {
            Err(self.err("tiempo", t))
        }
    }
    fn group(&self, g: u32) -> Result<u32, SolverError> {
        if (g as usize) < self.b.time_groups.len() {
            Ok(g)
        } else {
            Err(self.err("grupo de tiempos", g))
        }
    }
    fn role(&self, role_base: &[u32], er: EventRole) -> Result<u32, SolverError> {
        let e = self.event(er.event.0)? as usize;
        let flat = role_base[e] + er.role;
        if flat < role_base[e + 1] {
            Ok(flat)
        } else {
            Err(self.err("rol", er.role))
        }
    }
}

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

    let mut lists = Csr::new();
    let mut monitors = Vec::new();
    let mut spread_limits = Vec::new();
    for (ci, c) in b.constraints.iter().enumerate() {
        let ck = Checker {
            b: &b,
            name: &c.name,
        };
        let mut push = |kind: MonitorKind| {
            monitors.push(Monitor {
                kind,
                constraint: ci as u32,
                weight: c.weight,
                hard: c.hard,
                cost_function: c.cost_function,
            })
        };
        let groups_row =
            |lists: &mut Csr, groups: &[crate::TimeGroupId]| -> Result<u32, SolverError> {
                let g: Result<Vec<u32>, _> = groups.iter().map(|g| ck.group(g.0)).collect();
                Ok(lists.push_row(g?))
            };
        match &c.kind {
            ConstraintKind::AssignTime { events } => {
                for e in events {
                    push(MonitorKind::AssignTime {
                        event: ck.event(e.0)?,
                    });
                }
            }
            ConstraintKind::PreferTimes {
                events,
                times,
                duration,
            } => {
                let ts: Result<Vec<u32>, _> = times.iter().map(|t| ck.time(t.0)).collect();
                let set = bits.push(nt, ts?);
                for e in events {
                    let event = ck.event(e.0)?;
                    push(MonitorKind::PreferTimes {
                        event,
                        set,
                        duration: duration.unwrap_or(0),
                    });
                }
            }
            ConstraintKind::SplitEvents {
                events,
                min_duration,
                max_duration,
                min_amount,
                max_amount,
            } => {
                for e in events {
                    push(MonitorKind::Split {
                        event: ck.event(e.0)?,
                        min_duration: *min_duration,
                        max_duration: *max_duration,
                        min_amount: *min_amount,
                        max_amount: *max_amount,
                    });
                }
            }
            ConstraintKind::DistributeSplitEvents {
                events,
                duration,
                min,
                max,
            } => {
                for e in events {
                    push(MonitorKind::Distribute {
                        event: ck.event(e.0)?,
                        duration: *duration,
                        min: *min,
                        max: *max,
                    });
                }
            }
            ConstraintKind::SpreadEvents {
                event_groups,
                limits,
            } => {
                let from = spread_limits.len() as u32;
                for l in limits {
                    spread_limits.push((ck.group(l.time_group.0)?, l.min, l.max));
                }
                let to = spread_limits.len() as u32;
                for g in event_groups {
                    let es: Result<Vec<u32>, _> = g.iter().map(|e| ck.event(e.0)).collect();
                    let event_list = lists.push_row(es?);
                    push(MonitorKind::Spread {
                        event_list,
                        limits_from: from,
                        limits_to: to,
                    });
                }
            }
            ConstraintKind::LinkEvents { event_groups } => {
                for g in event_groups {
                    let es: Result<Vec<u32>, _> = g.iter().map(|e| ck.event(e.0)).collect();
                    push(MonitorKind::Link {
                        event_list: lists.push_row(es?),
                    });
                }
            }
            ConstraintKind::OrderEvents { pairs } => {
                for p in pairs {
                    push(MonitorKind::Order {
                        first: ck.event(p.first.0)?,
                        second: ck.event(p.second.0)?,
                        min: p.min_separation,
                        max: p.max_separation,
                    });
                }
            }
            ConstraintKind::AvoidClashes { resources } => {
                for r in resources {
                    push(MonitorKind::Clash {
                        resource: ck.resource(r.0)?,
                    });
                }
            }
            ConstraintKind::AvoidUnavailableTimes { resources, times } => {
                let ts: Result<Vec<u32>, _> = times.iter().map(|t| ck.time(t.0)).collect();
                let mut ts = ts?;
                ts.sort_unstable();
                ts.dedup();
                let time_list = lists.push_row(ts);
                for r in resources {
                    push(MonitorKind::Unavailable {
                        resource: ck.resource(r.0)?,
                        time_list,
                    });
                }
            }
            ConstraintKind::LimitIdleTimes {
                resources,
                time_groups: g,
                min,
                max,
            }
            | ConstraintKind::LimitBusyTimes {
                resources,
                time_groups: g,
                min,
                max,
            } => {
                let groups = groups_row(&mut lists, g)?;
                let idle = matches!(c.kind, ConstraintKind::LimitIdleTimes { .. });
                for r in resources {
                    let resource = ck.resource(r.0)?;
                    let (min, max) = (*min, *max);
                    push(if idle {
                        MonitorKind::Idle {
                            resource,
                            groups,
                            min,
                            max,
                        }
                    } else {
                        MonitorKind::LimitBusy {
                            resource,
                            groups,
                            min,
                            max,
                        }
                    });
                }
            }
            ConstraintKind::ClusterBusyTimes {
                resources,
                time_groups: g,
                min,
                max,
                allow_zero,
            } => {
                let groups = groups_row(&mut lists, g)?;
                for r in resources {
                    let resource = ck.resource(r.0)?;
                    push(MonitorKind::Cluster {
                        resource,
                        groups,
                        min: *min,
                        max: *max,
                        allow_zero: *allow_zero,
                    });
                }
            }
            ConstraintKind::LimitWorkload {
                resources,
                min,
                max,
                allow_zero,
            } => {
                for r in resources {
                    push(MonitorKind::Workload {
                        resource: ck.resource(r.0)?,
                        min: *min,
                        max: *max,
                        allow_zero: *allow_zero,
                    });
                }
            }
            ConstraintKind::AssignResource { roles } => {
                for er in roles {
                    let role = ck.role(&role_base, *er)?;
                    push(MonitorKind::AssignResource {
                        event: er.event.0,
                        role,
                    });
                }
            }
            ConstraintKind::PreferResources { roles, resources } => {
                let rs: Result<Vec<u32>, _> = resources.iter().map(|r| ck.resource(r.0)).collect();
                let set = bits.push(b.resource_names.len() as u32, rs?);
                for er in roles {
                    let role = ck.role(&role_base, *er)?;
                    push(MonitorKind::PreferResources {
                        event: er.event.0,
                        role,
                        set,
                    });
                }
            }
            ConstraintKind::AvoidSplitAssignments { groups } => {
                for g in groups {
                    let rs: Result<Vec<u32>, _> =
                        g.iter().map(|er| ck.role(&role_base, *er)).collect();
                    let rs = rs?;
                    push(MonitorKind::AvoidSplit {
                        role_list: lists.push_row(rs),
                    });
                }
            }
        }
    }

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
            MonitorKind::AvoidSplit { role_list } => lists
                .row(role_list)
                .iter()
                .map(|&r| role_event[r as usize])
                .collect(),
            MonitorKind::Clash { resource }
            | MonitorKind::Unavailable { resource, .. }
            | MonitorKind::Idle { resource, .. }
            | MonitorKind::Cluster { resource, .. }
            | MonitorKind::LimitBusy { resource, .. }
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
