//! Who is calling and what they may do (CONTRACT.md, "Roles by default").

use crate::{AppError, Result};
use domain::Role;
use serde::Serialize;

/// A user as shown to clients: never the password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub platform_admin: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TenantView {
    pub id: i64,
    pub slug: String,
    pub name: String,
    /// `active` or `suspended`.
    pub status: String,
}

impl TenantView {
    pub fn is_suspended(&self) -> bool {
        self.status == "suspended"
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MembershipView {
    pub tenant: TenantView,
    pub role: Role,
}

/// The authenticated caller of one request: the user, the school the request acts on (if
/// any) and the role the user has there.
#[derive(Debug, Clone, Serialize)]
pub struct Principal {
    pub user: UserView,
    pub tenant: Option<TenantView>,
    pub role: Role,
    pub memberships: Vec<MembershipView>,
}

/// The kinds of action the role rules distinguish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Read the school's data and timetables.
    ReadSchool,
    /// Create, change or delete school data and timetables.
    EditSchool,
    /// Create and manage the school's user accounts.
    ManageUsers,
    /// Tenants and anything across schools.
    ManagePlatform,
}

impl Principal {
    pub fn may(&self, action: Action) -> bool {
        if self.role == Role::PlatformAdmin {
            return true;
        }
        match action {
            Action::ReadSchool => self.role.can_read_school_data(),
            Action::EditSchool => self.role.can_edit_school_data(),
            Action::ManageUsers => self.role.can_manage_users(),
            Action::ManagePlatform => false,
        }
    }

    pub fn require(&self, action: Action) -> Result<()> {
        if self.may(action) {
            Ok(())
        } else {
            Err(AppError::forbidden())
        }
    }

    /// The school this request acts on; school data always needs one.
    pub fn school(&self) -> Result<&TenantView> {
        self.tenant.as_ref().ok_or(AppError::TenantRequired)
    }
}

/// Picks the tenant and role of a request from the user's memberships and the optional
/// `X-Tenant` choice. A platform admin may act on any existing tenant (`lookup` finds it).
pub(crate) fn choose_tenant(
    user: &UserView,
    memberships: &[MembershipView],
    choice: Option<&str>,
    lookup: Option<TenantView>,
) -> Result<(Option<TenantView>, Role)> {
    let chosen = match choice {
        Some(slug) => match memberships.iter().find(|m| m.tenant.slug == slug) {
            Some(m) => Some((m.tenant.clone(), m.role)),
            None if user.platform_admin => match lookup {
                Some(t) => Some((t, Role::PlatformAdmin)),
                None => {
                    return Err(AppError::NotFound(format!(
                        "la institución {slug} no existe"
                    )));
                }
            },
            None => {
                return Err(AppError::Forbidden(format!(
                    "no pertenece a la institución {slug}"
                )));
            }
        },
        None if memberships.len() == 1 => {
            Some((memberships[0].tenant.clone(), memberships[0].role))
        }
        None => None,
    };
    let (tenant, mut role) = match chosen {
        Some((t, r)) => (Some(t), r),
        // Several memberships and no choice: the user is known, the school is not yet.
        None => (None, memberships.first().map_or(Role::Viewer, |m| m.role)),
    };
    if user.platform_admin {
        role = Role::PlatformAdmin;
    }
    if let Some(t) = &tenant
        && t.is_suspended()
        && role != Role::PlatformAdmin
    {
        return Err(AppError::TenantSuspended(t.slug.clone()));
    }
    Ok((tenant, role))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(admin: bool) -> UserView {
        UserView {
            id: 1,
            email: "a@b.c".into(),
            display_name: "A".into(),
            platform_admin: admin,
        }
    }
    fn tenant(slug: &str, status: &str) -> TenantView {
        TenantView {
            id: slug.len() as i64,
            slug: slug.into(),
            name: slug.into(),
            status: status.into(),
        }
    }
    fn member(slug: &str, role: Role) -> MembershipView {
        MembershipView {
            tenant: tenant(slug, "active"),
            role,
        }
    }

    #[test]
    fn single_membership_is_the_tenant() {
        let (t, r) =
            choose_tenant(&user(false), &[member("demo", Role::Viewer)], None, None).unwrap();
        assert_eq!(t.unwrap().slug, "demo");
        assert_eq!(r, Role::Viewer);
    }

    #[test]
    fn several_memberships_need_a_choice() {
        let ms = [member("a", Role::Viewer), member("b", Role::Coordinator)];
        let (t, _) = choose_tenant(&user(false), &ms, None, None).unwrap();
        assert!(t.is_none());
        let (t, r) = choose_tenant(&user(false), &ms, Some("b"), None).unwrap();
        assert_eq!((t.unwrap().slug.as_str(), r), ("b", Role::Coordinator));
        assert!(matches!(
            choose_tenant(&user(false), &ms, Some("c"), None),
            Err(AppError::Forbidden(_))
        ));
    }

    #[test]
    fn platform_admin_picks_any_tenant() {
        let (t, r) =
            choose_tenant(&user(true), &[], Some("x"), Some(tenant("x", "suspended"))).unwrap();
        assert_eq!((t.unwrap().slug.as_str(), r), ("x", Role::PlatformAdmin));
        assert!(matches!(
            choose_tenant(&user(true), &[], Some("y"), None),
            Err(AppError::NotFound(_))
        ));
    }

    #[test]
    fn suspended_tenant_locks_members_out() {
        let ms = [MembershipView {
            tenant: tenant("s", "suspended"),
            role: Role::SchoolAdmin,
        }];
        assert!(matches!(
            choose_tenant(&user(false), &ms, None, None),
            Err(AppError::TenantSuspended(_))
        ));
    }

    #[test]
    fn role_rules() {
        let p = |role| Principal {
            user: user(false),
            tenant: None,
            role,
            memberships: vec![],
        };
        assert!(p(Role::Coordinator).may(Action::EditSchool));
        assert!(!p(Role::Coordinator).may(Action::ManageUsers));
        assert!(p(Role::SchoolAdmin).may(Action::ManageUsers));
        assert!(!p(Role::SchoolAdmin).may(Action::ManagePlatform));
        assert!(p(Role::Teacher).may(Action::ReadSchool));
        assert!(!p(Role::Teacher).may(Action::EditSchool));
        assert!(!p(Role::Viewer).may(Action::EditSchool));
        assert!(!p(Role::Parent).may(Action::ReadSchool));
        assert!(p(Role::PlatformAdmin).may(Action::ManagePlatform));
    }
}
