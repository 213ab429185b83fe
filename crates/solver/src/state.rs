//! The mutable search state: sub-event starts, durations and resources, the resources' busy
//! counts, and every monitor's cached cost. Moves change it through logged primitives; the cost
//! delta comes from re-evaluating only the monitors those primitives touched, and a rejected
//! move rolls back from the log. Nothing here allocates after construction.

pub(crate) mod marks;

use crate::model::{Model, NONE};
use marks::ResourceMarks;
use std::sync::Arc;

/// Hard and soft cost.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cost {
    pub hard: i64,
    pub soft: i64,
}

impl Cost {
    /// Hard costs dominate: any hard point outweighs every soft point a search can meet.
    pub(crate) fn scalar(self) -> i64 {
        self.hard.saturating_mul(1 << 32).saturating_add(self.soft)
    }
}

#[derive(Clone, Debug)]
pub(crate) struct State<'m> {
    pub m: &'m Model,
    pub start: Vec<u32>,
    pub dur: Vec<u32>,
    /// Per slot-role: the resource (fixed roles hold their preassigned resource), or `NONE`.
    pub res: Vec<u32>,
    pub busy: Vec<u16>,
    pub(crate) tick_busy: Vec<u16>,
    pub clash: Vec<i64>,
    pub workload: Vec<f64>,
    pub mon_cost: Vec<i64>,
    pub cost: Cost,
    /// Cross-check every incremental evaluation against a full one (tests; always on with the
    /// `check-incremental` feature).
    pub check: bool,
    /// Construction only: a hard "busy between min and max times in a group, if busy at all"
    /// also charges empty groups. Otherwise the greedy placement never opens a group (its first
    /// time would cost min - 1) and squeezes a full timetable into the other times.
    pub shaping: bool,
    /// Monitors with a positive hard cost (an indexable set: `violated_pos` is each one's place).
    pub violated: Vec<u32>,
    pub(crate) violated_pos: Vec<u32>,
    pub(crate) stamp: Vec<u32>,
    pub(crate) cur_stamp: u32,
    pub(crate) dirty: Vec<u32>,
    pub(crate) undo_slot: Vec<(u32, u32, u32)>,
    pub(crate) undo_res: Vec<(u32, u32)>,
    pub(crate) undo_mon: Vec<(u32, i64)>,
    /// The times each resource monitor reads (shared by clones).
    pub(crate) marks: Arc<ResourceMarks>,
}

impl<'m> State<'m> {
    /// Every locked sub-event in place, everything else unscheduled, costs evaluated in full.
    pub fn new(m: &'m Model) -> Self {
        let nr = m.num_resources();
        let mut res = m.slot_role_locked.clone();
        for slot in 0..m.num_slots() {
            let e = m.slot_event[slot];
            for (k, fr) in m.roles(e).enumerate() {
                if m.role_fixed[fr] != NONE {
                    res[m.slot_res_base[slot] as usize + k] = m.role_fixed[fr];
                }
            }
        }
        let mut s = State {
            m,
            start: m.slot_locked_start.clone(),
            dur: m.slot_locked_duration.clone(),
            res,
            busy: vec![0; nr * m.num_times()],
            tick_busy: if m.identity_ticks {
                Vec::new()
            } else {
                vec![0; nr * m.num_ticks as usize]
            },
            clash: vec![0; nr],
            workload: vec![0.0; nr],
            mon_cost: vec![0; m.monitors.len()],
            cost: Cost::default(),
            check: cfg!(feature = "check-incremental"),
            shaping: false,
            violated: Vec::with_capacity(m.monitors.len()),
            violated_pos: vec![NONE; m.monitors.len()],
            stamp: vec![0; m.monitors.len()],
            cur_stamp: 1,
            dirty: Vec::with_capacity(m.monitors.len()),
            undo_slot: Vec::with_capacity(64),
            undo_res: Vec::with_capacity(64),
            undo_mon: Vec::with_capacity(m.monitors.len()),
            marks: Arc::new(ResourceMarks::new(m)),
        };
        s.rebuild();
        s
    }

    /// Recomputes busy counts and all monitor costs from the sub-events.
    pub fn rebuild(&mut self) {
        self.busy.iter_mut().for_each(|x| *x = 0);
        self.tick_busy.iter_mut().for_each(|x| *x = 0);
        self.clash.iter_mut().for_each(|x| *x = 0);
        self.workload.iter_mut().for_each(|x| *x = 0.0);
        for slot in 0..self.m.num_slots() {
            self.occupy(slot, 1);
            self.load(slot, 1.0);
        }
        self.cost = Cost::default();
        for mi in 0..self.m.monitors.len() {
            let c = self.monitor_cost(mi);
            self.set_mon_cost(mi, c);
            self.add_cost(mi, c);
        }
        self.dirty.clear();
        self.cur_stamp += 1;
    }

