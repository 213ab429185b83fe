//! What a timetable costs under the school's rules, read from the solver's own evaluation:
//! hard violations with what and where, soft cost by rule, teacher and section, and each
//! teacher's workload.

mod places;
mod workload;

pub use workload::{DayLoad, TeacherWorkload};

use crate::SchedulingError;
use crate::compile::{Compiled, Owner, compile};
use domain::{Id, RuleKind, SchoolData, TimetableData};
use serde::{Deserialize, Serialize};
use solver::{ConstraintId, Evaluation, Solution};
use std::collections::BTreeMap;

/// One broken hard constraint: which rule, about whom, how badly and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Violation {
    /// `None` for what every timetable must be (every block placed, whole, with a room) and
    /// for teachers' own maxima when the school has no rule of that kind.
    pub rule_id: Option<Id>,
    pub rule: Option<RuleKind>,
    pub what: String,
    pub owner: Owner,
    pub who: String,
    pub cost: i64,
    /// Where, e.g. "lunes período 3: MAT 1er año A, FIS 3er año A".
    pub places: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleCost {
    pub rule_id: Option<Id>,
    pub rule: Option<RuleKind>,
    pub what: String,
    pub cost: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OwnerCost {
    pub id: Id,
    pub name: String,
    pub cost: i64,
    /// The cost per rule (only rules with a cost).
    pub by_rule: Vec<RuleCost>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub hard_cost: i64,
    pub soft_cost: i64,
    pub hard_violations: Vec<Violation>,
    pub soft_by_rule: Vec<RuleCost>,
    pub soft_by_teacher: Vec<OwnerCost>,
    pub soft_by_section: Vec<OwnerCost>,
    pub teachers: Vec<TeacherWorkload>,
}

/// Compiles the school and reports on one of its timetables.
pub fn report(school: &SchoolData, timetable: &TimetableData) -> Result<Report, SchedulingError> {
    let compiled = compile(school, None)?;
    let solution = compiled.encode(&timetable.placements)?;
    compiled.report(school, &solution)
}

impl Compiled {
    pub fn evaluate(&self, solution: &Solution) -> Result<Evaluation, SchedulingError> {
        self.model
            .evaluate(solution)
            .map_err(|e| SchedulingError::Timetable(e.to_string()))
    }

    pub fn report(
        &self,
        school: &SchoolData,
        solution: &Solution,
    ) -> Result<Report, SchedulingError> {
        let eval = self.evaluate(solution)?;
        let occupancy = self.occupancy(solution);
        let hard_violations = self.violations(&eval, solution, &occupancy, |_| true);
        let mut by_rule: BTreeMap<(Option<Id>, String), RuleCost> = BTreeMap::new();
        let mut by_teacher: BTreeMap<Id, Vec<(usize, i64)>> = BTreeMap::new();
        let mut by_section: BTreeMap<Id, Vec<(usize, i64)>> = BTreeMap::new();
        for (c, cost) in eval.by_constraint.iter().enumerate() {
            if cost.soft == 0 {
                continue;
            }
            let info = &self.constraints[c];
            by_rule
                .entry((info.rule_id, info.label.clone()))
                .or_insert_with(|| RuleCost {
                    rule_id: info.rule_id,
                    rule: info.kind,
                    what: info.label.clone(),
                    cost: 0,
                })
                .cost += cost.soft;
            for section in self.sections_of(school, &info.owner) {
                by_section.entry(section).or_default().push((c, cost.soft));
            }
            if let Owner::Teacher { id } = info.owner {
                by_teacher.entry(id).or_default().push((c, cost.soft));
            }
        }
        let owner_costs = |map: BTreeMap<Id, Vec<(usize, i64)>>, make: fn(Id) -> Owner| {
            let mut list: Vec<OwnerCost> = map
                .into_iter()
                .map(|(id, parts)| self.owner_cost(id, make(id), &parts))
                .collect();
            list.sort_by(|a, b| b.cost.cmp(&a.cost).then(a.id.cmp(&b.id)));
            list
        };
        let mut soft_by_rule: Vec<RuleCost> = by_rule.into_values().collect();
        soft_by_rule.sort_by_key(|r| std::cmp::Reverse(r.cost));
        Ok(Report {
            hard_cost: eval.cost.hard,
            soft_cost: eval.cost.soft,
            hard_violations,
            soft_by_rule,
            soft_by_teacher: owner_costs(by_teacher, |id| Owner::Teacher { id }),
            soft_by_section: owner_costs(by_section, |id| Owner::Section { id }),
            teachers: self.workloads(school, &occupancy),
        })
    }

    /// Hard constraints with a cost, those `keep` accepts, with where they are broken.
    pub(crate) fn violations(
        &self,
        eval: &Evaluation,
        solution: &Solution,
        occupancy: &[Vec<crate::timetable::Busy>],
        keep: impl Fn(usize) -> bool,
    ) -> Vec<Violation> {
        eval.by_constraint
            .iter()
            .enumerate()
            .filter(|(c, cost)| cost.hard > 0 && keep(*c))
            .map(|(c, cost)| {
                let info = &self.constraints[c];
                Violation {
                    rule_id: info.rule_id,
                    rule: info.kind,
                    what: info.label.clone(),
                    owner: info.owner.clone(),
                    who: self.name_of(&info.owner),
                    cost: cost.hard,
                    places: self.places(ConstraintId(c as u32), solution, occupancy),
                }
            })
            .collect()
    }

    fn owner_cost(&self, id: Id, owner: Owner, parts: &[(usize, i64)]) -> OwnerCost {
        let mut rules: BTreeMap<String, RuleCost> = BTreeMap::new();
        for &(c, cost) in parts {
            let info = &self.constraints[c];
            rules
                .entry(info.label.clone())
                .or_insert_with(|| RuleCost {
                    rule_id: info.rule_id,
                    rule: info.kind,
                    what: info.label.clone(),
                    cost: 0,
                })
                .cost += cost;
        }
        OwnerCost {
            id,
            name: self.name_of(&owner),
            cost: parts.iter().map(|p| p.1).sum(),
            by_rule: rules.into_values().collect(),
        }
    }

    /// Sections a constraint is about: its section, its group's section, or its lesson's.
    fn sections_of(&self, school: &SchoolData, owner: &Owner) -> Vec<Id> {
        match owner {
            Owner::Section { id } => vec![*id],
            Owner::Group { section_id, .. } => vec![*section_id],
            Owner::Lesson { id } => school
                .lessons
                .iter()
                .find(|l| l.id == *id)
                .map(|l| l.data.section_ids.clone())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}
