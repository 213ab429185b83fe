//! Checking a manual move (a block to another day, period or room, or two blocks swapped)
//! against the school's rules: legal or not, which hard rules it breaks, how the soft cost
//! changes.
//!
//! The checker keeps the compiled school and the solver's incremental session on the current
//! timetable between checks, as the editor does: a check re-evaluates only the rules the move
//! touches and rolls back (see "Move check latency" in docs/benchmarks.md).

use crate::SchedulingError;
use crate::compile::{Compiled, Owner, compile};
use crate::report::Violation;
use domain::{Id, Placement, SchoolData, TimetableData};
use serde::{Deserialize, Serialize};

mod session;

use session::{Editing, sub_events_by_event};
use solver::OwningSession;
use std::sync::{Arc, Mutex};

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

/// A timetable open for editing: the compiled school and the solver's incremental session on
/// the current timetable. A check costs only what the move touches (no full re-evaluation).
#[derive(Debug)]
pub struct MoveChecker {
    compiled: Arc<Compiled>,
    /// Behind a lock so that a check (which tries the move and rolls it back) takes `&self`.
    session: Mutex<OwningSession<SharedModel>>,
    sub_events: Vec<Vec<usize>>,
}

/// Lends the compiled school's model to the session that owns a share of it.
#[derive(Debug)]
struct SharedModel(Arc<Compiled>);

impl AsRef<solver::Model> for SharedModel {
    fn as_ref(&self) -> &solver::Model {
        &self.0.model
    }
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
        let compiled = Arc::new(compiled);
        let sub_events = sub_events_by_event(&compiled, &solution);
        let session = OwningSession::new(SharedModel(compiled.clone()), &solution)
            .map_err(|e| SchedulingError::Timetable(e.to_string()))?;
        Ok(MoveChecker {
            compiled,
            session: Mutex::new(session),
            sub_events,
        })
    }

    pub fn compiled(&self) -> &Compiled {
        &self.compiled
    }

    /// The current timetable's cost.
    pub fn cost(&self) -> solver::Cost {
        self.with(|e| Ok(e.session.cost())).unwrap_or_default()
    }

    pub fn placements(&self, timetable_id: Id) -> Vec<Placement> {
        let solution = self.with(|e| Ok(e.session.solution())).unwrap_or_default();
        self.compiled.decode(&solution, timetable_id)
    }

    pub fn check(&self, mv: &Move) -> Result<MoveCheck, SchedulingError> {
        self.with(|e| e.check(mv))
    }

    /// Applies the move (legal or not: the user decides) and returns its check.
    pub fn apply(&mut self, mv: &Move) -> Result<MoveCheck, SchedulingError> {
        self.with(|e| e.apply(mv))
    }

    fn with<R>(
        &self,
        f: impl FnOnce(&mut Editing<'_, '_>) -> Result<R, SchedulingError>,
    ) -> Result<R, SchedulingError> {
        // A panic inside a check leaves the session empty (and the lock poisoned): later checks
        // fail rather than answer from a broken timetable.
        let mut owning = self.session.lock().map_err(|_| {
            SchedulingError::Timetable(
                "el horario abierto quedó inconsistente; ábralo de nuevo".into(),
            )
        })?;
        owning.with(|session| {
            f(&mut Editing {
                compiled: &self.compiled,
                session,
                sub_events: &self.sub_events,
            })
        })
    }
}

fn blocks_of(mv: &Move) -> Vec<(Id, u16)> {
    match mv {
        Move::Place {
            lesson_id, unit, ..
        } => vec![(*lesson_id, *unit)],
        Move::Swap { first, second } => vec![*first, *second],
    }
}

/// Moving a locked block breaks its lock: said as a hard violation, the user decides.
fn locked_blocks(compiled: &Compiled, mv: &Move) -> Vec<Violation> {
    let mut out = Vec::new();
    for (lesson_id, unit) in blocks_of(mv) {
        let locked = compiled
            .event_of(lesson_id, unit)
            .is_some_and(|e| compiled.events[e.index()].locked);
        if locked {
            let owner = Owner::Lesson { id: lesson_id };
            out.push(Violation {
                rule_id: None,
                rule: None,
                what: "Clase fijada".into(),
                who: compiled.name_of(&owner),
                owner,
                cost: 1,
                places: vec![format!(
                    "el bloque {} está fijado; desbloquéelo para moverlo",
                    unit + 1
                )],
            });
        }
    }
    out
}
