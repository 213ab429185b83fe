//! Records and schools the tests share.

use super::TestDb;
use domain::{Lesson, Placement, Record, Room, Section, Subject, Teacher};
use serde::de::DeserializeOwned;
use serde_json::json;
use store::{StoreError, TenantStore};

pub fn make<T: DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("fixture")
}

pub async fn school(db: &TestDb) -> TenantStore {
    db.store.create_tenant("demo", "U.E. Demo").await.unwrap();
    db.store.tenant("demo").await.unwrap()
}

pub fn field_of(e: &StoreError) -> &str {
    match e {
        StoreError::Conflict { field, .. } | StoreError::InvalidReference { field, .. } => field,
        other => panic!("expected a field error, got {other}"),
    }
}

pub fn rec<T: DeserializeOwned>(id: i64, value: serde_json::Value) -> Record<T> {
    Record {
        id,
        data: make(value),
    }
}

/// A small school: 1 room, 1 subject, 1 teacher, 2 sections, 2 lessons. Returns (lesson ids, room id).
pub async fn small_school(s: &TenantStore) -> (Vec<i64>, i64) {
    let room = s
        .create::<Room>(&make(json!({"name": "Laboratorio", "kind": "laboratorio"})))
        .await
        .unwrap();
    let subject = s
        .create::<Subject>(&make(json!({"name": "Biología"})))
        .await
        .unwrap();
    let teacher = s
        .create::<Teacher>(&make(
            json!({"name": "Luis Rojas", "subject_ids": [subject.id]}),
        ))
        .await
        .unwrap();
    let mut lessons = Vec::new();
    for letter in ["A", "B"] {
        let section = s
            .create::<Section>(&make(
                json!({"level": "media_general", "grade": 2, "letter": letter}),
            ))
            .await
            .unwrap();
        let lesson: Lesson = make(
            json!({"section_ids": [section.id], "subject_id": subject.id,
            "teacher_ids": [teacher.id], "periods_per_week": 3, "block_pattern": [2, 1]}),
        );
        lessons.push(s.create(&lesson).await.unwrap().id);
    }
    (lessons, room.id)
}

pub fn placement(lesson_id: i64, unit: u16, day: u8, period: u8, duration: u8) -> Placement {
    Placement {
        timetable_id: 0,
        lesson_id,
        unit,
        day,
        period,
        duration,
        room_id: None,
        locked: false,
    }
}
