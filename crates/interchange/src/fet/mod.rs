//! FET (`.fet`) files in and out.
//!
//! - [`read_fet`] parses the XML into a faithful [`FetFile`] (nothing dropped: constraint
//!   types we do not interpret are kept whole).
//! - [`fet_to_school`] maps it onto school data, the same model every school uses, with a
//!   report that lists every constraint type, its count and whether it became a rule.
//! - [`export_fet`] writes a school that lives in the app, with a timetable locked.
//! - [`write_activities`] and [`write_locked_fet`] write FET's own result forms from places.

mod export;
mod export_acts;
mod export_lock;
mod export_more;
mod export_rooms;
mod export_rules;
mod export_students;
mod export_time;
mod export_write;
mod export_xml;
mod home_rooms;
mod import_report;
mod limit_kinds;
mod model;
mod more_rules;
mod namer;
mod person_limits;
mod read;
mod room_capacity;
mod rule_build;
mod space_rules;
mod students;
mod time_rules;
mod to_school;
mod write;

pub use export::{FetExport, RuleExport, export_fet};
pub use export_rules::Outcome as RuleExportOutcome;
pub use import_report::{ActivityBlock, ConstraintTypeCount, FetImportReport};
pub use model::{FetActivity, FetConstraint, FetFile, FetGroup, FetRoom, FetSubgroup, FetYear};
pub use read::read_fet;
pub use to_school::{NO_STUDENTS, fet_to_school};
pub use write::{
    ActivityPlace, places_from_placements, read_activities, write_activities, write_locked_fet,
};
