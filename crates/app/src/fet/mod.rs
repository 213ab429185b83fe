//! FET files beside our engine: FET's own runs and its independent check of our timetables
//! (see docs/fet.md).

mod import;
mod solve;
mod verify;

pub use solve::{FetSolveParams, FetSolved, solve_fet};
pub use verify::{FetRun, run_fet, soft_total, verify_places};
