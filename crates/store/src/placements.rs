//! Timetable versions and their placements (kept in their own table with real columns).

use crate::error::{Result, StoreError};
use crate::records::{KnownIds, check_references, create_in};
use crate::tenant_sql::TenantConn;
use crate::tenant_store::{TenantStore, in_tenant_tx};
use crate::tenants::is_unique_violation;
use domain::{Id, Placement, Record, Timetable};
use std::collections::HashSet;

/// Checks and inserts placements of one timetable (with no placements yet), whatever timetable
/// id they carry. Field errors are named `placements[i].field`.
pub(crate) async fn insert_placements_in<C: TenantConn>(
    conn: &mut C,
    timetable_id: Id,
    placements: &[Placement],
    known: &mut KnownIds,
) -> Result<usize> {
    let mut units = HashSet::new();
    let mut checked = Vec::with_capacity(placements.len());
    for (i, p) in placements.iter().enumerate() {
        let mut p = p.clone();
        p.timetable_id = timetable_id;
        let prefix = format!("placements[{i}]");
        check_placement(conn, &p, known)
            .await
            .map_err(|e| e.within(&prefix))?;
        if !units.insert((p.lesson_id, p.unit)) {
            return Err(unit_taken(&p).within(&prefix));
        }
        checked.push(p);
    }
    conn.insert_placements(&checked).await?;
    Ok(checked.len())
}

async fn check_placement<C: TenantConn>(
    conn: &mut C,
    p: &Placement,
    known: &mut KnownIds,
) -> Result<()> {
    use domain::Resource;
    p.validate()?;
    check_references(conn, p, known).await?;
    Ok(())
}

fn unit_taken(p: &Placement) -> StoreError {
    StoreError::Conflict {
        field: "unit".into(),
        message: format!(
            "el bloque {} de la clase {} ya está ubicado en este horario; mueva la ubicación existente",
            p.unit, p.lesson_id
        ),
    }
}

fn duplicate_unit(e: StoreError, p: &Placement) -> StoreError {
    match e {
        StoreError::Database(db) if is_unique_violation(&db) => unit_taken(p),
        other => other,
    }
}

impl TenantStore {
    /// The placements of a timetable, in id order (empty for an unknown timetable).
    pub async fn placements(&self, timetable_id: Id) -> Result<Vec<Record<Placement>>> {
        Ok(in_tenant_tx!(self, read, |conn| conn
            .fetch_placements(timetable_id)
            .await?))
    }

    pub async fn get_placement(&self, id: Id) -> Result<Option<Record<Placement>>> {
        Ok(in_tenant_tx!(self, read, |conn| conn
            .fetch_placement(id)
            .await?))
    }

    /// Stores a new timetable version with its placements in one transaction (the placements'
    /// `timetable_id` is set to the new timetable's id).
    pub async fn save_timetable(
        &self,
        tt: &Timetable,
        placements: &[Placement],
    ) -> Result<Record<Timetable>> {
        Ok(in_tenant_tx!(self, write, |conn| {
            let mut known = KnownIds::default();
            let record = create_in(conn, tt, &mut known).await?;
            insert_placements_in(conn, record.id, placements, &mut known).await?;
            record
        }))
    }

    /// Replaces all placements of an existing timetable in one transaction; returns how many
    /// were written. NotFound when the timetable does not exist.
    pub async fn replace_placements(
        &self,
        timetable_id: Id,
        placements: &[Placement],
    ) -> Result<usize> {
        Ok(in_tenant_tx!(self, write, |conn| {
            if conn
                .fetch_record(<Timetable as domain::Resource>::COLLECTION, timetable_id)
                .await?
                .is_none()
            {
                return Err(no_such_timetable(timetable_id));
            }
            conn.delete_placements(timetable_id).await?;
            insert_placements_in(conn, timetable_id, placements, &mut KnownIds::default()).await?
        }))
    }

    /// Moves or changes one placement (a manual edit). It stays in its timetable: a different
    /// `timetable_id` is an InvalidReference. None when there is no such placement.
    pub async fn update_placement(
        &self,
        id: Id,
        p: &Placement,
    ) -> Result<Option<Record<Placement>>> {
        Ok(in_tenant_tx!(self, write, |conn| {
            match conn.fetch_placement(id).await? {
                None => None,
                Some(current) => {
                    if current.data.timetable_id != p.timetable_id {
                        return Err(StoreError::InvalidReference {
                            field: "timetable_id".into(),
                            message: format!(
                                "la ubicación pertenece al horario {}; no puede pasar a otro",
                                current.data.timetable_id
                            ),
                        });
                    }
                    check_placement(conn, p, &mut KnownIds::default()).await?;
                    conn.update_placement(id, p)
                        .await
                        .map_err(|e| duplicate_unit(e, p))?;
                    Some(Record {
                        id,
                        data: p.clone(),
                    })
                }
            }
        }))
    }

    /// Locks or unlocks a placement (a locked one stays put when re-solving); false when there
    /// is no such placement.
    pub async fn set_locked(&self, placement_id: Id, locked: bool) -> Result<bool> {
        Ok(in_tenant_tx!(self, write, |conn| conn
            .set_locked(placement_id, locked)
            .await?))
    }
}

fn no_such_timetable(id: Id) -> StoreError {
    StoreError::NotFound(format!(
        "no existe el horario {id}; consulte los horarios existentes"
    ))
}
