//! Operator use cases (the CLI, later platform admins over HTTP): tenants, accounts, migration
//! state.

use crate::password::{check_password_policy, hash_password, password_problem};
use crate::{App, AppError, Result, TenantView, UserView};
use domain::Role;
use serde::Serialize;

/// `bischeduler user create ...`.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Required for every role but `platform_admin`.
    pub tenant: Option<String>,
    pub email: String,
    pub password: String,
    pub role: Role,
    pub display_name: Option<String>,
}

/// A login made for someone (the demo's school admin): shown once.
#[derive(Debug, Clone, Serialize)]
pub struct ProvisionedLogin {
    pub tenant: String,
    pub email: String,
    pub password: String,
}

/// Limits that protect a shared server from one school or one attacker. The defaults suit a
/// small school's server; `serve` takes them from its configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Solve jobs a school may have queued or running at once (more answer 429).
    pub max_active_jobs_per_tenant: u32,
    /// Failed logins allowed per (email, client address) within `login_window`; the next
    /// attempt answers 429 until the oldest of them leaves the window.
    pub login_failures_allowed: u32,
    pub login_window: std::time::Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_active_jobs_per_tenant: 3,
            login_failures_allowed: 5,
            login_window: std::time::Duration::from_secs(15 * 60),
        }
    }
}

/// `bischeduler db-status`.
#[derive(Debug, Clone, Serialize)]
pub struct DatabaseStatus {
    pub backend: &'static str,
    pub latency_ms: f64,
    pub platform: store::DbMigrationState,
    pub tenants: Vec<(TenantView, store::DbMigrationState)>,
}

impl App {
    /// The same application with other limits (a zero is read as one: a limit of nothing
    /// would lock everyone out).
    pub fn with_limits(mut self, limits: Limits) -> App {
        self.limits = Limits {
            max_active_jobs_per_tenant: limits.max_active_jobs_per_tenant.max(1),
            login_failures_allowed: limits.login_failures_allowed.max(1),
            login_window: limits.login_window,
        };
        self
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    pub async fn create_tenant(&self, slug: &str, name: &str) -> Result<TenantView> {
        domain::validate_slug(slug)?;
        let t = self.store.create_tenant(slug, name).await?;
        self.store
            .audit(
                None,
                Some(t.id),
                "tenant.create",
                &serde_json::json!({ "slug": slug }),
            )
            .await?;
        Ok((&t).into())
    }

    pub async fn list_tenants(&self) -> Result<Vec<TenantView>> {
        Ok(self
            .store
            .list_tenants()
            .await?
            .iter()
            .map(Into::into)
            .collect())
    }

    pub async fn find_tenant(&self, slug: &str) -> Result<Option<TenantView>> {
        Ok(self.store.find_tenant(slug).await?.as_ref().map(Into::into))
    }

    /// Locks every member out (their data stays); `false` lets them back in.
    pub async fn set_tenant_suspended(&self, slug: &str, suspended: bool) -> Result<()> {
        let status = if suspended {
            store::TenantStatus::Suspended
        } else {
            store::TenantStatus::Active
        };
        self.existing_tenant(slug).await?;
        self.store.set_tenant_status(slug, status).await?;
        Ok(())
    }

    /// Removes the tenant and its whole schema or file.
    pub async fn delete_tenant(&self, slug: &str) -> Result<()> {
        let tenant = self.existing_tenant(slug).await?;
        self.store.delete_tenant(slug).await?;
        // SQLite reuses a deleted tenant's id: a school created next must not find this one's
        // open timetables in memory.
        self.forget_tenant_models(tenant.id);
        Ok(())
    }

    async fn existing_tenant(&self, slug: &str) -> Result<store::Tenant> {
        self.store
            .find_tenant(slug)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("la institución «{slug}» no existe")))
    }

    /// Creates a user and, unless they are a platform admin, their membership in the tenant.
    pub async fn create_account(&self, new: &NewAccount) -> Result<UserView> {
        let mut errors = domain::FieldErrors::default();
        let email = new.email.trim();
        if !email.contains('@') || email.len() > 254 || email.contains(char::is_whitespace) {
            errors.add("email", "correo inválido (p. ej. nombre@escuela.edu.ve)");
        }
        if let Some(problem) = password_problem(&new.password) {
            errors.add("password", problem);
        }
        let platform_admin = new.role == Role::PlatformAdmin;
        match (&new.tenant, platform_admin) {
            (None, false) => errors.add(
                "tenant",
                format!("indique la institución (--tenant) para el rol {}", new.role),
            ),
            (Some(_), true) => errors.add(
                "tenant",
                "un platform_admin no pertenece a una institución; omita --tenant",
            ),
            _ => {}
        }
        errors.into_result()?;
        let tenant = match &new.tenant {
            Some(slug) => Some(self.existing_tenant(slug).await?),
            None => None,
        };
        let password_hash = hash_password(&new.password).await?;
        let display_name = new
            .display_name
            .clone()
            .unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_string());
        let user = self
            .store
            .create_user_with_membership(
                &store::NewUser {
                    email: email.to_string(),
                    password_hash,
                    display_name,
                    platform_admin,
                },
                tenant.as_ref().map(|t| (t.id, new.role)),
            )
            .await?;
        self.store
            .audit(
                None,
                tenant.as_ref().map(|t| t.id),
                "user.create",
                &serde_json::json!({ "email": user.email, "role": new.role }),
            )
            .await?;
        Ok((&user).into())
    }

    /// Sets a new password for an existing account (used to hand out the demo login again)
    /// and ends all of its sessions: a reset locks out whoever had the old password.
    pub async fn reset_password(&self, email: &str, password: &str) -> Result<()> {
        check_password_policy(password)?;
        let user = self
            .store
            .find_user_by_email(email)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no existe el usuario {email}")))?;
        let hash = hash_password(password).await?;
        self.store.set_password_hash(user.id, &hash).await?;
        Ok(())
    }

    pub async fn database_status(&self) -> Result<DatabaseStatus> {
        let latency = self.store.ping().await?;
        let status = self.store.migration_status().await?;
        let tenants = self.store.list_tenants().await.unwrap_or_default();
        let tenants = status
            .tenants
            .into_iter()
            .filter_map(|(slug, state)| {
                let t = tenants.iter().find(|t| t.slug == slug)?;
                Some((TenantView::from(t), state))
            })
            .collect();
        Ok(DatabaseStatus {
            backend: self.store.backend().as_str(),
            latency_ms: latency.as_secs_f64() * 1000.0,
            platform: status.platform,
            tenants,
        })
    }
}
