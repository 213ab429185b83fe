//! The SQL of a tenant's database, written once and compiled for both backends' connections.

use crate::error::Result;
use chrono::Utc;
use domain::{Id, Placement, Record};
use serde_json::Value;
use sqlx::types::Json;
use std::future::Future;

/// Primitive statements on a tenant's tables, run inside the caller's transaction.
pub(crate) trait TenantConn: Send {
    fn insert_record(
        &mut self,
        collection: &str,
        key: Option<&str>,
        data: &Value,
    ) -> impl Future<Output = Result<Id, sqlx::Error>> + Send;
    fn update_record(
        &mut self,
        collection: &str,
        id: Id,
        key: Option<&str>,
        data: &Value,
    ) -> impl Future<Output = Result<bool, sqlx::Error>> + Send;
    fn delete_record(
        &mut self,
        collection: &str,
        id: Id,
    ) -> impl Future<Output = Result<bool>> + Send;
    fn fetch_record(
        &mut self,
        collection: &str,
        id: Id,
    ) -> impl Future<Output = Result<Option<Value>>> + Send;
    fn list_records(
        &mut self,
        collection: &str,
        limit: i64,
        offset: i64,
    ) -> impl Future<Output = Result<Vec<(Id, Value)>>> + Send;
    fn count_records(&mut self, collection: &str) -> impl Future<Output = Result<i64>> + Send;
    /// The record of this collection holding this unique key.
    fn find_key(
        &mut self,
        collection: &str,
        key: &str,
    ) -> impl Future<Output = Result<Option<Id>>> + Send;
    /// The collection a record id belongs to (ids are unique across collections).
    fn collection_of(&mut self, id: Id) -> impl Future<Output = Result<Option<String>>> + Send;
    /// Records the references a new record holds, as (field, target id).
    fn insert_refs(
        &mut self,
        from_id: Id,
        refs: &[(String, Id)],
    ) -> impl Future<Output = Result<()>> + Send;
    /// Replaces the references a record holds, as (field, target id).
    fn replace_refs(
        &mut self,
        from_id: Id,
        refs: &[(String, Id)],
    ) -> impl Future<Output = Result<()>> + Send;
    /// One record (collection, id) or placement ("placements", id) that points at `id`.
    fn referrer_of(&mut self, id: Id) -> impl Future<Output = Result<Option<(String, Id)>>> + Send;
    /// Inserts placements in multi-row statements (checked by the caller).
    fn insert_placements(
        &mut self,
        placements: &[Placement],
    ) -> impl Future<Output = Result<(), sqlx::Error>> + Send;
    fn fetch_placements(
        &mut self,
        timetable_id: Id,
    ) -> impl Future<Output = Result<Vec<Record<Placement>>>> + Send;
    fn fetch_placement(
        &mut self,
        id: Id,
    ) -> impl Future<Output = Result<Option<Record<Placement>>>> + Send;
    fn update_placement(
        &mut self,
        id: Id,
        p: &Placement,
    ) -> impl Future<Output = Result<bool>> + Send;
    fn set_locked(&mut self, id: Id, locked: bool) -> impl Future<Output = Result<bool>> + Send;
    fn delete_placements(&mut self, timetable_id: Id) -> impl Future<Output = Result<u64>> + Send;
}

#[derive(sqlx::FromRow)]
struct DocRow {
    id: i64,
    data: Json<Value>,
}

#[derive(sqlx::FromRow)]
struct PlacementRow {
    id: i64,
    timetable_id: i64,
    lesson_id: i64,
    unit: i32,
    day: i32,
    period: i32,
    duration: i32,
    room_id: Option<i64>,
    locked: bool,
}

impl From<PlacementRow> for Record<Placement> {
    fn from(r: PlacementRow) -> Self {
        // The columns were written from the same narrow types, so the casts cannot truncate.
        Record {
            id: r.id,
            data: Placement {
                timetable_id: r.timetable_id,
                lesson_id: r.lesson_id,
                unit: r.unit as u16,
                day: r.day as u8,
                period: r.period as u8,
                duration: r.duration as u8,
                room_id: r.room_id,
                locked: r.locked,
            },
        }
    }
}

/// Rows per multi-row INSERT: 100 rows of 8 values stay far below both backends' limits on
/// bound parameters (SQLite 32766, PostgreSQL 65535).
const ROWS_PER_INSERT: usize = 100;

