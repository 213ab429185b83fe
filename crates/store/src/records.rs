//! Generic create/read/update/delete of any school record (`domain::Resource`) with integrity:
//! validation, unique natural keys and references that must exist and cannot dangle.

use crate::error::{Result, StoreError};
use crate::revisions::RevisionConn;
use crate::tenant_sql::TenantConn;
use crate::tenant_store::{TenantStore, in_tenant_tx};
use crate::tenants::is_unique_violation;
use domain::{Id, Level, Placement, Record, Resource, Section, TimeGrid, Timetable};
use serde_json::Value;
use std::collections::HashMap;

/// The field a collection's unique key is made from, so a conflict can point the user at it.
fn key_field(collection: &str) -> &'static str {
    match collection {
        "levels" => "code",
        "sections" => "letter",
        _ => "name",
    }
}

fn conflict<T: Resource>(key: &str) -> StoreError {
    StoreError::Conflict {
        field: key_field(T::COLLECTION).to_string(),
        message: format!(
            "ya existe un(a) {} con la clave «{key}»; use otro valor o modifique el existente",
            T::LABEL
        ),
    }
}

fn placements_elsewhere() -> StoreError {
    StoreError::Config(
        "las ubicaciones se guardan con su horario (save_timetable, update_placement)".into(),
    )
}

fn to_document<T: Resource>(data: &T) -> Result<Value> {
    serde_json::to_value(data).map_err(|e| StoreError::Corrupt(format!("{} ({e})", T::COLLECTION)))
}

pub(crate) fn from_document<T: Resource>(id: Id, data: Value) -> Result<Record<T>> {
    let data = serde_json::from_value(data)
        .map_err(|e| StoreError::Corrupt(format!("{} id {id} ({e})", T::COLLECTION)))?;
    Ok(Record { id, data })
}

/// Ids already known to exist in this transaction, with their collection: bulk writes (imports,
/// a solver's placements) refer to the same few records again and again, and on PostgreSQL
/// every lookup is a round trip.
#[derive(Default)]
pub(crate) struct KnownIds(HashMap<Id, String>);

impl KnownIds {
    pub(crate) fn insert(&mut self, id: Id, collection: &str) {
        self.0.insert(id, collection.to_string());
    }
}

/// Every reference must name an existing record of the expected collection.
pub(crate) async fn check_references<C: TenantConn, T: Resource>(
    conn: &mut C,
    data: &T,
    known: &mut KnownIds,
) -> Result<Vec<(String, Id)>> {
    let mut refs = Vec::new();
    for r in data.references() {
        let found = match known.0.get(&r.id) {
            Some(collection) => Some(collection.clone()),
            None => {
                let found = conn.collection_of(r.id).await?;
                if let Some(c) = &found {
                    known.insert(r.id, c);
                }
                found
            }
        };
        if found.as_deref() != Some(r.collection) {
            return Err(StoreError::InvalidReference {
                field: r.field,
                message: format!(
                    "no existe un registro de {} con id {}; créelo primero o elija uno existente",
                    r.collection, r.id
                ),
            });
        }
        refs.push((r.field, r.id));
    }
    Ok(refs)
}

pub(crate) async fn create_in<C: TenantConn, T: Resource>(
    conn: &mut C,
    data: &T,
    known: &mut KnownIds,
) -> Result<Record<T>> {
    if T::COLLECTION == Placement::COLLECTION {
        return Err(placements_elsewhere());
    }
    data.validate()?;
    let refs = check_references(conn, data, known).await?;
    let key = data.unique_key();
    if let Some(k) = &key
        && conn.find_key(T::COLLECTION, k).await?.is_some()
    {
        return Err(conflict::<T>(k));
    }
    let id = conn
        .insert_record(T::COLLECTION, key.as_deref(), &to_document(data)?)
        .await
        .map_err(|e| unique_to_conflict::<T>(e, key.as_deref()))?;
    conn.insert_refs(id, &refs).await?;
    known.insert(id, T::COLLECTION);
    Ok(Record {
        id,
        data: data.clone(),
    })
}

pub(crate) async fn update_in<C: TenantConn, T: Resource>(
    conn: &mut C,
    id: Id,
    data: &T,
    known: &mut KnownIds,
) -> Result<Option<Record<T>>> {
    if T::COLLECTION == Placement::COLLECTION {
        return Err(placements_elsewhere());
    }
    data.validate()?;
    let refs = check_references(conn, data, known).await?;
    let key = data.unique_key();
    if let Some(k) = &key
        && conn
            .find_key(T::COLLECTION, k)
            .await?
            .is_some_and(|other| other != id)
    {
        return Err(conflict::<T>(k));
    }
    let updated = conn
        .update_record(T::COLLECTION, id, key.as_deref(), &to_document(data)?)
        .await
        .map_err(|e| unique_to_conflict::<T>(e, key.as_deref()))?;
    if !updated {
        return Ok(None);
    }
    conn.replace_refs(id, &refs).await?;
    Ok(Some(Record {
        id,
        data: data.clone(),
    }))
}

