//! Reads filled templates: finds the header row, maps columns by header name, and turns each
//! row into school data, naming the cell of every value it cannot use.

use super::TemplateKind;
use crate::builder::{
    Builder, ListedLesson, RawAvailability, RawBlock, RawPeriod, TeacherInfo, When, section_key,
};
use crate::clock_text::{resolve, time_tokens};
use crate::labels::{section_label, weekday};
use crate::sheet::Sheet;
use domain::names::canonical;
use domain::{RoomKind, SlotStatus};
use std::collections::BTreeMap;

fn header_key(text: &str) -> String {
    canonical(text).trim_end_matches('*').trim().to_string()
}

/// The kind and header row of a template sheet, if it is one. A header row must be mostly
/// made of the kind's headers, so that other tables (a teacher's load table) are not taken
/// for templates.
fn detect(
    b: &mut Builder,
    sheet: &Sheet,
) -> Option<(TemplateKind, usize, BTreeMap<&'static str, usize>)> {
    for r in 0..sheet.rows.len().min(10) {
        let cells: Vec<(usize, String)> = sheet.rows[r]
            .iter()
            .enumerate()
            .map(|(c, t)| (c, header_key(t)))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        if cells.is_empty() {
            continue;
        }
        let mut best: Option<(usize, TemplateKind, BTreeMap<&'static str, usize>)> = None;
        for kind in TemplateKind::ALL {
            let mut found = BTreeMap::new();
            for (header, _, _) in kind.columns() {
                if let Some((c, _)) = cells.iter().find(|(_, t)| *t == header_key(header)) {
                    found.insert(*header, *c);
                }
            }
            if best.as_ref().is_none_or(|(n, _, _)| found.len() > *n) {
                best = Some((found.len(), kind, found));
            }
        }
        let (matched, kind, found) = best?;
        if matched == 0 || matched * 2 <= cells.len() {
            continue;
        }
        let missing: Vec<&str> = kind
            .columns()
            .iter()
            .filter(|(h, _, required)| *required && !found.contains_key(h))
            .map(|(h, _, _)| *h)
            .collect();
        if !missing.is_empty() {
            b.error(
                sheet.location(r, 0),
                format!(
                    "la plantilla de {} no tiene la(s) columna(s) obligatoria(s): {}",
                    kind.spanish(),
                    missing.join(", ")
                ),
            );
            return None;
        }
        return Some((kind, r, found));
    }
    None
}

/// Reads the sheet if it is a filled template; returns whether it was one.
pub fn read_if_template(b: &mut Builder, sheet: &Sheet) -> bool {
    let errors_before = b.errors.len();
    let Some((kind, header_row, columns)) = detect(b, sheet) else {
        return b.errors.len() > errors_before;
    };
    for r in header_row + 1..sheet.rows.len() {
        let row = Row {
            sheet,
            r,
            columns: &columns,
        };
        if columns
            .values()
            .all(|&c| sheet.cell(r, c).trim().is_empty())
        {
            continue;
        }
        match kind {
            TemplateKind::Teachers => teacher(b, &row),
            TemplateKind::Subjects => subject(b, &row),
            TemplateKind::Rooms => room(b, &row),
            TemplateKind::Sections => section(b, &row),
            TemplateKind::Lessons => lesson(b, &row),
            TemplateKind::Availability => availability(b, &row),
            TemplateKind::Periods => period(b, &row),
        }
    }
    true
}

struct Row<'a> {
    sheet: &'a Sheet,
    r: usize,
    columns: &'a BTreeMap<&'static str, usize>,
}

impl Row<'_> {
    fn text(&self, header: &str) -> String {
        self.columns
            .get(header)
            .map(|&c| self.sheet.cell(self.r, c).trim().to_string())
            .unwrap_or_default()
    }
    fn location(&self, header: &str) -> crate::error::Location {
        self.sheet
            .location(self.r, self.columns.get(header).copied().unwrap_or(0))
    }
    fn required(&self, b: &mut Builder, header: &str) -> Option<String> {
        let t = self.text(header);
        if t.is_empty() {
            b.error(
                self.location(header),
                format!("falta el valor de «{header}»"),
            );
            return None;
        }
        Some(t)
    }
    fn number<T: std::str::FromStr>(&self, b: &mut Builder, header: &str) -> Option<Option<T>> {
        let t = self.text(header);
        if t.is_empty() {
            return Some(None);
        }
        match t.parse::<T>() {
            Ok(v) => Some(Some(v)),
            Err(_) => {
                b.error(
                    self.location(header),
                    format!("«{header}» debe ser un número entero"),
                );
                None
            }
        }
    }
}

