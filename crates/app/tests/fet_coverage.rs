//! FET files with cycles longer than a week, or with the constraint types that map to the rule
//! kinds of `scheduling::compile::rules::fet_more` and the building changes per week, import and
//! compile: the school validates, and no rule of those kinds is left out of the solver model
//! (`skipped_rules`).

use domain::RuleKind;
use interchange::fet::{fet_to_school, read_fet};
use std::path::{Path, PathBuf};

const EXAMPLES: &str = "/usr/share/doc/fet-data/examples/FET-5-official";

/// The rule kinds whose compile this test holds to.
const KINDS: [RuleKind; 17] = [
    RuleKind::TeacherMaxBuildingChangesPerWeek,
    RuleKind::SectionMaxBuildingChangesPerWeek,
    RuleKind::TeacherTagMaxPerDay,
    RuleKind::TeacherTagMaxConsecutive,
    RuleKind::SectionIntervalMaxDays,
    RuleKind::SectionTagMaxPerDay,
    RuleKind::SectionTagMaxConsecutive,
    RuleKind::Ordered,
    RuleKind::OrderedIfSameDay,
    RuleKind::OccupyMaxSlots,
    RuleKind::MaxSimultaneous,
    RuleKind::MinSimultaneous,
    RuleKind::SameRoomIfConsecutive,
    RuleKind::TeacherMaxSpanPerDay,
    RuleKind::SectionMaxSpanPerDay,
    RuleKind::TeacherMinRestingHours,
    RuleKind::SectionMinRestingHours,
];

fn fet_files() -> Vec<PathBuf> {
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
    out
}

#[test]
fn long_cycles_and_more_rule_kinds_compile() {
    if !Path::new(EXAMPLES).is_dir() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true y faltan los ejemplos de FET en {EXAMPLES} (apt-get install fet)"
        );
        eprintln!("se omite: no están los ejemplos de FET");
        return;
    }
    let (mut long, mut with_kinds, mut rules) = (0, 0, 0);
    for f in fet_files() {
        let text = std::fs::read_to_string(&f).unwrap();
        let fet = read_fet(&text).unwrap();
        let (school, _) = fet_to_school(&fet).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let mine = school
            .rules
            .iter()
            .filter(|r| r.data.enabled && KINDS.contains(&r.data.kind))
            .count();
        if fet.days.len() <= 7 && mine == 0 {
            continue;
        }
        long += usize::from(fet.days.len() > 7);
        with_kinds += usize::from(mine > 0);
        rules += mine;
        let compiled =
            scheduling::compile(&school, None).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let skipped: Vec<_> = compiled
            .skipped_rules
            .iter()
            .filter(|(_, k)| KINDS.contains(k))
            .collect();
        assert!(skipped.is_empty(), "{}: {skipped:?}", f.display());
        let days = school.time_grids[0].data.days.len();
        assert_eq!(days, fet.days.len().max(1), "{}", f.display());
    }
    eprintln!("{long} files with long cycles, {with_kinds} files with {rules} rules of the kinds");
    assert_eq!(long, 12);
    assert!(with_kinds >= 25, "{with_kinds}");
}