    fn set_mon_cost(&mut self, mi: usize, c: i64) {
        self.mon_cost[mi] = c;
        if !self.m.monitors[mi].hard {
            return;
        }
        let pos = self.violated_pos[mi];
        if c > 0 && pos == NONE {
            self.violated_pos[mi] = self.violated.len() as u32;
            self.violated.push(mi as u32);
        } else if c == 0 && pos != NONE {
            let last = *self.violated.last().unwrap_or(&(mi as u32));
            self.violated.swap_remove(pos as usize);
            if last as usize != mi {
                self.violated_pos[last as usize] = pos;
            }
            self.violated_pos[mi] = NONE;
        }
    }

    fn add_cost(&mut self, mi: usize, c: i64) {
        if self.m.monitors[mi].hard {
            self.cost.hard += c;
        } else {
            self.cost.soft += c;
        }
    }

    /// The resource at role `k` of `slot`.
    pub fn resource(&self, slot: usize, k: usize) -> u32 {
        self.res[self.m.slot_res_base[slot] as usize + k]
    }

    fn span(&mut self, r: u32, start: u32, dur: u32, delta: i32) {
        let nt = self.m.num_times();
        let base = r as usize * nt;
        for t in start..start + dur {
            let b = &mut self.busy[base + t as usize];
            if self.m.identity_ticks {
                if delta > 0 && *b >= 1 {
                    self.clash[r as usize] += 1;
                } else if delta < 0 && *b >= 2 {
                    self.clash[r as usize] -= 1;
                }
            }
            *b = (*b as i32 + delta) as u16;
            if !self.m.identity_ticks {
                let kbase = r as usize * self.m.num_ticks as usize;
                for &k in self.m.time_ticks.row(t) {
                    let kb = &mut self.tick_busy[kbase + k as usize];
                    if delta > 0 && *kb >= 1 {
                        self.clash[r as usize] += 1;
                    } else if delta < 0 && *kb >= 2 {
                        self.clash[r as usize] -= 1;
                    }
                    *kb = (*kb as i32 + delta) as u16;
                }
            }
        }
    }

    /// Adds (`delta` = 1) or removes (-1) the time occupancy of a sub-event.
    fn occupy(&mut self, slot: usize, delta: i32) {
        let (start, dur) = (self.start[slot], self.dur[slot]);
        if dur == 0 || start == NONE {
            return;
        }
        let base = self.m.slot_res_base[slot] as usize;
        let nroles = self.m.roles(self.m.slot_event[slot]).len();
        for k in 0..nroles {
            let r = self.res[base + k];
            if r != NONE {
                self.span(r, start, dur, delta);
                self.mark_resource(r);
            }
        }
    }

    fn load(&mut self, slot: usize, sign: f64) {
        let dur = self.dur[slot];
        if dur == 0 {
            return;
        }
        let e = self.m.slot_event[slot];
        let base = self.m.slot_res_base[slot] as usize;
        for (k, fr) in self.m.roles(e).enumerate() {
            let r = self.res[base + k];
            if r != NONE {
                self.workload[r as usize] += sign * self.m.role_workload[fr] * dur as f64;
                self.mark_resource(r);
            }
        }
    }

    fn mark_resource(&mut self, r: u32) {
        for &mi in self.m.resource_monitors.row(r) {
            if self.stamp[mi as usize] != self.cur_stamp {
                self.stamp[mi as usize] = self.cur_stamp;
                self.dirty.push(mi);
            }
        }
    }

    /// Marks the monitors of `r` that read a time of `[a, a + dur)` or `[b, b + dur)` (a start
    /// of `NONE` is no window): a move that keeps the duration can change no others.
    fn mark_windows(&mut self, r: u32, a: u32, b: u32, dur: u32) {
        let (a_end, b_end) = (a.saturating_add(dur), b.saturating_add(dur));
        let marks = Arc::clone(&self.marks);
        for &(mi, lo, hi) in marks.row(r) {
            let meets_a = a != NONE && lo < a_end && a <= hi;
            let meets_b = b != NONE && lo < b_end && b <= hi;
            if (meets_a || meets_b) && self.stamp[mi as usize] != self.cur_stamp {
                self.stamp[mi as usize] = self.cur_stamp;
                self.dirty.push(mi);
            }
        }
    }

    fn mark_event(&mut self, e: u32) {
        for &mi in self.m.event_monitors.row(e) {
            if self.stamp[mi as usize] != self.cur_stamp {
                self.stamp[mi as usize] = self.cur_stamp;
                self.dirty.push(mi);
            }
        }
    }

    /// Starts a move: clears the dirty set and the undo log.
    pub fn begin(&mut self) {
        self.cur_stamp = self.cur_stamp.wrapping_add(1);
        self.dirty.clear();
        self.undo_slot.clear();
        self.undo_res.clear();
        self.undo_mon.clear();
    }

