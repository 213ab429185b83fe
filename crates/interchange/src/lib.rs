//! School data in and out: the school's own timetable workbooks (one sheet per section, one
//! sheet per teacher), flat templates (xlsx or CSV) for schools without a grid workbook, and
//! the dry-run report of an import (counts, name merges, warnings, clashes).
//!
//! Pure library: it takes bytes and file names and never touches the filesystem, so the CLI
//! (`bischeduler import`) and the API (`POST /api/v1/imports`) share it as is.

mod assemble;
mod builder;
mod cell_text;
mod clashes;
mod clock_text;
mod cross_check;
mod csv;
mod error;
pub mod fet;
mod grid_layout;
mod labels;
mod lesson_build;
mod load_table;
mod name_merge;
mod report;
mod section_grid;
mod sheet;
mod sheet_kind;
mod teacher_book;
mod template;
mod time_grid;

pub use clashes::{Clash, ClashKind, timetable_clashes};
pub use error::{InterchangeError, Location, Problem};
pub use name_merge::{Merge, NameKind, NameMapping, Variant, parse_mappings};
pub use report::{ImportReport, Imported};
pub use template::{TemplateFormat, TemplateKind, template};

use std::collections::BTreeSet;

/// One uploaded file: its name (the extension tells CSV from a workbook) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct InputFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// The user's decisions about name merges.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Canonical names (see `domain::names::canonical`) that must not be merged automatically.
    pub refused_merges: BTreeSet<String>,
    /// "variant => canonical" decisions, e.g. read with [`parse_mappings`].
    pub mappings: Vec<NameMapping>,
}

impl ImportOptions {
    /// Keeps `name` apart from every near-identical spelling.
    pub fn refuse(&mut self, name: &str) {
        self.refused_merges.insert(domain::names::canonical(name));
    }
}

/// Reads every file into one school. All or nothing: any error (a damaged file, a missing
/// column, an unknown teacher, a cell that cannot be understood) rejects the whole import with
/// one message per place, and no `SchoolData` is produced.
pub fn import(
    files: &[InputFile<'_>],
    options: &ImportOptions,
) -> Result<Imported, InterchangeError> {
    let mut b = builder::Builder::default();
    for file in files {
        match sheet::read_sheets(file.name, file.bytes) {
            Ok(sheets) => {
                for s in &sheets {
                    sheet_kind::read_sheet(&mut b, s);
                }
            }
            Err(problem) => b.errors.push(problem),
        }
    }
    if b.errors.is_empty()
        && b.sections.is_empty()
        && b.teachers.is_empty()
        && b.subjects.is_empty()
        && b.rooms.is_empty()
    {
        let names: Vec<&str> = files.iter().map(|f| f.name).collect();
        b.error(
            Location::file(&names.join(", ")),
            "no se encontró nada que importar (ni horarios de secciones o docentes, ni plantillas)",
        );
    }
    if !b.errors.is_empty() {
        return Err(InterchangeError::Rejected(b.errors));
    }
    let assembled = assemble::assemble(&mut b, options);
    if !b.errors.is_empty() {
        return Err(InterchangeError::Rejected(b.errors));
    }
    if let Err(fields) = assembled.school.validate() {
        let problems = fields
            .0
            .into_iter()
            .flat_map(|(field, messages)| {
                messages.into_iter().map(move |m| {
                    Problem::new(
                        Location::file("(datos importados)"),
                        format!("{field}: {m}"),
                    )
                })
            })
            .collect();
        return Err(InterchangeError::Rejected(problems));
    }
    Ok(report::make(assembled, b.warnings))
}
