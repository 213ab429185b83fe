//! Rules about named blocks (FET's activity constraints), about times of lessons and
//! students, and the per-teacher and per-students limits (FET's `LIMITS` table read backwards).

use super::export::{Ctx, Out};
use super::export_rules::{Outcome, ids, percent, with_missing};
use super::export_xml::Element;
use super::limit_kinds::{TAG_PAIR, teacher_field};
use super::time_rules::{LIMITS, Who};
use domain::{Id, Record, Rule, RuleKind, Slot};
use serde_json::Value;

/// Which lessons a rule of the school's own kinds applies to.
pub struct LessonScope {
    teachers: Option<Vec<Id>>,
    sections: Option<Vec<Id>>,
    subjects: Option<Vec<Id>>,
    lessons: Option<Vec<Id>>,
}

impl LessonScope {
    pub fn of(rule: &Rule) -> LessonScope {
        LessonScope {
            teachers: ids(rule, "teacher_ids"),
            sections: ids(rule, "section_ids"),
            subjects: ids(rule, "subject_ids"),
            lessons: ids(rule, "lesson_ids"),
        }
    }

    pub fn takes(&self, l: &Record<domain::Lesson>) -> bool {
        let any = |list: &Option<Vec<Id>>, have: &[Id]| {
            list.as_ref()
                .is_none_or(|s| have.iter().any(|x| s.contains(x)))
        };
        any(&self.teachers, &l.data.teacher_ids)
            && any(&self.sections, &l.data.section_ids)
            && any(&self.subjects, &[l.data.subject_id])
            && any(&self.lessons, &[l.id])
    }
}

/// The activities a rule names: `lesson_ids` with the parallel `blocks`, or every block of
/// those lessons when `blocks` is absent.
pub fn named_activities(ctx: &Ctx, rule: &Rule) -> Vec<u32> {
    let lessons = ids(rule, "lesson_ids").unwrap_or_default();
    match ids(rule, "blocks") {
        Some(blocks) => lessons
            .iter()
            .zip(blocks)
            .filter_map(|(l, b)| ctx.activity_of.get(&(*l, b as u16)).copied())
            .collect(),
        None => ctx
            .activities
            .iter()
            .filter(|a| lessons.contains(&a.lesson_id))
            .map(|a| a.id)
            .collect(),
    }
}

fn slots_param(rule: &Rule) -> Vec<Slot> {
    rule.params
        .get("slots")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
        .unwrap_or_default()
}

/// Rules over named blocks and over times; `None` for other kinds.
pub fn activity_rule(ctx: &Ctx, rule: &Record<Rule>, out: &mut Out) -> Option<Outcome> {
    use RuleKind::*;
    let r = &rule.data;
    let w = percent(r);
    let acts = || named_activities(ctx, r);
    let listed = |kind: &str, acts: &[u32]| {
        Element::constraint(kind, w).list(Some("Number_of_Activities"), "Activity_Id", acts)
    };
    let number =
        |key: &str, default: i64| r.params.get(key).and_then(Value::as_i64).unwrap_or(default);
    let one = |out: &mut Out, e: Element| {
        out.time.push(e.finish(r.enabled));
        Outcome::Exported(1)
    };
    let outcome = match r.kind {
        MinDaysBetween => one(
            out,
            listed("ConstraintMinDaysBetweenActivities", &acts())
                .field("MinDays", number("min_days", 1))
                .field(
                    "Consecutive_If_Same_Day",
                    r.params
                        .get("consecutive_if_same_day")
                        .and_then(Value::as_bool)
                        .unwrap_or(false),
                ),
        ),
        MaxDaysBetween => one(
            out,
            listed("ConstraintMaxDaysBetweenActivities", &acts())
                .field("MaxDays", number("max_days", 0)),
        ),
        MinGapsBetween => one(
            out,
            listed("ConstraintMinGapsBetweenActivities", &acts())
                .field("MinGaps", number("min_gaps", 1)),
        ),
        SameStartingTime => one(out, listed("ConstraintActivitiesSameStartingTime", &acts())),
        SameStartingDay => one(out, listed("ConstraintActivitiesSameStartingDay", &acts())),
        SameStartingHour => one(out, listed("ConstraintActivitiesSameStartingHour", &acts())),
        NotOverlapping => one(out, listed("ConstraintActivitiesNotOverlapping", &acts())),
        Consecutive | Grouped => {
            let a = acts();
            let kind = match (r.kind, a.len()) {
                (Consecutive, 2) => "ConstraintTwoActivitiesConsecutive",
                (Grouped, 2) => "ConstraintTwoActivitiesGrouped",
                (Grouped, 3) => "ConstraintThreeActivitiesGrouped",
                (_, n) => {
                    return Some(Outcome::NotExportable(format!(
                        "FET solo encadena 2 (o agrupa 2 o 3) actividades; la regla nombra {n}"
                    )));
                }
            };
            let mut e = Element::constraint(kind, w);
            for (field, id) in [
                "First_Activity_Id",
                "Second_Activity_Id",
                "Third_Activity_Id",
            ]
            .iter()
            .zip(a)
            {
                e = e.field(field, id);
            }
            one(out, e)
        }
        EndsSectionDay => {
            let a = acts();
            for id in &a {
                out.time.push(
                    Element::constraint("ConstraintActivityEndsStudentsDay", w)
                        .field("Activity_Id", id)
                        .finish(r.enabled),
                );
            }
            Outcome::Exported(a.len())
        }
        MaxDifferentRooms => {
            let e = listed("ConstraintActivitiesOccupyMaxDifferentRooms", &acts())
                .field("Max_Number_of_Different_Rooms", number("max", 1));
            out.space.push(e.finish(r.enabled));
            Outcome::Exported(1)
        }
        PreferredStartingTimes | PreferredTimeSlots => times_of_blocks(ctx, rule, &acts(), out),
        PreferredPeriods => preferred_periods(ctx, rule, out),
        SectionAvailability => section_times(ctx, rule, out),
        BreakSlots => {
            if !(r.hard && r.enabled) {
                return Some(Outcome::NotExportable(
                    "los recesos de FET son siempre obligatorios".into(),
                ));
            }
            let mut missing = 0;
            let names = ctx
                .time
                .names_of(ctx.time.first_grid, &slots_param(r), &mut missing);
            out.breaks.extend(names);
            // They join the file's one ConstraintBreakTimes.
            with_missing(1, missing)
        }
        PreferredRooms => super::export_rooms::preferred_rooms(ctx, rule, out),
        _ => return None,
    };
    Some(outcome)
}

