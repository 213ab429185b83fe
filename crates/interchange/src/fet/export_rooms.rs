//! Room rules → FET's preferred-room and home-room constraints (space constraints).

use super::export::{ActivityOut, Ctx, Out};
use super::export_acts::{LessonScope, named_activities};
use super::export_rules::{Outcome, ids, percent};
use super::export_xml::Element;
use super::home_rooms::{Home, reaches};
use domain::{Id, Record, Rule, RuleKind};
use serde_json::Value;
use std::collections::BTreeSet;

/// `kind` with `Room` for one room, `kind` + "s" with the list for several.
fn rooms_element(kind: &str, w: f64, head: &[(&str, String)], rooms: &[String]) -> Element {
    let one = rooms.len() == 1;
    let mut e = Element::constraint(
        &if one {
            kind.to_string()
        } else {
            format!("{kind}s")
        },
        w,
    );
    for (f, v) in head {
        e = e.field(f, v);
    }
    if one {
        e.field("Room", &rooms[0])
    } else {
        e.list(Some("Number_of_Preferred_Rooms"), "Preferred_Room", rooms)
    }
}

/// The school's room type (per lesson: the rooms of its kind) and homeroom rules.
pub fn room_rule(ctx: &Ctx, rule: &Record<Rule>, out: &mut Out) -> Outcome {
    let r = &rule.data;
    let w = percent(r);
    let mut written = 0;
    if r.kind == RuleKind::HomeroomPreference {
        let scoped = ids(r, "section_ids");
        for (sid, name) in ctx.students.every_section() {
            let home = ctx
                .school
                .sections
                .iter()
                .find(|s| s.id == sid)
                .and_then(|s| s.data.homeroom_id);
            let Some(room) = home.and_then(|h| ctx.room.get(&h)) else {
                continue;
            };
            if scoped.as_ref().is_some_and(|s| !s.contains(&sid)) {
                continue;
            }
            let e = rooms_element(
                "ConstraintStudentsSetHomeRoom",
                w,
                &[("Students", name)],
                std::slice::from_ref(room),
            );
            out.space.push(e.finish(r.enabled));
            written += 1;
        }
        return Outcome::Exported(written);
    }
    let scope = LessonScope::of(r);
    for l in ctx
        .school
        .lessons
        .iter()
        .filter(|l| scope.takes(l) && l.data.room_id.is_none())
    {
        let home = l
            .data
            .section_ids
            .first()
            .and_then(|s| ctx.school.sections.iter().find(|x| x.id == *s))
            .and_then(|s| s.data.homeroom_id)
            .and_then(|h| ctx.school.rooms.iter().find(|r| r.id == h));
        let kind = l
            .data
            .room_kind
            .or(home.map(|h| h.data.kind))
            .unwrap_or(domain::RoomKind::Aula);
        let rooms: Vec<String> = ctx
            .school
            .rooms
            .iter()
            .filter(|x| x.data.kind == kind)
            .map(|x| ctx.room[&x.id].clone())
            .collect();
        // Every room fits: nothing to ask of FET.
        if rooms.is_empty() || rooms.len() == ctx.school.rooms.len() {
            continue;
        }
        for a in ctx.activities.iter().filter(|a| a.lesson_id == l.id) {
            let e = rooms_element(
                "ConstraintActivityPreferredRoom",
                w,
                &[("Activity_Id", a.id.to_string())],
                &rooms,
            );
            out.space.push(e.finish(r.enabled));
            written += 1;
        }
    }
    Outcome::Exported(written)
}

