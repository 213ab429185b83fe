//! A synthetic Venezuelan secondary school, generated from a size and a seed.
//!
//! The default ([`DemoSpec::default`]) is the demo school of `serve --demo`: Media General 1er
//! to 5to año in six sections, sixteen teachers (some part-time), a homeroom per section, a
//! laboratory, a sports court and a computer room, and the 7:00–14:20 grid with two recesses.
//! Bigger specs give a proportionally bigger school for benchmarks. The same spec always gives
//! the same school.

mod calendar;
mod curriculum;
mod staff;

use crate::SchedulingError;
use calendar::{DAYS, PERIODS_PER_DAY};
use curriculum::{SUBJECTS, plan, weekly_periods};
use domain::{
    Id, Lesson, Level, Record, Room, RoomKind, Rule, RuleKind, SchoolData, Section, Subject,
};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use staff::{LessonNeed, staff};

/// Size and seed of a generated school.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoSpec {
    pub sections: u32,
    pub teachers: u32,
    pub seed: u64,
}

impl Default for DemoSpec {
    fn default() -> Self {
        DemoSpec {
            sections: 6,
            teachers: 16,
            seed: 2025,
        }
    }
}

/// Largest school the generator builds (sections); beyond it names and letters run out.
pub const MAX_SECTIONS: u32 = 300;

/// A teacher carries at most this many periods on average, so every load fits a working week
/// (5 days × 8 periods) with room to move.
const AVERAGE_LOAD_CAP: u32 = 30;

impl DemoSpec {
    /// The fewest teachers that can carry this many sections.
    pub fn min_teachers(sections: u32) -> u32 {
        let total: u32 = grades_of(sections).iter().map(|&g| weekly_periods(g)).sum();
        total.div_ceil(AVERAGE_LOAD_CAP)
    }

    /// Explains (in Spanish) why a spec cannot give a feasible school. [`demo_school`] builds
    /// the nearest feasible school anyway; callers that take sizes from users check first.
    pub fn check(&self) -> Result<(), SchedulingError> {
        if !(1..=MAX_SECTIONS).contains(&self.sections) {
            return Err(SchedulingError::DemoSpec(format!(
                "el número de secciones debe estar entre 1 y {MAX_SECTIONS} (se pidieron {})",
                self.sections
            )));
        }
        let min = Self::min_teachers(self.sections);
        if self.teachers < min {
            return Err(SchedulingError::DemoSpec(format!(
                "{} secciones necesitan al menos {min} docentes (se pidieron {})",
                self.sections, self.teachers
            )));
        }
        Ok(())
    }
}

/// Builds the school. Sizes out of range are brought to the nearest feasible ones (see
/// [`DemoSpec::check`]); when there are more teachers than lessons can share, the surplus is
/// not hired.
pub fn demo_school(spec: &DemoSpec) -> SchoolData {
    let sections = spec.sections.clamp(1, MAX_SECTIONS);
    let teachers = spec.teachers.max(DemoSpec::min_teachers(sections));
    let mut rng = SmallRng::seed_from_u64(spec.seed);
    let grades = grades_of(sections);

    let mut school = SchoolData {
        school_years: vec![rec(1, calendar::school_year())],
        levels: Level::venezuelan_defaults()
            .into_iter()
            .filter(|l| l.code == "media_general")
            .map(|l| rec(1, l))
            .collect(),
        time_grids: vec![rec(1, calendar::media_general_grid())],
        subjects: SUBJECTS
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let subject = Subject {
                    name: s.name.into(),
                    short_name: s.short.into(),
                    colour: s.colour.into(),
                };
                rec(i as Id + 1, subject)
            })
            .collect(),
        ..SchoolData::default()
    };

    // Sections, each with its homeroom (rooms 1..=n are the homerooms).
    let mut letter_of_grade = [0usize; 6];
    for (i, &grade) in grades.iter().enumerate() {
        let id = i as Id + 1;
        let letter = section_letter(letter_of_grade[grade as usize]);
        letter_of_grade[grade as usize] += 1;
        school.rooms.push(rec(
            id,
            Room {
                name: format!("Aula {id}"),
                kind: RoomKind::Aula,
                capacity: 36,
                unavailable: Vec::new(),
                building: None,
                parts: Vec::new(),
            },
        ));
        school.sections.push(rec(
            id,
            Section {
                level: "media_general".into(),
                grade,
                letter,
                homeroom_id: Some(id),
                size: rng.gen_range(24..=35),
                time_grid_id: Some(1),
                groups: Vec::new(),
                name: None,
            },
        ));
    }

    // Lessons: one per section and subject of its year's plan.
    let mut needs = Vec::new();
    let mut lesson_sections = Vec::new();
    for (i, &grade) in grades.iter().enumerate() {
        for &(subject, blocks) in plan(grade) {
            needs.push(LessonNeed {
                subject,
                periods: blocks.iter().map(|&b| b as u32).sum(),
            });
            lesson_sections.push((i as Id + 1, blocks));
        }
    }
    let staffing = staff(&needs, teachers as usize, &mut rng);
    school.teachers = staffing
        .teachers
        .into_iter()
        .enumerate()
        .map(|(t, teacher)| rec(t as Id + 1, teacher))
        .collect();
    for (i, need) in needs.iter().enumerate() {
        let (section_id, blocks) = lesson_sections[i];
        school.lessons.push(rec(
            i as Id + 1,
            Lesson {
                room_kind: SUBJECTS[need.subject].room_kind,
                ..Lesson::in_blocks(
                    vec![section_id],
                    need.subject as Id + 1,
                    vec![staffing.lesson_teacher[i] as Id + 1],
                    blocks.to_vec(),
                )
            },
        ));
    }

    add_special_rooms(&mut school, &needs);
    school.rules = RuleKind::default_rules()
        .into_iter()
        .enumerate()
        .map(|(i, r): (usize, Rule)| rec(i as Id + 1, r))
        .collect();
    school
}

