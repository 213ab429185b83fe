//! Reads one `<Instance>`: times, resources, events (constraints are in `constraints.rs`).

use roxmltree::Node;

use crate::error::XhsttError;
use crate::ids::{
    EventGroupId, EventId, ResourceGroupId, ResourceId, ResourceTypeId, TimeGroupId, TimeId,
};
use crate::model::instance::{
    Event, EventGroup, EventGroupKind, EventResource, Instance, InstanceMetadata, Lookup, Resource,
    ResourceGroup, ResourceType, Time, TimeGroup, TimeGroupKind,
};
use crate::read::constraints::read_constraints;
use crate::read::xml::{Ctx, child, children, opt_text, text_or_empty};

pub(crate) fn read_instance<'a, 'i>(
    cx: &Ctx<'a, 'i>,
    node: Node<'a, 'i>,
) -> Result<Instance, XhsttError> {
    let id = cx.attr(node, "Id")?.to_string();
    let metadata = child(node, "MetaData")
        .map(|m| InstanceMetadata {
            name: text_or_empty(m, "Name"),
            contributor: text_or_empty(m, "Contributor"),
            date: text_or_empty(m, "Date"),
            country: text_or_empty(m, "Country"),
            description: text_or_empty(m, "Description"),
            publication: opt_text(m, "Publication"),
            remarks: opt_text(m, "Remarks"),
        })
        .unwrap_or_default();
    let mut inst = Instance {
        id,
        metadata,
        times: Vec::new(),
        time_groups: Vec::new(),
        resource_types: Vec::new(),
        resource_groups: Vec::new(),
        resources: Vec::new(),
        event_groups: Vec::new(),
        events: Vec::new(),
        constraints: Vec::new(),
        lookup: Lookup::default(),
    };
    if let Some(times) = child(node, "Times") {
        read_times(cx, times, &mut inst)?;
    }
    if let Some(resources) = child(node, "Resources") {
        read_resources(cx, resources, &mut inst)?;
    }
    if let Some(events) = child(node, "Events") {
        read_events(cx, events, &mut inst)?;
    }
    if let Some(constraints) = child(node, "Constraints") {
        inst.constraints = read_constraints(cx, constraints, &inst)?;
    }
    Ok(inst)
}

fn read_times<'a, 'i>(
    cx: &Ctx<'a, 'i>,
    node: Node<'a, 'i>,
    inst: &mut Instance,
) -> Result<(), XhsttError> {
    if let Some(groups) = child(node, "TimeGroups") {
        for g in groups.children().filter(|c| c.is_element()) {
            let kind = match g.tag_name().name() {
                "TimeGroup" => TimeGroupKind::TimeGroup,
                "Day" => TimeGroupKind::Day,
                "Week" => TimeGroupKind::Week,
                other => {
                    return Err(cx.err(
                        g,
                        format!("elemento inesperado / unexpected element {other}"),
                    ));
                }
            };
            let gid = TimeGroupId::from_index(inst.time_groups.len());
            let id = cx.insert_id(g, &mut inst.lookup.time_groups, gid)?;
            inst.time_groups.push(TimeGroup {
                id,
                name: text_or_empty(g, "Name"),
                kind,
                times: Vec::new(),
            });
        }
    }
    for t in children(node, "Time") {
        let tid = TimeId::from_index(inst.times.len());
        let id = cx.insert_id(t, &mut inst.lookup.times, tid)?;
        let mut groups = Vec::new();
        for r in t.children().filter(|c| c.is_element()) {
            match r.tag_name().name() {
                "Week" | "Day" => {
                    groups.push(cx.reference(r, &inst.lookup.time_groups, "TimeGroup")?)
                }
                "TimeGroups" => {
                    for g in children(r, "TimeGroup") {
                        groups.push(cx.reference(g, &inst.lookup.time_groups, "TimeGroup")?);
                    }
                }
                _ => {}
            }
        }
        for &g in &groups {
            let members = &mut inst.time_groups[g.index()].times;
            // Times arrive in order, so a duplicate can only be the last member.
            if members.last() != Some(&tid) {
                members.push(tid);
            }
        }
        inst.times.push(Time {
            id,
            name: text_or_empty(t, "Name"),
            time_groups: groups,
        });
    }
    Ok(())
}

fn read_resources<'a, 'i>(
    cx: &Ctx<'a, 'i>,
    node: Node<'a, 'i>,
    inst: &mut Instance,
) -> Result<(), XhsttError> {
    if let Some(types) = child(node, "ResourceTypes") {
        for t in children(types, "ResourceType") {
            let tid = ResourceTypeId::from_index(inst.resource_types.len());
            let id = cx.insert_id(t, &mut inst.lookup.resource_types, tid)?;
            inst.resource_types.push(ResourceType {
                id,
                name: text_or_empty(t, "Name"),
            });
        }
    }
    if let Some(groups) = child(node, "ResourceGroups") {
        for g in children(groups, "ResourceGroup") {
            let gid = ResourceGroupId::from_index(inst.resource_groups.len());
            let id = cx.insert_id(g, &mut inst.lookup.resource_groups, gid)?;
            let rt = cx.reference(
                cx.req_child(g, "ResourceType")?,
                &inst.lookup.resource_types,
                "ResourceType",
            )?;
            inst.resource_groups.push(ResourceGroup {
                id,
                name: text_or_empty(g, "Name"),
                resource_type: rt,
                resources: Vec::new(),
            });
        }
    }
    for r in children(node, "Resource") {
        let rid = ResourceId::from_index(inst.resources.len());
        let id = cx.insert_id(r, &mut inst.lookup.resources, rid)?;
        let rt = cx.reference(
            cx.req_child(r, "ResourceType")?,
            &inst.lookup.resource_types,
            "ResourceType",
        )?;
        let groups = cx.references(
            r,
            "ResourceGroups",
            "ResourceGroup",
            &inst.lookup.resource_groups,
        )?;
        for &g in &groups {
            let group = &mut inst.resource_groups[g.index()];
            if group.resource_type != rt {
                return Err(cx.err(
                    r,
                    format!(
                        "el tipo del recurso no es el del grupo / resource type differs from group \"{}\"",
                        group.id
                    ),
                ));
            }
            if group.resources.last() != Some(&rid) {
                group.resources.push(rid);
            }
        }
        inst.resources.push(Resource {
            id,
            name: text_or_empty(r, "Name"),
            resource_type: rt,
            resource_groups: groups,
        });
    }
    Ok(())
}

