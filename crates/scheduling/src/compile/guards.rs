//! "Not overlapping" rules (from FET files): each becomes a resource that every block it names
//! attends, so overlapping blocks clash on it.

use super::Owner;
use super::events::Draft;
use domain::{RuleKind, SchoolData};
use solver::ModelBuilder;

impl Draft {
    /// A "not overlapping" rule becomes a resource every block it names attends: the blocks then
    /// clash if they overlap, and the rule is a clash constraint on that resource.
    pub(super) fn add_overlap_guards(&mut self, school: &SchoolData, b: &mut ModelBuilder) {
        let rules = school
            .rules
            .iter()
            .filter(|r| r.data.enabled && r.data.kind == RuleKind::NotOverlapping);
        for rule in rules {
            let ty = *self
                .guard_type
                .get_or_insert_with(|| b.add_resource_type("regla"));
            let owner = Owner::Rule { id: rule.id };
            let r = self.add(b, owner, format!("no solapar (regla {})", rule.id), ty);
            self.overlap_guard.insert(rule.id, r);
            let p = &rule.data.params;
            let list = |key: &str| -> Vec<i64> {
                p.get(key)
                    .and_then(|v| v.as_array())
                    .map(|a| a.iter().filter_map(|x| x.as_i64()).collect())
                    .unwrap_or_default()
            };
            let (lessons, blocks) = (list("lesson_ids"), list("blocks"));
            for (i, lesson) in lessons.iter().enumerate() {
                let unit = blocks.get(i).map(|&u| u as u16);
                self.guards.entry(*lesson).or_default().push((unit, r));
            }
        }
    }
}
