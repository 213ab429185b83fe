//! The page session: the login token kept in an HttpOnly, SameSite=Lax cookie.

use crate::AppState;
use axum::http::HeaderMap;
use axum::http::header::COOKIE;

pub const COOKIE_NAME: &str = "bischeduler_session";

pub fn token_from_cookies(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// `Set-Cookie` value holding `token`; Lax keeps the cookie off cross-site form posts, and
/// `Secure` (when configured, behind TLS) off plain-HTTP requests.
pub fn session_cookie(state: &AppState, token: &str, max_age_s: i64) -> String {
    let path = if state.base_path.is_empty() {
        "/"
    } else {
        &state.base_path
    };
    let secure = if state.cookie_secure { "; Secure" } else { "" };
    format!(
        "{COOKIE_NAME}={token}; Path={path}; Max-Age={max_age_s}; HttpOnly; SameSite=Lax{secure}"
    )
}

/// Login CSRF guard for form posts: a browser sends `Origin` on cross-site POSTs, and it must
/// name the host the form was served from. Requests without `Origin` (curl, old browsers) pass:
/// SameSite=Lax already keeps the session cookie off cross-site posts.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(axum::http::header::ORIGIN) else {
        return true;
    };
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok());
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|o| o.split_once("://"))
        .map(|(_, rest)| rest.trim_end_matches('/'));
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn reads_the_session_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            COOKIE,
            HeaderValue::from_static("a=1; bischeduler_session=abc; b=2"),
        );
        assert_eq!(token_from_cookies(&h).as_deref(), Some("abc"));
        h.insert(COOKIE, HeaderValue::from_static("bischeduler_session="));
        assert_eq!(token_from_cookies(&h), None);
    }

    #[test]
    fn origin_must_match_host() {
        let mut h = HeaderMap::new();
        assert!(same_origin(&h));
        h.insert("host", HeaderValue::from_static("escuela.ve:5005"));
        h.insert("origin", HeaderValue::from_static("http://escuela.ve:5005"));
        assert!(same_origin(&h));
        h.insert("origin", HeaderValue::from_static("https://malo.example"));
        assert!(!same_origin(&h));
        h.insert("origin", HeaderValue::from_static("null"));
        assert!(!same_origin(&h));
    }
}
