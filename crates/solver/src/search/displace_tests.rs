//! The displacement move on a week of three times where a lesson of three classes clashes.

use super::*;
use crate::ids::{ResourceId, TimeId};
use crate::model::ModelBuilder;
use crate::model::spec::{
    Constraint, ConstraintKind, CostFunction, EventSpec, RoleResource, RoleSpec,
};
use crate::search::test_states::place;
use rand::SeedableRng;

/// Classes A, B and C; a lesson `big` of all three; two lessons of one class each per class.
/// Every class is busy at all three times, so the only timetables without a clash put `big`
/// at one time and each class's two lessons at the other two.
fn model() -> Model {
    model_with(false)
}

/// With `a_away_at_t0`, a hard constraint also keeps class A free at t0.
fn model_with(a_away_at_t0: bool) -> Model {
    let mut b = ModelBuilder::new();
    let times: Vec<TimeId> = (0..3).map(|i| b.add_time(format!("t{i}"))).collect();
    b.add_time_group("day", times.clone());
    let class_type = b.add_resource_type("class");
    let classes: Vec<ResourceId> = ["A", "B", "C"]
        .iter()
        .map(|n| b.add_resource(*n, class_type))
        .collect();
    let role = |r: ResourceId| RoleSpec {
        name: "class".into(),
        resource: RoleResource::Fixed(r),
        workload: None,
    };
    let mut big = EventSpec::new("big", 1);
    big.roles = classes.iter().map(|&r| role(r)).collect();
    b.add_event(big);
    for &c in &classes {
        for i in 0..2 {
            let mut e = EventSpec::new(format!("{c:?}{i}"), 1);
            e.roles = vec![role(c)];
            b.add_event(e);
        }
    }
    b.add_constraint(Constraint {
        name: "clashes".into(),
        hard: true,
        weight: 1,
        cost_function: CostFunction::Linear,
        kind: ConstraintKind::AvoidClashes {
            resources: classes.clone(),
        },
    });
    if a_away_at_t0 {
        b.add_constraint(Constraint {
            name: "away".into(),
            hard: true,
            weight: 1,
            cost_function: CostFunction::Linear,
            kind: ConstraintKind::AvoidUnavailableTimes {
                resources: vec![classes[0]],
                times: vec![times[0]],
            },
        });
    }
    b.build().expect("valid")
}

#[test]
fn a_clashing_lesson_of_many_classes_moves_and_re_seats_what_it_displaces() {
    let m = model();
    // A clashes at t0 (big and A0); B and C are free at t0 only, so moving A0 to t2 (A's
    // free time) is the only single move that helps, and moving big to t2 ejects B1 and C1,
    // which the move re-seats at t0.
    let mut st = place(&m, &[0, 0, 1, 1, 2, 1, 2]);
    assert_eq!(st.cost.hard, 1);
    let mut hood = Neighbourhood::new(&m);
    let mut rng = SmallRng::seed_from_u64(7);
    // Accept a move when it does not make the hard cost worse; 20 moves are plenty.
    for _ in 0..20 {
        if st.cost.hard == 0 {
            break;
        }
        let before = st.cost.hard;
        if hood.displace(&mut st, &mut rng) && st.evaluate().hard > before {
            st.rollback();
        }
    }
    assert_eq!(st.cost.hard, 0);
    st.check = true;
    st.rebuild();
    assert_eq!(st.cost.hard, 0);
}

#[test]
fn the_first_sub_event_leaves_its_start_and_displaced_ones_are_re_seated() {
    let m = model();
    let mut st = place(&m, &[0, 0, 1, 1, 2, 1, 2]);
    let hood = Neighbourhood::new(&m);
    let mut buf = Displace::default();
    let mut rng = SmallRng::seed_from_u64(1);
    st.begin();
    let big = m.slots(0).start;
    assert!(hood.reseat(&mut st, &mut buf, big, 0, &mut rng));
    // Big goes to t2, the one start where it meets only movable lessons (B1 and C1: two, as
    // at t1 with A1, B0 and C0: three); what it met there is queued for re-seating.
    assert_eq!(st.start[big], 2);
    let mut queued: Vec<usize> = buf.queue.iter().map(|&(s, _)| s).collect();
    queued.sort_unstable();
    assert_eq!(queued, vec![m.slots(4).start, m.slots(6).start]);
    while let Some((y, level)) = buf.queue.pop() {
        hood.reseat(&mut st, &mut buf, y, level, &mut rng);
    }
    assert_eq!(st.evaluate().hard, 0);
}

#[test]
fn a_hard_defect_that_is_not_a_clash_is_left_to_the_other_moves() {
    let m = model_with(true);
    // No clash; big holds A at t0, where A is away: one hard point, not a clash.
    let mut st = place(&m, &[0, 1, 2, 1, 2, 1, 2]);
    assert_eq!(st.cost.hard, 1);
    let mut hood = Neighbourhood::new(&m);
    let mut rng = SmallRng::seed_from_u64(3);
    for _ in 0..20 {
        assert!(!hood.displace(&mut st, &mut rng));
    }
    assert_eq!(st.start[m.slots(0).start], 0);
}
