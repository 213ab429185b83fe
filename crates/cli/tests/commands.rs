//! The binary end to end: exit codes, operator commands with the server stopped, login over
//! real HTTP, and `serve --demo`, on SQLite and PostgreSQL.

mod support;

use support::{Server, TestDb, postgres, run, sqlite, text};

fn assert_usage_error(out: &std::process::Output, mentions: &str) {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.contains(mentions),
        "stderr should mention «{mentions}»: {stderr}"
    );
}

#[test]
fn wrong_configuration_exits_2() {
    let db = sqlite();
    assert_usage_error(&run("mysql://localhost/x", &["check-config"]), "sqlite://");
    assert_usage_error(&run("data.db", &["db-status"]), "sqlite://");
    assert_usage_error(
        &run("postgres://postgres@127.0.0.1:1/nada", &["check-config"]),
        "BISCHEDULER_DATABASE_URL",
    );
    assert_usage_error(
        &run(&db.url, &["check-config", "--bind", "localhost"]),
        "--bind",
    );
    assert_usage_error(
        &run(&db.url, &["check-config", "--base-path", "x y"]),
        "base",
    );
    assert_usage_error(
        &run(&db.url, &["tenant", "create", "Mala Slug", "--name", "X"]),
        "slug",
    );
    assert_usage_error(
        &run(
            &db.url,
            &[
                "user",
                "create",
                "--tenant",
                "x",
                "--email",
                "a@b.ve",
                "--password",
                "12345678",
                "--role",
                "rey",
            ],
        ),
        "platform_admin",
    );
    assert_usage_error(
        &run(
            &db.url,
            &[
                "user",
                "create",
                "--tenant",
                "no-existe",
                "--email",
                "a@b.ve",
                "--password",
                "12345678",
                "--role",
                "viewer",
            ],
        ),
        "no-existe",
    );
    assert_usage_error(
        &run(&db.url, &["tenant", "suspend", "no-existe"]),
        "no-existe",
    );
    assert_eq!(run(&db.url, &["no-such-command"]).status.code(), Some(2));

    let ok = run(&db.url, &["check-config"]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
    assert!(text(&ok.stdout).contains("configuración válida"));
}

fn offline_admin_then_login(db: TestDb) {
    let ok = |args: &[&str]| {
        let out = run(&db.url, args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        text(&out.stdout)
    };
    ok(&["migrate"]);
    ok(&[
        "tenant",
        "create",
        "ue-bolivar",
        "--name",
        "U.E. Simón Bolívar",
    ]);
    let again = run(
        &db.url,
        &["tenant", "create", "ue-bolivar", "--name", "Otra"],
    );
    assert_eq!(
        again.status.code(),
        Some(2),
        "a taken slug is an input error"
    );
    ok(&[
        "user",
        "create",
        "--tenant",
        "ue-bolivar",
        "--email",
        "directora@bolivar.ve",
        "--password",
        "clave-segura-1",
        "--role",
        "school_admin",
    ]);
    ok(&[
        "user",
        "create",
        "--email",
        "ops@plataforma.ve",
        "--password",
        "clave-segura-2",
        "--role",
        "platform_admin",
    ]);
    assert!(ok(&["tenant", "list"]).contains("ue-bolivar"));
    let status = ok(&["db-status"]);
    assert!(
        status.contains("ue-bolivar") && status.contains("0 pendientes"),
        "{status}"
    );

    let server = Server::start(&db.url, &[]);
    let (status, _) = server.request("GET", "/health", None, None);
    assert_eq!(status, 200);
    let (status, _) = server.json("GET", "/api/v1/sections", None, None);
    assert_eq!(status, 401);
    let token = server.login("directora@bolivar.ve", "clave-segura-1");
    let (status, me) = server.json("GET", "/api/v1/me", Some(&token), None);
    assert_eq!(status, 200);
    assert_eq!(me["tenant"]["slug"], "ue-bolivar");
    assert_eq!(me["role"], "school_admin");
    let (status, levels) = server.json("GET", "/api/v1/levels", Some(&token), None);
    assert_eq!(status, 200);
    assert_eq!(levels["total"], 3);
    drop(server);

    // Suspending locks the school's users out; deleting removes the school.
    ok(&["tenant", "suspend", "ue-bolivar"]);
    let server = Server::start(&db.url, &[]);
    let body = r#"{"email":"directora@bolivar.ve","password":"clave-segura-1"}"#;
    let (status, _) = server.json("POST", "/api/v1/auth/login", None, Some(body));
    assert_eq!(status, 403);
    drop(server);
    ok(&["tenant", "delete", "ue-bolivar"]);
    assert!(!ok(&["tenant", "list"]).contains("ue-bolivar"));
}

#[test]
fn offline_admin_then_login_sqlite() {
    offline_admin_then_login(sqlite());
}

#[test]
fn offline_admin_then_login_postgres() {
    if let Some(db) = postgres() {
        offline_admin_then_login(db);
    }
}

fn serve_demo(db: TestDb) {
    let server = Server::start(&db.url, &["--demo"]);
    let email = server.banner_value("correo:");
    let password = server.banner_value("contraseña:");
    let token = server.login(&email, &password);
    let (status, sections) = server.json("GET", "/api/v1/sections", Some(&token), None);
    assert_eq!(status, 200, "{sections}");
    assert_eq!(sections["total"], 6, "{sections}");
    assert_eq!(sections["items"].as_array().unwrap().len(), 6);
    let (_, teachers) = server.json("GET", "/api/v1/teachers", Some(&token), None);
    assert_eq!(teachers["total"], 16);
    let (status, page) = server.request("GET", "/login", None, None);
    assert_eq!(status, 200);
    assert!(page.contains("Iniciar sesión"));
    drop(server);

    // A second start keeps the school and hands out a new password; the old one stops working.
    let server = Server::start(&db.url, &["--demo"]);
    let new_password = server.banner_value("contraseña:");
    assert_ne!(new_password, password);
    let token = server.login(&email, &new_password);
    let (_, sections) = server.json("GET", "/api/v1/sections", Some(&token), None);
    assert_eq!(sections["total"], 6, "not imported twice");
}

#[test]
fn serve_demo_sqlite() {
    serve_demo(sqlite());
}

#[test]
fn serve_demo_postgres() {
    if let Some(db) = postgres() {
        serve_demo(db);
    }
}
