//! Per-teacher and per-students limits (FET's `Teacher…`, `Teachers…`, `StudentsSet…` and
//! `Students…` families): which rule kind a FET type stands for, and its parameters.

use super::limit_kinds::TAG_PAIR;
use super::model::FetConstraint;
use super::rule_build::{flag, number, rule, students_scope, teacher_scope};
use super::time_rules::{Fields, LIMITS, Who};
use super::to_school::{Context, NO_STUDENTS};
use domain::{Rule, RuleKind, SchoolData};
use serde_json::{Map, Value, json};

/// A limit found: whether it names one person, who, the rule kind and the fields.
pub type Limit = (bool, Who, RuleKind, Fields);

/// The limit a FET type name stands for, with whether it names one person (singular form).
pub fn limit_of(kind: &str) -> Option<Limit> {
    let rest = kind.strip_prefix("Constraint")?;
    let (one, who, rest) = if let Some(r) = rest.strip_prefix("Teachers") {
        (false, Who::Teacher, r)
    } else if let Some(r) = rest.strip_prefix("Teacher") {
        (true, Who::Teacher, r)
    } else if let Some(r) = rest.strip_prefix("StudentsSet") {
        (true, Who::Students, r)
    } else if let Some(r) = rest.strip_prefix("Students") {
        (false, Who::Students, r)
    } else {
        return None;
    };
    LIMITS
        .iter()
        .find(|(name, w, _, _)| {
            *name == rest
                && matches!(
                    (w, who),
                    (Who::Teacher, Who::Teacher) | (Who::Students, Who::Students)
                )
        })
        .map(|(_, _, k, f)| (one, who, *k, *f))
}

type Scoper = fn(&Context, &str) -> Option<Map<String, Value>>;

/// A per-teacher or per-students limit, scoped to the named one or to all.
pub fn per_person(
    ctx: &Context,
    c: &FetConstraint,
    (one, who, kind, fields): Limit,
) -> Result<Rule, Option<String>> {
    let mut p = Map::new();
    if one {
        let (field, scope) = match who {
            Who::Teacher => ("Teacher_Name", teacher_scope as Scoper),
            Who::Students => ("Students", students_scope as Scoper),
        };
        // Most teacher limits name the teacher `Teacher_Name`; building-change ones `Teacher`.
        let name = c.get(field).or(c.get("Teacher")).unwrap_or_default();
        p = scope(ctx, name).ok_or(Some(format!("«{name}» desconocido")))?;
    }
    for (from, to) in fields {
        let v = number(c, from).ok_or(Some(format!("falta <{from}>")))?;
        p.insert(to.to_string(), v);
    }
    // Teachers' tag limits name the tag `Activity_Tag_Name`, students' `Activity_Tag`.
    if let Some(tag) = c.get("Activity_Tag_Name").or(c.get("Activity_Tag")) {
        p.insert("tag".into(), json!(tag));
    }
    for (from, to) in TAG_PAIR {
        if let Some(tag) = c.get(from) {
            p.insert(to.into(), json!(tag));
        }
    }
    if c.get("Allow_One_Day_Exception_of_Plus_One").is_some() {
        p.insert(
            "one_day_plus_one".into(),
            json!(flag(c, "Allow_One_Day_Exception_of_Plus_One")),
        );
    }
    if c.get("Circular").is_some() {
        p.insert("circular".into(), json!(flag(c, "Circular")));
    }
    if c.get("Allow_Empty_Days").is_some() {
        p.insert(
            "allow_empty_days".into(),
            json!(flag(c, "Allow_Empty_Days")),
        );
    }
    if matches!(
        kind,
        RuleKind::TeacherIntervalMaxDays | RuleKind::SectionIntervalMaxDays
    ) {
        let hour = |f: &str| c.get(f).and_then(|h| ctx.hours.get(h)).copied();
        let last = ctx.fet.hours.len() as u8 + 1;
        p.insert(
            "from_period".into(),
            json!(hour("Interval_Start_Hour").unwrap_or(1)),
        );
        p.insert(
            "to_period".into(),
            json!(hour("Interval_End_Hour").unwrap_or(last)),
        );
    }
    Ok(rule(kind, c, p))
}

/// FET's "all students" limits (gaps, early beginnings, hours daily, ...) reach every subgroup
/// and nothing else: activities without students are in no subgroup. The import holds them in
/// its own section ([`NO_STUDENTS`], one group per activity), so each such rule over every
/// section leaves that section out; else a lone activity would have to start each day at the
/// first hour or fill the minimum hours of a day.
pub fn spare_no_students(school: &mut SchoolData) {
    use RuleKind::*;
    let Some(id) = school
        .sections
        .iter()
        .find(|s| s.data.name.as_deref() == Some(NO_STUDENTS))
        .map(|s| s.id)
    else {
        return;
    };
    for r in &mut school.rules {
        let per_students = matches!(
            r.data.kind,
            SectionMaxPerDay
                | SectionMinPerDay
                | SectionMaxGapsPerDay
                | SectionMaxGapsPerWeek
                | SectionMaxConsecutive
                | SectionEarlyStart
                | SectionMaxBuildingChangesPerDay
                | SectionMinGapsBetweenBuildingChanges
                | SectionIntervalMaxDays
                | SectionTagMaxPerDay
                | SectionTagMaxConsecutive
                | SectionMaxSpanPerDay
                | SectionMinRestingHours
                | SectionMaxBuildingChangesPerWeek
                | SectionTagsMinGaps
        );
        if per_students && r.data.params.get("section_ids").is_none() {
            r.data.params["except_section_ids"] = json!([id]);
        }
    }
}
