//! The real school through the API, on SQLite and PostgreSQL: import (dry run, then apply),
//! generate through the job queue, report, check and apply moves, lock and unlock, templates;
//! 401/403/404/422 on every route of that path; a corrupt upload writes nothing.

#[macro_use]
mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::Value;
use support::{Harness, Reply, schools};

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

async fn moves_and_locks(h: &Harness, tt: i64, coord: &str, viewer: &str) {
    let list = h
        .get(&format!("/api/v1/timetables/{tt}/placements"), viewer)
        .await
        .json();
    let items = list["items"].as_array().unwrap().clone();
    assert!(!items.is_empty());
    let (a, b) = (
        items[0]["id"].as_i64().unwrap(),
        items[1]["id"].as_i64().unwrap(),
    );
    let check = format!("/api/v1/timetables/{tt}/moves/check");

    // Check a move to every cell of the week; some are legal, some not.
    let mut legal = None;
    let mut illegal = 0;
    for day in 1..=5 {
        for period in 1..=8 {
            let body = format!(r#"{{"placement_id":{a},"day":{day},"period":{period}}}"#);
            let r = call(h, "POST", &check, coord, Some(&body)).await;
            if r.status != StatusCode::OK {
                assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
                continue;
            }
            let v = r.json();
            assert!(
                v["soft_delta"].is_i64() && v["hard_violations"].is_array(),
                "{v}"
            );
            if v["legal"] == true {
                legal.get_or_insert((day, period));
            } else {
                illegal += 1;
                assert!(!v["hard_violations"].as_array().unwrap().is_empty());
            }
        }
    }
    assert!(illegal > 0, "a block cannot go everywhere");
    let swap = format!(r#"{{"placement_id":{a},"swap_with":{b}}}"#);
    assert_eq!(
        call(h, "POST", &check, coord, Some(&swap)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        call(h, "POST", &check, viewer, Some(&swap)).await.status,
        StatusCode::FORBIDDEN
    );
    let r = call(
        h,
        "POST",
        &check,
        coord,
        Some(&format!(r#"{{"placement_id":{a}}}"#)),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = call(
        h,
        "POST",
        &check,
        coord,
        Some(r#"{"placement_id":999999,"day":1,"period":1}"#),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = call(
        h,
        "POST",
        "/api/v1/timetables/999999/moves/check",
        coord,
        Some(&swap),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let (day, period) = legal.expect("some cell is legal");
    edits_to_school_data_reach_move_checks(h, tt, coord).await;

    // Apply a legal move: stored.
    let body = format!(r#"{{"placement_id":{a},"day":{day},"period":{period}}}"#);
    assert_eq!(
        call(
            h,
            "POST",
            &format!("/api/v1/timetables/{tt}/moves"),
            viewer,
            Some(&body)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let r = call(
        h,
        "POST",
        &format!("/api/v1/timetables/{tt}/moves"),
        coord,
        Some(&body),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let moved = h
        .get(&format!("/api/v1/timetables/{tt}/placements"), viewer)
        .await
        .json();
    let p = moved["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == a)
        .unwrap()
        .clone();
    assert_eq!(
        (p["day"].as_i64(), p["period"].as_i64()),
        (Some(day), Some(period))
    );

    // Lock: a locked placement cannot move without force; unlock frees it.
    let lock = format!("/api/v1/timetables/{tt}/placements/{a}/lock");
    assert_eq!(
        call(h, "PUT", &lock, viewer, None).await.status,
        StatusCode::FORBIDDEN
    );
    let r = call(h, "PUT", &lock, coord, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["locked"], true);
    let v = call(h, "POST", &check, coord, Some(&swap)).await.json();
    assert_eq!(v["legal"], false, "{v}");
    let r = call(
        h,
        "POST",
        &format!("/api/v1/timetables/{tt}/moves"),
        coord,
        Some(&swap),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = call(h, "DELETE", &lock, coord, None).await;
    assert_eq!(r.json()["locked"], false);
    assert_eq!(
        call(
            h,
            "PUT",
            &format!("/api/v1/timetables/{tt}/placements/999999/lock"),
            coord,
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(
            h,
            "PUT",
            &format!("/api/v1/timetables/{tt}/placements/abc/lock"),
            coord,
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

/// A coordinator edits a teacher's availability while the timetable is open: the next move
/// check must see it (the compiled model of the open timetable is rebuilt, not served stale).
async fn edits_to_school_data_reach_move_checks(h: &Harness, tt: i64, coord: &str) {
    let items = h
        .get(&format!("/api/v1/timetables/{tt}/placements"), coord)
        .await
        .json();
    let check = format!("/api/v1/timetables/{tt}/moves/check");
    // A block and a legal cell other than its own (a move to its own place is no move); the
    // real school's mornings are full, so look at the whole day.
    let mut target = None;
    'search: for p in items["items"].as_array().unwrap() {
        for day in 1..=5 {
            for period in 1..=10 {
                if p["day"] == day && p["period"] == period {
                    continue;
                }
                let body = format!(
                    r#"{{"placement_id":{},"day":{day},"period":{period}}}"#,
                    p["id"]
                );
                let r = call(h, "POST", &check, coord, Some(&body)).await;
                if r.status == StatusCode::OK && r.json()["legal"] == true {
                    target = Some((p.clone(), day, period, body));
                    break 'search;
                }
            }
        }
    }
    let (placement, day, period, body) = target.expect("some block can move somewhere");
    let lesson_id = placement["lesson_id"].as_i64().unwrap();
    let lesson = h
        .get(&format!("/api/v1/lessons/{lesson_id}"), coord)
        .await
        .json();
    let teacher_id = lesson["teacher_ids"][0]
        .as_i64()
        .expect("the lesson has a teacher");
    let path = format!("/api/v1/teachers/{teacher_id}");
    let original = h.get(&path, coord).await.json();
    let mut busy = original.clone();
    busy["availability"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"day": day, "period": period, "status": "unavailable"}));
    let r = call(h, "PUT", &path, coord, Some(&busy.to_string())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let after = call(h, "POST", &check, coord, Some(&body)).await.json();
    assert_eq!(
        after["legal"], false,
        "the teacher is now unavailable there: {after}"
    );
    let r = call(h, "PUT", &path, coord, Some(&original.to_string())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let restored = call(h, "POST", &check, coord, Some(&body)).await.json();
    assert_eq!(restored["legal"], true, "{restored}");
}
