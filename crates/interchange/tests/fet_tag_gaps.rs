//! FET's min gaps between an ordered pair of activity tags, in its four forms (all students, a
//! students set, all teachers, a teacher): read into rules with the tags and the gap, and
//! written back as the same FET constraints (a teacher named in `<Teacher>`, as fet-cl 6.8.5
//! reads it).

use domain::{RuleKind, SchoolData};
use interchange::fet::{export_fet, fet_to_school, read_fet};
use serde_json::{Value, json};

const FORMS: &str = "\
<ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags><Weight_Percentage>100</Weight_Percentage><First_Activity_Tag>X</First_Activity_Tag><Second_Activity_Tag>Y</Second_Activity_Tag><MinGaps>1</MinGaps><Active>true</Active></ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags>
<ConstraintStudentsSetMinGapsBetweenOrderedPairOfActivityTags><Weight_Percentage>100</Weight_Percentage><Students>1a</Students><First_Activity_Tag>Y</First_Activity_Tag><Second_Activity_Tag>X</Second_Activity_Tag><MinGaps>2</MinGaps><Active>true</Active></ConstraintStudentsSetMinGapsBetweenOrderedPairOfActivityTags>
<ConstraintTeachersMinGapsBetweenOrderedPairOfActivityTags><Weight_Percentage>100</Weight_Percentage><First_Activity_Tag>X</First_Activity_Tag><Second_Activity_Tag>Y</Second_Activity_Tag><MinGaps>1</MinGaps><Active>true</Active></ConstraintTeachersMinGapsBetweenOrderedPairOfActivityTags>
<ConstraintTeacherMinGapsBetweenOrderedPairOfActivityTags><Weight_Percentage>100</Weight_Percentage><Teacher>T</Teacher><First_Activity_Tag>X</First_Activity_Tag><Second_Activity_Tag>Y</Second_Activity_Tag><MinGaps>3</MinGaps><Active>true</Active></ConstraintTeacherMinGapsBetweenOrderedPairOfActivityTags>
";

