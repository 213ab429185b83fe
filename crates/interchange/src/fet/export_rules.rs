//! Rules → FET constraints: the inverse of `time_rules` and `space_rules`, plus the school's
//! own kinds wherever FET has an equivalent. A rule FET cannot hold is reported as
//! [`Outcome::NotExportable`] with the reason; kinds added later fall there too.

use super::export::{Ctx, Out};
use super::export_acts::{activity_rule, limit};
use super::export_xml::Element;
use domain::{Id, Record, Rule, RuleKind, SlotStatus};
use serde_json::Value;
use std::collections::BTreeSet;

/// What became of one rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Written as this many FET constraints.
    Exported(usize),
    /// FET always does this (the reason says how).
    Implicit(String),
    /// FET has no equivalent, or not for this content.
    NotExportable(String),
}

/// FET's weight for a rule: hard is 100 %; soft keeps the FET weight it came with, or the
/// inverse of the import's scale (weight = percentage × 10).
pub fn percent(rule: &Rule) -> f64 {
    if rule.hard {
        return 100.0;
    }
    let kept = rule.params.get("weight_percent").and_then(Value::as_f64);
    match kept {
        Some(p) if (0.0..100.0).contains(&p) => p,
        _ => (rule.weight as f64 / 10.0).min(99.9),
    }
}

/// Ids listed under `key` in the params, `None` when absent (the rule applies to all).
pub fn ids(rule: &Rule, key: &str) -> Option<Vec<Id>> {
    rule.params
        .get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
}

pub fn export(ctx: &Ctx, rule: &Record<Rule>, out: &mut Out) -> Outcome {
    use RuleKind::*;
    let r = &rule.data;
    let implicit = |why: &str| Outcome::Implicit(why.to_string());
    let not = |why: &str| Outcome::NotExportable(why.to_string());
    if !r.hard && r.enabled && hard_only(r.kind) {
        return not(HARD_ONLY);
    }
    match r.kind {
        NoSectionClash | NoTeacherClash | NoRoomClash => {
            if r.hard && r.enabled {
                implicit("restricciones básicas obligatorias (ConstraintBasicCompulsoryTime/Space)")
            } else {
                not("FET siempre impide los choques; no admite desactivarlos ni hacerlos blandos")
            }
        }
        BlockPattern => {
            if r.hard && r.enabled {
                implicit("cada bloque es una subactividad continua que no cruza recesos")
            } else {
                not("en FET un bloque nunca se corta: la regla no puede ser blanda ni desactivarse")
            }
        }
        RoomCapacity => {
            if r.hard && r.enabled {
                implicit("FET no pone una actividad en un aula más pequeña que sus estudiantes")
            } else {
                not("FET siempre exige la capacidad del aula")
            }
        }
        TeacherMaxPerWeek => {
            not("FET no limita horas semanales: las fijan las actividades del docente")
        }
        TeacherAvailability | UndesiredPeriods => teacher_times(ctx, rule, out),
        RoomAvailability => room_times(ctx, rule, out),
        SubjectOncePerDay => once_per_day(ctx, rule, out),
        SectionNoGaps => {
            let mut r2 = r.clone();
            if let Some(p) = r2.params.as_object_mut() {
                p.insert("max".into(), 0.into());
            }
            limit(ctx, &r2, RuleKind::SectionMaxGapsPerWeek, out)
                .unwrap_or_else(|| not("sin equivalente en FET"))
        }
        MorningsFirst => mornings_first(ctx, rule, out),
        TeacherMaxDays if r.params.get("fewest").and_then(Value::as_bool) == Some(true) => {
            fewest_days(ctx, r, out)
        }
        RoomType | HomeroomPreference => super::export_rooms::room_rule(ctx, rule, out),
        _ => activity_rule(ctx, rule, out)
            .or_else(|| super::export_more::more_rule(ctx, rule, out))
            .or_else(|| limit(ctx, r, r.kind, out))
            .unwrap_or_else(|| not("sin equivalente en FET")),
    }
}

const HARD_ONLY: &str = "FET solo admite esta restricción al 100 % (obligatoria)";

/// Kinds whose FET constraint FET refuses to optimise below 100 % (FET 6.8.5's own checks:
/// not available, breaks, gaps, early beginnings, min hours daily, days per week).
fn hard_only(kind: RuleKind) -> bool {
    use RuleKind::*;
    matches!(
        kind,
        TeacherAvailability
            | SectionAvailability
            | BreakSlots
            | SectionNoGaps
            | SectionMaxGapsPerDay
            | SectionMaxGapsPerWeek
            | SectionEarlyStart
            | TeacherMinPerDay
            | SectionMinPerDay
            | TeacherMaxGapsPerDay
            | TeacherMaxGapsPerWeek
            | TeacherMaxDays
            | TeacherMinDays
            | TeacherIntervalMaxDays
            | SectionIntervalMaxDays
            | TeacherMaxSpanPerDay
            | SectionMaxSpanPerDay
            | TeacherMinRestingHours
            | SectionMinRestingHours
            | TeacherTagsMinGaps
            | SectionTagsMinGaps
    )
}

