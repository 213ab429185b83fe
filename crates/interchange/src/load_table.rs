//! A teacher sheet's load table (ASIGNATURA | AÑO | HRS. SEMANAL): the hours the school
//! assigned to the teacher per year. It is not imported as data (the grids are); it is
//! compared with the grids so the user learns where the two disagree.

use crate::builder::{Builder, SectionKey};
use crate::labels::{duty, section_label};
use crate::sheet::Sheet;
use domain::names::canonical;

/// Which sections a load-table row is about: "1" (every section of 1er año), "3A", "1er año".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadTarget {
    Grade(u8),
    Section(SectionKey),
}

#[derive(Debug, Clone)]
pub struct LoadRow {
    pub teacher: String,
    pub target: LoadTarget,
    pub hours: u16,
    pub sheet: crate::error::Location,
}

fn target(text: &str) -> Option<LoadTarget> {
    let t = canonical(text).replace(' ', "");
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &t[digits.len()..];
    let grade: u8 = digits.parse().ok().filter(|g| (1..=6).contains(g))?;
    if rest.is_empty() {
        return Some(LoadTarget::Grade(grade));
    }
    if rest.len() == 1 && rest.chars().all(|c| c.is_ascii_uppercase()) {
        return Some(LoadTarget::Section((
            "media_general".into(),
            grade,
            rest.into(),
        )));
    }
    // "1er año" names a year of media general; "4°" or "2do grado" are primaria's.
    section_label(text)
        .filter(|l| l.level == "media_general")
        .map(|l| match l.letter {
            Some(letter) => LoadTarget::Section((l.level, l.grade, letter)),
            None => LoadTarget::Grade(l.grade),
        })
}

/// Reads the load table above `above_row`, if the sheet has one.
pub fn read_load_table(b: &mut Builder, sheet: &Sheet, teacher: &str, above_row: usize) {
    for r in 0..above_row.min(sheet.rows.len()) {
        let find = |names: &[&str]| {
            (0..sheet.rows[r].len()).find(|&c| {
                let h = canonical(sheet.cell(r, c));
                names.iter().any(|n| h == *n)
            })
        };
        let (Some(subject_col), Some(year_col), Some(hours_col)) = (
            find(&["ASIGNATURA"]),
            find(&["AÑO", "ANO", "GRADO", "AÑO/GRADO"]),
            find(&["HRS. SEMANAL", "HORAS SEMANALES", "HRS SEMANAL", "HORAS"]),
        ) else {
            continue;
        };
        // A table by GRADO, or one listing INICIAL or a sixth year, is primaria's load.
        let years: Vec<String> = (r + 1..above_row.min(sheet.rows.len()))
            .map(|rr| canonical(sheet.cell(rr, year_col)))
            .collect();
        if canonical(sheet.cell(r, year_col)) == "GRADO"
            || years
                .iter()
                .any(|y| y == "INICIAL" || y == "6" || y.contains("GRADO"))
        {
            return;
        }
        for rr in r + 1..above_row.min(sheet.rows.len()) {
            let subject = sheet.cell(rr, subject_col).trim();
            if canonical(subject).starts_with("TOTAL") {
                break;
            }
            let hours: Option<u16> = sheet.cell(rr, hours_col).trim().parse().ok();
            let (Some(hours), Some(target)) = (hours, target(sheet.cell(rr, year_col))) else {
                continue;
            };
            if subject.is_empty() || duty(subject).is_some() {
                continue;
            }
            b.load_rows.push(LoadRow {
                teacher: teacher.to_string(),
                target,
                hours,
                sheet: sheet.sheet_location(),
            });
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(target("1"), Some(LoadTarget::Grade(1)));
        assert_eq!(
            target("3B"),
            Some(LoadTarget::Section(("media_general".into(), 3, "B".into())))
        );
        assert_eq!(target("1er año"), Some(LoadTarget::Grade(1)));
        assert_eq!(target("4°"), None);
        assert_eq!(target("Primer grado hasta sexto"), None);
        assert_eq!(target("INICIAL"), None);
    }
}
