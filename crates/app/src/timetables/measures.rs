//! The measures a school compares two timetables by, in its own words: idle periods of
//! teachers, a subject twice in one day of a section, lessons after midday.

use domain::{ClockTime, Id, Placement, SchoolData};
use scheduling::{Compiled, Report};
use serde::Serialize;
use std::collections::BTreeMap;

/// Lessons that start at or after this time are "in the afternoon".
const AFTERNOON: ClockTime = ClockTime(12 * 60);

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TimetableMeasures {
    /// Free periods between a teacher's first and last lesson of a day, over the week.
    pub teacher_gaps: u32,
    /// Blocks of a subject beyond the first on the same day of a section.
    pub subject_repeats_in_a_day: u32,
    /// Lesson periods that start at or after 12:00.
    pub afternoon_periods: u32,
    /// Blocks of the school that have no place in the timetable.
    pub unplaced_blocks: u32,
}

pub(crate) fn measure(
    school: &SchoolData,
    compiled: &Compiled,
    placements: &[Placement],
    report: &Report,
) -> TimetableMeasures {
    let lessons: BTreeMap<Id, &domain::Lesson> =
        school.lessons.iter().map(|l| (l.id, &l.data)).collect();
    let grids: BTreeMap<Id, &domain::TimeGrid> =
        school.time_grids.iter().map(|g| (g.id, &g.data)).collect();
    let mut per_day: BTreeMap<(Id, Option<&str>, Id, u8), u32> = BTreeMap::new();
    let mut afternoon = 0;
    for p in placements {
        let Some(lesson) = lessons.get(&p.lesson_id) else {
            continue;
        };
        for section in &lesson.section_ids {
            *per_day
                .entry((*section, lesson.group.as_deref(), lesson.subject_id, p.day))
                .or_default() += 1;
        }
        let grid = compiled
            .event_of(p.lesson_id, p.unit)
            .and_then(|e| grids.get(&compiled.events[e.index()].grid_id));
        if let Some(grid) = grid {
            afternoon += grid
                .lesson_periods()
                .skip_while(|q| q.number != p.period)
                .take(p.duration as usize)
                .filter(|q| q.start >= AFTERNOON)
                .count() as u32;
        }
    }
    let blocks: usize = school.lessons.iter().map(|l| l.data.blocks().len()).sum();
    TimetableMeasures {
        teacher_gaps: report.teachers.iter().map(|t| t.gaps_per_week).sum(),
        subject_repeats_in_a_day: per_day.values().map(|n| n.saturating_sub(1)).sum(),
        afternoon_periods: afternoon,
        unplaced_blocks: blocks.saturating_sub(placements.len()) as u32,
    }
}