/// Teachers' unavailable (hard rule) or undesired (soft rule) periods; FET refuses the
/// latter below 100 %, so a soft rule with periods to write is not exportable.
fn teacher_times(ctx: &Ctx, rule: &Record<Rule>, out: &mut Out) -> Outcome {
    let r = &rule.data;
    let scoped = ids(r, "teacher_ids");
    let wanted = if r.kind == RuleKind::TeacherAvailability {
        SlotStatus::Unavailable
    } else {
        SlotStatus::Undesired
    };
    let mut written = 0;
    let mut missing = 0;
    let mut constraints = Vec::new();
    for t in &ctx.school.teachers {
        if scoped.as_ref().is_some_and(|s| !s.contains(&t.id)) {
            continue;
        }
        let mut slots: Vec<domain::Slot> = t
            .data
            .availability
            .iter()
            .filter(|a| a.status == wanted)
            .map(|a| domain::Slot {
                day: a.day,
                period: a.period,
            })
            .collect();
        if wanted == SlotStatus::Unavailable {
            slots.extend(t.data.blocks.iter().map(|b| domain::Slot {
                day: b.day,
                period: b.period,
            }));
        }
        if slots.is_empty() && scoped.is_none() {
            continue;
        }
        let grid = ctx
            .teacher_grid
            .get(&t.id)
            .copied()
            .unwrap_or(ctx.time.first_grid);
        let names = ctx.time.names_of(grid, &slots, &mut missing);
        if !names.is_empty() && percent(r) < 100.0 && r.enabled {
            return Outcome::NotExportable(HARD_ONLY.into());
        }
        constraints.push(
            Element::constraint("ConstraintTeacherNotAvailableTimes", percent(r))
                .field("Teacher", &ctx.teacher[&t.id])
                .pairs(
                    "Number_of_Not_Available_Times",
                    "Not_Available_Time",
                    ("Day", "Hour"),
                    &names,
                )
                .finish(r.enabled),
        );
        written += 1;
    }
    out.time.extend(constraints);
    with_missing(written, missing)
}

/// Rooms' unavailable periods (data of the rooms, or the slots a soft rule carries).
fn room_times(ctx: &Ctx, rule: &Record<Rule>, out: &mut Out) -> Outcome {
    let r = &rule.data;
    let scoped = ids(r, "room_ids");
    let own_slots: Option<Vec<domain::Slot>> = r
        .params
        .get("slots")
        .and_then(|v| serde_json::from_value(v.clone()).ok());
    let mut written = 0;
    let mut missing = 0;
    for room in &ctx.school.rooms {
        if scoped.as_ref().is_some_and(|s| !s.contains(&room.id)) {
            continue;
        }
        let slots = own_slots
            .clone()
            .unwrap_or_else(|| room.data.unavailable.clone());
        if slots.is_empty() && scoped.is_none() {
            continue;
        }
        let names = ctx.time.names_of(ctx.time.first_grid, &slots, &mut missing);
        out.space.push(
            Element::constraint("ConstraintRoomNotAvailableTimes", percent(r))
                .field("Room", &ctx.room[&room.id])
                .pairs(
                    "Number_of_Not_Available_Times",
                    "Not_Available_Time",
                    ("Day", "Hour"),
                    &names,
                )
                .finish(r.enabled),
        );
        written += 1;
    }
    with_missing(written, missing)
}

pub fn with_missing(written: usize, missing: usize) -> Outcome {
    if missing > 0 {
        Outcome::NotExportable(format!(
            "{missing} día(s)/período(s) fuera del horario base; el resto se exportó en {written} restricción(es)"
        ))
    } else {
        Outcome::Exported(written)
    }
}

