//! A whole school in and out (import_school / load_school) on both backends.

#[macro_use]
mod common;

use common::TestDb;
use common::fixtures::{field_of, make, placement, rec, school};
use domain::{Placement, Rule, RuleKind, SchoolData, Subject, TimetableData};
use serde_json::json;
use store::StoreError;

on_both_backends!(import_then_load_round_trips, import_is_all_or_nothing);

/// A bundle whose provisional ids start at 1 in every collection, as an importer makes them.
fn bundle() -> SchoolData {
    SchoolData {
        school_years: vec![rec(1, json!({"name": "2030-2031", "active": false}))],
        levels: vec![
            rec(
                1,
                json!({"code": "media_general", "name": "Media General (importada)", "grades": 5}),
            ),
            rec(
                2,
                json!({"code": "tecnica", "name": "Media Técnica", "grades": 6}),
            ),
        ],
        time_grids: vec![rec(
            1,
            json!({"name": "Media mañana", "level": "media_general", "days": [1,2,3,4,5],
            "periods": [{"number": 1, "start": "07:00", "end": "07:40"}, {"number": 2, "start": "07:40", "end": "08:20"}]}),
        )],
        subjects: vec![
            rec(1, json!({"name": "Castellano"})),
            rec(2, json!({"name": "Inglés"})),
        ],
        rooms: vec![
            rec(1, json!({"name": "Aula 1A"})),
            rec(2, json!({"name": "Cancha", "kind": "cancha"})),
        ],
        teachers: vec![
            rec(1, json!({"name": "María Gómez", "subject_ids": [1]})),
            rec(2, json!({"name": "José Díaz", "subject_ids": [2, 1]})),
        ],
        sections: vec![rec(
            1,
            json!({"level": "media_general", "grade": 1, "letter": "A", "homeroom_id": 1, "time_grid_id": 1}),
        )],
        lessons: vec![
            rec(
                1,
                json!({"section_ids": [1], "subject_id": 1, "teacher_ids": [1], "periods_per_week": 2, "block_pattern": [2]}),
            ),
            rec(
                2,
                json!({"section_ids": [1], "subject_id": 2, "teacher_ids": [2], "periods_per_week": 2, "room_id": 2}),
            ),
        ],
        rules: vec![
            rec(
                1,
                json!({"kind": "no_teacher_clash", "hard": true, "weight": 500}),
            ),
            rec(
                2,
                json!({"kind": "teacher_max_per_day", "weight": 3, "params": {"max": 4, "teacher_ids": [2]}}),
            ),
        ],
        timetables: vec![TimetableData {
            timetable: rec(
                1,
                json!({"name": "Importado", "school_year_id": 1, "source": "import"}),
            ),
            placements: vec![Placement {
                timetable_id: 1,
                room_id: Some(1),
                ..placement(1, 0, 1, 1, 2)
            }],
        }],
    }
}

async fn import_then_load_round_trips(db: &TestDb) {
    let s = school(db).await;
    let rules_before = s.all::<Rule>().await.unwrap().len();
    let outcome = s.import_school(&bundle()).await.unwrap();
    assert_eq!(outcome.counts.teachers, 2);
    assert_eq!(outcome.counts.placements, 1);
    assert_eq!(
        outcome.merged, 2,
        "media_general level and the no_teacher_clash rule"
    );
    let subjects = &outcome.ids["subjects"];
    assert_eq!(subjects.len(), 2);

    let loaded = s.load_school().await.unwrap();
    assert_eq!(
        loaded.levels.len(),
        4,
        "3 seeded + tecnica; media_general merged"
    );
    let media = loaded
        .levels
        .iter()
        .find(|l| l.data.code == "media_general")
        .unwrap();
    assert_eq!(media.data.name, "Media General (importada)");
    assert_eq!(
        loaded.rules.len(),
        rules_before + 1,
        "one rule merged by kind, one added"
    );
    let clash = loaded
        .rules
        .iter()
        .find(|r| r.data.kind == RuleKind::NoTeacherClash)
        .unwrap();
    assert_eq!(clash.data.weight, 500);
    assert_eq!(loaded.school_years.len(), 2);

    // Every reference now holds a real id that leads to the right record.
    let jose = loaded
        .teachers
        .iter()
        .find(|t| t.data.name == "José Díaz")
        .unwrap();
    let names: Vec<&str> = jose
        .data
        .subject_ids
        .iter()
        .map(|id| {
            loaded
                .subjects
                .iter()
                .find(|s| s.id == *id)
                .unwrap()
                .data
                .name
                .as_str()
        })
        .collect();
    assert_eq!(names, ["Inglés", "Castellano"]);
    let max_rule = loaded
        .rules
        .iter()
        .find(|r| r.data.kind == RuleKind::TeacherMaxPerDay)
        .unwrap();
    assert_eq!(max_rule.data.params["teacher_ids"][0], json!(jose.id));
    let section = &loaded.sections[0];
    let homeroom = loaded
        .rooms
        .iter()
        .find(|r| Some(r.id) == section.data.homeroom_id)
        .unwrap();
    assert_eq!(homeroom.data.name, "Aula 1A");
    assert_eq!(section.data.time_grid_id, Some(loaded.time_grids[0].id));
    let tt = &loaded.timetables[0];
    assert_eq!(
        tt.timetable.data.school_year_id,
        Some(outcome.ids["school_years"][&1])
    );
    assert_eq!(tt.placements[0].timetable_id, tt.timetable.id);
    assert_eq!(tt.placements[0].lesson_id, outcome.ids["lessons"][&1]);
    assert_eq!(tt.placements[0].room_id, Some(homeroom.id));
    assert_eq!(
        loaded.validate(),
        Ok(()),
        "a loaded school is a consistent bundle"
    );

    // Importing the same school again clashes on names, and says where.
    let err = s.import_school(&bundle()).await.unwrap_err();
    assert_eq!(field_of(&err), "time_grids[0].name");
    // Loading and importing into an empty school reproduces it.
    db.store.create_tenant("copia", "Copia").await.unwrap();
    let copy = db.store.tenant("copia").await.unwrap();
    copy.import_school(&loaded).await.unwrap();
    let again = copy.load_school().await.unwrap();
    assert_eq!(again.counts(), loaded.counts());
}

async fn import_is_all_or_nothing(db: &TestDb) {
    let s = school(db).await;
    // An inconsistent bundle is rejected before anything is written.
    let mut broken = bundle();
    broken.lessons[0].data.subject_id = 77;
    match s.import_school(&broken).await {
        Err(StoreError::Invalid(fields)) => {
            assert!(fields.0.contains_key("lessons[0].subject_id"), "{fields}")
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    // A record that clashes with existing data fails inside the transaction: all rolled back.
    s.create::<Subject>(&make(json!({"name": "Inglés"})))
        .await
        .unwrap();
    let before = s.load_school().await.unwrap();
    let err = s.import_school(&bundle()).await.unwrap_err();
    assert_eq!(field_of(&err), "subjects[1].name");
    let after = s.load_school().await.unwrap();
    assert_eq!(after, before, "nothing written, nothing merged");
    assert!(after.teachers.is_empty() && after.rooms.is_empty() && after.time_grids.is_empty());
}
