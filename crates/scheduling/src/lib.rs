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

pub use compile::{
    Compiled, ConstraintInfo, EventInfo, Owner, TimeInfo, compile, compile_validated,
};
pub use demo::{DemoSpec, demo_school};
pub use error::SchedulingError;
pub use moves::{Move, MoveCheck, MoveChecker, check_move};
pub use report::{DayLoad, OwnerCost, Report, RuleCost, TeacherWorkload, Violation, report};

/// Where the afternoon starts when the mornings-first rule does not say (`params.afternoon_from`):
/// a Venezuelan secondary morning shift runs to the last recess (12:40-13:00); periods from 13:00
/// are the afternoon a school uses only when its load forces it.
pub const DEFAULT_AFTERNOON: domain::ClockTime = domain::ClockTime(13 * 60);

/// Where the afternoon starts for this school: its mornings-first rule's `afternoon_from`, else
/// [`DEFAULT_AFTERNOON`]. Reports measure afternoons with the same boundary the rule enforces.
pub fn afternoon_from(school: &domain::SchoolData) -> domain::ClockTime {
    school
        .rules
        .iter()
        .filter(|r| r.data.kind == domain::RuleKind::MorningsFirst && r.data.enabled)
        .find_map(|r| {
            r.data
                .params
                .get("afternoon_from")?
                .as_str()
                .and_then(domain::ClockTime::parse)
        })
        .unwrap_or(DEFAULT_AFTERNOON)
}
