//! One reader per template kind: each row becomes school data, or an error naming its cell.

use super::read::Row;
use crate::builder::{
    Builder, ListedLesson, RawAvailability, RawBlock, RawPeriod, TeacherInfo, When, section_key,
};
use crate::clock_text::{resolve, time_tokens};
use crate::labels::{section_label, weekday};
use domain::names::canonical;
use domain::{RoomKind, SlotStatus};

fn list(text: &str) -> Vec<String> {
    text.split([';', '\n'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn teacher(b: &mut Builder, row: &Row) {
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

pub fn subject(b: &mut Builder, row: &Row) {
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

pub fn room(b: &mut Builder, row: &Row) {
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

pub fn section(b: &mut Builder, row: &Row) {
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

pub fn lesson(b: &mut Builder, row: &Row) {
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

pub fn availability(b: &mut Builder, row: &Row) {
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
            when: When::Period(period),
            status,
            location,
        });
    }
}

pub fn period(b: &mut Builder, row: &Row) {
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
