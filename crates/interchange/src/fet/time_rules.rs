//! FET time constraints → rules (and teacher availability data).

use super::import_report::FetImportReport;
pub use super::limit_kinds::{Fields, LIMITS, Who};
use super::model::{FetConstraint, FetFile};
pub use super::person_limits::{limit_of, per_person};
use super::rule_build::{
    blocks, flag, listed, number, params, rule, selected, slots, students_scope, teacher_scope,
};
use super::to_school::Context;
use domain::{Availability, PeriodKind, Record, Rule, RuleKind, SchoolData, SlotStatus};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// Break slots (day, period) of every active 100 % break constraint.
pub fn break_slots(fet: &FetFile) -> BTreeSet<(u8, u8)> {
    let day = |n: &str| fet.days.iter().position(|d| d == n).map(|i| i as u8 + 1);
    let hour = |n: &str| fet.hours.iter().position(|h| h == n).map(|i| i as u8 + 1);
    fet.time_constraints
        .iter()
        .filter(|c| c.kind == "ConstraintBreakTimes" && c.active)
        .flat_map(|c| c.day_hours("Day", "Hour"))
        .filter_map(|(d, h)| Some((day(&d)?, hour(&h)?)))
        .collect()
}

pub fn map(school: &mut SchoolData, ctx: &Context, report: &mut FetImportReport) {
    for c in &ctx.fet.time_constraints {
        let outcome = one(school, ctx, c);
        report.record(c, &outcome);
        if let Ok(rules) = outcome {
            push_rules(school, rules);
        }
    }
}

/// What became of one constraint: `Ok(rules)` mapped, `Err(None)` a type we do not support,
/// `Err(Some(why))` a supported type whose content could not be mapped.
pub type Outcome = Result<Vec<Rule>, Option<String>>;

