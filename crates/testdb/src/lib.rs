//! Test-only: one fresh, empty database per integration test, on SQLite or on PostgreSQL.
//!
//! The store, web, app and cli tests each need the same thing: a temporary SQLite directory, or
//! a new PostgreSQL database on the server named by `BISCHEDULER_TEST_POSTGRES_URL` (an admin
//! URL; `scripts/test.sh` sets it), dropped afterwards even when the test panics, so parallel
//! tests never meet. Without that variable the PostgreSQL half is skipped with a message, except
//! under `CI=true`, where a skip would hide a missing database and is a failure.
//!
//! Migrating is left to the caller: each crate reaches the database through its own layer
//! (`Store`, `App`, the `bischeduler` binary).

use sqlx::Connection as _;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

/// The admin URL of the test PostgreSQL server.
pub const POSTGRES_ENV: &str = "BISCHEDULER_TEST_POSTGRES_URL";

/// A database for one test; a PostgreSQL one is dropped with this value.
pub struct TestDatabase {
    /// What the code under test connects to.
    pub url: String,
    /// SQLite: holds the database file (and whatever else the test writes there).
    /// PostgreSQL: an empty scratch directory, so every test has one.
    dir: tempfile::TempDir,
    /// PostgreSQL: (admin URL, database name), to drop it.
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    /// A SQLite database `file` (a relative path, created on first connect) in a new temporary
    /// directory.
    pub fn sqlite(file: &str) -> TestDatabase {
        let dir = tempfile::tempdir().expect("temporary directory");
        TestDatabase {
            url: format!("sqlite://{}", dir.path().join(file).display()),
            dir,
            postgres: None,
        }
    }

    /// A new, empty PostgreSQL database named `PREFIX_...`; None when the server is not
    /// configured (a panic under CI=true).
    pub async fn postgres(prefix: &str) -> Option<TestDatabase> {
        let admin = postgres_admin_url()?;
        let name = unique_name(prefix);
        let mut conn = sqlx::PgConnection::connect(&admin)
            .await
            .expect("connect to the test PostgreSQL server");
        sqlx::query(&format!("CREATE DATABASE \"{name}\""))
            .execute(&mut conn)
            .await
            .expect("create the test database");
        let _ = conn.close().await;
        Some(TestDatabase {
            url: with_database(&admin, &name),
            dir: tempfile::tempdir().expect("temporary directory"),
            postgres: Some((admin, name)),
        })
    }

    /// [`TestDatabase::postgres`] for a test that has no async runtime (it runs on its own).
    pub fn postgres_blocking(prefix: &str) -> Option<TestDatabase> {
        let prefix = prefix.to_string();
        on_own_runtime(async move { TestDatabase::postgres(&prefix).await })
    }

    pub fn is_sqlite(&self) -> bool {
        self.postgres.is_none()
    }

    /// The test's scratch directory (on SQLite, the one holding the database file).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.postgres.take() {
            // Drop may run inside the test's runtime (where blocking on another future is not
            // allowed) or while unwinding: the drop gets a thread and a runtime of its own.
            on_own_runtime(async move {
                if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                    let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                    let _ = sqlx::query(&sql).execute(&mut conn).await;
                }
            });
        }
    }
}

/// `BISCHEDULER_TEST_POSTGRES_URL`, or None (with a note) to skip; a panic under CI=true.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var(POSTGRES_ENV) {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("CI=true but {POSTGRES_ENV} is not set: the PostgreSQL tests must run")
        }
        _ => {
            eprintln!("skipping PostgreSQL: set {POSTGRES_ENV} to run it");
            None
        }
    }
}

/// A database name no other test (in this or another process) uses: prefix, process id, a
/// counter and the clock.
pub fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The same server URL with another database (query string kept).
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let authority = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority..].find('/') {
        Some(slash) => &base[..authority + slash],
        None => base,
    };
    format!("{base}/{name}{query}")
}

fn on_own_runtime<T: Send + 'static>(work: impl Future<Output = T> + Send + 'static) -> T {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(work)
    })
    .join()
    .expect("test database thread")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_the_database() {
        for (url, want) in [
            ("postgres://u@h:5432/postgres", "postgres://u@h:5432/x"),
            ("postgres://u@h:5432", "postgres://u@h:5432/x"),
            (
                "postgres://u:p@h/postgres?sslmode=disable",
                "postgres://u:p@h/x?sslmode=disable",
            ),
        ] {
            assert_eq!(with_database(url, "x"), want, "{url}");
        }
    }

    #[test]
    fn names_do_not_repeat() {
        assert_ne!(unique_name("t"), unique_name("t"));
    }

    #[test]
    fn a_sqlite_database_lives_in_its_own_directory() {
        let db = TestDatabase::sqlite("data/b.db");
        assert!(db.is_sqlite());
        let want = format!("sqlite://{}", db.dir().join("data/b.db").display());
        assert_eq!(db.url, want);
        let dir = db.dir().to_path_buf();
        drop(db);
        assert!(!dir.exists());
    }
}
