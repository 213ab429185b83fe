//! The school's structure: years, levels, sections, subjects, rooms, time grids and lessons.

use crate::resource::{check_day, require_text};
use crate::{ClockTime, FieldErrors, Id, Reference, Resource};
use serde::{Deserialize, Serialize};

/// A school year such as "2025-2026", divided into lapsos (terms).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchoolYear {
    pub name: String,
    #[serde(default)]
    pub starts_on: Option<String>,
    #[serde(default)]
    pub ends_on: Option<String>,
    #[serde(default)]
    pub lapsos: Vec<Lapso>,
    #[serde(default)]
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lapso {
    pub number: u8,
    pub starts_on: String,
    pub ends_on: String,
}

fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
        && (1..=12).contains(&parts[1].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&parts[2].parse::<u8>().unwrap_or(0))
}

impl Resource for SchoolYear {
    const COLLECTION: &'static str = "school_years";
    const LABEL: &'static str = "año escolar";
    fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        require_text(&mut e, "name", &self.name, 20);
        for (field, value) in [("starts_on", &self.starts_on), ("ends_on", &self.ends_on)] {
            if let Some(v) = value
                && !is_date(v)
            {
                e.add(field, "fecha inválida (use AAAA-MM-DD)");
            }
        }
        if let (Some(a), Some(b)) = (&self.starts_on, &self.ends_on)
            && a > b
        {
            e.add("ends_on", "debe ser posterior al inicio");
        }
        for (i, l) in self.lapsos.iter().enumerate() {
            if !is_date(&l.starts_on) || !is_date(&l.ends_on) || l.starts_on > l.ends_on {
                e.add(
                    format!("lapsos[{i}]"),
                    "fechas inválidas (AAAA-MM-DD, inicio antes del fin)",
                );
            }
        }
        e.into_result()
    }
    fn unique_key(&self) -> Option<String> {
        Some(self.name.trim().to_string())
    }
}

/// An educational level of the school: `inicial`, `primaria`, `media_general` or the school's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub grades: u8,
}

impl Level {
    /// The three levels every Venezuelan school starts with.
    pub fn venezuelan_defaults() -> Vec<Level> {
        vec![
            Level {
                code: "inicial".into(),
                name: "Educación Inicial".into(),
                grades: 3,
            },
            Level {
                code: "primaria".into(),
                name: "Educación Primaria".into(),
                grades: 6,
            },
            Level {
                code: "media_general".into(),
                name: "Educación Media General".into(),
                grades: 5,
            },
        ]
    }
}

impl Resource for Level {
    const COLLECTION: &'static str = "levels";
    const LABEL: &'static str = "nivel";
    fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        if crate::validate_slug(&self.code).is_err() {
            e.add(
                "code",
                "use minúsculas, dígitos y '_' (p. ej. media_general)",
            );
        }
        require_text(&mut e, "name", &self.name, 80);
        e.into_result()
    }
    fn unique_key(&self) -> Option<String> {
        Some(self.code.clone())
    }
}

/// A section: one grade of one level with a letter ("1er año A"); it may be divided into groups
/// that take parallel lessons (Educación Física by gender, two languages).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub level: String,
    pub grade: u8,
    pub letter: String,
    #[serde(default)]
    pub homeroom_id: Option<Id>,
    #[serde(default)]
    pub size: u32,
    #[serde(default)]
    pub time_grid_id: Option<Id>,
    #[serde(default)]
    pub groups: Vec<SectionGroup>,
    /// The name the school uses when it is not "grade + letter" (e.g. a FET students group).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionGroup {
    pub name: String,
    #[serde(default)]
    pub size: u32,
}

impl Section {
    /// "1er año A" for media general, "3er grado B" for primaria.
    pub fn display_name(&self) -> String {
        if let Some(name) = self.name.as_deref().filter(|n| !n.trim().is_empty()) {
            return name.to_string();
        }
        let ordinal = match self.grade {
            1 | 3 => format!("{}er", self.grade),
            2 => "2do".into(),
            4 => "4to".into(),
            5 => "5to".into(),
            6 => "6to".into(),
            n => format!("{n}º"),
        };
        let unit = if self.level == "media_general" {
            "año"
        } else {
            "grado"
        };
        format!("{ordinal} {unit} {}", self.letter)
    }
}

