//! Rule kinds FET files bring (see the kinds' documentation in `domain`), compiled where the
//! solver has a matching constraint. Kinds without one are listed in `Compiled::skipped_rules`
//! so importers can say which of a file's rules were not enforced.

use super::Out;
use super::fet_params::{
    by_duration, day_windows, first_lesson, ids, open_room_roles, own_room_events, sections,
    slot_list, slot_times, targets,
};
use super::teachers::consecutive_windows;
use crate::compile::Owner;
use crate::compile::events::Draft;
use crate::compile::scope::{Scope, max_param};
use domain::{Id, Record, Rule, RuleKind, SchoolData};
use serde_json::Value;
use solver::{ConstraintKind, ResourceId, SpreadLimit, TimeGroupId, TimeId};
use std::collections::BTreeSet;

/// Adds the rule's constraints; false when the kind has no solver counterpart.
pub(super) fn add(
    school: &SchoolData,
    d: &Draft,
    rule: &Record<Rule>,
    scope: &Scope,
    out: &mut Out,
) -> bool {
    let p = &rule.data.params;
    let events = targets(d, p);
    let lesson_owner = || Owner::Lesson {
        id: first_lesson(p).unwrap_or(0),
    };
    match rule.data.kind {
        RuleKind::BreakSlots => {
            let times = slot_times(d, p);
            let resources: Vec<ResourceId> =
                d.section_timeline.values().flatten().copied().collect();
            if !times.is_empty() && !resources.is_empty() {
                let kind = ConstraintKind::AvoidUnavailableTimes { resources, times };
                out.push(Some(rule), Owner::School, "Recreos", kind);
            }
        }
        RuleKind::SectionAvailability => {
            let times = slot_times(d, p);
            for (id, resources) in sections(school, d, p, scope) {
                let kind = ConstraintKind::AvoidUnavailableTimes {
                    resources,
                    times: times.clone(),
                };
                out.push(
                    Some(rule),
                    Owner::Section { id },
                    "Disponibilidad de la sección",
                    kind,
                );
            }
        }
        RuleKind::PreferredStartingTimes | RuleKind::PreferredTimeSlots => {
            let slots: BTreeSet<(u8, u8)> = slot_list(p).into_iter().collect();
            let whole = rule.data.kind == RuleKind::PreferredTimeSlots;
            for (duration, events) in by_duration(d, &events) {
                let grid = d.events[events[0].index()].grid_id;
                let inside = |t: TimeId| {
                    let ti = d.times.get(t);
                    slots.contains(&(ti.day, ti.period))
                };
                let times: Vec<TimeId> = d
                    .times
                    .allowed_starts(grid, duration, false)
                    .into_iter()
                    .filter(|&t| {
                        let n = if whole { duration as u32 } else { 1 };
                        (t.0..t.0 + n).all(|x| inside(TimeId(x)))
                    })
                    .collect();
                let kind = ConstraintKind::PreferTimes {
                    events,
                    times,
                    duration: Some(duration as u32),
                };
                out.push(Some(rule), lesson_owner(), "Horarios preferidos", kind);
            }
        }
        RuleKind::PreferredRooms => {
            let events = if p.get("home").and_then(Value::as_bool) == Some(true) {
                let own = own_room_events(school, d);
                events.into_iter().filter(|e| !own.contains(e)).collect()
            } else {
                events
            };
            let rooms: Vec<ResourceId> = ids(p, "room_ids")
                .iter()
                .filter_map(|r| d.room_res.get(r).copied())
                .collect();
            let roles = open_room_roles(d, &events);
            if !roles.is_empty() && !rooms.is_empty() {
                let kind = ConstraintKind::PreferResources {
                    roles,
                    resources: rooms,
                };
                out.push(Some(rule), lesson_owner(), "Aulas preferidas", kind);
            }
        }
        RuleKind::MaxDifferentRooms if max_param(&rule.data) == Some(1) => {
            let roles = open_room_roles(d, &events);
            if roles.len() > 1 {
                let kind = ConstraintKind::AvoidSplitAssignments {
                    groups: vec![roles],
                };
                out.push(Some(rule), lesson_owner(), "Una sola aula", kind);
            }
        }
        RuleKind::SameStartingTime => {
            if events.len() < 2 {
                return true;
            }
            super::fet_relations::same_starting_time(d, rule, events, out);
        }
        RuleKind::MinDaysBetween => {
            if events.len() < 2 {
                return true;
            }
            let min_days = p
                .get("min_days")
                .and_then(Value::as_u64)
                .unwrap_or(1)
                .max(1);
            let grid = d.events[events[0].index()].grid_id;
            let limits = day_windows(d, grid, min_days as usize, out)
                .into_iter()
                .map(|time_group| SpreadLimit {
                    time_group,
                    min: 0,
                    max: 1,
                })
                .collect();
            let kind = ConstraintKind::SpreadEvents {
                event_groups: vec![events.clone()],
                limits,
            };
            // At FET's 0 % only the back-to-back part below holds.
            let weight = p.get("weight_percent").and_then(Value::as_f64);
            if weight != Some(0.0) {
                out.push(Some(rule), lesson_owner(), "Días de separación", kind);
            }
            if p.get("consecutive_if_same_day").and_then(Value::as_bool) == Some(true) {
                let days = day_windows(d, grid, 1, out);
                super::fet_relations::back_to_back_if_same_day(d, rule, events, days, out);
            } else if !rule.data.hard && weight.is_some_and(|w| w >= 90.0) && events.len() > 2 {
                // FET's generator keeps a high-weight rule on nearly every placement, so it never
                // puts a block on the day of two others: it refuses such a timetable even
                // locked (EEBLJ-Noturno, 95 %, three blocks on a Tuesday).
                let days = day_windows(d, grid, 1, out);
                super::fet_relations::at_most_two_a_day(rule, events, days, out);
            }
        }
        RuleKind::SectionMaxPerDay
        | RuleKind::SectionMinPerDay
        | RuleKind::SectionMaxGapsPerDay
        | RuleKind::SectionMaxGapsPerWeek
        | RuleKind::SectionMaxConsecutive => {
            for (id, resources) in sections(school, d, p, scope) {
                let grid = d.section_grid[&id];
                section_limit(d, rule, Owner::Section { id }, resources, grid, out);
            }
        }
        RuleKind::NotOverlapping => {
            if let Some(&r) = d.overlap_guard.get(&rule.id) {
                let kind = ConstraintKind::AvoidClashes { resources: vec![r] };
                out.push(Some(rule), lesson_owner(), "Sin solaparse", kind);
            }
        }
        RuleKind::SectionEarlyStart => super::fet_early::add(school, d, rule, scope, out),
        RuleKind::TeacherMinPerDay
        | RuleKind::TeacherMinDays
        | RuleKind::TeacherIntervalMaxDays => {
            for t in &school.teachers {
                if let (true, Some(&grid)) = (scope.teacher(t.id), d.teacher_grid.get(&t.id)) {
                    let r = vec![d.teacher_res[&t.id]];
                    teacher_limit(d, rule, Owner::Teacher { id: t.id }, r, grid, out);
                }
            }
        }
        _ => return super::fet_relations::add(school, d, rule, scope, out).unwrap_or(false),
    }
    true
}

