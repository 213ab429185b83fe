//! `/api/v1/users`: the school's accounts (school admins and platform admins only).

use crate::extract::{ApiJson, Auth, PageQuery};
use crate::{ApiError, AppState};
use app::{MemberView, Members, NewMember};
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new().route("/users", get(list).post(create))
}

async fn list(
    State(state): State<AppState>,
    Auth(who): Auth,
    PageQuery(page): PageQuery,
) -> Result<Json<Members>, ApiError> {
    Ok(Json(state.app.list_members(&who, page).await?))
}

async fn create(
    State(state): State<AppState>,
    Auth(who): Auth,
    ApiJson(new): ApiJson<NewMember>,
) -> Result<(StatusCode, Json<MemberView>), ApiError> {
    let member = state.app.add_member(&who, new).await?;
    Ok((StatusCode::CREATED, Json(member)))
}