/// Laboratories, courts and computer rooms: enough of each that their lessons use at most 70 %
/// of the week, so rooms never make the school infeasible on their own.
fn add_special_rooms(school: &mut SchoolData, needs: &[LessonNeed]) {
    let week = DAYS.len() as u32 * PERIODS_PER_DAY as u32;
    let kinds = [
        (RoomKind::Laboratorio, "Laboratorio", 36),
        (RoomKind::Cancha, "Cancha", 80),
        (RoomKind::SalaComputacion, "Sala de computación", 36),
    ];
    for (kind, name, capacity) in kinds {
        let load: u32 = needs
            .iter()
            .filter(|n| SUBJECTS[n.subject].room_kind == Some(kind))
            .map(|n| n.periods)
            .sum();
        let count = (load * 10).div_ceil(week * 7).max(1);
        for k in 1..=count {
            let id = school.rooms.len() as Id + 1;
            let name = if count == 1 {
                name.to_string()
            } else {
                format!("{name} {k}")
            };
            school.rooms.push(rec(
                id,
                Room {
                    name,
                    kind,
                    capacity,
                    unavailable: Vec::new(),
                    building: None,
                    parts: Vec::new(),
                },
            ));
        }
    }
}

/// Grades of the sections, in order: an even share per year, the remainder going to the middle
/// years first (as in the default 1A, 2A, 3A, 3B, 4A, 5A).
fn grades_of(sections: u32) -> Vec<u8> {
    let sections = sections.clamp(1, MAX_SECTIONS);
    let mut per_grade = [sections / 5; 5];
    for &g in [2usize, 1, 3, 0, 4].iter().take((sections % 5) as usize) {
        per_grade[g] += 1;
    }
    (1..=5u8)
        .flat_map(|g| std::iter::repeat_n(g, per_grade[g as usize - 1] as usize))
        .collect()
}

/// A, B, ..., Z, AA, AB, ...
fn section_letter(index: usize) -> String {
    let alphabet = |i: usize| (b'A' + i as u8) as char;
    if index < 26 {
        alphabet(index).to_string()
    } else {
        format!("{}{}", alphabet(index / 26 - 1), alphabet(index % 26))
    }
}

fn rec<T>(id: Id, data: T) -> Record<T> {
    Record { id, data }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_follow_the_demo_shape() {
        let grades = grades_of(6);
        assert_eq!(grades, [1, 2, 3, 3, 4, 5]);
        assert_eq!(grades_of(60).iter().filter(|&&g| g == 1).count(), 12);
        assert_eq!(grades_of(3), [2, 3, 4]);
        assert_eq!(section_letter(0), "A");
        assert_eq!(section_letter(27), "AB");
    }

    #[test]
    fn too_few_teachers_is_explained() {
        let spec = DemoSpec {
            sections: 6,
            teachers: 3,
            seed: 1,
        };
        let err = spec.check().unwrap_err().to_string();
        assert!(err.contains("al menos"), "{err}");
        assert!(DemoSpec::default().check().is_ok());
        let school = demo_school(&spec);
        assert!(school.teachers.len() as u32 >= DemoSpec::min_teachers(6));
    }
}
