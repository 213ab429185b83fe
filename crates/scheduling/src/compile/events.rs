//! Resources (sections and their groups, teachers, rooms) and events (lesson blocks with their
//! roles), built once and read by the rule compiler.

use super::rooms::RoomWish;
use super::times::Times;
use super::{EventInfo, Owner};
use crate::SchedulingError;
use domain::{Id, Record, RuleKind, SchoolData, TimeGrid, TimetableData};
use solver::{
    EventId, EventSpec, LockedSubEvent, ModelBuilder, ResourceId, ResourceTypeId, RoleResource,
    RoleSpec,
};
use std::collections::BTreeMap;

pub(super) struct Draft {
    pub times: Times,
    pub resources: Vec<Owner>,
    pub names: BTreeMap<Owner, String>,
    pub section_res: BTreeMap<Id, ResourceId>,
    /// Resources whose timetable is "the section's": its groups when it has any, else itself.
    pub section_timeline: BTreeMap<Id, Vec<ResourceId>>,
    pub teacher_res: BTreeMap<Id, ResourceId>,
    pub room_res: BTreeMap<Id, ResourceId>,
    pub section_grid: BTreeMap<Id, Id>,
    /// The grid whose periods a teacher's availability refers to.
    pub teacher_grid: BTreeMap<Id, Id>,
    pub events: Vec<EventInfo>,
    pub event_of: BTreeMap<(Id, u16), EventId>,
    pub lesson_events: BTreeMap<Id, Vec<EventId>>,
    pub room_wishes: Vec<RoomWish>,
    pub group_res: BTreeMap<(Id, String), ResourceId>,
    pub(super) room_type: ResourceTypeId,
    /// Resources standing for "not overlapping" rules, by rule id.
    pub overlap_guard: BTreeMap<Id, ResourceId>,
    /// Per lesson, the guards its blocks attend (`None`: every block).
    pub(super) guards: BTreeMap<Id, Vec<(Option<u16>, ResourceId)>>,
    pub(super) guard_type: Option<ResourceTypeId>,
    /// Resources standing for a rule's own timeline (tag and selection rules), by rule id.
    pub rule_guards: BTreeMap<Id, Vec<super::fet_guards::RuleGuard>>,
}

/// The grids sections use, each section's grid by its `time_grid_id`, else the grid of its
/// level, else the school's only grid.
pub(super) fn grids_in_use(school: &SchoolData) -> Result<Vec<(Id, &TimeGrid)>, SchedulingError> {
    let mut used: Vec<Id> = Vec::new();
    for s in &school.sections {
        let g = section_grid(school, &s.data)?;
        if !used.contains(&g) {
            used.push(g);
        }
    }
    if used.is_empty() && school.time_grids.len() == 1 {
        used.push(school.time_grids[0].id);
    }
    Ok(school
        .time_grids
        .iter()
        .filter(|g| used.contains(&g.id))
        .map(|g| (g.id, &g.data))
        .collect())
}

fn section_grid(school: &SchoolData, s: &domain::Section) -> Result<Id, SchedulingError> {
    if let Some(id) = s.time_grid_id {
        return Ok(id);
    }
    let by_level: Vec<Id> = school
        .time_grids
        .iter()
        .filter(|g| g.data.level.as_deref() == Some(s.level.as_str()))
        .map(|g| g.id)
        .collect();
    match (by_level.as_slice(), school.time_grids.as_slice()) {
        ([one], _) => Ok(*one),
        ([], [only]) => Ok(only.id),
        _ => Err(SchedulingError::InvalidSchool(format!(
            "la sección {} no tiene horario base y no se puede deducir de su nivel",
            s.display_name()
        ))),
    }
}

pub(super) fn enabled_rule(school: &SchoolData, kind: RuleKind) -> Option<&domain::Rule> {
    school
        .rules
        .iter()
        .map(|r| &r.data)
        .find(|r| r.enabled && r.kind == kind)
}