/// Preferred starting times (a locked single place stays FET's "preferred starting time") or
/// preferred time slots, one constraint per block.
fn times_of_blocks(ctx: &Ctx, rule: &Record<Rule>, acts: &[u32], out: &mut Out) -> Outcome {
    let r = &rule.data;
    let slots = slots_param(r);
    let locked = r.params.get("locked").and_then(Value::as_bool) == Some(true);
    let mut missing = 0;
    for &id in acts {
        let lesson = ctx.activities[id as usize - 1].lesson_id;
        let grid = ctx
            .lesson_grid
            .get(&lesson)
            .copied()
            .unwrap_or(ctx.time.first_grid);
        let names = ctx.time.names_of(grid, &slots, &mut missing);
        let e = if r.kind == RuleKind::PreferredTimeSlots {
            Element::constraint("ConstraintActivityPreferredTimeSlots", percent(r))
                .field("Activity_Id", id)
                .pairs(
                    "Number_of_Preferred_Time_Slots",
                    "Preferred_Time_Slot",
                    ("Preferred_Day", "Preferred_Hour"),
                    &names,
                )
        } else if let [(day, hour)] = names.as_slice() {
            Element::constraint("ConstraintActivityPreferredStartingTime", percent(r))
                .field("Activity_Id", id)
                .field("Preferred_Day", day)
                .field("Preferred_Hour", hour)
                .field("Permanently_Locked", locked)
        } else {
            Element::constraint("ConstraintActivityPreferredStartingTimes", percent(r))
                .field("Activity_Id", id)
                .pairs(
                    "Number_of_Preferred_Starting_Times",
                    "Preferred_Starting_Time",
                    ("Preferred_Starting_Day", "Preferred_Starting_Hour"),
                    &names,
                )
        };
        out.time.push(e.finish(r.enabled));
    }
    with_missing(acts.len(), missing)
}

/// The school's "preferred periods" (days × periods) as starting times of each block.
fn preferred_periods(ctx: &Ctx, rule: &Record<Rule>, out: &mut Out) -> Outcome {
    let r = &rule.data;
    let list = |k: &str| ids(r, k).map(|v| v.into_iter().map(|x| x as u8).collect::<Vec<u8>>());
    let (days, periods) = (list("days"), list("periods"));
    if days.is_none() && periods.is_none() {
        return Outcome::Exported(0);
    }
    let scope = LessonScope::of(r);
    let mut written = 0;
    for l in ctx.school.lessons.iter().filter(|l| scope.takes(l)) {
        let grid = ctx
            .lesson_grid
            .get(&l.id)
            .copied()
            .unwrap_or(ctx.time.first_grid);
        let Some(g) = ctx.school.time_grids.iter().find(|g| g.id == grid) else {
            continue;
        };
        let mut names = Vec::new();
        for &d in g
            .data
            .days
            .iter()
            .filter(|d| days.as_ref().is_none_or(|s| s.contains(d)))
        {
            for p in g
                .data
                .lesson_periods()
                .filter(|p| periods.as_ref().is_none_or(|s| s.contains(&p.number)))
            {
                names.extend(ctx.time.slot_names(grid, d, p.number));
            }
        }
        for a in ctx.activities.iter().filter(|a| a.lesson_id == l.id) {
            out.time.push(
                Element::constraint("ConstraintActivityPreferredStartingTimes", percent(r))
                    .field("Activity_Id", a.id)
                    .pairs(
                        "Number_of_Preferred_Starting_Times",
                        "Preferred_Starting_Time",
                        ("Preferred_Starting_Day", "Preferred_Starting_Hour"),
                        &names,
                    )
                    .finish(r.enabled),
            );
            written += 1;
        }
    }
    Outcome::Exported(written)
}

