//! Compiled constraints: one monitor per point of application, addressing the model's dense
//! arrays only.

use crate::model::spec::{BusyShape, CostFunction, EventRelation, ZoneLimit};

/// One point of application of a constraint.
#[derive(Clone, Debug)]
pub(crate) struct Monitor {
    pub kind: MonitorKind,
    pub constraint: u32,
    pub weight: i64,
    pub hard: bool,
    pub cost_function: CostFunction,
}

/// What a monitor measures. `event`, `resource` are dense indices; `role` is a flat role index
/// (`Model::role_base[event] + role`); `*_list` and `groups` are rows of `Model::lists`; `set` is
/// a bit set in `Model::bits`.
#[derive(Clone, Copy, Debug)]
pub(crate) enum MonitorKind {
    AssignTime {
        event: u32,
    },
    PreferTimes {
        event: u32,
        set: u32,
        /// 0: every sub-event; otherwise only sub-events of this duration.
        duration: u32,
    },
    Split {
        event: u32,
        min_duration: u32,
        max_duration: u32,
        min_amount: u32,
        max_amount: u32,
    },
    Distribute {
        event: u32,
        duration: u32,
        min: u32,
        max: u32,
    },
    Spread {
        event_list: u32,
        limits_from: u32,
        limits_to: u32,
    },
    Link {
        event_list: u32,
    },
    Order {
        first: u32,
        second: u32,
        min: u32,
        max: u32,
    },
    AssignResource {
        event: u32,
        role: u32,
    },
    PreferResources {
        event: u32,
        role: u32,
        set: u32,
    },
    AvoidSplit {
        role_list: u32,
    },
    Clash {
        resource: u32,
    },
    Unavailable {
        resource: u32,
        time_list: u32,
    },
    Idle {
        resource: u32,
        groups: u32,
        min: u32,
        max: u32,
    },
    Cluster {
        resource: u32,
        groups: u32,
        min: u32,
        max: u32,
        allow_zero: bool,
    },
    LimitBusy {
        resource: u32,
        groups: u32,
        min: u32,
        max: u32,
    },
    Workload {
        resource: u32,
        min: u32,
        max: u32,
        allow_zero: bool,
    },
    /// `layout`: a row of `2 * num_times` items, each time's day index (or `NONE`) then each
    /// time's position (see `compile_relations`).
    Relate {
        event_list: u32,
        relation: EventRelation,
        layout: u32,
    },
    EndsDay {
        event: u32,
        resources: u32,
        days: u32,
    },
    Distinct {
        role_list: u32,
        max: u32,
    },
    /// `zones`: a row with each resource's zone (or `NONE`).
    Zones {
        role_list: u32,
        zones: u32,
        layout: u32,
        limit: ZoneLimit,
    },
    Shape {
        resource: u32,
        groups: u32,
        shape: BusyShape,
    },
    /// `layout`: a row of `2 * num_times` items, each time's day index (or `NONE`) then each
    /// time's position.
    SameIfConsecutive {
        role_list: u32,
        layout: u32,
    },
}

/// How far `value` lies outside `[min, max]`.
pub(crate) fn outside(value: i64, min: u32, max: u32) -> i64 {
    if value < min as i64 {
        min as i64 - value
    } else if value > max as i64 {
        value - max as i64
    } else {
        0
    }
}
