//! Platform database on both backends: tenants, users, memberships, sessions, audit.

#[macro_use]
mod common;

use chrono::{Duration, Utc};
use common::TestDb;
use domain::{Level, Role, Rule, SchoolYear, Subject};
use store::{Backend, NewUser, StoreError, TenantStatus};

on_both_backends!(
    connect_ping_and_status,
    tenant_lifecycle,
    tenant_isolation,
    users_are_unique_by_email_in_any_case,
    memberships_and_members,
    sessions_expire,
    audit_trail,
);

fn new_user(email: &str) -> NewUser {
    NewUser {
        email: email.into(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        display_name: "Ana Pérez".into(),
        platform_admin: false,
    }
}

async fn connect_ping_and_status(db: &TestDb) {
    let store = &db.store;
    let expected = if db.sqlite_dir.is_some() {
        Backend::Sqlite
    } else {
        Backend::Postgres
    };
    assert_eq!(store.backend(), expected);
    assert!(store.ping().await.unwrap() < std::time::Duration::from_secs(5));
    let stats = store.pool_stats();
    assert!(stats.size >= 1 && stats.size <= stats.max, "{stats:?}");

    store.create_tenant("uno", "U.E. Uno").await.unwrap();
    let status = store.migration_status().await.unwrap();
    assert_eq!(status.platform.pending, 0);
    assert!(status.platform.applied >= 1);
    assert_eq!(status.tenants.len(), 1);
    assert_eq!(status.tenants[0].0, "uno");
    assert_eq!(status.tenants[0].1.pending, 0);
    // Migrating again applies nothing and visits the tenant.
    let again = store.migrate().await.unwrap();
    assert_eq!(again.platform_applied, 0);
    assert_eq!(again.tenants, 1);
    assert_eq!(again.tenant_applied, 0);

    // After close, the store refuses work instead of hanging.
    store.tenant("uno").await.unwrap();
    store.close().await;
    assert!(store.ping().await.is_err());
}

async fn tenant_lifecycle(db: &TestDb) {
    let store = &db.store;
    let t = store
        .create_tenant("ue-bello", "U.E. Andrés Bello")
        .await
        .unwrap();
    assert_eq!(t.slug, "ue-bello");
    assert_eq!(t.status, TenantStatus::Active);
    store.create_tenant("alfa", "Colegio Alfa").await.unwrap();

    // Slugs are unique and validated.
    let dup = store.create_tenant("ue-bello", "Otra").await.unwrap_err();
    assert!(
        matches!(dup, StoreError::Conflict { ref field, .. } if field == "slug"),
        "{dup}"
    );
    let bad = store.create_tenant("Bad Slug", "x").await.unwrap_err();
    assert!(matches!(bad, StoreError::Invalid(_)), "{bad}");

    let slugs: Vec<String> = store
        .list_tenants()
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.slug)
        .collect();
    assert_eq!(slugs, ["alfa", "ue-bello"]);

    // Provisioning seeded the levels, the default rules and a school year.
    let school = store.tenant("ue-bello").await.unwrap();
    assert_eq!(school.tenant().id, t.id);
    let (levels, total) = school.list::<Level>(50, 0).await.unwrap();
    assert_eq!(total, 3);
    assert_eq!(levels[2].data.code, "media_general");
    let (_, rules) = school.list::<Rule>(50, 0).await.unwrap();
    assert_eq!(rules as usize, domain::RuleKind::default_rules().len());
    let (years, _) = school.list::<SchoolYear>(50, 0).await.unwrap();
    assert_eq!(years.len(), 1);
    assert!(years[0].data.active);

    // Suspension is reported by find_tenant.
    store
        .set_tenant_status("ue-bello", TenantStatus::Suspended)
        .await
        .unwrap();
    let found = store.find_tenant("ue-bello").await.unwrap().unwrap();
    assert_eq!(found.status, TenantStatus::Suspended);
    assert_eq!(
        store.get_tenant(t.id).await.unwrap().unwrap().status,
        TenantStatus::Suspended
    );
    store
        .set_tenant_status("ue-bello", TenantStatus::Active)
        .await
        .unwrap();
    assert!(matches!(
        store.set_tenant_status("nadie", TenantStatus::Active).await,
        Err(StoreError::NotFound(_))
    ));

    // Deleting removes the row and the data whole.
    school.create(&subject("Química")).await.unwrap();
    drop(school);
    store.delete_tenant("ue-bello").await.unwrap();
    assert!(store.find_tenant("ue-bello").await.unwrap().is_none());
    assert!(matches!(
        store.tenant("ue-bello").await,
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.delete_tenant("ue-bello").await,
        Err(StoreError::NotFound(_))
    ));
    match store.backend() {
        Backend::Sqlite => {
            let file = store.tenant_file("ue-bello").unwrap();
            assert!(!file.exists(), "{} should be gone", file.display());
            assert!(store.tenant_file("alfa").unwrap().exists());
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
            let schemas: Vec<String> = sqlx::query_scalar(
                "SELECT schema_name::text FROM information_schema.schemata WHERE schema_name LIKE 'tenant_%' ORDER BY 1",
            )
            .fetch_all(&pool)
            .await
            .unwrap();
            assert_eq!(schemas, ["tenant_alfa"]);
            pool.close().await;
        }
    }

    // The slug is free again, and the new school starts empty.
    store
        .create_tenant("ue-bello", "U.E. Andrés Bello")
        .await
        .unwrap();
    let school = store.tenant("ue-bello").await.unwrap();
    assert_eq!(school.list::<Subject>(10, 0).await.unwrap().1, 0);
}

