//! Teachers' rules: availability, undesired periods, and the limits on their days.

use super::{Out, unique};
use crate::compile::Owner;
use crate::compile::events::Draft;
use crate::compile::scope::{Scope, max_param};
use domain::{Record, Rule, RuleKind, SchoolData, SlotStatus, Teacher};
use solver::{ConstraintKind, TimeGroupId, TimeId};
use std::collections::BTreeSet;

pub(super) fn add(
    school: &SchoolData,
    d: &Draft,
    rule: &Record<Rule>,
    scope: &Scope,
    out: &mut Out,
) {
    for t in &school.teachers {
        if !scope.teacher(t.id) {
            continue;
        }
        let r = d.teacher_res[&t.id];
        let Some(&grid) = d.teacher_grid.get(&t.id) else {
            continue;
        };
        let owner = Owner::Teacher { id: t.id };
        let days: Vec<TimeGroupId> = d.times.day.values().copied().collect();
        let param = max_param(&rule.data);
        let (label, kind) = match rule.data.kind {
            RuleKind::TeacherAvailability | RuleKind::UndesiredPeriods => {
                let wanted = if rule.data.kind == RuleKind::TeacherAvailability {
                    SlotStatus::Unavailable
                } else {
                    SlotStatus::Undesired
                };
                let times = status_times(d, &t.data, grid, wanted);
                if times.is_empty() {
                    continue;
                }
                let label = if wanted == SlotStatus::Unavailable {
                    "Disponibilidad del docente"
                } else {
                    "Períodos no deseados del docente"
                };
                let kind = ConstraintKind::AvoidUnavailableTimes {
                    resources: vec![r],
                    times,
                };
                (label, kind)
            }
            RuleKind::TeacherMaxPerDay => {
                let Some(max) = t.data.max_periods_per_day.map(u32::from).or(param) else {
                    continue;
                };
                let kind = ConstraintKind::LimitBusyTimes {
                    resources: vec![r],
                    time_groups: days,
                    min: 0,
                    max,
                };
                ("Máximo de períodos por día", kind)
            }
            RuleKind::TeacherMaxPerWeek => {
                let Some(max) = t.data.max_periods_per_week.map(u32::from).or(param) else {
                    continue;
                };
                let kind = ConstraintKind::LimitBusyTimes {
                    resources: vec![r],
                    time_groups: d.times.week.into_iter().collect(),
                    min: 0,
                    max,
                };
                ("Máximo de períodos por semana", kind)
            }
            RuleKind::TeacherMaxConsecutive => {
                let Some(max) = param else { continue };
                let windows = consecutive_windows(d, grid, max, out);
                if windows.is_empty() {
                    continue;
                }
                let kind = ConstraintKind::LimitBusyTimes {
                    resources: vec![r],
                    time_groups: windows,
                    min: 0,
                    max,
                };
                ("Máximo de períodos seguidos", kind)
            }
            RuleKind::TeacherMaxGapsPerDay => {
                let Some(max) = param else { continue };
                // One constraint per day: the solver sums idle times over a constraint's groups.
                for g in working_days(d, t, grid, out) {
                    out.push(
                        Some(rule),
                        owner.clone(),
                        "Máximo de horas libres por día",
                        ConstraintKind::LimitIdleTimes {
                            resources: vec![r],
                            time_groups: vec![g],
                            min: 0,
                            max,
                        },
                    );
                }
                continue;
            }
            RuleKind::TeacherMaxGapsPerWeek => {
                let Some(max) = param else { continue };
                let kind = ConstraintKind::LimitIdleTimes {
                    resources: vec![r],
                    time_groups: working_days(d, t, grid, out),
                    min: 0,
                    max,
                };
                ("Máximo de horas libres por semana", kind)
            }
            RuleKind::TeacherMaxDays => {
                let Some(mut max) = param else { continue };
                // `"fewest": true`: no more days than the teacher's lessons need.
                if rule.data.params.get("fewest").and_then(|v| v.as_bool()) == Some(true) {
                    max = max.min(days_needed(school, d, &t.data, t.id, grid));
                }
                let kind = ConstraintKind::ClusterBusyTimes {
                    resources: vec![r],
                    time_groups: days,
                    min: 0,
                    max,
                    allow_zero: true,
                };
                ("Máximo de días de trabajo", kind)
            }
            _ => continue,
        };
        out.push(Some(rule), owner, label, kind);
    }
}

