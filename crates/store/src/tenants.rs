//! Tenants (schools) on the platform: create (provision + migrate + seed), list, suspend, delete.

use crate::connect::{Pools, SQLITE_TENANT_CONNECTIONS, Store, on_pool, open_sqlite};
use crate::error::{Result, StoreError};
use crate::migrate::migrate_tenant_db;
use crate::tenant_store::{TenantDb, TenantStore};
use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;
use sqlx::sqlite::SqlitePool;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TenantStatus {
    Active,
    /// Its users are locked out; its data stays.
    Suspended,
}

impl TenantStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TenantStatus::Active => "active",
            TenantStatus::Suspended => "suspended",
        }
    }
    pub fn parse(text: &str) -> Option<TenantStatus> {
        match text {
            "active" => Some(TenantStatus::Active),
            "suspended" => Some(TenantStatus::Suspended),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tenant {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub status: TenantStatus,
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct TenantRow {
    id: i64,
    slug: String,
    name: String,
    status: String,
    created_at: DateTime<Utc>,
}

impl TryFrom<TenantRow> for Tenant {
    type Error = StoreError;
    fn try_from(row: TenantRow) -> Result<Tenant> {
        let status = TenantStatus::parse(&row.status)
            .ok_or_else(|| StoreError::Corrupt(format!("tenants.status de {}", row.slug)))?;
        Ok(Tenant {
            id: row.id,
            slug: row.slug,
            name: row.name,
            status,
            created_at: row.created_at,
        })
    }
}

pub(crate) const TENANT_COLUMNS: &str = "id, slug, name, status, created_at";

/// The PostgreSQL schema that holds a tenant's data, quoted (slugs may contain '-'; they are
/// validated to a safe alphabet, so quoting is all the escaping needed).
pub(crate) fn schema_ident(slug: &str) -> String {
    format!("\"tenant_{slug}\"")
}

impl Store {
    /// Registers a school and provisions its database (PostgreSQL schema or SQLite file),
    /// migrates it and seeds the defaults: the Venezuelan levels, the default rules and the
    /// current school year. On any failure nothing is left behind.
    pub async fn create_tenant(&self, slug: &str, name: &str) -> Result<Tenant> {
        domain::validate_slug(slug)?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            let mut e = domain::FieldErrors::default();
            e.add(
                "name",
                "indique el nombre de la institución (1 a 120 caracteres)",
            );
            return Err(e.into());
        }
        let sql = format!(
            "INSERT INTO tenants (slug, name, status, created_at) VALUES ($1, $2, 'active', $3) RETURNING {TENANT_COLUMNS}"
        );
        let inserted = on_pool!(self.pools(), |pool| {
            sqlx::query_as::<_, TenantRow>(&sql)
                .bind(slug)
                .bind(name)
                .bind(Utc::now())
                .fetch_one(pool)
                .await
        });
        let tenant: Tenant = match inserted {
            Ok(row) => row.try_into()?,
            Err(e) if is_unique_violation(&e) => {
                return Err(StoreError::Conflict {
                    field: "slug".into(),
                    message: format!(
                        "ya existe una institución con el identificador «{slug}»; elija otro"
                    ),
                });
            }
            Err(e) => return Err(e.into()),
        };
        if let Err(e) = self.provision(&tenant).await {
            // Leave nothing half-made: the slug stays free for another attempt.
            let _ = self.drop_tenant_data(slug).await;
            let _ = on_pool!(self.pools(), |pool| {
                sqlx::query("DELETE FROM tenants WHERE id = $1")
                    .bind(tenant.id)
                    .execute(pool)
                    .await
                    .map(|_| ())
            });
            return Err(e);
        }
        Ok(tenant)
    }

    async fn provision(&self, tenant: &Tenant) -> Result<()> {
        // A schema or file left by a crash cannot belong to a live tenant (the slug was free).
        self.drop_tenant_data(&tenant.slug).await?;
        let db = match self.pools() {
            Pools::Postgres(pool) => {
                let create = format!("CREATE SCHEMA {}", schema_ident(&tenant.slug));
                sqlx::query(&create).execute(pool).await?;
                TenantDb::Postgres {
                    pool: pool.clone(),
                    search_path: schema_ident(&tenant.slug),
                }
            }
            Pools::Sqlite(_) => {
                let path = self.tenant_file(&tenant.slug)?;
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        StoreError::Config(format!(
                            "no se pudo crear {} ({e}); revise los permisos del directorio de datos",
                            dir.display()
                        ))
                    })?;
                }
                let pool = open_sqlite(&path, true, SQLITE_TENANT_CONNECTIONS).await?;
                self.cache_tenant_pool(tenant, pool.clone());
                TenantDb::Sqlite(pool)
            }
        };
        migrate_tenant_db(&db).await?;
        let store = TenantStore::new(tenant.clone(), db);
        seed(&store).await
    }

    pub async fn list_tenants(&self) -> Result<Vec<Tenant>> {
        let sql = format!("SELECT {TENANT_COLUMNS} FROM tenants ORDER BY slug");
        let rows = on_pool!(self.pools(), |pool| {
            sqlx::query_as::<_, TenantRow>(&sql).fetch_all(pool).await?
        });
        rows.into_iter().map(Tenant::try_from).collect()
    }

    /// The tenant with this slug, suspended ones included (callers check `status`).
    pub async fn find_tenant(&self, slug: &str) -> Result<Option<Tenant>> {
        let sql = format!("SELECT {TENANT_COLUMNS} FROM tenants WHERE slug = $1");
        let row = on_pool!(self.pools(), |pool| {
            sqlx::query_as::<_, TenantRow>(&sql)
                .bind(slug)
                .fetch_optional(pool)
                .await?
        });
        row.map(Tenant::try_from).transpose()
    }

    pub async fn get_tenant(&self, id: i64) -> Result<Option<Tenant>> {
        let sql = format!("SELECT {TENANT_COLUMNS} FROM tenants WHERE id = $1");
        let row = on_pool!(self.pools(), |pool| {
            sqlx::query_as::<_, TenantRow>(&sql)
                .bind(id)
                .fetch_optional(pool)
                .await?
        });
        row.map(Tenant::try_from).transpose()
    }

    pub async fn set_tenant_status(&self, slug: &str, status: TenantStatus) -> Result<()> {
        let done = on_pool!(self.pools(), |pool| {
            sqlx::query("UPDATE tenants SET status = $1 WHERE slug = $2")
                .bind(status.as_str())
                .bind(slug)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if done == 0 {
            return Err(no_such_tenant(slug));
        }
        Ok(())
    }

    /// Removes the tenant, its memberships and jobs, and its whole schema or file.
    pub async fn delete_tenant(&self, slug: &str) -> Result<()> {
        if self.find_tenant(slug).await?.is_none() {
            return Err(no_such_tenant(slug));
        }
        self.drop_tenant_data(slug).await?;
        on_pool!(self.pools(), |pool| {
            sqlx::query("DELETE FROM tenants WHERE slug = $1")
                .bind(slug)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// A handle on one tenant's school data. Suspended tenants are served too: the web layer
    /// decides who may reach them.
    pub async fn tenant(&self, slug: &str) -> Result<TenantStore> {
        let tenant = self
            .find_tenant(slug)
            .await?
            .ok_or_else(|| no_such_tenant(slug))?;
        let db = self.tenant_db(&tenant).await?;
        Ok(TenantStore::new(tenant, db))
    }

    pub(crate) async fn tenant_db(&self, tenant: &Tenant) -> Result<TenantDb> {
        let slug = tenant.slug.as_str();
        match self.pools() {
            Pools::Postgres(pool) => Ok(TenantDb::Postgres {
                pool: pool.clone(),
                search_path: schema_ident(slug),
            }),
            Pools::Sqlite(_) => {
                if let Some(pool) = self.cached_tenant_pool(tenant).await {
                    return Ok(TenantDb::Sqlite(pool));
                }
                let path = self.tenant_file(slug)?;
                if !path.exists() {
                    // The message can reach API clients: it names the file, not the server's path.
                    return Err(StoreError::NotFound(format!(
                        "falta el archivo de datos de la institución «{slug}» (tenants/{slug}.db junto a la base de datos); restáurelo de una copia de seguridad o elimine la institución"
                    )));
                }
                let pool = open_sqlite(&path, false, SQLITE_TENANT_CONNECTIONS).await?;
                self.cache_tenant_pool(tenant, pool.clone());
                Ok(TenantDb::Sqlite(pool))
            }
        }
    }

    /// SQLite only: `<platform dir>/tenants/<slug>.db`.
    pub fn tenant_file(&self, slug: &str) -> Result<PathBuf> {
        domain::validate_slug(slug)?;
        let dir = self.inner.tenant_dir.as_ref().ok_or_else(|| {
            StoreError::Config("las instituciones en PostgreSQL no tienen archivo propio".into())
        })?;
        Ok(dir.join(format!("{slug}.db")))
    }

    /// The open pool for this tenant; a pool opened for an earlier tenant of the same slug is
    /// closed and forgotten.
    async fn cached_tenant_pool(&self, tenant: &Tenant) -> Option<SqlitePool> {
        let stale = {
            let mut pools = self.inner.tenant_pools.lock().ok()?;
            match pools.get(&tenant.slug) {
                Some((identity, pool)) if *identity == (tenant.id, tenant.created_at) => {
                    return Some(pool.clone());
                }
                Some(_) => pools.remove(&tenant.slug).map(|(_, pool)| pool),
                None => None,
            }
        };
        if let Some(pool) = stale {
            pool.close().await;
        }
        None
    }

    fn cache_tenant_pool(&self, tenant: &Tenant, pool: SqlitePool) {
        if let Ok(mut m) = self.inner.tenant_pools.lock() {
            m.insert(tenant.slug.clone(), ((tenant.id, tenant.created_at), pool));
        }
    }

    /// Drops the schema or closes and deletes the file (with its WAL companions).
    async fn drop_tenant_data(&self, slug: &str) -> Result<()> {
        match self.pools() {
            Pools::Postgres(pool) => {
                let drop = format!("DROP SCHEMA IF EXISTS {} CASCADE", schema_ident(slug));
                sqlx::query(&drop).execute(pool).await?;
            }
            Pools::Sqlite(_) => {
                let cached = self
                    .inner
                    .tenant_pools
                    .lock()
                    .ok()
                    .and_then(|mut m| m.remove(slug));
                if let Some((_, pool)) = cached {
                    pool.close().await;
                }
                let path = self.tenant_file(slug)?;
                for suffix in ["", "-wal", "-shm"] {
                    let file = PathBuf::from(format!("{}{suffix}", path.display()));
                    match std::fs::remove_file(&file) {
                        Ok(()) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => {
                            return Err(StoreError::Config(format!(
                                "no se pudo borrar {} ({e}); revise los permisos",
                                file.display()
                            )));
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

pub(crate) fn no_such_tenant(slug: &str) -> StoreError {
    StoreError::NotFound(format!(
        "no existe la institución «{slug}»; vea las existentes con `bischeduler tenant list`"
    ))
}

pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// The school year a new school starts in: Venezuelan years run September to July.
pub fn current_school_year_name(today: chrono::NaiveDate) -> String {
    let start = if today.month() >= 9 {
        today.year()
    } else {
        today.year() - 1
    };
    format!("{start}-{}", start + 1)
}

async fn seed(store: &TenantStore) -> Result<()> {
    for level in domain::Level::venezuelan_defaults() {
        store.create(&level).await?;
    }
    for rule in domain::RuleKind::default_rules() {
        store.create(&rule).await?;
    }
    let year = domain::SchoolYear {
        name: current_school_year_name(Utc::now().date_naive()),
        starts_on: None,
        ends_on: None,
        lapsos: Vec::new(),
        active: true,
    };
    store.create(&year).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn school_years_start_in_september() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(current_school_year_name(d(2026, 11, 24)), "2026-2027");
        assert_eq!(current_school_year_name(d(2026, 3, 1)), "2025-2026");
        assert_eq!(current_school_year_name(d(2026, 9, 1)), "2026-2027");
    }

    #[test]
    fn schemas_are_quoted() {
        assert_eq!(schema_ident("ue-bello"), "\"tenant_ue-bello\"");
    }
}
