//! [`FetFile`] → [`SchoolData`]: the entities (time grid, subjects, teachers, rooms, sections,
//! lessons). Constraints are mapped in `time_rules` and `space_rules`.

use super::import_report::{ActivityBlock, FetImportReport};
use super::model::{FetActivity, FetFile};
use super::namer::Namer;
use super::students::{Students, Target};
use crate::InterchangeError;
use domain::{
    ClockTime, Id, Lesson, Level, Period, PeriodKind, Record, Room, RoomKind, SchoolData, Section,
    SectionGroup, Subject, Teacher, TimeGrid,
};
use std::collections::{BTreeMap, BTreeSet};

/// Name of the section that holds activities without students (one group per activity, so
/// they never clash with each other through it).
pub const NO_STUDENTS: &str = "Sin estudiantes";

/// Lookups from FET names and ids to the records built so far.
pub struct Context<'f> {
    pub fet: &'f FetFile,
    pub days: BTreeMap<&'f str, u8>,
    pub hours: BTreeMap<&'f str, u8>,
    pub teachers: BTreeMap<&'f str, Id>,
    pub subjects: BTreeMap<&'f str, Id>,
    pub rooms: BTreeMap<&'f str, Id>,
    pub students: Students,
    /// Activity id → (lesson id, block index in `Lesson::blocks` order).
    pub blocks: BTreeMap<u32, (Id, u16)>,
}

impl Context<'_> {
    pub fn section_id(index: usize) -> Id {
        index as Id + 1
    }

    /// Where a students list lands (`None` for unknown names or an empty list).
    pub fn target(&self, set: &[String]) -> Option<Target> {
        self.students.target(&self.students.atoms_of(set))
    }
}

/// Maps a whole FET file. The report lists every constraint type with its count and whether
/// it was mapped; nothing is dropped silently.
pub fn fet_to_school(fet: &FetFile) -> Result<(SchoolData, FetImportReport), InterchangeError> {
    let file_error = |message: String| InterchangeError::Fet {
        element: "fet".into(),
        line: 1,
        message,
    };
    // A FET "day" is a day of its cycle; longer cycles than a week keep their days in order
    // past Sunday (docs/adr/0005-day-cycles.md).
    if fet.days.len() > domain::MAX_CYCLE_DAYS as usize {
        return Err(file_error(format!(
            "{} días por ciclo: el modelo admite como máximo {}",
            fet.days.len(),
            domain::MAX_CYCLE_DAYS
        )));
    }
    let mut school = SchoolData::default();
    let mut report = FetImportReport::default();
    let mut ctx = Context {
        fet,
        days: index_names(&fet.days),
        hours: index_names(&fet.hours),
        teachers: BTreeMap::new(),
        subjects: BTreeMap::new(),
        rooms: BTreeMap::new(),
        students: Students::default(),
        blocks: BTreeMap::new(),
    };
    school.time_grids.push(Record {
        id: 1,
        data: time_grid(fet),
    });
    let mut names = Namer::default();
    for (i, s) in fet.subjects.iter().enumerate() {
        ctx.subjects.insert(s, i as Id + 1);
        school.subjects.push(Record {
            id: i as Id + 1,
            data: Subject {
                name: names.unique("subject", s, 80),
                short_name: String::new(),
                colour: String::new(),
            },
        });
    }
    for (i, t) in fet.teachers.iter().enumerate() {
        ctx.teachers.insert(t, i as Id + 1);
        school.teachers.push(Record {
            id: i as Id + 1,
            data: Teacher::named(names.unique("teacher", t, 120)),
        });
    }
    for (i, r) in fet.rooms.iter().enumerate() {
        ctx.rooms.insert(&r.name, i as Id + 1);
    }
    for (i, r) in fet.rooms.iter().enumerate() {
        // A virtual room's sets name real rooms, which may come after it in the list.
        let real = |n: &String| ctx.rooms.get(n.as_str()).copied();
        school.rooms.push(Record {
            id: i as Id + 1,
            data: Room {
                name: names.unique("room", &r.name, 60),
                kind: RoomKind::Aula,
                capacity: r.capacity.min(2000),
                unavailable: Vec::new(),
                building: (!r.building.is_empty()).then(|| r.building.clone()),
                parts: r
                    .sets
                    .iter()
                    .map(|s| s.iter().filter_map(real).collect())
                    .collect(),
            },
        });
    }
    let sets = students_lists(fet);
    ctx.students = Students::build(fet, &sets);
    for y in &ctx.students.split_years {
        report.warn(format!(
            "año «{y}»: sus grupos comparten subgrupos; se crea una sección por subgrupo"
        ));
    }
    build_sections(&mut school, &ctx, &mut names);
    build_lessons(&mut school, &mut ctx, &mut report, &mut names)?;
    super::time_rules::map(&mut school, &ctx, &mut report);
    super::space_rules::map(&mut school, &ctx, &mut report);
    super::person_limits::spare_no_students(&mut school);
    report.finish(&school, &ctx);
    school
        .validate()
        .map_err(|e| file_error(format!("datos resultantes inválidos: {e}")))?;
    Ok((school, report))
}

