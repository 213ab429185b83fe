//! The 16 XHSTT-2014 constraint types with their parameters and points of application.

use crate::ids::{EventGroupId, EventId, ResourceGroupId, ResourceId, TimeGroupId, TimeId};
use crate::model::instance::Instance;

/// How deviations become cost: `weight × f(deviation)` per point of application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CostFunction {
    /// f(d) = d
    Linear,
    /// f(d) = d²
    Quadratic,
    /// f(d) = 1 if d > 0, else 0
    Step,
}

impl CostFunction {
    /// The cost of one point of application with deviation `deviation`.
    pub fn cost(self, weight: u32, deviation: u64) -> u64 {
        let f = match self {
            CostFunction::Linear => deviation,
            CostFunction::Quadratic => deviation * deviation,
            CostFunction::Step => u64::from(deviation > 0),
        };
        u64::from(weight) * f
    }

    /// The element text (`Linear`, `Quadratic`, `Step`).
    pub fn as_str(self) -> &'static str {
        match self {
            CostFunction::Linear => "Linear",
            CostFunction::Quadratic => "Quadratic",
            CostFunction::Step => "Step",
        }
    }
}

/// One `<EventPair>` of an OrderEvents constraint, with its optional separation overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPair {
    pub first: EventId,
    pub second: EventId,
    pub min_separation: Option<u32>,
    pub max_separation: Option<u32>,
}

/// The `<AppliesTo>` part as written. Use [`Constraint::applies_to_events`] /
/// [`Constraint::applies_to_resources`] for the flattened points of application.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AppliesTo {
    pub event_groups: Vec<EventGroupId>,
    pub events: Vec<EventId>,
    pub resource_groups: Vec<ResourceGroupId>,
    pub resources: Vec<ResourceId>,
    pub event_pairs: Vec<EventPair>,
}

/// A time group of a SpreadEvents constraint with its limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitedTimeGroup {
    pub time_group: TimeGroupId,
    pub minimum: u32,
    pub maximum: u32,
}

/// A set of times written as `<TimeGroups>` plus `<Times>` (their union is meant).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimeSet {
    pub time_groups: Vec<TimeGroupId>,
    pub times: Vec<TimeId>,
}

impl TimeSet {
    /// Membership flags indexed by [`TimeId`].
    pub fn flags(&self, instance: &Instance) -> Vec<bool> {
        let mut flags = vec![false; instance.times.len()];
        for &g in &self.time_groups {
            for &t in &instance.time_group(g).times {
                flags[t.index()] = true;
            }
        }
        for &t in &self.times {
            flags[t.index()] = true;
        }
        flags
    }
}

/// A set of resources written as `<ResourceGroups>` plus `<Resources>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResourceSet {
    pub resource_groups: Vec<ResourceGroupId>,
    pub resources: Vec<ResourceId>,
}

impl ResourceSet {
    /// Membership flags indexed by [`ResourceId`].
    pub fn flags(&self, instance: &Instance) -> Vec<bool> {
        let mut flags = vec![false; instance.resources.len()];
        for &g in &self.resource_groups {
            for &r in &instance.resource_group(g).resources {
                flags[r.index()] = true;
            }
        }
        for &r in &self.resources {
            flags[r.index()] = true;
        }
        flags
    }
}

