//! `fet export`: a school that lives in the app, with one of its timetables locked in place,
//! as a `.fet` file that FET opens and accepts.

use crate::{App, AppError, Result};
use domain::{Id, Timetable};
use interchange::fet::{FetExport, export_fet};

impl App {
    /// The `.fet` text of tenant `slug`'s school with timetable `timetable_id` locked, and
    /// what could not be exported. An unknown tenant or timetable is `NotFound`.
    pub async fn fet_export(&self, slug: &str, timetable_id: Id) -> Result<FetExport> {
        let db = self.store.tenant(slug).await?;
        db.get::<Timetable>(timetable_id).await?.ok_or_else(|| {
            AppError::NotFound(format!("no existe el horario {timetable_id} en «{slug}»"))
        })?;
        let school = db.load_school().await?;
        let placements: Vec<domain::Placement> = db
            .placements(timetable_id)
            .await?
            .into_iter()
            .map(|p| p.data)
            .collect();
        let institution = db.tenant().name.clone();
        tokio::task::spawn_blocking(move || export_fet(&school, &institution, &placements))
            .await
            .map_err(|e| AppError::Internal(format!("la exportación se interrumpió: {e}")))?
            .map_err(|e| AppError::Config(e.to_string()))
    }
}
