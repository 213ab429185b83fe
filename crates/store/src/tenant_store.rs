//! A handle on one tenant's school data, and the transaction scoping that isolates tenants.

use crate::tenants::Tenant;
use sqlx::postgres::PgPool;
use sqlx::sqlite::SqlitePool;

/// Where a tenant's data lives: its own SQLite file (own pool) or its PostgreSQL schema on the
/// shared pool, reached by setting `search_path` at the start of every transaction.
#[derive(Clone)]
pub(crate) enum TenantDb {
    Sqlite(SqlitePool),
    Postgres { pool: PgPool, search_path: String },
}

/// One school's data. Every method runs in its own transaction. Cheap to clone.
#[derive(Clone)]
pub struct TenantStore {
    tenant: Tenant,
    pub(crate) db: TenantDb,
}

impl TenantStore {
    pub(crate) fn new(tenant: Tenant, db: TenantDb) -> TenantStore {
        TenantStore { tenant, db }
    }

    pub fn tenant(&self) -> &Tenant {
        &self.tenant
    }
}

/// Runs `$body` with `$conn` bound to a connection inside a transaction on the tenant's data,
/// then commits; an early return (`?`) drops the transaction, which rolls it back. The body is
/// compiled once per backend. Modes: `read`; `snapshot`, several reads that must agree with each
/// other (PostgreSQL's default READ COMMITTED gives each statement its own snapshot, so these
/// run REPEATABLE READ; a SQLite read transaction is a snapshot already); `write`, which on
/// SQLite starts with `BEGIN IMMEDIATE` so that two writers queue on the busy timeout instead
/// of failing when a read lock cannot be upgraded.
macro_rules! in_tenant_tx {
    ($store:expr, $mode:ident, |$conn:ident| $body:expr) => {
        match &$store.db {
            $crate::tenant_store::TenantDb::Sqlite(pool) => {
                let mut tx = $crate::tenant_store::in_tenant_tx!(@begin pool, $mode);
                let $conn: &mut sqlx::SqliteConnection = &mut *tx;
                let out = $body;
                tx.commit().await?;
                out
            }
            $crate::tenant_store::TenantDb::Postgres { pool, search_path } => {
                let mut tx = $crate::tenant_store::in_tenant_tx!(@begin_pg pool, $mode);
                sqlx::query("SELECT set_config('search_path', $1, true)")
                    .bind(search_path.as_str())
                    .execute(&mut *tx)
                    .await?;
                let $conn: &mut sqlx::PgConnection = &mut *tx;
                let out = $body;
                tx.commit().await?;
                out
            }
        }
    };
    (@begin $pool:ident, read) => {
        $pool.begin().await?
    };
    (@begin $pool:ident, write) => {
        $pool.begin_with("BEGIN IMMEDIATE").await?
    };
    (@begin $pool:ident, snapshot) => {
        $pool.begin().await?
    };
    (@begin_pg $pool:ident, snapshot) => {
        $pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            .await?
    };
    (@begin_pg $pool:ident, $other:ident) => {
        $pool.begin().await?
    };
}
pub(crate) use in_tenant_tx;
