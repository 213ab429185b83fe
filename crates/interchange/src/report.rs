//! The dry-run report: what an import would write, what it merged, what it warns about, and
//! every clash in the school's own timetable.

use crate::assemble::Assembled;
use crate::clashes::{Clash, timetable_clashes};
use crate::error::Problem;
use crate::name_merge::Merge;
use domain::{SchoolCounts, SchoolData};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub counts: SchoolCounts,
    pub merges: Vec<Merge>,
    pub warnings: Vec<Problem>,
    pub clashes: Vec<Clash>,
    /// How many lessons have each block pattern ("2+2": 20, "2+1": 3, ...).
    pub block_patterns: BTreeMap<String, usize>,
}

#[derive(Debug, Clone)]
pub struct Imported {
    pub school: SchoolData,
    pub report: ImportReport,
}

pub fn pattern_text(blocks: &[u8]) -> String {
    blocks
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join("+")
}

pub fn make(assembled: Assembled, warnings: Vec<Problem>) -> Imported {
    let school = assembled.school;
    let mut block_patterns = BTreeMap::new();
    for l in &school.lessons {
        *block_patterns
            .entry(pattern_text(&l.data.blocks()))
            .or_insert(0) += 1;
    }
    let clashes = school
        .timetables
        .iter()
        .flat_map(|t| timetable_clashes(&school, t))
        .collect();
    Imported {
        report: ImportReport {
            counts: school.counts(),
            merges: assembled.merges,
            warnings,
            clashes,
            block_patterns,
        },
        school,
    }
}
