//! When a thread that does not weigh hard monitors stops counting the soft cost while
//! infeasible. Such a thread breaks hard-cost ties by the soft cost, and on a long hard plateau
//! that keeps it in the basin of a good soft cost: on FI-WP-06 one clash in a room busy every
//! period stayed for 60 s, because every exchange that would clear it first costs idle times.
//! Once its hard cost has not reached a new low for `HARD_STALL` moves, the thread searches on
//! the (weighted) hard cost alone, a free walk over the plateau; after as long again without a
//! new low it counts the soft cost again, so a long infeasible search still polishes what it
//! reports. Weighing threads keep the soft cost: on ZA-WD-09 it guides them to feasibility
//! (1 thread, 3 M moves, seeds 1-3: feasible 3 of 3 with it, at most 1 of 3 without).

/// Moves without a new low of the hard cost before the soft cost is dropped or taken back.
/// Longer than most of the waits between new lows of a search that is still progressing
/// (ZA-WD-09: up to 270 k moves, 833 k before the last one).
pub(super) const HARD_STALL: u64 = 150_000;

pub(super) struct SoftShedding {
    enabled: bool,
    hard_low: i64,
    last_low: u64,
}

impl SoftShedding {
    pub(super) fn new(enabled: bool, hard: i64) -> Self {
        SoftShedding {
            enabled,
            hard_low: hard,
            last_low: 0,
        }
    }

    /// Hears of the hard cost of an accepted move.
    pub(super) fn note(&mut self, hard: i64, iterations: u64) {
        if hard < self.hard_low {
            (self.hard_low, self.last_low) = (hard, iterations);
        }
    }

    /// True when the thread should switch between counting and ignoring the soft cost now
    /// (the stall count then starts again).
    pub(super) fn switch_due(&mut self, hard: i64, iterations: u64) -> bool {
        let due = self.enabled && hard > 0 && iterations - self.last_low > HARD_STALL;
        if due {
            self.last_low = iterations;
        }
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_after_a_stall_of_the_hard_cost_only() {
        let mut s = SoftShedding::new(true, 10);
        assert!(!s.switch_due(10, HARD_STALL));
        s.note(9, 100);
        assert!(!s.switch_due(9, 100 + HARD_STALL));
        // A move at the same hard cost is no new low.
        s.note(9, 200);
        assert!(s.switch_due(9, 101 + HARD_STALL));
        // The count starts again at the switch; a feasible state never switches.
        assert!(!s.switch_due(9, 102 + HARD_STALL));
        assert!(s.switch_due(9, 102 + 2 * HARD_STALL));
        assert!(!s.switch_due(0, 10 * HARD_STALL));
        let mut off = SoftShedding::new(false, 10);
        assert!(!off.switch_due(10, 10 * HARD_STALL));
    }
}
