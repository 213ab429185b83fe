//! A rule's parameters: the records it is narrowed to (`teacher_ids`, `section_ids`,
//! `subject_ids`, `room_ids`) and its numbers.

use domain::{Id, Lesson, Rule};
use std::collections::BTreeSet;

pub(super) struct Scope {
    teachers: Option<BTreeSet<Id>>,
    sections: Option<BTreeSet<Id>>,
    /// Sections a rule over every section leaves out (`except_section_ids`): e.g. the section
    /// a FET import makes for activities without students, which FET's "all students"
    /// constraints do not reach.
    except_sections: BTreeSet<Id>,
    subjects: Option<BTreeSet<Id>>,
    rooms: Option<BTreeSet<Id>>,
}

fn ids(rule: &Rule, key: &str) -> Option<BTreeSet<Id>> {
    rule.params
        .get(key)
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|x| x.as_i64()).collect())
}

impl Scope {
    pub fn of(rule: &Rule) -> Scope {
        Scope {
            teachers: ids(rule, "teacher_ids"),
            sections: ids(rule, "section_ids"),
            except_sections: ids(rule, "except_section_ids").unwrap_or_default(),
            subjects: ids(rule, "subject_ids"),
            rooms: ids(rule, "room_ids"),
        }
    }
    pub fn teacher(&self, id: Id) -> bool {
        self.teachers.as_ref().is_none_or(|s| s.contains(&id))
    }
    pub fn section(&self, id: Id) -> bool {
        self.sections.as_ref().is_none_or(|s| s.contains(&id))
            && !self.except_sections.contains(&id)
    }
    pub fn room(&self, id: Id) -> bool {
        self.rooms.as_ref().is_none_or(|s| s.contains(&id))
    }
    /// A lesson is in scope when it matches every list the rule gives.
    pub fn lesson(&self, l: &Lesson) -> bool {
        self.subjects
            .as_ref()
            .is_none_or(|s| s.contains(&l.subject_id))
            && self
                .sections
                .as_ref()
                .is_none_or(|s| l.section_ids.iter().any(|x| s.contains(x)))
            && self
                .teachers
                .as_ref()
                .is_none_or(|s| l.teacher_ids.iter().any(|x| s.contains(x)))
    }
}

/// `params.max` (validated for the kinds that need it).
pub(super) fn max_param(rule: &Rule) -> Option<u32> {
    rule.params
        .get("max")
        .and_then(|m| m.as_u64())
        .map(|m| m as u32)
}

/// A list of small numbers in `params` (`days`, `periods`).
pub(super) fn numbers(rule: &Rule, key: &str) -> Option<BTreeSet<u8>> {
    rule.params.get(key).and_then(|v| v.as_array()).map(|a| {
        a.iter()
            .filter_map(|x| x.as_u64())
            .filter_map(|x| u8::try_from(x).ok())
            .collect()
    })
}
