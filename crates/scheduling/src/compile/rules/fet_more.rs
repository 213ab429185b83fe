//! FET rule kinds about a section's interval days, tagged lessons of sections and teachers, the
//! order of two blocks, selections of slots, the span of a day, the rest between days and the
//! same room for blocks that follow each other: compiled to cluster and busy limits, event
//! relations, busy shapes and same-resource constraints. Tag and selection rules measure a
//! guard resource their blocks attend (see `compile::fet_guards`).

use super::Out;
use super::fet_params::{first_lesson, sections, slot_times, targets};
use super::teachers::consecutive_windows;
use crate::compile::Owner;
use crate::compile::events::Draft;
use crate::compile::scope::{Scope, max_param};
use domain::{Id, Record, Rule, RuleKind, SchoolData};
use serde_json::Value;
use solver::{
    BusyShape, ConstraintKind, EventRelation, EventRole, ResourceId, TimeGroupId, TimeId,
    TimeLayout,
};

/// Adds the rule's constraints; false when the kind is not one of this module's.
pub(super) fn add(
    school: &SchoolData,
    d: &Draft,
    rule: &Record<Rule>,
    scope: &Scope,
    out: &mut Out,
) -> bool {
    let p = &rule.data.params;
    let number = |key: &str| p.get(key).and_then(Value::as_u64).map(|x| x as u32);
    let flag = |key: &str| p.get(key).and_then(Value::as_bool).unwrap_or(false);
    let max = max_param(&rule.data).unwrap_or(u32::MAX);
    let lesson_owner = || Owner::Lesson {
        id: first_lesson(p).unwrap_or(0),
    };
    match rule.data.kind {
        RuleKind::SectionIntervalMaxDays => {
            let (from, to) = (number("from_period").unwrap_or(0), number("to_period"));
            for (id, resources) in sections(school, d, p, scope) {
                let grid = d.section_grid[&id];
                let groups = interval_days(d, grid, from, to.unwrap_or(u32::MAX), out);
                let kind = ConstraintKind::ClusterBusyTimes {
                    resources,
                    time_groups: groups,
                    min: 0,
                    max,
                    allow_zero: true,
                };
                let owner = Owner::Section { id };
                out.push(Some(rule), owner, "Máximo de días en una franja", kind);
            }
        }
        RuleKind::SectionTagMaxPerDay
        | RuleKind::SectionTagMaxConsecutive
        | RuleKind::TeacherTagMaxPerDay
        | RuleKind::TeacherTagMaxConsecutive => {
            let per_day = matches!(
                rule.data.kind,
                RuleKind::SectionTagMaxPerDay | RuleKind::TeacherTagMaxPerDay
            );
            for g in d.rule_guards.get(&rule.id).into_iter().flatten() {
                let (owner, grid) = match (g.section, g.teacher) {
                    (Some(id), _) => (Owner::Section { id }, d.section_grid[&id]),
                    (_, Some(id)) => match d.teacher_grid.get(&id) {
                        Some(&grid) => (Owner::Teacher { id }, grid),
                        None => continue,
                    },
                    _ => continue,
                };
                let (groups, label) = if per_day {
                    (days_of(d, grid), "Máximo diario de una etiqueta")
                } else {
                    let w = consecutive_windows(d, grid, max, out);
                    (w, "Máximo seguido de una etiqueta")
                };
                if groups.is_empty() {
                    continue;
                }
                let kind = ConstraintKind::LimitBusyTimes {
                    resources: vec![g.guard],
                    time_groups: groups,
                    min: 0,
                    max,
                };
                out.push(Some(rule), owner, label, kind);
            }
        }
        RuleKind::Ordered | RuleKind::OrderedIfSameDay => {
            let events = targets(d, p);
            if events.len() < 2 {
                return true;
            }
            let (relation, label) = if rule.data.kind == RuleKind::Ordered {
                (EventRelation::Ordered, "Una antes que otra")
            } else {
                (
                    EventRelation::OrderedIfSameDay,
                    "Una antes que otra el mismo día",
                )
            };
            let kind = ConstraintKind::RelateEvents {
                groups: vec![events],
                relation,
                layout: TimeLayout {
                    days: d.times.day.values().copied().collect(),
                    positions: Vec::new(),
                },
            };
            out.push(Some(rule), lesson_owner(), label, kind);
        }
        RuleKind::OccupyMaxSlots | RuleKind::MaxSimultaneous | RuleKind::MinSimultaneous => {
            let times = slot_times(d, p);
            let guards: Vec<ResourceId> = d
                .rule_guards
                .get(&rule.id)
                .into_iter()
                .flatten()
                .map(|g| g.guard)
                .collect();
            if times.is_empty() || guards.is_empty() {
                return true;
            }
            let slots = out.b.add_time_group(format!("regla {}", rule.id), times);
            let (label, kind) = match rule.data.kind {
                RuleKind::OccupyMaxSlots => (
                    "Máximo de franjas ocupadas",
                    ConstraintKind::LimitBusyTimes {
                        resources: guards,
                        time_groups: vec![slots],
                        min: 0,
                        max,
                    },
                ),
                kind => {
                    let shape = if kind == RuleKind::MaxSimultaneous {
                        BusyShape::Simultaneous {
                            min: 0,
                            max,
                            allow_empty: false,
                        }
                    } else {
                        BusyShape::Simultaneous {
                            min: number("min").unwrap_or(0),
                            max: u32::MAX,
                            allow_empty: flag("allow_empty"),
                        }
                    };
                    let kind = ConstraintKind::ShapeBusyTimes {
                        resources: guards,
                        time_groups: vec![slots],
                        shape,
                    };
                    ("Clases a la vez en franjas", kind)
                }
            };
            out.push(Some(rule), lesson_owner(), label, kind);
        }
        RuleKind::TeacherMaxSpanPerDay | RuleKind::TeacherMinRestingHours => {
            let shape = shape_of(rule.data.kind, max, number("min"), flag);
            for t in &school.teachers {
                if let (true, Some(&grid)) = (scope.teacher(t.id), d.teacher_grid.get(&t.id)) {
                    let kind = ConstraintKind::ShapeBusyTimes {
                        resources: vec![d.teacher_res[&t.id]],
                        time_groups: days_of(d, grid),
                        shape,
                    };
                    out.push(Some(rule), Owner::Teacher { id: t.id }, label(shape), kind);
                }
            }
        }
        RuleKind::SectionMaxSpanPerDay | RuleKind::SectionMinRestingHours => {
            let shape = shape_of(rule.data.kind, max, number("min"), flag);
            for (id, resources) in sections(school, d, p, scope) {
                let kind = ConstraintKind::ShapeBusyTimes {
                    resources,
                    time_groups: days_of(d, d.section_grid[&id]),
                    shape,
                };
                out.push(Some(rule), Owner::Section { id }, label(shape), kind);
            }
        }
        RuleKind::SameRoomIfConsecutive => {
            let roles: Vec<EventRole> = targets(d, p)
                .into_iter()
                .filter_map(|e| {
                    let k = d.events[e.index()].room_role?;
                    Some(EventRole {
                        event: e,
                        role: k as u32,
                    })
                })
                .collect();
            if roles.len() < 2 {
                return true;
            }
            // Positions are period numbers, so blocks on either side of a recess period (an
            // hour FET keeps as a break) do not follow each other, as in FET.
            let kind = ConstraintKind::SameResourceIfConsecutive {
                groups: vec![roles],
                layout: TimeLayout {
                    days: d.times.day.values().copied().collect(),
                    positions: d.times.info.iter().map(|t| t.period as u32).collect(),
                },
            };
            out.push(
                Some(rule),
                lesson_owner(),
                "Misma aula si van seguidas",
                kind,
            );
        }
        _ => return false,
    }
    true
}

