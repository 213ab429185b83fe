//! The BiScheduler timetabling engine.
//!
//! A problem is described with [`ModelBuilder`] (times with clock ticks and time groups, typed
//! resources, events with durations and roles, constraints in XHSTT-2014 terms) and compiled into
//! an immutable [`Model`]. [`solve`] builds a timetable (hardest first) and improves it with late
//! acceptance hill climbing over time, swap, resource and split/merge moves, evaluated
//! incrementally. The solver does no I/O and reads no clock: time reaches it only through the
//! caller's [`Termination`].

mod construct;
mod error;
mod eval;
mod ids;
mod model;
mod parallel;
mod search;
mod session;
mod solution;
mod split;
mod state;

pub use error::SolverError;
pub use ids::{ConstraintId, EventId, ResourceId, ResourceTypeId, TimeGroupId, TimeId};
pub use model::spec::{BusyShape, EventRelation, TimeLayout, ZoneLimit};
pub use model::spec::{
    Constraint, ConstraintKind, CostFunction, EventRole, EventSpec, LockedSubEvent, OrderPair,
    RoleResource, RoleSpec, SpreadLimit,
};
pub use model::{Model, ModelBuilder};
pub use parallel::{NoDeadline, Progress, SolveOptions, SolveResult, Termination, solve};
pub use session::{Change, ConstraintDelta, Delta, OwningSession, Point, PointDelta, Session};
pub use solution::{Evaluation, Solution, SubEvent};
pub use state::Cost;
