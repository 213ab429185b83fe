//! Terminal output of imports and reports: plain aligned tables, readable in any terminal and
//! in a log file.

use app::{ImportAnswer, TimetableReport};

/// Prints rows under a header, each column as wide as its widest cell.
fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.chars().count());
            }
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c:<w$}", w = widths.get(i).copied().unwrap_or(0)))
            .collect();
        println!("  {}", padded.join("  ").trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    line(widths.iter().map(|w| "-".repeat(*w)).collect());
    for row in rows {
        line(row.clone());
    }
}

pub fn import_answer(answer: &ImportAnswer) {
    let r = &answer.report;
    let c = &r.counts;
    println!(
        "{}",
        if answer.applied {
            "Importación aplicada:"
        } else {
            "Simulación de importación (no se escribió nada; repita sin --dry-run para aplicarla):"
        }
    );
    println!(
        "  {} secciones, {} docentes, {} asignaturas, {} aulas, {} horarios base, {} clases ({} períodos semanales), {} horario(s) propio(s) con {} ubicaciones",
        c.sections,
        c.teachers,
        c.subjects,
        c.rooms,
        c.time_grids,
        c.lessons,
        c.lesson_periods,
        c.timetables,
        c.placements
    );
    if !r.block_patterns.is_empty() {
        let patterns: Vec<String> = r
            .block_patterns
            .iter()
            .map(|(p, n)| format!("{p}: {n}"))
            .collect();
        println!("  bloques: {}", patterns.join(", "));
    }
    println!("Nombres unificados ({}):", r.merges.len());
    for m in &r.merges {
        let variants: Vec<String> = m
            .variants
            .iter()
            .map(|v| format!("{} ({}×)", v.text, v.occurrences))
            .collect();
        println!(
            "  - {} «{}» ← {}{}",
            m.kind.label(),
            m.chosen,
            variants.join(", "),
            if m.from_mapping {
                " [correspondencia]"
            } else {
                ""
            }
        );
    }
    if !r.merges.is_empty() && !answer.applied {
        println!("  (para rechazar una: --refuse-merge NOMBRE; o un archivo con --merges)");
    }
    println!("Advertencias ({}):", r.warnings.len());
    for w in &r.warnings {
        println!("  - {w}");
    }
    println!(
        "Choques en el horario propio de la escuela ({}):",
        r.clashes.len()
    );
    for clash in &r.clashes {
        println!("  - {}", clash.message);
    }
    if let Some(written) = &answer.written {
        println!(
            "Escrito en la base de datos ({} registros fusionados con existentes).",
            written.merged
        );
        for id in &answer.timetable_ids {
            println!("  horario propio importado con id {id}");
        }
    }
}

fn day_letter(day: u8) -> &'static str {
    match day {
        1 => "L",
        2 => "M",
        3 => "X",
        4 => "J",
        5 => "V",
        6 => "S",
        _ => "D",
    }
}

pub fn report(t: &TimetableReport) {
    let r = &t.report;
    println!(
        "Horario {} «{}»: costo obligatorio {}, costo blando {}",
        t.timetable_id, t.name, r.hard_cost, r.soft_cost
    );
    let m = &t.measures;
    println!(
        "  huecos de docentes {} · asignatura repetida en un día {} · períodos de tarde {} · bloques sin ubicar {}",
        m.teacher_gaps, m.subject_repeats_in_a_day, m.afternoon_periods, m.unplaced_blocks
    );
    println!();
    println!("Violaciones obligatorias ({}):", r.hard_violations.len());
    if r.hard_violations.is_empty() {
        println!("  ninguna");
    } else {
        let rows: Vec<Vec<String>> = r
            .hard_violations
            .iter()
            .map(|v| {
                vec![
                    v.what.clone(),
                    v.who.clone(),
                    v.cost.to_string(),
                    v.places.join("; "),
                ]
            })
            .collect();
        table(&["regla", "quién", "costo", "dónde"], &rows);
    }
    println!();
    println!("Costo blando por regla:");
    let rows: Vec<Vec<String>> = r
        .soft_by_rule
        .iter()
        .map(|c| vec![c.what.clone(), c.cost.to_string()])
        .collect();
    table(&["regla", "costo"], &rows);
    for (title, list) in [
        ("docente", &r.soft_by_teacher),
        ("sección", &r.soft_by_section),
    ] {
        println!();
        println!("Costo blando por {title}:");
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|o| {
                let parts: Vec<String> = o
                    .by_rule
                    .iter()
                    .map(|c| format!("{} {}", c.what, c.cost))
                    .collect();
                vec![o.name.clone(), o.cost.to_string(), parts.join("; ")]
            })
            .collect();
        table(&[title, "costo", "detalle"], &rows);
    }
    println!();
    println!("Carga docente:");
    let rows: Vec<Vec<String>> = r
        .teachers
        .iter()
        .map(|w| {
            let days: Vec<String> = w
                .days
                .iter()
                .map(|d| format!("{}{}", day_letter(d.day), d.periods))
                .collect();
            vec![
                w.name.clone(),
                w.periods_per_week.to_string(),
                days.join(" "),
                w.gaps_per_week.to_string(),
                w.longest_run.to_string(),
                w.working_days.to_string(),
            ]
        })
        .collect();
    table(
        &[
            "docente",
            "semana",
            "por día",
            "huecos",
            "máx. seguidos",
            "días",
        ],
        &rows,
    );
}
