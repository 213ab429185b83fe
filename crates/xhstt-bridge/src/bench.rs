//! `xhstt bench`: solve instances one by one and compare with the best known results.

use crate::error::BridgeError;
use crate::run::{TimeLimit, read_instance_file, solve_instance};
use solver::SolveOptions;
use std::collections::BTreeMap;
use std::path::Path;

/// One benchmarked instance.
#[derive(Clone, Debug)]
pub struct BenchRow {
    pub file: String,
    pub instance: String,
    pub infeasibility: u64,
    pub objective: u64,
    pub best: Option<(u64, u64)>,
    pub seconds: f64,
    pub peak_rss_kb: Option<u64>,
    pub moves_per_sec: f64,
    /// The solver's own cost equals the independent evaluator's.
    pub costs_agree: bool,
    pub model_bytes: usize,
    pub state_bytes: usize,
}

/// Solves one instance file under a wall-clock limit (peak memory measured for this solve alone).
pub fn bench_one(
    path: &Path,
    options: &SolveOptions,
    time_limit: f64,
    best_known: &BTreeMap<String, (u64, u64)>,
) -> Result<BenchRow, BridgeError> {
    let inst = read_instance_file(path)?;
    reset_peak_rss();
    let clock = TimeLimit::new(time_limit);
    let out = solve_instance(&inst, options, &clock, None, &|_| {})?;
    let file = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let cost = out.result.cost;
    Ok(BenchRow {
        best: best_known.get(&file).copied(),
        file,
        instance: inst.id.clone(),
        infeasibility: out.evaluation.infeasibility,
        objective: out.evaluation.objective,
        seconds: out.result.elapsed_secs,
        peak_rss_kb: peak_rss_kb(),
        moves_per_sec: out.result.iterations as f64 / out.result.elapsed_secs.max(1e-9),
        costs_agree: cost.hard as u64 == out.evaluation.infeasibility
            && cost.soft as u64 == out.evaluation.objective,
        model_bytes: out.result.model_bytes,
        state_bytes: out.result.state_bytes,
    })
}

/// The table printed by `xhstt bench`.
pub fn format_table(rows: &[BenchRow]) -> String {
    let mut s = format!(
        "{:<14} {:>6} {:>7} {:>11} {:>7} {:>8} {:>9} {:>10}\n",
        "instance", "inf", "obj", "best", "ratio", "secs", "peak_MB", "moves/s"
    );
    for r in rows {
        let best = r.best.map_or("-".into(), |(i, o)| format!("({i},{o})"));
        let ratio = r.best.map_or("-".into(), |(_, o)| {
            format!("{:.2}", (r.objective + 1) as f64 / (o + 1) as f64)
        });
        let mem = r
            .peak_rss_kb
            .map_or("-".into(), |k| format!("{:.1}", k as f64 / 1024.0));
        let flag = if r.costs_agree { "" } else { "  COST MISMATCH" };
        s += &format!(
            "{:<14} {:>6} {:>7} {:>11} {:>7} {:>8.1} {:>9} {:>10.0}{flag}\n",
            r.file.trim_end_matches(".xml"),
            r.infeasibility,
            r.objective,
            best,
            ratio,
            r.seconds,
            mem,
            r.moves_per_sec
        );
    }
    s + &summary(rows)
}

/// Feasibility where the best known is feasible, and the geometric mean of (obj+1)/(best+1)
/// over instances whose infeasibility matches the best known.
pub fn summary(rows: &[BenchRow]) -> String {
    let with_best: Vec<&BenchRow> = rows.iter().filter(|r| r.best.is_some()).collect();
    let feasible_targets = with_best
        .iter()
        .filter(|r| r.best.is_some_and(|(i, _)| i == 0))
        .count();
    let feasible_hit = with_best
        .iter()
        .filter(|r| r.best.is_some_and(|(i, _)| i == 0) && r.infeasibility == 0)
        .count();
    let logs: Vec<f64> = with_best
        .iter()
        .map(|r| ((r.objective + 1) as f64 / (r.best.map_or(0, |b| b.1) + 1) as f64).ln())
        .collect();
    let geo = if logs.is_empty() {
        f64::NAN
    } else {
        (logs.iter().sum::<f64>() / logs.len() as f64).exp()
    };
    format!(
        "feasible where best known is feasible: {feasible_hit}/{feasible_targets}; geometric mean (obj+1)/(best+1): {geo:.2}\n"
    )
}

/// Tab-separated rows with a header.
pub fn to_tsv(rows: &[BenchRow]) -> String {
    let mut s = String::from(
        "file\tinstance_id\tinfeasibility\tobjective\tbest_infeasibility\tbest_objective\tseconds\tpeak_rss_kb\tmoves_per_sec\tcosts_agree\tmodel_bytes\tstate_bytes\n",
    );
    for r in rows {
        let (bi, bo) = r.best.map_or(("".into(), "".into()), |(i, o)| {
            (i.to_string(), o.to_string())
        });
        s += &format!(
            "{}\t{}\t{}\t{}\t{bi}\t{bo}\t{:.2}\t{}\t{:.0}\t{}\t{}\t{}\n",
            r.file,
            r.instance,
            r.infeasibility,
            r.objective,
            r.seconds,
            r.peak_rss_kb.map_or(String::new(), |k| k.to_string()),
            r.moves_per_sec,
            r.costs_agree,
            r.model_bytes,
            r.state_bytes
        );
    }
    s
}

/// Resets the kernel's peak-RSS mark for this process (Linux); elsewhere a no-op.
pub fn reset_peak_rss() {
    // Writing 5 to clear_refs resets VmHWM to the current RSS; failure only loses precision.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak resident set size in KiB since the last reset (Linux).
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
