//! Re-times every single-period lesson of a clashing resource at once by a minimum-cost
//! assignment. On a tight timetable (every class and teacher busy almost every time) single
//! moves and swaps trade one clash for another and closed Kempe chains mostly relabel two times;
//! but with the rest of the timetable fixed, the best way to lay out one class's lessons over
//! its free times is an assignment problem, solved exactly here. The cost of a lesson at a time
//! is how many of its other resources are already busy there, plus a little noise so equal
//! layouts are drawn at random; the search's acceptance judges the result by the true cost.

use super::moves::{Neighbourhood, follow, repair_resources};
use super::target::violated_clash;
use crate::model::NONE;
use crate::state::State;
use rand::Rng;
use rand::rngs::SmallRng;

/// Largest set of lessons (rows) and times (columns) re-timed at once: the assignment costs
/// rows² × columns steps.
const MAX_ROWS: usize = 64;
const MAX_COLS: usize = 128;
/// Cost of a time a lesson may not start at.
const FORBIDDEN: i64 = 1 << 40;
/// Weight of one busy resource against the noise drawn from `0..NOISE`.
const SCALE: i64 = 16;
const NOISE: i64 = 8;

/// Buffers of the assignment, reused between moves.
#[derive(Default)]
pub(crate) struct Rematch {
    rows: Vec<u32>,
    cols: Vec<u32>,
    here: Vec<u32>,
    cost: Vec<i64>,
    u: Vec<i64>,
    v: Vec<i64>,
    owner: Vec<usize>,
    way: Vec<usize>,
    minv: Vec<i64>,
    used: Vec<bool>,
}

impl Neighbourhood {
    /// False, state untouched, when no violated clash of a preassigned resource was drawn or
    /// the best layout is the current one.
    pub(super) fn rematch(&mut self, st: &mut State, rng: &mut SmallRng) -> bool {
        let Some(r) = violated_clash(st, rng) else {
            return false;
        };
        // Half the time a partner of the clash instead: another preassigned resource of a
        // lesson at the clashing time. Laying out its lessons again moves that lesson away
        // without leaving a hole in a resource busy at every time (a class), which re-timing
        // the clashing resource (a teacher) alone cannot. Abramson15, 2.5 M moves, seeds 1-6:
        // 52 clashes left in all against 63 without.
        let r = if rng.gen_bool(0.5) {
            self.clash_partner(st, r, rng).unwrap_or(r)
        } else {
            r
        };
        let m = st.m;
        let nt = m.num_times();
        let row = r as usize * nt;
        let mut a = std::mem::take(&mut self.rematch);
        a.rows.clear();
        a.cols.clear();
        a.here.clear();
        a.here.resize(nt, 0);
        for &s in self.peers(r) {
            if st.dur[s as usize] == 1 && st.start[s as usize] != NONE {
                a.rows.push(s);
                a.here[st.start[s as usize] as usize] += 1;
            }
        }
        // Times where `r` is free or busy only with the lessons being re-timed.
        for t in 0..nt {
            if u32::from(st.busy[row + t]) == a.here[t] {
                a.cols.push(t as u32);
            }
        }
        let (n, w) = (a.rows.len(), a.cols.len());
        let ok = (2..=MAX_ROWS).contains(&n) && n <= w && w <= MAX_COLS;
        let moved = ok && {
            a.fill_costs(st, r, rng);
            a.solve();
            apply(&a, st, rng)
        };
        self.rematch = a;
        moved
    }
}

impl Neighbourhood {
    /// A preassigned resource other than `r` of a sub-event holding `r` at a clashing time,
    /// when the assignment lays out all its lessons: each single-period and not hard-linked (a
    /// partial layout, or linked partners dragged along, mostly breaks more than it repairs:
    /// worse on ZA-WD-09 without this).
    fn clash_partner(&self, st: &State, r: u32, rng: &mut SmallRng) -> Option<u32> {
        let m = st.m;
        let row = r as usize * m.num_times();
        let peers = self.peers(r);
        if peers.is_empty() {
            return None;
        }
        for _ in 0..8 {
            let s = peers[rng.gen_range(0..peers.len())] as usize;
            let (t, d) = (st.start[s], st.dur[s]);
            if d == 0 || t == NONE || (t..t + d).all(|u| st.busy[row + u as usize] <= 1) {
                continue;
            }
            let roles = m.roles(m.slot_event[s]);
            let q = m.role_fixed[roles.start + rng.gen_range(0..roles.len())];
            if q != NONE && q != r && self.all_single(st, q) {
                return Some(q);
            }
        }
        None
    }
}

