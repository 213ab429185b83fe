//! The school overview: sections, teachers, subjects, rooms and the time grids.

use super::html::{escape, page, table};
use crate::AppState;
use app::{Page, Principal, Result};
use domain::{Id, PeriodKind, Record, Room, RoomKind, Section, Subject, Teacher, TimeGrid};
use std::collections::BTreeMap;

const ALL: Page = Page {
    limit: app::MAX_PAGE,
    offset: 0,
};

pub async fn render(state: &AppState, who: &Principal) -> Result<String> {
    let header = format!(
        "<span>{} · {}</span>{}",
        escape(&who.user.email),
        escape(who.role.as_str()),
        super::logout_button(state)
    );
    let Some(tenant) = &who.tenant else {
        return Ok(page(
            "Elija una institución",
            &header,
            &chooser(state, who).await?,
        ));
    };
    let app = &state.app;
    let sections = app.list::<Section>(who, ALL).await?.items;
    let teachers = app.list::<Teacher>(who, ALL).await?.items;
    let subjects = app.list::<Subject>(who, ALL).await?.items;
    let rooms = app.list::<Room>(who, ALL).await?.items;
    let grids = app.list::<TimeGrid>(who, ALL).await?.items;

    let subject_names: BTreeMap<Id, &str> = subjects
        .iter()
        .map(|s| (s.id, s.data.name.as_str()))
        .collect();
    let room_names: BTreeMap<Id, &str> =
        rooms.iter().map(|r| (r.id, r.data.name.as_str())).collect();

    let mut body = String::new();
    body.push_str(&format!(
        "<p>{} secciones · {} docentes · {} asignaturas · {} espacios</p>",
        sections.len(),
        teachers.len(),
        subjects.len(),
        rooms.len()
    ));
    body.push_str("<h2>Secciones</h2>");
    body.push_str(&sections_table(&sections, &room_names));
    body.push_str("<h2>Docentes</h2>");
    body.push_str(&teachers_table(&teachers, &subject_names));
    body.push_str("<h2>Asignaturas</h2>");
    body.push_str(&subjects_table(&subjects));
    body.push_str("<h2>Aulas y espacios</h2>");
    body.push_str(&rooms_table(&rooms));
    for grid in &grids {
        body.push_str(&grid_table(grid));
    }
    Ok(page(&tenant.name, &header, &body))
}

/// The schools the user may open: their memberships, or every school for a platform admin.
async fn chooser(state: &AppState, who: &Principal) -> Result<String> {
    let choices: Vec<(app::TenantView, &str)> = if who.user.platform_admin {
        let tenants = state.app.list_tenants().await?;
        tenants.into_iter().map(|t| (t, "platform_admin")).collect()
    } else {
        who.memberships
            .iter()
            .map(|m| (m.tenant.clone(), m.role.as_str()))
            .collect()
    };
    let items: String = choices
        .iter()
        .map(|(t, role)| {
            let href = state.href(&format!("/?escuela={}", t.slug));
            format!(
                "<li><a href=\"{}\">{}</a> ({})</li>",
                escape(&href),
                escape(&t.name),
                escape(role)
            )
        })
        .collect();
    Ok(if items.is_empty() {
        "<p>Su cuenta no pertenece a ninguna institución todavía.</p>".into()
    } else {
        format!("<ul>{items}</ul>")
    })
}

fn sections_table(sections: &[Record<Section>], rooms: &BTreeMap<Id, &str>) -> String {
    let rows: Vec<Vec<String>> = sections
        .iter()
        .map(|s| {
            let room = s.data.homeroom_id.and_then(|id| rooms.get(&id)).copied();
            vec![
                escape(&s.data.display_name()),
                escape(&s.data.level),
                s.data.size.to_string(),
                escape(room.unwrap_or("—")),
            ]
        })
        .collect();
    table(&["Sección", "Nivel", "Estudiantes", "Aula base"], &rows)
}

fn teachers_table(teachers: &[Record<Teacher>], subjects: &BTreeMap<Id, &str>) -> String {
    let rows: Vec<Vec<String>> = teachers
        .iter()
        .map(|t| {
            let names: Vec<&str> = t
                .data
                .subject_ids
                .iter()
                .filter_map(|id| subjects.get(id).copied())
                .collect();
            let limits = match (t.data.max_periods_per_day, t.data.max_periods_per_week) {
                (Some(d), Some(w)) => format!("{d}/día, {w}/semana"),
                (Some(d), None) => format!("{d}/día"),
                (None, Some(w)) => format!("{w}/semana"),
                (None, None) => "—".into(),
            };
            vec![
                escape(&t.data.name),
                escape(&names.join(", ")),
                escape(&limits),
            ]
        })
        .collect();
    table(&["Docente", "Asignaturas", "Máximo de períodos"], &rows)
}

fn subjects_table(subjects: &[Record<Subject>]) -> String {
    let rows: Vec<Vec<String>> = subjects
        .iter()
        .map(|s| {
            let swatch = if s.data.colour.is_empty() {
                String::new()
            } else {
                format!(
                    "<span class=\"swatch\" style=\"background:{}\"></span>",
                    escape(&s.data.colour)
                )
            };
            vec![escape(&s.data.name), escape(&s.data.short_name), swatch]
        })
        .collect();
    table(&["Asignatura", "Abreviatura", "Color"], &rows)
}

fn room_kind(kind: RoomKind) -> &'static str {
    match kind {
        RoomKind::Aula => "aula",
        RoomKind::Laboratorio => "laboratorio",
        RoomKind::Cancha => "cancha",
        RoomKind::SalaComputacion => "sala de computación",
        RoomKind::Otro => "otro",
    }
}

fn rooms_table(rooms: &[Record<Room>]) -> String {
    let rows: Vec<Vec<String>> = rooms
        .iter()
        .map(|r| {
            vec![
                escape(&r.data.name),
                escape(room_kind(r.data.kind)),
                r.data.capacity.to_string(),
            ]
        })
        .collect();
    table(&["Espacio", "Tipo", "Capacidad"], &rows)
}

const DAY_NAMES: [&str; 7] = [
    "Lunes",
    "Martes",
    "Miércoles",
    "Jueves",
    "Viernes",
    "Sábado",
    "Domingo",
];

fn grid_table(grid: &Record<TimeGrid>) -> String {
    // Days past Sunday belong to a longer cycle (FET exam sessions, two-week rotations).
    let days: Vec<String> = grid
        .data
        .days
        .iter()
        .map(|d| match DAY_NAMES.get(usize::from(*d).wrapping_sub(1)) {
            Some(name) => name.to_string(),
            None => format!("Día {d}"),
        })
        .collect();
    let rows: Vec<Vec<String>> = grid
        .data
        .periods
        .iter()
        .map(|p| {
            let what = match p.kind {
                PeriodKind::Lesson => format!("{}º período", p.number),
                PeriodKind::Break => "Receso".into(),
            };
            vec![escape(&what), format!("{} – {}", p.start, p.end)]
        })
        .collect();
    format!(
        "<h2>Horario base: {}</h2><p>Días: {}</p>{}",
        escape(&grid.data.name),
        escape(&days.join(", ")),
        table(&["Período", "Hora"], &rows)
    )
}
