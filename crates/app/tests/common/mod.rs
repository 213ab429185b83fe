//! Test databases shared by the app's integration tests: the same scenario runs on SQLite and,
//! when BISCHEDULER_TEST_POSTGRES_URL is set, on a fresh PostgreSQL database.

use app::App;
use sqlx::Connection;

pub enum Guard {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin: String, name: String },
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Guard::Postgres { admin, name } = self {
            let (admin, name) = (admin.clone(), name.clone());
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(async {
                    if let Ok(mut c) = sqlx::PgConnection::connect(&admin).await {
                        let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                        let _ = sqlx::query(&sql).execute(&mut c).await;
                    }
                });
            })
            .join();
        }
    }
}

/// The URL of a migrated, empty database: a temporary SQLite file, or a fresh PostgreSQL
/// database named after `prefix` (None when BISCHEDULER_TEST_POSTGRES_URL is unset; a failure
/// under CI=true). The guard drops the database.
pub async fn database_url(postgres: bool, prefix: &str) -> Option<(String, Guard)> {
    let (url, guard) = if postgres {
        let admin = match std::env::var("BISCHEDULER_TEST_POSTGRES_URL") {
            Ok(u) if !u.is_empty() => u,
            _ if std::env::var("CI").as_deref() == Ok("true") => {
                panic!("CI=true but BISCHEDULER_TEST_POSTGRES_URL is not set")
            }
            _ => return None,
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let name = format!("{prefix}_{}_{nanos}", std::process::id());
        let mut c = sqlx::PgConnection::connect(&admin).await.expect("postgres");
        sqlx::query(&format!("CREATE DATABASE \"{name}\""))
            .execute(&mut c)
            .await
            .expect("create database");
        let (base, _) = admin.rsplit_once('/').expect("url with a database");
        (format!("{base}/{name}"), Guard::Postgres { admin, name })
    } else {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/p.db", dir.path().display());
        (url, Guard::Sqlite(dir))
    };
    let app = App::connect(&url).await.expect("connect");
    app.migrate().await.expect("migrate");
    app.close().await;
    Some((url, guard))
}