impl Draft {
    pub fn new(
        school: &SchoolData,
        times: Times,
        b: &mut ModelBuilder,
    ) -> Result<Draft, SchedulingError> {
        let mut d = Draft {
            times,
            resources: Vec::new(),
            names: BTreeMap::new(),
            section_res: BTreeMap::new(),
            section_timeline: BTreeMap::new(),
            teacher_res: BTreeMap::new(),
            room_res: BTreeMap::new(),
            section_grid: BTreeMap::new(),
            teacher_grid: BTreeMap::new(),
            events: Vec::new(),
            event_of: BTreeMap::new(),
            lesson_events: BTreeMap::new(),
            room_wishes: Vec::new(),
            group_res: BTreeMap::new(),
            room_type: ResourceTypeId(0),
            overlap_guard: BTreeMap::new(),
            guards: BTreeMap::new(),
            guard_type: None,
            rule_guards: BTreeMap::new(),
        };
        let section_type = b.add_resource_type("sección");
        let teacher_type = b.add_resource_type("docente");
        let room_type = b.add_resource_type("aula");
        d.room_type = room_type;
        for s in &school.sections {
            let name = s.data.display_name();
            d.section_grid.insert(s.id, section_grid(school, &s.data)?);
            let r = d.add(b, Owner::Section { id: s.id }, name.clone(), section_type);
            d.section_res.insert(s.id, r);
            let mut timeline = Vec::new();
            for g in &s.data.groups {
                let owner = Owner::Group {
                    section_id: s.id,
                    group: g.name.clone(),
                };
                let gr = d.add(b, owner, format!("{name} ({})", g.name), section_type);
                d.group_res.insert((s.id, g.name.clone()), gr);
                timeline.push(gr);
            }
            if timeline.is_empty() {
                timeline.push(r);
            }
            d.section_timeline.insert(s.id, timeline);
        }
        for t in &school.teachers {
            let r = d.add(
                b,
                Owner::Teacher { id: t.id },
                t.data.name.clone(),
                teacher_type,
            );
            d.teacher_res.insert(t.id, r);
        }
        for room in &school.rooms {
            let r = d.add(
                b,
                Owner::Room { id: room.id },
                room.data.name.clone(),
                room_type,
            );
            d.room_res.insert(room.id, r);
        }
        d.pick_teacher_grids(school);
        d.add_overlap_guards(school, b);
        d.add_fet_guards(school, b);
        Ok(d)
    }

    pub(super) fn add(
        &mut self,
        b: &mut ModelBuilder,
        owner: Owner,
        name: String,
        ty: ResourceTypeId,
    ) -> ResourceId {
        let r = b.add_resource(name.clone(), ty);
        self.names.insert(owner.clone(), name);
        self.resources.push(owner);
        r
    }

    /// A teacher's availability is given in the periods of the grid they teach most on.
    fn pick_teacher_grids(&mut self, school: &SchoolData) {
        let mut periods: BTreeMap<(Id, Id), u32> = BTreeMap::new();
        for l in &school.lessons {
            let Some(grid) = l
                .data
                .section_ids
                .first()
                .and_then(|s| self.section_grid.get(s))
            else {
                continue;
            };
            for &t in &l.data.teacher_ids {
                *periods.entry((t, *grid)).or_default() += l.data.periods_per_week as u32;
            }
        }
        let first_grid = self.times.info.first().map(|t| t.grid_id);
        for t in &school.teachers {
            let best = periods
                .iter()
                .filter(|((teacher, _), _)| *teacher == t.id)
                .max_by_key(|((_, grid), n)| (**n, std::cmp::Reverse(*grid)))
                .map(|((_, grid), _)| *grid)
                .or(first_grid);
            if let Some(g) = best {
                self.teacher_grid.insert(t.id, g);
            }
        }
    }

