//! An open timetable edited one change at a time, as an editor does: every change (or tentative
//! change) is costed incrementally — only the constraints' points of application it touches are
//! re-evaluated — and a tentative change is rolled back, leaving the session as it was.
//!
//! Sub-events are addressed by their index in the [`Solution`] the session was opened with; the
//! indices stay valid because a session never splits, merges or adds sub-events. Locks are the
//! caller's business: a session moves a locked sub-event if told to (the user decides), and
//! reports what that costs.

use crate::error::SolverError;
use crate::ids::{ConstraintId, EventId, ResourceId, TimeId};
use crate::model::monitor::MonitorKind;
use crate::model::{Model, NONE};
use crate::solution::{Evaluation, Solution, SubEvent};
use crate::state::{Cost, State};

mod owned;
mod warm;
pub use owned::OwningSession;
pub(crate) use warm::warm_state;

/// One elementary edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Sub-event `sub_event` starts at `start` (`None`: it loses its time).
    Retime {
        sub_event: usize,
        start: Option<TimeId>,
    },
    /// Role `role` of sub-event `sub_event` is attended by `resource` (open roles only).
    Assign {
        sub_event: usize,
        role: usize,
        resource: Option<ResourceId>,
    },
    /// Two sub-events trade their starts.
    Swap { first: usize, second: usize },
}

/// Where a constraint applies: the event or the resource its point of application is about
/// (both `None` for points over several events, such as a spread or a link).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Point {
    pub event: Option<EventId>,
    pub resource: Option<ResourceId>,
}

/// How one point of application's cost changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PointDelta {
    pub point: Point,
    pub before: i64,
    pub after: i64,
}

/// How one constraint's cost changes, and at which of its points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstraintDelta {
    pub constraint: ConstraintId,
    pub hard: bool,
    pub before: Cost,
    pub after: Cost,
    pub points: Vec<PointDelta>,
}

/// What a change does to the timetable's cost: in total and per constraint (only the
/// constraints whose cost changes, by id).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Delta {
    pub before: Cost,
    pub after: Cost,
    pub constraints: Vec<ConstraintDelta>,
}

impl Delta {
    pub fn hard(&self) -> i64 {
        self.after.hard - self.before.hard
    }
    pub fn soft(&self) -> i64 {
        self.after.soft - self.before.soft
    }
    /// The hard constraints the change breaks or breaks more.
    pub fn hard_worsened(&self) -> impl Iterator<Item = &ConstraintDelta> {
        self.constraints
            .iter()
            .filter(|c| c.after.hard > c.before.hard)
    }
}

/// A timetable open for incremental evaluation.
#[derive(Clone, Debug)]
pub struct Session<'m> {
    state: State<'m>,
    /// The model slot holding each sub-event of the opening solution.
    slot_of: Vec<u32>,
    by_constraint: Vec<Cost>,
}

impl<'m> Session<'m> {
    /// Opens `solution` (evaluated once in full). Fails as [`Model::evaluate`] does.
    pub fn new(model: &'m Model, solution: &Solution) -> Result<Self, SolverError> {
        let state = State::from_solution(model, solution)?;
        // The same slot assignment `from_solution` made: each event's sub-events fill its
        // slots in order.
        let mut next: Vec<u32> = (0..model.num_events())
            .map(|e| model.slots(e as u32).start as u32)
            .collect();
        let slot_of = solution
            .sub_events
            .iter()
            .map(|se| {
                let slot = next[se.event.index()];
                next[se.event.index()] += 1;
                slot
            })
            .collect();
        let by_constraint = state.evaluation().by_constraint;
        Ok(Session {
            state,
            slot_of,
            by_constraint,
        })
    }

