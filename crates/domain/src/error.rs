use serde::Serialize;
use std::collections::BTreeMap;

/// Validation messages per field, in the users' language (es-VE). Serialises as
/// `{"field": ["message", ...]}` so the API can answer 422 with them as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(pub BTreeMap<String, Vec<String>>);

impl FieldErrors {
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.entry(field.into()).or_default().push(message.into());
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Merges another set of errors, prefixing their field names (for nested lists).
    pub fn merge_prefixed(&mut self, prefix: &str, other: FieldErrors) {
        for (field, messages) in other.0 {
            for m in messages {
                self.add(format!("{prefix}.{field}"), m);
            }
        }
    }
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut first = true;
        for (field, messages) in &self.0 {
            for m in messages {
                if !first {
                    write!(f, "; ")?;
                }
                first = false;
                write!(f, "{field}: {m}")?;
            }
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DomainError {
    #[error("datos inválidos: {0}")]
    Invalid(FieldErrors),
    #[error("valor desconocido para {field}: {value}")]
    Unknown { field: &'static str, value: String },
}

impl From<FieldErrors> for DomainError {
    fn from(e: FieldErrors) -> Self {
        DomainError::Invalid(e)
    }
}
