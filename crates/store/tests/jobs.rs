//! The job queue on both backends, including concurrent claimers.

#[macro_use]
mod common;

use common::TestDb;
use serde_json::json;
use std::collections::HashSet;
use store::{JobStatus, StoreError};

on_both_backends!(
    job_lifecycle,
    cancelling,
    orphaned_jobs_fail,
    claimers_never_share_a_job,
    active_jobs_are_capped_per_tenant,
    workers_claim_only_their_kinds
);

async fn job_lifecycle(db: &TestDb) {
    let store = &db.store;
    let a = store.create_tenant("a", "Escuela A").await.unwrap();
    let b = store.create_tenant("b", "Escuela B").await.unwrap();
    assert!(
        store.claim_job("w1", &["solve"]).await.unwrap().is_none(),
        "empty queue"
    );
    let job = store
        .enqueue_job(a.id, "solve", &json!({"seed": 7}))
        .await
        .unwrap();
    assert_eq!(job.status, JobStatus::Queued);
    assert_eq!(job.params["seed"], 7);
    let second = store.enqueue_job(a.id, "solve", &json!({})).await.unwrap();

    // Oldest first.
    let claimed = store.claim_job("w1", &["solve"]).await.unwrap().unwrap();
    assert_eq!(claimed.id, job.id);
    assert_eq!(claimed.status, JobStatus::Running);
    assert_eq!(claimed.worker.as_deref(), Some("w1"));
    assert!(claimed.started_at.is_some());

    store
        .update_job_progress(job.id, &json!({"hard": 3, "soft": 120}))
        .await
        .unwrap();
    let seen = store.get_job(a.id, job.id).await.unwrap().unwrap();
    assert_eq!(seen.progress["soft"], 120);
    // Another tenant cannot see it.
    assert!(store.get_job(b.id, job.id).await.unwrap().is_none());

    store
        .finish_job(job.id, JobStatus::Done, &json!({"timetable_id": 5}))
        .await
        .unwrap();
    let done = store.get_job(a.id, job.id).await.unwrap().unwrap();
    assert_eq!(done.status, JobStatus::Done);
    assert_eq!(done.result.unwrap()["timetable_id"], 5);
    assert!(done.finished_at.is_some());
    assert!(matches!(
        store
            .finish_job(job.id, JobStatus::Running, &json!({}))
            .await,
        Err(StoreError::Config(_))
    ));
    assert!(matches!(
        store.finish_job(999_999, JobStatus::Done, &json!({})).await,
        Err(StoreError::NotFound(_))
    ));

    let listed: Vec<i64> = store
        .list_jobs(a.id, 10)
        .await
        .unwrap()
        .iter()
        .map(|j| j.id)
        .collect();
    assert_eq!(listed, [second.id, job.id]);
    assert!(store.list_jobs(b.id, 10).await.unwrap().is_empty());
}

async fn cancelling(db: &TestDb) {
    let store = &db.store;
    let a = store.create_tenant("a", "Escuela A").await.unwrap();
    let b = store.create_tenant("b", "Escuela B").await.unwrap();
    let queued = store.enqueue_job(a.id, "solve", &json!({})).await.unwrap();
    // Not by another tenant.
    assert!(!store.request_cancel(b.id, queued.id).await.unwrap());
    assert!(store.request_cancel(a.id, queued.id).await.unwrap());
    let cancelled = store.get_job(a.id, queued.id).await.unwrap().unwrap();
    assert_eq!(cancelled.status, JobStatus::Cancelled);
    assert!(
        store.claim_job("w", &["solve"]).await.unwrap().is_none(),
        "a cancelled job is not claimed"
    );

    let running = store.enqueue_job(a.id, "solve", &json!({})).await.unwrap();
    store.claim_job("w", &["solve"]).await.unwrap().unwrap();
    assert!(!store.cancel_requested(running.id).await.unwrap());
    assert!(store.request_cancel(a.id, running.id).await.unwrap());
    assert!(store.cancel_requested(running.id).await.unwrap());
    let flagged = store.get_job(a.id, running.id).await.unwrap().unwrap();
    assert_eq!(flagged.status, JobStatus::Running, "the worker stops it");
    store
        .finish_job(running.id, JobStatus::Cancelled, &json!({}))
        .await
        .unwrap();
    assert!(
        !store.request_cancel(a.id, running.id).await.unwrap(),
        "already finished"
    );
}

