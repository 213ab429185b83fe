//! FET semantics the compile must keep so that FET accepts what we call feasible.

mod common;

use common::fet_school::{both_at, fet, hard_after_solve, solve_hard, with_rules};
use domain::RuleKind;
use scheduling::compile;
use serde_json::json;

/// FET's students "early" rule: a day begins at its first hour (at most `max` days at the
/// second). Both lessons pinned to the second period of their day: two late starts, so with
/// none allowed the timetable is not feasible, with two allowed it is.
#[test]
fn early_start_counts_a_section_that_never_starts_at_the_first_hour() {
    let pinned = |max: u32| {
        vec![
            fet(RuleKind::NoSectionClash, json!({})),
            both_at((1, 2), (2, 2)),
            fet(RuleKind::NoTeacherClash, json!({})),
            fet(RuleKind::SectionEarlyStart, json!({"max_late_starts": max})),
        ]
    };
    assert!(hard_after_solve(pinned(0)) > 0);
    assert_eq!(hard_after_solve(pinned(2)), 0);
}

/// A lesson pinned at the third period starts the day too late even when second-hour starts
/// are allowed.
#[test]
fn early_start_never_allows_the_third_hour() {
    let rules = vec![
        fet(RuleKind::NoSectionClash, json!({})),
        both_at((1, 3), (2, 1)),
        fet(RuleKind::SectionEarlyStart, json!({"max_late_starts": 2})),
    ];
    assert!(hard_after_solve(rules) > 0);
}

/// FET counts the hours a day skips before its first lesson only where the students could have
/// had one: an hour they are not available, or a break, is no hour of their day. Closed at the
/// first period on day 1 only, both lessons at the second period: day 1 starts on time, day 2
/// a second hour late (fet-cl on small files, as Hungary's vmg-20180901b-2 needs).
#[test]
fn early_start_skips_the_hours_the_students_are_not_available() {
    let rules = |closed: (RuleKind, serde_json::Value), max: u32| {
        vec![
            fet(RuleKind::NoSectionClash, json!({})),
            both_at((1, 2), (2, 2)),
            fet(RuleKind::NoTeacherClash, json!({})),
            closed,
            fet(RuleKind::SectionEarlyStart, json!({"max_late_starts": max})),
        ]
    };
    let not_available = |days: &[u8]| {
        let slots: Vec<_> = days
            .iter()
            .map(|d| json!({"day": d, "period": 1}))
            .collect();
        fet(
            RuleKind::SectionAvailability,
            json!({"section_ids": [1], "slots": slots}),
        )
    };
    assert_eq!(hard_after_solve(rules(not_available(&[1, 2]), 0)), 0);
    assert!(hard_after_solve(rules(not_available(&[1]), 0)) > 0);
    assert_eq!(hard_after_solve(rules(not_available(&[1]), 1)), 0);
    // A break at the first hour closes it as well.
    let breaks = fet(
        RuleKind::BreakSlots,
        json!({"slots": [{"day": 1, "period": 1}, {"day": 2, "period": 1}]}),
    );
    assert_eq!(hard_after_solve(rules(breaks, 0)), 0);
}

/// FET's "two activities consecutive" holds on one day: the last period of day 1 and the first
/// of day 2 are no pair (FET refused our Arabic_Saudi_1 timetable for it), while a break slot
/// between the two does not part them (fet-cl accepts both pinned around one).
#[test]
fn consecutive_stays_on_one_day_and_skips_breaks() {
    let pinned = |first: (u8, u8), second: (u8, u8), extra: Vec<_>| {
        let mut rules = vec![
            fet(RuleKind::NoSectionClash, json!({})),
            fet(
                RuleKind::Consecutive,
                json!({"lesson_ids": [1, 2], "blocks": [0, 0]}),
            ),
            fet(
                RuleKind::PreferredStartingTimes,
                json!({"lesson_ids": [1], "blocks": [0],
                       "slots": [{"day": first.0, "period": first.1}]}),
            ),
            fet(
                RuleKind::PreferredStartingTimes,
                json!({"lesson_ids": [2], "blocks": [0],
                       "slots": [{"day": second.0, "period": second.1}]}),
            ),
        ];
        rules.extend(extra);
        hard_after_solve(rules)
    };
    assert_eq!(pinned((1, 2), (1, 3), vec![]), 0);
    assert!(pinned((1, 4), (2, 1), vec![]) > 0);
    assert!(pinned((1, 3), (1, 2), vec![]) > 0);
    assert!(pinned((1, 1), (1, 3), vec![]) > 0);
    let break_slot = fet(
        RuleKind::BreakSlots,
        json!({"slots": [{"day": 1, "period": 2}]}),
    );
    assert_eq!(pinned((1, 1), (1, 3), vec![break_slot]), 0);
}