/// One subject's blocks for the same sections and group on different days: FET's
/// "min days between activities" of 1 over those activities.
fn once_per_day(ctx: &Ctx, rule: &Record<Rule>, out: &mut Out) -> Outcome {
    let r = &rule.data;
    let scope = super::export_acts::LessonScope::of(r);
    type Key = (Vec<Id>, Id, Option<String>);
    let mut groups: std::collections::BTreeMap<Key, Vec<u32>> = Default::default();
    for l in ctx.school.lessons.iter().filter(|l| scope.takes(l)) {
        let mut sections = l.data.section_ids.clone();
        sections.sort_unstable();
        let acts = ctx
            .activities
            .iter()
            .filter(|a| a.lesson_id == l.id)
            .map(|a| a.id);
        groups
            .entry((sections, l.data.subject_id, l.data.group.clone()))
            .or_default()
            .extend(acts);
    }
    let days = ctx.time.days.len();
    let mut written = 0;
    let mut crowded = 0;
    for acts in groups.values().filter(|a| a.len() > 1) {
        if acts.len() > days {
            crowded += 1;
            continue;
        }
        out.time.push(
            Element::constraint("ConstraintMinDaysBetweenActivities", percent(r))
                .field("Consecutive_If_Same_Day", false)
                .list(Some("Number_of_Activities"), "Activity_Id", acts)
                .field("MinDays", 1)
                .finish(r.enabled),
        );
        written += 1;
    }
    if crowded > 0 {
        return Outcome::NotExportable(format!(
            "{crowded} asignatura(s) con más bloques que días: FET no expresa «a lo sumo k por día»; el resto se exportó en {written} restricción(es)"
        ));
    }
    Outcome::Exported(written)
}

/// No lessons from `afternoon_from` on, per section: its activities' preferred time slots are
/// the morning ones.
fn mornings_first(ctx: &Ctx, rule: &Record<Rule>, out: &mut Out) -> Outcome {
    let r = &rule.data;
    let from = r
        .params
        .get("afternoon_from")
        .and_then(Value::as_str)
        .and_then(domain::ClockTime::parse)
        .unwrap_or(domain::ClockTime(12 * 60 + 30));
    let scoped = ids(r, "section_ids");
    let mut written = 0;
    for (sid, name) in ctx.students.every_section() {
        if scoped.as_ref().is_some_and(|s| !s.contains(&sid)) {
            continue;
        }
        let Some(grid) = ctx
            .time
            .section_grid
            .get(&sid)
            .and_then(|g| ctx.school.time_grids.iter().find(|x| x.id == *g))
        else {
            continue;
        };
        let morning: BTreeSet<u8> = grid
            .data
            .lesson_periods()
            .filter(|p| p.start < from)
            .map(|p| p.number)
            .collect();
        if morning.len() == grid.data.lesson_periods().count() || morning.is_empty() {
            continue;
        }
        let mut slots = Vec::new();
        for &day in &grid.data.days {
            for &p in &morning {
                if let Some(n) = ctx.time.slot_names(grid.id, day, p) {
                    slots.push(n);
                }
            }
        }
        out.time.push(
            Element::constraint("ConstraintActivitiesPreferredTimeSlots", percent(r))
                .field("Teacher_Name", "")
                .field("Students_Name", name)
                .field("Subject_Name", "")
                .field("Activity_Tag_Name", "")
                .field("Duration", "")
                .pairs(
                    "Number_of_Preferred_Time_Slots",
                    "Preferred_Time_Slot",
                    ("Preferred_Day", "Preferred_Hour"),
                    &slots,
                )
                .finish(r.enabled),
        );
        written += 1;
    }
    Outcome::Exported(written)
}

/// "No more days than the teacher's lessons need": per teacher, the smaller of the rule's
/// maximum and those days (load at the daily maximum, and the most blocks of one lesson).
fn fewest_days(ctx: &Ctx, r: &Rule, out: &mut Out) -> Outcome {
    let Some(max) = r.params.get("max").and_then(Value::as_u64) else {
        return Outcome::NotExportable("falta el parámetro «max»".into());
    };
    let scoped = ids(r, "teacher_ids");
    let mut written = 0;
    for t in &ctx.school.teachers {
        if scoped.as_ref().is_some_and(|s| !s.contains(&t.id)) {
            continue;
        }
        let lessons = ctx
            .school
            .lessons
            .iter()
            .filter(|l| l.data.teacher_ids.contains(&t.id));
        let (load, spread) = lessons.fold((0u64, 0u64), |(load, spread), l| {
            (
                load + l.data.periods_per_week as u64,
                spread.max(l.data.blocks().len() as u64),
            )
        });
        let grid = ctx
            .teacher_grid
            .get(&t.id)
            .copied()
            .unwrap_or(ctx.time.first_grid);
        let per_day = ctx
            .school
            .time_grids
            .iter()
            .find(|g| g.id == grid)
            .map_or(1, |g| g.data.lesson_periods().count() as u64);
        let cap = t
            .data
            .max_periods_per_day
            .map_or(per_day, u64::from)
            .clamp(1, per_day.max(1));
        let needed = load.div_ceil(cap).max(spread).max(1);
        let mut one = r.clone();
        if let Some(p) = one.params.as_object_mut() {
            p.insert("max".into(), max.min(needed).into());
            p.insert("teacher_ids".into(), serde_json::json!([t.id]));
        }
        if let Some(Outcome::Exported(n)) =
            super::export_acts::limit(ctx, &one, RuleKind::TeacherMaxDays, out)
        {
            written += n;
        }
    }
    Outcome::Exported(written)
}
