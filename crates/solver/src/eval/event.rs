//! Deviations of the monitors attached to events and event groups.

use crate::model::NONE;
use crate::model::monitor::outside;
use crate::state::State;

impl State<'_> {
    fn active(&self, event: u32) -> impl Iterator<Item = usize> + '_ {
        self.m.slots(event).filter(|&s| self.dur[s] > 0)
    }

    pub(super) fn dev_assign_time(&self, event: u32) -> i64 {
        self.active(event)
            .filter(|&s| self.start[s] == NONE)
            .map(|s| self.dur[s] as i64)
            .sum()
    }

    pub(super) fn dev_prefer_times(&self, event: u32, set: u32, duration: u32) -> i64 {
        self.active(event)
            .filter(|&s| {
                self.start[s] != NONE
                    && (duration == 0 || self.dur[s] == duration)
                    && !self.m.bits.contains(set, self.start[s])
            })
            .map(|s| self.dur[s] as i64)
            .sum()
    }

    pub(super) fn dev_split(
        &self,
        event: u32,
        min_d: u32,
        max_d: u32,
        min_a: u32,
        max_a: u32,
    ) -> i64 {
        let mut amount = 0i64;
        let mut bad = 0i64;
        for s in self.active(event) {
            amount += 1;
            if self.dur[s] < min_d || self.dur[s] > max_d {
                bad += 1;
            }
        }
        bad + outside(amount, min_a, max_a)
    }

    pub(super) fn dev_distribute(&self, event: u32, duration: u32, min: u32, max: u32) -> i64 {
        let n = self
            .active(event)
            .filter(|&s| self.dur[s] == duration)
            .count() as i64;
        outside(n, min, max)
    }

    pub(super) fn dev_spread(&self, event_list: u32, from: u32, to: u32) -> i64 {
        let events = self.m.lists.row(event_list);
        let mut dev = 0;
        for &(group, min, max) in &self.m.spread_limits[from as usize..to as usize] {
            let bits = self.m.time_group_bits[group as usize];
            let mut n = 0i64;
            for &e in events {
                for s in self.active(e) {
                    if self.start[s] != NONE && self.m.bits.contains(bits, self.start[s]) {
                        n += 1;
                    }
                }
            }
            dev += outside(n, min, max);
        }
        dev
    }

    /// Times some but not all events of the group occupy, computed 64 times at a time.
    pub(super) fn dev_link(&self, event_list: u32) -> i64 {
        let events = self.m.lists.row(event_list);
        let nt = self.m.num_times() as u32;
        let mut dev = 0;
        for word in 0..nt.div_ceil(64) {
            let (lo, hi) = (word * 64, word * 64 + 64);
            let (mut union, mut inter) = (0u64, !0u64);
            for &e in events {
                let mut mask = 0u64;
                for s in self.active(e) {
                    let st = self.start[s];
                    if st == NONE {
                        continue;
                    }
                    let (a, b) = (st.max(lo), (st + self.dur[s]).min(hi));
                    for t in a..b {
                        mask |= 1 << (t - lo);
                    }
                }
                union |= mask;
                inter &= mask;
            }
            dev += (union & !inter).count_ones() as i64;
        }
        dev
    }

    pub(super) fn dev_order(&self, first: u32, second: u32, min: u32, max: u32) -> i64 {
        let end = self
            .active(first)
            .filter(|&s| self.start[s] != NONE)
            .map(|s| (self.start[s] + self.dur[s]) as i64)
            .max();
        let start = self
            .active(second)
            .filter(|&s| self.start[s] != NONE)
            .map(|s| self.start[s] as i64)
            .min();
        match (end, start) {
            (Some(end), Some(start)) => outside(start - end, min, max),
            _ => 0,
        }
    }

    fn role_k(&self, event: u32, role: u32) -> usize {
        (role - self.m.role_base[event as usize]) as usize
    }

    pub(super) fn dev_assign_resource(&self, event: u32, role: u32) -> i64 {
        let k = self.role_k(event, role);
        self.active(event)
            .filter(|&s| self.resource(s, k) == NONE)
            .map(|s| self.dur[s] as i64)
            .sum()
    }

    pub(super) fn dev_prefer_resources(&self, event: u32, role: u32, set: u32) -> i64 {
        let k = self.role_k(event, role);
        self.active(event)
            .filter(|&s| {
                let r = self.resource(s, k);
                r != NONE && !self.m.bits.contains(set, r)
            })
            .map(|s| self.dur[s] as i64)
            .sum()
    }

    /// Distinct resources over the group's roles, minus one; quadratic scan, groups are small.
    pub(super) fn dev_avoid_split(&self, role_list: u32) -> i64 {
        let roles = self.m.lists.row(role_list);
        let mut distinct = 0i64;
        for (i, &fr) in roles.iter().enumerate() {
            let e = self.m.role_event[fr as usize];
            let k = self.role_k(e, fr);
            for s in self.active(e) {
                let r = self.resource(s, k);
                if r == NONE {
                    continue;
                }
                let seen_before = roles[..i].iter().any(|&fr2| {
                    let e2 = self.m.role_event[fr2 as usize];
                    let k2 = self.role_k(e2, fr2);
                    self.active(e2).any(|s2| self.resource(s2, k2) == r)
                }) || self
                    .active(e)
                    .take_while(|&s2| s2 < s)
                    .any(|s2| self.resource(s2, k) == r);
                if !seen_before {
                    distinct += 1;
                }
            }
        }
        (distinct - 1).max(0)
    }
}
