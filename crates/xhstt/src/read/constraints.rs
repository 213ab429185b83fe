//! Reads `<Constraints>`: the common parts, `<AppliesTo>` and the parameters of each of the 16 types.

use roxmltree::Node;

use crate::error::XhsttError;
use crate::model::constraint::{
    AppliesTo, Constraint, ConstraintKind, ConstraintType, CostFunction, EventPair,
    LimitedTimeGroup, ResourceSet, TimeSet,
};
use crate::model::instance::Instance;
use crate::read::xml::{Ctx, child, children, text};

pub(crate) fn read_constraints<'a, 'i>(
    cx: &Ctx<'a, 'i>,
    node: Node<'a, 'i>,
    inst: &Instance,
) -> Result<Vec<Constraint>, XhsttError> {
    let mut out: Vec<Constraint> = Vec::new();
    for c in node.children().filter(|c| c.is_element()) {
        let constraint = read_constraint(cx, c, inst)?;
        if out.iter().any(|o| o.id == constraint.id) {
            return Err(cx.err(
                c,
                format!("Id duplicado / duplicate Id \"{}\"", constraint.id),
            ));
        }
        out.push(constraint);
    }
    Ok(out)
}

fn read_constraint<'a, 'i>(
    cx: &Ctx<'a, 'i>,
    c: Node<'a, 'i>,
    inst: &Instance,
) -> Result<Constraint, XhsttError> {
    let name = c.tag_name().name();
    let ty = ConstraintType::from_element_name(name).ok_or_else(|| {
        cx.err(
            c,
            format!("tipo de restricción desconocido / unknown constraint type {name}"),
        )
    })?;
    let required = match text(cx.req_child(c, "Required")?).as_str() {
        "true" => true,
        "false" => false,
        other => {
            return Err(cx.err(
                cx.req_child(c, "Required")?,
                format!("se esperaba true o false / expected true or false, got \"{other}\""),
            ));
        }
    };
    let cf_node = child(c, "CostFunction");
    let cost_function = match cf_node.map(text).as_deref() {
        None | Some("Linear") => CostFunction::Linear,
        Some("Quadratic") => CostFunction::Quadratic,
        Some("Step") => CostFunction::Step,
        Some(other) => {
            return Err(cx.err(
                cf_node.unwrap_or(c),
                format!("función de costo desconocida / unknown cost function \"{other}\""),
            ));
        }
    };
    Ok(Constraint {
        id: cx.attr(c, "Id")?.to_string(),
        name: crate::read::xml::text_or_empty(c, "Name"),
        required,
        weight: cx.req_num(c, "Weight")?,
        cost_function,
        applies_to: read_applies_to(cx, cx.req_child(c, "AppliesTo")?, inst)?,
        kind: read_kind(cx, c, ty, inst)?,
    })
}

fn read_applies_to<'a, 'i>(
    cx: &Ctx<'a, 'i>,
    a: Node<'a, 'i>,
    inst: &Instance,
) -> Result<AppliesTo, XhsttError> {
    let lk = &inst.lookup;
    let mut event_pairs = Vec::new();
    if let Some(pairs) = child(a, "EventPairs") {
        for p in children(pairs, "EventPair") {
            event_pairs.push(EventPair {
                first: cx.reference(cx.req_child(p, "FirstEvent")?, &lk.events, "Event")?,
                second: cx.reference(cx.req_child(p, "SecondEvent")?, &lk.events, "Event")?,
                min_separation: cx.opt_num(p, "MinSeparation")?,
                max_separation: cx.opt_num(p, "MaxSeparation")?,
            });
        }
    }
    Ok(AppliesTo {
        event_groups: cx.references(a, "EventGroups", "EventGroup", &lk.event_groups)?,
        events: cx.references(a, "Events", "Event", &lk.events)?,
        resource_groups: cx.references(
            a,
            "ResourceGroups",
            "ResourceGroup",
            &lk.resource_groups,
        )?,
        resources: cx.references(a, "Resources", "Resource", &lk.resources)?,
        event_pairs,
    })
}

