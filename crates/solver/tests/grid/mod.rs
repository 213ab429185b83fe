//! A small week shared by the cost tests: three days of five periods, one class attending every
//! event, and an open room role (role 1) over a few rooms. Tests place events by hand and read
//! each constraint's cost, or solve a fixed number of steps under `check-incremental`.

use solver::*;

pub const DAYS: u32 = 3;
pub const PERIODS: u32 = 5;

pub struct Fixture {
    pub b: ModelBuilder,
    pub days: Vec<TimeGroupId>,
    pub class: ResourceId,
    pub rooms: Vec<ResourceId>,
    pub events: Vec<EventId>,
}

/// Events of the given durations, each taking the class and one of `rooms` rooms.
pub fn fixture(durations: &[u32], rooms: usize) -> Fixture {
    let mut b = ModelBuilder::new();
    let times: Vec<TimeId> = (0..DAYS * PERIODS)
        .map(|i| b.add_time(format!("t{i}")))
        .collect();
    let days = (0..DAYS)
        .map(|d| {
            let row = times[(d * PERIODS) as usize..((d + 1) * PERIODS) as usize].to_vec();
            b.add_time_group(format!("d{d}"), row)
        })
        .collect();
    let (class_type, room_type) = (b.add_resource_type("class"), b.add_resource_type("room"));
    let class = b.add_resource("C", class_type);
    let rooms: Vec<ResourceId> = (0..rooms)
        .map(|i| b.add_resource(format!("R{i}"), room_type))
        .collect();
    let events = durations
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let mut e = EventSpec::new(format!("E{i}"), d);
            e.roles = vec![
                RoleSpec {
                    name: "class".into(),
                    resource: RoleResource::Fixed(class),
                    workload: None,
                },
                RoleSpec {
                    name: "room".into(),
                    resource: RoleResource::Open {
                        resource_type: room_type,
                        domain: rooms.clone(),
                    },
                    workload: None,
                },
            ];
            b.add_event(e)
        })
        .collect();
    Fixture {
        b,
        days,
        class,
        rooms,
        events,
    }
}

/// A linear constraint: weight 1 when hard, 3 when soft (so a soft cost reads as 3 per unit).
pub fn constraint(hard: bool, kind: ConstraintKind) -> Constraint {
    Constraint {
        name: "c".into(),
        hard,
        weight: if hard { 1 } else { 3 },
        cost_function: CostFunction::Linear,
        kind,
    }
}

/// Builds the fixture's model, leaving an empty builder behind so the fixture stays usable.
pub fn build(f: &mut Fixture) -> Model {
    std::mem::replace(&mut f.b, ModelBuilder::new())
        .build()
        .expect("valid")
}

/// Cost of each constraint when event `i` sits at `places[i]` = (day, period, room index).
pub fn costs(model: &Model, f: &Fixture, places: &[Option<(u32, u32, usize)>]) -> Vec<i64> {
    let sub_events = f
        .events
        .iter()
        .zip(places)
        .map(|(&e, place)| SubEvent {
            event: e,
            start: place.map(|(d, p, _)| TimeId(d * PERIODS + p)),
            duration: model.event(e).duration,
            resources: vec![Some(f.class), place.map(|(_, _, r)| f.rooms[r])],
        })
        .collect();
    let ev = model.evaluate(&Solution { sub_events }).expect("evaluates");
    ev.by_constraint.iter().map(|c| c.hard + c.soft).collect()
}

/// Solves 3000 steps from four seeds; the `check-incremental` feature asserts incremental ==
/// full after each move, and the result's cost must equal a full evaluation of it.
pub fn assert_incremental_matches_full(model: &Model) {
    for seed in 0..4 {
        let options = SolveOptions {
            seed,
            max_iterations: Some(3000),
            ..SolveOptions::default()
        };
        let result = solve(model, &options, &NoDeadline, None, &|_| {});
        assert_eq!(
            model.evaluate(&result.solution).expect("evaluates").cost,
            result.cost
        );
    }
}
