//! Embedded migrations for the platform database and for every tenant database.

use crate::connect::{Pools, Store};
use crate::error::Result;
use crate::tenant_store::TenantDb;
use serde::Serialize;
use sqlx::migrate::{Migrate, Migrator};
use sqlx::{Connection, PgConnection, SqliteConnection};

pub(crate) static PLATFORM_SQLITE: Migrator = sqlx::migrate!("migrations/platform/sqlite");
pub(crate) static PLATFORM_POSTGRES: Migrator = sqlx::migrate!("migrations/platform/postgres");
pub(crate) static TENANT_SQLITE: Migrator = sqlx::migrate!("migrations/tenant/sqlite");
pub(crate) static TENANT_POSTGRES: Migrator = sqlx::migrate!("migrations/tenant/postgres");

/// What `migrate` applied.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MigrationReport {
    /// Migrations newly applied to the platform database.
    pub platform_applied: usize,
    /// Tenant databases visited.
    pub tenants: usize,
    /// Migrations newly applied across all tenant databases.
    pub tenant_applied: usize,
}

/// Applied and pending migrations of one database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DbMigrationState {
    pub applied: usize,
    pub pending: usize,
    pub latest: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MigrationStatus {
    pub platform: DbMigrationState,
    /// (slug, state) per tenant, by slug.
    pub tenants: Vec<(String, DbMigrationState)>,
}

impl Store {
    /// Brings the platform database and every tenant database up to date.
    pub async fn migrate(&self) -> Result<MigrationReport> {
        let platform_applied = match self.pools() {
            Pools::Sqlite(pool) => {
                let mut conn = pool.acquire().await?;
                run_sqlite(&PLATFORM_SQLITE, &mut conn).await?
            }
            Pools::Postgres(pool) => {
                let mut conn = pool.acquire().await?;
                run_postgres(&PLATFORM_POSTGRES, &mut conn).await?
            }
        };
        let mut report = MigrationReport {
            platform_applied,
            ..MigrationReport::default()
        };
        for tenant in self.list_tenants().await? {
            let db = self.tenant_db(&tenant).await?;
            report.tenant_applied += migrate_tenant_db(&db).await?;
            report.tenants += 1;
        }
        Ok(report)
    }

    /// Applied and pending migrations per database, for `bischeduler db-status`.
    pub async fn migration_status(&self) -> Result<MigrationStatus> {
        let platform = match self.pools() {
            Pools::Sqlite(pool) => {
                let mut conn = pool.acquire().await?;
                state(&PLATFORM_SQLITE, &mut *conn).await?
            }
            Pools::Postgres(pool) => {
                let mut conn = pool.acquire().await?;
                state(&PLATFORM_POSTGRES, &mut *conn).await?
            }
        };
        let mut tenants = Vec::new();
        // Before the first migration there is no tenants table to read.
        if platform.applied > 0 {
            for tenant in self.list_tenants().await? {
                let db = self.tenant_db(&tenant).await?;
                let tenant_state = match &db {
                    TenantDb::Sqlite(pool) => {
                        let mut conn = pool.acquire().await?;
                        state(&TENANT_SQLITE, &mut *conn).await?
                    }
                    TenantDb::Postgres { pool, search_path } => {
                        let mut conn = schema_connection(pool, search_path).await?;
                        let s = state(&TENANT_POSTGRES, &mut conn).await;
                        conn.close().await?;
                        s?
                    }
                };
                tenants.push((tenant.slug, tenant_state));
            }
        }
        Ok(MigrationStatus { platform, tenants })
    }
}

/// Migrates one tenant database; returns how many migrations it applied.
pub(crate) async fn migrate_tenant_db(db: &TenantDb) -> Result<usize> {
    match db {
        TenantDb::Sqlite(pool) => {
            let mut conn = pool.acquire().await?;
            run_sqlite(&TENANT_SQLITE, &mut conn).await
        }
        TenantDb::Postgres { pool, search_path } => {
            let mut conn = schema_connection(pool, search_path).await?;
            let applied = run_postgres(&TENANT_POSTGRES, &mut conn).await;
            conn.close().await?;
            applied
        }
    }
}

/// A connection taken out of the pool for good, whose session search_path is the tenant's
/// schema: the migrator runs its own transactions, so the per-transaction setting used
/// elsewhere would not reach it, and a changed session must never go back to the pool.
async fn schema_connection(pool: &sqlx::PgPool, search_path: &str) -> Result<PgConnection> {
    let mut conn = pool.acquire().await?.detach();
    sqlx::query("SELECT set_config('search_path', $1, false)")
        .bind(search_path)
        .execute(&mut conn)
        .await?;
    Ok(conn)
}

async fn run_sqlite(migrator: &Migrator, conn: &mut SqliteConnection) -> Result<usize> {
    let before = state(migrator, conn).await?.applied;
    migrator.run(&mut *conn).await?;
    let after = state(migrator, conn).await?.applied;
    Ok(after.saturating_sub(before))
}

async fn run_postgres(migrator: &Migrator, conn: &mut PgConnection) -> Result<usize> {
    let before = state(migrator, conn).await?.applied;
    migrator.run(&mut *conn).await?;
    let after = state(migrator, conn).await?.applied;
    Ok(after.saturating_sub(before))
}

async fn state<C: Migrate + Send>(migrator: &Migrator, conn: &mut C) -> Result<DbMigrationState> {
    conn.ensure_migrations_table().await?;
    let applied = conn.list_applied_migrations().await?;
    let known = migrator
        .iter()
        .filter(|m| m.migration_type.is_up_migration());
    let pending = known
        .filter(|m| !applied.iter().any(|a| a.version == m.version))
        .count();
    Ok(DbMigrationState {
        applied: applied.len(),
        pending,
        latest: applied.iter().map(|a| a.version).max(),
    })
}
