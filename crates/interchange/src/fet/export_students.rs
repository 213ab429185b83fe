//! Sections → FET's students: each level and grade is a year, each section a group of it,
//! each section group a subgroup. A whole-section lesson takes the group; a group's lesson
//! takes the subgroups; a lesson of every section of a grade takes the year. The section that
//! holds FET activities without students (see [`NO_STUDENTS`]) is not written: its lessons
//! have no students again.

use super::to_school::NO_STUDENTS;
use domain::{Id, SchoolData, Section};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Default)]
pub struct YearOut {
    pub name: String,
    pub size: u32,
    pub groups: Vec<GroupOut>,
}

#[derive(Debug, Default)]
pub struct GroupOut {
    pub name: String,
    pub size: u32,
    /// (FET name, size) of each section group.
    pub subgroups: Vec<(String, u32)>,
}

#[derive(Debug, Default)]
pub struct StudentsMap {
    pub years: Vec<YearOut>,
    group: BTreeMap<Id, String>,
    subgroup: BTreeMap<(Id, String), String>,
    year_sections: Vec<BTreeSet<Id>>,
    /// Students count of every FET set, for room capacities.
    pub sizes: BTreeMap<String, u32>,
    pub no_students: Option<Id>,
}

/// "1er año", "3er grado", or the level's name and the grade.
fn year_name(school: &SchoolData, s: &Section) -> String {
    if matches!(s.level.as_str(), "media_general" | "primaria") {
        let bare = Section {
            letter: String::new(),
            name: None,
            ..s.clone()
        };
        return bare.display_name().trim().to_string();
    }
    let level = school
        .levels
        .iter()
        .find(|l| l.data.code == s.level)
        .map_or(s.level.clone(), |l| l.data.name.clone());
    format!("{level} {}", s.grade)
}

impl StudentsMap {
    pub fn build(school: &SchoolData) -> StudentsMap {
        let mut map = StudentsMap::default();
        let level_rank = |code: &str| {
            school
                .levels
                .iter()
                .position(|l| l.data.code == code)
                .unwrap_or(usize::MAX)
        };
        let mut sections: Vec<_> = school.sections.iter().collect();
        sections.retain(|s| {
            let empty = s.data.name.as_deref() == Some(NO_STUDENTS);
            if empty {
                map.no_students = Some(s.id);
            }
            !empty
        });
        sections.sort_by_key(|s| (level_rank(&s.data.level), s.data.grade, s.id));
        // Section group names used as they are when no other set has that name.
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for s in &sections {
            *seen.entry(s.data.display_name()).or_default() += 1;
            for g in &s.data.groups {
                *seen.entry(g.name.clone()).or_default() += 1;
            }
        }
        let mut used = BTreeSet::new();
        let mut by_year: BTreeMap<(usize, u8, String), usize> = BTreeMap::new();
        for s in &sections {
            let key = (
                level_rank(&s.data.level),
                s.data.grade,
                s.data.level.clone(),
            );
            let yi = *by_year.entry(key).or_insert_with(|| {
                map.years.push(YearOut::default());
                map.year_sections.push(BTreeSet::new());
                map.years.len() - 1
            });
            if map.years[yi].name.is_empty() {
                map.years[yi].name = unique(&mut used, &year_name(school, &s.data));
            }
            let group_name = unique(&mut used, &s.data.display_name());
            let mut group = GroupOut {
                name: group_name.clone(),
                size: s.data.size,
                subgroups: Vec::new(),
            };
            for g in &s.data.groups {
                let wanted = if seen.get(&g.name) == Some(&1) {
                    g.name.clone()
                } else {
                    format!("{group_name} {}", g.name)
                };
                let name = unique(&mut used, &wanted);
                map.subgroup.insert((s.id, g.name.clone()), name.clone());
                map.sizes.insert(name.clone(), g.size);
                group.subgroups.push((name, g.size));
            }
            map.sizes.insert(group_name.clone(), s.data.size);
            map.group.insert(s.id, group_name);
            map.years[yi].size += s.data.size;
            map.years[yi].groups.push(group);
            map.year_sections[yi].insert(s.id);
        }
        for y in &map.years {
            map.sizes.insert(y.name.clone(), y.size);
        }
        map
    }

