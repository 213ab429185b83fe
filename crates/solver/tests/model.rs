//! The engine on hand-built models: every constraint kind at once under random moves (the
//! `check-incremental` feature, on through the dev-dependency, asserts incremental == full after
//! each move), locked sub-events, determinism, clock-tick clashes and hand-computed costs.

use solver::*;

fn soft(name: &str, cost_function: CostFunction, kind: ConstraintKind) -> Constraint {
    Constraint {
        name: name.into(),
        hard: false,
        weight: 2,
        cost_function,
        kind,
    }
}
fn hard(name: &str, kind: ConstraintKind) -> Constraint {
    Constraint {
        name: name.into(),
        hard: true,
        weight: 1,
        cost_function: CostFunction::Linear,
        kind,
    }
}

/// Two days of four periods; teachers, rooms and classes; every constraint kind.
fn school() -> (Model, EventId) {
    let mut b = ModelBuilder::new();
    let times: Vec<TimeId> = (0..8).map(|i| b.add_time(format!("t{i}"))).collect();
    let days = [
        b.add_time_group("d1", times[..4].to_vec()),
        b.add_time_group("d2", times[4..].to_vec()),
    ];
    let (teacher, room, class) = (
        b.add_resource_type("teacher"),
        b.add_resource_type("room"),
        b.add_resource_type("class"),
    );
    let teachers: Vec<ResourceId> = (0..3)
        .map(|i| b.add_resource(format!("T{i}"), teacher))
        .collect();
    let rooms: Vec<ResourceId> = (0..2)
        .map(|i| b.add_resource(format!("R{i}"), room))
        .collect();
    let classes: Vec<ResourceId> = (0..2)
        .map(|i| b.add_resource(format!("C{i}"), class))
        .collect();
    let mut events = Vec::new();
    for (i, duration) in [3u32, 2, 2, 1, 2, 3, 1].into_iter().enumerate() {
        let mut e = EventSpec::new(format!("E{i}"), duration);
        e.roles = vec![
            RoleSpec {
                name: "teacher".into(),
                resource: RoleResource::Fixed(teachers[i % 3]),
                workload: None,
            },
            RoleSpec {
                name: "class".into(),
                resource: RoleResource::Fixed(classes[i % 2]),
                workload: None,
            },
            RoleSpec {
                name: "room".into(),
                resource: RoleResource::Open {
                    resource_type: room,
                    domain: rooms.clone(),
                },
                workload: Some(1),
            },
        ];
        if i == 6 {
            e.preassigned_time = Some(times[7]);
        }
        if i == 5 {
            e.locked = vec![LockedSubEvent {
                start: times[1],
                duration: 1,
                resources: vec![None, None, Some(rooms[1])],
            }];
        }
        events.push(b.add_event(e));
    }
    let all_res: Vec<ResourceId> = teachers
        .iter()
        .chain(&rooms)
        .chain(&classes)
        .copied()
        .collect();
    let role = |e: EventId, role| EventRole { event: e, role };
    b.add_constraint(hard(
        "assign time",
        ConstraintKind::AssignTime {
            events: events.clone(),
        },
    ));
    b.add_constraint(hard(
        "clashes",
        ConstraintKind::AvoidClashes {
            resources: all_res.clone(),
        },
    ));
    b.add_constraint(soft(
        "prefer",
        CostFunction::Quadratic,
        ConstraintKind::PreferTimes {
            events: events[..3].to_vec(),
            times: times[..6].to_vec(),
            duration: Some(2),
        },
    ));
    b.add_constraint(soft(
        "split",
        CostFunction::Linear,
        ConstraintKind::SplitEvents {
            events: events.clone(),
            min_duration: 1,
            max_duration: 2,
            min_amount: 1,
            max_amount: 2,
        },
    ));
    b.add_constraint(soft(
        "distribute",
        CostFunction::Step,
        ConstraintKind::DistributeSplitEvents {
            events: events.clone(),
            duration: 1,
            min: 0,
            max: 1,
        },
    ));
    b.add_constraint(soft(
        "spread",
        CostFunction::Quadratic,
        ConstraintKind::SpreadEvents {
            event_groups: vec![events[..4].to_vec()],
            limits: days
                .iter()
                .map(|&g| SpreadLimit {
                    time_group: g,
                    min: 1,
                    max: 2,
                })
                .collect(),
        },
    ));
    b.add_constraint(soft(
        "link",
        CostFunction::Linear,
        ConstraintKind::LinkEvents {
            event_groups: vec![vec![events[3], events[6]]],
        },
    ));
    b.add_constraint(soft(
        "order",
        CostFunction::Linear,
        ConstraintKind::OrderEvents {
            pairs: vec![OrderPair {
                first: events[1],
                second: events[2],
                min_separation: 1,
                max_separation: 3,
            }],
        },
    ));
    b.add_constraint(soft(
        "unavailable",
        CostFunction::Linear,
        ConstraintKind::AvoidUnavailableTimes {
            resources: vec![teachers[0]],
            times: vec![times[0], times[4]],
        },
    ));
    b.add_constraint(soft(
        "idle",
        CostFunction::Quadratic,
        ConstraintKind::LimitIdleTimes {
            resources: classes.clone(),
            time_groups: days.to_vec(),
            min: 0,
            max: 0,
        },
    ));
    b.add_constraint(soft(
        "cluster",
        CostFunction::Linear,
        ConstraintKind::ClusterBusyTimes {
            resources: teachers.clone(),
            time_groups: days.to_vec(),
            min: 1,
            max: 1,
            allow_zero: true,
        },
    ));
    b.add_constraint(soft(
        "busy",
        CostFunction::Step,
        ConstraintKind::LimitBusyTimes {
            resources: teachers.clone(),
            time_groups: days.to_vec(),
            min: 2,
            max: 3,
        },
    ));
    b.add_constraint(soft(
        "workload",
        CostFunction::Linear,
        ConstraintKind::LimitWorkload {
            resources: rooms.clone(),
            min: 2,
            max: 5,
            allow_zero: false,
        },
    ));
    b.add_constraint(hard(
        "assign room",
        ConstraintKind::AssignResource {
            roles: events.iter().map(|&e| role(e, 2)).collect(),
        },
    ));
    b.add_constraint(soft(
        "prefer room",
        CostFunction::Linear,
        ConstraintKind::PreferResources {
            roles: vec![role(events[0], 2)],
            resources: vec![rooms[0]],
        },
    ));
    b.add_constraint(soft(
        "same room",
        CostFunction::Quadratic,
        ConstraintKind::AvoidSplitAssignments {
            groups: vec![events.iter().map(|&e| role(e, 2)).collect()],
        },
    ));
    (b.build().expect("valid model"), events[5])
}

