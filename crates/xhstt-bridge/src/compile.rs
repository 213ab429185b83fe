//! XHSTT instance → solver model. Ids keep their dense indices: XHSTT time, resource, event and
//! constraint `i` become solver time, resource, event and constraint `i`.

use solver::{
    Constraint, ConstraintKind, CostFunction, EventRole, EventSpec, Model, ModelBuilder, OrderPair,
    ResourceId, ResourceTypeId, RoleResource, RoleSpec, SpreadLimit, TimeGroupId, TimeId,
};
use xhstt::{ConstraintKind as X, Instance};

/// Compiles an XHSTT instance into a solver model.
pub fn compile(inst: &Instance) -> Result<Model, solver::SolverError> {
    let mut b = ModelBuilder::new();
    for t in &inst.times {
        b.add_time(t.id.clone());
    }
    for g in &inst.time_groups {
        b.add_time_group(g.id.clone(), g.times.iter().map(|t| TimeId(t.0)).collect());
    }
    for ty in &inst.resource_types {
        b.add_resource_type(ty.id.clone());
    }
    for r in &inst.resources {
        b.add_resource(r.id.clone(), ResourceTypeId(r.resource_type.0));
    }
    for ev in &inst.events {
        let roles = ev
            .resources
            .iter()
            .map(|er| RoleSpec {
                name: er.role.clone().unwrap_or_default(),
                resource: match er.resource {
                    Some(r) => RoleResource::Fixed(ResourceId(r.0)),
                    None => RoleResource::Open {
                        resource_type: ResourceTypeId(er.resource_type.0),
                        domain: inst
                            .resources
                            .iter()
                            .enumerate()
                            .filter(|(_, r)| r.resource_type == er.resource_type)
                            .map(|(i, _)| ResourceId(i as u32))
                            .collect(),
                    },
                },
                workload: er.workload,
            })
            .collect();
        let mut spec = EventSpec::new(ev.id.clone(), ev.duration);
        spec.workload = ev.effective_workload();
        spec.preassigned_time = ev.time.map(|t| TimeId(t.0));
        spec.roles = roles;
        b.add_event(spec);
    }
    for c in &inst.constraints {
        b.add_constraint(Constraint {
            name: c.id.clone(),
            hard: c.required,
            weight: i64::from(c.weight),
            cost_function: match c.cost_function {
                xhstt::CostFunction::Linear => CostFunction::Linear,
                xhstt::CostFunction::Quadratic => CostFunction::Quadratic,
                xhstt::CostFunction::Step => CostFunction::Step,
            },
            kind: kind(inst, c),
        });
    }
    b.build()
}