async fn orphaned_jobs_fail(db: &TestDb) {
    let store = &db.store;
    let a = store.create_tenant("a", "Escuela A").await.unwrap();
    let job = store.enqueue_job(a.id, "solve", &json!({})).await.unwrap();
    let queued = store.enqueue_job(a.id, "solve", &json!({})).await.unwrap();
    store
        .claim_job("dead-worker", &["solve"])
        .await
        .unwrap()
        .unwrap();
    // A fresh heartbeat is not orphaned...
    assert_eq!(store.fail_orphaned_jobs().await.unwrap(), 0);
    // ...but one silent for longer than asked is.
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    assert_eq!(
        store
            .fail_stale_jobs(std::time::Duration::from_millis(10))
            .await
            .unwrap(),
        1
    );
    let failed = store.get_job(a.id, job.id).await.unwrap().unwrap();
    assert_eq!(failed.status, JobStatus::Failed);
    assert!(failed.result.unwrap()["error"].is_string());
    let still = store.get_job(a.id, queued.id).await.unwrap().unwrap();
    assert_eq!(
        still.status,
        JobStatus::Queued,
        "queued jobs are not orphans"
    );
}

async fn claimers_never_share_a_job(db: &TestDb) {
    let store = &db.store;
    let a = store.create_tenant("a", "Escuela A").await.unwrap();
    const JOBS: usize = 40;
    for i in 0..JOBS {
        store
            .enqueue_job(a.id, "solve", &json!({"n": i}))
            .await
            .unwrap();
    }
    let mut workers = Vec::new();
    for w in 0..6 {
        let store = store.clone();
        workers.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            while let Some(job) = store.claim_job(&format!("w{w}"), &["solve"]).await.unwrap() {
                assert_eq!(job.worker.as_deref(), Some(format!("w{w}").as_str()));
                mine.push(job.id);
            }
            mine
        }));
    }
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.unwrap());
    }
    let distinct: HashSet<i64> = all.iter().copied().collect();
    assert_eq!(all.len(), JOBS, "every job claimed exactly once: {all:?}");
    assert_eq!(distinct.len(), JOBS);
}

async fn active_jobs_are_capped_per_tenant(db: &TestDb) {
    let store = &db.store;
    let a = store.create_tenant("a", "Escuela A").await.unwrap();
    let b = store.create_tenant("b", "Escuela B").await.unwrap();
    // Eight concurrent requests for a cap of 3: exactly 3 get in, even racing.
    let mut tries = Vec::new();
    for i in 0..8 {
        let store = store.clone();
        tries.push(tokio::spawn(async move {
            store
                .enqueue_job_limited(a.id, "solve", &json!({"n": i}), 3)
                .await
        }));
    }
    let mut queued = Vec::new();
    for t in tries {
        match t.await.unwrap() {
            Ok(job) => queued.push(job),
            Err(StoreError::LimitReached(m)) => assert!(m.contains("máximo 3"), "{m}"),
            Err(e) => panic!("unexpected error: {e}"),
        }
    }
    assert_eq!(queued.len(), 3, "the cap holds under concurrency");
    // Another school has its own allowance.
    store
        .enqueue_job_limited(b.id, "solve", &json!({}), 3)
        .await
        .unwrap();
    // A running job still counts; a finished or cancelled one frees its place.
    let running = store.claim_job("w", &["solve"]).await.unwrap().unwrap();
    assert_eq!(running.tenant_id, a.id);
    assert!(matches!(
        store
            .enqueue_job_limited(a.id, "solve", &json!({}), 3)
            .await,
        Err(StoreError::LimitReached(_))
    ));
    store
        .finish_job(running.id, JobStatus::Done, &json!({}))
        .await
        .unwrap();
    // The concurrent tries finish in any order, so the claimed job may be any of the three:
    // cancel one that is still queued.
    let waiting = queued
        .iter()
        .find(|j| j.id != running.id)
        .expect("a queued job");
    store.request_cancel(a.id, waiting.id).await.unwrap();
    store
        .enqueue_job_limited(a.id, "solve", &json!({}), 3)
        .await
        .unwrap();
    store
        .enqueue_job_limited(a.id, "solve", &json!({}), 3)
        .await
        .unwrap();
    assert!(matches!(
        store
            .enqueue_job_limited(a.id, "solve", &json!({}), 3)
            .await,
        Err(StoreError::LimitReached(_))
    ));
    assert!(matches!(
        store
            .enqueue_job_limited(99_999, "solve", &json!({}), 3)
            .await,
        Err(StoreError::NotFound(_))
    ));
}

async fn workers_claim_only_their_kinds(db: &TestDb) {
    let store = &db.store;
    let a = store.create_tenant("a", "Escuela A").await.unwrap();
    let export = store.enqueue_job(a.id, "export", &json!({})).await.unwrap();
    let solve = store.enqueue_job(a.id, "solve", &json!({})).await.unwrap();
    // The older export job is skipped by a worker that only solves, and stays queued.
    let claimed = store.claim_job("w", &["solve"]).await.unwrap().unwrap();
    assert_eq!(claimed.id, solve.id);
    assert!(store.claim_job("w", &["solve"]).await.unwrap().is_none());
    assert!(store.claim_job("w", &[]).await.unwrap().is_none());
    let waiting = store.get_job(a.id, export.id).await.unwrap().unwrap();
    assert_eq!(waiting.status, JobStatus::Queued);
    let other = store
        .claim_job("w2", &["solve", "export"])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(other.id, export.id);
}
