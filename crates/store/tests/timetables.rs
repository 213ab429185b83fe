//! Timetable versions and their placements on both backends.

#[macro_use]
mod common;

use common::TestDb;
use common::fixtures::{field_of, make, placement, school, small_school};
use domain::{Lesson, Room, SchoolYear, Timetable};
use serde_json::json;
use store::StoreError;

on_both_backends!(timetables_and_placements);

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
