//! The solver's times: every lesson period of every grid in use, each covering clock ticks so
//! that periods of two grids that overlap in clock time share ticks (a teacher on both grids
//! clashes by the clock, never by period number).
//!
//! Times are numbered grid by grid, day by day, period by period, so that a block of `d`
//! periods starting at time `t` occupies `t..t+d` inside one grid and one day exactly when the
//! start is allowed (see [`Times::allowed_starts`]).

use domain::{ClockTime, Id, PeriodKind, TimeGrid};
use solver::{ModelBuilder, TimeGroupId, TimeId};
use std::collections::BTreeMap;

/// A gap longer than this between two lesson periods breaks a block as a recess does.
const MAX_PASSING_MINUTES: u16 = 10;

/// Where a solver time sits in the school's week.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeInfo {
    pub grid_id: Id,
    pub day: u8,
    pub period: u8,
    pub start: ClockTime,
    pub end: ClockTime,
    /// Break-free stretch of the day the period belongs to (0, 1, 2 ... within the day).
    pub segment: u8,
}

impl TimeInfo {
    pub fn overlaps(&self, other: &TimeInfo) -> bool {
        self.day == other.day && self.start < other.end && other.start < self.end
    }
}

#[derive(Debug, Default)]
pub struct Times {
    pub info: Vec<TimeInfo>,
    index: BTreeMap<(Id, u8, u8), TimeId>,
    /// Per grid and day, its times in order.
    pub grid_day: BTreeMap<(Id, u8), (TimeGroupId, Vec<TimeId>)>,
    /// Per weekday, the times of every grid on that day.
    pub day: BTreeMap<u8, TimeGroupId>,
    pub week: Option<TimeGroupId>,
}

impl Times {
    pub fn build(grids: &[(Id, &TimeGrid)], b: &mut ModelBuilder) -> Times {
        let mut info = Vec::new();
        for &(grid_id, grid) in grids {
            let mut days = grid.days.clone();
            days.sort_unstable();
            days.dedup();
            for day in days {
                let mut segment = 0u8;
                let mut previous_end: Option<ClockTime> = None;
                for p in &grid.periods {
                    if p.kind == PeriodKind::Break {
                        if previous_end.is_some() {
                            segment += 1;
                        }
                        previous_end = None;
                        continue;
                    }
                    if previous_end.is_some_and(|end| p.start.0 > end.0 + MAX_PASSING_MINUTES) {
                        segment += 1;
                    }
                    previous_end = Some(p.end);
                    info.push(TimeInfo {
                        grid_id,
                        day,
                        period: p.number,
                        start: p.start,
                        end: p.end,
                        segment,
                    });
                }
            }
        }
        let ticks = clock_ticks(&info);
        let mut times = Times::default();
        for (t, ti) in info.iter().enumerate() {
            let name = format!("g{}-d{}-p{}", ti.grid_id, ti.day, ti.period);
            let id = b.add_time_with_ticks(name, ticks[t].clone());
            times.index.insert((ti.grid_id, ti.day, ti.period), id);
        }
        let mut by_grid_day: BTreeMap<(Id, u8), Vec<TimeId>> = BTreeMap::new();
        let mut by_day: BTreeMap<u8, Vec<TimeId>> = BTreeMap::new();
        for (t, ti) in info.iter().enumerate() {
            by_grid_day
                .entry((ti.grid_id, ti.day))
                .or_default()
                .push(TimeId(t as u32));
            by_day.entry(ti.day).or_default().push(TimeId(t as u32));
        }
        for ((grid, day), list) in by_grid_day {
            let g = b.add_time_group(format!("g{grid}-d{day}"), list.clone());
            times.grid_day.insert((grid, day), (g, list));
        }
        for (day, list) in by_day {
            times
                .day
                .insert(day, b.add_time_group(format!("d{day}"), list));
        }
        let all = (0..info.len() as u32).map(TimeId).collect();
        times.week = Some(b.add_time_group("semana", all));
        times.info = info;
        times
    }

    pub fn time(&self, grid_id: Id, day: u8, period: u8) -> Option<TimeId> {
        self.index.get(&(grid_id, day, period)).copied()
    }

    pub fn get(&self, t: TimeId) -> &TimeInfo {
        &self.info[t.index()]
    }

    /// Starts on `grid_id` from which `duration` periods run inside one day (and, with
    /// `respect_breaks`, one break-free stretch): a double period is never split across days,
    /// nor by a recess when the block rule holds.
    pub fn allowed_starts(&self, grid_id: Id, duration: u8, respect_breaks: bool) -> Vec<TimeId> {
        let d = duration.max(1) as usize;
        let mut starts = Vec::new();
        for (&(grid, _), (_, list)) in &self.grid_day {
            if grid != grid_id {
                continue;
            }
            for w in list.windows(d) {
                let first = self.get(w[0]);
                if !respect_breaks || w.iter().all(|&t| self.get(t).segment == first.segment) {
                    starts.push(w[0]);
                }
            }
        }
        starts
    }

    /// Times of any grid overlapping in clock time the period (`day`, `period`) of `grid_id`.
    pub fn overlapping(&self, grid_id: Id, day: u8, period: u8) -> Vec<TimeId> {
        let Some(reference) = self.time(grid_id, day, period) else {
            return Vec::new();
        };
        let r = *self.get(reference);
        (0..self.info.len() as u32)
            .map(TimeId)
            .filter(|&t| self.get(t).overlaps(&r))
            .collect()
    }
}

/// Cuts each day at every period boundary of every grid; each piece is a tick, numbered day by
/// day in clock order, and each time covers the ticks inside it. With one grid this gives each
/// time its own tick, in time order (the solver's fast path).
fn clock_ticks(info: &[TimeInfo]) -> Vec<Vec<u32>> {
    let mut cuts: BTreeMap<u8, Vec<u16>> = BTreeMap::new();
    for ti in info {
        let c = cuts.entry(ti.day).or_default();
        c.push(ti.start.0);
        c.push(ti.end.0);
    }
    let mut first_tick: BTreeMap<u8, (u32, Vec<u16>)> = BTreeMap::new();
    let mut next = 0u32;
    for (day, mut c) in cuts {
        c.sort_unstable();
        c.dedup();
        // Only pieces covered by some period become ticks, so idle stretches cost nothing.
        let covered: Vec<u16> = c
            .windows(2)
            .filter(|w| {
                info.iter()
                    .any(|ti| ti.day == day && ti.start.0 <= w[0] && w[1] <= ti.end.0)
            })
            .map(|w| w[0])
            .collect();
        first_tick.insert(day, (next, covered.clone()));
        next += covered.len() as u32;
    }
    info.iter()
        .map(|ti| {
            let (base, starts) = &first_tick[&ti.day];
            starts
                .iter()
                .enumerate()
                .filter(|(_, s)| ti.start.0 <= **s && **s < ti.end.0)
                .map(|(i, _)| base + i as u32)
                .collect()
        })
        .collect()
}
