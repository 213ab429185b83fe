//! Turns what the readers gathered into a `SchoolData`: resolves names, numbers the periods,
//! creates rooms, sections, teachers and lessons, and the school's own timetable.

use crate::builder::{Builder, SectionKey, When};
use crate::error::Location;
use crate::lesson_build::{LessonPlan, build_grid_lessons, build_listed_lessons};
use crate::name_merge::{Merge, Resolved};
use crate::time_grid::{GridIndex, build_grid, level_record};
use crate::{ImportOptions, builder::room_kind_from_name};
use domain::names::canonical;
use domain::{
    Availability, Id, NonTeachingBlock, Record, Room, RoomKind, SchoolData, Section, SectionGroup,
    SlotStatus, Subject, Teacher, TimeGrid, Timetable, TimetableData, TimetableStatus,
};
use std::collections::{BTreeMap, BTreeSet};

pub fn is_physical_education(subject: &str) -> bool {
    let c = canonical(subject).replace('.', " ");
    let words: Vec<&str> = c.split_whitespace().collect();
    words.first().is_some_and(|w| w.starts_with("ED")) && words.contains(&"FISICA")
}

pub struct Assembled {
    pub school: SchoolData,
    pub merges: Vec<Merge>,
}

/// Ids of everything created so far, shared with the lesson builder.
pub struct Ids {
    pub sections: BTreeMap<SectionKey, Id>,
    pub homerooms: BTreeMap<SectionKey, String>,
    pub subjects: Resolved,
    pub teachers: Resolved,
}

impl Ids {
    pub fn teacher(&self, b: &Builder, name: &str) -> Option<usize> {
        let canon = b.teachers.find(name)?;
        self.teachers.cluster_of.get(&canon).copied()
    }
    pub fn subject(&self, b: &Builder, name: &str) -> Option<usize> {
        let canon = b.subjects.find(name)?;
        self.subjects.cluster_of.get(&canon).copied()
    }
}

