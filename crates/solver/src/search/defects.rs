//! An index of the soft monitors with a positive cost, for the feasible phase's targeted moves.
//! Uniform draws over all soft monitors find a defect only when many monitors have one: with a
//! few defects among thousands of monitors (one spread defect of weight 400 in KS-PR-11 among
//! hundreds of idle-time monitors at 0) the targeted moves almost never see it. The state keeps
//! no such index (only hard violations), so this one is rebuilt from the monitor costs every
//! `REFRESH` moves; between rebuilds a listed monitor whose cost dropped to 0 is skipped at
//! the draw, and a new defect waits for the next rebuild.

use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

/// Moves between rebuilds: a rebuild reads every soft monitor's cost once, so this keeps its
/// share of the work small while the list follows the accepted moves closely enough (most
/// moves of the feasible phase are rejected and change nothing).
pub(super) const REFRESH: u64 = 1024;

/// Soft monitors with a positive cost at the last rebuild, and their running cost sums.
#[derive(Default)]
pub(super) struct SoftDefects {
    list: Vec<u32>,
    cumulative: Vec<i64>,
    /// False until the first rebuild: the caller then falls back to uniform draws.
    pub(super) live: bool,
}

impl SoftDefects {
    /// Rebuilds the list from the state's monitor costs.
    pub(super) fn rebuild(&mut self, st: &State, soft_monitors: &[u32]) {
        self.list.clear();
        self.cumulative.clear();
        let mut sum = 0i64;
        for &mi in soft_monitors {
            let c = st.mon_cost[mi as usize];
            if c > 0 {
                sum += c;
                self.list.push(mi);
                self.cumulative.push(sum);
            }
        }
        self.live = true;
    }

    /// A listed monitor still with a positive cost: half the time drawn uniformly, half the
    /// time in proportion to its cost at the rebuild (heavy defects get the effort they are
    /// worth, light ones are not starved). None when the draws find none.
    pub(super) fn draw(&self, st: &State, rng: &mut SmallRng) -> Option<usize> {
        if self.list.is_empty() {
            return None;
        }
        let total = *self.cumulative.last()?;
        for _ in 0..4 {
            let i = if rng.gen_bool(0.5) {
                rng.gen_range(0..self.list.len())
            } else {
                let x = rng.gen_range(0..total);
                self.cumulative.partition_point(|&c| c <= x)
            };
            let mi = self.list[i] as usize;
            if st.mon_cost[mi] > 0 {
                return Some(mi);
            }
        }
        None
    }
}
