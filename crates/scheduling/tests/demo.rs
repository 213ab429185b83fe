//! The generated demo school: valid, the promised shape, feasible by arithmetic, deterministic.

use domain::{RoomKind, SchoolData, SlotStatus};
use scheduling::{DemoSpec, demo_school};
use std::collections::BTreeMap;

fn lesson_periods_per_section(school: &SchoolData) -> BTreeMap<i64, u32> {
    let mut per = BTreeMap::new();
    for l in &school.lessons {
        for &s in &l.data.section_ids {
            *per.entry(s).or_insert(0) += l.data.periods_per_week as u32;
        }
    }
    per
}

/// Every necessary condition we can check without solving: section loads fit the grid,
/// teacher loads fit their free periods and daily caps, a lesson's blocks fit on distinct
/// working days of its teacher, and special rooms are not over-booked.
fn assert_feasible_by_arithmetic(school: &SchoolData) {
    let grid = &school.time_grids[0].data;
    let days = grid.days.len() as u32;
    let per_day = grid.lesson_periods().count() as u32;
    for (section, load) in lesson_periods_per_section(school) {
        assert!(load <= days * per_day, "sección {section}: {load}");
    }
    for t in &school.teachers {
        let teacher = &t.data;
        let lessons: Vec<_> = school
            .lessons
            .iter()
            .filter(|l| l.data.teacher_ids.contains(&t.id))
            .collect();
        let load: u32 = lessons.iter().map(|l| l.data.periods_per_week as u32).sum();
        let mut free = 0;
        let mut working_days = 0;
        for &day in &grid.days {
            let free_today = grid
                .lesson_periods()
                .filter(|p| teacher.status_at(day, p.number) != SlotStatus::Unavailable)
                .count() as u32;
            free += free_today.min(teacher.max_periods_per_day.unwrap_or(u8::MAX) as u32);
            working_days += u32::from(free_today > 0);
        }
        assert!(load > 0, "{} has no lessons", teacher.name);
        assert!(
            load <= free,
            "{}: carga {load} > {free} libres",
            teacher.name
        );
        assert!(load <= teacher.max_periods_per_week.unwrap() as u32);
        for l in &lessons {
            assert!(
                l.data.blocks().len() as u32 <= working_days,
                "{}",
                teacher.name
            );
            assert!(teacher.subject_ids.contains(&l.data.subject_id));
        }
    }
    for kind in [
        RoomKind::Laboratorio,
        RoomKind::Cancha,
        RoomKind::SalaComputacion,
    ] {
        let rooms = school.rooms.iter().filter(|r| r.data.kind == kind).count() as u32;
        let load: u32 = school
            .lessons
            .iter()
            .filter(|l| l.data.room_kind == Some(kind))
            .map(|l| l.data.periods_per_week as u32)
            .sum();
        assert!(
            rooms >= 1 && load <= rooms * days * per_day,
            "{kind:?}: {load}"
        );
    }
}

#[test]
fn the_default_demo_is_the_school_of_issue_2() {
    let school = demo_school(&DemoSpec::default());
    assert_eq!(school.validate(), Ok(()));
    let counts = school.counts();
    assert_eq!(counts.sections, 6);
    assert_eq!(counts.teachers, 16);
    assert!((15..=16).contains(&counts.subjects));
    assert_eq!(counts.time_grids, 1);
    assert_eq!(counts.school_years, 1);
    assert_eq!(school.school_years[0].data.lapsos.len(), 3);
    assert_eq!(school.rules.len(), domain::RuleKind::default_rules().len());
    let names: Vec<String> = school
        .sections
        .iter()
        .map(|s| format!("{}{}", s.data.grade, s.data.letter))
        .collect();
    assert_eq!(names, ["1A", "2A", "3A", "3B", "4A", "5A"]);
    for load in lesson_periods_per_section(&school).values() {
        assert!((44..=46).contains(load), "{load}");
    }
    // Mostly double periods.
    let blocks: Vec<u8> = school
        .lessons
        .iter()
        .flat_map(|l| l.data.blocks())
        .collect();
    let doubles = blocks.iter().filter(|&&b| b == 2).count();
    assert!(
        doubles * 10 >= blocks.len() * 8,
        "{doubles} of {}",
        blocks.len()
    );
    // A homeroom per section, a laboratory, a court and a computer room.
    for s in &school.sections {
        let room = school
            .rooms
            .iter()
            .find(|r| Some(r.id) == s.data.homeroom_id);
        assert_eq!(room.map(|r| r.data.kind), Some(RoomKind::Aula));
    }
    for kind in [
        RoomKind::Laboratorio,
        RoomKind::Cancha,
        RoomKind::SalaComputacion,
    ] {
        assert!(school.rooms.iter().any(|r| r.data.kind == kind), "{kind:?}");
    }
    // Part-time teachers with whole days blocked, and non-teaching blocks.
    let part_time = school
        .teachers
        .iter()
        .filter(|t| {
            (1..=5).any(|d| (1..=10).all(|p| t.data.status_at(d, p) == SlotStatus::Unavailable))
        })
        .count();
    assert!(part_time >= 2, "{part_time} part-time teachers");
    assert!(school.teachers.iter().any(|t| !t.data.blocks.is_empty()));
    assert_feasible_by_arithmetic(&school);
}

#[test]
fn a_big_school_is_proportional_and_feasible() {
    let spec = DemoSpec {
        sections: 60,
        teachers: 120,
        seed: 7,
    };
    assert!(spec.check().is_ok());
    let school = demo_school(&spec);
    assert_eq!(school.validate(), Ok(()));
    assert_eq!(school.sections.len(), 60);
    assert_eq!(school.teachers.len(), 120);
    for grade in 1..=5 {
        let n = school
            .sections
            .iter()
            .filter(|s| s.data.grade == grade)
            .count();
        assert_eq!(n, 12);
    }
    assert!(
        school
            .rooms
            .iter()
            .filter(|r| r.data.kind == RoomKind::Cancha)
            .count()
            > 1
    );
    assert_feasible_by_arithmetic(&school);
}

#[test]
fn odd_sizes_still_give_valid_feasible_schools() {
    for (sections, teachers) in [(1, 1), (2, 30), (13, 20), (25, 200)] {
        let school = demo_school(&DemoSpec {
            sections,
            teachers,
            seed: 3,
        });
        assert_eq!(school.validate(), Ok(()), "{sections}/{teachers}");
        assert_eq!(school.sections.len() as u32, sections);
        assert_feasible_by_arithmetic(&school);
    }
}

#[test]
fn the_same_seed_gives_the_same_school_and_another_seed_another() {
    let spec = DemoSpec::default();
    let a = serde_json::to_string(&demo_school(&spec)).unwrap();
    let b = serde_json::to_string(&demo_school(&spec)).unwrap();
    assert_eq!(a, b);
    let other = serde_json::to_string(&demo_school(&DemoSpec { seed: 99, ..spec })).unwrap();
    assert_ne!(a, other);
}
