//! `bischeduler fet export`: a school imported from FET, solved with a step budget, exported;
//! an unknown tenant or timetable is refused in Spanish with exit 2 and nothing written.

use std::path::Path;

mod support;

use support::{output_text as text, run_in as run};

const FILE: &str = "/usr/share/doc/fet-data/examples/FET-5-official/Brazil/2/EEBLJ-Noturno.fet";

#[test]
fn export_writes_a_locked_file_and_refuses_unknown_ids() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path();
    let out = db.join("salida.fet");
    let out_s = out.to_str().unwrap();
    assert!(
        run(db, &["tenant", "create", "liceo", "--name", "Liceo"])
            .status
            .success()
    );

    for (tenant, id) in [("nadie", "1"), ("liceo", "999")] {
        let o = run(
            db,
            &[
                "fet",
                "export",
                "--tenant",
                tenant,
                "--timetable",
                id,
                "-o",
                out_s,
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        let msg = text(&o);
        assert!(
            msg.contains("no existe") || msg.contains("no encontr"),
            "{msg}"
        );
        assert!(!out.exists(), "nothing is written on error");
    }

    if !Path::new(FILE).exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true y faltan los ejemplos de FET (apt-get install fet)"
        );
        return;
    }
    let o = run(db, &["fet", "import", "--tenant", "liceo", FILE]);
    assert!(o.status.success(), "{}", text(&o));
    let o = run(
        db,
        &[
            "solve",
            "--tenant",
            "liceo",
            "--time-limit",
            "120",
            "--max-iterations",
            "20000",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let stdout = String::from_utf8_lossy(&o.stdout).to_string();
    let id = stdout.trim().lines().last().unwrap_or("").to_string();
    let o = run(
        db,
        &[
            "fet",
            "export",
            "--tenant",
            "liceo",
            "--timetable",
            &id,
            "-o",
            out_s,
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("actividades fijadas"), "{}", text(&o));
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written
            .matches("<Permanently_Locked>true</Permanently_Locked>")
            .count()
            >= 74,
        "every activity locked"
    );
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(db)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(left.is_empty());
}
