//! Reader errors name the element, the id and the line.

#[path = "common/tiny.rs"]
mod tiny;

use tiny::*;
use xhstt::{XhsttError, read_archive};

#[test]
fn unknown_reference_names_element_id_and_line() {
    let events = event("E1", 1, "", "<Time Reference=\"Never\"/>");
    let xml = archive("", &events, "", "");
    let expected_line = xml
        .lines()
        .position(|l| l.contains("Reference=\"Never\""))
        .expect("line") as u32
        + 1;
    match read_archive(&xml) {
        Err(XhsttError::Invalid {
            element,
            id,
            line,
            message,
        }) => {
            assert_eq!(element, "Time");
            assert_eq!(id, "E1");
            assert_eq!(line, expected_line);
            assert!(message.contains("Never"), "{message}");
        }
        other => panic!("expected an Invalid error, got {other:?}"),
    }
    let text = read_archive(&xml).unwrap_err().to_string();
    assert!(
        text.contains(&format!("línea {expected_line}"))
            && text.contains("<Time>")
            && text.contains("E1"),
        "{text}"
    );
}

#[test]
fn unknown_role_in_a_solution_is_reported_at_its_line() {
    let events = event("E1", 1, &open_slot("Room", "Room"), "");
    let xml = archive("", &events, "", &sub("E1", 1, "M1", &[("Room1", "Nope")]));
    let err = read_archive(&xml).unwrap_err();
    let XhsttError::Invalid { element, line, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(element, "Resource");
    assert_eq!(
        *line as usize,
        xml.lines().position(|l| l.contains("Nope")).expect("line") + 1
    );
}

#[test]
fn bad_numbers_and_malformed_xml_are_errors() {
    let events = event("E1", 1, "", "").replace("<Duration>1</Duration>", "<Duration>x</Duration>");
    let err = read_archive(&archive("", &events, "", "")).unwrap_err();
    assert!(
        matches!(&err, XhsttError::Invalid { element, id, .. } if element == "Duration" && id == "E1"),
        "{err:?}"
    );
    let err = read_archive("<HighSchoolTimetableArchive><Instances>").unwrap_err();
    assert!(matches!(err, XhsttError::Xml(_)), "{err:?}");
}

#[test]
fn unknown_constraint_type_is_an_error() {
    let cons = constraint("Teleport", "X", true, 1, "Linear", "<AppliesTo/>");
    let err = read_archive(&archive("", &event("E1", 1, "", ""), &cons, "")).unwrap_err();
    assert!(
        matches!(&err, XhsttError::Invalid { element, .. } if element == "TeleportConstraint"),
        "{err:?}"
    );
}

#[test]
fn sub_event_durations_must_add_up_to_the_event_duration() {
    let events = event("E1", 3, "", "");
    let err = read_archive(&archive("", &events, "", &sub("E1", 2, "M1", &[]))).unwrap_err();
    assert!(
        matches!(&err, XhsttError::Invalid { element, message, .. } if element == "Solution" && message.contains("E1")),
        "{err:?}"
    );
    let whole = [sub("E1", 2, "M1", &[]), sub("E1", 1, "T1", &[])].concat();
    assert!(read_archive(&archive("", &events, "", &whole)).is_ok());
}
