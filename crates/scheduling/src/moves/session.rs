//! A move check on the solver's incremental [`solver::Session`]: only the rules the move
//! touches are re-evaluated, and where a rule breaks is looked for only at the resources
//! where it got worse.

use super::{Move, MoveCheck, locked_blocks};
use crate::SchedulingError;
use crate::compile::Compiled;
use domain::Id;
use solver::{Change, ResourceId, Session, Solution};
use std::collections::BTreeSet;

/// One request on an open timetable: the compiled school, the solver session and each
/// event's sub-events (in the session's numbering).
pub(super) struct Editing<'a, 'm> {
    pub compiled: &'a Compiled,
    pub session: &'a mut Session<'m>,
    pub sub_events: &'a [Vec<usize>],
}

/// Each event's sub-events, by event index, in `solution`'s order.
pub(super) fn sub_events_by_event(compiled: &Compiled, solution: &Solution) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); compiled.model.num_events()];
    for (i, se) in solution.sub_events.iter().enumerate() {
        out[se.event.index()].push(i);
    }
    out
}

impl Editing<'_, '_> {
    /// Costs the move and leaves the timetable as it was.
    pub fn check(&mut self, mv: &Move) -> Result<MoveCheck, SchedulingError> {
        let changes = self.changes(mv)?;
        let delta = self.session.try_change(&changes).map_err(change_error)?;
        self.judge(mv, &changes, &delta)
    }

    /// Applies the move (legal or not: the user decides) and returns its check.
    pub fn apply(&mut self, mv: &Move) -> Result<MoveCheck, SchedulingError> {
        let changes = self.changes(mv)?;
        let delta = self.session.try_change(&changes).map_err(change_error)?;
        let check = self.judge(mv, &changes, &delta)?;
        self.session.apply(&changes).map_err(change_error)?;
        Ok(check)
    }

    fn judge(
        &self,
        mv: &Move,
        changes: &[Change],
        delta: &solver::Delta,
    ) -> Result<MoveCheck, SchedulingError> {
        let worse: Vec<usize> = delta
            .hard_worsened()
            .map(|c| c.constraint.index())
            .collect();
        // The resources where a rule got worse: places are looked for there only.
        let at: BTreeSet<ResourceId> = delta
            .hard_worsened()
            .flat_map(|c| &c.points)
            .filter(|p| p.after > p.before)
            .filter_map(|p| p.point.resource)
            .collect();
        // Where a rule breaks is only worked out when one does (most dragged cells are legal).
        let mut hard_violations = if worse.is_empty() {
            Vec::new()
        } else {
            let mut moved = self.session.clone();
            moved.apply(changes).map_err(change_error)?;
            let solution = moved.solution();
            let near = Solution {
                sub_events: solution
                    .sub_events
                    .iter()
                    .filter(|se| self.uses_any(se, &at))
                    .cloned()
                    .collect(),
            };
            let occupancy = self.compiled.occupancy(&near);
            self.compiled
                .violations(&moved.evaluation(), &solution, &occupancy, |c| {
                    worse.contains(&c)
                })
        };
        hard_violations.extend(locked_blocks(self.compiled, mv));
        Ok(MoveCheck {
            legal: hard_violations.is_empty(),
            hard_violations,
            hard_delta: delta.hard(),
            soft_delta: delta.soft(),
        })
    }

    fn uses_any(&self, se: &solver::SubEvent, at: &BTreeSet<ResourceId>) -> bool {
        let ev = &self.compiled.events[se.event.index()];
        let room = ev
            .room_role
            .and_then(|k| se.resources.get(k).copied().flatten());
        ev.sections
            .iter()
            .chain(&ev.teachers)
            .chain(&ev.guards)
            .chain(room.as_ref())
            .any(|r| at.contains(r))
    }

    /// The block's placed sub-event (or its first one).
    fn sub_event(&self, lesson_id: Id, unit: u16) -> Result<usize, SchedulingError> {
        let event = self.compiled.event_of(lesson_id, unit).ok_or_else(|| {
            SchedulingError::Timetable(format!(
                "la clase {lesson_id} no tiene un bloque {}",
                unit + 1
            ))
        })?;
        let subs = &self.sub_events[event.index()];
        subs.iter()
            .copied()
            .find(|&i| {
                self.session
                    .sub_event(i)
                    .is_some_and(|se| se.start.is_some())
            })
            .or_else(|| subs.first().copied())
            .ok_or_else(|| SchedulingError::Timetable("bloque sin sub-evento".into()))
    }

    fn changes(&self, mv: &Move) -> Result<Vec<Change>, SchedulingError> {
        Ok(match mv {
            Move::Place {
                lesson_id,
                unit,
                day,
                period,
                room_id,
            } => {
                let i = self.sub_event(*lesson_id, *unit)?;
                let event = self.session.sub_event(i).map(|se| se.event);
                let event = event
                    .ok_or_else(|| SchedulingError::Timetable("bloque sin sub-evento".into()))?;
                let ev = &self.compiled.events[event.index()];
                let start = self
                    .compiled
                    .times
                    .time(ev.grid_id, *day, *period)
                    .ok_or_else(|| {
                        SchedulingError::Timetable(format!(
                            "el horario base de {} no tiene el día {day} período {period}",
                            ev.label
                        ))
                    })?;
                let duration = self.session.sub_event(i).map_or(0, |se| se.duration);
                if start.0 + duration > self.compiled.model.num_times() as u32 {
                    return Err(SchedulingError::Timetable(format!(
                        "{} no cabe a partir del período {period}",
                        ev.label
                    )));
                }
                let mut changes = vec![Change::Retime {
                    sub_event: i,
                    start: Some(start),
                }];
                if let (Some(k), Some(room)) = (ev.room_role, room_id) {
                    let r = self.compiled.room_resource(*room).ok_or_else(|| {
                        SchedulingError::Timetable(format!("no existe el aula {room}"))
                    })?;
                    if let solver::RoleResource::Fixed(only) =
                        self.compiled.model.event(event).roles[k].resource
                    {
                        if only != r {
                            // The room is part of the lesson (its own room, or the only one allowed).
                            return Err(SchedulingError::Timetable(format!(
                                "{} solo puede darse en {}",
                                ev.label,
                                self.compiled.model.resource_name(only)
                            )));
                        }
                    } else {
                        changes.push(Change::Assign {
                            sub_event: i,
                            role: k,
                            resource: Some(r),
                        });
                    }
                }
                changes
            }
            Move::Swap { first, second } => {
                let a = self.sub_event(first.0, first.1)?;
                let b = self.sub_event(second.0, second.1)?;
                let (sa, sb) = (self.session.sub_event(a), self.session.sub_event(b));
                let n = self.compiled.model.num_times() as u32;
                let fits = |t: Option<solver::TimeId>, d: u32| t.is_none_or(|t| t.0 + d <= n);
                if let (Some(sa), Some(sb)) = (sa, sb)
                    && (!fits(sb.start, sa.duration) || !fits(sa.start, sb.duration))
                {
                    return Err(SchedulingError::Timetable(
                        "los bloques no caben al intercambiarse".into(),
                    ));
                }
                vec![Change::Swap {
                    first: a,
                    second: b,
                }]
            }
        })
    }
}

fn change_error(e: solver::SolverError) -> SchedulingError {
    SchedulingError::Timetable(e.to_string())
}
