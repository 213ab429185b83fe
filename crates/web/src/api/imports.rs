//! `POST /api/v1/imports` (multipart upload of the school's workbooks or flat templates) and
//! `GET /api/v1/templates/{kind}`.
//!
//! An import is two explicit calls with the same files: the first answers the dry-run report
//! (nothing written), the second adds the form field `apply=true` (or `?apply=true`) and
//! writes the school in one transaction. Keeping no upload between the calls keeps every
//! server instance stateless.

use crate::extract::Auth;
use crate::{ApiError, AppState};
use app::{Action, AppError, ImportAnswer, MergeDecisions, UploadedFile};
use axum::Json;
use axum::Router;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

/// Largest upload: the real teacher workbook is ~300 KB; a whole school's files stay far below.
const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/imports",
            post(import).layer(DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
        .route("/templates/{kind}", get(template))
}

#[derive(Debug, Default, Deserialize)]
struct ImportQuery {
    #[serde(default)]
    apply: Option<String>,
}

fn truthy(text: &str) -> bool {
    matches!(
        text.trim().to_lowercase().as_str(),
        "true" | "1" | "yes" | "si" | "sí" | "on"
    )
}

fn bad_body(message: String) -> ApiError {
    AppError::field("body", message).into()
}

async fn import(
    State(state): State<AppState>,
    Auth(who): Auth,
    Query(query): Query<ImportQuery>,
    body: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<ImportAnswer>), ApiError> {
    // A caller who may not import learns that (403) before anything about the upload (422).
    who.require(Action::EditSchool)?;
    let mut form = body.map_err(|e| {
        bad_body(format!(
            "envíe los archivos como multipart/form-data ({})",
            e.body_text()
        ))
    })?;
    let mut files = Vec::new();
    let mut decisions = MergeDecisions::default();
    let mut apply = query.apply.as_deref().is_some_and(truthy);
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| bad_body(format!("formulario ilegible: {}", e.body_text())))?
    {
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field
            .bytes()
            .await
            .map_err(|e| bad_body(format!("no se pudo leer «{name}»: {}", e.body_text())))?;
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        match (name.as_str(), file_name) {
            ("merges", _) => decisions.mappings = Some(text()),
            ("refuse", None) => decisions.refused.push(text()),
            ("apply", None) => apply = truthy(&text()),
            (_, Some(file_name)) => files.push(UploadedFile {
                name: file_name,
                bytes: bytes.to_vec(),
            }),
            (other, None) => {
                return Err(AppError::field(
                    other,
                    "campo desconocido; use archivos, «refuse», «merges» o «apply»",
                )
                .into());
            }
        }
    }
    let answer = state
        .app
        .import_files(&who, files, decisions, apply)
        .await?;
    let status = if answer.applied {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(answer)))
}

#[derive(Debug, Default, Deserialize)]
struct TemplateQuery {
    #[serde(default)]
    format: Option<String>,
}

async fn template(
    State(state): State<AppState>,
    Auth(who): Auth,
    Path(kind): Path<String>,
    Query(query): Query<TemplateQuery>,
) -> Result<Response, ApiError> {
    let csv = match query.format.as_deref().map(str::to_lowercase).as_deref() {
        None | Some("xlsx") => false,
        Some("csv") => true,
        Some(other) => {
            return Err(
                AppError::field("format", format!("«{other}» no existe; use xlsx o csv")).into(),
            );
        }
    };
    let file = state.app.template(&who, &kind, csv).await?;
    let disposition = format!("attachment; filename=\"{}\"", file.file_name);
    Ok((
        [
            (header::CONTENT_TYPE, file.content_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        file.bytes,
    )
        .into_response())
}

/// The OpenAPI entries of this module's routes.
pub(crate) fn document(paths: &mut serde_json::Map<String, serde_json::Value>) {
    use serde_json::json;
    paths.insert(
        "/api/v1/imports".into(),
        json!({ "post": {
            "summary": "Importar datos de la escuela (libros de horarios o plantillas planas). Sin `apply` responde la simulación (200, nada se escribe); repetir la misma llamada con el campo `apply=true` (o `?apply=true`) la aplica (201). Todo o nada: un archivo dañado responde 422 con un mensaje por archivo, hoja y celda.",
            "security": [{ "bearer": [] }],
            "parameters": [{ "name": "apply", "in": "query", "schema": { "type": "boolean" } }],
            "requestBody": { "required": true, "content": { "multipart/form-data": { "schema": {
                "type": "object",
                "properties": {
                    "file": { "type": "array", "items": { "type": "string", "format": "binary" } },
                    "refuse": { "type": "array", "items": { "type": "string" }, "description": "nombre que no debe unificarse" },
                    "merges": { "type": "string", "description": "una decisión «variante => nombre» por línea" },
                    "apply": { "type": "boolean" }
                } } } } },
            "responses": {
                "200": { "description": "{\"applied\":false,\"report\":{counts,merges,warnings,clashes,block_patterns}}" },
                "201": { "description": "{\"applied\":true,\"report\",\"written\",\"timetable_ids\"}" },
                "401": { "$ref": "#/components/responses/Unauthorized" },
                "403": { "$ref": "#/components/responses/Forbidden" },
                "422": { "$ref": "#/components/responses/Invalid" }
            } } }),
    );
    paths.insert(
        "/api/v1/templates/{kind}".into(),
        json!({ "get": {
            "summary": "Plantilla plana de importación (teachers, subjects, rooms, sections, lessons, availability, periods)",
            "security": [{ "bearer": [] }],
            "parameters": [
                { "name": "kind", "in": "path", "required": true, "schema": { "type": "string" } },
                { "name": "format", "in": "query", "schema": { "type": "string", "enum": ["xlsx", "csv"] } }
            ],
            "responses": {
                "200": { "description": "el archivo" },
                "401": { "$ref": "#/components/responses/Unauthorized" },
                "403": { "$ref": "#/components/responses/Forbidden" },
                "404": { "description": "no existe esa plantilla" },
                "422": { "$ref": "#/components/responses/Invalid" }
            } } }),
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn apply_flags() {
        assert!(super::truthy("true"));
        assert!(super::truthy(" Sí "));
        assert!(!super::truthy("false"));
        assert!(!super::truthy(""));
    }
}
