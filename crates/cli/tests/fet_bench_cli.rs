//! `bischeduler fet bench --fet-cache`: the real `fet-cl` runs on a small official file once;
//! a second bench takes FET's result from the cache, says so in its row, and still runs us and
//! FET's check of our timetable.

use std::path::Path;
use std::process::{Command, Output};

mod support;

use support::{BIN, output_text as text};

const FILE: &str = "/usr/share/doc/fet-data/examples/FET-5-official/Denmark/small-school.fet";

fn bench(dir: &Path, tsv: &str) -> Output {
    Command::new(BIN)
        .args(["fet", "bench", "--time-limit", "1", "--threads", "1"])
        .arg("--fet-cache")
        .arg(dir.join("cache.tsv"))
        .arg("--tsv")
        .arg(dir.join(tsv))
        .arg(FILE)
        .env_remove("RUST_LOG")
        .output()
        .expect("run bischeduler")
}

/// The one data row of a bench TSV, by column name.
fn row(dir: &Path, tsv: &str) -> Vec<(String, String)> {
    let t = std::fs::read_to_string(dir.join(tsv)).unwrap();
    let mut lines = t.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split('\t')
        .map(String::from)
        .collect();
    let data: Vec<&str> = lines.collect();
    assert_eq!(data.len(), 1, "{t}");
    header
        .into_iter()
        .zip(data[0].split('\t').map(String::from))
        .collect()
}

fn col<'a>(row: &'a [(String, String)], name: &str) -> &'a str {
    &row.iter().find(|(h, _)| h == name).unwrap().1
}

fn have_fet() -> bool {
    let ok = Path::new(FILE).exists() && Command::new("fet-cl").arg("--version").output().is_ok();
    assert!(
        ok || std::env::var("CI").as_deref() != Ok("true"),
        "CI=true y falta FET (apt-get install fet)"
    );
    ok
}

#[test]
fn a_second_bench_takes_fets_result_from_the_cache() {
    if !have_fet() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    let first = bench(d, "a.tsv");
    assert!(first.status.success(), "{}", text(&first));
    let a = row(d, "a.tsv");
    assert_eq!(col(&a, "fet_cached"), "false");
    // FET solves this small school even in a second.
    assert_eq!(col(&a, "fet_ok"), "true", "{a:?}");
    let cache = std::fs::read_to_string(d.join("cache.tsv")).unwrap();
    assert_eq!(cache.lines().count(), 2, "header and one result:\n{cache}");
    assert!(cache.contains("small-school.fet"), "{cache}");
    let out = text(&first);
    for line in [
        "FET resolvió: 1 de 1",
        "verificados por FET:",
        "mediana de nuestro primer horario",
        "blando según FET, nuestro > el de FET:",
        "FET no resolvió: 0;",
        "restricciones no soportadas:",
        "caché: 0 de 1",
    ] {
        assert!(out.contains(line), "{line:?} not in\n{out}");
    }

    let second = bench(d, "b.tsv");
    assert!(second.status.success(), "{}", text(&second));
    let b = row(d, "b.tsv");
    assert_eq!(col(&b, "fet_cached"), "true", "{b:?}");
    for same in ["fet_ok", "fet_s", "fet_soft", "fet_peak_mib"] {
        assert_eq!(col(&a, same), col(&b, same), "{same}");
    }
    // Our side still ran.
    assert_ne!(col(&b, "ours_process_s"), "-");
    assert!(text(&second).contains("caché: 1 de 1"), "{}", text(&second));
    let again = std::fs::read_to_string(d.join("cache.tsv")).unwrap();
    assert_eq!(again, cache, "a hit adds nothing to the cache");

    // The summary of a finished TSV, from the file alone.
    let o = Command::new(BIN)
        .args(["fet", "bench-summary"])
        .arg(d.join("b.tsv"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("FET resolvió: 1 de 1"), "{}", text(&o));
}
