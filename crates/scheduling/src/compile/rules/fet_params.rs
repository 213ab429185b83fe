//! Reading the parameters of FET-style rules: the blocks, slots and sections they name.

use super::{Out, unique};
use crate::compile::events::Draft;
use crate::compile::scope::Scope;
use domain::{Id, RuleKind, SchoolData};
use serde_json::Value;
use solver::{EventId, EventRole, ResourceId, TimeGroupId, TimeId};
use std::collections::{BTreeMap, BTreeSet};

/// Every run of `len` consecutive teaching days of `grid`, as time groups.
pub(super) fn day_windows(d: &Draft, grid: Id, len: usize, out: &mut Out) -> Vec<TimeGroupId> {
    let days: Vec<(u8, Vec<TimeId>)> = d
        .times
        .grid_day
        .iter()
        .filter(|((g, _), _)| *g == grid)
        .map(|(&(_, day), (_, times))| (day, times.clone()))
        .collect();
    let len = len.min(days.len()).max(1);
    days.windows(len)
        .map(|w| {
            let times = w.iter().flat_map(|(_, t)| t.iter().copied()).collect();
            out.b
                .add_time_group(format!("g{grid}-dias-{}-{len}", w[0].0), times)
        })
        .collect()
}

pub(super) fn ids(p: &Value, key: &str) -> Vec<Id> {
    p.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default()
}

pub(super) fn first_lesson(p: &Value) -> Option<Id> {
    ids(p, "lesson_ids").first().copied()
}

/// The blocks a rule names: `lesson_ids` with a parallel `blocks` list, or every block of
/// each lesson when `blocks` is absent.
pub(super) fn targets(d: &Draft, p: &Value) -> Vec<EventId> {
    let lessons = ids(p, "lesson_ids");
    let blocks = numbers_list(p, "blocks");
    let mut out = Vec::new();
    for (i, lesson) in lessons.iter().enumerate() {
        match blocks.as_ref().and_then(|b| b.get(i)) {
            Some(&unit) => out.extend(d.event_of.get(&(*lesson, unit as u16)).copied()),
            None => out.extend(d.lesson_events.get(lesson).into_iter().flatten().copied()),
        }
    }
    out
}

/// The blocks a preferred-room rule other than a home room names. FET gives an activity its
/// home room only when no preferred-room constraint of its own names it, so a home-room rule
/// leaves these out.
pub(super) fn own_room_events(school: &SchoolData, d: &Draft) -> BTreeSet<EventId> {
    school
        .rules
        .iter()
        .map(|r| &r.data)
        .filter(|r| r.enabled && r.kind == RuleKind::PreferredRooms)
        .filter(|r| r.params.get("home").and_then(Value::as_bool) != Some(true))
        .flat_map(|r| targets(d, &r.params))
        .collect()
}

pub(super) fn numbers_list(p: &Value, key: &str) -> Option<Vec<u64>> {
    p.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
}

pub(super) fn slot_list(p: &Value) -> Vec<(u8, u8)> {
    p.get("slots")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| {
                    let day = s.get("day")?.as_u64()? as u8;
                    let period = s.get("period")?.as_u64()? as u8;
                    Some((day, period))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Slots are periods of the first grid in use, reaching every grid by clock time.
pub(super) fn slot_times(d: &Draft, p: &Value) -> Vec<TimeId> {
    let Some(grid) = d.times.info.first().map(|t| t.grid_id) else {
        return Vec::new();
    };
    unique(
        slot_list(p)
            .into_iter()
            .flat_map(|(day, period)| d.times.overlapping(grid, day, period))
            .collect(),
    )
}

/// Sections in scope (`section_ids`, absent: all) with the resources the rule measures: the
/// named `group`, or the section's own timeline.
pub(super) fn sections(
    school: &SchoolData,
    d: &Draft,
    p: &Value,
    scope: &Scope,
) -> BTreeMap<Id, Vec<ResourceId>> {
    let group = p.get("group").and_then(Value::as_str);
    school
        .sections
        .iter()
        .filter(|s| scope.section(s.id))
        .filter_map(|s| {
            let resources = match group {
                Some(g) => vec![*d.group_res.get(&(s.id, g.to_string()))?],
                None => d.section_timeline.get(&s.id)?.clone(),
            };
            Some((s.id, resources))
        })
        .collect()
}

pub(super) fn open_room_roles(d: &Draft, events: &[EventId]) -> Vec<EventRole> {
    events
        .iter()
        .filter_map(|&e| {
            let ev = &d.events[e.index()];
            ev.room_role.filter(|_| ev.room_open).map(|k| EventRole {
                event: e,
                role: k as u32,
            })
        })
        .collect()
}

pub(super) fn by_duration(d: &Draft, events: &[EventId]) -> BTreeMap<u8, Vec<EventId>> {
    let mut map: BTreeMap<u8, Vec<EventId>> = BTreeMap::new();
    for &e in events {
        map.entry(d.events[e.index()].duration).or_default().push(e);
    }
    map
}
