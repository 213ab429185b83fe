//! Timetable versions and their placements on both backends.

#[macro_use]
mod common;

use common::TestDb;
use common::fixtures::{field_of, make, placement, school, small_school};
use domain::{Lesson, Room, SchoolYear, Timetable};
use serde_json::json;
use store::{Revision, StoreError};

on_both_backends!(
    timetables_and_placements,
    placement_writes_are_atomic_and_guarded
);

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

async fn placement_writes_are_atomic_and_guarded(db: &TestDb) {
    let s = school(db).await;
    let (lessons, room) = small_school(&s).await;
    let year = s.all::<SchoolYear>().await.unwrap()[0].id;
    let tt: Timetable =
        make(json!({"name": "Propuesta 1", "school_year_id": year, "source": "solver"}));
    let saved = s
        .save_timetable(
            &tt,
            &[
                placement(lessons[0], 0, 1, 1, 2),
                placement(lessons[0], 1, 2, 1, 1),
                placement(lessons[1], 0, 3, 1, 2),
            ],
        )
        .await
        .unwrap();
    let snap = s.timetable_snapshot(saved.id).await.unwrap().unwrap();
    assert_eq!(snap.timetable.data.name, "Propuesta 1");
    assert_eq!(snap.placements.len(), 3);
    assert_eq!(snap.school.lessons.len(), 2);
    let [a, b, c] = [0, 1, 2].map(|i| snap.placements[i].clone());
    let at = |p: &domain::Record<domain::Placement>, day: u8, period: u8| {
        let mut d = p.data.clone();
        d.day = day;
        d.period = period;
        (p.id, d)
    };

    // A swap whose second write fails (a room that is not a room) writes nothing at all.
    let mut bad = at(&b, 1, 1);
    bad.1.room_id = Some(lessons[0]);
    let err = s
        .write_placements(saved.id, Some(snap.revision), &[at(&a, 2, 1), bad])
        .await
        .unwrap_err();
    assert_eq!(field_of(&err), "placements[1].room_id");
    let now = s.placements(saved.id).await.unwrap();
    assert_eq!(
        (now[0].data.day, now[1].data.day),
        (1, 2),
        "nothing written"
    );

    // The swap itself: both rows in one transaction, one revision on.
    let (written, revision) = s
        .write_placements(saved.id, Some(snap.revision), &[at(&a, 2, 1), at(&b, 1, 1)])
        .await
        .unwrap();
    assert_eq!(revision, snap.revision.timetable + 1);
    assert_eq!(written.len(), 2);
    let now = s.placements(saved.id).await.unwrap();
    assert_eq!((now[0].data.day, now[1].data.day), (2, 1));

    // A second writer still holding the first read loses: nothing written, Stale.
    let lost = s
        .write_placements(saved.id, Some(snap.revision), &[at(&c, 4, 1)])
        .await
        .unwrap_err();
    assert!(matches!(lost, StoreError::Stale(_)), "{lost}");
    assert_eq!(s.placements(saved.id).await.unwrap()[2].data.day, 3);
    let fresh = Revision {
        timetable: revision,
        school: snap.revision.school,
    };

    // Locks, single updates and replacements move the timetable's revision too.
    assert!(s.set_locked(c.id, true).await.unwrap());
    let (locked, after_lock) = s
        .lock_placement(saved.id, c.id, false)
        .await
        .unwrap()
        .unwrap();
    assert!(!locked.data.locked);
    assert_eq!(after_lock, revision + 2);
    assert!(
        s.lock_placement(saved.id + 1000, c.id, true)
            .await
            .unwrap()
            .is_none()
    );
    assert!(matches!(
        s.write_placements(saved.id, Some(fresh), &[at(&c, 4, 1)])
            .await,
        Err(StoreError::Stale(_))
    ));
    let current = s
        .timetable_snapshot(saved.id)
        .await
        .unwrap()
        .unwrap()
        .revision;
    assert_eq!(current.timetable, after_lock);

    // A school data edit (here a new room) makes every timetable read before it stale.
    s.create::<Room>(&make(json!({"name": "Aula 9"})))
        .await
        .unwrap();
    let err = s
        .write_placements(saved.id, Some(current), &[at(&c, 4, 1)])
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Stale(_)), "{err}");
    let reread = s
        .timetable_snapshot(saved.id)
        .await
        .unwrap()
        .unwrap()
        .revision;
    assert_eq!(reread.school, current.school + 1);
    assert_eq!(
        reread.timetable, current.timetable,
        "a refused write bumps nothing"
    );
    let mut roomed = at(&c, 4, 1);
    roomed.1.room_id = Some(room);
    s.write_placements(saved.id, Some(reread), &[roomed])
        .await
        .unwrap();

    // Unknown timetables and placements of another timetable are not found.
    assert!(s.timetable_snapshot(999_999).await.unwrap().is_none());
    assert!(matches!(
        s.write_placements(999_999, None, &[at(&c, 4, 1)]).await,
        Err(StoreError::NotFound(_))
    ));
    let other = s.save_timetable(&tt, &[]).await.unwrap();
    assert!(matches!(
        s.write_placements(other.id, None, &[at(&c, 4, 1)]).await,
        Err(StoreError::NotFound(_))
    ));
}
