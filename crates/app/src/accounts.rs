//! Login, logout and turning a session token into a [`Principal`].

use crate::access::choose_tenant;
use crate::password::{hash_password, new_token, token_hash, verify_password};
use crate::{App, AppError, MembershipView, Principal, Result, UserView};
use serde::Serialize;
use tokio::sync::OnceCell;

/// How long a login lasts.
pub const SESSION_TTL_HOURS: i64 = 12;

#[derive(Debug, Clone, Serialize)]
pub struct LoginOutcome {
    pub token: String,
    pub user: UserView,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// A hash to verify against when the email is unknown, so that a wrong email takes as long as
/// a wrong password and emails cannot be discovered by timing.
static DUMMY_HASH: OnceCell<String> = OnceCell::const_new();

impl App {
    /// Logs in `email` from `client` (the caller's address, or any stable label of where the
    /// attempt comes from). Failed attempts are counted per (email, client) in the platform
    /// database, so the limit holds across server instances: after
    /// [`crate::Limits::login_failures_allowed`] failures within the window, attempts answer
    /// TooManyRequests (even with the right password) until the oldest failure leaves it.
    pub async fn login(&self, email: &str, password: &str, client: &str) -> Result<LoginOutcome> {
        let now = chrono::Utc::now();
        let window = chrono::Duration::from_std(self.limits.login_window).map_err(|_| {
            AppError::Config("ventana de intentos de inicio de sesión demasiado larga".into())
        })?;
        let allowed = self.limits.login_failures_allowed.max(1) as usize;
        let failures = self
            .store
            .login_failures_since(email, client, now - window)
            .await?;
        if failures.len() >= allowed {
            // A slot frees when the failure `allowed` places from the newest leaves the window.
            let frees_at = failures[failures.len() - allowed] + window;
            let wait_s = (frees_at - now).num_seconds().max(1) as u64;
            return Err(AppError::TooManyRequests {
                message: format!(
                    "demasiados intentos fallidos de inicio de sesión; espere {} minuto(s) y vuelva a intentarlo",
                    wait_s.div_ceil(60)
                ),
                retry_after_s: Some(wait_s),
            });
        }
        match self.check_login(email, password).await {
            Err(AppError::BadCredentials) => {
                self.store
                    .record_login_failure(email, client, now, now - window)
                    .await?;
                Err(AppError::BadCredentials)
            }
            Err(e) => Err(e),
            Ok(outcome) => {
                if !failures.is_empty() {
                    self.store.clear_login_failures(email, client).await?;
                }
                Ok(outcome)
            }
        }
    }

    async fn check_login(&self, email: &str, password: &str) -> Result<LoginOutcome> {
        let user = self.store.find_user_by_email(email).await?;
        let Some(user) = user else {
            let dummy = DUMMY_HASH
                .get_or_try_init(|| hash_password("contraseña-inexistente"))
                .await?;
            verify_password(password, dummy).await?;
            return Err(AppError::BadCredentials);
        };
        if !verify_password(password, &user.password_hash).await? {
            return Err(AppError::BadCredentials);
        }
        let memberships = self.store.memberships(user.id).await?;
        let all_suspended = !memberships.is_empty()
            && memberships
                .iter()
                .all(|m| m.tenant.status == store::TenantStatus::Suspended);
        if !user.platform_admin && all_suspended {
            return Err(AppError::TenantSuspended(
                memberships[0].tenant.slug.clone(),
            ));
        }
        let token = new_token();
        let expires_at = chrono::Utc::now() + chrono::Duration::hours(SESSION_TTL_HOURS);
        self.store
            .create_session(&token_hash(&token), user.id, expires_at)
            .await?;
        self.store
            .audit(Some(user.id), None, "login", &serde_json::json!({}))
            .await?;
        Ok(LoginOutcome {
            token,
            user: (&user).into(),
            expires_at,
        })
    }

    pub async fn logout(&self, token: &str) -> Result<()> {
        Ok(self.store.delete_session(&token_hash(token)).await?)
    }

    /// The caller behind `token`, acting on the tenant `tenant_choice` (header `X-Tenant`) or
    /// on their only membership.
    pub async fn authenticate(
        &self,
        token: &str,
        tenant_choice: Option<&str>,
    ) -> Result<Principal> {
        let session = self
            .store
            .find_session(&token_hash(token))
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let user = self
            .store
            .get_user(session.user_id)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let user: UserView = (&user).into();
        let memberships: Vec<MembershipView> = self
            .store
            .memberships(user.id)
            .await?
            .iter()
            .map(Into::into)
            .collect();
        let lookup = match tenant_choice {
            Some(slug) if user.platform_admin => {
                self.store.find_tenant(slug).await?.as_ref().map(Into::into)
            }
            _ => None,
        };
        let (tenant, role) = choose_tenant(&user, &memberships, tenant_choice, lookup)?;
        Ok(Principal {
            user,
            tenant,
            role,
            memberships,
        })
    }
}
