//! The public vocabulary used to describe a problem to [`crate::ModelBuilder`].

use crate::ids::{EventId, ResourceId, ResourceTypeId, TimeGroupId, TimeId};

/// How a deviation turns into a cost (multiplied by the constraint's weight).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CostFunction {
    /// `weight * deviation`.
    Linear,
    /// `weight * deviation^2`.
    Quadratic,
    /// `weight` if the deviation is positive.
    Step,
}

impl CostFunction {
    /// The cost of one point of application.
    pub fn cost(self, weight: i64, deviation: i64) -> i64 {
        if deviation <= 0 {
            return 0;
        }
        match self {
            CostFunction::Linear => weight * deviation,
            CostFunction::Quadratic => weight * deviation * deviation,
            CostFunction::Step => weight,
        }
    }
}

/// Who fills a role of an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoleResource {
    /// Preassigned: the resource attends every sub-event.
    Fixed(ResourceId),
    /// To be chosen by the solver among `domain` (all of type `resource_type`).
    Open {
        resource_type: ResourceTypeId,
        domain: Vec<ResourceId>,
    },
}

/// One resource slot of an event (teacher, class, room...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleSpec {
    pub name: String,
    pub resource: RoleResource,
    /// Workload this role brings to its resource for the whole event (for `LimitWorkload`);
    /// `None` means the event's workload.
    pub workload: Option<u32>,
}

/// A sub-event fixed by the user: it keeps its start, duration and resources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockedSubEvent {
    pub start: TimeId,
    pub duration: u32,
    /// Per role of the event: the resource of an open role, or `None` to let the solver choose.
    pub resources: Vec<Option<ResourceId>>,
}

/// An event to schedule: `duration` consecutive-or-split times, attended by its roles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventSpec {
    pub name: String,
    pub duration: u32,
    /// Total workload of the event (XHSTT default: the duration).
    pub workload: u32,
    /// A preassigned start: the event runs unsplit from this time and never moves.
    pub preassigned_time: Option<TimeId>,
    pub roles: Vec<RoleSpec>,
    /// Locked sub-events; the rest of the duration (if any) is scheduled freely.
    pub locked: Vec<LockedSubEvent>,
}

impl EventSpec {
    /// A plain event with no roles, workload equal to its duration.
    pub fn new(name: impl Into<String>, duration: u32) -> Self {
        EventSpec {
            name: name.into(),
            duration,
            workload: duration,
            preassigned_time: None,
            roles: Vec::new(),
            locked: Vec::new(),
        }
    }
}

/// An event role addressed by the role's index inside the event's `roles`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventRole {
    pub event: EventId,
    pub role: u32,
}

/// A time group with the minimum and maximum number of sub-events that should start in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpreadLimit {
    pub time_group: TimeGroupId,
    pub min: u32,
    pub max: u32,
}

/// Two events that should run in order, `start(second) - end(first)` in `[min, max]` times
/// (`max` = `u32::MAX` for no upper limit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrderPair {
    pub first: EventId,
    pub second: EventId,
    pub min_separation: u32,
    pub max_separation: u32,
}

