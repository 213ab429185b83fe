//! The real 2025-2026 workbooks of U.E. Instituto Privado Andrés Bello (../shared/data/ueipab).

use domain::names::canonical;
use interchange::{ImportOptions, Imported, InputFile, NameKind, import};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ueipab");

fn read(name: &str) -> Option<Vec<u8>> {
    match std::fs::read(format!("{DATA}/{name}")) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "../shared/data missing in CI: {e}"
            );
            eprintln!("skipping: {DATA}/{name} not readable ({e})");
            None
        }
    }
}

fn import_school(options: &ImportOptions) -> Option<Imported> {
    let sections = read("student_schedule_2025_2026.xlsx")?;
    let teachers = read("teacher_schedule_2025_2026.xlsx")?;
    let files = [
        InputFile {
            name: "student_schedule_2025_2026.xlsx",
            bytes: &sections,
        },
        InputFile {
            name: "teacher_schedule_2025_2026.xlsx",
            bytes: &teachers,
        },
    ];
    Some(import(&files, options).unwrap_or_else(|e| panic!("{e}")))
}

fn merge_of<'a>(imported: &'a Imported, kind: NameKind, name: &str) -> &'a interchange::Merge {
    imported
        .report
        .merges
        .iter()
        .find(|m| m.kind == kind && m.variants.iter().any(|v| v.canonical == canonical(name)))
        .unwrap_or_else(|| panic!("no merge for {name}: {:#?}", imported.report.merges))
}

#[test]
fn the_school_in_numbers() {
    let Some(imported) = import_school(&ImportOptions::default()) else {
        return;
    };
    let counts = &imported.report.counts;
    assert_eq!(counts.sections, 6);
    assert_eq!(counts.lesson_periods, 268);
    assert_eq!(counts.subjects, 15);
    assert_eq!(counts.time_grids, 1);
    assert_eq!(counts.timetables, 1);
    let placed: usize = imported.school.timetables[0]
        .placements
        .iter()
        .map(|p| p.duration as usize)
        .sum();
    assert_eq!(placed, 268, "every lesson period of the grids is placed");

    // 16 teachers teach in the section grids; 3 more appear only in the teacher workbook.
    let teachers: Vec<&str> = imported
        .school
        .teachers
        .iter()
        .map(|t| t.data.name.as_str())
        .collect();
    assert_eq!(teachers.len(), 19, "{teachers:?}");
    let teaching: std::collections::BTreeSet<i64> = imported
        .school
        .lessons
        .iter()
        .flat_map(|l| l.data.teacher_ids.clone())
        .collect();
    assert_eq!(teaching.len(), 16);
    for only_in_workbook in ["LEYDIMAR ARAY", "JESUS DI CESARE", "CAMILA ROSSATO"] {
        assert!(
            teachers.iter().any(|t| canonical(t) == only_in_workbook),
            "{only_in_workbook}"
        );
    }

    let grid = &imported.school.time_grids[0].data;
    let lesson_periods: Vec<String> = grid
        .lesson_periods()
        .map(|p| format!("{}-{}", p.start, p.end))
        .collect();
    assert_eq!(lesson_periods.len(), 10);
    assert_eq!(lesson_periods[0], "07:00-07:40");
    assert_eq!(lesson_periods[9], "13:40-14:20");
    let breaks: Vec<String> = grid
        .periods
        .iter()
        .filter(|p| p.kind == domain::PeriodKind::Break)
        .map(|p| format!("{}-{}", p.start, p.end))
        .collect();
    assert_eq!(breaks, ["09:40-10:00", "12:40-13:00"]);
}

#[test]
fn near_identical_names_are_merged_and_listed() {
    let Some(imported) = import_school(&ImportOptions::default()) else {
        return;
    };
    for (kind, a, b) in [
        (NameKind::Teacher, "GIOVANNY VEZZA", "GIOVANNI VEZZA"),
        (NameKind::Teacher, "STEFANY ROMERO", "ESTEFANY ROMERO"),
        (NameKind::Teacher, "FLORMAR HERNANDEZ", "FLORMAR HENANDEZ"),
        (NameKind::Subject, "MATEMATICA", "MATEMATICAS"),
    ] {
        let merge = merge_of(&imported, kind, a);
        assert!(
            merge.variants.iter().any(|v| v.canonical == b),
            "{a} and {b} should be one: {merge:#?}"
        );
        assert!(merge.variants.iter().all(|v| !v.first_seen.file.is_empty()));
    }
}

#[test]
fn a_refused_merge_keeps_two_teachers() {
    let mut options = ImportOptions::default();
    options.refuse("GIOVANNY VEZZA");
    let Some(imported) = import_school(&options) else {
        return;
    };
    let vezzas = imported
        .school
        .teachers
        .iter()
        .filter(|t| canonical(&t.data.name).ends_with("VEZZA"))
        .count();
    assert!(vezzas >= 2, "refusing keeps GIOVANNY apart");
}

