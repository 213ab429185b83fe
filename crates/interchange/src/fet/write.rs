//! FET's own result forms, from places (activity → day, hour, room):
//! `NAME_activities.xml` (an `Activities_Timetable`) and `NAME_data_and_timetable.fet` (the
//! input with every activity locked at its place, which FET opens and can check).

use super::import_report::FetImportReport;
use super::model::FetFile;
use crate::InterchangeError;
use domain::{Placement, SchoolData};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Where one FET activity goes, in FET's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityPlace {
    pub activity_id: u32,
    pub day: String,
    pub hour: String,
    pub room: Option<String>,
}

/// Places of the activities from placements of the school `fet_to_school` made (a placement's
/// lesson and unit name the activity; day, period and room ids index FET's lists). A room is
/// kept only for lessons that FET itself would give a room (those under a preferred-room or
/// home-room constraint): FET leaves the others roomless, and locking a room it would not
/// choose could break its capacity checks.
pub fn places_from_placements(
    fet: &FetFile,
    report: &FetImportReport,
    school: &SchoolData,
    placements: &[Placement],
) -> Vec<ActivityPlace> {
    let roomed = super::room_capacity::roomed_lessons(school);
    let mut out = Vec::new();
    for b in &report.activity_blocks {
        let Some(p) = placements
            .iter()
            .find(|p| p.lesson_id == b.lesson_id && p.unit == b.block)
        else {
            continue;
        };
        let (Some(day), Some(hour)) = (
            fet.days.get(p.day as usize - 1),
            fet.hours.get(p.period as usize - 1),
        ) else {
            continue;
        };
        out.push(ActivityPlace {
            activity_id: b.activity_id,
            day: day.clone(),
            hour: hour.clone(),
            room: p
                .room_id
                .filter(|_| roomed.contains(&p.lesson_id))
                .and_then(|r| fet.rooms.get(r as usize - 1))
                .map(|r| r.name.clone()),
        });
    }
    out.sort_by_key(|p| p.activity_id);
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `NAME_activities.xml`: one `Activity` with `Id`, `Day`, `Hour` and `Room` per place.
pub fn write_activities(places: &[ActivityPlace]) -> String {
    let mut s =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Activities_Timetable>\n");
    for p in places {
        let _ = write!(
            s,
            "<Activity>\n\t<Id>{}</Id>\n\t<Day>{}</Day>\n\t<Hour>{}</Hour>\n\t<Room>{}</Room>\n</Activity>\n",
            p.activity_id,
            escape(&p.day),
            escape(&p.hour),
            escape(p.room.as_deref().unwrap_or_default())
        );
    }
    s.push_str("</Activities_Timetable>\n");
    s
}

/// The original file's text with, for every place, a 100 % permanently locked
/// `ConstraintActivityPreferredStartingTime` (and `ConstraintActivityPreferredRoom` when it has
/// a room) added at the end of the time (and space) constraints. The rest of the text is kept
/// byte for byte, so FET reads the very same problem plus our places.
pub fn write_locked_fet(
    original: &str,
    places: &[ActivityPlace],
) -> Result<String, InterchangeError> {
    let names = RawNames::of(original);
    let mut times = String::new();
    let mut rooms = String::new();
    for p in places {
        let _ = write!(
            times,
            "<ConstraintActivityPreferredStartingTime>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Activity_Id>{}</Activity_Id>\n\t<Preferred_Day>{}</Preferred_Day>\n\t<Preferred_Hour>{}</Preferred_Hour>\n\t<Permanently_Locked>true</Permanently_Locked>\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintActivityPreferredStartingTime>\n",
            p.activity_id,
            escape(names.day(&p.day)),
            escape(names.hour(&p.hour))
        );
        if let Some(room) = &p.room {
            let _ = write!(
                rooms,
                "<ConstraintActivityPreferredRoom>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Activity_Id>{}</Activity_Id>\n\t<Room>{}</Room>\n\t<Permanently_Locked>true</Permanently_Locked>\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintActivityPreferredRoom>\n",
                p.activity_id,
                escape(names.room(room))
            );
        }
    }
    let text = insert_before(original, "</Time_Constraints_List>", &times)?;
    insert_before(&text, "</Space_Constraints_List>", &rooms)
}

/// FET compares names byte for byte, spaces and tabs around them included (a room may be
/// called `"Aula: 1º BACH B\t\t"`), while the model keeps them trimmed: the locks must name
/// days, hours and rooms exactly as the file does, or FET finds no such room.
#[derive(Default)]
struct RawNames {
    days: BTreeMap<String, String>,
    hours: BTreeMap<String, String>,
    rooms: BTreeMap<String, String>,
}

impl RawNames {
    fn of(original: &str) -> RawNames {
        let mut out = RawNames::default();
        let text = original.strip_prefix('\u{feff}').unwrap_or(original);
        let Ok(doc) = roxmltree::Document::parse(text) else {
            return out;
        };
        for list in doc.root_element().children().filter(|n| n.is_element()) {
            let (item, map) = match list.tag_name().name() {
                "Days_List" => ("Day", &mut out.days),
                "Hours_List" => ("Hour", &mut out.hours),
                "Rooms_List" => ("Room", &mut out.rooms),
                _ => continue,
            };
            for n in list.children().filter(|n| n.has_tag_name(item)) {
                let raw = n
                    .children()
                    .find(|c| c.has_tag_name("Name"))
                    .and_then(|c| c.text())
                    .unwrap_or_default();
                if raw.trim() != raw {
                    map.entry(raw.trim().to_string())
                        .or_insert_with(|| raw.to_string());
                }
            }
        }
        out
    }

    fn pick<'a>(map: &'a BTreeMap<String, String>, name: &'a str) -> &'a str {
        map.get(name).map_or(name, String::as_str)
    }

    fn day<'a>(&'a self, name: &'a str) -> &'a str {
        Self::pick(&self.days, name)
    }

    fn hour<'a>(&'a self, name: &'a str) -> &'a str {
        Self::pick(&self.hours, name)
    }

    fn room<'a>(&'a self, name: &'a str) -> &'a str {
        Self::pick(&self.rooms, name)
    }
}

fn insert_before(text: &str, closing: &str, addition: &str) -> Result<String, InterchangeError> {
    let at = text.rfind(closing).ok_or_else(|| InterchangeError::Fet {
        element: closing.trim_matches(['<', '/', '>']).to_string(),
        line: 1,
        message: format!("no se encontró {closing} para añadir las ubicaciones"),
    })?;
    let mut out = String::with_capacity(text.len() + addition.len());
    out.push_str(&text[..at]);
    out.push_str(addition);
    out.push_str(&text[at..]);
    Ok(out)
}

/// Reads FET's `Activities_Timetable` (its own `NAME_activities.xml` or ours) back into places.
pub fn read_activities(text: &str) -> Result<Vec<ActivityPlace>, InterchangeError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = roxmltree::Document::parse(text).map_err(|e| InterchangeError::Fet {
        element: "Activities_Timetable".into(),
        line: e.pos().row,
        message: e.to_string(),
    })?;
    let field = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name("Activity"))
        .map(|n| {
            let id = field(n, "Id");
            let room = field(n, "Room");
            Ok(ActivityPlace {
                activity_id: id.parse().map_err(|_| InterchangeError::Fet {
                    element: "Activity".into(),
                    line: doc.text_pos_at(n.range().start).row,
                    message: format!("Id «{id}» no es un número"),
                })?,
                day: field(n, "Day"),
                hour: field(n, "Hour"),
                room: (!room.is_empty()).then_some(room),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activities_round_trip_and_escape() {
        let places = vec![ActivityPlace {
            activity_id: 3,
            day: "Lunes".into(),
            hour: "8 & 9".into(),
            room: Some("Lab <1>".into()),
        }];
        let xml = write_activities(&places);
        assert!(xml.contains("<Hour>8 &amp; 9</Hour>"));
        assert_eq!(read_activities(&xml).unwrap(), places);
    }

    #[test]
    fn locks_go_at_the_end_of_each_constraints_list() {
        let original = "<fet>\n<Time_Constraints_List>\n</Time_Constraints_List>\n<Space_Constraints_List>\n</Space_Constraints_List>\n</fet>\n";
        let places = vec![ActivityPlace {
            activity_id: 9,
            day: "Lu".into(),
            hour: "1".into(),
            room: Some("A".into()),
        }];
        let out = write_locked_fet(original, &places).unwrap();
        let time = out
            .find("<Activity_Id>9</Activity_Id>\n\t<Preferred_Day>Lu")
            .unwrap();
        assert!(time < out.find("</Time_Constraints_List>").unwrap());
        let room = out.find("<Room>A</Room>").unwrap();
        assert!(room > out.find("<Space_Constraints_List>").unwrap());
        assert!(write_locked_fet("<fet/>", &places).is_err());
    }

    #[test]
    fn locks_name_rooms_days_and_hours_as_the_file_spells_them() {
        let original = "<fet>\n<Days_List><Day><Name> Lu </Name></Day></Days_List>\n<Hours_List><Hour><Name>1\t</Name></Hour></Hours_List>\n<Rooms_List><Room><Name>Aula: 1º B\t\t</Name></Room><Room><Name>A</Name></Room></Rooms_List>\n<Time_Constraints_List>\n</Time_Constraints_List>\n<Space_Constraints_List>\n</Space_Constraints_List>\n</fet>\n";
        let place = |room: &str| ActivityPlace {
            activity_id: 1,
            day: "Lu".into(),
            hour: "1".into(),
            room: Some(room.into()),
        };
        let out = write_locked_fet(original, &[place("Aula: 1º B"), place("A")]).unwrap();
        assert!(out.contains("<Room>Aula: 1º B\t\t</Room>\n\t<Permanently_Locked>"));
        assert!(out.contains("<Room>A</Room>"));
        assert!(out.contains("<Preferred_Day> Lu </Preferred_Day>"));
        assert!(out.contains("<Preferred_Hour>1\t</Preferred_Hour>"));
    }
}