fn read_events<'a, 'i>(
    cx: &Ctx<'a, 'i>,
    node: Node<'a, 'i>,
    inst: &mut Instance,
) -> Result<(), XhsttError> {
    if let Some(groups) = child(node, "EventGroups") {
        for g in groups.children().filter(|c| c.is_element()) {
            let kind = match g.tag_name().name() {
                "EventGroup" => EventGroupKind::EventGroup,
                "Course" => EventGroupKind::Course,
                other => {
                    return Err(cx.err(
                        g,
                        format!("elemento inesperado / unexpected element {other}"),
                    ));
                }
            };
            let gid = EventGroupId::from_index(inst.event_groups.len());
            let id = cx.insert_id(g, &mut inst.lookup.event_groups, gid)?;
            inst.event_groups.push(EventGroup {
                id,
                name: text_or_empty(g, "Name"),
                kind,
                events: Vec::new(),
            });
        }
    }
    for e in children(node, "Event") {
        let eid = EventId::from_index(inst.events.len());
        let event = read_event(cx, e, inst)?;
        let id = cx.insert_id(e, &mut inst.lookup.events, eid)?;
        debug_assert_eq!(id, event.id);
        for &g in &event.event_groups {
            let members = &mut inst.event_groups[g.index()].events;
            if members.last() != Some(&eid) {
                members.push(eid);
            }
        }
        inst.events.push(event);
    }
    Ok(())
}

fn read_event<'a, 'i>(
    cx: &Ctx<'a, 'i>,
    e: Node<'a, 'i>,
    inst: &Instance,
) -> Result<Event, XhsttError> {
    let lk = &inst.lookup;
    let duration: u32 = cx.req_num(e, "Duration")?;
    if duration == 0 {
        return Err(cx.err(
            e,
            "la duración debe ser positiva / duration must be positive",
        ));
    }
    let course = child(e, "Course")
        .map(|c| cx.reference(c, &lk.event_groups, "Course"))
        .transpose()?;
    let time = child(e, "Time")
        .map(|t| cx.reference(t, &lk.times, "Time"))
        .transpose()?;
    let mut resources = Vec::new();
    if let Some(list) = child(e, "Resources") {
        for r in children(list, "Resource") {
            let resource = match r.attribute("Reference") {
                Some(_) => Some(cx.reference(r, &lk.resources, "Resource")?),
                None => None,
            };
            let declared_type = child(r, "ResourceType")
                .map(|t| cx.reference(t, &lk.resource_types, "ResourceType"))
                .transpose()?;
            let resource_type = match (resource, declared_type) {
                (Some(res), _) => inst.resource(res).resource_type,
                (None, Some(t)) => t,
                (None, None) => {
                    return Err(cx.err(
                        r,
                        "un recurso abierto necesita <ResourceType> / an open resource needs <ResourceType>",
                    ));
                }
            };
            let role = opt_text(r, "Role");
            if resource.is_none() && role.is_none() {
                return Err(cx.err(
                    r,
                    "un recurso abierto necesita <Role> / an open resource needs <Role>",
                ));
            }
            if let Some(role) = &role
                && resources
                    .iter()
                    .any(|x: &EventResource| x.role.as_ref() == Some(role))
            {
                return Err(cx.err(r, format!("rol repetido / duplicate role \"{role}\"")));
            }
            resources.push(EventResource {
                resource,
                role,
                resource_type,
                workload: cx.opt_num(r, "Workload")?,
                from_group: None,
            });
        }
    }
    let resource_groups =
        cx.references(e, "ResourceGroups", "ResourceGroup", &lk.resource_groups)?;
    for &g in &resource_groups {
        let group = inst.resource_group(g);
        for &res in &group.resources {
            resources.push(EventResource {
                resource: Some(res),
                role: None,
                resource_type: group.resource_type,
                workload: None,
                from_group: Some(g),
            });
        }
    }
    let mut event_groups = Vec::new();
    if let Some(c) = course {
        event_groups.push(c);
    }
    for g in cx.references(e, "EventGroups", "EventGroup", &lk.event_groups)? {
        if !event_groups.contains(&g) {
            event_groups.push(g);
        }
    }
    Ok(Event {
        id: cx.attr(e, "Id")?.to_string(),
        name: text_or_empty(e, "Name"),
        color: e.attribute("Color").map(str::to_string),
        duration,
        workload: cx.opt_num(e, "Workload")?,
        course,
        time,
        resources,
        resource_groups,
        event_groups,
    })
}