    pub fn model(&self) -> &'m Model {
        self.state.m
    }

    /// Asserts after every change that the incremental cost equals a full evaluation (slow; the
    /// `check-incremental` feature turns it on).
    pub fn set_check(&mut self, check: bool) {
        self.state.check = check;
    }

    pub fn cost(&self) -> Cost {
        self.state.cost
    }

    /// The cost of constraint `c` in the current timetable.
    pub fn constraint_cost(&self, c: ConstraintId) -> Cost {
        self.by_constraint[c.index()]
    }

    pub fn evaluation(&self) -> Evaluation {
        Evaluation {
            cost: self.state.cost,
            by_constraint: self.by_constraint.clone(),
        }
    }

    /// The number of sub-events (as in the opening solution).
    pub fn len(&self) -> usize {
        self.slot_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slot_of.is_empty()
    }

    pub fn sub_event(&self, i: usize) -> Option<SubEvent> {
        let slot = *self.slot_of.get(i)? as usize;
        let m = self.state.m;
        let e = m.slot_event[slot];
        Some(SubEvent {
            event: EventId(e),
            start: (self.state.start[slot] != NONE).then(|| TimeId(self.state.start[slot])),
            duration: self.state.dur[slot],
            resources: (0..m.roles(e).len())
                .map(|k| Some(self.state.resource(slot, k)).filter(|&r| r != NONE))
                .map(|r| r.map(ResourceId))
                .collect(),
        })
    }

    /// True when the model locks sub-event `i` (the solver never moves it).
    pub fn is_locked(&self, i: usize) -> bool {
        self.slot_of
            .get(i)
            .is_some_and(|&s| self.state.m.slot_locked[s as usize])
    }

    /// The current timetable, its sub-events in the opening solution's order.
    pub fn solution(&self) -> Solution {
        Solution {
            sub_events: (0..self.len()).filter_map(|i| self.sub_event(i)).collect(),
        }
    }

    /// Costs `changes` (applied in order) and leaves the session unchanged.
    pub fn try_change(&mut self, changes: &[Change]) -> Result<Delta, SolverError> {
        let delta = self.change(changes)?;
        self.state.rollback();
        Ok(delta)
    }

    /// Applies `changes` (in order) and returns what they did to the cost.
    pub fn apply(&mut self, changes: &[Change]) -> Result<Delta, SolverError> {
        let delta = self.change(changes)?;
        for c in &delta.constraints {
            self.by_constraint[c.constraint.index()] = c.after;
        }
        Ok(delta)
    }

    /// Performs and evaluates the changes, leaving the undo log for a rollback.
    fn change(&mut self, changes: &[Change]) -> Result<Delta, SolverError> {
        let before = self.state.cost;
        self.state.begin();
        for &change in changes {
            if let Err(e) = self.perform(change) {
                self.state.rollback();
                return Err(e);
            }
        }
        let after = self.state.evaluate();
        Ok(Delta {
            before,
            after,
            constraints: self.constraint_deltas(),
        })
    }

    fn slot(&self, i: usize) -> Result<usize, SolverError> {
        self.slot_of
            .get(i)
            .map(|&s| s as usize)
            .ok_or_else(|| bad(format!("no hay un sub-evento {i}")))
    }

    fn fits(&self, slot: usize, start: u32) -> Result<(), SolverError> {
        let m = self.state.m;
        if start != NONE && start as u64 + self.state.dur[slot] as u64 > m.num_times() as u64 {
            let event = &m.events[m.slot_event[slot] as usize].name;
            return Err(bad(format!(
                "«{event}» no cabe a partir del tiempo {start}"
            )));
        }
        Ok(())
    }

    fn perform(&mut self, change: Change) -> Result<(), SolverError> {
        let m = self.state.m;
        match change {
            Change::Retime { sub_event, start } => {
                let slot = self.slot(sub_event)?;
                let start = start.map_or(NONE, |t| t.0);
                self.fits(slot, start)?;
                self.state.set_slot(slot, start, self.state.dur[slot]);
            }
            Change::Swap { first, second } => {
                let (a, b) = (self.slot(first)?, self.slot(second)?);
                let (ta, tb) = (self.state.start[a], self.state.start[b]);
                self.fits(a, tb)?;
                self.fits(b, ta)?;
                self.state.set_slot(a, tb, self.state.dur[a]);
                self.state.set_slot(b, ta, self.state.dur[b]);
            }
            Change::Assign {
                sub_event,
                role,
                resource,
            } => {
                let slot = self.slot(sub_event)?;
                let e = m.slot_event[slot];
                let event = &m.events[e as usize].name;
                if role >= m.roles(e).len() {
                    return Err(bad(format!("«{event}» no tiene el rol {role}")));
                }
                if m.role_fixed[m.roles(e).start + role] != NONE {
                    return Err(bad(format!("el rol {role} de «{event}» es fijo")));
                }
                let r = match resource {
                    Some(r) if r.index() >= m.num_resources() => {
                        return Err(bad(format!("no existe el recurso {}", r.0)));
                    }
                    Some(r) => r.0,
                    None => NONE,
                };
                self.state.set_res(slot, role, r);
            }
        }
        Ok(())
    }

    /// Per constraint, the monitors whose cost the last evaluation changed.
    fn constraint_deltas(&self) -> Vec<ConstraintDelta> {
        let m = self.state.m;
        let mut changed: Vec<(u32, u32, i64)> = self
            .state
            .undo_mon
            .iter()
            .map(|&(mi, old)| (m.monitors[mi as usize].constraint, mi, old))
            .collect();
        changed.sort_unstable();
        let mut out: Vec<ConstraintDelta> = Vec::new();
        for (c, mi, old) in changed {
            let mon = &m.monitors[mi as usize];
            let new = self.state.mon_cost[mi as usize];
            if out.last().is_none_or(|d| d.constraint.0 != c) {
                let before = self.by_constraint[c as usize];
                out.push(ConstraintDelta {
                    constraint: ConstraintId(c),
                    hard: mon.hard,
                    before,
                    after: before,
                    points: Vec::new(),
                });
            }
            let d = out.last_mut().expect("pushed above");
            if mon.hard {
                d.after.hard += new - old;
            } else {
                d.after.soft += new - old;
            }
            d.points.push(PointDelta {
                point: point(mon.kind),
                before: old,
                after: new,
            });
        }
        out.retain(|d| d.after != d.before);
        out
    }
}

fn bad(reason: String) -> SolverError {
    SolverError::BadChange(reason)
}

fn point(kind: MonitorKind) -> Point {
    use MonitorKind as K;
    let (event, resource) = match kind {
        K::AssignTime { event }
        | K::PreferTimes { event, .. }
        | K::Split { event, .. }
        | K::Distribute { event, .. }
        | K::AssignResource { event, .. }
        | K::PreferResources { event, .. }
        | K::EndsDay { event, .. } => (Some(event), None),
        K::Order { first, .. } => (Some(first), None),
        K::Clash { resource }
        | K::Unavailable { resource, .. }
        | K::Idle { resource, .. }
        | K::Cluster { resource, .. }
        | K::LimitBusy { resource, .. }
        | K::Shape { resource, .. }
        | K::Workload { resource, .. } => (None, Some(resource)),
        K::Spread { .. }
        | K::Link { .. }
        | K::AvoidSplit { .. }
        | K::Relate { .. }
        | K::Distinct { .. }
        | K::Zones { .. }
        | K::SameIfConsecutive { .. } => (None, None),
    };
    Point {
        event: event.map(EventId),
        resource: resource.map(ResourceId),
    }
}
