//! Helpers shared by the time and space constraint mappings: FET weights, activity lists,
//! selections, slots and students scopes, all turned into rule parameters.

use super::model::FetConstraint;
use super::to_school::Context;
use domain::{Id, Rule, RuleKind};
use serde_json::{Map, Value, json};

/// A rule with FET's weight: 100 % is hard; below, the weight is the percentage × 10 (so 95 %
/// weighs 950 against a hard rule's 1000). `weight_percent` stays in the params.
pub fn rule(kind: RuleKind, c: &FetConstraint, mut params: Map<String, Value>) -> Rule {
    params.insert("weight_percent".into(), json!(c.weight));
    let hard = c.weight >= 100.0;
    Rule {
        kind,
        hard,
        weight: if hard {
            1000
        } else {
            ((c.weight * 10.0).round() as u32).clamp(1, 1000)
        },
        params: Value::Object(params),
        enabled: c.active && c.weight > 0.0,
    }
}

pub fn params(pairs: &[(&str, Value)]) -> Map<String, Value> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// `lesson_ids` and the parallel `blocks` of activities (inactive or unknown ones left out).
pub fn blocks(ctx: &Context, ids: impl IntoIterator<Item = u32>) -> Map<String, Value> {
    let (mut lessons, mut blocks) = (Vec::new(), Vec::new());
    for id in ids {
        if let Some(&(lesson, block)) = ctx.blocks.get(&id) {
            lessons.push(lesson);
            blocks.push(block);
        }
    }
    params(&[("lesson_ids", json!(lessons)), ("blocks", json!(blocks))])
}

/// The activity ids listed in a constraint's `field`.
pub fn listed(c: &FetConstraint, field: &str) -> Vec<u32> {
    c.all(field).filter_map(|v| v.parse().ok()).collect()
}

/// Activities chosen by teacher, students, subject, tag and duration (FET's "activities"
/// selection; an empty field means any), and for sub-activity constraints by component number.
pub fn selected(ctx: &Context, c: &FetConstraint) -> Vec<u32> {
    let want = |f: &str| c.get(f).filter(|v| !v.is_empty());
    let teacher = want("Teacher_Name");
    let students = want("Students_Name");
    let subject = want("Subject_Name");
    let tag = want("Activity_Tag_Name");
    let duration: Option<u8> = want("Duration").and_then(|d| d.parse().ok());
    let component: Option<usize> = want("Component_Number").and_then(|d| d.parse().ok());
    let students_atoms = students.map(|s| ctx.students.atoms_of(&[s.to_string()]));
    let mut out = Vec::new();
    for a in ctx.fet.activities.iter().filter(|a| a.active) {
        let ok = teacher.is_none_or(|t| a.teachers.iter().any(|x| x == t))
            && subject.is_none_or(|s| a.subject == s)
            && tag.is_none_or(|t| a.tags.iter().any(|x| x == t))
            && duration.is_none_or(|d| a.duration == d)
            && students_atoms.as_ref().is_none_or(|atoms| {
                // FET selects an activity whose students include the set (or a part of it).
                let mine = ctx.students.atoms_of(&a.students);
                !atoms.is_disjoint(&mine)
            });
        if !ok {
            continue;
        }
        if let Some(k) = component {
            let head = if a.group_id == 0 { a.id } else { a.group_id };
            let mut siblings: Vec<u32> = ctx
                .fet
                .activities
                .iter()
                .filter(|x| x.id == head || (x.group_id == head && head != 0))
                .map(|x| x.id)
                .collect();
            siblings.sort_unstable();
            siblings.dedup();
            if siblings.get(k.wrapping_sub(1)) != Some(&a.id) {
                continue;
            }
        }
        out.push(a.id);
    }
    out
}

/// `{day, period}` objects from (day name, hour name) pairs; unknown names are skipped and
/// counted in `missing`.
pub fn slots(ctx: &Context, pairs: &[(String, String)], missing: &mut usize) -> Vec<Value> {
    pairs
        .iter()
        .filter_map(
            |(d, h)| match (ctx.days.get(d.as_str()), ctx.hours.get(h.as_str())) {
                (Some(day), Some(period)) => Some(json!({"day": day, "period": period})),
                _ => {
                    *missing += 1;
                    None
                }
            },
        )
        .collect()
}

/// `section_ids` (+ `group`) for a students set name; `None` for an unknown name.
pub fn students_scope(ctx: &Context, name: &str) -> Option<Map<String, Value>> {
    let t = ctx.target(&[name.to_string()])?;
    let ids: Vec<Id> = t.sections.into_iter().map(Context::section_id).collect();
    let mut p = params(&[("section_ids", json!(ids))]);
    if let Some(g) = t.group {
        p.insert(
            "group".into(),
            json!(g.chars().take(40).collect::<String>()),
        );
    }
    Some(p)
}

/// `teacher_ids: [id]` for a named teacher; `None` for an unknown name.
pub fn teacher_scope(ctx: &Context, name: &str) -> Option<Map<String, Value>> {
    let id = ctx.teachers.get(name)?;
    Some(params(&[("teacher_ids", json!([id]))]))
}

/// The lessons' ids of activities (each lesson once), for room rules.
pub fn lessons_of(ctx: &Context, ids: impl IntoIterator<Item = u32>) -> Vec<Id> {
    let mut out: Vec<Id> = ids
        .into_iter()
        .filter_map(|id| ctx.blocks.get(&id).map(|b| b.0))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

pub fn number(c: &FetConstraint, field: &str) -> Option<Value> {
    let n = c.number(field)?;
    Some(if n.fract() == 0.0 {
        json!(n as i64)
    } else {
        json!(n)
    })
}

pub fn flag(c: &FetConstraint, field: &str) -> bool {
    c.get(field) == Some("true")
}
