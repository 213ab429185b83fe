//! Timetable versions and the placements that make them.

use crate::resource::check_day;
use crate::{FieldErrors, Id, Reference, Resource};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimetableStatus {
    Draft,
    Active,
    Archived,
}

/// One version of the school's timetable: generated, imported or edited by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timetable {
    pub name: String,
    #[serde(default = "draft")]
    pub status: TimetableStatus,
    #[serde(default)]
    pub school_year_id: Option<Id>,
    /// Where it came from: "solver", "import", "manual".
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub hard_cost: Option<u64>,
    #[serde(default)]
    pub soft_cost: Option<u64>,
}

fn draft() -> TimetableStatus {
    TimetableStatus::Draft
}

impl Resource for Timetable {
    const COLLECTION: &'static str = "timetables";
    const LABEL: &'static str = "horario";
    fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        crate::resource::require_text(&mut e, "name", &self.name, 120);
        e.into_result()
    }
    fn references(&self) -> Vec<Reference> {
        self.school_year_id
            .map(|id| {
                vec![Reference::new(
                    "school_year_id",
                    crate::SchoolYear::COLLECTION,
                    id,
                )]
            })
            .unwrap_or_default()
    }
    fn remap_references(&mut self, map: &mut dyn FnMut(&'static str, Id) -> Id) {
        if let Some(id) = &mut self.school_year_id {
            *id = map(crate::SchoolYear::COLLECTION, *id);
        }
    }
}

/// One block of a lesson put at a day and starting period (and room), possibly locked so that
/// re-solving leaves it where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    pub timetable_id: Id,
    pub lesson_id: Id,
    /// Which block of the lesson (0-based, in the order of `Lesson::blocks`).
    pub unit: u16,
    pub day: u8,
    pub period: u8,
    pub duration: u8,
    #[serde(default)]
    pub room_id: Option<Id>,
    #[serde(default)]
    pub locked: bool,
}

impl Resource for Placement {
    const COLLECTION: &'static str = "placements";
    const LABEL: &'static str = "ubicación";
    fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        check_day(&mut e, "day", self.day);
        if self.duration == 0 {
            e.add("duration", "debe ser al menos 1");
        }
        e.into_result()
    }
    fn references(&self) -> Vec<Reference> {
        let mut r = vec![
            Reference::new("timetable_id", Timetable::COLLECTION, self.timetable_id),
            Reference::new("lesson_id", crate::Lesson::COLLECTION, self.lesson_id),
        ];
        if let Some(id) = self.room_id {
            r.push(Reference::new("room_id", crate::Room::COLLECTION, id));
        }
        r
    }
    fn remap_references(&mut self, map: &mut dyn FnMut(&'static str, Id) -> Id) {
        self.timetable_id = map(Timetable::COLLECTION, self.timetable_id);
        self.lesson_id = map(crate::Lesson::COLLECTION, self.lesson_id);
        if let Some(id) = &mut self.room_id {
            *id = map(crate::Room::COLLECTION, *id);
        }
    }
}
