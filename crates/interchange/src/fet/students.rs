//! FET's students hierarchy → sections and section groups.
//!
//! A FET activity clashes with every other activity that shares a subgroup, so subgroups are
//! the atoms of the students' timetable. When the groups of a year partition its subgroups
//! (the usual case) each group becomes a section and its subgroups the section's groups, and
//! a lesson is expressed as "these sections" or "this group of these sections". When a year's
//! groups overlap (several divisions of one year, e.g. classes and language options), a group
//! cannot be one section without losing clashes, so that year falls back to one section per
//! subgroup: clashes stay exact, names stay FET's.

use super::model::FetFile;
use std::collections::{BTreeMap, BTreeSet};

/// One section to create.
#[derive(Debug, Clone)]
pub struct SectionSpec {
    pub name: String,
    pub year: usize,
    pub size: u32,
    pub groups: Vec<String>,
}

/// The finest unit: a section, or one group of it.
pub type Atom = (usize, Option<String>);

#[derive(Debug, Default)]
pub struct Students {
    pub sections: Vec<SectionSpec>,
    pub atoms: BTreeMap<String, BTreeSet<Atom>>,
    /// Years laid out one section per subgroup.
    pub split_years: Vec<String>,
}

/// Where a lesson or rule lands: sections, and a group of them when it is not all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub sections: Vec<usize>,
    pub group: Option<String>,
}

impl Students {
    /// Lays out the hierarchy, splitting a year when its groups overlap or when one of the
    /// `sets` (the students lists of activities and constraints) cannot be expressed.
    pub fn build(fet: &FetFile, sets: &[Vec<String>]) -> Students {
        let mut split: BTreeSet<usize> = fet
            .years
            .iter()
            .enumerate()
            .filter(|(_, y)| groups_overlap(y))
            .map(|(i, _)| i)
            .collect();
        loop {
            let s = Self::layout(fet, &split);
            let mut more = BTreeSet::new();
            for set in sets {
                let atoms = s.atoms_of(set);
                if !atoms.is_empty() && s.target(&atoms).is_none() {
                    more.extend(atoms.iter().map(|(sec, _)| s.sections[*sec].year));
                }
            }
            more.retain(|y| !split.contains(y));
            if more.is_empty() {
                return s;
            }
            split.extend(more);
        }
    }

    fn layout(fet: &FetFile, split: &BTreeSet<usize>) -> Students {
        let mut s = Students::default();
        for (yi, year) in fet.years.iter().enumerate() {
            let mut year_atoms = BTreeSet::new();
            if year.groups.is_empty() {
                let sec = s.push(&year.name, yi, year.students, Vec::new());
                year_atoms.insert((sec, None));
            } else if split.contains(&yi) {
                s.split_years.push(year.name.clone());
                let mut by_name: BTreeMap<&str, usize> = BTreeMap::new();
                for g in &year.groups {
                    let mut group_atoms = BTreeSet::new();
                    if g.subgroups.is_empty() {
                        let sec = s.push(&g.name, yi, g.students, Vec::new());
                        group_atoms.insert((sec, None));
                    }
                    for sg in &g.subgroups {
                        let sec = *by_name
                            .entry(sg.name.as_str())
                            .or_insert_with(|| s.push(&sg.name, yi, sg.students, Vec::new()));
                        s.add(&sg.name, [(sec, None)]);
                        group_atoms.insert((sec, None));
                    }
                    s.add(&g.name, group_atoms.iter().cloned());
                    year_atoms.extend(group_atoms);
                }
            } else {
                for g in &year.groups {
                    let names: Vec<String> = g.subgroups.iter().map(|x| x.name.clone()).collect();
                    let sec = s.push(&g.name, yi, g.students, names.clone());
                    let group_atoms: Vec<Atom> = if names.is_empty() {
                        vec![(sec, None)]
                    } else {
                        names.iter().map(|n| (sec, Some(n.clone()))).collect()
                    };
                    for n in &names {
                        s.add(n, [(sec, Some(n.clone()))]);
                    }
                    s.add(&g.name, group_atoms.iter().cloned());
                    year_atoms.extend(group_atoms);
                }
            }
            s.add(&year.name, year_atoms);
        }
        s
    }

    fn push(&mut self, name: &str, year: usize, size: u32, groups: Vec<String>) -> usize {
        self.sections.push(SectionSpec {
            name: name.to_string(),
            year,
            size,
            groups,
        });
        self.sections.len() - 1
    }

