//! Start-time domains: where a sub-event of each duration may start. Starts that certainly
//! violate a hard constraint of the event alone (a hard preferred-times constraint, or a hard
//! unavailable time of a preassigned resource) are left out, unless nothing would remain.

use super::monitor::MonitorKind;
use super::{Model, NONE};

pub(super) fn start_domains(model: &mut Model) {
    let nt = model.num_times() as u32;
    let mut start_base = Vec::with_capacity(model.events.len());
    let mut starts = super::csr::Csr::new();
    let mut row = 0u32;
    let mut start_bits = Vec::new();
    let mut blocked = vec![false; nt as usize];
    let mut sets = Vec::new();
    for e in 0..model.events.len() as u32 {
        start_base.push(row);
        let duration = model.events[e as usize].duration;
        // Hard unavailable times of the event's preassigned resources.
        blocked.fill(false);
        for fr in model.roles(e) {
            let r = model.role_fixed[fr];
            if r == NONE {
                continue;
            }
            for &m in model.resource_monitors.row(r) {
                let mon = &model.monitors[m as usize];
                if let (true, MonitorKind::Unavailable { time_list, .. }) = (mon.hard, mon.kind) {
                    for &t in model.lists.row(time_list) {
                        blocked[t as usize] = true;
                    }
                }
            }
        }
        for d in 1..=duration {
            // The hard preferred-times sets that bind a sub-event of this duration, gathered
            // once rather than looked for among the event's monitors at every time.
            sets.clear();
            for &m in model.event_monitors.row(e) {
                let mon = &model.monitors[m as usize];
                if let MonitorKind::PreferTimes {
                    set, duration: pd, ..
                } = mon.kind
                    && mon.hard
                    && (pd == 0 || pd == d)
                {
                    sets.push(set);
                }
            }
            let fits: Vec<u32> = (0..nt).filter(|&t| t + d <= nt).collect();
            let preferred: Vec<u32> = fits
                .iter()
                .copied()
                .filter(|&t| sets.iter().all(|&set| model.bits.contains(set, t)))
                .collect();
            let available: Vec<u32> = preferred
                .iter()
                .copied()
                .filter(|&t| (t..t + d).all(|x| !blocked[x as usize]))
                .collect();
            let chosen = if !available.is_empty() {
                available
            } else if !preferred.is_empty() {
                preferred
            } else {
                fits
            };
            start_bits.push(model.bits.push(nt, chosen.iter().copied()));
            starts.push_row(chosen);
            row += 1;
        }
    }
    model.start_base = start_base;
    model.starts = starts;
    model.start_bits = start_bits;
}

/// Open roles: resources a hard preferred-resources constraint of the role rules out are left out
/// of the role's domain, unless nothing would remain.
pub(super) fn role_domains(model: &mut Model) {
    let mut domains = super::csr::Csr::new();
    for fr in 0..model.role_event.len() as u32 {
        let e = model.role_event[fr as usize];
        let full = model.role_domain.row(fr);
        let kept: Vec<u32> = full
            .iter()
            .copied()
            .filter(|&r| {
                model.event_monitors.row(e).iter().all(|&m| {
                    let mon = &model.monitors[m as usize];
                    match mon.kind {
                        MonitorKind::PreferResources { role, set, .. }
                            if mon.hard && role == fr =>
                        {
                            model.bits.contains(set, r)
                        }
                        _ => true,
                    }
                })
            })
            .collect();
        if kept.is_empty() {
            domains.push_row(full.to_vec());
        } else {
            domains.push_row(kept);
        }
    }
    model.role_domain = domains;
}
