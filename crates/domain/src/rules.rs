//! The rules a school cares about, stored as data: each hard or soft with a weight.

use crate::{FieldErrors, Id, Reference, Resource};
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
    /// At most `max` working days a week; with `"fewest": true`, no more days than the
    /// teacher's lessons need at their daily maximum (part-time teachers come in less).
    TeacherMaxDays,
    RoomType,
    RoomCapacity,
    HomeroomPreference,
    PreferredPeriods,
    UndesiredPeriods,
    // Kinds that FET files bring (see docs/fet.md). Every FET rule also keeps
    // `weight_percent` (FET's weight, 100 = hard) in its params.
    /// Slots where nothing may be placed (FET break times that are not on every day). `slots: [{day, period}]`.
    BreakSlots,
    /// Blocks at least `min_days` days apart. `lesson_ids` + parallel `blocks` (block index in `Lesson::blocks()` order), `min_days`, `consecutive_if_same_day` (bool).
    MinDaysBetween,
    /// Blocks at most `max_days` days apart. `lesson_ids` + `blocks`, `max_days`.
    MaxDaysBetween,
    /// Blocks start at one of `slots: [{day, period}]`. `lesson_ids` + `blocks`; `locked` (bool) when FET marks the place permanently locked.
    PreferredStartingTimes,
    /// Every period of the blocks lies within `slots: [{day, period}]`. `lesson_ids` + `blocks`.
    PreferredTimeSlots,
    /// Sections (or one `group` of them) cannot have lessons at `slots: [{day, period}]`. `section_ids`, optional `group`.
    SectionAvailability,
    /// Blocks go in one of `room_ids`. `lesson_ids` + `blocks`.
    PreferredRooms,
    /// Blocks start at the same day and period. `lesson_ids` + `blocks`.
    SameStartingTime,
    /// Blocks start on the same day. `lesson_ids` + `blocks`.
    SameStartingDay,
    /// Blocks start at the same period (any day). `lesson_ids` + `blocks`.
    SameStartingHour,
    /// Blocks never overlap in time. `lesson_ids` + `blocks`.
    NotOverlapping,
    /// The blocks, in the order listed, follow each other directly on one day. `lesson_ids` + `blocks`.
    Consecutive,
    /// The blocks form one uninterrupted run on one day, in any order. `lesson_ids` + `blocks`.
    Grouped,
    /// Blocks on the same day are at least `min_gaps` periods apart. `lesson_ids` + `blocks`, `min_gaps`.
    MinGapsBetween,
    /// The blocks are the last lesson of their sections' day. `lesson_ids` + `blocks`.
    EndsSectionDay,
    /// The blocks use at most `max` different rooms. `lesson_ids` + `blocks`, `max`.
    MaxDifferentRooms,
    /// Sections (or their `group`) have at most `max` periods a day. `section_ids` (absent: all), optional `group`, `max`.
    SectionMaxPerDay,
    /// At least `min` periods on each day with lessons (`allow_empty_days`), per section. `section_ids`, optional `group`, `min`, `allow_empty_days`.
    SectionMinPerDay,
    /// At most `max` idle periods a day, per section. `section_ids`, optional `group`, `max`.
    SectionMaxGapsPerDay,
    /// At most `max` idle periods a week, per section. `section_ids`, optional `group`, `max`.
    SectionMaxGapsPerWeek,
    /// At most `max` periods in a row, per section. `section_ids`, optional `group`, `max`.
    SectionMaxConsecutive,
    /// Days start at the first period, save at most `max_late_starts` days starting at the second. `section_ids`, optional `group`, `max_late_starts`.
    SectionEarlyStart,
    /// At most `max` building changes a day per section. `section_ids`, optional `group`, `max`.
    SectionMaxBuildingChangesPerDay,
    /// At least `min_gaps` free periods before a building change, per section. `section_ids`, optional `group`, `min_gaps`.
    SectionMinGapsBetweenBuildingChanges,
    /// At least `min` periods on each working day. `teacher_ids` (absent: all), `min`, `allow_empty_days`.
    TeacherMinPerDay,
    /// At least `min` working days a week. `teacher_ids`, `min`.
    TeacherMinDays,
    /// At most `max` days with lessons in periods `from_period`..`to_period` (exclusive). `teacher_ids`, `from_period`, `to_period`, `max`.
    TeacherIntervalMaxDays,
    /// At most `max` building changes a day. `teacher_ids`, `max`.
    TeacherMaxBuildingChangesPerDay,
    /// At least `min_gaps` free periods before a building change. `teacher_ids`, `min_gaps`.
    TeacherMinGapsBetweenBuildingChanges,
    /// At most `max` periods a day of lessons tagged `tag`. `teacher_ids`, `tag`, `max`.
    TeacherTagMaxPerDay,
    /// At most `max` periods in a row of lessons tagged `tag`. `teacher_ids`, `tag`, `max`.
    TeacherTagMaxConsecutive,
    /// At most `max` days with lessons in periods `from_period`..`to_period` (exclusive), per
    /// section (or its groups). `section_ids` (absent: all), optional `group`, `from_period`, `to_period`, `max`.
    SectionIntervalMaxDays,
    /// At most `max` periods a day of lessons tagged `tag`, per section (each of its groups
    /// counted apart). `section_ids` (absent: all), optional `group`, `tag`, `max`.
    SectionTagMaxPerDay,
    /// At most `max` periods in a row of lessons tagged `tag`, per section (each group apart).
    /// `section_ids` (absent: all), optional `group`, `tag`, `max`.
    SectionTagMaxConsecutive,
    /// The first block ends before the second starts, in the order of the cycle (day by day,
    /// period by period). `lesson_ids` + `blocks` (first, second).
    Ordered,
    /// When both blocks fall on one day, the first ends before the second starts.
    /// `lesson_ids` + `blocks` (first, second).
    OrderedIfSameDay,
    /// The blocks together occupy at most `max` of `slots: [{day, period}]`. `lesson_ids` + `blocks`, `slots`, `max`.
    OccupyMaxSlots,
    /// At each of `slots: [{day, period}]`, at most `max` of the blocks run. `lesson_ids` + `blocks`, `slots`, `max`.
    MaxSimultaneous,
    /// At each of `slots: [{day, period}]`, at least `min` of the blocks run; with
    /// `allow_empty` (bool), a slot where none runs is fine. `lesson_ids` + `blocks`, `slots`, `min`, `allow_empty`.
    MinSimultaneous,
    /// Two of the blocks that follow each other directly on one day take the same room.
    /// `lesson_ids` + `blocks`.
    SameRoomIfConsecutive,
    /// From a teacher's first to last lesson of a day, at most `max` periods (idle ones
    /// included); `one_day_plus_one` (bool) lets one day run `max + 1`. `teacher_ids` (absent: all), `max`, `one_day_plus_one`.
    TeacherMaxSpanPerDay,
    /// From a section's first to last lesson of a day, at most `max` periods, per section (each
    /// group apart). `section_ids` (absent: all), optional `group`, `max`, `one_day_plus_one`.
    SectionMaxSpanPerDay,
    /// At least `min` free periods between a teacher's last lesson of a day and first of the
    /// next (the day's remaining periods plus the next day's first free ones); `circular`
    /// (bool) also from the last day of the cycle to the first. `teacher_ids` (absent: all), `min`, `circular`.
    TeacherMinRestingHours,
    /// The same rest between days, per section (each group apart). `section_ids` (absent: all),
    /// optional `group`, `min`, `circular`.
    SectionMinRestingHours,
    /// At most `max` building changes a week. `teacher_ids` (absent: all), `max`.
    TeacherMaxBuildingChangesPerWeek,
    /// At most `max` building changes a week per section (each group apart). `section_ids`
    /// (absent: all), optional `group`, `max`.
    SectionMaxBuildingChangesPerWeek,
    /// On one day, a lesson tagged `second_tag` that comes after one tagged `first_tag` starts
    /// at least `min_gaps` periods after the other ends (recesses count), per teacher.
    /// `teacher_ids` (absent: all), `first_tag`, `second_tag`, `min_gaps`.
    TeacherTagsMinGaps,
    /// The same, per section (each group apart). `section_ids` (absent: all), optional
    /// `group`, `first_tag`, `second_tag`, `min_gaps`.
    SectionTagsMinGaps,
}

