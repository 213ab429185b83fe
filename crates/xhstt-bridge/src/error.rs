//! Errors of the bridge.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum BridgeError {
    #[error("{}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: xhstt::XhsttError,
    },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: el archivo no contiene ninguna instancia", path.display())]
    NoInstance { path: PathBuf },
    #[error(transparent)]
    Model(#[from] solver::SolverError),
}

impl BridgeError {
    /// True when the input was at fault (bad XML, unreadable file), not the program.
    pub fn is_input_error(&self) -> bool {
        !matches!(self, BridgeError::Model(_))
    }
}
