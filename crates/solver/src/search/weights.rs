//! Adaptive weights on hard monitors while the timetable is infeasible (a breakout scheme):
//! when the search sits in a local minimum of the weighted hard cost, every hard monitor still
//! violated weighs one more. The landscape of plain clash counts is a sea of plateaus; weights
//! turn the defects the search keeps failing to repair into ones worth trading others for,
//! and pull it out of the minimum. The true cost (every weight 1) still decides the best.
//!
//! Kept outside the state: the weighted part of a move's delta is read from the state's undo
//! log of changed monitor costs, so any monitor kind gets weighted the same way.

use crate::state::State;

pub(super) struct HardWeights {
    /// Extra weight per monitor (0 = the plain cost).
    extra: Vec<i64>,
    /// Sum over hard monitors of `extra * cost`, for the current state.
    pub(super) total: i64,
    /// Whether the scalar counts the soft cost (see `scalar`).
    pub(super) soft: bool,
}

impl HardWeights {
    pub(super) fn new(num_monitors: usize) -> Self {
        HardWeights {
            extra: vec![0; num_monitors],
            total: 0,
            soft: true,
        }
    }

    /// The weighted extra a just-evaluated move adds (its changed monitors are in the undo log).
    pub(super) fn delta(&self, st: &State) -> i64 {
        // Soft monitors never gain weight: their extra stays 0.
        st.undo_mon
            .iter()
            .map(|&(mi, old)| self.extra[mi as usize] * (st.mon_cost[mi as usize] - old))
            .sum()
    }

    /// The search scalar of a state whose weighted extra is `extra`: the weighted hard cost,
    /// then the soft cost when it counts.
    pub(super) fn scalar(&self, st: &State, extra: i64) -> i64 {
        let soft = if self.soft { st.cost.soft } else { 0 };
        (st.cost.hard + extra)
            .saturating_mul(1 << 32)
            .saturating_add(soft)
    }

    /// One more unit of weight on every violated hard monitor.
    pub(super) fn bump(&mut self, st: &State) {
        for &mi in &st.violated {
            self.extra[mi as usize] += 1;
            self.total += st.mon_cost[mi as usize];
        }
    }

    /// Recomputes the total after the state was rebuilt (e.g. restored from a snapshot).
    pub(super) fn recompute(&mut self, st: &State) {
        self.total = st
            .violated
            .iter()
            .map(|&mi| self.extra[mi as usize] * st.mon_cost[mi as usize])
            .sum();
    }
}