fn read_kind<'a, 'i>(
    cx: &Ctx<'a, 'i>,
    c: Node<'a, 'i>,
    ty: ConstraintType,
    inst: &Instance,
) -> Result<ConstraintKind, XhsttError> {
    let lk = &inst.lookup;
    let role = || -> Result<String, XhsttError> { Ok(text(cx.req_child(c, "Role")?)) };
    let time_groups = || cx.references(c, "TimeGroups", "TimeGroup", &lk.time_groups);
    let time_set = || -> Result<TimeSet, XhsttError> {
        Ok(TimeSet {
            time_groups: time_groups()?,
            times: cx.references(c, "Times", "Time", &lk.times)?,
        })
    };
    let min = || cx.req_num::<u32>(c, "Minimum");
    let max = || cx.req_num::<u32>(c, "Maximum");
    Ok(match ty {
        ConstraintType::AssignResource => ConstraintKind::AssignResource { role: role()? },
        ConstraintType::AssignTime => ConstraintKind::AssignTime,
        ConstraintType::SplitEvents => ConstraintKind::SplitEvents {
            min_duration: cx.req_num(c, "MinimumDuration")?,
            max_duration: cx.req_num(c, "MaximumDuration")?,
            min_amount: cx.req_num(c, "MinimumAmount")?,
            max_amount: cx.req_num(c, "MaximumAmount")?,
        },
        ConstraintType::DistributeSplitEvents => ConstraintKind::DistributeSplitEvents {
            duration: cx.req_num(c, "Duration")?,
            minimum: min()?,
            maximum: max()?,
        },
        ConstraintType::PreferResources => ConstraintKind::PreferResources {
            role: role()?,
            preferred: ResourceSet {
                resource_groups: cx.references(
                    c,
                    "ResourceGroups",
                    "ResourceGroup",
                    &lk.resource_groups,
                )?,
                resources: cx.references(c, "Resources", "Resource", &lk.resources)?,
            },
        },
        ConstraintType::PreferTimes => ConstraintKind::PreferTimes {
            preferred: time_set()?,
            duration: cx.opt_num(c, "Duration")?,
        },
        ConstraintType::AvoidSplitAssignments => {
            ConstraintKind::AvoidSplitAssignments { role: role()? }
        }
        ConstraintType::SpreadEvents => {
            let mut groups = Vec::new();
            if let Some(list) = child(c, "TimeGroups") {
                for g in children(list, "TimeGroup") {
                    groups.push(LimitedTimeGroup {
                        time_group: cx.reference(g, &lk.time_groups, "TimeGroup")?,
                        minimum: cx.req_num(g, "Minimum")?,
                        maximum: cx.req_num(g, "Maximum")?,
                    });
                }
            }
            ConstraintKind::SpreadEvents {
                time_groups: groups,
            }
        }
        ConstraintType::LinkEvents => ConstraintKind::LinkEvents,
        ConstraintType::OrderEvents => ConstraintKind::OrderEvents {
            min_separation: cx.opt_num(c, "MinSeparation")?,
            max_separation: cx.opt_num(c, "MaxSeparation")?,
        },
        ConstraintType::AvoidClashes => ConstraintKind::AvoidClashes,
        ConstraintType::AvoidUnavailableTimes => {
            ConstraintKind::AvoidUnavailableTimes { times: time_set()? }
        }
        ConstraintType::LimitIdleTimes => ConstraintKind::LimitIdleTimes {
            time_groups: time_groups()?,
            minimum: min()?,
            maximum: max()?,
        },
        ConstraintType::ClusterBusyTimes => ConstraintKind::ClusterBusyTimes {
            time_groups: time_groups()?,
            minimum: min()?,
            maximum: max()?,
            allow_zero: cx.opt_bool(c, "AllowZero")?,
        },
        ConstraintType::LimitBusyTimes => ConstraintKind::LimitBusyTimes {
            time_groups: time_groups()?,
            minimum: min()?,
            maximum: max()?,
            allow_zero: cx.opt_bool(c, "AllowZero")?,
        },
        ConstraintType::LimitWorkload => ConstraintKind::LimitWorkload {
            minimum: min()?,
            maximum: max()?,
            allow_zero: cx.opt_bool(c, "AllowZero")?,
        },
    })
}