fn kind(inst: &Instance, c: &xhstt::Constraint) -> ConstraintKind {
    let events = || {
        c.applies_to_events(inst)
            .into_iter()
            .map(|e| solver::EventId(e.0))
            .collect::<Vec<_>>()
    };
    let resources = || {
        c.applies_to_resources(inst)
            .into_iter()
            .map(|r| ResourceId(r.0))
            .collect::<Vec<_>>()
    };
    let groups = || -> Vec<Vec<solver::EventId>> {
        c.applies_to
            .event_groups
            .iter()
            .map(|&g| {
                inst.event_group(g)
                    .events
                    .iter()
                    .map(|e| solver::EventId(e.0))
                    .collect()
            })
            .collect()
    };
    let time_groups =
        |gs: &[xhstt::TimeGroupId]| gs.iter().map(|g| TimeGroupId(g.0)).collect::<Vec<_>>();
    let flagged = |flags: Vec<bool>| {
        flags
            .iter()
            .enumerate()
            .filter(|(_, f)| **f)
            .map(|(i, _)| i as u32)
            .collect::<Vec<_>>()
    };
    let roles = |role: &str| -> Vec<EventRole> {
        c.applies_to_events(inst)
            .into_iter()
            .filter_map(|e| {
                inst.event(e).resource_by_role(role).map(|k| EventRole {
                    event: solver::EventId(e.0),
                    role: k as u32,
                })
            })
            .collect()
    };
    match &c.kind {
        X::AssignTime => ConstraintKind::AssignTime { events: events() },
        X::PreferTimes {
            preferred,
            duration,
        } => ConstraintKind::PreferTimes {
            events: events(),
            times: flagged(preferred.flags(inst))
                .into_iter()
                .map(TimeId)
                .collect(),
            duration: *duration,
        },
        X::SplitEvents {
            min_duration,
            max_duration,
            min_amount,
            max_amount,
        } => ConstraintKind::SplitEvents {
            events: events(),
            min_duration: *min_duration,
            max_duration: *max_duration,
            min_amount: *min_amount,
            max_amount: *max_amount,
        },
        X::DistributeSplitEvents {
            duration,
            minimum,
            maximum,
        } => ConstraintKind::DistributeSplitEvents {
            events: events(),
            duration: *duration,
            min: *minimum,
            max: *maximum,
        },
        X::SpreadEvents { time_groups } => ConstraintKind::SpreadEvents {
            event_groups: groups(),
            limits: time_groups
                .iter()
                .map(|g| SpreadLimit {
                    time_group: TimeGroupId(g.time_group.0),
                    min: g.minimum,
                    max: g.maximum,
                })
                .collect(),
        },
        X::LinkEvents => ConstraintKind::LinkEvents {
            event_groups: groups(),
        },
        X::OrderEvents {
            min_separation,
            max_separation,
        } => ConstraintKind::OrderEvents {
            pairs: c
                .applies_to
                .event_pairs
                .iter()
                .map(|p| OrderPair {
                    first: solver::EventId(p.first.0),
                    second: solver::EventId(p.second.0),
                    min_separation: p.min_separation.or(*min_separation).unwrap_or(0),
                    max_separation: p.max_separation.or(*max_separation).unwrap_or(u32::MAX),
                })
                .collect(),
        },
        X::AvoidClashes => ConstraintKind::AvoidClashes {
            resources: resources(),
        },
        X::AvoidUnavailableTimes { times } => ConstraintKind::AvoidUnavailableTimes {
            resources: resources(),
            times: flagged(times.flags(inst)).into_iter().map(TimeId).collect(),
        },
        X::LimitIdleTimes {
            time_groups: g,
            minimum,
            maximum,
        } => ConstraintKind::LimitIdleTimes {
            resources: resources(),
            time_groups: time_groups(g),
            min: *minimum,
            max: *maximum,
        },
        X::ClusterBusyTimes {
            time_groups: g,
            minimum,
            maximum,
            allow_zero,
        } => ConstraintKind::ClusterBusyTimes {
            resources: resources(),
            time_groups: time_groups(g),
            min: *minimum,
            max: *maximum,
            allow_zero: allow_zero.unwrap_or(false),
        },
        X::LimitBusyTimes {
            time_groups: g,
            minimum,
            maximum,
            ..
        } => ConstraintKind::LimitBusyTimes {
            resources: resources(),
            time_groups: time_groups(g),
            min: *minimum,
            max: *maximum,
        },
        X::LimitWorkload {
            minimum,
            maximum,
            allow_zero,
        } => ConstraintKind::LimitWorkload {
            resources: resources(),
            min: *minimum,
            max: *maximum,
            allow_zero: allow_zero.unwrap_or(false),
        },
        X::AssignResource { role } => ConstraintKind::AssignResource { roles: roles(role) },
        X::PreferResources { role, preferred } => ConstraintKind::PreferResources {
            roles: roles(role),
            resources: flagged(preferred.flags(inst))
                .into_iter()
                .map(ResourceId)
                .collect(),
        },
        X::AvoidSplitAssignments { role } => ConstraintKind::AvoidSplitAssignments {
            groups: c
                .applies_to
                .event_groups
                .iter()
                .map(|&g| {
                    inst.event_group(g)
                        .events
                        .iter()
                        .filter_map(|&e| {
                            inst.event(e).resource_by_role(role).map(|k| EventRole {
                                event: solver::EventId(e.0),
                                role: k as u32,
                            })
                        })
                        .collect()
                })
                .collect(),
        },
    }
}
