//! Revision counters for optimistic concurrency (migration 0002_revisions): a timetable's
//! `records.revision` grows with each change of it or of its placements, `school_revision`
//! with each change of the school's data. A server holding a timetable in memory writes a
//! manual edit only while both counters still have the values it read.

use crate::error::Result;
use std::future::Future;

/// The counters an in-memory copy of a timetable was read at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision {
    /// The timetable record's revision (its placements included).
    pub timetable: i64,
    /// The school data's revision (every record but timetables).
    pub school: i64,
}

/// Statements on the counters, run inside the caller's transaction.
pub(crate) trait RevisionConn: Send {
    /// Bumps a timetable's revision; with `expected`, only if it still has that value. The new
    /// revision, or None when no timetable has the id (or it is not at `expected`).
    fn bump_timetable(
        &mut self,
        timetable_id: i64,
        expected: Option<i64>,
    ) -> impl Future<Output = Result<Option<i64>>> + Send;
    /// The timetable's revision, or None when there is no such timetable.
    fn timetable_revision(
        &mut self,
        timetable_id: i64,
    ) -> impl Future<Output = Result<Option<i64>>> + Send;
    fn school_revision(&mut self) -> impl Future<Output = Result<i64>> + Send;
    fn bump_school(&mut self) -> impl Future<Output = Result<()>> + Send;
}

macro_rules! impl_revision_conn {
    ($conn:ty) => {
        impl RevisionConn for $conn {
            async fn bump_timetable(
                &mut self,
                timetable_id: i64,
                expected: Option<i64>,
            ) -> Result<Option<i64>> {
                let sql = match expected {
                    None => {
                        "UPDATE records SET revision = revision + 1 \
                         WHERE id = $1 AND collection = 'timetables' RETURNING revision"
                    }
                    Some(_) => {
                        "UPDATE records SET revision = revision + 1 \
                         WHERE id = $1 AND collection = 'timetables' AND revision = $2 \
                         RETURNING revision"
                    }
                };
                let mut query = sqlx::query_scalar::<_, i64>(sql).bind(timetable_id);
                if let Some(e) = expected {
                    query = query.bind(e);
                }
                Ok(query.fetch_optional(&mut *self).await?)
            }

            async fn timetable_revision(&mut self, timetable_id: i64) -> Result<Option<i64>> {
                Ok(sqlx::query_scalar::<_, i64>(
                    "SELECT revision FROM records WHERE id = $1 AND collection = 'timetables'",
                )
                .bind(timetable_id)
                .fetch_optional(&mut *self)
                .await?)
            }

            async fn school_revision(&mut self) -> Result<i64> {
                Ok(sqlx::query_scalar::<_, i64>(
                    "SELECT revision FROM school_revision WHERE id = 1",
                )
                .fetch_one(&mut *self)
                .await?)
            }

            async fn bump_school(&mut self) -> Result<()> {
                sqlx::query("UPDATE school_revision SET revision = revision + 1 WHERE id = 1")
                    .execute(&mut *self)
                    .await?;
                Ok(())
            }
        }
    };
}

impl_revision_conn!(sqlx::SqliteConnection);
impl_revision_conn!(sqlx::PgConnection);
