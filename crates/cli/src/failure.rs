//! Exit codes: 0 ok, 1 runtime failure, 2 bad usage, configuration or input. Every failure
//! says what was wrong and what to do.

use app::AppError;
use std::process::ExitCode;

#[derive(Debug)]
pub enum Failure {
    /// The user must change the command, its options or the configuration (exit 2).
    Usage(String),
    /// Something broke while running (exit 1).
    Runtime(anyhow::Error),
}

pub type Outcome<T = ()> = Result<T, Failure>;

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Failure::Usage(message.into())
    }

    pub fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Usage(_) => ExitCode::from(2),
            Failure::Runtime(_) => ExitCode::from(1),
        }
    }

    pub fn report(&self) {
        match self {
            Failure::Usage(m) => eprintln!("error: {m}"),
            Failure::Runtime(e) => eprintln!("error: {e:#}"),
        }
    }
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        match e {
            // The store's messages already say which setting to fix and how.
            AppError::Config(m) | AppError::Unreachable(m) => Failure::Usage(m),
            AppError::Validation(fields) => Failure::Usage(format!("datos inválidos: {fields}")),
            AppError::NotFound(m) => Failure::Usage(m),
            other => Failure::Runtime(anyhow::Error::new(other)),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Runtime(e)
    }
}
