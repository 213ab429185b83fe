//! Resources that stand for a rule's own timeline, so the solver's busy-time measures can count
//! just what the rule counts: a section's (or group's) lessons with one tag, or the blocks a
//! selection rule names, or a teacher's lessons with one tag. Every block the rule counts
//! attends the guard; the rule then limits the guard's busy times.

use super::Owner;
use super::events::Draft;
use super::scope::Scope;
use domain::{Id, Lesson, RuleKind, SchoolData};
use serde_json::Value;
use solver::{ModelBuilder, ResourceId};
use std::collections::BTreeSet;

/// One guard of a rule: the section or teacher it measures (tag rules) and the resource.
#[derive(Debug, Clone, Copy)]
pub struct RuleGuard {
    pub section: Option<Id>,
    pub teacher: Option<Id>,
    pub guard: ResourceId,
}

impl Draft {
    pub(super) fn add_fet_guards(&mut self, school: &SchoolData, b: &mut ModelBuilder) {
        for rule in school.rules.iter().filter(|r| r.data.enabled) {
            let p = &rule.data.params;
            let owner = Owner::Rule { id: rule.id };
            match rule.data.kind {
                RuleKind::SectionTagMaxPerDay | RuleKind::SectionTagMaxConsecutive => {
                    let Some(tag) = p.get("tag").and_then(Value::as_str) else {
                        continue;
                    };
                    let scope = Scope::of(&rule.data);
                    let group = p.get("group").and_then(Value::as_str);
                    for s in school.sections.iter().filter(|s| scope.section(s.id)) {
                        let timeline = match group {
                            Some(g) => self.group_res.get(&(s.id, g.to_string())).copied(),
                            None => None,
                        }
                        .map_or_else(|| self.section_timeline[&s.id].clone(), |r| vec![r]);
                        for r in timeline {
                            let lessons: Vec<Id> = school
                                .lessons
                                .iter()
                                .filter(|l| l.data.tags.iter().any(|t| t == tag))
                                .filter(|l| self.lesson_timeline(&l.data).contains(&r))
                                .map(|l| l.id)
                                .collect();
                            if lessons.is_empty() {
                                continue;
                            }
                            let name = format!("{tag} de {} (regla {})", self.names_of(r), rule.id);
                            let g = self.add_guard(b, owner.clone(), name);
                            for l in lessons {
                                self.guards.entry(l).or_default().push((None, g));
                            }
                            let entry = self.rule_guards.entry(rule.id).or_default();
                            entry.push(RuleGuard {
                                section: Some(s.id),
                                teacher: None,
                                guard: g,
                            });
                        }
                    }
                }
                RuleKind::OccupyMaxSlots
                | RuleKind::MaxSimultaneous
                | RuleKind::MinSimultaneous => {
                    let list = |key: &str| -> Vec<i64> {
                        p.get(key)
                            .and_then(Value::as_array)
                            .map(|a| a.iter().filter_map(Value::as_i64).collect())
                            .unwrap_or_default()
                    };
                    let (lessons, blocks) = (list("lesson_ids"), list("blocks"));
                    if lessons.is_empty() {
                        continue;
                    }
                    let g = self.add_guard(b, owner, format!("selección (regla {})", rule.id));
                    for (i, lesson) in lessons.iter().enumerate() {
                        let unit = blocks.get(i).map(|&u| u as u16);
                        self.guards.entry(*lesson).or_default().push((unit, g));
                    }
                    let guard = RuleGuard {
                        section: None,
                        teacher: None,
                        guard: g,
                    };
                    self.rule_guards.entry(rule.id).or_default().push(guard);
                }
                RuleKind::TeacherTagMaxPerDay | RuleKind::TeacherTagMaxConsecutive => {
                    let Some(tag) = p.get("tag").and_then(Value::as_str) else {
                        continue;
                    };
                    let scope = Scope::of(&rule.data);
                    for t in school.teachers.iter().filter(|t| scope.teacher(t.id)) {
                        let lessons: Vec<Id> = school
                            .lessons
                            .iter()
                            .filter(|l| l.data.teacher_ids.contains(&t.id))
                            .filter(|l| l.data.tags.iter().any(|x| x == tag))
                            .map(|l| l.id)
                            .collect();
                        if lessons.is_empty() {
                            continue;
                        }
                        let name = format!("{tag} de {} (regla {})", t.data.name, rule.id);
                        let g = self.add_guard(b, owner.clone(), name);
                        for l in lessons {
                            self.guards.entry(l).or_default().push((None, g));
                        }
                        self.rule_guards
                            .entry(rule.id)
                            .or_default()
                            .push(RuleGuard {
                                section: None,
                                teacher: Some(t.id),
                                guard: g,
                            });
                    }
                }
                _ => {}
            }
        }
    }

    fn add_guard(&mut self, b: &mut ModelBuilder, owner: Owner, name: String) -> ResourceId {
        let ty = *self
            .guard_type
            .get_or_insert_with(|| b.add_resource_type("regla"));
        self.add(b, owner, name, ty)
    }

    /// The section and group resources whose timeline a lesson occupies (see `lesson_sections`).
    fn lesson_timeline(&self, l: &Lesson) -> BTreeSet<ResourceId> {
        let mut out = BTreeSet::new();
        for s in &l.section_ids {
            match &l.group {
                Some(g) => out.extend(self.group_res.get(&(*s, g.clone())).copied()),
                None => {
                    out.extend(self.section_res.get(s).copied());
                    out.extend(self.section_timeline.get(s).into_iter().flatten().copied());
                }
            }
        }
        out
    }

    fn names_of(&self, r: ResourceId) -> String {
        self.resources
            .get(r.index())
            .and_then(|o| self.names.get(o))
            .cloned()
            .unwrap_or_default()
    }
}
