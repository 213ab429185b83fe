//! Manual edits of a timetable: check a move (legal or not, which hard rules it breaks, how the
//! soft cost changes), apply it, lock and unlock placements.
//!
//! Requests name placements by their stored id; the open timetable translates them into the
//! engine's blocks, and answers from memory (no database read, no compile) once open.

use super::cache::OpenTimetable;
use super::scheduling_error;
use crate::{Action, App, AppError, Principal, Result};
use domain::{FieldErrors, Id, Placement, Record};
use scheduling::{Move, MoveCheck, Owner, Violation};
use serde::{Deserialize, Serialize};

/// A move of one placement to (`day`, `period`) and optionally `room_id`, or a swap of two
/// placements' times (`swap_with`). `force` applies a move that breaks hard rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoveRequest {
    pub placement_id: Id,
    #[serde(default)]
    pub day: Option<u8>,
    #[serde(default)]
    pub period: Option<u8>,
    #[serde(default)]
    pub room_id: Option<Id>,
    #[serde(default)]
    pub swap_with: Option<Id>,
    #[serde(default)]
    pub force: bool,
}

/// An applied move: its check and the placements as they are now stored.
#[derive(Debug, Clone, Serialize)]
pub struct MoveApplied {
    #[serde(flatten)]
    pub check: MoveCheck,
    pub placements: Vec<Record<Placement>>,
}

impl OpenTimetable {
    fn engine_move(&self, req: &MoveRequest) -> Result<Move> {
        let p = self.placement(req.placement_id)?;
        match (req.swap_with, req.day, req.period) {
            (Some(other), None, None) => {
                let q = self.placement(other)?;
                Ok(Move::Swap {
                    first: (p.lesson_id, p.unit),
                    second: (q.lesson_id, q.unit),
                })
            }
            (Some(_), _, _) => Err(AppError::field(
                "swap_with",
                "indique day y period, o swap_with, pero no ambos",
            )),
            (None, Some(day), Some(period)) => Ok(Move::Place {
                lesson_id: p.lesson_id,
                unit: p.unit,
                day,
                period,
                room_id: req.room_id,
            }),
            (None, day, period) => {
                let mut e = FieldErrors::default();
                if day.is_none() {
                    e.add("day", "es obligatorio (o indique swap_with)");
                }
                if period.is_none() {
                    e.add("period", "es obligatorio (o indique swap_with)");
                }
                Err(AppError::Validation(e))
            }
        }
    }

    /// The engine's check plus the placements' own locks.
    fn check(&self, req: &MoveRequest) -> Result<(Move, MoveCheck)> {
        let mv = self.engine_move(req)?;
        let mut check = self.checker.check(&mv).map_err(scheduling_error)?;
        for pid in std::iter::once(req.placement_id).chain(req.swap_with) {
            let p = self.placement(pid)?;
            if p.locked {
                let owner = Owner::Lesson { id: p.lesson_id };
                check.hard_violations.push(Violation {
                    rule_id: None,
                    rule: None,
                    what: "Clase fijada".into(),
                    who: self.checker.compiled().name_of(&owner),
                    owner,
                    cost: 1,
                    places: vec![format!(
                        "la ubicación {pid} está fijada; desbloquéela para moverla"
                    )],
                });
                check.legal = false;
            }
        }
        Ok((mv, check))
    }

    /// Applies the move in memory; returns the placements that changed.
    fn apply(&mut self, req: &MoveRequest, mv: &Move) -> Result<Vec<(Id, Placement)>> {
        self.checker.apply(mv).map_err(scheduling_error)?;
        let mut changed = Vec::new();
        match mv {
            Move::Place {
                day,
                period,
                room_id,
                lesson_id,
                unit,
            } => {
                let has_room = self
                    .checker
                    .compiled()
                    .event_of(*lesson_id, *unit)
                    .and_then(|e| self.checker.compiled().events[e.index()].room_role)
                    .is_some();
                let mut p = self.placement(req.placement_id)?.clone();
                p.day = *day;
                p.period = *period;
                if has_room && room_id.is_some() {
                    p.room_id = *room_id;
                }
                changed.push((req.placement_id, p));
            }
            Move::Swap { .. } => {
                let other = req.swap_with.unwrap_or(req.placement_id);
                let mut a = self.placement(req.placement_id)?.clone();
                let mut b = self.placement(other)?.clone();
                std::mem::swap(&mut a.day, &mut b.day);
                std::mem::swap(&mut a.period, &mut b.period);
                changed.push((req.placement_id, a));
                changed.push((other, b));
            }
        }
        for (pid, p) in &changed {
            self.placements.insert(*pid, p.clone());
        }
        Ok(changed)
    }
}

