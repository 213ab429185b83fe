//! Writes `<Constraints>`.

use crate::model::constraint::{AppliesTo, Constraint, ConstraintKind, ResourceSet, TimeSet};
use crate::model::instance::Instance;
use crate::write::xml::XmlOut;

pub(crate) fn write_constraints(x: &mut XmlOut, inst: &Instance) {
    x.open("Constraints", &[]);
    for c in &inst.constraints {
        write_constraint(x, inst, c);
    }
    x.close();
}

fn write_constraint(x: &mut XmlOut, inst: &Instance, c: &Constraint) {
    x.open(c.constraint_type().element_name(), &[("Id", &c.id)]);
    x.text("Name", &c.name);
    x.text("Required", if c.required { "true" } else { "false" });
    x.num("Weight", c.weight);
    x.text("CostFunction", c.cost_function.as_str());
    write_applies_to(x, inst, &c.applies_to);
    let time_groups = |x: &mut XmlOut, groups: &[crate::ids::TimeGroupId]| {
        x.references(
            "TimeGroups",
            "TimeGroup",
            groups.iter().map(|&g| inst.time_group(g).id.as_str()),
        );
    };
    match &c.kind {
        ConstraintKind::AssignResource { role }
        | ConstraintKind::AvoidSplitAssignments { role } => x.text("Role", role),
        ConstraintKind::AssignTime | ConstraintKind::LinkEvents | ConstraintKind::AvoidClashes => {}
        ConstraintKind::SplitEvents {
            min_duration,
            max_duration,
            min_amount,
            max_amount,
        } => {
            x.num("MinimumDuration", min_duration);
            x.num("MaximumDuration", max_duration);
            x.num("MinimumAmount", min_amount);
            x.num("MaximumAmount", max_amount);
        }
        ConstraintKind::DistributeSplitEvents {
            duration,
            minimum,
            maximum,
        } => {
            x.num("Duration", duration);
            x.num("Minimum", minimum);
            x.num("Maximum", maximum);
        }
        ConstraintKind::PreferResources { role, preferred } => {
            write_resource_set(x, inst, preferred);
            x.text("Role", role);
        }
        ConstraintKind::PreferTimes {
            preferred,
            duration,
        } => {
            write_time_set(x, inst, preferred);
            if let Some(d) = duration {
                x.num("Duration", d);
            }
        }
        ConstraintKind::SpreadEvents { time_groups } => {
            x.open("TimeGroups", &[]);
            for g in time_groups {
                x.open(
                    "TimeGroup",
                    &[("Reference", &inst.time_group(g.time_group).id)],
                );
                x.num("Minimum", g.minimum);
                x.num("Maximum", g.maximum);
                x.close();
            }
            x.close();
        }
        ConstraintKind::OrderEvents {
            min_separation,
            max_separation,
        } => {
            if let Some(v) = min_separation {
                x.num("MinSeparation", v);
            }
            if let Some(v) = max_separation {
                x.num("MaxSeparation", v);
            }
        }
        ConstraintKind::AvoidUnavailableTimes { times } => write_time_set(x, inst, times),
        ConstraintKind::LimitIdleTimes {
            time_groups: groups,
            minimum,
            maximum,
        } => {
            time_groups(x, groups);
            x.num("Minimum", minimum);
            x.num("Maximum", maximum);
        }
        ConstraintKind::ClusterBusyTimes {
            time_groups: groups,
            minimum,
            maximum,
            allow_zero,
        }
        | ConstraintKind::LimitBusyTimes {
            time_groups: groups,
            minimum,
            maximum,
            allow_zero,
        } => {
            time_groups(x, groups);
            x.num("Minimum", minimum);
            x.num("Maximum", maximum);
            write_allow_zero(x, *allow_zero);
        }
        ConstraintKind::LimitWorkload {
            minimum,
            maximum,
            allow_zero,
        } => {
            x.num("Minimum", minimum);
            x.num("Maximum", maximum);
            write_allow_zero(x, *allow_zero);
        }
    }
    x.close();
}

fn write_allow_zero(x: &mut XmlOut, allow_zero: Option<bool>) {
    if let Some(a) = allow_zero {
        x.text("AllowZero", if a { "true" } else { "false" });
    }
}

fn write_applies_to(x: &mut XmlOut, inst: &Instance, a: &AppliesTo) {
    x.open("AppliesTo", &[]);
    x.references(
        "EventGroups",
        "EventGroup",
        a.event_groups
            .iter()
            .map(|&g| inst.event_group(g).id.as_str()),
    );
    x.references(
        "Events",
        "Event",
        a.events.iter().map(|&e| inst.event(e).id.as_str()),
    );
    x.references(
        "ResourceGroups",
        "ResourceGroup",
        a.resource_groups
            .iter()
            .map(|&g| inst.resource_group(g).id.as_str()),
    );
    x.references(
        "Resources",
        "Resource",
        a.resources.iter().map(|&r| inst.resource(r).id.as_str()),
    );
    if !a.event_pairs.is_empty() {
        x.open("EventPairs", &[]);
        for p in &a.event_pairs {
            x.open("EventPair", &[]);
            x.reference("FirstEvent", &inst.event(p.first).id);
            x.reference("SecondEvent", &inst.event(p.second).id);
            if let Some(v) = p.min_separation {
                x.num("MinSeparation", v);
            }
            if let Some(v) = p.max_separation {
                x.num("MaxSeparation", v);
            }
            x.close();
        }
        x.close();
    }
    x.close();
}

fn write_time_set(x: &mut XmlOut, inst: &Instance, s: &TimeSet) {
    x.references(
        "TimeGroups",
        "TimeGroup",
        s.time_groups
            .iter()
            .map(|&g| inst.time_group(g).id.as_str()),
    );
    x.references(
        "Times",
        "Time",
        s.times.iter().map(|&t| inst.time(t).id.as_str()),
    );
}

fn write_resource_set(x: &mut XmlOut, inst: &Instance, s: &ResourceSet) {
    x.references(
        "ResourceGroups",
        "ResourceGroup",
        s.resource_groups
            .iter()
            .map(|&g| inst.resource_group(g).id.as_str()),
    );
    x.references(
        "Resources",
        "Resource",
        s.resources.iter().map(|&r| inst.resource(r).id.as_str()),
    );
}
