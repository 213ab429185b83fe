//! Timetables kept aside: a thread's best-so-far copy (`Snapshot`) and the best feasible
//! timetable of all threads (`Pool`), through which threads cooperate: a thread still
//! infeasible, or feasible but far behind, takes the shared best and searches on from it.

use crate::state::{Cost, State};
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};

/// A copy of the sub-events, reused without allocating.
#[derive(Clone)]
pub(crate) struct Snapshot {
    pub start: Vec<u32>,
    pub dur: Vec<u32>,
    pub res: Vec<u32>,
    pub cost: Cost,
}

impl Snapshot {
    pub(crate) fn take(st: &State) -> Self {
        Snapshot {
            start: st.start.clone(),
            dur: st.dur.clone(),
            res: st.res.clone(),
            cost: st.cost,
        }
    }
    pub(crate) fn copy_from(&mut self, st: &State) {
        self.start.copy_from_slice(&st.start);
        self.dur.copy_from_slice(&st.dur);
        self.res.copy_from_slice(&st.res);
        self.cost = st.cost;
    }
    fn copy_snapshot(&mut self, other: &Snapshot) {
        self.start.copy_from_slice(&other.start);
        self.dur.copy_from_slice(&other.dur);
        self.res.copy_from_slice(&other.res);
        self.cost = other.cost;
    }
    pub(crate) fn restore(&self, st: &mut State) {
        st.start.copy_from_slice(&self.start);
        st.dur.copy_from_slice(&self.dur);
        st.res.copy_from_slice(&self.res);
        st.rebuild();
    }
}

/// The best feasible timetable any thread has offered. With one thread it only ever holds
/// that thread's own best, which is never better than the thread's: the search stays
/// deterministic per seed.
pub(crate) struct Pool {
    /// Soft cost of the held timetable (`i64::MAX` when empty): read without locking.
    soft: AtomicI64,
    held: Mutex<Option<Snapshot>>,
}

impl Pool {
    pub(crate) fn new() -> Self {
        Pool {
            soft: AtomicI64::new(i64::MAX),
            held: Mutex::new(None),
        }
    }

    /// Soft cost of the shared best feasible timetable, if there is one.
    pub(crate) fn best_soft(&self) -> Option<i64> {
        let s = self.soft.load(Ordering::Relaxed);
        (s != i64::MAX).then_some(s)
    }

    /// Offers a thread's best; kept when feasible and better than the held one.
    pub(crate) fn offer(&self, best: &Snapshot) {
        if best.cost.hard != 0 || best.cost.soft >= self.soft.load(Ordering::Relaxed) {
            return;
        }
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        match held.as_mut() {
            Some(h) if h.cost.soft <= best.cost.soft => return,
            Some(h) => h.copy_snapshot(best),
            None => *held = Some(best.clone()),
        }
        self.soft.store(best.cost.soft, Ordering::Relaxed);
    }

    /// Takes the shared timetable when `best` (feasible or not) is well behind it: infeasible,
    /// or a tenth more soft cost plus one. Close runners-up keep their own, for diversity.
    pub(crate) fn adopt_if_behind(&self, best: &mut Snapshot) -> bool {
        let Some(shared) = self.best_soft() else {
            return false;
        };
        (best.cost.hard > 0 || best.cost.soft > shared + shared / 10 + 1) && self.adopt(best)
    }

    /// Copies the held timetable into `into` when it beats `into` (hard first); true if copied.
    pub(crate) fn adopt(&self, into: &mut Snapshot) -> bool {
        let held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        match held.as_ref() {
            Some(h) if h.cost.scalar() < into.cost.scalar() => {
                into.copy_snapshot(h);
                true
            }
            _ => false,
        }
    }
}
