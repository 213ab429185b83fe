//! A school that lives in the app → a `.fet` file that FET opens, with a timetable's places
//! locked (time and room, 100 %, permanently), so that FET run on it accepts that timetable.
//!
//! The school's entities map one to one (see `export_time` for the grid and
//! `export_students` for sections); each lesson is one activity, or one split activity
//! whose sub-activities are its blocks; rules become FET constraints in `export_rules`, and
//! every rule that has none is listed, never dropped silently.

use super::export_rules::{self, Outcome};
use super::export_students::StudentsMap;
use super::export_time::{TimeMap, block_periods, recesses_within};
use super::export_xml::Element;
use crate::InterchangeError;
use domain::{Id, Placement, RuleKind, SchoolData};
use std::collections::{BTreeMap, BTreeSet};

/// What the export wrote and what it could not.
#[derive(Debug, Clone, Default)]
pub struct FetExport {
    pub text: String,
    pub activities: usize,
    pub teachers: usize,
    pub students_sets: usize,
    pub rooms: usize,
    /// Activities locked at their place (time), and of those with their room.
    pub locked_times: usize,
    pub locked_rooms: usize,
    pub rules: Vec<RuleExport>,
    pub warnings: Vec<String>,
}

/// What became of one rule.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleExport {
    pub rule_id: Id,
    pub kind: String,
    pub outcome: Outcome,
}

impl FetExport {
    /// Rules with no FET equivalent (or whose content FET cannot hold).
    pub fn not_exportable(&self) -> impl Iterator<Item = &RuleExport> {
        self.rules
            .iter()
            .filter(|r| matches!(r.outcome, Outcome::NotExportable(_)))
    }
}

impl std::fmt::Display for FetExport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} actividades, {} docentes, {} grupos de estudiantes, {} aulas",
            self.activities, self.teachers, self.students_sets, self.rooms
        )?;
        writeln!(
            f,
            "{} actividades fijadas en su hora ({} también en su aula)",
            self.locked_times, self.locked_rooms
        )?;
        let exported: usize = self
            .rules
            .iter()
            .filter_map(|r| match r.outcome {
                Outcome::Exported(n) => Some(n),
                _ => None,
            })
            .sum();
        writeln!(
            f,
            "{} reglas → {exported} restricciones de FET",
            self.rules.len()
        )?;
        for r in &self.rules {
            if let Outcome::Implicit(why) = &r.outcome {
                writeln!(
                    f,
                    "  regla {} ({}): implícita en FET: {why}",
                    r.rule_id, r.kind
                )?;
            }
        }
        for r in self.not_exportable() {
            if let Outcome::NotExportable(why) = &r.outcome {
                writeln!(
                    f,
                    "  no exportable: regla {} ({}): {why}",
                    r.rule_id, r.kind
                )?;
            }
        }
        for w in &self.warnings {
            writeln!(f, "  aviso: {w}")?;
        }
        Ok(())
    }
}

/// One activity to write.
#[derive(Debug, Clone)]
pub struct ActivityOut {
    pub id: u32,
    pub group_id: u32,
    pub duration: u8,
    pub total: u16,
    pub lesson_id: Id,
    pub teachers: Vec<String>,
    pub subject: String,
    pub tags: Vec<String>,
    pub students: Vec<String>,
}

/// Everything the constraint writers look names up in.
pub struct Ctx<'a> {
    pub school: &'a SchoolData,
    pub time: TimeMap,
    pub students: StudentsMap,
    pub activities: Vec<ActivityOut>,
    pub activity_of: BTreeMap<(Id, u16), u32>,
    pub teacher: BTreeMap<Id, String>,
    pub subject: BTreeMap<Id, String>,
    pub room: BTreeMap<Id, String>,
    pub lesson_grid: BTreeMap<Id, Id>,
    pub teacher_grid: BTreeMap<Id, Id>,
}

/// Constraints written so far, and break slots gathered for the one `ConstraintBreakTimes`.
#[derive(Default)]
pub struct Out {
    pub time: Vec<String>,
    pub space: Vec<String>,
    pub breaks: Vec<(String, String)>,
}

/// Writes `school` with `placements` (one timetable's) locked. `institution` names the school.
pub fn export_fet(
    school: &SchoolData,
    institution: &str,
    placements: &[Placement],
) -> Result<FetExport, InterchangeError> {
    let mut report = FetExport::default();
    let ctx = context(school, placements)?;
    report.warnings.extend(ctx.time.warnings.iter().cloned());
    let mut out = Out::default();
    out.time
        .push(Element::constraint("ConstraintBasicCompulsoryTime", 100.0).finish(true));
    out.space
        .push(Element::constraint("ConstraintBasicCompulsorySpace", 100.0).finish(true));
    for &h in &ctx.time.break_hours {
        for d in 0..ctx.time.days.len() {
            out.breaks
                .push((ctx.time.day_name(d), ctx.time.hour_names[h].clone()));
        }
    }
    super::export_lock::grid_limits(&ctx, &mut out);
    super::export_lock::own_limits(&ctx, &mut out);
    for rule in &school.rules {
        let outcome = export_rules::export(&ctx, rule, &mut out);
        report.rules.push(RuleExport {
            rule_id: rule.id,
            kind: kind_name(rule.data.kind),
            outcome,
        });
    }
    super::export_lock::lock(&ctx, placements, &mut out, &mut report);
    if !out.breaks.is_empty() {
        let mut seen = BTreeSet::new();
        out.breaks.retain(|b| seen.insert(b.clone()));
        out.time.insert(
            1,
            Element::constraint("ConstraintBreakTimes", 100.0)
                .pairs(
                    "Number_of_Break_Times",
                    "Break_Time",
                    ("Day", "Hour"),
                    &out.breaks,
                )
                .finish(true),
        );
    }
    report.activities = ctx.activities.len();
    report.teachers = ctx.teacher.len();
    report.students_sets = ctx.students.count();
    report.rooms = ctx.room.len();
    report.text = super::export_write::document(&ctx, institution, &out);
    Ok(report)
}

