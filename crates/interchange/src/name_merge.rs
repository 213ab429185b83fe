//! Gathers every spelling of a person's or subject's name, groups near-identical ones
//! (GIOVANNY/GIOVANNI VEZZA, MATEMÁTICA/MATEMÁTICAS) and lets the user overrule each merge.

use crate::error::{InterchangeError, Location};
use domain::names::{canonical, edit_distance};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    Teacher,
    Subject,
}

impl NameKind {
    pub fn label(self) -> &'static str {
        match self {
            NameKind::Teacher => "docente",
            NameKind::Subject => "asignatura",
        }
    }
}

/// One way a name was written, how often, and where it was first seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    pub text: String,
    pub canonical: String,
    pub occurrences: usize,
    pub first_seen: Location,
}

/// Several canonical names taken as one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Merge {
    pub kind: NameKind,
    pub chosen: String,
    pub variants: Vec<Variant>,
    /// True when a mapping given by the user made (part of) this merge.
    pub from_mapping: bool,
}

/// A user's decision: "variant => canonical". Mapping a name to itself refuses every automatic
/// merge of that name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMapping {
    pub variant: String,
    pub target: String,
}

/// Parses a mapping file: one `variant => canonical` per line, `#` starts a comment.
pub fn parse_mappings(text: &str) -> Result<Vec<NameMapping>, InterchangeError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let Some((variant, target)) = line.split_once("=>") else {
            return Err(InterchangeError::Mapping {
                line: i + 1,
                message: "falta «=>» (escriba «variante => nombre»)".into(),
            });
        };
        let (variant, target) = (variant.trim(), target.trim());
        if variant.is_empty() || target.is_empty() {
            return Err(InterchangeError::Mapping {
                line: i + 1,
                message: "la variante y el nombre no pueden estar vacíos".into(),
            });
        }
        out.push(NameMapping {
            variant: variant.to_string(),
            target: target.to_string(),
        });
    }
    Ok(out)
}

/// Written text with spaces collapsed, case and accents kept.
pub fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Default)]
struct Entry {
    spellings: BTreeMap<String, (usize, Location)>,
}

/// Every name of one kind seen in an import.
#[derive(Debug)]
pub struct NameBook {
    kind: NameKind,
    entries: BTreeMap<String, Entry>,
}

/// Which canonical names form one record, and the name it gets.
#[derive(Debug, Default)]
pub struct Resolved {
    /// canonical name as seen → index of its cluster
    pub cluster_of: BTreeMap<String, usize>,
    /// display name of each cluster
    pub names: Vec<String>,
    pub merges: Vec<Merge>,
}

fn similar(kind: NameKind, a: &str, b: &str) -> bool {
    if a.split(' ').count() != b.split(' ').count() {
        return false;
    }
    let len = a.chars().count().min(b.chars().count());
    // People's names tolerate two slips (GIOVVANY/GIOVANNY); subject names only one, so
    // that FÍSICA and MÚSICA stay apart.
    let allowed = match (kind, len) {
        (_, 0..=4) => 0,
        (NameKind::Teacher, 12..) => 2,
        _ => 1,
    };
    edit_distance(a, b) <= allowed
}

fn find_root(parent: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while parent[r] != r {
        r = parent[r];
    }
    parent[i] = r;
    r
}

impl NameBook {
    pub fn new(kind: NameKind) -> Self {
        NameBook {
            kind,
            entries: BTreeMap::new(),
        }
    }

