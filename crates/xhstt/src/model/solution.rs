//! Archives, solution groups, solutions and reports.

use crate::ids::{EventId, ResourceId, TimeId};
use crate::model::instance::Instance;

/// The `<MetaData>` of an archive (optional in the format).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArchiveMetadata {
    pub name: String,
    pub contributor: String,
    pub date: String,
    pub description: String,
    pub remarks: Option<String>,
}

/// A whole `<HighSchoolTimetableArchive>`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Archive {
    /// The optional `Id` attribute.
    pub id: Option<String>,
    pub metadata: Option<ArchiveMetadata>,
    pub instances: Vec<Instance>,
    pub solution_groups: Vec<SolutionGroup>,
}

impl Archive {
    /// The instance with the given `Id`.
    pub fn instance_by_id(&self, id: &str) -> Option<&Instance> {
        self.instances.iter().find(|i| i.id == id)
    }
}

/// The `<MetaData>` of a solution group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SolutionGroupMetadata {
    pub contributor: String,
    pub date: String,
    pub description: String,
    pub publication: Option<String>,
    pub remarks: Option<String>,
}

/// A `<SolutionGroup>`: solutions produced together (one solver, one run), at most one per instance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SolutionGroup {
    pub id: String,
    pub metadata: SolutionGroupMetadata,
    pub solutions: Vec<Solution>,
}

/// One `<Solution>` of one instance.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Solution {
    /// Index into [`Archive::instances`] of the instance it solves.
    pub instance: usize,
    pub description: Option<String>,
    /// `<RunningTime>` as written (seconds, free text in some files).
    pub running_time: Option<String>,
    /// Sub-events ("solution events") in file order; several may refer to the same event (a split).
    pub events: Vec<SolutionEvent>,
    pub report: Option<Report>,
}

/// One solution event: a sub-event of an instance event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SolutionEvent {
    pub event: EventId,
    /// `<Duration>`; `None` means the whole event's duration.
    pub duration: Option<u32>,
    /// Assigned starting time, if any.
    pub time: Option<TimeId>,
    /// Resources assigned to the event's slots, each naming the slot by role.
    pub resources: Vec<SolutionResource>,
}

/// A resource assigned to the event resource (slot) with `role`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SolutionResource {
    pub resource: ResourceId,
    pub role: String,
}

/// Which kind of object a report line is attributed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportObject {
    Resource,
    Event,
    EventGroup,
}

/// One `<Constraint Reference><Cost>` line of a report, kept as strings for fidelity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEntry {
    pub object_kind: ReportObject,
    /// The `Reference` of the resource, event or event group.
    pub object: String,
    /// The `Reference` of the constraint.
    pub constraint: String,
    pub cost: u64,
    pub description: Option<String>,
}

/// A solution's `<Report>`: its official cost and optionally where the cost comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub infeasibility: u64,
    pub objective: u64,
    pub entries: Vec<ReportEntry>,
}
