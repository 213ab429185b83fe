//! School data ↔ the solver: the pure half of scheduling.
//!
//! - [`demo_school`] builds a synthetic Venezuelan secondary school (for `serve --demo` and
//!   benchmarks).
//! - [`compile`] turns a school's data and rules into the solver's model; [`Compiled::decode`]
//!   and [`Compiled::encode`] go between solver solutions and placements.
//! - [`report`] and [`Compiled::report`] say what a timetable costs, and where and for whom;
//!   [`MoveChecker`] answers "may this block go there?" for the editor.
//!
//! No I/O, no database, no clock: `app` wraps this crate with the store and the job queue.

mod compile;
pub mod demo;
mod error;
mod moves;
mod report;
mod timetable;

pub use compile::{Compiled, ConstraintInfo, EventInfo, Owner, TimeInfo, compile};
pub use demo::{DemoSpec, demo_school};
pub use error::SchedulingError;
pub use moves::{Move, MoveCheck, MoveChecker, check_move};
pub use report::{DayLoad, OwnerCost, Report, RuleCost, TeacherWorkload, Violation, report};
