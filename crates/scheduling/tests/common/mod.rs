//! What the rule tests share: adding a rule to a demo school, picking its lessons, and solving
//! it feasibly with a step budget. Each test binary uses a part of it, hence the allow.
#![allow(dead_code)]

pub mod fet_school;

use domain::{Id, Placement, Record, Rule, RuleKind, SchoolData};
use scheduling::{Compiled, compile};
use solver::{NoDeadline, SolveOptions, solve};

/// Adds an enabled rule with the next free id and returns that id.
pub fn add_rule(
    school: &mut SchoolData,
    kind: RuleKind,
    hard: bool,
    weight: u32,
    params: serde_json::Value,
) -> Id {
    let id = school.rules.iter().map(|r| r.id).max().unwrap_or(0) + 1;
    school.rules.push(Record {
        id,
        data: Rule {
            kind,
            hard,
            weight,
            params,
            enabled: true,
        },
    });
    id
}

/// Lessons taught to `section` alone with at least `blocks` blocks.
pub fn lessons_of(school: &SchoolData, section: Id, blocks: usize) -> Vec<Id> {
    school
        .lessons
        .iter()
        .filter(|l| l.data.section_ids == [section] && l.data.blocks().len() >= blocks)
        .map(|l| l.id)
        .collect()
}

/// Whether the placed block occupies `period` of `day`.
pub fn covers(p: &Placement, day: u8, period: u8) -> bool {
    p.day == day && p.period <= period && period < p.period + p.duration
}

/// Validates and compiles the school (no rule may be skipped), solves it for `steps` moves from
/// `seed`, asserts no hard violation (naming them when there are) and returns the placements.
pub fn solve_feasible(school: &SchoolData, seed: u64, steps: u64) -> Vec<Placement> {
    assert_eq!(school.validate(), Ok(()));
    let compiled = compile(school, None).unwrap();
    assert_eq!(compiled.skipped_rules, vec![]);
    solve_compiled(school, &compiled, seed, steps)
}

/// As `solve_feasible`, for a school compiled already.
pub fn solve_compiled(
    school: &SchoolData,
    compiled: &Compiled,
    seed: u64,
    steps: u64,
) -> Vec<Placement> {
    let options = SolveOptions {
        seed,
        max_iterations: Some(steps),
        ..SolveOptions::default()
    };
    let result = solve(&compiled.model, &options, &NoDeadline, None, &|_| {});
    let r = compiled.report(school, &result.solution).unwrap();
    assert_eq!(result.cost.hard, 0, "{:?}", r.hard_violations);
    compiled.decode(&result.solution, 1)
}
