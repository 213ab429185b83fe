//! Layouts other schools use, built as small workbooks: titles above the header, label
//! columns before the days, 24-hour times, one-line cells, sections split in two groups,
//! lunch rows, empty periods; and the messages when something cannot be understood.

mod common;

use common::workbook;
use domain::PeriodKind;
use interchange::{ClashKind, ImportOptions, InputFile, import};

fn import_one(
    name: &str,
    bytes: &[u8],
) -> Result<interchange::Imported, interchange::InterchangeError> {
    import(&[InputFile { name, bytes }], &ImportOptions::default())
}

fn other_school() -> Vec<u8> {
    workbook(&[(
        "Horario",
        vec![
            vec!["Unidad Educativa Los Próceres"],
            vec!["Tercer Año Sección B"],
            vec![],
            vec![
                "N°",
                "Hora",
                "Lunes",
                "Martes",
                "Miércoles",
                "Jueves",
                "Viernes",
            ],
            vec![
                "1",
                "07:30 a 08:15",
                "Matemática - Ana Pérez",
                "Inglés - Rosa Díaz / Francés - Luis Mora",
                "Historia - Juan Gil",
            ],
            vec![
                "2",
                "08:15 a 09:00",
                "Matemática - Ana Pérez",
                "Inglés - Rosa Díaz / Francés - Luis Mora",
                "",
            ],
            vec![
                "",
                "12:00 a 13:00",
                "Almuerzo",
                "Almuerzo",
                "Almuerzo",
                "Almuerzo",
                "Almuerzo",
            ],
            vec![
                "3",
                "13:00 a 13:45",
                "",
                "Historia - Juan Gil",
                "Matemática - Ana Perez (Lab 2)",
            ],
            vec![],
            vec!["Coordinación académica"],
        ],
    )])
}

#[test]
fn titles_label_columns_24_hour_times_groups_and_lunch() {
    let imported = import_one("otra.xlsx", &other_school()).unwrap_or_else(|e| panic!("{e}"));
    let school = &imported.school;
    assert_eq!(school.sections.len(), 1);
    let section = &school.sections[0].data;
    assert_eq!(
        (
            section.grade,
            section.letter.as_str(),
            section.level.as_str()
        ),
        (3, "B", "media_general")
    );
    let groups: Vec<&str> = section.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(groups, ["Francés", "Inglés"]);

    let grid = &school.time_grids[0].data;
    let shown: Vec<String> = grid
        .periods
        .iter()
        .map(|p| {
            format!(
                "{}{}-{}",
                if p.kind == PeriodKind::Break {
                    "R "
                } else {
                    ""
                },
                p.start,
                p.end
            )
        })
        .collect();
    assert_eq!(
        shown,
        ["07:30-08:15", "08:15-09:00", "R 12:00-13:00", "13:00-13:45"]
    );

    // Matemática 2 + 1 (Ana Pérez and Ana Perez are one teacher), Historia 1 + 1,
    // Inglés and Francés in parallel, one group each.
    assert_eq!(imported.report.counts.lesson_periods, 3 + 2 + 2 + 2);
    let parallel: Vec<_> = school
        .lessons
        .iter()
        .filter(|l| l.data.group.is_some())
        .collect();
    assert_eq!(parallel.len(), 2);
    assert!(parallel.iter().all(|l| l.data.block_pattern == [2]));
    assert_eq!(school.teachers.len(), 4);
    assert!(
        school
            .rooms
            .iter()
            .any(|r| r.data.name == "Lab 2" && r.data.kind == domain::RoomKind::Laboratorio)
    );
    assert!(
        imported.report.clashes.is_empty(),
        "{:#?}",
        imported.report.clashes
    );
    assert!(school.validate().is_ok());
}

#[test]
fn a_double_booked_teacher_is_imported_and_reported() {
    let header = vec!["Hora", "Lunes", "Martes", "Miércoles"];
    let bytes = workbook(&[
        (
            "1er año A",
            vec![header.clone(), vec!["7:00 - 7:40", "Física - Luisa Abreu"]],
        ),
        (
            "1er año B",
            vec![header, vec!["7:00 - 7:40", "FISICA - LUISA  ABREU"]],
        ),
    ]);
    let imported = import_one("choque.xlsx", &bytes).unwrap_or_else(|e| panic!("{e}"));
    let clashes = &imported.report.clashes;
    assert_eq!(clashes.len(), 1, "{clashes:#?}");
    assert_eq!(clashes[0].kind, ClashKind::Teacher);
    assert!(
        clashes[0].message.contains("lunes 07:00–07:40"),
        "{}",
        clashes[0].message
    );
}

