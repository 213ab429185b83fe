use crate::{FieldErrors, Id};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// A kind of school record that lives in a tenant's database and under `/api/v1/{COLLECTION}`.
pub trait Resource: Serialize + DeserializeOwned + Clone + Send + Sync + 'static {
    /// Table name and URL segment, e.g. `sections`.
    const COLLECTION: &'static str;
    /// Singular name for messages, in Spanish, e.g. `sección`.
    const LABEL: &'static str;

    /// Checks the record on its own (shapes, ranges, formats). References to other records
    /// are checked by the store/app, which can see them: see [`Resource::references`].
    fn validate(&self) -> Result<(), FieldErrors>;

    /// A natural key that must be unique within the tenant (e.g. "media_general/1/A"), if any.
    fn unique_key(&self) -> Option<String> {
        None
    }

    /// Other records this one points at, as (field, collection, id).
    fn references(&self) -> Vec<Reference> {
        Vec::new()
    }

    /// Rewrites every reference this record holds through `map(collection, old_id) -> new_id`.
    /// Imports build records with provisional ids; the store calls this when it writes them
    /// with real ids. Must visit exactly the references that [`Resource::references`] lists.
    fn remap_references(&mut self, _map: &mut dyn FnMut(&'static str, Id) -> Id) {}
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub field: String,
    pub collection: &'static str,
    pub id: Id,
}

impl Reference {
    pub fn new(field: impl Into<String>, collection: &'static str, id: Id) -> Self {
        Reference {
            field: field.into(),
            collection,
            id,
        }
    }
}

/// A stored record: its id next to its fields (`{"id": 3, "name": ...}` in JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record<T> {
    pub id: Id,
    #[serde(flatten)]
    pub data: T,
}

pub(crate) fn require_text(errors: &mut FieldErrors, field: &str, value: &str, max: usize) {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        errors.add(field, "es obligatorio");
    } else if trimmed.chars().count() > max {
        errors.add(field, format!("admite como máximo {max} caracteres"));
    }
}

/// The longest cycle of days a grid may have. Days 1 to 7 are Monday to Sunday, as every
/// ordinary school uses them; days past 7 continue a longer cycle (two-week rotations, exam
/// sessions), numbered on. 35 is the most FET accepts, so every FET file fits
/// (docs/adr/0005-day-cycles.md).
pub const MAX_CYCLE_DAYS: u8 = 35;

pub(crate) fn check_day(errors: &mut FieldErrors, field: &str, day: u8) {
    if !(1..=MAX_CYCLE_DAYS).contains(&day) {
        errors.add(
            field,
            format!("el día debe estar entre 1 (lunes) y {MAX_CYCLE_DAYS} (días de un ciclo)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_run_past_sunday_up_to_a_cycle_of_35() {
        let check = |day| {
            let mut e = FieldErrors::default();
            check_day(&mut e, "day", day);
            e.into_result().is_ok()
        };
        assert!(check(1) && check(7) && check(8) && check(MAX_CYCLE_DAYS));
        assert!(!check(0) && !check(MAX_CYCLE_DAYS + 1));
    }
}
