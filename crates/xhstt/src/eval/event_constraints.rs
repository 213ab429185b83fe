//! Deviations of the constraints whose points are events, event groups or event pairs.

use crate::eval::schedule::{Schedule, SubEvent};
use crate::eval::{Point, outside};
use crate::ids::EventId;
use crate::model::constraint::{Constraint, ConstraintKind, EventPair};
use crate::model::instance::Instance;

/// `None` when `c` is a resource constraint.
pub(crate) fn deviations(
    inst: &Instance,
    sched: &Schedule,
    c: &Constraint,
) -> Option<Vec<(Point, u64)>> {
    let per_event = |f: &dyn Fn(EventId, &[SubEvent]) -> u64| -> Vec<(Point, u64)> {
        c.applies_to_events(inst)
            .into_iter()
            .map(|e| (Point::Event(e), f(e, &sched.sub_events[e.index()])))
            .collect()
    };
    let per_group = |f: &dyn Fn(&[EventId]) -> u64| -> Vec<(Point, u64)> {
        c.applies_to
            .event_groups
            .iter()
            .map(|&g| (Point::EventGroup(g), f(&inst.event_group(g).events)))
            .collect()
    };
    let duration_where = |subs: &[SubEvent], pred: &dyn Fn(&SubEvent) -> bool| -> u64 {
        subs.iter()
            .filter(|s| pred(s))
            .map(|s| u64::from(s.duration))
            .sum()
    };
    Some(match &c.kind {
        ConstraintKind::AssignTime => {
            per_event(&|_, subs| duration_where(subs, &|s| s.start.is_none()))
        }
        ConstraintKind::AssignResource { role } => {
            per_event(&|e, subs| match inst.event(e).resource_by_role(role) {
                Some(slot) => duration_where(subs, &|s| s.assigned[slot].is_none()),
                None => 0,
            })
        }
        ConstraintKind::PreferResources { role, preferred } => {
            let ok = preferred.flags(inst);
            per_event(&|e, subs| match inst.event(e).resource_by_role(role) {
                Some(slot) => {
                    duration_where(subs, &|s| s.assigned[slot].is_some_and(|r| !ok[r.index()]))
                }
                None => 0,
            })
        }
        ConstraintKind::PreferTimes {
            preferred,
            duration,
        } => {
            let ok = preferred.flags(inst);
            per_event(&|_, subs| {
                duration_where(subs, &|s| {
                    duration.is_none_or(|d| d == s.duration)
                        && s.start.is_some_and(|t| !ok[t as usize])
                })
            })
        }
        ConstraintKind::SplitEvents {
            min_duration,
            max_duration,
            min_amount,
            max_amount,
        } => per_event(&|_, subs| {
            let bad = subs
                .iter()
                .filter(|s| s.duration < *min_duration || s.duration > *max_duration)
                .count() as u64;
            bad + outside(subs.len() as u64, *min_amount, *max_amount)
        }),
        ConstraintKind::DistributeSplitEvents {
            duration,
            minimum,
            maximum,
        } => per_event(&|_, subs| {
            let n = subs.iter().filter(|s| s.duration == *duration).count() as u64;
            outside(n, *minimum, *maximum)
        }),
        ConstraintKind::AvoidSplitAssignments { role } => per_group(&|events| {
            let mut seen = Vec::new();
            for &e in events {
                let Some(slot) = inst.event(e).resource_by_role(role) else {
                    continue;
                };
                for s in &sched.sub_events[e.index()] {
                    if let Some(r) = s.assigned[slot]
                        && !seen.contains(&r)
                    {
                        seen.push(r);
                    }
                }
            }
            (seen.len() as u64).saturating_sub(1)
        }),
        ConstraintKind::SpreadEvents { time_groups } => {
            let flags: Vec<Vec<bool>> = time_groups
                .iter()
                .map(|g| {
                    let mut f = vec![false; inst.times.len()];
                    for &t in &inst.time_group(g.time_group).times {
                        f[t.index()] = true;
                    }
                    f
                })
                .collect();
            per_group(&|events| {
                time_groups
                    .iter()
                    .zip(&flags)
                    .map(|(g, f)| {
                        let n = events
                            .iter()
                            .flat_map(|e| &sched.sub_events[e.index()])
                            .filter(|s| s.start.is_some_and(|t| f[t as usize]))
                            .count() as u64;
                        outside(n, g.minimum, g.maximum)
                    })
                    .sum()
            })
        }
        ConstraintKind::LinkEvents => per_group(&|events| link_deviation(sched, events)),
        ConstraintKind::OrderEvents {
            min_separation,
            max_separation,
        } => c
            .applies_to
            .event_pairs
            .iter()
            .map(|p| {
                let point = Point::EventPair {
                    first: p.first,
                    second: p.second,
                };
                (
                    point,
                    order_deviation(sched, p, *min_separation, *max_separation),
                )
            })
            .collect(),
        _ => return None,
    })
}

/// The number of times at which some, but not all, of the group's events are running.
fn link_deviation(sched: &Schedule, events: &[EventId]) -> u64 {
    if events.is_empty() {
        return 0;
    }
    let n = sched.time_count();
    // running[t] counts the events (not sub-events) running at t.
    let mut running = vec![0usize; n];
    let mut mark = vec![false; n];
    for &e in events {
        mark.iter_mut().for_each(|m| *m = false);
        for s in &sched.sub_events[e.index()] {
            for t in s.times(n) {
                mark[t] = true;
            }
        }
        for t in 0..n {
            running[t] += usize::from(mark[t]);
        }
    }
    running
        .iter()
        .filter(|&&k| k > 0 && k < events.len())
        .count() as u64
}

/// How far the separation between the end of the first event and the start of the second lies
/// outside the allowed range; zero while either event has no assigned time.
fn order_deviation(sched: &Schedule, p: &EventPair, min: Option<u32>, max: Option<u32>) -> u64 {
    let first = &sched.sub_events[p.first.index()];
    let second = &sched.sub_events[p.second.index()];
    let end = first
        .iter()
        .filter_map(|s| s.start.map(|t| i64::from(t) + i64::from(s.duration)))
        .max();
    let start = second.iter().filter_map(|s| s.start.map(i64::from)).min();
    let (Some(end), Some(start)) = (end, start) else {
        return 0;
    };
    let separation = start - end;
    let min = i64::from(p.min_separation.or(min).unwrap_or(0));
    let max = p.max_separation.or(max).map(i64::from);
    let below = (min - separation).max(0);
    let above = max.map_or(0, |m| (separation - m).max(0));
    (below + above) as u64
}
