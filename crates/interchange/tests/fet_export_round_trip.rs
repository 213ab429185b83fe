//! The official FET examples under 300 KB (a quick sample of every country's shapes): imported,
//! exported with no timetable, read back. The school comes back with the same activities,
//! teachers, lessons and rooms, no rule is left unexported, and every kind has the same number
//! of rules, save the kinds that come back one per block or per students set: FET selects
//! activities by subject, teacher, students or tag, and a students limit on several sections
//! that are not one year is written once per section.

use domain::SchoolData;
use interchange::fet::{export_fet, fet_to_school, read_fet};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const EXAMPLES: &str = "/usr/share/doc/fet-data/examples/FET-5-official";

fn fet_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            fet_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "fet") {
            out.push(p);
        }
    }
}

/// Rules per kind, and per kind the (lesson, block) pairs they name.
fn per_kind(school: &SchoolData) -> BTreeMap<String, (usize, usize)> {
    let mut m: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for r in &school.rules {
        let e = m.entry(format!("{:?}", r.data.kind)).or_default();
        e.0 += 1;
        e.1 += r
            .data
            .params
            .get("blocks")
            .and_then(|b| b.as_array())
            .map_or(0, Vec::len);
    }
    m
}

#[test]
fn official_examples_come_back_with_the_same_school() {
    let mut files = Vec::new();
    fet_files(Path::new(EXAMPLES), &mut files);
    if files.is_empty() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true y faltan los ejemplos de FET (apt-get install fet)"
        );
        eprintln!("se omite: faltan los ejemplos de FET");
        return;
    }
    files.retain(|f| std::fs::metadata(f).is_ok_and(|m| m.len() < 300_000));
    files.sort();
    let (mut checked, mut same_rules) = (0, 0);
    let mut differences = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let Ok(fet) = read_fet(&text) else { continue };
        let Ok((a, _)) = fet_to_school(&fet) else {
            continue;
        };
        let export = export_fet(&a, &fet.institution, &[]).unwrap();
        let back = read_fet(&export.text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let (b, _) = fet_to_school(&back).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let name = f.strip_prefix(EXAMPLES).unwrap_or(f).display().to_string();
        checked += 1;
        assert_eq!(b.lessons.len(), a.lessons.len(), "{name}: lessons");
        assert_eq!(b.teachers.len(), a.teachers.len(), "{name}: teachers");
        assert_eq!(b.rooms.len(), a.rooms.len(), "{name}: rooms");
        let blocks = |s: &SchoolData| {
            s.lessons
                .iter()
                .map(|l| l.data.blocks().len())
                .sum::<usize>()
        };
        assert_eq!(blocks(&b), blocks(&a), "{name}: activities");
        let (ka, kb) = (per_kind(&a), per_kind(&b));
        let expanding = |k: &str| {
            k.starts_with("Section")
                || matches!(
                    k,
                    "PreferredStartingTimes"
                        | "PreferredTimeSlots"
                        | "PreferredRooms"
                        | "EndsSectionDay"
                )
        };
        for k in ka.keys().chain(kb.keys()).filter(|k| !expanding(k)) {
            assert_eq!(
                ka.get(k).map(|x| x.0),
                kb.get(k).map(|x| x.0),
                "{name}: rules of kind {k}"
            );
        }
        if ka == kb {
            same_rules += 1;
        } else {
            let diff: Vec<String> = ka
                .keys()
                .chain(kb.keys())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .filter(|k| ka.get(*k) != kb.get(*k))
                .map(|k| format!("{k} {:?}→{:?}", ka.get(k), kb.get(k)))
                .collect();
            differences.push(format!("{name}: {}", diff.join(", ")));
        }
        let not: Vec<String> = export
            .not_exportable()
            .map(|r| format!("{} {:?}", r.kind, r.outcome))
            .collect();
        if !not.is_empty() {
            differences.push(format!("{name}: no exportable {not:?}"));
        }
    }
    eprintln!("{checked} files, {same_rules} with the same rules per kind");
    for d in &differences {
        eprintln!("{d}");
    }
    assert!(checked >= 50, "{checked} files checked");
    assert!(
        !differences.iter().any(|d| d.contains("no exportable")),
        "{differences:#?}"
    );
}
