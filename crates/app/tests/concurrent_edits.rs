//! Two server instances (two `App`s) on one database, on SQLite and PostgreSQL: manual moves
//! are written whole (a swap's two placements together) and never from a stale copy; the
//! per-school job cap; login throttling; a password reset ending sessions.

use app::{App, AppError, MoveRequest, NewAccount, Principal, SolveParams};
use domain::{Id, Placement, Record, Role, Room};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

mod common;

use common::database_url;

async fn database(postgres: bool) -> Option<(String, common::Guard)> {
    database_url(postgres, "bisch_app_conc").await
}

async fn coordinator(app: &App, slug: &str) -> Principal {
    let tenant = app.find_tenant(slug).await.unwrap().expect("tenant");
    Principal {
        user: app::UserView {
            id: 1,
            email: "coord@conc.ve".into(),
            display_name: "coord".into(),
            platform_admin: false,
        },
        tenant: Some(tenant),
        role: Role::Coordinator,
        memberships: vec![],
    }
}

fn swap(p: Id, q: Id) -> MoveRequest {
    MoveRequest {
        placement_id: p,
        day: None,
        period: None,
        room_id: None,
        swap_with: Some(q),
        force: true,
    }
}

fn place(p: Id, at: &Placement) -> MoveRequest {
    MoveRequest {
        placement_id: p,
        day: Some(at.day),
        period: Some(at.period),
        room_id: None,
        swap_with: None,
        force: true,
    }
}

fn find(all: &[Record<Placement>], id: Id) -> Placement {
    all.iter()
        .find(|r| r.id == id)
        .expect("placement")
        .data
        .clone()
}

fn is_conflict(e: &AppError) -> bool {
    matches!(e, AppError::Conflict(m) if m.contains("recargue"))
}

/// A small solved school; returns (timetable id, two placements of one duration at different
/// times).
async fn solved_school(app: &App, who: &Principal) -> (Id, Id, Id) {
    let spec = app::DemoSpec {
        sections: 2,
        teachers: app::DemoSpec::min_teachers(2).max(4),
        seed: 11,
    };
    app.demo_generate("demo", spec).await.unwrap();
    let params = SolveParams {
        time_limit_s: 120.0,
        seed: 3,
        max_iterations: Some(5_000),
        ..SolveParams::default()
    };
    let outcome = app
        .solve_tenant("demo", &params, Arc::new(AtomicBool::new(false)), |_| {})
        .await
        .unwrap();
    let tt = outcome.timetable_id;
    let all = app.timetable_placements(who, tt).await.unwrap();
    let p = &all[0];
    let q = all
        .iter()
        .find(|q| {
            q.data.duration == p.data.duration
                && (q.data.day, q.data.period) != (p.data.day, p.data.period)
        })
        .expect("two placements of one duration");
    (tt, p.id, q.id)
}

async fn two_servers_never_overwrite_each_other(postgres: bool) {
    let Some((url, _guard)) = database(postgres).await else {
        return;
    };
    let a = App::connect(&url).await.unwrap();
    let b = App::connect(&url).await.unwrap();
    a.create_tenant("demo", "U.E. Demo").await.unwrap();
    let who = coordinator(&a, "demo").await;
    let (tt, p, q) = solved_school(&a, &who).await;
    let before = a.timetable_placements(&who, tt).await.unwrap();
    let (p0, q0) = (find(&before, p), find(&before, q));

    // Both servers open the timetable (a check reads it into memory).
    a.check_move(&who, tt, &swap(p, q)).await.unwrap();
    b.check_move(&who, tt, &swap(p, q)).await.unwrap();

    // Server A swaps: both placements are written, together.
    let applied = a.apply_move(&who, tt, &swap(p, q)).await.unwrap();
    assert_eq!(applied.placements.len(), 2);
    let after = a.timetable_placements(&who, tt).await.unwrap();
    let (p1, q1) = (find(&after, p), find(&after, q));
    assert_eq!((p1.day, p1.period), (q0.day, q0.period));
    assert_eq!((q1.day, q1.period), (p0.day, p0.period));

    // Server B still holds the old timetable: its move is refused and nothing is written.
    let err = b.apply_move(&who, tt, &place(q, &q0)).await.unwrap_err();
    assert!(is_conflict(&err), "{err:?}");
    assert_eq!(a.timetable_placements(&who, tt).await.unwrap(), after);
    // Having dropped its copy, B reads the timetable again and its retry goes through.
    b.apply_move(&who, tt, &place(q, &q0)).await.unwrap();
    let now = a.timetable_placements(&who, tt).await.unwrap();
    assert_eq!(find(&now, q).day, q0.day);
    assert_eq!(find(&now, p), p1, "A's move of p survived B's edit");

    // Now A is the stale one.
    let err = a.apply_move(&who, tt, &swap(p, q)).await.unwrap_err();
    assert!(is_conflict(&err), "{err:?}");

    // A lock made through B: A (reading again) sees it and refuses to move the placement.
    b.set_placement_lock(&who, tt, p, true).await.unwrap();
    let refused = a
        .apply_move(
            &who,
            tt,
            &MoveRequest {
                force: false,
                ..place(p, &p0)
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Validation(_)), "{refused:?}");
    // A's own unlock is followed in memory: the next move needs no re-read and no conflict.
    a.set_placement_lock(&who, tt, p, false).await.unwrap();
    a.apply_move(&who, tt, &place(p, &p0)).await.unwrap();
    a.apply_move(&who, tt, &place(p, &p1)).await.unwrap();

    // A school data edit through B makes A's copy stale as well.
    a.check_move(&who, tt, &swap(p, q)).await.unwrap();
    let room: Room = serde_json::from_value(serde_json::json!({"name": "Aula nueva"})).unwrap();
    b.create(&who, room).await.unwrap();
    let err = a.apply_move(&who, tt, &swap(p, q)).await.unwrap_err();
    assert!(is_conflict(&err), "{err:?}");
    a.apply_move(&who, tt, &swap(p, q)).await.unwrap();
    a.close().await;
    b.close().await;
}

