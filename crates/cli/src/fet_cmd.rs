//! `bischeduler fet ...`: FET files in (import, solve) and FET beside us (bench).

use crate::config::Config;
use crate::failure::{Failure, Outcome};
use anyhow::Context as _;
use app::fet::{FetSolveParams, FetSolved, run_fet, solve_fet, verify_places};
use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum FetCommand {
    /// Import a .fet file into a school (tenant) through the usual import path.
    Import {
        #[arg(long)]
        tenant: String,
        /// Show what would be imported (and every constraint type) without writing.
        #[arg(long)]
        dry_run: bool,
        file: PathBuf,
    },
    /// Solve a .fet file and write NAME_activities.xml and NAME_data_and_timetable.fet.
    Solve {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        #[arg(long, default_value_t = 30.0)]
        time_limit: f64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, default_value_t = 2)]
        threads: usize,
        /// Stop at the first timetable with no hard violation.
        #[arg(long)]
        until_feasible: bool,
    },
    /// FET and us on the same files with the same limit; our timetables checked by FET.
    Bench {
        /// .fet files or directories (searched recursively).
        inputs: Vec<PathBuf>,
        #[arg(long, default_value_t = 30.0)]
        time_limit: f64,
        #[arg(long, default_value_t = 2)]
        threads: usize,
        #[arg(long, default_value = "fet-bench.tsv")]
        tsv: PathBuf,
    },
}

impl FetCommand {
    /// Only `import` needs the configuration and a database.
    pub fn needs_store(&self) -> bool {
        matches!(self, FetCommand::Import { .. })
    }
}

pub async fn import(config: &Config, command: FetCommand) -> Outcome {
    let FetCommand::Import {
        tenant,
        dry_run,
        file,
    } = command
    else {
        return Err(Failure::usage("orden fet inválida"));
    };
    let text = read(&file)?;
    let app = crate::admin::open(config).await?;
    if let Err(e) = app.migrate().await {
        app.close().await;
        return Err(e.into());
    }
    let result = app.fet_import(&tenant, text, !dry_run).await;
    app.close().await;
    let (report, written) = result?;
    print!("{report}");
    match written {
        Some(outcome) => println!(
            "importado en {tenant}: {} clases, {} reglas ({} fusionadas)",
            outcome.counts.lessons, outcome.counts.rules, outcome.merged
        ),
        None => println!("simulación: no se escribió nada"),
    }
    Ok(())
}

/// `solve` and `bench`: files only, no configuration.
pub fn run_files(command: FetCommand) -> Outcome {
    match command {
        FetCommand::Solve {
            file,
            output,
            time_limit,
            seed,
            threads,
            until_feasible,
        } => {
            let params = FetSolveParams {
                time_limit_s: time_limit,
                seed,
                threads,
                until_feasible,
                max_iterations: None,
            };
            solve(&file, &output, &params)
        }
        FetCommand::Bench {
            inputs,
            time_limit,
            threads,
            tsv,
        } => bench(&inputs, time_limit, threads, &tsv).map_err(Failure::Runtime),
        FetCommand::Import { .. } => Err(Failure::usage("fet import necesita la base de datos")),
    }
}

fn read(path: &Path) -> Outcome<String> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure::usage(format!("no se pudo leer {}: {e}", path.display())))
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "fet".into())
}

fn dash(v: Option<f64>) -> String {
    v.map_or("-".into(), |s| format!("{s:.2}"))
}

fn solve(file: &Path, output: &Path, params: &FetSolveParams) -> Outcome {
    let text = read(file)?;
    let bar = ProgressBar::new_spinner();
    let solved = solve_fet(&text, params, &|p| {
        bar.set_message(format!(
            "duro {} blando {} a {:.1} s",
            p.cost.hard, p.cost.soft, p.elapsed_secs
        ));
        bar.tick();
    });
    bar.finish_and_clear();
    // Nothing is written for a file that cannot be read or mapped (exit 2).
    let solved = solved?;
    write_results(&solved, output, &stem(file)).map_err(Failure::Runtime)?;
    eprint!("{}", solved.report);
    println!(
        "{} {} {:.2} {}",
        solved.hard,
        solved.soft,
        solved.seconds,
        dash(solved.first_feasible_seconds)
    );
    Ok(())
}

