//! Deviation of the same-resource-if-consecutive monitors: pairs of sub-events of different
//! events that follow each other directly on one day but hold different resources.

use crate::model::NONE;
use crate::state::State;

impl State<'_> {
    pub(super) fn dev_same_if_consecutive(&self, role_list: u32, layout: u32) -> i64 {
        let nt = self.m.num_times();
        let row = self.m.lists.row(layout);
        let (day, pos) = (&row[..nt], &row[nt..]);
        // (event, day, first position, last position, resource) of every placed sub-event.
        let mut placed = Vec::new();
        for &fr in self.m.lists.row(role_list) {
            let e = self.m.role_event[fr as usize];
            let k = (fr - self.m.role_base[e as usize]) as usize;
            for s in self.m.slots(e) {
                let (start, dur) = (self.start[s], self.dur[s]);
                if dur == 0 || start == NONE {
                    continue;
                }
                let last = (start + dur - 1) as usize;
                let (d, r) = (day[start as usize], self.resource(s, k));
                if d != NONE && day[last] == d && r != NONE {
                    placed.push((e, d, pos[start as usize], pos[last], r));
                }
            }
        }
        let mut dev = 0;
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                let follows = a.1 == b.1 && (a.3 + 1 == b.2 || b.3 + 1 == a.2);
                if a.0 != b.0 && follows && a.4 != b.4 {
                    dev += 1;
                }
            }
        }
        dev
    }
}
