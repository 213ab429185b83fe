//! `serve --demo`: the demo school and a login for it.

use crate::password::new_password;
use crate::{App, NewAccount, ProvisionedLogin, Result};
use domain::Role;

pub const DEMO_TENANT: &str = "demo";
pub const DEMO_NAME: &str = "U.E. Demostración BiScheduler";
pub const DEMO_ADMIN_EMAIL: &str = "admin@demo.bischeduler.ve";

impl App {
    /// Makes sure tenant `demo` exists with the generated demo school (imported once, on
    /// creation; later runs keep whatever users changed), and hands out a fresh password for
    /// its school admin. The password is new on every call because only its hash is stored.
    pub async fn provision_demo(&self) -> Result<ProvisionedLogin> {
        if self.store.find_tenant(DEMO_TENANT).await?.is_none() {
            self.create_tenant(DEMO_TENANT, DEMO_NAME).await?;
            let school = scheduling::demo_school(&scheduling::DemoSpec::default());
            let db = self.store.tenant(DEMO_TENANT).await?;
            let outcome = db.import_school(&school).await?;
            tracing::info!(counts = ?outcome.counts, "demo school imported");
        }
        let password = new_password();
        if self
            .store
            .find_user_by_email(DEMO_ADMIN_EMAIL)
            .await?
            .is_some()
        {
            self.reset_password(DEMO_ADMIN_EMAIL, &password).await?;
        } else {
            self.create_account(&NewAccount {
                tenant: Some(DEMO_TENANT.into()),
                email: DEMO_ADMIN_EMAIL.into(),
                password: password.clone(),
                role: Role::SchoolAdmin,
                display_name: Some("Dirección (demo)".into()),
            })
            .await?;
        }
        Ok(ProvisionedLogin {
            tenant: DEMO_TENANT.into(),
            email: DEMO_ADMIN_EMAIL.into(),
            password,
        })
    }
}
