//! Workbooks reduced to what the importers need: sheets of text cells with their positions.

use crate::error::{Location, Problem};
use calamine::{Data, Reader};
use std::io::Cursor;

/// One sheet (or one CSV file) as rows of text; positions are absolute (row 0 is Excel row 1).
#[derive(Debug, Clone)]
pub struct Sheet {
    pub file: String,
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", |s| s.as_str())
    }
    pub fn location(&self, row: usize, col: usize) -> Location {
        let text = self.cell(row, col);
        Location {
            file: self.file.clone(),
            sheet: Some(self.name.clone()),
            cell: Some(cell_name(row, col)),
            text: (!text.trim().is_empty()).then(|| text.to_string()),
        }
    }
    pub fn sheet_location(&self) -> Location {
        Location {
            file: self.file.clone(),
            sheet: Some(self.name.clone()),
            ..Location::default()
        }
    }
}

/// "B3" for row 2, column 1 (both 0-based).
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// Reads every sheet of a workbook (xlsx, xls, ods) or a CSV file, chosen by content and name.
pub fn read_sheets(file: &str, bytes: &[u8]) -> Result<Vec<Sheet>, Problem> {
    let lower = file.to_lowercase();
    if lower.ends_with(".csv") || lower.ends_with(".txt") {
        let text = std::str::from_utf8(bytes).map_err(|_| {
            Problem::new(
                Location::file(file),
                "el archivo CSV no está en UTF-8 (guárdelo como «CSV UTF-8»)",
            )
        })?;
        let rows = crate::csv::parse(text).map_err(|line| {
            Problem::new(
                Location::file(file),
                format!("CSV mal formado cerca de la línea {line} (comillas sin cerrar)"),
            )
        })?;
        let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
        return Ok(vec![Sheet {
            file: file.to_string(),
            name: name.to_string(),
            rows,
        }]);
    }
    let corrupt = |e: &dyn std::fmt::Display| {
        Problem::new(
            Location::file(file),
            format!("no es un libro de Excel legible o está dañado ({e})"),
        )
    };
    if bytes.starts_with(b"PK") {
        check_unpacked_size(file, bytes)?;
    }
    // xlsx is read cell by cell, so that a damaged or hostile file naming a cell far away
    // (XFD1048576) cannot make us allocate the whole rectangle.
    if bytes.starts_with(b"PK")
        && let Ok(xlsx) = calamine::Xlsx::new(Cursor::new(bytes.to_vec()))
    {
        return read_xlsx(file, xlsx);
    }
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| corrupt(&e))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| sheet_problem(file, &name, &e))?;
        let mut sheet = Sheet {
            file: file.to_string(),
            name,
            rows: Vec::new(),
        };
        if let Some((r0, c0)) = range.start() {
            for (i, row) in range.rows().enumerate() {
                for (j, cell) in row.iter().enumerate() {
                    put(&mut sheet, r0 as usize + i, c0 as usize + j, text_of(cell))?;
                }
            }
        }
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// Sheets larger than any timetable are refused rather than read.
const MAX_ROWS: usize = 5_000;
const MAX_COLUMNS: usize = 200;
/// No timetable cell says more than this; a longer text is refused, not copied around.
const MAX_CELL_CHARS: usize = 4_000;
/// What a workbook may unpack to. The upload limit bounds the compressed bytes only, and a
/// small archive can declare gigabytes of shared strings (a "zip bomb") that calamine would
/// inflate into memory shared by every school on the server.
const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;
const MAX_COMPRESSION_RATIO: u64 = 200;

/// Refuses an xlsx/ods archive whose entries declare more than [`MAX_UNPACKED_BYTES`] in all,
/// or compress far beyond what real workbooks do, before anything is inflated.
fn check_unpacked_size(file: &str, bytes: &[u8]) -> Result<(), Problem> {
    let refuse = |detail: String| {
        Problem::new(
            Location::file(file),
            format!(
                "el libro es demasiado grande al descomprimirlo ({detail}); no parece un horario"
            ),
        )
    };
    // Not a readable archive: calamine reports the damage in its own words below.
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else {
            continue;
        };
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        if size > 1024 * 1024 && size / packed > MAX_COMPRESSION_RATIO {
            return Err(refuse(format!(
                "{} se expande {} veces",
                entry.name(),
                size / packed
            )));
        }
        total = total.saturating_add(size);
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(refuse(format!("{} MB", total / (1024 * 1024))));
    }
    Ok(())
}

