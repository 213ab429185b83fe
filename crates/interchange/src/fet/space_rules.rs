//! FET space constraints → rules (and room availability data).

use super::home_rooms::{Home, reaches};
use super::import_report::FetImportReport;
use super::model::FetConstraint;
use super::rule_build::{blocks, flag, lessons_of, listed, number, params, rule};
use super::time_rules::{Outcome, limit_of, per_person, push_rules};
use super::to_school::Context;
use domain::RuleKind::PreferredRooms;
use domain::{Id, RuleKind, SchoolData, Slot};
use serde_json::{Map, json};

pub fn map(school: &mut SchoolData, ctx: &Context, report: &mut FetImportReport) {
    for c in &ctx.fet.space_constraints {
        let outcome = one(school, ctx, c);
        report.record(c, &outcome);
        if let Ok(rules) = outcome {
            push_rules(school, rules);
        }
    }
    let basic = ctx
        .fet
        .space_constraints
        .iter()
        .find(|c| c.kind == "ConstraintBasicCompulsorySpace" && c.active);
    if let Some(basic) = basic {
        let entries = super::room_capacity::by_students(school, ctx);
        let capacity = school.rules.iter_mut().rev().find(|r| {
            r.data.kind == RuleKind::RoomCapacity && r.data.params.get("weight_percent").is_some()
        });
        if let (Some(r), false) = (capacity, entries.is_empty()) {
            r.data.params["by_students"] = json!(entries);
        }
        if !school
            .rules
            .iter()
            .any(|r| r.data.kind == PreferredRooms && r.data.enabled)
        {
            // FET gives a room only through its preferred-room and home-room constraints; a
            // file with none gives no activity a room. The compile's rule (where preferred-room
            // rules exist, a lesson none names takes no room) then needs one that names none.
            let p = params(&[
                ("lesson_ids", json!([])),
                ("room_ids", json!([])),
                ("no_rooms", json!(true)),
            ]);
            push_rules(school, vec![rule(PreferredRooms, basic, p)]);
        }
    }
}

