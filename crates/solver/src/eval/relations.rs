//! Deviations of event relations, last-of-day, distinct resources and zone changes (see the
//! kinds' documentation in `model::spec`).

use crate::model::NONE;
use crate::model::spec::{EventRelation, ZoneLimit};
use crate::state::State;

/// An event's place: day index, start position, end position (last time's position + 1).
#[derive(Clone, Copy)]
struct Place {
    day: u32,
    start: i64,
    end: i64,
}

impl State<'_> {
    fn layout(&self, layout: u32) -> (&[u32], &[u32]) {
        self.m.lists.row(layout).split_at(self.m.num_times())
    }

    /// The place of the earliest-starting sub-event with a time, if it lies on a day.
    fn place(&self, event: u32, days: &[u32], positions: &[u32]) -> Option<Place> {
        let s = self
            .m
            .slots(event)
            .filter(|&s| self.dur[s] > 0 && self.start[s] != NONE)
            .min_by_key(|&s| self.start[s])?;
        let (start, last) = (self.start[s], self.start[s] + self.dur[s] - 1);
        let day = days[start as usize];
        if day == NONE {
            return None;
        }
        let start_pos = positions[start as usize] as i64;
        let end = match positions.get(last as usize) {
            Some(&p) if days[last as usize] == day => p as i64 + 1,
            _ => start_pos + self.dur[s] as i64,
        };
        Some(Place {
            day,
            start: start_pos,
            end,
        })
    }

    pub(super) fn dev_relate(&self, event_list: u32, relation: EventRelation, layout: u32) -> i64 {
        let (days, positions) = self.layout(layout);
        let events = self.m.lists.row(event_list);
        if relation == EventRelation::Grouped {
            return self.dev_grouped(events, days, positions);
        }
        let mut dev = 0;
        for (i, &a) in events.iter().enumerate() {
            let Some(pa) = self.place(a, days, positions) else {
                continue;
            };
            for &b in &events[i + 1..] {
                if let Some(pb) = self.place(b, days, positions) {
                    dev += pair_deviation(relation, pa, pb);
                }
            }
        }
        dev
    }

    /// 1 unless the events tile one stretch of one day: pairwise disjoint, and their lengths
    /// add up to the stretch from the first start to the last end. Nothing is due while an
    /// event has no place.
    fn dev_grouped(&self, events: &[u32], days: &[u32], positions: &[u32]) -> i64 {
        let mut places = Vec::with_capacity(events.len());
        for &e in events {
            match self.place(e, days, positions) {
                Some(p) => places.push(p),
                None => return 0,
            }
        }
        let Some(first) = places.first() else {
            return 0;
        };
        let same_day = places.iter().all(|p| p.day == first.day);
        let lo = places.iter().map(|p| p.start).min().unwrap_or(0);
        let hi = places.iter().map(|p| p.end).max().unwrap_or(0);
        let total: i64 = places.iter().map(|p| p.end - p.start).sum();
        let disjoint = places.iter().enumerate().all(|(i, p)| {
            places[i + 1..]
                .iter()
                .all(|q| p.end <= q.start || q.end <= p.start)
        });
        i64::from(!(same_day && disjoint && total == hi - lo))
    }

    pub(super) fn dev_ends_day(&self, event: u32, resources: u32, days: u32) -> i64 {
        let Some(last) = self
            .m
            .slots(event)
            .filter(|&s| self.dur[s] > 0 && self.start[s] != NONE)
            .map(|s| self.start[s] + self.dur[s] - 1)
            .max()
        else {
            return 0;
        };
        let nt = self.m.num_times();
        let Some(&g) = self.m.lists.row(days).iter().find(|&&g| {
            self.m
                .bits
                .contains(self.m.time_group_bits[g as usize], last)
        }) else {
            return 0;
        };
        let later = self.m.time_groups.row(g).iter().filter(|&&t| t > last);
        let resources = self.m.lists.row(resources);
        let busy_later = later.into_iter().any(|&t| {
            resources
                .iter()
                .any(|&r| self.busy[r as usize * nt + t as usize] > 0)
        });
        i64::from(busy_later)
    }

    /// Resources held by the listed roles over their active sub-events.
    fn role_resources(&self, role_list: u32) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.m.lists.row(role_list).iter().flat_map(move |&fr| {
            let e = self.m.role_event[fr as usize];
            let k = (fr - self.m.role_base[e as usize]) as usize;
            self.m
                .slots(e)
                .filter(|&s| self.dur[s] > 0)
                .map(move |s| (s, self.resource(s, k)))
                .filter(|&(_, r)| r != NONE)
        })
    }

    pub(super) fn dev_distinct(&self, role_list: u32, max: u32) -> i64 {
        let mut rs: Vec<u32> = self.role_resources(role_list).map(|(_, r)| r).collect();
        rs.sort_unstable();
        rs.dedup();
        (rs.len() as i64 - max as i64).max(0)
    }

    pub(super) fn dev_zones(
        &self,
        role_list: u32,
        zones: u32,
        layout: u32,
        limit: ZoneLimit,
    ) -> i64 {
        let (days, positions) = self.layout(layout);
        let zone_of = self.m.lists.row(zones);
        // (day, position, zone) of every zoned time, in week order.
        let mut marks: Vec<(u32, u32, u32)> = Vec::new();
        for (s, r) in self.role_resources(role_list) {
            let zone = zone_of[r as usize];
            if zone == NONE || self.start[s] == NONE {
                continue;
            }
            for t in self.start[s]..self.start[s] + self.dur[s] {
                if days[t as usize] != NONE {
                    marks.push((days[t as usize], positions[t as usize], zone));
                }
            }
        }
        marks.sort_unstable();
        let mut dev = 0;
        let mut changes_today = 0i64;
        let mut changes_in_week = 0i64;
        for (i, &(day, pos, zone)) in marks.iter().enumerate() {
            // The previous zoned time of the day: the last mark at a smaller position.
            let prev = marks[..i]
                .iter()
                .rev()
                .skip_while(|m| m.0 == day && m.1 == pos)
                .take_while(|m| m.0 == day)
                .next();
            if i > 0 && marks[i - 1].0 != day {
                changes_today = 0;
            }
            let Some(&(_, prev_pos, prev_zone)) = prev else {
                continue;
            };
            if prev_zone == zone {
                continue;
            }
            match limit {
                ZoneLimit::MaxChangesPerDay(n) => {
                    changes_today += 1;
                    if changes_today > n as i64 {
                        dev += 1;
                    }
                }
                ZoneLimit::MinGapBeforeChange(n) => {
                    if (pos - prev_pos - 1) < n {
                        dev += 1;
                    }
                }
                ZoneLimit::MaxChangesPerWeek(n) => {
                    changes_in_week += 1;
                    if changes_in_week > n as i64 {
                        dev += 1;
                    }
                }
            }
        }
        dev
    }
}

fn pair_deviation(relation: EventRelation, a: Place, b: Place) -> i64 {
    let same_day = a.day == b.day;
    match relation {
        EventRelation::SameDay => i64::from(!same_day),
        EventRelation::SameStartPosition => i64::from(a.start != b.start),
        EventRelation::MinGap(n) if same_day => {
            let (early, late) = if a.start <= b.start { (a, b) } else { (b, a) };
            (early.end + n as i64 - late.start).max(0)
        }
        EventRelation::MaxDaysApart(n) => ((a.day as i64 - b.day as i64).abs() - n as i64).max(0),
        EventRelation::Ordered => i64::from(!(a.day < b.day || (same_day && a.end <= b.start))),
        EventRelation::OrderedIfSameDay => i64::from(same_day && a.end > b.start),
        EventRelation::AdjacentIfSameDay => {
            i64::from(same_day && a.end != b.start && b.end != a.start)
        }
        EventRelation::MinGap(_) | EventRelation::Grouped => 0,
    }
}
