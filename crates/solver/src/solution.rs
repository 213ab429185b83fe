//! Solutions as the outside world sees them, and evaluating any solution against a model.

use crate::error::SolverError;
use crate::ids::{EventId, ResourceId, TimeId};
use crate::model::{Model, NONE};
use crate::state::{Cost, State};

/// One scheduled piece of an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubEvent {
    pub event: EventId,
    /// `None`: the sub-event has no time (an `AssignTime` violation).
    pub start: Option<TimeId>,
    pub duration: u32,
    /// Per role of the event, the resource attending (preassigned ones included).
    pub resources: Vec<Option<ResourceId>>,
}

/// A timetable: every event's sub-events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Solution {
    pub sub_events: Vec<SubEvent>,
}

/// The cost of a solution, in total and per constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    pub cost: Cost,
    /// Indexed by `ConstraintId`.
    pub by_constraint: Vec<Cost>,
}

/// Reads sub-events out of the state's arrays (or a snapshot of them).
pub(crate) fn solution_from_arrays(m: &Model, start: &[u32], dur: &[u32], res: &[u32]) -> Solution {
    let mut sub_events = Vec::new();
    for slot in 0..m.num_slots() {
        if dur[slot] == 0 {
            continue;
        }
        let e = m.slot_event[slot];
        let base = m.slot_res_base[slot] as usize;
        sub_events.push(SubEvent {
            event: EventId(e),
            start: (start[slot] != NONE).then(|| TimeId(start[slot])),
            duration: dur[slot],
            resources: (0..m.roles(e).len())
                .map(|k| Some(res[base + k]).filter(|&r| r != NONE).map(ResourceId))
                .collect(),
        });
    }
    Solution { sub_events }
}

impl State<'_> {
    pub(crate) fn to_solution(&self) -> Solution {
        solution_from_arrays(self.m, &self.start, &self.dur, &self.res)
    }

    /// Loads a solution into a fresh state: each event's sub-events fill its slots in order.
    pub(crate) fn from_solution<'m>(
        m: &'m Model,
        solution: &Solution,
    ) -> Result<State<'m>, SolverError> {
        let mut s = State::new(m);
        let mut next: Vec<usize> = (0..m.num_events())
            .map(|e| m.slots(e as u32).start)
            .collect();
        for slot in 0..m.num_slots() {
            s.dur[slot] = 0;
            s.start[slot] = NONE;
        }
        for se in &solution.sub_events {
            let e = se.event.0;
            if e as usize >= m.num_events() {
                return Err(SolverError::UnknownIndex {
                    what: "evento",
                    index: e,
                    context: "solución".into(),
                });
            }
            let slot = next[e as usize];
            if slot >= m.slots(e).end || se.duration == 0 {
                return Err(SolverError::BadEvent {
                    event: m.events[e as usize].name.clone(),
                    reason: "tiene más sub-eventos (o más cortos) de los que admite".into(),
                });
            }
            next[e as usize] += 1;
            let nt = m.num_times() as u32;
            match se.start {
                Some(t) if t.0 + se.duration > nt => {
                    return Err(SolverError::BadEvent {
                        event: m.events[e as usize].name.clone(),
                        reason: "tiene un sub-evento que termina después del último tiempo".into(),
                    });
                }
                _ => {}
            }
            s.dur[slot] = se.duration;
            s.start[slot] = se.start.map_or(NONE, |t| t.0);
            for (k, fr) in m.roles(e).enumerate() {
                let idx = m.slot_res_base[slot] as usize + k;
                s.res[idx] = if m.role_fixed[fr] != NONE {
                    m.role_fixed[fr]
                } else {
                    match se.resources.get(k).copied().flatten() {
                        Some(r) if (r.0 as usize) < m.num_resources() => r.0,
                        Some(r) => {
                            return Err(SolverError::UnknownIndex {
                                what: "recurso",
                                index: r.0,
                                context: "solución".into(),
                            });
                        }
                        None => NONE,
                    }
                };
            }
        }
        s.rebuild();
        Ok(s)
    }

    pub(crate) fn evaluation(&self) -> Evaluation {
        let mut by_constraint = vec![Cost::default(); self.m.num_constraints()];
        for (mi, mon) in self.m.monitors.iter().enumerate() {
            let c = &mut by_constraint[mon.constraint as usize];
            if mon.hard {
                c.hard += self.mon_cost[mi];
            } else {
                c.soft += self.mon_cost[mi];
            }
        }
        Evaluation {
            cost: self.cost,
            by_constraint,
        }
    }
}

impl Model {
    /// Evaluates any solution of this model from scratch.
    pub fn evaluate(&self, solution: &Solution) -> Result<Evaluation, SolverError> {
        Ok(State::from_solution(self, solution)?.evaluation())
    }
}
