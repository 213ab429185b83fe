//! The measures a school compares two timetables by, in its own words: idle periods of
//! teachers, a subject twice in one day of a section, lessons in the afternoon.

use domain::{Id, Placement, SchoolData};
use scheduling::{Compiled, Report};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TimetableMeasures {
    /// Free periods between a teacher's first and last lesson of a day, over the week.
    pub teacher_gaps: u32,
    /// Blocks of a subject beyond the first on the same day of a section.
    pub subject_repeats_in_a_day: u32,
    /// Lesson periods that start in the afternoon ([`scheduling::afternoon_from`]: 13:00
    /// unless the school's mornings-first rule says otherwise).
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
    let afternoon_from = scheduling::afternoon_from(school);
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
                .filter(|q| q.start >= afternoon_from)
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
