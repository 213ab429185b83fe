//! School data → the solver's model, with the tables that lead back from solver indices to
//! school records (for decoding timetables, reports and move checks).
//!
//! Each block of `Lesson::blocks()` is one solver event of that block's duration: a placement
//! is exactly one event, a locked placement is one locked sub-event, and the "one block per day"
//! rule is a spread over the lesson's events.

mod events;
mod fet_guards;
mod guards;
mod rooms;
mod rules;
mod scope;
mod times;
mod virtual_rooms;

pub use times::TimeInfo;

use crate::SchedulingError;
use domain::{Id, RuleKind, SchoolData, TimetableData};
use solver::{EventId, Model, ModelBuilder, ResourceId};
use std::collections::BTreeMap;
use times::Times;

/// What a solver resource stands for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Owner {
    School,
    Section {
        id: Id,
    },
    Group {
        section_id: Id,
        group: String,
    },
    Teacher {
        id: Id,
    },
    Room {
        id: Id,
    },
    Lesson {
        id: Id,
    },
    /// A resource that stands for a rule (blocks that must not overlap).
    Rule {
        id: Id,
    },
}

/// A solver event: one block of one lesson.
#[derive(Debug, Clone)]
pub struct EventInfo {
    pub lesson_id: Id,
    pub unit: u16,
    pub duration: u8,
    pub grid_id: Id,
    /// Index of the room role among the event's roles, if the lesson needs a room.
    pub room_role: Option<usize>,
    /// The room role is open (the solver chooses among several rooms).
    pub room_open: bool,
    /// The section and group resources the event occupies, then its teachers.
    pub sections: Vec<ResourceId>,
    pub teachers: Vec<ResourceId>,
    /// Resources standing for "not overlapping" rules the block is named in.
    pub guards: Vec<ResourceId>,
    pub locked: bool,
    pub label: String,
}

/// Where a solver constraint came from: a rule of the school (or the model's own structure,
/// `rule_id: None`), and whom it is about.
#[derive(Debug, Clone)]
pub struct ConstraintInfo {
    pub rule_id: Option<Id>,
    pub kind: Option<RuleKind>,
    pub hard: bool,
    pub owner: Owner,
    /// What it asks for, in Spanish ("Sin choques de docente", ...).
    pub label: String,
}

/// A school compiled for the solver, with the way back.
#[derive(Debug)]
pub struct Compiled {
    pub model: Model,
    pub(crate) times: Times,
    pub events: Vec<EventInfo>,
    pub resources: Vec<Owner>,
    pub constraints: Vec<ConstraintInfo>,
    pub(crate) event_of: BTreeMap<(Id, u16), EventId>,
    pub(crate) names: BTreeMap<Owner, String>,
    /// The grid whose periods each teacher's availability and workload are read on.
    pub(crate) teacher_grid: BTreeMap<Id, Id>,
    /// Enabled rules the solver cannot express yet (some FET kinds): they are not enforced.
    pub skipped_rules: Vec<(Id, RuleKind)>,
}

impl Compiled {
    /// Where solver time `t` lies in the school's week.
    pub fn time_info(&self, t: solver::TimeId) -> &TimeInfo {
        self.times.get(t)
    }
    /// The event of block `unit` of lesson `lesson_id`.
    pub fn event_of(&self, lesson_id: Id, unit: u16) -> Option<EventId> {
        self.event_of.get(&(lesson_id, unit)).copied()
    }
    /// A readable name ("1er año A", "Ana Pérez", "Laboratorio", "MAT 1er año A").
    pub fn name_of(&self, owner: &Owner) -> String {
        self.names
            .get(owner)
            .cloned()
            .unwrap_or_else(|| "la escuela".into())
    }
    pub(crate) fn room_id(&self, r: ResourceId) -> Option<Id> {
        match self.resources.get(r.index()) {
            Some(Owner::Room { id }) => Some(*id),
            _ => None,
        }
    }
}

/// Compiles `school` (its enabled rules, each hard or soft with its weight). Locked placements
/// of `timetable_to_keep` become locked sub-events: the solver never moves them.
pub fn compile(
    school: &SchoolData,
    timetable_to_keep: Option<&TimetableData>,
) -> Result<Compiled, SchedulingError> {
    school
        .validate()
        .map_err(|e| SchedulingError::InvalidSchool(e.to_string()))?;
    compile_validated(school, timetable_to_keep)
}

/// [`compile`] for a `school` whose `validate()` the caller has just passed (an import
/// validates what it builds): validating a large school again costs more than reading it.
pub fn compile_validated(
    school: &SchoolData,
    timetable_to_keep: Option<&TimetableData>,
) -> Result<Compiled, SchedulingError> {
    let mut b = ModelBuilder::new();
    let grids = events::grids_in_use(school)?;
    let grid_refs: Vec<(Id, &domain::TimeGrid)> = grids.iter().map(|(id, g)| (*id, *g)).collect();
    let times = Times::build(&grid_refs, &mut b);
    if times.info.is_empty() {
        return Err(SchedulingError::InvalidSchool(
            "el horario base no tiene períodos de clase".into(),
        ));
    }
    let mut draft = events::Draft::new(school, times, &mut b)?;
    draft.add_events(school, timetable_to_keep, &mut b)?;
    let (constraints, skipped_rules) = rules::add_constraints(school, &draft, &mut b)?;
    let model = b
        .build()
        .map_err(|e| SchedulingError::Model(e.to_string()))?;
    Ok(Compiled {
        model,
        times: draft.times,
        events: draft.events,
        resources: draft.resources,
        constraints,
        event_of: draft.event_of,
        names: draft.names,
        teacher_grid: draft.teacher_grid,
        skipped_rules,
    })
}
