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

/// The OpenAPI entries of this module's routes and of the job routes.
pub(crate) fn document(paths: &mut serde_json::Map<String, serde_json::Value>) {
    use serde_json::{Value, json};
    let responses = |ok: &str, what: &str| {
        json!({
            ok: { "description": what },
            "401": { "$ref": "#/components/responses/Unauthorized" },
            "403": { "$ref": "#/components/responses/Forbidden" },
            "404": { "description": "no existe en su institución" },
            "422": { "$ref": "#/components/responses/Invalid" }
        })
    };
    let op = |summary: &str, ok: &str, what: &str, body: Option<Value>| {
        let mut o = json!({ "summary": summary, "security": [{ "bearer": [] }], "responses": responses(ok, what) });
        if let Some(schema) = body {
            o["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": schema } } });
        }
        o
    };
    let with_response = |mut o: Value, code: &str, what: &str| {
        o["responses"][code] = json!({ "description": what });
        o
    };
    let id =
        json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } });
    let mv = json!({ "type": "object", "required": ["placement_id"], "properties": {
        "placement_id": { "type": "integer" }, "day": { "type": "integer" }, "period": { "type": "integer" },
        "room_id": { "type": "integer" }, "swap_with": { "type": "integer" }, "force": { "type": "boolean" } } });
    let entries = [
        (
            "/api/v1/timetables/generate",
            "post",
            with_response(
                op(
                    "Encolar la generación de un horario",
                    "202",
                    "{\"job_id\",\"status\"}",
                    Some(
                        json!({ "type": "object", "properties": { "time_limit_s": { "type": "number" }, "seed": { "type": "integer" },
                    "threads": { "type": "integer" }, "keep_locked_from": { "type": "integer" }, "name": { "type": "string" } } }),
                    ),
                ),
                "429",
                "la institución ya tiene el máximo de trabajos en cola o en ejecución",
            ),
            false,
        ),
        (
            "/api/v1/timetables/{id}/report",
            "get",
            op(
                "Informe: violaciones obligatorias, costo blando por regla, docente y sección, carga docente, medidas",
                "200",
                "{\"hard_violations\",\"soft_cost\",\"breakdown\",...}",
                None,
            ),
            true,
        ),
        (
            "/api/v1/timetables/{id}/placements",
            "get",
            op(
                "Ubicaciones del horario con sus ids",
                "200",
                "{\"items\",\"total\"}",
                None,
            ),
            true,
        ),
        (
            "/api/v1/timetables/{id}/moves/check",
            "post",
            op(
                "Comprobar un movimiento (a día/período/aula, o intercambio con swap_with)",
                "200",
                "{\"legal\",\"hard_violations\",\"hard_delta\",\"soft_delta\"}",
                Some(mv.clone()),
            ),
            true,
        ),
        (
            "/api/v1/timetables/{id}/moves",
            "post",
            with_response(
                op(
                    "Aplicar un movimiento legal (o cualquiera con force)",
                    "200",
                    "la comprobación y las ubicaciones guardadas",
                    Some(mv),
                ),
                "409",
                "el horario cambió desde que se leyó; recargue y repita el movimiento",
            ),
            true,
        ),
        (
            "/api/v1/jobs/{id}",
            "get",
            op(
                "Estado y progreso de un trabajo",
                "200",
                "{\"status\",\"progress\",\"timetable_id\"}",
                None,
            ),
            true,
        ),
        (
            "/api/v1/jobs/{id}/cancel",
            "post",
            op(
                "Cancelar un trabajo (el mejor horario hallado se guarda)",
                "200",
                "el trabajo",
                None,
            ),
            true,
        ),
    ];
    for (path, method, mut o, with_id) in entries {
        if with_id {
            o["parameters"] = json!([id.clone()]);
        }
        let entry = paths.entry(path.to_string()).or_insert_with(|| json!({}));
        entry[method] = o;
    }
    let lock_params = json!([id, { "name": "pid", "in": "path", "required": true, "schema": { "type": "integer" } }]);
    let mut lock = json!({
        "put": op("Fijar una ubicación (no se mueve al volver a generar)", "200", "la ubicación", None),
        "delete": op("Liberar una ubicación", "200", "la ubicación", None)
    });
    lock["parameters"] = lock_params;
    paths.insert("/api/v1/timetables/{id}/placements/{pid}/lock".into(), lock);
}