fn list(text: &str) -> Vec<String> {
    text.split([';', '\n'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn teacher(b: &mut Builder, row: &Row) {
    let Some(name) = row.required(b, "Nombre") else {
        return;
    };
    let (Some(per_day), Some(per_week)) = (
        row.number::<u8>(b, "Máx. períodos por día"),
        row.number::<u16>(b, "Máx. períodos por semana"),
    ) else {
        return;
    };
    let key = b.teachers.add(&name, &row.location("Nombre"));
    let opt = |t: String| (!t.is_empty()).then_some(t);
    b.teacher_info.insert(
        key,
        TeacherInfo {
            identity_document: opt(row.text("Cédula")),
            email: opt(row.text("Correo")),
            max_periods_per_day: per_day,
            max_periods_per_week: per_week,
            subjects: list(&row.text("Asignaturas")),
        },
    );
}

fn subject(b: &mut Builder, row: &Row) {
    let Some(name) = row.required(b, "Asignatura") else {
        return;
    };
    let key = b.subjects.add(&name, &row.location("Asignatura"));
    b.subject_info
        .insert(key, (row.text("Abreviatura"), row.text("Color")));
}

fn room_kind(text: &str) -> Option<RoomKind> {
    match canonical(text).replace(' ', "_").to_lowercase().as_str() {
        "aula" | "salon" => Some(RoomKind::Aula),
        "laboratorio" | "lab" => Some(RoomKind::Laboratorio),
        "cancha" => Some(RoomKind::Cancha),
        "sala_computacion" | "sala_de_computacion" | "computacion" => {
            Some(RoomKind::SalaComputacion)
        }
        "otro" => Some(RoomKind::Otro),
        _ => None,
    }
}

fn checked_kind(b: &mut Builder, row: &Row, header: &str) -> Result<Option<RoomKind>, ()> {
    let t = row.text(header);
    if t.is_empty() {
        return Ok(None);
    }
    match room_kind(&t) {
        Some(k) => Ok(Some(k)),
        None => {
            b.error(
                row.location(header),
                "tipo de aula desconocido (aula, laboratorio, cancha, sala_computacion, otro)",
            );
            Err(())
        }
    }
}

fn room(b: &mut Builder, row: &Row) {
    let Some(name) = row.required(b, "Aula") else {
        return;
    };
    let Ok(kind) = checked_kind(b, row, "Tipo") else {
        return;
    };
    let Some(capacity) = row.number::<u32>(b, "Capacidad") else {
        return;
    };
    b.add_room(&name, kind, capacity.unwrap_or(0));
}

fn level_code(text: &str) -> String {
    let c = canonical(text).replace('_', " ");
    if c.starts_with("MEDIA") {
        "media_general".into()
    } else if c.starts_with("PRIMARIA") {
        "primaria".into()
    } else if c.starts_with("INICIAL") {
        "inicial".into()
    } else {
        c.to_lowercase().replace(' ', "_")
    }
}

fn section(b: &mut Builder, row: &Row) {
    let (Some(level), Some(letter)) = (row.required(b, "Nivel"), row.required(b, "Sección"))
    else {
        return;
    };
    let (Some(Some(grade)), Some(size)) = (
        row.number::<u8>(b, "Grado"),
        row.number::<u32>(b, "Estudiantes"),
    ) else {
        if row.text("Grado").is_empty() {
            b.error(row.location("Grado"), "falta el valor de «Grado»");
        }
        return;
    };
    let key = (level_code(&level), grade, letter.to_uppercase());
    if let Some(prev) = b.sections.get(&key) {
        let message = format!("sección repetida (ya en {})", prev.location);
        b.error(row.location("Sección"), message);
        return;
    }
    let homeroom = row.text("Aula base");
    if !homeroom.is_empty() {
        b.add_room(&homeroom, Some(RoomKind::Aula), 0);
    }
    b.sections.insert(
        key,
        crate::builder::SectionInfo {
            size: size.unwrap_or(0),
            homeroom: (!homeroom.is_empty()).then_some(homeroom),
            groups: list(&row.text("Grupos")).into_iter().collect(),
            location: row.location("Sección"),
        },
    );
}

fn pattern(text: &str) -> Option<Vec<u8>> {
    text.split(['+', ',', ' '])
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.trim().parse::<u8>().ok())
        .collect()
}

fn lesson(b: &mut Builder, row: &Row) {
    let (Some(sections), Some(subject)) =
        (row.required(b, "Secciones"), row.required(b, "Asignatura"))
    else {
        return;
    };
    let Some(Some(periods)) = row.number::<u16>(b, "Períodos por semana") else {
        if row.text("Períodos por semana").is_empty() {
            b.error(
                row.location("Períodos por semana"),
                "falta el valor de «Períodos por semana»",
            );
        }
        return;
    };
    let mut keys = Vec::new();
    for s in list(&sections) {
        match section_label(&s) {
            Some(label) => keys.push(section_key(&label)),
            None => {
                b.error(
                    row.location("Secciones"),
                    format!("no se reconoce la sección «{s}» (escriba p. ej. «1er año A»)"),
                );
                return;
            }
        }
    }
    let Some(blocks) = pattern(&row.text("Bloques")) else {
        b.error(
            row.location("Bloques"),
            "bloques inválidos (escriba p. ej. «2+2» o «2+1+1»)",
        );
        return;
    };
    let Ok(kind) = checked_kind(b, row, "Tipo de aula") else {
        return;
    };
    b.subjects.add(&subject, &row.location("Asignatura"));
    let group = row.text("Grupo");
    let room = row.text("Aula");
    b.listed_lessons.push(ListedLesson {
        sections: keys,
        group: (!group.is_empty()).then_some(group),
        subject,
        teachers: list(&row.text("Docentes")),
        periods_per_week: periods,
        block_pattern: blocks,
        room_kind: kind,
        room: (!room.is_empty()).then_some(room),
        location: row.location("Asignatura"),
    });
}

fn day_of(text: &str) -> Option<u8> {
    weekday(text).or_else(|| text.parse::<u8>().ok().filter(|d| (1..=7).contains(d)))
}

fn availability(b: &mut Builder, row: &Row) {
    let (Some(teacher), Some(day), Some(status)) = (
        row.required(b, "Docente"),
        row.required(b, "Día"),
        row.required(b, "Estado"),
    ) else {
        return;
    };
    let Some(day) = day_of(&day) else {
        b.error(
            row.location("Día"),
            "día inválido (lunes a domingo, o 1 a 7)",
        );
        return;
    };
    let Some(Some(period)) = row.number::<u8>(b, "Período") else {
        if row.text("Período").is_empty() {
            b.error(row.location("Período"), "falta el valor de «Período»");
        }
        return;
    };
    let status = match canonical(&status).as_str() {
        "NO DISPONIBLE" | "INDISPONIBLE" => SlotStatus::Unavailable,
        "NO DESEADO" | "EVITAR" => SlotStatus::Undesired,
        "DISPONIBLE" => SlotStatus::Available,
        _ => {
            b.error(
                row.location("Estado"),
                "estado inválido (disponible, no deseado, no disponible)",
            );
            return;
        }
    };
    let activity = row.text("Actividad");
    let location = row.location("Docente");
    if !activity.is_empty() && status == SlotStatus::Unavailable {
        b.blocks.push(RawBlock {
            teacher,
            day,
            when: When::Period(period),
            label: activity,
            location,
        });
    } else {
        b.availability.push(RawAvailability {
            teacher,
            day,
            period,
            status,
            location,
        });
    }
}

fn period(b: &mut Builder, row: &Row) {
    let (Some(start), Some(end)) = (row.required(b, "Inicio"), row.required(b, "Fin")) else {
        return;
    };
    let time = |t: &str| time_tokens(t).first().and_then(|x| resolve(*x));
    let (Some(start), Some(end)) = (time(&start), time(&end)) else {
        b.error(
            row.location("Inicio"),
            "hora inválida (use HH:MM en 24 horas)",
        );
        return;
    };
    if end <= start {
        b.error(
            row.location("Fin"),
            "la hora de fin debe ser posterior a la de inicio",
        );
        return;
    }
    let is_break = crate::labels::is_break(&row.text("Tipo"));
    b.periods.push(RawPeriod {
        start,
        end,
        is_break,
        location: row.location("Inicio"),
    });
}