/// What a constraint asks for, with its points of application. Semantics follow XHSTT-2014.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConstraintKind {
    /// Each event: deviation = total duration of sub-events without a time.
    AssignTime { events: Vec<EventId> },
    /// Each event: total duration of sub-events (of `duration`, if given) starting outside `times`.
    PreferTimes {
        events: Vec<EventId>,
        times: Vec<TimeId>,
        duration: Option<u32>,
    },
    /// Each event: sub-events with a duration outside `[min_duration, max_duration]`, plus the
    /// amount of sub-events outside `[min_amount, max_amount]`.
    SplitEvents {
        events: Vec<EventId>,
        min_duration: u32,
        max_duration: u32,
        min_amount: u32,
        max_amount: u32,
    },
    /// Each event: the number of sub-events of exactly `duration` should lie in `[min, max]`.
    DistributeSplitEvents {
        events: Vec<EventId>,
        duration: u32,
        min: u32,
        max: u32,
    },
    /// Each event group: sub-events starting in each time group within the limits.
    SpreadEvents {
        event_groups: Vec<Vec<EventId>>,
        limits: Vec<SpreadLimit>,
    },
    /// Each event group: the events should occupy the same times.
    LinkEvents { event_groups: Vec<Vec<EventId>> },
    /// Each pair: `start(second) - end(first)` within its separation limits.
    OrderEvents { pairs: Vec<OrderPair> },
    /// Each resource: deviation = sum over ticks of (attended sub-events - 1) where positive.
    AvoidClashes { resources: Vec<ResourceId> },
    /// Each resource: number of `times` at which it is busy.
    AvoidUnavailableTimes {
        resources: Vec<ResourceId>,
        times: Vec<TimeId>,
    },
    /// Each resource: idle times (free times between busy ones in a time group), summed
    /// over the groups, within `[min, max]`.
    LimitIdleTimes {
        resources: Vec<ResourceId>,
        time_groups: Vec<TimeGroupId>,
        min: u32,
        max: u32,
    },
    /// Each resource: number of time groups in which it is busy within `[min, max]`
    /// (no cost at zero busy groups when `allow_zero`).
    ClusterBusyTimes {
        resources: Vec<ResourceId>,
        time_groups: Vec<TimeGroupId>,
        min: u32,
        max: u32,
        allow_zero: bool,
    },
    /// Each resource and time group where it is busy at all: busy times within `[min, max]`.
    LimitBusyTimes {
        resources: Vec<ResourceId>,
        time_groups: Vec<TimeGroupId>,
        min: u32,
        max: u32,
    },
    /// Each resource: total workload within `[min, max]` (no cost at zero when `allow_zero`).
    LimitWorkload {
        resources: Vec<ResourceId>,
        min: u32,
        max: u32,
        allow_zero: bool,
    },
    /// Each event role: total duration of sub-events with no resource in that role.
    AssignResource { roles: Vec<EventRole> },
    /// Each event role: total duration of sub-events whose resource is outside `resources`.
    PreferResources {
        roles: Vec<EventRole>,
        resources: Vec<ResourceId>,
    },
    /// Each group of event roles: number of distinct resources assigned, minus one.
    AvoidSplitAssignments { groups: Vec<Vec<EventRole>> },
    /// Each event group: how far its events' places break `relation` (see [`EventRelation`]),
    /// days and positions read from `layout`.
    RelateEvents {
        groups: Vec<Vec<EventId>>,
        relation: EventRelation,
        layout: TimeLayout,
    },
    /// Each event with its resources: 1 when one of `resources` is busy later on the day
    /// (time group of `days`) where the event's last sub-event ends.
    EndsDay {
        events: Vec<(EventId, Vec<ResourceId>)>,
        days: Vec<TimeGroupId>,
    },
    /// Each group of event roles: number of distinct resources assigned, minus `max`.
    LimitDistinctResources {
        groups: Vec<Vec<EventRole>>,
        max: u32,
    },
    /// Each group of event roles (say, the rooms of the events one person attends): every time
    /// an event of the group occupies takes the zone of the resource in its role (`zones`;
    /// no zone when the role is empty or the resource is not listed). Along each day of
    /// `layout`, in position order, a zoned time whose previous zoned time has another zone is
    /// a change; `limit` says what changes may do.
    LimitZoneChanges {
        groups: Vec<Vec<EventRole>>,
        zones: Vec<(ResourceId, u32)>,
        layout: TimeLayout,
        limit: ZoneLimit,
    },
    /// Each resource: how its busy times lie in `time_groups` (see [`BusyShape`]).
    ShapeBusyTimes {
        resources: Vec<ResourceId>,
        time_groups: Vec<TimeGroupId>,
        shape: BusyShape,
    },
    /// Each group of event roles (say, the room roles of some events): two sub-events of
    /// different events of the group that follow each other directly (the second starts at the
    /// position right after the first's last time, on the same day of `layout`) and hold
    /// different resources in their roles count 1. Roles without a resource count nothing.
    SameResourceIfConsecutive {
        groups: Vec<Vec<EventRole>>,
        layout: TimeLayout,
    },
}

