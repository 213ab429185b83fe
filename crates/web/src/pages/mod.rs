//! Read-only pages in Spanish: the login form (cookie session) and the school overview.

mod html;
mod school;
mod session;

use crate::extract::ClientAddress;
use crate::{ApiError, AppState};
use app::AppError;
use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use html::escape;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(overview))
        .route("/login", get(login_form).post(login_submit))
        .route("/logout", post(logout))
}

#[derive(Deserialize)]
struct Choice {
    #[serde(default)]
    escuela: Option<String>,
}

async fn overview(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(choice): Query<Choice>,
) -> Response {
    let Some(token) = session::token_from_cookies(&headers) else {
        return Redirect::to(&state.href("/login")).into_response();
    };
    let who = match state
        .app
        .authenticate(&token, choice.escuela.as_deref())
        .await
    {
        Ok(who) => who,
        Err(AppError::Unauthenticated) => {
            return Redirect::to(&state.href("/login")).into_response();
        }
        Err(e) => return error_page(&state, e),
    };
    match school::render(&state, &who).await {
        Ok(body) => Html(body).into_response(),
        Err(e) => error_page(&state, e),
    }
}

fn logout_button(state: &AppState) -> String {
    format!(
        "<form method=\"post\" action=\"{}\"><button>Cerrar sesión</button></form>",
        escape(&state.href("/logout"))
    )
}

/// The error as a page: same status as the API would give, and for server faults no detail.
fn error_page(state: &AppState, e: AppError) -> Response {
    let e = ApiError::App(e);
    e.log();
    let body = format!(
        "<p class=\"error\">{}</p><p><a href=\"{}\">Volver al inicio</a></p>",
        escape(&e.public_message()),
        escape(&state.href("/"))
    );
    (
        e.status(),
        Html(html::page("No se pudo mostrar la página", "", &body)),
    )
        .into_response()
}

fn login_page(state: &AppState, email: &str, problem: Option<&str>) -> String {
    let problem = problem
        .map(|p| format!("<p class=\"error\">{}</p>", escape(p)))
        .unwrap_or_default();
    let body = format!(
        "{problem}<form class=\"login\" method=\"post\" action=\"{action}\">\
         <label>Correo <input type=\"email\" name=\"email\" value=\"{email}\" required autofocus></label>\
         <label>Contraseña <input type=\"password\" name=\"password\" required></label>\
         <button type=\"submit\">Entrar</button></form>",
        action = escape(&state.href("/login")),
        email = escape(email),
    );
    html::page("Iniciar sesión", "", &body)
}

async fn login_form(State(state): State<AppState>) -> Html<String> {
    Html(login_page(&state, "", None))
}

#[derive(Deserialize)]
struct LoginForm {
    email: String,
    password: String,
}

async fn login_submit(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    if !session::same_origin(&headers) {
        return error_page(
            &state,
            AppError::Forbidden("solicitud de otro sitio rechazada".into()),
        );
    }
    match state.app.login(&form.email, &form.password, &client).await {
        Ok(outcome) => {
            let max_age = app::SESSION_TTL_HOURS * 3600;
            let cookie = session::session_cookie(&state, &outcome.token, max_age);
            (
                StatusCode::SEE_OTHER,
                [
                    (header::SET_COOKIE, cookie),
                    (header::LOCATION, state.href("/")),
                ],
            )
                .into_response()
        }
        Err(
            e @ (AppError::BadCredentials
            | AppError::TenantSuspended(_)
            | AppError::TooManyRequests { .. }),
        ) => {
            let message = e.to_string();
            let retry_after = match &e {
                AppError::TooManyRequests {
                    retry_after_s: Some(s),
                    ..
                } => Some(*s),
                _ => None,
            };
            let status = ApiError::App(e).status();
            let mut response = (
                status,
                Html(login_page(&state, &form.email, Some(&message))),
            )
                .into_response();
            if let Some(s) = retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, header::HeaderValue::from(s));
            }
            response
        }
        Err(e) => error_page(&state, e),
    }
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !session::same_origin(&headers) {
        return error_page(
            &state,
            AppError::Forbidden("solicitud de otro sitio rechazada".into()),
        );
    }
    if let Some(token) = session::token_from_cookies(&headers)
        && let Err(e) = state.app.logout(&token).await
    {
        ApiError::App(e).log();
    }
    (
        StatusCode::SEE_OTHER,
        [
            (header::SET_COOKIE, session::session_cookie(&state, "", 0)),
            (header::LOCATION, state.href("/login")),
        ],
    )
        .into_response()
}
