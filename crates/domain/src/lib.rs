//! School concepts and their validation.
//!
//! Pure data: no I/O, no clock, no database. Every school record is a plain struct that
//! implements [`Resource`], so the store and the API can treat the nine kinds of school data
//! uniformly (list, get, create, update, delete) while each kind keeps its own validation.

mod bundle;
mod clock;
mod error;
mod lesson;
pub mod names;
mod people;
mod resource;
mod roles;
mod rules;
mod school;
mod timetable;

pub use bundle::{SchoolCounts, SchoolData, TimetableData};
pub use clock::{ClockTime, Interval};
pub use error::{DomainError, FieldErrors};
pub use lesson::Lesson;
pub use people::{Availability, NonTeachingBlock, SlotStatus, Student, Teacher};
pub use resource::{MAX_CYCLE_DAYS, Record, Reference, Resource};
pub use roles::Role;
pub use rules::{Rule, RuleKind};
pub use school::{
    Lapso, Level, Period, PeriodKind, Room, RoomKind, SchoolYear, Section, SectionGroup, Slot,
    Subject, TimeGrid,
};
pub use timetable::{Placement, Timetable, TimetableStatus};

/// Database identifier of a stored record (SQLite rowid / PostgreSQL bigserial).
pub type Id = i64;

/// Tenant slugs name a SQLite file and a PostgreSQL schema, so they are kept to a safe alphabet.
pub fn validate_slug(slug: &str) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    let ok_chars = slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    let starts_alpha = slug.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    if slug.is_empty() || slug.len() > 40 || !ok_chars || !starts_alpha {
        errors.add(
            "slug",
            "debe tener 1 a 40 caracteres: letras minúsculas, dígitos, '-' o '_', y empezar por una letra",
        );
    }
    errors.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(validate_slug("demo").is_ok());
        assert!(validate_slug("ue-andres_bello2").is_ok());
        assert!(validate_slug("").is_err());
        assert!(validate_slug("Demo").is_err());
        assert!(validate_slug("1demo").is_err());
        assert!(validate_slug("de mo").is_err());
        assert!(validate_slug("a\"; drop").is_err());
    }
}
