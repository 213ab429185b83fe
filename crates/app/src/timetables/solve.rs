//! Generating a timetable: load the school, compile it, search on the blocking pool until the
//! time limit or a cancel, and save the best as a draft version.

use crate::{App, AppError, Result};
use domain::{Id, SchoolData, Timetable, TimetableData, TimetableStatus};
use serde::{Deserialize, Serialize};
use solver::{SolveOptions, Termination};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Longest search a request may ask for.
pub const MAX_TIME_LIMIT_S: f64 = 3600.0;
/// Most search threads a request may ask for.
pub const MAX_THREADS: usize = 64;

/// How to search: `POST /api/v1/timetables/generate` and `bischeduler solve`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolveParams {
    #[serde(default = "default_time_limit")]
    pub time_limit_s: f64,
    #[serde(default)]
    pub seed: u64,
    #[serde(default = "one")]
    pub threads: usize,
    /// The locked placements of this timetable stay where they are.
    #[serde(default)]
    pub keep_locked_from: Option<Id>,
    /// Name of the new version; a dated default when absent.
    #[serde(default)]
    pub name: Option<String>,
    /// Stop after this many search steps as well as at the time limit: a budget that does not
    /// depend on how busy the machine is (tests, reproducible runs).
    #[serde(default)]
    pub max_iterations: Option<u64>,
}

fn default_time_limit() -> f64 {
    10.0
}
fn one() -> usize {
    1
}

impl Default for SolveParams {
    fn default() -> Self {
        SolveParams {
            time_limit_s: default_time_limit(),
            seed: 0,
            threads: 1,
            keep_locked_from: None,
            name: None,
            max_iterations: None,
        }
    }
}

impl SolveParams {
    pub fn check(&self) -> Result<()> {
        let mut e = domain::FieldErrors::default();
        if !(self.time_limit_s > 0.0 && self.time_limit_s <= MAX_TIME_LIMIT_S) {
            e.add(
                "time_limit_s",
                format!("debe ser mayor que 0 y a lo sumo {MAX_TIME_LIMIT_S} segundos"),
            );
        }
        if !(1..=MAX_THREADS).contains(&self.threads) {
            e.add("threads", format!("debe estar entre 1 y {MAX_THREADS}"));
        }
        if let Some(name) = &self.name
            && (name.trim().is_empty() || name.chars().count() > 120)
        {
            e.add("name", "debe tener entre 1 y 120 caracteres");
        }
        Ok(e.into_result()?)
    }
}

/// A new best timetable during a search.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SolveProgress {
    pub hard: i64,
    pub soft: i64,
    pub elapsed_s: f64,
    pub iterations: u64,
}

/// What a finished search left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolveOutcome {
    pub timetable_id: Id,
    pub hard: i64,
    pub soft: i64,
    pub elapsed_s: f64,
    pub iterations: u64,
    /// When the search first reached zero hard violations (None if it never did).
    pub zero_hard_at_s: Option<f64>,
    /// True when the search was stopped before its time limit (the best is kept).
    pub stopped_early: bool,
}

/// The search's clock: the time limit, or the caller's cancel flag.
struct Budget {
    started: Instant,
    limit_s: f64,
    cancel: Arc<AtomicBool>,
}

impl Termination for Budget {
    fn elapsed_secs(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }
    fn should_stop(&self) -> bool {
        self.cancel.load(Ordering::Relaxed) || self.elapsed_secs() >= self.limit_s
    }
}

