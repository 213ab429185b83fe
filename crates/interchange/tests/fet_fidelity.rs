//! What FET enforces beyond its constraints' plain words, kept by the import so that FET
//! accepts the timetables we call feasible.

use domain::{RuleKind, SchoolData};
use interchange::fet::{fet_to_school, read_fet};

/// Two days of three hours, the middle one a break on both days; two teachers; a year with
/// two groups (12 and 10 students); rooms of 15 and 30; `activities` and `space` inserted.
fn file(activities: &str, space: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5">
<Days_List><Day><Name>Lu</Name></Day><Day><Name>Ma</Name></Day></Days_List>
<Hours_List><Hour><Name>1</Name></Hour><Hour><Name>R</Name></Hour><Hour><Name>2</Name></Hour><Hour><Name>3</Name></Hour></Hours_List>
<Subjects_List><Subject><Name>S</Name></Subject></Subjects_List>
<Teachers_List><Teacher><Name>T</Name></Teacher><Teacher><Name>U</Name></Teacher></Teachers_List>
<Students_List>
<Year><Name>1</Name><Number_of_Students>22</Number_of_Students>
<Group><Name>1a</Name><Number_of_Students>12</Number_of_Students></Group>
<Group><Name>1b</Name><Number_of_Students>10</Number_of_Students></Group>
</Year>
</Students_List>
<Rooms_List>
<Room><Name>Small</Name><Building></Building><Capacity>15</Capacity><Virtual>false</Virtual></Room>
<Room><Name>Big</Name><Building></Building><Capacity>30</Capacity><Virtual>false</Virtual></Room>
</Rooms_List>
<Activities_List>
{activities}
</Activities_List>
<Time_Constraints_List>
<ConstraintBasicCompulsoryTime><Weight_Percentage>100</Weight_Percentage><Active>true</Active></ConstraintBasicCompulsoryTime>
<ConstraintBreakTimes><Weight_Percentage>100</Weight_Percentage><Number_of_Break_Times>2</Number_of_Break_Times>
<Break_Time><Day>Lu</Day><Hour>R</Hour></Break_Time><Break_Time><Day>Ma</Day><Hour>R</Hour></Break_Time>
<Active>true</Active></ConstraintBreakTimes>
</Time_Constraints_List>
<Space_Constraints_List>
<ConstraintBasicCompulsorySpace><Weight_Percentage>100</Weight_Percentage><Active>true</Active></ConstraintBasicCompulsorySpace>
{space}
</Space_Constraints_List>
</fet>
"#
    )
}

fn activity(id: u32, teacher: &str, students: &[&str], duration: u8) -> String {
    let students: String = students
        .iter()
        .map(|s| format!("<Students>{s}</Students>"))
        .collect();
    format!(
        "<Activity><Teacher>{teacher}</Teacher><Subject>S</Subject>{students}<Duration>{duration}</Duration><Total_Duration>{duration}</Total_Duration><Id>{id}</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>"
    )
}

fn import(text: &str) -> SchoolData {
    fet_to_school(&read_fet(text).unwrap()).unwrap().0
}

/// A FET activity never runs across a break: with an hour that is a break on every day, the
/// import brings a hard, enabled block rule (blocks not cut by the recess).
#[test]
fn a_break_on_every_day_keeps_blocks_from_crossing_it() {
    let school = import(&file(&activity(1, "T", &["1a"], 2), ""));
    let block = school
        .rules
        .iter()
        .find(|r| r.data.kind == RuleKind::BlockPattern)
        .expect("block rule");
    assert!(block.data.hard && block.data.enabled);
}

/// FET's room capacity counts the students of the sets an activity lists (12 + 10 here),
/// whatever sections the hierarchy became: the room of 15 is not allowed for it, and only
/// lessons that take a room get the rule.
#[test]
fn room_capacity_counts_the_listed_students_sets() {
    let acts = [
        activity(1, "T", &["1a", "1b"], 1),
        activity(2, "U", &["1a"], 1),
        activity(3, "U", &["1b"], 1),
    ]
    .join("\n");
    let space = "<ConstraintSubjectPreferredRooms><Weight_Percentage>100</Weight_Percentage><Subject>S</Subject><Number_of_Preferred_Rooms>2</Number_of_Preferred_Rooms><Preferred_Room>Small</Preferred_Room><Preferred_Room>Big</Preferred_Room><Active>true</Active></ConstraintSubjectPreferredRooms>";
    let school = import(&file(&acts, space));
    let big_lesson = school
        .lessons
        .iter()
        .find(|l| l.data.teacher_ids == [1])
        .unwrap()
        .id;
    let big_room = school
        .rooms
        .iter()
        .find(|r| r.data.name == "Big")
        .unwrap()
        .id;
    let capacity: Vec<_> = school
        .rules
        .iter()
        .filter(|r| r.data.kind == RuleKind::RoomCapacity)
        .collect();
    assert_eq!(capacity.len(), 1, "{capacity:?}");
    assert!(capacity[0].data.hard && capacity[0].data.enabled);
    let entries = capacity[0].data.params["by_students"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["students"], 22);
    assert_eq!(entries[0]["lesson_ids"], serde_json::json!([big_lesson]));
    assert_eq!(entries[0]["room_ids"], serde_json::json!([big_room]));
}

