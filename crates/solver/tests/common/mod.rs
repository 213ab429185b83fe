//! A class-teacher-room model generator shared by the session tests.

use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use solver::*;

fn constraint(
    name: &str,
    hard: bool,
    cost_function: CostFunction,
    kind: ConstraintKind,
) -> Constraint {
    Constraint {
        name: name.into(),
        hard,
        weight: if hard { 1 } else { 3 },
        cost_function,
        kind,
    }
}

fn fixed(name: &str, r: ResourceId) -> RoleSpec {
    RoleSpec {
        name: name.into(),
        resource: RoleResource::Fixed(r),
        workload: None,
    }
}

/// A class-teacher-room school of `days` x `periods`: events of 1 to 3 periods with a fixed
/// class and teacher and an open room; clashes, availability, idle times, spreads, room
/// preferences, links and workloads. `lock` locks the first event at the first time.
pub fn school(days: usize, periods: usize, events: usize, seed: u64, lock: bool) -> Model {
    let mut rng = SmallRng::seed_from_u64(seed);
    let mut b = ModelBuilder::new();
    let times: Vec<TimeId> = (0..days * periods)
        .map(|i| b.add_time(format!("d{}p{}", i / periods, i % periods)))
        .collect();
    let day_groups: Vec<TimeGroupId> = (0..days)
        .map(|d| {
            b.add_time_group(
                format!("d{d}"),
                times[d * periods..(d + 1) * periods].to_vec(),
            )
        })
        .collect();
    let (tt, rt, ct) = (
        b.add_resource_type("teacher"),
        b.add_resource_type("room"),
        b.add_resource_type("class"),
    );
    let teachers: Vec<_> = (0..4)
        .map(|i| b.add_resource(format!("T{i}"), tt))
        .collect();
    let rooms: Vec<_> = (0..3)
        .map(|i| b.add_resource(format!("R{i}"), rt))
        .collect();
    let classes: Vec<_> = (0..3)
        .map(|i| b.add_resource(format!("C{i}"), ct))
        .collect();
    let mut ids = Vec::new();
    for i in 0..events {
        let mut e = EventSpec::new(format!("E{i}"), rng.gen_range(1..=3));
        e.roles = vec![
            fixed("teacher", teachers[rng.gen_range(0..teachers.len())]),
            fixed("class", classes[i % classes.len()]),
            RoleSpec {
                name: "room".into(),
                resource: RoleResource::Open {
                    resource_type: rt,
                    domain: rooms.clone(),
                },
                workload: Some(1),
            },
        ];
        if lock && i == 0 {
            e.locked = vec![LockedSubEvent {
                start: times[0],
                duration: e.duration,
                resources: vec![None, None, Some(rooms[0])],
            }];
        }
        ids.push(b.add_event(e));
    }
    let all: Vec<ResourceId> = teachers
        .iter()
        .chain(&rooms)
        .chain(&classes)
        .copied()
        .collect();
    use ConstraintKind as K;
    use CostFunction::{Linear, Quadratic, Step};
    b.add_constraint(constraint(
        "time",
        true,
        Linear,
        K::AssignTime {
            events: ids.clone(),
        },
    ));
    b.add_constraint(constraint(
        "clash",
        true,
        Linear,
        K::AvoidClashes { resources: all },
    ));
    b.add_constraint(constraint(
        "room",
        true,
        Linear,
        K::AssignResource {
            roles: ids
                .iter()
                .map(|&event| EventRole { event, role: 2 })
                .collect(),
        },
    ));
    b.add_constraint(constraint(
        "away",
        true,
        Linear,
        K::AvoidUnavailableTimes {
            resources: vec![teachers[0]],
            times: vec![times[periods - 1]],
        },
    ));
    b.add_constraint(constraint(
        "idle",
        false,
        Quadratic,
        K::LimitIdleTimes {
            resources: classes.clone(),
            time_groups: day_groups.clone(),
            min: 0,
            max: 0,
        },
    ));
    b.add_constraint(constraint(
        "spread",
        false,
        Step,
        K::SpreadEvents {
            event_groups: ids.chunks(3).map(<[EventId]>::to_vec).collect(),
            limits: day_groups
                .iter()
                .map(|&time_group| SpreadLimit {
                    time_group,
                    min: 0,
                    max: 1,
                })
                .collect(),
        },
    ));
    b.add_constraint(constraint(
        "prefer room",
        false,
        Linear,
        K::PreferResources {
            roles: ids
                .iter()
                .step_by(2)
                .map(|&event| EventRole { event, role: 2 })
                .collect(),
            resources: vec![rooms[1]],
        },
    ));
    b.add_constraint(constraint(
        "link",
        false,
        Linear,
        K::LinkEvents {
            event_groups: vec![ids[1..3].to_vec()],
        },
    ));
    b.add_constraint(constraint(
        "busy",
        false,
        Linear,
        K::LimitBusyTimes {
            resources: teachers.clone(),
            time_groups: day_groups.clone(),
            min: 0,
            max: 3,
        },
    ));
    b.add_constraint(constraint(
        "mornings",
        false,
        Linear,
        K::PreferTimes {
            events: ids.clone(),
            times: day_groups
                .iter()
                .enumerate()
                .flat_map(|(d, _)| times[d * periods..d * periods + periods / 2].to_vec())
                .collect(),
            duration: None,
        },
    ));
    b.build().expect("valid model")
}

pub fn solve_steps(model: &Model, steps: u64, initial: Option<Solution>) -> SolveResult {
    let options = SolveOptions {
        max_iterations: Some(steps),
        initial,
        ..SolveOptions::default()
    };
    solve(model, &options, &NoDeadline, None, &|_| {})
}
