//! The JSON API: health, auth, school data under `/api/v1`.

mod auth;
mod health;
pub(crate) mod imports;
mod jobs;
pub(crate) mod resources;
pub(crate) mod timetable_ops;
mod users;

use crate::{ApiError, AppState};
use axum::Router;
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    let v1 = Router::new()
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/me", get(auth::me))
        .route("/openapi.json", get(crate::openapi::document))
        .merge(resources::router())
        .merge(users::router())
        .merge(imports::router())
        .merge(timetable_ops::router())
        .merge(jobs::router())
        .fallback(no_route)
        .method_not_allowed_fallback(wrong_method);
    Router::new()
        .route("/health", get(health::health))
        .route("/api/health/detailed", get(health::detailed))
        .nest("/api/v1", v1)
}

async fn no_route() -> ApiError {
    ApiError::NoRoute
}

async fn wrong_method() -> ApiError {
    ApiError::MethodNotAllowed
}
