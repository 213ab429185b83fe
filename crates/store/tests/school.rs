//! A tenant's school data on both backends: CRUD with integrity, paging, validation, concurrency.

#[macro_use]
mod common;

use common::TestDb;
use common::fixtures::{field_of, make, school};
use domain::{Lesson, Level, Placement, Room, Rule, Section, Subject, Teacher};
use serde_json::json;
use store::StoreError;

on_both_backends!(
    crud_with_unique_keys_references_and_in_use,
    listing_pages_and_validation,
    concurrent_writers_in_one_tenant,
);

async fn crud_with_unique_keys_references_and_in_use(db: &TestDb) {
    let s = school(db).await;
    let maths = s
        .create::<Subject>(&make(json!({"name": "Matemática"})))
        .await
        .unwrap();
    let physics = s
        .create::<Subject>(&make(json!({"name": "Física"})))
        .await
        .unwrap();
    let room = s
        .create::<Room>(&make(json!({"name": "Aula 1", "capacity": 35})))
        .await
        .unwrap();

    // Unique natural keys, case- and accent-insensitively as the domain defines them.
    let dup = s
        .create::<Subject>(&make(json!({"name": "MATEMATICA"})))
        .await
        .unwrap_err();
    assert!(matches!(dup, StoreError::Conflict { .. }), "{dup}");
    assert_eq!(field_of(&dup), "name");
    let renamed = s
        .update::<Subject>(physics.id, &make(json!({"name": "matemática"})))
        .await;
    assert_eq!(field_of(&renamed.unwrap_err()), "name");
    // Keeping one's own key is fine.
    let recoloured: Subject = make(json!({"name": "Matemática", "colour": "#112233"}));
    let updated = s.update(maths.id, &recoloured).await.unwrap().unwrap();
    assert_eq!(s.get::<Subject>(maths.id).await.unwrap().unwrap(), updated);

    // References must exist and be of the right kind.
    let teacher: Teacher = make(json!({"name": "Ana Pérez", "subject_ids": [maths.id, 99_999]}));
    let err = s.create(&teacher).await.unwrap_err();
    assert!(matches!(err, StoreError::InvalidReference { .. }), "{err}");
    assert_eq!(field_of(&err), "subject_ids[1]");
    let teacher: Teacher = make(json!({"name": "Ana Pérez", "subject_ids": [room.id]}));
    assert_eq!(
        field_of(&s.create(&teacher).await.unwrap_err()),
        "subject_ids[0]"
    );
    let ana = s
        .create::<Teacher>(&make(
            json!({"name": "Ana Pérez", "subject_ids": [maths.id]}),
        ))
        .await
        .unwrap();
    let section = s
        .create::<Section>(&make(
            json!({"level": "media_general", "grade": 1, "letter": "A", "homeroom_id": room.id}),
        ))
        .await
        .unwrap();
    let dup = s
        .create::<Section>(&make(
            json!({"level": "media_general", "grade": 1, "letter": "a"}),
        ))
        .await
        .unwrap_err();
    assert_eq!(field_of(&dup), "letter");
    let lesson: Lesson = make(json!({
        "section_ids": [section.id], "subject_id": maths.id, "teacher_ids": [ana.id],
        "periods_per_week": 4, "block_pattern": [2, 2]
    }));
    let lesson = s.create(&lesson).await.unwrap();
    let mut wrong = lesson.data.clone();
    wrong.subject_id = section.id;
    assert_eq!(
        field_of(&s.update(lesson.id, &wrong).await.unwrap_err()),
        "subject_id"
    );

    // Referenced records cannot be deleted; unreferenced ones can.
    for (id, what) in [
        (maths.id, "subject"),
        (room.id, "room"),
        (section.id, "section"),
        (ana.id, "teacher"),
    ] {
        let err = match what {
            "subject" => s.delete::<Subject>(id).await,
            "room" => s.delete::<Room>(id).await,
            "section" => s.delete::<Section>(id).await,
            _ => s.delete::<Teacher>(id).await,
        };
        assert!(matches!(err, Err(StoreError::InUse(_))), "{what}: {err:?}");
    }
    assert!(s.delete::<Lesson>(lesson.id).await.unwrap());
    assert!(
        !s.delete::<Lesson>(lesson.id).await.unwrap(),
        "already gone"
    );
    // The teacher still teaches maths; after the update, maths is free.
    assert!(matches!(
        s.delete::<Subject>(maths.id).await,
        Err(StoreError::InUse(_))
    ));
    let mut no_subjects = ana.data.clone();
    no_subjects.subject_ids.clear();
    s.update(ana.id, &no_subjects).await.unwrap().unwrap();
    assert!(s.delete::<Subject>(maths.id).await.unwrap());
    assert!(s.get::<Subject>(maths.id).await.unwrap().is_none());
    // Ids are per record, not per kind: a room id is not a subject.
    assert!(s.get::<Subject>(room.id).await.unwrap().is_none());
    assert!(!s.delete::<Subject>(room.id).await.unwrap());
    assert!(
        s.update::<Subject>(room.id, &make(json!({"name": "X"})))
            .await
            .unwrap()
            .is_none()
    );
    // Levels are named by code: one in use by a section cannot go; an unused one can.
    let levels = s.all::<Level>().await.unwrap();
    let media = levels
        .iter()
        .find(|l| l.data.code == "media_general")
        .unwrap();
    assert!(matches!(
        s.delete::<Level>(media.id).await,
        Err(StoreError::InUse(_))
    ));
    let inicial = levels.iter().find(|l| l.data.code == "inicial").unwrap();
    assert!(s.delete::<Level>(inicial.id).await.unwrap());
    // Rules may reference teachers in their parameters.
    let rule: Rule = make(
        json!({"kind": "teacher_max_per_day", "weight": 5, "params": {"max": 6, "teacher_ids": [ana.id]}}),
    );
    s.create(&rule).await.unwrap();
    assert!(matches!(
        s.delete::<Teacher>(ana.id).await,
        Err(StoreError::InUse(_))
    ));
}

