//! Connecting: a wrong URL is a config error naming the schemes, an unreachable server is
//! reported as such, a missing PostgreSQL database is created, and both backends' migration
//! lists stay in step.

use store::{Store, StoreError};

#[tokio::test]
async fn unknown_schemes_are_a_config_error() {
    let err = Store::connect("mysql://u:secret@h/db").await.err().unwrap();
    assert!(matches!(err, StoreError::Config(_)));
    assert!(!err.to_string().contains("secret"), "{err}");
    assert!(err.to_string().contains("sqlite://"));
}

#[tokio::test]
async fn an_unreachable_server_is_reported() {
    let err = Store::connect("postgres://nobody@127.0.0.1:1/none")
        .await
        .err()
        .unwrap();
    assert!(matches!(err, StoreError::Unreachable(_)), "{err}");
}

/// The SQLite and PostgreSQL migration lists must stay in step, file for file.
#[test]
fn migration_lists_are_in_step() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
    for db in ["platform", "tenant"] {
        let names = |backend: &str| {
            let mut v: Vec<String> = std::fs::read_dir(format!("{root}/{db}/{backend}"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            v.sort();
            v
        };
        let sqlite = names("sqlite");
        assert!(!sqlite.is_empty());
        assert_eq!(
            sqlite,
            names("postgres"),
            "{db} migrations differ between backends"
        );
    }
}

// A fresh machine has a PostgreSQL server but not our database: connecting creates it, as
// connecting to SQLite creates the file.

#[tokio::test]
async fn connecting_to_a_missing_postgres_database_creates_it() {
    let Some(admin) = testdb::postgres_admin_url() else {
        return;
    };
    let name = testdb::unique_name("bs_test_create");
    let url = testdb::with_database(&admin, &name);
    let store = store::Store::connect(&url)
        .await
        .expect("connect creates the database");
    store.migrate().await.expect("migrate the new database");
    store
        .create_tenant("demo", "U.E. Demo")
        .await
        .expect("a tenant in it");
    assert_eq!(store.list_tenants().await.unwrap().len(), 1);
    store.close().await;
    // A second connect finds it and keeps its data.
    let again = store::Store::connect(&url).await.expect("reconnect");
    assert_eq!(again.list_tenants().await.unwrap().len(), 1);
    again.close().await;
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin)
        .await
        .unwrap();
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut conn)
        .await
        .unwrap();
}