impl Resource for Section {
    const COLLECTION: &'static str = "sections";
    const LABEL: &'static str = "sección";
    fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        if crate::validate_slug(&self.level).is_err() {
            e.add(
                "level",
                "nivel inválido (inicial, primaria, media_general u otro código)",
            );
        }
        if !(1..=12).contains(&self.grade) {
            e.add("grade", "el grado debe estar entre 1 y 12");
        }
        let letter = self.letter.trim();
        if letter.is_empty() || letter.chars().count() > 3 {
            e.add("letter", "use una letra (A, B, ...)");
        }
        if self.size > 200 {
            e.add("size", "no puede pasar de 200 estudiantes");
        }
        for (i, g) in self.groups.iter().enumerate() {
            require_text(&mut e, &format!("groups[{i}].name"), &g.name, 40);
        }
        e.into_result()
    }
    fn unique_key(&self) -> Option<String> {
        Some(format!(
            "{}/{}/{}",
            self.level,
            self.grade,
            self.letter.trim().to_uppercase()
        ))
    }
    fn references(&self) -> Vec<Reference> {
        let mut r = Vec::new();
        if let Some(id) = self.homeroom_id {
            r.push(Reference::new("homeroom_id", Room::COLLECTION, id));
        }
        if let Some(id) = self.time_grid_id {
            r.push(Reference::new("time_grid_id", TimeGrid::COLLECTION, id));
        }
        r
    }
    fn remap_references(&mut self, map: &mut dyn FnMut(&'static str, Id) -> Id) {
        if let Some(id) = &mut self.homeroom_id {
            *id = map(Room::COLLECTION, *id);
        }
        if let Some(id) = &mut self.time_grid_id {
            *id = map(TimeGrid::COLLECTION, *id);
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subject {
    pub name: String,
    #[serde(default)]
    pub short_name: String,
    #[serde(default)]
    pub colour: String,
}

impl Resource for Subject {
    const COLLECTION: &'static str = "subjects";
    const LABEL: &'static str = "asignatura";
    fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        require_text(&mut e, "name", &self.name, 80);
        if self.short_name.chars().count() > 12 {
            e.add("short_name", "admite como máximo 12 caracteres");
        }
        let c = self.colour.trim();
        let is_hex_colour =
            c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|x| x.is_ascii_hexdigit());
        if !c.is_empty() && !is_hex_colour {
            e.add("colour", "use un color #RRGGBB");
        }
        e.into_result()
    }
    fn unique_key(&self) -> Option<String> {
        Some(crate::names::canonical(&self.name))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoomKind {
    Aula,
    Laboratorio,
    Cancha,
    SalaComputacion,
    Otro,
}

/// A (day, period) cell of a time grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Slot {
    pub day: u8,
    pub period: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Room {
    pub name: String,
    #[serde(default = "default_room_kind")]
    pub kind: RoomKind,
    #[serde(default)]
    pub capacity: u32,
    #[serde(default)]
    pub unavailable: Vec<Slot>,
    /// Building the room is in, for rules on building changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub building: Option<String>,
    /// A virtual room (FET 6): sets of real rooms. A lesson placed here takes one real room
    /// of each set, all different, besides this one; empty for a real room.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Vec<Id>>,
}

fn default_room_kind() -> RoomKind {
    RoomKind::Aula
}

impl Resource for Room {
    const COLLECTION: &'static str = "rooms";
    const LABEL: &'static str = "aula";
    fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        require_text(&mut e, "name", &self.name, 60);
        if self.capacity > 2000 {
            e.add("capacity", "capacidad fuera de rango (0 a 2000)");
        }
        for (i, s) in self.unavailable.iter().enumerate() {
            check_day(&mut e, &format!("unavailable[{i}].day"), s.day);
        }
        e.into_result()
    }
    fn unique_key(&self) -> Option<String> {
        Some(crate::names::canonical(&self.name))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Lesson,
    Break,
}

/// One row of a time grid, with its real clock times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub number: u8,
    pub start: ClockTime,
    pub end: ClockTime,
    #[serde(default = "default_period_kind")]
    pub kind: PeriodKind,
}

fn default_period_kind() -> PeriodKind {
    PeriodKind::Lesson
}

/// A level's week: the teaching days and the periods of each day (the same every day).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimeGrid {
    pub name: String,
    #[serde(default)]
    pub level: Option<String>,
    pub days: Vec<u8>,
    pub periods: Vec<Period>,
}

impl TimeGrid {
    /// Lesson periods only, in order (breaks are part of the grid but hold no lessons).
    pub fn lesson_periods(&self) -> impl Iterator<Item = &Period> {
        self.periods.iter().filter(|p| p.kind == PeriodKind::Lesson)
    }
}

impl Resource for TimeGrid {
    const COLLECTION: &'static str = "time_grids";
    const LABEL: &'static str = "horario base";
    fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        require_text(&mut e, "name", &self.name, 60);
        if self.days.is_empty() {
            e.add("days", "indique al menos un día");
        }
        for (i, d) in self.days.iter().enumerate() {
            check_day(&mut e, &format!("days[{i}]"), *d);
        }
        if self.periods.is_empty() {
            e.add("periods", "indique al menos un período");
        }
        let mut numbers = std::collections::BTreeSet::new();
        for (i, p) in self.periods.iter().enumerate() {
            if p.start >= p.end {
                e.add(
                    format!("periods[{i}]"),
                    "la hora de inicio debe ser anterior a la de fin",
                );
            }
            if i > 0 && self.periods[i - 1].end > p.start {
                e.add(format!("periods[{i}]"), "se solapa con el período anterior");
            }
            if p.kind == PeriodKind::Lesson && !numbers.insert(p.number) {
                e.add(format!("periods[{i}].number"), "número de período repetido");
            }
        }
        e.into_result()
    }
    fn unique_key(&self) -> Option<String> {
        Some(crate::names::canonical(&self.name))
    }
}
