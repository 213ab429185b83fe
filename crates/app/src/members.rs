//! A school's user accounts, managed by its school admin (or a platform admin).

use crate::{Action, App, AppError, NewAccount, Page, Principal, Result};
use domain::Role;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

/// `{"items":[...],"total":N}` of members.
#[derive(Debug, Clone, Serialize)]
pub struct Members {
    pub items: Vec<MemberView>,
    pub total: i64,
}

/// `POST /api/v1/users`.
#[derive(Debug, Clone, Deserialize)]
pub struct NewMember {
    pub email: String,
    pub password: String,
    pub role: Role,
    #[serde(default)]
    pub display_name: Option<String>,
}

impl App {
    pub async fn list_members(&self, who: &Principal, page: Page) -> Result<Members> {
        who.require(Action::ManageUsers)?;
        let tenant = who.school()?;
        let mut all = self.store.tenant_members(tenant.id).await?;
        all.sort_by(|a, b| a.0.email.cmp(&b.0.email));
        let total = all.len() as i64;
        let items = all
            .into_iter()
            .skip(usize::try_from(page.offset.max(0)).unwrap_or(0))
            .take(usize::try_from(page.limit.clamp(1, crate::MAX_PAGE)).unwrap_or(0))
            .map(|(u, role)| MemberView {
                id: u.id,
                email: u.email,
                display_name: u.display_name,
                role,
            })
            .collect();
        Ok(Members { items, total })
    }

    pub async fn add_member(&self, who: &Principal, new: NewMember) -> Result<MemberView> {
        who.require(Action::ManageUsers)?;
        if new.role == Role::PlatformAdmin {
            return Err(AppError::Forbidden(
                "los administradores de la plataforma se crean con `bischeduler user create`"
                    .into(),
            ));
        }
        let tenant = who.school()?;
        let user = self
            .create_account(&NewAccount {
                tenant: Some(tenant.slug.clone()),
                email: new.email,
                password: new.password,
                role: new.role,
                display_name: new.display_name,
            })
            .await?;
        Ok(MemberView {
            id: user.id,
            email: user.email,
            display_name: user.display_name,
            role: new.role,
        })
    }
}
