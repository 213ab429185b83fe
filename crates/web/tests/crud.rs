//! CRUD round trips, validation (422), references, pagination and tenant isolation, on SQLite
//! and PostgreSQL.

#[macro_use]
mod support;

use axum::http::StatusCode;
use support::{Harness, schools};

async fn section_round_trip(h: &Harness) {
    let t = h.login("admin@alfa.ve").await;
    let r = h
        .post("/api/v1/rooms", &t, r#"{"name":"Aula 1","capacity":35}"#)
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let room = r.json()["id"].as_i64().unwrap();

    let body = format!(
        r#"{{"level":"media_general","grade":1,"letter":"A","homeroom_id":{room},"size":32}}"#
    );
    let r = h.post("/api/v1/sections", &t, &body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let created = r.json();
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["letter"], "A");
    assert_eq!(created["homeroom_id"], room);

    let r = h.get(&format!("/api/v1/sections/{id}"), &t).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json(), created);

    let r = h.get("/api/v1/sections", &t).await;
    let list = r.json();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["id"], id);

    let r = h
        .call(
            "PUT",
            &format!("/api/v1/sections/{id}"),
            Some(&t),
            None,
            Some(r#"{"level":"media_general","grade":1,"letter":"B","size":30}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["letter"], "B");
    assert_eq!(
        h.get(&format!("/api/v1/sections/{id}"), &t).await.json()["size"],
        30
    );

    let r = h
        .call(
            "DELETE",
            &format!("/api/v1/sections/{id}"),
            Some(&t),
            None,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        h.get(&format!("/api/v1/sections/{id}"), &t).await.status,
        StatusCode::NOT_FOUND
    );
    let r = h
        .call(
            "DELETE",
            &format!("/api/v1/sections/{id}"),
            Some(&t),
            None,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = h
        .call(
            "PUT",
            &format!("/api/v1/sections/{id}"),
            Some(&t),
            None,
            Some(r#"{"level":"media_general","grade":1,"letter":"B"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
both_backends!(section_round_trip, schools);

async fn every_collection_answers(h: &Harness) {
    let t = h.login("coord@alfa.ve").await;
    let subject = h
        .post(
            "/api/v1/subjects",
            &t,
            r##"{"name":"Matemática","short_name":"MAT","colour":"#1f77b4"}"##,
        )
        .await;
    assert_eq!(subject.status, StatusCode::CREATED, "{}", subject.text);
    let subject = subject.json()["id"].as_i64().unwrap();
    let teacher = h.post("/api/v1/teachers", &t, &format!(r#"{{"name":"Ana Pérez","identity_document":"V-12345678","subject_ids":[{subject}],"max_periods_per_week":30}}"#)).await;
    assert_eq!(teacher.status, StatusCode::CREATED, "{}", teacher.text);
    let teacher = teacher.json()["id"].as_i64().unwrap();
    let section = h
        .post(
            "/api/v1/sections",
            &t,
            r#"{"level":"media_general","grade":2,"letter":"A"}"#,
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let lesson = h.post("/api/v1/lessons", &t, &format!(r#"{{"section_ids":[{section}],"subject_id":{subject},"teacher_ids":[{teacher}],"periods_per_week":4,"block_pattern":[2,2]}}"#)).await;
    assert_eq!(lesson.status, StatusCode::CREATED, "{}", lesson.text);
    let grid = h.post("/api/v1/time-grids", &t, r#"{"name":"Media General","level":"media_general","days":[1,2,3,4,5],"periods":[{"number":1,"start":"7:00","end":"7:40"},{"number":2,"start":"7:40","end":"8:20"},{"number":0,"start":"8:20","end":"8:40","kind":"break"}]}"#).await;
    assert_eq!(grid.status, StatusCode::CREATED, "{}", grid.text);
    assert_eq!(grid.json()["periods"][0]["start"], "07:00");
    let year = h
        .post(
            "/api/v1/school-years",
            &t,
            r#"{"name":"2030-2031","starts_on":"2030-09-15","ends_on":"2031-07-15"}"#,
        )
        .await;
    assert_eq!(year.status, StatusCode::CREATED, "{}", year.text);
    let student = h
        .post(
            "/api/v1/students",
            &t,
            &format!(
                r#"{{"first_name":"Luis","last_name":"Gómez","gender":"M","section_id":{section}}}"#
            ),
        )
        .await;
    assert_eq!(student.status, StatusCode::CREATED, "{}", student.text);
    for path in [
        "school-years",
        "levels",
        "sections",
        "subjects",
        "teachers",
        "rooms",
        "time-grids",
        "lessons",
        "rules",
        "students",
        "timetables",
    ] {
        let r = h.get(&format!("/api/v1/{path}"), &t).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.text);
        let v = r.json();
        assert!(v["total"].is_i64() && v["items"].is_array(), "{path}: {v}");
        for item in v["items"].as_array().unwrap() {
            assert!(item["id"].is_i64(), "{path} item without id: {item}");
        }
    }
    // The subject is in use by the teacher and the lesson: 409, and it stays.
    let r = h
        .call(
            "DELETE",
            &format!("/api/v1/subjects/{subject}"),
            Some(&t),
            None,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
    assert_eq!(
        h.get(&format!("/api/v1/subjects/{subject}"), &t)
            .await
            .status,
        StatusCode::OK
    );
    // Timetables are read-only here.
    let r = h.post("/api/v1/timetables", &t, r#"{"name":"x"}"#).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.json()["error"]["code"], "method_not_allowed");
}
both_backends!(every_collection_answers, schools);

async fn invalid_input_is_422(h: &Harness) {
    let t = h.login("admin@alfa.ve").await;
    let fields = |r: &support::Reply| -> Vec<String> {
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        let v = r.json();
        assert!(v["error"]["message"].is_string());
        v["error"]["fields"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    };
    let r = h.post("/api/v1/sections", &t, "{no es json").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["code"], "invalid_json");
    assert_eq!(
        fields(
            &h.post(
                "/api/v1/sections",
                &t,
                r#"{"level":"primaria","letter":"A"}"#
            )
            .await
        ),
        ["grade"]
    );
    assert_eq!(
        fields(
            &h.post(
                "/api/v1/sections",
                &t,
                r#"{"level":"primaria","grade":"uno","letter":"A"}"#
            )
            .await
        ),
        ["grade"]
    );
    assert_eq!(
        fields(
            &h.post(
                "/api/v1/sections",
                &t,
                r#"{"level":"primaria","grade":40,"letter":"A"}"#
            )
            .await
        ),
        ["grade"]
    );
    assert_eq!(
        fields(
            &h.post(
                "/api/v1/sections",
                &t,
                r#"{"level":"universidad","grade":1,"letter":"A"}"#
            )
            .await
        ),
        ["level"]
    );
    assert_eq!(
        fields(
            &h.post(
                "/api/v1/sections",
                &t,
                r#"{"level":"primaria","grade":1,"letter":"A","homeroom_id":999}"#
            )
            .await
        ),
        ["homeroom_id"]
    );
    assert_eq!(
        fields(
            &h.post("/api/v1/rooms", &t, r#"{"name":"Lab","kind":"submarino"}"#)
                .await
        ),
        ["kind"]
    );
    let r = h
        .post("/api/v1/subjects", &t, r##"{"name":" ","colour":"rojo"}"##)
        .await;
    assert_eq!(fields(&r), ["colour", "name"]);
    assert_eq!(r.json()["error"]["code"], "validation_failed");
    // Duplicates of a natural key.
    assert_eq!(
        h.post("/api/v1/subjects", &t, r#"{"name":"Física"}"#)
            .await
            .status,
        StatusCode::CREATED
    );
    assert_eq!(
        fields(&h.post("/api/v1/subjects", &t, r#"{"name":"FISICA"}"#).await).len(),
        1
    );
    // Paging parameters.
    assert_eq!(
        fields(&h.get("/api/v1/subjects?limit=0", &t).await),
        ["limit"]
    );
    assert_eq!(
        fields(&h.get("/api/v1/subjects?offset=-1", &t).await),
        ["offset"]
    );
    assert_eq!(
        h.get("/api/v1/subjects?limit=abc", &t).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Ids that cannot exist.
    assert_eq!(
        h.get("/api/v1/subjects/abc", &t).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        h.get("/api/v1/subjects/0", &t).await.status,
        StatusCode::NOT_FOUND
    );
}
both_backends!(invalid_input_is_422, schools);

async fn pagination(h: &Harness) {
    let t = h.login("admin@alfa.ve").await;
    for i in 0..7 {
        let r = h
            .post(
                "/api/v1/rooms",
                &t,
                &format!(r#"{{"name":"Aula {i}","capacity":30}}"#),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED);
    }
    let page = h.get("/api/v1/rooms?limit=3&offset=0", &t).await.json();
    assert_eq!(page["total"], 7);
    assert_eq!(page["items"].as_array().unwrap().len(), 3);
    let last = h.get("/api/v1/rooms?limit=3&offset=6", &t).await.json();
    assert_eq!(last["items"].as_array().unwrap().len(), 1);
    let mut seen = std::collections::BTreeSet::new();
    for offset in [0, 3, 6] {
        let p = h
            .get(&format!("/api/v1/rooms?limit=3&offset={offset}"), &t)
            .await
            .json();
        for item in p["items"].as_array().unwrap() {
            assert!(seen.insert(item["id"].as_i64().unwrap()), "pages overlap");
        }
    }
    assert_eq!(seen.len(), 7);
}
both_backends!(pagination, schools);

async fn tenants_are_isolated(h: &Harness) {
    let alfa = h.login("admin@alfa.ve").await;
    let beta = h.login("admin@beta.ve").await;
    let r = h
        .post("/api/v1/subjects", &alfa, r#"{"name":"Castellano"}"#)
        .await;
    let id = r.json()["id"].as_i64().unwrap();
    let path = format!("/api/v1/subjects/{id}");
    assert_eq!(h.get(&path, &beta).await.status, StatusCode::NOT_FOUND);
    let r = h
        .call(
            "PUT",
            &path,
            Some(&beta),
            None,
            Some(r#"{"name":"Robado"}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = h.call("DELETE", &path, Some(&beta), None, None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(h.get("/api/v1/subjects", &beta).await.json()["total"], 0);
    // Beta may use the same natural key: uniqueness is per school.
    assert_eq!(
        h.post("/api/v1/subjects", &beta, r#"{"name":"Castellano"}"#)
            .await
            .status,
        StatusCode::CREATED
    );
    // And a reference to the other school's record is not a valid reference.
    let r = h
        .post(
            "/api/v1/teachers",
            &beta,
            &format!(r#"{{"name":"Pedro","subject_ids":[{}]}}"#, id + 1000),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(h.get(&path, &alfa).await.json()["name"], "Castellano");
}
both_backends!(tenants_are_isolated, schools);
