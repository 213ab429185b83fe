//! The `bischeduler` binary: one entry point for the server and every command.

mod admin;
mod config;
mod failure;
mod fet_cmd;
mod school_cmd;
mod serve;
mod xhstt_cmd;

use clap::{Parser, Subcommand};
use config::GlobalOpts;
use failure::{Failure, Outcome};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "bischeduler",
    version,
    about = "BiScheduler: horarios escolares"
)]
struct Cli {
    #[command(flatten)]
    global: GlobalOpts,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate, then serve HTTP (API, pages, health).
    Serve {
        /// Provision tenant `demo` (a Venezuelan secondary school) and print a login.
        #[arg(long)]
        demo: bool,
    },
    /// Apply migrations to the platform database and every tenant.
    Migrate,
    /// Tenant (school) lifecycle.
    Tenant {
        #[command(subcommand)]
        command: admin::TenantCommand,
    },
    /// User accounts.
    User {
        #[command(subcommand)]
        command: admin::UserCommand,
    },
    /// Validate the configuration and try the database.
    CheckConfig,
    /// Connectivity, migration state and tenants.
    DbStatus,
    /// Import school data (workbooks, flat templates); all or nothing.
    Import(school_cmd::ImportArgs),
    /// Generate a timetable (progress bar; Ctrl-C keeps the best); prints its id.
    Solve(school_cmd::SolveArgs),
    /// Hard violations, soft cost by rule, teacher and section, teacher workload.
    Report(school_cmd::ReportArgs),
    /// Write a flat import template (.xlsx or .csv).
    Template(school_cmd::TemplateArgs),
    /// Synthetic schools for demonstrations and benchmarks.
    Demo {
        #[command(subcommand)]
        command: school_cmd::DemoCommand,
    },
    /// XHSTT-2014 benchmark instances: solve, evaluate, benchmark.
    Xhstt {
        #[command(subcommand)]
        command: xhstt_cmd::XhsttCommand,
    },
    /// FET (.fet) files: import, export, solve, and bench against fet-cl.
    Fet {
        #[command(subcommand)]
        command: fet_cmd::FetCommand,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(matches!(cli.command, Command::Serve { .. }));
    let result = run(&cli.global, cli.command);
    match result {
        Ok(code) => code,
        Err(failure) => {
            failure.report();
            failure.exit_code()
        }
    }
}

fn run(global: &GlobalOpts, command: Command) -> Outcome<ExitCode> {
    // The XHSTT tools work on files only: no configuration, no runtime.
    let command = match command {
        Command::Xhstt { command } => return xhstt_cmd::run(command).map_err(Failure::Runtime),
        Command::Template(args) => return school_cmd::template(args).map(|()| ExitCode::SUCCESS),
        Command::Fet { command } if !command.needs_store() => {
            return fet_cmd::run_files(command).map(|()| ExitCode::SUCCESS);
        }
        other => other,
    };
    let config = global.validate()?;
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|e| Failure::Runtime(anyhow::anyhow!("no se pudo iniciar el runtime: {e}")))?;
    runtime.block_on(async move {
        match command {
            Command::Serve { demo } => serve::serve(&config, demo).await,
            Command::Migrate => admin::migrate(&config).await,
            Command::Tenant { command } => admin::tenant(&config, command).await,
            Command::User { command } => admin::user(&config, command).await,
            Command::CheckConfig => admin::check_config(&config).await,
            Command::DbStatus => admin::db_status(&config).await,
            Command::Import(args) => school_cmd::import(&config, args).await,
            Command::Solve(args) => school_cmd::solve(&config, args).await,
            Command::Report(args) => school_cmd::report(&config, args).await,
            Command::Demo { command } => school_cmd::demo(&config, command).await,
            Command::Template(args) => school_cmd::template(args),
            Command::Fet { command } => fet_cmd::run_store(&config, command).await,
            Command::Xhstt { command } => xhstt_cmd::run(command)
                .map(|_| ())
                .map_err(Failure::Runtime),
        }
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Logs go to stderr; `RUST_LOG` overrides. The server logs requests at info; one-shot
/// commands only warn, so their output stays readable.
fn init_logging(serving: bool) {
    let default = if serving {
        "info,sqlx=warn,tower_http=info"
    } else {
        "warn,sqlx=error"
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}