fn day_groups(d: &Draft, grid: Id) -> Vec<TimeGroupId> {
    d.times
        .grid_day
        .iter()
        .filter(|((g, _), _)| *g == grid)
        .map(|(_, (group, _))| *group)
        .collect()
}

/// At least `min` periods on each busy day; with `"allow_empty_days": false`, also no day off
/// (pushed here as its own constraint). `allow_zero` exempts a resource with no lessons at all
/// from the every-day part (teachers: one who teaches nothing need not come in). Returns the
/// per-day minimum for the caller to push under its own label.
fn min_per_day(
    rule: &Record<Rule>,
    owner: &Owner,
    resources: Vec<ResourceId>,
    days: Vec<TimeGroupId>,
    min: u32,
    allow_zero: bool,
    out: &mut Out,
) -> ConstraintKind {
    let every_day = !rule
        .data
        .params
        .get("allow_empty_days")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    if every_day {
        let kind = ConstraintKind::ClusterBusyTimes {
            resources: resources.clone(),
            time_groups: days.clone(),
            min: days.len() as u32,
            max: days.len() as u32,
            allow_zero,
        };
        out.push(Some(rule), owner.clone(), "Clases todos los días", kind);
    }
    ConstraintKind::LimitBusyTimes {
        resources,
        time_groups: days,
        min,
        max: u32::MAX,
    }
}

