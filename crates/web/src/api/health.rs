use crate::AppState;
use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

/// Liveness: answers while the process serves, whatever the database does.
pub async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Readiness detail: database latency (degraded when slow or down), pool, jobs. Always 200 so
/// that monitors can read the body; the status field says how things are.
pub async fn detailed(State(state): State<AppState>) -> Json<app::DetailedHealth> {
    Json(state.app.detailed_health().await)
}
