//! FET rule kinds about how blocks relate to each other (same day, same hour, grouped, gaps,
//! days apart), about the end of the students' day, the number of rooms, and building changes:
//! compiled to the solver's event relations, last-of-day, distinct-resource and zone-change
//! constraints.
//!
//! Positions follow FET: an hour that is a recess still counts when FET measures gaps (min
//! gaps between blocks, between building changes), and is skipped when FET asks for blocks back
//! to back (grouped), so each use gets its own layout.

use super::Out;
use super::fet_params::{first_lesson, sections, slot_list, targets};
use crate::compile::Owner;
use crate::compile::events::Draft;
use crate::compile::scope::{Scope, max_param};
use domain::{Record, Rule, RuleKind, SchoolData};
use serde_json::Value;
use solver::{
    ConstraintKind, EventId, EventRelation, EventRole, ResourceId, SpreadLimit, TimeGroupId,
    TimeLayout, ZoneLimit,
};
use std::collections::{BTreeMap, BTreeSet};

/// Adds the rule's constraints; `None` when the kind is not one of this module's.
pub(super) fn add(
    school: &SchoolData,
    d: &Draft,
    rule: &Record<Rule>,
    scope: &Scope,
    out: &mut Out,
) -> Option<bool> {
    let p = &rule.data.params;
    let number = |key: &str| p.get(key).and_then(Value::as_u64).map(|x| x as u32);
    let events = targets(d, p);
    let owner = Owner::Lesson {
        id: first_lesson(p).unwrap_or(0),
    };
    let (relation, label) = match rule.data.kind {
        RuleKind::SameStartingDay => (EventRelation::SameDay, "El mismo día"),
        RuleKind::SameStartingHour => (EventRelation::SameStartPosition, "A la misma hora del día"),
        RuleKind::Grouped => (EventRelation::Grouped, "Agrupadas"),
        RuleKind::MinGapsBetween => (
            EventRelation::MinGap(number("min_gaps").unwrap_or(1)),
            "Horas libres entre clases",
        ),
        RuleKind::MaxDaysBetween => (
            EventRelation::MaxDaysApart(number("max_days").unwrap_or(0)),
            "Máximo de días entre clases",
        ),
        RuleKind::EndsSectionDay => {
            let items: Vec<(EventId, Vec<ResourceId>)> = events
                .iter()
                .map(|&e| (e, d.events[e.index()].sections.clone()))
                .collect();
            if !items.is_empty() {
                let kind = ConstraintKind::EndsDay {
                    events: items,
                    days: d.times.day.values().copied().collect(),
                };
                out.push(Some(rule), owner, "Última clase del día", kind);
            }
            return Some(true);
        }
        RuleKind::Consecutive => {
            consecutive(school, d, rule, events, out);
            return Some(true);
        }
        RuleKind::MaxDifferentRooms => {
            let max = max_param(&rule.data)?;
            let roles = room_roles(d, &events);
            if roles.len() as u32 > max {
                let kind = ConstraintKind::LimitDistinctResources {
                    groups: vec![roles],
                    max,
                };
                out.push(Some(rule), owner, "Máximo de aulas distintas", kind);
            }
            return Some(true);
        }
        RuleKind::SectionMaxBuildingChangesPerDay
        | RuleKind::SectionMinGapsBetweenBuildingChanges
        | RuleKind::TeacherMaxBuildingChangesPerDay
        | RuleKind::TeacherMinGapsBetweenBuildingChanges
        | RuleKind::SectionMaxBuildingChangesPerWeek
        | RuleKind::TeacherMaxBuildingChangesPerWeek => {
            building_changes(school, d, rule, scope, out);
            return Some(true);
        }
        _ => return None,
    };
    if events.len() < 2 {
        return Some(true);
    }
    let layout = if relation == EventRelation::Grouped {
        teaching_ranks(school, d)
    } else {
        hours(d)
    };
    let kind = ConstraintKind::RelateEvents {
        groups: vec![events],
        relation,
        layout,
    };
    out.push(Some(rule), owner, label, kind);
    Some(true)
}

