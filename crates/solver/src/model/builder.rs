//! Collects times, resources, events and constraints, then validates and compiles them.

use super::Model;
use super::spec::{Constraint, EventSpec, RoleResource};
use crate::error::SolverError;
use crate::ids::{ConstraintId, EventId, ResourceId, ResourceTypeId, TimeGroupId, TimeId};

/// Builds a [`Model`]. Ids are handed out densely in insertion order.
#[derive(Debug, Default)]
pub struct ModelBuilder {
    pub(super) time_names: Vec<String>,
    pub(super) time_ticks: Vec<Vec<u32>>,
    pub(super) time_group_names: Vec<String>,
    pub(super) time_groups: Vec<Vec<TimeId>>,
    pub(super) resource_type_names: Vec<String>,
    pub(super) resource_names: Vec<String>,
    pub(super) resource_types: Vec<ResourceTypeId>,
    pub(super) events: Vec<EventSpec>,
    pub(super) constraints: Vec<Constraint>,
}

impl ModelBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A time occupying its own clock tick (no overlap with any other time).
    pub fn add_time(&mut self, name: impl Into<String>) -> TimeId {
        let tick = self.time_names.len() as u32;
        self.add_time_with_ticks(name, vec![tick])
    }

    /// A time covering the given clock ticks. Two times sharing a tick overlap in clock time,
    /// so a resource attending both clashes (e.g. periods of two different school grids).
    /// Times must be added in chronological order of their starts.
    pub fn add_time_with_ticks(&mut self, name: impl Into<String>, ticks: Vec<u32>) -> TimeId {
        self.time_names.push(name.into());
        self.time_ticks.push(ticks);
        TimeId(self.time_names.len() as u32 - 1)
    }

    pub fn add_time_group(&mut self, name: impl Into<String>, times: Vec<TimeId>) -> TimeGroupId {
        self.time_group_names.push(name.into());
        self.time_groups.push(times);
        TimeGroupId(self.time_groups.len() as u32 - 1)
    }

    pub fn add_resource_type(&mut self, name: impl Into<String>) -> ResourceTypeId {
        self.resource_type_names.push(name.into());
        ResourceTypeId(self.resource_type_names.len() as u32 - 1)
    }

    pub fn add_resource(&mut self, name: impl Into<String>, kind: ResourceTypeId) -> ResourceId {
        self.resource_names.push(name.into());
        self.resource_types.push(kind);
        ResourceId(self.resource_names.len() as u32 - 1)
    }

    pub fn add_event(&mut self, event: EventSpec) -> EventId {
        self.events.push(event);
        EventId(self.events.len() as u32 - 1)
    }

    pub fn add_constraint(&mut self, constraint: Constraint) -> ConstraintId {
        self.constraints.push(constraint);
        ConstraintId(self.constraints.len() as u32 - 1)
    }

    pub fn num_times(&self) -> usize {
        self.time_names.len()
    }

    /// Validates every index and compiles the model.
    pub fn build(self) -> Result<Model, SolverError> {
        if self.time_names.is_empty() {
            return Err(SolverError::NoTimes);
        }
        self.validate_events()?;
        super::compile::compile(self)
    }

    fn validate_events(&self) -> Result<(), SolverError> {
        let nt = self.time_names.len() as u32;
        let nr = self.resource_names.len() as u32;
        let bad = |event: &EventSpec, reason: String| SolverError::BadEvent {
            event: event.name.clone(),
            reason,
        };
        for ty in &self.resource_types {
            if ty.0 as usize >= self.resource_type_names.len() {
                return Err(SolverError::UnknownIndex {
                    what: "tipo de recurso",
                    index: ty.0,
                    context: "recursos".into(),
                });
            }
        }
        for (g, times) in self.time_groups.iter().enumerate() {
            if let Some(t) = times.iter().find(|t| t.0 >= nt) {
                return Err(SolverError::UnknownIndex {
                    what: "tiempo",
                    index: t.0,
                    context: format!("grupo de tiempos {}", self.time_group_names[g]),
                });
            }
        }
        for event in &self.events {
            if event.duration == 0 {
                return Err(bad(event, "tiene duración 0".into()));
            }
            if let Some(t) = event.preassigned_time
                && t.0 + event.duration > nt
            {
                return Err(bad(event, "termina después del último tiempo".into()));
            }
            for role in &event.roles {
                match &role.resource {
                    RoleResource::Fixed(r) if r.0 >= nr => {
                        return Err(bad(event, format!("usa el recurso {} inexistente", r.0)));
                    }
                    RoleResource::Open { domain, .. } => {
                        if let Some(r) = domain.iter().find(|r| r.0 >= nr) {
                            return Err(bad(event, format!("usa el recurso {} inexistente", r.0)));
                        }
                    }
                    _ => {}
                }
            }
            let locked: u32 = event.locked.iter().map(|l| l.duration).sum();
            if locked > event.duration {
                return Err(bad(
                    event,
                    "tiene sub-eventos fijos más largos que él".into(),
                ));
            }
            for l in &event.locked {
                if l.duration == 0 || l.start.0 + l.duration > nt {
                    return Err(bad(
                        event,
                        "tiene un sub-evento fijo fuera de la semana".into(),
                    ));
                }
                if l.resources.len() > event.roles.len() {
                    return Err(bad(event, "fija más recursos que roles".into()));
                }
            }
        }
        Ok(())
    }
}
