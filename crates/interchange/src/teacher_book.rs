//! Reads a teacher workbook: one sheet per teacher (name, weekly grid with non-teaching
//! blocks such as ADMINISTRATIVA and CCM, rooms named on lessons) and a staff summary sheet.

use crate::builder::{Builder, RawAvailability, RawBlock, TeacherCell, When, section_key};
use crate::clock_text::{resolve, time_tokens};
use crate::grid_layout::Grid;
use crate::labels::{duty, is_break, section_label};
use crate::sheet::Sheet;
use domain::SlotStatus;
use domain::names::canonical;

/// The teacher a sheet belongs to: the text next to "PROFESOR(A):" / "DOCENTE:" above the
/// grid. `Some(None)` when the label is there but the name is blank.
pub fn labelled_teacher(sheet: &Sheet, above_row: usize) -> Option<Option<(usize, usize)>> {
    for r in 0..above_row.min(sheet.rows.len()) {
        for c in 0..sheet.rows[r].len() {
            let text = canonical(sheet.cell(r, c));
            let is_label = [
                "PROFESOR",
                "PROFESORA",
                "PROFESOR(A)",
                "DOCENTE",
                "NOMBRE DEL DOCENTE",
            ]
            .iter()
            .any(|l| text.trim_end_matches(':').trim() == *l);
            if is_label {
                // Merged label cells repeat the label to their right; the name comes after.
                let name_col = (c + 1..sheet.rows[r].len()).find(|&cc| {
                    let t = sheet.cell(r, cc).trim();
                    !t.is_empty() && t != sheet.cell(r, c).trim()
                });
                return Some(name_col.map(|cc| (r, cc)));
            }
        }
    }
    None
}

/// Registers the sheet's teacher; returns the canonical name to attach blocks to.
fn register_teacher(b: &mut Builder, sheet: &Sheet, header_row: usize) -> Option<String> {
    match labelled_teacher(sheet, header_row) {
        Some(Some((r, c))) => {
            let name = sheet.cell(r, c).to_string();
            let key = b.teachers.add(&name, &sheet.location(r, c));
            // The sheet's name is usually the teacher's name too, spelled differently at times
            // (FLORMAR HENANDEZ on the tab, HERNANDEZ inside): both are variants to show.
            let tab = canonical(&sheet.name);
            if !tab.is_empty() && domain::names::edit_distance(&tab, &key) <= 3 {
                b.teachers.add(&sheet.name, &sheet.sheet_location());
            }
            Some(key)
        }
        Some(None) => {
            b.warn(
                sheet.sheet_location(),
                "la hoja tiene un horario pero no el nombre del docente; se ignoró",
            );
            None
        }
        None => Some(b.teachers.add(&sheet.name, &sheet.sheet_location())),
    }
}

pub fn read_teacher_sheet(b: &mut Builder, sheet: &Sheet, grids: &[Grid]) {
    let Some(teacher) = register_teacher(b, sheet, grids[0].header_row) else {
        return;
    };
    crate::load_table::read_load_table(b, sheet, &teacher, grids[0].header_row);
    let mut ignored: Vec<String> = Vec::new();
    let mut busy: Vec<String> = Vec::new();
    for grid in grids {
        for row in &grid.rows {
            let (Some(start), Some(end)) = (row.start, row.end) else {
                continue;
            };
            for (col, day) in &grid.days {
                let text = sheet.cell(row.row, *col);
                let trimmed = text.trim();
                if trimmed.is_empty() || is_break(trimmed) {
                    continue;
                }
                // A cell may state its own time ("ADMINISTRATIVA 8:20 A 10:00"), longer
                // than its row.
                let own = time_tokens(trimmed);
                let when = match (
                    own.first().and_then(|t| resolve(*t)),
                    own.get(1).and_then(|t| resolve(*t)),
                ) {
                    (Some(s), Some(e)) if s < e => When::Clock { start: s, end: e },
                    _ => When::Clock { start, end },
                };
                let location = sheet.location(row.row, *col);
                let shown = format!(
                    "«{}» en {}",
                    trimmed.replace('\n', " "),
                    crate::sheet::cell_name(row.row, *col)
                );
                if let Some(label) = duty(trimmed) {
                    b.blocks.push(RawBlock {
                        teacher: teacher.clone(),
                        day: *day,
                        when,
                        label,
                        location,
                    });
                    continue;
                }
                let lines: Vec<&str> = trimmed
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect();
                match lines.get(1).and_then(|l| section_label(l)) {
                    Some(label) if label.level == "media_general" => {
                        let room = lines[2..].iter().find_map(|l| {
                            let inner = l.strip_prefix('(')?.trim_end_matches(')').trim();
                            (!inner.is_empty()).then(|| inner.to_string())
                        });
                        let (start, end) = match when {
                            When::Clock { start, end } => (start, end),
                            When::Period(_) => (start, end),
                        };
                        b.teacher_cells.push(TeacherCell {
                            teacher: teacher.clone(),
                            subject: lines[0].to_string(),
                            section: section_key(&label),
                            room,
                            day: *day,
                            start,
                            end,
                            location,
                        });
                    }
                    _ if mentions_secondary(trimmed) => ignored.push(shown),
                    _ => {
                        // Classes of other levels (primaria's "CUARTO GRADO") and other
                        // activities keep the teacher busy at that clock time.
                        busy.push(shown);
                        b.availability.push(RawAvailability {
                            teacher: teacher.clone(),
                            day: *day,
                            when,
                            status: SlotStatus::Unavailable,
                            location,
                        });
                    }
                }
            }
        }
    }
    if !busy.is_empty() {
        let examples: Vec<String> = busy.iter().take(3).cloned().collect();
        b.warn(
            sheet.sheet_location(),
            format!(
                "{} celda(s) con clases de otros niveles u otras actividades (p. ej. {}): el docente queda no disponible a esas horas",
                busy.len(),
                examples.join(", ")
            ),
        );
    }
    if !ignored.is_empty() {
        let examples: Vec<String> = ignored.iter().take(3).cloned().collect();
        b.warn(
            sheet.sheet_location(),
            format!(
                "{} celda(s) nombran un año de media general pero no se entienden como «ASIGNATURA / sección» (p. ej. {}); se ignoraron",
                ignored.len(),
                examples.join(", ")
            ),
        );
    }
}

/// "CRP 5TO AÑO 10:00 - 11:20": a secondary lesson written in a form we do not read; it is
/// in the sections' grids already, so it must not make the teacher unavailable.
fn mentions_secondary(text: &str) -> bool {
    canonical(text)
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "AÑO" || w == "ANO")
}

/// A staff list ("CARGA HORARIA"): a header naming the teachers' column, names below.
/// Returns false when the sheet is not one.
pub fn read_roster(b: &mut Builder, sheet: &Sheet) -> bool {
    for r in 0..sheet.rows.len().min(15) {
        for c in 0..sheet.rows[r].len() {
            let h = canonical(sheet.cell(r, c));
            let names_header = [
                "NOMBRES Y APELLIDOS",
                "APELLIDOS Y NOMBRES",
                "DOCENTE",
                "PROFESOR",
                "PROFESORES",
            ]
            .contains(&h.as_str());
            if !names_header {
                continue;
            }
            let mut found = 0;
            for rr in r + 1..sheet.rows.len() {
                let name = sheet.cell(rr, c).trim();
                if name.is_empty() || canonical(name).starts_with("TOTAL") {
                    continue;
                }
                b.teachers.add(name, &sheet.location(rr, c));
                found += 1;
            }
            return found > 0;
        }
    }
    false
}
