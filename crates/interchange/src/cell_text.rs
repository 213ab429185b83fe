//! What a cell of a section's grid says: a lesson ("SUBJECT\nTEACHER\n(Aula n)" or
//! "Subject - Teacher"), lessons of two groups in parallel ("A - X / B - Y"), a recess, a
//! non-teaching duty, or nothing.

use crate::labels::{duty, is_break};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellLesson {
    pub group: Option<String>,
    pub subject: String,
    pub teacher: String,
    pub room: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellContent {
    Empty,
    Break,
    Duty(String),
    Lessons {
        lessons: Vec<CellLesson>,
        /// Text that was read past and ignored ("/ EF" after a subject), to warn about.
        note: Option<String>,
    },
    Unreadable(String),
}

/// "(Aula 1)" → "Aula 1"; a line that is only a parenthesis is noise.
fn room_of(line: &str) -> Option<Option<String>> {
    let t = line.trim();
    if t.starts_with('(') {
        let inner = t.trim_start_matches('(').trim_end_matches(')').trim();
        return Some((!inner.is_empty()).then(|| inner.to_string()));
    }
    None
}

fn split_parallel(text: &str) -> Vec<String> {
    text.split('/')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Splits "Subject - Teacher" at the first dash surrounded by spaces.
fn subject_teacher(part: &str) -> Option<(String, String)> {
    for dash in [" - ", " – ", " — "] {
        if let Some((s, t)) = part.split_once(dash) {
            let (s, t) = (s.trim(), t.trim());
            if !s.is_empty() && !t.is_empty() {
                return Some((s.to_string(), t.to_string()));
            }
        }
    }
    None
}

/// Trailing "(Aula 3)" in a one-line part.
fn trailing_room(part: &str) -> (String, Option<String>) {
    let t = part.trim();
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
    {
        let inner = t[open + 1..t.len() - 1].trim();
        return (
            t[..open].trim().to_string(),
            (!inner.is_empty()).then(|| inner.to_string()),
        );
    }
    (t.to_string(), None)
}

/// "Varones: Educación Física - Pérez" → group "Varones".
fn group_prefix(part: &str) -> (Option<String>, String) {
    match part.split_once(':') {
        Some((g, rest)) if !g.trim().is_empty() && g.trim().chars().count() <= 20 => {
            (Some(g.trim().to_string()), rest.trim().to_string())
        }
        _ => (None, part.to_string()),
    }
}

fn name_groups(lessons: &mut [CellLesson]) {
    if lessons.len() < 2 {
        return;
    }
    let distinct_subjects = {
        let mut s: Vec<String> = lessons
            .iter()
            .map(|l| domain::names::canonical(&l.subject))
            .collect();
        s.sort();
        s.dedup();
        s.len() == lessons.len()
    };
    for (i, l) in lessons.iter_mut().enumerate() {
        if l.group.is_none() {
            l.group = Some(if distinct_subjects {
                l.subject.clone()
            } else {
                format!("Grupo {}", i + 1)
            });
        }
    }
}

pub fn parse_section_cell(text: &str) -> CellContent {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return CellContent::Empty;
    }
    if is_break(trimmed) {
        return CellContent::Break;
    }
    if let Some(label) = duty(trimmed) {
        return CellContent::Duty(label);
    }
    let mut room = None;
    let mut lines = Vec::new();
    for line in trimmed.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match room_of(line) {
            Some(r) => room = room.or(r),
            None => lines.push(line.to_string()),
        }
    }
    match lines.len() {
        0 => CellContent::Unreadable("la celda solo nombra un aula".into()),
        1 => one_line(&lines[0], room),
        _ => multi_line(&lines, room),
    }
}

fn one_line(line: &str, room: Option<String>) -> CellContent {
    let mut lessons = Vec::new();
    for part in split_parallel(line) {
        let (group, rest) = group_prefix(&part);
        let (rest, part_room) = trailing_room(&rest);
        let Some((subject, teacher)) = subject_teacher(&rest) else {
            return CellContent::Unreadable(
                "no se distingue asignatura y docente (use «Asignatura - Docente»)".into(),
            );
        };
        lessons.push(CellLesson {
            group,
            subject,
            teacher,
            room: part_room.or_else(|| room.clone()),
        });
    }
    name_groups(&mut lessons);
    CellContent::Lessons {
        lessons,
        note: None,
    }
}

