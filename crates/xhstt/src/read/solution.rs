//! Reads `<SolutionGroups>`: solutions resolved against the archive's instances, and their reports.

use roxmltree::Node;

use crate::error::XhsttError;
use crate::model::instance::Instance;
use crate::model::solution::{
    Report, ReportEntry, ReportObject, Solution, SolutionEvent, SolutionGroup,
    SolutionGroupMetadata, SolutionResource,
};
use crate::read::xml::{Ctx, child, children, opt_text, text, text_or_empty};

pub(crate) fn read_solution_group<'a, 'i>(
    cx: &Ctx<'a, 'i>,
    g: Node<'a, 'i>,
    instances: &[Instance],
) -> Result<SolutionGroup, XhsttError> {
    let metadata = child(g, "MetaData")
        .map(|m| SolutionGroupMetadata {
            contributor: text_or_empty(m, "Contributor"),
            date: text_or_empty(m, "Date"),
            description: text_or_empty(m, "Description"),
            publication: opt_text(m, "Publication"),
            remarks: opt_text(m, "Remarks"),
        })
        .unwrap_or_default();
    let solutions = children(g, "Solution")
        .map(|s| read_solution(cx, s, instances))
        .collect::<Result<_, _>>()?;
    Ok(SolutionGroup {
        id: cx.attr(g, "Id")?.to_string(),
        metadata,
        solutions,
    })
}

fn read_solution<'a, 'i>(
    cx: &Ctx<'a, 'i>,
    s: Node<'a, 'i>,
    instances: &[Instance],
) -> Result<Solution, XhsttError> {
    let reference = cx.attr(s, "Reference")?;
    let index = instances
        .iter()
        .position(|i| i.id == reference)
        .ok_or_else(|| {
            cx.err(
                s,
                format!("referencia desconocida / unknown reference: Instance \"{reference}\""),
            )
        })?;
    let inst = &instances[index];
    let mut events = Vec::new();
    if let Some(list) = child(s, "Events") {
        for e in children(list, "Event") {
            events.push(read_solution_event(cx, e, inst)?);
        }
    }
    check_durations(cx, s, inst, &events)?;
    Ok(Solution {
        instance: index,
        description: opt_text(s, "Description"),
        running_time: opt_text(s, "RunningTime"),
        events,
        report: child(s, "Report").map(|r| read_report(cx, r)).transpose()?,
    })
}

/// The specification requires an event's solution events to share out exactly its duration.
fn check_durations<'a, 'i>(
    cx: &Ctx<'a, 'i>,
    s: Node<'a, 'i>,
    inst: &Instance,
    events: &[SolutionEvent],
) -> Result<(), XhsttError> {
    let mut total = vec![0u64; inst.events.len()];
    for se in events {
        let event = inst.event(se.event);
        total[se.event.index()] += u64::from(se.duration.unwrap_or(event.duration));
    }
    for se in events {
        let event = inst.event(se.event);
        let sum = total[se.event.index()];
        if sum != u64::from(event.duration) {
            return Err(cx.err(
                s,
                format!(
                    "las duraciones de los sub-eventos de \"{}\" suman {sum}, no {} / sub-event durations of \"{}\" sum to {sum}, not {}",
                    event.id, event.duration, event.id, event.duration
                ),
            ));
        }
    }
    Ok(())
}

fn read_solution_event<'a, 'i>(
    cx: &Ctx<'a, 'i>,
    e: Node<'a, 'i>,
    inst: &Instance,
) -> Result<SolutionEvent, XhsttError> {
    let lk = &inst.lookup;
    let event = cx.reference(e, &lk.events, "Event")?;
    let duration: Option<u32> = cx.opt_num(e, "Duration")?;
    if duration == Some(0) {
        return Err(cx.err(
            e,
            "la duración debe ser positiva / duration must be positive",
        ));
    }
    let time = child(e, "Time")
        .map(|t| cx.reference(t, &lk.times, "Time"))
        .transpose()?;
    let mut resources = Vec::new();
    if let Some(list) = child(e, "Resources") {
        for r in children(list, "Resource") {
            let resource = cx.reference(r, &lk.resources, "Resource")?;
            let role = text(cx.req_child(r, "Role")?);
            let ev = inst.event(event);
            let Some(slot) = ev.resource_by_role(&role) else {
                return Err(cx.err(
                    r,
                    format!(
                        "el evento \"{}\" no tiene el rol / event has no role \"{role}\"",
                        ev.id
                    ),
                ));
            };
            if ev.resources[slot].resource_type != inst.resource(resource).resource_type {
                return Err(cx.err(r, "tipo de recurso equivocado / wrong resource type"));
            }
            resources.push(SolutionResource { resource, role });
        }
    }
    Ok(SolutionEvent {
        event,
        duration,
        time,
        resources,
    })
}

fn read_report<'a, 'i>(cx: &Ctx<'a, 'i>, r: Node<'a, 'i>) -> Result<Report, XhsttError> {
    let mut entries = Vec::new();
    for (list, item, kind) in [
        ("Resources", "Resource", ReportObject::Resource),
        ("Events", "Event", ReportObject::Event),
        ("EventGroups", "EventGroup", ReportObject::EventGroup),
    ] {
        let Some(list) = child(r, list) else { continue };
        for o in children(list, item) {
            let object = cx.attr(o, "Reference")?.to_string();
            for c in children(o, "Constraint") {
                entries.push(ReportEntry {
                    object_kind: kind,
                    object: object.clone(),
                    constraint: cx.attr(c, "Reference")?.to_string(),
                    cost: cx.req_num(c, "Cost")?,
                    description: opt_text(c, "Description"),
                });
            }
        }
    }
    Ok(Report {
        infeasibility: cx.req_num(r, "InfeasibilityValue")?,
        objective: cx.req_num(r, "ObjectiveValue")?,
        entries,
    })
}