/// `($1, $2), ($3, $4)` for 2 rows of 2 values.
fn values_list(rows: usize, columns: usize) -> String {
    let mut out = String::new();
    for r in 0..rows {
        if r > 0 {
            out.push_str(", ");
        }
        out.push('(');
        for c in 0..columns {
            if c > 0 {
                out.push_str(", ");
            }
            out.push_str(&format!("${}", r * columns + c + 1));
        }
        out.push(')');
    }
    out
}

const PLACEMENT_COLUMNS: &str =
    "id, timetable_id, lesson_id, unit, day, period, duration, room_id, locked";

// One body for both connection types: the SQL is portable, only the driver differs.
macro_rules! impl_tenant_conn {
    ($conn:ty) => {
        impl TenantConn for $conn {
            async fn insert_record(
                &mut self,
                collection: &str,
                key: Option<&str>,
                data: &Value,
            ) -> Result<Id, sqlx::Error> {
                sqlx::query_scalar::<_, i64>(
                    "INSERT INTO records (collection, unique_key, data, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $4) RETURNING id",
                )
                .bind(collection)
                .bind(key)
                .bind(Json(data))
                .bind(Utc::now())
                .fetch_one(&mut *self)
                .await
            }

            async fn update_record(
                &mut self,
                collection: &str,
                id: Id,
                key: Option<&str>,
                data: &Value,
            ) -> Result<bool, sqlx::Error> {
                let done = sqlx::query(
                    "UPDATE records SET unique_key = $1, data = $2, updated_at = $3, \
                     revision = revision + 1 WHERE id = $4 AND collection = $5",
                )
                .bind(key)
                .bind(Json(data))
                .bind(Utc::now())
                .bind(id)
                .bind(collection)
                .execute(&mut *self)
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn delete_record(&mut self, collection: &str, id: Id) -> Result<bool> {
                let done = sqlx::query("DELETE FROM records WHERE id = $1 AND collection = $2")
                    .bind(id)
                    .bind(collection)
                    .execute(&mut *self)
                    .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn fetch_record(&mut self, collection: &str, id: Id) -> Result<Option<Value>> {
                let row = sqlx::query_as::<_, DocRow>(
                    "SELECT id, data FROM records WHERE id = $1 AND collection = $2",
                )
                .bind(id)
                .bind(collection)
                .fetch_optional(&mut *self)
                .await?;
                Ok(row.map(|r| r.data.0))
            }

            async fn list_records(
                &mut self,
                collection: &str,
                limit: i64,
                offset: i64,
            ) -> Result<Vec<(Id, Value)>> {
                let rows = sqlx::query_as::<_, DocRow>(
                    "SELECT id, data FROM records WHERE collection = $1 ORDER BY id LIMIT $2 OFFSET $3",
                )
                .bind(collection)
                .bind(limit)
                .bind(offset)
                .fetch_all(&mut *self)
                .await?;
                Ok(rows.into_iter().map(|r| (r.id, r.data.0)).collect())
            }

            async fn count_records(&mut self, collection: &str) -> Result<i64> {
                Ok(
                    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM records WHERE collection = $1")
                        .bind(collection)
                        .fetch_one(&mut *self)
                        .await?,
                )
            }

            async fn find_key(&mut self, collection: &str, key: &str) -> Result<Option<Id>> {
                Ok(sqlx::query_scalar::<_, i64>(
                    "SELECT id FROM records WHERE collection = $1 AND unique_key = $2",
                )
                .bind(collection)
                .bind(key)
                .fetch_optional(&mut *self)
                .await?)
            }

            async fn collection_of(&mut self, id: Id) -> Result<Option<String>> {
                Ok(
                    sqlx::query_scalar::<_, String>("SELECT collection FROM records WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *self)
                        .await?,
                )
            }

            async fn insert_refs(&mut self, from_id: Id, refs: &[(String, Id)]) -> Result<()> {
                for chunk in refs.chunks(ROWS_PER_INSERT) {
                    let sql = format!(
                        "INSERT INTO record_refs (from_id, field, to_id) VALUES {}",
                        values_list(chunk.len(), 3)
                    );
                    let mut query = sqlx::query(&sql);
                    for (field, to_id) in chunk {
                        query = query.bind(from_id).bind(field).bind(to_id);
                    }
                    query.execute(&mut *self).await?;
                }
                Ok(())
            }

            async fn replace_refs(&mut self, from_id: Id, refs: &[(String, Id)]) -> Result<()> {
                sqlx::query("DELETE FROM record_refs WHERE from_id = $1")
                    .bind(from_id)
                    .execute(&mut *self)
                    .await?;
                self.insert_refs(from_id, refs).await
            }

            async fn referrer_of(&mut self, id: Id) -> Result<Option<(String, Id)>> {
                #[derive(sqlx::FromRow)]
                struct Referrer {
                    collection: String,
                    id: i64,
                }
                let row = sqlx::query_as::<_, Referrer>(
                    "SELECT r.collection, r.id FROM record_refs x JOIN records r ON r.id = x.from_id \
                     WHERE x.to_id = $1 ORDER BY r.id LIMIT 1",
                )
                .bind(id)
                .fetch_optional(&mut *self)
                .await?;
                if let Some(r) = row {
                    return Ok(Some((r.collection, r.id)));
                }
                let placement = sqlx::query_scalar::<_, i64>(
                    "SELECT id FROM placements WHERE lesson_id = $1 OR room_id = $1 ORDER BY id LIMIT 1",
                )
                .bind(id)
                .fetch_optional(&mut *self)
                .await?;
                Ok(placement.map(|p| ("placements".to_string(), p)))
            }

            async fn insert_placements(&mut self, placements: &[Placement]) -> Result<(), sqlx::Error> {
                for chunk in placements.chunks(ROWS_PER_INSERT) {
                    let sql = format!(
                        "INSERT INTO placements (timetable_id, lesson_id, unit, day, period, duration, room_id, locked) VALUES {}",
                        values_list(chunk.len(), 8)
                    );
                    let mut query = sqlx::query(&sql);
                    for p in chunk {
                        query = query
                            .bind(p.timetable_id)
                            .bind(p.lesson_id)
                            .bind(i32::from(p.unit))
                            .bind(i32::from(p.day))
                            .bind(i32::from(p.period))
                            .bind(i32::from(p.duration))
                            .bind(p.room_id)
                            .bind(p.locked);
                    }
                    query.execute(&mut *self).await?;
                }
                Ok(())
            }

            async fn fetch_placements(&mut self, timetable_id: Id) -> Result<Vec<Record<Placement>>> {
                let sql = format!(
                    "SELECT {PLACEMENT_COLUMNS} FROM placements WHERE timetable_id = $1 ORDER BY id"
                );
                let rows = sqlx::query_as::<_, PlacementRow>(&sql)
                    .bind(timetable_id)
                    .fetch_all(&mut *self)
                    .await?;
                Ok(rows.into_iter().map(Record::from).collect())
            }

            async fn fetch_placement(&mut self, id: Id) -> Result<Option<Record<Placement>>> {
                let sql = format!("SELECT {PLACEMENT_COLUMNS} FROM placements WHERE id = $1");
                let row = sqlx::query_as::<_, PlacementRow>(&sql)
                    .bind(id)
                    .fetch_optional(&mut *self)
                    .await?;
                Ok(row.map(Record::from))
            }

            async fn update_placement(&mut self, id: Id, p: &Placement) -> Result<bool> {
                let done = sqlx::query(
                    "UPDATE placements SET lesson_id = $1, unit = $2, day = $3, period = $4, \
                     duration = $5, room_id = $6, locked = $7 WHERE id = $8 AND timetable_id = $9",
                )
                .bind(p.lesson_id)
                .bind(i32::from(p.unit))
                .bind(i32::from(p.day))
                .bind(i32::from(p.period))
                .bind(i32::from(p.duration))
                .bind(p.room_id)
                .bind(p.locked)
                .bind(id)
                .bind(p.timetable_id)
                .execute(&mut *self)
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn set_locked(&mut self, id: Id, locked: bool) -> Result<bool> {
                let done = sqlx::query("UPDATE placements SET locked = $1 WHERE id = $2")
                    .bind(locked)
                    .bind(id)
                    .execute(&mut *self)
                    .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn delete_placements(&mut self, timetable_id: Id) -> Result<u64> {
                let done = sqlx::query("DELETE FROM placements WHERE timetable_id = $1")
                    .bind(timetable_id)
                    .execute(&mut *self)
                    .await?;
                Ok(done.rows_affected())
            }
        }
    };
}

impl_tenant_conn!(sqlx::SqliteConnection);
impl_tenant_conn!(sqlx::PgConnection);

#[cfg(test)]
mod tests {
    #[test]
    fn values_lists_number_placeholders_row_by_row() {
        assert_eq!(super::values_list(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(super::values_list(1, 1), "($1)");
    }
}
