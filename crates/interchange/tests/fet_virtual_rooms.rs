//! FET 6 virtual rooms: read into `Room::parts` (the sets of real rooms), with the real rooms a
//! locked preferred-room constraint names; written back as FET writes them.

use domain::{Id, RuleKind, SchoolData};
use interchange::fet::{export_fet, fet_to_school, read_fet};

const SPAIN: &str =
    "/usr/share/doc/fet-data/examples/FET-5-official/Spain/4-secondary-and-vocational-school";

fn import(text: &str) -> SchoolData {
    fet_to_school(&read_fet(text).unwrap()).unwrap().0
}

/// Each virtual room's name with its sets of real rooms' names.
fn virtual_rooms(school: &SchoolData) -> Vec<(String, Vec<Vec<String>>)> {
    let name = |id: &Id| {
        let room = school.rooms.iter().find(|r| r.id == *id).unwrap();
        room.data.name.clone()
    };
    school
        .rooms
        .iter()
        .filter(|r| !r.data.parts.is_empty())
        .map(|r| {
            let sets = r.data.parts.iter().map(|s| s.iter().map(name).collect());
            (r.data.name.clone(), sets.collect())
        })
        .collect()
}

fn spain(name: &str) -> Option<String> {
    let path = format!("{SPAIN}/{name}");
    let text = std::fs::read_to_string(&path).ok();
    if text.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true y falta {path} (apt-get install fet)"
        );
        eprintln!("se omite: falta {path}");
    }
    text
}

#[test]
fn spain_reads_its_virtual_rooms_and_writes_them_back() {
    let Some(text) = spain("SPAIN_20-21.fet") else {
        return;
    };
    let school = import(&text);
    let rooms = virtual_rooms(&school);
    assert_eq!(rooms.len(), 20);
    let fr = rooms.iter().find(|(n, _)| n == "AV 1ESO FR").unwrap();
    assert_eq!(fr.1, vec![vec!["A33", "A34", "A35"]; 3]);
    let apoyo = rooms.iter().find(|(n, _)| n == "AV 2ESO APOYO").unwrap();
    assert_eq!(apoyo.1[1], ["A28B"]);
    let out = export_fet(&school, "x", &[]).unwrap();
    assert_eq!(out.text.matches("<Virtual>true</Virtual>").count(), 20);
    assert_eq!(virtual_rooms(&import(&out.text)), rooms);
}

/// The locked file fixes 28 activities in a virtual room together with its real rooms; its 20
/// virtual rooms have 45 sets.
#[test]
fn spain_locked_reads_the_real_rooms_of_its_locks() {
    let Some(text) = spain("SPAIN_20-21-locked.fet") else {
        return;
    };
    let school = import(&text);
    let with_real = school
        .rules
        .iter()
        .filter(|r| r.data.kind == RuleKind::PreferredRooms)
        .filter(|r| r.data.params.get("real_room_ids").is_some())
        .count();
    assert_eq!(with_real, 28);
    let out = export_fet(&school, "x", &[]).unwrap();
    assert_eq!(out.text.matches("<Number_of_Real_Rooms>").count(), 28 + 45);
}
