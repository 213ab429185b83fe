//! What the readers gather from every file before anything is decided: names as written,
//! periods as clock intervals, lessons seen in cells, duties, rooms. `assemble` turns it into
//! a `SchoolData` once every name is resolved.

use crate::error::{Location, Problem};
use crate::labels::SectionLabel;
use crate::name_merge::{NameBook, NameKind};
use domain::{ClockTime, RoomKind, SlotStatus};
use std::collections::{BTreeMap, BTreeSet};

/// (level, grade, letter) — how sections are told apart in every source.
pub type SectionKey = (String, u8, String);

pub fn section_key(label: &SectionLabel) -> SectionKey {
    (
        label.level.clone(),
        label.grade,
        label.letter_or_default().to_uppercase(),
    )
}

#[derive(Debug, Clone)]
pub struct RawPeriod {
    pub start: ClockTime,
    pub end: ClockTime,
    pub is_break: bool,
    pub location: Location,
}

#[derive(Debug, Clone, Default)]
pub struct SectionInfo {
    pub size: u32,
    pub homeroom: Option<String>,
    pub groups: BTreeSet<String>,
    pub location: Location,
}

/// One period of one lesson as a section's grid shows it.
#[derive(Debug, Clone)]
pub struct GridLesson {
    pub section: SectionKey,
    pub day: u8,
    pub start: ClockTime,
    pub end: ClockTime,
    pub group: Option<String>,
    pub subject: String,
    pub teacher: String,
    pub room: Option<String>,
    pub location: Location,
}

/// A lesson as a teacher's own grid shows it; only used to learn rooms named there.
#[derive(Debug, Clone)]
pub struct TeacherCell {
    pub teacher: String,
    pub subject: String,
    pub section: SectionKey,
    pub room: Option<String>,
    pub day: u8,
    pub start: ClockTime,
    pub end: ClockTime,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub enum When {
    Clock { start: ClockTime, end: ClockTime },
    Period(u8),
}

#[derive(Debug, Clone)]
pub struct RawBlock {
    pub teacher: String,
    pub day: u8,
    pub when: When,
    pub label: String,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct RawAvailability {
    pub teacher: String,
    pub day: u8,
    pub when: When,
    pub status: SlotStatus,
    pub location: Location,
}

#[derive(Debug, Clone, Default)]
pub struct TeacherInfo {
    pub identity_document: Option<String>,
    pub email: Option<String>,
    pub max_periods_per_day: Option<u8>,
    pub max_periods_per_week: Option<u16>,
    pub subjects: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct RoomInfo {
    pub name: String,
    pub kind: Option<RoomKind>,
    pub capacity: u32,
}

/// A lesson given row by row in a flat template.
#[derive(Debug, Clone)]
pub struct ListedLesson {
    pub sections: Vec<SectionKey>,
    pub group: Option<String>,
    pub subject: String,
    pub teachers: Vec<String>,
    pub periods_per_week: u16,
    pub block_pattern: Vec<u8>,
    pub room_kind: Option<RoomKind>,
    pub room: Option<String>,
    pub location: Location,
}

#[derive(Debug)]
pub struct Builder {
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
    pub teachers: NameBook,
    pub subjects: NameBook,
    pub periods: Vec<RawPeriod>,
    pub days: BTreeSet<u8>,
    pub sections: BTreeMap<SectionKey, SectionInfo>,
    pub grid_lessons: Vec<GridLesson>,
    pub teacher_cells: Vec<TeacherCell>,
    pub load_rows: Vec<crate::load_table::LoadRow>,
    pub blocks: Vec<RawBlock>,
    pub availability: Vec<RawAvailability>,
    pub teacher_info: BTreeMap<String, TeacherInfo>,
    pub subject_info: BTreeMap<String, (String, String)>,
    pub rooms: BTreeMap<String, RoomInfo>,
    pub listed_lessons: Vec<ListedLesson>,
    /// Name of the first file that gave a timetable, for naming the imported version.
    pub timetable_source: Option<String>,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            errors: Vec::new(),
            warnings: Vec::new(),
            teachers: NameBook::new(NameKind::Teacher),
            subjects: NameBook::new(NameKind::Subject),
            periods: Vec::new(),
            days: BTreeSet::new(),
            sections: BTreeMap::new(),
            grid_lessons: Vec::new(),
            teacher_cells: Vec::new(),
            load_rows: Vec::new(),
            blocks: Vec::new(),
            availability: Vec::new(),
            teacher_info: BTreeMap::new(),
            subject_info: BTreeMap::new(),
            rooms: BTreeMap::new(),
            listed_lessons: Vec::new(),
            timetable_source: None,
        }
    }
}

impl Builder {
    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.errors.push(Problem::new(location, message));
    }
    pub fn warn(&mut self, location: Location, message: impl Into<String>) {
        self.warnings.push(Problem::new(location, message));
    }
    pub fn add_room(&mut self, name: &str, kind: Option<RoomKind>, capacity: u32) -> String {
        let key = domain::names::canonical(name);
        let entry = self.rooms.entry(key.clone()).or_insert(RoomInfo {
            name: crate::name_merge::tidy(name),
            kind: None,
            capacity: 0,
        });
        entry.kind = entry.kind.or(kind);
        entry.capacity = entry.capacity.max(capacity);
        key
    }
}

/// The kind a room's name suggests ("Laboratorio de Química", "Cancha").
pub fn room_kind_from_name(name: &str) -> RoomKind {
    let c = domain::names::canonical(name);
    if c.starts_with("LAB") {
        RoomKind::Laboratorio
    } else if c.contains("CANCHA") || c.contains("PATIO") || c.contains("GIMNASIO") {
        RoomKind::Cancha
    } else if c.contains("COMPUTACION") || c.contains("INFORMATICA") {
        RoomKind::SalaComputacion
    } else if c.starts_with("AULA") || c.starts_with("SALON") {
        RoomKind::Aula
    } else {
        RoomKind::Otro
    }
}
