//! Where a constraint is broken, in words: the periods and blocks involved.

use crate::compile::Compiled;
use crate::timetable::{Busy, day_name};
use solver::{ConstraintId, ConstraintKind, EventId, Solution, TimeId};
use std::collections::{BTreeMap, BTreeSet};

impl Compiled {
    fn at(&self, t: TimeId) -> String {
        let ti = self.time_info(t);
        format!("{} período {}", day_name(ti.day), ti.period)
    }

    fn label(&self, e: EventId) -> &str {
        &self.events[e.index()].label
    }

    pub(crate) fn places(
        &self,
        c: ConstraintId,
        solution: &Solution,
        occupancy: &[Vec<Busy>],
    ) -> Vec<String> {
        let sub_events_of = |events: &[EventId]| {
            let set: BTreeSet<EventId> = events.iter().copied().collect();
            solution
                .sub_events
                .iter()
                .filter(move |se| set.contains(&se.event))
        };
        match &self.model.constraint(c).kind {
            ConstraintKind::AvoidClashes { resources } => {
                let mut clashes: BTreeMap<TimeId, BTreeSet<EventId>> = BTreeMap::new();
                for r in resources {
                    let busy = &occupancy[r.index()];
                    for (i, a) in busy.iter().enumerate() {
                        for b in &busy[i + 1..] {
                            let overlap = self.time_info(a.time).overlaps(self.time_info(b.time));
                            if a.sub_event != b.sub_event && overlap {
                                let at = clashes.entry(a.time.min(b.time)).or_default();
                                at.insert(a.event);
                                at.insert(b.event);
                            }
                        }
                    }
                }
                clashes
                    .into_iter()
                    .map(|(t, events)| {
                        let names: Vec<&str> = events.iter().map(|&e| self.label(e)).collect();
                        format!("{}: {}", self.at(t), names.join(", "))
                    })
                    .collect()
            }
            ConstraintKind::AvoidUnavailableTimes { resources, times } => {
                let times: BTreeSet<TimeId> = times.iter().copied().collect();
                resources
                    .iter()
                    .flat_map(|r| occupancy[r.index()].iter())
                    .filter(|b| times.contains(&b.time))
                    .map(|b| format!("{}: {}", self.at(b.time), self.label(b.event)))
                    .collect()
            }
            ConstraintKind::AssignTime { events } => sub_events_of(events)
                .filter(|se| se.start.is_none())
                .map(|se| format!("sin ubicar: {}", self.label(se.event)))
                .collect(),
            ConstraintKind::PreferTimes {
                events,
                times,
                duration,
            } => {
                let times: BTreeSet<TimeId> = times.iter().copied().collect();
                sub_events_of(events)
                    .filter(|se| duration.is_none_or(|d| d == se.duration))
                    .filter_map(|se| se.start.filter(|t| !times.contains(t)).map(|t| (t, se)))
                    .map(|(t, se)| format!("{}: {}", self.at(t), self.label(se.event)))
                    .collect()
            }
            ConstraintKind::SplitEvents { events, .. } => events
                .iter()
                .map(|&e| format!("{} está partido", self.label(e)))
                .collect(),
            ConstraintKind::AssignResource { roles } => roles
                .iter()
                .flat_map(|er| {
                    sub_events_of(std::slice::from_ref(&er.event))
                        .filter(|se| {
                            se.resources
                                .get(er.role as usize)
                                .copied()
                                .flatten()
                                .is_none()
                        })
                        .map(|se| format!("sin aula: {}", self.label(se.event)))
                        .collect::<Vec<_>>()
                })
                .collect(),
            ConstraintKind::SpreadEvents { event_groups, .. } => {
                let mut per_day: BTreeMap<u8, Vec<&str>> = BTreeMap::new();
                for group in event_groups {
                    for se in sub_events_of(group) {
                        if let Some(t) = se.start {
                            let day = self.time_info(t).day;
                            per_day.entry(day).or_default().push(self.label(se.event));
                        }
                    }
                }
                per_day
                    .into_iter()
                    .filter(|(_, v)| v.len() > 1)
                    .map(|(day, v)| format!("{}: {}", day_name(day), v.join(", ")))
                    .collect()
            }
            _ => Vec::new(),
        }
    }
}
