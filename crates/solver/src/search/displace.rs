//! Displacement: a sub-event of a violated hard monitor goes to the start where its preassigned
//! resources meet the fewest movable others, and every sub-event it meets there through them is
//! ejected to the start where its own resources meet the fewest (and so on, a bounded number of
//! levels). A lesson of many sections (every class busy nearly every time) has no start free
//! for all of them, so a single move or a Kempe chain between two times almost never relocates
//! it; sending it where it displaces least and re-seating what it displaced does.

use super::moves::{Neighbourhood, follow, repair_resources};
use super::target::violated_monitor;
use crate::construct::hard_clash;
use crate::model::monitor::MonitorKind;
use crate::model::{Model, NONE};
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

/// Levels of ejection after the first sub-event moves (1: only what it displaces is re-seated).
const DEPTH: usize = 2;

/// Sub-events one move may re-seat, the first included (bounds the cost of a move).
const MAX_MOVED: usize = 40;

/// Starts of the first sub-event tried in full per move: the cheapest is applied. Four tried
/// in full measured faster to feasibility than one start by the displacement count alone.
const TRIALS: usize = 4;

/// Weight of a busy time held by a sub-event that cannot move (a locked one): such a start
/// leaves a clash that no re-seating removes.
const FIXED: u32 = 64;

/// Reused buffers of the displacement move.
#[derive(Default)]
pub(crate) struct Displace {
    /// Per time: busy units of the resource being scored held by movable sub-events.
    movable: Vec<u32>,
    /// Per time: the score of starting there.
    score: Vec<u32>,
    /// Sub-events moved by the current move (never ejected twice).
    moved: Vec<usize>,
    /// Sub-events waiting to be re-seated, with their level.
    queue: Vec<(usize, usize)>,
    /// Starts of the first sub-event to try: (score, random tie-break, start).
    cands: Vec<(u32, u32, u32)>,
}

