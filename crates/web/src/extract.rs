//! Request extractors whose rejections speak the API's error format: JSON bodies with field
//! errors (422), the bearer-token caller (401/403), record ids and list pages.

use crate::{ApiError, AppState};
use app::{AppError, Page, Principal};
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use domain::FieldErrors;
use serde::de::DeserializeOwned;

/// A JSON body. Unlike `axum::Json`, a body of the wrong shape answers 422 naming the field
/// (`{"fields":{"grade":["es obligatorio"]}}`), and the Content-Type is not required.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::InvalidJson(e.body_text()))?;
        parse_json(&bytes).map(ApiJson)
    }
}

pub(crate) fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // Syntax first, so a broken document is "invalid_json" rather than a field error.
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| ApiError::InvalidJson(strip_position(&e.to_string())))?;
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = strip_position(&e.inner().to_string());
        let (field, text) = describe(&path, &message);
        let mut errors = FieldErrors::default();
        errors.add(field, text);
        ApiError::App(AppError::Validation(errors))
    })
}

/// Turns serde's English into a field name and an es-VE message.
fn describe(path: &str, message: &str) -> (String, String) {
    let at = |name: &str| {
        if path == "." || path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        }
    };
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return (at(name), "es obligatorio".into());
    }
    let field = if path == "." || path.is_empty() {
        "body".to_string()
    } else {
        path.to_string()
    };
    let text = if let Some(rest) = message.strip_prefix("unknown variant ") {
        format!("valor desconocido: {rest}")
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        format!("tipo de dato inválido ({rest})")
    } else if let Some(rest) = message.strip_prefix("invalid value: ") {
        format!("valor inválido ({rest})")
    } else {
        message.to_string()
    };
    (field, text)
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The caller of an API request: `Authorization: Bearer TOKEN`, tenant from `X-Tenant`.
pub struct Auth(pub Principal);

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer_token(parts).ok_or(AppError::Unauthenticated)?;
        let tenant = parts
            .headers
            .get("x-tenant")
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|s| !s.is_empty());
        Ok(Auth(state.app.authenticate(token, tenant).await?))
    }
}

/// Where a request comes from, for login throttling: the TCP peer's IP address, or behind a
/// trusted reverse proxy the last `X-Forwarded-For` entry; "desconocido" when neither is known
/// (a router driven in-process).
pub(crate) fn client_address(
    headers: &axum::http::HeaderMap,
    extensions: &axum::http::Extensions,
    state: &AppState,
) -> String {
    if state.trust_forwarded_for
        && let Some(last) = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|v| !v.is_empty())
    {
        return last.to_string();
    }
    extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "desconocido".to_string())
}

/// The caller's address (see [`client_address`]); never rejects.
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientAddress(client_address(
            &parts.headers,
            &parts.extensions,
            state,
        )))
    }
}

pub(crate) fn bearer_token(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(axum::http::header::AUTHORIZATION)?;
    let value = value.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// A record id in the path. Anything that is not a positive integer cannot name a record, so
/// it is "not found" (404), not a malformed request.
pub struct RecordId(pub domain::Id);

impl<S: Send + Sync> FromRequestParts<S> for RecordId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::NoRoute)?;
        match raw.parse::<domain::Id>() {
            Ok(id) if id > 0 => Ok(RecordId(id)),
            _ => Err(AppError::NotFound(format!("no existe el registro «{raw}»")).into()),
        }
    }
}

/// `?limit=&offset=`, with 422 on values that are not numbers.
pub struct PageQuery(pub Page);

impl<S: Send + Sync> FromRequestParts<S> for PageQuery {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Query::<Page>::from_request_parts(parts, state)
            .await
            .map(|Query(p)| PageQuery(p))
            .map_err(|e| {
                let mut errors = FieldErrors::default();
                errors.add("query", format!("parámetros inválidos ({})", e.body_text()));
                AppError::Validation(errors).into()
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Probe {
        grade: u8,
        inner: Option<Inner>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        kind: domain::RoomKind,
    }

    fn fields(body: &str) -> Vec<String> {
        match parse_json::<Probe>(body.as_bytes()) {
            Err(ApiError::App(AppError::Validation(f))) => f.0.into_keys().collect(),
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn wrong_shapes_name_the_field() {
        assert_eq!(fields("{}"), ["grade"]);
        assert_eq!(fields(r#"{"grade":"x"}"#), ["grade"]);
        assert_eq!(fields(r#"{"grade":1,"inner":{}}"#), ["inner.kind"]);
        assert_eq!(
            fields(r#"{"grade":1,"inner":{"kind":"x"}}"#),
            ["inner.kind"]
        );
        assert!(matches!(
            parse_json::<Probe>(b"{oops"),
            Err(ApiError::InvalidJson(_))
        ));
        assert!(matches!(
            parse_json::<Probe>(b""),
            Err(ApiError::InvalidJson(_))
        ));
    }
}
