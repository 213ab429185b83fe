//! The partial-timetable walk on a tight week.

use super::*;
use crate::ids::{EventId, ResourceId, TimeId};
use crate::model::ModelBuilder;
use crate::model::spec::{
    Constraint, ConstraintKind, CostFunction, EventSpec, RoleResource, RoleSpec,
};
use crate::search::test_states::place;
use rand::SeedableRng;

fn hard(name: &str, kind: ConstraintKind) -> Constraint {
    Constraint {
        name: name.into(),
        hard: true,
        weight: 1,
        cost_function: CostFunction::Linear,
        kind,
    }
}

fn role(r: ResourceId) -> RoleSpec {
    RoleSpec {
        name: "r".into(),
        resource: RoleResource::Fixed(r),
        workload: None,
    }
}

/// Classes A, B, C and teachers X, Y, Z over three times: each class meets each teacher once,
/// so every class and teacher is busy at every time (a Latin square is the only way out).
fn latin() -> Model {
    let mut b = ModelBuilder::new();
    let _times: Vec<TimeId> = (0..3).map(|i| b.add_time(format!("t{i}"))).collect();
    let ty = b.add_resource_type("any");
    let classes: Vec<ResourceId> = (0..3)
        .map(|i| b.add_resource(format!("c{i}"), ty))
        .collect();
    let teachers: Vec<ResourceId> = (0..3)
        .map(|i| b.add_resource(format!("x{i}"), ty))
        .collect();
    let mut events: Vec<EventId> = Vec::new();
    for &c in &classes {
        for &x in &teachers {
            let mut e = EventSpec::new(format!("{c:?}{x:?}"), 1);
            e.roles = vec![role(c), role(x)];
            events.push(b.add_event(e));
        }
    }
    b.add_constraint(hard("time", ConstraintKind::AssignTime { events }));
    let all = classes.iter().chain(&teachers).copied().collect();
    b.add_constraint(hard(
        "clashes",
        ConstraintKind::AvoidClashes { resources: all },
    ));
    b.build().expect("valid")
}

/// Every class has its lessons at t0, t1, t2 in teacher order: teacher X meets all three
/// classes at t0 (and so on), six clashes. One walk finds a Latin square.
#[test]
fn a_walk_over_partial_timetables_clears_a_tight_week() {
    let m = latin();
    for seed in 0..10 {
        let mut st = place(&m, &[0, 1, 2, 0, 1, 2, 0, 1, 2]);
        st.check = true;
        assert_eq!(st.cost.hard, 6);
        let mut hood = Neighbourhood::new(&m);
        let mut rng = SmallRng::seed_from_u64(seed);
        assert!(hood.walk_now(&mut st, &mut rng), "seed {seed}");
        assert_eq!(st.evaluate().hard, 0, "seed {seed}");
    }
}

/// A timetable without a clash or an unassigned lesson has nothing for the walk to do; and
/// the search draws no walk before it has stalled.
#[test]
fn walks_wait_for_a_stall() {
    let m = latin();
    let mut st = place(&m, &[0, 1, 2, 0, 1, 2, 0, 1, 2]);
    let mut hood = Neighbourhood::new(&m);
    let mut rng = SmallRng::seed_from_u64(1);
    assert!(!hood.partial_walk(&mut st, &mut rng));
    for _ in 0..=STALL {
        hood.note_hard(st.cost.hard);
    }
    assert!(hood.partial_walk(&mut st, &mut rng));
}

/// A timetable without a clash or an unassigned lesson has nothing for the walk to do.
#[test]
fn a_walk_leaves_a_clash_free_timetable_alone() {
    let m = latin();
    let mut st = place(&m, &[0, 1, 2, 1, 2, 0, 2, 0, 1]);
    assert_eq!(st.cost.hard, 0);
    let mut hood = Neighbourhood::new(&m);
    let mut rng = SmallRng::seed_from_u64(1);
    assert!(!hood.walk_now(&mut st, &mut rng));
}
