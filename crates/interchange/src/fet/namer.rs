//! Unique, non-empty names for the records a FET import creates.

use std::collections::BTreeSet;

/// Keeps names non-empty, short enough and unique per kind after canonicalisation (FET tells
/// "Math" from "math"; our unique keys do not).
#[derive(Default)]
pub(super) struct Namer {
    used: BTreeSet<(&'static str, String)>,
}

impl Namer {
    pub(super) fn unique(&mut self, kind: &'static str, name: &str, max: usize) -> String {
        let base: String = if name.trim().is_empty() {
            "(sin nombre)".into()
        } else {
            name.trim().chars().take(max).collect()
        };
        let mut candidate = base.clone();
        let mut n = 2;
        while !self
            .used
            .insert((kind, domain::names::canonical(&candidate)))
        {
            let suffix = format!(" ({n})");
            let keep = max.saturating_sub(suffix.chars().count());
            candidate = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
            n += 1;
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_unique_after_canonicalisation() {
        let mut n = Namer::default();
        assert_eq!(n.unique("s", "Math", 80), "Math");
        assert_eq!(n.unique("s", "math", 80), "math (2)");
        assert_eq!(n.unique("s", "", 80), "(sin nombre)");
        assert_eq!(n.unique("t", "Math", 80), "Math");
    }
}
