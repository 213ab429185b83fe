//! A whole school as one value: what an importer or the demo generator produces and what the
//! solver compile path reads.
//!
//! Records carry ids that are only unique per collection inside the bundle ("provisional" ids
//! when the bundle comes from an import, real database ids when it was loaded from the store).
//! Records point at each other by those ids, so a bundle can be checked on its own before
//! anything is written, and the store can write it in one transaction, remapping every id
//! through [`Resource::remap_references`].

use crate::{
    FieldErrors, Id, Lesson, Level, Placement, Record, Resource, Room, Rule, SchoolYear, Section,
    Subject, Teacher, TimeGrid, Timetable,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One timetable version with its placements (`Placement::timetable_id` equals the timetable's id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimetableData {
    pub timetable: Record<Timetable>,
    pub placements: Vec<Placement>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SchoolData {
    #[serde(default)]
    pub school_years: Vec<Record<SchoolYear>>,
    #[serde(default)]
    pub levels: Vec<Record<Level>>,
    #[serde(default)]
    pub time_grids: Vec<Record<TimeGrid>>,
    #[serde(default)]
    pub subjects: Vec<Record<Subject>>,
    #[serde(default)]
    pub rooms: Vec<Record<Room>>,
    #[serde(default)]
    pub teachers: Vec<Record<Teacher>>,
    #[serde(default)]
    pub sections: Vec<Record<Section>>,
    #[serde(default)]
    pub lessons: Vec<Record<Lesson>>,
    #[serde(default)]
    pub rules: Vec<Record<Rule>>,
    #[serde(default)]
    pub timetables: Vec<TimetableData>,
}

/// How many records of each kind a bundle holds, for reports ("6 secciones, 16 docentes, ...").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchoolCounts {
    pub school_years: usize,
    pub levels: usize,
    pub time_grids: usize,
    pub subjects: usize,
    pub rooms: usize,
    pub teachers: usize,
    pub sections: usize,
    pub lessons: usize,
    pub lesson_periods: usize,
    pub rules: usize,
    pub timetables: usize,
    pub placements: usize,
}

impl SchoolData {
    pub fn counts(&self) -> SchoolCounts {
        SchoolCounts {
            school_years: self.school_years.len(),
            levels: self.levels.len(),
            time_grids: self.time_grids.len(),
            subjects: self.subjects.len(),
            rooms: self.rooms.len(),
            teachers: self.teachers.len(),
            sections: self.sections.len(),
            lessons: self.lessons.len(),
            lesson_periods: self
                .lessons
                .iter()
                .map(|l| l.data.periods_per_week as usize)
                .sum(),
            rules: self.rules.len(),
            timetables: self.timetables.len(),
            placements: self.timetables.iter().map(|t| t.placements.len()).sum(),
        }
    }

    /// Checks every record on its own, that ids are unique per collection, that unique keys do
    /// not repeat, and that every reference points at a record of the bundle. Field names are
    /// prefixed with the collection and the record's position, e.g. `lessons[3].subject_id`.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut ids: BTreeMap<&'static str, BTreeSet<Id>> = BTreeMap::new();
        collect_ids(&mut errors, &mut ids, &self.school_years);
        collect_ids(&mut errors, &mut ids, &self.levels);
        collect_ids(&mut errors, &mut ids, &self.time_grids);
        collect_ids(&mut errors, &mut ids, &self.subjects);
        collect_ids(&mut errors, &mut ids, &self.rooms);
        collect_ids(&mut errors, &mut ids, &self.teachers);
        collect_ids(&mut errors, &mut ids, &self.sections);
        collect_ids(&mut errors, &mut ids, &self.lessons);
        collect_ids(&mut errors, &mut ids, &self.rules);
        let timetables: Vec<Record<Timetable>> = self
            .timetables
            .iter()
            .map(|t| t.timetable.clone())
            .collect();
        collect_ids(&mut errors, &mut ids, &timetables);

        check_records(&mut errors, &ids, &self.school_years);
        check_records(&mut errors, &ids, &self.levels);
        check_records(&mut errors, &ids, &self.time_grids);
        check_records(&mut errors, &ids, &self.subjects);
        check_records(&mut errors, &ids, &self.rooms);
        check_records(&mut errors, &ids, &self.teachers);
        check_records(&mut errors, &ids, &self.sections);
        check_records(&mut errors, &ids, &self.lessons);
        check_records(&mut errors, &ids, &self.rules);
        check_records(&mut errors, &ids, &timetables);
        for (t, tt) in self.timetables.iter().enumerate() {
            for (i, p) in tt.placements.iter().enumerate() {
                let prefix = format!("timetables[{t}].placements[{i}]");
                if p.timetable_id != tt.timetable.id {
                    errors.add(
                        format!("{prefix}.timetable_id"),
                        "no corresponde al horario que la contiene",
                    );
                }
                check_one(&mut errors, &ids, &prefix, p);
            }
        }
        errors.into_result()
    }
}

