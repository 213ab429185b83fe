//! The real school through the API, on SQLite and PostgreSQL: import (dry run, then apply),
//! generate through the job queue, report, check and apply moves, lock and unlock, templates;
//! 401/403/404/422 on every route of that path; a corrupt upload writes nothing.

#[macro_use]
mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use moves::moves_and_locks;
use serde_json::Value;
use support::{Harness, Reply, schools};

// Moves, locks and live edits on the generated timetable: a part of the end-to-end test kept
// in its own file (a subfolder, so cargo does not build it as a test of its own).
#[path = "timetable_api/moves.rs"]
mod moves;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ueipab");
const WORKBOOKS: [&str; 2] = [
    "student_schedule_2025_2026.xlsx",
    "teacher_schedule_2025_2026.xlsx",
];
const BOUNDARY: &str = "bischeduler-test-boundary";

/// The real workbooks, or None (skip) when ../shared is missing; under CI=true that fails.
fn workbooks() -> Option<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for name in WORKBOOKS {
        match std::fs::read(format!("{DATA}/{name}")) {
            Ok(bytes) => files.push((name.to_string(), bytes)),
            Err(e) if std::env::var("CI").as_deref() == Ok("true") => {
                panic!("CI=true but {DATA}/{name} cannot be read: {e}")
            }
            Err(_) => {
                eprintln!("skipping: {DATA} is missing");
                return None;
            }
        }
    }
    Some(files)
}

