//! FET's students "early max beginnings at second hour": per students set, a day with lessons
//! begins at its first hour, at most `max_late_starts` days a week at the second, never later.
//!
//! FET counts the hours a day skips before its first lesson only where the set could have had
//! a lesson: an hour the set is not available (a 100 % students-not-available rule reaching it
//! through its year, group or subgroup) or a break hour is no hour of its day. A set that is
//! never available at 07:00 starts on time at 08:00 (fet-cl on small files; Hungary's
//! vmg-20180901b-2 relies on it). So each set measures days made of its own open hours.

use super::Out;
use super::fet_params::{sections, slot_times};
use crate::compile::Owner;
use crate::compile::events::Draft;
use crate::compile::scope::Scope;
use domain::{Id, Record, Rule, RuleKind, SchoolData};
use serde_json::Value;
use solver::{BusyShape, ConstraintKind, ResourceId, TimeGroupId, TimeId};
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn add(
    school: &SchoolData,
    d: &Draft,
    rule: &Record<Rule>,
    scope: &Scope,
    out: &mut Out,
) {
    let late = rule
        .data
        .params
        .get("max_late_starts")
        .and_then(Value::as_u64)
        .unwrap_or(0) as u32;
    let closed = closed_times(school, d);
    let mut days_cache: BTreeMap<(Id, BTreeSet<TimeId>), Vec<TimeGroupId>> = BTreeMap::new();
    for (id, resources) in sections(school, d, &rule.data.params, scope) {
        let grid = d.section_grid[&id];
        // Groups of one section may be closed at different hours: one constraint per set of
        // closed hours.
        let mut by_closed: BTreeMap<BTreeSet<TimeId>, Vec<ResourceId>> = BTreeMap::new();
        for r in resources {
            let off = closed.get(&r).cloned().unwrap_or_default();
            by_closed.entry(off).or_default().push(r);
        }
        for (off, resources) in by_closed {
            let time_groups = days_cache
                .entry((grid, off))
                .or_insert_with_key(|(grid, off)| open_days(d, *grid, off, out))
                .clone();
            let kind = ConstraintKind::ShapeBusyTimes {
                resources,
                time_groups,
                shape: BusyShape::EarlyStart { max_second: late },
            };
            out.push(
                Some(rule),
                Owner::Section { id },
                "Entrada a primera hora",
                kind,
            );
        }
    }
}

/// Per section resource, the times FET does not count as part of its day: break slots and the
/// set's 100 % not-available slots.
fn closed_times(school: &SchoolData, d: &Draft) -> BTreeMap<ResourceId, BTreeSet<TimeId>> {
    let all: Vec<ResourceId> = d.section_timeline.values().flatten().copied().collect();
    let mut closed: BTreeMap<ResourceId, BTreeSet<TimeId>> = BTreeMap::new();
    for r in school.rules.iter().map(|r| &r.data) {
        if !(r.enabled && r.hard) {
            continue;
        }
        let (resources, times) = match r.kind {
            RuleKind::BreakSlots => (all.clone(), slot_times(d, &r.params)),
            RuleKind::SectionAvailability => {
                let reached = sections(school, d, &r.params, &Scope::of(r));
                let resources = reached.into_values().flatten().collect();
                (resources, slot_times(d, &r.params))
            }
            _ => continue,
        };
        for res in resources {
            closed.entry(res).or_default().extend(times.iter().copied());
        }
    }
    closed
}

/// The grid's days without the closed times, as time groups (a day with every time closed is
/// left out: no lesson can begin it).
fn open_days(d: &Draft, grid: Id, off: &BTreeSet<TimeId>, out: &mut Out) -> Vec<TimeGroupId> {
    let mut groups = Vec::new();
    for (&(g, day), (group, times)) in &d.times.grid_day {
        if g != grid {
            continue;
        }
        if off.is_empty() {
            groups.push(*group);
            continue;
        }
        let open: Vec<TimeId> = times.iter().copied().filter(|t| !off.contains(t)).collect();
        if !open.is_empty() {
            groups.push(
                out.b
                    .add_time_group(format!("g{grid}-d{day}-abiertas"), open),
            );
        }
    }
    groups
}
