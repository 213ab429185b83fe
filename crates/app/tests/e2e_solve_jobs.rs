//! Solving through the app, on SQLite and PostgreSQL: a demo school generated, solved, its
//! locked placements kept on re-solve, a cancelled search keeping its best, and the job worker
//! running and cancelling queued solves.

use app::{App, JobStatus, Principal, SolveParams};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

mod common;

/// A migrated, empty database and an app connected to it.
async fn database(postgres: bool) -> Option<(App, common::Guard)> {
    let (url, guard) = common::database_url(postgres, "bisch_app_e2e").await?;
    let app = App::connect(&url).await.expect("connect");
    Some((app, guard))
}

async fn coordinator(app: &App, slug: &str) -> Principal {
    let tenant = app
        .list_tenants()
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.slug == slug)
        .expect("tenant");
    Principal {
        user: app::UserView {
            id: 1,
            email: "coord@e2e.ve".into(),
            display_name: "coord".into(),
            platform_admin: false,
        },
        tenant: Some(tenant),
        role: domain::Role::Coordinator,
        memberships: vec![],
    }
}

/// `Budget::Steps`: a search that ends by its step budget, whatever the machine's load (its time
/// limit is only a backstop); `Budget::Cancelled`: a long one that the test cancels.
#[derive(Clone, Copy)]
enum Budget {
    Steps,
    Cancelled,
}

fn params(budget: Budget, keep: Option<i64>) -> SolveParams {
    SolveParams {
        time_limit_s: 600.0,
        seed: 5,
        keep_locked_from: keep,
        max_iterations: match budget {
            Budget::Steps => Some(200_000),
            Budget::Cancelled => None,
        },
        ..SolveParams::default()
    }
}

async fn locked_placements_stay_and_cancel_keeps_the_best(app: &App) {
    app.demo_generate("demo", app::DemoSpec::default())
        .await
        .unwrap();
    let who = coordinator(app, "demo").await;
    let no_cancel = || Arc::new(AtomicBool::new(false));
    let first = app
        .solve_tenant("demo", &params(Budget::Steps, None), no_cancel(), |_| {})
        .await
        .unwrap();
    assert_eq!(first.hard, 0, "{first:?}");
    let placements = app
        .timetable_placements(&who, first.timetable_id)
        .await
        .unwrap();
    let locked: Vec<_> = placements.iter().step_by(7).take(4).collect();
    for p in &locked {
        let r = app
            .set_placement_lock(&who, first.timetable_id, p.id, true)
            .await
            .unwrap();
        assert!(r.data.locked);
    }
    let second = app
        .solve_tenant(
            "demo",
            &params(Budget::Steps, Some(first.timetable_id)),
            no_cancel(),
            |_| {},
        )
        .await
        .unwrap();
    let after = app
        .timetable_placements(&who, second.timetable_id)
        .await
        .unwrap();
    for p in &locked {
        let kept = after
            .iter()
            .find(|q| q.data.lesson_id == p.data.lesson_id && q.data.unit == p.data.unit)
            .expect("the block is placed");
        assert_eq!(
            (kept.data.day, kept.data.period, kept.data.locked),
            (p.data.day, p.data.period, true),
            "a locked placement moved"
        );
    }

    // A search cancelled before it starts still saves the constructed timetable.
    let started = Instant::now();
    let stopped = app
        .solve_tenant(
            "demo",
            &params(Budget::Cancelled, None),
            Arc::new(AtomicBool::new(true)),
            |_| {},
        )
        .await
        .unwrap();
    assert!(stopped.stopped_early);
    assert!(started.elapsed() < Duration::from_secs(60));
    assert!(
        !app.timetable_placements(&who, stopped.timetable_id)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn wait(app: &App, who: &Principal, job: i64, until: fn(JobStatus) -> bool) -> app::JobView {
    for _ in 0..1200 {
        let v = app.job(who, job).await.unwrap();
        if until(v.status) {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("job {job} never reached the expected status");
}

async fn the_worker_runs_and_cancels_jobs(app: &App) {
    app.demo_generate("demo", app::DemoSpec::default())
        .await
        .unwrap();
    let who = coordinator(app, "demo").await;
    let worker = app.start_job_worker();
    let quick = app
        .enqueue_generate(&who, &params(Budget::Steps, None))
        .await
        .unwrap();
    let done = wait(app, &who, quick.id, JobStatus::is_finished).await;
    assert_eq!(done.status, JobStatus::Done, "{done:?}");
    assert_eq!(done.progress["hard"], 0, "{done:?}");
    assert!(done.timetable_id.is_some());

    // A long search cancelled while running ends "cancelled" with its best timetable.
    let long = app
        .enqueue_generate(&who, &params(Budget::Cancelled, None))
        .await
        .unwrap();
    wait(app, &who, long.id, |s| s == JobStatus::Running).await;
    app.cancel_job(&who, long.id).await.unwrap();
    let cancelled = wait(app, &who, long.id, JobStatus::is_finished).await;
    assert_eq!(cancelled.status, JobStatus::Cancelled, "{cancelled:?}");
    assert!(cancelled.timetable_id.is_some(), "{cancelled:?}");
    worker.shutdown().await;
}

macro_rules! both_backends {
    ($scenario:ident) => {
        mod $scenario {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let (app, _guard) = super::database(false).await.unwrap();
                super::$scenario(&app).await;
                app.close().await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some((app, _guard)) = super::database(true).await {
                    super::$scenario(&app).await;
                    app.close().await;
                }
            }
        }
    };
}

both_backends!(locked_placements_stay_and_cancel_keeps_the_best);
both_backends!(the_worker_runs_and_cancels_jobs);
