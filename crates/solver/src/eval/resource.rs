//! Deviations of the monitors attached to resources, read from the busy counts.

use crate::model::monitor::outside;
use crate::state::State;

impl State<'_> {
    fn busy_row(&self, resource: u32) -> &[u16] {
        let nt = self.m.num_times();
        &self.busy[resource as usize * nt..(resource as usize + 1) * nt]
    }

    pub(super) fn dev_unavailable(&self, resource: u32, time_list: u32) -> i64 {
        let busy = self.busy_row(resource);
        self.m
            .lists
            .row(time_list)
            .iter()
            .filter(|&&t| busy[t as usize] > 0)
            .count() as i64
    }

    pub(super) fn dev_idle(&self, resource: u32, groups: u32, min: u32, max: u32) -> i64 {
        let busy = self.busy_row(resource);
        let mut idle = 0i64;
        for &g in self.m.lists.row(groups) {
            let times = self.m.time_groups.row(g);
            let first = times.iter().position(|&t| busy[t as usize] > 0);
            let last = times.iter().rposition(|&t| busy[t as usize] > 0);
            if let (Some(a), Some(b)) = (first, last) {
                idle += times[a..=b]
                    .iter()
                    .filter(|&&t| busy[t as usize] == 0)
                    .count() as i64;
            }
        }
        outside(idle, min, max)
    }

    pub(super) fn dev_cluster(
        &self,
        resource: u32,
        groups: u32,
        min: u32,
        max: u32,
        allow_zero: bool,
    ) -> i64 {
        let busy = self.busy_row(resource);
        let n = self
            .m
            .lists
            .row(groups)
            .iter()
            .filter(|&&g| {
                self.m
                    .time_groups
                    .row(g)
                    .iter()
                    .any(|&t| busy[t as usize] > 0)
            })
            .count() as i64;
        if n == 0 && allow_zero {
            0
        } else {
            outside(n, min, max)
        }
    }

    /// `count_empty`: the construction's shaping also charges groups where the resource is not
    /// busy at all (see `State::shaping`).
    pub(super) fn dev_limit_busy(
        &self,
        resource: u32,
        groups: u32,
        min: u32,
        max: u32,
        count_empty: bool,
    ) -> i64 {
        let busy = self.busy_row(resource);
        let mut dev = 0;
        for &g in self.m.lists.row(groups) {
            let n = self
                .m
                .time_groups
                .row(g)
                .iter()
                .filter(|&&t| busy[t as usize] > 0)
                .count() as i64;
            if n > 0 || count_empty {
                dev += outside(n, min, max);
            }
        }
        dev
    }

    /// Workloads are fractional when an event is split; the deviation rounds up.
    pub(super) fn dev_workload(&self, resource: u32, min: u32, max: u32, allow_zero: bool) -> i64 {
        let w = self.workload[resource as usize];
        if allow_zero && w.abs() < 1e-9 {
            return 0;
        }
        let dev = if w < min as f64 - 1e-9 {
            min as f64 - w
        } else if w > max as f64 + 1e-9 {
            w - max as f64
        } else {
            0.0
        };
        (dev - 1e-9).ceil().max(0.0) as i64
    }
}
