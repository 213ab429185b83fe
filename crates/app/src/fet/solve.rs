//! `fet solve`: a FET file through the same path as any school (FET model → school data →
//! `scheduling::compile` → the engine), back to FET's result forms.

use crate::{AppError, Result};
use domain::{Placement, Record, RuleKind, SchoolData, Timetable, TimetableData, TimetableStatus};
use interchange::fet::{
    ActivityPlace, FetImportReport, fet_to_school, places_from_placements, read_fet,
    write_activities, write_locked_fet,
};
use solver::{Progress, SolveOptions, Termination};
use std::collections::BTreeMap;
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
    /// Where the time went before the search, and the model's size.
    pub timings: FetTimings,
    pub model: FetModelSize,
    /// The hard cost left, per constraint label (largest first): where FET's check and ours
    /// part ways, or what the search could not satisfy.
    pub hard_by_label: Vec<(String, i64)>,
}

/// Seconds of each step before the search. `seconds` and `first_feasible_seconds` of
/// [`FetSolved`] count from the start of [`solve_fet`], so they include these.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FetTimings {
    /// XML text → FET model.
    pub parse_s: f64,
    /// FET model → school data.
    pub map_s: f64,
    /// School data → solver model.
    pub compile_s: f64,
}

impl FetTimings {
    /// Everything before the search starts.
    pub fn before_search_s(&self) -> f64 {
        self.parse_s + self.map_s + self.compile_s
    }
}

/// How big the solver's model of the file is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FetModelSize {
    pub events: usize,
    pub resources: usize,
    pub constraints: usize,
    pub monitors: usize,
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
    // The clock starts before parsing: the time limit and the first feasible second cover the
    // whole path, as FET's own seconds cover reading its file.
    let clock = Clock {
        started: Instant::now(),
        limit: params.time_limit_s,
        feasible: AtomicBool::new(false),
        until_feasible: params.until_feasible,
    };
    let invalid = |e: interchange::InterchangeError| AppError::Config(e.to_string());
    let fet = read_fet(text).map_err(invalid)?;
    let parsed = clock.elapsed_secs();
    let (school, report) = fet_to_school(&fet).map_err(invalid)?;
    let mapped = clock.elapsed_secs();
    let keep = fixed_places(&school);
    // A fixed place the grid cannot hold (FET would refuse it too) must not stop the solve.
    // `fet_to_school` validated the school: compiling does not validate it again.
    let compiled = scheduling::compile_validated(&school, Some(&keep))
        .or_else(|_| scheduling::compile_validated(&school, None))
        .map_err(|e| AppError::Config(format!("no se pudo compilar la escuela: {e}")))?;
    let timings = FetTimings {
        parse_s: parsed,
        map_s: mapped - parsed,
        compile_s: clock.elapsed_secs() - mapped,
    };
    let m = &compiled.model;
    let model = FetModelSize {
        events: m.num_events(),
        resources: m.num_resources(),
        constraints: m.num_constraints(),
        monitors: m.num_monitors(),
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
    let hard_by_label = hard_by_label(&compiled, &result.solution);
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
        timings,
        model,
        hard_by_label,
    })
}

/// Hard cost per constraint label, largest first (empty when the timetable is feasible).
fn hard_by_label(
    compiled: &scheduling::Compiled,
    solution: &solver::Solution,
) -> Vec<(String, i64)> {
    let Ok(eval) = compiled.evaluate(solution) else {
        return Vec::new();
    };
    let mut by: BTreeMap<&str, i64> = BTreeMap::new();
    for (c, cost) in eval.by_constraint.iter().enumerate() {
        if cost.hard > 0 {
            *by.entry(compiled.constraints[c].label.as_str())
                .or_default() += cost.hard;
        }
    }
    let mut list: Vec<(String, i64)> = by.into_iter().map(|(l, c)| (l.to_string(), c)).collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// FET's hard single-slot starting times (typically permanently locked activities) as locked
/// placements, which the compile path keeps where they are: the engine does not compile the
/// FET-only `preferred_starting_times` rule yet, and FET refuses a timetable that moves them.
fn fixed_places(school: &SchoolData) -> TimetableData {
    let mut placements = Vec::new();
    // Locked files pin most lessons: a lookup by id, not a scan per pinned block.
    let lessons: BTreeMap<i64, &domain::Lesson> =
        school.lessons.iter().map(|l| (l.id, &l.data)).collect();
    for r in &school.rules {
        let rule = &r.data;
        if rule.kind != RuleKind::PreferredStartingTimes || !rule.hard || !rule.enabled {
            continue;
        }
        let ids = |k: &str| -> Vec<i64> {
            rule.params
                .get(k)
                .and_then(|v| v.as_array())
                .map(|a| a.iter().filter_map(|x| x.as_i64()).collect())
                .unwrap_or_default()
        };
        let slots = rule.params.get("slots").and_then(|v| v.as_array());
        let [slot] = slots.map(|s| s.as_slice()).unwrap_or_default() else {
            continue;
        };
        let (Some(day), Some(period)) = (
            slot.get("day").and_then(|v| v.as_u64()),
            slot.get("period").and_then(|v| v.as_u64()),
        ) else {
            continue;
        };
        for (lesson_id, unit) in ids("lesson_ids").into_iter().zip(ids("blocks")) {
            let Some(lesson) = lessons.get(&lesson_id) else {
                continue;
            };
            let Some(&duration) = lesson.blocks().get(unit as usize) else {
                continue;
            };
            placements.push(Placement {
                timetable_id: 1,
                lesson_id,
                unit: unit as u16,
                day: day as u8,
                period: period as u8,
                duration,
                room_id: None,
                locked: true,
            });
        }
    }
    TimetableData {
        timetable: Record {
            id: 1,
            data: Timetable {
                name: "FET: actividades fijas".into(),
                status: TimetableStatus::Draft,
                school_year_id: None,
                source: "fet".into(),
                hard_cost: None,
                soft_cost: None,
            },
        },
        placements,
    }
}