fn multi_line(lines: &[String], room: Option<String>) -> CellContent {
    let subjects = split_parallel(&lines[0]);
    let teachers = split_parallel(&lines[1]);
    let mut note = (lines.len() > 2).then(|| lines[2..].join(" "));
    let mut lessons = Vec::new();
    if teachers.len() > 1 && (subjects.len() == teachers.len() || subjects.len() == 1) {
        for (i, teacher) in teachers.iter().enumerate() {
            let subject = subjects.get(i).unwrap_or(&subjects[0]).clone();
            lessons.push(CellLesson {
                group: None,
                subject,
                teacher: teacher.clone(),
                room: room.clone(),
            });
        }
        name_groups(&mut lessons);
    } else {
        if subjects.len() > 1 || teachers.len() > 1 {
            let extra = if subjects.len() > 1 {
                subjects[1..].join(" / ")
            } else {
                teachers[1..].join(" / ")
            };
            note = Some(match note {
                Some(n) => format!("{extra} {n}"),
                None => extra,
            });
        }
        let (Some(subject), Some(teacher)) = (subjects.first(), teachers.first()) else {
            return CellContent::Unreadable("falta la asignatura o el docente".into());
        };
        lessons.push(CellLesson {
            group: None,
            subject: subject.clone(),
            teacher: teacher.clone(),
            room,
        });
    }
    CellContent::Lessons { lessons, note }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lessons(text: &str) -> Vec<CellLesson> {
        match parse_section_cell(text) {
            CellContent::Lessons { lessons, .. } => lessons,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn school_cell_with_room() {
        let l = lessons("GHC PARA LA SOBERANÍA NACIONAL\nMARÍA FIGUERA\n(Aula 1)");
        assert_eq!(l[0].teacher, "MARÍA FIGUERA");
        assert_eq!(l[0].room.as_deref(), Some("Aula 1"));
    }

    #[test]
    fn annotation_after_subject_is_a_note() {
        match parse_section_cell("LÓGICA MATEMÁTICA / EF\nROBERT QUIJADA\n") {
            CellContent::Lessons { lessons, note } => {
                assert_eq!(lessons[0].subject, "LÓGICA MATEMÁTICA");
                assert_eq!(note.as_deref(), Some("EF"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn one_line_and_groups() {
        let l = lessons("Matemática - Ana Pérez (Lab 2)");
        assert_eq!(
            (
                l[0].subject.as_str(),
                l[0].teacher.as_str(),
                l[0].room.as_deref()
            ),
            ("Matemática", "Ana Pérez", Some("Lab 2"))
        );
        let l = lessons("Inglés - Ana / Francés - Luis");
        assert_eq!(l.len(), 2);
        assert_eq!(l[1].group.as_deref(), Some("Francés"));
        let l = lessons("Educación Física - Ana / Educación Física - Luis");
        assert_eq!(l[0].group.as_deref(), Some("Grupo 1"));
        let l = lessons("Varones: Ed. Física - Luis / Hembras: Ed. Física - Ana");
        assert_eq!(l[1].group.as_deref(), Some("Hembras"));
    }

    #[test]
    fn multi_line_cells_split_in_groups() {
        let l = lessons("EDUCACIÓN FÍSICA\nANA DÍAZ / LUIS MORA\n(Cancha)");
        assert_eq!(l.len(), 2);
        assert_eq!(l[1].teacher, "LUIS MORA");
        assert_eq!(l[1].group.as_deref(), Some("Grupo 2"));
        assert_eq!(l[0].room.as_deref(), Some("Cancha"));
        let l = lessons("INGLÉS / FRANCÉS\nANA DÍAZ / LUIS MORA");
        assert_eq!(l[1].subject, "FRANCÉS");
        assert_eq!(l[1].group.as_deref(), Some("FRANCÉS"));
    }

    #[test]
    fn other_cells() {
        assert_eq!(parse_section_cell("  "), CellContent::Empty);
        assert_eq!(parse_section_cell("Almuerzo"), CellContent::Break);
        assert_eq!(
            parse_section_cell("CCM"),
            CellContent::Duty("CCM".to_string())
        );
        assert!(matches!(
            parse_section_cell("Orientación"),
            CellContent::Unreadable(_)
        ));
    }
}