fn shape_of(kind: RuleKind, max: u32, min: Option<u32>, flag: impl Fn(&str) -> bool) -> BusyShape {
    if matches!(
        kind,
        RuleKind::TeacherMaxSpanPerDay | RuleKind::SectionMaxSpanPerDay
    ) {
        BusyShape::MaxSpan {
            max,
            one_day_plus_one: flag("one_day_plus_one"),
        }
    } else {
        BusyShape::MinRest {
            min: min.unwrap_or(0),
            circular: flag("circular"),
        }
    }
}

fn label(shape: BusyShape) -> &'static str {
    match shape {
        BusyShape::MaxSpan { .. } => "Máximo de períodos entre la primera y la última clase",
        _ => "Descanso mínimo entre días",
    }
}

/// The days of `grid` in cycle order, each with its times in order.
fn days_of(d: &Draft, grid: Id) -> Vec<TimeGroupId> {
    d.times
        .grid_day
        .iter()
        .filter(|((g, _), _)| *g == grid)
        .map(|(_, (group, _))| *group)
        .collect()
}

/// Per day of `grid`, its times in periods `from..to`, as time groups.
fn interval_days(d: &Draft, grid: Id, from: u32, to: u32, out: &mut Out) -> Vec<TimeGroupId> {
    let mut groups = Vec::new();
    for (&(g, day), (_, times)) in &d.times.grid_day {
        let inside: Vec<TimeId> = times
            .iter()
            .copied()
            .filter(|&t| (from..to).contains(&(d.times.get(t).period as u32)))
            .collect();
        if g == grid && !inside.is_empty() {
            let name = format!("g{g}-d{day}-{from}-{to}");
            groups.push(out.b.add_time_group(name, inside));
        }
    }
    groups
}