fn write_results(solved: &FetSolved, output: &Path, name: &str) -> anyhow::Result<()> {
    std::fs::create_dir_all(output).with_context(|| format!("crear {}", output.display()))?;
    let xml = output.join(format!("{name}_activities.xml"));
    std::fs::write(&xml, &solved.activities_xml).with_context(|| xml.display().to_string())?;
    let fet = output.join(format!("{name}_data_and_timetable.fet"));
    std::fs::write(&fet, &solved.locked_fet).with_context(|| fet.display().to_string())?;
    Ok(())
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

/// One bench row: FET on its own, then us, our result checked by FET.
fn bench(inputs: &[PathBuf], limit: f64, threads: usize, tsv: &Path) -> anyhow::Result<()> {
    let files = fet_files(inputs);
    let work = tempdir()?;
    let bar = ProgressBar::new(files.len() as u64);
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:30} {pos}/{len} {msg} [{elapsed_precise}, faltan ~{eta}]",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let mut rows = String::from(
        "file\tfet_ok\tfet_s\tfet_soft\tours_hard\tours_verified\tours_first_feasible_s\tours_fet_soft\tunsupported\n",
    );
    for (i, f) in files.iter().enumerate() {
        bar.set_message(stem(f));
        let dir = work.join(format!("{i}"));
        let fet = run_fet(f, &dir.join("fet"), limit.ceil() as u64)?;
        let params = FetSolveParams {
            time_limit_s: limit,
            seed: 1,
            threads,
            until_feasible: false,
            max_iterations: None,
        };
        let text = std::fs::read_to_string(f)?;
        let (hard, verified, first, soft, unsupported) = match solve_fet(&text, &params, &|_| {}) {
            Ok(s) => {
                // With every activity locked FET only has to place rooms; a long wait means it
                // is stuck on a refusal, so the check gets the bench limit (at least 10 s).
                let check_limit = (limit.ceil() as u64).max(10);
                let check = verify_places(f, &s.places, &dir.join("check"), check_limit)?;
                let unsupported: Vec<String> = s
                    .report
                    .unsupported()
                    .map(|t| format!("{}×{}", t.kind.trim_start_matches("Constraint"), t.count))
                    .collect();
                (
                    s.hard.to_string(),
                    check.success,
                    dash(s.first_feasible_seconds),
                    dash(check.soft_conflicts),
                    unsupported.join(","),
                )
            }
            Err(e) => (
                "-".into(),
                false,
                "-".into(),
                "-".into(),
                format!("error: {e}"),
            ),
        };
        let _ = writeln!(
            rows,
            "{}\t{}\t{:.2}\t{}\t{hard}\t{verified}\t{first}\t{soft}\t{unsupported}",
            f.display(),
            fet.success,
            fet.seconds,
            dash(fet.soft_conflicts)
        );
        // Written after every file, so a long bench that is stopped keeps its rows.
        std::fs::write(tsv, &rows).with_context(|| tsv.display().to_string())?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    std::fs::write(tsv, &rows).with_context(|| tsv.display().to_string())?;
    for line in rows.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        let name = Path::new(cols[0])
            .file_name()
            .map_or(cols[0].into(), |n| n.to_string_lossy().into_owned());
        println!("{:<40} {}", name, cols[1..cols.len() - 1].join("  "));
    }
    println!("TSV: {}", tsv.display());
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

/// A fresh work directory for FET's output files.
fn tempdir() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("bischeduler-fet-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| dir.display().to_string())?;
    Ok(dir)
}
