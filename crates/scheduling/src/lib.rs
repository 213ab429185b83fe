//! School data ↔ the solver: the pure half of scheduling.
//!
//! `demo` builds a synthetic Venezuelan secondary school (for `serve --demo` and benchmarks).
//! No I/O, no database, no clock: `app` wraps this crate with the store and the job queue.

pub mod demo;
mod error;

pub use demo::{DemoSpec, demo_school};
pub use error::SchedulingError;