    fn add(&mut self, name: &str, atoms: impl IntoIterator<Item = Atom>) {
        self.atoms
            .entry(name.to_string())
            .or_default()
            .extend(atoms);
    }

    /// The atoms of a students list (unknown names contribute nothing; callers check names).
    pub fn atoms_of(&self, set: &[String]) -> BTreeSet<Atom> {
        set.iter()
            .filter_map(|n| self.atoms.get(n))
            .flatten()
            .cloned()
            .collect()
    }

    fn section_atoms(&self, sec: usize) -> BTreeSet<Atom> {
        let groups = &self.sections[sec].groups;
        if groups.is_empty() {
            [(sec, None)].into()
        } else {
            groups.iter().map(|g| (sec, Some(g.clone()))).collect()
        }
    }

    /// Sections (whole) or one group name across sections; `None` when neither fits.
    pub fn target(&self, atoms: &BTreeSet<Atom>) -> Option<Target> {
        let sections: BTreeSet<usize> = atoms.iter().map(|(s, _)| *s).collect();
        let whole = sections
            .iter()
            .all(|&s| self.section_atoms(s).is_subset(atoms));
        if whole {
            return Some(Target {
                sections: sections.into_iter().collect(),
                group: None,
            });
        }
        let names: BTreeSet<&Option<String>> = atoms.iter().map(|(_, g)| g).collect();
        match names.into_iter().collect::<Vec<_>>().as_slice() {
            [Some(g)] => Some(Target {
                sections: sections.into_iter().collect(),
                group: Some(g.clone()),
            }),
            _ => None,
        }
    }
}

fn groups_overlap(year: &super::model::FetYear) -> bool {
    let mut seen = BTreeSet::new();
    year.groups
        .iter()
        .flat_map(|g| g.subgroups.iter())
        .any(|s| !seen.insert(s.name.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fet::model::{FetGroup, FetSubgroup, FetYear};

    fn year(name: &str, groups: &[(&str, &[&str])]) -> FetYear {
        FetYear {
            name: name.into(),
            students: 30,
            groups: groups
                .iter()
                .map(|(g, subs)| FetGroup {
                    name: g.to_string(),
                    students: 15,
                    subgroups: subs
                        .iter()
                        .map(|s| FetSubgroup {
                            name: s.to_string(),
                            students: 5,
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn partitioned_groups_become_sections_with_groups() {
        let fet = FetFile {
            years: vec![year("1", &[("1a", &["1a-x", "1a-y"]), ("1b", &[])])],
            ..FetFile::default()
        };
        let s = Students::build(&fet, &[]);
        assert_eq!(s.sections.len(), 2);
        assert!(s.split_years.is_empty());
        let year = s.target(&s.atoms_of(&["1".into()])).unwrap();
        assert_eq!((year.sections, year.group), (vec![0, 1], None));
        let sub = s.target(&s.atoms_of(&["1a-x".into()])).unwrap();
        assert_eq!((sub.sections, sub.group), (vec![0], Some("1a-x".into())));
    }

    #[test]
    fn overlapping_groups_split_the_year_into_subgroups() {
        let fet = FetFile {
            years: vec![year(
                "1",
                &[
                    ("1a", &["1a-en", "1a-fr"]),
                    ("en", &["1a-en"]),
                    ("fr", &["1a-fr"]),
                ],
            )],
            ..FetFile::default()
        };
        let s = Students::build(&fet, &[]);
        assert_eq!(s.split_years, ["1"]);
        assert_eq!(s.sections.len(), 2);
        let en = s.target(&s.atoms_of(&["en".into()])).unwrap();
        let class = s.target(&s.atoms_of(&["1a".into()])).unwrap();
        assert!(class.sections.contains(&en.sections[0]));
    }

    #[test]
    fn an_inexpressible_activity_splits_its_year() {
        let fet = FetFile {
            years: vec![year("1", &[("1a", &["1a-x", "1a-y"]), ("1b", &["1b-x"])])],
            ..FetFile::default()
        };
        let s = Students::build(&fet, &[vec!["1a-x".into(), "1b".into()]]);
        assert_eq!(s.split_years, ["1"]);
        assert!(
            s.target(&s.atoms_of(&["1a-x".into(), "1b".into()]))
                .is_some()
        );
    }
}
