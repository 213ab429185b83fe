//! The library side of `bischeduler xhstt solve|eval|bench`.

use crate::error::BridgeError;
use crate::{compile, to_xhstt};
use solver::{Progress, SolveOptions, SolveResult, Termination};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;
use xhstt::{Archive, ArchiveMetadata, Instance, SolutionGroup, SolutionGroupMetadata};

/// Wall-clock termination: stop after `limit_secs`.
pub struct TimeLimit {
    start: Instant,
    limit_secs: f64,
}

impl TimeLimit {
    pub fn new(limit_secs: f64) -> Self {
        TimeLimit {
            start: Instant::now(),
            limit_secs,
        }
    }
}

impl Termination for TimeLimit {
    fn elapsed_secs(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }
    fn should_stop(&self) -> bool {
        self.elapsed_secs() >= self.limit_secs
    }
}

/// Reads an archive file (instances and/or solutions).
pub fn read_archive_file(path: &Path) -> Result<Archive, BridgeError> {
    let text = std::fs::read_to_string(path).map_err(|source| BridgeError::Io {
        path: path.into(),
        source,
    })?;
    xhstt::read_archive(&text).map_err(|source| BridgeError::Read {
        path: path.into(),
        source,
    })
}

/// The first instance of an archive file.
pub fn read_instance_file(path: &Path) -> Result<Instance, BridgeError> {
    read_archive_file(path)?
        .instances
        .into_iter()
        .next()
        .ok_or_else(|| BridgeError::NoInstance { path: path.into() })
}

/// A solved instance: the archive to write and both views of its cost.
pub struct SolveOutcome {
    pub archive: Archive,
    pub evaluation: xhstt::Evaluation,
    pub result: SolveResult,
}

/// Compiles, solves and evaluates `inst`; the archive holds the instance and one solution group
/// with the solution and its report.
pub fn solve_instance(
    inst: &Instance,
    options: &SolveOptions,
    termination: &dyn Termination,
    cancel: Option<&AtomicBool>,
    progress: &(dyn Fn(&Progress) + Sync),
) -> Result<SolveOutcome, BridgeError> {
    let model = compile(inst)?;
    let result = solver::solve(&model, options, termination, cancel, progress);
    let mut solution = to_xhstt(inst, 0, &result.solution);
    let evaluation = xhstt::evaluate(inst, &solution);
    solution.report = Some(evaluation.to_report(inst));
    solution.running_time = Some(format!("{:.1}", result.elapsed_secs));
    solution.description = Some(format!(
        "BiScheduler, {} hilo(s), semilla {}, {} movimientos",
        options.threads, options.seed, result.iterations
    ));
    let date = today();
    let archive = Archive {
        id: Some(format!("BiScheduler_{}", inst.id)),
        metadata: Some(ArchiveMetadata {
            name: format!("BiScheduler solution of {}", inst.id),
            contributor: "BiScheduler".into(),
            date: date.clone(),
            description: "Solución generada por el motor de BiScheduler".into(),
            remarks: None,
        }),
        instances: vec![inst.clone()],
        solution_groups: vec![SolutionGroup {
            id: "BiScheduler".into(),
            metadata: SolutionGroupMetadata {
                contributor: "BiScheduler".into(),
                date,
                description: "BiScheduler timetabling engine (late acceptance hill climbing)"
                    .into(),
                publication: None,
                remarks: None,
            },
            solutions: vec![solution],
        }],
    };
    Ok(SolveOutcome {
        archive,
        evaluation,
        result,
    })
}

/// One line per solution: `instance_id \t group \t infeasibility \t objective`; with `detail`,
/// an indented line per constraint with a positive cost.
pub fn eval_lines(archive: &Archive, detail: bool) -> Vec<String> {
    let mut lines = Vec::new();
    for group in &archive.solution_groups {
        for sol in &group.solutions {
            let inst = &archive.instances[sol.instance];
            let ev = xhstt::evaluate(inst, sol);
            lines.push(format!(
                "{}\t{}\t{}\t{}",
                inst.id, group.id, ev.infeasibility, ev.objective
            ));
            if detail {
                for cc in ev.per_constraint.iter().filter(|c| c.cost > 0) {
                    let kind = if cc.required { "hard" } else { "soft" };
                    lines.push(format!(
                        "  {}\t{:?}\t{}\t{}\t{} puntos",
                        cc.id,
                        cc.constraint_type,
                        kind,
                        cc.cost,
                        cc.deviations.len()
                    ));
                }
            }
        }
    }
    lines
}

/// `best-known.tsv`: file name → (infeasibility, objective).
pub fn parse_best_known(text: &str) -> BTreeMap<String, (u64, u64)> {
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some((
                f.first()?.to_string(),
                (f.get(3)?.parse().ok()?, f.get(4)?.parse().ok()?),
            ))
        })
        .collect()
}

/// The `*.xml` files of a directory, sorted by name.
pub fn list_instances(dir: &Path) -> Result<Vec<PathBuf>, BridgeError> {
    let entries = std::fs::read_dir(dir).map_err(|source| BridgeError::Io {
        path: dir.into(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Today's UTC date as YYYY-MM-DD (civil-from-days).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
