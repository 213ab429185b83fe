//! The read-only pages: cookie login, the school overview, escaping.

#[macro_use]
mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use support::{Harness, PASSWORD, schools};

async fn cookie_login_and_overview(h: &Harness) {
    let r = h.call("GET", "/", None, None, None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.headers["location"], "/login");
    let r = h.call("GET", "/login", None, None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text.contains("Iniciar sesión") && r.text.contains("name=\"password\""));

    let form = |password: &str| {
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "email=admin%40alfa.ve&password={password}"
            )))
            .unwrap()
    };
    let mut cross_site = form(PASSWORD);
    cross_site
        .headers_mut()
        .insert("host", "escuela.ve".parse().unwrap());
    cross_site
        .headers_mut()
        .insert("origin", "https://malo.example".parse().unwrap());
    let r = h.send(cross_site).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "login CSRF is refused");
    assert!(!r.headers.contains_key(header::SET_COOKIE));
    let r = h.send(form("equivocada")).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.text.contains("incorrectos") && r.text.contains("value=\"admin@alfa.ve\""));
    let r = h.send(form(PASSWORD)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_string();

    // Data with markup in it must come out escaped.
    let t = h.login("admin@alfa.ve").await;
    h.post(
        "/api/v1/subjects",
        &t,
        r#"{"name":"<script>alert(1)</script>","short_name":"X&Y"}"#,
    )
    .await;
    h.post(
        "/api/v1/sections",
        &t,
        r#"{"level":"media_general","grade":3,"letter":"B"}"#,
    )
    .await;

    let page = |c: &str| {
        Request::get("/")
            .header(header::COOKIE, c)
            .body(Body::empty())
            .unwrap()
    };
    let r = h.send(page(&pair)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert!(r.text.contains("U.E. Alfa"));
    assert!(r.text.contains("3er año B"));
    assert!(r.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!r.text.contains("<script>"));
    assert!(r.text.contains("X&amp;Y"));

    let r = h
        .send(
            Request::post("/logout")
                .header(header::COOKIE, &pair)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = h.send(page(&pair)).await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "the session ended with logout"
    );
}
both_backends!(cookie_login_and_overview, schools);

async fn platform_admin_picks_a_school(h: &Harness) {
    let form = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!(
            "email=root%40plataforma.ve&password={PASSWORD}"
        )))
        .unwrap();
    let r = h.send(form).await;
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    let pair = cookie.split(';').next().unwrap().to_string();
    let get = |uri: &str| {
        Request::get(uri)
            .header(header::COOKIE, &pair)
            .body(Body::empty())
            .unwrap()
    };
    let r = h.send(get("/")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text.contains("Elija una institución"));
    assert!(r.text.contains("href=\"/?escuela=alfa\"") && r.text.contains("U.E. Beta"));
    let r = h.send(get("/?escuela=beta")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text.contains("<h1>U.E. Beta</h1>"), "{}", r.text);
}
both_backends!(platform_admin_picks_a_school, schools);
