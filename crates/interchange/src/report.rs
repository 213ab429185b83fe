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

impl ImportReport {
    /// The report as plain Spanish text, for a terminal (`bischeduler import --dry-run`).
    pub fn summary(&self) -> String {
        let c = &self.counts;
        let mut out = format!(
            "Se importarían: {} secciones, {} asignaturas, {} docentes, {} aulas, {} clases ({} períodos semanales), {} horario(s) con {} ubicaciones.\n",
            c.sections,
            c.subjects,
            c.teachers,
            c.rooms,
            c.lessons,
            c.lesson_periods,
            c.timetables,
            c.placements
        );
        let patterns: Vec<String> = self
            .block_patterns
            .iter()
            .map(|(p, n)| format!("{p}: {n}"))
            .collect();
        out += &format!("Bloques: {}\n", patterns.join(", "));
        out += &format!("Nombres unificados ({}):\n", self.merges.len());
        for m in &self.merges {
            let variants: Vec<String> = m
                .variants
                .iter()
                .map(|v| format!("«{}» ×{} ({})", v.text, v.occurrences, v.first_seen))
                .collect();
            out += &format!(
                "  {} «{}» ← {}\n",
                m.kind.label(),
                m.chosen,
                variants.join("; ")
            );
        }
        out += &format!(
            "Choques en el horario importado ({}):\n",
            self.clashes.len()
        );
        for c in &self.clashes {
            out += &format!("  {}\n", c.message);
        }
        out += &format!("Avisos ({}):\n", self.warnings.len());
        for w in &self.warnings {
            out += &format!("  {w}\n");
        }
        out
    }
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
