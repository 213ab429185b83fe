//! Lessons: the curriculum the timetable must place.

use crate::{FieldErrors, Id, Reference, Resource, Room, RoomKind, Section, Subject};
use serde::{Deserialize, Serialize};

/// A curriculum requirement: a subject taught to section(s) by teacher(s), so many periods a
/// week in blocks (a 2+2 pattern is two double periods on different days).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lesson {
    pub section_ids: Vec<Id>,
    /// The section group that takes this lesson, when the section is divided.
    #[serde(default)]
    pub group: Option<String>,
    pub subject_id: Id,
    #[serde(default)]
    pub teacher_ids: Vec<Id>,
    pub periods_per_week: u16,
    /// Block lengths, summing to `periods_per_week`; empty means single periods.
    #[serde(default)]
    pub block_pattern: Vec<u8>,
    #[serde(default)]
    pub room_kind: Option<RoomKind>,
    #[serde(default)]
    pub room_id: Option<Id>,
    /// Free labels rules can select lessons by (FET's activity tags).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

impl Lesson {
    /// A lesson of the sections with one subject and its teachers, taught in blocks of these
    /// lengths; no group, room or tags yet, as the demo, imports and tests first build one.
    pub fn in_blocks(
        section_ids: Vec<Id>,
        subject_id: Id,
        teacher_ids: Vec<Id>,
        block_pattern: Vec<u8>,
    ) -> Self {
        Lesson {
            section_ids,
            group: None,
            subject_id,
            teacher_ids,
            periods_per_week: block_pattern.iter().map(|&b| u16::from(b)).sum(),
            block_pattern,
            room_kind: None,
            room_id: None,
            tags: Vec::new(),
        }
    }

    /// The blocks to place, longest first; single periods when no pattern is given.
    pub fn blocks(&self) -> Vec<u8> {
        let mut b = if self.block_pattern.is_empty() {
            vec![1; self.periods_per_week as usize]
        } else {
            self.block_pattern.clone()
        };
        b.sort_unstable_by(|a, b| b.cmp(a));
        b
    }
}

impl Resource for Lesson {
    const COLLECTION: &'static str = "lessons";
    const LABEL: &'static str = "clase";
    fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        if self.section_ids.is_empty() {
            e.add("section_ids", "indique al menos una sección");
        }
        if !(1..=40).contains(&self.periods_per_week) {
            e.add("periods_per_week", "debe estar entre 1 y 40");
        }
        if !self.block_pattern.is_empty() {
            let sum: u32 = self.block_pattern.iter().map(|&b| b as u32).sum();
            if self.block_pattern.contains(&0) {
                e.add("block_pattern", "un bloque no puede durar 0 períodos");
            } else if sum != self.periods_per_week as u32 {
                e.add(
                    "block_pattern",
                    format!("los bloques suman {sum}, no {}", self.periods_per_week),
                );
            }
        }
        e.into_result()
    }
    fn references(&self) -> Vec<Reference> {
        let mut r: Vec<Reference> = self
            .section_ids
            .iter()
            .enumerate()
            .map(|(i, &id)| Reference::new(format!("section_ids[{i}]"), Section::COLLECTION, id))
            .collect();
        r.push(Reference::new(
            "subject_id",
            Subject::COLLECTION,
            self.subject_id,
        ));
        for (i, &id) in self.teacher_ids.iter().enumerate() {
            r.push(Reference::new(
                format!("teacher_ids[{i}]"),
                crate::Teacher::COLLECTION,
                id,
            ));
        }
        if let Some(id) = self.room_id {
            r.push(Reference::new("room_id", Room::COLLECTION, id));
        }
        r
    }
    fn remap_references(&mut self, map: &mut dyn FnMut(&'static str, Id) -> Id) {
        for id in &mut self.section_ids {
            *id = map(Section::COLLECTION, *id);
        }
        self.subject_id = map(Subject::COLLECTION, self.subject_id);
        for id in &mut self.teacher_ids {
            *id = map(crate::Teacher::COLLECTION, *id);
        }
        if let Some(id) = &mut self.room_id {
            *id = map(Room::COLLECTION, *id);
        }
    }
}