fn file(time: &str, space: &str) -> String {
    let activity = |id: u32, tag: &str, students: &str| {
        format!(
            "<Activity><Teacher>T</Teacher><Subject>S</Subject><Activity_Tag>{tag}</Activity_Tag><Students>{students}</Students><Duration>1</Duration><Total_Duration>1</Total_Duration><Id>{id}</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active></Activity>"
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5">
<Days_List><Day><Name>Lu</Name></Day><Day><Name>Ma</Name></Day></Days_List>
<Hours_List><Hour><Name>1</Name></Hour><Hour><Name>2</Name></Hour><Hour><Name>3</Name></Hour><Hour><Name>4</Name></Hour></Hours_List>
<Subjects_List><Subject><Name>S</Name></Subject></Subjects_List>
<Activity_Tags_List><Activity_Tag><Name>X</Name></Activity_Tag><Activity_Tag><Name>Y</Name></Activity_Tag></Activity_Tags_List>
<Teachers_List><Teacher><Name>T</Name></Teacher></Teachers_List>
<Students_List>
<Year><Name>1</Name><Number_of_Students>20</Number_of_Students>
<Group><Name>1a</Name><Number_of_Students>10</Number_of_Students></Group>
<Group><Name>1b</Name><Number_of_Students>10</Number_of_Students></Group>
</Year>
</Students_List>
<Activities_List>
{}
{}
</Activities_List>
<Time_Constraints_List>
<ConstraintBasicCompulsoryTime><Weight_Percentage>100</Weight_Percentage><Active>true</Active></ConstraintBasicCompulsoryTime>
{time}
</Time_Constraints_List>
<Space_Constraints_List>
<ConstraintBasicCompulsorySpace><Weight_Percentage>100</Weight_Percentage><Active>true</Active></ConstraintBasicCompulsorySpace>
{space}
</Space_Constraints_List>
</fet>
"#,
        activity(1, "X", "1a"),
        activity(2, "Y", "1")
    )
}

fn import(text: &str) -> SchoolData {
    let (school, report) = fet_to_school(&read_fet(text).unwrap()).unwrap();
    assert_eq!(report.unsupported().count(), 0);
    assert_eq!(report.unmapped(), 0);
    school
}

/// The tag-gap rules: kind, tags, gap, and the teacher or section scope.
fn tag_rules(school: &SchoolData) -> Vec<(RuleKind, Value)> {
    school
        .rules
        .iter()
        .filter(|r| {
            matches!(
                r.data.kind,
                RuleKind::SectionTagsMinGaps | RuleKind::TeacherTagsMinGaps
            )
        })
        .map(|r| {
            let p = &r.data.params;
            let keep = ["first_tag", "second_tag", "min_gaps", "teacher_ids"];
            let mut out: serde_json::Map<String, Value> = keep
                .iter()
                .filter_map(|k| Some((k.to_string(), p.get(*k)?.clone())))
                .collect();
            out.insert("one".into(), json!(p.get("section_ids").is_some()));
            (r.data.kind, Value::Object(out))
        })
        .collect()
}

#[test]
fn the_four_forms_read_and_write_back() {
    let school = import(&file(FORMS, ""));
    let rules = tag_rules(&school);
    use RuleKind::{SectionTagsMinGaps as S, TeacherTagsMinGaps as T};
    let want = vec![
        (
            S,
            json!({"first_tag": "X", "second_tag": "Y", "min_gaps": 1, "one": false}),
        ),
        (
            S,
            json!({"first_tag": "Y", "second_tag": "X", "min_gaps": 2, "one": true}),
        ),
        (
            T,
            json!({"first_tag": "X", "second_tag": "Y", "min_gaps": 1, "one": false}),
        ),
        (
            T,
            json!({"first_tag": "X", "second_tag": "Y", "min_gaps": 3, "teacher_ids": [1], "one": false}),
        ),
    ];
    assert_eq!(rules, want);
    let out = export_fet(&school, "x", &[]).unwrap();
    for kind in [
        "ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags",
        "ConstraintStudentsSetMinGapsBetweenOrderedPairOfActivityTags",
        "ConstraintTeachersMinGapsBetweenOrderedPairOfActivityTags",
        "ConstraintTeacherMinGapsBetweenOrderedPairOfActivityTags",
    ] {
        assert_eq!(out.text.matches(&format!("<{kind}>")).count(), 1, "{kind}");
    }
    assert!(
        out.text
            .contains("<Teacher>T</Teacher>\n\t<MinGaps>3</MinGaps>")
    );
    assert!(!out.text.contains("<Teacher_Name>"));
    assert_eq!(tag_rules(&import(&out.text)), want);
}

/// fet-cl 6.8.5 reads a single teacher of the building-change kinds, as of the tag-pair ones,
/// from `<Teacher>` (with `<Teacher_Name>` it stops: unknown teacher).
#[test]
fn a_teacher_building_limit_names_its_teacher_as_fet_reads_it() {
    let space = "<ConstraintTeacherMaxBuildingChangesPerDay><Weight_Percentage>100</Weight_Percentage><Teacher>T</Teacher><Max_Building_Changes_Per_Day>1</Max_Building_Changes_Per_Day><Active>true</Active></ConstraintTeacherMaxBuildingChangesPerDay>";
    let school = import(&file("", space));
    let out = export_fet(&school, "x", &[]).unwrap();
    let at = out
        .text
        .find("<ConstraintTeacherMaxBuildingChangesPerDay>")
        .unwrap();
    let end = out.text[at..].find("</Constraint").unwrap();
    assert!(out.text[at..at + end].contains("<Teacher>T</Teacher>"));
}

/// FET refuses these constraints below 100 %: a soft one is not exportable.
#[test]
fn a_soft_tag_gap_is_not_exportable() {
    let soft = FORMS
        .lines()
        .next()
        .unwrap()
        .replace("<Weight_Percentage>100<", "<Weight_Percentage>90<");
    let school = import(&file(&soft, ""));
    let out = export_fet(&school, "x", &[]).unwrap();
    assert!(!out.text.contains("OrderedPairOfActivityTags"));
}

/// The one official file with the kind: India's MED_2019-20-1 (12 students-wide constraints)
/// imports with no constraint left unsupported.
#[test]
fn med_reads_its_twelve_tag_gaps() {
    let path = "/usr/share/doc/fet-data/examples/FET-5-official/India/Kurukshetra/Institute-of-Technology/MED_2019-20-1.fet";
    let Ok(text) = std::fs::read_to_string(path) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true y falta {path} (apt-get install fet)"
        );
        eprintln!("se omite: falta {path}");
        return;
    };
    let school = import(&text);
    let rules = tag_rules(&school);
    assert_eq!(rules.len(), 12);
    assert!(
        rules
            .iter()
            .all(|(k, _)| *k == RuleKind::SectionTagsMinGaps)
    );
}
