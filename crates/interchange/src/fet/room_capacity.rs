//! FET's room capacity: an activity that gets a room never goes in one smaller than its
//! students. FET counts an activity's students as the sum of the sizes of the students sets
//! it lists (a year, group or subgroup as the file gives it), or the activity's own
//! `Number_Of_Students` where the file gives one, which the sections built from
//! the hierarchy cannot always reproduce (a year laid out one section per subgroup, groups of
//! size 0...). So the import states it per lesson, in the room-capacity rule of FET's basic
//! space constraint: `by_students`, lessons of the same size with the rooms big enough.

use super::model::FetFile;
use super::to_school::Context;
use domain::{Id, RuleKind, SchoolData};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};

/// One entry per students count that some room is too small for, naming the lessons that
/// already take a room (a preferred-room or home-room rule names them) and the rooms that fit.
pub fn by_students(school: &SchoolData, ctx: &Context) -> Vec<Value> {
    let roomed = roomed_lessons(school);
    let sizes = set_sizes(ctx.fet);
    let smallest = ctx.fet.rooms.iter().map(|r| r.capacity).min().unwrap_or(0);
    let mut by_size: BTreeMap<u32, BTreeSet<Id>> = BTreeMap::new();
    for a in ctx.fet.activities.iter().filter(|a| a.active) {
        let Some(&(lesson, _)) = ctx.blocks.get(&a.id) else {
            continue;
        };
        let n: u32 = a.number_of_students.unwrap_or_else(|| {
            a.students
                .iter()
                .map(|s| sizes.get(s.as_str()).copied().unwrap_or(0))
                .sum()
        });
        if n > smallest && roomed.contains(&lesson) {
            by_size.entry(n).or_default().insert(lesson);
        }
    }
    by_size
        .into_iter()
        .map(|(n, lessons)| {
            let fits: Vec<Id> = ctx
                .fet
                .rooms
                .iter()
                .filter(|r| r.capacity >= n)
                .filter_map(|r| ctx.rooms.get(r.name.as_str()).copied())
                .collect();
            json!({"students": n, "lesson_ids": lessons, "room_ids": fits})
        })
        .collect()
}

/// Students of every set by name (the first definition of a name wins, as sets of the same
/// name are one set in FET).
fn set_sizes(fet: &FetFile) -> BTreeMap<&str, u32> {
    let mut out = BTreeMap::new();
    for y in &fet.years {
        out.entry(y.name.as_str()).or_insert(y.students);
        for g in &y.groups {
            out.entry(g.name.as_str()).or_insert(g.students);
            for s in &g.subgroups {
                out.entry(s.name.as_str()).or_insert(s.students);
            }
        }
    }
    out
}

/// The lessons that take a room: those an enabled preferred-rooms rule (a preferred-room or
/// home-room constraint of the file) names.
pub fn roomed_lessons(school: &SchoolData) -> BTreeSet<Id> {
    school
        .rules
        .iter()
        .filter(|r| r.data.kind == RuleKind::PreferredRooms && r.data.enabled)
        .filter_map(|r| r.data.params.get("lesson_ids")?.as_array().cloned())
        .flatten()
        .filter_map(|v| v.as_i64())
        .collect()
}
