//! The solver's error type: only model construction can fail; a stopped or infeasible search is
//! an outcome, not an error.

/// Why a model could not be built.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SolverError {
    #[error("modelo inválido: {what} {index} no existe (en {context})")]
    UnknownIndex {
        what: &'static str,
        index: u32,
        context: String,
    },
    #[error("modelo inválido: el evento «{event}» {reason}")]
    BadEvent { event: String, reason: String },
    #[error("modelo inválido: la restricción «{constraint}» {reason}")]
    BadConstraint { constraint: String, reason: String },
    #[error("modelo inválido: no hay tiempos")]
    NoTimes,
    /// A [`crate::Session`] change that does not fit the model.
    #[error("cambio inválido: {0}")]
    BadChange(String),
}