/// FET's "same starting time": the blocks start together, whatever their lengths. The solver's
/// link asks for the same times occupied, which blocks of different lengths never meet
/// (Bethlen-2008-2009: ten such rules pair a 2-hour block with a 1-hour one, so FET's own
/// timetable cost 10 hard). So blocks of one length are linked (moves carry them together),
/// and one block of each length is tied to the others by same day and same hour.
pub(super) fn same_starting_time(
    d: &Draft,
    rule: &Record<Rule>,
    events: Vec<EventId>,
    out: &mut Out,
) {
    let owner = || Owner::Lesson {
        id: first_lesson(&rule.data.params).unwrap_or(0),
    };
    let mut by_length: BTreeMap<u8, Vec<EventId>> = BTreeMap::new();
    for e in events {
        by_length
            .entry(d.events[e.index()].duration)
            .or_default()
            .push(e);
    }
    for group in by_length.values().filter(|g| g.len() > 1) {
        let kind = ConstraintKind::LinkEvents {
            event_groups: vec![group.clone()],
        };
        out.push(Some(rule), owner(), "A la misma hora", kind);
    }
    if by_length.len() > 1 {
        let heads: Vec<EventId> = by_length.values().map(|g| g[0]).collect();
        for (relation, label) in [
            (EventRelation::SameDay, "A la misma hora (día)"),
            (EventRelation::SameStartPosition, "A la misma hora"),
        ] {
            let kind = ConstraintKind::RelateEvents {
                groups: vec![heads.clone()],
                relation,
                layout: hours(d),
            };
            out.push(Some(rule), owner(), label, kind);
        }
    }
}

/// FET's "two activities consecutive": the second starts right where the first ends, on the
/// same day (never last hour of one day to first of the next, which FET refuses: Saudi
/// Arabia's Arabic_Saudi_1), and a break between them does not part them (fet-cl accepts
/// blocks on either side of a break slot or of a break on every day). So: grouped by teaching
/// rank, and in order.
fn consecutive(
    school: &SchoolData,
    d: &Draft,
    rule: &Record<Rule>,
    events: Vec<EventId>,
    out: &mut Out,
) {
    if events.len() < 2 {
        return;
    }
    let owner = || Owner::Lesson {
        id: first_lesson(&rule.data.params).unwrap_or(0),
    };
    let pairs: Vec<Vec<EventId>> = events.windows(2).map(<[EventId]>::to_vec).collect();
    let kind = ConstraintKind::RelateEvents {
        groups: pairs.clone(),
        relation: EventRelation::Grouped,
        layout: teaching_ranks(school, d),
    };
    out.push(Some(rule), owner(), "Seguidas", kind);
    let kind = ConstraintKind::RelateEvents {
        groups: pairs,
        relation: EventRelation::OrderedIfSameDay,
        layout: hours(d),
    };
    out.push(Some(rule), owner(), "Seguidas, en orden", kind);
}

/// FET's "consecutive if same day" of min days between blocks, which FET holds hard at any
/// weight: blocks sharing a day are back to back (by period number, so never across a recess
/// FET counts), and no more than two of them share a day.
pub(super) fn back_to_back_if_same_day(
    d: &Draft,
    rule: &Record<Rule>,
    events: Vec<EventId>,
    days: Vec<TimeGroupId>,
    out: &mut Out,
) {
    let owner = || Owner::Lesson {
        id: first_lesson(&rule.data.params).unwrap_or(0),
    };
    at_most_two_a_day(rule, events.clone(), days, out);
    let kind = ConstraintKind::RelateEvents {
        groups: vec![events],
        relation: EventRelation::AdjacentIfSameDay,
        layout: hours(d),
    };
    out.push_hard(rule, owner(), "Seguidas si el mismo día", kind);
}

/// No more than two of the blocks share a day, hard.
pub(super) fn at_most_two_a_day(
    rule: &Record<Rule>,
    events: Vec<EventId>,
    days: Vec<TimeGroupId>,
    out: &mut Out,
) {
    let owner = Owner::Lesson {
        id: first_lesson(&rule.data.params).unwrap_or(0),
    };
    let limits = days
        .into_iter()
        .map(|time_group| SpreadLimit {
            time_group,
            min: 0,
            max: 2,
        })
        .collect();
    let kind = ConstraintKind::SpreadEvents {
        event_groups: vec![events],
        limits,
    };
    out.push_hard(rule, owner, "Como mucho dos el mismo día", kind);
}

/// Days in week order with each time's period number (recesses keep their numbers).
pub(super) fn hours(d: &Draft) -> TimeLayout {
    TimeLayout {
        days: d.times.day.values().copied().collect(),
        positions: d.times.info.iter().map(|t| t.period as u32).collect(),
    }
}

