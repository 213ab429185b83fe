//! Test databases: a temporary SQLite directory, or a fresh PostgreSQL database per test (named
//! `bs_test_<random>`, dropped afterwards even when the test fails) so parallel tests never meet.

#![allow(dead_code)] // each test file uses its own part of this module

pub mod fixtures;

use std::path::PathBuf;
use store::Store;

pub struct TestDb {
    pub store: Store,
    pub url: String,
    pub sqlite_dir: Option<PathBuf>,
    pg: Option<(String, String)>, // (admin url, database name)
}

const PG_ENV: &str = "BISCHEDULER_TEST_POSTGRES_URL";

fn random_name() -> String {
    format!("bs_test_{}", uuid::Uuid::new_v4().simple())
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = std::env::temp_dir().join(random_name());
        let url = format!("sqlite://{}/bischeduler.db", dir.display());
        let store = Store::connect(&url).await.expect("open sqlite");
        store.migrate().await.expect("migrate sqlite");
        TestDb {
            store,
            url,
            sqlite_dir: Some(dir),
            pg: None,
        }
    }

    /// None (with a message) when no PostgreSQL is configured; under CI=true that is a failure.
    pub async fn postgres() -> Option<TestDb> {
        let Ok(admin) = std::env::var(PG_ENV) else {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("{PG_ENV} is not set but CI=true: PostgreSQL tests must run in CI");
            }
            eprintln!("skipping the PostgreSQL run: set {PG_ENV} to run it");
            return None;
        };
        let name = random_name();
        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin)
            .await
            .expect("connect to the test PostgreSQL");
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .await
            .expect("create test database");
        let url = database_url(&admin, &name);
        let store = Store::connect(&url).await.expect("open postgres");
        store.migrate().await.expect("migrate postgres");
        Some(TestDb {
            store,
            url,
            sqlite_dir: None,
            pg: Some((admin, name)),
        })
    }
}

/// The admin URL with its database replaced.
pub fn database_url(admin: &str, name: &str) -> String {
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (admin, String::new()),
    };
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    format!("{base}/{name}{query}")
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(dir) = &self.sqlite_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        if let Some((admin, name)) = self.pg.take() {
            // Drop runs outside async code (and maybe while unwinding): use a runtime of its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async {
                    if let Ok(mut conn) =
                        <sqlx::PgConnection as sqlx::Connection>::connect(&admin).await
                    {
                        let _ =
                            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                                .execute(&mut conn)
                                .await;
                    }
                });
            })
            .join();
        }
    }
}

/// Runs one async test body on SQLite and on PostgreSQL:
/// `on_both_backends!(name);` expects `async fn name(db: &TestDb)` in scope and makes the tests
/// `name::sqlite` and `name::postgres`.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    let db = crate::common::TestDb::sqlite().await;
                    super::$name(&db).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    if let Some(db) = crate::common::TestDb::postgres().await {
                        super::$name(&db).await;
                    }
                }
            }
        )*
    };
}