    /// Records one occurrence; returns the canonical form (empty text is not recorded).
    pub fn add(&mut self, text: &str, location: &Location) -> String {
        let c = canonical(text);
        if c.is_empty() {
            return c;
        }
        let entry = self.entries.entry(c.clone()).or_default();
        let slot = entry
            .spellings
            .entry(tidy(text))
            .or_insert((0, location.clone()));
        slot.0 += 1;
        c
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The recorded canonical name this text means, exactly or by a near-identical spelling
    /// (only when exactly one recorded name is that close).
    pub fn find(&self, text: &str) -> Option<String> {
        let c = canonical(text);
        if self.entries.contains_key(&c) {
            return Some(c);
        }
        let close: Vec<&String> = self
            .entries
            .keys()
            .filter(|k| similar(self.kind, k, &c))
            .collect();
        (close.len() == 1).then(|| close[0].clone())
    }

    pub fn resolve(&self, refused: &BTreeSet<String>, mappings: &[NameMapping]) -> Resolved {
        let keys: Vec<&String> = self.entries.keys().collect();
        let index: BTreeMap<&str, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let mut parent: Vec<usize> = (0..keys.len()).collect();
        let forced: BTreeMap<String, String> = mappings
            .iter()
            .map(|m| (canonical(&m.variant), canonical(&m.target)))
            .collect();
        let auto_allowed = |k: &str| !refused.contains(k) && !forced.contains_key(k);
        for i in 0..keys.len() {
            for j in i + 1..keys.len() {
                if auto_allowed(keys[i])
                    && auto_allowed(keys[j])
                    && similar(self.kind, keys[i], keys[j])
                {
                    let (a, b) = (find_root(&mut parent, i), find_root(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
        let mut mapped_clusters = BTreeSet::new();
        let mut target_display: BTreeMap<usize, String> = BTreeMap::new();
        for m in mappings {
            let (v, t) = (canonical(&m.variant), canonical(&m.target));
            let (Some(&vi), Some(&ti)) = (index.get(v.as_str()), index.get(t.as_str())) else {
                // A mapping to a name that appears nowhere renames the variant.
                if let Some(&vi) = index.get(v.as_str()) {
                    target_display.insert(vi, tidy(&m.target));
                    mapped_clusters.insert(vi);
                }
                continue;
            };
            let (a, b) = (find_root(&mut parent, vi), find_root(&mut parent, ti));
            parent[a.max(b)] = a.min(b);
            if v != t {
                mapped_clusters.insert(a.min(b));
            }
        }
        let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..keys.len() {
            let r = find_root(&mut parent, i);
            members.entry(r).or_default().push(i);
        }
        let mut out = Resolved::default();
        for (root, list) in members {
            let cluster = out.names.len();
            let renamed = list.iter().find_map(|i| target_display.get(i).cloned());
            let chosen = renamed.unwrap_or_else(|| self.best_spelling(&list, &keys, &forced));
            for &i in &list {
                out.cluster_of.insert(keys[i].clone(), cluster);
            }
            if list.len() > 1 {
                out.merges.push(Merge {
                    kind: self.kind,
                    chosen: chosen.clone(),
                    variants: list.iter().flat_map(|&i| self.variants(keys[i])).collect(),
                    from_mapping: list.iter().any(|i| mapped_clusters.contains(i))
                        || mapped_clusters.contains(&root),
                });
            }
            out.names.push(chosen);
        }
        out
    }

    fn variants(&self, key: &str) -> Vec<Variant> {
        self.entries[key]
            .spellings
            .iter()
            .map(|(text, (n, loc))| Variant {
                text: text.clone(),
                canonical: key.to_string(),
                occurrences: *n,
                first_seen: loc.clone(),
            })
            .collect()
    }

    /// The spelling a mapping names, else the most frequent, preferring accented spellings
    /// (MARÍA over MARIA) on ties.
    fn best_spelling(
        &self,
        list: &[usize],
        keys: &[&String],
        forced: &BTreeMap<String, String>,
    ) -> String {
        let targets: BTreeSet<&String> = forced.values().collect();
        let mut best: Option<(bool, usize, usize, String)> = None;
        for &i in list {
            let is_target = targets.contains(keys[i]);
            let total: usize = self.entries[keys[i]].spellings.values().map(|s| s.0).sum();
            for (text, (n, _)) in &self.entries[keys[i]].spellings {
                let accents = text.chars().filter(|c| !c.is_ascii()).count();
                // Within one canonical name, rank spellings by their own count; across
                // names, by how often the name was seen at all.
                let cand = (is_target, total * 1000 + n, accents, text.clone());
                let better = match &best {
                    None => true,
                    Some(b) => {
                        (cand.0, cand.1, cand.2) > (b.0, b.1, b.2)
                            || ((cand.0, cand.1, cand.2) == (b.0, b.1, b.2) && cand.3 < b.3)
                    }
                };
                if better {
                    best = Some(cand);
                }
            }
        }
        best.map(|b| b.3).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(names: &[&str]) -> NameBook {
        let mut b = NameBook::new(NameKind::Teacher);
        for n in names {
            b.add(n, &Location::file("x"));
        }
        b
    }

    #[test]
    fn merges_near_spellings_transitively() {
        let b = book(&[
            "GIOVANNI VEZZA",
            "GIOVANNI VEZZA",
            "GIOVANNY VEZZA",
            "GIOVVANY VEZZA",
            "MARÍA NIETO",
        ]);
        let r = b.resolve(&BTreeSet::new(), &[]);
        assert_eq!(r.names.len(), 2);
        assert_eq!(r.merges.len(), 1);
        assert_eq!(r.merges[0].chosen, "GIOVANNI VEZZA");
        assert_eq!(r.merges[0].variants.len(), 3);
    }

    #[test]
    fn refusing_and_mapping() {
        let b = book(&["ANA DIAZ", "ANA DIAS", "LUIS RON"]);
        let refused: BTreeSet<String> = ["ANA DIAS".to_string()].into();
        assert_eq!(b.resolve(&refused, &[]).names.len(), 3);
        let maps =
            parse_mappings("# docentes\nANA DIAS => ANA DIAS\nLuis Ron => Luis Ronaldo Ron\n")
                .unwrap();
        let r = b.resolve(&BTreeSet::new(), &maps);
        assert_eq!(r.names.len(), 3);
        assert!(r.names.contains(&"Luis Ronaldo Ron".to_string()));
        let maps = parse_mappings("LUIS RON => ANA DIAZ").unwrap();
        let r = b.resolve(&BTreeSet::new(), &maps);
        assert_eq!(r.names.len(), 1);
        assert!(r.merges[0].from_mapping);
        assert!(parse_mappings("sin flecha").is_err());
    }

    #[test]
    fn subjects_are_stricter() {
        let mut b = NameBook::new(NameKind::Subject);
        for n in ["FÍSICA", "MÚSICA", "MATEMÁTICA", "MATEMÁTICAS"] {
            b.add(n, &Location::file("x"));
        }
        let r = b.resolve(&BTreeSet::new(), &[]);
        assert_eq!(r.names.len(), 3);
        assert_eq!(b.find("Matematica").as_deref(), Some("MATEMATICA"));
    }
}
