//! Reads a section's weekly grid: its periods (with recesses) and the lesson in each cell.

use crate::builder::{Builder, GridLesson, RawPeriod, SectionKey};
use crate::cell_text::{CellContent, parse_section_cell};
use crate::grid_layout::Grid;
use crate::labels::is_break;
use crate::sheet::Sheet;

pub fn read_section_grid(b: &mut Builder, sheet: &Sheet, grid: &Grid, section: &SectionKey) {
    let first_day_col = grid.days.iter().map(|(c, _)| *c).min().unwrap_or(0);
    if grid.nominal_times {
        b.warn(
            sheet.location(grid.header_row, 0),
            "el horario no indica horas: los períodos recibieron horas nominales de 45 minutos desde las 7:00",
        );
    }
    for (_, day) in &grid.days {
        b.days.insert(*day);
    }
    for row in &grid.rows {
        let contents: Vec<(usize, u8, CellContent)> = grid
            .days
            .iter()
            .map(|(col, day)| (*col, *day, parse_section_cell(sheet.cell(row.row, *col))))
            .collect();
        let label_says_break = (0..first_day_col).any(|c| is_break(sheet.cell(row.row, c)));
        let has_lessons = contents
            .iter()
            .any(|(_, _, c)| matches!(c, CellContent::Lessons { .. } | CellContent::Unreadable(_)));
        let any_break = contents.iter().any(|(_, _, c)| *c == CellContent::Break);
        let (Some(start), Some(end)) = (row.start, row.end) else {
            b.error(
                sheet.location(row.row, 0),
                "no se pudo leer la hora de esta fila (escriba p. ej. «7:00 - 7:40»)",
            );
            continue;
        };
        if end <= start {
            b.error(
                sheet.location(row.row, 0),
                format!("la hora de fin ({end}) no es posterior a la de inicio ({start})"),
            );
            continue;
        }
        let is_break_row = (label_says_break || any_break) && !has_lessons;
        b.periods.push(RawPeriod {
            start,
            end,
            is_break: is_break_row,
            location: sheet.location(row.row, 0),
        });
        if is_break_row {
            continue;
        }
        for (col, day, content) in contents {
            let location = sheet.location(row.row, col);
            match content {
                CellContent::Empty | CellContent::Break => {}
                CellContent::Duty(label) => b.warn(
                    location,
                    format!(
                        "actividad no docente «{label}» en el horario de una sección; se ignoró"
                    ),
                ),
                CellContent::Unreadable(reason) => b.error(location, reason),
                CellContent::Lessons { lessons, note } => {
                    if let Some(note) = note {
                        b.warn(
                            location.clone(),
                            format!("se ignoró el texto adicional «{note}» de la celda"),
                        );
                    }
                    for l in lessons {
                        b.subjects.add(&l.subject, &location);
                        b.teachers.add(&l.teacher, &location);
                        if let Some(g) = &l.group {
                            b.sections
                                .entry(section.clone())
                                .or_default()
                                .groups
                                .insert(g.clone());
                        }
                        if let Some(room) = &l.room {
                            let kind = crate::builder::room_kind_from_name(room);
                            b.add_room(room, Some(kind), 0);
                        }
                        b.grid_lessons.push(GridLesson {
                            section: section.clone(),
                            day,
                            start,
                            end,
                            group: l.group,
                            subject: l.subject,
                            teacher: l.teacher,
                            room: l.room,
                            location: location.clone(),
                        });
                    }
                }
            }
        }
    }
}
