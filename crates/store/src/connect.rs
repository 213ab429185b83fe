//! Opening the platform database for either backend, chosen by the URL's scheme.

use crate::error::{Result, StoreError};
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Connection pool counters, for `/api/health/detailed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PoolStats {
    pub size: u32,
    pub idle: u32,
    pub max: u32,
}

/// The platform pool, typed per backend (see docs/adr/0002-store-backends.md).
/// What tells one tenant from an earlier one with the same slug.
pub(crate) type TenantIdentity = (i64, chrono::DateTime<chrono::Utc>);

#[derive(Clone)]
pub(crate) enum Pools {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same code on whichever pool the store holds: `on_pool!(self.pools(), |pool| ...)`.
/// The body is compiled once per backend, so it must use portable SQL.
macro_rules! on_pool {
    ($pools:expr, |$pool:ident| $body:expr) => {
        match $pools {
            $crate::connect::Pools::Sqlite($pool) => $body,
            $crate::connect::Pools::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

/// Runs `$body` with `$conn` bound to a connection inside a write transaction on the platform
/// database, then commits; an early return (`?`) drops the transaction, which rolls it back.
/// Like [`on_pool!`] the body is compiled once per backend. On SQLite the transaction begins
/// `IMMEDIATE`, so two writers queue on the busy timeout instead of failing when a read lock
/// cannot be upgraded (ADR 0002). `$backend` names the [`Backend`] in the body, for the few
/// statements that must differ (a row lock PostgreSQL needs and SQLite cannot express).
macro_rules! in_platform_tx {
    ($pools:expr, |$conn:ident, $backend:ident| $body:expr) => {
        match $pools {
            $crate::connect::Pools::Sqlite(pool) => {
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                let $conn: &mut sqlx::SqliteConnection = &mut *tx;
                let $backend = $crate::connect::Backend::Sqlite;
                let out = $body;
                tx.commit().await?;
                out
            }
            $crate::connect::Pools::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                let $conn: &mut sqlx::PgConnection = &mut *tx;
                let $backend = $crate::connect::Backend::Postgres;
                let out = $body;
                tx.commit().await?;
                out
            }
        }
    };
    ($pools:expr, |$conn:ident| $body:expr) => {
        $crate::connect::in_platform_tx!($pools, |$conn, _backend| $body)
    };
}
pub(crate) use in_platform_tx;

pub(crate) struct Inner {
    pub(crate) pools: Pools,
    /// SQLite only: the directory that holds one database file per tenant.
    pub(crate) tenant_dir: Option<PathBuf>,
    /// SQLite only: open tenant pools by slug, with the tenant they were opened for (id and
    /// creation time, as SQLite may reuse a deleted row's id), so that
    /// each tenant file is opened once per process and a slug deleted and created again by
    /// another process (the CLI) is not served from the old, unlinked file.
    pub(crate) tenant_pools: Mutex<HashMap<String, (TenantIdentity, SqlitePool)>>,
    pub(crate) max_connections: u32,
}

/// Handle on the platform database (and, through [`Store::tenant`], on the tenants' data).
/// Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pub(crate) inner: Arc<Inner>,
}

const PG_MAX_CONNECTIONS: u32 = 16;
const SQLITE_MAX_CONNECTIONS: u32 = 8;
pub(crate) const SQLITE_TENANT_CONNECTIONS: u32 = 4;
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

async fn connect_postgres(url: &str) -> std::result::Result<PgPool, sqlx::Error> {
    PgPoolOptions::new()
        .max_connections(PG_MAX_CONNECTIONS)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect(url)
        .await
}

/// PostgreSQL's "database does not exist" (SQLSTATE 3D000).
fn is_missing_database(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|d| d.code())
        .is_some_and(|c| c == "3D000")
}

/// A fresh machine has a PostgreSQL server but not our database: create it, as SQLite creates
/// its file, so that the same one command runs the product on either backend. Connects to the
/// server's maintenance database `postgres` with the same credentials.
async fn create_postgres_database(url: &str) -> Result<()> {
    use sqlx::ConnectOptions;
    use sqlx::postgres::PgConnectOptions;
    let options: PgConnectOptions = url
        .parse()
        .map_err(|e| StoreError::Config(format!("URL de PostgreSQL inválida ({e})")))?;
    let Some(name) = options.get_database().map(str::to_owned) else {
        return Ok(());
    };
    let mut admin = options
        .database("postgres")
        .connect()
        .await
        .map_err(|e| {
            StoreError::Unreachable(format!(
                "la base de datos «{name}» no existe y no se pudo crear ({e}); créela con: createdb {name}"
            ))
        })?;
    let quoted = format!("\"{}\"", name.replace('"', "\"\""));
    match sqlx::query(&format!("CREATE DATABASE {quoted}"))
        .execute(&mut admin)
        .await
    {
        // Another process may have created it at the same moment (SQLSTATE 42P04).
        Err(e)
            if e.as_database_error()
                .and_then(|d| d.code())
                .is_some_and(|c| c == "42P04") =>
        {
            Ok(())
        }
        Err(e) => Err(StoreError::Unreachable(format!(
            "la base de datos «{name}» no existe y no se pudo crear ({e}); créela con: createdb {name}"
        ))),
        Ok(_) => Ok(()),
    }
}

impl Store {
    /// Opens `sqlite://PATH` (creating the file and its directory) or `postgres://...`.
    /// Does not migrate: call [`Store::migrate`].
    pub async fn connect(url: &str) -> Result<Store> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let pool = match connect_postgres(url).await {
                Err(e) if is_missing_database(&e) => {
                    create_postgres_database(url).await?;
                    connect_postgres(url).await
                }
                other => other,
            }
            .map_err(|e| {
                StoreError::Unreachable(format!(
                    "PostgreSQL no responde ({e}); verifique que el servidor esté en marcha y que la URL (BISCHEDULER_DATABASE_URL) sea correcta"
                ))
            })?;
            return Ok(Store::from_pools(
                Pools::Postgres(pool),
                None,
                PG_MAX_CONNECTIONS,
            ));
        }
        let Some(path) = sqlite_path(url) else {
            return Err(StoreError::Config(format!(
                "URL de base de datos no reconocida «{}»; use sqlite://RUTA (p. ej. sqlite://data/bischeduler.db) o postgres://USUARIO@SERVIDOR/BASE",
                redact(url)
            )));
        };
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|e| {
            StoreError::Config(format!(
                "no se pudo crear el directorio {} ({e}); elija una ruta con permiso de escritura",
                dir.display()
            ))
        })?;
        let pool = open_sqlite(&path, true, SQLITE_MAX_CONNECTIONS).await?;
        Ok(Store::from_pools(
            Pools::Sqlite(pool),
            Some(dir.join("tenants")),
            SQLITE_MAX_CONNECTIONS,
        ))
    }

    fn from_pools(pools: Pools, tenant_dir: Option<PathBuf>, max_connections: u32) -> Store {
        Store {
            inner: Arc::new(Inner {
                pools,
                tenant_dir,
                tenant_pools: Mutex::new(HashMap::new()),
                max_connections,
            }),
        }
    }

    pub(crate) fn pools(&self) -> &Pools {
        &self.inner.pools
    }

    pub fn backend(&self) -> Backend {
        match self.pools() {
            Pools::Sqlite(_) => Backend::Sqlite,
            Pools::Postgres(_) => Backend::Postgres,
        }
    }

    /// Round-trip time of a trivial query.
    pub async fn ping(&self) -> Result<Duration> {
        let started = Instant::now();
        on_pool!(self.pools(), |pool| {
            sqlx::query("SELECT 1").execute(pool).await?;
        });
        Ok(started.elapsed())
    }

    pub fn pool_stats(&self) -> PoolStats {
        let (size, idle) = on_pool!(self.pools(), |pool| (pool.size(), pool.num_idle() as u32));
        PoolStats {
            size,
            idle,
            max: self.inner.max_connections,
        }
    }

    /// Closes every pool (platform and tenant files); the store is unusable afterwards.
    pub async fn close(&self) {
        let tenant_pools: Vec<SqlitePool> = self
            .inner
            .tenant_pools
            .lock()
            .map(|mut m| m.drain().map(|(_, (_, p))| p).collect())
            .unwrap_or_default();
        for pool in tenant_pools {
            pool.close().await;
        }
        on_pool!(self.pools(), |pool| pool.close().await);
    }
}

/// `sqlite://data/x.db`, `sqlite:data/x.db` or `sqlite:///abs/x.db` -> the file path.
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    Some(PathBuf::from(path))
}

/// Hides a password in a URL before it is shown in a message.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://***{}", &url[..scheme_end], &url[at..])
        }
        _ => url.to_string(),
    }
}

pub(crate) async fn open_sqlite(path: &Path, create: bool, max: u32) -> Result<SqlitePool> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(create)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    SqlitePoolOptions::new()
        .max_connections(max)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(|e| {
            StoreError::Unreachable(format!(
                "no se pudo abrir {} ({e}); verifique la ruta y los permisos",
                path.display()
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_a_file() {
        assert_eq!(
            sqlite_path("sqlite://data/bischeduler.db"),
            Some(PathBuf::from("data/bischeduler.db"))
        );
        assert_eq!(
            sqlite_path("sqlite:///tmp/x.db?mode=rwc"),
            Some(PathBuf::from("/tmp/x.db"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("mysql://x"), None);
    }

    #[test]
    fn passwords_are_hidden() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://***@h/db");
        assert_eq!(redact("mysql://h/db"), "mysql://h/db");
    }
}
