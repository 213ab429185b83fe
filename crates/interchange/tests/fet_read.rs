//! Every official FET example parses, and counts match an independent count of the XML text.

use interchange::fet::{fet_to_school, read_fet};
use std::collections::BTreeMap;
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

/// Parses and maps every official file (one pass: the files are 70 MB). Prints the coverage
/// numbers docs/fet.md quotes.
#[test]
fn all_official_examples_parse_and_map() {
    let Some(files) = fet_files() else { return };
    assert_eq!(files.len(), 137);
    let mut failures = Vec::new();
    let mut fully = 0;
    let mut long_cycles = 0;
    let mut types: BTreeMap<String, (usize, usize, bool)> = BTreeMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let fet = match read_fet(&text) {
            Ok(fet) => fet,
            Err(e) => {
                failures.push(format!("{}: {e}", f.display()));
                continue;
            }
        };
        match fet_to_school(&fet) {
            Ok((school, report)) => {
                let counted: usize = report.constraint_types.iter().map(|t| t.count).sum();
                assert_eq!(counted, fet.constraints().count(), "{}", f.display());
                let active: usize = fet.activities.iter().filter(|a| a.active).count();
                assert_eq!(report.activity_blocks.len(), active, "{}", f.display());
                let periods: usize = fet
                    .activities
                    .iter()
                    .filter(|a| a.active)
                    .map(|a| a.duration as usize)
                    .sum();
                assert_eq!(school.counts().lesson_periods, periods, "{}", f.display());
                let unsupported: Vec<&str> =
                    report.unsupported().map(|t| t.kind.as_str()).collect();
                if unsupported.is_empty() {
                    fully += 1;
                } else {
                    eprintln!("unsupported in {}: {}", f.display(), unsupported.join(" "));
                }
                for t in &report.constraint_types {
                    let e = types.entry(t.kind.clone()).or_insert((0, 0, t.supported));
                    e.0 += 1;
                    e.1 += t.count;
                }
            }
            Err(e) => failures.push(format!("{}: {e}", f.display())),
        }
        if fet.days.len() > 7 {
            long_cycles += 1;
        }
    }
    // Cycles longer than a week (exam sessions, two-week rotations) map like any other.
    eprintln!("files with a cycle longer than 7 days: {long_cycles}");
    assert_eq!(long_cycles, 12);
    let mut table: Vec<_> = types.into_iter().collect();
    table.sort_by(|a, b| (b.1).0.cmp(&(a.1).0).then(a.0.cmp(&b.0)));
    for (kind, (nfiles, n, supported)) in &table {
        eprintln!(
            "{nfiles}\t{n}\t{}\t{kind}",
            if *supported { "yes" } else { "no" }
        );
    }
    eprintln!(
        "files with no unsupported constraint: {fully}/{}",
        files.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // docs/fet.md quotes this share (issue 11 asks for at least 90 %).
    assert!(fully >= 136, "{fully} files with no unsupported constraint");
    assert!(fully * 100 >= files.len() * 90);
    for (kind, (nfiles, _, supported)) in &table {
        assert!(
            *supported || *nfiles < 5,
            "{kind} appears in {nfiles} files"
        );
    }
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

/// FET holds min days' "consecutive if same day" even at 0 %, so those rules stay on.
#[test]
fn zero_percent_consecutive_min_days_stay_enabled() {
    let Some(_) = fet_files() else { return };
    let path = Path::new(EXAMPLES).join("Brazil/1/Brazil.fet");
    let fet = read_fet(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let (school, _) = fet_to_school(&fet).unwrap();
    let zero_consecutive: Vec<_> = school
        .rules
        .iter()
        .filter(|r| r.data.kind == domain::RuleKind::MinDaysBetween)
        .filter(|r| r.data.params["weight_percent"].as_f64() == Some(0.0))
        .filter(|r| r.data.params["consecutive_if_same_day"] == true)
        .collect();
    assert!(!zero_consecutive.is_empty());
    assert!(zero_consecutive.iter().all(|r| r.data.enabled));
}