fn sheet_problem(file: &str, sheet: &str, e: &dyn std::fmt::Display) -> Problem {
    Problem::new(
        Location {
            sheet: Some(sheet.to_string()),
            ..Location::file(file)
        },
        format!("no se pudo leer la hoja ({e})"),
    )
}

fn put(sheet: &mut Sheet, row: usize, col: usize, text: String) -> Result<(), Problem> {
    if text.is_empty() {
        return Ok(());
    }
    if text.len() > MAX_CELL_CHARS {
        return Err(Problem::new(
            sheet.location(row, col),
            format!("la celda tiene más de {MAX_CELL_CHARS} caracteres; no parece un horario"),
        ));
    }
    if row >= MAX_ROWS || col >= MAX_COLUMNS {
        return Err(Problem::new(
            sheet.location(row.min(MAX_ROWS), col.min(MAX_COLUMNS)),
            format!(
                "la hoja tiene datos fuera de las primeras {MAX_ROWS} filas y {MAX_COLUMNS} columnas; no parece un horario"
            ),
        ));
    }
    while sheet.rows.len() <= row {
        sheet.rows.push(Vec::new());
    }
    let cells = &mut sheet.rows[row];
    while cells.len() <= col {
        cells.push(String::new());
    }
    cells[col] = text;
    Ok(())
}

fn read_xlsx(file: &str, mut xlsx: calamine::Xlsx<Cursor<Vec<u8>>>) -> Result<Vec<Sheet>, Problem> {
    let mut sheets = Vec::new();
    for name in xlsx.sheet_names() {
        let mut sheet = Sheet {
            file: file.to_string(),
            name: name.clone(),
            rows: Vec::new(),
        };
        let mut cells = xlsx
            .worksheet_cells_reader(&name)
            .map_err(|e| sheet_problem(file, &name, &e))?;
        while let Some(cell) = cells
            .next_cell()
            .map_err(|e| sheet_problem(file, &name, &e))?
        {
            let (r, c) = cell.get_position();
            let text = text_of(&Data::from(cell.get_value().clone()));
            put(&mut sheet, r as usize, c as usize, text)?;
        }
        drop(cells);
        sheets.push(sheet);
    }
    fill_merged_regions(&mut xlsx, &mut sheets);
    Ok(sheets)
}

/// A merged region shows its text in every cell it covers: a double period drawn as one tall
/// merged cell is two periods of the same lesson, a recess drawn across the week is a recess
/// on every day.
fn fill_merged_regions(xlsx: &mut calamine::Xlsx<Cursor<Vec<u8>>>, sheets: &mut [Sheet]) {
    for sheet in sheets.iter_mut() {
        let Some(Ok(regions)) = xlsx.worksheet_merge_cells(&sheet.name) else {
            continue;
        };
        for region in regions {
            let (r0, c0) = (region.start.0 as usize, region.start.1 as usize);
            let (r1, c1) = (region.end.0 as usize, region.end.1 as usize);
            // Guard against absurd regions in damaged files.
            if r1 < r0 || c1 < c0 || (r1 - r0 + 1) * (c1 - c0 + 1) > 10_000 {
                continue;
            }
            let text = sheet.cell(r0, c0).to_string();
            if text.trim().is_empty() {
                continue;
            }
            for r in r0..=r1 {
                while sheet.rows.len() <= r {
                    sheet.rows.push(Vec::new());
                }
                let row = &mut sheet.rows[r];
                while row.len() <= c1 {
                    row.push(String::new());
                }
                for cell in row.iter_mut().take(c1 + 1).skip(c0) {
                    if cell.trim().is_empty() {
                        *cell = text.clone();
                    }
                }
            }
        }
    }
}

fn text_of(data: &Data) -> String {
    match data {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "SI" } else { "NO" }.to_string(),
        Data::Float(f) => number_text(*f),
        Data::DateTime(dt) => {
            let v = dt.as_f64();
            if (0.0..1.0).contains(&v) {
                day_fraction_text(v)
            } else {
                number_text(v)
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    }
}

fn number_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e12 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// Excel stores a time of day as a fraction of 24 hours.
fn day_fraction_text(v: f64) -> String {
    let minutes = (v * 24.0 * 60.0).round() as u32;
    format!("{}:{:02}", (minutes / 60) % 24, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(2, 1), "B3");
        assert_eq!(cell_name(9, 26), "AA10");
    }

    #[test]
    fn times_and_numbers() {
        assert_eq!(day_fraction_text(0.5), "12:00");
        assert_eq!(day_fraction_text(7.0 / 24.0), "7:00");
        assert_eq!(number_text(4.0), "4");
        assert_eq!(number_text(2.5), "2.5");
    }
}
