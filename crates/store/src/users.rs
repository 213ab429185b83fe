//! Accounts on the platform: users, their memberships in schools, sessions and the audit trail.

use crate::connect::{Store, in_platform_tx, on_pool};
use crate::error::{Result, StoreError};
use crate::tenants::{Tenant, TenantRow, is_unique_violation};
use chrono::{DateTime, Utc};
use domain::Role;
use serde::Serialize;
use sqlx::types::Json;

/// A new account. The password arrives already hashed (argon2id, computed off the executor by
/// the caller); the store never sees a password.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub password_hash: String,
    pub display_name: String,
    pub platform_admin: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    /// Always lowercased.
    pub email: String,
    #[serde(skip)]
    pub password_hash: String,
    pub display_name: String,
    pub platform_admin: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub tenant: Tenant,
    pub role: Role,
}

/// A login session; only the SHA-256 hash of its token is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Session {
    pub token_hash: String,
    pub user_id: i64,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

const USER_COLUMNS: &str = "id, email, password_hash, display_name, platform_admin, created_at";

/// Emails are compared case-insensitively by storing them in one case.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

#[derive(sqlx::FromRow)]
struct MembershipRow {
    role: String,
    #[sqlx(flatten)]
    tenant: TenantRow,
}

impl Store {
    /// Conflict on `email` when another account has it, in any letter case.
    pub async fn create_user(&self, new: &NewUser) -> Result<User> {
        self.create_user_with_membership(new, None).await
    }

    /// Creates the account and, with `membership` (tenant id, role), its role in that school,
    /// in one transaction: an account never exists without the membership it was made for.
    /// Conflict on `email` as [`Store::create_user`]; NotFound when the tenant does not exist.
    pub async fn create_user_with_membership(
        &self,
        new: &NewUser,
        membership: Option<(i64, Role)>,
    ) -> Result<User> {
        let email = normalize_email(&new.email);
        let mut errors = domain::FieldErrors::default();
        let at = email.find('@');
        if at.is_none_or(|i| i == 0 || i + 1 == email.len()) || email.len() > 254 {
            errors.add("email", "correo inválido (p. ej. nombre@escuela.edu.ve)");
        }
        if new.display_name.trim().chars().count() > 120 {
            errors.add("display_name", "admite como máximo 120 caracteres");
        }
        if new.password_hash.is_empty() {
            errors.add("password", "es obligatoria");
        }
        errors.into_result()?;
        let sql = format!(
            "INSERT INTO users (email, password_hash, display_name, platform_admin, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING {USER_COLUMNS}"
        );
        let now = Utc::now();
        let created: std::result::Result<User, sqlx::Error> = async {
            Ok(in_platform_tx!(self.pools(), |tx| {
                let user = sqlx::query_as::<_, User>(&sql)
                    .bind(&email)
                    .bind(&new.password_hash)
                    .bind(new.display_name.trim())
                    .bind(new.platform_admin)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                if let Some((tenant_id, role)) = membership {
                    sqlx::query(
                        "INSERT INTO memberships (user_id, tenant_id, role, created_at) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(user.id)
                    .bind(tenant_id)
                    .bind(role.as_str())
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                user
            }))
        }
        .await;
        match created {
            Ok(user) => Ok(user),
            Err(e) if is_unique_violation(&e) => Err(StoreError::Conflict {
                field: "email".into(),
                message: format!(
                    "ya existe una cuenta con el correo {email}; use otro o inicie sesión con esa cuenta"
                ),
            }),
            Err(sqlx::Error::Database(db)) if db.is_foreign_key_violation() => {
                Err(StoreError::NotFound(format!(
                    "no existe la institución {}; créela antes de asignar un rol",
                    membership.map_or(0, |m| m.0)
                )))
            }
            Err(e) => Err(e.into()),
        }
    }

    pub async fn find_user_by_email(&self, email: &str) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
        let email = normalize_email(email);
        Ok(on_pool!(self.pools(), |pool| {
            sqlx::query_as::<_, User>(&sql)
                .bind(&email)
                .fetch_optional(pool)
                .await?
        }))
    }

    pub async fn get_user(&self, id: i64) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        Ok(on_pool!(self.pools(), |pool| {
            sqlx::query_as::<_, User>(&sql)
                .bind(id)
                .fetch_optional(pool)
                .await?
        }))
    }

