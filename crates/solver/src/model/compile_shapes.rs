//! Same-resource-if-consecutive constraints → monitors, with the day and position of each time
//! in one row of the model's lists.

use super::compile_monitors::Checker;
use super::csr::Csr;
use super::monitor::MonitorKind;
use super::spec::{EventRole, TimeLayout};
use crate::error::SolverError;
use crate::model::NONE;

pub(super) fn same_if_consecutive(
    ck: &Checker,
    groups: &[Vec<EventRole>],
    layout: &TimeLayout,
    role_base: &[u32],
    nt: u32,
    lists: &mut Csr,
) -> Result<Vec<MonitorKind>, SolverError> {
    let nt = nt as usize;
    if !layout.positions.is_empty() && layout.positions.len() != nt {
        return Err(ck.err("posiciones", layout.positions.len() as u32));
    }
    // Each time's day (`NONE`: in no day), then its position inside the day.
    let mut items = vec![NONE; 2 * nt];
    for (day, g) in layout.days.iter().enumerate() {
        let g = ck.group(g.0)?;
        for (rank, t) in ck.b.time_groups[g as usize].iter().enumerate() {
            let t = ck.time(t.0)? as usize;
            items[t] = day as u32;
            items[nt + t] = layout.positions.get(t).copied().unwrap_or(rank as u32);
        }
    }
    let row = lists.push_row(items);
    let mut out = Vec::new();
    for g in groups {
        let roles: Result<Vec<u32>, _> = g.iter().map(|er| ck.role(role_base, *er)).collect();
        out.push(MonitorKind::SameIfConsecutive {
            role_list: lists.push_row(roles?),
            layout: row,
        });
    }
    Ok(out)
}