fn section_limit(
    d: &Draft,
    rule: &Record<Rule>,
    owner: Owner,
    resources: Vec<ResourceId>,
    grid: Id,
    out: &mut Out,
) {
    let p = &rule.data.params;
    let days = day_groups(d, grid);
    let max = max_param(&rule.data).unwrap_or(u32::MAX);
    let (label, kind) = match rule.data.kind {
        RuleKind::SectionMaxPerDay => (
            "Máximo de períodos por día de la sección",
            ConstraintKind::LimitBusyTimes {
                resources,
                time_groups: days,
                min: 0,
                max,
            },
        ),
        RuleKind::SectionMinPerDay => {
            let min = p.get("min").and_then(Value::as_u64).unwrap_or(0) as u32;
            let kind = min_per_day(rule, &owner, resources, days, min, false, out);
            ("Mínimo de períodos por día de la sección", kind)
        }
        RuleKind::SectionMaxGapsPerDay => {
            for g in days {
                let kind = ConstraintKind::LimitIdleTimes {
                    resources: resources.clone(),
                    time_groups: vec![g],
                    min: 0,
                    max,
                };
                out.push(
                    Some(rule),
                    owner.clone(),
                    "Máximo de horas libres por día de la sección",
                    kind,
                );
            }
            return;
        }
        RuleKind::SectionMaxGapsPerWeek => (
            "Máximo de horas libres por semana de la sección",
            ConstraintKind::LimitIdleTimes {
                resources,
                time_groups: days,
                min: 0,
                max,
            },
        ),
        _ => {
            let windows = consecutive_windows(d, grid, max, out);
            if windows.is_empty() {
                return;
            }
            let kind = ConstraintKind::LimitBusyTimes {
                resources,
                time_groups: windows,
                min: 0,
                max,
            };
            ("Máximo de períodos seguidos de la sección", kind)
        }
    };
    out.push(Some(rule), owner, label, kind);
}

fn teacher_limit(
    d: &Draft,
    rule: &Record<Rule>,
    owner: Owner,
    resources: Vec<ResourceId>,
    grid: Id,
    out: &mut Out,
) {
    let p = &rule.data.params;
    let number = |key: &str| p.get(key).and_then(Value::as_u64).map(|x| x as u32);
    let days: Vec<TimeGroupId> = d.times.day.values().copied().collect();
    let (label, kind) = match rule.data.kind {
        RuleKind::TeacherMinPerDay => {
            let min = number("min").unwrap_or(0);
            let kind = min_per_day(rule, &owner, resources, days, min, true, out);
            ("Mínimo de períodos por día", kind)
        }
        RuleKind::TeacherMinDays => {
            let kind = ConstraintKind::ClusterBusyTimes {
                resources,
                min: number("min").unwrap_or(0),
                max: days.len() as u32,
                time_groups: days,
                allow_zero: true,
            };
            ("Mínimo de días de trabajo", kind)
        }
        _ => {
            let (from, to) = (
                number("from_period").unwrap_or(0),
                number("to_period").unwrap_or(0),
            );
            let mut groups = Vec::new();
            for (&(g, day), (_, times)) in &d.times.grid_day {
                let inside: Vec<TimeId> = times
                    .iter()
                    .copied()
                    .filter(|&t| (from..to).contains(&(d.times.get(t).period as u32)))
                    .collect();
                if g == grid && !inside.is_empty() {
                    groups.push(
                        out.b
                            .add_time_group(format!("g{g}-d{day}-{from}-{to}"), inside),
                    );
                }
            }
            let kind = ConstraintKind::ClusterBusyTimes {
                resources,
                time_groups: groups,
                min: 0,
                max: number("max").unwrap_or(u32::MAX),
                allow_zero: true,
            };
            ("Máximo de días en una franja", kind)
        }
    };
    out.push(Some(rule), owner, label, kind);
}
