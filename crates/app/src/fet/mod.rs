//! FET files beside our engine: FET's own runs and its independent check of our timetables
//! (see docs/fet.md).

mod export;
mod import;
mod solve;
mod verify;

pub use solve::{FetModelSize, FetSolveParams, FetSolved, FetTimings, solve_fet};
pub use verify::{ChildRun, FetRun, run_bounded, run_fet, soft_total, verify_places};
