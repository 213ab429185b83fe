//! `fet export` through the app on SQLite: official FET files imported, solved with a step
//! budget, exported and read back (counts per kind), and accepted by `fet-cl`; the demo school
//! and the real Venezuelan school exported and accepted too; unknown ids refused.

mod fet_needs;

use app::fet::run_fet;
use app::{App, AppError, DemoSpec, Principal, SolveParams};
use domain::{Id, Role, Rule, RuleKind, SchoolData};
use interchange::fet::{FetExport, fet_to_school, read_fet};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

const EXAMPLES: &str = "/usr/share/doc/fet-data/examples/FET-5-official";
const UEIPAB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ueipab");

fn fet_available() -> bool {
    fet_needs::fet_available(&[EXAMPLES])
}

async fn fresh_app(dir: &Path) -> App {
    let app = App::connect(&format!("sqlite://{}/p.db", dir.display()))
        .await
        .unwrap();
    app.migrate().await.unwrap();
    app
}

async fn coordinator(app: &App, slug: &str) -> Principal {
    let tenant = app.find_tenant(slug).await.unwrap().expect("tenant");
    Principal {
        user: app::UserView {
            id: 1,
            email: "coord@fet.ve".into(),
            display_name: "coord".into(),
            platform_admin: false,
        },
        tenant: Some(tenant),
        role: Role::Coordinator,
        memberships: vec![],
    }
}

async fn solve(app: &App, slug: &str, steps: u64) -> (Id, i64) {
    let params = SolveParams {
        time_limit_s: 300.0,
        seed: 5,
        max_iterations: Some(steps),
        ..SolveParams::default()
    };
    let outcome = app
        .solve_tenant(slug, &params, Arc::new(AtomicBool::new(false)), |_| {})
        .await
        .unwrap();
    (outcome.timetable_id, outcome.hard)
}

/// Writes the export and has FET run on it: it must accept every locked place.
fn fet_accepts(export: &FetExport, dir: &Path, name: &str) {
    let file = dir.join(format!("{name}.fet"));
    std::fs::write(&file, &export.text).unwrap();
    let run = run_fet(&file, &dir.join(format!("{name}-out")), 120).unwrap();
    assert!(
        run.success,
        "FET no aceptó {name}:\n{}\n{export}",
        run.message
    );
    assert_eq!(
        run.places.len(),
        export.activities,
        "FET placed every activity of {name}"
    );
}

/// Rules per kind (by name: kinds have no order).
fn per_kind(school: &SchoolData) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for r in &school.rules {
        *m.entry(format!("{:?}", r.data.kind)).or_default() += 1;
    }
    m
}

fn sets(school: &SchoolData) -> (usize, usize) {
    let groups = school.sections.iter().map(|s| s.data.groups.len()).sum();
    (school.sections.len(), groups)
}

/// Import → keep only the file's rules → solve → export → read back and compare → FET.
async fn round_trip(relative: &str, steps: u64) {
    let path = format!("{EXAMPLES}/{relative}");
    let text = std::fs::read_to_string(&path).unwrap();
    let original = read_fet(&text).unwrap();
    let (school_a, _) = fet_to_school(&original).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = fresh_app(dir.path()).await;
    app.create_tenant("rt", "Ida y vuelta").await.unwrap();
    app.fet_import("rt", text.clone(), true).await.unwrap();
    // The tenant started with the default rules: those of kinds the file does not have are
    // removed, so the school holds exactly the file's rules.
    let who = coordinator(&app, "rt").await;
    let kinds = per_kind(&school_a);
    let mut extra = Vec::new();
    for offset in (0..).step_by(app::MAX_PAGE as usize) {
        let page = app::Page {
            limit: app::MAX_PAGE,
            offset,
        };
        let items = app.list::<Rule>(&who, page).await.unwrap().items;
        if items.is_empty() {
            break;
        }
        extra.extend(
            items
                .into_iter()
                .filter(|r| !kinds.contains_key(&format!("{:?}", r.data.kind))),
        );
    }
    for r in extra {
        app.delete::<Rule>(&who, r.id).await.unwrap();
    }
    let (timetable, hard) = solve(&app, "rt", steps).await;
    assert_eq!(
        hard, 0,
        "{relative}: the budget reaches a timetable with no hard violation"
    );
    let export = app.fet_export("rt", timetable).await.unwrap();
    app.close().await;
    assert_eq!(export.not_exportable().count(), 0, "{export}");

    let back = read_fet(&export.text).unwrap();
    let (school_b, report_b) = fet_to_school(&back).unwrap();
    let active = original.activities.iter().filter(|a| a.active).count();
    assert_eq!(back.activities.len(), active, "{relative}: activities");
    assert_eq!(
        export.locked_times, active,
        "{relative}: every activity locked"
    );
    assert_eq!(back.teachers.len(), original.teachers.len());
    assert_eq!(school_b.teachers.len(), school_a.teachers.len());
    assert_eq!(
        school_b.lessons.len(),
        school_a.lessons.len(),
        "{relative}: lessons"
    );
    assert_eq!(
        sets(&school_b),
        sets(&school_a),
        "{relative}: sections and groups"
    );
    assert_eq!(school_b.rooms.len(), school_a.rooms.len());
    assert_eq!(report_b.unsupported().count(), 0);
    // Rules per kind: the file's, plus one starting time per lock and one room per room lock.
    let mut expected = kinds.clone();
    *expected
        .entry(format!("{:?}", RuleKind::PreferredStartingTimes))
        .or_default() += export.locked_times;
    if export.locked_rooms > 0 {
        *expected
            .entry(format!("{:?}", RuleKind::PreferredRooms))
            .or_default() += export.locked_rooms;
    }
    assert_eq!(
        per_kind(&school_b),
        expected,
        "{relative}: rules per kind\n{export}"
    );
    fet_accepts(&export, dir.path(), "rt");
}

