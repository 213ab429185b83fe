//! `export_fet` on a school typed in by hand: the grid with its recess, sections with groups,
//! a split lesson, tags, availability, rooms in buildings and rules, with a timetable locked;
//! the file reads back into the same school shape, and rules FET cannot hold are listed.

use domain::{
    Availability, ClockTime, Lesson, Level, Period, PeriodKind, Placement, Record, Room, RoomKind,
    Rule, RuleKind, SchoolData, Section, SectionGroup, SlotStatus, Subject, Teacher, TimeGrid,
};
use interchange::fet::{RuleExportOutcome, export_fet, fet_to_school, read_fet};
use serde_json::json;

fn period(number: u8, start: u16, end: u16, kind: PeriodKind) -> Period {
    Period {
        number,
        start: ClockTime(start),
        end: ClockTime(end),
        kind,
    }
}

fn teacher(name: &str) -> Teacher {
    Teacher::named(name)
}

fn rule(kind: RuleKind, hard: bool, params: serde_json::Value) -> Rule {
    Rule {
        kind,
        hard,
        weight: if hard { 1000 } else { 950 },
        params,
        enabled: true,
    }
}

fn school() -> SchoolData {
    let (lesson_p, recess) = (PeriodKind::Lesson, PeriodKind::Break);
    let mut s = SchoolData::default();
    s.levels.push(Record {
        id: 1,
        data: Level::venezuelan_defaults().remove(2),
    });
    s.time_grids.push(Record {
        id: 1,
        data: TimeGrid {
            name: "Media".into(),
            level: None,
            days: vec![1, 2, 3, 4, 5],
            periods: vec![
                period(1, 420, 465, lesson_p),
                period(2, 465, 510, lesson_p),
                period(0, 510, 530, recess),
                period(3, 530, 575, lesson_p),
                period(4, 575, 620, lesson_p),
            ],
        },
    });
    for (id, name) in [(1, "Matemática"), (2, "Educación Física")] {
        s.subjects.push(Record {
            id,
            data: Subject {
                name: name.into(),
                short_name: String::new(),
                colour: String::new(),
            },
        });
    }
    let mut ana = teacher("Ana Pérez");
    ana.availability.push(Availability {
        day: 1,
        period: 1,
        status: SlotStatus::Unavailable,
    });
    s.teachers.push(Record { id: 1, data: ana });
    s.teachers.push(Record {
        id: 2,
        data: teacher("Luis & Co"),
    });
    s.rooms.push(Record {
        id: 1,
        data: Room {
            name: "Aula 1".into(),
            kind: RoomKind::Aula,
            capacity: 40,
            unavailable: vec![domain::Slot { day: 5, period: 4 }],
            building: Some("Edificio A".into()),
            parts: Vec::new(),
        },
    });
    for (id, letter) in [(1, "A"), (2, "B")] {
        s.sections.push(Record {
            id,
            data: Section {
                level: "media_general".into(),
                grade: 1,
                letter: letter.into(),
                homeroom_id: None,
                size: 30,
                time_grid_id: Some(1),
                groups: vec![
                    SectionGroup {
                        name: "Varones".into(),
                        size: 15,
                    },
                    SectionGroup {
                        name: "Hembras".into(),
                        size: 15,
                    },
                ],
                name: None,
            },
        });
    }
    let lesson =
        |sections: Vec<i64>, group: Option<&str>, subject, teacher, pattern: Vec<u8>| Lesson {
            group: group.map(str::to_string),
            tags: vec!["teoría".into()],
            ..Lesson::in_blocks(sections, subject, vec![teacher], pattern)
        };
    s.lessons.push(Record {
        id: 1,
        data: lesson(vec![1], None, 1, 1, vec![2, 1]),
    });
    s.lessons.push(Record {
        id: 2,
        data: lesson(vec![1, 2], Some("Varones"), 2, 2, vec![1]),
    });
    s.rules = vec![
        rule(RuleKind::NoSectionClash, true, json!({})),
        rule(RuleKind::NoTeacherClash, true, json!({})),
        rule(RuleKind::TeacherAvailability, true, json!({})),
        rule(RuleKind::RoomAvailability, true, json!({})),
        rule(RuleKind::BlockPattern, true, json!({})),
        rule(
            RuleKind::TeacherMaxPerDay,
            false,
            json!({"max": 4, "teacher_ids": [1]}),
        ),
        rule(RuleKind::TeacherMaxPerWeek, true, json!({"max": 20})),
        rule(
            RuleKind::SectionNoGaps,
            true,
            json!({"section_ids": [1, 2]}),
        ),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, data)| Record {
        id: i as i64 + 1,
        data,
    })
    .collect();
    s
}

fn placement(lesson_id: i64, unit: u16, day: u8, period: u8, duration: u8) -> Placement {
    Placement {
        timetable_id: 1,
        lesson_id,
        unit,
        day,
        period,
        duration,
        room_id: Some(1),
        locked: false,
    }
}