pub fn assemble(b: &mut Builder, options: &ImportOptions) -> Assembled {
    let grid = build_grid(b);
    let teachers = b
        .teachers
        .resolve(&options.refused_merges, &options.mappings);
    let subjects = b
        .subjects
        .resolve(&options.refused_merges, &options.mappings);
    let mut school = SchoolData::default();

    let grid_id = (!grid.periods.is_empty()).then_some(1);
    let levels: BTreeSet<String> = b.sections.keys().map(|k| k.0.clone()).collect();
    for (i, code) in levels.iter().enumerate() {
        school.levels.push(Record {
            id: i as Id + 1,
            data: level_record(code),
        });
    }
    if let Some(id) = grid_id {
        let days: Vec<u8> = if b.days.is_empty() {
            (1..=5).collect()
        } else {
            b.days.iter().copied().collect()
        };
        let level = (levels.len() == 1)
            .then(|| levels.iter().next().cloned())
            .flatten();
        let name = match &level {
            Some(code) => format!("Horario base {}", level_record(code).name),
            None => "Horario base".to_string(),
        };
        school.time_grids.push(Record {
            id,
            data: TimeGrid {
                name,
                level,
                days,
                periods: grid.periods.clone(),
            },
        });
    }

    // Sections and their homerooms.
    let mut ids = Ids {
        sections: BTreeMap::new(),
        homerooms: BTreeMap::new(),
        subjects,
        teachers,
    };
    let keys: Vec<SectionKey> = b.sections.keys().cloned().collect();
    for (i, key) in keys.iter().enumerate() {
        let info = b.sections[key].clone();
        let mut section = Section {
            level: key.0.clone(),
            grade: key.1,
            letter: key.2.clone(),
            homeroom_id: None,
            size: info.size,
            time_grid_id: grid_id,
            groups: info
                .groups
                .iter()
                .map(|g| SectionGroup {
                    name: g.clone(),
                    size: 0,
                })
                .collect(),
            name: None,
        };
        let homeroom = info
            .homeroom
            .clone()
            .unwrap_or_else(|| format!("Aula {}", section.display_name()));
        let room_key = b.add_room(&homeroom, Some(RoomKind::Aula), 0);
        ids.homerooms.insert(key.clone(), room_key);
        section.homeroom_id = None;
        ids.sections.insert(key.clone(), i as Id + 1);
        school.sections.push(Record {
            id: i as Id + 1,
            data: section,
        });
    }

    // Subjects, in the order of their chosen names.
    for (i, name) in ids.subjects.names.iter().enumerate() {
        let (short_name, colour) = ids
            .subjects
            .cluster_of
            .iter()
            .filter(|(_, c)| **c == i)
            .find_map(|(k, _)| b.subject_info.get(k).cloned())
            .unwrap_or_default();
        school.subjects.push(Record {
            id: i as Id + 1,
            data: Subject {
                name: name.clone(),
                short_name,
                colour,
            },
        });
    }

    crate::cross_check::compare_teacher_grids(b, &ids, &grid);
    crate::cross_check::compare_load_tables(b, &ids);
    let mut plans: Vec<LessonPlan> = build_grid_lessons(b, &ids, &grid);
    plans.extend(build_listed_lessons(b, &ids));
    if plans
        .iter()
        .any(|p| p.room.is_none() && is_physical_education(&ids.subjects.names[p.subject]))
    {
        b.add_room("Cancha", Some(RoomKind::Cancha), 0);
    }

    // Rooms get ids now that every source has named its rooms.
    let room_ids: BTreeMap<String, Id> = b
        .rooms
        .keys()
        .enumerate()
        .map(|(i, k)| (k.clone(), i as Id + 1))
        .collect();
    for (key, info) in &b.rooms {
        school.rooms.push(Record {
            id: room_ids[key],
            data: Room {
                name: info.name.clone(),
                kind: info.kind.unwrap_or_else(|| room_kind_from_name(&info.name)),
                capacity: info.capacity,
                unavailable: Vec::new(),
                building: None,
                parts: Vec::new(),
            },
        });
    }
    for s in &mut school.sections {
        let key = (s.data.level.clone(), s.data.grade, s.data.letter.clone());
        s.data.homeroom_id = ids
            .homerooms
            .get(&key)
            .and_then(|r| room_ids.get(r))
            .copied();
    }

    let court = room_ids.get("CANCHA").copied();
    let timetable_id: Id = 1;
    let mut placements = Vec::new();
    let mut taught: BTreeMap<usize, BTreeSet<Id>> = BTreeMap::new();
    for (i, plan) in plans.iter().enumerate() {
        let lesson_id = i as Id + 1;
        let physical = is_physical_education(&ids.subjects.names[plan.subject]);
        let lesson_room = plan
            .room
            .as_ref()
            .and_then(|r| room_ids.get(r).copied())
            .or(if physical { court } else { None });
        let room_kind = plan.room_kind.or_else(|| {
            lesson_room
                .and_then(|id| school.rooms.iter().find(|r| r.id == id))
                .map(|r| r.data.kind)
        });
        for t in &plan.teachers {
            taught.entry(*t).or_default().insert(plan.subject as Id + 1);
        }
        let homeroom = plan
            .sections
            .first()
            .and_then(|k| ids.homerooms.get(k))
            .and_then(|r| room_ids.get(r).copied());
        for p in &plan.placements {
            let room_id = p
                .room
                .as_ref()
                .and_then(|r| room_ids.get(r).copied())
                .or(lesson_room)
                .or(if plan.group.is_none() { homeroom } else { None });
            placements.push(domain::Placement {
                timetable_id,
                lesson_id,
                unit: p.unit,
                day: p.day,
                period: p.period,
                duration: p.duration,
                room_id,
                locked: false,
            });
        }
        school.lessons.push(Record {
            id: lesson_id,
            data: domain::Lesson {
                section_ids: plan
                    .sections
                    .iter()
                    .filter_map(|k| ids.sections.get(k).copied())
                    .collect(),
                group: plan.group.clone(),
                subject_id: plan.subject as Id + 1,
                teacher_ids: plan.teachers.iter().map(|t| *t as Id + 1).collect(),
                periods_per_week: plan.periods_per_week,
                block_pattern: plan.block_pattern.clone(),
                room_kind,
                room_id: lesson_room,
                tags: Vec::new(),
            },
        });
    }

    school.teachers = build_teachers(b, &ids, &grid, &taught);
    if !placements.is_empty() {
        let source = b.timetable_source.clone().unwrap_or_default();
        school.timetables.push(TimetableData {
            timetable: Record {
                id: timetable_id,
                data: Timetable {
                    name: format!("Horario importado ({source})")
                        .chars()
                        .take(120)
                        .collect(),
                    status: TimetableStatus::Draft,
                    school_year_id: None,
                    source: "import".into(),
                    hard_cost: None,
                    soft_cost: None,
                },
            },
            placements,
        });
    }
    let mut merges = ids.teachers.merges.clone();
    merges.extend(ids.subjects.merges.clone());
    Assembled { school, merges }
}

