//! A tenant's school data on both backends: CRUD with integrity, placements, whole-school import.

#[macro_use]
mod common;

use common::TestDb;
use domain::{
    Lesson, Placement, Record, Room, Rule, RuleKind, SchoolData, SchoolYear, Section, Subject,
    Teacher, Timetable, TimetableData,
};
use serde::de::DeserializeOwned;
use serde_json::json;
use store::{StoreError, TenantStore};

on_both_backends!(
    crud_with_unique_keys_references_and_in_use,
    listing_pages_and_validation,
    timetables_and_placements,
    import_then_load_round_trips,
    import_is_all_or_nothing,
    concurrent_writers_in_one_tenant,
);

fn make<T: DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("fixture")
}

async fn school(db: &TestDb) -> TenantStore {
    db.store.create_tenant("demo", "U.E. Demo").await.unwrap();
    db.store.tenant("demo").await.unwrap()
}

fn field_of(e: &StoreError) -> &str {
    match e {
        StoreError::Conflict { field, .. } | StoreError::InvalidReference { field, .. } => field,
        other => panic!("expected a field error, got {other}"),
    }
}

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

/// A small school: 1 room, 1 subject, 1 teacher, 2 sections, 2 lessons. Returns (lesson ids, room id).
async fn small_school(s: &TenantStore) -> (Vec<i64>, i64) {
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

fn placement(lesson_id: i64, unit: u16, day: u8, period: u8, duration: u8) -> Placement {
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

async fn timetables_and_placements(db: &TestDb) {
    let s = school(db).await;
    let (lessons, room) = small_school(&s).await;
    let year = s.all::<SchoolYear>().await.unwrap()[0].id;
    let tt: Timetable =
        make(json!({"name": "Propuesta 1", "school_year_id": year, "source": "solver"}));
    let mut first = placement(lessons[0], 0, 1, 1, 2);
    first.room_id = Some(room);
    let saved = s
        .save_timetable(
            &tt,
            &[
                first,
                placement(lessons[0], 1, 3, 5, 1),
                placement(lessons[1], 0, 2, 1, 2),
            ],
        )
        .await
        .unwrap();
    let stored = s.placements(saved.id).await.unwrap();
    assert_eq!(stored.len(), 3);
    assert!(stored.iter().all(|p| p.data.timetable_id == saved.id));
    assert_eq!(stored[0].data.room_id, Some(room));

    // A manual move, a lock, and errors that name the field.
    let mut moved = stored[1].data.clone();
    moved.day = 4;
    moved.period = 3;
    let after = s
        .update_placement(stored[1].id, &moved)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        s.get_placement(after.id).await.unwrap().unwrap().data.day,
        4
    );
    assert!(s.set_locked(stored[1].id, true).await.unwrap());
    assert!(
        s.get_placement(stored[1].id)
            .await
            .unwrap()
            .unwrap()
            .data
            .locked
    );
    assert!(!s.set_locked(999_999, true).await.unwrap());
    assert!(s.update_placement(999_999, &moved).await.unwrap().is_none());
    let mut clash = stored[1].data.clone();
    clash.unit = 0; // unit 0 of this lesson is already placed
    assert_eq!(
        field_of(&s.update_placement(stored[1].id, &clash).await.unwrap_err()),
        "unit"
    );
    let mut elsewhere = stored[1].data.clone();
    elsewhere.timetable_id = saved.id + 1000;
    assert_eq!(
        field_of(
            &s.update_placement(stored[1].id, &elsewhere)
                .await
                .unwrap_err()
        ),
        "timetable_id"
    );
    let mut no_room = stored[1].data.clone();
    no_room.room_id = Some(lessons[0]);
    assert_eq!(
        field_of(
            &s.update_placement(stored[1].id, &no_room)
                .await
                .unwrap_err()
        ),
        "room_id"
    );

    // save_timetable is one transaction: a bad placement leaves no timetable behind.
    let before = s.list::<Timetable>(10, 0).await.unwrap().1;
    let err = s
        .save_timetable(
            &tt,
            &[
                placement(lessons[0], 0, 1, 1, 2),
                placement(99_999, 0, 1, 1, 1),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), "placements[1].lesson_id");
    assert_eq!(s.list::<Timetable>(10, 0).await.unwrap().1, before);

    // A placed lesson or room is in use; replacing the placements frees them.
    assert!(matches!(
        s.delete::<Lesson>(lessons[1]).await,
        Err(StoreError::InUse(_))
    ));
    assert!(matches!(
        s.delete::<Room>(room).await,
        Err(StoreError::InUse(_))
    ));
    assert_eq!(
        s.replace_placements(saved.id, &[placement(lessons[0], 0, 5, 1, 2)])
            .await
            .unwrap(),
        1
    );
    assert_eq!(s.placements(saved.id).await.unwrap().len(), 1);
    assert!(s.delete::<Lesson>(lessons[1]).await.unwrap());
    assert!(matches!(
        s.replace_placements(999_999, &[]).await,
        Err(StoreError::NotFound(_))
    ));
    // Deleting the timetable takes its placements with it.
    assert!(s.delete::<Timetable>(saved.id).await.unwrap());
    assert!(s.placements(saved.id).await.unwrap().is_empty());
    assert!(s.delete::<Lesson>(lessons[0]).await.unwrap());
}

fn rec<T: DeserializeOwned>(id: i64, value: serde_json::Value) -> Record<T> {
    Record {
        id,
        data: make(value),
    }
}

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
