//! A FET file through our whole path (FET model → school data → compile → engine → FET's
//! forms), then FET checks the result.

mod fet_needs;

use app::fet::{FetSolveParams, solve_fet, verify_places};
use interchange::fet::read_activities;
use std::path::Path;

const SMALL: &str = "/usr/share/doc/fet-data/examples/FET-5-official/Brazil/2/EEBLJ-Noturno.fet";

#[test]
fn a_small_fet_file_solves_and_fet_accepts_it() {
    if !fet_needs::fet_available(&[SMALL]) {
        return;
    }
    let text = std::fs::read_to_string(SMALL).unwrap();
    let params = FetSolveParams {
        time_limit_s: 60.0,
        seed: 7,
        threads: 1,
        until_feasible: false,
        max_iterations: Some(200_000),
    };
    let solved = solve_fet(&text, &params, &|_| {}).unwrap();
    assert_eq!(solved.hard, 0);
    assert_eq!(solved.unplaced, 0);
    assert_eq!(solved.places.len(), solved.report.activity_blocks.len());
    // The activities file reads back to the same places.
    assert_eq!(
        read_activities(&solved.activities_xml).unwrap(),
        solved.places
    );
    let locks = solved
        .locked_fet
        .matches("<Permanently_Locked>true</Permanently_Locked>")
        .count();
    assert!(locks >= solved.places.len());

    let dir = tempfile::tempdir().unwrap();
    let check = verify_places(Path::new(SMALL), &solved.places, dir.path(), 60).unwrap();
    assert!(
        check.success,
        "FET rechazó nuestro horario:\n{}",
        check.message
    );
    assert!(check.soft_conflicts.is_some());
}