fn one(school: &mut SchoolData, ctx: &Context, c: &FetConstraint) -> Outcome {
    use RuleKind::*;
    let rooms = |field: &str| -> Result<Vec<Id>, Option<String>> {
        c.all(field)
            .map(|r| {
                ctx.rooms
                    .get(r)
                    .copied()
                    .ok_or(Some(format!("aula desconocida «{r}»")))
            })
            .collect()
    };
    // Lessons of the activities that match, for "all activities of X go in these rooms".
    let of = |pred: &dyn Fn(&super::model::FetActivity) -> bool| {
        lessons_of(
            ctx,
            ctx.fet
                .activities
                .iter()
                .filter(|a| a.active && pred(a))
                .map(|a| a.id),
        )
    };
    let preferred = |lessons: Vec<Id>, room_ids: Vec<Id>, home: bool| {
        let mut p = params(&[
            ("lesson_ids", json!(lessons)),
            ("room_ids", json!(room_ids)),
        ]);
        if home {
            // FET applies home rooms only to activities without a preferred room of their own.
            p.insert("home".into(), json!(true));
        }
        vec![rule(PreferredRooms, c, p)]
    };
    // Sub-activities of one split activity may carry different tags ("Class" and "Lab"): a
    // tag's room goes only to the blocks with the tag, as FET gives it per activity.
    // Where no lesson mixes tagged and untagged blocks the rule names whole lessons, so that a
    // file round-trips through the export with its room constraints unchanged.
    let tagged = |pred: &dyn Fn(&super::model::FetActivity) -> bool, room_ids: Vec<Id>| {
        let active = || ctx.fet.activities.iter().filter(|a| a.active);
        let ids: Vec<u32> = active().filter(|a| pred(a)).map(|a| a.id).collect();
        let lessons = lessons_of(ctx, ids.iter().copied());
        let mixed = active().any(|a| {
            !pred(a)
                && ctx
                    .blocks
                    .get(&a.id)
                    .is_some_and(|b| lessons.binary_search(&b.0).is_ok())
        });
        if !mixed {
            return preferred(lessons, room_ids, false);
        }
        let mut p = blocks(ctx, ids);
        p.insert("room_ids".into(), json!(room_ids));
        vec![rule(PreferredRooms, c, p)]
    };
    let text = |f: &str| c.get(f).unwrap_or_default().to_string();
    let out = match c.kind.as_str() {
        // FET's basic space constraint also keeps an activity out of a room smaller than its
        // students, so capacity is hard for every activity that gets a room.
        "ConstraintBasicCompulsorySpace" => vec![
            rule(NoRoomClash, c, Map::new()),
            rule(RoomCapacity, c, Map::new()),
        ],
        "ConstraintRoomNotAvailableTimes" => {
            let name = text("Room");
            let id = rooms("Room")?
                .first()
                .copied()
                .ok_or(Some("falta <Room>".to_string()))?;
            let mut slots = Vec::new();
            for (d, h) in c.day_hours("Day", "Hour") {
                match (ctx.days.get(d.as_str()), ctx.hours.get(h.as_str())) {
                    (Some(&day), Some(&period)) => slots.push(Slot { day, period }),
                    _ => return Err(Some(format!("aula «{name}»: día u hora desconocidos"))),
                }
            }
            if c.weight >= 100.0 && c.active {
                school.rooms[id as usize - 1].data.unavailable.extend(slots);
                vec![rule(
                    RoomAvailability,
                    c,
                    params(&[("room_ids", json!([id]))]),
                )]
            } else {
                let s: Vec<_> = slots
                    .iter()
                    .map(|s| json!({"day": s.day, "period": s.period}))
                    .collect();
                let p = params(&[("room_ids", json!([id])), ("slots", json!(s))]);
                vec![rule(RoomAvailability, c, p)]
            }
        }
        "ConstraintActivityPreferredRoom" => {
            let mut p = blocks(ctx, listed(c, "Activity_Id"));
            p.insert("room_ids".into(), json!(rooms("Room")?));
            p.insert("locked".into(), json!(flag(c, "Permanently_Locked")));
            // A virtual room's locked form also names its real rooms, one per set.
            if c.get("Real_Room").is_some() {
                p.insert("real_room_ids".into(), json!(rooms("Real_Room")?));
            }
            vec![rule(PreferredRooms, c, p)]
        }
        "ConstraintActivityPreferredRooms" => {
            let mut p = blocks(ctx, listed(c, "Activity_Id"));
            p.insert("room_ids".into(), json!(rooms("Preferred_Room")?));
            vec![rule(PreferredRooms, c, p)]
        }
        "ConstraintSubjectPreferredRoom" | "ConstraintSubjectPreferredRooms" => {
            let s = text("Subject");
            preferred(of(&|a| a.subject == s), room_list(c, &rooms)?, false)
        }
        "ConstraintActivityTagPreferredRoom" | "ConstraintActivityTagPreferredRooms" => {
            let t = text("Activity_Tag");
            tagged(&|a| a.tags.contains(&t), room_list(c, &rooms)?)
        }
        "ConstraintSubjectActivityTagPreferredRoom"
        | "ConstraintSubjectActivityTagPreferredRooms" => {
            let (s, t) = (text("Subject"), text("Activity_Tag"));
            tagged(
                &|a| a.subject == s && a.tags.contains(&t),
                room_list(c, &rooms)?,
            )
        }
        "ConstraintTeacherHomeRoom" | "ConstraintTeacherHomeRooms" => {
            let t = text("Teacher");
            preferred(
                of(&|a| reaches(Home::Teacher, &t, a)),
                room_list(c, &rooms)?,
                true,
            )
        }
        "ConstraintStudentsSetHomeRoom" | "ConstraintStudentsSetHomeRooms" => {
            let s = text("Students");
            preferred(
                of(&|a| reaches(Home::Students, &s, a)),
                room_list(c, &rooms)?,
                true,
            )
        }
        "ConstraintActivitiesOccupyMaxDifferentRooms" => {
            let mut p = blocks(ctx, listed(c, "Activity_Id"));
            p.insert(
                "max".into(),
                number(c, "Max_Number_of_Different_Rooms").unwrap_or(json!(1)),
            );
            vec![rule(MaxDifferentRooms, c, p)]
        }
        other => match limit_of(other) {
            Some(limit) => vec![per_person(ctx, c, limit)?],
            None => return super::more_rules::space(ctx, c).unwrap_or(Err(None)),
        },
    };
    Ok(out)
}

type RoomIds = Result<Vec<Id>, Option<String>>;

/// The single `Room` or the `Preferred_Room` list, whichever the constraint has.
fn room_list(c: &FetConstraint, rooms: &dyn Fn(&str) -> RoomIds) -> RoomIds {
    if c.get("Room").is_some() {
        rooms("Room")
    } else {
        rooms("Preferred_Room")
    }
}
