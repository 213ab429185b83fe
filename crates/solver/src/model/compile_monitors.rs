//! Constraints → monitors: one monitor per point of application, indices checked.

use super::builder::ModelBuilder;
use super::csr::{BitPool, Csr};
use super::monitor::{Monitor, MonitorKind};
use super::spec::{ConstraintKind, EventRole};
use crate::error::SolverError;

pub(super) struct Checker<'a> {
    pub(super) b: &'a ModelBuilder,
    name: &'a str,
}

impl Checker<'_> {
    pub(super) fn err(&self, what: &'static str, index: u32) -> SolverError {
        SolverError::UnknownIndex {
            what,
            index,
            context: format!("restricción {}", self.name),
        }
    }
    pub(super) fn event(&self, e: u32) -> Result<u32, SolverError> {
        if (e as usize) < self.b.events.len() {
            Ok(e)
        } else {
            Err(self.err("evento", e))
        }
    }
    pub(super) fn resource(&self, r: u32) -> Result<u32, SolverError> {
        if (r as usize) < self.b.resource_names.len() {
            Ok(r)
        } else {
            Err(self.err("recurso", r))
        }
    }
    pub(super) fn time(&self, t: u32) -> Result<u32, SolverError> {
        if (t as usize) < self.b.time_names.len() {
            Ok(t)
        } else {
            Err(self.err("tiempo", t))
        }
    }
    pub(super) fn group(&self, g: u32) -> Result<u32, SolverError> {
        if (g as usize) < self.b.time_groups.len() {
            Ok(g)
        } else {
            Err(self.err("grupo de tiempos", g))
        }
    }
    pub(super) fn role(&self, role_base: &[u32], er: EventRole) -> Result<u32, SolverError> {
        let e = self.event(er.event.0)? as usize;
        let flat = role_base[e] + er.role;
        if flat < role_base[e + 1] {
            Ok(flat)
        } else {
            Err(self.err("rol", er.role))
        }
    }
}

/// Monitors, the index lists they refer to, and the spread limits.
pub(super) type Compiled = (Vec<Monitor>, Csr, Vec<(u32, u32, u32)>);

pub(super) fn monitors(
    b: &ModelBuilder,
    role_base: &[u32],
    nt: u32,
    bits: &mut BitPool,
) -> Result<Compiled, SolverError> {
    let mut lists = Csr::new();
    let mut monitors = Vec::new();
    let mut spread_limits = Vec::new();
    let mut tables = super::compile_relations::Tables::default();
    for (ci, c) in b.constraints.iter().enumerate() {
        let ck = Checker { b, name: &c.name };
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
                    let role = ck.role(role_base, *er)?;
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
                    let role = ck.role(role_base, *er)?;
                    push(MonitorKind::PreferResources {
                        event: er.event.0,
                        role,
                        set,
                    });
                }
            }
            ConstraintKind::RelateEvents { .. }
            | ConstraintKind::EndsDay { .. }
            | ConstraintKind::LimitDistinctResources { .. }
            | ConstraintKind::LimitZoneChanges { .. } => {
                let kinds = super::compile_relations::monitors(
                    &ck,
                    &c.kind,
                    role_base,
                    nt,
                    &mut lists,
                    &mut tables,
                )?;
                kinds.into_iter().for_each(&mut push);
            }
            ConstraintKind::ShapeBusyTimes {
                resources,
                time_groups: g,
                shape,
            } => {
                let groups = groups_row(&mut lists, g)?;
                for r in resources {
                    push(MonitorKind::Shape {
                        resource: ck.resource(r.0)?,
                        groups,
                        shape: *shape,
                    });
                }
            }
            ConstraintKind::SameResourceIfConsecutive { groups, layout } => {
                let kinds = super::compile_shapes::same_if_consecutive(
                    &ck, groups, layout, role_base, nt, &mut lists,
                )?;
                kinds.into_iter().for_each(&mut push);
            }
            ConstraintKind::AvoidSplitAssignments { groups } => {
                for g in groups {
                    let rs: Result<Vec<u32>, _> =
                        g.iter().map(|er| ck.role(role_base, *er)).collect();
                    let rs = rs?;
                    push(MonitorKind::AvoidSplit {
                        role_list: lists.push_row(rs),
                    });
                }
            }
        }
    }

    Ok((monitors, lists, spread_limits))
}
