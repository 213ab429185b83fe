//! Each teacher's week: periods per day, idle periods between lessons, longest run.

use crate::compile::{Compiled, Owner};
use crate::timetable::Busy;
use domain::{Id, SchoolData};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayLoad {
    pub day: u8,
    pub periods: u32,
    /// Free periods between the day's first and last lesson.
    pub gaps: u32,
    /// Most lessons in a row (a recess ends a run, as in the max-consecutive rule).
    pub longest_run: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeacherWorkload {
    pub teacher_id: Id,
    pub name: String,
    pub days: Vec<DayLoad>,
    pub periods_per_week: u32,
    pub gaps_per_week: u32,
    pub longest_run: u32,
    pub working_days: u32,
}

impl Compiled {
    pub(crate) fn workloads(
        &self,
        school: &SchoolData,
        occupancy: &[Vec<Busy>],
    ) -> Vec<TeacherWorkload> {
        school
            .teachers
            .iter()
            .filter_map(|t| {
                let r = self
                    .resources
                    .iter()
                    .position(|o| *o == Owner::Teacher { id: t.id })?;
                let grid = *self.teacher_grid.get(&t.id)?;
                Some(self.workload(t.id, grid, &occupancy[r]))
            })
            .collect()
    }

    fn workload(&self, teacher_id: Id, grid: Id, busy: &[Busy]) -> TeacherWorkload {
        let busy_times: BTreeSet<solver::TimeId> = busy.iter().map(|b| b.time).collect();
        let mut days = Vec::new();
        for (&(g, day), (_, times)) in &self.times.grid_day {
            if g != grid {
                continue;
            }
            let periods = busy_times
                .iter()
                .filter(|&&t| self.time_info(t).day == day)
                .count() as u32;
            // Busy by clock on the teacher's own grid, whatever grid the lesson was on.
            let on: Vec<bool> = times
                .iter()
                .map(|&t| {
                    let ti = self.time_info(t);
                    busy_times.iter().any(|&b| self.time_info(b).overlaps(ti))
                })
                .collect();
            let first = on.iter().position(|&x| x);
            let last = on.iter().rposition(|&x| x);
            let gaps = match (first, last) {
                (Some(a), Some(b)) => on[a..=b].iter().filter(|&&x| !x).count() as u32,
                _ => 0,
            };
            let mut longest_run = 0;
            let mut run = 0;
            let mut segment = None;
            for (i, &t) in times.iter().enumerate() {
                let seg = self.time_info(t).segment;
                if segment != Some(seg) {
                    run = 0;
                    segment = Some(seg);
                }
                run = if on[i] { run + 1 } else { 0 };
                longest_run = longest_run.max(run);
            }
            days.push(DayLoad {
                day,
                periods,
                gaps,
                longest_run,
            });
        }
        TeacherWorkload {
            teacher_id,
            name: self.name_of(&Owner::Teacher { id: teacher_id }),
            periods_per_week: busy_times.len() as u32,
            gaps_per_week: days.iter().map(|d| d.gaps).sum(),
            longest_run: days.iter().map(|d| d.longest_run).max().unwrap_or(0),
            working_days: days.iter().filter(|d| d.periods > 0).count() as u32,
            days,
        }
    }
}
