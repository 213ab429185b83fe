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

/// Compares each load table with the periods the sections' grids give the teacher.
pub fn compare_load_tables(b: &mut Builder, ids: &Ids) {
    use crate::load_table::LoadTarget;
    let mut periods: BTreeMap<(usize, SectionKey), u16> = BTreeMap::new();
    let mut sections_of_grade: BTreeMap<u8, BTreeSet<SectionKey>> = BTreeMap::new();
    for gl in b.grid_lessons.clone() {
        sections_of_grade
            .entry(gl.section.1)
            .or_default()
            .insert(gl.section.clone());
        if let Some(t) = ids.teacher(b, &gl.teacher) {
            *periods.entry((t, gl.section.clone())).or_default() += 1;
        }
    }
    if periods.is_empty() {
        return;
    }
    // Hours per teacher and target, summed over the table's subjects.
    let mut table: BTreeMap<(usize, String), (LoadTarget, u16, crate::error::Location)> =
        BTreeMap::new();
    for row in b.load_rows.clone() {
        let Some(t) = ids.teacher(b, &row.teacher) else {
            continue;
        };
        let key = (t, format!("{:?}", row.target));
        table
            .entry(key)
            .or_insert((row.target.clone(), 0, row.sheet.clone()))
            .1 += row.hours;
    }
    let mut by_teacher: BTreeMap<usize, (Vec<String>, crate::error::Location)> = BTreeMap::new();
    let teaching: BTreeSet<usize> = periods.keys().map(|(t, _)| *t).collect();
    for ((t, _), (target, hours, sheet)) in table {
        let grade_known = match &target {
            LoadTarget::Grade(g) => sections_of_grade.contains_key(g),
            LoadTarget::Section(key) => sections_of_grade.contains_key(&key.1),
        };
        // Teachers who teach none of the imported sections, and years the school does not
        // have here, say nothing about these grids.
        if !teaching.contains(&t) || !grade_known {
            continue;
        }
        let (label, in_grid, matches) = match &target {
            LoadTarget::Section(key) => {
                let n = periods.get(&(t, key.clone())).copied().unwrap_or(0);
                (section_name(key), n.to_string(), n == hours)
            }
            LoadTarget::Grade(g) => {
                let counts: Vec<u16> = sections_of_grade
                    .get(g)
                    .into_iter()
                    .flatten()
                    .map(|k| periods.get(&(t, k.clone())).copied().unwrap_or(0))
                    .collect();
                let total: u16 = counts.iter().sum();
                // "3: 6 h" may mean 6 in each section of 3er año or 6 in all of them.
                let each = !counts.is_empty() && counts.iter().all(|&c| c == hours);
                let shown = counts
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join("+");
                (
                    section_name(&("media_general".into(), *g, String::new()))
                        .trim()
                        .to_string(),
                    shown,
                    each || total == hours,
                )
            }
        };
        if !matches {
            let entry = by_teacher.entry(t).or_insert((Vec::new(), sheet));
            entry.0.push(format!(
                "{label}: {hours} h en la tabla, {in_grid} en los horarios"
            ));
        }
    }
    for (t, (lines, sheet)) in by_teacher {
        b.warn(
            sheet,
            format!(
                "la tabla de carga de {} no coincide con los horarios de las secciones: {}",
                ids.teachers.names[t],
                lines.join("; ")
            ),
        );
    }
}
