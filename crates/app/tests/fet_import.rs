//! `fet import` through the app on SQLite: the dry run writes nothing, the import writes the
//! whole school, a truncated file is refused with its element and line.

use app::{App, AppError};

const FILE: &str = "/usr/share/doc/fet-data/examples/FET-5-official/Brazil/2/EEBLJ-Noturno.fet";

#[tokio::test]
async fn dry_run_import_and_a_truncated_file() {
    let Ok(text) = std::fs::read_to_string(FILE) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true y faltan los ejemplos de FET (apt-get install fet)"
        );
        eprintln!("se omite: faltan los ejemplos de FET");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let app = App::connect(&format!("sqlite://{}/p.db", dir.path().display()))
        .await
        .unwrap();
    app.migrate().await.unwrap();
    app.create_tenant("fet", "Escuela FET").await.unwrap();

    let (report, written) = app.fet_import("fet", text.clone(), false).await.unwrap();
    assert!(written.is_none());
    let active = text.matches("<Active>true</Active>").count();
    assert!(report.activity_blocks.len() <= active);
    assert!(!report.activity_blocks.is_empty());

    let (report, written) = app.fet_import("fet", text.clone(), true).await.unwrap();
    let outcome = written.expect("written");
    assert_eq!(outcome.counts.lessons, report.counts.lessons);
    assert_eq!(outcome.counts.teachers, report.counts.teachers);

    let cut = &text[..text.len() / 2];
    match app.fet_import("fet", cut.to_string(), true).await {
        Err(AppError::Config(m)) => assert!(m.contains("elemento <") && m.contains("línea"), "{m}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    app.close().await;
}
