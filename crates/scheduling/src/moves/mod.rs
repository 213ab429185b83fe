//! Checking a manual move (a block to another day, period or room, or two blocks swapped)
//! against the school's rules: legal or not, which hard rules it breaks, how the soft cost
//! changes.
//!
//! The solver does not expose its incremental evaluation yet, so a check evaluates the moved
//! timetable in full with the same compiled model (a few hundred microseconds on a school
//! like the demo; see the crate's benchmark notes). The checker keeps the compiled model and
//! the current timetable between checks, as an editor session does.

use crate::SchedulingError;
use crate::compile::{Compiled, Owner, compile};
use crate::report::Violation;
use domain::{Id, Placement, SchoolData, TimetableData};
use serde::{Deserialize, Serialize};
use solver::{Evaluation, Solution};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Move {
    /// Block `unit` of a lesson to (`day`, `period`), and to `room_id` if given.
    Place {
        lesson_id: Id,
        unit: u16,
        day: u8,
        period: u8,
        #[serde(default)]
        room_id: Option<Id>,
    },
    /// Two blocks trade their starts.
    Swap { first: (Id, u16), second: (Id, u16) },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoveCheck {
    /// No hard rule gets worse (a timetable that already breaks some is judged on the move).
    pub legal: bool,
    /// The hard constraints the move breaks or breaks more, with where.
    pub hard_violations: Vec<Violation>,
    pub hard_delta: i64,
    pub soft_delta: i64,
}

/// A timetable open for editing: the compiled school, the current solution and its cost.
#[derive(Debug)]
pub struct MoveChecker {
    compiled: Compiled,
    solution: Solution,
    base: Evaluation,
}

/// One-off check of a move on a stored timetable.
pub fn check_move(
    school: &SchoolData,
    timetable: &TimetableData,
    mv: &Move,
) -> Result<MoveCheck, SchedulingError> {
    MoveChecker::new(compile(school, None)?, &timetable.placements)?.check(mv)
}

impl MoveChecker {
    pub fn new(compiled: Compiled, placements: &[Placement]) -> Result<Self, SchedulingError> {
        let solution = compiled.encode(placements)?;
        let base = compiled.evaluate(&solution)?;
        Ok(MoveChecker {
            compiled,
            solution,
            base,
        })
    }

    pub fn compiled(&self) -> &Compiled {
        &self.compiled
    }

    /// The current timetable's cost.
    pub fn cost(&self) -> solver::Cost {
        self.base.cost
    }

    pub fn placements(&self, timetable_id: Id) -> Vec<Placement> {
        self.compiled.decode(&self.solution, timetable_id)
    }

    pub fn check(&self, mv: &Move) -> Result<MoveCheck, SchedulingError> {
        let moved = self.moved(mv)?;
        Ok(self.judge(mv, &moved)?.0)
    }

    /// Applies the move (legal or not: the user decides) and returns its check.
    pub fn apply(&mut self, mv: &Move) -> Result<MoveCheck, SchedulingError> {
        let moved = self.moved(mv)?;
        let (check, eval) = self.judge(mv, &moved)?;
        self.solution = moved;
        self.base = eval;
        Ok(check)
    }

    fn judge(
        &self,
        mv: &Move,
        moved: &Solution,
    ) -> Result<(MoveCheck, Evaluation), SchedulingError> {
        let eval = self.compiled.evaluate(moved)?;
        let worse = |c: usize| eval.by_constraint[c].hard > self.base.by_constraint[c].hard;
        // Where a rule breaks is only worked out when one does (most dragged cells are legal).
        let mut hard_violations = if (0..eval.by_constraint.len()).any(worse) {
            let occupancy = self.compiled.occupancy(moved);
            self.compiled.violations(&eval, moved, &occupancy, worse)
        } else {
            Vec::new()
        };
        for (lesson_id, unit) in self.blocks_of(mv) {
            let locked = self
                .compiled
                .event_of(lesson_id, unit)
                .is_some_and(|e| self.compiled.events[e.index()].locked);
            if locked {
                let owner = Owner::Lesson { id: lesson_id };
                hard_violations.push(Violation {
                    rule_id: None,
                    rule: None,
                    what: "Clase fijada".into(),
                    who: self.compiled.name_of(&owner),
                    owner,
                    cost: 1,
                    places: vec![format!(
                        "el bloque {} está fijado; desbloquéelo para moverlo",
                        unit + 1
                    )],
                });
            }
        }
        let check = MoveCheck {
            legal: hard_violations.is_empty(),
            hard_violations,
            hard_delta: eval.cost.hard - self.base.cost.hard,
            soft_delta: eval.cost.soft - self.base.cost.soft,
        };
        Ok((check, eval))
    }

    fn blocks_of(&self, mv: &Move) -> Vec<(Id, u16)> {
        match mv {
            Move::Place {
                lesson_id, unit, ..
            } => vec![(*lesson_id, *unit)],
            Move::Swap { first, second } => vec![*first, *second],
        }
    }

    fn sub_event_index(&self, lesson_id: Id, unit: u16) -> Result<usize, SchedulingError> {
        let event = self.compiled.event_of(lesson_id, unit).ok_or_else(|| {
            SchedulingError::Timetable(format!(
                "la clase {lesson_id} no tiene un bloque {}",
                unit + 1
            ))
        })?;
        let subs = &self.solution.sub_events;
        subs.iter()
            .position(|se| se.event == event && se.start.is_some())
            .or_else(|| subs.iter().position(|se| se.event == event))
            .ok_or_else(|| SchedulingError::Timetable("bloque sin sub-evento".into()))
    }

    fn moved(&self, mv: &Move) -> Result<Solution, SchedulingError> {
        let mut s = self.solution.clone();
        match mv {
            Move::Place {
                lesson_id,
                unit,
                day,
                period,
                room_id,
            } => {
                let i = self.sub_event_index(*lesson_id, *unit)?;
                let ev = &self.compiled.events[s.sub_events[i].event.index()];
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
                if start.0 + s.sub_events[i].duration > self.compiled.model.num_times() as u32 {
                    return Err(SchedulingError::Timetable(format!(
                        "{} no cabe a partir del período {period}",
                        ev.label
                    )));
                }
                s.sub_events[i].start = Some(start);
                if let (Some(k), Some(room)) = (ev.room_role, room_id) {
                    let r = self.compiled.room_resource(*room).ok_or_else(|| {
                        SchedulingError::Timetable(format!("no existe el aula {room}"))
                    })?;
                    let event = s.sub_events[i].event;
                    if let solver::RoleResource::Fixed(only) =
                        self.compiled.model.event(event).roles[k].resource
                        && only != r
                    {
                        // The room is part of the lesson (its own room, or the only one allowed).
                        return Err(SchedulingError::Timetable(format!(
                            "{} solo puede darse en {}",
                            ev.label,
                            self.compiled.model.resource_name(only)
                        )));
                    }
                    s.sub_events[i].resources[k] = Some(r);
                }
            }
            Move::Swap { first, second } => {
                let a = self.sub_event_index(first.0, first.1)?;
                let b = self.sub_event_index(second.0, second.1)?;
                let (ta, tb) = (s.sub_events[a].start, s.sub_events[b].start);
                let n = self.compiled.model.num_times() as u32;
                let fits = |t: Option<solver::TimeId>, d: u32| t.is_none_or(|t| t.0 + d <= n);
                if !fits(tb, s.sub_events[a].duration) || !fits(ta, s.sub_events[b].duration) {
                    return Err(SchedulingError::Timetable(
                        "los bloques no caben al intercambiarse".into(),
                    ));
                }
                s.sub_events[a].start = tb;
                s.sub_events[b].start = ta;
            }
        }
        Ok(s)
    }
}
