//! The preferred-room move on two times and two rooms: lesson `a` prefers room R1.

use super::*;
use crate::ids::{EventId, ResourceId, TimeId};
use crate::model::spec::{
    Constraint, ConstraintKind, CostFunction, EventRole, EventSpec, RoleResource, RoleSpec,
};
use crate::model::{Model, ModelBuilder};
use rand::SeedableRng;

/// Lessons `a` and `b`, each one period in one room; `a` prefers R1 (soft). `b` may take
/// both rooms, or only R1 with `b_only_r1`. Room clashes are hard.
fn model(b_only_r1: bool) -> (Model, Vec<ResourceId>) {
    let mut b = ModelBuilder::new();
    let times: Vec<TimeId> = (0..2).map(|i| b.add_time(format!("t{i}"))).collect();
    b.add_time_group("day", times);
    let room_type = b.add_resource_type("room");
    let rooms: Vec<ResourceId> = ["R1", "R2"]
        .iter()
        .map(|n| b.add_resource(*n, room_type))
        .collect();
    let role = |domain: Vec<ResourceId>| RoleSpec {
        name: "room".into(),
        resource: RoleResource::Open {
            resource_type: room_type,
            domain,
        },
        workload: None,
    };
    let mut a = EventSpec::new("a", 1);
    a.roles = vec![role(rooms.clone())];
    b.add_event(a);
    let mut lesson_b = EventSpec::new("b", 1);
    lesson_b.roles = vec![role(if b_only_r1 {
        vec![rooms[0]]
    } else {
        rooms.clone()
    })];
    b.add_event(lesson_b);
    let constraint = |name: &str, hard: bool, kind| Constraint {
        name: name.into(),
        hard,
        weight: 1,
        cost_function: CostFunction::Linear,
        kind,
    };
    b.add_constraint(constraint(
        "clashes",
        true,
        ConstraintKind::AvoidClashes {
            resources: rooms.clone(),
        },
    ));
    let roles = vec![EventRole {
        event: EventId(0),
        role: 0,
    }];
    b.add_constraint(constraint(
        "a in R1",
        false,
        ConstraintKind::PreferResources {
            roles,
            resources: vec![rooms[0]],
        },
    ));
    (b.build().expect("valid"), rooms)
}

/// Both lessons at t0, `a` in R2 and `b` in R1; the move applied once and kept if no worse.
fn one_move(b_only_r1: bool, seed: u64) -> (i64, i64, u32) {
    let (m, rooms) = model(b_only_r1);
    let mut st = State::new(&m);
    st.begin();
    let (a, b) = (m.slots(0).start, m.slots(1).start);
    st.set_slot(a, 0, 1);
    st.set_slot(b, 0, 1);
    st.set_res(a, 0, rooms[1].0);
    st.set_res(b, 0, rooms[0].0);
    st.evaluate();
    assert_eq!((st.cost.hard, st.cost.soft), (0, 1));
    let mi = (0..m.monitors.len())
        .find(|&i| matches!(m.monitors[i].kind, MonitorKind::PreferResources { .. }))
        .expect("the preference");
    let mut hood = Neighbourhood::new(&m);
    let mut rng = SmallRng::seed_from_u64(seed);
    for _ in 0..20 {
        if st.cost.soft == 0 {
            break;
        }
        if hood.prefer_resource_at(&mut st, mi, &mut rng) {
            let c = st.evaluate();
            if c.hard > 0 || c.soft > 1 {
                st.rollback();
            }
        }
    }
    st.check = true;
    st.rebuild();
    (st.cost.hard, st.cost.soft, st.start[a])
}

#[test]
fn a_lesson_out_of_its_preferred_room_swaps_rooms_with_the_holder() {
    // `b` may take R2: the rooms are exchanged, both stay at t0 (or `a` moves to t1 in R1).
    for seed in 1..5 {
        let (hard, soft, _) = one_move(false, seed);
        assert_eq!((hard, soft), (0, 0));
    }
}

#[test]
fn a_lesson_moves_to_a_time_where_its_preferred_room_is_free() {
    // `b` needs R1: `a` goes to t1, where R1 is free.
    for seed in 1..5 {
        assert_eq!(one_move(true, seed), (0, 0, 1));
    }
}