/// Sections (or a group of them) not available at some slots.
fn section_times(ctx: &Ctx, rule: &Record<Rule>, out: &mut Out) -> Outcome {
    let r = &rule.data;
    let sections = ids(r, "section_ids").unwrap_or_default();
    let group = r.params.get("group").and_then(Value::as_str);
    let grid = sections
        .first()
        .and_then(|s| ctx.time.section_grid.get(s).copied())
        .unwrap_or(ctx.time.first_grid);
    let mut missing = 0;
    let names = ctx.time.names_of(grid, &slots_param(r), &mut missing);
    let sets = ctx.students.sets(&sections, group);
    for set in &sets {
        out.time.push(
            Element::constraint("ConstraintStudentsSetNotAvailableTimes", percent(r))
                .field("Students", set)
                .pairs(
                    "Number_of_Not_Available_Times",
                    "Not_Available_Time",
                    ("Day", "Hour"),
                    &names,
                )
                .finish(r.enabled),
        );
    }
    with_missing(sets.len(), missing)
}

/// A per-teacher or per-students limit of `kind` (FET's singular form per person named,
/// the plural form for everybody); `None` when FET has no such limit.
pub fn limit(ctx: &Ctx, r: &Rule, kind: RuleKind, out: &mut Out) -> Option<Outcome> {
    let (name, who, _, fields) = LIMITS.iter().find(|(_, _, k, _)| *k == kind)?;
    let w = percent(r);
    let mut base = Vec::new();
    for (from, to) in fields.iter() {
        match r.params.get(*to).filter(|v| v.is_number()) {
            Some(v) => base.push((from.to_string(), v.to_string())),
            None => return Some(Outcome::NotExportable(format!("falta el parámetro «{to}»"))),
        }
    }
    // Teachers' tag limits name the tag `Activity_Tag_Name`, students' `Activity_Tag`.
    if let Some(tag) = r.params.get("tag").and_then(Value::as_str) {
        let field = match who {
            Who::Teacher => "Activity_Tag_Name",
            Who::Students => "Activity_Tag",
        };
        base.push((field.into(), tag.to_string()));
    }
    for (field, key) in TAG_PAIR {
        if let Some(tag) = r.params.get(key).and_then(Value::as_str) {
            base.push((field.into(), tag.to_string()));
        }
    }
    for (key, field) in [
        ("one_day_plus_one", "Allow_One_Day_Exception_of_Plus_One"),
        ("circular", "Circular"),
    ] {
        if let Some(b) = r.params.get(key).and_then(Value::as_bool) {
            base.push((field.into(), b.to_string()));
        }
    }
    if let Some(b) = r.params.get("allow_empty_days").and_then(Value::as_bool) {
        base.push(("Allow_Empty_Days".into(), b.to_string()));
    } else if kind == RuleKind::TeacherMinPerDay {
        base.push(("Allow_Empty_Days".into(), "true".into()));
    }
    if matches!(
        kind,
        RuleKind::TeacherIntervalMaxDays | RuleKind::SectionIntervalMaxDays
    ) {
        let hour = |k: &str| -> String {
            let p = r.params.get(k).and_then(Value::as_u64).unwrap_or(0) as u8;
            ctx.time
                .hour(ctx.time.first_grid, p)
                .map(|h| ctx.time.hour_names[h].clone())
                .unwrap_or_default()
        };
        base.push(("Interval_Start_Hour".into(), hour("from_period")));
        base.push(("Interval_End_Hour".into(), hour("to_period")));
    }
    let space = name.contains("Building");
    let mut written = 0;
    let mut push = |kind: String, person: Option<(&str, &str)>| {
        let mut e = Element::constraint(&kind, w);
        if let Some((field, value)) = person {
            e = e.field(field, value);
        }
        for (f, v) in &base {
            e = e.field(f, v);
        }
        let text = e.finish(r.enabled);
        if space {
            out.space.push(text)
        } else {
            out.time.push(text)
        }
        written += 1;
    };
    match who {
        Who::Teacher => match ids(r, "teacher_ids") {
            Some(list) => {
                for t in list.iter().filter_map(|t| ctx.teacher.get(t)) {
                    push(
                        format!("ConstraintTeacher{name}"),
                        Some((teacher_field(name), t)),
                    );
                }
            }
            None => push(format!("ConstraintTeachers{name}"), None),
        },
        Who::Students => match ids(r, "section_ids") {
            Some(list) => {
                let group = r.params.get("group").and_then(Value::as_str);
                for set in ctx.students.sets(&list, group) {
                    push(
                        format!("ConstraintStudentsSet{name}"),
                        Some(("Students", &set)),
                    );
                }
            }
            None => push(format!("ConstraintStudents{name}"), None),
        },
    }
    Some(Outcome::Exported(written))
}
