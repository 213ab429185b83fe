//! Moves aimed at event-level soft defects the generic moves reach only by luck:
//! - a spread defect (too many of a group's lessons on one day, or too few on another): a
//!   lesson leaves an over-full time group for one with room, preferably one under its minimum;
//! - a link defect (events that should share their times do not): a lesson of the group goes
//!   to the start of a lesson of another event of the group;
//! - an unavailable-times defect: a lesson of the resource at an unavailable time goes to a
//!   start clear of those times.
//!
//! Each draws its target among the starts the fix needs, then moves by a Kempe chain when one
//! closes (clash-free), else plainly (`move_slot_to`).

use super::moves::Neighbourhood;
use super::prefer::draw;
use crate::model::NONE;
use crate::model::monitor::MonitorKind;
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

impl Neighbourhood {
    /// False, state untouched, unless `mi` is a spread monitor with a lesson to move.
    pub(super) fn spread_at(&mut self, st: &mut State, mi: usize, rng: &mut SmallRng) -> bool {
        let m = st.m;
        let MonitorKind::Spread {
            event_list,
            limits_from,
            limits_to,
        } = m.monitors[mi].kind
        else {
            return false;
        };
        let events = m.lists.row(event_list);
        let limits = &m.spread_limits[limits_from as usize..limits_to as usize];
        let in_group = |g: u32, t: u32| m.bits.contains(m.time_group_bits[g as usize], t);
        // Lessons per limit's time group.
        let mut counts = std::mem::take(&mut self.spread_counts);
        counts.clear();
        for &(g, _, _) in limits {
            let n = events
                .iter()
                .flat_map(|&e| m.slots(e))
                .filter(|&s| st.dur[s] > 0 && st.start[s] != NONE && in_group(g, st.start[s]))
                .count();
            counts.push(n as u32);
        }
        let over = |i: usize| counts[i] > limits[i].2;
        let under = |i: usize| counts[i] < limits[i].1;
        let any_over = (0..limits.len()).any(over);
        let any_under = (0..limits.len()).any(under);
        // The source: a movable lesson in an over-full group (any group above its minimum when
        // only a minimum is missed), drawn uniformly.
        let source_ok = |t: u32| {
            (0..limits.len()).any(|i| {
                in_group(limits[i].0, t)
                    && if any_over {
                        over(i)
                    } else {
                        counts[i] > limits[i].1
                    }
            })
        };
        let slot = draw(
            events.iter().flat_map(|&e| m.slots(e)).filter_map(|s| {
                let ok = !m.slot_locked[s]
                    && st.dur[s] > 0
                    && st.start[s] != NONE
                    && source_ok(st.start[s]);
                ok.then_some(s as u32)
            }),
            rng,
        );
        let Some(slot) = slot.map(|s| s as usize) else {
            self.spread_counts = counts;
            return false;
        };
        // The target: a start in no over-full-or-full group, inside an under-filled one when
        // some group misses its minimum.
        let (e, d) = (m.slot_event[slot], st.dur[slot]);
        let fits = |t: u32| {
            let mut inside_under = false;
            for (i, &(g, _, max)) in limits.iter().enumerate() {
                if in_group(g, t) {
                    if counts[i] >= max {
                        return false;
                    }
                    inside_under |= under(i);
                }
            }
            !any_under || inside_under
        };
        let target = draw(
            m.start_domain(e, d).iter().copied().filter(|&t| fits(t)),
            rng,
        );
        self.spread_counts = counts;
        match target {
            Some(t2) if t2 != st.start[slot] => self.move_slot_to(st, slot, t2, rng),
            _ => false,
        }
    }

    /// False, state untouched, unless `mi` is a link monitor with a lesson to align.
    pub(super) fn link_at(&mut self, st: &mut State, mi: usize, rng: &mut SmallRng) -> bool {
        let m = st.m;
        let MonitorKind::Link { event_list } = m.monitors[mi].kind else {
            return false;
        };
        let events = m.lists.row(event_list);
        if events.len() < 2 {
            return false;
        }
        let active = |s: usize| st.dur[s] > 0 && st.start[s] != NONE;
        // A movable lesson and a lesson of another event of the group, each drawn uniformly;
        // the first takes the second's start when no lesson of its event is already there.
        let a = events[rng.gen_range(0..events.len())];
        let mut b = events[rng.gen_range(0..events.len() - 1)];
        if b == a {
            b = events[events.len() - 1];
        }
        let at = |e: u32, t: u32| m.slots(e).any(|s| active(s) && st.start[s] == t);
        let Some(y) = draw(
            m.slots(b)
                .filter(|&y| active(y) && !at(a, st.start[y]))
                .map(|y| y as u32),
            rng,
        ) else {
            return false;
        };
        let (t2, dy) = (st.start[y as usize], st.dur[y as usize]);
        // Prefer a lesson of the same length that is itself out of line with `b`.
        let x = draw(
            m.slots(a)
                .filter(|&x| {
                    !m.slot_locked[x]
                        && active(x)
                        && st.dur[x] == dy
                        && !at(b, st.start[x])
                        && m.start_allowed(a, dy, t2)
                })
                .map(|x| x as u32),
            rng,
        );
        match x {
            Some(x) => self.move_slot_to(st, x as usize, t2, rng),
            None => false,
        }
    }

    /// False, state untouched, unless `mi` is an unavailable-times monitor with a lesson at one
    /// of its times that may start clear of them.
    pub(super) fn leave_unavailable_at(
        &mut self,
        st: &mut State,
        mi: usize,
        rng: &mut SmallRng,
    ) -> bool {
        let m = st.m;
        let MonitorKind::Unavailable {
            resource,
            time_list,
        } = m.monitors[mi].kind
        else {
            return false;
        };
        let bad = m.lists.row(time_list);
        let meets = |t: u32, d: u32| bad.iter().any(|&u| t <= u && u < t + d);
        let Some(x) = draw(
            self.peers(resource).iter().copied().filter(|&x| {
                let (t, d) = (st.start[x as usize], st.dur[x as usize]);
                d > 0 && t != NONE && meets(t, d)
            }),
            rng,
        ) else {
            return false;
        };
        let x = x as usize;
        let d = st.dur[x];
        let target = draw(
            m.start_domain(m.slot_event[x], d)
                .iter()
                .copied()
                .filter(|&t| !meets(t, d)),
            rng,
        );
        match target {
            Some(t2) => self.move_slot_to(st, x, t2, rng),
            None => false,
        }
    }
}
