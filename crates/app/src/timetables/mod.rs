//! Timetables as use cases: generate one (see [`solve`]), report on it, check and apply manual
//! moves, lock and unlock placements.
//!
//! Move checks answer while a lesson is dragged over every cell, so each open timetable keeps
//! its compiled model and current solution in memory ([`cache`]), rebuilt on a miss.

mod cache;
mod measures;
mod moves;
pub(crate) mod solve;

pub use measures::TimetableMeasures;
pub use moves::{MoveApplied, MoveRequest};
pub use solve::{MAX_THREADS, MAX_TIME_LIMIT_S, SolveOutcome, SolveParams, SolveProgress};

use crate::{Action, App, AppError, Principal, Result};
use domain::{Id, Timetable};
use scheduling::{Report, RuleCost, SchedulingError};
use serde::Serialize;
use store::TenantStore;

/// State shared by every request and the job worker: the open timetables and the worker's
/// wake-up call.
#[derive(Default)]
pub(crate) struct Timetabling {
    pub(crate) open: cache::OpenTimetables,
    pub(crate) wake_worker: tokio::sync::Notify,
}

/// `GET /api/v1/timetables/{id}/report`.
#[derive(Debug, Clone, Serialize)]
pub struct TimetableReport {
    pub timetable_id: Id,
    pub name: String,
    #[serde(flatten)]
    pub report: Report,
    /// Soft cost per rule (the contract's name for `soft_by_rule`).
    pub breakdown: Vec<RuleCost>,
    pub measures: TimetableMeasures,
}

/// Scheduling errors are about the school's data or the timetable given: the user can fix
/// them (422), except a model the compiler could not build (a bug: 500).
pub(crate) fn scheduling_error(e: SchedulingError) -> AppError {
    match e {
        SchedulingError::Model(m) => AppError::Internal(m),
        SchedulingError::DemoSpec(_) => AppError::field("spec", e.to_string()),
        SchedulingError::Timetable(_) | SchedulingError::LockedPlacement(_) => {
            AppError::field("timetable", e.to_string())
        }
        SchedulingError::InvalidSchool(_) => AppError::field("school", e.to_string()),
    }
}

impl App {
    /// The caller's school store after checking `action`.
    pub(crate) async fn timetabling_store(
        &self,
        who: &Principal,
        action: Action,
    ) -> Result<TenantStore> {
        who.require(action)?;
        Ok(self.store.tenant(&who.school()?.slug).await?)
    }

    /// Reads the report of a timetable: teacher, viewer and above.
    pub async fn timetable_report(&self, who: &Principal, id: Id) -> Result<TimetableReport> {
        let db = self.timetabling_store(who, Action::ReadSchool).await?;
        self.report_in(&db, id).await
    }

    /// The operator's report (`bischeduler report`).
    pub async fn report_for_tenant(&self, slug: &str, id: Id) -> Result<TimetableReport> {
        let db = self.store.tenant(slug).await?;
        self.report_in(&db, id).await
    }

    async fn report_in(&self, db: &TenantStore, id: Id) -> Result<TimetableReport> {
        let open = self.open_timetable(db, id).await?;
        tokio::task::spawn_blocking(move || {
            let t = open.lock().unwrap_or_else(|e| e.into_inner());
            let report = t.report()?;
            Ok(TimetableReport {
                timetable_id: id,
                name: t.name.clone(),
                breakdown: report.soft_by_rule.clone(),
                measures: measures::measure(
                    &t.school,
                    t.checker.compiled(),
                    &t.current_placements(),
                    &report,
                ),
                report,
            })
        })
        .await
        .map_err(|e| AppError::Internal(format!("el informe se interrumpió: {e}")))?
    }

    /// Drops every open timetable of a tenant (its school data changed wholesale).
    pub(crate) fn forget_tenant_models(&self, tenant_id: i64) {
        self.timetabling.open.forget_tenant(tenant_id);
    }

    async fn timetable_record(
        &self,
        db: &TenantStore,
        id: Id,
    ) -> Result<domain::Record<Timetable>> {
        db.get::<Timetable>(id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no existe el horario {id}")))
    }
}
