//! A hand-made FET file with a FET 6 virtual room: an activity in it takes one real room of
//! each of its two sets (both real rooms here), so it cannot share an hour with the activities
//! that want those real rooms. Solved with a step budget; FET itself then accepts the
//! timetable (read as a plain room, the virtual one met its real rooms and FET refused:
//! SPAIN_20-21-locked).

mod fet_needs;

use app::fet::{FetSolveParams, solve_fet, verify_places};

fn fet_file() -> String {
    let activity = |id: u32, teacher: &str, students: &str| {
        format!(
            "<Activity><Teacher>{teacher}</Teacher><Subject>S</Subject><Students>{students}</Students><Duration>1</Duration><Total_Duration>1</Total_Duration><Id>{id}</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active><Comments></Comments></Activity>"
        )
    };
    let room = |id: u32, room: &str| {
        format!(
            "<ConstraintActivityPreferredRoom><Weight_Percentage>100</Weight_Percentage><Activity_Id>{id}</Activity_Id><Room>{room}</Room><Permanently_Locked>false</Permanently_Locked><Active>true</Active><Comments></Comments></ConstraintActivityPreferredRoom>"
        )
    };
    let real = |name: &str| {
        format!(
            "<Room><Name>{name}</Name><Building></Building><Capacity>30000</Capacity><Virtual>false</Virtual><Comments></Comments></Room>"
        )
    };
    let set = "<Set_of_Real_Rooms><Number_of_Real_Rooms>2</Number_of_Real_Rooms><Real_Room>R1</Real_Room><Real_Room>R2</Real_Room></Set_of_Real_Rooms>";
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5">
<Institution_Name>x</Institution_Name>
<Days_List><Number_of_Days>1</Number_of_Days><Day><Name>D1</Name></Day></Days_List>
<Hours_List><Number_of_Hours>2</Number_of_Hours><Hour><Name>H1</Name></Hour><Hour><Name>H2</Name></Hour></Hours_List>
<Subjects_List><Subject><Name>S</Name></Subject></Subjects_List>
<Activity_Tags_List></Activity_Tags_List>
<Teachers_List><Teacher><Name>T1</Name></Teacher><Teacher><Name>T2</Name></Teacher><Teacher><Name>T3</Name></Teacher></Teachers_List>
<Students_List><Year><Name>1</Name><Number_of_Students>10</Number_of_Students></Year><Year><Name>2</Name><Number_of_Students>10</Number_of_Students></Year><Year><Name>3</Name><Number_of_Students>10</Number_of_Students></Year></Students_List>
<Activities_List>
{}
{}
{}
</Activities_List>
<Buildings_List></Buildings_List>
<Rooms_List>
{}
{}
<Room><Name>V</Name><Building></Building><Capacity>30000</Capacity><Virtual>true</Virtual><Number_of_Sets_of_Real_Rooms>2</Number_of_Sets_of_Real_Rooms>{set}{set}<Comments></Comments></Room>
</Rooms_List>
<Time_Constraints_List>
<ConstraintBasicCompulsoryTime><Weight_Percentage>100</Weight_Percentage><Active>true</Active><Comments></Comments></ConstraintBasicCompulsoryTime>
</Time_Constraints_List>
<Space_Constraints_List>
<ConstraintBasicCompulsorySpace><Weight_Percentage>100</Weight_Percentage><Active>true</Active><Comments></Comments></ConstraintBasicCompulsorySpace>
{}
{}
{}
</Space_Constraints_List>
</fet>
"#,
        activity(1, "T1", "1"),
        activity(2, "T2", "2"),
        activity(3, "T3", "3"),
        real("R1"),
        real("R2"),
        room(1, "V"),
        room(2, "R1"),
        room(3, "R2"),
    )
}

#[test]
fn a_virtual_room_solves_and_fet_accepts_it() {
    if !fet_needs::fet_available(&[]) {
        return;
    }
    let text = fet_file();
    for seed in 1..=3 {
        let params = FetSolveParams {
            time_limit_s: 60.0,
            seed,
            threads: 1,
            until_feasible: true,
            max_iterations: Some(20_000),
        };
        let solved = solve_fet(&text, &params, &|_| {}).unwrap();
        assert_eq!((solved.hard, solved.unplaced), (0, 0));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("virtual.fet");
        std::fs::write(&path, &text).unwrap();
        let check = verify_places(&path, &solved.places, dir.path(), 30).unwrap();
        assert!(
            check.success,
            "seed {seed}: FET rechazó:\n{}",
            check.message
        );
    }
}
