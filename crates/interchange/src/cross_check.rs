//! Compares each teacher's own grid with the sections' grids. The sections' grids are what
//! gets imported; where a teacher's sheet says otherwise, the user is told where, because one
//! of the two is out of date.

use crate::assemble::Ids;
use crate::builder::{Builder, SectionKey};
use crate::clashes::day_name;
use crate::time_grid::GridIndex;
use std::collections::{BTreeMap, BTreeSet};

type Slot = (u8, u8, SectionKey);

fn section_name(key: &SectionKey) -> String {
    domain::Section {
        level: key.0.clone(),
        grade: key.1,
        letter: key.2.clone(),
        homeroom_id: None,
        size: 0,
        time_grid_id: None,
        groups: Vec::new(),
        name: None,
    }
    .display_name()
}

pub fn compare_teacher_grids(b: &mut Builder, ids: &Ids, grid: &GridIndex) {
    let mut from_sections: BTreeMap<usize, BTreeSet<Slot>> = BTreeMap::new();
    let mut sections_with_grid = BTreeSet::new();
    for gl in b.grid_lessons.clone() {
        sections_with_grid.insert(gl.section.clone());
        if let Some(t) = ids.teacher(b, &gl.teacher) {
            for n in grid.lesson_numbers_overlapping(gl.start, gl.end) {
                from_sections
                    .entry(t)
                    .or_default()
                    .insert((gl.day, n, gl.section.clone()));
            }
        }
    }
    let mut from_teacher: BTreeMap<usize, (BTreeSet<Slot>, crate::error::Location)> =
        BTreeMap::new();
    for tc in b.teacher_cells.clone() {
        if !sections_with_grid.contains(&tc.section) {
            continue;
        }
        let Some(t) = ids.teacher(b, &tc.teacher) else {
            continue;
        };
        let entry = from_teacher.entry(t).or_insert_with(|| {
            let mut sheet = tc.location.clone();
            sheet.cell = None;
            sheet.text = None;
            (BTreeSet::new(), sheet)
        });
        for n in grid.lesson_numbers_overlapping(tc.start, tc.end) {
            entry.0.insert((tc.day, n, tc.section.clone()));
        }
    }
    for (t, (own, sheet)) in from_teacher {
        let sections = from_sections.remove(&t).unwrap_or_default();
        let mut differences: Vec<String> = own
            .difference(&sections)
            .map(|(d, n, s)| {
                format!(
                    "{} P{n} {} (solo en la hoja del docente)",
                    day_name(*d),
                    section_name(s)
                )
            })
            .collect();
        differences.extend(sections.difference(&own).map(|(d, n, s)| {
            format!(
                "{} P{n} {} (solo en el horario de la sección)",
                day_name(*d),
                section_name(s)
            )
        }));
        if differences.is_empty() {
            continue;
        }
        let examples: Vec<String> = differences.iter().take(3).cloned().collect();
        b.warn(
            sheet,
            format!(
                "el horario de {} no coincide con los de las secciones en {} período(s) (p. ej. {}); se usaron los horarios de las secciones",
                ids.teachers.names[t],
                differences.len(),
                examples.join("; ")
            ),
        );
    }
}
