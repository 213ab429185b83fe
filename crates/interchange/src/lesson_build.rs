//! Lessons from what the grids show: every (section, group, subject, teacher) seen in cells is
//! one lesson; its runs of consecutive periods on a day give its block pattern (2+2, 2+1) and
//! the placements of the school's own timetable.

use crate::assemble::Ids;
use crate::builder::{Builder, SectionKey};
use crate::error::Location;
use crate::time_grid::GridIndex;
use domain::names::canonical;
use domain::{PeriodKind, RoomKind};
use std::collections::BTreeMap;

pub struct PlannedPlacement {
    pub unit: u16,
    pub day: u8,
    pub period: u8,
    pub duration: u8,
    /// Room key (canonical name) named on the cells of this block, if any.
    pub room: Option<String>,
}

pub struct LessonPlan {
    pub sections: Vec<SectionKey>,
    pub group: Option<String>,
    pub subject: usize,
    pub teachers: Vec<usize>,
    pub periods_per_week: u16,
    pub block_pattern: Vec<u8>,
    pub room_kind: Option<RoomKind>,
    /// Room key of the lesson's own room, if one is named consistently.
    pub room: Option<String>,
    pub placements: Vec<PlannedPlacement>,
}

type LessonKey = (SectionKey, Option<String>, usize, usize);

/// The room named in a cell (canonical key), and the cell.
type NamedRoom = (Option<String>, Location);

/// Consecutive periods of one lesson on one day: one block.
struct Run {
    day: u8,
    first: u8,
    len: u8,
    rooms: Vec<NamedRoom>,
}

/// A block takes place in one room, so a room counts only when every cell of the block names
/// it; a room written on part of a double period is ambiguous, and the user is told.
fn block_room(b: &mut Builder, run: &Run) -> Option<String> {
    let named: Vec<Option<String>> = run.rooms.iter().map(|(r, _)| r.clone()).collect();
    if let Some(room) = consistent_room(&named) {
        return Some(room);
    }
    if let Some((Some(room), location)) = run.rooms.iter().find(|(r, _)| r.is_some()) {
        let name = b.rooms.get(room).map_or(room.clone(), |r| r.name.clone());
        b.warn(
            location.clone(),
            format!(
                "el aula «{name}» figura solo en parte de un bloque de {} períodos; el bloque queda en el aula de la clase",
                run.len
            ),
        );
    }
    None
}

/// The same room on every entry, or nothing.
fn consistent_room(rooms: &[Option<String>]) -> Option<String> {
    let first = rooms.first()?.clone()?;
    rooms
        .iter()
        .all(|r| r.as_ref() == Some(&first))
        .then_some(first)
}