fn build_teachers(
    b: &mut Builder,
    ids: &Ids,
    grid: &GridIndex,
    taught: &BTreeMap<usize, BTreeSet<Id>>,
) -> Vec<Record<Teacher>> {
    let mut blocks: BTreeMap<usize, BTreeMap<(u8, u8), String>> = BTreeMap::new();
    let raw_blocks = b.blocks.clone();
    for block in &raw_blocks {
        let Some(t) = ids.teacher(b, &block.teacher) else {
            b.error(
                block.location.clone(),
                format!("docente desconocido: «{}»", block.teacher),
            );
            continue;
        };
        let numbers = match block.when {
            When::Clock { start, end } => grid.lesson_numbers_overlapping(start, end),
            When::Period(n) => vec![n],
        };
        for n in numbers {
            blocks
                .entry(t)
                .or_default()
                .entry((block.day, n))
                .or_insert(block.label.clone());
        }
    }
    // Later statements about the same period win; non-teaching blocks already make a period
    // unavailable, so availability repeats only what blocks do not say.
    let mut availability: BTreeMap<usize, BTreeMap<(u8, u8), SlotStatus>> = BTreeMap::new();
    for a in b.availability.clone() {
        let Some(t) = ids.teacher(b, &a.teacher) else {
            b.error(
                a.location.clone(),
                format!("docente desconocido: «{}»", a.teacher),
            );
            continue;
        };
        let numbers = match a.when {
            When::Clock { start, end } => grid.lesson_numbers_overlapping(start, end),
            When::Period(n) => vec![n],
        };
        for n in numbers {
            if !blocks
                .get(&t)
                .is_some_and(|bl| bl.contains_key(&(a.day, n)))
            {
                availability
                    .entry(t)
                    .or_default()
                    .insert((a.day, n), a.status);
            }
        }
    }
    let mut out = Vec::new();
    for (i, name) in ids.teachers.names.iter().enumerate() {
        let info = ids
            .teachers
            .cluster_of
            .iter()
            .filter(|(_, c)| **c == i)
            .find_map(|(k, _)| b.teacher_info.get(k).cloned())
            .unwrap_or_default();
        let mut subject_ids: BTreeSet<Id> = taught.get(&i).cloned().unwrap_or_default();
        for s in &info.subjects {
            match ids.subject(b, s) {
                Some(c) => {
                    subject_ids.insert(c as Id + 1);
                }
                None => b.warn(
                    Location::file("docentes"),
                    format!("{name}: la asignatura «{s}» no existe; no se le asignó"),
                ),
            }
        }
        out.push(Record {
            id: i as Id + 1,
            data: Teacher {
                name: name.clone(),
                identity_document: info.identity_document,
                email: info.email,
                subject_ids: subject_ids.into_iter().collect(),
                max_periods_per_day: info.max_periods_per_day,
                max_periods_per_week: info.max_periods_per_week,
                availability: availability
                    .remove(&i)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|((day, period), status)| Availability {
                        day,
                        period,
                        status,
                    })
                    .collect(),
                blocks: blocks
                    .remove(&i)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|((day, period), label)| NonTeachingBlock { day, period, label })
                    .collect(),
            },
        });
    }
    out
}
