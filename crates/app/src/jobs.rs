//! Solve jobs: queued in the platform database, run by a worker task in `serve` on the
//! blocking pool, with their progress written to the job row and a cancel flag polled.
//!
//! A job whose process died is failed by [`store::Store::fail_orphaned_jobs`], at worker start
//! and then every [`SWEEP_EVERY`], so none is left "running" forever.

use crate::timetables::{SolveOutcome, SolveParams, SolveProgress};
use crate::{Action, App, AppError, Principal, Result};
use chrono::{DateTime, Utc};
use domain::Id;
use serde::Serialize;
use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use store::{Job, JobStatus};
use tokio::sync::watch;

/// The kind of job that generates a timetable.
pub const GENERATE_JOB: &str = "generate";
/// The kinds of job this worker runs: it claims only these, so a job of a kind another
/// (newer) server handles waits for that server instead of failing here.
const WORKER_KINDS: &[&str] = &[GENERATE_JOB];
/// How often a running job writes its progress (also its heartbeat).
const PROGRESS_EVERY: Duration = Duration::from_millis(500);
/// How often an idle worker looks at the queue when nobody wakes it.
const POLL_EVERY: Duration = Duration::from_secs(2);
/// How often the worker fails jobs of dead processes.
const SWEEP_EVERY: Duration = Duration::from_secs(30);

/// `GET /api/v1/jobs/{id}`.
#[derive(Debug, Clone, Serialize)]
pub struct JobView {
    pub id: i64,
    pub kind: String,
    pub status: JobStatus,
    pub progress: serde_json::Value,
    pub timetable_id: Option<Id>,
    pub error: Option<String>,
    pub result: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

impl From<Job> for JobView {
    fn from(j: Job) -> Self {
        let field = |name: &str| j.result.as_ref().and_then(|r| r.get(name)).cloned();
        JobView {
            id: j.id,
            timetable_id: field("timetable_id").and_then(|v| v.as_i64()),
            error: field("error").and_then(|v| v.as_str().map(String::from)),
            kind: j.kind,
            status: j.status,
            progress: j.progress,
            result: j.result,
            created_at: j.created_at,
            started_at: j.started_at,
            finished_at: j.finished_at,
        }
    }
}

/// The running worker of a `serve` process.
pub struct JobWorker {
    stop: watch::Sender<bool>,
    handle: tokio::task::JoinHandle<()>,
}

impl JobWorker {
    /// Stops taking jobs; a running search stops early and its best timetable is saved.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        if let Err(e) = self.handle.await {
            tracing::warn!(error = %e, "job worker ended abnormally");
        }
    }
}

impl App {
    /// `POST /api/v1/timetables/generate`: queues a solve (coordinator and above), unless the
    /// school already has [`crate::Limits::max_active_jobs_per_tenant`] jobs queued or running
    /// (TooManyRequests): one school cannot fill the queue that all schools share.
    pub async fn enqueue_generate(&self, who: &Principal, params: &SolveParams) -> Result<JobView> {
        who.require(Action::EditSchool)?;
        params.check()?;
        let tenant = who.school()?;
        let params = serde_json::to_value(params)
            .map_err(|e| AppError::Internal(format!("parámetros del trabajo: {e}")))?;
        let job = self
            .store
            .enqueue_job_limited(
                tenant.id,
                GENERATE_JOB,
                &params,
                self.limits.max_active_jobs_per_tenant,
            )
            .await?;
        self.timetabling.wake_worker.notify_one();
        Ok(job.into())
    }

    /// `GET /api/v1/jobs/{id}`: anyone who reads the school.
    pub async fn job(&self, who: &Principal, id: i64) -> Result<JobView> {
        who.require(Action::ReadSchool)?;
        let tenant = who.school()?;
        let job = self.store.get_job(tenant.id, id).await?;
        job.map(Into::into)
            .ok_or_else(|| AppError::NotFound(format!("no existe el trabajo {id}")))
    }

