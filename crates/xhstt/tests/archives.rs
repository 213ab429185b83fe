//! The evaluator against the oracle: every official Report in the published archives and every row
//! of reference-costs.tsv.

mod common;

use std::collections::HashMap;
use std::fmt::Write as _;

use xhstt::{Archive, Evaluation, Instance, ReportObject, Solution, evaluate, read_archive};

/// Reports known to predate a revision of their instance (see shared/data/README.md).
const STALE_REPORTS: [(&str, &str); 2] = [
    ("AU-BG-98", "GOAL team Mon Feb  1 01:56:06 2016"),
    ("AU-TE-99", "GOAL team Tue Apr 14 09:11:09 2015"),
];

fn reference_costs(dir: &std::path::Path) -> HashMap<(String, String), (u64, u64)> {
    let text =
        std::fs::read_to_string(dir.join("reference-costs.tsv")).expect("reference-costs.tsv");
    let mut rows = HashMap::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split('\t').collect();
        let key = (f[0].to_string(), f[1].to_string());
        let costs = (f[2].parse().expect("inf"), f[3].parse().expect("obj"));
        assert!(rows.insert(key, costs).is_none(), "duplicate row {line}");
    }
    rows
}

/// Our per-constraint costs next to the report's, for debugging a mismatch.
fn breakdown(inst: &Instance, sol: &Solution, eval: &Evaluation) -> String {
    let mut theirs: HashMap<&str, u64> = HashMap::new();
    let mut theirs_by_object: HashMap<(&str, &str), u64> = HashMap::new();
    if let Some(report) = &sol.report {
        for e in &report.entries {
            *theirs.entry(e.constraint.as_str()).or_default() += e.cost;
            *theirs_by_object
                .entry((e.constraint.as_str(), e.object.as_str()))
                .or_default() += e.cost;
            let _ = e.object_kind == ReportObject::Resource;
        }
    }
    let mut out = String::new();
    for cc in &eval.per_constraint {
        let t = theirs.get(cc.id.as_str()).copied();
        if cc.cost == 0 && t.unwrap_or(0) == 0 {
            continue;
        }
        let mark = if sol.report.is_some() && t.unwrap_or(0) != cc.cost {
            "  <<<"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "    {:?} {} [{}] required={} ours={} theirs={:?}{mark}",
            cc.constraint_type, cc.id, cc.name, cc.required, cc.cost, t
        );
        if !mark.is_empty() {
            for d in cc.deviations.iter().take(15) {
                let object = match d.point {
                    xhstt::Point::Resource(r) => inst.resource(r).id.clone(),
                    xhstt::Point::Event(e) => inst.event(e).id.clone(),
                    xhstt::Point::EventGroup(g) => inst.event_group(g).id.clone(),
                    xhstt::Point::EventPair { first, .. } => inst.event(first).id.clone(),
                };
                let tc = theirs_by_object.get(&(cc.id.as_str(), object.as_str()));
                let _ = writeln!(
                    out,
                    "        {object}: dev={} ours={} theirs={tc:?}",
                    d.deviation, d.cost
                );
            }
        }
    }
    out
}

/// Where a report itemises costs per (constraint, object), ours must itemise the same way.
fn detail_mismatches(inst: &Instance, sol: &Solution, eval: &Evaluation) -> String {
    let Some(report) = &sol.report else {
        return String::new();
    };
    if report.entries.is_empty() {
        return String::new();
    }
    let mut theirs: HashMap<(String, String), u64> = HashMap::new();
    for e in &report.entries {
        *theirs
            .entry((e.constraint.clone(), e.object.clone()))
            .or_default() += e.cost;
    }
    let mut ours: HashMap<(String, String), u64> = HashMap::new();
    for e in eval.to_report(inst).entries {
        *ours.entry((e.constraint, e.object)).or_default() += e.cost;
    }
    let mut diffs: Vec<String> = theirs
        .iter()
        .filter(|(k, v)| ours.get(*k) != Some(*v))
        .map(|(k, v)| format!("{k:?} theirs {v} ours {:?}", ours.get(k)))
        .chain(
            ours.iter()
                .filter(|(k, _)| !theirs.contains_key(*k))
                .map(|(k, v)| format!("{k:?} theirs none ours {v}")),
        )
        .collect();
    diffs.sort();
    diffs.join("; ")
}

#[test]
fn evaluator_agrees_with_official_reports_and_reference_costs() {
    let Some(dir) = common::xhstt_data_dir() else {
        return;
    };
    let reference = reference_costs(&dir);
    let mut seen_rows = 0usize;
    let (mut reports_matched, mut reports_exempt) = (0usize, 0usize);
    let mut mismatches = Vec::new();
    let mut slowest = (std::time::Duration::ZERO, String::new());
    for path in common::xml_files(&dir.join("archives")) {
        let text = std::fs::read_to_string(&path).expect("read archive");
        let archive: Archive =
            read_archive(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for group in &archive.solution_groups {
            for sol in &group.solutions {
                let inst = &archive.instances[sol.instance];
                let started = std::time::Instant::now();
                let eval = evaluate(inst, sol);
                let took = started.elapsed();
                if took > slowest.0 {
                    slowest = (took, format!("{} / {}", inst.id, group.id));
                }
                let ours = (eval.infeasibility, eval.objective);
                let key = (inst.id.clone(), group.id.clone());
                let mut problems = Vec::new();
                match reference.get(&key) {
                    Some(&row) => {
                        seen_rows += 1;
                        if row != ours {
                            problems.push(format!("reference {row:?}"));
                        }
                    }
                    None => problems.push("no reference row".to_string()),
                }
                if let Some(report) = &sol.report {
                    let theirs = (report.infeasibility, report.objective);
                    let stale = STALE_REPORTS.contains(&(inst.id.as_str(), group.id.as_str()));
                    if stale {
                        reports_exempt += 1;
                    } else if theirs == ours {
                        reports_matched += 1;
                        let detail = detail_mismatches(inst, sol, &eval);
                        if !detail.is_empty() {
                            problems.push(format!("official report per object: {detail}"));
                        }
                    } else {
                        problems.push(format!("official report {theirs:?}"));
                    }
                }
                if !problems.is_empty() {
                    mismatches.push(format!(
                        "{} / {}: ours {ours:?} vs {}\n{}",
                        inst.id,
                        group.id,
                        problems.join(", "),
                        breakdown(inst, sol, &eval)
                    ));
                }
            }
        }
    }
    eprintln!(
        "official reports matched: {reports_matched} (+{reports_exempt} stale exempt); reference rows matched: {}/{}",
        seen_rows
            - mismatches
                .iter()
                .filter(|m| m.contains("reference ("))
                .count(),
        reference.len()
    );
    // Printed, not asserted: timings are for the benchmark notes, never a test condition.
    eprintln!("slowest evaluation: {:?} ({})", slowest.0, slowest.1);
    assert!(reports_matched > 0, "no official report was compared");
    assert_eq!(
        seen_rows,
        reference.len(),
        "some reference rows have no solution"
    );
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