/// The type-specific part of a constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConstraintKind {
    AssignResource {
        role: String,
    },
    AssignTime,
    SplitEvents {
        min_duration: u32,
        max_duration: u32,
        min_amount: u32,
        max_amount: u32,
    },
    DistributeSplitEvents {
        duration: u32,
        minimum: u32,
        maximum: u32,
    },
    PreferResources {
        role: String,
        preferred: ResourceSet,
    },
    PreferTimes {
        preferred: TimeSet,
        /// When present, only sub-events of exactly this duration are constrained.
        duration: Option<u32>,
    },
    AvoidSplitAssignments {
        role: String,
    },
    SpreadEvents {
        time_groups: Vec<LimitedTimeGroup>,
    },
    LinkEvents,
    OrderEvents {
        /// Default for pairs without their own; 0 when absent.
        min_separation: Option<u32>,
        /// Default for pairs without their own; unbounded when absent.
        max_separation: Option<u32>,
    },
    AvoidClashes,
    AvoidUnavailableTimes {
        times: TimeSet,
    },
    LimitIdleTimes {
        time_groups: Vec<TimeGroupId>,
        minimum: u32,
        maximum: u32,
    },
    ClusterBusyTimes {
        time_groups: Vec<TimeGroupId>,
        minimum: u32,
        maximum: u32,
        /// `<AllowZero>`: being busy in no time group at all costs nothing.
        allow_zero: Option<bool>,
    },
    LimitBusyTimes {
        time_groups: Vec<TimeGroupId>,
        minimum: u32,
        maximum: u32,
        /// `<AllowZero>` as written (time groups where the resource is not busy are never penalised).
        allow_zero: Option<bool>,
    },
    LimitWorkload {
        minimum: u32,
        maximum: u32,
        /// `<AllowZero>`: a total workload of zero costs nothing.
        allow_zero: Option<bool>,
    },
}

/// The constraint type without parameters, for reports and dispatch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConstraintType {
    AssignResource,
    AssignTime,
    SplitEvents,
    DistributeSplitEvents,
    PreferResources,
    PreferTimes,
    AvoidSplitAssignments,
    SpreadEvents,
    LinkEvents,
    OrderEvents,
    AvoidClashes,
    AvoidUnavailableTimes,
    LimitIdleTimes,
    ClusterBusyTimes,
    LimitBusyTimes,
    LimitWorkload,
}

impl ConstraintType {
    /// All 16 types in specification order.
    pub const ALL: [ConstraintType; 16] = [
        ConstraintType::AssignResource,
        ConstraintType::AssignTime,
        ConstraintType::SplitEvents,
        ConstraintType::DistributeSplitEvents,
        ConstraintType::PreferResources,
        ConstraintType::PreferTimes,
        ConstraintType::AvoidSplitAssignments,
        ConstraintType::SpreadEvents,
        ConstraintType::LinkEvents,
        ConstraintType::OrderEvents,
        ConstraintType::AvoidClashes,
        ConstraintType::AvoidUnavailableTimes,
        ConstraintType::LimitIdleTimes,
        ConstraintType::ClusterBusyTimes,
        ConstraintType::LimitBusyTimes,
        ConstraintType::LimitWorkload,
    ];

    /// The XML element name, e.g. `AvoidClashesConstraint`.
    pub fn element_name(self) -> &'static str {
        match self {
            ConstraintType::AssignResource => "AssignResourceConstraint",
            ConstraintType::AssignTime => "AssignTimeConstraint",
            ConstraintType::SplitEvents => "SplitEventsConstraint",
            ConstraintType::DistributeSplitEvents => "DistributeSplitEventsConstraint",
            ConstraintType::PreferResources => "PreferResourcesConstraint",
            ConstraintType::PreferTimes => "PreferTimesConstraint",
            ConstraintType::AvoidSplitAssignments => "AvoidSplitAssignmentsConstraint",
            ConstraintType::SpreadEvents => "SpreadEventsConstraint",
            ConstraintType::LinkEvents => "LinkEventsConstraint",
            ConstraintType::OrderEvents => "OrderEventsConstraint",
            ConstraintType::AvoidClashes => "AvoidClashesConstraint",
            ConstraintType::AvoidUnavailableTimes => "AvoidUnavailableTimesConstraint",
            ConstraintType::LimitIdleTimes => "LimitIdleTimesConstraint",
            ConstraintType::ClusterBusyTimes => "ClusterBusyTimesConstraint",
            ConstraintType::LimitBusyTimes => "LimitBusyTimesConstraint",
            ConstraintType::LimitWorkload => "LimitWorkloadConstraint",
        }
    }

    /// The type whose element name is `name`.
    pub fn from_element_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.element_name() == name)
    }
}

