//! Writes one `<Instance>` (times, resources, events; constraints in `constraints.rs`).

use crate::model::instance::{EventGroupKind, Instance, TimeGroupKind};
use crate::write::constraints::write_constraints;
use crate::write::xml::XmlOut;

pub(crate) fn write_instance(x: &mut XmlOut, inst: &Instance) {
    x.open("Instance", &[("Id", &inst.id)]);
    let m = &inst.metadata;
    x.open("MetaData", &[]);
    x.text("Name", &m.name);
    x.text("Contributor", &m.contributor);
    x.text("Date", &m.date);
    x.text("Country", &m.country);
    x.text("Description", &m.description);
    x.opt_text("Publication", m.publication.as_deref());
    x.opt_text("Remarks", m.remarks.as_deref());
    x.close();
    write_times(x, inst);
    write_resources(x, inst);
    write_events(x, inst);
    write_constraints(x, inst);
    x.close();
}

fn write_times(x: &mut XmlOut, inst: &Instance) {
    x.open("Times", &[]);
    if !inst.time_groups.is_empty() {
        x.open("TimeGroups", &[]);
        for g in &inst.time_groups {
            let tag = match g.kind {
                TimeGroupKind::TimeGroup => "TimeGroup",
                TimeGroupKind::Day => "Day",
                TimeGroupKind::Week => "Week",
            };
            x.open(tag, &[("Id", &g.id)]);
            x.text("Name", &g.name);
            x.close();
        }
        x.close();
    }
    for t in &inst.times {
        x.open("Time", &[("Id", &t.id)]);
        x.text("Name", &t.name);
        let of_kind = |kind| {
            t.time_groups
                .iter()
                .map(|&g| inst.time_group(g))
                .filter(move |g| g.kind == kind)
        };
        for g in of_kind(TimeGroupKind::Week) {
            x.reference("Week", &g.id);
        }
        for g in of_kind(TimeGroupKind::Day) {
            x.reference("Day", &g.id);
        }
        x.references(
            "TimeGroups",
            "TimeGroup",
            of_kind(TimeGroupKind::TimeGroup).map(|g| g.id.as_str()),
        );
        x.close();
    }
    x.close();
}

fn write_resources(x: &mut XmlOut, inst: &Instance) {
    x.open("Resources", &[]);
    x.open("ResourceTypes", &[]);
    for t in &inst.resource_types {
        x.open("ResourceType", &[("Id", &t.id)]);
        x.text("Name", &t.name);
        x.close();
    }
    x.close();
    x.open("ResourceGroups", &[]);
    for g in &inst.resource_groups {
        x.open("ResourceGroup", &[("Id", &g.id)]);
        x.text("Name", &g.name);
        x.reference(
            "ResourceType",
            &inst.resource_types[g.resource_type.index()].id,
        );
        x.close();
    }
    x.close();
    for r in &inst.resources {
        x.open("Resource", &[("Id", &r.id)]);
        x.text("Name", &r.name);
        x.reference(
            "ResourceType",
            &inst.resource_types[r.resource_type.index()].id,
        );
        x.references(
            "ResourceGroups",
            "ResourceGroup",
            r.resource_groups
                .iter()
                .map(|&g| inst.resource_group(g).id.as_str()),
        );
        x.close();
    }
    x.close();
}

fn write_events(x: &mut XmlOut, inst: &Instance) {
    x.open("Events", &[]);
    if !inst.event_groups.is_empty() {
        x.open("EventGroups", &[]);
        for g in &inst.event_groups {
            let tag = match g.kind {
                EventGroupKind::EventGroup => "EventGroup",
                EventGroupKind::Course => "Course",
            };
            x.open(tag, &[("Id", &g.id)]);
            x.text("Name", &g.name);
            x.close();
        }
        x.close();
    }
    for e in &inst.events {
        match &e.color {
            Some(color) => x.open("Event", &[("Id", &e.id), ("Color", color)]),
            None => x.open("Event", &[("Id", &e.id)]),
        }
        x.text("Name", &e.name);
        x.num("Duration", e.duration);
        if let Some(w) = e.workload {
            x.num("Workload", w);
        }
        if let Some(c) = e.course {
            x.reference("Course", &inst.event_group(c).id);
        }
        if let Some(t) = e.time {
            x.reference("Time", &inst.time(t).id);
        }
        let declared: Vec<_> = e
            .resources
            .iter()
            .filter(|r| r.from_group.is_none())
            .collect();
        if !declared.is_empty() {
            x.open("Resources", &[]);
            for r in declared {
                match r.resource {
                    Some(res) => x.open("Resource", &[("Reference", &inst.resource(res).id)]),
                    None => x.open("Resource", &[]),
                }
                x.opt_text("Role", r.role.as_deref());
                x.reference(
                    "ResourceType",
                    &inst.resource_types[r.resource_type.index()].id,
                );
                if let Some(w) = r.workload {
                    x.num("Workload", w);
                }
                x.close();
            }
            x.close();
        }
        x.references(
            "ResourceGroups",
            "ResourceGroup",
            e.resource_groups
                .iter()
                .map(|&g| inst.resource_group(g).id.as_str()),
        );
        x.references(
            "EventGroups",
            "EventGroup",
            e.event_groups
                .iter()
                .filter(|&&g| Some(g) != e.course)
                .map(|&g| inst.event_group(g).id.as_str()),
        );
        x.close();
    }
    x.close();
}