/// Preferred rooms of named blocks (one constraint each), or of whole lessons: then FET's
/// subject, activity tag, teacher home room or students home room constraint when the lessons
/// are exactly those of one subject, tag, teacher or students set; else one per block.
pub fn preferred_rooms(ctx: &Ctx, rule: &Record<Rule>, out: &mut Out) -> Outcome {
    let r = &rule.data;
    if r.params.get("no_rooms").is_some() {
        return Outcome::Implicit("FET no da aula sin una restricción de aula".into());
    }
    let w = percent(r);
    let rooms: Vec<String> = ids(r, "room_ids")
        .unwrap_or_default()
        .iter()
        .filter_map(|id| ctx.room.get(id).cloned())
        .collect();
    if rooms.is_empty() {
        return Outcome::NotExportable("sin aulas".into());
    }
    let locked = r.params.get("locked").and_then(Value::as_bool);
    let per_block = |acts: Vec<u32>, out: &mut Out| {
        for &id in &acts {
            let mut e = rooms_element(
                "ConstraintActivityPreferredRoom",
                w,
                &[("Activity_Id", id.to_string())],
                &rooms,
            );
            let real: Vec<&String> = ids(r, "real_room_ids")
                .unwrap_or_default()
                .iter()
                .filter_map(|id| ctx.room.get(id))
                .collect();
            if rooms.len() == 1 && !real.is_empty() {
                e = e.list(Some("Number_of_Real_Rooms"), "Real_Room", real);
            }
            if let (Some(l), 1) = (locked, rooms.len()) {
                e = e.field("Permanently_Locked", l);
            }
            out.space.push(e.finish(r.enabled));
        }
        Outcome::Exported(acts.len())
    };
    if r.params.get("blocks").is_some() {
        return per_block(named_activities(ctx, r), out);
    }
    let lessons: BTreeSet<Id> = ids(r, "lesson_ids")
        .unwrap_or_default()
        .into_iter()
        .collect();
    let home = r.params.get("home").and_then(Value::as_bool) == Some(true);
    if let Some((kind, head)) = whose(ctx, &lessons, home) {
        out.space
            .push(rooms_element(kind, w, &head, &rooms).finish(r.enabled));
        return Outcome::Exported(1);
    }
    per_block(named_activities(ctx, r), out)
}

type Head = (&'static str, Vec<(&'static str, String)>);

/// The one subject, tag, subject and tag, teacher or students set whose activities belong
/// to exactly these lessons (as FET selects them).
fn whose(ctx: &Ctx, lessons: &BTreeSet<Id>, home: bool) -> Option<Head> {
    let of = |pred: &dyn Fn(&ActivityOut) -> bool| -> BTreeSet<Id> {
        ctx.activities
            .iter()
            .filter(|a| pred(a))
            .map(|a| a.lesson_id)
            .collect()
    };
    if lessons.is_empty() {
        return None;
    }
    if home {
        for t in ctx.teacher.values() {
            if of(&|a| reaches(Home::Teacher, t, a)) == *lessons {
                return Some(("ConstraintTeacherHomeRoom", vec![("Teacher", t.clone())]));
            }
        }
        let sets: BTreeSet<&String> = ctx
            .activities
            .iter()
            .flat_map(|a| a.students.iter())
            .collect();
        for s in sets {
            if of(&|a| reaches(Home::Students, s, a)) == *lessons {
                return Some((
                    "ConstraintStudentsSetHomeRoom",
                    vec![("Students", s.clone())],
                ));
            }
        }
        return None;
    }
    for s in ctx.subject.values() {
        if of(&|a| a.subject == *s) == *lessons {
            return Some((
                "ConstraintSubjectPreferredRoom",
                vec![("Subject", s.clone())],
            ));
        }
    }
    let tags: BTreeSet<&String> = ctx.activities.iter().flat_map(|a| a.tags.iter()).collect();
    for t in &tags {
        if of(&|a| a.tags.contains(t)) == *lessons {
            return Some((
                "ConstraintActivityTagPreferredRoom",
                vec![("Activity_Tag", t.to_string())],
            ));
        }
    }
    for s in ctx.subject.values() {
        for t in &tags {
            if of(&|a| a.subject == *s && a.tags.contains(t)) == *lessons {
                let head = vec![("Subject", s.clone()), ("Activity_Tag", t.to_string())];
                return Some(("ConstraintSubjectActivityTagPreferredRoom", head));
            }
        }
    }
    None
}