fn subject(name: &str) -> Subject {
    Subject {
        name: name.into(),
        short_name: String::new(),
        colour: String::new(),
    }
}

async fn tenant_isolation(db: &TestDb) {
    let store = &db.store;
    store.create_tenant("a", "Escuela A").await.unwrap();
    store.create_tenant("b", "Escuela B").await.unwrap();
    let a = store.tenant("a").await.unwrap();
    let b = store.tenant("b").await.unwrap();
    let in_a = a.create(&subject("Matemática")).await.unwrap();
    // B does not see A's record, not even by id, and may use the same name.
    assert_eq!(b.list::<Subject>(10, 0).await.unwrap().1, 0);
    assert!(b.get::<Subject>(in_a.id).await.unwrap().is_none());
    assert!(!b.delete::<Subject>(in_a.id).await.unwrap());
    assert!(
        b.update(in_a.id, &subject("Física"))
            .await
            .unwrap()
            .is_none()
    );
    b.create(&subject("Matemática")).await.unwrap();
    assert_eq!(
        a.get::<Subject>(in_a.id).await.unwrap().unwrap().data.name,
        "Matemática"
    );
    assert_eq!(a.list::<Subject>(10, 0).await.unwrap().1, 1);
}

async fn users_are_unique_by_email_in_any_case(db: &TestDb) {
    let store = &db.store;
    let user = store
        .create_user(&new_user("  Ana.Perez@Escuela.EDU.ve "))
        .await
        .unwrap();
    assert_eq!(user.email, "ana.perez@escuela.edu.ve");
    assert!(!user.platform_admin);
    let dup = store
        .create_user(&new_user("ANA.PEREZ@escuela.edu.ve"))
        .await
        .unwrap_err();
    assert!(
        matches!(dup, StoreError::Conflict { ref field, .. } if field == "email"),
        "{dup}"
    );
    let bad = store
        .create_user(&new_user("sin-arroba"))
        .await
        .unwrap_err();
    assert!(matches!(bad, StoreError::Invalid(_)), "{bad}");

    let found = store
        .find_user_by_email("ana.PEREZ@escuela.edu.ve")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, user.id);
    assert_eq!(found.password_hash, user.password_hash);
    assert_eq!(
        store.get_user(user.id).await.unwrap().unwrap().email,
        user.email
    );
    assert!(store.get_user(user.id + 1000).await.unwrap().is_none());
    assert!(
        store
            .find_user_by_email("otro@x.ve")
            .await
            .unwrap()
            .is_none()
    );

    assert!(
        store
            .set_password_hash(user.id, "$argon2id$nuevo")
            .await
            .unwrap()
    );
    assert_eq!(
        store
            .get_user(user.id)
            .await
            .unwrap()
            .unwrap()
            .password_hash,
        "$argon2id$nuevo"
    );
    assert!(!store.set_password_hash(user.id + 1000, "x").await.unwrap());

    let mut admin = new_user("root@bischeduler.ve");
    admin.platform_admin = true;
    assert!(store.create_user(&admin).await.unwrap().platform_admin);
}

