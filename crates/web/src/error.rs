//! One error type for the JSON API: `{"error":{"code","message","fields"}}` with the status the
//! contract names. A 5xx body says nothing about the cause; the cause goes to the log.

use app::AppError;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::FieldErrors;
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    App(#[from] AppError),
    /// The body is not JSON at all (syntax error, empty body).
    #[error("el cuerpo no es JSON válido: {0}")]
    InvalidJson(String),
    #[error("ruta desconocida")]
    NoRoute,
    #[error("método no permitido en esta ruta")]
    MethodNotAllowed,
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::App(e) => match e {
                AppError::Unauthenticated | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
                AppError::Forbidden(_) | AppError::TenantSuspended(_) => StatusCode::FORBIDDEN,
                AppError::TenantRequired => StatusCode::BAD_REQUEST,
                AppError::NotFound(_) => StatusCode::NOT_FOUND,
                AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
                AppError::InUse(_) | AppError::Conflict(_) => StatusCode::CONFLICT,
                AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
                AppError::Unreachable(_) => StatusCode::SERVICE_UNAVAILABLE,
                AppError::Config(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            },
            ApiError::InvalidJson(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NoRoute => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::App(e) => match e {
                AppError::Unauthenticated => "unauthorized",
                AppError::BadCredentials => "invalid_credentials",
                AppError::Forbidden(_) => "forbidden",
                AppError::TenantSuspended(_) => "tenant_suspended",
                AppError::TenantRequired => "tenant_required",
                AppError::NotFound(_) => "not_found",
                AppError::Validation(_) => "validation_failed",
                AppError::InUse(_) => "in_use",
                AppError::Conflict(_) => "conflict",
                AppError::TooManyRequests { .. } => "too_many_requests",
                AppError::Unreachable(_) => "unavailable",
                AppError::Config(_) | AppError::Internal(_) => "internal",
            },
            ApiError::InvalidJson(_) => "invalid_json",
            ApiError::NoRoute => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
        }
    }

    /// What the client may see: the error's own text, except for server faults.
    pub fn public_message(&self) -> String {
        match self {
            ApiError::App(AppError::Validation(_)) => "datos inválidos".into(),
            ApiError::App(AppError::Unreachable(_)) => {
                "la base de datos no responde; intente de nuevo en unos minutos".into()
            }
            e if e.status().is_server_error() => {
                "error interno del servidor; el detalle quedó en el registro".into()
            }
            e => e.to_string(),
        }
    }

    fn fields(&self) -> FieldErrors {
        match self {
            ApiError::App(AppError::Validation(f)) => f.clone(),
            _ => FieldErrors::default(),
        }
    }

    /// Logs server faults with their cause (the body will not carry it).
    pub(crate) fn log(&self) {
        if self.status().is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.log();
        let status = self.status();
        let body = json!({
            "error": {
                "code": self.code(),
                "message": self.public_message(),
                "fields": self.fields(),
            }
        });
        let mut response = (status, axum::Json(body)).into_response();
        if let ApiError::App(AppError::TooManyRequests {
            retry_after_s: Some(s),
            ..
        }) = &self
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from(*s));
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_faults_reveal_nothing() {
        let e = ApiError::App(AppError::Internal(
            "password column missing in users".into(),
        ));
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(!e.public_message().contains("password"));
        let e = ApiError::App(AppError::NotFound("sección no encontrada".into()));
        assert_eq!(e.public_message(), "sección no encontrada");
        assert_eq!(e.code(), "not_found");
    }

    #[test]
    fn stale_edits_are_409_and_limits_429_with_retry_after() {
        let e = ApiError::App(AppError::Conflict("el horario cambió; recargue".into()));
        assert_eq!((e.status(), e.code()), (StatusCode::CONFLICT, "conflict"));
        assert_eq!(e.public_message(), "el horario cambió; recargue");
        let r = ApiError::App(AppError::TooManyRequests {
            message: "demasiados intentos".into(),
            retry_after_s: Some(120),
        })
        .into_response();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.headers()[header::RETRY_AFTER], "120");
        let r = ApiError::App(AppError::TooManyRequests {
            message: "máximo 3".into(),
            retry_after_s: None,
        })
        .into_response();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(!r.headers().contains_key(header::RETRY_AFTER));
    }
}
