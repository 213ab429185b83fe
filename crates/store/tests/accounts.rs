//! Account writes that must be one transaction, and the login-failure record, on both backends.

#[macro_use]
mod common;

use chrono::{Duration, Utc};
use common::TestDb;
use domain::Role;
use store::{NewUser, StoreError};

on_both_backends!(
    a_user_and_their_membership_are_created_together,
    a_new_password_ends_every_session,
    login_failures_are_counted_per_email_and_client,
);

fn new_user(email: &str) -> NewUser {
    NewUser {
        email: email.into(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        display_name: "Ana Pérez".into(),
        platform_admin: false,
    }
}

async fn a_user_and_their_membership_are_created_together(db: &TestDb) {
    let store = &db.store;
    let a = store.create_tenant("a", "Escuela A").await.unwrap();
    let ana = store
        .create_user_with_membership(&new_user("ana@x.ve"), Some((a.id, Role::Coordinator)))
        .await
        .unwrap();
    let memberships = store.memberships(ana.id).await.unwrap();
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0].role, Role::Coordinator);

    // The membership fails (no such school): the account is not left behind.
    let err = store
        .create_user_with_membership(&new_user("luis@x.ve"), Some((99_999, Role::Viewer)))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
    assert!(
        store
            .find_user_by_email("luis@x.ve")
            .await
            .unwrap()
            .is_none()
    );
    // The account fails (email taken): no membership is written for anyone.
    let err = store
        .create_user_with_membership(&new_user("ANA@x.ve"), Some((a.id, Role::Viewer)))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
    assert_eq!(store.tenant_members(a.id).await.unwrap().len(), 1);
    // Without a membership it is a plain account.
    let root = store
        .create_user_with_membership(&new_user("root@x.ve"), None)
        .await
        .unwrap();
    assert!(store.memberships(root.id).await.unwrap().is_empty());
}

async fn a_new_password_ends_every_session(db: &TestDb) {
    let store = &db.store;
    let ana = store.create_user(&new_user("ana@x.ve")).await.unwrap();
    let luis = store.create_user(&new_user("luis@x.ve")).await.unwrap();
    let later = Utc::now() + Duration::hours(8);
    for (hash, user) in [("a1", ana.id), ("a2", ana.id), ("l1", luis.id)] {
        store.create_session(hash, user, later).await.unwrap();
    }
    assert!(
        store
            .set_password_hash(ana.id, "$argon2id$nuevo")
            .await
            .unwrap()
    );
    assert!(store.find_session("a1").await.unwrap().is_none());
    assert!(store.find_session("a2").await.unwrap().is_none());
    assert!(
        store.find_session("l1").await.unwrap().is_some(),
        "other users keep theirs"
    );
    let reread = store.get_user(ana.id).await.unwrap().unwrap();
    assert_eq!(reread.password_hash, "$argon2id$nuevo");
    assert!(!store.set_password_hash(99_999, "x").await.unwrap());
}

async fn login_failures_are_counted_per_email_and_client(db: &TestDb) {
    let store = &db.store;
    let now = Utc::now();
    let window = Duration::minutes(15);
    let old = now - Duration::minutes(20);
    store
        .record_login_failure("ana@x.ve", "10.0.0.1", old, old - window)
        .await
        .unwrap();
    for i in 0..3 {
        let at = now - Duration::minutes(3 - i);
        store
            .record_login_failure("Ana@X.ve ", "10.0.0.1", at, at - window)
            .await
            .unwrap();
    }
    store
        .record_login_failure("ana@x.ve", "10.0.0.2", now, now - window)
        .await
        .unwrap();
    let recent = store
        .login_failures_since("ANA@x.ve", "10.0.0.1", now - window)
        .await
        .unwrap();
    assert_eq!(
        recent.len(),
        3,
        "the 20-minute-old failure is outside the window"
    );
    assert!(recent.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    let other = store
        .login_failures_since("ana@x.ve", "10.0.0.2", now - window)
        .await
        .unwrap();
    assert_eq!(other.len(), 1);
    // Writing a failure forgets those no window looks at any more.
    let everything = store
        .login_failures_since("ana@x.ve", "10.0.0.1", old - window)
        .await
        .unwrap();
    assert_eq!(everything.len(), 3, "the old row was deleted");
    store
        .clear_login_failures("ana@x.ve", "10.0.0.1")
        .await
        .unwrap();
    assert!(
        store
            .login_failures_since("ana@x.ve", "10.0.0.1", old - window)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .login_failures_since("ana@x.ve", "10.0.0.2", now - window)
            .await
            .unwrap()
            .len(),
        1
    );
}
