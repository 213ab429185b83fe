//! Which monitors of a resource a time move can change. A resource carries many monitors
//! (per-day idle and busy limits, unavailable times, ...) and most look at a few times only;
//! a sub-event that keeps its duration and moves from one window to another can only change
//! those whose times meet one of the two windows. Re-evaluating only these saves most of the
//! monitor work on instances with many students per event.

use crate::model::Model;
use crate::model::monitor::MonitorKind;

/// Per resource: its monitors with the span of times they read, `lo..=hi` (`lo > hi`: none).
/// `Default` is the empty table of a parked, emptied session (which refuses every change).
#[derive(Debug, Default)]
pub(crate) struct ResourceMarks {
    offsets: Vec<u32>,
    items: Vec<(u32, u32, u32)>,
}

impl ResourceMarks {
    pub(crate) fn new(m: &Model) -> Self {
        let last = m.num_times().saturating_sub(1) as u32;
        let mut offsets = Vec::with_capacity(m.num_resources() + 1);
        let mut items = Vec::new();
        offsets.push(0);
        for r in 0..m.num_resources() as u32 {
            for &mi in m.resource_monitors.row(r) {
                let (lo, hi) = match m.monitors[mi as usize].kind {
                    MonitorKind::Unavailable { time_list, .. } => span(m.lists.row(time_list)),
                    MonitorKind::Idle { groups, .. }
                    | MonitorKind::Cluster { groups, .. }
                    | MonitorKind::LimitBusy { groups, .. } => m
                        .lists
                        .row(groups)
                        .iter()
                        .map(|&g| span(m.time_groups.row(g)))
                        .fold((u32::MAX, 0), |(a, b), (c, d)| (a.min(c), b.max(d))),
                    // Workload reads durations, never times.
                    MonitorKind::Workload { .. } => (1, 0),
                    // Clashes, and any kind not listed here: every time.
                    _ => (0, last),
                };
                items.push((mi, lo, hi));
            }
            offsets.push(items.len() as u32);
        }
        ResourceMarks { offsets, items }
    }

    /// Monitors of resource `r` with their spans.
    pub(crate) fn row(&self, r: u32) -> &[(u32, u32, u32)] {
        match (
            self.offsets.get(r as usize),
            self.offsets.get(r as usize + 1),
        ) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }

    pub(crate) fn bytes(&self) -> usize {
        self.offsets.len() * 4 + self.items.len() * 12
    }
}

/// Smallest and largest time of a sorted-or-not list (`(MAX, 0)` when empty: meets nothing).
fn span(times: &[u32]) -> (u32, u32) {
    times
        .iter()
        .fold((u32::MAX, 0), |(a, b), &t| (a.min(t), b.max(t)))
}
