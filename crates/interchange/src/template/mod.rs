//! Flat templates for a school without a grid workbook: one table per kind of data, Spanish
//! headers, one example row. Filled templates are read back by header, in any column order,
//! and several files together make one school (references are by name).

mod read;
mod rows;

pub use read::read_if_template;

use crate::error::InterchangeError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    Teachers,
    Subjects,
    Rooms,
    Sections,
    Lessons,
    Availability,
    Periods,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateFormat {
    Xlsx,
    Csv,
}

impl TemplateFormat {
    /// From a file name's extension: ".csv" is CSV, anything else a workbook.
    pub fn from_file_name(name: &str) -> TemplateFormat {
        if name.to_lowercase().ends_with(".csv") {
            TemplateFormat::Csv
        } else {
            TemplateFormat::Xlsx
        }
    }
}

/// (header, example value, required)
pub(crate) type Column = (&'static str, &'static str, bool);

impl TemplateKind {
    pub const ALL: [TemplateKind; 7] = [
        TemplateKind::Teachers,
        TemplateKind::Subjects,
        TemplateKind::Rooms,
        TemplateKind::Sections,
        TemplateKind::Lessons,
        TemplateKind::Availability,
        TemplateKind::Periods,
    ];

    /// Accepts the English and the Spanish name: "teachers" or "docentes".
    pub fn parse(name: &str) -> Option<TemplateKind> {
        let n = domain::names::canonical(name).to_lowercase();
        TemplateKind::ALL
            .into_iter()
            .find(|k| n == k.english() || n == k.spanish())
    }
    pub fn english(self) -> &'static str {
        match self {
            TemplateKind::Teachers => "teachers",
            TemplateKind::Subjects => "subjects",
            TemplateKind::Rooms => "rooms",
            TemplateKind::Sections => "sections",
            TemplateKind::Lessons => "lessons",
            TemplateKind::Availability => "availability",
            TemplateKind::Periods => "periods",
        }
    }
    /// Spanish name, also the suggested file and sheet name.
    pub fn spanish(self) -> &'static str {
        match self {
            TemplateKind::Teachers => "docentes",
            TemplateKind::Subjects => "asignaturas",
            TemplateKind::Rooms => "aulas",
            TemplateKind::Sections => "secciones",
            TemplateKind::Lessons => "clases",
            TemplateKind::Availability => "disponibilidad",
            TemplateKind::Periods => "periodos",
        }
    }
    pub(crate) fn columns(self) -> &'static [Column] {
        match self {
            TemplateKind::Teachers => &[
                ("Nombre", "Ana Pérez", true),
                ("Cédula", "V-12345678", false),
                ("Correo", "ana.perez@colegio.edu.ve", false),
                ("Asignaturas", "Matemática; Física", false),
                ("Máx. períodos por día", "6", false),
                ("Máx. períodos por semana", "24", false),
            ],
            TemplateKind::Subjects => &[
                ("Asignatura", "Matemática", true),
                ("Abreviatura", "MAT", false),
                ("Color", "#3366CC", false),
            ],
            TemplateKind::Rooms => &[
                ("Aula", "Laboratorio de Química", true),
                ("Tipo", "laboratorio", false),
                ("Capacidad", "30", false),
            ],
            TemplateKind::Sections => &[
                ("Nivel", "media_general", true),
                ("Grado", "1", true),
                ("Sección", "A", true),
                ("Estudiantes", "32", false),
                ("Aula base", "Aula 1", false),
                ("Grupos", "Varones; Hembras", false),
            ],
            TemplateKind::Lessons => &[
                ("Secciones", "1er año A", true),
                ("Grupo", "", false),
                ("Asignatura", "Matemática", true),
                ("Docentes", "Ana Pérez", false),
                ("Períodos por semana", "4", true),
                ("Bloques", "2+2", false),
                ("Tipo de aula", "aula", false),
                ("Aula", "", false),
            ],
            TemplateKind::Availability => &[
                ("Docente", "Ana Pérez", true),
                ("Día", "lunes", true),
                ("Período", "1", true),
                ("Estado", "no disponible", true),
                ("Actividad", "ADMINISTRATIVA", false),
            ],
            TemplateKind::Periods => &[
                ("Período", "1", true),
                ("Inicio", "07:00", true),
                ("Fin", "07:40", true),
                ("Tipo", "clase", false),
            ],
        }
    }
}

/// A template: the headers and one example row, as xlsx or CSV bytes.
pub fn template(kind: TemplateKind, format: TemplateFormat) -> Result<Vec<u8>, InterchangeError> {
    let rows: Vec<Vec<String>> = vec![
        kind.columns().iter().map(|c| c.0.to_string()).collect(),
        kind.columns().iter().map(|c| c.1.to_string()).collect(),
    ];
    match format {
        TemplateFormat::Csv => Ok(crate::csv::write(&rows)),
        TemplateFormat::Xlsx => write_xlsx(kind, &rows),
    }
}

fn write_xlsx(kind: TemplateKind, rows: &[Vec<String>]) -> Result<Vec<u8>, InterchangeError> {
    let fail = |e: rust_xlsxwriter::XlsxError| InterchangeError::Write(e.to_string());
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name(kind.spanish()).map_err(fail)?;
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if r == 0 {
                sheet
                    .write_string_with_format(0, c as u16, value, &bold)
                    .map_err(fail)?;
                sheet.set_column_width(c as u16, 24).map_err(fail)?;
            } else if !value.is_empty() {
                sheet
                    .write_string(r as u32, c as u16, value)
                    .map_err(fail)?;
            }
        }
    }
    book.save_to_buffer().map_err(fail)
}
