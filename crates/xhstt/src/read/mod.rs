//! The reader: XHSTT-2014 XML text → [`Archive`].

mod constraints;
mod instance;
mod solution;
mod xml;

use roxmltree::{Document, ParsingOptions};

use crate::error::XhsttError;
use crate::model::solution::{Archive, ArchiveMetadata};
use xml::{Ctx, child, children, opt_text, text_or_empty};

/// Parses a `<HighSchoolTimetableArchive>` (instances and, optionally, solution groups). Every
/// reference is resolved; an unknown or ill-typed reference is an error naming element, id and line.
pub fn read_archive(xml: &str) -> Result<Archive, XhsttError> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(xml, options)?;
    let cx = Ctx { doc: &doc };
    let root = doc.root_element();
    if root.tag_name().name() != "HighSchoolTimetableArchive" {
        return Err(cx.err(
            root,
            "se esperaba <HighSchoolTimetableArchive> / expected <HighSchoolTimetableArchive>",
        ));
    }
    let metadata = child(root, "MetaData").map(|m| ArchiveMetadata {
        name: text_or_empty(m, "Name"),
        contributor: text_or_empty(m, "Contributor"),
        date: text_or_empty(m, "Date"),
        description: text_or_empty(m, "Description"),
        remarks: opt_text(m, "Remarks"),
    });
    let mut instances = Vec::new();
    if let Some(list) = child(root, "Instances") {
        for i in children(list, "Instance") {
            let inst = instance::read_instance(&cx, i)?;
            if instances.iter().any(|o: &crate::Instance| o.id == inst.id) {
                return Err(cx.err(i, format!("Id duplicado / duplicate Id \"{}\"", inst.id)));
            }
            instances.push(inst);
        }
    }
    let mut solution_groups = Vec::new();
    if let Some(list) = child(root, "SolutionGroups") {
        for g in children(list, "SolutionGroup") {
            solution_groups.push(solution::read_solution_group(&cx, g, &instances)?);
        }
    }
    Ok(Archive {
        id: root.attribute("Id").map(str::to_string),
        metadata,
        instances,
        solution_groups,
    })
}