fn index_names(names: &[String]) -> BTreeMap<&str, u8> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i as u8 + 1))
        .rev()
        .collect()
}

/// FET hours have names, not clock times: nominal consecutive periods from 07:00, short enough
/// to fit the day. Hours that are breaks on every day become recess periods.
fn time_grid(fet: &FetFile) -> TimeGrid {
    let n = fet.hours.len().max(1) as u16;
    let length = (60u16).min((23 * 60 - 7 * 60) / n).max(1);
    let breaks = super::time_rules::break_slots(fet);
    let days = fet.days.len() as u8;
    let periods = (0..n)
        .map(|h| {
            let all_days = (1..=days).all(|d| breaks.contains(&(d, h as u8 + 1)));
            Period {
                number: h as u8 + 1,
                start: ClockTime(7 * 60 + h * length),
                end: ClockTime(7 * 60 + (h + 1) * length),
                kind: if all_days && days > 0 {
                    PeriodKind::Break
                } else {
                    PeriodKind::Lesson
                },
            }
        })
        .collect();
    TimeGrid {
        name: "FET".into(),
        level: None,
        days: (1..=days.max(1)).collect(),
        periods,
    }
}

/// Every students list that lessons and rules will need to express.
fn students_lists(fet: &FetFile) -> Vec<Vec<String>> {
    let mut sets: Vec<Vec<String>> = fet
        .activities
        .iter()
        .filter(|a| a.active && !a.students.is_empty())
        .map(|a| a.students.clone())
        .collect();
    sets.sort();
    sets.dedup();
    sets
}

fn build_sections(school: &mut SchoolData, ctx: &Context, names: &mut Namer) {
    let mut letters: BTreeMap<usize, usize> = BTreeMap::new();
    let mut levels = BTreeSet::new();
    let years = ctx.fet.years.len();
    let mut push =
        |school: &mut SchoolData, name: &str, year: usize, size: u32, groups: Vec<SectionGroup>| {
            let n = letters.entry(year).or_default();
            let letter = letter_code(*n);
            *n += 1;
            let level = format!("fet{}", year / 12 + 1);
            levels.insert(level.clone());
            let id = school.sections.len() as Id + 1;
            school.sections.push(Record {
                id,
                data: Section {
                    level,
                    grade: (year % 12) as u8 + 1,
                    letter,
                    homeroom_id: None,
                    size: size.min(200),
                    time_grid_id: Some(1),
                    groups,
                    name: Some(names.unique("section", name, 80)),
                },
            });
        };
    for s in &ctx.students.sections {
        let groups = s
            .groups
            .iter()
            .map(|g| SectionGroup {
                name: g.chars().take(40).collect(),
                size: 0,
            })
            .collect();
        push(school, &s.name, s.year, s.size, groups);
    }
    let loose: Vec<SectionGroup> = ctx
        .fet
        .activities
        .iter()
        .filter(|a| a.active && a.students.is_empty())
        .map(|a| SectionGroup {
            name: format!("actividad {}", a.id),
            size: 0,
        })
        .collect();
    if !loose.is_empty() {
        push(school, NO_STUDENTS, years, 0, loose);
    }
    for code in levels {
        let id = school.levels.len() as Id + 1;
        school.levels.push(Record {
            id,
            data: Level {
                name: format!("FET {code}"),
                code,
                grades: 12,
            },
        });
    }
}

/// 0 → A, 25 → Z, 26 → AA ... (a section letter has at most three characters).
fn letter_code(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Sub-activities of one split activity with the same teachers, students and subject.
type ActivityKey<'f> = (u32, &'f [String], &'f [String], &'f str);

