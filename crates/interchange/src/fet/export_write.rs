//! The `.fet` document: header, the entity lists in FET's order, then the constraints.

use super::export::{Ctx, Out};
use super::export_xml::escape;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Room capacity FET uses for "no limit" (a room whose capacity the school did not give).
const UNLIMITED_CAPACITY: u32 = 30000;

pub fn document(ctx: &Ctx, institution: &str, out: &Out) -> String {
    let mut s =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n<fet version=\"6.8.5\">\n\n");
    let _ = writeln!(
        s,
        "<Institution_Name>{}</Institution_Name>\n",
        escape(institution)
    );
    s.push_str("<Comments>Exportado por BiScheduler</Comments>\n\n");
    let days: Vec<String> = (0..ctx.time.days.len())
        .map(|d| ctx.time.day_name(d))
        .collect();
    named_list(&mut s, "Days_List", Some("Number_of_Days"), "Day", &days);
    named_list(
        &mut s,
        "Hours_List",
        Some("Number_of_Hours"),
        "Hour",
        &ctx.time.hour_names,
    );
    let subjects: Vec<String> = ctx.subject.values().cloned().collect();
    named_list(&mut s, "Subjects_List", None, "Subject", &subjects);
    named_list(
        &mut s,
        "Activity_Tags_List",
        None,
        "Activity_Tag",
        &tags(ctx),
    );
    let teachers: Vec<String> = ctx.teacher.values().cloned().collect();
    named_list(&mut s, "Teachers_List", None, "Teacher", &teachers);
    students(&mut s, ctx);
    activities(&mut s, ctx);
    rooms(&mut s, ctx);
    s.push_str("<Time_Constraints_List>\n");
    out.time.iter().for_each(|c| s.push_str(c));
    s.push_str("</Time_Constraints_List>\n\n<Space_Constraints_List>\n");
    out.space.iter().for_each(|c| s.push_str(c));
    s.push_str("</Space_Constraints_List>\n\n</fet>\n");
    s
}

/// Days and hours (the lists with a count) have no `Comments` in FET's format.
fn named_list(s: &mut String, list: &str, count: Option<&str>, item: &str, names: &[String]) {
    let _ = writeln!(s, "<{list}>");
    if let Some(c) = count {
        let _ = writeln!(s, "<{c}>{}</{c}>", names.len());
        for n in names {
            let _ = writeln!(s, "<{item}>\n\t<Name>{}</Name>\n</{item}>", escape(n));
        }
        let _ = writeln!(s, "</{list}>\n");
        return;
    }
    for n in names {
        let _ = writeln!(
            s,
            "<{item}>\n\t<Name>{}</Name>\n\t<Comments></Comments>\n</{item}>",
            escape(n)
        );
    }
    let _ = writeln!(s, "</{list}>\n");
}

/// Tags of lessons and of rules that select by tag.
fn tags(ctx: &Ctx) -> Vec<String> {
    let mut all: BTreeSet<String> = ctx.activities.iter().flat_map(|a| a.tags.clone()).collect();
    for r in &ctx.school.rules {
        if let Some(t) = r.data.params.get("tag").and_then(|v| v.as_str()) {
            all.insert(t.to_string());
        }
    }
    all.into_iter().filter(|t| !t.trim().is_empty()).collect()
}

fn students(s: &mut String, ctx: &Ctx) {
    s.push_str("<Students_List>\n");
    for y in &ctx.students.years {
        let _ = writeln!(
            s,
            "<Year>\n\t<Name>{}</Name>\n\t<Number_of_Students>{}</Number_of_Students>\n\t<Comments></Comments>",
            escape(&y.name),
            y.size
        );
        for g in &y.groups {
            let _ = writeln!(
                s,
                "\t<Group>\n\t\t<Name>{}</Name>\n\t\t<Number_of_Students>{}</Number_of_Students>\n\t\t<Comments></Comments>",
                escape(&g.name),
                g.size
            );
            for (name, size) in &g.subgroups {
                let _ = writeln!(
                    s,
                    "\t\t<Subgroup>\n\t\t\t<Name>{}</Name>\n\t\t\t<Number_of_Students>{size}</Number_of_Students>\n\t\t\t<Comments></Comments>\n\t\t</Subgroup>",
                    escape(name)
                );
            }
            s.push_str("\t</Group>\n");
        }
        s.push_str("</Year>\n");
    }
    s.push_str("</Students_List>\n\n");
}

fn activities(s: &mut String, ctx: &Ctx) {
    s.push_str("<Activities_List>\n");
    for a in &ctx.activities {
        s.push_str("<Activity>\n");
        for t in &a.teachers {
            let _ = writeln!(s, "\t<Teacher>{}</Teacher>", escape(t));
        }
        let _ = writeln!(s, "\t<Subject>{}</Subject>", escape(&a.subject));
        for t in &a.tags {
            let _ = writeln!(s, "\t<Activity_Tag>{}</Activity_Tag>", escape(t));
        }
        for st in &a.students {
            let _ = writeln!(s, "\t<Students>{}</Students>", escape(st));
        }
        let _ = writeln!(
            s,
            "\t<Duration>{}</Duration>\n\t<Total_Duration>{}</Total_Duration>\n\t<Id>{}</Id>\n\t<Activity_Group_Id>{}</Activity_Group_Id>\n\t<Active>true</Active>\n\t<Comments></Comments>\n</Activity>",
            a.duration, a.total, a.id, a.group_id
        );
    }
    s.push_str("</Activities_List>\n\n");
}

fn rooms(s: &mut String, ctx: &Ctx) {
    let buildings: BTreeSet<String> = ctx
        .school
        .rooms
        .iter()
        .filter_map(|r| r.data.building.clone())
        .filter(|b| !b.trim().is_empty())
        .collect();
    let list: Vec<String> = buildings.into_iter().collect();
    named_list(s, "Buildings_List", None, "Building", &list);
    s.push_str("<Rooms_List>\n");
    for r in &ctx.school.rooms {
        let capacity = if r.data.capacity == 0 {
            UNLIMITED_CAPACITY
        } else {
            r.data.capacity
        };
        let _ = write!(
            s,
            "<Room>\n\t<Name>{}</Name>\n\t<Building>{}</Building>\n\t<Capacity>{capacity}</Capacity>\n\t<Virtual>{}</Virtual>\n",
            escape(&ctx.room[&r.id]),
            escape(r.data.building.as_deref().unwrap_or_default().trim()),
            !r.data.parts.is_empty()
        );
        // A virtual room's sets of real rooms, as FET 6 writes them.
        if !r.data.parts.is_empty() {
            let _ = writeln!(
                s,
                "\t<Number_of_Sets_of_Real_Rooms>{}</Number_of_Sets_of_Real_Rooms>",
                r.data.parts.len()
            );
            for set in &r.data.parts {
                let names: Vec<&String> = set.iter().filter_map(|id| ctx.room.get(id)).collect();
                let _ = writeln!(
                    s,
                    "\t<Set_of_Real_Rooms>\n\t\t<Number_of_Real_Rooms>{}</Number_of_Real_Rooms>",
                    names.len()
                );
                for n in names {
                    let _ = writeln!(s, "\t\t<Real_Room>{}</Real_Room>", escape(n));
                }
                s.push_str("\t</Set_of_Real_Rooms>\n");
            }
        }
        s.push_str("\t<Comments></Comments>\n</Room>\n");
    }
    s.push_str("</Rooms_List>\n\n");
}