/// Days with each time's rank among the day's times that are no break slot of the school, so
/// blocks on either side of a break follow each other.
fn teaching_ranks(school: &SchoolData, d: &Draft) -> TimeLayout {
    let breaks: BTreeSet<(u8, u8)> = school
        .rules
        .iter()
        .filter(|r| r.data.enabled && r.data.hard && r.data.kind == RuleKind::BreakSlots)
        .flat_map(|r| slot_list(&r.data.params))
        .collect();
    let mut positions = vec![0; d.times.info.len()];
    for (_, times) in d.times.grid_day.values() {
        let mut rank = 0;
        for &t in times {
            positions[t.index()] = rank;
            let info = d.times.get(t);
            if !breaks.contains(&(info.day, info.period)) {
                rank += 1;
            }
        }
    }
    TimeLayout {
        days: d.times.day.values().copied().collect(),
        positions,
    }
}

/// The room roles (open or fixed) of the events that have one.
fn room_roles(d: &Draft, events: &[EventId]) -> Vec<EventRole> {
    events
        .iter()
        .filter_map(|&e| {
            d.events[e.index()].room_role.map(|k| EventRole {
                event: e,
                role: k as u32,
            })
        })
        .collect()
}

/// One constraint per teacher, or per section with the timelines (its groups) it measures:
/// the rooms of the blocks each timeline attends, zoned by building.
fn building_changes(
    school: &SchoolData,
    d: &Draft,
    rule: &Record<Rule>,
    scope: &Scope,
    out: &mut Out,
) {
    let p = &rule.data.params;
    let mut buildings: BTreeMap<&str, u32> = BTreeMap::new();
    let mut zones = Vec::new();
    for room in &school.rooms {
        if let (Some(b), Some(&r)) = (room.data.building.as_deref(), d.room_res.get(&room.id)) {
            let next = buildings.len() as u32;
            zones.push((r, *buildings.entry(b).or_insert(next)));
        }
    }
    if buildings.len() < 2 {
        return;
    }
    let limit = match rule.data.kind {
        RuleKind::SectionMaxBuildingChangesPerDay | RuleKind::TeacherMaxBuildingChangesPerDay => {
            ZoneLimit::MaxChangesPerDay(max_param(&rule.data).unwrap_or(u32::MAX))
        }
        RuleKind::SectionMaxBuildingChangesPerWeek | RuleKind::TeacherMaxBuildingChangesPerWeek => {
            ZoneLimit::MaxChangesPerWeek(max_param(&rule.data).unwrap_or(u32::MAX))
        }
        _ => ZoneLimit::MinGapBeforeChange(
            p.get("min_gaps").and_then(Value::as_u64).unwrap_or(1) as u32
        ),
    };
    let attended_by = |r: ResourceId, teacher: bool| -> Vec<EventRole> {
        let events: Vec<EventId> = (0..d.events.len())
            .filter(|&e| {
                let ev = &d.events[e];
                if teacher {
                    ev.teachers.contains(&r)
                } else {
                    ev.sections.contains(&r)
                }
            })
            .map(|e| EventId(e as u32))
            .collect();
        room_roles(d, &events)
    };
    let mut people: Vec<(Owner, Vec<Vec<EventRole>>)> = Vec::new();
    if matches!(
        rule.data.kind,
        RuleKind::TeacherMaxBuildingChangesPerDay
            | RuleKind::TeacherMinGapsBetweenBuildingChanges
            | RuleKind::TeacherMaxBuildingChangesPerWeek
    ) {
        for (&id, &r) in &d.teacher_res {
            if scope.teacher(id) {
                people.push((Owner::Teacher { id }, vec![attended_by(r, true)]));
            }
        }
    } else {
        for (id, resources) in sections(school, d, p, scope) {
            let groups = resources.iter().map(|&r| attended_by(r, false)).collect();
            people.push((Owner::Section { id }, groups));
        }
    }
    let layout = hours(d);
    let label = match limit {
        ZoneLimit::MaxChangesPerDay(_) => "Máximo de cambios de edificio por día",
        ZoneLimit::MinGapBeforeChange(_) => "Horas libres antes de cambiar de edificio",
        ZoneLimit::MaxChangesPerWeek(_) => "Máximo de cambios de edificio por semana",
    };
    for (owner, groups) in people {
        let groups: Vec<Vec<EventRole>> = groups.into_iter().filter(|g| g.len() > 1).collect();
        if groups.is_empty() {
            continue;
        }
        let kind = ConstraintKind::LimitZoneChanges {
            groups,
            zones: zones.clone(),
            layout: layout.clone(),
            limit,
        };
        out.push(Some(rule), owner, label, kind);
    }
}