fn collect_ids<T: Resource>(
    errors: &mut FieldErrors,
    ids: &mut BTreeMap<&'static str, BTreeSet<Id>>,
    records: &[Record<T>],
) {
    let set = ids.entry(T::COLLECTION).or_default();
    let mut keys = BTreeSet::new();
    for (i, r) in records.iter().enumerate() {
        if !set.insert(r.id) {
            errors.add(
                format!("{}[{i}].id", T::COLLECTION),
                format!("id {} repetido", r.id),
            );
        }
        if let Some(key) = r.data.unique_key()
            && !keys.insert(key.clone())
        {
            errors.add(
                format!("{}[{i}]", T::COLLECTION),
                format!("{} repetido: {key}", T::LABEL),
            );
        }
    }
}

fn check_records<T: Resource>(
    errors: &mut FieldErrors,
    ids: &BTreeMap<&'static str, BTreeSet<Id>>,
    records: &[Record<T>],
) {
    for (i, r) in records.iter().enumerate() {
        check_one(errors, ids, &format!("{}[{i}]", T::COLLECTION), &r.data);
    }
}

fn check_one<T: Resource>(
    errors: &mut FieldErrors,
    ids: &BTreeMap<&'static str, BTreeSet<Id>>,
    prefix: &str,
    record: &T,
) {
    if let Err(e) = record.validate() {
        errors.merge_prefixed(prefix, e);
    }
    for reference in record.references() {
        let known = ids
            .get(reference.collection)
            .is_some_and(|s| s.contains(&reference.id));
        if !known {
            errors.add(
                format!("{prefix}.{}", reference.field),
                format!(
                    "no existe en {} (id {})",
                    reference.collection, reference.id
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small_school() -> SchoolData {
        let subject: Subject = serde_json::from_str(r#"{"name":"Matemática"}"#).unwrap();
        let teacher: Teacher =
            serde_json::from_str(r#"{"name":"Ana Pérez","subject_ids":[7]}"#).unwrap();
        let section: Section =
            serde_json::from_str(r#"{"level":"media_general","grade":1,"letter":"A"}"#).unwrap();
        let lesson: Lesson = serde_json::from_str(
            r#"{"section_ids":[3],"subject_id":7,"teacher_ids":[5],"periods_per_week":4,"block_pattern":[2,2]}"#,
        )
        .unwrap();
        SchoolData {
            subjects: vec![Record {
                id: 7,
                data: subject,
            }],
            teachers: vec![Record {
                id: 5,
                data: teacher,
            }],
            sections: vec![Record {
                id: 3,
                data: section,
            }],
            lessons: vec![Record {
                id: 1,
                data: lesson,
            }],
            ..SchoolData::default()
        }
    }

    #[test]
    fn a_consistent_bundle_validates_and_counts() {
        let school = small_school();
        assert_eq!(school.validate(), Ok(()));
        let counts = school.counts();
        assert_eq!(counts.lessons, 1);
        assert_eq!(counts.lesson_periods, 4);
    }

    #[test]
    fn dangling_references_and_repeated_ids_are_named() {
        let mut school = small_school();
        school.lessons[0].data.teacher_ids = vec![99];
        school.subjects.push(school.subjects[0].clone());
        let err = school.validate().unwrap_err();
        assert!(err.0.contains_key("lessons[0].teacher_ids[0]"), "{err}");
        assert!(err.0.contains_key("subjects[1].id"), "{err}");
        assert!(err.0.contains_key("subjects[1]"), "{err}");
    }

    #[test]
    fn remapping_rewrites_every_listed_reference() {
        let mut school = small_school();
        let lesson = &mut school.lessons[0].data;
        let before = lesson.references().len();
        lesson.remap_references(&mut |_, id| id + 100);
        let after: Vec<Id> = lesson.references().iter().map(|r| r.id).collect();
        assert_eq!(after.len(), before);
        assert_eq!(after, vec![103, 107, 105]);
        let mut rule: Rule = serde_json::from_str(
            r#"{"kind":"teacher_max_per_day","params":{"max":6,"teacher_ids":[5]}}"#,
        )
        .unwrap();
        rule.remap_references(&mut |c, id| if c == "teachers" { id * 10 } else { id });
        assert_eq!(rule.references()[0].id, 50);
    }
}
