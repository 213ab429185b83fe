//! Split options: for each event, the ways to cut its free duration into sub-events that cost
//! least under the event's own split constraints (which depend on durations alone), and the
//! classes of events a hard link constraint ties together.

use super::csr::Csr;
use super::monitor::{MonitorKind, outside};
use super::{Model, NONE};
use crate::split::partitions;

/// Partitions enumerated per event; enough for durations up to about 15.
const MAX_PARTITIONS: usize = 400;
/// Options kept per event.
const MAX_OPTIONS: usize = 12;

/// Hard and soft cost of the event's split and distribute monitors for these sub-event durations.
fn split_cost(model: &Model, e: u32, durations: &[u32]) -> (i64, i64) {
    let (mut hard, mut soft) = (0, 0);
    for &mi in model.event_monitors.row(e) {
        let mon = &model.monitors[mi as usize];
        let dev = match mon.kind {
            MonitorKind::Split {
                min_duration,
                max_duration,
                min_amount,
                max_amount,
                ..
            } => {
                let bad = durations
                    .iter()
                    .filter(|&&d| d < min_duration || d > max_duration)
                    .count() as i64;
                bad + outside(durations.len() as i64, min_amount, max_amount)
            }
            MonitorKind::Distribute {
                duration, min, max, ..
            } => outside(
                durations.iter().filter(|&&d| d == duration).count() as i64,
                min,
                max,
            ),
            _ => continue,
        };
        let c = mon.cost_function.cost(mon.weight, dev);
        if mon.hard {
            hard += c;
        } else {
            soft += c;
        }
    }
    (hard, soft)
}

pub(super) fn split_options(model: &mut Model) {
    let mut options = Csr::new();
    let mut first = Vec::with_capacity(model.events.len() + 1);
    for e in 0..model.events.len() as u32 {
        first.push(options_len(&options));
        let locked: Vec<u32> = model
            .slots(e)
            .filter(|&s| model.slot_locked[s])
            .map(|s| model.slot_locked_duration[s])
            .collect();
        let free = model.slots(e).filter(|&s| !model.slot_locked[s]).count() as u32;
        if free == 0 {
            continue;
        }
        let mut found: Vec<((i64, i64, usize), Vec<u32>)> = Vec::new();
        let mut all = locked.clone();
        partitions(free, MAX_PARTITIONS, &mut |parts| {
            all.truncate(locked.len());
            all.extend_from_slice(parts);
            let (h, s) = split_cost(model, e, &all);
            found.push(((h, s, parts.len()), parts.to_vec()));
        });
        // Stable: among equal costs, the enumeration order (longest pieces first) wins.
        found.sort_by_key(|(k, _)| *k);
        let best_hard = found.first().map_or(0, |(k, _)| k.0);
        for (_, parts) in found
            .into_iter()
            .filter(|(k, _)| k.0 == best_hard)
            .take(MAX_OPTIONS)
        {
            options.push_row(parts);
        }
    }
    first.push(options_len(&options));
    model.split_first = first;
    model.split_parts = options;
}

fn options_len(c: &Csr) -> u32 {
    c.len() as u32
}

/// Events joined by hard link constraints share a class; moves carry a class along together.
pub(super) fn link_classes(model: &mut Model) {
    let n = model.events.len();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn find(p: &mut [u32], mut x: u32) -> u32 {
        while p[x as usize] != x {
            p[x as usize] = p[p[x as usize] as usize];
            x = p[x as usize];
        }
        x
    }
    for mon in &model.monitors {
        if let (true, MonitorKind::Link { event_list }) = (mon.hard, mon.kind) {
            let events = model.lists.row(event_list);
            for w in events.windows(2) {
                let (a, b) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
                if a != b {
                    parent[a as usize] = b;
                }
            }
        }
    }
    let mut pairs = Vec::new();
    for e in 0..n as u32 {
        let root = find(&mut parent, e);
        pairs.push((root, e));
    }
    let members = Csr::from_pairs(n, &pairs);
    model.link_class = (0..n as u32)
        .map(|e| {
            let root = find(&mut parent, e);
            if members.row(root).len() > 1 {
                root
            } else {
                NONE
            }
        })
        .collect();
    model.link_members = members;
}
