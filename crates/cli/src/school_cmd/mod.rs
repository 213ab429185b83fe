//! A school's data and timetables from the command line: `import`, `solve`, `report`,
//! `template` and `demo generate`. Each goes through the same `app` use cases as the API.

mod print;

use crate::config::Config;
use crate::failure::{Failure, Outcome};
use app::{App, AppError, MergeDecisions, SolveParams, UploadedFile};
use clap::{Args, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The school (tenant slug) to import into.
    #[arg(long)]
    pub tenant: String,
    /// Report what would be imported; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Keep this name apart from its near-identical spellings (repeatable).
    #[arg(long = "refuse-merge", value_name = "NAME")]
    pub refuse_merge: Vec<String>,
    /// A file of name decisions, one `variant => canonical` per line.
    #[arg(long, value_name = "FILE")]
    pub merges: Option<PathBuf>,
    /// Workbooks (.xlsx) or flat templates (.xlsx, .csv).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct SolveArgs {
    #[arg(long)]
    pub tenant: String,
    /// Seconds of search (Ctrl-C stops earlier and keeps the best).
    #[arg(long, default_value_t = 10.0)]
    pub time_limit: f64,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
    /// Keep the locked placements of this timetable where they are.
    #[arg(long, value_name = "TIMETABLE_ID")]
    pub keep_locked_from: Option<i64>,
    /// Name of the new timetable version.
    #[arg(long)]
    pub name: Option<String>,
    /// Also stop after this many search steps: a budget independent of the machine's load.
    #[arg(long, value_name = "STEPS")]
    pub max_iterations: Option<u64>,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    #[arg(long)]
    pub tenant: String,
    #[arg(long, value_name = "ID")]
    pub timetable: i64,
    /// Print the report as JSON (as the API answers it).
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct TemplateArgs {
    /// teachers, subjects, rooms, sections, lessons, availability or periods (or in Spanish).
    pub kind: String,
    /// Output file: .xlsx or .csv.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Subcommand, Debug)]
pub enum DemoCommand {
    /// A synthetic school of realistic shape, imported into a tenant (created if missing).
    Generate {
        #[arg(long, default_value_t = 6)]
        sections: u32,
        #[arg(long, default_value_t = 16)]
        teachers: u32,
        #[arg(long, default_value_t = 2025)]
        seed: u64,
        #[arg(long)]
        tenant: String,
    },
}

/// Opens the database and applies pending migrations, as the other operator commands do.
async fn open_migrated(config: &Config) -> Outcome<App> {
    let app = crate::admin::open(config).await?;
    if let Err(e) = app.migrate().await {
        app.close().await;
        return Err(e.into());
    }
    Ok(app)
}

fn read_file(path: &PathBuf) -> Outcome<Vec<u8>> {
    std::fs::read(path)
        .map_err(|e| Failure::usage(format!("no se pudo leer {}: {e}", path.display())))
}

/// A rejected import lists every problem on its own line (exit 2).
fn rejected(e: AppError) -> Failure {
    match e {
        AppError::Validation(fields) => {
            let mut lines = vec!["no se importó nada:".to_string()];
            for (place, messages) in &fields.0 {
                for m in messages {
                    lines.push(format!("  - {place}: {m}"));
                }
            }
            Failure::usage(lines.join("\n"))
        }
        other => other.into(),
    }
}

pub async fn import(config: &Config, args: ImportArgs) -> Outcome {
    let mut files = Vec::new();
    for path in &args.files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        files.push(UploadedFile {
            name,
            bytes: read_file(path)?,
        });
    }
    let mappings = match &args.merges {
        Some(path) => Some(String::from_utf8_lossy(&read_file(path)?).into_owned()),
        None => None,
    };
    let decisions = MergeDecisions {
        refused: args.refuse_merge.clone(),
        mappings,
    };
    let app = open_migrated(config).await?;
    let answer = app
        .import_into(&args.tenant, files, decisions, !args.dry_run)
        .await
        .map_err(rejected);
    app.close().await;
    let answer = answer?;
    print::import_answer(&answer);
    Ok(())
}

pub async fn solve(config: &Config, args: SolveArgs) -> Outcome {
    let params = SolveParams {
        time_limit_s: args.time_limit,
        seed: args.seed,
        threads: args.threads,
        keep_locked_from: args.keep_locked_from,
        name: args.name.clone(),
        max_iterations: args.max_iterations,
    };
    params.check()?;
    let app = open_migrated(config).await?;
    let result = solve_with_progress(&app, &args.tenant, &params).await;
    app.close().await;
    let outcome = result?;
    eprintln!(
        "{}: duras {}, blandas {}, {:.1} s, {} iteraciones{}",
        if outcome.stopped_early {
            "búsqueda detenida; se guardó el mejor horario"
        } else {
            "horario generado"
        },
        outcome.hard,
        outcome.soft,
        outcome.elapsed_s,
        outcome.iterations,
        outcome
            .zero_hard_at_s
            .map(|s| format!(", sin violaciones obligatorias desde {s:.2} s"))
            .unwrap_or_default()
    );
    eprintln!(
        "borrador guardado; consulte: bischeduler report --tenant {} --timetable {}",
        args.tenant, outcome.timetable_id
    );
    // The id alone on stdout, so scripts can capture it.
    println!("{}", outcome.timetable_id);
    Ok(())
}

/// Runs the search with a progress bar of the best hard/soft cost; Ctrl-C stops the search
/// through its cancel flag and the best timetable is still saved.
async fn solve_with_progress(
    app: &App,
    tenant: &str,
    params: &SolveParams,
) -> Outcome<app::SolveOutcome> {
    let ticks = (params.time_limit_s * 10.0).ceil() as u64;
    let bar = ProgressBar::new(ticks);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bar:30} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message("preparando el modelo…");
    bar.enable_steady_tick(Duration::from_millis(200));
    let cancel = Arc::new(AtomicBool::new(false));
    let shown = bar.clone();
    let solve = app.solve_tenant(tenant, params, cancel.clone(), move |p| {
        shown.set_position((p.elapsed_s * 10.0) as u64);
        shown.set_message(format!(
            "duras {} · blandas {} · {} iteraciones",
            p.hard, p.soft, p.iterations
        ));
    });
    tokio::pin!(solve);
    let started = std::time::Instant::now();
    let mut tick = tokio::time::interval(Duration::from_millis(200));
    // One listener for the whole search, so a Ctrl-C between two turns of the loop is not lost.
    let ctrl_c = tokio::signal::ctrl_c();
    tokio::pin!(ctrl_c);
    let result = loop {
        tokio::select! {
            r = &mut solve => break r,
            _ = &mut ctrl_c, if !cancel.load(Ordering::Relaxed) => {
                cancel.store(true, Ordering::Relaxed);
                bar.println("Ctrl-C: deteniendo la búsqueda; se guardará el mejor horario…");
            }
            _ = tick.tick() => {
                bar.set_position(((started.elapsed().as_secs_f64()) * 10.0).min(ticks as f64) as u64);
            }
        }
    };
    bar.finish_and_clear();
    Ok(result?)
}

