//! `fet solve`: a FET file through the same path as any school (FET model → school data →
//! `scheduling::compile` → the engine), back to FET's result forms.

use crate::{AppError, Result};
use interchange::fet::{
    ActivityPlace, FetImportReport, fet_to_school, places_from_placements, read_fet,
    write_activities, write_locked_fet,
};
use solver::{Progress, SolveOptions, Termination};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct FetSolveParams {
    pub time_limit_s: f64,
    pub seed: u64,
    pub threads: usize,
    /// Stop at the first timetable with no hard violation.
    pub until_feasible: bool,
    /// Moves per thread (deterministic budgets for tests).
    pub max_iterations: Option<u64>,
}

/// Our timetable for a FET file, in FET's forms.
#[derive(Debug, Clone)]
pub struct FetSolved {
    pub report: FetImportReport,
    pub places: Vec<ActivityPlace>,
    /// Active activities the engine left without a time.
    pub unplaced: usize,
    pub hard: i64,
    pub soft: i64,
    pub seconds: f64,
    pub first_feasible_seconds: Option<f64>,
    /// `NAME_activities.xml`.
    pub activities_xml: String,
    /// `NAME_data_and_timetable.fet`.
    pub locked_fet: String,
}

struct Clock {
    started: Instant,
    limit: f64,
    feasible: AtomicBool,
    until_feasible: bool,
}

impl Termination for Clock {
    fn elapsed_secs(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }
    fn should_stop(&self) -> bool {
        self.elapsed_secs() >= self.limit
            || (self.until_feasible && self.feasible.load(Ordering::Relaxed))
    }
}

/// Solves the FET file whose text is `text`. `progress` sees every new best.
pub fn solve_fet(
    text: &str,
    params: &FetSolveParams,
    progress: &(dyn Fn(&Progress) + Sync),
) -> Result<FetSolved> {
    let invalid = |e: interchange::InterchangeError| AppError::Config(e.to_string());
    let fet = read_fet(text).map_err(invalid)?;
    let (school, report) = fet_to_school(&fet).map_err(invalid)?;
    let compiled = scheduling::compile(&school, None)
        .map_err(|e| AppError::Config(format!("no se pudo compilar la escuela: {e}")))?;
    let clock = Clock {
        started: Instant::now(),
        limit: params.time_limit_s,
        feasible: AtomicBool::new(false),
        until_feasible: params.until_feasible,
    };
    let first_feasible: Mutex<Option<f64>> = Mutex::new(None);
    let on_progress = |p: &Progress| {
        if p.cost.hard == 0 {
            clock.feasible.store(true, Ordering::Relaxed);
            let mut first = first_feasible.lock().unwrap_or_else(|e| e.into_inner());
            first.get_or_insert(p.elapsed_secs);
        }
        progress(p);
    };
    let options = SolveOptions {
        threads: params.threads.max(1),
        seed: params.seed,
        max_iterations: params.max_iterations,
        ..SolveOptions::default()
    };
    let result = solver::solve(&compiled.model, &options, &clock, None, &on_progress);
    let placements = compiled.decode(&result.solution, 1);
    let places = places_from_placements(&fet, &report, &school, &placements);
    let first_feasible_seconds = *first_feasible.lock().unwrap_or_else(|e| e.into_inner());
    let activities_xml = write_activities(&places);
    let locked_fet = write_locked_fet(text, &places).map_err(invalid)?;
    Ok(FetSolved {
        unplaced: report.activity_blocks.len().saturating_sub(places.len()),
        report,
        places,
        hard: result.cost.hard,
        soft: result.cost.soft,
        seconds: result.elapsed_secs,
        first_feasible_seconds: first_feasible_seconds
            .or((result.cost.hard == 0).then_some(result.elapsed_secs)),
        activities_xml,
        locked_fet,
    })
}