impl RuleKind {
    pub const ALL: [RuleKind; 68] = [
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
        RuleKind::BreakSlots,
        RuleKind::MinDaysBetween,
        RuleKind::MaxDaysBetween,
        RuleKind::PreferredStartingTimes,
        RuleKind::PreferredTimeSlots,
        RuleKind::SectionAvailability,
        RuleKind::PreferredRooms,
        RuleKind::SameStartingTime,
        RuleKind::SameStartingDay,
        RuleKind::SameStartingHour,
        RuleKind::NotOverlapping,
        RuleKind::Consecutive,
        RuleKind::Grouped,
        RuleKind::MinGapsBetween,
        RuleKind::EndsSectionDay,
        RuleKind::MaxDifferentRooms,
        RuleKind::SectionMaxPerDay,
        RuleKind::SectionMinPerDay,
        RuleKind::SectionMaxGapsPerDay,
        RuleKind::SectionMaxGapsPerWeek,
        RuleKind::SectionMaxConsecutive,
        RuleKind::SectionEarlyStart,
        RuleKind::SectionMaxBuildingChangesPerDay,
        RuleKind::SectionMinGapsBetweenBuildingChanges,
        RuleKind::TeacherMinPerDay,
        RuleKind::TeacherMinDays,
        RuleKind::TeacherIntervalMaxDays,
        RuleKind::TeacherMaxBuildingChangesPerDay,
        RuleKind::TeacherMinGapsBetweenBuildingChanges,
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
        RuleKind::TeacherMaxBuildingChangesPerWeek,
        RuleKind::SectionMaxBuildingChangesPerWeek,
        RuleKind::TeacherTagsMinGaps,
        RuleKind::SectionTagsMinGaps,
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
            // An afternoon period weighs as much as a section's idle period and more than a
            // subject twice in a day, so the search never buys one with the other: schools fill
            // mornings first and use afternoons only when the load forces it.
            soft(MorningsFirst, 30, serde_json::json!({})),
            soft(TeacherMaxGapsPerDay, 10, serde_json::json!({"max": 1})),
            // Part-time teachers should come in on as few days as their lessons need.
            soft(
                TeacherMaxDays,
                10,
                serde_json::json!({"max": 5, "fewest": true}),
            ),
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
        for (key, _) in SCOPE_KEYS {
            if let Some(v) = self.params.get(key)
                && !v
                    .as_array()
                    .is_some_and(|a| a.iter().all(|x| x.as_i64().is_some()))
            {
                e.add(format!("params.{key}"), "debe ser una lista de ids enteros");
            }
        }
        e.into_result()
    }
    fn references(&self) -> Vec<Reference> {
        let mut r = Vec::new();
        for (key, collection) in SCOPE_KEYS {
            let ids = self.params.get(key).and_then(|v| v.as_array());
            for (i, id) in ids.into_iter().flatten().enumerate() {
                if let Some(id) = id.as_i64() {
                    r.push(Reference::new(format!("params.{key}[{i}]"), collection, id));
                }
            }
        }
        r
    }
    fn remap_references(&mut self, map: &mut dyn FnMut(&'static str, Id) -> Id) {
        for (key, collection) in SCOPE_KEYS {
            let ids = self.params.get_mut(key).and_then(|v| v.as_array_mut());
            for id in ids.into_iter().flatten() {
                if let Some(old) = id.as_i64() {
                    *id = serde_json::Value::from(map(collection, old));
                }
            }
        }
    }
}

/// Parameters that narrow a rule to some records, with the collection their ids point into.
const SCOPE_KEYS: [(&str, &str); 5] = [
    ("teacher_ids", crate::Teacher::COLLECTION),
    ("section_ids", crate::Section::COLLECTION),
    ("subject_ids", crate::Subject::COLLECTION),
    ("room_ids", crate::Room::COLLECTION),
    ("lesson_ids", crate::Lesson::COLLECTION),
];