/// Where times sit: `days` are disjoint time groups in week order (a time's day is the index
/// of its group; times in no group are ignored by the constraints that use the layout), and
/// `positions` gives each time's position inside its day (indexed by time; empty: the time's
/// rank inside its day group). Positions may skip numbers, e.g. for pauses that are no times.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TimeLayout {
    pub days: Vec<TimeGroupId>,
    pub positions: Vec<u32>,
}

/// A relation among the events of a group, for [`ConstraintKind::RelateEvents`].
///
/// An event's place is its earliest-starting sub-event that has a time: its day, its start
/// position, and its end position (position of its last time + 1). Events without a time are
/// left out. Pair relations are checked on every pair `(a, b)` of the group with `a` listed
/// before `b`, and their deviations add up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventRelation {
    /// Pair: 1 when on different days.
    SameDay,
    /// Pair: 1 when the start positions differ (any days).
    SameStartPosition,
    /// Pair on the same day: with `e` the one starting first (`a` on a tie) and `l` the other,
    /// deviation `end(e) + n - start(l)` when positive (overlap counts as a shortfall too).
    MinGap(u32),
    /// Pair: `|day(a) - day(b)| - n` when positive.
    MaxDaysApart(u32),
    /// Pair: 1 unless `a` ends no later than `b` starts, on an earlier day or the same day.
    Ordered,
    /// Pair on the same day: 1 when `a` ends after `b` starts.
    OrderedIfSameDay,
    /// Pair on the same day: 1 unless one ends where the other starts (back to back).
    AdjacentIfSameDay,
    /// Whole group: 1 unless all lie on one day, back to back in any order (sorted by start,
    /// each starts at the previous one's end position); nothing while an event has no place.
    Grouped,
}

/// What building-like zone changes may do, for [`ConstraintKind::LimitZoneChanges`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZoneLimit {
    /// Per day: changes beyond `n` each count 1.
    MaxChangesPerDay(u32),
    /// Each change whose previous zoned time lies fewer than `n` positions of gap back
    /// (`position - previous position - 1 < n`) counts 1.
    MinGapBeforeChange(u32),
    /// Over all days: changes beyond `n` each count 1.
    MaxChangesPerWeek(u32),
}

/// What [`ConstraintKind::ShapeBusyTimes`] measures of a resource's busy times. A time group's
/// times are taken in time order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BusyShape {
    /// Each group is a day: its span (first to last busy time, idle ones included) beyond
    /// `max` counts, summed over the days; with `one_day_plus_one`, one day may span
    /// `max + 1` (one less in total when some day runs over).
    MaxSpan { max: u32, one_day_plus_one: bool },
    /// The groups are the days in order: for two consecutive days busy both, the rest (the
    /// first day's times after its last busy one plus the second day's before its first busy
    /// one) short of `min` counts; `circular` also pairs the last day with the first.
    MinRest { min: u32, circular: bool },
    /// Every time of the groups: the number of sub-events the resource attends there outside
    /// `[min, max]`, summed; with `allow_empty`, a time with none counts nothing.
    Simultaneous {
        min: u32,
        max: u32,
        allow_empty: bool,
    },
    /// Each group is a day that should begin at its first time: a busy day whose first busy
    /// time is the second counts 1 beyond `max_second` such days; one beginning later counts
    /// the times missed before it, less one (FET's students "early" rule).
    EarlyStart { max_second: u32 },
}

/// A constraint: hard ones add to infeasibility, soft ones to the objective.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Constraint {
    pub name: String,
    pub hard: bool,
    pub weight: i64,
    pub cost_function: CostFunction,
    pub kind: ConstraintKind,
}
