use serde::Serialize;

/// Where something was found: file, sheet, cell (A1 notation) and the text read there.
/// Every message an import gives points at one of these, so a secretary can open the
/// workbook and fix the very cell.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Location {
    pub fn file(file: &str) -> Self {
        Location {
            file: file.to_string(),
            ..Location::default()
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, ", hoja «{sheet}»")?;
        }
        if let Some(cell) = &self.cell {
            write!(f, ", celda {cell}")?;
        }
        if let Some(text) = &self.text {
            let shown: String = text.replace('\n', " | ").chars().take(80).collect();
            write!(f, " («{shown}»)")?;
        }
        Ok(())
    }
}

/// One message of an import (an error that stops it, or a warning), in Spanish.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    #[serde(flatten)]
    pub location: Location,
    pub message: String,
}

impl Problem {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Problem {
            location,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum InterchangeError {
    /// The files could not be understood; nothing was produced (all or nothing).
    #[error("no se importó nada: {} problema(s)\n{}", .0.len(), list(.0))]
    Rejected(Vec<Problem>),
    #[error("archivo de correspondencias, línea {line}: {message}")]
    Mapping { line: usize, message: String },
    #[error("no se pudo generar el archivo: {0}")]
    Write(String),
    /// A `.fet` file that is not well-formed or lacks a required element.
    #[error("archivo FET, elemento <{element}>, línea {line}: {message}")]
    Fet {
        element: String,
        line: u32,
        message: String,
    },
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("- {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl InterchangeError {
    /// The per-row messages of a rejected import (empty for other errors).
    pub fn problems(&self) -> &[Problem] {
        match self {
            InterchangeError::Rejected(p) => p,
            _ => &[],
        }
    }
}
