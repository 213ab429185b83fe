//! Test databases: a temporary SQLite directory, or a fresh PostgreSQL database per test (from
//! the `testdb` crate: dropped afterwards even when the test fails, so parallel tests never
//! meet), opened as a migrated `Store`.

#![allow(dead_code)] // each test file uses its own part of this module

pub mod fixtures;

use std::path::PathBuf;
use store::Store;
use testdb::TestDatabase;

pub struct TestDb {
    pub store: Store,
    pub url: String,
    pub sqlite_dir: Option<PathBuf>,
    /// Dropped last: removes the directory or drops the PostgreSQL database.
    _db: TestDatabase,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        TestDb::open(TestDatabase::sqlite("bischeduler.db")).await
    }

    /// None (with a message) when no PostgreSQL is configured; under CI=true that is a failure.
    pub async fn postgres() -> Option<TestDb> {
        Some(TestDb::open(TestDatabase::postgres("bs_test").await?).await)
    }

    async fn open(db: TestDatabase) -> TestDb {
        let store = Store::connect(&db.url)
            .await
            .expect("open the test database");
        store.migrate().await.expect("migrate the test database");
        TestDb {
            store,
            url: db.url.clone(),
            sqlite_dir: db.is_sqlite().then(|| db.dir().to_path_buf()),
            _db: db,
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