    /// The FET sets a lesson (or a students rule) of these sections and group takes; several
    /// names when no single set is exactly those students.
    pub fn sets(&self, section_ids: &[Id], group: Option<&str>) -> Vec<String> {
        let ids: BTreeSet<Id> = section_ids
            .iter()
            .copied()
            .filter(|s| Some(*s) != self.no_students)
            .collect();
        if group.is_none()
            && ids.len() > 1
            && let Some(yi) = self.year_sections.iter().position(|y| *y == ids)
        {
            return vec![self.years[yi].name.clone()];
        }
        let mut out = Vec::new();
        for s in &ids {
            let name = match group {
                Some(g) => self
                    .subgroup
                    .get(&(*s, g.to_string()))
                    .or(self.group.get(s)),
                None => self.group.get(s),
            };
            if let Some(n) = name
                && !out.contains(n)
            {
                out.push(n.clone());
            }
        }
        out
    }

    /// Every section's FET set, for rules that apply to all.
    pub fn every_section(&self) -> Vec<(Id, String)> {
        self.group.iter().map(|(id, n)| (*id, n.clone())).collect()
    }

    /// How many students a list of sets holds (FET's count for room capacity).
    pub fn size_of(&self, sets: &[String]) -> u32 {
        sets.iter().filter_map(|s| self.sizes.get(s)).sum()
    }

    pub fn count(&self) -> usize {
        self.years.len()
            + self
                .years
                .iter()
                .map(|y| y.groups.len() + y.groups.iter().map(|g| g.subgroups.len()).sum::<usize>())
                .sum::<usize>()
    }
}

/// Names stay unique among all students sets (FET requires it); trimmed as FET reads them.
fn unique(used: &mut BTreeSet<String>, wanted: &str) -> String {
    let base = if wanted.trim().is_empty() {
        "(sin nombre)".to_string()
    } else {
        wanted.trim().to_string()
    };
    let mut name = base.clone();
    let mut n = 2;
    while !used.insert(name.clone()) {
        name = format!("{base} ({n})");
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{Record, SectionGroup};

    fn section(id: Id, grade: u8, letter: &str, groups: &[&str]) -> Record<Section> {
        Record {
            id,
            data: Section {
                level: "media_general".into(),
                grade,
                letter: letter.into(),
                homeroom_id: None,
                size: 30,
                time_grid_id: None,
                groups: groups
                    .iter()
                    .map(|g| SectionGroup {
                        name: g.to_string(),
                        size: 15,
                    })
                    .collect(),
                name: None,
            },
        }
    }

    #[test]
    fn grades_become_years_and_groups_subgroups() {
        let school = SchoolData {
            sections: vec![
                section(1, 1, "A", &["Varones", "Hembras"]),
                section(2, 1, "B", &["Varones", "Hembras"]),
                section(3, 2, "A", &[]),
            ],
            ..SchoolData::default()
        };
        let m = StudentsMap::build(&school);
        assert_eq!(m.years.len(), 2);
        assert_eq!(m.years[0].name, "1er año");
        assert_eq!(m.years[0].size, 60);
        assert_eq!(m.years[0].groups[1].name, "1er año B");
        assert_eq!(m.years[0].groups[1].subgroups[0].0, "1er año B Varones");
        assert_eq!(m.sets(&[1, 2], None), ["1er año"]);
        assert_eq!(
            m.sets(&[1, 2], Some("Hembras")),
            ["1er año A Hembras", "1er año B Hembras"]
        );
        assert_eq!(m.sets(&[3], None), ["2do año A"]);
        assert_eq!(m.count(), 2 + 3 + 4);
        assert_eq!(m.size_of(&m.sets(&[1], Some("Varones"))), 15);
    }
}
