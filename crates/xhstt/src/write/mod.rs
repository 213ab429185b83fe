//! The writer: [`Archive`] → XHSTT-2014 XML text that [`crate::read_archive`] reads back to an equal
//! archive.

mod constraints;
mod instance;
mod solution;
mod xml;

use crate::model::solution::Archive;
use xml::XmlOut;

/// Serializes `archive`: its instances in full, then its solution groups (solution events with their
/// durations, times and role-tagged resources, and each solution's report when present).
///
/// To publish a solver result, put the instance and a [`crate::SolutionGroup`] holding the
/// [`crate::Solution`] (with `report: Some(evaluation.to_report(&instance))`) in an [`Archive`].
pub fn write_archive(archive: &Archive) -> String {
    let mut x = XmlOut::new();
    match &archive.id {
        Some(id) => x.open("HighSchoolTimetableArchive", &[("Id", id)]),
        None => x.open("HighSchoolTimetableArchive", &[]),
    }
    if let Some(m) = &archive.metadata {
        x.open("MetaData", &[]);
        x.text("Name", &m.name);
        x.text("Contributor", &m.contributor);
        x.text("Date", &m.date);
        x.text("Description", &m.description);
        x.opt_text("Remarks", m.remarks.as_deref());
        x.close();
    }
    if !archive.instances.is_empty() {
        x.open("Instances", &[]);
        for inst in &archive.instances {
            instance::write_instance(&mut x, inst);
        }
        x.close();
    }
    if !archive.solution_groups.is_empty() {
        x.open("SolutionGroups", &[]);
        for g in &archive.solution_groups {
            solution::write_solution_group(&mut x, &archive.instances, g);
        }
        x.close();
    }
    x.close();
    x.finish()
}