#[test]
fn a_hand_typed_school_exports_and_reads_back() {
    let school = school();
    let placements = vec![
        placement(1, 0, 2, 1, 2),
        placement(1, 1, 4, 3, 1),
        placement(2, 0, 3, 4, 1),
    ];
    let export = export_fet(&school, "U.E. Prueba", &placements).unwrap();
    let fet = read_fet(&export.text).unwrap();
    assert_eq!(fet.institution, "U.E. Prueba");
    assert_eq!(
        fet.days,
        ["Lunes", "Martes", "Miércoles", "Jueves", "Viernes"]
    );
    assert_eq!(
        fet.hours,
        [
            "07:00-07:45",
            "07:45-08:30",
            "08:30-08:50",
            "08:50-09:35",
            "09:35-10:20"
        ]
    );
    assert_eq!(fet.teachers, ["Ana Pérez", "Luis & Co"]);
    assert_eq!(fet.buildings, ["Edificio A"]);
    // 1er año → year; sections → groups; section groups → subgroups.
    assert_eq!(fet.years.len(), 1);
    assert_eq!(fet.years[0].name, "1er año");
    assert_eq!(fet.years[0].groups[0].name, "1er año A");
    assert_eq!(
        fet.years[0].groups[0].subgroups[0].name,
        "1er año A Varones"
    );
    assert_eq!(fet.students_set_count(), 1 + 2 + 4);
    // The 2+1 lesson is one split activity; the group lesson takes both sections' subgroups.
    assert_eq!(fet.activities.len(), 3);
    assert_eq!(fet.activities[0].group_id, 1);
    assert_eq!(fet.activities[1].group_id, 1);
    assert_eq!(fet.activities[0].total_duration, 3);
    assert_eq!(fet.activities[0].tags, ["teoría"]);
    assert_eq!(
        fet.activities[2].students,
        ["1er año A Varones", "1er año B Varones"]
    );
    let of_kind = |k: &str| fet.constraints().filter(|c| c.kind == k).count();
    assert_eq!(of_kind("ConstraintBasicCompulsoryTime"), 1);
    assert_eq!(of_kind("ConstraintBreakTimes"), 1);
    assert_eq!(of_kind("ConstraintActivityPreferredStartingTime"), 3);
    assert_eq!(of_kind("ConstraintActivityPreferredRoom"), 3);
    assert_eq!(of_kind("ConstraintTeacherNotAvailableTimes"), 1);
    assert_eq!(of_kind("ConstraintRoomNotAvailableTimes"), 1);
    assert_eq!(of_kind("ConstraintTeacherMaxHoursDaily"), 1);
    assert_eq!(
        of_kind("ConstraintStudentsSetMaxGapsPerWeek"),
        1,
        "both sections: the year"
    );
    let lock = fet
        .constraints()
        .find(|c| {
            c.kind == "ConstraintActivityPreferredStartingTime" && c.get("Activity_Id") == Some("2")
        })
        .unwrap();
    assert_eq!(lock.get("Preferred_Day"), Some("Jueves"));
    assert_eq!(lock.get("Preferred_Hour"), Some("08:50-09:35"));
    assert_eq!(lock.get("Permanently_Locked"), Some("true"));
    // The weekly maximum has no FET equivalent: listed, not dropped.
    let not: Vec<&str> = export.not_exportable().map(|r| r.kind.as_str()).collect();
    assert_eq!(not, ["teacher_max_per_week"]);
    assert!(
        export
            .to_string()
            .contains("no exportable: regla 7 (teacher_max_per_week)")
    );
    assert!(matches!(
        export.rules[4].outcome,
        RuleExportOutcome::Implicit(_)
    ));

    // Read back: the same school shape.
    let (back, report) = fet_to_school(&fet).unwrap();
    assert_eq!(report.unsupported().count(), 0);
    assert_eq!(back.lessons.len(), 2);
    // One group's lesson across two sections names two FET subgroups with different names,
    // which the import can only hold by laying the year out one section per subgroup (clashes
    // stay exact): 4 sections, no groups.
    assert_eq!(back.sections.len(), 4);
    assert!(back.sections.iter().all(|s| s.data.groups.is_empty()));
    assert_eq!(
        back.time_grids[0].data.periods[2].kind,
        PeriodKind::Break,
        "the recess comes back as a break"
    );
    assert_eq!(back.rooms[0].data.building.as_deref(), Some("Edificio A"));
    assert_eq!(back.rooms[0].data.unavailable.len(), 1);
    assert_eq!(back.teachers[0].data.availability.len(), 1);
}

#[test]
fn a_block_across_the_recess_drops_that_recess_from_the_hours() {
    let school = school();
    // Lesson 1's double block from period 2 runs across the recess.
    let placements = vec![placement(1, 0, 1, 2, 2)];
    let export = export_fet(&school, "X", &placements).unwrap();
    let fet = read_fet(&export.text).unwrap();
    assert_eq!(fet.hours.len(), 4);
    assert!(export.warnings.iter().any(|w| w.contains("receso")));
    assert!(export.warnings.iter().any(|w| w.contains("sin ubicar")));
}
