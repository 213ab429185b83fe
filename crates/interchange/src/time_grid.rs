//! The school's time grid: every period seen in any grid or template, merged by clock time,
//! lesson periods numbered 1..N and recesses kept as breaks.

use crate::builder::Builder;
use crate::error::Location;
use domain::{ClockTime, Level, Period, PeriodKind};

/// The numbered time grid, with lookups by clock time.
pub struct GridIndex {
    pub periods: Vec<Period>,
}

impl GridIndex {
    /// Position in `periods` and lesson number of the period with exactly these times.
    pub fn exact(&self, start: ClockTime, end: ClockTime) -> Option<(usize, &Period)> {
        self.periods
            .iter()
            .enumerate()
            .find(|(_, p)| p.start == start && p.end == end)
    }
    pub fn position(&self, number: u8) -> Option<usize> {
        self.periods
            .iter()
            .position(|p| p.kind == PeriodKind::Lesson && p.number == number)
    }
    pub fn lesson_numbers_overlapping(&self, start: ClockTime, end: ClockTime) -> Vec<u8> {
        self.periods
            .iter()
            .filter(|p| p.kind == PeriodKind::Lesson && p.start < end && start < p.end)
            .map(|p| p.number)
            .collect()
    }
}

pub fn build_grid(b: &mut Builder) -> GridIndex {
    let mut raw = b.periods.clone();
    raw.sort_by_key(|p| (p.start, p.end));
    let mut merged: Vec<(ClockTime, ClockTime, bool, Location)> = Vec::new();
    for p in raw {
        match merged.last_mut() {
            Some(last) if last.0 == p.start && last.1 == p.end => last.2 |= p.is_break,
            Some(last) if last.1 > p.start => {
                let message = format!(
                    "el período {}–{} se solapa con {}–{} de otra hoja: las hojas no comparten un mismo horario base",
                    p.start, p.end, last.0, last.1
                );
                b.error(p.location.clone(), message);
            }
            _ => merged.push((p.start, p.end, p.is_break, p.location)),
        }
    }
    let mut number = 0u8;
    let periods = merged
        .into_iter()
        .map(|(start, end, is_break, _)| {
            let kind = if is_break {
                PeriodKind::Break
            } else {
                number += 1;
                PeriodKind::Lesson
            };
            Period {
                // Recesses carry number 0: lesson periods are numbered 1..N as schools say
                // "P1–P8", and placements refer to those numbers.
                number: if is_break { 0 } else { number },
                start,
                end,
                kind,
            }
        })
        .collect();
    GridIndex { periods }
}

pub fn level_record(code: &str) -> Level {
    Level::venezuelan_defaults()
        .into_iter()
        .find(|l| l.code == code)
        .unwrap_or_else(|| Level {
            code: code.to_string(),
            name: code.to_string(),
            grades: 0,
        })
}
