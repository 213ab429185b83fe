//! The school's rules → solver constraints, one constraint per rule and per teacher, section,
//! room or lesson it applies to, so that the solver's cost per constraint is already the cost
//! per rule and per person (the report reads it as it is).
//!
//! Hard constraints weigh 1 (their cost counts violations); soft ones weigh the rule's weight.

mod fet;
mod fet_early;
mod fet_more;
mod fet_params;
mod fet_relations;
mod fet_tag_gaps;
mod lessons;
mod teachers;

use super::events::Draft;
use super::scope::Scope;
use super::{ConstraintInfo, Owner};
use crate::SchedulingError;
use domain::{Id, Record, Rule, RuleKind, SchoolData};
use solver::{
    Constraint, ConstraintKind, CostFunction, ModelBuilder, ResourceId, TimeGroupId, TimeId,
};
use std::collections::BTreeMap;

/// Collects constraints and where each came from.
pub(super) struct Out<'b> {
    pub b: &'b mut ModelBuilder,
    pub infos: Vec<ConstraintInfo>,
    /// Time groups already made for "at most `max` in a row" on a grid, shared by teachers.
    pub windows: BTreeMap<(Id, u32), Vec<TimeGroupId>>,
}

impl Out<'_> {
    /// Adds a constraint for `rule` (or a structural one when `None`) about `owner`.
    pub fn push(
        &mut self,
        rule: Option<&Record<Rule>>,
        owner: Owner,
        label: &str,
        kind: ConstraintKind,
    ) {
        let hard = rule.is_none_or(|r| r.data.hard);
        self.push_as(rule, hard, owner, label, kind);
    }

    /// Like [`Out::push`], but hard whatever the rule's weight: for the parts of a rule that
    /// FET always enforces (the back-to-back part of min days between blocks).
    pub fn push_hard(
        &mut self,
        rule: &Record<Rule>,
        owner: Owner,
        label: &str,
        kind: ConstraintKind,
    ) {
        self.push_as(Some(rule), true, owner, label, kind);
    }

    fn push_as(
        &mut self,
        rule: Option<&Record<Rule>>,
        hard: bool,
        owner: Owner,
        label: &str,
        kind: ConstraintKind,
    ) {
        let weight = match rule {
            Some(r) if !hard => r.data.weight as i64,
            _ => 1,
        };
        self.b.add_constraint(Constraint {
            name: format!("{label} [{owner:?}]"),
            hard,
            weight,
            cost_function: CostFunction::Linear,
            kind,
        });
        self.infos.push(ConstraintInfo {
            rule_id: rule.map(|r| r.id),
            kind: rule.map(|r| r.data.kind),
            hard,
            owner,
            label: label.to_string(),
        });
    }
}

/// Enabled rules (id and kind) that compiled to nothing.
pub(super) type Skipped = Vec<(Id, RuleKind)>;

/// The constraints, and the enabled rules that compiled to nothing (kinds the solver cannot
/// express yet).
pub(super) fn add_constraints(
    school: &SchoolData,
    d: &Draft,
    b: &mut ModelBuilder,
) -> Result<(Vec<ConstraintInfo>, Skipped), SchedulingError> {
    let mut skipped = Vec::new();
    let mut out = Out {
        b,
        infos: Vec::new(),
        windows: BTreeMap::new(),
    };
    lessons::structural(school, d, &mut out);
    teachers::own_limits(school, d, &mut out);
    for rule in school.rules.iter().filter(|r| r.data.enabled) {
        let scope = Scope::of(&rule.data);
        match rule.data.kind {
            RuleKind::NoSectionClash => {
                for (&id, &r) in &d.section_res {
                    if scope.section(id) {
                        let mut resources = vec![r];
                        resources.extend(d.section_timeline[&id].iter().filter(|&&x| x != r));
                        out.push(
                            Some(rule),
                            Owner::Section { id },
                            "Sin choques de sección",
                            ConstraintKind::AvoidClashes { resources },
                        );
                    }
                }
            }
            RuleKind::NoTeacherClash => {
                for (&id, &r) in &d.teacher_res {
                    if scope.teacher(id) {
                        out.push(
                            Some(rule),
                            Owner::Teacher { id },
                            "Sin choques de docente",
                            ConstraintKind::AvoidClashes { resources: vec![r] },
                        );
                    }
                }
            }
            RuleKind::NoRoomClash => {
                for (&id, &r) in &d.room_res {
                    if scope.room(id) {
                        out.push(
                            Some(rule),
                            Owner::Room { id },
                            "Sin choques de aula",
                            ConstraintKind::AvoidClashes { resources: vec![r] },
                        );
                    }
                }
            }
            RuleKind::RoomAvailability => room_availability(school, d, rule, &scope, &mut out),
            RuleKind::TeacherAvailability
            | RuleKind::UndesiredPeriods
            | RuleKind::TeacherMaxPerDay
            | RuleKind::TeacherMaxPerWeek
            | RuleKind::TeacherMaxConsecutive
            | RuleKind::TeacherMaxGapsPerDay
            | RuleKind::TeacherMaxGapsPerWeek
            | RuleKind::TeacherMaxDays => teachers::add(school, d, rule, &scope, &mut out),
            RuleKind::BlockPattern
            | RuleKind::SubjectOncePerDay
            | RuleKind::SectionNoGaps
            | RuleKind::MorningsFirst
            | RuleKind::RoomType
            | RuleKind::RoomCapacity
            | RuleKind::HomeroomPreference
            | RuleKind::PreferredPeriods => lessons::add(school, d, rule, &scope, &mut out),
            // Kinds FET files bring; those the solver cannot express are reported back.
            _ => {
                if !fet_more::add(school, d, rule, &scope, &mut out)
                    && !fet_tag_gaps::add(school, d, rule, &scope, &mut out)
                    && !fet::add(school, d, rule, &scope, &mut out)
                {
                    skipped.push((rule.id, rule.data.kind));
                }
            }
        }
    }
    Ok((out.infos, skipped))
}

/// A room's unavailable slots are given in the periods of the first grid in use, and reach
/// every grid by clock time.
fn room_availability(
    school: &SchoolData,
    d: &Draft,
    rule: &Record<Rule>,
    scope: &Scope,
    out: &mut Out,
) {
    let Some(grid) = d.times.info.first().map(|t| t.grid_id) else {
        return;
    };
    for room in &school.rooms {
        if !scope.room(room.id) || room.data.unavailable.is_empty() {
            continue;
        }
        let times = unique(
            room.data
                .unavailable
                .iter()
                .flat_map(|s| d.times.overlapping(grid, s.day, s.period))
                .collect(),
        );
        out.push(
            Some(rule),
            Owner::Room { id: room.id },
            "Disponibilidad del aula",
            ConstraintKind::AvoidUnavailableTimes {
                resources: vec![d.room_res[&room.id]],
                times,
            },
        );
    }
}

pub(super) fn unique(mut times: Vec<TimeId>) -> Vec<TimeId> {
    times.sort_unstable();
    times.dedup();
    times
}

/// Sections' resources whose timeline a section rule measures (its groups when divided).
pub(super) fn section_timeline(d: &Draft, id: Id) -> Vec<ResourceId> {
    d.section_timeline.get(&id).cloned().unwrap_or_default()
}
