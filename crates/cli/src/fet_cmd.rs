//! `bischeduler fet ...`: FET files in (import, solve) and FET beside us (bench).

use crate::config::Config;
use crate::failure::{Failure, Outcome};
use anyhow::Context as _;
use app::fet::{FetSolveParams, FetSolved, solve_fet};
use clap::Subcommand;
use indicatif::ProgressBar;
use std::path::{Path, PathBuf};

mod bench;
mod cache;
mod summary;

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
    /// Export a school (tenant) with one of its timetables locked in place as a .fet file.
    Export {
        #[arg(long)]
        tenant: String,
        #[arg(long)]
        timetable: i64,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
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
        /// Also write a JSON summary (costs, seconds, model size) here; `fet bench` reads it.
        #[arg(long, hide = true)]
        summary: Option<PathBuf>,
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
        /// Reuse FET's result for a file from this TSV (same content, limit and FET version)
        /// and add the ones run now.
        #[arg(long)]
        fet_cache: Option<PathBuf>,
    },
    /// The summary lines of a `fet bench` TSV (also of one still running).
    BenchSummary { tsv: PathBuf },
}

impl FetCommand {
    /// Only `import` and `export` need the configuration and a database.
    pub fn needs_store(&self) -> bool {
        matches!(self, FetCommand::Import { .. } | FetCommand::Export { .. })
    }
}

/// The commands that need the database.
pub async fn run_store(config: &Config, command: FetCommand) -> Outcome {
    match command {
        FetCommand::Export {
            tenant,
            timetable,
            output,
        } => export(config, &tenant, timetable, &output).await,
        other => import(config, other).await,
    }
}

/// Writes the file only once the export succeeded, through a temporary file renamed into
/// place, so a failure leaves nothing (and an earlier file stays whole).
async fn export(config: &Config, tenant: &str, timetable: i64, output: &Path) -> Outcome {
    let app = crate::admin::open(config).await?;
    if let Err(e) = app.migrate().await {
        app.close().await;
        return Err(e.into());
    }
    let result = app.fet_export(tenant, timetable).await;
    app.close().await;
    let exported = result?;
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export.fet".into());
    let temp = output.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let written =
        std::fs::write(&temp, &exported.text).and_then(|()| std::fs::rename(&temp, output));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(Failure::usage(format!(
            "no se pudo escribir {}: {e}",
            output.display()
        )));
    }
    print!("{exported}");
    println!("escrito: {}", output.display());
    Ok(())
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
            summary,
        } => {
            let params = FetSolveParams {
                time_limit_s: time_limit,
                seed,
                threads,
                until_feasible,
                max_iterations: None,
            };
            solve(&file, &output, &params, summary.as_deref())
        }
        FetCommand::Bench {
            inputs,
            time_limit,
            threads,
            tsv,
            fet_cache,
        } => bench::bench(&inputs, time_limit, threads, &tsv, fet_cache.as_deref())
            .map_err(Failure::Runtime),
        FetCommand::BenchSummary { tsv } => {
            print!("{}", summary::summarize(&read(&tsv)?));
            Ok(())
        }
        FetCommand::Import { .. } | FetCommand::Export { .. } => Err(Failure::usage(
            "fet import y fet export necesitan la base de datos",
        )),
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

fn solve(file: &Path, output: &Path, params: &FetSolveParams, summary: Option<&Path>) -> Outcome {
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
    if let Some(path) = summary {
        let text = SolveSummary::of(&solved).to_json();
        std::fs::write(path, text)
            .with_context(|| path.display().to_string())
            .map_err(Failure::Runtime)?;
    }
    eprint!("{}", solved.report);
    for (label, cost) in &solved.hard_by_label {
        eprintln!("duro {cost}: {label}");
    }
    let (t, m) = (&solved.timings, &solved.model);
    eprintln!(
        "tiempos: lectura {:.3} s, mapeo {:.3} s, compilación {:.3} s; modelo: {} eventos, \
         {} recursos, {} restricciones, {} monitores",
        t.parse_s, t.map_s, t.compile_s, m.events, m.resources, m.constraints, m.monitors
    );
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

/// What `fet solve --summary` writes and `fet bench` reads back.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SolveSummary {
    pub hard: i64,
    pub soft: i64,
    /// From the start of the solve (reading included) to the limit or the stop.
    pub seconds: f64,
    pub first_feasible_seconds: Option<f64>,
    /// Parsing, mapping and compiling, before the search starts.
    pub before_search_s: f64,
    pub events: usize,
    pub resources: usize,
    pub monitors: usize,
    /// FET constraint types we do not support, as `Type×count`.
    pub unsupported: Vec<String>,
}

impl SolveSummary {
    fn of(s: &FetSolved) -> SolveSummary {
        SolveSummary {
            hard: s.hard,
            soft: s.soft,
            seconds: s.seconds,
            first_feasible_seconds: s.first_feasible_seconds,
            before_search_s: s.timings.before_search_s(),
            events: s.model.events,
            resources: s.model.resources,
            monitors: s.model.monitors,
            unsupported: s
                .report
                .unsupported()
                .map(|t| format!("{}×{}", t.kind.trim_start_matches("Constraint"), t.count))
                .collect(),
        }
    }

    fn to_json(&self) -> String {
        serde_json::json!({
            "hard": self.hard,
            "soft": self.soft,
            "seconds": self.seconds,
            "first_feasible_seconds": self.first_feasible_seconds,
            "before_search_s": self.before_search_s,
            "events": self.events,
            "resources": self.resources,
            "monitors": self.monitors,
            "unsupported": self.unsupported,
        })
        .to_string()
    }

    pub(crate) fn from_json(text: &str) -> Option<SolveSummary> {
        let v: serde_json::Value = serde_json::from_str(text).ok()?;
        let count = |k: &str| v.get(k).and_then(|x| x.as_u64()).map(|x| x as usize);
        Some(SolveSummary {
            hard: v.get("hard")?.as_i64()?,
            soft: v.get("soft")?.as_i64()?,
            seconds: v.get("seconds")?.as_f64()?,
            first_feasible_seconds: v.get("first_feasible_seconds").and_then(|x| x.as_f64()),
            before_search_s: v.get("before_search_s")?.as_f64()?,
            events: count("events")?,
            resources: count("resources")?,
            monitors: count("monitors")?,
            unsupported: v
                .get("unsupported")?
                .as_array()?
                .iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_reads_back_as_written() {
        let s = SolveSummary {
            hard: 0,
            soft: 120,
            seconds: 3.5,
            first_feasible_seconds: Some(0.25),
            before_search_s: 0.125,
            events: 10,
            resources: 4,
            monitors: 30,
            unsupported: vec!["TeacherMaxSpanPerDay×2".into()],
        };
        assert_eq!(SolveSummary::from_json(&s.to_json()), Some(s.clone()));
        let none = SolveSummary {
            first_feasible_seconds: None,
            ..s
        };
        assert_eq!(SolveSummary::from_json(&none.to_json()), Some(none));
        assert_eq!(SolveSummary::from_json("{}"), None);
    }
}
