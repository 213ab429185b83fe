//! The rules a school cares about, stored as data: each hard or soft with a weight.

use crate::{FieldErrors, Resource};
use serde::{Deserialize, Serialize};

/// The kinds of rule the compiler into the solver understands. Parameters live in `params`
/// (e.g. `{"max": 6}` for a per-day maximum); `teacher_ids`/`section_ids` there narrow a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    NoSectionClash,
    NoTeacherClash,
    NoRoomClash,
    TeacherAvailability,
    RoomAvailability,
    BlockPattern,
    SubjectOncePerDay,
    SectionNoGaps,
    MorningsFirst,
    TeacherMaxPerDay,
    TeacherMaxPerWeek,
    TeacherMaxConsecutive,
    TeacherMaxGapsPerDay,
    TeacherMaxGapsPerWeek,
    TeacherMaxDays,
    RoomType,
    RoomCapacity,
    HomeroomPreference,
    PreferredPeriods,
    UndesiredPeriods,
}

impl RuleKind {
    pub const ALL: [RuleKind; 20] = [
        RuleKind::NoSectionClash,
        RuleKind::NoTeacherClash,
        RuleKind::NoRoomClash,
        RuleKind::TeacherAvailability,
        RuleKind::RoomAvailability,
        RuleKind::BlockPattern,
        RuleKind::SubjectOncePerDay,
        RuleKind::SectionNoGaps,
        RuleKind::MorningsFirst,
        RuleKind::TeacherMaxPerDay,
        RuleKind::TeacherMaxPerWeek,
        RuleKind::TeacherMaxConsecutive,
        RuleKind::TeacherMaxGapsPerDay,
        RuleKind::TeacherMaxGapsPerWeek,
        RuleKind::TeacherMaxDays,
        RuleKind::RoomType,
        RuleKind::RoomCapacity,
        RuleKind::HomeroomPreference,
        RuleKind::PreferredPeriods,
        RuleKind::UndesiredPeriods,
    ];

    /// Kinds whose parameters need a numeric `max`.
    pub fn needs_max(self) -> bool {
        matches!(
            self,
            RuleKind::TeacherMaxPerDay
                | RuleKind::TeacherMaxPerWeek
                | RuleKind::TeacherMaxConsecutive
                | RuleKind::TeacherMaxGapsPerDay
                | RuleKind::TeacherMaxGapsPerWeek
                | RuleKind::TeacherMaxDays
        )
    }

    /// The rule set a new school starts with: clashes and availability hard, quality soft.
    pub fn default_rules() -> Vec<Rule> {
        use RuleKind::*;
        let hard = |kind| Rule {
            kind,
            hard: true,
            weight: 1000,
            params: serde_json::json!({}),
            enabled: true,
        };
        let soft = |kind, weight, params| Rule {
            kind,
            hard: false,
            weight,
            params,
            enabled: true,
        };
        vec![
            hard(NoSectionClash),
            hard(NoTeacherClash),
            hard(NoRoomClash),
            hard(TeacherAvailability),
            hard(RoomAvailability),
            hard(BlockPattern),
            hard(RoomType),
            soft(SubjectOncePerDay, 20, serde_json::json!({})),
            soft(SectionNoGaps, 30, serde_json::json!({})),
            soft(MorningsFirst, 5, serde_json::json!({})),
            soft(TeacherMaxGapsPerDay, 10, serde_json::json!({"max": 1})),
            soft(TeacherMaxDays, 10, serde_json::json!({"max": 5})),
            soft(HomeroomPreference, 2, serde_json::json!({})),
            soft(UndesiredPeriods, 10, serde_json::json!({})),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    pub kind: RuleKind,
    #[serde(default)]
    pub hard: bool,
    #[serde(default = "default_weight")]
    pub weight: u32,
    #[serde(default = "empty_params")]
    pub params: serde_json::Value,
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn default_weight() -> u32 {
    1
}
fn empty_params() -> serde_json::Value {
    serde_json::json!({})
}
fn yes() -> bool {
    true
}

impl Resource for Rule {
    const COLLECTION: &'static str = "rules";
    const LABEL: &'static str = "regla";
    fn validate(&self) -> Result<(), FieldErrors> {
        let mut e = FieldErrors::default();
        if !(1..=1_000_000).contains(&self.weight) {
            e.add("weight", "el peso debe estar entre 1 y 1000000");
        }
        if !self.params.is_object() {
            e.add("params", "debe ser un objeto JSON");
        } else if self.kind.needs_max() {
            match self.params.get("max").and_then(|m| m.as_u64()) {
                Some(m) if m <= 80 => {}
                _ => e.add("params.max", "indique un máximo entero entre 0 y 80"),
            }
        }
        e.into_result()
    }
}
