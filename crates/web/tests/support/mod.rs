//! Test harness: a fresh database per test (a temporary SQLite file or a new PostgreSQL
//! database on BISCHEDULER_TEST_POSTGRES_URL), migrated, with two schools and their users,
//! and the router driven in-process.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::Value;
use testdb::TestDatabase;
use tower::ServiceExt;

pub const PASSWORD: &str = "clave-de-prueba";

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct Harness {
    pub app: app::App,
    pub router: Router,
    /// Dropped last: removes the directory or drops the PostgreSQL database.
    _db: TestDatabase,
}

/// A fresh, empty, migrated database; None when PostgreSQL is not configured (a failure
/// under CI=true).
pub async fn empty(backend: Backend, base_path: &str) -> Option<Harness> {
    let db = match backend {
        Backend::Sqlite => TestDatabase::sqlite("platform.db"),
        Backend::Postgres => TestDatabase::postgres("bisch_web").await?,
    };
    let app = app::App::connect(&db.url).await.expect("connect");
    app.migrate().await.expect("migrate");
    let state = web::AppState::new(app.clone(), base_path.to_string());
    Some(Harness {
        app,
        router: web::router(state),
        _db: db,
    })
}

/// Two schools, `alfa` and `beta`, with one user per role in `alfa`, an admin in `beta` and
/// a platform admin.
pub async fn schools(backend: Backend) -> Option<Harness> {
    let h = empty(backend, "").await?;
    h.app.create_tenant("alfa", "U.E. Alfa").await.unwrap();
    h.app.create_tenant("beta", "U.E. Beta").await.unwrap();
    for (tenant, email, role) in [
        (Some("alfa"), "admin@alfa.ve", "school_admin"),
        (Some("alfa"), "coord@alfa.ve", "coordinator"),
        (Some("alfa"), "docente@alfa.ve", "teacher"),
        (Some("alfa"), "padre@alfa.ve", "parent"),
        (Some("alfa"), "visor@alfa.ve", "viewer"),
        (Some("beta"), "admin@beta.ve", "school_admin"),
        (None, "root@plataforma.ve", "platform_admin"),
    ] {
        h.app
            .create_account(&app::NewAccount {
                tenant: tenant.map(str::to_string),
                email: email.into(),
                password: PASSWORD.into(),
                role: domain::Role::parse(role).unwrap(),
                display_name: None,
            })
            .await
            .unwrap();
    }
    Some(h)
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub text: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
}

impl Harness {
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = axum::body::to_bytes(resp.into_body(), 10 << 20)
            .await
            .unwrap();
        Reply {
            status,
            headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// A JSON call; `token` as bearer, `tenant` as X-Tenant.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        tenant: Option<&str>,
        body: Option<&str>,
    ) -> Reply {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(t) = tenant {
            req = req.header("x-tenant", t);
        }
        let body = match body {
            Some(b) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(b.to_string())
            }
            None => Body::empty(),
        };
        self.send(req.body(body).unwrap()).await
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.call("GET", path, Some(token), None, None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: &str) -> Reply {
        self.call("POST", path, Some(token), None, Some(body)).await
    }

    pub async fn login(&self, email: &str) -> String {
        let body = format!(r#"{{"email":"{email}","password":"{PASSWORD}"}}"#);
        let r = self
            .call("POST", "/api/v1/auth/login", None, None, Some(&body))
            .await;
        assert_eq!(r.status, StatusCode::OK, "login {email}: {}", r.text);
        r.json()["token"].as_str().unwrap().to_string()
    }
}

/// Runs one scenario on SQLite and on PostgreSQL: `both_backends!(name, setup_fn);`.
macro_rules! both_backends {
    ($scenario:ident, $setup:ident) => {
        mod $scenario {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let h = super::$setup(super::support::Backend::Sqlite)
                    .await
                    .unwrap();
                super::$scenario(&h).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(h) = super::$setup(super::support::Backend::Postgres).await {
                    super::$scenario(&h).await;
                }
            }
        }
    };
}
