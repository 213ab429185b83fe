//! `/api/v1/openapi.json`: the routes of the API as an OpenAPI 3.1 document, built from the
//! same collection table the router uses.

use crate::AppState;
use crate::api::resources::COLLECTIONS;
use axum::Json;
use axum::extract::State;
use serde_json::{Map, Value, json};

pub async fn document(State(state): State<AppState>) -> Json<Value> {
    Json(build(&state.base_path))
}

fn error_responses(extra: &[(&str, &str)]) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(
        "401".into(),
        json!({ "$ref": "#/components/responses/Unauthorized" }),
    );
    m.insert(
        "403".into(),
        json!({ "$ref": "#/components/responses/Forbidden" }),
    );
    for (code, description) in extra {
        m.insert((*code).into(), json!({ "description": description }));
    }
    m
}

fn op(
    summary: String,
    ok: &str,
    ok_description: &str,
    extra: &[(&str, &str)],
    body: bool,
) -> Value {
    let mut responses = error_responses(extra);
    responses.insert(ok.into(), json!({ "description": ok_description }));
    let mut o =
        json!({ "summary": summary, "responses": responses, "security": [{ "bearer": [] }] });
    if body {
        o["requestBody"] = json!({
            "required": true,
            "content": { "application/json": { "schema": { "type": "object" } } }
        });
    }
    o
}

pub fn build(base_path: &str) -> Value {
    let mut paths = Map::new();
    paths.insert(
        "/health".into(),
        json!({ "get": { "summary": "Proceso activo", "responses": { "200": { "description": "{\"status\":\"ok\"}" } } } }),
    );
    paths.insert(
        "/api/health/detailed".into(),
        json!({ "get": { "summary": "Estado de la base de datos, el pool y los trabajos", "responses": { "200": { "description": "healthy | degraded" } } } }),
    );
    paths.insert(
        "/api/v1/auth/login".into(),
        json!({ "post": {
            "summary": "Iniciar sesión; devuelve un token bearer",
            "requestBody": { "required": true, "content": { "application/json": { "schema": {
                "type": "object", "required": ["email", "password"],
                "properties": { "email": { "type": "string" }, "password": { "type": "string" } } } } } },
            "responses": { "200": { "description": "{\"token\",\"user\"}" },
                           "401": { "$ref": "#/components/responses/Unauthorized" },
                           "429": { "description": "demasiados intentos fallidos desde esta dirección; vea Retry-After" },
                           "422": { "$ref": "#/components/responses/Invalid" } } } }),
    );
    paths.insert(
        "/api/v1/auth/logout".into(),
        json!({ "post": op("Cerrar la sesión".into(), "204", "sesión cerrada", &[], false) }),
    );
    paths.insert(
        "/api/v1/me".into(),
        json!({ "get": op("Usuario, institución y rol actuales".into(), "200", "usuario", &[], false) }),
    );
    paths.insert(
        "/api/v1/users".into(),
        json!({
            "get": op("Usuarios de la institución".into(), "200", "{\"items\":[...],\"total\":N}", &[], false),
            "post": op("Crear un usuario de la institución".into(), "201", "usuario creado", &[("422", "datos inválidos")], true),
        }),
    );
    for c in COLLECTIONS {
        let not_found = [("404", "no existe en su institución")];
        let invalid = [
            ("404", "no existe en su institución"),
            ("422", "datos inválidos"),
        ];
        let mut list = Map::new();
        list.insert(
            "get".into(),
            op(
                format!("Listar ({})", c.label),
                "200",
                "{\"items\":[...],\"total\":N}",
                &[],
                false,
            ),
        );
        list["get"]["parameters"] = json!([
            { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 1, "maximum": app::MAX_PAGE } },
            { "name": "offset", "in": "query", "schema": { "type": "integer", "minimum": 0 } }
        ]);
        let mut item = Map::new();
        item.insert(
            "get".into(),
            op(
                format!("Leer {}", c.label),
                "200",
                "registro con \"id\"",
                &not_found,
                false,
            ),
        );
        if c.writable {
            list.insert(
                "post".into(),
                op(
                    format!("Crear {}", c.label),
                    "201",
                    "registro creado",
                    &[("422", "datos inválidos")],
                    true,
                ),
            );
            item.insert(
                "put".into(),
                op(
                    format!("Modificar {}", c.label),
                    "200",
                    "registro modificado",
                    &invalid,
                    true,
                ),
            );
            item.insert(
                "delete".into(),
                op(
                    format!("Eliminar {}", c.label),
                    "204",
                    "eliminado",
                    &[
                        ("404", "no existe en su institución"),
                        ("409", "otros registros lo usan"),
                    ],
                    false,
                ),
            );
        }
        paths.insert(format!("/api/v1/{}", c.segment), Value::Object(list));
        item.insert(
            "parameters".into(),
            json!([{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }]),
        );
        paths.insert(format!("/api/v1/{}/{{id}}", c.segment), Value::Object(item));
    }
    crate::api::imports::document(&mut paths);
    crate::api::timetable_ops::document(&mut paths);
    let error = json!({ "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } });
    let with = |description: &str| {
        let mut e = error.clone();
        e["description"] = json!(description);
        e
    };
    json!({
        "openapi": "3.1.0",
        "info": { "title": "BiScheduler API", "version": env!("CARGO_PKG_VERSION") },
        "servers": [{ "url": if base_path.is_empty() { "/" } else { base_path } }],
        "paths": paths,
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "responses": {
                "Unauthorized": with("falta la sesión o no es válida"),
                "Forbidden": with("su rol no permite esta acción"),
                "Invalid": with("datos inválidos, con errores por campo")
            },
            "schemas": { "Error": {
                "type": "object",
                "properties": { "error": { "type": "object", "properties": {
                    "code": { "type": "string" }, "message": { "type": "string" },
                    "fields": { "type": "object", "additionalProperties": { "type": "array", "items": { "type": "string" } } }
                } } }
            } }
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn lists_every_collection() {
        let doc = super::build("");
        for segment in [
            "school-years",
            "sections",
            "time-grids",
            "rules",
            "timetables",
        ] {
            assert!(
                doc["paths"][format!("/api/v1/{segment}")]["get"].is_object(),
                "{segment}"
            );
        }
        assert!(doc["paths"]["/api/v1/timetables"]["post"].is_null());
        assert!(doc["paths"]["/api/v1/sections/{id}"]["delete"].is_object());
    }
}
