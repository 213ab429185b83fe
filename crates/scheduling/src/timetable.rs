//! Between placements (the school's timetable) and solver solutions, both ways, and who is
//! busy when.

use crate::SchedulingError;
use crate::compile::{Compiled, Owner};
use domain::{Id, Placement};
use solver::{EventId, ResourceId, Solution, SubEvent, TimeId};
use std::collections::BTreeMap;

/// One period in which a resource is busy with one block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Busy {
    pub time: TimeId,
    /// Index of the sub-event in the solution.
    pub sub_event: usize,
    pub event: EventId,
}

impl Compiled {
    /// The placements of a solution: one per placed block, with its room. Blocks the solver
    /// left without a time have no placement (the report lists them).
    pub fn decode(&self, solution: &Solution, timetable_id: Id) -> Vec<Placement> {
        let mut placements: Vec<Placement> = solution
            .sub_events
            .iter()
            .filter_map(|se| {
                let start = se.start?;
                let ev = &self.events[se.event.index()];
                let time = self.time_info(start);
                let room_id = ev
                    .room_role
                    .and_then(|k| se.resources.get(k).copied().flatten())
                    .and_then(|r| self.room_id(r));
                Some(Placement {
                    timetable_id,
                    lesson_id: ev.lesson_id,
                    unit: ev.unit,
                    day: time.day,
                    period: time.period,
                    duration: se.duration as u8,
                    room_id,
                    locked: ev.locked,
                })
            })
            .collect();
        placements.sort_by_key(|p| (p.lesson_id, p.unit, p.day, p.period));
        placements
    }

    /// The solution a timetable stands for. A block with no placement is a block without a
    /// time (the solver's "assign time" cost); a placement that names no block of the school,
    /// or a period its grid does not have, is an error.
    pub fn encode(&self, placements: &[Placement]) -> Result<Solution, SchedulingError> {
        let mut by_event: BTreeMap<EventId, &Placement> = BTreeMap::new();
        for p in placements {
            let event = self.event_of(p.lesson_id, p.unit).ok_or_else(|| {
                SchedulingError::Timetable(format!(
                    "la clase {} no tiene un bloque {}",
                    p.lesson_id,
                    p.unit + 1
                ))
            })?;
            if by_event.insert(event, p).is_some() {
                return Err(SchedulingError::Timetable(format!(
                    "el bloque {} de {} está ubicado dos veces",
                    p.unit + 1,
                    self.name_of(&Owner::Lesson { id: p.lesson_id })
                )));
            }
        }
        let mut sub_events = Vec::with_capacity(self.events.len());
        for (e, ev) in self.events.iter().enumerate() {
            let event = EventId(e as u32);
            let roles = self.model.event(event).roles.len();
            let Some(p) = by_event.get(&event) else {
                sub_events.push(SubEvent {
                    event,
                    start: None,
                    duration: ev.duration as u32,
                    resources: vec![None; roles],
                });
                continue;
            };
            let start = self
                .times
                .time(ev.grid_id, p.day, p.period)
                .ok_or_else(|| {
                    SchedulingError::Timetable(format!(
                        "{} está en el día {} período {}, que su horario base no tiene",
                        ev.label, p.day, p.period
                    ))
                })?;
            if p.duration == 0 || p.duration > ev.duration {
                return Err(SchedulingError::Timetable(format!(
                    "{} dura {} períodos en el horario pero el bloque tiene {}",
                    ev.label, p.duration, ev.duration
                )));
            }
            let mut resources = vec![None; roles];
            if let (Some(k), Some(room)) = (ev.room_role, p.room_id) {
                resources[k] = self.room_resource(room);
            }
            sub_events.push(SubEvent {
                event,
                start: Some(start),
                duration: p.duration as u32,
                resources,
            });
            // A block placed shorter than it is leaves the rest unplaced.
            if p.duration < ev.duration {
                sub_events.push(SubEvent {
                    event,
                    start: None,
                    duration: (ev.duration - p.duration) as u32,
                    resources: vec![None; roles],
                });
            }
        }
        Ok(Solution { sub_events })
    }

    pub(crate) fn room_resource(&self, room_id: Id) -> Option<ResourceId> {
        self.resources
            .iter()
            .position(|o| *o == Owner::Room { id: room_id })
            .map(|i| ResourceId(i as u32))
    }

    /// Per resource, the periods it is busy, in time order.
    pub(crate) fn occupancy(&self, solution: &Solution) -> Vec<Vec<Busy>> {
        let mut busy = vec![Vec::new(); self.resources.len()];
        for (i, se) in solution.sub_events.iter().enumerate() {
            let Some(start) = se.start else { continue };
            let ev = &self.events[se.event.index()];
            let mut who: Vec<ResourceId> = ev.sections.clone();
            who.extend(&ev.teachers);
            who.extend(&ev.guards);
            if let Some(k) = ev.room_role
                && let Some(r) = se.resources.get(k).copied().flatten()
            {
                who.push(r);
            }
            for t in start.0..start.0 + se.duration {
                for r in &who {
                    busy[r.index()].push(Busy {
                        time: TimeId(t),
                        sub_event: i,
                        event: se.event,
                    });
                }
            }
        }
        for b in &mut busy {
            b.sort_by_key(|x| (x.time, x.sub_event));
        }
        busy
    }
}

/// "lunes 3" style names for messages (es-VE); days past Sunday belong to a longer cycle and
/// are named by number ("día 9").
pub(crate) fn day_name(day: u8) -> std::borrow::Cow<'static, str> {
    match day {
        1 => "lunes".into(),
        2 => "martes".into(),
        3 => "miércoles".into(),
        4 => "jueves".into(),
        5 => "viernes".into(),
        6 => "sábado".into(),
        7 => "domingo".into(),
        _ => format!("día {day}").into(),
    }
}
