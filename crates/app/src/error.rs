//! The one error type of the use-case layer. The web layer maps each variant to an HTTP status;
//! the CLI maps them to exit codes. Messages are for users (es-VE); internal causes stay in
//! `Internal`/`Store` and are logged, never shown.

use domain::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No credentials, or a token that is unknown or expired.
    #[error("se requiere iniciar sesión")]
    Unauthenticated,
    /// Wrong email or password (one message for both, so emails cannot be probed).
    #[error("correo o contraseña incorrectos")]
    BadCredentials,
    #[error("{0}")]
    Forbidden(String),
    /// The user belongs to an institution that is suspended.
    #[error("la institución {0} está suspendida")]
    TenantSuspended(String),
    /// School data needs a tenant and the caller has several (or is a platform admin).
    #[error("indique la institución con la cabecera X-Tenant")]
    TenantRequired,
    #[error("{0}")]
    NotFound(String),
    #[error("datos inválidos: {0}")]
    Validation(FieldErrors),
    /// The record is referenced by others and cannot be deleted.
    #[error("{0}")]
    InUse(String),
    /// The data changed since the caller read it (another user, server or data edit):
    /// nothing was written; reload and retry.
    #[error("{0}")]
    Conflict(String),
    /// Too many attempts (logins) or too much queued work (solve jobs): retry later, after
    /// `retry_after_s` seconds when known.
    #[error("{message}")]
    TooManyRequests {
        message: String,
        retry_after_s: Option<u64>,
    },
    /// Bad configuration (database URL, bind address, base path): the user must fix it.
    #[error("{0}")]
    Config(String),
    /// The database server does not answer.
    #[error("{0}")]
    Unreachable(String),
    #[error("error interno: {0}")]
    Internal(String),
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl AppError {
    pub fn not_found(label: &str) -> Self {
        AppError::NotFound(format!("{label} no encontrado(a)"))
    }

    pub fn forbidden() -> Self {
        AppError::Forbidden("su rol no permite esta acción".into())
    }

    /// A single-field validation error.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut e = FieldErrors::default();
        e.add(field, message);
        AppError::Validation(e)
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> Self {
        AppError::Validation(e)
    }
}

impl From<store::StoreError> for AppError {
    fn from(e: store::StoreError) -> Self {
        use store::StoreError as S;
        match e {
            S::Config(m) => AppError::Config(m),
            S::Unreachable(m) => AppError::Unreachable(m),
            S::NotFound(m) => AppError::NotFound(m),
            S::Conflict { field, message } | S::InvalidReference { field, message } => {
                AppError::field(&field, message)
            }
            S::Invalid(errors) => AppError::Validation(errors),
            S::InUse(m) => AppError::InUse(m),
            S::Stale(m) => AppError::Conflict(m),
            S::LimitReached(message) => AppError::TooManyRequests {
                message,
                retry_after_s: None,
            },
            other => AppError::Internal(other.to_string()),
        }
    }
}
