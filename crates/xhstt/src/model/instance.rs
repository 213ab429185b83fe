//! An XHSTT instance: times, resources, events and constraints, with every reference resolved to a
//! dense index. Original `Id` strings are kept so that a solution or report can be written back.

use std::collections::HashMap;

use crate::ids::{
    EventGroupId, EventId, ResourceGroupId, ResourceId, ResourceTypeId, TimeGroupId, TimeId,
};
use crate::model::constraint::Constraint;

/// The `<MetaData>` of an instance. Fields absent in the file are empty strings / `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InstanceMetadata {
    pub name: String,
    pub contributor: String,
    pub date: String,
    pub country: String,
    pub description: String,
    pub publication: Option<String>,
    pub remarks: Option<String>,
}

/// One time (period). Its index ([`TimeId`]) is its position in instance order, which is the
/// chronological order the specification uses for durations and idle times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Time {
    pub id: String,
    pub name: String,
    /// Groups this time belongs to (its `Week`, `Day` and `TimeGroups` references), in file order.
    pub time_groups: Vec<TimeGroupId>,
}

/// Which element declared a time group. Days and weeks are time groups with a hint for solvers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeGroupKind {
    TimeGroup,
    Day,
    Week,
}

/// A set of times (`<TimeGroup>`, `<Day>` or `<Week>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeGroup {
    pub id: String,
    pub name: String,
    pub kind: TimeGroupKind,
    /// Member times in ascending (chronological) order, without duplicates.
    pub times: Vec<TimeId>,
}

/// A resource type such as Teacher, Class or Room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceType {
    pub id: String,
    pub name: String,
}

/// A named set of resources of one type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceGroup {
    pub id: String,
    pub name: String,
    pub resource_type: ResourceTypeId,
    /// Member resources in instance order, without duplicates.
    pub resources: Vec<ResourceId>,
}

/// A resource (teacher, class, room, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    pub id: String,
    pub name: String,
    pub resource_type: ResourceTypeId,
    pub resource_groups: Vec<ResourceGroupId>,
}

/// Which element declared an event group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventGroupKind {
    EventGroup,
    Course,
}

/// A named set of events (`<EventGroup>` or `<Course>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventGroup {
    pub id: String,
    pub name: String,
    pub kind: EventGroupKind,
    /// Member events in instance order, without duplicates.
    pub events: Vec<EventId>,
}

/// One resource slot of an event ("event resource"): preassigned (`resource` is `Some`) or open, to be
/// filled by a solution through its `role`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventResource {
    /// The preassigned resource, if any.
    pub resource: Option<ResourceId>,
    /// The role; solutions name the slot by it. Unique within the event when present.
    pub role: Option<String>,
    /// The type of resource the slot takes (the preassigned resource's type when not given).
    pub resource_type: ResourceTypeId,
    /// `<Workload>` of this slot; when `None` the event's workload applies.
    pub workload: Option<u32>,
    /// `Some(g)` when this slot was not written as a `<Resource>` but comes from the event's
    /// `<ResourceGroups>` shorthand (every resource of `g` preassigned, no role). The writer emits the
    /// group reference instead of the slot.
    pub from_group: Option<ResourceGroupId>,
}

/// An event (a lesson of `duration` times, possibly split into sub-events by a solution).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub name: String,
    /// The optional `Color` attribute.
    pub color: Option<String>,
    pub duration: u32,
    /// `<Workload>` of the event; when `None` it equals `duration`.
    pub workload: Option<u32>,
    /// `<Course>` reference (the course is also listed in `event_groups`).
    pub course: Option<EventGroupId>,
    /// Preassigned starting time.
    pub time: Option<TimeId>,
    /// Resource slots: the declared `<Resource>` children in order, then one slot per resource of each
    /// `<ResourceGroups>` reference (see [`EventResource::from_group`]).
    pub resources: Vec<EventResource>,
    /// The `<ResourceGroups>` references as written.
    pub resource_groups: Vec<ResourceGroupId>,
    /// Every event group containing this event, the course included, in file order.
    pub event_groups: Vec<EventGroupId>,
}

impl Event {
    /// The event's workload (the `<Workload>` element, or the duration when absent).
    pub fn effective_workload(&self) -> u32 {
        self.workload.unwrap_or(self.duration)
    }

    /// The slot with the given role.
    pub fn resource_by_role(&self, role: &str) -> Option<usize> {
        self.resources
            .iter()
            .position(|r| r.role.as_deref() == Some(role))
    }
}

/// One XHSTT instance. Build it with [`crate::read_archive`]; all `Vec`s are indexed by the id types
/// in [`crate::ids`].
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    pub id: String,
    pub metadata: InstanceMetadata,
    pub times: Vec<Time>,
    pub time_groups: Vec<TimeGroup>,
    pub resource_types: Vec<ResourceType>,
    pub resource_groups: Vec<ResourceGroup>,
    pub resources: Vec<Resource>,
    pub event_groups: Vec<EventGroup>,
    pub events: Vec<Event>,
    pub constraints: Vec<Constraint>,
    pub(crate) lookup: Lookup,
}

/// Id string → index maps, filled by the reader.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Lookup {
    pub times: HashMap<String, TimeId>,
    pub time_groups: HashMap<String, TimeGroupId>,
    pub resource_types: HashMap<String, ResourceTypeId>,
    pub resource_groups: HashMap<String, ResourceGroupId>,
    pub resources: HashMap<String, ResourceId>,
    pub event_groups: HashMap<String, EventGroupId>,
    pub events: HashMap<String, EventId>,
}

impl Instance {
    pub fn time_by_id(&self, id: &str) -> Option<TimeId> {
        self.lookup.times.get(id).copied()
    }
    pub fn time_group_by_id(&self, id: &str) -> Option<TimeGroupId> {
        self.lookup.time_groups.get(id).copied()
    }
    pub fn resource_type_by_id(&self, id: &str) -> Option<ResourceTypeId> {
        self.lookup.resource_types.get(id).copied()
    }
    pub fn resource_group_by_id(&self, id: &str) -> Option<ResourceGroupId> {
        self.lookup.resource_groups.get(id).copied()
    }
    pub fn resource_by_id(&self, id: &str) -> Option<ResourceId> {
        self.lookup.resources.get(id).copied()
    }
    pub fn event_group_by_id(&self, id: &str) -> Option<EventGroupId> {
        self.lookup.event_groups.get(id).copied()
    }
    pub fn event_by_id(&self, id: &str) -> Option<EventId> {
        self.lookup.events.get(id).copied()
    }

    pub fn time(&self, id: TimeId) -> &Time {
        &self.times[id.index()]
    }
    pub fn time_group(&self, id: TimeGroupId) -> &TimeGroup {
        &self.time_groups[id.index()]
    }
    pub fn resource_group(&self, id: ResourceGroupId) -> &ResourceGroup {
        &self.resource_groups[id.index()]
    }
    pub fn resource(&self, id: ResourceId) -> &Resource {
        &self.resources[id.index()]
    }
    pub fn event_group(&self, id: EventGroupId) -> &EventGroup {
        &self.event_groups[id.index()]
    }
    pub fn event(&self, id: EventId) -> &Event {
        &self.events[id.index()]
    }
}
