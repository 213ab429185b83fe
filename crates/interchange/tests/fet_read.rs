//! Every official FET example parses, and counts match an independent count of the XML text.

use interchange::fet::read_fet;
use std::path::{Path, PathBuf};

const EXAMPLES: &str = "/usr/share/doc/fet-data/examples/FET-5-official";

fn fet_files() -> Option<Vec<PathBuf>> {
    if !Path::new(EXAMPLES).is_dir() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true y faltan los ejemplos de FET en {EXAMPLES} (apt-get install fet)"
        );
        eprintln!("se omite: no están los ejemplos de FET en {EXAMPLES}");
        return None;
    }
    let mut out = Vec::new();
    let mut dirs = vec![PathBuf::from(EXAMPLES)];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "fet") {
                out.push(p);
            }
        }
    }
    out.sort();
    Some(out)
}

/// The text between `<list>` and `</list>`.
fn section<'a>(text: &'a str, list: &str) -> &'a str {
    let open = format!("<{list}>");
    let close = format!("</{list}>");
    match (text.find(&open), text.find(&close)) {
        (Some(a), Some(b)) => &text[a..b],
        _ => "",
    }
}

#[test]
fn all_official_examples_parse() {
    let Some(files) = fet_files() else { return };
    assert_eq!(files.len(), 137);
    let mut failures = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        if let Err(e) = read_fet(&text) {
            failures.push(format!("{}: {e}", f.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn counts_match_the_xml_text() {
    let Some(_) = fet_files() else { return };
    for name in [
        "Denmark/small-school.fet",
        "Brazil/2/EEBLJ-Noturno.fet",
        "Argentina/Horario_ISJ.fet",
        "Germany/secondary-school-2/GYR.fet",
        "Spain/2-secondary-school/secondary-school.fet",
    ] {
        let path = Path::new(EXAMPLES).join(name);
        if !path.exists() {
            panic!("falta {}", path.display());
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let fet = read_fet(&text).unwrap();
        let acts = section(&text, "Activities_List");
        assert_eq!(
            fet.activities.len(),
            acts.matches("<Activity>").count(),
            "{name}"
        );
        let teachers = section(&text, "Teachers_List");
        assert_eq!(
            fet.teachers.len(),
            teachers.matches("<Teacher>").count(),
            "{name}"
        );
        let students = section(&text, "Students_List");
        let sets = students.matches("<Year>").count()
            + students.matches("<Group>").count()
            + students.matches("<Subgroup>").count();
        let listed: usize = fet
            .years
            .iter()
            .map(|y| {
                1 + y
                    .groups
                    .iter()
                    .map(|g| 1 + g.subgroups.len())
                    .sum::<usize>()
            })
            .sum();
        assert_eq!(listed, sets, "{name}");
        let time = section(&text, "Time_Constraints_List");
        let opened = time.matches("\n<Constraint").count();
        assert_eq!(fet.time_constraints.len(), opened, "{name}");
        let durations: u32 = fet.activities.iter().map(|a| a.duration as u32).sum();
        let in_text: u32 = acts
            .split("<Duration>")
            .skip(1)
            .map(|s| s[..s.find('<').unwrap()].trim().parse::<u32>().unwrap())
            .sum();
        assert_eq!(durations, in_text, "{name}");
    }
}
