//! Our model as judge of a FET timetable: `fet_judge FILE.fet ACTIVITIES.xml` maps the file
//! as `fet solve` does, reads FET's `NAME_activities.xml` (day, hour, room per activity) and
//! prints the hard cost our compile gives it, per rule. A timetable FET itself accepted should
//! cost 0 hard here: every hard violation left is a place where our reading of the file is
//! stricter than FET's.

use domain::Placement;
use interchange::fet::{fet_to_school, read_activities, read_fet};
use std::collections::BTreeMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, fet_path, xml_path] = args.as_slice() else {
        return Err("uso: fet_judge FILE.fet ACTIVITIES.xml".into());
    };
    let fet = read_fet(&std::fs::read_to_string(fet_path)?)?;
    let (school, report) = fet_to_school(&fet)?;
    let places = read_activities(&std::fs::read_to_string(xml_path)?)?;
    let day = |name: &str| fet.days.iter().position(|d| d.trim() == name.trim());
    let hour = |name: &str| fet.hours.iter().position(|h| h.trim() == name.trim());
    let room = |name: &str| fet.rooms.iter().position(|r| r.name.trim() == name.trim());
    let mut placements = Vec::new();
    for p in &places {
        let Some(b) = report.block_of(p.activity_id) else {
            continue;
        };
        let (Some(d), Some(h)) = (day(&p.day), hour(&p.hour)) else {
            eprintln!("actividad {}: día u hora desconocidos", p.activity_id);
            continue;
        };
        placements.push(Placement {
            timetable_id: 1,
            lesson_id: b.lesson_id,
            unit: b.block,
            day: d as u8 + 1,
            period: h as u8 + 1,
            duration: b.duration,
            room_id: p
                .room
                .as_deref()
                .filter(|r| !r.is_empty())
                .and_then(room)
                .map(|i| i as i64 + 1),
            locked: false,
        });
    }
    let compiled = scheduling::compile(&school, None)?;
    for r in &compiled.skipped_rules {
        println!("omitida: {r:?}");
    }
    let solution = compiled.encode(&placements)?;
    let rep = compiled.report(&school, &solution)?;
    println!("duro {} blando {}", rep.hard_cost, rep.soft_cost);
    let mut by_what: BTreeMap<String, (i64, usize)> = BTreeMap::new();
    for v in &rep.hard_violations {
        let e = by_what
            .entry(format!("{:?} {}", v.rule, v.what))
            .or_default();
        e.0 += v.cost;
        e.1 += 1;
    }
    for (what, (cost, n)) in &by_what {
        println!("duro {cost:5} en {n:4}: {what}");
    }
    let detail = std::env::var("DETAIL").is_ok();
    for v in rep.hard_violations.iter().filter(|_| detail) {
        println!(
            "  {:?} rule {:?} {} [{}] cost {} @ {}",
            v.rule,
            v.rule_id,
            v.what,
            v.who,
            v.cost,
            v.places.join(" | ")
        );
        // The rule as imported (lessons, blocks, weight): which FET constraint it came from.
        if let Some(rule) = school.rules.iter().find(|r| Some(r.id) == v.rule_id) {
            println!("    params {}", rule.data.params);
            let lessons = rule
                .data
                .params
                .get("lesson_ids")
                .and_then(|v| v.as_array());
            let acts: Vec<u32> = report
                .activity_blocks
                .iter()
                .filter(|b| {
                    lessons.is_some_and(|l| l.iter().any(|x| x.as_i64() == Some(b.lesson_id)))
                })
                .map(|b| b.activity_id)
                .collect();
            println!("    activities of its lessons {acts:?}");
        }
    }
    for r in &rep.soft_by_rule {
        println!("blando {:6} {:?} {}", r.cost, r.rule, r.what);
    }
    Ok(())
}
