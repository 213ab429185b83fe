//! XHSTT-2014 high-school timetabling archives: data model, reader, writer and an independent
//! evaluator written from the specification.
//!
//! The crate does no I/O: callers read files and pass the text.
//!
//! ```no_run
//! let text = std::fs::read_to_string("archive.xml").unwrap();
//! let archive = xhstt::read_archive(&text).unwrap();
//! for group in &archive.solution_groups {
//!     for solution in &group.solutions {
//!         let instance = &archive.instances[solution.instance];
//!         let eval = xhstt::evaluate(instance, solution);
//!         println!("{} {} {} {}", instance.id, group.id, eval.infeasibility, eval.objective);
//!     }
//! }
//! ```

pub mod error;
pub mod eval;
pub mod ids;
pub mod model;
pub mod read;
pub mod write;

pub use error::XhsttError;
pub use eval::{
    ConstraintCost, Deviation, Evaluation, Point, Schedule, SubEvent, evaluate, evaluate_schedule,
};
pub use ids::{
    ConstraintId, EventGroupId, EventId, ResourceGroupId, ResourceId, ResourceTypeId, TimeGroupId,
    TimeId,
};
pub use model::constraint::{
    AppliesTo, Constraint, ConstraintKind, ConstraintType, CostFunction, EventPair,
    LimitedTimeGroup, ResourceSet, TimeSet,
};
pub use model::instance::{
    Event, EventGroup, EventGroupKind, EventResource, Instance, InstanceMetadata, Resource,
    ResourceGroup, ResourceType, Time, TimeGroup, TimeGroupKind,
};
pub use model::solution::{
    Archive, ArchiveMetadata, Report, ReportEntry, ReportObject, Solution, SolutionEvent,
    SolutionGroup, SolutionGroupMetadata, SolutionResource,
};
pub use read::read_archive;
pub use write::write_archive;
