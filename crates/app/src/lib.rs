//! Use cases of BiScheduler: accounts and sessions, roles, school data, tenants, health.
//!
//! Callers (web, cli) talk to [`App`]; all SQL stays in `store`, all HTTP in `web`.

pub(crate) mod access;
mod accounts;
mod error;
pub mod fet;
mod health;
mod imports;
mod jobs;
mod members;
pub mod password;
mod platform;
mod provision;
mod school;
mod timetables;
mod views;

pub use access::{Action, MembershipView, Principal, TenantView, UserView};
pub use accounts::{LoginOutcome, SESSION_TTL_HOURS};
pub use error::{AppError, Result};
pub use health::{DatabaseHealth, DetailedHealth};
pub use imports::{ImportAnswer, MergeDecisions, TemplateFile, UploadedFile, template_file};
pub use jobs::{GENERATE_JOB, JobView, JobWorker};
pub use members::{MemberView, Members, NewMember};
pub use platform::{DatabaseStatus, Limits, NewAccount, ProvisionedLogin};
pub use provision::{DEMO_ADMIN_EMAIL, DEMO_TENANT};
pub use scheduling::{DemoSpec, MoveCheck, Report, Violation};
pub use school::{Listing, MAX_PAGE, Page};
pub use store::Backend;
pub use store::JobStatus;
pub use timetables::{
    MAX_THREADS, MAX_TIME_LIMIT_S, MoveApplied, MoveRequest, SolveOutcome, SolveParams,
    SolveProgress, TimetableMeasures, TimetableReport,
};

use std::sync::Arc;
use std::time::Instant;

/// The application: one per process, shared by every request (cheap to clone).
#[derive(Clone)]
pub struct App {
    store: store::Store,
    started: Instant,
    /// Open timetables (move checks) and the job worker's wake-up call.
    timetabling: Arc<timetables::Timetabling>,
    /// Job workers running in this process, for the health report.
    job_workers: Arc<std::sync::atomic::AtomicUsize>,
    /// Per-tenant job cap and login throttling (configurable, see [`App::with_limits`]).
    limits: Limits,
}

impl App {
    /// Opens the database named by `url` (`sqlite://PATH` or `postgres://...`).
    pub async fn connect(url: &str) -> Result<App> {
        Ok(App::new(store::Store::connect(url).await?))
    }

    pub fn new(store: store::Store) -> App {
        App {
            store,
            started: Instant::now(),
            timetabling: Arc::default(),
            job_workers: Arc::default(),
            limits: Limits::default(),
        }
    }

    pub fn backend(&self) -> Backend {
        self.store.backend()
    }

    /// Applies pending migrations to the platform database and every tenant; returns a
    /// human-readable summary.
    pub async fn migrate(&self) -> Result<String> {
        let r = self.store.migrate().await?;
        Ok(format!(
            "migraciones aplicadas: {} en la plataforma, {} en {} institución(es)",
            r.platform_applied, r.tenant_applied, r.tenants
        ))
    }

    /// Closes the pools (end of a CLI command), so SQLite files are released cleanly.
    pub async fn close(&self) {
        self.store.close().await;
    }
}
