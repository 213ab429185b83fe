//! Store records → the views the app hands out (no password hashes, plain strings).

use crate::{MembershipView, TenantView, UserView};

impl From<&store::User> for UserView {
    fn from(u: &store::User) -> Self {
        UserView {
            id: u.id,
            email: u.email.clone(),
            display_name: u.display_name.clone(),
            platform_admin: u.platform_admin,
        }
    }
}

impl From<&store::Tenant> for TenantView {
    fn from(t: &store::Tenant) -> Self {
        TenantView {
            id: t.id,
            slug: t.slug.clone(),
            name: t.name.clone(),
            status: t.status.as_str().to_string(),
        }
    }
}

impl From<&store::Membership> for MembershipView {
    fn from(m: &store::Membership) -> Self {
        MembershipView {
            tenant: (&m.tenant).into(),
            role: m.role,
        }
    }
}
