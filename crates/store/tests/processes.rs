//! Two processes on one database (a running server and the CLI), on both backends.

#[macro_use]
mod common;

use common::TestDb;
use common::fixtures::make;
use domain::{Role, Subject};
use serde_json::json;
use store::{NewUser, Store};

on_both_backends!(
    a_tenant_recreated_elsewhere_is_not_served_stale,
    accounts_made_by_the_cli_are_seen_by_the_server,
);

async fn a_tenant_recreated_elsewhere_is_not_served_stale(db: &TestDb) {
    let server = &db.store;
    let cli = Store::connect(&db.url).await.unwrap();
    server.create_tenant("x", "Escuela X").await.unwrap();
    let school = server.tenant("x").await.unwrap();
    school
        .create::<Subject>(&make(json!({"name": "Arte"})))
        .await
        .unwrap();

    cli.delete_tenant("x").await.unwrap();
    assert!(server.tenant("x").await.is_err(), "deleted elsewhere");
    cli.create_tenant("x", "Escuela X, otra vez").await.unwrap();
    let again = server.tenant("x").await.unwrap();
    assert_eq!(again.tenant().name, "Escuela X, otra vez");
    assert_eq!(
        again.list::<Subject>(10, 0).await.unwrap().1,
        0,
        "the new school starts empty"
    );
    again
        .create::<Subject>(&make(json!({"name": "Arte"})))
        .await
        .unwrap();
    let seen_by_cli = cli.tenant("x").await.unwrap();
    assert_eq!(seen_by_cli.list::<Subject>(10, 0).await.unwrap().1, 1);
    cli.close().await;
}

async fn accounts_made_by_the_cli_are_seen_by_the_server(db: &TestDb) {
    let server = &db.store;
    let cli = Store::connect(&db.url).await.unwrap();
    let t = server.create_tenant("x", "Escuela X").await.unwrap();
    let user = cli
        .create_user(&NewUser {
            email: "Dir@X.ve".into(),
            password_hash: "$argon2id$h".into(),
            display_name: "Directora".into(),
            platform_admin: false,
        })
        .await
        .unwrap();
    cli.add_membership(user.id, t.id, Role::SchoolAdmin)
        .await
        .unwrap();
    let found = server
        .find_user_by_email("dir@x.ve")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        server.memberships(found.id).await.unwrap()[0].role,
        Role::SchoolAdmin
    );
    let emails: Vec<String> = server
        .list_users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert_eq!(emails, ["dir@x.ve"]);

    server
        .create_session(
            "h",
            user.id,
            chrono::Utc::now() + chrono::Duration::hours(1),
        )
        .await
        .unwrap();
    assert!(cli.delete_user(user.id).await.unwrap());
    assert!(!cli.delete_user(user.id).await.unwrap());
    assert!(
        server.find_session("h").await.unwrap().is_none(),
        "sessions go with the user"
    );
    assert!(server.tenant_members(t.id).await.unwrap().is_empty());
    assert!(server.list_users().await.unwrap().is_empty());
    cli.close().await;
}