fn illegal(check: &MoveCheck) -> AppError {
    let mut e = FieldErrors::default();
    for v in &check.hard_violations {
        e.add(
            "move",
            format!("{} ({}): {}", v.what, v.who, v.places.join("; ")),
        );
    }
    if e.is_empty() {
        e.add("move", "el movimiento empeora reglas obligatorias");
    }
    AppError::Validation(e)
}

impl App {
    /// `POST /api/v1/timetables/{id}/moves/check`: coordinator and above. Answered on the
    /// request's thread: once the timetable is open a check is one evaluation in memory
    /// (well under a millisecond on a real school), cheaper than a hop to the blocking pool.
    pub async fn check_move(
        &self,
        who: &Principal,
        timetable_id: Id,
        req: &MoveRequest,
    ) -> Result<MoveCheck> {
        let db = self.timetabling_store(who, Action::EditSchool).await?;
        let open = self.open_timetable(&db, timetable_id).await?;
        let t = open.lock().unwrap_or_else(|e| e.into_inner());
        Ok(t.check(req)?.1)
    }

    /// `POST /api/v1/timetables/{id}/moves`: applies a legal move (or any, with `force`).
    pub async fn apply_move(
        &self,
        who: &Principal,
        timetable_id: Id,
        req: &MoveRequest,
    ) -> Result<MoveApplied> {
        let db = self.timetabling_store(who, Action::EditSchool).await?;
        let open = self.open_timetable(&db, timetable_id).await?;
        let (check, changed, expected) = {
            let mut t = open.lock().unwrap_or_else(|e| e.into_inner());
            let (mv, check) = t.check(req)?;
            if !check.legal && !req.force {
                return Err(illegal(&check));
            }
            let changed = t.apply(req, &mv)?;
            // The write below moves the database one revision on; a second move applied in
            // memory meanwhile expects the revision after this one.
            let expected = t.revision;
            t.revision.timetable += 1;
            (check, changed, expected)
        };
        // Every changed placement in one transaction, and only if nobody changed the
        // timetable or the school since this process read them: a stale copy (another server
        // instance, a data edit, a re-solve) never overwrites newer rows.
        match db
            .write_placements(timetable_id, Some(expected), &changed)
            .await
        {
            Ok((placements, _)) => Ok(MoveApplied { check, placements }),
            Err(e) => {
                // Memory is ahead of (or behind) the database: rebuild on the next request.
                self.timetabling.open.forget(db.tenant().id, timetable_id);
                Err(match e {
                    store::StoreError::Stale(_) => AppError::Conflict(
                        "el horario cambió desde que lo abrió (otra persona, otro servidor o un cambio en los datos de la escuela); recargue y repita el movimiento"
                            .into(),
                    ),
                    other => other.into(),
                })
            }
        }
    }

    /// `GET /api/v1/timetables/{id}/placements`: the placements with their ids (the ids that
    /// moves and locks name).
    pub async fn timetable_placements(
        &self,
        who: &Principal,
        timetable_id: Id,
    ) -> Result<Vec<Record<Placement>>> {
        let db = self.timetabling_store(who, Action::ReadSchool).await?;
        self.timetable_record(&db, timetable_id).await?;
        Ok(db.placements(timetable_id).await?)
    }

    /// `PUT` (lock) and `DELETE` (unlock) `/api/v1/timetables/{id}/placements/{pid}/lock`.
    pub async fn set_placement_lock(
        &self,
        who: &Principal,
        timetable_id: Id,
        pid: Id,
        locked: bool,
    ) -> Result<Record<Placement>> {
        let db = self.timetabling_store(who, Action::EditSchool).await?;
        let (record, revision) = db
            .lock_placement(timetable_id, pid, locked)
            .await?
            .ok_or_else(|| {
                AppError::NotFound(format!(
                    "la ubicación {pid} no pertenece al horario {timetable_id}"
                ))
            })?;
        let key = (db.tenant().id, timetable_id);
        if let Some(open) = self.timetabling.open.peek(key) {
            let mut t = open.lock().unwrap_or_else(|e| e.into_inner());
            // Follow the lock in memory only when it is the one change since this copy was
            // read; otherwise the copy missed someone else's edit and must be read again.
            if t.revision.timetable + 1 == revision
                && let Some(p) = t.placements.get_mut(&pid)
            {
                p.locked = locked;
                t.revision.timetable = revision;
            } else {
                drop(t);
                self.timetabling.open.forget(key.0, key.1);
            }
        }
        Ok(record)
    }
}