pub fn build_grid_lessons(b: &mut Builder, ids: &Ids, grid: &GridIndex) -> Vec<LessonPlan> {
    let mut cells: BTreeMap<LessonKey, BTreeMap<(u8, u8), NamedRoom>> = BTreeMap::new();
    let grid_lessons = b.grid_lessons.clone();
    for gl in &grid_lessons {
        let (Some(subject), Some(teacher)) =
            (ids.subject(b, &gl.subject), ids.teacher(b, &gl.teacher))
        else {
            continue;
        };
        let Some((_, period)) = grid.exact(gl.start, gl.end) else {
            continue;
        };
        if period.kind == PeriodKind::Break {
            b.error(gl.location.clone(), "hay una clase en un período de receso");
            continue;
        }
        let key = (gl.section.clone(), gl.group.clone(), subject, teacher);
        cells.entry(key).or_default().insert(
            (gl.day, period.number),
            (gl.room.as_deref().map(canonical), gl.location.clone()),
        );
    }
    // Rooms a teacher's own grid names on every period of a lesson (Química in its lab).
    let mut teacher_rooms: BTreeMap<(SectionKey, usize, usize), Vec<Option<String>>> =
        BTreeMap::new();
    for tc in b.teacher_cells.clone() {
        if let (Some(s), Some(t)) = (ids.subject(b, &tc.subject), ids.teacher(b, &tc.teacher)) {
            teacher_rooms
                .entry((tc.section.clone(), s, t))
                .or_default()
                .push(tc.room.clone());
        }
    }
    let mut plans = Vec::new();
    for ((section, group, subject, teacher), slots) in cells {
        let named: Vec<Option<String>> = slots.values().map(|(r, _)| r.clone()).collect();
        let mut room = consistent_room(&named);
        if room.is_none()
            && group.is_none()
            && let Some(rooms) = teacher_rooms.get(&(section.clone(), subject, teacher))
            && let Some(r) = consistent_room(rooms)
        {
            let kind = crate::builder::room_kind_from_name(&r);
            room = Some(b.add_room(&r, Some(kind), 0));
        }
        let mut runs: Vec<Run> = Vec::new();
        for (&(day, n), named_room) in &slots {
            let joins = runs.last().is_some_and(|r| {
                let last = r.first + r.len - 1;
                r.day == day
                    && n == last + 1
                    && grid.position(n) == grid.position(last).map(|p| p + 1)
            });
            if joins {
                let run = runs.last_mut().expect("checked above");
                run.len += 1;
                run.rooms.push(named_room.clone());
            } else {
                runs.push(Run {
                    day,
                    first: n,
                    len: 1,
                    rooms: vec![named_room.clone()],
                });
            }
        }
        runs.sort_by(|a, b| {
            b.len
                .cmp(&a.len)
                .then((a.day, a.first).cmp(&(b.day, b.first)))
        });
        let mut placements = Vec::new();
        for (unit, run) in runs.iter().enumerate() {
            placements.push(PlannedPlacement {
                unit: unit as u16,
                day: run.day,
                period: run.first,
                duration: run.len,
                room: block_room(b, run),
            });
        }
        plans.push(LessonPlan {
            sections: vec![section],
            group,
            subject,
            teachers: vec![teacher],
            periods_per_week: slots.len() as u16,
            block_pattern: runs.iter().map(|r| r.len).collect(),
            room_kind: None,
            room,
            placements,
        });
    }
    plans
}

pub fn build_listed_lessons(b: &mut Builder, ids: &Ids) -> Vec<LessonPlan> {
    let mut plans = Vec::new();
    for l in b.listed_lessons.clone() {
        let mut ok = true;
        let mut fail = |b: &mut Builder, location: &Location, message: String| {
            b.error(location.clone(), message);
            ok = false;
        };
        for s in &l.sections {
            if !b.sections.contains_key(s) {
                fail(
                    b,
                    &l.location,
                    format!("sección desconocida: {}° {}", s.1, s.2),
                );
            }
        }
        let subject = ids.subject(b, &l.subject);
        if subject.is_none() {
            fail(
                b,
                &l.location,
                format!("asignatura desconocida: «{}»", l.subject),
            );
        }
        let mut teachers = Vec::new();
        for t in &l.teachers {
            match ids.teacher(b, t) {
                Some(id) => teachers.push(id),
                None => fail(b, &l.location, format!("docente desconocido: «{t}»")),
            }
        }
        let room = l.room.as_deref().map(canonical);
        if let Some(r) = &room
            && !b.rooms.contains_key(r)
        {
            fail(
                b,
                &l.location,
                format!("aula desconocida: «{}»", l.room.clone().unwrap_or_default()),
            );
        }
        let (true, Some(subject)) = (ok, subject) else {
            continue;
        };
        plans.push(LessonPlan {
            sections: l.sections.clone(),
            group: l.group.clone(),
            subject,
            teachers,
            periods_per_week: l.periods_per_week,
            block_pattern: l.block_pattern.clone(),
            room_kind: l.room_kind,
            room,
            placements: Vec::new(),
        });
    }
    plans
}
