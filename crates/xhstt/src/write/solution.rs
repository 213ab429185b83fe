//! Writes `<SolutionGroups>` and reports.

use crate::model::instance::Instance;
use crate::model::solution::{Report, ReportObject, Solution, SolutionGroup};
use crate::write::xml::XmlOut;

pub(crate) fn write_solution_group(x: &mut XmlOut, instances: &[Instance], g: &SolutionGroup) {
    x.open("SolutionGroup", &[("Id", &g.id)]);
    let m = &g.metadata;
    x.open("MetaData", &[]);
    x.text("Contributor", &m.contributor);
    x.text("Date", &m.date);
    x.text("Description", &m.description);
    x.opt_text("Publication", m.publication.as_deref());
    x.opt_text("Remarks", m.remarks.as_deref());
    x.close();
    for s in &g.solutions {
        write_solution(x, &instances[s.instance], s);
    }
    x.close();
}

fn write_solution(x: &mut XmlOut, inst: &Instance, s: &Solution) {
    x.open("Solution", &[("Reference", &inst.id)]);
    x.opt_text("Description", s.description.as_deref());
    x.opt_text("RunningTime", s.running_time.as_deref());
    x.open("Events", &[]);
    for se in &s.events {
        x.open("Event", &[("Reference", &inst.event(se.event).id)]);
        if let Some(d) = se.duration {
            x.num("Duration", d);
        }
        if let Some(t) = se.time {
            x.reference("Time", &inst.time(t).id);
        }
        if !se.resources.is_empty() {
            x.open("Resources", &[]);
            for r in &se.resources {
                x.open("Resource", &[("Reference", &inst.resource(r.resource).id)]);
                x.text("Role", &r.role);
                x.close();
            }
            x.close();
        }
        x.close();
    }
    x.close();
    if let Some(report) = &s.report {
        write_report(x, report);
    }
    x.close();
}

fn write_report(x: &mut XmlOut, report: &Report) {
    x.open("Report", &[]);
    x.num("InfeasibilityValue", report.infeasibility);
    x.num("ObjectiveValue", report.objective);
    for (list, item, kind) in [
        ("Resources", "Resource", ReportObject::Resource),
        ("Events", "Event", ReportObject::Event),
        ("EventGroups", "EventGroup", ReportObject::EventGroup),
    ] {
        // Group the entries by object, objects in order of first appearance.
        let mut objects: Vec<&str> = Vec::new();
        for e in report.entries.iter().filter(|e| e.object_kind == kind) {
            if !objects.contains(&e.object.as_str()) {
                objects.push(&e.object);
            }
        }
        if objects.is_empty() {
            continue;
        }
        x.open(list, &[]);
        for object in objects {
            x.open(item, &[("Reference", object)]);
            for e in report
                .entries
                .iter()
                .filter(|e| e.object_kind == kind && e.object == object)
            {
                x.open("Constraint", &[("Reference", &e.constraint)]);
                x.num("Cost", e.cost);
                x.opt_text("Description", e.description.as_deref());
                x.close();
            }
            x.close();
        }
        x.close();
    }
    x.close();
}
