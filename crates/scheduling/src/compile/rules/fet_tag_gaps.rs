//! FET's "min gaps between an ordered pair of activity tags" (teacher and students forms): on
//! one day, a lesson tagged `second_tag` that comes after one tagged `first_tag` of the same
//! teacher or subgroup starts at least `min_gaps` periods after the first ends. fet-cl 6.8.5 on
//! small files: a recess between them counts as a gap; lessons of a year and of one of its
//! subgroups meet; lessons of two subgroups, or without students, do not; the nearest earlier
//! first-tag lesson is the one that counts.
//!
//! The solver relates pairs of blocks without an order (`EventRelation::MinGap`), so each
//! pair of blocks sharing a timeline gets the gap in both orders. A rule whose reverse (the
//! tags swapped, all else equal) is also in the school is exactly that, and the pair of rules
//! compiles once; a rule alone is stricter than FET (a second-tag lesson right before a
//! first-tag one is refused too), which only ever rejects timetables FET would accept.

use super::Out;
use super::fet_params::sections;
use super::fet_relations::hours;
use crate::compile::Owner;
use crate::compile::events::Draft;
use crate::compile::scope::Scope;
use domain::{Id, Lesson, Record, Rule, RuleKind, SchoolData};
use serde_json::Value;
use solver::{ConstraintKind, EventId, EventRelation, ResourceId};
use std::collections::{BTreeMap, BTreeSet};

/// Adds the rule's constraints; false when the kind is not this module's.
pub(super) fn add(
    school: &SchoolData,
    d: &Draft,
    rule: &Record<Rule>,
    scope: &Scope,
    out: &mut Out,
) -> bool {
    let teacher = match rule.data.kind {
        RuleKind::TeacherTagsMinGaps => true,
        RuleKind::SectionTagsMinGaps => false,
        _ => return false,
    };
    let p = &rule.data.params;
    let tag = |key: &str| p.get(key).and_then(Value::as_str).map(str::to_string);
    let (Some(first), Some(second)) = (tag("first_tag"), tag("second_tag")) else {
        return true;
    };
    let n = p.get("min_gaps").and_then(Value::as_u64).unwrap_or(1) as u32;
    if n == 0 || (second < first && reverse_exists(school, rule)) {
        return true;
    }
    let lessons: BTreeMap<Id, &Lesson> = school.lessons.iter().map(|l| (l.id, &l.data)).collect();
    let tagged = |e: usize, t: &str| {
        lessons
            .get(&d.events[e].lesson_id)
            .is_some_and(|l| l.tags.iter().any(|x| x == t))
    };
    let mut timelines: Vec<(Owner, Vec<ResourceId>)> = Vec::new();
    if teacher {
        for (&id, &r) in &d.teacher_res {
            if scope.teacher(id) {
                timelines.push((Owner::Teacher { id }, vec![r]));
            }
        }
    } else {
        for (id, resources) in sections(school, d, p, scope) {
            timelines.push((Owner::Section { id }, resources));
        }
    }
    // A pair shared by several timelines (a year's lessons meet in each subgroup) is one
    // pair: it goes to the first owner that has it.
    let mut seen: BTreeSet<(EventId, EventId)> = BTreeSet::new();
    let relation = EventRelation::MinGap(n);
    for (owner, resources) in timelines {
        let mut groups = Vec::new();
        for r in resources {
            let attends = |e: usize| {
                let ev = &d.events[e];
                if teacher {
                    ev.teachers.contains(&r)
                } else {
                    ev.sections.contains(&r)
                }
            };
            let on: Vec<usize> = (0..d.events.len()).filter(|&e| attends(e)).collect();
            let firsts: Vec<usize> = on.iter().copied().filter(|&e| tagged(e, &first)).collect();
            let seconds: Vec<usize> = on.iter().copied().filter(|&e| tagged(e, &second)).collect();
            for &a in &firsts {
                for &b in &seconds {
                    let pair = (EventId(a.min(b) as u32), EventId(a.max(b) as u32));
                    if a != b && seen.insert(pair) {
                        groups.push(vec![pair.0, pair.1]);
                    }
                }
            }
        }
        if groups.is_empty() {
            continue;
        }
        let kind = ConstraintKind::RelateEvents {
            groups,
            relation,
            layout: hours(d),
        };
        out.push(Some(rule), owner, "Horas libres entre dos etiquetas", kind);
    }
    true
}

/// Whether the school also has this rule with its two tags swapped (and all else equal).
fn reverse_exists(school: &SchoolData, rule: &Record<Rule>) -> bool {
    let mut swapped = rule.data.params.clone();
    if let Some(p) = swapped.as_object_mut() {
        let first = p.remove("first_tag");
        let second = p.remove("second_tag");
        if let Some(t) = second {
            p.insert("first_tag".into(), t);
        }
        if let Some(t) = first {
            p.insert("second_tag".into(), t);
        }
    }
    school.rules.iter().any(|r| {
        r.id != rule.id
            && r.data.enabled
            && r.data.kind == rule.data.kind
            && r.data.hard == rule.data.hard
            && r.data.weight == rule.data.weight
            && r.data.params == swapped
    })
}
