//! A session that owns what holds its model, for callers that keep an open timetable between
//! requests (a [`Session`] borrows its model, which such a caller cannot store next to it).
//!
//! Between calls the session's state is parked without the model reference; each call
//! re-attaches it to the owner's model. Parking and attaching move vectors, never copy them.

use super::Session;
use crate::error::SolverError;
use crate::model::Model;
use crate::solution::Solution;
use crate::state::{Cost, State};

/// A [`Session`] together with the owner of its model (anything that lends a `&Model`).
#[derive(Debug)]
pub struct OwningSession<O> {
    owner: O,
    parked: Parked,
}

/// A session's data without the model reference.
#[derive(Debug, Default)]
struct Parked {
    slot_of: Vec<u32>,
    by_constraint: Vec<Cost>,
    start: Vec<u32>,
    dur: Vec<u32>,
    res: Vec<u32>,
    busy: Vec<u16>,
    tick_busy: Vec<u16>,
    clash: Vec<i64>,
    workload: Vec<f64>,
    mon_cost: Vec<i64>,
    cost: Cost,
    check: bool,
    shaping: bool,
    violated: Vec<u32>,
    violated_pos: Vec<u32>,
    stamp: Vec<u32>,
    cur_stamp: u32,
    dirty: Vec<u32>,
    undo_slot: Vec<(u32, u32, u32)>,
    undo_res: Vec<(u32, u32)>,
    undo_mon: Vec<(u32, i64)>,
    marks: std::sync::Arc<crate::state::marks::ResourceMarks>,
}

impl<O: AsRef<Model>> OwningSession<O> {
    /// Opens `solution` on the owner's model, as [`Session::new`] does.
    pub fn new(owner: O, solution: &Solution) -> Result<Self, SolverError> {
        let parked = park(Session::new(owner.as_ref(), solution)?);
        Ok(OwningSession { owner, parked })
    }

    pub fn owner(&self) -> &O {
        &self.owner
    }

    /// Runs `f` on the session. If `f` panics the session is left empty (every later change
    /// is refused as naming an unknown sub-event).
    pub fn with<R>(&mut self, f: impl FnOnce(&mut Session<'_>) -> R) -> R {
        let mut session = attach(self.owner.as_ref(), std::mem::take(&mut self.parked));
        let r = f(&mut session);
        self.parked = park(session);
        r
    }
}

fn park(session: Session<'_>) -> Parked {
    let Session {
        state,
        slot_of,
        by_constraint,
    } = session;
    let State {
        m: _,
        start,
        dur,
        res,
        busy,
        tick_busy,
        clash,
        workload,
        mon_cost,
        cost,
        check,
        shaping,
        violated,
        violated_pos,
        stamp,
        cur_stamp,
        dirty,
        undo_slot,
        undo_res,
        undo_mon,
        marks,
    } = state;
    Parked {
        slot_of,
        by_constraint,
        start,
        dur,
        res,
        busy,
        tick_busy,
        clash,
        workload,
        mon_cost,
        cost,
        check,
        shaping,
        violated,
        violated_pos,
        stamp,
        cur_stamp,
        dirty,
        undo_slot,
        undo_res,
        undo_mon,
        marks,
    }
}

fn attach(m: &Model, p: Parked) -> Session<'_> {
    Session {
        state: State {
            m,
            start: p.start,
            dur: p.dur,
            res: p.res,
            busy: p.busy,
            tick_busy: p.tick_busy,
            clash: p.clash,
            workload: p.workload,
            mon_cost: p.mon_cost,
            cost: p.cost,
            check: p.check,
            shaping: p.shaping,
            violated: p.violated,
            violated_pos: p.violated_pos,
            stamp: p.stamp,
            cur_stamp: p.cur_stamp,
            dirty: p.dirty,
            undo_slot: p.undo_slot,
            undo_res: p.undo_res,
            undo_mon: p.undo_mon,
            marks: p.marks,
        },
        slot_of: p.slot_of,
        by_constraint: p.by_constraint,
    }
}