fn run(model: &Model, seed: u64, steps: u64) -> SolveResult {
    let options = SolveOptions {
        seed,
        max_iterations: Some(steps),
        ..SolveOptions::default()
    };
    solve(model, &options, &NoDeadline, None, &|_| {})
}

#[test]
fn incremental_cost_matches_full_cost_under_random_moves() {
    let (model, _) = school();
    for seed in 0..4 {
        let result = run(&model, seed, 4000);
        assert_eq!(
            model.evaluate(&result.solution).expect("evaluates").cost,
            result.cost
        );
    }
}

#[test]
fn locked_sub_events_stay_put() {
    let (model, locked_event) = school();
    let result = run(&model, 9, 3000);
    let locked = result
        .solution
        .sub_events
        .iter()
        .find(|s| s.event == locked_event && s.start == Some(TimeId(1)) && s.duration == 1)
        .expect("locked sub-event present");
    assert_eq!(locked.resources[2], Some(ResourceId(4)));
    let preassigned: Vec<_> = result
        .solution
        .sub_events
        .iter()
        .filter(|s| s.event == EventId(6))
        .collect();
    assert_eq!(preassigned.len(), 1);
    assert_eq!(preassigned[0].start, Some(TimeId(7)));
}

#[test]
fn one_thread_and_a_seed_give_the_same_timetable() {
    let (model, _) = school();
    assert_eq!(
        run(&model, 42, 5000).solution,
        run(&model, 42, 5000).solution
    );
}

#[test]
fn overlapping_clock_ticks_clash() {
    // Two grids: period "a1" covers ticks 0-1, "b1" covers tick 1-2: a teacher in both clashes once.
    let mut b = ModelBuilder::new();
    let a1 = b.add_time_with_ticks("a1", vec![0, 1]);
    let b1 = b.add_time_with_ticks("b1", vec![1, 2]);
    let ty = b.add_resource_type("teacher");
    let t = b.add_resource("T", ty);
    let mut events = Vec::new();
    for name in ["x", "y"] {
        let mut e = EventSpec::new(name, 1);
        e.roles = vec![RoleSpec {
            name: "teacher".into(),
            resource: RoleResource::Fixed(t),
            workload: None,
        }];
        events.push(b.add_event(e));
    }
    b.add_constraint(hard(
        "clashes",
        ConstraintKind::AvoidClashes { resources: vec![t] },
    ));
    let model = b.build().expect("valid");
    let at = |e: EventId, time| SubEvent {
        event: e,
        start: Some(time),
        duration: 1,
        resources: vec![Some(t)],
    };
    let overlapping = Solution {
        sub_events: vec![at(events[0], a1), at(events[1], b1)],
    };
    assert_eq!(
        model.evaluate(&overlapping).expect("evaluates").cost,
        Cost { hard: 1, soft: 0 }
    );
    let apart = Solution {
        sub_events: vec![at(events[0], a1), at(events[1], a1)],
    };
    assert_eq!(
        model.evaluate(&apart).expect("evaluates").cost,
        Cost { hard: 2, soft: 0 }
    );
}

#[test]
fn hand_computed_costs() {
    let (model, _) = school();
    // Everything unscheduled except the locked and preassigned sub-events: assign-time deviation
    // is the unscheduled duration (3+2+2+1+2+2 = 12; event 5 keeps one locked time).
    let unscheduled = Solution {
        sub_events: (0..7u32)
            .map(|e| SubEvent {
                event: EventId(e),
                start: match e {
                    6 => Some(TimeId(7)),
                    _ => None,
                },
                duration: model.event(EventId(e)).duration,
                resources: vec![None, None, None],
            })
            .collect(),
    };
    let ev = model.evaluate(&unscheduled).expect("evaluates");
    assert_eq!(
        ev.by_constraint[0],
        Cost {
            hard: 3 + 2 + 2 + 1 + 2 + 3,
            soft: 0
        }
    );
    // No rooms: assign-room deviation is the total duration, 14.
    assert_eq!(ev.by_constraint[13], Cost { hard: 14, soft: 0 });
    // Split: E0 and E5 (duration 3) exceed the maximum duration 2: 2 points x weight 2.
    assert_eq!(ev.by_constraint[3], Cost { hard: 0, soft: 4 });
}

#[test]
fn bad_indices_are_rejected() {
    let mut b = ModelBuilder::new();
    b.add_time("t");
    b.add_constraint(hard(
        "clashes",
        ConstraintKind::AvoidClashes {
            resources: vec![ResourceId(3)],
        },
    ));
    assert!(matches!(b.build(), Err(SolverError::UnknownIndex { .. })));
    assert_eq!(
        ModelBuilder::new().build().unwrap_err(),
        SolverError::NoTimes
    );
}
