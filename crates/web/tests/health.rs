//! Health checks, base path, OpenAPI and unknown routes.

#[macro_use]
mod support;

use axum::http::StatusCode;
use support::{Backend, Harness, empty};

async fn health_endpoints(h: &Harness) {
    let r = h.call("GET", "/health", None, None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), serde_json::json!({"status":"ok"}));
    let r = h
        .call("GET", "/api/health/detailed", None, None, None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["status"], "healthy", "{v}");
    assert_eq!(v["database"]["connected"], true);
    assert!(v["database"]["latency_ms"].as_f64().unwrap() >= 0.0);
    assert!(["sqlite", "postgres"].contains(&v["database"]["backend"].as_str().unwrap()));
    assert!(v["version"].is_string() && v["uptime_s"].is_u64());
    assert!(v["pool"]["size"].is_u64() && v["jobs"].is_object());
}

async fn fresh(backend: Backend) -> Option<Harness> {
    empty(backend, "").await
}
both_backends!(health_endpoints, fresh);

#[tokio::test]
async fn degraded_when_the_database_is_gone() {
    let h = empty(Backend::Sqlite, "").await.unwrap();
    h.app.close().await;
    let r = h
        .call("GET", "/api/health/detailed", None, None, None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["status"], "degraded", "{v}");
    assert_eq!(v["database"]["connected"], false);
    assert!(v["database"]["latency_ms"].is_number());
    // Liveness does not depend on the database.
    let r = h.call("GET", "/health", None, None, None).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn base_path_nests_everything() {
    let h = empty(Backend::Sqlite, "/bischeduler").await.unwrap();
    let r = h.call("GET", "/bischeduler/health", None, None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    let r = h.call("GET", "/health", None, None, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = h
        .call("GET", "/bischeduler/api/v1/sections", None, None, None)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = h.call("GET", "/bischeduler", None, None, None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.headers["location"], "/bischeduler/login");
    let r = h.call("GET", "/bischeduler/", None, None, None).await;
    assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT);
    assert_eq!(r.headers["location"], "/bischeduler");
    let r = h.call("GET", "/bischeduler/login", None, None, None).await;
    assert!(r.text.contains("action=\"/bischeduler/login\""));
    let r = h
        .call("GET", "/bischeduler/api/v1/openapi.json", None, None, None)
        .await;
    assert_eq!(r.json()["servers"][0]["url"], "/bischeduler");
}

#[tokio::test]
async fn openapi_and_unknown_routes() {
    let h = empty(Backend::Sqlite, "").await.unwrap();
    let r = h
        .call("GET", "/api/v1/openapi.json", None, None, None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    for path in [
        "/api/v1/auth/login",
        "/api/v1/sections",
        "/api/v1/sections/{id}",
        "/api/v1/lessons",
        "/api/v1/rules",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    let r = h.call("GET", "/api/v1/no-existe", None, None, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["error"]["code"], "not_found");
}