/// The fewest days a teacher can teach their lessons on: their load at their daily maximum
/// (or a full day of their grid), and at least as many days as their most-spread lesson has
/// blocks (a subject meets at most once a day).
fn days_needed(
    school: &SchoolData,
    d: &Draft,
    t: &Teacher,
    id: domain::Id,
    grid: domain::Id,
) -> u32 {
    let lessons = school
        .lessons
        .iter()
        .filter(|l| l.data.teacher_ids.contains(&id));
    let (load, spread) = lessons.fold((0u32, 0u32), |(load, spread), l| {
        (
            load + l.data.periods_per_week as u32,
            spread.max(l.data.blocks().len() as u32),
        )
    });
    let per_day = d
        .times
        .grid_day
        .iter()
        .find(|((g, _), _)| *g == grid)
        .map_or(1, |(_, (_, times))| times.len() as u32);
    let cap = t
        .max_periods_per_day
        .map_or(per_day, u32::from)
        .clamp(1, per_day.max(1));
    load.div_ceil(cap).max(spread).max(1)
}

/// A teacher's own maxima (`max_periods_per_day`, `max_periods_per_week`) hold as hard limits
/// when the school has no rule of that kind at all; a rule of the kind, even switched off,
/// decides instead (switching it off lifts the limits).
pub(super) fn own_limits(school: &SchoolData, d: &Draft, out: &mut Out) {
    let has_rule = |k| school.rules.iter().any(|r| r.data.kind == k);
    let (per_day, per_week) = (
        !has_rule(RuleKind::TeacherMaxPerDay),
        !has_rule(RuleKind::TeacherMaxPerWeek),
    );
    let days: Vec<TimeGroupId> = d.times.day.values().copied().collect();
    for t in &school.teachers {
        let r = d.teacher_res[&t.id];
        let owner = Owner::Teacher { id: t.id };
        if let (true, Some(max)) = (per_day, t.data.max_periods_per_day) {
            let kind = ConstraintKind::LimitBusyTimes {
                resources: vec![r],
                time_groups: days.clone(),
                min: 0,
                max: max as u32,
            };
            out.push(None, owner.clone(), "Máximo de períodos por día", kind);
        }
        if let (true, Some(max)) = (per_week, t.data.max_periods_per_week) {
            let kind = ConstraintKind::LimitBusyTimes {
                resources: vec![r],
                time_groups: d.times.week.into_iter().collect(),
                min: 0,
                max: max as u32,
            };
            out.push(None, owner, "Máximo de períodos por semana", kind);
        }
    }
}

/// Times (of every grid, by clock) overlapping the teacher's periods with `status` on their
/// grid; non-teaching blocks count as unavailable.
/// The teacher's days of `grid` as time groups without the times the teacher is unavailable:
/// an hour the teacher cannot teach is no gap (FET counts none there either), so the idle-time
/// limits run over the times left. Days without such times keep the grid's own group.
fn working_days(
    d: &Draft,
    t: &Record<Teacher>,
    grid: domain::Id,
    out: &mut Out,
) -> Vec<TimeGroupId> {
    let off: BTreeSet<TimeId> = status_times(d, &t.data, grid, SlotStatus::Unavailable)
        .into_iter()
        .collect();
    d.times
        .grid_day
        .iter()
        .filter(|((g, _), _)| *g == grid)
        .map(|(&(_, day), (group, times))| {
            if !times.iter().any(|x| off.contains(x)) {
                return *group;
            }
            let left = times.iter().copied().filter(|x| !off.contains(x)).collect();
            out.b
                .add_time_group(format!("docente{}-g{grid}-dia{day}-disponible", t.id), left)
        })
        .collect()
}

fn status_times(d: &Draft, t: &Teacher, grid: domain::Id, status: SlotStatus) -> Vec<TimeId> {
    let own: Vec<(u8, u8)> = d
        .times
        .info
        .iter()
        .filter(|ti| ti.grid_id == grid && t.status_at(ti.day, ti.period) == status)
        .map(|ti| (ti.day, ti.period))
        .collect();
    unique(
        own.into_iter()
            .flat_map(|(day, period)| d.times.overlapping(grid, day, period))
            .collect(),
    )
}

/// Every run of `max + 1` periods inside one break-free stretch of a day of `grid`: a teacher
/// busy in all of them teaches more than `max` in a row. (The solver has no "active intervals"
/// constraint; windows say the same thing.)
pub(super) fn consecutive_windows(
    d: &Draft,
    grid: domain::Id,
    max: u32,
    out: &mut Out,
) -> Vec<TimeGroupId> {
    if let Some(groups) = out.windows.get(&(grid, max)) {
        return groups.clone();
    }
    let len = max as usize + 1;
    let mut groups = Vec::new();
    for (&(g, day), (_, times)) in &d.times.grid_day {
        if g != grid {
            continue;
        }
        for w in times.windows(len) {
            let seg = d.times.get(w[0]).segment;
            if w.iter().all(|&t| d.times.get(t).segment == seg) {
                let name = format!("g{g}-d{day}-seguidos-{}", w[0].0);
                groups.push(out.b.add_time_group(name, w.to_vec()));
            }
        }
    }
    out.windows.insert((grid, max), groups.clone());
    groups
}