    pub fn add_events(
        &mut self,
        school: &SchoolData,
        keep: Option<&TimetableData>,
        b: &mut ModelBuilder,
    ) -> Result<(), SchedulingError> {
        let locked: BTreeMap<(Id, u16), &domain::Placement> = keep
            .map(|t| {
                t.placements
                    .iter()
                    .filter(|p| p.locked)
                    .map(|p| ((p.lesson_id, p.unit), p))
                    .collect()
            })
            .unwrap_or_default();
        let subjects: BTreeMap<Id, &str> = school
            .subjects
            .iter()
            .map(|s| {
                let short = if s.data.short_name.is_empty() {
                    s.data.name.as_str()
                } else {
                    s.data.short_name.as_str()
                };
                (s.id, short)
            })
            .collect();
        let virtuals = super::virtual_rooms::VirtualRooms::of(school, self);
        for lesson in &school.lessons {
            let l = &lesson.data;
            let grid_id = self.section_grid[&l.section_ids[0]];
            if l.section_ids
                .iter()
                .any(|s| self.section_grid[s] != grid_id)
            {
                return Err(SchedulingError::InvalidSchool(format!(
                    "la clase {} reúne secciones de horarios base distintos",
                    lesson.id
                )));
            }
            let sections = self.lesson_sections(lesson)?;
            let teachers: Vec<ResourceId> =
                l.teacher_ids.iter().map(|t| self.teacher_res[t]).collect();
            let section_names: Vec<String> = l
                .section_ids
                .iter()
                .map(|s| self.names[&Owner::Section { id: *s }].clone())
                .collect();
            let label = format!(
                "{} {}{}",
                subjects.get(&l.subject_id).copied().unwrap_or("?"),
                section_names.join(" + "),
                l.group
                    .as_deref()
                    .map(|g| format!(" ({g})"))
                    .unwrap_or_default()
            );
            self.names
                .insert(Owner::Lesson { id: lesson.id }, label.clone());
            let room = self.room_role(school, lesson)?;
            for (unit, &duration) in l.blocks().iter().enumerate() {
                let unit = unit as u16;
                let role = room
                    .as_ref()
                    .map(|(r, _)| virtuals.role(r, lesson.id, unit));
                let mut spec = EventSpec::new(format!("{label} #{}", unit + 1), duration as u32);
                let guards: Vec<ResourceId> = self
                    .guards
                    .get(&lesson.id)
                    .into_iter()
                    .flatten()
                    .filter(|(u, _)| u.is_none_or(|u| u == unit))
                    .map(|(_, r)| *r)
                    .collect();
                for &r in sections.iter().chain(&teachers).chain(&guards) {
                    spec.roles.push(RoleSpec {
                        name: "fijo".into(),
                        resource: RoleResource::Fixed(r),
                        workload: None,
                    });
                }
                let room_role = role.as_ref().map(|role| {
                    spec.roles.push(role.clone());
                    spec.roles.len() - 1
                });
                virtuals.add_real_rooms(&mut spec, lesson.id, unit);
                let is_locked = if let Some(p) = locked.get(&(lesson.id, unit)) {
                    spec.locked
                        .push(self.locked_sub_event(p, grid_id, duration, &spec, room_role)?);
                    true
                } else {
                    false
                };
                let event = b.add_event(spec);
                let open = role
                    .as_ref()
                    .is_some_and(|r| matches!(r.resource, RoleResource::Open { .. }));
                if let (Some(k), Some((_, wish)), true) = (room_role, &room, open) {
                    self.room_wishes.push(RoomWish {
                        event,
                        role: k as u32,
                        homeroom: wish.homeroom,
                        of_kind: wish.of_kind.clone(),
                        big_enough: wish.big_enough.clone(),
                    });
                }
                self.event_of.insert((lesson.id, unit), event);
                self.lesson_events.entry(lesson.id).or_default().push(event);
                self.events.push(EventInfo {
                    lesson_id: lesson.id,
                    unit,
                    duration,
                    grid_id,
                    room_role,
                    room_open: open,
                    sections: sections.clone(),
                    teachers: teachers.clone(),
                    guards,
                    locked: is_locked,
                    label: format!("{label} (bloque {})", unit + 1),
                });
            }
        }
        Ok(())
    }

    /// A whole-section lesson occupies the section and each of its groups; a group's lesson
    /// only that group, so two groups' lessons can run side by side.
    fn lesson_sections(
        &self,
        lesson: &Record<domain::Lesson>,
    ) -> Result<Vec<ResourceId>, SchedulingError> {
        let mut out = Vec::new();
        for s in &lesson.data.section_ids {
            match &lesson.data.group {
                Some(g) => match self.group_res.get(&(*s, g.clone())) {
                    Some(r) => out.push(*r),
                    None => {
                        return Err(SchedulingError::InvalidSchool(format!(
                            "la clase {} es del grupo «{g}», que la sección {} no tiene",
                            lesson.id,
                            self.names[&Owner::Section { id: *s }]
                        )));
                    }
                },
                None => {
                    out.push(self.section_res[s]);
                    let timeline = &self.section_timeline[s];
                    if timeline.first() != Some(&self.section_res[s]) {
                        out.extend(timeline.iter().copied());
                    }
                }
            }
        }
        Ok(out)
    }

    fn locked_sub_event(
        &self,
        p: &domain::Placement,
        grid_id: Id,
        duration: u8,
        spec: &EventSpec,
        room_role: Option<usize>,
    ) -> Result<LockedSubEvent, SchedulingError> {
        let start = self.times.time(grid_id, p.day, p.period).ok_or_else(|| {
            SchedulingError::LockedPlacement(format!(
                "{} está fijada en el día {} período {}, que no existe en su horario base",
                spec.name, p.day, p.period
            ))
        })?;
        if p.duration != duration {
            return Err(SchedulingError::LockedPlacement(format!(
                "{} está fijada con {} períodos pero el bloque dura {duration}",
                spec.name, p.duration
            )));
        }
        let mut resources = vec![None; spec.roles.len()];
        let open =
            room_role.is_some_and(|k| matches!(spec.roles[k].resource, RoleResource::Open { .. }));
        if let (Some(k), true, Some(room)) = (
            room_role,
            open,
            p.room_id.and_then(|r| self.room_res.get(&r)),
        ) {
            resources[k] = Some(*room);
        }
        Ok(LockedSubEvent {
            start,
            duration: duration as u32,
            resources,
        })
    }
}
