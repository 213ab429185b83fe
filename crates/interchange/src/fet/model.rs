//! A faithful in-memory picture of a `.fet` file: names as FET writes them, nothing resolved.
//! Mapping to school data happens in `to_school`; writers only need this model.

use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FetFile {
    pub version: String,
    pub institution: String,
    pub days: Vec<String>,
    pub hours: Vec<String>,
    pub subjects: Vec<String>,
    pub activity_tags: Vec<String>,
    pub teachers: Vec<String>,
    pub years: Vec<FetYear>,
    pub buildings: Vec<String>,
    pub rooms: Vec<FetRoom>,
    pub activities: Vec<FetActivity>,
    pub time_constraints: Vec<FetConstraint>,
    pub space_constraints: Vec<FetConstraint>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FetYear {
    pub name: String,
    pub students: u32,
    pub groups: Vec<FetGroup>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FetGroup {
    pub name: String,
    pub students: u32,
    pub subgroups: Vec<FetSubgroup>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FetSubgroup {
    pub name: String,
    pub students: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FetRoom {
    pub name: String,
    pub building: String,
    pub capacity: u32,
    /// FET 6 "virtual" rooms stand for sets of real rooms.
    pub is_virtual: bool,
    /// A virtual room's sets of real rooms (names); empty for a real room.
    pub sets: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FetActivity {
    pub id: u32,
    /// Id of the first sub-activity of a split activity; 0 when not split.
    pub group_id: u32,
    pub duration: u8,
    pub total_duration: u16,
    pub teachers: Vec<String>,
    pub subject: String,
    pub tags: Vec<String>,
    pub students: Vec<String>,
    /// The activity's own students count (`Number_Of_Students`), which FET uses instead of
    /// the sum of its students sets' sizes when the file gives it.
    pub number_of_students: Option<u32>,
    pub active: bool,
    /// Line in the file, for messages.
    pub line: u32,
}

/// One constraint element, kept whole: its type (element name), weight, active flag and every
/// leaf field in document order (nested ones such as `Preferred_Starting_Time/Day` flattened
/// to their leaf name), so types we do not interpret are still carried and counted.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FetConstraint {
    pub kind: String,
    pub weight: f64,
    pub active: bool,
    pub fields: Vec<(String, String)>,
    pub line: u32,
}

impl FetConstraint {
    /// The first field with that name.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every field with that name, in order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.fields
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A numeric field (FET writes integers and sometimes decimals).
    pub fn number(&self, name: &str) -> Option<f64> {
        self.get(name).and_then(|v| v.trim().parse().ok())
    }

    /// Pairs (day, hour) from alternating fields, e.g. `Preferred_Day`/`Preferred_Hour`.
    pub fn day_hours(&self, day: &str, hour: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut pending: Option<String> = None;
        for (n, v) in &self.fields {
            if n == day {
                pending = Some(v.clone());
            } else if n == hour
                && let Some(d) = pending.take()
            {
                out.push((d, v.clone()));
            }
        }
        out
    }
}

impl FetFile {
    /// Every students set name: years, groups and subgroups.
    pub fn students_set_count(&self) -> usize {
        let mut names = std::collections::BTreeSet::new();
        for y in &self.years {
            names.insert(y.name.as_str());
            for g in &y.groups {
                names.insert(g.name.as_str());
                for s in &g.subgroups {
                    names.insert(s.name.as_str());
                }
            }
        }
        names.len()
    }

    pub fn constraints(&self) -> impl Iterator<Item = &FetConstraint> {
        self.time_constraints
            .iter()
            .chain(self.space_constraints.iter())
    }
}