    /// `POST /api/v1/jobs/{id}/cancel`: a queued job is cancelled at once, a running one stops
    /// at its next progress report and keeps its best timetable.
    pub async fn cancel_job(&self, who: &Principal, id: i64) -> Result<JobView> {
        who.require(Action::EditSchool)?;
        let tenant = who.school()?;
        let job = self
            .store
            .get_job(tenant.id, id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no existe el trabajo {id}")))?;
        if job.status.is_finished() {
            return Err(AppError::field(
                "status",
                format!("el trabajo ya terminó ({})", job.status.as_str()),
            ));
        }
        self.store.request_cancel(tenant.id, id).await?;
        self.job(who, id).await
    }

    /// Starts the worker task of this process (call from `serve`, inside the runtime).
    pub fn start_job_worker(&self) -> JobWorker {
        let (stop, stopped) = watch::channel(false);
        let name = format!("pid{}-{:08x}", std::process::id(), rand_suffix());
        let app = self.clone();
        let handle = tokio::spawn(async move { app.work(name, stopped).await });
        JobWorker { stop, handle }
    }

    async fn work(&self, name: String, mut stop: watch::Receiver<bool>) {
        tracing::info!(worker = %name, "job worker started");
        let mut last_sweep: Option<Instant> = None;
        while !*stop.borrow() {
            if last_sweep.is_none_or(|t| t.elapsed() >= SWEEP_EVERY) {
                match self.store.fail_orphaned_jobs().await {
                    Ok(0) => {}
                    Ok(n) => tracing::warn!(jobs = n, "failed jobs of a process that died"),
                    Err(e) => tracing::warn!(error = %e, "could not sweep orphaned jobs"),
                }
                last_sweep = Some(Instant::now());
            }
            match self.store.claim_job(&name, WORKER_KINDS).await {
                Ok(Some(job)) => {
                    self.run_job(job, &stop).await;
                    continue;
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "could not claim a job"),
            }
            tokio::select! {
                changed = stop.changed() => if changed.is_err() { break },
                _ = self.timetabling.wake_worker.notified() => {}
                _ = tokio::time::sleep(POLL_EVERY) => {}
            }
        }
        tracing::info!(worker = %name, "job worker stopped");
    }

    async fn run_job(&self, job: Job, stop: &watch::Receiver<bool>) {
        let id = job.id;
        let (status, result) = match self.run_generate(&job, stop).await {
            Ok(o) if o.stopped_early => (JobStatus::Cancelled, json!(o)),
            Ok(o) => (JobStatus::Done, json!(o)),
            Err(e) => {
                tracing::warn!(job = id, error = %e, "job failed");
                // The job row is read back by API clients: what the school can act on is shown,
                // a server fault (database, files, configuration) only in the log.
                let shown = match &e {
                    AppError::Validation(_) | AppError::NotFound(_) | AppError::InUse(_) => {
                        e.to_string()
                    }
                    _ => "el trabajo falló por un error del servidor; el administrador encontrará la causa en el registro".to_string(),
                };
                (JobStatus::Failed, json!({ "error": shown }))
            }
        };
        if let Err(e) = self.store.finish_job(id, status, &result).await {
            tracing::error!(job = id, error = %e, "could not record the end of a job");
        }
    }

    async fn run_generate(&self, job: &Job, stop: &watch::Receiver<bool>) -> Result<SolveOutcome> {
        if job.kind != GENERATE_JOB {
            return Err(AppError::Internal(format!(
                "este servidor no sabe ejecutar trabajos «{}»",
                job.kind
            )));
        }
        let tenant =
            self.store.get_tenant(job.tenant_id).await?.ok_or_else(|| {
                AppError::NotFound("la institución del trabajo ya no existe".into())
            })?;
        let params: SolveParams = serde_json::from_value(job.params.clone())
            .map_err(|e| AppError::field("params", e.to_string()))?;
        let cancel = Arc::new(AtomicBool::new(false));
        let latest: Arc<Mutex<Option<SolveProgress>>> = Arc::default();
        let sink = latest.clone();
        let solve = self.solve_tenant(&tenant.slug, &params, cancel.clone(), move |p| {
            *sink.lock().unwrap_or_else(|e| e.into_inner()) = Some(p);
        });
        tokio::pin!(solve);
        let mut tick = tokio::time::interval(PROGRESS_EVERY);
        loop {
            tokio::select! {
                outcome = &mut solve => {
                    let best = *latest.lock().unwrap_or_else(|e| e.into_inner());
                    self.report_progress(job.id, best, &params).await;
                    return outcome;
                }
                _ = tick.tick() => {
                    let best = *latest.lock().unwrap_or_else(|e| e.into_inner());
                    self.report_progress(job.id, best, &params).await;
                    let asked = self.store.cancel_requested(job.id).await.unwrap_or(false);
                    if asked || *stop.borrow() {
                        cancel.store(true, Ordering::Relaxed);
                    }
                }
            }
        }
    }

    async fn report_progress(&self, id: i64, best: Option<SolveProgress>, params: &SolveParams) {
        let progress = match best {
            Some(p) => json!({
                "phase": "searching",
                "hard": p.hard,
                "soft": p.soft,
                "elapsed_s": p.elapsed_s,
                "iterations": p.iterations,
                "time_limit_s": params.time_limit_s,
            }),
            None => json!({ "phase": "preparing", "time_limit_s": params.time_limit_s }),
        };
        if let Err(e) = self.store.update_job_progress(id, &progress).await {
            tracing::warn!(job = id, error = %e, "could not write job progress");
        }
    }
}

/// Tells two workers of one process apart in the job rows (restarts reuse pids).
fn rand_suffix() -> u32 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    nanos ^ std::process::id().rotate_left(16)
}
