//! What a FET import produced and what it could not map: every constraint type with its count.

use super::model::FetConstraint;
use super::time_rules::Outcome;
use super::to_school::Context;
use domain::{Id, SchoolCounts, SchoolData};
use serde::Serialize;
use std::collections::BTreeMap;

/// Which block of which lesson a FET activity became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityBlock {
    pub activity_id: u32,
    pub lesson_id: Id,
    /// Index in `Lesson::blocks()` order (the `unit` of a placement).
    pub block: u16,
    pub duration: u8,
}

/// One constraint type of the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ConstraintTypeCount {
    pub kind: String,
    pub count: usize,
    /// Constraints of this type that became rules or data.
    pub mapped: usize,
    /// False when we do not know the type at all.
    pub supported: bool,
    /// Why some constraints of a supported type were not mapped (first few reasons).
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FetImportReport {
    pub counts: SchoolCounts,
    pub activities: usize,
    pub inactive_activities: usize,
    pub constraint_types: Vec<ConstraintTypeCount>,
    pub warnings: Vec<String>,
    pub activity_blocks: Vec<ActivityBlock>,
    by_kind: BTreeMap<String, usize>,
}

impl FetImportReport {
    pub fn warn(&mut self, message: String) {
        self.warnings.push(message);
    }

    pub(super) fn record(&mut self, c: &FetConstraint, outcome: &Outcome) {
        let i = *self.by_kind.entry(c.kind.clone()).or_insert_with(|| {
            self.constraint_types.push(ConstraintTypeCount {
                kind: c.kind.clone(),
                supported: true,
                ..ConstraintTypeCount::default()
            });
            self.constraint_types.len() - 1
        });
        let t = &mut self.constraint_types[i];
        t.count += 1;
        match outcome {
            Ok(_) => t.mapped += 1,
            Err(None) => t.supported = false,
            Err(Some(why)) => {
                if t.problems.len() < 5 {
                    t.problems.push(format!("línea {}: {why}", c.line));
                }
            }
        }
    }

    pub(super) fn finish(&mut self, school: &SchoolData, ctx: &Context) {
        self.counts = school.counts();
        self.activities = ctx.fet.activities.len();
        self.constraint_types
            .sort_by(|a, b| b.count.cmp(&a.count).then(a.kind.cmp(&b.kind)));
        self.by_kind.clear();
    }

    /// Types we do not support, with their counts.
    pub fn unsupported(&self) -> impl Iterator<Item = &ConstraintTypeCount> {
        self.constraint_types.iter().filter(|t| !t.supported)
    }

    /// Constraints (of any type) that did not become a rule or data.
    pub fn unmapped(&self) -> usize {
        self.constraint_types
            .iter()
            .map(|t| t.count - t.mapped)
            .sum()
    }

    /// The lesson block a FET activity became.
    pub fn block_of(&self, activity_id: u32) -> Option<&ActivityBlock> {
        self.activity_blocks
            .iter()
            .find(|b| b.activity_id == activity_id)
    }
}

impl std::fmt::Display for FetImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let c = &self.counts;
        writeln!(
            f,
            "{} actividades ({} inactivas) → {} clases, {} períodos; {} secciones, {} docentes, {} asignaturas, {} aulas, {} reglas",
            self.activities,
            self.inactive_activities,
            c.lessons,
            c.lesson_periods,
            c.sections,
            c.teachers,
            c.subjects,
            c.rooms,
            c.rules
        )?;
        writeln!(
            f,
            "{:<58} {:>6} {:>6}  estado",
            "restricción FET", "total", "usada"
        )?;
        for t in &self.constraint_types {
            let state = if !t.supported {
                "NO SOPORTADA"
            } else if t.mapped == t.count {
                "soportada"
            } else {
                "soportada, con omisiones"
            };
            writeln!(f, "{:<58} {:>6} {:>6}  {state}", t.kind, t.count, t.mapped)?;
            for p in &t.problems {
                writeln!(f, "    {p}")?;
            }
        }
        for w in &self.warnings {
            writeln!(f, "aviso: {w}")?;
        }
        Ok(())
    }
}