/// One lesson per FET activity group (the sub-activities of a split activity are its blocks).
fn build_lessons<'f>(
    school: &mut SchoolData,
    ctx: &mut Context<'f>,
    report: &mut FetImportReport,
    names: &mut Namer,
) -> Result<(), InterchangeError> {
    let fet: &'f FetFile = ctx.fet;
    let mut groups: BTreeMap<ActivityKey, Vec<&FetActivity>> = BTreeMap::new();
    for a in &fet.activities {
        if !a.active {
            report.inactive_activities += 1;
            continue;
        }
        let head = if a.group_id == 0 { a.id } else { a.group_id };
        groups
            .entry((head, &a.teachers, &a.students, &a.subject))
            .or_default()
            .push(a);
    }
    let no_students = school
        .sections
        .iter()
        .find(|s| s.data.name.as_deref() == Some(NO_STUDENTS))
        .map(|s| s.id);
    for ((_, teachers, students, subject), mut subs) in groups {
        // Blocks are ordered longest first (as `Lesson::blocks` orders them), ties by id.
        subs.sort_by_key(|a| (std::cmp::Reverse(a.duration), a.id));
        let line = subs[0].line;
        let bad = |message: String| InterchangeError::Fet {
            element: "Activity".into(),
            line,
            message,
        };
        let total: u16 = subs.iter().map(|a| a.duration as u16).sum();
        if total > 40 {
            return Err(bad(format!(
                "actividad {}: {total} horas por semana (máximo 40)",
                subs[0].id
            )));
        }
        let subject_id = match ctx.subjects.get(subject) {
            Some(&id) => id,
            None => {
                let id = new_subject(school, names, subject);
                ctx.subjects.insert(subject, id);
                id
            }
        };
        let mut teacher_ids = Vec::new();
        for t in teachers {
            let id = ctx
                .teachers
                .get(t.as_str())
                .ok_or_else(|| bad(format!("docente desconocido «{t}»")))?;
            teacher_ids.push(*id);
        }
        let (section_ids, group) = if students.is_empty() {
            (
                no_students.into_iter().collect(),
                Some(format!("actividad {}", subs[0].id)),
            )
        } else {
            let unknown: Vec<&String> = students
                .iter()
                .filter(|s| !ctx.students.atoms.contains_key(*s))
                .collect();
            if !unknown.is_empty() {
                return Err(bad(format!("estudiantes desconocidos: {unknown:?}")));
            }
            let t = ctx
                .target(students)
                .ok_or_else(|| bad("grupo de estudiantes no representable".into()))?;
            (
                t.sections.into_iter().map(Context::section_id).collect(),
                t.group.map(|g| g.chars().take(40).collect()),
            )
        };
        let id = school.lessons.len() as Id + 1;
        for (k, a) in subs.iter().enumerate() {
            ctx.blocks.insert(a.id, (id, k as u16));
            report.activity_blocks.push(ActivityBlock {
                activity_id: a.id,
                lesson_id: id,
                block: k as u16,
                duration: a.duration,
            });
        }
        let mut tags: Vec<String> = subs.iter().flat_map(|a| a.tags.clone()).collect();
        tags.sort();
        tags.dedup();
        school.lessons.push(Record {
            id,
            data: Lesson {
                section_ids,
                group,
                subject_id,
                teacher_ids,
                periods_per_week: total,
                block_pattern: subs.iter().map(|a| a.duration).collect(),
                room_kind: None,
                room_id: None,
                tags,
            },
        });
    }
    Ok(())
}

/// A subject named by an activity but missing from the subjects list (or an empty name).
fn new_subject(school: &mut SchoolData, names: &mut Namer, name: &str) -> Id {
    let id = school.subjects.len() as Id + 1;
    school.subjects.push(Record {
        id,
        data: Subject {
            name: names.unique("subject", name, 80),
            short_name: String::new(),
            colour: String::new(),
        },
    });
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_codes_stay_short_and_distinct() {
        assert_eq!(letter_code(0), "A");
        assert_eq!(letter_code(25), "Z");
        assert_eq!(letter_code(26), "AA");
        assert_eq!(letter_code(701), "ZZ");
        assert_eq!(letter_code(702), "AAA");
    }
}
