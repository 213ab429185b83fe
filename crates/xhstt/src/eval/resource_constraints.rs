//! Deviations of the constraints whose points are resources.

use crate::eval::schedule::Schedule;
use crate::eval::{Point, outside};
use crate::ids::{ResourceId, TimeGroupId};
use crate::model::constraint::{Constraint, ConstraintKind};
use crate::model::instance::Instance;

pub(crate) fn deviations(inst: &Instance, sched: &Schedule, c: &Constraint) -> Vec<(Point, u64)> {
    let per_resource = |f: &dyn Fn(ResourceId, &[u32]) -> u64| -> Vec<(Point, u64)> {
        c.applies_to_resources(inst)
            .into_iter()
            .map(|r| (Point::Resource(r), f(r, sched.occupancy_row(r))))
            .collect()
    };
    let busy_in = |row: &[u32], g: TimeGroupId| -> u64 {
        inst.time_group(g)
            .times
            .iter()
            .filter(|t| row[t.index()] > 0)
            .count() as u64
    };
    match &c.kind {
        ConstraintKind::AvoidClashes => {
            per_resource(&|_, row| row.iter().map(|&k| u64::from(k.saturating_sub(1))).sum())
        }
        ConstraintKind::AvoidUnavailableTimes { times } => {
            let unavailable = times.flags(inst);
            per_resource(&|_, row| {
                row.iter()
                    .zip(&unavailable)
                    .filter(|&(&k, &u)| u && k > 0)
                    .count() as u64
            })
        }
        ConstraintKind::LimitIdleTimes {
            time_groups,
            minimum,
            maximum,
        } => per_resource(&|_, row| {
            let idle: u64 = time_groups.iter().map(|&g| idle_times(inst, row, g)).sum();
            outside(idle, *minimum, *maximum)
        }),
        ConstraintKind::ClusterBusyTimes {
            time_groups,
            minimum,
            maximum,
            allow_zero,
        } => per_resource(&|_, row| {
            let busy_groups = time_groups.iter().filter(|&&g| busy_in(row, g) > 0).count() as u64;
            if busy_groups == 0 && *allow_zero == Some(true) {
                0
            } else {
                outside(busy_groups, *minimum, *maximum)
            }
        }),
        ConstraintKind::LimitBusyTimes {
            time_groups,
            minimum,
            maximum,
            ..
        } => per_resource(&|_, row| {
            time_groups
                .iter()
                .map(|&g| match busy_in(row, g) {
                    0 => 0,
                    b => outside(b, *minimum, *maximum),
                })
                .sum()
        }),
        ConstraintKind::LimitWorkload {
            minimum,
            maximum,
            allow_zero,
        } => per_resource(&|r, _| {
            let w = sched.workload(r);
            if w == 0.0 && *allow_zero == Some(true) {
                return 0;
            }
            let (min, max) = (f64::from(*minimum), f64::from(*maximum));
            let excess = if w < min {
                min - w
            } else if w > max {
                w - max
            } else {
                0.0
            };
            // Fractional workloads (split events) deviate by whole units, rounded up.
            (excess - 1e-9).ceil().max(0.0) as u64
        }),
        _ => Vec::new(),
    }
}

/// Times of `g` (in chronological order) at which the resource is free although it is busy at some
/// earlier and some later time of `g`.
fn idle_times(inst: &Instance, row: &[u32], g: TimeGroupId) -> u64 {
    let times = &inst.time_group(g).times;
    let busy: Vec<usize> = times
        .iter()
        .enumerate()
        .filter(|(_, t)| row[t.index()] > 0)
        .map(|(i, _)| i)
        .collect();
    match (busy.first(), busy.last()) {
        (Some(&first), Some(&last)) => (last - first + 1 - busy.len()) as u64,
        _ => 0,
    }
}
