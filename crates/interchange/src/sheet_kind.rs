//! Decides what a sheet is — a section's grid, a teacher's grid, a staff list or a flat
//! template — from its content, and hands it to the matching reader.

use crate::builder::{Builder, section_key};
use crate::grid_layout::find_grids;
use crate::labels::section_label;
use crate::section_grid::read_section_grid;
use crate::sheet::Sheet;
use crate::teacher_book::{labelled_teacher, read_roster, read_teacher_sheet};

/// The section a grid sheet belongs to: its tab name, else a title above the header.
fn sheet_section(sheet: &Sheet, header_row: usize) -> Option<crate::labels::SectionLabel> {
    section_label(&sheet.name).or_else(|| {
        (0..header_row).find_map(|r| {
            sheet.rows[r]
                .iter()
                .find_map(|c| section_label(c).filter(|_| c.lines().count() == 1))
        })
    })
}

/// Most cells read "SUBJECT\nSECTION": the grid is a teacher's.
fn cells_name_sections(sheet: &Sheet, grid: &crate::grid_layout::Grid) -> bool {
    let mut lessons = 0;
    let mut with_section = 0;
    for row in &grid.rows {
        for (col, _) in &grid.days {
            let lines: Vec<&str> = sheet
                .cell(row.row, *col)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            if lines.len() >= 2 {
                lessons += 1;
                if section_label(lines[1]).is_some() {
                    with_section += 1;
                }
            }
        }
    }
    lessons > 0 && with_section * 2 > lessons
}

pub fn read_sheet(b: &mut Builder, sheet: &Sheet) {
    let grids: Vec<_> = find_grids(sheet)
        .into_iter()
        .filter(|g| !g.rows.is_empty())
        .collect();
    if let Some(first) = grids.first() {
        if labelled_teacher(sheet, first.header_row).is_some() {
            read_teacher_sheet(b, sheet, &grids);
            return;
        }
        if let Some(label) = sheet_section(sheet, first.header_row) {
            let key = section_key(&label);
            if let Some(previous) = b.sections.get(&key) {
                let message = format!(
                    "la sección {}° {} ya aparece en {}",
                    key.1, key.2, previous.location
                );
                b.error(sheet.sheet_location(), message);
                return;
            }
            b.sections.insert(
                key.clone(),
                crate::builder::SectionInfo {
                    location: sheet.sheet_location(),
                    ..Default::default()
                },
            );
            if b.timetable_source.is_none() {
                b.timetable_source = Some(sheet.file.clone());
            }
            for grid in &grids {
                read_section_grid(b, sheet, grid, &key);
            }
            return;
        }
        if cells_name_sections(sheet, first) {
            read_teacher_sheet(b, sheet, &grids);
            return;
        }
        b.error(
            sheet.sheet_location(),
            "no se reconoce a qué sección o docente corresponde este horario (nombre la hoja, p. ej. «1er año A», o escriba «PROFESOR(A): nombre» sobre el horario)",
        );
        return;
    }
    if crate::template::read_if_template(b, sheet) || read_roster(b, sheet) {
        return;
    }
    if sheet.rows.iter().flatten().any(|c| !c.trim().is_empty()) {
        b.warn(
            sheet.sheet_location(),
            "la hoja no tiene un horario semanal, una lista de docentes ni una plantilla reconocible; se ignoró",
        );
    }
}
