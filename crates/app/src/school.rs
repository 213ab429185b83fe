//! School data: list, get, create, update and delete any [`domain::Resource`] of the caller's
//! school, with role checks and validation.

use crate::{Action, App, AppError, Principal, Result};
use domain::{Id, Record, Resource, Section};
use serde::{Deserialize, Serialize};
use store::TenantStore;

/// `?limit=&offset=` of a list request.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Page {
    #[serde(default = "default_limit")]
    pub limit: i64,
    #[serde(default)]
    pub offset: i64,
}

pub const MAX_PAGE: i64 = 500;

fn default_limit() -> i64 {
    100
}

impl Default for Page {
    fn default() -> Self {
        Page {
            limit: default_limit(),
            offset: 0,
        }
    }
}

impl Page {
    fn check(self) -> Result<Self> {
        let mut e = domain::FieldErrors::default();
        if !(1..=MAX_PAGE).contains(&self.limit) {
            e.add("limit", format!("debe estar entre 1 y {MAX_PAGE}"));
        }
        if self.offset < 0 {
            e.add("offset", "no puede ser negativo");
        }
        e.into_result().map(|()| self)?;
        Ok(self)
    }
}

/// One page of a collection: `{"items":[...],"total":N}`.
#[derive(Debug, Clone, Serialize)]
pub struct Listing<T> {
    pub items: Vec<Record<T>>,
    pub total: i64,
}

impl App {
    /// The tenant store of the caller's school after checking `action`.
    async fn school_store(&self, who: &Principal, action: Action) -> Result<TenantStore> {
        who.require(action)?;
        let tenant = who.school()?;
        Ok(self.store.tenant(&tenant.slug).await?)
    }

    pub async fn list<T: Resource>(&self, who: &Principal, page: Page) -> Result<Listing<T>> {
        let page = page.check()?;
        let db = self.school_store(who, Action::ReadSchool).await?;
        let (items, total) = db.list::<T>(page.limit, page.offset).await?;
        Ok(Listing { items, total })
    }

    pub async fn get<T: Resource>(&self, who: &Principal, id: Id) -> Result<Record<T>> {
        let db = self.school_store(who, Action::ReadSchool).await?;
        db.get::<T>(id)
            .await?
            .ok_or_else(|| AppError::not_found(T::LABEL))
    }

    pub async fn create<T: Resource>(&self, who: &Principal, data: T) -> Result<Record<T>> {
        let db = self.school_store(who, Action::EditSchool).await?;
        data.validate()?;
        check_extra(&db, &data).await?;
        let record = db.create(&data).await?;
        self.audit_change(who, "create", T::COLLECTION, record.id)
            .await;
        // Open timetables compiled from the old data would answer move checks wrongly.
        self.forget_tenant_models(db.tenant().id);
        Ok(record)
    }

    pub async fn update<T: Resource>(&self, who: &Principal, id: Id, data: T) -> Result<Record<T>> {
        let db = self.school_store(who, Action::EditSchool).await?;
        data.validate()?;
        check_extra(&db, &data).await?;
        let record = db
            .update(id, &data)
            .await?
            .ok_or_else(|| AppError::not_found(T::LABEL))?;
        self.audit_change(who, "update", T::COLLECTION, id).await;
        // Open timetables compiled from the old data would answer move checks wrongly.
        self.forget_tenant_models(db.tenant().id);
        Ok(record)
    }

    pub async fn delete<T: Resource>(&self, who: &Principal, id: Id) -> Result<()> {
        let db = self.school_store(who, Action::EditSchool).await?;
        if !db.delete::<T>(id).await? {
            return Err(AppError::not_found(T::LABEL));
        }
        self.audit_change(who, "delete", T::COLLECTION, id).await;
        // Open timetables compiled from the old data would answer move checks wrongly.
        self.forget_tenant_models(db.tenant().id);
        Ok(())
    }

    /// Audit is a record of what happened, not a gate: a failure to write it is logged and the
    /// change stands.
    async fn audit_change(&self, who: &Principal, verb: &str, collection: &str, id: Id) {
        let tenant_id = who.tenant.as_ref().map(|t| t.id);
        let detail = serde_json::json!({ "collection": collection, "id": id });
        if let Err(e) = self
            .store
            .audit(Some(who.user.id), tenant_id, verb, &detail)
            .await
        {
            tracing::warn!(error = %e, "could not write audit entry");
        }
    }
}

/// Checks that need other records and are not references by id: a section's level is a code
/// that must name one of the school's levels.
async fn check_extra<T: Resource>(db: &TenantStore, data: &T) -> Result<()> {
    let Some(section) = (data as &dyn std::any::Any).downcast_ref::<Section>() else {
        return Ok(());
    };
    let levels = db.all::<domain::Level>().await?;
    if levels.iter().any(|l| l.data.code == section.level) {
        Ok(())
    } else {
        let known: Vec<&str> = levels.iter().map(|l| l.data.code.as_str()).collect();
        Err(AppError::field(
            "level",
            format!("nivel desconocido; use uno de: {}", known.join(", ")),
        ))
    }
}
