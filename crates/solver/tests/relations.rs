//! Event relations, last-of-day, distinct resources and zone changes: hand-computed costs on
//! placed timetables, and random moves over every relation at once (the `check-incremental`
//! feature asserts incremental == full after each move).

use solver::*;

mod grid;

use grid::{DAYS, Fixture, PERIODS, assert_incremental_matches_full, build, constraint, costs};

/// Three rooms in two buildings (see `zones`).
fn fixture(durations: &[u32]) -> Fixture {
    grid::fixture(durations, 3)
}

fn layout(f: &Fixture) -> TimeLayout {
    TimeLayout {
        days: f.days.clone(),
        positions: Vec::new(),
    }
}

/// Rooms 0 and 1 in building 0, room 2 in building 1.
fn zones(f: &Fixture) -> Vec<(ResourceId, u32)> {
    vec![(f.rooms[0], 0), (f.rooms[1], 0), (f.rooms[2], 1)]
}

fn relate(f: &Fixture, relation: EventRelation, events: &[usize]) -> ConstraintKind {
    ConstraintKind::RelateEvents {
        groups: vec![events.iter().map(|&i| f.events[i]).collect()],
        relation,
        layout: layout(f),
    }
}

#[test]
fn pair_relations_cost_as_documented() {
    let mut f = fixture(&[1, 2, 1, 1]);
    for relation in [
        EventRelation::SameDay,
        EventRelation::SameStartPosition,
        EventRelation::MinGap(2),
        EventRelation::MaxDaysApart(1),
        EventRelation::Ordered,
        EventRelation::OrderedIfSameDay,
        EventRelation::Grouped,
        EventRelation::AdjacentIfSameDay,
    ] {
        let kind = relate(&f, relation, &[0, 1, 2]);
        f.b.add_constraint(constraint(true, kind));
    }
    let model = build(&mut f);
    // E0 day 0 period 3; E1 (2 periods) day 0 periods 1-2; E2 day 2 period 3.
    let c = costs(
        &model,
        &f,
        &[Some((0, 3, 0)), Some((0, 1, 0)), Some((2, 3, 0)), None],
    );
    // Same day: E0-E2 and E1-E2 differ.
    assert_eq!(c[0], 2);
    // Same start: periods 3, 1, 3: E0-E1 and E1-E2 differ.
    assert_eq!(c[1], 2);
    // Min gap 2 on day 0: E1 ends at 3, E0 starts at 3: short by 2.
    assert_eq!(c[2], 2);
    // Max one day apart: E0-E2 and E1-E2 are two days apart.
    assert_eq!(c[3], 2);
    // Ordered: E0 after E1 on the same day breaks (E0, E1); E2 is later than both.
    assert_eq!(c[4], 1);
    // Ordered if same day: only (E0, E1) share a day.
    assert_eq!(c[5], 1);
    // Grouped: not on one day.
    assert_eq!(c[6], 1);
    // Adjacent if same day: E1 ends where E0 starts; E2 is on another day.
    assert_eq!(c[7], 0);
    // Grouped on one day back to back in any order: E1 (1-2), E0 (3), E2 (0).
    let c = costs(
        &model,
        &f,
        &[Some((1, 3, 0)), Some((1, 1, 0)), Some((1, 0, 0)), None],
    );
    assert_eq!(c[6], 0);
    assert_eq!(c[0], 0);
    // Adjacent if same day is pairwise: E0 and E2 share the day without touching.
    assert_eq!(c[7], 1);
    // A hole between E2 and E1 breaks the group.
    let c = costs(
        &model,
        &f,
        &[Some((1, 4, 0)), Some((1, 2, 0)), Some((1, 0, 0)), None],
    );
    assert_eq!(c[6], 1);
    // E1 (2-3) still touches E0 (4); E2 (0) touches neither.
    assert_eq!(c[7], 2);
    // Unplaced events are left out.
    let c = costs(&model, &f, &[None, None, Some((1, 0, 0)), None]);
    assert_eq!(c, vec![0; 8]);
}

#[test]
fn positions_from_the_layout_count_pauses() {
    let mut f = fixture(&[1, 1]);
    // Position 2 is a pause that is no time: periods 0-1 then 3-5.
    let positions = (0..DAYS * PERIODS)
        .map(|t| {
            let p = t % PERIODS;
            if p >= 2 { p + 1 } else { p }
        })
        .collect();
    let with_pause = TimeLayout {
        days: f.days.clone(),
        positions,
    };
    let groups = vec![vec![f.events[0], f.events[1]]];
    f.b.add_constraint(constraint(
        true,
        ConstraintKind::RelateEvents {
            groups: groups.clone(),
            relation: EventRelation::MinGap(1),
            layout: with_pause,
        },
    ));
    f.b.add_constraint(constraint(
        true,
        ConstraintKind::RelateEvents {
            groups,
            relation: EventRelation::MinGap(1),
            layout: layout(&f),
        },
    ));
    let model = build(&mut f);
    // Periods 1 and 2 sit around the pause: one position of gap there, none by rank.
    let c = costs(&model, &f, &[Some((0, 1, 0)), Some((0, 2, 0))]);
    assert_eq!(c, vec![0, 1]);
}

