//! A FET file that needs the ordered-pair rule kind (a university whose courses come in order):
//! solved through the whole path with a step budget; FET itself then accepts the timetable.

mod fet_needs;

use app::fet::{FetSolveParams, solve_fet, verify_places};
use std::path::Path;

const DIR: &str = "/usr/share/doc/fet-data/examples/FET-5-official";

#[test]
fn ordered_pairs_solve_and_fet_accepts_them() {
    if !fet_needs::fet_available(&[DIR]) {
        return;
    }
    let name = "Iran/Sharif-University/Sharif.fet";
    {
        let path = Path::new(DIR).join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let params = FetSolveParams {
            time_limit_s: 120.0,
            seed: 7,
            threads: 1,
            until_feasible: true,
            max_iterations: Some(300_000),
        };
        let solved = solve_fet(&text, &params, &|_| {}).unwrap();
        assert_eq!(solved.hard, 0, "{name}");
        assert_eq!(solved.unplaced, 0, "{name}");
        let dir = tempfile::tempdir().unwrap();
        let check = verify_places(&path, &solved.places, dir.path(), 60).unwrap();
        // FET checks its 100 % constraints, the ordered pairs among them, on our places.
        assert!(check.success, "{name}: FET rechazó:\n{}", check.message);
        assert!(check.soft_conflicts.is_some(), "{name}: {}", check.message);
    }
}
