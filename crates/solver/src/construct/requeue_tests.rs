//! Placement with displacement on a two-time week where the greedy order walks into a clash.

use super::*;
use crate::ids::{EventId, TimeId};
use crate::model::ModelBuilder;
use crate::model::spec::{
    Constraint, ConstraintKind, CostFunction, EventSpec, RoleResource, RoleSpec,
};
use rand::SeedableRng;

/// Teacher T teaches `easy` (soft wish: t0) and `bound` (hard: t0 only), each one time long.
fn model() -> Model {
    let mut b = ModelBuilder::new();
    let times: Vec<TimeId> = (0..2).map(|i| b.add_time(format!("t{i}"))).collect();
    b.add_time_group("day", times.clone());
    let teacher_type = b.add_resource_type("teacher");
    let t = b.add_resource("T", teacher_type);
    let lesson = |name: &str| {
        let mut e = EventSpec::new(name, 1);
        e.roles = vec![RoleSpec {
            name: "teacher".into(),
            resource: RoleResource::Fixed(t),
            workload: None,
        }];
        e
    };
    let easy = b.add_event(lesson("easy"));
    let bound = b.add_event(lesson("bound"));
    let constraint = |name: &str, hard: bool, kind: ConstraintKind| Constraint {
        name: name.into(),
        hard,
        weight: 1,
        cost_function: CostFunction::Linear,
        kind,
    };
    let both: Vec<EventId> = vec![easy, bound];
    b.add_constraint(constraint(
        "assign",
        true,
        ConstraintKind::AssignTime {
            events: both.clone(),
        },
    ));
    b.add_constraint(constraint(
        "clashes",
        true,
        ConstraintKind::AvoidClashes { resources: vec![t] },
    ));
    b.add_constraint(constraint(
        "easy wish",
        false,
        ConstraintKind::PreferTimes {
            events: vec![easy],
            times: vec![times[0]],
            duration: None,
        },
    ));
    b.add_constraint(constraint(
        "bound",
        true,
        ConstraintKind::PreferTimes {
            events: vec![bound],
            times: vec![times[0]],
            duration: None,
        },
    ));
    b.build().expect("valid")
}

/// Both slots with their one-time split, nothing placed.
fn unplaced(m: &Model) -> State<'_> {
    let mut st = State::new(m);
    st.begin();
    for s in 0..m.num_slots() {
        st.set_slot(s, NONE, 1);
    }
    st.evaluate();
    st
}

#[test]
fn a_lesson_with_no_free_start_displaces_what_is_there_and_that_is_placed_again() {
    let m = model();
    let (easy, bound) = (m.slots(0).start, m.slots(1).start);
    // Placed in this order, greedily, `easy` takes t0 (its wish) and `bound` can only clash.
    let mut greedy = unplaced(&m);
    let mut rng = SmallRng::seed_from_u64(1);
    for s in [easy, bound] {
        place_time(&mut greedy, s, &mut rng);
    }
    assert_eq!(greedy.start[easy], 0);
    assert_eq!(greedy.cost.hard, 1);
    // With displacement `bound` takes t0 and `easy` moves to t1.
    let mut st = unplaced(&m);
    place_all(&mut st, &[easy, bound], &mut rng);
    assert_eq!((st.start[bound], st.start[easy]), (0, 1));
    assert_eq!(st.cost.hard, 0);
    st.check = true;
    st.rebuild();
    assert_eq!(st.cost.hard, 0);
}
