//! Teachers and students.

use crate::resource::{check_day, require_text};
use crate::{FieldErrors, Id, Reference, Resource, Section, Subject};
use serde::{Deserialize, Serialize};

/// How a teacher feels about a period: the solver must avoid `Unavailable`, should avoid `Undesired`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotStatus {
    Available,
    Undesired,
    Unavailable,
}

/// An exception to "available": periods not listed are available.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Availability {
    pub day: u8,
    pub period: u8,
    pub status: SlotStatus,
}

/// A period the teacher spends on non-teaching duties (ADMINISTRATIVA, CCM, ...): unavailable
/// for lessons, and shown on the teacher's timetable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NonTeachingBlock {
    pub day: u8,
    pub period: u8,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Teacher {
    pub name: String,
    #[serde(default)]
    pub identity_document: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub subject_ids: Vec<Id>,
    #[serde(default)]
    pub max_periods_per_day: Option<u8>,
    #[serde(default)]
    pub max_periods_per_week: Option<u16>,
    #[serde(default)]
    pub availability: Vec<Availability>,
    #[serde(default)]
    pub blocks: Vec<NonTeachingBlock>,
}

impl Teacher {
    /// A teacher known by name only: no document, subjects, limits or availability yet, as an
    /// import or a test first meets them.
    pub fn named(name: impl Into<String>) -> Self {
        Teacher {
            name: name.into(),
            identity_document: None,
            email: None,
            subject_ids: Vec::new(),
            max_periods_per_day: None,
            max_periods_per_week: None,
            availability: Vec::new(),
            blocks: Vec::new(),
        }
    }

    pub fn status_at(&self, day: u8, period: u8) -> SlotStatus {
        if self
            .blocks
            .iter()
            .any(|b| b.day == day && b.period == period)
        {
            return SlotStatus::Unavailable;
        }
        self.availability
            .iter()
            .find(|a| a.day == day && a.period == period)
            .map_or(SlotStatus::Available, |a| a.status)
    }
}

impl Resource for Teacher {
    const COLLECTION: &'static str = "teachers";
    const LABEL: &'static str = "docente";
    fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        require_text(&mut e, "name", &self.name, 120);
        if let Some(doc) = &self.identity_document {
            let d = doc.trim();
            let body = d.trim_start_matches(['V', 'E', 'v', 'e', '-', '.']);
            if d.is_empty()
                || body.is_empty()
                || !body.chars().all(|c| c.is_ascii_digit() || c == '.')
            {
                e.add("identity_document", "cédula inválida (p. ej. V-12345678)");
            }
        }
        if let Some(email) = &self.email
            && !email.contains('@')
        {
            e.add("email", "correo inválido");
        }
        if self.max_periods_per_day == Some(0) {
            e.add("max_periods_per_day", "debe ser al menos 1");
        }
        if self.max_periods_per_week.is_some_and(|w| w == 0 || w > 80) {
            e.add("max_periods_per_week", "debe estar entre 1 y 80");
        }
        for (i, a) in self.availability.iter().enumerate() {
            check_day(&mut e, &format!("availability[{i}].day"), a.day);
        }
        for (i, b) in self.blocks.iter().enumerate() {
            check_day(&mut e, &format!("blocks[{i}].day"), b.day);
            require_text(&mut e, &format!("blocks[{i}].label"), &b.label, 40);
        }
        e.into_result()
    }
    fn unique_key(&self) -> Option<String> {
        Some(crate::names::canonical(&self.name))
    }
    fn references(&self) -> Vec<Reference> {
        self.subject_ids
            .iter()
            .enumerate()
            .map(|(i, &id)| Reference::new(format!("subject_ids[{i}]"), Subject::COLLECTION, id))
            .collect()
    }
    fn remap_references(&mut self, map: &mut dyn FnMut(&'static str, Id) -> Id) {
        for id in &mut self.subject_ids {
            *id = map(Subject::COLLECTION, *id);
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Student {
    pub first_name: String,
    pub last_name: String,
    pub gender: String,
    pub section_id: Id,
    #[serde(default)]
    pub identity_document: Option<String>,
}

impl Resource for Student {
    const COLLECTION: &'static str = "students";
    const LABEL: &'static str = "estudiante";
    fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        require_text(&mut e, "first_name", &self.first_name, 80);
        require_text(&mut e, "last_name", &self.last_name, 80);
        if self.gender != "M" && self.gender != "F" {
            e.add("gender", "use \"M\" o \"F\"");
        }
        e.into_result()
    }
    fn references(&self) -> Vec<Reference> {
        vec![Reference::new(
            "section_id",
            Section::COLLECTION,
            self.section_id,
        )]
    }
    fn remap_references(&mut self, map: &mut dyn FnMut(&'static str, Id) -> Id) {
        self.section_id = map(Section::COLLECTION, self.section_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn teacher() -> Teacher {
        Teacher::named("Ana Pérez")
    }

    #[test]
    fn blocks_make_a_period_unavailable() {
        let mut t = teacher();
        t.availability.push(Availability {
            day: 1,
            period: 2,
            status: SlotStatus::Undesired,
        });
        t.blocks.push(NonTeachingBlock {
            day: 2,
            period: 3,
            label: "ADMINISTRATIVA".into(),
        });
        assert_eq!(t.status_at(1, 1), SlotStatus::Available);
        assert_eq!(t.status_at(1, 2), SlotStatus::Undesired);
        assert_eq!(t.status_at(2, 3), SlotStatus::Unavailable);
    }

    #[test]
    fn validation_names_fields() {
        let mut t = teacher();
        t.name = " ".into();
        t.identity_document = Some("abc".into());
        t.max_periods_per_week = Some(0);
        let err = t.validate().unwrap_err();
        assert!(err.0.contains_key("name"));
        assert!(err.0.contains_key("identity_document"));
        assert!(err.0.contains_key("max_periods_per_week"));
        let mut ok = teacher();
        ok.identity_document = Some("V-12.345.678".into());
        assert!(ok.validate().is_ok());
    }
}
