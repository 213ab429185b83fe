//! The immutable compiled model the search runs on.

mod builder;
mod compile;
mod compile_domains;
mod compile_monitors;
mod compile_relations;
mod compile_shapes;
mod compile_splits;
pub(crate) mod csr;
pub(crate) mod monitor;
pub mod spec;

pub use builder::ModelBuilder;

use crate::ids::{EventId, ResourceId, ResourceTypeId, TimeGroupId, TimeId};
use csr::{BitPool, Csr};
use monitor::Monitor;
use spec::{Constraint, EventSpec};

/// Marks "no time" / "no resource" in dense arrays.
pub(crate) const NONE: u32 = u32::MAX;

/// A compiled, validated problem. Cheap to share between threads (`&Model`).
#[derive(Debug)]
pub struct Model {
    pub(crate) time_names: Vec<String>,
    pub(crate) time_ticks: Csr,
    pub(crate) identity_ticks: bool,
    pub(crate) num_ticks: u32,
    pub(crate) time_group_names: Vec<String>,
    /// Sorted times of each time group.
    pub(crate) time_groups: Csr,
    pub(crate) time_group_bits: Vec<u32>,
    pub(crate) resource_type_names: Vec<String>,
    pub(crate) resource_names: Vec<String>,
    pub(crate) resource_types: Vec<ResourceTypeId>,
    pub(crate) events: Vec<EventSpec>,
    /// Sub-event slots of event `e`: `slot_base[e]..slot_base[e + 1]`.
    pub(crate) slot_base: Vec<u32>,
    pub(crate) slot_event: Vec<u32>,
    /// Locked slots keep their start and duration.
    pub(crate) slot_locked: Vec<bool>,
    /// Start of the slot's resource row in the per-slot-role arrays.
    pub(crate) slot_res_base: Vec<u32>,
    pub(crate) num_slot_roles: u32,
    /// Per slot-role: the locked resource, or `NONE`.
    pub(crate) slot_role_locked: Vec<u32>,
    /// Initial durations of locked slots (others 0).
    pub(crate) slot_locked_duration: Vec<u32>,
    pub(crate) slot_locked_start: Vec<u32>,
    /// Flat roles of event `e`: `role_base[e]..role_base[e + 1]`.
    pub(crate) role_base: Vec<u32>,
    pub(crate) role_event: Vec<u32>,
    /// Fixed resource of a flat role, or `NONE` when open.
    pub(crate) role_fixed: Vec<u32>,
    pub(crate) role_domain: Csr,
    /// Workload a flat role brings per time of duration.
    pub(crate) role_workload: Vec<f64>,
    /// Allowed starts of event `e` for a sub-event of duration `d`: row `start_base[e] + d - 1`.
    pub(crate) start_base: Vec<u32>,
    pub(crate) starts: Csr,
    /// The same domains as bit sets in `bits`.
    pub(crate) start_bits: Vec<u32>,
    /// Split options of event `e`: rows `split_first[e]..split_first[e + 1]` of `split_parts`,
    /// cheapest first; each row lists sub-event durations for the unlocked slots.
    pub(crate) split_first: Vec<u32>,
    pub(crate) split_parts: Csr,
    /// Root event of the hard-link class of each event (`NONE` when not linked) and the class
    /// members per root.
    pub(crate) link_class: Vec<u32>,
    pub(crate) link_members: Csr,
    pub(crate) constraints: Vec<Constraint>,
    pub(crate) monitors: Vec<Monitor>,
    pub(crate) event_monitors: Csr,
    pub(crate) resource_monitors: Csr,
    pub(crate) lists: Csr,
    pub(crate) bits: BitPool,
    pub(crate) spread_limits: Vec<(u32, u32, u32)>,
}

impl Model {
    pub fn num_times(&self) -> usize {
        self.time_names.len()
    }
    pub fn num_resources(&self) -> usize {
        self.resource_names.len()
    }
    pub fn num_events(&self) -> usize {
        self.events.len()
    }
    pub fn num_constraints(&self) -> usize {
        self.constraints.len()
    }
    /// Number of points of application over all constraints.
    pub fn num_monitors(&self) -> usize {
        self.monitors.len()
    }
    pub fn time_name(&self, t: TimeId) -> &str {
        &self.time_names[t.index()]
    }
    pub fn time_group_name(&self, g: TimeGroupId) -> &str {
        &self.time_group_names[g.index()]
    }
    pub fn resource_name(&self, r: ResourceId) -> &str {
        &self.resource_names[r.index()]
    }
    pub fn resource_type(&self, r: ResourceId) -> ResourceTypeId {
        self.resource_types[r.index()]
    }
    pub fn resource_type_name(&self, t: ResourceTypeId) -> &str {
        &self.resource_type_names[t.index()]
    }
    pub fn event(&self, e: EventId) -> &EventSpec {
        &self.events[e.index()]
    }
    pub fn constraint(&self, c: crate::ids::ConstraintId) -> &Constraint {
        &self.constraints[c.index()]
    }

    pub(crate) fn slots(&self, event: u32) -> std::ops::Range<usize> {
        self.slot_base[event as usize] as usize..self.slot_base[event as usize + 1] as usize
    }
    pub(crate) fn num_slots(&self) -> usize {
        self.slot_event.len()
    }
    pub(crate) fn roles(&self, event: u32) -> std::ops::Range<usize> {
        self.role_base[event as usize] as usize..self.role_base[event as usize + 1] as usize
    }
    pub(crate) fn start_domain(&self, event: u32, duration: u32) -> &[u32] {
        self.starts
            .row(self.start_base[event as usize] + duration - 1)
    }

    pub(crate) fn split_options(&self, event: u32) -> std::ops::Range<u32> {
        self.split_first[event as usize]..self.split_first[event as usize + 1]
    }

    /// The other events hard-linked to `event`.
    pub(crate) fn linked(&self, event: u32) -> &[u32] {
        match self.link_class[event as usize] {
            NONE => &[],
            root => self.link_members.row(root),
        }
    }

    pub(crate) fn start_allowed(&self, event: u32, duration: u32, t: u32) -> bool {
        self.bits.contains(
            self.start_bits[(self.start_base[event as usize] + duration - 1) as usize],
            t,
        )
    }

    /// Approximate heap bytes held by the model.
    pub fn approx_bytes(&self) -> usize {
        let strings: usize = self.time_names.iter().map(String::len).sum::<usize>()
            + self.resource_names.iter().map(String::len).sum::<usize>()
            + self
                .events
                .iter()
                .map(|e| e.name.len() + e.roles.len() * 48)
                .sum::<usize>();
        strings
            + self.time_ticks.bytes()
            + self.time_groups.bytes()
            + self.role_domain.bytes()
            + self.starts.bytes()
            + self.event_monitors.bytes()
            + self.resource_monitors.bytes()
            + self.lists.bytes()
            + self.bits.bytes()
            + self.monitors.len() * std::mem::size_of::<Monitor>()
            + self.num_slots() * 24
            + self.num_slot_roles as usize * 8
            + self.role_fixed.len() * 20
    }
}
