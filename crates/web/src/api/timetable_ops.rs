//! Working on timetables: queue a generation, read a report, check and apply manual moves,
//! lock and unlock placements. (Listing and reading timetables is in `resources`.)

use crate::extract::{Auth, RecordId, parse_json};
use crate::{ApiError, AppState};
use app::{
    Action, AppError, JobStatus, MoveApplied, MoveCheck, MoveRequest, SolveParams, TimetableReport,
};
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use domain::{Id, Placement, Record};
use serde::Serialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/timetables/generate", post(generate))
        .route("/timetables/{id}/report", get(report))
        .route("/timetables/{id}/placements", get(placements))
        .route("/timetables/{id}/moves/check", post(check_move))
        .route("/timetables/{id}/moves", post(apply_move))
        .route(
            "/timetables/{id}/placements/{pid}/lock",
            put(lock).delete(unlock),
        )
}

#[derive(Serialize)]
struct Queued {
    job_id: i64,
    status: JobStatus,
}

async fn generate(
    State(state): State<AppState>,
    Auth(who): Auth,
    body: Bytes,
) -> Result<(StatusCode, Json<Queued>), ApiError> {
    who.require(Action::EditSchool)?;
    let params: SolveParams = if body.iter().all(u8::is_ascii_whitespace) {
        SolveParams::default()
    } else {
        parse_json(&body)?
    };
    let job = state.app.enqueue_generate(&who, &params).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(Queued {
            job_id: job.id,
            status: job.status,
        }),
    ))
}

async fn report(
    State(state): State<AppState>,
    Auth(who): Auth,
    RecordId(id): RecordId,
) -> Result<Json<TimetableReport>, ApiError> {
    Ok(Json(state.app.timetable_report(&who, id).await?))
}

async fn placements(
    State(state): State<AppState>,
    Auth(who): Auth,
    RecordId(id): RecordId,
) -> Result<Json<Listing>, ApiError> {
    let items = state.app.timetable_placements(&who, id).await?;
    Ok(Json(Listing {
        total: items.len(),
        items,
    }))
}

/// `{"items":[...],"total":N}` as every list of the API.
#[derive(Serialize)]
struct Listing {
    items: Vec<Record<Placement>>,
    total: usize,
}

fn move_body(who: &app::Principal, body: &[u8]) -> Result<MoveRequest, ApiError> {
    who.require(Action::EditSchool)?;
    parse_json(body)
}

async fn check_move(
    State(state): State<AppState>,
    Auth(who): Auth,
    RecordId(id): RecordId,
    body: Bytes,
) -> Result<Json<MoveCheck>, ApiError> {
    let req = move_body(&who, &body)?;
    Ok(Json(state.app.check_move(&who, id, &req).await?))
}

async fn apply_move(
    State(state): State<AppState>,
    Auth(who): Auth,
    RecordId(id): RecordId,
    body: Bytes,
) -> Result<Json<MoveApplied>, ApiError> {
    let req = move_body(&who, &body)?;
    Ok(Json(state.app.apply_move(&who, id, &req).await?))
}

/// `/timetables/{id}/placements/{pid}/lock`: both ids must be positive integers, else 404.
fn ids(raw: (String, String)) -> Result<(Id, Id), ApiError> {
    let parse = |s: &str| s.parse::<Id>().ok().filter(|n| *n > 0);
    match (parse(&raw.0), parse(&raw.1)) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => {
            Err(AppError::NotFound(format!("no existe la ubicación «{}/{}»", raw.0, raw.1)).into())
        }
    }
}

async fn lock(
    State(state): State<AppState>,
    Auth(who): Auth,
    Path(raw): Path<(String, String)>,
) -> Result<Json<Record<Placement>>, ApiError> {
    let (id, pid) = ids(raw)?;
    Ok(Json(
        state.app.set_placement_lock(&who, id, pid, true).await?,
    ))
}

async fn unlock(
    State(state): State<AppState>,
    Auth(who): Auth,
    Path(raw): Path<(String, String)>,
) -> Result<Json<Record<Placement>>, ApiError> {
    let (id, pid) = ids(raw)?;
    Ok(Json(
        state.app.set_placement_lock(&who, id, pid, false).await?,
    ))
}
