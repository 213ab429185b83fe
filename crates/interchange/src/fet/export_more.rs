//! The inverse of `more_rules`: order between two blocks, slot selections and the same room
//! for blocks that follow each other.

use super::export::{Ctx, Out};
use super::export_acts::named_activities;
use super::export_rules::{Outcome, percent, with_missing};
use super::export_xml::Element;
use domain::{Record, Rule, RuleKind, Slot};
use serde_json::Value;

/// `None` for kinds outside this family.
pub fn more_rule(ctx: &Ctx, rule: &Record<Rule>, out: &mut Out) -> Option<Outcome> {
    use RuleKind::*;
    let r = &rule.data;
    let w = percent(r);
    let acts = named_activities(ctx, r);
    let number = |key: &str| r.params.get(key).and_then(Value::as_i64).unwrap_or(0);
    let outcome = match r.kind {
        Ordered | OrderedIfSameDay => {
            let [first, second] = acts.as_slice() else {
                return Some(Outcome::NotExportable(format!(
                    "FET ordena dos actividades; la regla nombra {}",
                    acts.len()
                )));
            };
            let kind = if r.kind == Ordered {
                "ConstraintTwoActivitiesOrdered"
            } else {
                "ConstraintTwoActivitiesOrderedIfSameDay"
            };
            let e = Element::constraint(kind, w)
                .field("First_Activity_Id", first)
                .field("Second_Activity_Id", second);
            out.time.push(e.finish(r.enabled));
            Outcome::Exported(1)
        }
        OccupyMaxSlots | MaxSimultaneous | MinSimultaneous => {
            let slots: Vec<Slot> = r
                .params
                .get("slots")
                .and_then(|v| serde_json::from_value(v.clone()).ok())
                .unwrap_or_default();
            let grid = acts
                .first()
                .and_then(|a| {
                    ctx.lesson_grid
                        .get(&ctx.activities[*a as usize - 1].lesson_id)
                })
                .copied()
                .unwrap_or(ctx.time.first_grid);
            let mut missing = 0;
            let names = ctx.time.names_of(grid, &slots, &mut missing);
            let (kind, field, value) = match r.kind {
                OccupyMaxSlots => (
                    "ConstraintActivitiesOccupyMaxTimeSlotsFromSelection",
                    "Max_Number_of_Occupied_Time_Slots",
                    number("max"),
                ),
                MaxSimultaneous => (
                    "ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots",
                    "Max_Number_of_Simultaneous_Activities",
                    number("max"),
                ),
                _ => (
                    "ConstraintActivitiesMinSimultaneousInSelectedTimeSlots",
                    "Min_Number_of_Simultaneous_Activities",
                    number("min"),
                ),
            };
            let mut e = Element::constraint(kind, w)
                .list(Some("Number_of_Activities"), "Activity_Id", &acts)
                .pairs(
                    "Number_of_Selected_Time_Slots",
                    "Selected_Time_Slot",
                    ("Selected_Day", "Selected_Hour"),
                    &names,
                )
                .field(field, value);
            if r.kind == MinSimultaneous {
                let allow = r.params.get("allow_empty").and_then(Value::as_bool) == Some(true);
                e = e.field("Allow_Empty_Slots", allow);
            }
            out.time.push(e.finish(r.enabled));
            with_missing(1, missing)
        }
        SameRoomIfConsecutive => {
            let e = Element::constraint("ConstraintActivitiesSameRoomIfConsecutive", w).list(
                Some("Number_of_Activities"),
                "Activity_Id",
                &acts,
            );
            out.space.push(e.finish(r.enabled));
            Outcome::Exported(1)
        }
        _ => return None,
    };
    Some(outcome)
}
