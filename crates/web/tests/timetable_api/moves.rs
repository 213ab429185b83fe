//! Moves and locks on the real school's generated timetable through the API: check, apply,
//! lock, unlock, roles, and edits to school data reaching the next move check.

use super::call;
use crate::support::Harness;
use axum::http::StatusCode;

pub async fn moves_and_locks(h: &Harness, tt: i64, coord: &str, viewer: &str) {
    let list = h
        .get(&format!("/api/v1/timetables/{tt}/placements"), viewer)
        .await
        .json();
    let items = list["items"].as_array().unwrap().clone();
    assert!(!items.is_empty());
    let (a, b) = (
        items[0]["id"].as_i64().unwrap(),
        items[1]["id"].as_i64().unwrap(),
    );
    let check = format!("/api/v1/timetables/{tt}/moves/check");

    // Check a move to every cell of the week; some are legal, some not.
    let mut legal = None;
    let mut illegal = 0;
    for day in 1..=5 {
        for period in 1..=8 {
            let body = format!(r#"{{"placement_id":{a},"day":{day},"period":{period}}}"#);
            let r = call(h, "POST", &check, coord, Some(&body)).await;
            if r.status != StatusCode::OK {
                assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
                continue;
            }
            let v = r.json();
            assert!(
                v["soft_delta"].is_i64() && v["hard_violations"].is_array(),
                "{v}"
            );
            if v["legal"] == true {
                legal.get_or_insert((day, period));
            } else {
                illegal += 1;
                assert!(!v["hard_violations"].as_array().unwrap().is_empty());
            }
        }
    }
    assert!(illegal > 0, "a block cannot go everywhere");
    let swap = format!(r#"{{"placement_id":{a},"swap_with":{b}}}"#);
    assert_eq!(
        call(h, "POST", &check, coord, Some(&swap)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        call(h, "POST", &check, viewer, Some(&swap)).await.status,
        StatusCode::FORBIDDEN
    );
    let r = call(
        h,
        "POST",
        &check,
        coord,
        Some(&format!(r#"{{"placement_id":{a}}}"#)),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = call(
        h,
        "POST",
        &check,
        coord,
        Some(r#"{"placement_id":999999,"day":1,"period":1}"#),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = call(
        h,
        "POST",
        "/api/v1/timetables/999999/moves/check",
        coord,
        Some(&swap),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let (day, period) = legal.expect("some cell is legal");
    edits_to_school_data_reach_move_checks(h, tt, coord).await;

    // Apply a legal move: stored.
    let body = format!(r#"{{"placement_id":{a},"day":{day},"period":{period}}}"#);
    assert_eq!(
        call(
            h,
            "POST",
            &format!("/api/v1/timetables/{tt}/moves"),
            viewer,
            Some(&body)
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let r = call(
        h,
        "POST",
        &format!("/api/v1/timetables/{tt}/moves"),
        coord,
        Some(&body),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let moved = h
        .get(&format!("/api/v1/timetables/{tt}/placements"), viewer)
        .await
        .json();
    let p = moved["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == a)
        .unwrap()
        .clone();
    assert_eq!(
        (p["day"].as_i64(), p["period"].as_i64()),
        (Some(day), Some(period))
    );

    // Lock: a locked placement cannot move without force; unlock frees it.
    let lock = format!("/api/v1/timetables/{tt}/placements/{a}/lock");
    assert_eq!(
        call(h, "PUT", &lock, viewer, None).await.status,
        StatusCode::FORBIDDEN
    );
    let r = call(h, "PUT", &lock, coord, None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["locked"], true);
    let v = call(h, "POST", &check, coord, Some(&swap)).await.json();
    assert_eq!(v["legal"], false, "{v}");
    let r = call(
        h,
        "POST",
        &format!("/api/v1/timetables/{tt}/moves"),
        coord,
        Some(&swap),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = call(h, "DELETE", &lock, coord, None).await;
    assert_eq!(r.json()["locked"], false);
    assert_eq!(
        call(
            h,
            "PUT",
            &format!("/api/v1/timetables/{tt}/placements/999999/lock"),
            coord,
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(
            h,
            "PUT",
            &format!("/api/v1/timetables/{tt}/placements/abc/lock"),
            coord,
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

/// A coordinator edits a teacher's availability while the timetable is open: the next move
/// check must see it (the compiled model of the open timetable is rebuilt, not served stale).
async fn edits_to_school_data_reach_move_checks(h: &Harness, tt: i64, coord: &str) {
    let items = h
        .get(&format!("/api/v1/timetables/{tt}/placements"), coord)
        .await
        .json();
    let check = format!("/api/v1/timetables/{tt}/moves/check");
    // A block and a legal cell other than its own (a move to its own place is no move); the
    // real school's mornings are full, so look at the whole day.
    let mut target = None;
    'search: for p in items["items"].as_array().unwrap() {
        for day in 1..=5 {
            for period in 1..=10 {
                if p["day"] == day && p["period"] == period {
                    continue;
                }
                let body = format!(
                    r#"{{"placement_id":{},"day":{day},"period":{period}}}"#,
                    p["id"]
                );
                let r = call(h, "POST", &check, coord, Some(&body)).await;
                if r.status == StatusCode::OK && r.json()["legal"] == true {
                    target = Some((p.clone(), day, period, body));
                    break 'search;
                }
            }
        }
    }
    let (placement, day, period, body) = target.expect("some block can move somewhere");
    let lesson_id = placement["lesson_id"].as_i64().unwrap();
    let lesson = h
        .get(&format!("/api/v1/lessons/{lesson_id}"), coord)
        .await
        .json();
    let teacher_id = lesson["teacher_ids"][0]
        .as_i64()
        .expect("the lesson has a teacher");
    let path = format!("/api/v1/teachers/{teacher_id}");
    let original = h.get(&path, coord).await.json();
    let mut busy = original.clone();
    busy["availability"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"day": day, "period": period, "status": "unavailable"}));
    let r = call(h, "PUT", &path, coord, Some(&busy.to_string())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let after = call(h, "POST", &check, coord, Some(&body)).await.json();
    assert_eq!(
        after["legal"], false,
        "the teacher is now unavailable there: {after}"
    );
    let r = call(h, "PUT", &path, coord, Some(&original.to_string())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    let restored = call(h, "POST", &check, coord, Some(&body)).await.json();
    assert_eq!(restored["legal"], true, "{restored}");
}
