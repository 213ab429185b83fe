//! Flat templates: written with their example row, read back as one school; missing columns
//! and unknown teachers reject the import with the cell to fix.

use interchange::{ImportOptions, InputFile, TemplateFormat, TemplateKind, import, template};

fn files(format: TemplateFormat) -> Vec<(String, Vec<u8>)> {
    let ext = if format == TemplateFormat::Csv {
        "csv"
    } else {
        "xlsx"
    };
    TemplateKind::ALL
        .iter()
        .map(|k| {
            (
                format!("{}.{ext}", k.spanish()),
                template(*k, format).unwrap(),
            )
        })
        .collect()
}

fn import_all(
    files: &[(String, Vec<u8>)],
) -> Result<interchange::Imported, interchange::InterchangeError> {
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|(n, b)| InputFile { name: n, bytes: b })
        .collect();
    import(&inputs, &ImportOptions::default())
}

#[test]
fn every_template_round_trips_as_one_school() {
    for format in [TemplateFormat::Xlsx, TemplateFormat::Csv] {
        let imported = import_all(&files(format)).unwrap_or_else(|e| panic!("{format:?}: {e}"));
        let school = &imported.school;
        assert_eq!(school.teachers.len(), 1);
        let teacher = &school.teachers[0].data;
        assert_eq!(teacher.name, "Ana Pérez");
        assert_eq!(teacher.identity_document.as_deref(), Some("V-12345678"));
        assert_eq!(teacher.max_periods_per_week, Some(24));
        assert_eq!(
            teacher.blocks.len(),
            1,
            "the availability row with an activity is a block"
        );
        assert_eq!(teacher.blocks[0].label, "ADMINISTRATIVA");
        assert_eq!(school.subjects.len(), 1);
        assert_eq!(school.subjects[0].data.colour, "#3366CC");
        assert_eq!(school.sections.len(), 1);
        let section = &school.sections[0].data;
        assert_eq!(section.size, 32);
        assert_eq!(section.groups.len(), 2);
        let homeroom = school
            .rooms
            .iter()
            .find(|r| Some(r.id) == section.homeroom_id)
            .unwrap();
        assert_eq!(homeroom.data.name, "Aula 1");
        assert!(
            school
                .rooms
                .iter()
                .any(|r| r.data.kind == domain::RoomKind::Laboratorio && r.data.capacity == 30)
        );
        assert_eq!(school.lessons.len(), 1);
        let lesson = &school.lessons[0].data;
        assert_eq!(
            (lesson.periods_per_week, lesson.block_pattern.clone()),
            (4, vec![2, 2])
        );
        assert_eq!(lesson.teacher_ids, vec![school.teachers[0].id]);
        assert_eq!(school.time_grids[0].data.periods.len(), 1);
        assert!(school.timetables.is_empty(), "templates carry no timetable");
        assert!(school.validate().is_ok());
    }
}

#[test]
fn templates_have_spanish_headers() {
    let csv =
        String::from_utf8(template(TemplateKind::Lessons, TemplateFormat::Csv).unwrap()).unwrap();
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(
        header,
        "Secciones,Grupo,Asignatura,Docentes,Períodos por semana,Bloques,Tipo de aula,Aula"
    );
    assert_eq!(
        TemplateKind::parse("docentes"),
        Some(TemplateKind::Teachers)
    );
    assert_eq!(
        TemplateKind::parse("availability"),
        Some(TemplateKind::Availability)
    );
    assert_eq!(TemplateFormat::from_file_name("x.CSV"), TemplateFormat::Csv);
}

#[test]
fn an_unknown_teacher_rejects_everything() {
    let mut all = files(TemplateFormat::Csv);
    let lessons = all
        .iter_mut()
        .find(|(n, _)| n.starts_with("clases"))
        .unwrap();
    lessons.1 =
        "Secciones;Asignatura;Docentes;Períodos por semana\n1er año A;Matemática;Pedro Nadie;4\n"
            .as_bytes()
            .to_vec();
    let err = import_all(&all).unwrap_err();
    let p = &err.problems()[0];
    assert!(p.message.contains("docente desconocido"), "{err}");
    assert_eq!(p.location.file, "clases.csv");
    assert_eq!(p.location.cell.as_deref(), Some("B2"));
}

#[test]
fn a_missing_column_is_named() {
    let bytes = "Docente;Día;Período\nAna Pérez;lunes;1\n".as_bytes();
    let err = import(
        &[InputFile {
            name: "disp.csv",
            bytes,
        }],
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(err.problems()[0].message.contains("Estado"), "{err}");
}
