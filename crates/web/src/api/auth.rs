use crate::extract::{ApiJson, Auth, ClientAddress, bearer_token};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(Deserialize)]
pub struct LoginBody {
    email: String,
    password: String,
}

pub async fn login(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<Json<Value>, ApiError> {
    let outcome = state
        .app
        .login(&body.email, &body.password, &client)
        .await?;
    Ok(Json(json!({
        "token": outcome.token,
        "user": outcome.user,
        "expires_at": outcome.expires_at,
    })))
}

/// Ends the session of the bearer token; answers 204 even when it was already gone.
pub async fn logout(State(state): State<AppState>, parts: Parts) -> Result<StatusCode, ApiError> {
    let token = bearer_token(&parts).ok_or(app::AppError::Unauthenticated)?;
    state.app.logout(token).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn me(Auth(who): Auth) -> Json<Value> {
    Json(json!({
        "user": who.user,
        "tenant": who.tenant,
        "role": who.role,
        "memberships": who.memberships,
    }))
}