pub async fn report(config: &Config, args: ReportArgs) -> Outcome {
    let app = open_migrated(config).await?;
    let report = app.report_for_tenant(&args.tenant, args.timetable).await;
    app.close().await;
    let report = report?;
    if args.json {
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure::Runtime(anyhow::anyhow!("informe: {e}")))?;
        println!("{text}");
    } else {
        print::report(&report);
    }
    Ok(())
}

/// Needs no database: the template is a file.
pub fn template(args: TemplateArgs) -> Outcome {
    let csv = args
        .output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| Failure::Runtime(anyhow::anyhow!("runtime: {e}")))?;
    let file = runtime.block_on(app::template_file(&args.kind, csv))?;
    std::fs::write(&args.output, &file.bytes).map_err(|e| {
        Failure::usage(format!(
            "no se pudo escribir {}: {e}",
            args.output.display()
        ))
    })?;
    println!(
        "plantilla «{}» escrita en {} ({} bytes)",
        args.kind,
        args.output.display(),
        file.bytes.len()
    );
    Ok(())
}

pub async fn demo(config: &Config, command: DemoCommand) -> Outcome {
    let DemoCommand::Generate {
        sections,
        teachers,
        seed,
        tenant,
    } = command;
    let app = open_migrated(config).await?;
    let spec = app::DemoSpec {
        sections,
        teachers,
        seed,
    };
    let outcome = app.demo_generate(&tenant, spec).await;
    app.close().await;
    let outcome = outcome?;
    let c = &outcome.counts;
    println!(
        "escuela de demostración importada en «{tenant}»: {} secciones, {} docentes, {} asignaturas, {} aulas, {} clases ({} períodos semanales)",
        c.sections, c.teachers, c.subjects, c.rooms, c.lessons, c.lesson_periods
    );
    Ok(())
}
