//! Relations among events, last-of-day, distinct resources and zone changes → monitors.
//!
//! Day and position tables (layouts) and zone tables are rows of the model's lists, shared by
//! every monitor that uses the same table: a school compiles hundreds of such rules over the
//! same few layouts.

use super::NONE;
use super::compile_monitors::Checker;
use super::csr::Csr;
use super::monitor::MonitorKind;
use super::spec::{ConstraintKind, TimeLayout};
use crate::error::SolverError;
use std::collections::BTreeMap;

/// Rows already pushed, by content, so identical tables are stored once.
#[derive(Default)]
pub(super) struct Tables {
    rows: BTreeMap<Vec<u32>, u32>,
}

impl Tables {
    fn row(&mut self, lists: &mut Csr, items: Vec<u32>) -> u32 {
        if let Some(&r) = self.rows.get(&items) {
            return r;
        }
        let r = lists.push_row(items.iter().copied());
        self.rows.insert(items, r);
        r
    }
}

/// Each time's day index then each time's position, checked against the model.
fn layout_row(
    ck: &Checker,
    layout: &TimeLayout,
    nt: u32,
    lists: &mut Csr,
    tables: &mut Tables,
) -> Result<u32, SolverError> {
    let nt = nt as usize;
    if !layout.positions.is_empty() && layout.positions.len() != nt {
        return Err(ck.err("posiciones", layout.positions.len() as u32));
    }
    let mut items = vec![NONE; 2 * nt];
    for (day, g) in layout.days.iter().enumerate() {
        let g = ck.group(g.0)?;
        for (rank, t) in ck.b.time_groups[g as usize].iter().enumerate() {
            let t = ck.time(t.0)? as usize;
            items[t] = day as u32;
            items[nt + t] = layout.positions.get(t).copied().unwrap_or(rank as u32);
        }
    }
    Ok(tables.row(lists, items))
}

/// The monitors of one constraint of the kinds this module handles (none for other kinds).
pub(super) fn monitors(
    ck: &Checker,
    kind: &ConstraintKind,
    role_base: &[u32],
    nt: u32,
    lists: &mut Csr,
    tables: &mut Tables,
) -> Result<Vec<MonitorKind>, SolverError> {
    let mut out = Vec::new();
    match kind {
        ConstraintKind::RelateEvents {
            groups,
            relation,
            layout,
        } => {
            let layout = layout_row(ck, layout, nt, lists, tables)?;
            for g in groups {
                let es: Result<Vec<u32>, _> = g.iter().map(|e| ck.event(e.0)).collect();
                out.push(MonitorKind::Relate {
                    event_list: lists.push_row(es?),
                    relation: *relation,
                    layout,
                });
            }
        }
        ConstraintKind::EndsDay { events, days } => {
            let gs: Result<Vec<u32>, _> = days.iter().map(|g| ck.group(g.0)).collect();
            let days = tables.row(lists, gs?);
            for (e, resources) in events {
                let rs: Result<Vec<u32>, _> = resources.iter().map(|r| ck.resource(r.0)).collect();
                let mut rs = rs?;
                rs.sort_unstable();
                rs.dedup();
                out.push(MonitorKind::EndsDay {
                    event: ck.event(e.0)?,
                    resources: tables.row(lists, rs),
                    days,
                });
            }
        }
        ConstraintKind::LimitDistinctResources { groups, max } => {
            for g in groups {
                let rs: Result<Vec<u32>, _> = g.iter().map(|er| ck.role(role_base, *er)).collect();
                out.push(MonitorKind::Distinct {
                    role_list: lists.push_row(rs?),
                    max: *max,
                });
            }
        }
        ConstraintKind::LimitZoneChanges {
            groups,
            zones,
            layout,
            limit,
        } => {
            let layout = layout_row(ck, layout, nt, lists, tables)?;
            let mut table = vec![NONE; ck.b.resource_names.len()];
            for &(r, zone) in zones {
                table[ck.resource(r.0)? as usize] = zone;
            }
            let zones = tables.row(lists, table);
            for g in groups {
                let rs: Result<Vec<u32>, _> = g.iter().map(|er| ck.role(role_base, *er)).collect();
                out.push(MonitorKind::Zones {
                    role_list: lists.push_row(rs?),
                    zones,
                    layout,
                    limit: *limit,
                });
            }
        }
        _ => {}
    }
    Ok(out)
}
