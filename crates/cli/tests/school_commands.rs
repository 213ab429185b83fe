//! `bischeduler import | solve | report | template | demo generate` as a user runs them, on a
//! temporary SQLite database.

use std::path::Path;
use std::process::Command;

mod support;

use support::{BIN, output_text as text, run_in as run};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ueipab");

fn workbooks() -> Option<Vec<String>> {
    let files: Vec<String> = [
        "student_schedule_2025_2026.xlsx",
        "teacher_schedule_2025_2026.xlsx",
    ]
    .iter()
    .map(|n| format!("{DATA}/{n}"))
    .collect();
    if files.iter().all(|f| Path::new(f).exists()) {
        Some(files)
    } else if std::env::var("CI").as_deref() == Ok("true") {
        panic!("CI=true but {DATA} is missing");
    } else {
        eprintln!("skipping: {DATA} is missing");
        None
    }
}

#[test]
fn template_writes_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("docentes.csv");
    let o = run(
        dir.path(),
        &["template", "teachers", "-o", csv.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", text(&o));
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(
        written.lines().next().unwrap().contains("Nombre"),
        "{written}"
    );
    let xlsx = dir.path().join("clases.xlsx");
    let o = run(
        dir.path(),
        &["template", "clases", "-o", xlsx.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        &std::fs::read(&xlsx).unwrap()[..2],
        b"PK",
        "an xlsx is a zip"
    );
    let o = run(
        dir.path(),
        &["template", "nada", "-o", csv.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}

#[test]
fn a_corrupt_file_is_exit_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        run(
            dir.path(),
            &["tenant", "create", "esc", "--name", "Escuela"]
        )
        .status
        .success()
    );
    let bad = dir.path().join("roto.xlsx");
    std::fs::write(&bad, b"PK\x03\x04 no es un libro").unwrap();
    let o = run(
        dir.path(),
        &["import", "--tenant", "esc", bad.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("roto.xlsx"), "{}", text(&o));
    let o = run(
        dir.path(),
        &["import", "--tenant", "esc", "/no/existe.xlsx"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let o = run(
        dir.path(),
        &["solve", "--tenant", "esc", "--time-limit", "1"],
    );
    assert_eq!(o.status.code(), Some(2), "nothing to solve: {}", text(&o));
}

#[test]
fn import_solve_report_the_real_school() {
    let Some(files) = workbooks() else { return };
    let dir = tempfile::tempdir().unwrap();
    assert!(
        run(
            dir.path(),
            &["tenant", "create", "ueipab", "--name", "UEIPAB"]
        )
        .status
        .success()
    );
    let mut dry = vec!["import", "--tenant", "ueipab", "--dry-run"];
    dry.extend(files.iter().map(String::as_str));
    let o = run(dir.path(), &dry);
    assert!(o.status.success(), "{}", text(&o));
    let out = text(&o);
    assert!(out.contains("Simulación"), "{out}");
    assert!(
        out.contains("6 secciones") && out.contains("268 períodos"),
        "{out}"
    );
    assert!(out.contains("GIOVANNI VEZZA"), "merges are listed: {out}");
    // Nothing was written: solving finds no lessons.
    let o = run(
        dir.path(),
        &["solve", "--tenant", "ueipab", "--time-limit", "1"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));

    let mut apply = vec!["import", "--tenant", "ueipab"];
    apply.extend(files.iter().map(String::as_str));
    let o = run(dir.path(), &apply);
    assert!(o.status.success(), "{}", text(&o));

    let o = run(
        dir.path(),
        &[
            "solve",
            "--tenant",
            "ueipab",
            "--time-limit",
            "1",
            "--seed",
            "3",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let id = stdout.trim().lines().last().unwrap_or("").to_string();
    assert!(
        id.parse::<i64>().is_ok(),
        "solve prints the id: {}",
        text(&o)
    );

    let o = run(
        dir.path(),
        &["report", "--tenant", "ueipab", "--timetable", &id],
    );
    assert!(o.status.success(), "{}", text(&o));
    let out = text(&o);
    assert!(out.contains("Violaciones obligatorias (0)"), "{out}");
    assert!(
        out.contains("Carga docente") && out.contains("GIOVANNI VEZZA"),
        "{out}"
    );
    let o = run(
        dir.path(),
        &["report", "--tenant", "ueipab", "--timetable", "999999"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_search_and_keeps_the_best() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &[
            "demo",
            "generate",
            "--sections",
            "4",
            "--teachers",
            "10",
            "--tenant",
            "d",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let child = Command::new(BIN)
        .args(["solve", "--tenant", "d", "--time-limit", "600"])
        .env(
            "BISCHEDULER_DATABASE_URL",
            format!("sqlite://{}/b.db", dir.path().display()),
        )
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The handler is installed once the database is open and the search starts; give a busy
    // machine time to get there (the search itself may run for 600 s, so waiting costs nothing).
    std::thread::sleep(std::time::Duration::from_secs(6));
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", text(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.trim().parse::<i64>().is_ok(), "{}", text(&o));
    assert!(
        text(&o).contains("se guardó el mejor horario"),
        "{}",
        text(&o)
    );
}

#[test]
fn demo_generate_creates_the_tenant() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &[
            "demo",
            "generate",
            "--sections",
            "3",
            "--teachers",
            "9",
            "--tenant",
            "demo3",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("3 secciones"), "{}", text(&o));
    let o = run(dir.path(), &["tenant", "list"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("demo3"));
}
