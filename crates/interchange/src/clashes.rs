//! Double bookings in a timetable, decided by clock time: a teacher, a section or a room in two
//! lessons at once, or a teacher placed in one of their non-teaching blocks. The importer
//! reports every one in the school's own timetable and never hides any.

use domain::{ClockTime, Id, Lesson, PeriodKind, SchoolData, TimetableData};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClashKind {
    Teacher,
    Section,
    Room,
    TeacherUnavailable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clash {
    pub kind: ClashKind,
    pub day: u8,
    pub start: ClockTime,
    pub end: ClockTime,
    /// The teacher, section or room double-booked.
    pub resource: String,
    pub lesson_ids: Vec<Id>,
    pub message: String,
}

/// Weekday names (es-VE); days past Sunday belong to a longer cycle and are named by number.
pub fn day_name(day: u8) -> std::borrow::Cow<'static, str> {
    [
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ]
    .get(day.wrapping_sub(1) as usize)
    .map(|&d| d.into())
    .unwrap_or_else(|| format!("día {day}").into())
}

struct Occurrence {
    lesson_id: Id,
    day: u8,
    period: u8,
    start: ClockTime,
    end: ClockTime,
    room: Option<Id>,
}

fn names<T>(records: &[domain::Record<T>], f: impl Fn(&T) -> String) -> BTreeMap<Id, String> {
    records.iter().map(|r| (r.id, f(&r.data))).collect()
}

pub fn timetable_clashes(school: &SchoolData, timetable: &TimetableData) -> Vec<Clash> {
    let lessons: BTreeMap<Id, &Lesson> = school.lessons.iter().map(|r| (r.id, &r.data)).collect();
    let sections = names(&school.sections, |s| s.display_name());
    let teachers = names(&school.teachers, |t| t.name.clone());
    let subjects = names(&school.subjects, |s| s.name.clone());
    let rooms = names(&school.rooms, |r| r.name.clone());
    let grid_of_section: BTreeMap<Id, Option<Id>> = school
        .sections
        .iter()
        .map(|s| (s.id, s.data.time_grid_id))
        .collect();
    let describe = |id: Id| {
        let Some(l) = lessons.get(&id) else {
            return format!("clase {id}");
        };
        let secs: Vec<&str> = l
            .section_ids
            .iter()
            .filter_map(|s| sections.get(s).map(String::as_str))
            .collect();
        let group = l
            .group
            .as_ref()
            .map(|g| format!(" ({g})"))
            .unwrap_or_default();
        format!(
            "{} {}{}",
            subjects.get(&l.subject_id).map_or("?", String::as_str),
            secs.join(", "),
            group
        )
    };

    let mut occurrences = Vec::new();
    for p in &timetable.placements {
        let Some(lesson) = lessons.get(&p.lesson_id) else {
            continue;
        };
        let grid_id = lesson
            .section_ids
            .first()
            .and_then(|s| grid_of_section.get(s).copied().flatten());
        let grid = school
            .time_grids
            .iter()
            .find(|g| Some(g.id) == grid_id)
            .or(school.time_grids.first());
        let Some(grid) = grid else { continue };
        for n in p.period..p.period.saturating_add(p.duration) {
            if let Some(period) = grid
                .data
                .periods
                .iter()
                .find(|q| q.kind == PeriodKind::Lesson && q.number == n)
            {
                occurrences.push(Occurrence {
                    lesson_id: p.lesson_id,
                    day: p.day,
                    period: n,
                    start: period.start,
                    end: period.end,
                    room: p.room_id,
                });
            }
        }
    }
    occurrences.sort_by_key(|o| (o.day, o.start, o.lesson_id));

    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut push =
        |kind: ClashKind, resource: String, a: &Occurrence, b: &Occurrence, what: &str| {
            let (lo, hi) = (a.lesson_id.min(b.lesson_id), a.lesson_id.max(b.lesson_id));
            if !seen.insert((kind, resource.clone(), a.day, a.start.max(b.start), lo, hi)) {
                return;
            }
            let start = a.start.max(b.start);
            let end = a.end.min(b.end);
            out.push(Clash {
                kind,
                day: a.day,
                start,
                end,
                message: format!(
                    "{what} {resource} tiene dos clases a la vez el {} {start}–{end}: {} y {}",
                    day_name(a.day),
                    describe(lo),
                    describe(hi)
                ),
                resource,
                lesson_ids: vec![lo, hi],
            });
        };
    for (i, a) in occurrences.iter().enumerate() {
        for b in &occurrences[i + 1..] {
            if b.day != a.day || b.start >= a.end {
                break;
            }
            if a.lesson_id == b.lesson_id {
                continue;
            }
            let (la, lb) = (lessons[&a.lesson_id], lessons[&b.lesson_id]);
            for t in la.teacher_ids.iter().filter(|t| lb.teacher_ids.contains(t)) {
                let name = teachers.get(t).cloned().unwrap_or_default();
                push(ClashKind::Teacher, name, a, b, "El docente");
            }
            let parallel_groups = matches!((&la.group, &lb.group), (Some(x), Some(y)) if x != y);
            if !parallel_groups {
                for s in la.section_ids.iter().filter(|s| lb.section_ids.contains(s)) {
                    let name = sections.get(s).cloned().unwrap_or_default();
                    push(ClashKind::Section, name, a, b, "La sección");
                }
            }
            if let (Some(ra), Some(rb)) = (a.room, b.room)
                && ra == rb
            {
                let name = rooms.get(&ra).cloned().unwrap_or_default();
                push(ClashKind::Room, name, a, b, "El aula");
            }
        }
    }
    let blocks: BTreeMap<Id, BTreeMap<(u8, u8), &str>> = school
        .teachers
        .iter()
        .map(|t| {
            (
                t.id,
                t.data
                    .availability
                    .iter()
                    .filter(|a| a.status == domain::SlotStatus::Unavailable)
                    .map(|a| ((a.day, a.period), "no disponible"))
                    .chain(
                        t.data
                            .blocks
                            .iter()
                            .map(|b| ((b.day, b.period), b.label.as_str())),
                    )
                    .collect(),
            )
        })
        .collect();
    for o in &occurrences {
        for t in &lessons[&o.lesson_id].teacher_ids {
            if let Some(label) = blocks.get(t).and_then(|b| b.get(&(o.day, o.period))) {
                let name = teachers.get(t).cloned().unwrap_or_default();
                out.push(Clash {
                    kind: ClashKind::TeacherUnavailable,
                    day: o.day,
                    start: o.start,
                    end: o.end,
                    message: format!(
                        "El docente {name} tiene «{label}» el {} {}–{} y a la vez la clase {}",
                        day_name(o.day),
                        o.start,
                        o.end,
                        describe(o.lesson_id)
                    ),
                    resource: name,
                    lesson_ids: vec![o.lesson_id],
                });
            }
        }
    }
    out
}
