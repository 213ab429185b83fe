//! `bischeduler xhstt solve|eval|bench`: XHSTT-2014 instances through the engine.

use anyhow::Context;
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use solver::SolveOptions;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use xhstt_bridge::BridgeError;

#[derive(Subcommand)]
pub enum XhsttCommand {
    /// Solve an instance and write an archive with the instance, the solution and its report.
    Solve {
        /// XHSTT archive holding the instance (the first one is solved).
        instance: PathBuf,
        /// Where to write the solution archive.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Seconds of search.
        #[arg(long, default_value_t = 60.0)]
        time_limit: f64,
        /// Independent searches in parallel (one thread with a seed is deterministic).
        #[arg(long, default_value_t = 2)]
        threads: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Evaluate every solution in an archive.
    Eval {
        /// Archive file.
        file: PathBuf,
        /// Add the cost of every violated constraint.
        #[arg(long)]
        detail: bool,
    },
    /// Solve every instance of a directory and compare with DIR/../best-known.tsv.
    Bench {
        /// Directory of instance files (*.xml).
        dir: PathBuf,
        #[arg(long, default_value_t = 60.0)]
        time_limit: f64,
        #[arg(long, default_value_t = 2)]
        threads: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the results as TSV.
        #[arg(long, default_value = "xhstt-bench.tsv")]
        tsv: PathBuf,
    },
}

pub fn run(command: XhsttCommand) -> anyhow::Result<ExitCode> {
    let result = match command {
        XhsttCommand::Solve {
            instance,
            output,
            time_limit,
            threads,
            seed,
        } => solve(
            &instance,
            &output,
            time_limit,
            SolveOptions {
                threads,
                seed,
                ..SolveOptions::default()
            },
        ),
        XhsttCommand::Eval { file, detail } => eval(&file, detail),
        XhsttCommand::Bench {
            dir,
            time_limit,
            threads,
            seed,
            tsv,
        } => bench(
            &dir,
            time_limit,
            SolveOptions {
                threads,
                seed,
                ..SolveOptions::default()
            },
            &tsv,
        ),
    };
    match result {
        Err(err) => match err.downcast_ref::<BridgeError>() {
            Some(b) if b.is_input_error() => {
                eprintln!("error: {b}");
                Ok(ExitCode::from(2))
            }
            _ => Err(err),
        },
        ok => ok,
    }
}

fn check_time_limit(time_limit: f64) -> Option<ExitCode> {
    (!(time_limit.is_finite() && time_limit > 0.0)).then(|| {
        eprintln!("error: --time-limit debe ser un número de segundos mayor que 0");
        ExitCode::from(2)
    })
}

fn solve(
    instance: &Path,
    output: &Path,
    time_limit: f64,
    options: SolveOptions,
) -> anyhow::Result<ExitCode> {
    if let Some(code) = check_time_limit(time_limit) {
        return Ok(code);
    }
    let inst = xhstt_bridge::read_instance_file(instance)?;
    let clock = xhstt_bridge::TimeLimit::new(time_limit);
    let progress = |p: &solver::Progress| {
        eprintln!(
            "  {:>7.2} s  infactibilidad {}  objetivo {}  ({} movimientos)",
            p.elapsed_secs, p.cost.hard, p.cost.soft, p.iterations
        );
    };
    let out = xhstt_bridge::solve_instance(&inst, &options, &clock, None, &progress)?;
    let xml = xhstt::write_archive(&out.archive);
    std::fs::write(output, xml)
        .with_context(|| format!("no se pudo escribir {}", output.display()))?;
    let r = &out.result;
    eprintln!(
        "{}: {} movimientos/s, modelo {:.1} MB, estado {:.1} MB, pico RSS {} KB",
        inst.id,
        (r.iterations as f64 / r.elapsed_secs.max(1e-9)) as u64,
        r.model_bytes as f64 / 1e6,
        r.state_bytes as f64 / 1e6,
        xhstt_bridge::peak_rss_kb().map_or("?".into(), |k| k.to_string())
    );
    if r.cost.hard as u64 != out.evaluation.infeasibility
        || r.cost.soft as u64 != out.evaluation.objective
    {
        eprintln!(
            "aviso: el costo del motor ({}, {}) difiere del evaluador XHSTT",
            r.cost.hard, r.cost.soft
        );
    }
    println!(
        "{} {} {:.2}",
        out.evaluation.infeasibility, out.evaluation.objective, r.elapsed_secs
    );
    Ok(ExitCode::SUCCESS)
}

fn eval(file: &Path, detail: bool) -> anyhow::Result<ExitCode> {
    let archive = xhstt_bridge::read_archive_file(file)?;
    for line in xhstt_bridge::eval_lines(&archive, detail) {
        println!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

fn bench(
    dir: &Path,
    time_limit: f64,
    options: SolveOptions,
    tsv: &Path,
) -> anyhow::Result<ExitCode> {
    if let Some(code) = check_time_limit(time_limit) {
        return Ok(code);
    }
    let files = xhstt_bridge::list_instances(dir)?;
    if files.is_empty() {
        eprintln!("error: {} no contiene instancias (*.xml)", dir.display());
        return Ok(ExitCode::from(2));
    }
    let best = std::fs::read_to_string(dir.join("../best-known.tsv"))
        .map(|t| xhstt_bridge::parse_best_known(&t))
        .unwrap_or_default();
    let bar = ProgressBar::new(files.len() as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:30} {pos}/{len} {msg} [{elapsed_precise}, faltan ~{eta}]",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut rows = Vec::new();
    for path in &files {
        bar.set_message(
            path.file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        rows.push(xhstt_bridge::bench_one(path, &options, time_limit, &best)?);
        bar.inc(1);
    }
    bar.finish_and_clear();
    print!("{}", xhstt_bridge::format_table(&rows));
    std::fs::write(tsv, xhstt_bridge::to_tsv(&rows))
        .with_context(|| format!("no se pudo escribir {}", tsv.display()))?;
    eprintln!("resultados en {}", tsv.display());
    Ok(ExitCode::SUCCESS)
}
