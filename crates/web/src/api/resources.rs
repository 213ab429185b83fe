//! CRUD for every kind of school record, one generic set of handlers per [`Resource`].

use crate::extract::{Auth, PageQuery, RecordId, parse_json};
use crate::{ApiError, AppState};
use app::{Action, Listing, Principal};
use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use domain::{
    Lesson, Level, Record, Resource, Room, Rule, SchoolYear, Section, Student, Subject, Teacher,
    TimeGrid, Timetable,
};

/// One collection of the API, for the router and the OpenAPI document alike.
pub struct Collection {
    /// URL segment under `/api/v1`.
    pub segment: &'static str,
    /// What one record is, in Spanish.
    pub label: &'static str,
    /// False for collections that the API only reads (timetables come from the solver).
    pub writable: bool,
}

const fn c(segment: &'static str, label: &'static str, writable: bool) -> Collection {
    Collection {
        segment,
        label,
        writable,
    }
}

pub const COLLECTIONS: &[Collection] = &[
    c("school-years", SchoolYear::LABEL, true),
    c("levels", Level::LABEL, true),
    c("sections", Section::LABEL, true),
    c("subjects", Subject::LABEL, true),
    c("teachers", Teacher::LABEL, true),
    c("rooms", Room::LABEL, true),
    c("time-grids", TimeGrid::LABEL, true),
    c("lessons", Lesson::LABEL, true),
    c("rules", Rule::LABEL, true),
    c("students", Student::LABEL, true),
    c("timetables", Timetable::LABEL, false),
];

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(writable::<SchoolYear>("school-years"))
        .merge(writable::<Level>("levels"))
        .merge(writable::<Section>("sections"))
        .merge(writable::<Subject>("subjects"))
        .merge(writable::<Teacher>("teachers"))
        .merge(writable::<Room>("rooms"))
        .merge(writable::<TimeGrid>("time-grids"))
        .merge(writable::<Lesson>("lessons"))
        .merge(writable::<Rule>("rules"))
        .merge(writable::<Student>("students"))
        .merge(read_only::<Timetable>("timetables"))
}

fn writable<T: Resource>(segment: &str) -> Router<AppState> {
    Router::new()
        .route(&format!("/{segment}"), get(list::<T>).post(create::<T>))
        .route(
            &format!("/{segment}/{{id}}"),
            get(get_one::<T>).put(update::<T>).delete(delete::<T>),
        )
}

fn read_only<T: Resource>(segment: &str) -> Router<AppState> {
    Router::new()
        .route(&format!("/{segment}"), get(list::<T>))
        .route(&format!("/{segment}/{{id}}"), get(get_one::<T>))
}

async fn list<T: Resource>(
    State(state): State<AppState>,
    Auth(who): Auth,
    PageQuery(page): PageQuery,
) -> Result<Json<Listing<T>>, ApiError> {
    Ok(Json(state.app.list::<T>(&who, page).await?))
}

async fn get_one<T: Resource>(
    State(state): State<AppState>,
    Auth(who): Auth,
    RecordId(id): RecordId,
) -> Result<Json<Record<T>>, ApiError> {
    Ok(Json(state.app.get::<T>(&who, id).await?))
}

async fn create<T: Resource>(
    State(state): State<AppState>,
    Auth(who): Auth,
    body: Bytes,
) -> Result<(StatusCode, Json<Record<T>>), ApiError> {
    let data = editable_body::<T>(&who, &body)?;
    let record = state.app.create(&who, data).await?;
    Ok((StatusCode::CREATED, Json(record)))
}

async fn update<T: Resource>(
    State(state): State<AppState>,
    Auth(who): Auth,
    RecordId(id): RecordId,
    body: Bytes,
) -> Result<Json<Record<T>>, ApiError> {
    let data = editable_body::<T>(&who, &body)?;
    Ok(Json(state.app.update(&who, id, data).await?))
}

/// A caller who may not edit learns that (403) before anything about their body (422).
fn editable_body<T: Resource>(who: &Principal, body: &[u8]) -> Result<T, ApiError> {
    who.require(Action::EditSchool)?;
    parse_json(body)
}

async fn delete<T: Resource>(
    State(state): State<AppState>,
    Auth(who): Auth,
    RecordId(id): RecordId,
) -> Result<StatusCode, ApiError> {
    state.app.delete::<T>(&who, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