async fn memberships_and_members(db: &TestDb) {
    let store = &db.store;
    let a = store.create_tenant("a", "Escuela A").await.unwrap();
    let b = store.create_tenant("b", "Escuela B").await.unwrap();
    let ana = store.create_user(&new_user("ana@x.ve")).await.unwrap();
    let luis = store.create_user(&new_user("luis@x.ve")).await.unwrap();
    store
        .add_membership(ana.id, b.id, Role::Teacher)
        .await
        .unwrap();
    store
        .add_membership(ana.id, a.id, Role::Viewer)
        .await
        .unwrap();
    // A second membership in the same school replaces the role.
    store
        .add_membership(ana.id, a.id, Role::Coordinator)
        .await
        .unwrap();
    store
        .add_membership(luis.id, a.id, Role::SchoolAdmin)
        .await
        .unwrap();
    let mine = store.memberships(ana.id).await.unwrap();
    let roles: Vec<(&str, Role)> = mine
        .iter()
        .map(|m| (m.tenant.slug.as_str(), m.role))
        .collect();
    assert_eq!(roles, [("a", Role::Coordinator), ("b", Role::Teacher)]);
    let members = store.tenant_members(a.id).await.unwrap();
    let emails: Vec<(&str, Role)> = members
        .iter()
        .map(|(u, r)| (u.email.as_str(), *r))
        .collect();
    assert_eq!(
        emails,
        [
            ("ana@x.ve", Role::Coordinator),
            ("luis@x.ve", Role::SchoolAdmin)
        ]
    );

    assert!(matches!(
        store.add_membership(ana.id, 99_999, Role::Viewer).await,
        Err(StoreError::NotFound(_))
    ));
    assert!(store.remove_membership(ana.id, b.id).await.unwrap());
    assert!(!store.remove_membership(ana.id, b.id).await.unwrap());
    // Deleting a school removes its memberships.
    store.delete_tenant("a").await.unwrap();
    assert!(store.memberships(ana.id).await.unwrap().is_empty());
}

async fn sessions_expire(db: &TestDb) {
    let store = &db.store;
    let user = store.create_user(&new_user("ana@x.ve")).await.unwrap();
    let later = Utc::now() + Duration::hours(8);
    store
        .create_session("hash-live", user.id, later)
        .await
        .unwrap();
    store
        .create_session("hash-old", user.id, Utc::now() - Duration::seconds(1))
        .await
        .unwrap();
    let live = store.find_session("hash-live").await.unwrap().unwrap();
    assert_eq!(live.user_id, user.id);
    assert_eq!(live.expires_at.timestamp(), later.timestamp());
    assert!(
        store.find_session("hash-old").await.unwrap().is_none(),
        "expired"
    );
    assert!(store.find_session("nope").await.unwrap().is_none());
    assert_eq!(store.delete_expired_sessions().await.unwrap(), 1);
    store.delete_session("hash-live").await.unwrap();
    assert!(store.find_session("hash-live").await.unwrap().is_none());
}

async fn audit_trail(db: &TestDb) {
    let store = &db.store;
    let t = store.create_tenant("a", "Escuela A").await.unwrap();
    let user = store.create_user(&new_user("ana@x.ve")).await.unwrap();
    store
        .audit(
            Some(user.id),
            Some(t.id),
            "login",
            &serde_json::json!({"ip": "127.0.0.1"}),
        )
        .await
        .unwrap();
    store
        .audit(
            None,
            None,
            "tenant.create",
            &serde_json::json!({"slug": "a"}),
        )
        .await
        .unwrap();
    let all = store.audit_entries(None, 10).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].action, "tenant.create");
    let mine = store.audit_entries(Some(t.id), 10).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].user_id, Some(user.id));
    assert_eq!(mine[0].detail.0["ip"], "127.0.0.1");
}
