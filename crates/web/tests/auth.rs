//! Login, sessions, 401/403, tenant choice and suspension, on SQLite and PostgreSQL.

#[macro_use]
mod support;

use axum::http::StatusCode;
use support::{Harness, PASSWORD, schools};

async fn login_me_logout(h: &Harness) {
    let r = h
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            None,
            Some(r#"{"email":"admin@alfa.ve","password":"mala-clave"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["error"]["code"], "invalid_credentials");
    let r = h
        .call(
            "POST",
            "/api/v1/auth/login",
            None,
            None,
            Some(r#"{"email":"nadie@alfa.ve","password":"mala-clave"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    // Emails are matched case-insensitively.
    let body = format!(r#"{{"email":"ADMIN@Alfa.ve","password":"{PASSWORD}"}}"#);
    let r = h
        .call("POST", "/api/v1/auth/login", None, None, Some(&body))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let v = r.json();
    let token = v["token"].as_str().unwrap().to_string();
    assert_eq!(v["user"]["email"], "admin@alfa.ve");
    assert!(v["user"].get("password_hash").is_none());

    let me = h.get("/api/v1/me", &token).await;
    assert_eq!(me.status, StatusCode::OK);
    let me = me.json();
    assert_eq!(me["role"], "school_admin");
    assert_eq!(me["tenant"]["slug"], "alfa");

    let r = h
        .call("POST", "/api/v1/auth/logout", Some(&token), None, None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = h.get("/api/v1/me", &token).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}
both_backends!(login_me_logout, schools);

async fn unauthenticated_is_401(h: &Harness) {
    for path in [
        "/api/v1/me",
        "/api/v1/sections",
        "/api/v1/sections/1",
        "/api/v1/teachers",
    ] {
        let r = h.call("GET", path, None, None, None).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(r.json()["error"]["code"], "unauthorized");
        assert_eq!(r.headers["www-authenticate"], "Bearer");
    }
    let r = h.get("/api/v1/sections", "no-es-un-token").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = h
        .call(
            "POST",
            "/api/v1/sections",
            None,
            None,
            Some(r#"{"level":"primaria","grade":1,"letter":"A"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}
both_backends!(unauthenticated_is_401, schools);

async fn roles_are_enforced(h: &Harness) {
    let section = r#"{"level":"media_general","grade":1,"letter":"A"}"#;
    let viewer = h.login("visor@alfa.ve").await;
    let teacher = h.login("docente@alfa.ve").await;
    let parent = h.login("padre@alfa.ve").await;
    let coord = h.login("coord@alfa.ve").await;

    for token in [&viewer, &teacher] {
        assert_eq!(
            h.get("/api/v1/sections", token).await.status,
            StatusCode::OK
        );
        let r = h.post("/api/v1/sections", token, section).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.json()["error"]["code"], "forbidden");
        // Forbidden comes before any complaint about the body.
        assert_eq!(
            h.post("/api/v1/sections", token, "{malo").await.status,
            StatusCode::FORBIDDEN
        );
    }
    assert_eq!(
        h.get("/api/v1/sections", &parent).await.status,
        StatusCode::FORBIDDEN
    );

    let r = h.post("/api/v1/sections", &coord, section).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["id"].as_i64().unwrap();
    let r = h
        .call(
            "DELETE",
            &format!("/api/v1/sections/{id}"),
            Some(&viewer),
            None,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = h
        .call(
            "DELETE",
            &format!("/api/v1/sections/{id}"),
            Some(&coord),
            None,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
}
both_backends!(roles_are_enforced, schools);

async fn platform_admin_chooses_a_tenant(h: &Harness) {
    let root = h.login("root@plataforma.ve").await;
    let r = h.get("/api/v1/sections", &root).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"]["code"], "tenant_required");
    let r = h
        .call("GET", "/api/v1/levels", Some(&root), Some("beta"), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(
        r.json()["total"],
        3,
        "the three Venezuelan levels are seeded"
    );
    let r = h
        .call("GET", "/api/v1/levels", Some(&root), Some("gamma"), None)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // A school user cannot hop into another school with the header.
    let admin = h.login("admin@alfa.ve").await;
    let r = h
        .call("GET", "/api/v1/levels", Some(&admin), Some("beta"), None)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
both_backends!(platform_admin_chooses_a_tenant, schools);

async fn suspended_tenant_locks_users_out(h: &Harness) {
    let admin = h.login("admin@alfa.ve").await;
    h.app.set_tenant_suspended("alfa", true).await.unwrap();
    let r = h.get("/api/v1/sections", &admin).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json()["error"]["code"], "tenant_suspended");
    let body = format!(r#"{{"email":"admin@alfa.ve","password":"{PASSWORD}"}}"#);
    let r = h
        .call("POST", "/api/v1/auth/login", None, None, Some(&body))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Other schools are untouched.
    let beta = h.login("admin@beta.ve").await;
    assert_eq!(
        h.get("/api/v1/sections", &beta).await.status,
        StatusCode::OK
    );
    h.app.set_tenant_suspended("alfa", false).await.unwrap();
    assert_eq!(
        h.get("/api/v1/sections", &admin).await.status,
        StatusCode::OK
    );
}
both_backends!(suspended_tenant_locks_users_out, schools);

async fn school_admin_manages_users(h: &Harness) {
    let admin = h.login("admin@alfa.ve").await;
    let coord = h.login("coord@alfa.ve").await;
    let new_user = r#"{"email":"nueva@alfa.ve","password":"otra-clave-1","role":"teacher"}"#;
    let r = h.post("/api/v1/users", &coord, new_user).await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "coordinators manage no users"
    );
    assert_eq!(
        h.get("/api/v1/users", &coord).await.status,
        StatusCode::FORBIDDEN
    );

    let r = h.post("/api/v1/users", &admin, new_user).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    assert_eq!(r.json()["role"], "teacher");
    let body = r#"{"email":"nueva@alfa.ve","password":"otra-clave-1"}"#;
    let r = h
        .call("POST", "/api/v1/auth/login", None, None, Some(body))
        .await;
    assert_eq!(r.status, StatusCode::OK);

    let r = h.get("/api/v1/users", &admin).await;
    let v = r.json();
    assert_eq!(v["total"], 6, "{v}");
    assert!(
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["id"].is_i64() && u.get("password_hash").is_none())
    );

    let r = h.post("/api/v1/users", &admin, new_user).await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "duplicate email: {}",
        r.text
    );
    let r = h
        .post(
            "/api/v1/users",
            &admin,
            r#"{"email":"x@alfa.ve","password":"corta","role":"viewer"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json()["error"]["fields"]["password"].is_array());
    let r = h
        .post(
            "/api/v1/users",
            &admin,
            r#"{"email":"x@alfa.ve","password":"larga-clave","role":"rey"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = h
        .post(
            "/api/v1/users",
            &admin,
            r#"{"email":"x@alfa.ve","password":"larga-clave","role":"platform_admin"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Beta's admin sees only beta's users.
    let beta = h.login("admin@beta.ve").await;
    assert_eq!(h.get("/api/v1/users", &beta).await.json()["total"], 1);
}
both_backends!(school_admin_manages_users, schools);
