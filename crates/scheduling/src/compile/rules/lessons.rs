//! Rules about lessons, sections and rooms, and the structure every timetable must have.

use super::fet_params::{ids, open_room_roles};
use super::{Out, section_timeline};
use crate::compile::Owner;
use crate::compile::events::Draft;
use crate::compile::scope::{Scope, numbers};
use domain::{ClockTime, Id, Record, Rule, RuleKind, SchoolData};
use solver::{ConstraintKind, EventId, EventRole, SpreadLimit, TimeId};
use std::collections::{BTreeMap, BTreeSet};

/// What no rule can switch off: every block placed whole, inside one day, with a room when the
/// lesson needs one.
pub(super) fn structural(school: &SchoolData, d: &Draft, out: &mut Out) {
    let (soft_rooms, named) = soft_room_only(school, d);
    for lesson in &school.lessons {
        let events = d.lesson_events[&lesson.id].clone();
        let owner = Owner::Lesson { id: lesson.id };
        out.push(
            None,
            owner.clone(),
            "Todas las clases ubicadas",
            ConstraintKind::AssignTime {
                events: events.clone(),
            },
        );
        for (duration, events) in by_duration(d, &events) {
            out.push(
                None,
                owner.clone(),
                "Bloques enteros",
                ConstraintKind::SplitEvents {
                    events: events.clone(),
                    min_duration: duration as u32,
                    max_duration: duration as u32,
                    min_amount: 1,
                    max_amount: 1,
                },
            );
            // Also keeps each block on its own grid's times (a school may have several).
            let grid = d.events[events[0].index()].grid_id;
            out.push(
                None,
                owner.clone(),
                "Bloques dentro de un día de su horario base",
                ConstraintKind::PreferTimes {
                    events,
                    times: d.times.allowed_starts(grid, duration, false),
                    duration: Some(duration as u32),
                },
            );
        }
        let roles: Vec<EventRole> = events
            .iter()
            .filter(|&&e| d.events[e.index()].room_open)
            .filter_map(|&e| {
                d.events[e.index()].room_role.map(|k| EventRole {
                    event: e,
                    role: k as u32,
                })
            })
            .collect();
        // A block whose only room rules are soft may go without a room, at the cost of its
        // heaviest soft room rule (FET leaves such an activity roomless when it must).
        // A block of a roomed lesson that no room rule names (a split activity's untagged
        // part) needs no room, as in FET.
        let (soft, hard): (Vec<EventRole>, Vec<EventRole>) = roles
            .into_iter()
            .filter(|r| named.as_ref().is_none_or(|n| n.contains(&r.event)))
            .partition(|r| soft_rooms.contains_key(&r.event));
        if !hard.is_empty() {
            let kind = ConstraintKind::AssignResource { roles: hard };
            out.push(None, owner.clone(), "Clase con aula", kind);
        }
        for role in soft {
            let rule = soft_rooms[&role.event];
            let kind = ConstraintKind::AssignResource { roles: vec![role] };
            out.push(Some(rule), owner.clone(), "Clase con aula", kind);
        }
    }
}

/// Blocks that FET's preferred-room rules name only below 100 %, each with its heaviest such
/// rule, and every block a preferred-room rule names (`None` without such rules: a school's
/// own lessons). A home room yields to a block's own room rules (see `own_room_events`).
type SoftRooms<'a> = (
    BTreeMap<EventId, &'a Record<Rule>>,
    Option<BTreeSet<EventId>>,
);

fn soft_room_only<'a>(school: &'a SchoolData, d: &Draft) -> SoftRooms<'a> {
    let own = super::fet_params::own_room_events(school, d);
    let mut hard = BTreeSet::new();
    let mut soft: BTreeMap<EventId, &Record<Rule>> = BTreeMap::new();
    let rules = school
        .rules
        .iter()
        .filter(|r| r.data.enabled && r.data.kind == RuleKind::PreferredRooms);
    for rule in rules {
        let home = rule.data.params.get("home").and_then(|v| v.as_bool()) == Some(true);
        for e in super::fet_params::targets(d, &rule.data.params) {
            if home && own.contains(&e) {
                continue;
            }
            if rule.data.hard {
                hard.insert(e);
            } else {
                let best = soft.entry(e).or_insert(rule);
                if rule.data.weight > best.data.weight {
                    *best = rule;
                }
            }
        }
    }
    let mut named: Option<BTreeSet<EventId>> = None;
    for e in hard.iter().chain(soft.keys()) {
        named.get_or_insert_with(BTreeSet::new).insert(*e);
    }
    let any_rule = school
        .rules
        .iter()
        .any(|r| r.data.enabled && r.data.kind == RuleKind::PreferredRooms);
    if any_rule {
        named.get_or_insert_with(BTreeSet::new);
    }
    soft.retain(|e, _| !hard.contains(e));
    (soft, named)
}

