//! `bischeduler fet bench`: FET and us on the same files with the same limit, each in its own
//! process (so each has its own peak memory and we pay our own process start, as a user
//! does), and our timetable checked by FET.

use super::cache::{CacheKey, FetCache, FetResult, fet_version};
use super::{SolveSummary, stem};
use anyhow::Context as _;
use app::fet::{ChildRun, run_bounded, run_fet, verify_places};
use indicatif::{ProgressBar, ProgressStyle};
use interchange::fet::read_activities;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const HEADER: &str = "file\tfet_ok\tfet_s\tfet_soft\tfet_peak_mib\tfet_cached\tours_hard\tours_verified\t\
ours_first_feasible_s\tours_before_search_s\tours_process_s\tours_fet_soft\tours_peak_mib\t\
model\tunsupported";

/// One bench row per file: FET alone, then us, our result checked by FET.
pub(super) fn bench(
    inputs: &[PathBuf],
    limit: f64,
    threads: usize,
    tsv: &Path,
    fet_cache: Option<&Path>,
) -> anyhow::Result<()> {
    let files = fet_files(inputs);
    let work = tempdir()?;
    let mut cache = match fet_cache {
        Some(path) => Some((FetCache::open(path)?, fet_version()?)),
        None => None,
    };
    let exe = std::env::current_exe().context("no se encontró el ejecutable bischeduler")?;
    let bar = ProgressBar::new(files.len() as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:30} {pos}/{len} {msg} [{elapsed_precise}, faltan ~{eta}]",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(Duration::from_millis(500));
    let mut rows = format!("{HEADER}\n");
    for (i, f) in files.iter().enumerate() {
        let dir = work.join(format!("{i}"));
        bar.set_message(format!("{}: FET", stem(f)));
        let (fet, fet_cached) = fet_side(f, &dir.join("fet"), limit, cache.as_mut())?;
        bar.set_message(format!("{}: BiScheduler", stem(f)));
        let ours = run_ours(&exe, f, &dir.join("ours"), limit, threads)?;
        let (verified, fet_soft) = match &ours.places {
            Some(places) => {
                bar.set_message(format!("{}: verificación de FET", stem(f)));
                // With every activity locked FET only has to place rooms; a long wait means it
                // is stuck on a refusal, so the check gets the bench limit (at least 10 s).
                let check_limit = (limit.ceil() as u64).max(10);
                let check = verify_places(f, places, &dir.join("check"), check_limit)?;
                (check.success, dash(check.soft_conflicts))
            }
            None => (false, "-".into()),
        };
        let s = ours.summary.as_ref();
        let _ = writeln!(
            rows,
            "{}\t{}\t{:.3}\t{}\t{}\t{fet_cached}\t{}\t{verified}\t{}\t{}\t{:.3}\t{fet_soft}\t{}\t{}\t{}",
            f.display(),
            fet.success,
            fet.seconds,
            dash(fet.soft_conflicts),
            mib(fet.peak_kib),
            s.map_or("-".into(), |s| s.hard.to_string()),
            // Milliseconds: the summary's time ratio is taken from these columns.
            secs(s.and_then(|s| s.first_feasible_seconds)),
            secs(s.map(|s| s.before_search_s)),
            ours.run.seconds,
            mib(ours.run.peak_kib),
            s.map_or("-".into(), |s| format!(
                "{}e/{}r/{}m",
                s.events, s.resources, s.monitors
            )),
            match s {
                Some(s) => s.unsupported.join(","),
                None => ours.failure.clone(),
            },
        );
        // Written after every file, so a long bench that is stopped keeps its rows.
        std::fs::write(tsv, &rows).with_context(|| tsv.display().to_string())?;
        bar.inc(1);
        let _ = std::fs::remove_dir_all(&dir);
    }
    bar.finish_and_clear();
    print_table(&rows);
    print!("{}", super::summary::summarize(&rows));
    println!("TSV: {}", tsv.display());
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

/// FET's side of one row: from the cache when it holds this file at this limit for this FET
/// (then `true`), otherwise `fet-cl` is run and its result stored.
fn fet_side(
    file: &Path,
    out: &Path,
    limit: f64,
    cache: Option<&mut (FetCache, String)>,
) -> anyhow::Result<(FetResult, bool)> {
    let limit_s = limit.ceil() as u64;
    let key = match &cache {
        Some((_, version)) => {
            let content = std::fs::read(file).with_context(|| file.display().to_string())?;
            Some(CacheKey::new(&content, limit_s, version))
        }
        None => None,
    };
    if let (Some((cache, _)), Some(key)) = (&cache, &key)
        && let Some(hit) = cache.get(key)
    {
        return Ok((hit.clone(), true));
    }
    let run = run_fet(file, out, limit_s)?;
    let result = FetResult {
        success: run.success,
        seconds: run.seconds,
        soft_conflicts: run.soft_conflicts,
        peak_kib: run.peak_kib,
    };
    if let (Some((cache, _)), Some(key)) = (cache, key) {
        cache.put(key, result.clone(), file)?;
    }
    Ok((result, false))
}

/// Our side of one row.
struct Ours {
    run: ChildRun,
    summary: Option<SolveSummary>,
    places: Option<Vec<interchange::fet::ActivityPlace>>,
    /// Why there is no summary (our last words on stderr).
    failure: String,
}

/// `bischeduler fet solve` on `file` as a child process, its summary and places read back.
fn run_ours(
    exe: &Path,
    file: &Path,
    out: &Path,
    limit: f64,
    threads: usize,
) -> anyhow::Result<Ours> {
    std::fs::create_dir_all(out).with_context(|| out.display().to_string())?;
    let summary_path = out.join("summary.json");
    let err_path = out.join("stderr.txt");
    let err = std::fs::File::create(&err_path).with_context(|| err_path.display().to_string())?;
    let mut cmd = Command::new(exe);
    cmd.args(["fet", "solve"])
        .arg(file)
        .arg("-o")
        .arg(out)
        .arg(format!("--time-limit={limit}"))
        .arg(format!("--threads={threads}"))
        .arg("--seed=1")
        .arg("--summary")
        .arg(&summary_path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(err);
    // Parsing and writing a large file take seconds on top of the search limit.
    let deadline = Duration::from_secs_f64(limit + 60.0);
    let run = run_bounded(&mut cmd, deadline)?;
    let summary = std::fs::read_to_string(&summary_path)
        .ok()
        .and_then(|t| SolveSummary::from_json(&t));
    let xml = out.join(format!("{}_activities.xml", stem(file)));
    let places = match (&summary, std::fs::read_to_string(&xml)) {
        (Some(_), Ok(text)) => Some(read_activities(&text).context("leer nuestro XML")?),
        _ => None,
    };
    let failure = if summary.is_some() {
        String::new()
    } else {
        let text = std::fs::read_to_string(&err_path).unwrap_or_default();
        let last = text.lines().rev().find(|l| !l.trim().is_empty());
        format!("error: {}", last.unwrap_or("sin resumen").trim())
    };
    Ok(Ours {
        run,
        summary,
        places,
        failure,
    })
}

fn secs(v: Option<f64>) -> String {
    v.map_or("-".into(), |s| format!("{s:.3}"))
}

fn dash(v: Option<f64>) -> String {
    v.map_or("-".into(), |s| format!("{s:.2}"))
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or("-".into(), |k| format!("{:.0}", k as f64 / 1024.0))
}

/// The TSV as an aligned table (file name only, without the long unsupported list).
fn print_table(rows: &str) {
    let table: Vec<Vec<String>> = rows
        .lines()
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let name = Path::new(cols[0])
                .file_name()
                .map_or(cols[0].into(), |n| n.to_string_lossy().into_owned());
            std::iter::once(name)
                .chain(cols[1..cols.len() - 1].iter().map(|c| c.to_string()))
                .collect()
        })
        .collect();
    let widths: Vec<usize> = (0..table[0].len())
        .map(|c| {
            table
                .iter()
                .map(|r| r.get(c).map_or(0, |x| x.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in &table {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("{}", line.join("  ").trim_end());
    }
}

fn fet_files(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = inputs.to_vec();
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&p) {
                stack.extend(entries.flatten().map(|e| e.path()));
            }
        } else if p.extension().is_some_and(|e| e == "fet") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// A fresh work directory for FET's and our output files.
fn tempdir() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("bischeduler-fet-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| dir.display().to_string())?;
    Ok(dir)
}
