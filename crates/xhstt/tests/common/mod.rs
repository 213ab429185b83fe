//! Shared helpers for tests that read ../shared/data.

use std::path::PathBuf;

/// `../shared/data/xhstt`, or `None` (with a message) when absent outside CI.
pub fn xhstt_data_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/xhstt"
    ));
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "CI=true but the shared data is missing at {}",
            dir.display()
        );
    }
    eprintln!("skipping: shared data not found at {}", dir.display());
    None
}

/// The `*.xml` files of `dir`, sorted by name.
pub fn xml_files(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    files
}
