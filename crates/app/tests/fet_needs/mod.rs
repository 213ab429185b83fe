//! The one guard of the FET tests: they need Debian's `fet-cl` and, for the official examples,
//! the paths they read. Away from CI a missing FET skips the test with a note; under CI=true it
//! fails, so a broken install never passes as green.

/// True when `fet-cl` runs and every path in `paths` exists.
pub fn fet_available(paths: &[&str]) -> bool {
    let ok = paths.iter().all(|p| std::path::Path::new(p).exists())
        && std::process::Command::new("fet-cl")
            .arg("--version")
            .output()
            .is_ok();
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true y falta fet-cl o sus ejemplos (apt-get install fet)"
        );
        eprintln!("se omite: fet-cl no está instalado");
    }
    ok
}
