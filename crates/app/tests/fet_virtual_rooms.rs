//! A hand-made FET file with a FET 6 virtual room: an activity in it takes one real room of
//! each of its two sets (both real rooms here), so it cannot share an hour with the activities
//! that want those real rooms. Solved with a step budget; FET itself then accepts the
//! timetable (read as a plain room, the virtual one met its real rooms and FET refused:
//! SPAIN_20-21-locked).

mod fet_needs;

use fet_needs::{FetFixture, activity, real_room, solve_and_have_fet_accept};

fn fet_file() -> String {
    let room = |id: u32, room: &str| {
        format!(
            "<ConstraintActivityPreferredRoom><Weight_Percentage>100</Weight_Percentage><Activity_Id>{id}</Activity_Id><Room>{room}</Room><Permanently_Locked>false</Permanently_Locked><Active>true</Active><Comments></Comments></ConstraintActivityPreferredRoom>"
        )
    };
    let set = "<Set_of_Real_Rooms><Number_of_Real_Rooms>2</Number_of_Real_Rooms><Real_Room>R1</Real_Room><Real_Room>R2</Real_Room></Set_of_Real_Rooms>";
    let virtual_room = format!(
        "<Room><Name>V</Name><Building></Building><Capacity>30000</Capacity><Virtual>true</Virtual><Number_of_Sets_of_Real_Rooms>2</Number_of_Sets_of_Real_Rooms>{set}{set}<Comments></Comments></Room>"
    );
    FetFixture {
        days: 1,
        hours: 2,
        teachers: vec!["T1", "T2", "T3"],
        years: vec!["1", "2", "3"],
        activities: vec![
            activity(1, "T1", "1", ""),
            activity(2, "T2", "2", ""),
            activity(3, "T3", "3", ""),
        ],
        rooms: vec![real_room("R1"), real_room("R2"), virtual_room],
        space_constraints: vec![room(1, "V"), room(2, "R1"), room(3, "R2")],
        ..FetFixture::default()
    }
    .to_xml()
}

#[test]
fn a_virtual_room_solves_and_fet_accepts_it() {
    if !fet_needs::fet_available(&[]) {
        return;
    }
    for seed in 1..=3 {
        solve_and_have_fet_accept(&fet_file(), seed, 20_000, "virtual");
    }
}