fn by_duration(d: &Draft, events: &[EventId]) -> BTreeMap<u8, Vec<EventId>> {
    let mut map: BTreeMap<u8, Vec<EventId>> = BTreeMap::new();
    for &e in events {
        map.entry(d.events[e.index()].duration).or_default().push(e);
    }
    map
}

pub(super) fn add(
    school: &SchoolData,
    d: &Draft,
    rule: &Record<Rule>,
    scope: &Scope,
    out: &mut Out,
) {
    let lessons = school.lessons.iter().filter(|l| scope.lesson(&l.data));
    match rule.data.kind {
        RuleKind::BlockPattern => {
            for lesson in lessons {
                let events = &d.lesson_events[&lesson.id];
                for (duration, events) in by_duration(d, events) {
                    if duration < 2 {
                        continue;
                    }
                    let grid = d.events[events[0].index()].grid_id;
                    let kind = ConstraintKind::PreferTimes {
                        events,
                        times: d.times.allowed_starts(grid, duration, true),
                        duration: Some(duration as u32),
                    };
                    let owner = Owner::Lesson { id: lesson.id };
                    out.push(Some(rule), owner, "Bloques sin cortar por el recreo", kind);
                }
            }
        }
        RuleKind::SubjectOncePerDay => subject_once_per_day(d, rule, lessons.collect(), out),
        RuleKind::SectionNoGaps | RuleKind::MorningsFirst => {
            for s in &school.sections {
                if !scope.section(s.id) {
                    continue;
                }
                let grid = d.section_grid[&s.id];
                let resources = section_timeline(d, s.id);
                let owner = Owner::Section { id: s.id };
                if rule.data.kind == RuleKind::SectionNoGaps {
                    let time_groups = d
                        .times
                        .grid_day
                        .iter()
                        .filter(|((g, _), _)| *g == grid)
                        .map(|(_, (group, _))| *group)
                        .collect();
                    let kind = ConstraintKind::LimitIdleTimes {
                        resources,
                        time_groups,
                        min: 0,
                        max: 0,
                    };
                    out.push(Some(rule), owner, "Sección sin horas libres", kind);
                } else {
                    let from = rule
                        .data
                        .params
                        .get("afternoon_from")
                        .and_then(|v| v.as_str())
                        .and_then(ClockTime::parse)
                        .unwrap_or(crate::DEFAULT_AFTERNOON);
                    let times: Vec<TimeId> = (0..d.times.info.len() as u32)
                        .map(TimeId)
                        .filter(|&t| {
                            let ti = d.times.get(t);
                            ti.grid_id == grid && ti.start >= from
                        })
                        .collect();
                    if times.is_empty() {
                        continue;
                    }
                    let kind = ConstraintKind::AvoidUnavailableTimes { resources, times };
                    out.push(Some(rule), owner, "Mañanas primero", kind);
                }
            }
        }
        RuleKind::RoomCapacity if rule.data.params.get("by_students").is_some() => {
            by_students(d, rule, out);
            if !rule.data.hard {
                room_preferences(d, rule, scope, school, out);
            }
        }
        // Hard room rules already narrowed the room roles' domains.
        RuleKind::RoomType | RuleKind::RoomCapacity | RuleKind::HomeroomPreference
            if !rule.data.hard =>
        {
            room_preferences(d, rule, scope, school, out);
        }
        RuleKind::PreferredPeriods => {
            let days = numbers(&rule.data, "days");
            let periods = numbers(&rule.data, "periods");
            if days.is_none() && periods.is_none() {
                return;
            }
            for lesson in lessons {
                let events = d.lesson_events[&lesson.id].clone();
                let grid = d.events[events[0].index()].grid_id;
                let times = (0..d.times.info.len() as u32)
                    .map(TimeId)
                    .filter(|&t| {
                        let ti = d.times.get(t);
                        ti.grid_id == grid
                            && days.as_ref().is_none_or(|s| s.contains(&ti.day))
                            && periods.as_ref().is_none_or(|s| s.contains(&ti.period))
                    })
                    .collect();
                let kind = ConstraintKind::PreferTimes {
                    events,
                    times,
                    duration: None,
                };
                let owner = Owner::Lesson { id: lesson.id };
                out.push(Some(rule), owner, "Períodos preferidos", kind);
            }
        }
        _ => {}
    }
}

