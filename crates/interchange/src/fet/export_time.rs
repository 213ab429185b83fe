//! The school's time grid(s) → FET's one list of days and one list of hours.
//!
//! FET has a single week for everybody. With one grid, its periods (lessons and recesses, in
//! order) are the hours, named by their clock times, and recesses become break times. With
//! several grids, the hours are their periods laid on one clock line when no two periods
//! overlap partially (then a teacher on two grids clashes in FET exactly as by the clock);
//! otherwise by position in the day, with a warning. Hours a grid does not teach at, and
//! days it does not have, are unavailable to the sections on that grid.

use domain::{Id, PeriodKind, SchoolData, Section, Slot, TimeGrid};
use std::collections::{BTreeMap, BTreeSet};

pub const DAY_NAMES: [&str; 7] = [
    "Lunes",
    "Martes",
    "Miércoles",
    "Jueves",
    "Viernes",
    "Sábado",
    "Domingo",
];

#[derive(Debug, Default)]
pub struct TimeMap {
    /// Weekday numbers (1 = Monday) in FET's order.
    pub days: Vec<u8>,
    pub hour_names: Vec<String>,
    /// (grid, lesson period number) → hour index.
    hour_of: BTreeMap<(Id, u8), usize>,
    /// (grid, recess period number) → hour, for slots rules name on a recess.
    recess_hour_of: BTreeMap<(Id, u8), usize>,
    /// Hours that no grid teaches at (FET break times, every day).
    pub break_hours: Vec<usize>,
    /// Per grid, the (day index, hour) its sections cannot use (other grids' hours and days).
    pub grid_off: BTreeMap<Id, Vec<(usize, usize)>>,
    pub section_grid: BTreeMap<Id, Id>,
    /// The grid a slot with no grid named (room availability, break slots) is read on.
    pub first_grid: Id,
    pub warnings: Vec<String>,
}

/// The grid a section's lessons run on: its own, its level's, or the only one.
pub fn section_grid(school: &SchoolData, s: &Section) -> Option<Id> {
    if let Some(id) = s.time_grid_id {
        return Some(id);
    }
    let by_level: Vec<Id> = school
        .time_grids
        .iter()
        .filter(|g| g.data.level.as_deref() == Some(s.level.as_str()))
        .map(|g| g.id)
        .collect();
    match (by_level.as_slice(), school.time_grids.as_slice()) {
        ([one], _) => Some(*one),
        ([], [only]) => Some(only.id),
        _ => None,
    }
}

impl TimeMap {
    /// Lays out the grids in use. `spanned` are clock intervals (start, end in minutes) of
    /// recesses that some placed block runs across: they are left out of the hours, since a
    /// FET activity occupies consecutive hours.
    pub fn build(school: &SchoolData, spanned: &BTreeSet<(u16, u16)>) -> TimeMap {
        let mut map = TimeMap::default();
        for s in &school.sections {
            if let Some(g) = section_grid(school, &s.data) {
                map.section_grid.insert(s.id, g);
            }
        }
        let used: BTreeSet<Id> = map.section_grid.values().copied().collect();
        let grids: Vec<(Id, &TimeGrid)> = school
            .time_grids
            .iter()
            .filter(|g| used.is_empty() || used.contains(&g.id))
            .map(|g| (g.id, &g.data))
            .collect();
        map.first_grid = grids.first().map_or(0, |g| g.0);
        let days: BTreeSet<u8> = grids.iter().flat_map(|(_, g)| g.days.clone()).collect();
        map.days = days.into_iter().filter(|d| *d >= 1).collect();
        // Each period → an hour key: its clock interval, or its position.
        let intervals: BTreeSet<(u16, u16)> = grids
            .iter()
            .flat_map(|(_, g)| g.periods.iter().map(|p| (p.start.0, p.end.0)))
            .filter(|i| !spanned.contains(i))
            .collect();
        let list: Vec<(u16, u16)> = intervals.into_iter().collect();
        let by_clock = list.windows(2).all(|w| w[1].0 >= w[0].1);
        let mut status: BTreeMap<(Id, usize), PeriodKind> = BTreeMap::new();
        if by_clock {
            map.hour_names = list
                .iter()
                .map(|(a, b)| format!("{}-{}", clock(*a), clock(*b)))
                .collect();
            for (gid, g) in &grids {
                for p in &g.periods {
                    if let Some(h) = list.iter().position(|i| *i == (p.start.0, p.end.0)) {
                        map.place(*gid, p.number, p.kind, h, &mut status);
                    }
                }
            }
        } else {
            map.warnings.push(
                "los horarios base se solapan parcialmente por hora de reloj: las horas de FET \
                 siguen la posición del período en el día, y los choques entre horarios base no \
                 se representan"
                    .into(),
            );
            let n = grids
                .iter()
                .map(|(_, g)| g.periods.len())
                .max()
                .unwrap_or(0);
            map.hour_names = (1..=n).map(|i| format!("Hora {i}")).collect();
            for (gid, g) in &grids {
                let kept = g
                    .periods
                    .iter()
                    .filter(|p| !spanned.contains(&(p.start.0, p.end.0)));
                for (h, p) in kept.enumerate() {
                    map.place(*gid, p.number, p.kind, h, &mut status);
                }
            }
        }
        let hours = map.hour_names.len();
        map.break_hours = (0..hours)
            .filter(|h| {
                !grids
                    .iter()
                    .any(|(g, _)| status.get(&(*g, *h)) == Some(&PeriodKind::Lesson))
            })
            .collect();
        for (gid, g) in &grids {
            let mut off = Vec::new();
            for (di, day) in map.days.iter().enumerate() {
                for h in 0..hours {
                    let teaches = status.get(&(*gid, h)) == Some(&PeriodKind::Lesson);
                    let global_break = map.break_hours.contains(&h);
                    if (!g.days.contains(day) || !teaches) && !global_break {
                        off.push((di, h));
                    }
                }
            }
            if !off.is_empty() {
                map.grid_off.insert(*gid, off);
            }
        }
        map
    }