#[test]
fn ends_day_distinct_rooms_and_zone_changes() {
    let mut f = fixture(&[1, 1, 1, 1]);
    let (class, days) = (f.class, f.days.clone());
    f.b.add_constraint(constraint(
        true,
        ConstraintKind::EndsDay {
            events: vec![(f.events[0], vec![class])],
            days,
        },
    ));
    let roles: Vec<EventRole> = f
        .events
        .iter()
        .map(|&event| EventRole { event, role: 1 })
        .collect();
    f.b.add_constraint(constraint(
        false,
        ConstraintKind::LimitDistinctResources {
            groups: vec![roles.clone()],
            max: 2,
        },
    ));
    for limit in [
        ZoneLimit::MaxChangesPerDay(1),
        ZoneLimit::MinGapBeforeChange(1),
        ZoneLimit::MaxChangesPerWeek(2),
    ] {
        let kind = ConstraintKind::LimitZoneChanges {
            groups: vec![roles.clone()],
            zones: zones(&f),
            layout: layout(&f),
            limit,
        };
        f.b.add_constraint(constraint(true, kind));
    }
    let model = build(&mut f);
    // Day 0: E1 p0 R0 (b0), E0 p1 R2 (b1), E2 p2 R1 (b0), E3 p4 R2 (b1).
    let c = costs(
        &model,
        &f,
        &[
            Some((0, 1, 2)),
            Some((0, 0, 0)),
            Some((0, 2, 1)),
            Some((0, 4, 2)),
        ],
    );
    // E0 is followed by E2 and E3: not the last of the day.
    assert_eq!(c[0], 1);
    // Three rooms, two allowed: one over, weight 3.
    assert_eq!(c[1], 3);
    // Changes b0→b1→b0→b1: three, one allowed.
    assert_eq!(c[2], 2);
    // The first two changes come with no gap; the last after one free period.
    assert_eq!(c[3], 2);
    // Three changes in the week, two allowed.
    assert_eq!(c[4], 1);
    // E0 last on its day, others on day 1 in one building.
    let c = costs(
        &model,
        &f,
        &[
            Some((0, 4, 2)),
            Some((1, 0, 0)),
            Some((1, 2, 0)),
            Some((1, 3, 0)),
        ],
    );
    assert_eq!(c, vec![0, 0, 0, 0, 0]);
}

/// Every relation, hard and soft, over one model, under random moves.
fn busy_model() -> Model {
    let mut f = fixture(&[1, 2, 1, 1, 2, 1, 1, 1, 3]);
    let all: Vec<usize> = (0..f.events.len()).collect();
    let relations = [
        (EventRelation::SameDay, vec![0, 1, 2]),
        (EventRelation::SameStartPosition, vec![3, 4]),
        (EventRelation::MinGap(1), vec![5, 6, 7]),
        (EventRelation::MaxDaysApart(1), vec![0, 8]),
        (EventRelation::Ordered, vec![2, 3]),
        (EventRelation::OrderedIfSameDay, vec![6, 1]),
        (EventRelation::Grouped, vec![5, 7, 2]),
        (EventRelation::Grouped, vec![3, 6]),
        (EventRelation::AdjacentIfSameDay, vec![4, 8, 0]),
    ];
    for (i, (relation, events)) in relations.into_iter().enumerate() {
        let kind = relate(&f, relation, &events);
        f.b.add_constraint(constraint(i % 2 == 0, kind));
    }
    let roles: Vec<EventRole> = all
        .iter()
        .map(|&i| EventRole {
            event: f.events[i],
            role: 1,
        })
        .collect();
    let (class, days) = (f.class, f.days.clone());
    let ends = ConstraintKind::EndsDay {
        events: vec![(f.events[4], vec![class]), (f.events[8], vec![class])],
        days,
    };
    f.b.add_constraint(constraint(true, ends));
    f.b.add_constraint(constraint(
        false,
        ConstraintKind::LimitDistinctResources {
            groups: vec![roles[..5].to_vec(), roles[4..].to_vec()],
            max: 1,
        },
    ));
    for (hard, limit) in [
        (true, ZoneLimit::MaxChangesPerDay(1)),
        (false, ZoneLimit::MinGapBeforeChange(1)),
        (true, ZoneLimit::MaxChangesPerWeek(2)),
    ] {
        let kind = ConstraintKind::LimitZoneChanges {
            groups: vec![roles.clone()],
            zones: zones(&f),
            layout: layout(&f),
            limit,
        };
        f.b.add_constraint(constraint(hard, kind));
    }
    let class = f.class;
    f.b.add_constraint(constraint(
        true,
        ConstraintKind::AvoidClashes {
            resources: vec![class],
        },
    ));
    f.b.add_constraint(constraint(
        true,
        ConstraintKind::AssignTime {
            events: f.events.clone(),
        },
    ));
    f.b.add_constraint(constraint(true, ConstraintKind::AssignResource { roles }));
    f.b.build().expect("valid")
}

#[test]
fn incremental_cost_matches_full_cost_under_random_moves() {
    assert_incremental_matches_full(&busy_model());
}

#[test]
fn a_relation_with_a_bad_layout_is_rejected() {
    let mut f = fixture(&[1, 1]);
    let kind = ConstraintKind::RelateEvents {
        groups: vec![f.events.clone()],
        relation: EventRelation::SameDay,
        layout: TimeLayout {
            days: f.days.clone(),
            positions: vec![0; 3],
        },
    };
    f.b.add_constraint(constraint(true, kind));
    assert!(f.b.build().is_err());
}