/// Lessons of one subject for the same section(s) and group spread over distinct days: at most
/// one block a day (more only when there are more blocks than days).
fn subject_once_per_day(
    d: &Draft,
    rule: &Record<Rule>,
    lessons: Vec<&Record<domain::Lesson>>,
    out: &mut Out,
) {
    // Key: sorted sections, subject, group. Value: the first lesson (named in the report) and
    // every block of the subject there.
    type Key = (Vec<Id>, Id, Option<String>);
    let mut groups: BTreeMap<Key, (Id, Vec<EventId>)> = BTreeMap::new();
    for l in lessons {
        let mut sections = l.data.section_ids.clone();
        sections.sort_unstable();
        let key = (sections, l.data.subject_id, l.data.group.clone());
        let entry = groups.entry(key).or_insert((l.id, Vec::new()));
        entry.1.extend(d.lesson_events[&l.id].iter().copied());
    }
    for (_, (lesson_id, events)) in groups {
        let grid = d.events[events[0].index()].grid_id;
        let days: Vec<_> = d
            .times
            .grid_day
            .iter()
            .filter(|((g, _), _)| *g == grid)
            .map(|(_, (group, _))| *group)
            .collect();
        if events.len() < 2 || days.is_empty() {
            continue;
        }
        let max = events.len().div_ceil(days.len()) as u32;
        let limits = days
            .into_iter()
            .map(|time_group| SpreadLimit {
                time_group,
                min: 0,
                max,
            })
            .collect();
        let kind = ConstraintKind::SpreadEvents {
            event_groups: vec![events],
            limits,
        };
        let owner = Owner::Lesson { id: lesson_id };
        out.push(Some(rule), owner, "Una vez por día por asignatura", kind);
    }
}

/// Soft room rules: rooms of the wanted type, big enough, the section's own homeroom.
fn room_preferences(
    d: &Draft,
    rule: &Record<Rule>,
    scope: &Scope,
    school: &SchoolData,
    out: &mut Out,
) {
    let mut per_lesson: BTreeMap<Id, (Vec<EventRole>, Vec<solver::ResourceId>)> = BTreeMap::new();
    for w in &d.room_wishes {
        let lesson_id = d.events[w.event.index()].lesson_id;
        let in_scope = school
            .lessons
            .iter()
            .find(|l| l.id == lesson_id)
            .is_some_and(|l| scope.lesson(&l.data));
        let wanted = match rule.data.kind {
            RuleKind::RoomType => w.of_kind.clone(),
            RuleKind::RoomCapacity => w.big_enough.clone(),
            _ => w.homeroom.map(|h| vec![h]),
        };
        let Some(wanted) = wanted.filter(|_| in_scope) else {
            continue;
        };
        let entry = per_lesson.entry(lesson_id).or_insert((Vec::new(), wanted));
        entry.0.push(EventRole {
            event: w.event,
            role: w.role,
        });
    }
    let label = match rule.data.kind {
        RuleKind::RoomType => "Tipo de aula",
        RuleKind::RoomCapacity => "Capacidad del aula",
        _ => "Aula propia de la sección",
    };
    for (id, (roles, resources)) in per_lesson {
        let kind = ConstraintKind::PreferResources {
            roles,
            resources: unique_res(resources),
        };
        out.push(Some(rule), Owner::Lesson { id }, label, kind);
    }
}

fn unique_res(mut r: Vec<solver::ResourceId>) -> Vec<solver::ResourceId> {
    r.sort_unstable();
    r.dedup();
    r
}

/// FET's room capacity by students count (the import's `by_students`: lessons and the rooms
/// big enough for them, as FET counts their students), on the lessons' open room roles.
fn by_students(d: &Draft, rule: &Record<Rule>, out: &mut Out) {
    let entries = rule
        .data
        .params
        .get("by_students")
        .and_then(|v| v.as_array());
    for e in entries.into_iter().flatten() {
        let lessons = ids(e, "lesson_ids");
        let rooms = ids(e, "room_ids")
            .iter()
            .filter_map(|r| d.room_res.get(r).copied())
            .collect();
        let events: Vec<EventId> = lessons
            .iter()
            .flat_map(|l| d.lesson_events.get(l).into_iter().flatten().copied())
            .collect();
        let roles = open_room_roles(d, &events);
        if roles.is_empty() {
            continue;
        }
        let owner = Owner::Lesson {
            id: lessons.first().copied().unwrap_or(0),
        };
        let kind = ConstraintKind::PreferResources {
            roles,
            resources: rooms,
        };
        out.push(Some(rule), owner, "Capacidad del aula", kind);
    }
}
