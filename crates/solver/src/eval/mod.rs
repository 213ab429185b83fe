//! Monitor costs: each monitor's deviation computed from the state, turned into a cost by its
//! constraint's weight and cost function.

mod consecutive;
mod event;
mod relations;
mod resource;
mod shape;

use crate::model::monitor::MonitorKind;
use crate::state::State;

impl State<'_> {
    /// The deviation of monitor `mi` in the current state.
    pub(crate) fn monitor_deviation(&self, mi: usize) -> i64 {
        match self.m.monitors[mi].kind {
            MonitorKind::AssignTime { event } => self.dev_assign_time(event),
            MonitorKind::PreferTimes {
                event,
                set,
                duration,
            } => self.dev_prefer_times(event, set, duration),
            MonitorKind::Split {
                event,
                min_duration,
                max_duration,
                min_amount,
                max_amount,
            } => self.dev_split(event, min_duration, max_duration, min_amount, max_amount),
            MonitorKind::Distribute {
                event,
                duration,
                min,
                max,
            } => self.dev_distribute(event, duration, min, max),
            MonitorKind::Spread {
                event_list,
                limits_from,
                limits_to,
            } => self.dev_spread(event_list, limits_from, limits_to),
            MonitorKind::Link { event_list } => self.dev_link(event_list),
            MonitorKind::Order {
                first,
                second,
                min,
                max,
            } => self.dev_order(first, second, min, max),
            MonitorKind::AssignResource { event, role } => self.dev_assign_resource(event, role),
            MonitorKind::PreferResources { event, role, set } => {
                self.dev_prefer_resources(event, role, set)
            }
            MonitorKind::AvoidSplit { role_list } => self.dev_avoid_split(role_list),
            MonitorKind::Clash { resource } => self.clash[resource as usize],
            MonitorKind::Unavailable {
                resource,
                time_list,
            } => self.dev_unavailable(resource, time_list),
            MonitorKind::Idle {
                resource,
                groups,
                min,
                max,
            } => self.dev_idle(resource, groups, min, max),
            MonitorKind::Cluster {
                resource,
                groups,
                min,
                max,
                allow_zero,
            } => self.dev_cluster(resource, groups, min, max, allow_zero),
            MonitorKind::LimitBusy {
                resource,
                groups,
                min,
                max,
            } => {
                let count_empty = self.shaping && self.m.monitors[mi].hard;
                self.dev_limit_busy(resource, groups, min, max, count_empty)
            }
            MonitorKind::Workload {
                resource,
                min,
                max,
                allow_zero,
            } => self.dev_workload(resource, min, max, allow_zero),
            MonitorKind::Relate {
                event_list,
                relation,
                layout,
            } => self.dev_relate(event_list, relation, layout),
            MonitorKind::EndsDay {
                event,
                resources,
                days,
            } => self.dev_ends_day(event, resources, days),
            MonitorKind::Distinct { role_list, max } => self.dev_distinct(role_list, max),
            MonitorKind::Zones {
                role_list,
                zones,
                layout,
                limit,
            } => self.dev_zones(role_list, zones, layout, limit),
            MonitorKind::Shape {
                resource,
                groups,
                shape,
            } => self.dev_shape(resource, groups, shape),
            MonitorKind::SameIfConsecutive { role_list, layout } => {
                self.dev_same_if_consecutive(role_list, layout)
            }
        }
    }

    pub(crate) fn monitor_cost(&self, mi: usize) -> i64 {
        let mon = &self.m.monitors[mi];
        mon.cost_function
            .cost(mon.weight, self.monitor_deviation(mi))
    }
}
