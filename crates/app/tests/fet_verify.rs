//! FET checks timetables: its own (re-injected, locked) passes with the same soft total; a
//! timetable with a clash does not.

mod fet_needs;

use app::fet::{run_fet, verify_places};
use std::path::Path;

const SMALL: &str = "/usr/share/doc/fet-data/examples/FET-5-official/Brazil/2/EEBLJ-Noturno.fet";

fn fet_available() -> bool {
    fet_needs::fet_available(&[SMALL])
}

#[test]
fn fet_accepts_its_own_timetable_locked_and_rejects_a_clash() {
    if !fet_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let own = run_fet(Path::new(SMALL), &dir.path().join("own"), 60).unwrap();
    assert!(own.success, "{}", own.message);
    assert!(!own.places.is_empty());
    let soft = own.soft_conflicts.expect("FET writes its soft conflicts");

    let check =
        verify_places(Path::new(SMALL), &own.places, &dir.path().join("check"), 60).unwrap();
    assert!(check.success, "{}", check.message);
    assert_eq!(check.soft_conflicts, Some(soft));

    // Two activities of one teacher at one time: FET must refuse, and say why.
    let fet = interchange::fet::read_fet(&std::fs::read_to_string(SMALL).unwrap()).unwrap();
    let teacher_of = |id: u32| {
        fet.activities
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.teachers.clone())
            .unwrap_or_default()
    };
    let mut clash = own.places.clone();
    let (a, b) = (0..clash.len())
        .flat_map(|i| (0..clash.len()).map(move |j| (i, j)))
        .find(|&(i, j)| {
            i != j
                && !teacher_of(clash[i].activity_id).is_empty()
                && teacher_of(clash[i].activity_id) == teacher_of(clash[j].activity_id)
                && (clash[i].day != clash[j].day || clash[i].hour != clash[j].hour)
        })
        .expect("two activities of one teacher");
    clash[b].day = clash[a].day.clone();
    clash[b].hour = clash[a].hour.clone();
    let bad = verify_places(Path::new(SMALL), &clash, &dir.path().join("bad"), 2).unwrap();
    assert!(!bad.success);
    assert!(!bad.message.is_empty());
}
