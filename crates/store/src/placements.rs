//! Timetable versions and their placements (kept in their own table with real columns).
//!
//! Every write of a timetable's placements bumps the timetable's revision in the same
//! transaction (see [`crate::revisions`]), so that servers holding it in memory notice.

use crate::error::{Result, StoreError};
use crate::import::load_in;
use crate::records::{KnownIds, check_references, create_in, from_document};
use crate::revisions::{Revision, RevisionConn};
use crate::tenant_sql::TenantConn;
use crate::tenant_store::{TenantStore, in_tenant_tx};
use crate::tenants::is_unique_violation;
use domain::{Id, Placement, Record, SchoolData, Timetable};
use std::collections::HashSet;

/// A timetable, its school and its placements read in one snapshot, with the revisions they
/// were read at: what a server needs to hold the timetable in memory and edit it safely.
#[derive(Debug, Clone)]
pub struct TimetableSnapshot {
    pub timetable: Record<Timetable>,
    pub school: SchoolData,
    pub placements: Vec<Record<Placement>>,
    pub revision: Revision,
}

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
            if conn.bump_timetable(timetable_id, None).await?.is_none() {
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
                    conn.bump_timetable(p.timetable_id, None).await?;
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
        Ok(in_tenant_tx!(self, write, |conn| {
            match conn.fetch_placement(placement_id).await? {
                None => false,
                Some(current) => {
                    conn.set_locked(placement_id, locked).await?;
                    conn.bump_timetable(current.data.timetable_id, None).await?;
                    true
                }
            }
        }))
    }

    /// Locks or unlocks placement `placement_id` of timetable `timetable_id`: the placement as
    /// it is now and the timetable's new revision, or None when the timetable has no such
    /// placement.
    pub async fn lock_placement(
        &self,
        timetable_id: Id,
        placement_id: Id,
        locked: bool,
    ) -> Result<Option<(Record<Placement>, i64)>> {
        Ok(in_tenant_tx!(self, write, |conn| {
            match conn.fetch_placement(placement_id).await? {
                Some(mut record) if record.data.timetable_id == timetable_id => {
                    conn.set_locked(placement_id, locked).await?;
                    let revision = conn
                        .bump_timetable(timetable_id, None)
                        .await?
                        .ok_or_else(|| no_such_timetable(timetable_id))?;
                    record.data.locked = locked;
                    Some((record, revision))
                }
                _ => None,
            }
        }))
    }

    /// The timetable with its school and placements, read in one snapshot with their
    /// revisions; None when there is no such timetable.
    pub async fn timetable_snapshot(&self, timetable_id: Id) -> Result<Option<TimetableSnapshot>> {
        use domain::Resource;
        Ok(in_tenant_tx!(self, snapshot, |conn| {
            match conn
                .fetch_record(Timetable::COLLECTION, timetable_id)
                .await?
            {
                None => None,
                Some(doc) => {
                    let timetable = from_document::<Timetable>(timetable_id, doc)?;
                    let timetable_revision = conn
                        .timetable_revision(timetable_id)
                        .await?
                        .ok_or_else(|| no_such_timetable(timetable_id))?;
                    let school_revision = conn.school_revision().await?;
                    let school = load_in(conn).await?;
                    let placements = conn.fetch_placements(timetable_id).await?;
                    Some(TimetableSnapshot {
                        timetable,
                        school,
                        placements,
                        revision: Revision {
                            timetable: timetable_revision,
                            school: school_revision,
                        },
                    })
                }
            }
        }))
    }

    /// Writes changed placements of one timetable in one transaction: all of them or none
    /// (a swap changes two). With `expected`, only while the timetable and the school data
    /// are still at those revisions: otherwise [`StoreError::Stale`] and nothing is written.
    /// NotFound when the timetable does not exist or a placement is not one of its own.
    /// Returns the placements as stored and the timetable's new revision.
    pub async fn write_placements(
        &self,
        timetable_id: Id,
        expected: Option<Revision>,
        changes: &[(Id, Placement)],
    ) -> Result<(Vec<Record<Placement>>, i64)> {
        Ok(in_tenant_tx!(self, write, |conn| {
            // The bump comes first: on PostgreSQL it locks the timetable's row, so writers of
            // one timetable queue here and each sees the revision the previous one left.
            let Some(revision) = conn
                .bump_timetable(timetable_id, expected.map(|e| e.timetable))
                .await?
            else {
                return Err(match conn.timetable_revision(timetable_id).await? {
                    None => no_such_timetable(timetable_id),
                    Some(_) => stale(),
                });
            };
            if let Some(e) = expected
                && conn.school_revision().await? != e.school
            {
                return Err(stale());
            }
            let mut written = Vec::with_capacity(changes.len());
            let mut known = KnownIds::default();
            for (i, (pid, p)) in changes.iter().enumerate() {
                let prefix = format!("placements[{i}]");
                match conn.fetch_placement(*pid).await? {
                    Some(current) if current.data.timetable_id == timetable_id => {}
                    _ => {
                        return Err(StoreError::NotFound(format!(
                            "la ubicación {pid} no pertenece al horario {timetable_id}"
                        )));
                    }
                }
                let mut p = p.clone();
                p.timetable_id = timetable_id;
                check_placement(conn, &p, &mut known)
                    .await
                    .map_err(|e| e.within(&prefix))?;
                conn.update_placement(*pid, &p)
                    .await
                    .map_err(|e| duplicate_unit(e, &p).within(&prefix))?;
                written.push(Record { id: *pid, data: p });
            }
            (written, revision)
        }))
    }
}

fn stale() -> StoreError {
    StoreError::Stale(
        "el horario cambió desde que se abrió (otra persona, otro servidor o un cambio de datos); recargue y vuelva a intentarlo"
            .into(),
    )
}

fn no_such_timetable(id: Id) -> StoreError {
    StoreError::NotFound(format!(
        "no existe el horario {id}; consulte los horarios existentes"
    ))
}