#[test]
fn blocks_rooms_and_the_schools_own_timetable() {
    let Some(imported) = import_school(&ImportOptions::default()) else {
        return;
    };
    let school = &imported.school;
    let nieto = school
        .teachers
        .iter()
        .find(|t| canonical(&t.data.name) == "MARIA NIETO")
        .unwrap();
    let labels: std::collections::BTreeSet<&str> =
        nieto.data.blocks.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["ADMINISTRATIVA", "CCM"].into());
    // Primaria classes in a teacher's own grid keep them busy at that clock time:
    // STEFANY ROMERO teaches CUARTO GRADO on Monday 7:40–9:00 (periods 2 and 3).
    let romero = school
        .teachers
        .iter()
        .find(|t| canonical(&t.data.name) == "STEFANY ROMERO")
        .unwrap();
    for period in [2, 3] {
        assert_eq!(
            romero.data.status_at(1, period),
            domain::SlotStatus::Unavailable
        );
    }
    assert_eq!(romero.data.status_at(1, 1), domain::SlotStatus::Available);
    // Almost every lesson comes in aligned double periods.
    let doubles = school
        .lessons
        .iter()
        .filter(|l| l.data.block_pattern.iter().all(|&b| b == 2))
        .count();
    assert!(
        doubles * 10 >= school.lessons.len() * 9,
        "{doubles} of {}",
        school.lessons.len()
    );
    // Physical education goes to the court; chemistry to the room its teacher's grid names.
    let room_name = |id: Option<i64>| {
        id.and_then(|id| school.rooms.iter().find(|r| r.id == id))
            .map(|r| r.data.name.clone())
    };
    for lesson in &school.lessons {
        let subject = &school
            .subjects
            .iter()
            .find(|s| s.id == lesson.data.subject_id)
            .unwrap()
            .data
            .name;
        match canonical(subject).as_str() {
            "EDUCACION FISICA" => {
                assert_eq!(room_name(lesson.data.room_id).as_deref(), Some("Cancha"))
            }
            "QUIMICA" => assert_eq!(room_name(lesson.data.room_id).as_deref(), Some("Aula 1")),
            _ => {}
        }
    }
    assert!(school.sections.iter().all(|s| s.data.homeroom_id.is_some()));
    // The teacher workbook is partly out of date: where a teacher's sheet disagrees with the
    // sections' grids, the report says so and the sections' grids win.
    assert!(imported.report.warnings.iter().any(|w| {
        w.location.sheet.as_deref() == Some("VIRGINIA VERDE") && w.message.contains("no coincide")
    }));
    // So does her load table: 5to año has 8 of her periods in the grids, 6 in the table.
    assert!(imported.report.warnings.iter().any(|w| {
        w.message.contains("tabla de carga de VIRGINIA VERDE") && w.message.contains("5to año: 6 h")
    }));
    assert_eq!(school.timetables[0].timetable.data.source, "import");

    // The school's own timetable: no teacher, section or room is double-booked, and no lesson
    // falls in a non-teaching block or an hour the teacher spends in primaria.
    let clashes = &imported.report.clashes;
    assert!(clashes.is_empty(), "{clashes:#?}");
    // «(Aula 1)» is written on the first period only of 1er año's Thursday GHC double period
    // (which would put it in Aula 1 with 4to año's Química): ambiguous, so it is reported and
    // the block stays in the homeroom.
    assert!(imported.report.warnings.iter().any(|w| {
        w.location.sheet.as_deref() == Some("1er año")
            && w.location.cell.as_deref() == Some("E10")
            && w.message.contains("solo en parte")
    }));
}

#[test]
fn an_availability_template_adds_to_the_workbooks_and_unknown_names_reject() {
    let (Some(sections), Some(teachers)) = (
        read("student_schedule_2025_2026.xlsx"),
        read("teacher_schedule_2025_2026.xlsx"),
    ) else {
        return;
    };
    let extra = "Docente;Día;Período;Estado\nMaria Nieto;viernes;10;no deseado\n";
    let files = [
        InputFile {
            name: "secciones.xlsx",
            bytes: &sections,
        },
        InputFile {
            name: "docentes.xlsx",
            bytes: &teachers,
        },
        InputFile {
            name: "disponibilidad.csv",
            bytes: extra.as_bytes(),
        },
    ];
    let imported = import(&files, &ImportOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let nieto = imported
        .school
        .teachers
        .iter()
        .find(|t| canonical(&t.data.name) == "MARIA NIETO")
        .unwrap();
    assert_eq!(nieto.data.status_at(5, 10), domain::SlotStatus::Undesired);
    let summary = imported.report.summary();
    assert!(
        summary.contains("6 secciones") && summary.contains("268 períodos"),
        "{summary}"
    );

    let unknown = "Docente;Día;Período;Estado\nPedro Nadie;lunes;1;no disponible\n";
    let files = [
        InputFile {
            name: "secciones.xlsx",
            bytes: &sections,
        },
        InputFile {
            name: "disponibilidad.csv",
            bytes: unknown.as_bytes(),
        },
    ];
    let err = import(&files, &ImportOptions::default()).unwrap_err();
    assert_eq!(err.problems().len(), 1, "{err}");
    assert_eq!(err.problems()[0].location.cell.as_deref(), Some("A2"));
}