fn one(school: &mut SchoolData, ctx: &Context, c: &FetConstraint) -> Outcome {
    use RuleKind::*;
    let mut missing = 0;
    let out = match c.kind.as_str() {
        "ConstraintBasicCompulsoryTime" => vec![
            rule(NoSectionClash, c, Map::new()),
            rule(NoTeacherClash, c, Map::new()),
        ],
        "ConstraintBreakTimes" => {
            let full: BTreeSet<u8> = school.time_grids[0]
                .data
                .periods
                .iter()
                .filter(|p| p.kind == PeriodKind::Break)
                .map(|p| p.number)
                .collect();
            let pairs: Vec<(String, String)> = c
                .day_hours("Day", "Hour")
                .into_iter()
                .filter(|(_, h)| ctx.hours.get(h.as_str()).is_none_or(|p| !full.contains(p)))
                .collect();
            let s = slots(ctx, &pairs, &mut missing);
            let mut out = Vec::new();
            if !s.is_empty() {
                out.push(rule(BreakSlots, c, params(&[("slots", json!(s))])));
            }
            // A FET activity never runs across a break: a block must not span a recess.
            if !full.is_empty() {
                out.push(rule(BlockPattern, c, Map::new()));
            }
            out
        }
        "ConstraintTeacherNotAvailableTimes" => {
            let name = c.get("Teacher").unwrap_or_default();
            let id = *ctx
                .teachers
                .get(name)
                .ok_or(Some(format!("docente desconocido «{name}»")))?;
            let status = if c.weight >= 100.0 {
                SlotStatus::Unavailable
            } else {
                SlotStatus::Undesired
            };
            let teacher = &mut school.teachers[id as usize - 1].data;
            for (d, h) in c.day_hours("Day", "Hour") {
                match (ctx.days.get(d.as_str()), ctx.hours.get(h.as_str())) {
                    (Some(&day), Some(&period)) if c.active && c.weight > 0.0 => {
                        teacher.availability.push(Availability {
                            day,
                            period,
                            status,
                        })
                    }
                    (Some(_), Some(_)) => {}
                    _ => missing += 1,
                }
            }
            let kind = if status == SlotStatus::Unavailable {
                TeacherAvailability
            } else {
                UndesiredPeriods
            };
            vec![rule(kind, c, teacher_scope(ctx, name).unwrap_or_default())]
        }
        "ConstraintStudentsSetNotAvailableTimes" => {
            let name = c.get("Students").unwrap_or_default();
            let mut p = students_scope(ctx, name)
                .ok_or(Some(format!("estudiantes desconocidos «{name}»")))?;
            p.insert(
                "slots".into(),
                json!(slots(ctx, &c.day_hours("Day", "Hour"), &mut missing)),
            );
            vec![rule(SectionAvailability, c, p)]
        }
        "ConstraintMinDaysBetweenActivities" => {
            let mut p = blocks(ctx, listed(c, "Activity_Id"));
            p.insert("min_days".into(), number(c, "MinDays").unwrap_or(json!(1)));
            let consecutive = flag(c, "Consecutive_If_Same_Day");
            p.insert("consecutive_if_same_day".into(), json!(consecutive));
            let mut r = rule(MinDaysBetween, c, p);
            // FET holds "back to back if on the same day" even at 0 %: the rule stays on, and
            // the compile leaves out its days-apart part when `weight_percent` is 0.
            r.enabled |= c.active && consecutive;
            vec![r]
        }
        "ConstraintMaxDaysBetweenActivities" => {
            let mut p = blocks(ctx, listed(c, "Activity_Id"));
            p.insert("max_days".into(), number(c, "MaxDays").unwrap_or(json!(0)));
            vec![rule(MaxDaysBetween, c, p)]
        }
        "ConstraintMinGapsBetweenActivities" => {
            let mut p = blocks(ctx, listed(c, "Activity_Id"));
            p.insert("min_gaps".into(), number(c, "MinGaps").unwrap_or(json!(1)));
            vec![rule(MinGapsBetween, c, p)]
        }
        "ConstraintActivityPreferredStartingTime" => {
            let mut p = blocks(ctx, listed(c, "Activity_Id"));
            p.insert(
                "slots".into(),
                json!(slots(
                    ctx,
                    &c.day_hours("Preferred_Day", "Preferred_Hour"),
                    &mut missing
                )),
            );
            p.insert("locked".into(), json!(flag(c, "Permanently_Locked")));
            vec![rule(PreferredStartingTimes, c, p)]
        }
        "ConstraintActivityPreferredStartingTimes" => {
            starting(ctx, c, blocks(ctx, listed(c, "Activity_Id")), &mut missing)
        }
        "ConstraintActivitiesPreferredStartingTimes"
        | "ConstraintSubactivitiesPreferredStartingTimes" => {
            starting(ctx, c, blocks(ctx, selected(ctx, c)), &mut missing)
        }
        "ConstraintActivityPreferredTimeSlots" => {
            time_slots(ctx, c, blocks(ctx, listed(c, "Activity_Id")), &mut missing)
        }
        "ConstraintActivitiesPreferredTimeSlots" | "ConstraintSubactivitiesPreferredTimeSlots" => {
            time_slots(ctx, c, blocks(ctx, selected(ctx, c)), &mut missing)
        }
        "ConstraintActivitiesSameStartingTime" => vec![rule(
            SameStartingTime,
            c,
            blocks(ctx, listed(c, "Activity_Id")),
        )],
        "ConstraintActivitiesSameStartingDay" => vec![rule(
            SameStartingDay,
            c,
            blocks(ctx, listed(c, "Activity_Id")),
        )],
        "ConstraintActivitiesSameStartingHour" => vec![rule(
            SameStartingHour,
            c,
            blocks(ctx, listed(c, "Activity_Id")),
        )],
        "ConstraintActivitiesNotOverlapping" => vec![rule(
            NotOverlapping,
            c,
            blocks(ctx, listed(c, "Activity_Id")),
        )],
        "ConstraintTwoActivitiesConsecutive" => {
            vec![rule(
                Consecutive,
                c,
                blocks(
                    ctx,
                    listed(c, "First_Activity_Id")
                        .into_iter()
                        .chain(listed(c, "Second_Activity_Id")),
                ),
            )]
        }
        "ConstraintTwoActivitiesGrouped" | "ConstraintThreeActivitiesGrouped" => {
            let ids = [
                "First_Activity_Id",
                "Second_Activity_Id",
                "Third_Activity_Id",
            ]
            .into_iter()
            .flat_map(|f| listed(c, f));
            vec![rule(Grouped, c, blocks(ctx, ids))]
        }
        "ConstraintActivityEndsStudentsDay" => vec![rule(
            EndsSectionDay,
            c,
            blocks(ctx, listed(c, "Activity_Id")),
        )],
        "ConstraintActivitiesEndStudentsDay" => {
            vec![rule(EndsSectionDay, c, blocks(ctx, selected(ctx, c)))]
        }
        other => match limit_of(other) {
            Some(limit) => vec![per_person(ctx, c, limit)?],
            None => return super::more_rules::time(ctx, c).unwrap_or(Err(None)),
        },
    };
    if missing > 0 {
        return Err(Some(format!("{missing} día(s)/hora(s) desconocidos")));
    }
    Ok(out)
}

fn starting(
    ctx: &Context,
    c: &FetConstraint,
    mut p: Map<String, Value>,
    missing: &mut usize,
) -> Vec<Rule> {
    let s = slots(
        ctx,
        &c.day_hours("Preferred_Starting_Day", "Preferred_Starting_Hour"),
        missing,
    );
    p.insert("slots".into(), json!(s));
    vec![rule(RuleKind::PreferredStartingTimes, c, p)]
}

fn time_slots(
    ctx: &Context,
    c: &FetConstraint,
    mut p: Map<String, Value>,
    missing: &mut usize,
) -> Vec<Rule> {
    let s = slots(
        ctx,
        &c.day_hours("Preferred_Day", "Preferred_Hour"),
        missing,
    );
    p.insert("slots".into(), json!(s));
    vec![rule(RuleKind::PreferredTimeSlots, c, p)]
}

/// Adds the rules as records after those already in the school.
pub fn push_rules(school: &mut SchoolData, rules: Vec<Rule>) {
    for r in rules {
        let id = school.rules.len() as i64 + 1;
        school.rules.push(Record { id, data: r });
    }
}