#[test]
fn a_cell_without_teacher_names_file_sheet_and_cell() {
    let bytes = workbook(&[(
        "2do año",
        vec![
            vec!["Hora", "Lunes", "Martes", "Miércoles"],
            vec!["7:00 - 7:40", "Matemática - Ana", "Orientación"],
        ],
    )]);
    let err = import_one("malo.xlsx", &bytes).unwrap_err();
    let problems = err.problems();
    assert_eq!(problems.len(), 1, "{err}");
    assert_eq!(problems[0].location.file, "malo.xlsx");
    assert_eq!(problems[0].location.sheet.as_deref(), Some("2do año"));
    assert_eq!(problems[0].location.cell.as_deref(), Some("C2"));
    assert_eq!(problems[0].location.text.as_deref(), Some("Orientación"));
    assert!(problems[0].message.contains("docente"));
}

#[test]
fn a_grid_of_unknown_section_and_a_damaged_file_are_rejected() {
    let bytes = workbook(&[(
        "Hoja1",
        vec![
            vec!["Hora", "Lunes", "Martes", "Miércoles"],
            vec!["7:00 - 7:40", "Matemática - Ana"],
        ],
    )]);
    let err = import_one("sin_nombre.xlsx", &bytes).unwrap_err();
    assert!(err.problems()[0].message.contains("sección"), "{err}");

    let mut damaged = other_school();
    damaged.truncate(damaged.len() / 2);
    let err = import_one("roto.xlsx", &damaged).unwrap_err();
    assert_eq!(err.problems()[0].location.file, "roto.xlsx");
    assert!(err.to_string().contains("no se importó nada"));
}

#[test]
fn mapping_file_merges_what_spelling_cannot() {
    let header = vec!["Hora", "Lunes", "Martes", "Miércoles"];
    let bytes = workbook(&[(
        "5to año",
        vec![
            header,
            vec![
                "7:00 - 7:40",
                "GHC - María Figueroa",
                "Geografía, Historia y Ciudadanía - Maria Figueroa",
            ],
        ],
    )]);
    let plain = import_one("a.xlsx", &bytes).unwrap();
    assert_eq!(plain.school.subjects.len(), 2);
    let options = ImportOptions {
        mappings: interchange::parse_mappings("GHC => Geografía, Historia y Ciudadanía\n").unwrap(),
        ..ImportOptions::default()
    };
    let mapped = import(
        &[InputFile {
            name: "a.xlsx",
            bytes: &bytes,
        }],
        &options,
    )
    .unwrap();
    assert_eq!(mapped.school.subjects.len(), 1);
    assert_eq!(
        mapped.school.subjects[0].data.name,
        "Geografía, Historia y Ciudadanía"
    );
    assert!(mapped.report.merges.iter().any(|m| m.from_mapping));
    let json = serde_json::to_string(&mapped.report).unwrap();
    assert!(json.contains("\"merges\""));
}

#[test]
fn a_sheet_with_data_far_away_is_refused_not_allocated() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Hora").unwrap();
    sheet.write_string(1_000_000, 16_000, "x").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let err = import_one("enorme.xlsx", &bytes).unwrap_err();
    assert!(err.problems()[0].message.contains("filas"), "{err}");
}

#[test]
fn a_room_named_twice_at_once_is_a_room_clash() {
    let header = vec!["Hora", "Lunes", "Martes", "Miércoles"];
    let bytes = workbook(&[
        (
            "4to año A",
            vec![
                header.clone(),
                vec!["7:00 - 7:40", "QUÍMICA\nFLORMAR HERNÁNDEZ\n(Laboratorio)"],
            ],
        ),
        (
            "4to año B",
            vec![
                header,
                vec!["7:00 - 7:40", "BIOLOGÍA\nVIRGINIA VERDE\n(Laboratorio)"],
            ],
        ),
    ]);
    let imported = import_one("lab.xlsx", &bytes).unwrap_or_else(|e| panic!("{e}"));
    let clashes = &imported.report.clashes;
    assert_eq!(clashes.len(), 1, "{clashes:#?}");
    assert_eq!(clashes[0].kind, ClashKind::Room);
    assert_eq!(clashes[0].resource, "Laboratorio");
}