impl App {
    /// Generates and saves a draft timetable for the tenant `slug`. `cancel` stops the search
    /// early (the best so far is kept); `on_progress` hears every new best.
    pub async fn solve_tenant(
        &self,
        slug: &str,
        params: &SolveParams,
        cancel: Arc<AtomicBool>,
        on_progress: impl Fn(SolveProgress) + Send + Sync + 'static,
    ) -> Result<SolveOutcome> {
        params.check()?;
        let db = self.store.tenant(slug).await?;
        let school = db.load_school().await?;
        if school.lessons.is_empty() {
            return Err(AppError::field(
                "lessons",
                "la institución no tiene clases que planificar; importe sus datos primero",
            ));
        }
        let keep = match params.keep_locked_from {
            Some(id) => Some(
                school
                    .timetables
                    .iter()
                    .find(|t| t.timetable.id == id)
                    .cloned()
                    .ok_or_else(|| AppError::field("keep_locked_from", "no existe ese horario"))?,
            ),
            None => None,
        };
        let search_params = params.clone();
        let (placements, result, zero_hard_at, cancelled) =
            tokio::task::spawn_blocking(move || {
                let (p, r, z) = search(
                    &school,
                    keep.as_ref(),
                    &search_params,
                    &cancel,
                    &on_progress,
                )?;
                Ok::<_, AppError>((p, r, z, cancel.load(Ordering::Relaxed)))
            })
            .await
            .map_err(|e| AppError::Internal(format!("la búsqueda se interrumpió: {e}")))??;
        let name = params.name.clone().unwrap_or_else(|| {
            format!(
                "Generado {}",
                chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
            )
        });
        let timetable = Timetable {
            name,
            status: TimetableStatus::Draft,
            school_year_id: None,
            source: "solver".into(),
            hard_cost: Some(result.cost.hard.max(0) as u64),
            soft_cost: Some(result.cost.soft.max(0) as u64),
        };
        let record = db.save_timetable(&timetable, &placements).await?;
        Ok(SolveOutcome {
            timetable_id: record.id,
            hard: result.cost.hard,
            soft: result.cost.soft,
            elapsed_s: result.elapsed_secs,
            iterations: result.iterations,
            zero_hard_at_s: zero_hard_at,
            stopped_early: cancelled,
        })
    }
}

type Searched = (Vec<domain::Placement>, solver::SolveResult, Option<f64>);

/// The CPU part: compile, solve, decode. Runs on the blocking pool.
fn search(
    school: &SchoolData,
    keep: Option<&TimetableData>,
    params: &SolveParams,
    cancel: &Arc<AtomicBool>,
    on_progress: &(dyn Fn(SolveProgress) + Send + Sync),
) -> Result<Searched> {
    let compiled = scheduling::compile(school, keep).map_err(super::scheduling_error)?;
    let budget = Budget {
        started: Instant::now(),
        limit_s: params.time_limit_s,
        cancel: cancel.clone(),
    };
    let options = SolveOptions {
        threads: params.threads,
        seed: params.seed,
        max_iterations: params.max_iterations,
        // Warm start: re-solving a kept timetable starts from it and never ends worse.
        initial: keep.and_then(|k| compiled.encode(&k.placements).ok()),
        ..SolveOptions::default()
    };
    let zero_hard_at = std::sync::Mutex::new(None::<f64>);
    let result = solver::solve(
        &compiled.model,
        &options,
        &budget,
        Some(cancel),
        &|p: &solver::Progress| {
            if p.cost.hard == 0 {
                let mut z = zero_hard_at.lock().unwrap_or_else(|e| e.into_inner());
                z.get_or_insert(p.elapsed_secs);
            }
            on_progress(SolveProgress {
                hard: p.cost.hard,
                soft: p.cost.soft,
                elapsed_s: p.elapsed_secs,
                iterations: p.iterations,
            });
        },
    );
    // The decoded placements carry a placeholder timetable id; the store sets the real one.
    let placements = compiled.decode(&result.solution, 0);
    let zero = zero_hard_at.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok((placements, result, zero))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_checked() {
        assert!(SolveParams::default().check().is_ok());
        let bad = SolveParams {
            time_limit_s: 0.0,
            threads: 0,
            name: Some(" ".into()),
            ..SolveParams::default()
        };
        let Err(AppError::Validation(f)) = bad.check() else {
            panic!("expected field errors");
        };
        assert!(f.0.contains_key("time_limit_s"));
        assert!(f.0.contains_key("threads"));
        assert!(f.0.contains_key("name"));
    }

    #[test]
    fn the_budget_stops_on_cancel() {
        let cancel = Arc::new(AtomicBool::new(false));
        let b = Budget {
            started: Instant::now(),
            limit_s: 1000.0,
            cancel: cancel.clone(),
        };
        assert!(!b.should_stop());
        cancel.store(true, Ordering::Relaxed);
        assert!(b.should_stop());
    }
}
