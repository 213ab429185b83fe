//! `bischeduler xhstt ...`: owned by the engine work (solve, eval, bench).

use clap::Subcommand;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum XhsttCommand {
    /// Evaluate every solution in an archive.
    Eval {
        /// Archive file.
        file: std::path::PathBuf,
    },
}

pub fn run(command: XhsttCommand) -> anyhow::Result<ExitCode> {
    match command {
        XhsttCommand::Eval { file } => anyhow::bail!("not built yet: {}", file.display()),
    }
}
