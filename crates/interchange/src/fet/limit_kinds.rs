//! The FET per-person limit constraints we read, as one table: FET's type name (teacher and
//! students forms, singular and plural), our rule kind and the fields copied into params. The
//! import (person_limits) and the export (export_acts) both read it, so the two stay in step.

use domain::RuleKind;

/// Who a per-person limit applies to: one teacher or students set named in a field, or all.
#[derive(Clone, Copy)]
pub enum Who {
    Teacher,
    Students,
}

/// FET fields copied into params under our names.
pub type Fields = &'static [(&'static str, &'static str)];

/// Per-person limits: FET type (singular and plural forms share it), rule kind, and the
/// FET fields copied into params under our names.
pub const LIMITS: &[(&str, Who, RuleKind, Fields)] = {
    use RuleKind::*;
    use Who::*;
    &[
        (
            "MaxDaysPerWeek",
            Teacher,
            TeacherMaxDays,
            &[("Max_Days_Per_Week", "max")],
        ),
        (
            "MaxGapsPerWeek",
            Teacher,
            TeacherMaxGapsPerWeek,
            &[("Max_Gaps", "max")],
        ),
        (
            "MaxGapsPerDay",
            Teacher,
            TeacherMaxGapsPerDay,
            &[("Max_Gaps", "max")],
        ),
        (
            "MaxHoursDaily",
            Teacher,
            TeacherMaxPerDay,
            &[("Maximum_Hours_Daily", "max")],
        ),
        (
            "MaxHoursContinuously",
            Teacher,
            TeacherMaxConsecutive,
            &[("Maximum_Hours_Continuously", "max")],
        ),
        (
            "MinHoursDaily",
            Teacher,
            TeacherMinPerDay,
            &[("Minimum_Hours_Daily", "min")],
        ),
        (
            "MinDaysPerWeek",
            Teacher,
            TeacherMinDays,
            &[("Minimum_Days_Per_Week", "min")],
        ),
        (
            "IntervalMaxDaysPerWeek",
            Teacher,
            TeacherIntervalMaxDays,
            &[("Max_Days_Per_Week", "max")],
        ),
        (
            "ActivityTagMaxHoursDaily",
            Teacher,
            TeacherTagMaxPerDay,
            &[("Maximum_Hours_Daily", "max")],
        ),
        (
            "ActivityTagMaxHoursContinuously",
            Teacher,
            TeacherTagMaxConsecutive,
            &[("Maximum_Hours_Continuously", "max")],
        ),
        (
            "MaxBuildingChangesPerDay",
            Teacher,
            TeacherMaxBuildingChangesPerDay,
            &[("Max_Building_Changes_Per_Day", "max")],
        ),
        (
            "MinGapsBetweenBuildingChanges",
            Teacher,
            TeacherMinGapsBetweenBuildingChanges,
            &[("Min_Gaps_Between_Building_Changes", "min_gaps")],
        ),
        (
            "MaxSpanPerDay",
            Teacher,
            TeacherMaxSpanPerDay,
            &[("Max_Span", "max")],
        ),
        (
            "MinRestingHours",
            Teacher,
            TeacherMinRestingHours,
            &[("Minimum_Resting_Hours", "min")],
        ),
        (
            "IntervalMaxDaysPerWeek",
            Students,
            SectionIntervalMaxDays,
            &[("Max_Days_Per_Week", "max")],
        ),
        (
            "ActivityTagMaxHoursDaily",
            Students,
            SectionTagMaxPerDay,
            &[("Maximum_Hours_Daily", "max")],
        ),
        (
            "ActivityTagMaxHoursContinuously",
            Students,
            SectionTagMaxConsecutive,
            &[("Maximum_Hours_Continuously", "max")],
        ),
        (
            "MaxSpanPerDay",
            Students,
            SectionMaxSpanPerDay,
            &[("Max_Span", "max")],
        ),
        (
            "MinRestingHours",
            Students,
            SectionMinRestingHours,
            &[("Minimum_Resting_Hours", "min")],
        ),
        (
            "MaxBuildingChangesPerWeek",
            Teacher,
            TeacherMaxBuildingChangesPerWeek,
            &[("Max_Building_Changes_Per_Week", "max")],
        ),
        (
            "MaxBuildingChangesPerWeek",
            Students,
            SectionMaxBuildingChangesPerWeek,
            &[("Max_Building_Changes_Per_Week", "max")],
        ),
        (
            "MaxGapsPerWeek",
            Students,
            SectionMaxGapsPerWeek,
            &[("Max_Gaps", "max")],
        ),
        (
            "MaxGapsPerDay",
            Students,
            SectionMaxGapsPerDay,
            &[("Max_Gaps", "max")],
        ),
        (
            "MaxHoursDaily",
            Students,
            SectionMaxPerDay,
            &[("Maximum_Hours_Daily", "max")],
        ),
        (
            "MinHoursDaily",
            Students,
            SectionMinPerDay,
            &[("Minimum_Hours_Daily", "min")],
        ),
        (
            "MaxHoursContinuously",
            Students,
            SectionMaxConsecutive,
            &[("Maximum_Hours_Continuously", "max")],
        ),
        (
            "EarlyMaxBeginningsAtSecondHour",
            Students,
            SectionEarlyStart,
            &[("Max_Beginnings_At_Second_Hour", "max_late_starts")],
        ),
        (
            "MaxBuildingChangesPerDay",
            Students,
            SectionMaxBuildingChangesPerDay,
            &[("Max_Building_Changes_Per_Day", "max")],
        ),
        (
            "MinGapsBetweenBuildingChanges",
            Students,
            SectionMinGapsBetweenBuildingChanges,
            &[("Min_Gaps_Between_Building_Changes", "min_gaps")],
        ),
        (
            "MinGapsBetweenOrderedPairOfActivityTags",
            Teacher,
            TeacherTagsMinGaps,
            &[("MinGaps", "min_gaps")],
        ),
        (
            "MinGapsBetweenOrderedPairOfActivityTags",
            Students,
            SectionTagsMinGaps,
            &[("MinGaps", "min_gaps")],
        ),
    ]
};

/// FET's tag fields of the ordered-pair kinds, with our parameter names.
pub const TAG_PAIR: [(&str, &str); 2] = [
    ("First_Activity_Tag", "first_tag"),
    ("Second_Activity_Tag", "second_tag"),
];

/// The field a singular teacher limit names its teacher in: most FET types say
/// `Teacher_Name`, the building-change and ordered-pair ones `Teacher` (fet-cl 6.8.5 refuses
/// the other name as an unknown teacher).
pub fn teacher_field(name: &str) -> &'static str {
    if name.contains("Building") || name.contains("OrderedPair") {
        "Teacher"
    } else {
        "Teacher_Name"
    }
}