impl Neighbourhood {
    fn all_single(&self, st: &State, q: u32) -> bool {
        let m = st.m;
        self.peers(q).iter().all(|&p| {
            let p = p as usize;
            st.dur[p] <= 1 && m.link_class[m.slot_event[p] as usize] == NONE
        })
    }
}

impl Rematch {
    fn fill_costs(&mut self, st: &State, r: u32, rng: &mut SmallRng) {
        let m = st.m;
        let nt = m.num_times();
        let w = self.cols.len();
        self.cost.clear();
        for &s in &self.rows {
            let s = s as usize;
            let e = m.slot_event[s];
            for &t in &self.cols {
                let mut c = 0i64;
                if !m.start_allowed(e, 1, t) {
                    c = FORBIDDEN;
                } else {
                    let mine = i64::from(st.start[s] == t);
                    for k in 0..m.roles(e).len() {
                        let q = st.resource(s, k);
                        if q != NONE && q != r {
                            c += (i64::from(st.busy[q as usize * nt + t as usize]) - mine) * SCALE;
                        }
                    }
                    c += rng.gen_range(0..NOISE);
                }
                self.cost.push(c);
            }
        }
        debug_assert_eq!(self.cost.len(), self.rows.len() * w);
    }

    /// Minimum-cost assignment of every row to a distinct column (shortest augmenting paths
    /// with potentials). Leaves in `owner[j]` the 1-based row holding column `j` (0: none).
    fn solve(&mut self) {
        let (n, w) = (self.rows.len(), self.cols.len());
        self.u.clear();
        self.u.resize(n + 1, 0);
        self.v.clear();
        self.v.resize(w + 1, 0);
        self.owner.clear();
        self.owner.resize(w + 1, 0);
        self.way.clear();
        self.way.resize(w + 1, 0);
        for i in 1..=n {
            self.owner[0] = i;
            let mut j0 = 0;
            self.minv.clear();
            self.minv.resize(w + 1, i64::MAX);
            self.used.clear();
            self.used.resize(w + 1, false);
            loop {
                self.used[j0] = true;
                let i0 = self.owner[j0];
                let (mut delta, mut j1) = (i64::MAX, 0);
                for j in 1..=w {
                    if self.used[j] {
                        continue;
                    }
                    let cur = self.cost[(i0 - 1) * w + j - 1] - self.u[i0] - self.v[j];
                    if cur < self.minv[j] {
                        self.minv[j] = cur;
                        self.way[j] = j0;
                    }
                    if self.minv[j] < delta {
                        delta = self.minv[j];
                        j1 = j;
                    }
                }
                for j in 0..=w {
                    if self.used[j] {
                        self.u[self.owner[j]] += delta;
                        self.v[j] -= delta;
                    } else {
                        self.minv[j] -= delta;
                    }
                }
                j0 = j1;
                if self.owner[j0] == 0 {
                    break;
                }
            }
            loop {
                let j1 = self.way[j0];
                self.owner[j0] = self.owner[j1];
                j0 = j1;
                if j0 == 0 {
                    break;
                }
            }
        }
    }
}

/// Moves the lessons to their assigned times; false, state untouched, when none changes.
fn apply(a: &Rematch, st: &mut State, rng: &mut SmallRng) -> bool {
    let changed = (1..a.owner.len()).any(|j| {
        let i = a.owner[j];
        i != 0 && st.start[a.rows[i - 1] as usize] != a.cols[j - 1]
    });
    if !changed {
        return false;
    }
    // Any forbidden cell in the optimum means no allowed layout exists.
    if (1..a.owner.len()).any(|j| {
        let i = a.owner[j];
        i != 0 && a.cost[(i - 1) * a.cols.len() + j - 1] >= FORBIDDEN
    }) {
        return false;
    }
    st.begin();
    for j in 1..a.owner.len() {
        let i = a.owner[j];
        if i == 0 {
            continue;
        }
        let (s, t) = (a.rows[i - 1] as usize, a.cols[j - 1]);
        let old = st.start[s];
        if old != t {
            st.set_slot(s, t, 1);
            follow(st, s, old, t, rng);
        }
    }
    for &s in &a.rows {
        repair_resources(st, s as usize, rng);
    }
    true
}