    /// Every account, by email (platform administration).
    pub async fn list_users(&self) -> Result<Vec<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY email");
        Ok(on_pool!(self.pools(), |pool| {
            sqlx::query_as::<_, User>(&sql).fetch_all(pool).await?
        }))
    }

    /// Deletes the account with its memberships and sessions; false when there is no such user.
    pub async fn delete_user(&self, id: i64) -> Result<bool> {
        let done = on_pool!(self.pools(), |pool| {
            sqlx::query("DELETE FROM users WHERE id = $1")
                .bind(id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(done > 0)
    }

    /// Replaces the password hash (password change or reset) and ends every session of the
    /// user in the same transaction: whoever knew the old password is logged out. False when
    /// there is no such user.
    pub async fn set_password_hash(&self, user_id: i64, password_hash: &str) -> Result<bool> {
        let done = in_platform_tx!(self.pools(), |tx| {
            let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(password_hash)
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            done
        });
        Ok(done > 0)
    }

    /// Gives the user a role in the school, replacing the role they had there.
    pub async fn add_membership(&self, user_id: i64, tenant_id: i64, role: Role) -> Result<()> {
        let result = on_pool!(self.pools(), |pool| {
            sqlx::query(
                "INSERT INTO memberships (user_id, tenant_id, role, created_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (user_id, tenant_id) DO UPDATE SET role = excluded.role",
            )
            .bind(user_id)
            .bind(tenant_id)
            .bind(role.as_str())
            .bind(Utc::now())
            .execute(pool)
            .await
            .map(|_| ())
        });
        match result {
            Ok(_) => Ok(()),
            Err(sqlx::Error::Database(db)) if db.is_foreign_key_violation() => {
                Err(StoreError::NotFound(format!(
                    "no existe el usuario {user_id} o la institución {tenant_id}; créelos antes de asignar un rol"
                )))
            }
            Err(e) => Err(e.into()),
        }
    }

    pub async fn remove_membership(&self, user_id: i64, tenant_id: i64) -> Result<bool> {
        let done = on_pool!(self.pools(), |pool| {
            sqlx::query("DELETE FROM memberships WHERE user_id = $1 AND tenant_id = $2")
                .bind(user_id)
                .bind(tenant_id)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(done > 0)
    }

    /// The schools the user belongs to, with their role in each, by slug.
    pub async fn memberships(&self, user_id: i64) -> Result<Vec<Membership>> {
        let rows = on_pool!(self.pools(), |pool| {
            sqlx::query_as::<_, MembershipRow>(
                "SELECT m.role, t.id, t.slug, t.name, t.status, t.created_at \
                 FROM memberships m JOIN tenants t ON t.id = m.tenant_id \
                 WHERE m.user_id = $1 ORDER BY t.slug",
            )
            .bind(user_id)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|row| {
                let role = Role::parse(&row.role)
                    .ok_or_else(|| StoreError::Corrupt(format!("memberships.role {}", row.role)))?;
                Ok(Membership {
                    tenant: row.tenant.try_into()?,
                    role,
                })
            })
            .collect()
    }

    /// The members of a school with their roles, by email.
    pub async fn tenant_members(&self, tenant_id: i64) -> Result<Vec<(User, Role)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            role: String,
            #[sqlx(flatten)]
            user: User,
        }
        let rows = on_pool!(self.pools(), |pool| {
            sqlx::query_as::<_, Row>(
                "SELECT m.role, u.id, u.email, u.password_hash, u.display_name, u.platform_admin, u.created_at \
                 FROM memberships m JOIN users u ON u.id = m.user_id \
                 WHERE m.tenant_id = $1 ORDER BY u.email",
            )
            .bind(tenant_id)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|row| {
                let role = Role::parse(&row.role)
                    .ok_or_else(|| StoreError::Corrupt(format!("memberships.role {}", row.role)))?;
                Ok((row.user, role))
            })
            .collect()
    }

    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        on_pool!(self.pools(), |pool| {
            sqlx::query(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
            )
            .bind(token_hash)
            .bind(user_id)
            .bind(Utc::now())
            .bind(expires_at)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The session with this token hash, or None when unknown or expired.
    pub async fn find_session(&self, token_hash: &str) -> Result<Option<Session>> {
        Ok(on_pool!(self.pools(), |pool| {
            sqlx::query_as::<_, Session>(
                "SELECT token_hash, user_id, created_at, expires_at FROM sessions \
                 WHERE token_hash = $1 AND expires_at > $2",
            )
            .bind(token_hash)
            .bind(Utc::now())
            .fetch_optional(pool)
            .await?
        }))
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        on_pool!(self.pools(), |pool| {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// Deletes expired sessions (housekeeping); returns how many.
    pub async fn delete_expired_sessions(&self) -> Result<u64> {
        Ok(on_pool!(self.pools(), |pool| {
            sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
                .bind(Utc::now())
                .execute(pool)
                .await?
                .rows_affected()
        }))
    }

    /// Appends to the audit trail.
    pub async fn audit(
        &self,
        user_id: Option<i64>,
        tenant_id: Option<i64>,
        action: &str,
        detail: &serde_json::Value,
    ) -> Result<()> {
        on_pool!(self.pools(), |pool| {
            sqlx::query(
                "INSERT INTO audit_log (at, user_id, tenant_id, action, detail) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(Utc::now())
            .bind(user_id)
            .bind(tenant_id)
            .bind(action)
            .bind(Json(detail))
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// The latest audit entries, newest first (all, or one school's).
    pub async fn audit_entries(
        &self,
        tenant_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>> {
        Ok(on_pool!(self.pools(), |pool| {
            sqlx::query_as::<_, AuditEntry>(
                "SELECT id, at, user_id, tenant_id, action, detail FROM audit_log \
                 WHERE ($1 IS NULL OR tenant_id = $1) ORDER BY id DESC LIMIT $2",
            )
            .bind(tenant_id)
            .bind(limit)
            .fetch_all(pool)
            .await?
        }))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub user_id: Option<i64>,
    pub tenant_id: Option<i64>,
    pub action: String,
    pub detail: Json<serde_json::Value>,
}
