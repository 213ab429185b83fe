use domain::FieldErrors;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Everything the store can answer instead of a result. Messages are for the people who run or
/// use the platform (es-VE) and say what to do next.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL or another setting is wrong (exit code 2 in the CLI).
    #[error("configuración inválida: {0}")]
    Config(String),
    /// The database server does not answer.
    #[error("no se pudo conectar con la base de datos: {0}")]
    Unreachable(String),
    #[error("no encontrado: {0}")]
    NotFound(String),
    /// A unique value (slug, email, natural key of a record) is already taken.
    #[error("{field}: {message}")]
    Conflict { field: String, message: String },
    /// A record points at a record that does not exist (or is of another kind).
    #[error("{field}: {message}")]
    InvalidReference { field: String, message: String },
    /// Deleting the record would leave other records pointing at nothing.
    #[error("{0}")]
    InUse(String),
    /// The record fails its own validation (`Resource::validate`), field by field.
    #[error("datos inválidos: {0}")]
    Invalid(FieldErrors),
    /// Someone changed the data since the caller read it (optimistic concurrency): nothing
    /// was written; read again and retry.
    #[error("{0}")]
    Stale(String),
    /// A per-tenant limit (such as queued solve jobs) is reached: nothing was written.
    #[error("{0}")]
    LimitReached(String),
    #[error("error de migración: {0}")]
    Migration(String),
    /// A stored document no longer matches its type: the database was edited by hand or by a
    /// newer version.
    #[error("registro dañado en {0}; restaure una copia de seguridad o corrija el registro")]
    Corrupt(String),
    #[error("error de base de datos: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// Prefixes the field of a field-level error, e.g. `subject_id` -> `lessons[3].subject_id`,
    /// so errors found while importing a bundle name the record they come from.
    pub fn within(self, prefix: &str) -> StoreError {
        match self {
            StoreError::Conflict { field, message } => StoreError::Conflict {
                field: format!("{prefix}.{field}"),
                message,
            },
            StoreError::InvalidReference { field, message } => StoreError::InvalidReference {
                field: format!("{prefix}.{field}"),
                message,
            },
            StoreError::Invalid(errors) => {
                let mut prefixed = FieldErrors::default();
                prefixed.merge_prefixed(prefix, errors);
                StoreError::Invalid(prefixed)
            }
            StoreError::InUse(message) => StoreError::InUse(format!("{prefix}: {message}")),
            other => other,
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        StoreError::Migration(format!(
            "{e}; revise que la base de datos no haya sido modificada a mano y vuelva a ejecutar `bischeduler migrate`"
        ))
    }
}

impl From<FieldErrors> for StoreError {
    fn from(e: FieldErrors) -> Self {
        StoreError::Invalid(e)
    }
}
