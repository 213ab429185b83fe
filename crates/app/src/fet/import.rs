//! `fet import`: a FET file into a tenant's school data, through the store's one import path.

use crate::{App, AppError, Result};
use interchange::fet::{FetImportReport, fet_to_school, read_fet};

impl App {
    /// Reads and maps a `.fet` file (its text); with `apply`, writes it into tenant `slug` in
    /// one transaction. A file that cannot be read gives `AppError::Config` naming the element
    /// and line, and nothing is written.
    pub async fn fet_import(
        &self,
        slug: &str,
        text: String,
        apply: bool,
    ) -> Result<(FetImportReport, Option<store::ImportOutcome>)> {
        let db = self.store.tenant(slug).await?;
        let (school, report) = tokio::task::spawn_blocking(move || {
            let fet = read_fet(&text)?;
            fet_to_school(&fet)
        })
        .await
        .map_err(|e| AppError::Internal(format!("la lectura del archivo se interrumpió: {e}")))?
        .map_err(|e| AppError::Config(e.to_string()))?;
        if !apply {
            return Ok((report, None));
        }
        let outcome = db.import_school(&school).await?;
        self.forget_tenant_models(db.tenant().id);
        Ok((report, Some(outcome)))
    }
}