/// A multipart body: files, then plain text fields.
fn multipart(files: &[(String, Vec<u8>)], fields: &[(&str, &str)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn upload(h: &Harness, token: Option<&str>, body: Vec<u8>) -> Reply {
    let mut req = Request::builder()
        .method("POST")
        .uri("/api/v1/imports")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        );
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    h.send(req.body(Body::from(body)).unwrap()).await
}

async fn call(h: &Harness, method: &str, path: &str, token: &str, body: Option<&str>) -> Reply {
    h.call(method, path, Some(token), None, body).await
}

async fn sections_total(h: &Harness, token: &str) -> i64 {
    h.get("/api/v1/sections", token).await.json()["total"]
        .as_i64()
        .unwrap()
}

/// Polls the job until it ends (a generous wall-clock cap: the budget is 1 s of search).
async fn wait_for_job(h: &Harness, token: &str, job: i64) -> Value {
    for _ in 0..600 {
        let v = h.get(&format!("/api/v1/jobs/{job}"), token).await.json();
        if !matches!(v["status"].as_str(), Some("queued" | "running")) {
            return v;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("job {job} did not finish");
}

async fn new_routes_need_a_login(h: &Harness) {
    for (method, path) in [
        ("GET", "/api/v1/templates/teachers"),
        ("POST", "/api/v1/timetables/generate"),
        ("GET", "/api/v1/timetables/1/report"),
        ("GET", "/api/v1/timetables/1/placements"),
        ("POST", "/api/v1/timetables/1/moves/check"),
        ("POST", "/api/v1/timetables/1/moves"),
        ("PUT", "/api/v1/timetables/1/placements/1/lock"),
        ("DELETE", "/api/v1/timetables/1/placements/1/lock"),
        ("GET", "/api/v1/jobs/1"),
        ("POST", "/api/v1/jobs/1/cancel"),
    ] {
        let r = h.call(method, path, None, None, None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{method} {path}");
    }
    let r = upload(h, None, multipart(&[], &[])).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}
both_backends!(new_routes_need_a_login, schools);

async fn templates(h: &Harness) {
    let viewer = h.login("visor@alfa.ve").await;
    let r = h
        .get("/api/v1/templates/teachers?format=csv", &viewer)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(
        r.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        r.text.lines().next().unwrap().contains("Nombre"),
        "{}",
        r.text
    );
    let r = h.get("/api/v1/templates/docentes", &viewer).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("docentes.xlsx")
    );
    assert_eq!(
        h.get("/api/v1/templates/nada", &viewer).await.status,
        StatusCode::NOT_FOUND
    );
    let r = h
        .get("/api/v1/templates/teachers?format=pdf", &viewer)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let parent = h.login("padre@alfa.ve").await;
    assert_eq!(
        h.get("/api/v1/templates/teachers", &parent).await.status,
        StatusCode::FORBIDDEN
    );
}
both_backends!(templates, schools);

async fn openapi_documents_the_new_routes(h: &Harness) {
    let doc = h
        .call("GET", "/api/v1/openapi.json", None, None, None)
        .await
        .json();
    let paths = &doc["paths"];
    assert!(
        paths["/api/v1/imports"]["post"]["summary"]
            .as_str()
            .unwrap()
            .contains("apply=true")
    );
    for (path, method) in [
        ("/api/v1/templates/{kind}", "get"),
        ("/api/v1/timetables/generate", "post"),
        ("/api/v1/timetables/{id}/report", "get"),
        ("/api/v1/timetables/{id}/moves/check", "post"),
        ("/api/v1/timetables/{id}/moves", "post"),
        ("/api/v1/timetables/{id}/placements/{pid}/lock", "put"),
        ("/api/v1/timetables/{id}/placements/{pid}/lock", "delete"),
        ("/api/v1/jobs/{id}", "get"),
        ("/api/v1/jobs/{id}/cancel", "post"),
    ] {
        assert!(paths[path][method].is_object(), "{method} {path}");
    }
    // The generic read of a timetable is still there beside the new operations.
    assert!(paths["/api/v1/timetables/{id}"]["get"].is_object());
}
both_backends!(openapi_documents_the_new_routes, schools);

async fn a_bad_upload_writes_nothing(h: &Harness) {
    let coord = h.login("coord@alfa.ve").await;
    let viewer = h.login("visor@alfa.ve").await;
    let corrupt = vec![(
        "horario.xlsx".to_string(),
        b"PK\x03\x04 esto no es un libro".to_vec(),
    )];
    let r = upload(h, Some(&viewer), multipart(&corrupt, &[("apply", "true")])).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = upload(h, Some(&coord), multipart(&corrupt, &[("apply", "true")])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    let fields = r.json()["error"]["fields"].clone();
    assert!(
        fields
            .as_object()
            .unwrap()
            .keys()
            .any(|k| k.contains("horario.xlsx")),
        "{fields}"
    );
    let r = upload(h, Some(&coord), multipart(&[], &[])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = call(h, "POST", "/api/v1/imports", &coord, Some("{}")).await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not multipart: {}",
        r.text
    );
    // A good workbook next to a broken one: still nothing.
    if let Some(mut files) = workbooks() {
        files.extend(corrupt);
        let r = upload(h, Some(&coord), multipart(&files, &[("apply", "true")])).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(sections_total(h, &coord).await, 0);
}
both_backends!(a_bad_upload_writes_nothing, schools);

async fn the_real_school_end_to_end(h: &Harness) {
    let Some(files) = workbooks() else { return };
    let worker = h.app.start_job_worker();
    let coord = h.login("coord@alfa.ve").await;
    let viewer = h.login("visor@alfa.ve").await;
    let parent = h.login("padre@alfa.ve").await;

    // Dry run: the report, nothing written.
    let r = upload(h, Some(&coord), multipart(&files, &[])).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let dry = r.json();
    assert_eq!(dry["applied"], false);
    assert_eq!(dry["report"]["counts"]["sections"], 6);
    assert_eq!(dry["report"]["counts"]["lesson_periods"], 268);
    assert!(!dry["report"]["merges"].as_array().unwrap().is_empty());
    assert_eq!(sections_total(h, &coord).await, 0);

    // Apply: the school and its own timetable, with zero hard violations.
    let r = upload(h, Some(&coord), multipart(&files, &[("apply", "true")])).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let own = r.json()["timetable_ids"][0]
        .as_i64()
        .expect("own timetable");
    assert_eq!(sections_total(h, &coord).await, 6);
    let report = h
        .get(&format!("/api/v1/timetables/{own}/report"), &viewer)
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.text);
    let report = report.json();
    assert_eq!(report["hard_violations"], Value::Array(vec![]), "{report}");
    assert!(report["soft_cost"].is_i64() && report["breakdown"].is_array());
    let own_soft = report["soft_cost"].as_i64().unwrap();
    assert_eq!(
        h.get(&format!("/api/v1/timetables/{own}/report"), &parent)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        h.get("/api/v1/timetables/999999/report", &viewer)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Generate through the job queue.
    // A step budget, not a time limit: the outcome must not depend on how busy the machine is.
    let generate = r#"{"time_limit_s":600,"seed":7,"max_iterations":500000}"#;
    assert_eq!(
        call(
            h,
            "POST",
            "/api/v1/timetables/generate",
            &viewer,
            Some(generate)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let r = call(
        h,
        "POST",
        "/api/v1/timetables/generate",
        &coord,
        Some(r#"{"time_limit_s":0}"#),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = call(
        h,
        "POST",
        "/api/v1/timetables/generate",
        &coord,
        Some(generate),
    )
    .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    let job = r.json()["job_id"].as_i64().unwrap();
    let done = wait_for_job(h, &viewer, job).await;
    assert_eq!(done["status"], "done", "{done}");
    assert_eq!(done["progress"]["hard"], 0, "{done}");
    let tt = done["timetable_id"].as_i64().unwrap();
    let report = h
        .get(&format!("/api/v1/timetables/{tt}/report"), &viewer)
        .await
        .json();
    assert_eq!(report["hard_cost"], 0, "{report}");
    assert!(
        report["soft_cost"].as_i64().unwrap() <= own_soft,
        "generated {report} vs own {own_soft}"
    );
    assert_eq!(
        h.get("/api/v1/jobs/999999", &viewer).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(
            h,
            "POST",
            &format!("/api/v1/jobs/{job}/cancel"),
            &viewer,
            None
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let r = call(
        h,
        "POST",
        &format!("/api/v1/jobs/{job}/cancel"),
        &coord,
        None,
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a finished job: {}",
        r.text
    );

    moves_and_locks(h, tt, &coord, &viewer).await;
    worker.shutdown().await;
}
both_backends!(the_real_school_end_to_end, schools);
