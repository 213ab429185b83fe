//! Busy shapes (a day's span, the rest between days, sub-events at once): hand-computed costs
//! on placed timetables, and random moves over every shape at once (the `check-incremental`
//! feature asserts incremental == full after each move).

use solver::*;

mod grid;

use grid::{Fixture, assert_incremental_matches_full, build, constraint, costs};

/// Two rooms: the shapes below only look at the class, except the same-room rule.
fn fixture(durations: &[u32]) -> Fixture {
    grid::fixture(durations, 2)
}

fn shape(f: &Fixture, shape: BusyShape) -> ConstraintKind {
    ConstraintKind::ShapeBusyTimes {
        resources: vec![f.class],
        time_groups: f.days.clone(),
        shape,
    }
}

/// Every event in room 0.
fn in_room_0(places: &[Option<(u32, u32)>]) -> Vec<Option<(u32, u32, usize)>> {
    places.iter().map(|p| p.map(|(d, h)| (d, h, 0))).collect()
}

#[test]
fn span_rest_and_simultaneous_cost_as_documented() {
    let mut f = fixture(&[1, 1, 2, 1]);
    let kinds = [
        shape(
            &f,
            BusyShape::MaxSpan {
                max: 3,
                one_day_plus_one: false,
            },
        ),
        shape(
            &f,
            BusyShape::MaxSpan {
                max: 3,
                one_day_plus_one: true,
            },
        ),
        shape(
            &f,
            BusyShape::MinRest {
                min: 5,
                circular: false,
            },
        ),
        shape(
            &f,
            BusyShape::MinRest {
                min: 5,
                circular: true,
            },
        ),
    ];
    for kind in kinds {
        f.b.add_constraint(constraint(true, kind));
    }
    // At most one event at once in the first two periods of day 0, and at least two there
    // unless empty.
    let slots = f.b.add_time_group("sel", vec![TimeId(0), TimeId(1)]);
    for s in [
        BusyShape::Simultaneous {
            min: 0,
            max: 1,
            allow_empty: false,
        },
        BusyShape::Simultaneous {
            min: 2,
            max: u32::MAX,
            allow_empty: true,
        },
    ] {
        let kind = ConstraintKind::ShapeBusyTimes {
            resources: vec![f.class],
            time_groups: vec![slots],
            shape: s,
        };
        f.b.add_constraint(constraint(true, kind));
    }
    let model = build(&mut f);
    // Day 0: periods 0 and 4 (span 5: 2 over); day 1: 1-2 (span 2); day 2: period 0.
    // Rest day 0 → 1: 0 after + 1 before = 1 (4 short); day 1 → 2: 2 + 0 = 2 (3 short);
    // circular day 2 → 0: 4 + 0 = 4 (1 short). Slot 0 holds one event (1 short of 2), slot 1
    // none (fine when empty).
    let places = [Some((0, 0)), Some((0, 4)), Some((1, 1)), Some((2, 0))];
    assert_eq!(
        costs(&model, &f, &in_room_0(&places)),
        vec![2, 1, 7, 8, 0, 1]
    );
    // Both first events in period 0 of day 0: two at once (1 over the maximum), span 1;
    // slot 1 now empty, slot 0 has two.
    let places = [Some((0, 0)), Some((0, 0)), Some((1, 3)), Some((2, 4))];
    // Rest: day 0 → 1: 4 + 3 = 7; day 1 → 2: 0 + 4 = 4 (1 short); circular 2 → 0: 0 + 0.
    assert_eq!(
        costs(&model, &f, &in_room_0(&places)),
        vec![0, 0, 1, 6, 1, 0]
    );
    // A day without lessons breaks the rest pairs around it; circular 2 → 0: 1 + 0 (4 short).
    let places = [Some((0, 0)), None, None, Some((2, 3))];
    assert_eq!(
        costs(&model, &f, &in_room_0(&places)),
        vec![0, 0, 0, 4, 0, 1]
    );
}

fn room_roles(f: &Fixture, events: &[usize]) -> Vec<EventRole> {
    events
        .iter()
        .map(|&i| EventRole {
            event: f.events[i],
            role: 1,
        })
        .collect()
}

fn same_room(f: &Fixture, events: &[usize]) -> ConstraintKind {
    ConstraintKind::SameResourceIfConsecutive {
        groups: vec![room_roles(f, events)],
        layout: TimeLayout {
            days: f.days.clone(),
            positions: Vec::new(),
        },
    }
}

#[test]
fn same_room_if_consecutive_costs_as_documented() {
    let mut f = fixture(&[1, 2, 1, 1]);
    let kind = same_room(&f, &[0, 1, 2, 3]);
    f.b.add_constraint(constraint(true, kind));
    let model = build(&mut f);
    // E0 at 0:0 room 0, E1 at 0:1-2 room 1, E2 at 0:3 room 1, E3 at 0:4 room 0: E0|E1 and
    // E2|E3 differ, E1|E2 share a room.
    let p = |d, h, r| Some((d, h, r));
    let places = [p(0, 0, 0), p(0, 1, 1), p(0, 3, 1), p(0, 4, 0)];
    assert_eq!(costs(&model, &f, &places), vec![2]);
    // The last period of a day and the first of the next do not follow each other.
    let places = [p(0, 4, 0), p(1, 0, 1), p(1, 3, 0), None];
    assert_eq!(costs(&model, &f, &places), vec![0]);
}

/// Every shape, hard and soft, over one model, under random moves.
fn busy_model() -> Model {
    let mut f = fixture(&[1, 2, 1, 1, 2, 1, 1, 1, 3]);
    let slots =
        f.b.add_time_group("sel", vec![TimeId(1), TimeId(2), TimeId(7)]);
    let shapes = [
        BusyShape::MaxSpan {
            max: 2,
            one_day_plus_one: true,
        },
        BusyShape::MaxSpan {
            max: 3,
            one_day_plus_one: false,
        },
        BusyShape::MinRest {
            min: 3,
            circular: false,
        },
        BusyShape::MinRest {
            min: 2,
            circular: true,
        },
    ];
    for (i, s) in shapes.into_iter().enumerate() {
        let kind = shape(&f, s);
        f.b.add_constraint(constraint(i % 2 == 0, kind));
    }
    for (hard, s) in [
        (
            true,
            BusyShape::Simultaneous {
                min: 0,
                max: 1,
                allow_empty: false,
            },
        ),
        (
            false,
            BusyShape::Simultaneous {
                min: 2,
                max: 3,
                allow_empty: true,
            },
        ),
    ] {
        let kind = ConstraintKind::ShapeBusyTimes {
            resources: vec![f.class],
            time_groups: vec![slots],
            shape: s,
        };
        f.b.add_constraint(constraint(hard, kind));
    }
    let all: Vec<usize> = (0..f.events.len()).collect();
    let kind = same_room(&f, &all[..5]);
    f.b.add_constraint(constraint(true, kind));
    let kind = same_room(&f, &all[3..]);
    f.b.add_constraint(constraint(false, kind));
    f.b.add_constraint(constraint(
        true,
        ConstraintKind::AssignTime {
            events: f.events.clone(),
        },
    ));
    let roles = room_roles(&f, &all);
    f.b.add_constraint(constraint(true, ConstraintKind::AssignResource { roles }));
    f.b.build().expect("valid")
}

#[test]
fn incremental_cost_matches_full_cost_under_random_moves() {
    assert_incremental_matches_full(&busy_model());
}
