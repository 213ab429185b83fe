//! The `bischeduler` binary: one entry point for the server and every command.

mod xhstt_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "bischeduler", version, about = "School timetabling platform")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// XHSTT-2014 benchmark instances: solve, evaluate, benchmark.
    Xhstt {
        #[command(subcommand)]
        command: xhstt_cmd::XhsttCommand,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Xhstt { command } => xhstt_cmd::run(command),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(1)
        }
    }
}