/// A file whose space constraints name no activity: FET gives no activity a room. The import
/// says so with one preferred-rooms rule that names no lesson (so, in the compile, no lesson
/// takes a room); a file with a preferred-room constraint gets no such rule.
#[test]
fn a_file_without_room_constraints_gives_no_lesson_a_room() {
    let school = import(&file(&activity(1, "T", &["1a"], 1), ""));
    let room_rules: Vec<_> = school
        .rules
        .iter()
        .filter(|r| r.data.kind == RuleKind::PreferredRooms && r.data.enabled)
        .collect();
    assert_eq!(room_rules.len(), 1);
    assert_eq!(
        room_rules[0].data.params["lesson_ids"],
        serde_json::json!([])
    );
    let space = "<ConstraintActivityPreferredRoom><Weight_Percentage>100</Weight_Percentage><Activity_Id>1</Activity_Id><Room>Big</Room><Active>true</Active></ConstraintActivityPreferredRoom>";
    let school = import(&file(&activity(1, "T", &["1a"], 1), space));
    assert!(
        school
            .rules
            .iter()
            .all(|r| r.data.params.get("no_rooms").is_none())
    );
}

/// A split activity whose sub-activities carry different tags: a subject + tag preferred room
/// names only the tagged sub-activity's block, not the whole lesson (FET gives the room per
/// activity; the untagged ones need none of it).
#[test]
fn a_tag_room_names_only_the_tagged_blocks() {
    let sub = |id: u32, tag: &str| {
        format!(
            "<Activity><Teacher>T</Teacher><Subject>S</Subject><Activity_Tag>{tag}</Activity_Tag><Students>1a</Students><Duration>1</Duration><Total_Duration>2</Total_Duration><Id>{id}</Id><Activity_Group_Id>1</Activity_Group_Id><Active>true</Active></Activity>"
        )
    };
    let space = "<ConstraintSubjectActivityTagPreferredRoom><Weight_Percentage>100</Weight_Percentage><Subject>S</Subject><Activity_Tag>Lab</Activity_Tag><Room>Big</Room><Active>true</Active></ConstraintSubjectActivityTagPreferredRoom>";
    let text = file(&format!("{}{}", sub(1, "Class"), sub(2, "Lab")), space);
    let school = import(&text);
    let rule = school
        .rules
        .iter()
        .find(|r| r.data.kind == RuleKind::PreferredRooms)
        .unwrap();
    let lesson = school.lessons[0].id;
    assert_eq!(rule.data.params["lesson_ids"], serde_json::json!([lesson]));
    let (_, report) = fet_to_school(&read_fet(&text).unwrap()).unwrap();
    let lab = report.block_of(2).unwrap().block;
    assert_eq!(rule.data.params["blocks"], serde_json::json!([lab]));
}

/// FET gives a home room only to the activities of that one teacher or that one students set
/// (fet-cl 6.8.5: an activity of two teachers, of two sets, or of a group of the year with the
/// home room, stays roomless). Moses-vd-Byl: ten PE activities of two teachers, one of them
/// with a home room, cost 10 hard in FET's own timetable before; vmg-20180901b-2's left 70
/// activities of a home-room teacher and another teacher roomless.
#[test]
fn a_home_room_reaches_only_the_activities_of_that_one_person() {
    let two_teachers = "<Activity><Teacher>T</Teacher><Teacher>U</Teacher><Subject>S</Subject><Students>1a</Students><Duration>1</Duration><Total_Duration>1</Total_Duration><Id>3</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>";
    let acts = [
        activity(1, "T", &["1b"], 1),
        activity(2, "U", &["1"], 1),
        activity(4, "U", &["1a", "1b"], 1),
        activity(5, "U", &["1a"], 1),
        two_teachers.to_string(),
    ]
    .join("\n");
    let space = "<ConstraintTeacherHomeRoom><Weight_Percentage>100</Weight_Percentage><Teacher>T</Teacher><Room>Big</Room><Active>true</Active></ConstraintTeacherHomeRoom>\
        <ConstraintStudentsSetHomeRoom><Weight_Percentage>100</Weight_Percentage><Students>1</Students><Room>Big</Room><Active>true</Active></ConstraintStudentsSetHomeRoom>";
    let text = file(&acts, space);
    let school = import(&text);
    let (_, report) = fet_to_school(&read_fet(&text).unwrap()).unwrap();
    let lesson = |id: u32| serde_json::json!([report.block_of(id).unwrap().lesson_id]);
    let homes: Vec<_> = school
        .rules
        .iter()
        .filter(|r| r.data.kind == RuleKind::PreferredRooms)
        .map(|r| r.data.params["lesson_ids"].clone())
        .collect();
    assert_eq!(homes, [lesson(1), lesson(2)]);
}