impl Neighbourhood {
    /// False, state untouched, when no sub-event of a violated hard monitor can move.
    pub(super) fn displace(&mut self, st: &mut State, rng: &mut SmallRng) -> bool {
        if !st.m.identity_ticks {
            return false;
        }
        let Some(mi) = violated_monitor(st, rng) else {
            return false;
        };
        // Displacing trades clashes for clashes; other hard defects (gaps, days, shapes) are
        // left to the moves aimed at them (measured: on files whose last defects are gaps the
        // move only disturbed the search).
        if !matches!(st.m.monitors[mi].kind, MonitorKind::Clash { .. }) {
            return false;
        }
        let Some(x) = self.slot_of_defect(st, mi, rng) else {
            return false;
        };
        let (old, d) = (st.start[x], st.dur[x]);
        if st.m.slot_locked[x] || d == 0 || old == NONE {
            return false;
        }
        let mut buf = std::mem::take(&mut self.displace);
        // The least displacing starts of `x`, scored with `x` off the timetable.
        st.begin();
        st.set_slot(x, NONE, d);
        self.score_starts(st, &mut buf, x);
        st.rollback();
        buf.cands.clear();
        let nt = st.m.num_times();
        for &t in st.m.start_domain(st.m.slot_event[x], d) {
            if t != old && t as usize + d as usize <= nt {
                let c: u32 = buf.score[t as usize..(t + d) as usize].iter().sum();
                buf.cands.push((c, rng.r#gen(), t));
            }
        }
        buf.cands.sort_unstable();
        buf.cands.truncate(TRIALS);
        // Each candidate is tried in full (the ejected re-seated); the cheapest is applied again
        // from the same random draws, for the search to judge.
        let mut best: Option<(i64, u32, SmallRng)> = None;
        for i in 0..buf.cands.len() {
            let t = buf.cands[i].2;
            let saved = rng.clone();
            st.begin();
            self.displace_to(st, &mut buf, x, t, rng);
            let cost = st.evaluate().scalar();
            st.rollback();
            if best.as_ref().is_none_or(|b| cost < b.0) {
                best = Some((cost, t, saved));
            }
        }
        let moved = if let Some((_, t, mut saved)) = best {
            st.begin();
            self.displace_to(st, &mut buf, x, t, &mut saved);
            true
        } else {
            false
        };
        self.displace = buf;
        moved
    }

    /// Moves `x` to start `t` and re-seats what it displaces (see the module).
    fn displace_to(
        &self,
        st: &mut State,
        buf: &mut Displace,
        x: usize,
        t: u32,
        rng: &mut SmallRng,
    ) {
        buf.moved.clear();
        buf.queue.clear();
        let old = st.start[x];
        self.put(st, buf, x, old, t, 0, rng);
        while let Some((y, level)) = buf.queue.pop() {
            if buf.moved.len() >= MAX_MOVED {
                break;
            }
            self.reseat(st, buf, y, level, rng);
        }
    }

    /// Moves slot `s` to its least-displacing other start; queues what it now meets through
    /// its preassigned resources when `level` is below the depth. False when it cannot move.
    fn reseat(
        &self,
        st: &mut State,
        buf: &mut Displace,
        s: usize,
        level: usize,
        rng: &mut SmallRng,
    ) -> bool {
        let (old, d) = (st.start[s], st.dur[s]);
        if d == 0 || old == NONE || buf.moved.contains(&s) {
            return false;
        }
        // Off the timetable while the starts are scored, so it does not count against itself.
        st.set_slot(s, NONE, d);
        let Some(t) = self.least_displacing(st, buf, s, old, d, rng) else {
            st.set_slot(s, old, d);
            return false;
        };
        self.put(st, buf, s, old, t, level, rng);
        true
    }

    /// Puts slot `s` (from `old`) at `t`, with its linked partners and open resources, and
    /// queues what it meets there.
    #[allow(clippy::too_many_arguments)]
    fn put(
        &self,
        st: &mut State,
        buf: &mut Displace,
        s: usize,
        old: u32,
        t: u32,
        level: usize,
        rng: &mut SmallRng,
    ) {
        let m = st.m;
        let d = st.dur[s];
        st.set_slot(s, t, d);
        buf.moved.push(s);
        follow(st, s, old, t, rng);
        repair_resources(st, s, rng);
        if level >= DEPTH {
            return;
        }
        let nt = m.num_times();
        for r in hard_fixed(m, m.slot_event[s]) {
            // Only resources now clashing in the new window have someone to eject.
            if (t..t + d).all(|u| st.busy[r as usize * nt + u as usize] <= 1) {
                continue;
            }
            for &y in self.peers(r) {
                let y = y as usize;
                let (ys, yd) = (st.start[y], st.dur[y]);
                if y == s || yd == 0 || ys == NONE || ys >= t + d || t >= ys + yd {
                    continue;
                }
                if !buf.moved.contains(&y) && !buf.queue.iter().any(|&(q, _)| q == y) {
                    buf.queue.push((y, level + 1));
                }
            }
        }
    }

    /// The start (other than `old`) of slot `s`, not on the timetable, whose window meets the
    /// fewest busy times of its hard-clash preassigned resources; random among equals. None when
    /// no other start exists.
    fn least_displacing(
        &self,
        st: &State,
        buf: &mut Displace,
        s: usize,
        old: u32,
        d: u32,
        rng: &mut SmallRng,
    ) -> Option<u32> {
        let m = st.m;
        let nt = m.num_times();
        self.score_starts(st, buf, s);
        let (mut best, mut pick, mut ties) = (u32::MAX, None, 0u32);
        for &t in m.start_domain(m.slot_event[s], d) {
            if t == old || t as usize + d as usize > nt {
                continue;
            }
            let c: u32 = buf.score[t as usize..(t + d) as usize].iter().sum();
            if c < best {
                (best, pick, ties) = (c, Some(t), 1);
            } else if c == best {
                ties += 1;
                if rng.gen_range(0..ties) == 0 {
                    pick = Some(t);
                }
            }
        }
        pick
    }

    /// Per time, into `buf.score`: the busy units of slot `s`'s hard-clash preassigned
    /// resources, those of sub-events that cannot move weighing `FIXED` each.
    fn score_starts(&self, st: &State, buf: &mut Displace, s: usize) {
        buf.score.clear();
        buf.score.resize(st.m.num_times(), 0);
        self.add_start_scores(st, s, |_| 1, &mut buf.movable, &mut buf.score);
    }

    /// Adds, per time, into `score`: for each hard-clash preassigned resource of slot `s`,
    /// `weight(y)` for every movable sub-event `y` holding it then and `FIXED` for each busy unit
    /// no movable one explains (a locked sub-event). `count` is scratch.
    pub(crate) fn add_start_scores(
        &self,
        st: &State,
        s: usize,
        weight: impl Fn(usize) -> u32,
        count: &mut Vec<u32>,
        score: &mut [u32],
    ) {
        let m = st.m;
        let nt = m.num_times();
        for r in hard_fixed(m, m.slot_event[s]) {
            count.clear();
            count.resize(nt, 0);
            for &y in self.peers(r) {
                let y = y as usize;
                let (ys, yd) = (st.start[y], st.dur[y]);
                if yd == 0 || ys == NONE {
                    continue;
                }
                let w = weight(y);
                for u in ys..(ys + yd).min(nt as u32) {
                    count[u as usize] += 1;
                    score[u as usize] += w;
                }
            }
            let row = &st.busy[r as usize * nt..][..nt];
            for ((score, &busy), &movable) in score.iter_mut().zip(row).zip(count.iter()) {
                let busy = busy as u32;
                *score += FIXED * (busy - movable.min(busy));
            }
        }
    }

    /// Adds to `out` (once each) the placed movable sub-events that hold a hard-clash
    /// preassigned resource of slot `s` somewhere in the window of `d` times from `t`.
    pub(crate) fn meeting(&self, st: &State, s: usize, t: u32, d: u32, out: &mut Vec<usize>) {
        let m = st.m;
        for r in hard_fixed(m, m.slot_event[s]) {
            for &y in self.peers(r) {
                let y = y as usize;
                let (ys, yd) = (st.start[y], st.dur[y]);
                if y == s || yd == 0 || ys == NONE || ys >= t + d || t >= ys + yd {
                    continue;
                }
                if !out.contains(&y) {
                    out.push(y);
                }
            }
        }
    }
}

/// The preassigned resources of event `e` that must never be busy twice at a time.
fn hard_fixed(m: &Model, e: u32) -> impl Iterator<Item = u32> + '_ {
    m.roles(e)
        .map(|fr| m.role_fixed[fr])
        .filter(move |&r| r != NONE && hard_clash(m, r))
}

#[cfg(test)]
#[path = "displace_tests.rs"]
mod tests;
