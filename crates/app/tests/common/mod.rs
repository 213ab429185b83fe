//! Test databases shared by the app's integration tests: the same scenario runs on SQLite and,
//! when BISCHEDULER_TEST_POSTGRES_URL is set, on a fresh PostgreSQL database (`testdb`).

use app::App;

/// Keeps the test database alive; a PostgreSQL one is dropped with it.
pub type Guard = testdb::TestDatabase;

/// The URL of a migrated, empty database: a temporary SQLite file, or a fresh PostgreSQL
/// database named after `prefix` (None when BISCHEDULER_TEST_POSTGRES_URL is unset; a failure
/// under CI=true).
pub async fn database_url(postgres: bool, prefix: &str) -> Option<(String, Guard)> {
    let db = if postgres {
        testdb::TestDatabase::postgres(prefix).await?
    } else {
        testdb::TestDatabase::sqlite("p.db")
    };
    let app = App::connect(&db.url).await.expect("connect");
    app.migrate().await.expect("migrate");
    app.close().await;
    Some((db.url.clone(), db))
}
