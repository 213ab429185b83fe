//! The demo school's year and week: 2025-2026 with three lapsos, and the Media General grid of
//! ten 40-minute periods from 7:00 with recesses at 9:40 and 12:40.

use domain::{ClockTime, Lapso, Period, PeriodKind, SchoolYear, TimeGrid};

/// Lesson periods per day of the demo grid, and how many of them are in the morning.
pub(super) const PERIODS_PER_DAY: u8 = 10;
pub(super) const DAYS: [u8; 5] = [1, 2, 3, 4, 5];

pub(super) fn school_year() -> SchoolYear {
    let lapso = |number, starts_on: &str, ends_on: &str| Lapso {
        number,
        starts_on: starts_on.into(),
        ends_on: ends_on.into(),
    };
    SchoolYear {
        name: "2025-2026".into(),
        starts_on: Some("2025-09-15".into()),
        ends_on: Some("2026-07-17".into()),
        lapsos: vec![
            lapso(1, "2025-09-15", "2025-12-19"),
            lapso(2, "2026-01-07", "2026-03-27"),
            lapso(3, "2026-04-06", "2026-07-17"),
        ],
        active: true,
    }
}

/// Periods 1–4, recess, 5–8, recess, 9–10. Recesses are numbered 0: they hold no lessons,
/// and lesson numbers stay 1..=10 as schools name them.
pub(super) fn media_general_grid() -> TimeGrid {
    let at = |minutes: u16| ClockTime(minutes);
    let mut periods = Vec::new();
    let mut start = 7 * 60;
    for number in 1..=PERIODS_PER_DAY {
        periods.push(Period {
            number,
            start: at(start),
            end: at(start + 40),
            kind: PeriodKind::Lesson,
        });
        start += 40;
        if number == 4 || number == 8 {
            periods.push(Period {
                number: 0,
                start: at(start),
                end: at(start + 20),
                kind: PeriodKind::Break,
            });
            start += 20;
        }
    }
    TimeGrid {
        name: "Media General".into(),
        level: Some("media_general".into()),
        days: DAYS.to_vec(),
        periods,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Resource;

    #[test]
    fn the_grid_has_the_schools_clock_times() {
        let grid = media_general_grid();
        assert_eq!(grid.validate(), Ok(()));
        assert_eq!(grid.lesson_periods().count(), 10);
        let breaks: Vec<String> = grid
            .periods
            .iter()
            .filter(|p| p.kind == PeriodKind::Break)
            .map(|p| format!("{}-{}", p.start, p.end))
            .collect();
        assert_eq!(breaks, ["09:40-10:00", "12:40-13:00"]);
        let last = grid.periods.last().unwrap();
        assert_eq!(last.end.to_string(), "14:20");
        assert_eq!(school_year().validate(), Ok(()));
    }
}
