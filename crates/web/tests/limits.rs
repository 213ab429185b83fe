//! Login throttling per (email, client address), the Secure cookie option and the per-school
//! cap on queued solves, through the router on SQLite and PostgreSQL.

#[macro_use]
mod support;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use std::net::SocketAddr;
use support::{Harness, PASSWORD, Reply, schools};
use tower::ServiceExt;

async fn send(router: &Router, req: Request<Body>) -> Reply {
    let resp = router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = axum::body::to_bytes(resp.into_body(), 1 << 20)
        .await
        .unwrap();
    Reply {
        status,
        headers,
        text: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// A JSON login from `peer` (the TCP peer, as `serve` records it) with an optional
/// X-Forwarded-For header.
fn login(email: &str, password: &str, peer: &str, forwarded: Option<&str>) -> Request<Body> {
    let mut req =
        Request::post("/api/v1/auth/login").header(header::CONTENT_TYPE, "application/json");
    if let Some(f) = forwarded {
        req = req.header("x-forwarded-for", f);
    }
    let mut req = req
        .body(Body::from(format!(
            r#"{{"email":"{email}","password":"{password}"}}"#
        )))
        .unwrap();
    let addr: SocketAddr = format!("{peer}:40000").parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    req
}

async fn failed_logins_are_throttled_per_client(h: &Harness) {
    let direct = h.router.clone();
    for _ in 0..5 {
        let r = send(
            &direct,
            login("admin@alfa.ve", "mala-clave", "192.0.2.1", None),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text);
    }
    // The sixth attempt is refused even with the right password, and says when to retry.
    let r = send(&direct, login("admin@alfa.ve", PASSWORD, "192.0.2.1", None)).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text);
    let wait: u64 = r.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(wait > 0 && wait <= 15 * 60, "{wait}");
    let body = r.json();
    assert_eq!(body["error"]["code"], "too_many_requests");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("demasiados intentos"),
        "{body}"
    );
    // A forged X-Forwarded-For does not help when the server does not trust it...
    let r = send(
        &direct,
        login("admin@alfa.ve", PASSWORD, "192.0.2.1", Some("198.51.100.9")),
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // ...while another address and another account are unaffected.
    let r = send(&direct, login("admin@alfa.ve", PASSWORD, "192.0.2.2", None)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let r = send(&direct, login("coord@alfa.ve", PASSWORD, "192.0.2.1", None)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    // Behind a trusted proxy every client arrives from the proxy's address: the last
    // X-Forwarded-For entry (the one the proxy appended) tells them apart.
    let proxied = web::router(
        web::AppState::new(h.app.clone(), String::new()).with_trust_forwarded_for(true),
    );
    for _ in 0..5 {
        let r = send(
            &proxied,
            login(
                "visor@alfa.ve",
                "mala-clave",
                "10.0.0.1",
                Some("1.1.1.1, 203.0.113.5"),
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = send(
        &proxied,
        login("visor@alfa.ve", PASSWORD, "10.0.0.1", Some("203.0.113.5")),
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let r = send(
        &proxied,
        login("visor@alfa.ve", PASSWORD, "10.0.0.1", Some("203.0.113.6")),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);

    // The login page answers the same limit with its own page.
    let form = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!(
            "email=admin%40alfa.ve&password={PASSWORD}"
        )))
        .unwrap();
    let mut form = form;
    form.extensions_mut()
        .insert(ConnectInfo("192.0.2.1:1".parse::<SocketAddr>().unwrap()));
    let r = send(&direct, form).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers.contains_key(header::RETRY_AFTER));
    assert!(r.text.contains("demasiados intentos"), "{}", r.text);
}

both_backends!(failed_logins_are_throttled_per_client, schools);

async fn session_cookie_is_secure_when_configured(h: &Harness) {
    let form = || {
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "email=admin%40alfa.ve&password={PASSWORD}"
            )))
            .unwrap()
    };
    let r = h.send(form()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let plain = r.headers[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(!plain.contains("Secure"), "off by default: {plain}");
    let tls =
        web::router(web::AppState::new(h.app.clone(), String::new()).with_cookie_secure(true));
    let r = send(&tls, form()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.contains("; Secure") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
}

both_backends!(session_cookie_is_secure_when_configured, schools);

async fn queued_solves_are_capped_per_school(h: &Harness) {
    let coord = h.login("coord@alfa.ve").await;
    let body = r#"{"time_limit_s": 5, "seed": 1}"#;
    for _ in 0..3 {
        let r = h.post("/api/v1/timetables/generate", &coord, body).await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    }
    let r = h.post("/api/v1/timetables/generate", &coord, body).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text);
    let e = r.json();
    assert_eq!(e["error"]["code"], "too_many_requests");
    assert!(
        e["error"]["message"].as_str().unwrap().contains("máximo 3"),
        "{e}"
    );
    // Another school has its own allowance.
    let beta = h.login("admin@beta.ve").await;
    let r = h.post("/api/v1/timetables/generate", &beta, body).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
}

both_backends!(queued_solves_are_capped_per_school, schools);
