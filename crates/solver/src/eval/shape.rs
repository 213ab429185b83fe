//! Deviations of the busy-shape monitors ([`BusyShape`]): a day's span, the rest between two
//! days, and how many sub-events a resource attends at once. All read the busy counts only.

use crate::model::monitor::outside;
use crate::model::spec::BusyShape;
use crate::state::State;

impl State<'_> {
    pub(super) fn dev_shape(&self, resource: u32, groups: u32, shape: BusyShape) -> i64 {
        let nt = self.m.num_times();
        let busy = &self.busy[resource as usize * nt..(resource as usize + 1) * nt];
        let groups = self.m.lists.row(groups);
        // First and last busy positions in a group, and its length.
        let bounds = |g: u32| {
            let times = self.m.time_groups.row(g);
            let first = times.iter().position(|&t| busy[t as usize] > 0);
            let last = times.iter().rposition(|&t| busy[t as usize] > 0);
            (first.zip(last), times.len())
        };
        match shape {
            BusyShape::MaxSpan {
                max,
                one_day_plus_one,
            } => {
                let dev: i64 = groups
                    .iter()
                    .filter_map(|&g| bounds(g).0)
                    .map(|(a, b)| outside((b - a + 1) as i64, 0, max))
                    .sum();
                if one_day_plus_one && dev > 0 {
                    dev - 1
                } else {
                    dev
                }
            }
            BusyShape::MinRest { min, circular } => {
                let days: Vec<_> = groups.iter().map(|&g| bounds(g)).collect();
                let n = days.len();
                let pairs = if circular && n > 1 {
                    n
                } else {
                    n.saturating_sub(1)
                };
                (0..pairs)
                    .filter_map(|i| {
                        let ((_, last), len) = (days[i].0?, days[i].1);
                        let (first, _) = days[(i + 1) % n].0?;
                        let rest = (len - 1 - last) + first;
                        Some(outside(rest as i64, min, u32::MAX))
                    })
                    .sum()
            }
            BusyShape::Simultaneous {
                min,
                max,
                allow_empty,
            } => groups
                .iter()
                .flat_map(|&g| self.m.time_groups.row(g))
                .map(|&t| busy[t as usize] as i64)
                .filter(|&n| !(allow_empty && n == 0))
                .map(|n| outside(n, min, max))
                .sum(),
            BusyShape::EarlyStart { max_second } => {
                let firsts = groups.iter().filter_map(|&g| bounds(g).0).map(|(a, _)| a);
                let (mut second, mut later) = (0i64, 0i64);
                for a in firsts {
                    match a {
                        0 => {}
                        1 => second += 1,
                        _ => later += a as i64 - 1,
                    }
                }
                later + outside(second, 0, max_second)
            }
        }
    }
}
