//! The HTTP face of BiScheduler: the JSON API under `/api/v1`, health checks and read-only
//! server-rendered pages, all behind one [`AppState`].

mod api;
mod error;
mod extract;
mod openapi;
mod pages;

pub use error::ApiError;

use axum::Router;

/// Everything a handler needs; cloned per request (cheap).
#[derive(Clone)]
pub struct AppState {
    pub app: app::App,
    /// The reverse-proxy prefix ("" or e.g. "/bischeduler"), for links and cookies.
    pub base_path: String,
    /// Marks the session cookie `Secure` (sent over HTTPS only). Off by default so the local
    /// demo works on plain http://127.0.0.1; turn it on behind TLS.
    pub cookie_secure: bool,
    /// Takes the client address from the last `X-Forwarded-For` entry (the one the reverse
    /// proxy appended) instead of the TCP peer, which behind a proxy is the proxy itself.
    /// Only for a server reachable through the proxy alone: clients can forge the header.
    pub trust_forwarded_for: bool,
}

impl AppState {
    /// `base_path` must already be normalised (see [`normalize_base_path`]).
    pub fn new(app: app::App, base_path: String) -> Self {
        AppState {
            app,
            base_path,
            cookie_secure: false,
            trust_forwarded_for: false,
        }
    }

    pub fn with_cookie_secure(mut self, secure: bool) -> Self {
        self.cookie_secure = secure;
        self
    }

    pub fn with_trust_forwarded_for(mut self, trust: bool) -> Self {
        self.trust_forwarded_for = trust;
        self
    }

    /// An absolute path inside the application: `href("/login")` → "/bischeduler/login".
    /// The root is the base path itself ("/bischeduler", not "/bischeduler/").
    pub fn href(&self, path: &str) -> String {
        match path.strip_prefix('/') {
            Some(rest)
                if !self.base_path.is_empty() && (rest.is_empty() || rest.starts_with('?')) =>
            {
                format!("{}{rest}", self.base_path)
            }
            _ => format!("{}{}", self.base_path, path),
        }
    }
}

/// The whole application, nested under the base path when there is one.
pub fn router(state: AppState) -> Router {
    let inner = Router::new()
        .merge(api::router())
        .merge(pages::router())
        .with_state(state.clone());
    let inner = inner.layer(tower_http::trace::TraceLayer::new_for_http());
    if state.base_path.is_empty() {
        inner
    } else {
        // "/bischeduler/" is not part of the nest; send people who type it to the root.
        let root = state.base_path.clone();
        Router::new()
            .route(
                &format!("{}/", state.base_path),
                axum::routing::get(
                    move || async move { axum::response::Redirect::permanent(&root) },
                ),
            )
            .nest(&state.base_path, inner)
    }
}

/// Serves the application on `listener` until `shutdown` completes, then lets requests in
/// flight finish. Each request knows its peer's address (login throttling counts by it).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let service = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await
}

/// "" for none; otherwise "/segment[/segment...]" without a trailing slash. Rejects anything a
/// proxy prefix cannot be, so links built from it stay well-formed.
pub fn normalize_base_path(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let ok = trimmed.starts_with('/')
        && trimmed[1..].split('/').all(|seg| {
            !seg.is_empty()
                && seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        });
    if ok {
        Ok(trimmed.to_string())
    } else {
        Err(format!(
            "ruta base inválida «{raw}»: use algo como /bischeduler (empieza por '/', solo letras, dígitos, '-', '_' y '.')"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(normalize_base_path("").unwrap(), "");
        assert_eq!(normalize_base_path("/").unwrap(), "");
        assert_eq!(
            normalize_base_path("/bischeduler/").unwrap(),
            "/bischeduler"
        );
        assert_eq!(normalize_base_path("/a/b").unwrap(), "/a/b");
        assert!(normalize_base_path("bischeduler").is_err());
        assert!(normalize_base_path("/a//b").is_err());
        assert!(normalize_base_path("/a b").is_err());
        assert!(normalize_base_path("/<x>").is_err());
    }

    #[tokio::test]
    async fn links_under_a_base_path() {
        let store = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/p.db", store.path().display());
        let app = app::App::connect(&url).await.unwrap();
        let s = AppState::new(app.clone(), "/b".into());
        assert_eq!(s.href("/"), "/b");
        assert_eq!(s.href("/?escuela=x"), "/b?escuela=x");
        assert_eq!(s.href("/login"), "/b/login");
        let s = AppState::new(app, String::new());
        assert_eq!(s.href("/"), "/");
    }
}
