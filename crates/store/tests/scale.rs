//! A school of realistic size goes in and out in one transaction on both backends; the time it
//! takes is printed (run with --nocapture) so regressions show.

#[macro_use]
mod common;

use common::TestDb;
use domain::{Placement, Record, SchoolData, TimetableData};
use serde::de::DeserializeOwned;
use serde_json::json;
use std::time::Instant;

on_both_backends!(a_large_school_round_trips);

fn rec<T: DeserializeOwned>(id: i64, value: serde_json::Value) -> Record<T> {
    Record {
        id,
        data: serde_json::from_value(value).expect("fixture"),
    }
}

const SECTIONS: i64 = 30;
const SUBJECTS: i64 = 12;
const TEACHERS: i64 = 40;

/// 30 sections x 12 subjects = 360 lessons of 4 periods in 2+2, all placed once.
fn large_school() -> SchoolData {
    let mut school = SchoolData {
        subjects: (1..=SUBJECTS)
            .map(|i| rec(i, json!({"name": format!("Asignatura {i}")})))
            .collect(),
        rooms: (1..=SECTIONS)
            .map(|i| rec(i, json!({"name": format!("Aula {i}")})))
            .collect(),
        teachers: (1..=TEACHERS)
            .map(|i| rec(i, json!({"name": format!("Docente {i}"), "subject_ids": [(i - 1) % SUBJECTS + 1]})))
            .collect(),
        sections: (1..=SECTIONS)
            .map(|i| {
                let letter = ["A", "B", "C", "D", "E", "F"][((i - 1) % 6) as usize];
                rec(i, json!({"level": "media_general", "grade": (i - 1) / 6 + 1,
                    "letter": letter, "homeroom_id": i}))
            })
            .collect(),
        ..SchoolData::default()
    };
    let mut placements = Vec::new();
    for s in 1..=SECTIONS {
        for j in 1..=SUBJECTS {
            let id = (s - 1) * SUBJECTS + j;
            let teacher = (id - 1) % TEACHERS + 1;
            let subject = (teacher - 1) % SUBJECTS + 1;
            school.lessons.push(rec(
                id,
                json!({"section_ids": [s], "subject_id": subject,
                "teacher_ids": [teacher], "periods_per_week": 4, "block_pattern": [2, 2]}),
            ));
            for unit in 0..2u16 {
                placements.push(Placement {
                    timetable_id: 1,
                    lesson_id: id,
                    unit,
                    day: (j % 5 + 1) as u8,
                    period: (unit * 2 + 1) as u8,
                    duration: 2,
                    room_id: Some(s),
                    locked: false,
                });
            }
        }
    }
    school.timetables.push(TimetableData {
        timetable: rec(1, json!({"name": "Generado", "source": "solver"})),
        placements,
    });
    school
}

async fn a_large_school_round_trips(db: &TestDb) {
    db.store
        .create_tenant("grande", "U.E. Grande")
        .await
        .unwrap();
    let s = db.store.tenant("grande").await.unwrap();
    let school = large_school();
    let started = Instant::now();
    let outcome = s.import_school(&school).await.unwrap();
    let imported = started.elapsed();
    let started = Instant::now();
    let loaded = s.load_school().await.unwrap();
    let load = started.elapsed();
    println!(
        "{:?}: import {} lessons + {} placements in {imported:?}; load_school in {load:?}",
        db.store.backend(),
        outcome.counts.lessons,
        outcome.counts.placements,
    );
    assert_eq!(loaded.lessons.len(), 360);
    assert_eq!(loaded.timetables[0].placements.len(), 720);
    assert_eq!(loaded.validate(), Ok(()));
}
