//! A hand-made FET file whose only way out is FET's min gaps between an ordered pair of
//! activity tags: one day of five hours, a year with X, Y, X lessons (each X and Y apart by an
//! hour in both orders, as India's MED_2019-20-1 asks), solved with a step budget; FET itself
//! then accepts the timetable. Without the rule the three lessons are free to meet back to
//! back, which FET refuses.

mod fet_needs;

use fet_needs::{FetFixture, activity, solve_and_have_fet_accept};

fn fet_file() -> String {
    let pair = |first: &str, second: &str| {
        format!(
            "<ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags><Weight_Percentage>100</Weight_Percentage><First_Activity_Tag>{first}</First_Activity_Tag><Second_Activity_Tag>{second}</Second_Activity_Tag><MinGaps>1</MinGaps><Active>true</Active><Comments></Comments></ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags>"
        )
    };
    FetFixture {
        days: 1,
        hours: 5,
        teachers: vec!["T1", "T2", "T3"],
        years: vec!["1"],
        tags: vec!["X", "Y"],
        activities: vec![
            activity(1, "T1", "1", "X"),
            activity(2, "T2", "1", "Y"),
            activity(3, "T3", "1", "X"),
        ],
        time_constraints: vec![pair("X", "Y"), pair("Y", "X")],
        ..FetFixture::default()
    }
    .to_xml()
}

#[test]
fn tag_gaps_solve_and_fet_accepts_them() {
    if !fet_needs::fet_available(&[]) {
        return;
    }
    solve_and_have_fet_accept(&fet_file(), 3, 50_000, "tag_gaps");
}