/// The rule kind as stored (`teacher_max_per_day`), for messages.
pub fn kind_name(kind: RuleKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| format!("{kind:?}"))
}

fn context<'a>(
    school: &'a SchoolData,
    placements: &[Placement],
) -> Result<Ctx<'a>, InterchangeError> {
    let none = |message: &str| InterchangeError::Fet {
        element: "fet".into(),
        line: 1,
        message: message.into(),
    };
    let pre = TimeMap::build(school, &BTreeSet::new());
    let lesson_grid: BTreeMap<Id, Id> = school
        .lessons
        .iter()
        .map(|l| {
            let g = l
                .data
                .section_ids
                .first()
                .and_then(|s| pre.section_grid.get(s).copied())
                .unwrap_or(pre.first_grid);
            (l.id, g)
        })
        .collect();
    // Recesses some placed block runs across cannot be FET hours (see `TimeMap::build`).
    let mut spanned = BTreeSet::new();
    for p in placements {
        let grid = lesson_grid
            .get(&p.lesson_id)
            .and_then(|g| school.time_grids.iter().find(|x| x.id == *g));
        if let Some(g) = grid {
            spanned.extend(recesses_within(
                &g.data,
                &block_periods(&g.data, p.period, p.duration),
            ));
        }
    }
    let time = if spanned.is_empty() {
        pre
    } else {
        let mut t = TimeMap::build(school, &spanned);
        t.warnings.push(format!(
            "{} receso(s) quedan fuera de las horas de FET: hay bloques ubicados que los cruzan",
            spanned.len()
        ));
        t
    };
    if time.days.is_empty() || time.hour_names.is_empty() {
        return Err(none(
            "la escuela no tiene un horario base con días y períodos",
        ));
    }
    let students = StudentsMap::build(school);
    let names = |pairs: Vec<(Id, String)>| -> BTreeMap<Id, String> {
        let mut used = BTreeSet::new();
        pairs
            .into_iter()
            .map(|(id, n)| {
                let base = if n.trim().is_empty() {
                    format!("({id})")
                } else {
                    n.trim().to_string()
                };
                let mut name = base.clone();
                let mut k = 2;
                while !used.insert(name.clone()) {
                    name = format!("{base} ({k})");
                    k += 1;
                }
                (id, name)
            })
            .collect()
    };
    let teacher = names(
        school
            .teachers
            .iter()
            .map(|t| (t.id, t.data.name.clone()))
            .collect(),
    );
    let subject = names(
        school
            .subjects
            .iter()
            .map(|s| (s.id, s.data.name.clone()))
            .collect(),
    );
    let room = names(
        school
            .rooms
            .iter()
            .map(|r| (r.id, r.data.name.clone()))
            .collect(),
    );
    let mut activities = Vec::new();
    let mut activity_of = BTreeMap::new();
    let mut next = 1u32;
    for l in &school.lessons {
        let blocks = l.data.blocks();
        let total: u16 = blocks.iter().map(|&b| b as u16).sum();
        let head = next;
        let mut tags = l.data.tags.clone();
        tags.sort();
        tags.dedup();
        for (unit, &duration) in blocks.iter().enumerate() {
            activity_of.insert((l.id, unit as u16), next);
            activities.push(ActivityOut {
                id: next,
                group_id: if blocks.len() > 1 { head } else { 0 },
                duration,
                total,
                lesson_id: l.id,
                teachers: l
                    .data
                    .teacher_ids
                    .iter()
                    .filter_map(|t| teacher.get(t).cloned())
                    .collect(),
                subject: subject.get(&l.data.subject_id).cloned().unwrap_or_default(),
                tags: tags.clone(),
                students: students.sets(&l.data.section_ids, l.data.group.as_deref()),
            });
            next += 1;
        }
    }
    let teacher_grid = teacher_grids(school, &lesson_grid, time.first_grid);
    Ok(Ctx {
        school,
        time,
        students,
        activities,
        activity_of,
        teacher,
        subject,
        room,
        lesson_grid,
        teacher_grid,
    })
}

/// A teacher's availability is read on the grid they teach most on (as the compile path does).
fn teacher_grids(
    school: &SchoolData,
    lesson_grid: &BTreeMap<Id, Id>,
    first: Id,
) -> BTreeMap<Id, Id> {
    let mut periods: BTreeMap<(Id, Id), u32> = BTreeMap::new();
    for l in &school.lessons {
        if let Some(g) = lesson_grid.get(&l.id) {
            for &t in &l.data.teacher_ids {
                *periods.entry((t, *g)).or_default() += l.data.periods_per_week as u32;
            }
        }
    }
    school
        .teachers
        .iter()
        .map(|t| {
            let best = periods
                .iter()
                .filter(|((teacher, _), _)| *teacher == t.id)
                .max_by_key(|((_, grid), n)| (**n, std::cmp::Reverse(*grid)))
                .map_or(first, |((_, grid), _)| *grid);
            (t.id, best)
        })
        .collect()
}