    fn place(
        &mut self,
        grid: Id,
        number: u8,
        kind: PeriodKind,
        h: usize,
        status: &mut BTreeMap<(Id, usize), PeriodKind>,
    ) {
        if kind == PeriodKind::Lesson {
            self.hour_of.insert((grid, number), h);
        } else {
            self.recess_hour_of.insert((grid, number), h);
        }
        let e = status.entry((grid, h)).or_insert(kind);
        if kind == PeriodKind::Lesson {
            *e = kind;
        }
    }

    /// Weekdays by name; days of a longer cycle (FET files with more than 7) by number.
    pub fn day_name(&self, index: usize) -> String {
        let d = self.days[index] as usize;
        match DAY_NAMES.get(d.wrapping_sub(1)) {
            Some(name) => name.to_string(),
            None => format!("Día {d}"),
        }
    }

    pub fn day_index(&self, day: u8) -> Option<usize> {
        self.days.iter().position(|d| *d == day)
    }

    pub fn hour(&self, grid: Id, period: u8) -> Option<usize> {
        self.hour_of.get(&(grid, period)).copied()
    }

    /// FET's (day, hour) names of a grid's slot (a lesson period, else a recess: rules may
    /// name those too, e.g. a FET hour that is a break every day).
    pub fn slot_names(&self, grid: Id, day: u8, period: u8) -> Option<(String, String)> {
        let d = self.day_index(day)?;
        let h = self
            .hour(grid, period)
            .or_else(|| self.recess_hour_of.get(&(grid, period)).copied())?;
        Some((self.day_name(d), self.hour_names[h].clone()))
    }

    /// Names of slots, skipping those the layout has no place for (counted in `missing`).
    pub fn names_of(&self, grid: Id, slots: &[Slot], missing: &mut usize) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for s in slots {
            match self.slot_names(grid, s.day, s.period) {
                Some(n) if !out.contains(&n) => out.push(n),
                Some(_) => {}
                None => *missing += 1,
            }
        }
        out
    }

    /// Every hour of the block starting at `period` is the next hour of FET's day.
    #[cfg(test)]
    pub fn block_is_contiguous(&self, grid: Id, periods: &[u8]) -> bool {
        let hours: Vec<Option<usize>> = periods.iter().map(|p| self.hour(grid, *p)).collect();
        hours.windows(2).all(|w| match (w[0], w[1]) {
            (Some(a), Some(b)) => b == a + 1,
            _ => false,
        })
    }
}

fn clock(minutes: u16) -> String {
    domain::ClockTime(minutes).to_string()
}

/// The lesson periods a block of `duration` starting at `period` covers on a grid (in order,
/// recesses skipped, as the compile path counts them).
pub fn block_periods(grid: &TimeGrid, period: u8, duration: u8) -> Vec<u8> {
    let lessons: Vec<u8> = grid.lesson_periods().map(|p| p.number).collect();
    match lessons.iter().position(|p| *p == period) {
        Some(i) => lessons[i..]
            .iter()
            .take(duration as usize)
            .copied()
            .collect(),
        None => Vec::new(),
    }
}

/// Recesses (clock intervals) lying between the first and last period of a block.
pub fn recesses_within(grid: &TimeGrid, periods: &[u8]) -> Vec<(u16, u16)> {
    let find = |n: u8| {
        grid.periods
            .iter()
            .find(|p| p.number == n && p.kind == PeriodKind::Lesson)
    };
    let (Some(first), Some(last)) = (
        periods.first().and_then(|n| find(*n)),
        periods.last().and_then(|n| find(*n)),
    ) else {
        return Vec::new();
    };
    grid.periods
        .iter()
        .filter(|p| p.kind == PeriodKind::Break && p.start >= first.end && p.end <= last.start)
        .map(|p| (p.start.0, p.end.0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{ClockTime, Period, Record};

    fn grid(periods: &[(u8, u16, u16, bool)]) -> TimeGrid {
        TimeGrid {
            name: "G".into(),
            level: None,
            days: vec![1, 2, 3, 4, 5],
            periods: periods
                .iter()
                .map(|&(number, a, b, lesson)| Period {
                    number,
                    start: ClockTime(a),
                    end: ClockTime(b),
                    kind: if lesson {
                        PeriodKind::Lesson
                    } else {
                        PeriodKind::Break
                    },
                })
                .collect(),
        }
    }

    #[test]
    fn one_grid_gives_clock_hours_and_recess_breaks() {
        let school = SchoolData {
            time_grids: vec![Record {
                id: 4,
                data: grid(&[
                    (1, 420, 465, true),
                    (2, 465, 510, true),
                    (0, 510, 530, false),
                    (3, 530, 575, true),
                ]),
            }],
            ..SchoolData::default()
        };
        let t = TimeMap::build(&school, &BTreeSet::new());
        assert_eq!(t.hour_names[0], "07:00-07:45");
        assert_eq!(t.hour_names.len(), 4);
        assert_eq!(t.break_hours, [2]);
        assert_eq!(t.hour(4, 3), Some(3));
        assert!(t.grid_off.is_empty());
        assert!(!t.block_is_contiguous(4, &[2, 3]));
        let g = &school.time_grids[0].data;
        assert_eq!(block_periods(g, 2, 2), [2, 3]);
        assert_eq!(recesses_within(g, &[2, 3]), [(510, 530)]);
        let without = TimeMap::build(&school, &[(510, 530)].into());
        assert!(without.block_is_contiguous(4, &[2, 3]));
    }
}