async fn limits_and_sessions(postgres: bool) {
    let Some((url, _guard)) = database(postgres).await else {
        return;
    };
    let limits = app::Limits {
        max_active_jobs_per_tenant: 2,
        login_failures_allowed: 3,
        login_window: std::time::Duration::from_secs(600),
    };
    let a = App::connect(&url).await.unwrap().with_limits(limits);
    let b = App::connect(&url).await.unwrap().with_limits(limits);
    a.create_tenant("demo", "U.E. Demo").await.unwrap();
    let who = coordinator(&a, "demo").await;

    // Two queued solves per school, counted across servers; no worker runs here.
    let params = SolveParams {
        max_iterations: Some(1_000),
        ..SolveParams::default()
    };
    a.enqueue_generate(&who, &params).await.unwrap();
    b.enqueue_generate(&who, &params).await.unwrap();
    let err = a.enqueue_generate(&who, &params).await.unwrap_err();
    assert!(
        matches!(&err, AppError::TooManyRequests { message, .. } if message.contains("máximo 2")),
        "{err:?}"
    );

    // Login: three failures per (email, client) within the window, shared by both servers.
    let password = "una-clave-larga";
    a.create_account(&NewAccount {
        tenant: Some("demo".into()),
        email: "ana@demo.ve".into(),
        password: password.into(),
        role: Role::Coordinator,
        display_name: None,
    })
    .await
    .unwrap();
    a.login("ana@demo.ve", "mala", "10.0.0.1")
        .await
        .unwrap_err();
    b.login("ana@demo.ve", "mala", "10.0.0.1")
        .await
        .unwrap_err();
    // A success from the same client clears the count.
    a.login("ana@demo.ve", password, "10.0.0.1").await.unwrap();
    for app in [&a, &b, &a] {
        let e = app
            .login("ANA@demo.ve", "mala", "10.0.0.1")
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::BadCredentials), "{e:?}");
    }
    let blocked = b
        .login("ana@demo.ve", password, "10.0.0.1")
        .await
        .unwrap_err();
    match blocked {
        AppError::TooManyRequests {
            message,
            retry_after_s: Some(s),
        } => {
            assert!(s > 0 && s <= 600, "{s}");
            assert!(message.contains("espere"), "{message}");
        }
        other => panic!("expected 429, got {other:?}"),
    }
    // Another client is not blocked by these failures.
    let session = a.login("ana@demo.ve", password, "10.0.0.2").await.unwrap();
    let other = b.login("ana@demo.ve", password, "10.0.0.2").await.unwrap();
    assert!(a.authenticate(&session.token, None).await.is_ok());

    // A password reset ends every session of the account.
    a.reset_password("ana@demo.ve", "otra-clave-larga")
        .await
        .unwrap();
    for token in [&session.token, &other.token] {
        assert!(matches!(
            b.authenticate(token, None).await,
            Err(AppError::Unauthenticated)
        ));
    }
    a.login("ana@demo.ve", "otra-clave-larga", "10.0.0.2")
        .await
        .unwrap();
    a.close().await;
    b.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_sqlite() {
    two_servers_never_overwrite_each_other(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_postgres() {
    two_servers_never_overwrite_each_other(true).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_and_sessions_sqlite() {
    limits_and_sessions(false).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_and_sessions_postgres() {
    limits_and_sessions(true).await;
}
