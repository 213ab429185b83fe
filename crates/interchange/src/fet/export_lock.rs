//! Constraints that come from data rather than rules: sections outside their grid's hours,
//! teachers' own daily maxima, and the timetable's places locked.

use super::export::{Ctx, FetExport, Out};
use super::export_xml::Element;
use domain::{Placement, RuleKind};
use std::collections::BTreeSet;

/// Sections cannot use the hours and days their grid does not have.
pub fn grid_limits(ctx: &Ctx, out: &mut Out) {
    for (sid, name) in ctx.students.every_section() {
        let Some(off) = ctx
            .time
            .section_grid
            .get(&sid)
            .and_then(|g| ctx.time.grid_off.get(g))
        else {
            continue;
        };
        let slots: Vec<(String, String)> = off
            .iter()
            .map(|&(d, h)| (ctx.time.day_name(d), ctx.time.hour_names[h].clone()))
            .collect();
        out.time.push(
            Element::constraint("ConstraintStudentsSetNotAvailableTimes", 100.0)
                .field("Students", name)
                .pairs(
                    "Number_of_Not_Available_Times",
                    "Not_Available_Time",
                    ("Day", "Hour"),
                    &slots,
                )
                .finish(true),
        );
    }
}

/// A teacher's own daily maximum holds when the school has no rule of that kind (as in the
/// compile path). The weekly one needs nothing: FET's activities fix a teacher's week.
pub fn own_limits(ctx: &Ctx, out: &mut Out) {
    if ctx
        .school
        .rules
        .iter()
        .any(|r| r.data.kind == RuleKind::TeacherMaxPerDay)
    {
        return;
    }
    for t in &ctx.school.teachers {
        if let (Some(max), Some(name)) = (t.data.max_periods_per_day, ctx.teacher.get(&t.id)) {
            out.time.push(
                Element::constraint("ConstraintTeacherMaxHoursDaily", 100.0)
                    .field("Teacher_Name", name)
                    .field("Maximum_Hours_Daily", max)
                    .finish(true),
            );
        }
    }
}

/// Every placement → its activity locked at its day and hour, and in its room when the room
/// holds the activity's students (FET refuses a room that is too small).
pub fn lock(ctx: &Ctx, placements: &[Placement], out: &mut Out, report: &mut FetExport) {
    let mut placed = BTreeSet::new();
    let (mut unknown, mut outside, mut small) = (0, 0, 0);
    for p in placements {
        let Some(&id) = ctx.activity_of.get(&(p.lesson_id, p.unit)) else {
            unknown += 1;
            continue;
        };
        let grid = ctx
            .lesson_grid
            .get(&p.lesson_id)
            .copied()
            .unwrap_or(ctx.time.first_grid);
        let Some((day, hour)) = ctx.time.slot_names(grid, p.day, p.period) else {
            outside += 1;
            continue;
        };
        placed.insert(id);
        out.time.push(
            Element::constraint("ConstraintActivityPreferredStartingTime", 100.0)
                .field("Activity_Id", id)
                .field("Preferred_Day", day)
                .field("Preferred_Hour", hour)
                .field("Permanently_Locked", true)
                .finish(true),
        );
        report.locked_times += 1;
        let Some(room) = p
            .room_id
            .and_then(|r| ctx.school.rooms.iter().find(|x| x.id == r))
        else {
            continue;
        };
        let act = &ctx.activities[id as usize - 1];
        let need = ctx.students.size_of(&act.students);
        if room.data.capacity > 0 && need > room.data.capacity {
            small += 1;
            continue;
        }
        out.space.push(
            Element::constraint("ConstraintActivityPreferredRoom", 100.0)
                .field("Activity_Id", id)
                .field("Room", &ctx.room[&room.id])
                .field("Permanently_Locked", true)
                .finish(true),
        );
        report.locked_rooms += 1;
    }
    let unplaced = ctx.activities.len() - placed.len();
    for (n, what) in [
        (
            unknown,
            "ubicaciones de clases o bloques que ya no existen: no se exportan",
        ),
        (
            outside,
            "ubicaciones fuera del horario base: no se exportan",
        ),
        (
            small,
            "ubicaciones en aulas más pequeñas que el grupo: se exporta la hora, no el aula",
        ),
        (
            unplaced,
            "actividades sin ubicar en este horario: FET deberá ubicarlas",
        ),
    ] {
        if n > 0 {
            report.warnings.push(format!("{n} {what}"));
        }
    }
}
