//! Solutions in both directions between the solver and XHSTT.

use xhstt::{Instance, SolutionEvent, SolutionResource};

/// Solver solution → XHSTT solution of instance number `instance_index` in its archive. Open roles
/// with a role name carry their assigned resource; preassigned resources are implied.
pub fn to_xhstt(inst: &Instance, instance_index: usize, sol: &solver::Solution) -> xhstt::Solution {
    let events = sol
        .sub_events
        .iter()
        .map(|se| {
            let ev = inst.event(xhstt::EventId(se.event.0));
            let resources = ev
                .resources
                .iter()
                .zip(&se.resources)
                .filter_map(|(er, assigned)| match (er.resource, &er.role, assigned) {
                    (None, Some(role), Some(r)) => Some(SolutionResource {
                        resource: xhstt::ResourceId(r.0),
                        role: role.clone(),
                    }),
                    _ => None,
                })
                .collect();
            SolutionEvent {
                event: xhstt::EventId(se.event.0),
                duration: Some(se.duration),
                time: se.start.map(|t| xhstt::TimeId(t.0)),
                resources,
            }
        })
        .collect();
    xhstt::Solution {
        instance: instance_index,
        description: None,
        running_time: None,
        events,
        report: None,
    }
}

/// XHSTT solution → solver solution (the evaluator's reading rules: a missing duration is the
/// event's, an unsplit sub-event without a time takes the preassigned one, an event without
/// solution events is one unscheduled sub-event).
pub fn from_xhstt(inst: &Instance, sol: &xhstt::Solution) -> solver::Solution {
    let mut seen = vec![false; inst.events.len()];
    let mut sub_events = Vec::new();
    for se in &sol.events {
        let ev = inst.event(se.event);
        seen[se.event.index()] = true;
        let duration = se.duration.unwrap_or(ev.duration);
        let mut resources: Vec<Option<solver::ResourceId>> = ev
            .resources
            .iter()
            .map(|er| er.resource.map(|r| solver::ResourceId(r.0)))
            .collect();
        for sr in &se.resources {
            if let Some(k) = ev.resource_by_role(&sr.role) {
                resources[k] = Some(solver::ResourceId(sr.resource.0));
            }
        }
        let start = se.time.or(if duration == ev.duration {
            ev.time
        } else {
            None
        });
        sub_events.push(solver::SubEvent {
            event: solver::EventId(se.event.0),
            start: start.map(|t| solver::TimeId(t.0)),
            duration,
            resources,
        });
    }
    for (i, ev) in inst.events.iter().enumerate() {
        if !seen[i] {
            sub_events.push(solver::SubEvent {
                event: solver::EventId(i as u32),
                start: ev.time.map(|t| solver::TimeId(t.0)),
                duration: ev.duration,
                resources: ev
                    .resources
                    .iter()
                    .map(|er| er.resource.map(|r| solver::ResourceId(r.0)))
                    .collect(),
            });
        }
    }
    solver::Solution { sub_events }
}
