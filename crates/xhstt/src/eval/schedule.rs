//! A solution resolved against its instance: every event's sub-events with their times and the
//! resource filling each of the event's slots, plus per-resource busy counts per time.

use crate::ids::{EventId, ResourceId};
use crate::model::instance::Instance;
use crate::model::solution::Solution;

/// One sub-event ("solution event") of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubEvent {
    pub duration: u32,
    /// Starting time index; the sub-event occupies `start .. start + duration` in instance order.
    pub start: Option<u32>,
    /// The resource filling each slot of [`crate::Event::resources`] (same indices); `None` = open
    /// and unassigned.
    pub assigned: Vec<Option<ResourceId>>,
}

impl SubEvent {
    /// The time indices this sub-event occupies, cut at the end of the week.
    pub fn times(&self, time_count: usize) -> std::ops::Range<usize> {
        match self.start {
            Some(s) => {
                let s = s as usize;
                s.min(time_count)..(s + self.duration as usize).min(time_count)
            }
            None => 0..0,
        }
    }
}

/// The resolved solution.
#[derive(Debug, Clone)]
pub struct Schedule {
    /// Sub-events per event, indexed by [`EventId`].
    pub sub_events: Vec<Vec<SubEvent>>,
    time_count: usize,
    /// `occupancy[r * time_count + t]`: how many slots filled by resource `r` run at time `t`.
    occupancy: Vec<u32>,
    /// Total workload per resource (see [`Schedule::workload`]).
    workload: Vec<f64>,
}

impl Schedule {
    /// Resolves `solution` against `instance`.
    ///
    /// Rules the specification leaves to the evaluator, applied here: an event with no solution
    /// event counts as one unassigned sub-event of its full duration; a slot a solution event does not
    /// fill keeps its preassigned resource (if any); an unsplit sub-event without `<Time>` takes the
    /// event's preassigned time; a missing `<Duration>` means the event's whole duration.
    pub fn new(instance: &Instance, solution: &Solution) -> Self {
        let mut sub_events: Vec<Vec<SubEvent>> = vec![Vec::new(); instance.events.len()];
        for se in &solution.events {
            let event = instance.event(se.event);
            let duration = se.duration.unwrap_or(event.duration);
            let mut assigned: Vec<Option<ResourceId>> =
                event.resources.iter().map(|r| r.resource).collect();
            for sr in &se.resources {
                if let Some(slot) = event.resource_by_role(&sr.role) {
                    assigned[slot] = Some(sr.resource);
                }
            }
            let mut start = se.time.map(|t| t.0);
            if start.is_none() && duration == event.duration {
                start = event.time.map(|t| t.0);
            }
            sub_events[se.event.index()].push(SubEvent {
                duration,
                start,
                assigned,
            });
        }
        for (i, subs) in sub_events.iter_mut().enumerate() {
            if subs.is_empty() {
                let event = instance.event(EventId::from_index(i));
                subs.push(SubEvent {
                    duration: event.duration,
                    start: event.time.map(|t| t.0),
                    assigned: event.resources.iter().map(|r| r.resource).collect(),
                });
            }
        }
        let time_count = instance.times.len();
        let mut occupancy = vec![0u32; instance.resources.len() * time_count];
        let mut workload = vec![0f64; instance.resources.len()];
        for (i, subs) in sub_events.iter().enumerate() {
            let event = instance.event(EventId::from_index(i));
            for sub in subs {
                let times = sub.times(time_count);
                for (slot, res) in sub.assigned.iter().enumerate() {
                    let Some(r) = res else { continue };
                    let row = r.index() * time_count;
                    for t in times.clone() {
                        occupancy[row + t] += 1;
                    }
                    let slot_workload = event.resources[slot]
                        .workload
                        .unwrap_or(event.effective_workload());
                    workload[r.index()] += f64::from(slot_workload) * f64::from(sub.duration)
                        / f64::from(event.duration);
                }
            }
        }
        Schedule {
            sub_events,
            time_count,
            occupancy,
            workload,
        }
    }

    /// How many of the resource's slots run at time index `t` (0 = free, 1 = busy, >1 = clash).
    pub fn occupancy(&self, r: ResourceId, t: usize) -> u32 {
        self.occupancy[r.index() * self.time_count + t]
    }

    /// The resource's row of occupancy counts, indexed by time.
    pub fn occupancy_row(&self, r: ResourceId) -> &[u32] {
        let row = r.index() * self.time_count;
        &self.occupancy[row..row + self.time_count]
    }

    /// Total workload of a resource: over the sub-events it attends, the slot's workload (default the
    /// event's, default its duration) times sub-event duration / event duration.
    pub fn workload(&self, r: ResourceId) -> f64 {
        self.workload[r.index()]
    }

    /// Number of times in the instance.
    pub fn time_count(&self) -> usize {
        self.time_count
    }
}
