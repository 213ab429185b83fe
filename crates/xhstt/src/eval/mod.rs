//! The evaluator: the cost of a solution under the XHSTT-2014 specification, independent of any
//! solver. Each constraint has points of application (events, event groups, resources or event
//! pairs); each point gets one integer deviation, and costs `weight × f(deviation)` where `f` is the
//! cost function. Required constraints add to infeasibility, the others to the objective.

mod event_constraints;
mod resource_constraints;
pub mod schedule;

use crate::ids::{ConstraintId, EventGroupId, EventId, ResourceId};
use crate::model::constraint::ConstraintType;
use crate::model::instance::Instance;
use crate::model::solution::{Report, ReportEntry, ReportObject, Solution};
pub use schedule::{Schedule, SubEvent};

/// A point of application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Point {
    Event(EventId),
    EventGroup(EventGroupId),
    Resource(ResourceId),
    EventPair { first: EventId, second: EventId },
}

/// A point of application with a positive deviation and the cost it produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deviation {
    pub point: Point,
    pub deviation: u64,
    pub cost: u64,
}

/// The cost of one constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstraintCost {
    pub constraint: ConstraintId,
    pub id: String,
    pub name: String,
    pub constraint_type: ConstraintType,
    pub required: bool,
    /// Sum of the deviations' costs.
    pub cost: u64,
    /// Points with a positive deviation, in point order.
    pub deviations: Vec<Deviation>,
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// Total cost of the required (hard) constraints.
    pub infeasibility: u64,
    /// Total cost of the other (soft) constraints.
    pub objective: u64,
    /// One entry per constraint of the instance, in instance order.
    pub per_constraint: Vec<ConstraintCost>,
}

impl Evaluation {
    /// A `<Report>` carrying this evaluation, with one entry per positive-cost point (event pairs are
    /// attributed to their first event).
    pub fn to_report(&self, instance: &Instance) -> Report {
        let mut entries = Vec::new();
        for cc in &self.per_constraint {
            for d in &cc.deviations {
                if d.cost == 0 {
                    continue;
                }
                let (object_kind, object) = match d.point {
                    Point::Event(e) | Point::EventPair { first: e, .. } => {
                        (ReportObject::Event, instance.event(e).id.clone())
                    }
                    Point::EventGroup(g) => {
                        (ReportObject::EventGroup, instance.event_group(g).id.clone())
                    }
                    Point::Resource(r) => (ReportObject::Resource, instance.resource(r).id.clone()),
                };
                entries.push(ReportEntry {
                    object_kind,
                    object,
                    constraint: cc.id.clone(),
                    cost: d.cost,
                    description: None,
                });
            }
        }
        // Order entries as the writer groups them (by object kind, then object), so a report read
        // back from a written file equals the one written.
        let kind_rank = |k: ReportObject| match k {
            ReportObject::Resource => 0,
            ReportObject::Event => 1,
            ReportObject::EventGroup => 2,
        };
        let mut first_seen: std::collections::HashMap<(ReportObject, String), usize> =
            std::collections::HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            first_seen
                .entry((e.object_kind, e.object.clone()))
                .or_insert(i);
        }
        entries.sort_by_key(|e| {
            (
                kind_rank(e.object_kind),
                first_seen[&(e.object_kind, e.object.clone())],
            )
        });
        Report {
            infeasibility: self.infeasibility,
            objective: self.objective,
            entries,
        }
    }
}

/// Evaluates `solution` (which must belong to `instance`).
pub fn evaluate(instance: &Instance, solution: &Solution) -> Evaluation {
    evaluate_schedule(instance, &Schedule::new(instance, solution))
}

/// Evaluates an already resolved schedule.
pub fn evaluate_schedule(instance: &Instance, schedule: &Schedule) -> Evaluation {
    let mut per_constraint = Vec::with_capacity(instance.constraints.len());
    let (mut infeasibility, mut objective) = (0u64, 0u64);
    for (i, c) in instance.constraints.iter().enumerate() {
        let raw = event_constraints::deviations(instance, schedule, c)
            .unwrap_or_else(|| resource_constraints::deviations(instance, schedule, c));
        let deviations: Vec<Deviation> = raw
            .into_iter()
            .filter(|&(_, d)| d > 0)
            .map(|(point, deviation)| Deviation {
                point,
                deviation,
                cost: c.cost_function.cost(c.weight, deviation),
            })
            .collect();
        let cost = deviations.iter().map(|d| d.cost).sum();
        if c.required {
            infeasibility += cost;
        } else {
            objective += cost;
        }
        per_constraint.push(ConstraintCost {
            constraint: ConstraintId::from_index(i),
            id: c.id.clone(),
            name: c.name.clone(),
            constraint_type: c.constraint_type(),
            required: c.required,
            cost,
            deviations,
        });
    }
    Evaluation {
        infeasibility,
        objective,
        per_constraint,
    }
}

/// How far `value` lies outside `[min, max]`.
pub(crate) fn outside(value: u64, min: u32, max: u32) -> u64 {
    let (min, max) = (u64::from(min), u64::from(max));
    if value < min {
        min - value
    } else {
        value.saturating_sub(max)
    }
}

#[cfg(test)]
mod tests {
    use super::outside;

    #[test]
    fn outside_measures_distance_to_the_closed_range() {
        assert_eq!(outside(0, 2, 3), 2);
        assert_eq!(outside(2, 2, 3), 0);
        assert_eq!(outside(3, 2, 3), 0);
        assert_eq!(outside(7, 2, 3), 4);
        assert_eq!(outside(0, 0, 0), 0);
    }
}
