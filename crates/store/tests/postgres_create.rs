//! A fresh machine has a PostgreSQL server but not our database: connecting creates it, as
//! connecting to SQLite creates the file.

mod common;

#[tokio::test]
async fn connecting_to_a_missing_postgres_database_creates_it() {
    let Ok(admin) = std::env::var("BISCHEDULER_TEST_POSTGRES_URL") else {
        assert_ne!(
            std::env::var("CI").as_deref(),
            Ok("true"),
            "BISCHEDULER_TEST_POSTGRES_URL is not set but CI=true"
        );
        eprintln!("skipping: set BISCHEDULER_TEST_POSTGRES_URL to run it");
        return;
    };
    let name = format!("bs_test_create_{}", uuid::Uuid::new_v4().simple());
    let url = common::database_url(&admin, &name);
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