    /// One pass over the slot's resources, each marked once: this is the search's hot path.
    fn raw_set_slot(&mut self, slot: usize, start: u32, dur: u32) {
        let (old_start, old_dur) = (self.start[slot], self.dur[slot]);
        let e = self.m.slot_event[slot];
        let base = self.m.slot_res_base[slot] as usize;
        for (k, fr) in self.m.roles(e).enumerate() {
            let r = self.res[base + k];
            if r == NONE {
                continue;
            }
            if old_dur > 0 && old_start != NONE {
                self.span(r, old_start, old_dur, -1);
            }
            if dur > 0 && start != NONE {
                self.span(r, start, dur, 1);
            }
            if dur != old_dur {
                let w = self.m.role_workload[fr];
                self.workload[r as usize] -= w * old_dur as f64;
                self.workload[r as usize] += w * dur as f64;
                self.mark_resource(r);
            } else {
                self.mark_windows(r, old_start, start, dur);
            }
        }
        self.start[slot] = start;
        self.dur[slot] = dur;
    }

    /// Only the role's old and new resource change their busy times and workload.
    fn raw_set_res(&mut self, idx: usize, r: u32, slot: usize) {
        let (start, dur) = (self.start[slot], self.dur[slot]);
        let fr = self.m.role_base[self.m.slot_event[slot] as usize] as usize
            + (idx - self.m.slot_res_base[slot] as usize);
        let w = self.m.role_workload[fr];
        let old = self.res[idx];
        if old != NONE {
            if dur > 0 && start != NONE {
                self.span(old, start, dur, -1);
            }
            if dur > 0 {
                self.workload[old as usize] -= w * dur as f64;
            }
            self.mark_resource(old);
        }
        self.res[idx] = r;
        if r != NONE {
            if dur > 0 && start != NONE {
                self.span(r, start, dur, 1);
            }
            if dur > 0 {
                self.workload[r as usize] += w * dur as f64;
            }
            self.mark_resource(r);
        }
    }

    /// Sets the start and duration of a sub-event slot (logged).
    pub fn set_slot(&mut self, slot: usize, start: u32, dur: u32) {
        self.undo_slot
            .push((slot as u32, self.start[slot], self.dur[slot]));
        self.undo_res.push((NONE, slot as u32));
        self.mark_event(self.m.slot_event[slot]);
        self.raw_set_slot(slot, start, dur);
    }

    /// Sets the resource of role `k` of a slot (logged).
    pub fn set_res(&mut self, slot: usize, k: usize, r: u32) {
        let idx = self.m.slot_res_base[slot] as usize + k;
        self.undo_res.push((idx as u32, self.res[idx]));
        self.undo_slot.push((NONE, slot as u32, 0));
        self.mark_event(self.m.slot_event[slot]);
        self.raw_set_res(idx, r, slot);
    }

    /// Re-evaluates the monitors the move touched; returns the new cost.
    pub fn evaluate(&mut self) -> Cost {
        for i in 0..self.dirty.len() {
            let mi = self.dirty[i] as usize;
            let old = self.mon_cost[mi];
            let new = self.monitor_cost(mi);
            if new != old {
                self.undo_mon.push((mi as u32, old));
                self.set_mon_cost(mi, new);
                self.add_cost(mi, new - old);
            }
        }
        if self.check {
            self.assert_consistent();
        }
        self.cost
    }

    /// Undoes the current move (after [`State::evaluate`]).
    pub fn rollback(&mut self) {
        // The two logs are interleaved: each primitive pushed one entry to each.
        while let (Some((slot, start, dur)), Some((idx, old))) =
            (self.undo_slot.pop(), self.undo_res.pop())
        {
            if slot != NONE {
                self.raw_set_slot(slot as usize, start, dur);
            } else {
                self.raw_set_res(idx as usize, old, start as usize);
            }
        }
        while let Some((mi, old)) = self.undo_mon.pop() {
            let mi = mi as usize;
            let cur = self.mon_cost[mi];
            self.set_mon_cost(mi, old);
            self.add_cost(mi, old - cur);
        }
        self.dirty.clear();
        if self.check {
            self.assert_consistent();
        }
    }

    fn assert_consistent(&self) {
        let mut full_state = self.clone();
        full_state.check = false;
        full_state.rebuild();
        let full = full_state.cost;
        assert_eq!(
            full, self.cost,
            "incremental cost differs from full evaluation"
        );
    }

    /// Approximate heap bytes of the search state.
    pub fn approx_bytes(&self) -> usize {
        (self.start.len()
            + self.dur.len()
            + self.res.len()
            + self.stamp.len()
            + self.dirty.capacity())
            * 4
            + (self.busy.len() + self.tick_busy.len()) * 2
            + (self.clash.len()
                + self.workload.len()
                + self.mon_cost.len()
                + self.undo_mon.capacity() * 2)
                * 8
            + (self.undo_slot.capacity() * 12 + self.undo_res.capacity() * 8)
            + self.marks.bytes()
    }
}
