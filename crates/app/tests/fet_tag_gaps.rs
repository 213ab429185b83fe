//! A hand-made FET file whose only way out is FET's min gaps between an ordered pair of
//! activity tags: one day of five hours, a year with X, Y, X lessons (each X and Y apart by an
//! hour in both orders, as India's MED_2019-20-1 asks), solved with a step budget; FET itself
//! then accepts the timetable. Without the rule the three lessons are free to meet back to
//! back, which FET refuses.

mod fet_needs;

use app::fet::{FetSolveParams, solve_fet, verify_places};

fn fet_file() -> String {
    let activity = |id: u32, teacher: &str, tag: &str| {
        format!(
            "<Activity><Teacher>{teacher}</Teacher><Subject>S</Subject><Activity_Tag>{tag}</Activity_Tag><Students>1</Students><Duration>1</Duration><Total_Duration>1</Total_Duration><Id>{id}</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active><Comments></Comments></Activity>"
        )
    };
    let pair = |first: &str, second: &str| {
        format!(
            "<ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags><Weight_Percentage>100</Weight_Percentage><First_Activity_Tag>{first}</First_Activity_Tag><Second_Activity_Tag>{second}</Second_Activity_Tag><MinGaps>1</MinGaps><Active>true</Active><Comments></Comments></ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags>"
        )
    };
    let hours: String = (1..=5)
        .map(|h| format!("<Hour><Name>H{h}</Name></Hour>"))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5">
<Institution_Name>x</Institution_Name>
<Days_List><Number_of_Days>1</Number_of_Days><Day><Name>D1</Name></Day></Days_List>
<Hours_List><Number_of_Hours>5</Number_of_Hours>{hours}</Hours_List>
<Subjects_List><Subject><Name>S</Name></Subject></Subjects_List>
<Activity_Tags_List><Activity_Tag><Name>X</Name><Printable>true</Printable></Activity_Tag><Activity_Tag><Name>Y</Name><Printable>true</Printable></Activity_Tag></Activity_Tags_List>
<Teachers_List><Teacher><Name>T1</Name></Teacher><Teacher><Name>T2</Name></Teacher><Teacher><Name>T3</Name></Teacher></Teachers_List>
<Students_List><Year><Name>1</Name><Number_of_Students>10</Number_of_Students></Year></Students_List>
<Activities_List>
{}
{}
{}
</Activities_List>
<Buildings_List></Buildings_List>
<Rooms_List></Rooms_List>
<Time_Constraints_List>
<ConstraintBasicCompulsoryTime><Weight_Percentage>100</Weight_Percentage><Active>true</Active><Comments></Comments></ConstraintBasicCompulsoryTime>
{}
{}
</Time_Constraints_List>
<Space_Constraints_List>
<ConstraintBasicCompulsorySpace><Weight_Percentage>100</Weight_Percentage><Active>true</Active><Comments></Comments></ConstraintBasicCompulsorySpace>
</Space_Constraints_List>
</fet>
"#,
        activity(1, "T1", "X"),
        activity(2, "T2", "Y"),
        activity(3, "T3", "X"),
        pair("X", "Y"),
        pair("Y", "X"),
    )
}

#[test]
fn tag_gaps_solve_and_fet_accepts_them() {
    if !fet_needs::fet_available(&[]) {
        return;
    }
    let text = fet_file();
    let params = FetSolveParams {
        time_limit_s: 60.0,
        seed: 3,
        threads: 1,
        until_feasible: true,
        max_iterations: Some(50_000),
    };
    let solved = solve_fet(&text, &params, &|_| {}).unwrap();
    assert_eq!((solved.hard, solved.unplaced), (0, 0));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tag_gaps.fet");
    std::fs::write(&path, &text).unwrap();
    let check = verify_places(&path, &solved.places, dir.path(), 30).unwrap();
    assert!(check.success, "FET rechazó:\n{}", check.message);
}