async fn listing_pages_and_validation(db: &TestDb) {
    let s = school(db).await;
    for i in 0..7 {
        s.create::<Room>(&make(json!({"name": format!("Aula {i}")})))
            .await
            .unwrap();
    }
    let (page, total) = s.list::<Room>(3, 3).await.unwrap();
    assert_eq!(total, 7);
    let names: Vec<&str> = page.iter().map(|r| r.data.name.as_str()).collect();
    assert_eq!(names, ["Aula 3", "Aula 4", "Aula 5"]);
    assert_eq!(s.all::<Room>().await.unwrap().len(), 7);
    assert_eq!(s.list::<Room>(10, 100).await.unwrap(), (vec![], 7));

    let bad: Section = make(json!({"level": "media_general", "grade": 40, "letter": ""}));
    match s.create(&bad).await {
        Err(StoreError::Invalid(fields)) => {
            assert!(
                fields.0.contains_key("grade") && fields.0.contains_key("letter"),
                "{fields}"
            )
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    let placement: Placement = make(
        json!({"timetable_id": 1, "lesson_id": 1, "unit": 0, "day": 1, "period": 1, "duration": 1}),
    );
    assert!(
        matches!(s.create(&placement).await, Err(StoreError::Config(_))),
        "placements go with their timetable"
    );
}

async fn concurrent_writers_in_one_tenant(db: &TestDb) {
    let s = school(db).await;
    let mut tasks = Vec::new();
    for i in 0..12 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            let room: Room = make(json!({"name": format!("Aula {}", i % 6)}));
            s.create(&room).await
        }));
    }
    let mut created = 0;
    let mut conflicts = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => created += 1,
            Err(StoreError::Conflict { .. }) => conflicts += 1,
            Err(e) => panic!("unexpected error under concurrency: {e}"),
        }
    }
    assert_eq!((created, conflicts), (6, 6));
    assert_eq!(s.list::<Room>(50, 0).await.unwrap().1, 6);
}