/// Two writers can pass the key check at once; the database's UNIQUE constraint decides.
fn unique_to_conflict<T: Resource>(e: sqlx::Error, key: Option<&str>) -> StoreError {
    if is_unique_violation(&e) {
        conflict::<T>(key.unwrap_or_default())
    } else {
        e.into()
    }
}

pub(crate) async fn all_in<C: TenantConn, T: Resource>(conn: &mut C) -> Result<Vec<Record<T>>> {
    conn.list_records(T::COLLECTION, i64::MAX, 0)
        .await?
        .into_iter()
        .map(|(id, data)| from_document(id, data))
        .collect()
}

impl TenantStore {
    /// A page of records in id order, and how many there are in all.
    pub async fn list<T: Resource>(
        &self,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<Record<T>>, i64)> {
        let (rows, total) = in_tenant_tx!(self, snapshot, |conn| {
            let rows = conn
                .list_records(T::COLLECTION, limit.max(0), offset.max(0))
                .await?;
            let total = conn.count_records(T::COLLECTION).await?;
            (rows, total)
        });
        let items = rows
            .into_iter()
            .map(|(id, data)| from_document(id, data))
            .collect::<Result<Vec<_>>>()?;
        Ok((items, total))
    }

    /// Every record of the kind, in id order.
    pub async fn all<T: Resource>(&self) -> Result<Vec<Record<T>>> {
        Ok(in_tenant_tx!(self, read, |conn| all_in::<_, T>(conn).await?))
    }

    pub async fn get<T: Resource>(&self, id: Id) -> Result<Option<Record<T>>> {
        let doc = in_tenant_tx!(self, read, |conn| conn
            .fetch_record(T::COLLECTION, id)
            .await?);
        doc.map(|data| from_document(id, data)).transpose()
    }

    /// Validates, checks references (InvalidReference) and the unique key (Conflict), stores.
    pub async fn create<T: Resource>(&self, data: &T) -> Result<Record<T>> {
        Ok(in_tenant_tx!(self, write, |conn| {
            let record = create_in(conn, data, &mut KnownIds::default()).await?;
            note_change::<_, T>(conn).await?;
            record
        }))
    }

    /// As `create`; None when no record of this kind has the id.
    pub async fn update<T: Resource>(&self, id: Id, data: &T) -> Result<Option<Record<T>>> {
        Ok(in_tenant_tx!(self, write, |conn| {
            let record = update_in(conn, id, data, &mut KnownIds::default()).await?;
            if record.is_some() {
                note_change::<_, T>(conn).await?;
            }
            record
        }))
    }

    /// False when no record of this kind has the id; InUse when another record points at it.
    /// Deleting a timetable deletes its placements.
    pub async fn delete<T: Resource>(&self, id: Id) -> Result<bool> {
        if T::COLLECTION == Placement::COLLECTION {
            return Err(placements_elsewhere());
        }
        Ok(in_tenant_tx!(self, write, |conn| {
            let deleted = delete_in::<_, T>(conn, id).await?;
            if deleted {
                note_change::<_, T>(conn).await?;
            }
            deleted
        }))
    }
}

/// A change of school data (anything but a timetable, whose own revision `update_record`
/// bumps) makes every timetable held in memory stale: see [`crate::revisions`].
async fn note_change<C: RevisionConn, T: Resource>(conn: &mut C) -> Result<()> {
    if T::COLLECTION != Timetable::COLLECTION {
        conn.bump_school().await?;
    }
    Ok(())
}

async fn delete_in<C: TenantConn, T: Resource>(conn: &mut C, id: Id) -> Result<bool> {
    let Some(doc) = conn.fetch_record(T::COLLECTION, id).await? else {
        return Ok(false);
    };
    let mut user = conn.referrer_of(id).await?;
    if user.is_none() && T::COLLECTION == Level::COLLECTION {
        let level: Record<Level> = from_document(id, doc)?;
        user = level_code_user(conn, &level.data.code).await?;
    }
    if let Some((collection, other)) = user {
        return Err(StoreError::InUse(format!(
            "no se puede eliminar: {} {id} está en uso por {collection} (id {other}); elimine o cambie ese registro primero",
            T::LABEL
        )));
    }
    conn.delete_record(T::COLLECTION, id).await
}

/// Sections and time grids name their level by code, not by id, so `record_refs` does not
/// see those uses; a school has few of either, so they are scanned.
async fn level_code_user<C: TenantConn>(conn: &mut C, code: &str) -> Result<Option<(String, Id)>> {
    if let Some(s) = all_in::<_, Section>(conn)
        .await?
        .into_iter()
        .find(|s| s.data.level == code)
    {
        return Ok(Some((Section::COLLECTION.to_string(), s.id)));
    }
    let grid = all_in::<_, TimeGrid>(conn)
        .await?
        .into_iter()
        .find(|g| g.data.level.as_deref() == Some(code));
    Ok(grid.map(|g| (TimeGrid::COLLECTION.to_string(), g.id)))
}
