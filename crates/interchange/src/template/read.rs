//! Reads filled templates: finds the header row, maps columns by header name, and turns each
//! row into school data, naming the cell of every value it cannot use.

use super::TemplateKind;
use super::rows;
use crate::builder::Builder;
use crate::sheet::Sheet;
use domain::names::canonical;
use std::collections::BTreeMap;

fn header_key(text: &str) -> String {
    canonical(text).trim_end_matches('*').trim().to_string()
}

/// The kind and header row of a template sheet, if it is one. A header row must be mostly
/// made of the kind's headers, so that other tables (a teacher's load table) are not taken
/// for templates.
fn detect(
    b: &mut Builder,
    sheet: &Sheet,
) -> Option<(TemplateKind, usize, BTreeMap<&'static str, usize>)> {
    for r in 0..sheet.rows.len().min(10) {
        let cells: Vec<(usize, String)> = sheet.rows[r]
            .iter()
            .enumerate()
            .map(|(c, t)| (c, header_key(t)))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        if cells.is_empty() {
            continue;
        }
        let mut best: Option<(usize, TemplateKind, BTreeMap<&'static str, usize>)> = None;
        for kind in TemplateKind::ALL {
            let mut found = BTreeMap::new();
            for (header, _, _) in kind.columns() {
                if let Some((c, _)) = cells.iter().find(|(_, t)| *t == header_key(header)) {
                    found.insert(*header, *c);
                }
            }
            if best.as_ref().is_none_or(|(n, _, _)| found.len() > *n) {
                best = Some((found.len(), kind, found));
            }
        }
        let (matched, kind, found) = best?;
        if matched == 0 || matched * 2 <= cells.len() {
            continue;
        }
        let missing: Vec<&str> = kind
            .columns()
            .iter()
            .filter(|(h, _, required)| *required && !found.contains_key(h))
            .map(|(h, _, _)| *h)
            .collect();
        if !missing.is_empty() {
            b.error(
                sheet.location(r, 0),
                format!(
                    "la plantilla de {} no tiene la(s) columna(s) obligatoria(s): {}",
                    kind.spanish(),
                    missing.join(", ")
                ),
            );
            return None;
        }
        return Some((kind, r, found));
    }
    None
}

/// Reads the sheet if it is a filled template; returns whether it was one.
pub fn read_if_template(b: &mut Builder, sheet: &Sheet) -> bool {
    let errors_before = b.errors.len();
    let Some((kind, header_row, columns)) = detect(b, sheet) else {
        return b.errors.len() > errors_before;
    };
    for r in header_row + 1..sheet.rows.len() {
        let row = Row {
            sheet,
            r,
            columns: &columns,
        };
        if columns
            .values()
            .all(|&c| sheet.cell(r, c).trim().is_empty())
        {
            continue;
        }
        match kind {
            TemplateKind::Teachers => rows::teacher(b, &row),
            TemplateKind::Subjects => rows::subject(b, &row),
            TemplateKind::Rooms => rows::room(b, &row),
            TemplateKind::Sections => rows::section(b, &row),
            TemplateKind::Lessons => rows::lesson(b, &row),
            TemplateKind::Availability => rows::availability(b, &row),
            TemplateKind::Periods => rows::period(b, &row),
        }
    }
    true
}

pub(super) struct Row<'a> {
    sheet: &'a Sheet,
    r: usize,
    columns: &'a BTreeMap<&'static str, usize>,
}

impl Row<'_> {
    pub(super) fn text(&self, header: &str) -> String {
        self.columns
            .get(header)
            .map(|&c| self.sheet.cell(self.r, c).trim().to_string())
            .unwrap_or_default()
    }
    pub(super) fn location(&self, header: &str) -> crate::error::Location {
        self.sheet
            .location(self.r, self.columns.get(header).copied().unwrap_or(0))
    }
    pub(super) fn required(&self, b: &mut Builder, header: &str) -> Option<String> {
        let t = self.text(header);
        if t.is_empty() {
            b.error(
                self.location(header),
                format!("falta el valor de «{header}»"),
            );
            return None;
        }
        Some(t)
    }
    pub(super) fn number<T: std::str::FromStr>(
        &self,
        b: &mut Builder,
        header: &str,
    ) -> Option<Option<T>> {
        let t = self.text(header);
        if t.is_empty() {
            return Some(None);
        }
        match t.parse::<T>() {
            Ok(v) => Some(Some(v)),
            Err(_) => {
                b.error(
                    self.location(header),
                    format!("«{header}» debe ser un número entero"),
                );
                None
            }
        }
    }
}