/// A FET file with no space constraint naming activities: FET gives no activity a room, and
/// the import's preferred-rooms rule naming no lesson keeps ours roomless too (here the only
/// room is too small for the section, which would otherwise leave the lessons no room).
#[test]
fn a_fet_school_without_room_rules_gives_no_lesson_a_room() {
    let mut school = with_rules(vec![
        fet(RuleKind::NoSectionClash, json!({})),
        fet(RuleKind::NoRoomClash, json!({})),
        fet(RuleKind::RoomCapacity, json!({})),
        fet(
            RuleKind::PreferredRooms,
            json!({"lesson_ids": [], "room_ids": [], "no_rooms": true}),
        ),
    ]);
    school.rooms[0].data.capacity = 5;
    assert_eq!(solve_hard(&school), 0);
    // Without that rule (a school typed in by hand) every lesson needs a room.
    school.rules.pop();
    assert!(compile(&school, None).is_err());
}

/// FET applies a students set's or teacher's home room only to activities without a preferred
/// room of their own: lesson 1 goes to its own room R2 although the section's home room R1
/// names it too, lesson 2 (no room of its own) to R1.
#[test]
fn a_home_room_yields_to_a_lessons_own_preferred_room() {
    let mut school = with_rules(vec![
        fet(RuleKind::NoSectionClash, json!({})),
        fet(RuleKind::NoRoomClash, json!({})),
        fet(
            RuleKind::PreferredRooms,
            json!({"lesson_ids": [1, 2], "room_ids": [1], "home": true}),
        ),
        fet(
            RuleKind::PreferredRooms,
            json!({"lesson_ids": [1], "blocks": [0], "room_ids": [2]}),
        ),
    ]);
    let mut second = school.rooms[0].clone();
    second.id = 2;
    second.data.name = "R2".into();
    school.rooms.push(second);
    assert_eq!(solve_hard(&school), 0);
    // Both rules on the same lesson, neither a home room: no room satisfies both.
    school.rules[2].data.params["home"] = json!(false);
    assert!(solve_hard(&school) > 0);
}

/// A teacher's unavailable hour is no gap (FET counts none there): lessons at the first and
/// third periods around an unavailable second keep "no gaps" whole.
#[test]
fn an_unavailable_hour_is_no_teacher_gap() {
    let pinned = vec![
        fet(RuleKind::NoTeacherClash, json!({})),
        both_at((1, 1), (1, 3)),
        fet(RuleKind::TeacherMaxGapsPerWeek, json!({"max": 0})),
    ];
    let mut school = with_rules(pinned);
    assert!(solve_hard(&school) > 0);
    school.teachers[0].data.availability = vec![domain::Availability {
        day: 1,
        period: 2,
        status: domain::SlotStatus::Unavailable,
    }];
    assert_eq!(solve_hard(&school), 0);
}

/// A first hour the section may not attend does not count: a day that begins at the second
/// hour because the first is closed to the students begins on time (FET 6.8.5 accepts it;
/// 2007-2008_sem1-d), and a start at the third is then a second-hour start.
#[test]
fn early_start_skips_a_first_hour_closed_to_the_section() {
    let rules = |third: bool| {
        let p = if third { 3 } else { 2 };
        vec![
            fet(RuleKind::NoSectionClash, json!({})),
            both_at((1, p), (2, p)),
            fet(
                RuleKind::SectionAvailability,
                json!({"section_ids": [1],
                       "slots": [{"day": 1, "period": 1}, {"day": 2, "period": 1}]}),
            ),
            fet(
                RuleKind::SectionEarlyStart,
                json!({"max_late_starts": if third { 2 } else { 0 }}),
            ),
        ]
    };
    assert_eq!(hard_after_solve(rules(false)), 0);
    assert_eq!(hard_after_solve(rules(true)), 0);
}
