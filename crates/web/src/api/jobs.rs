//! `GET /api/v1/jobs/{id}` (status, progress, the timetable it made) and
//! `POST /api/v1/jobs/{id}/cancel`.

use crate::extract::{Auth, RecordId};
use crate::{ApiError, AppState};
use app::JobView;
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/jobs/{id}", get(job))
        .route("/jobs/{id}/cancel", post(cancel))
}

async fn job(
    State(state): State<AppState>,
    Auth(who): Auth,
    RecordId(id): RecordId,
) -> Result<Json<JobView>, ApiError> {
    Ok(Json(state.app.job(&who, id).await?))
}

async fn cancel(
    State(state): State<AppState>,
    Auth(who): Auth,
    RecordId(id): RecordId,
) -> Result<Json<JobView>, ApiError> {
    Ok(Json(state.app.cancel_job(&who, id).await?))
}
