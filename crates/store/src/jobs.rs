//! The job queue (solve runs and other long work) in the platform database. On PostgreSQL several
//! server instances claim from it with `FOR UPDATE SKIP LOCKED`; on SQLite the claim is one
//! atomic UPDATE, which SQLite serialises.

use crate::connect::{Backend, Pools, Store, in_platform_tx, on_pool};
use crate::error::{Result, StoreError};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::types::Json;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    Queued,
    Running,
    Done,
    Failed,
    Cancelled,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
            JobStatus::Cancelled => "cancelled",
        }
    }
    pub fn parse(text: &str) -> Option<JobStatus> {
        [
            JobStatus::Queued,
            JobStatus::Running,
            JobStatus::Done,
            JobStatus::Failed,
            JobStatus::Cancelled,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
    pub fn is_finished(self) -> bool {
        matches!(
            self,
            JobStatus::Done | JobStatus::Failed | JobStatus::Cancelled
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Job {
    pub id: i64,
    pub tenant_id: i64,
    pub kind: String,
    pub status: JobStatus,
    pub params: serde_json::Value,
    pub progress: serde_json::Value,
    pub result: Option<serde_json::Value>,
    pub cancel_requested: bool,
    pub worker: Option<String>,
    pub heartbeat_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct JobRow {
    id: i64,
    tenant_id: i64,
    kind: String,
    status: String,
    params: Json<serde_json::Value>,
    progress: Json<serde_json::Value>,
    result: Option<Json<serde_json::Value>>,
    cancel_requested: bool,
    worker: Option<String>,
    heartbeat_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    started_at: Option<DateTime<Utc>>,
    finished_at: Option<DateTime<Utc>>,
}

impl TryFrom<JobRow> for Job {
    type Error = StoreError;
    fn try_from(r: JobRow) -> Result<Job> {
        let status = JobStatus::parse(&r.status)
            .ok_or_else(|| StoreError::Corrupt(format!("jobs.status del trabajo {}", r.id)))?;
        Ok(Job {
            id: r.id,
            tenant_id: r.tenant_id,
            kind: r.kind,
            status,
            params: r.params.0,
            progress: r.progress.0,
            result: r.result.map(|j| j.0),
            cancel_requested: r.cancel_requested,
            worker: r.worker,
            heartbeat_at: r.heartbeat_at,
            created_at: r.created_at,
            started_at: r.started_at,
            finished_at: r.finished_at,
        })
    }
}

const JOB_COLUMNS: &str = "id, tenant_id, kind, status, params, progress, result, cancel_requested, worker, heartbeat_at, created_at, started_at, finished_at";

/// A new queued job: $1 tenant, $2 kind, $3 params, $4 progress, $5 creation time.
fn insert_job_sql() -> String {
    format!(
        "INSERT INTO jobs (tenant_id, kind, status, params, progress, cancel_requested, created_at) \
         VALUES ($1, $2, 'queued', $3, $4, FALSE, $5) RETURNING {JOB_COLUMNS}"
    )
}

/// A running job whose worker has not reported for this long is considered dead.
pub const JOB_STALE_AFTER: Duration = Duration::from_secs(60);

impl Store {
    pub async fn enqueue_job(
        &self,
        tenant_id: i64,
        kind: &str,
        params: &serde_json::Value,
    ) -> Result<Job> {
        let sql = insert_job_sql();
        let row = on_pool!(self.pools(), |pool| {
            sqlx::query_as::<_, JobRow>(&sql)
                .bind(tenant_id)
                .bind(kind)
                .bind(Json(params))
                .bind(Json(serde_json::json!({})))
                .bind(Utc::now())
                .fetch_one(pool)
                .await?
        });
        row.try_into()
    }

    /// Queues a job unless the tenant already has `max_active` jobs queued or running
    /// (LimitReached, nothing written). The count and the insert are one transaction that
    /// holds the tenant's row (PostgreSQL) or the write lock (SQLite), so concurrent requests,
    /// even on several servers, cannot overshoot the limit.
    pub async fn enqueue_job_limited(
        &self,
        tenant_id: i64,
        kind: &str,
        params: &serde_json::Value,
        max_active: u32,
    ) -> Result<Job> {
        let insert = insert_job_sql();
        let count =
            "SELECT COUNT(*) FROM jobs WHERE tenant_id = $1 AND status IN ('queued', 'running')";
        let row = in_platform_tx!(self.pools(), |conn, backend| {
            // PostgreSQL: the tenant's row lock queues concurrent enqueues for this tenant.
            // SQLite: the write transaction already holds the only write lock.
            let lock = match backend {
                Backend::Postgres => "SELECT id FROM tenants WHERE id = $1 FOR UPDATE",
                Backend::Sqlite => "SELECT id FROM tenants WHERE id = $1",
            };
            let found = sqlx::query_scalar::<_, i64>(lock)
                .bind(tenant_id)
                .fetch_optional(&mut *conn)
                .await?;
            if found.is_none() {
                return Err(no_such_tenant(tenant_id));
            }
            let active = sqlx::query_scalar::<_, i64>(count)
                .bind(tenant_id)
                .fetch_one(&mut *conn)
                .await?;
            if active >= i64::from(max_active) {
                return Err(too_many_jobs(active, max_active));
            }
            sqlx::query_as::<_, JobRow>(&insert)
                .bind(tenant_id)
                .bind(kind)
                .bind(Json(params))
                .bind(Json(serde_json::json!({})))
                .bind(Utc::now())
                .fetch_one(&mut *conn)
                .await?
        });
        row.try_into()
    }

    /// Takes the oldest queued job of one of `kinds` (the kinds this worker knows how to run)
    /// and marks it running, or None when there is none. Two workers never get the same job;
    /// jobs of other kinds stay queued for a worker that handles them.
    pub async fn claim_job(&self, worker: &str, kinds: &[&str]) -> Result<Option<Job>> {
        if kinds.is_empty() {
            return Ok(None);
        }
        let now = Utc::now();
        // $1 worker, $2 time, $3.. the kinds.
        let kind_list = (0..kinds.len())
            .map(|i| format!("${}", i + 3))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = match self.pools() {
            Pools::Postgres(_) => format!(
                "UPDATE jobs SET status = 'running', worker = $1, started_at = $2, heartbeat_at = $2 \
                 WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND kind IN ({kind_list}) \
                 ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING {JOB_COLUMNS}"
            ),
            Pools::Sqlite(_) => format!(
                "UPDATE jobs SET status = 'running', worker = $1, started_at = $2, heartbeat_at = $2 \
                 WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND kind IN ({kind_list}) \
                 ORDER BY id LIMIT 1) AND status = 'queued' RETURNING {JOB_COLUMNS}"
            ),
        };
        let row = on_pool!(self.pools(), |pool| {
            let mut query = sqlx::query_as::<_, JobRow>(&sql).bind(worker).bind(now);
            for kind in kinds {
                query = query.bind(*kind);
            }
            query.fetch_optional(pool).await?
        });
        row.map(Job::try_from).transpose()
    }

    /// Records progress and counts as a heartbeat.
    pub async fn update_job_progress(&self, id: i64, progress: &serde_json::Value) -> Result<()> {
        on_pool!(self.pools(), |pool| {
            sqlx::query(
                "UPDATE jobs SET progress = $1, heartbeat_at = $2 WHERE id = $3 AND status = 'running'",
            )
            .bind(Json(progress))
            .bind(Utc::now())
            .bind(id)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Ends a job with its outcome (`Done`, `Failed` or `Cancelled`).
    pub async fn finish_job(
        &self,
        id: i64,
        status: JobStatus,
        result: &serde_json::Value,
    ) -> Result<()> {
        if !status.is_finished() {
            return Err(StoreError::Config(format!(
                "un trabajo no puede terminar con estado {}; use done, failed o cancelled",
                status.as_str()
            )));
        }
        let done = on_pool!(self.pools(), |pool| {
            sqlx::query("UPDATE jobs SET status = $1, result = $2, finished_at = $3 WHERE id = $4")
                .bind(status.as_str())
                .bind(Json(result))
                .bind(Utc::now())
                .bind(id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if done == 0 {
            return Err(StoreError::NotFound(format!("no existe el trabajo {id}")));
        }
        Ok(())
    }

    /// The job, only if it belongs to this tenant.
    pub async fn get_job(&self, tenant_id: i64, id: i64) -> Result<Option<Job>> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = $1 AND tenant_id = $2");
        let row = on_pool!(self.pools(), |pool| {
            sqlx::query_as::<_, JobRow>(&sql)
                .bind(id)
                .bind(tenant_id)
                .fetch_optional(pool)
                .await?
        });
        row.map(Job::try_from).transpose()
    }

    /// The tenant's latest jobs, newest first.
    pub async fn list_jobs(&self, tenant_id: i64, limit: i64) -> Result<Vec<Job>> {
        let sql = format!(
            "SELECT {JOB_COLUMNS} FROM jobs WHERE tenant_id = $1 ORDER BY id DESC LIMIT $2"
        );
        let rows = on_pool!(self.pools(), |pool| {
            sqlx::query_as::<_, JobRow>(&sql)
                .bind(tenant_id)
                .bind(limit)
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(Job::try_from).collect()
    }

    /// Asks a job to stop. A queued job is cancelled at once; a running one is flagged and its
    /// worker stops at its next check. False when the job is unknown or already finished.
    pub async fn request_cancel(&self, tenant_id: i64, id: i64) -> Result<bool> {
        let now = Utc::now();
        let done = on_pool!(self.pools(), |pool| {
            let queued = sqlx::query(
                "UPDATE jobs SET status = 'cancelled', cancel_requested = TRUE, finished_at = $1 \
                 WHERE id = $2 AND tenant_id = $3 AND status = 'queued'",
            )
            .bind(now)
            .bind(id)
            .bind(tenant_id)
            .execute(pool)
            .await?
            .rows_affected();
            let running = sqlx::query(
                "UPDATE jobs SET cancel_requested = TRUE \
                 WHERE id = $1 AND tenant_id = $2 AND status = 'running'",
            )
            .bind(id)
            .bind(tenant_id)
            .execute(pool)
            .await?
            .rows_affected();
            queued + running
        });
        Ok(done > 0)
    }

    /// Whether someone asked this job to stop (workers poll it between progress reports).
    pub async fn cancel_requested(&self, id: i64) -> Result<bool> {
        let flag = on_pool!(self.pools(), |pool| {
            sqlx::query_scalar::<_, bool>("SELECT cancel_requested FROM jobs WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        Ok(flag.unwrap_or(false))
    }

    /// Marks as failed the running jobs whose worker stopped reporting for [`JOB_STALE_AFTER`]
    /// (a crashed or killed process). Call on startup and now and then.
    pub async fn fail_orphaned_jobs(&self) -> Result<u64> {
        self.fail_stale_jobs(JOB_STALE_AFTER).await
    }

    /// Marks as failed the running jobs without a heartbeat for longer than `silence`; returns
    /// how many.
    pub async fn fail_stale_jobs(&self, silence: Duration) -> Result<u64> {
        let now = Utc::now();
        let cutoff = now
            - chrono::Duration::from_std(silence)
                .map_err(|_| StoreError::Config("intervalo demasiado largo".into()))?;
        let result = Json(serde_json::json!({
            "error": "el proceso que ejecutaba el trabajo se detuvo; vuelva a iniciarlo"
        }));
        Ok(on_pool!(self.pools(), |pool| {
            sqlx::query(
                "UPDATE jobs SET status = 'failed', result = $1, finished_at = $2 \
                 WHERE status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at <= $3)",
            )
            .bind(&result)
            .bind(now)
            .bind(cutoff)
            .execute(pool)
            .await?
            .rows_affected()
        }))
    }
}

fn too_many_jobs(active: i64, max_active: u32) -> StoreError {
    StoreError::LimitReached(format!(
        "la institución ya tiene {active} trabajo(s) en cola o en ejecución (máximo {max_active}); espere a que terminen o cancele alguno"
    ))
}

fn no_such_tenant(id: i64) -> StoreError {
    StoreError::NotFound(format!("no existe la institución {id}"))
}
