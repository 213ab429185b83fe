//! Writer ↔ reader: every published archive and every instance file survives write → read unchanged,
//! and a solution written with a report computed by the evaluator reads back with that report.

mod common;

use xhstt::{Archive, evaluate, read_archive, write_archive};

#[test]
fn every_archive_round_trips_through_the_writer() {
    let Some(dir) = common::xhstt_data_dir() else {
        return;
    };
    for path in common::xml_files(&dir.join("archives")) {
        let text = std::fs::read_to_string(&path).expect("read archive");
        let mut archive = read_archive(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Replace every report by ours, so the written reports are exercised too.
        for group in &mut archive.solution_groups {
            for sol in &mut group.solutions {
                let inst = &archive.instances[sol.instance];
                sol.report = Some(evaluate(inst, sol).to_report(inst));
            }
        }
        let written = write_archive(&archive);
        let back = read_archive(&written)
            .unwrap_or_else(|e| panic!("{}: re-reading the written archive: {e}", path.display()));
        assert_eq!(
            back.instances,
            archive.instances,
            "{}: instances differ",
            path.display()
        );
        assert_eq!(back.solution_groups.len(), archive.solution_groups.len());
        for (b, a) in back.solution_groups.iter().zip(&archive.solution_groups) {
            assert_eq!(
                (&b.id, &b.metadata),
                (&a.id, &a.metadata),
                "{}",
                path.display()
            );
            assert_eq!(
                b.solutions.len(),
                a.solutions.len(),
                "{} / {}",
                path.display(),
                a.id
            );
            for (bs, s) in b.solutions.iter().zip(&a.solutions) {
                assert_eq!(
                    bs.events,
                    s.events,
                    "{} / {}: events differ",
                    path.display(),
                    a.id
                );
                assert_eq!(
                    bs.report,
                    s.report,
                    "{} / {}: reports differ",
                    path.display(),
                    a.id
                );
                assert_eq!(bs, s, "{} / {}", path.display(), a.id);
            }
        }
        for group in &back.solution_groups {
            for sol in &group.solutions {
                let inst = &back.instances[sol.instance];
                let eval = evaluate(inst, sol);
                let report = sol.report.as_ref().expect("report written");
                assert_eq!(
                    (report.infeasibility, report.objective),
                    (eval.infeasibility, eval.objective),
                    "{} / {}",
                    inst.id,
                    group.id
                );
            }
        }
    }
}

#[test]
fn every_instance_file_parses_and_round_trips() {
    let Some(dir) = common::xhstt_data_dir() else {
        return;
    };
    let files = common::xml_files(&dir.join("instances"));
    assert!(!files.is_empty(), "no instance files");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("read instance");
        let archive: Archive =
            read_archive(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(archive.instances.len(), 1, "{}", path.display());
        let inst = &archive.instances[0];
        assert!(!inst.times.is_empty() && !inst.events.is_empty() && !inst.constraints.is_empty());
        let back = read_archive(&write_archive(&archive)).expect("re-read");
        assert_eq!(back.instances, archive.instances, "{}", path.display());
    }
}
