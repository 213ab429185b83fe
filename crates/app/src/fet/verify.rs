//! FET as an independent judge: run `fet-cl` on a file (its own solve, or ours locked in place)
//! and read what it says: success, FET's soft-conflicts total, seconds.

use crate::{AppError, Result};
use interchange::fet::{ActivityPlace, read_activities, write_locked_fet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// What one `fet-cl` run ended with.
#[derive(Debug, Clone, PartialEq)]
pub struct FetRun {
    /// FET found (or, for a locked file, accepted) a timetable with no hard violation.
    pub success: bool,
    /// FET's "Total soft conflicts" of that timetable.
    pub soft_conflicts: Option<f64>,
    pub seconds: f64,
    /// The last lines FET printed when it did not succeed (why, in its words).
    pub message: String,
    /// Where FET wrote its files (`timetables/NAME/...`).
    pub output_dir: PathBuf,
    /// FET's own places (from `NAME_activities.xml`) when it succeeded.
    pub places: Vec<ActivityPlace>,
    /// FET's peak resident memory (KiB), sampled while it ran.
    pub peak_kib: Option<u64>,
}

/// A child process run to its end or to a deadline.
#[derive(Debug, Clone)]
pub struct ChildRun {
    /// `None` when it was stopped at the deadline.
    pub status: Option<std::process::ExitStatus>,
    pub seconds: f64,
    /// Peak resident memory (KiB, the kernel's high-water mark) as last sampled before it ended.
    pub peak_kib: Option<u64>,
}

/// Runs `cmd` (its output already redirected) and waits at most `deadline`, stopping only this
/// child by its own handle when it overruns. Samples the child's memory high-water mark every
/// 20 ms; the kernel keeps the mark monotonic, so the last sample misses at most the final
/// 20 ms of the run.
pub fn run_bounded(cmd: &mut Command, deadline: Duration) -> Result<ChildRun> {
    let started = Instant::now();
    let mut child = cmd.spawn().map_err(|e| {
        AppError::Config(format!(
            "no se pudo ejecutar {} ({e})",
            cmd.get_program().to_string_lossy()
        ))
    })?;
    let status_path = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut peak_kib = None;
    let status = loop {
        if let Some(kib) = high_water_kib(&status_path) {
            peak_kib = Some(kib);
        }
        let waited = child
            .try_wait()
            .map_err(|e| AppError::Internal(format!("no se pudo esperar al proceso: {e}")))?;
        if let Some(status) = waited {
            break Some(status);
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Ok(ChildRun {
        status,
        seconds: started.elapsed().as_secs_f64(),
        peak_kib,
    })
}

/// `VmHWM` of a `/proc/PID/status` file (absent once the process has exited).
fn high_water_kib(status_path: &Path) -> Option<u64> {
    let text = std::fs::read_to_string(status_path).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs `fet-cl` on `input` with a time limit, writing into `output_dir` (only the files the
/// check needs: conflicts and XML, no HTML or statistics).
pub fn run_fet(input: &Path, output_dir: &Path, time_limit_s: u64) -> Result<FetRun> {
    std::fs::create_dir_all(output_dir).map_err(io("crear", output_dir))?;
    let mut cmd = Command::new("fet-cl");
    cmd.arg(format!("--inputfile={}", input.display()))
        .arg(format!("--outputdir={}", output_dir.display()))
        .arg(format!("--timelimitseconds={}", time_limit_s.max(1)))
        .arg("--htmllevel=0");
    for off in [
        "writetimetablesstatistics",
        "writetimetablesdayshorizontal",
        "writetimetablesdaysvertical",
        "writetimetablestimehorizontal",
        "writetimetablestimevertical",
    ] {
        cmd.arg(format!("--{off}=false"));
    }
    // FET does not always honour its own time limit (a file whose locked activities clash can
    // keep it searching), so the run is bounded here too and its output goes to files (a full
    // pipe must not block it).
    let log_path = output_dir.join("fet-cl.out");
    let log = std::fs::File::create(&log_path).map_err(io("crear", &log_path))?;
    let err = log.try_clone().map_err(io("crear", &log_path))?;
    cmd.stdout(log).stderr(err);
    let deadline = Duration::from_secs(time_limit_s.max(1) + 10);
    let run = run_bounded(&mut cmd, deadline).map_err(|e| match e {
        AppError::Config(_) => AppError::Config(format!(
            "no se pudo ejecutar fet-cl; instálelo con «apt-get install fet» ({e})"
        )),
        other => other,
    })?;
    let (status, seconds) = (run.status, run.seconds);
    let stdout = std::fs::read_to_string(&log_path).unwrap_or_default();
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let dir = output_dir.join("timetables").join(&stem);
    let result_log =
        std::fs::read_to_string(output_dir.join("logs/result.txt")).unwrap_or_default();
    let success = status.is_some_and(|s| s.success())
        && (stdout.contains("Simulation successful")
            || result_log.contains("Simulation successful"));
    let soft_conflicts = std::fs::read_to_string(dir.join(format!("{stem}_soft_conflicts.txt")))
        .ok()
        .and_then(|t| soft_total(&t));
    let places = if success {
        let xml = std::fs::read_to_string(dir.join(format!("{stem}_activities.xml")))
            .map_err(io("leer", &dir))?;
        read_activities(&xml).map_err(|e| AppError::Internal(e.to_string()))?
    } else {
        Vec::new()
    };
    let message = if success {
        String::new()
    } else {
        let lines: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
        let tail = lines[lines.len().saturating_sub(8)..].join("\n");
        if status.is_none() {
            format!(
                "fet-cl no terminó en {} s y se detuvo\n{tail}",
                deadline.as_secs()
            )
        } else {
            tail
        }
    };
    Ok(FetRun {
        success,
        soft_conflicts,
        seconds,
        message,
        output_dir: dir,
        places,
        peak_kib: run.peak_kib,
    })
}

/// Checks places by FET itself: the original file plus every place locked at 100 %, written
/// to `work_dir/NAME.fet`, then `fet-cl` on it. Success means FET accepts the timetable with
/// no hard violation; its soft-conflicts total is FET's own count of our soft cost.
pub fn verify_places(
    original: &Path,
    places: &[ActivityPlace],
    work_dir: &Path,
    time_limit_s: u64,
) -> Result<FetRun> {
    let text = std::fs::read_to_string(original).map_err(io("leer", original))?;
    let locked = write_locked_fet(&text, places).map_err(|e| AppError::Internal(e.to_string()))?;
    std::fs::create_dir_all(work_dir).map_err(io("crear", work_dir))?;
    let name = original.file_name().unwrap_or_else(|| "input.fet".as_ref());
    let copy = work_dir.join(name);
    std::fs::write(&copy, locked).map_err(io("escribir", &copy))?;
    run_fet(&copy, &work_dir.join("fet-out"), time_limit_s)
}

/// "Total soft conflicts: 8.55" → 8.55.
pub fn soft_total(text: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("Total soft conflicts:"))
        .and_then(|v| v.trim().parse().ok())
}

fn io<'a>(what: &'a str, path: &'a Path) -> impl Fn(std::io::Error) -> AppError + 'a {
    move |e| AppError::Internal(format!("no se pudo {what} {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_soft_total() {
        let t = "Soft conflicts of x.fet\n\nNumber of broken soft constraints: 9\nTotal soft conflicts: 8.55\n";
        assert_eq!(soft_total(t), Some(8.55));
        assert_eq!(soft_total("nothing"), None);
    }
}