#[tokio::test]
async fn official_files_round_trip_and_fet_accepts_them() {
    if !fet_available() {
        return;
    }
    // Teachers' unavailable times, fixed activities, split activities with min days.
    round_trip("Brazil/2/EEBLJ-Noturno.fet", 60_000).await;
    // Years, groups and subgroups; rooms with preferred, tag, subject and home room
    // constraints; a break on one day.
    round_trip("Sudan/Khartoum-2010-02-13.fet", 60_000).await;
}

#[tokio::test]
async fn the_demo_school_exports_and_fet_accepts_it() {
    if !fet_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let app = fresh_app(dir.path()).await;
    app.demo_generate("demo", DemoSpec::default())
        .await
        .unwrap();
    let (timetable, hard) = solve(&app, "demo", 40_000).await;
    assert_eq!(hard, 0);
    let export = app.fet_export("demo", timetable).await.unwrap();
    app.close().await;
    let back = read_fet(&export.text).unwrap();
    assert_eq!(back.days.len(), 5);
    assert!(
        back.hours.iter().any(|h| h.starts_with("07:00")),
        "{:?}",
        back.hours
    );
    assert!(
        back.time_constraints
            .iter()
            .any(|c| c.kind == "ConstraintBreakTimes"),
        "recesses are break times"
    );
    assert_eq!(export.locked_times, export.activities);
    // Rules FET cannot hold are named, with their reasons.
    let listed: Vec<String> = export.not_exportable().map(|r| r.kind.clone()).collect();
    assert!(export.to_string().contains("no exportable") || listed.is_empty());
    fet_accepts(&export, dir.path(), "demo");
}

#[tokio::test]
async fn the_real_school_exports_and_fet_accepts_it() {
    let files: Vec<app::UploadedFile> = [
        "student_schedule_2025_2026.xlsx",
        "teacher_schedule_2025_2026.xlsx",
    ]
    .iter()
    .filter_map(|n| {
        std::fs::read(format!("{UEIPAB}/{n}"))
            .ok()
            .map(|bytes| app::UploadedFile {
                name: n.to_string(),
                bytes,
            })
    })
    .collect();
    if files.len() < 2 {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true y faltan los libros de ../shared/data/ueipab"
        );
        eprintln!("se omite: faltan los libros de la escuela");
        return;
    }
    if !fet_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let app = fresh_app(dir.path()).await;
    app.create_tenant("ueipab", "UEIPAB").await.unwrap();
    app.import_into("ueipab", files, Default::default(), true)
        .await
        .unwrap();
    let (timetable, hard) = solve(&app, "ueipab", 40_000).await;
    assert_eq!(hard, 0);
    let export = app.fet_export("ueipab", timetable).await.unwrap();
    app.close().await;
    assert_eq!(export.teachers, 19);
    assert_eq!(export.locked_times, export.activities);
    fet_accepts(&export, dir.path(), "ueipab");
}

#[tokio::test]
async fn unknown_tenant_or_timetable_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let app = fresh_app(dir.path()).await;
    app.create_tenant("vacia", "Vacía").await.unwrap();
    for (slug, id) in [("nadie", 1), ("vacia", 999)] {
        match app.fet_export(slug, id).await {
            Err(AppError::NotFound(m)) => assert!(!m.is_empty()),
            other => panic!("expected NotFound, got {other:?}"),
        }
    }
    app.close().await;
}
