//! FET activity constraints beyond the common ones: order between two activities, time slots a
//! selection may occupy, activities running at once in selected slots, and the same room for
//! activities that follow each other.

use super::model::FetConstraint;
use super::rule_build::{blocks, flag, listed, number, rule, slots};
use super::time_rules::Outcome;
use super::to_school::Context;
use domain::RuleKind;
use serde_json::{Map, Value, json};

/// Time constraints of this family; `None` for a type that is not one of them.
pub fn time(ctx: &Context, c: &FetConstraint) -> Option<Outcome> {
    use RuleKind::*;
    let pair = || {
        blocks(
            ctx,
            listed(c, "First_Activity_Id")
                .into_iter()
                .chain(listed(c, "Second_Activity_Id")),
        )
    };
    let out = match c.kind.as_str() {
        "ConstraintTwoActivitiesOrdered" => ordered(Ordered, c, pair()),
        "ConstraintTwoActivitiesOrderedIfSameDay" => ordered(OrderedIfSameDay, c, pair()),
        "ConstraintActivitiesOccupyMaxTimeSlotsFromSelection" => selection(
            ctx,
            c,
            OccupyMaxSlots,
            &[("Max_Number_of_Occupied_Time_Slots", "max")],
        ),
        "ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots" => selection(
            ctx,
            c,
            MaxSimultaneous,
            &[("Max_Number_of_Simultaneous_Activities", "max")],
        ),
        "ConstraintActivitiesMinSimultaneousInSelectedTimeSlots" => selection(
            ctx,
            c,
            MinSimultaneous,
            &[("Min_Number_of_Simultaneous_Activities", "min")],
        )
        .map(|mut rules| {
            if let Some(Value::Object(p)) = rules.first_mut().map(|r| &mut r.params) {
                p.insert("allow_empty".into(), json!(flag(c, "Allow_Empty_Slots")));
            }
            rules
        }),
        _ => return None,
    };
    Some(out)
}

/// Space constraints of this family; `None` for a type that is not one of them.
pub fn space(ctx: &Context, c: &FetConstraint) -> Option<Outcome> {
    match c.kind.as_str() {
        "ConstraintActivitiesSameRoomIfConsecutive" => Some(Ok(vec![rule(
            RuleKind::SameRoomIfConsecutive,
            c,
            blocks(ctx, listed(c, "Activity_Id")),
        )])),
        _ => None,
    }
}

/// Two activities in order; an activity that is inactive or unknown leaves nothing to order.
fn ordered(kind: RuleKind, c: &FetConstraint, p: Map<String, Value>) -> Outcome {
    let n = p
        .get("lesson_ids")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    if n != 2 {
        return Err(Some(
            "se esperaban dos actividades activas y conocidas".into(),
        ));
    }
    Ok(vec![rule(kind, c, p)])
}

/// Listed activities and selected time slots, with the numbers copied under our names.
fn selection(ctx: &Context, c: &FetConstraint, kind: RuleKind, fields: &[(&str, &str)]) -> Outcome {
    let mut p = blocks(ctx, listed(c, "Activity_Id"));
    let mut missing = 0;
    let s = slots(
        ctx,
        &c.day_hours("Selected_Day", "Selected_Hour"),
        &mut missing,
    );
    if missing > 0 {
        return Err(Some(format!("{missing} día(s)/hora(s) desconocidos")));
    }
    p.insert("slots".into(), json!(s));
    for (from, to) in fields {
        let v = number(c, from).ok_or(Some(format!("falta <{from}>")))?;
        p.insert(to.to_string(), v);
    }
    Ok(vec![rule(kind, c, p)])
}