/// A constraint with its common parts (id, name, required, weight, cost function, applies-to).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constraint {
    pub id: String,
    pub name: String,
    /// Hard constraint: its cost counts as infeasibility, otherwise as objective.
    pub required: bool,
    pub weight: u32,
    pub cost_function: CostFunction,
    pub applies_to: AppliesTo,
    pub kind: ConstraintKind,
}

impl Constraint {
    /// The parameterless type.
    pub fn constraint_type(&self) -> ConstraintType {
        match &self.kind {
            ConstraintKind::AssignResource { .. } => ConstraintType::AssignResource,
            ConstraintKind::AssignTime => ConstraintType::AssignTime,
            ConstraintKind::SplitEvents { .. } => ConstraintType::SplitEvents,
            ConstraintKind::DistributeSplitEvents { .. } => ConstraintType::DistributeSplitEvents,
            ConstraintKind::PreferResources { .. } => ConstraintType::PreferResources,
            ConstraintKind::PreferTimes { .. } => ConstraintType::PreferTimes,
            ConstraintKind::AvoidSplitAssignments { .. } => ConstraintType::AvoidSplitAssignments,
            ConstraintKind::SpreadEvents { .. } => ConstraintType::SpreadEvents,
            ConstraintKind::LinkEvents => ConstraintType::LinkEvents,
            ConstraintKind::OrderEvents { .. } => ConstraintType::OrderEvents,
            ConstraintKind::AvoidClashes => ConstraintType::AvoidClashes,
            ConstraintKind::AvoidUnavailableTimes { .. } => ConstraintType::AvoidUnavailableTimes,
            ConstraintKind::LimitIdleTimes { .. } => ConstraintType::LimitIdleTimes,
            ConstraintKind::ClusterBusyTimes { .. } => ConstraintType::ClusterBusyTimes,
            ConstraintKind::LimitBusyTimes { .. } => ConstraintType::LimitBusyTimes,
            ConstraintKind::LimitWorkload { .. } => ConstraintType::LimitWorkload,
        }
    }

    /// Events the constraint applies to: the `<Events>` plus the members of the `<EventGroups>`,
    /// each event once, in first-mention order.
    pub fn applies_to_events(&self, instance: &Instance) -> Vec<EventId> {
        let mut seen = vec![false; instance.events.len()];
        let mut out = Vec::new();
        let listed = self.applies_to.events.iter().copied();
        let grouped = self
            .applies_to
            .event_groups
            .iter()
            .flat_map(|&g| instance.event_group(g).events.iter().copied());
        for e in listed.chain(grouped) {
            if !std::mem::replace(&mut seen[e.index()], true) {
                out.push(e);
            }
        }
        out
    }

    /// Resources the constraint applies to: the `<Resources>` plus the members of the
    /// `<ResourceGroups>`, each resource once, in first-mention order.
    pub fn applies_to_resources(&self, instance: &Instance) -> Vec<ResourceId> {
        let mut seen = vec![false; instance.resources.len()];
        let mut out = Vec::new();
        let listed = self.applies_to.resources.iter().copied();
        let grouped = self
            .applies_to
            .resource_groups
            .iter()
            .flat_map(|&g| instance.resource_group(g).resources.iter().copied());
        for r in listed.chain(grouped) {
            if !std::mem::replace(&mut seen[r.index()], true) {
                out.push(r);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_functions_apply_weight_to_linear_square_and_step() {
        assert_eq!(CostFunction::Linear.cost(3, 4), 12);
        assert_eq!(CostFunction::Quadratic.cost(3, 4), 48);
        assert_eq!(CostFunction::Step.cost(3, 4), 3);
        assert_eq!(CostFunction::Step.cost(3, 0), 0);
        assert_eq!(CostFunction::Quadratic.cost(7, 0), 0);
    }

    #[test]
    fn element_names_map_back_to_their_types() {
        for t in ConstraintType::ALL {
            assert_eq!(ConstraintType::from_element_name(t.element_name()), Some(t));
        }
        assert_eq!(ConstraintType::from_element_name("AvoidClashes"), None);
    }
}
