//! Finds weekly grids in a sheet from their shape: a header row naming weekdays, label columns
//! to its left holding the times (or period numbers), one row per period below. Nothing
//! depends on fixed cell addresses: title rows, extra label columns and second grids on the
//! same sheet are all found by looking.

use crate::clock_text::{RawTime, resolve, time_tokens};
use crate::labels::weekday;
use crate::sheet::Sheet;
use domain::ClockTime;

#[derive(Debug, Clone)]
pub struct GridRow {
    pub row: usize,
    pub start: Option<ClockTime>,
    pub end: Option<ClockTime>,
}

#[derive(Debug, Clone)]
pub struct Grid {
    pub header_row: usize,
    /// (column, weekday 1..7) for each day column, left to right.
    pub days: Vec<(usize, u8)>,
    pub rows: Vec<GridRow>,
    /// No clock times were written: periods got nominal consecutive 45-minute times.
    pub nominal_times: bool,
}

fn header_days(sheet: &Sheet, row: usize) -> Vec<(usize, u8)> {
    let mut days: Vec<(usize, u8)> = Vec::new();
    for col in 0..sheet.rows.get(row).map_or(0, Vec::len) {
        if let Some(d) = weekday(sheet.cell(row, col))
            && !days.iter().any(|(_, seen)| *seen == d)
        {
            days.push((col, d));
        }
    }
    days
}

/// Every grid on the sheet, top to bottom.
pub fn find_grids(sheet: &Sheet) -> Vec<Grid> {
    let headers: Vec<(usize, Vec<(usize, u8)>)> = (0..sheet.rows.len())
        .map(|r| (r, header_days(sheet, r)))
        .filter(|(_, d)| d.len() >= 3)
        .collect();
    let mut grids = Vec::new();
    for (i, (header_row, days)) in headers.iter().enumerate() {
        let end = headers.get(i + 1).map_or(sheet.rows.len(), |(r, _)| *r);
        grids.push(read_rows(sheet, *header_row, end, days.clone()));
    }
    grids
}

fn label_text(sheet: &Sheet, row: usize, first_day_col: usize) -> String {
    (0..first_day_col)
        .map(|c| sheet.cell(row, c).trim())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn period_number(label: &str) -> Option<u16> {
    let digits: String = label
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok().filter(|n| (1..=20).contains(n))
}

fn read_rows(sheet: &Sheet, header_row: usize, end: usize, days: Vec<(usize, u8)>) -> Grid {
    let first_day_col = days.iter().map(|(c, _)| *c).min().unwrap_or(0);
    let day_content = |r: usize| {
        days.iter()
            .any(|(c, _)| !sheet.cell(r, *c).trim().is_empty())
    };
    let mut raw: Vec<(usize, Vec<RawTime>, String)> = Vec::new();
    for r in header_row + 1..end {
        let label = label_text(sheet, r, first_day_col);
        raw.push((r, time_tokens(&label), label));
    }
    let all: Vec<RawTime> = raw.iter().flat_map(|(_, t, _)| t.iter().copied()).collect();
    let nominal = all.is_empty();
    let mut rows = Vec::new();
    for (r, times, label) in &raw {
        if nominal {
            // Without clock times a row is a period when its label is a number ("1", "2°").
            if let Some(n) = period_number(label) {
                let start = ClockTime(7 * 60 + (n - 1) * 45);
                rows.push(GridRow {
                    row: *r,
                    start: Some(start),
                    end: Some(ClockTime(start.0 + 45)),
                });
            } else if day_content(*r) {
                rows.push(GridRow {
                    row: *r,
                    start: None,
                    end: None,
                });
            }
            continue;
        }
        if times.is_empty() {
            if day_content(*r) {
                rows.push(GridRow {
                    row: *r,
                    start: None,
                    end: None,
                });
            }
            continue;
        }
        rows.push(GridRow {
            row: *r,
            start: resolve(times[0]),
            end: times.get(1).and_then(|t| resolve(*t)),
        });
    }
    // A row that gives only its start ends where the next one starts.
    for i in 0..rows.len() {
        if rows[i].start.is_some() && rows[i].end.is_none() {
            let next = rows[i + 1..].iter().find_map(|r| r.start);
            rows[i].end = next.or_else(|| rows[i].start.map(|s| ClockTime((s.0 + 40).min(1439))));
        }
    }
    // Rows after the last timed row with no content are just trailing notes.
    while rows.last().is_some_and(|r| r.start.is_none()) {
        rows.pop();
    }
    Grid {
        header_row,
        days,
        rows,
        nominal_times: nominal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            file: "t.xlsx".into(),
            name: "s".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        }
    }

    #[test]
    fn finds_header_below_titles_and_after_label_columns() {
        let s = sheet(&[
            &["Colegio X"],
            &["Horario 1er año A"],
            &[
                "N°",
                "Hora",
                "Lunes",
                "Martes",
                "Miércoles",
                "Jueves",
                "Viernes",
            ],
            &["1", "07:00 a 07:45", "Mat - Ana"],
            &["2", "07:45 a 08:30"],
            &["", "Recreo"],
        ]);
        let grids = find_grids(&s);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!(g.header_row, 2);
        assert_eq!(g.days[0], (2, 1));
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[1].start.unwrap().to_string(), "07:45");
        assert!(!g.nominal_times);
    }

    #[test]
    fn numbered_periods_get_nominal_times() {
        let s = sheet(&[
            &["Período", "Lunes", "Martes", "Miércoles"],
            &["1", "Mat - Ana"],
            &["2", "Mat - Ana"],
        ]);
        let g = &find_grids(&s)[0];
        assert!(g.nominal_times);
        assert_eq!(g.rows[1].start.unwrap().to_string(), "07:45");
    }
}
