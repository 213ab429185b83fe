//! `.fet` XML → [`FetFile`]. Every error names the element and the line it is on.

use super::model::{FetActivity, FetConstraint, FetFile, FetGroup, FetRoom, FetSubgroup, FetYear};
use crate::InterchangeError;
use roxmltree::{Document, Node};

type Result<T> = std::result::Result<T, InterchangeError>;

/// Parses the text of a `.fet` file.
pub fn read_fet(text: &str) -> Result<FetFile> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = Document::parse(text).map_err(|e| syntax_error(text, &e))?;
    let lines = Lines::new(text);
    let root = doc.root_element();
    if root.tag_name().name() != "fet" {
        return Err(error(&lines, root, "el elemento raíz debe ser <fet>"));
    }
    let mut fet = FetFile {
        version: root.attribute("version").unwrap_or_default().to_string(),
        ..FetFile::default()
    };
    for node in root.children().filter(Node::is_element) {
        match node.tag_name().name() {
            "Institution_Name" => fet.institution = text_of(node),
            "Days_List" => fet.days = names(&lines, node, "Day")?,
            "Hours_List" => fet.hours = names(&lines, node, "Hour")?,
            "Subjects_List" => fet.subjects = names(&lines, node, "Subject")?,
            "Activity_Tags_List" => fet.activity_tags = names(&lines, node, "Activity_Tag")?,
            "Teachers_List" => fet.teachers = names(&lines, node, "Teacher")?,
            "Buildings_List" => fet.buildings = names(&lines, node, "Building")?,
            "Students_List" => fet.years = years(&lines, node)?,
            "Rooms_List" => fet.rooms = rooms(&lines, node)?,
            "Activities_List" => fet.activities = activities(&lines, node)?,
            "Time_Constraints_List" => fet.time_constraints = constraints(&lines, node)?,
            "Space_Constraints_List" => fet.space_constraints = constraints(&lines, node)?,
            _ => {}
        }
    }
    if fet.days.is_empty() || fet.hours.is_empty() {
        return Err(error(
            &lines,
            root,
            "faltan los días u horas (<Days_List>, <Hours_List>)",
        ));
    }
    Ok(fet)
}

/// Where each line of the text starts, so an element's line is a binary search instead of a
/// count of the newlines before it (which made large files' parse quadratic).
struct Lines {
    /// Byte offsets of the text's newlines, in order.
    breaks: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let breaks = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i)
            .collect();
        Lines { breaks }
    }

    /// 1-based line of byte `offset` (as roxmltree counts rows: newlines before it, plus one).
    fn at(&self, offset: usize) -> u32 {
        self.breaks.partition_point(|&i| i < offset) as u32 + 1
    }
}

fn line(doc: &Lines, node: Node) -> u32 {
    doc.at(node.range().start)
}

fn error(doc: &Lines, node: Node, message: impl Into<String>) -> InterchangeError {
    InterchangeError::Fet {
        element: node.tag_name().name().to_string(),
        line: line(doc, node),
        message: message.into(),
    }
}

/// A well-formedness error: roxmltree gives the position; the element is the innermost one
/// still open there, found by a light scan of the tags before it.
fn syntax_error(text: &str, e: &roxmltree::Error) -> InterchangeError {
    let pos = e.pos();
    let offset = text
        .split_inclusive('\n')
        .take(pos.row.saturating_sub(1) as usize)
        .map(str::len)
        .sum::<usize>()
        + (pos.col.saturating_sub(1) as usize);
    // A truncated file is reported at its start: the open element is then the innermost one
    // left open at the end of the text.
    let end = match e {
        roxmltree::Error::UnclosedRootNode | roxmltree::Error::UnexpectedEndOfStream => text.len(),
        _ => offset.min(text.len()),
    };
    let (element, open_line) = innermost_open(&text[..end]);
    InterchangeError::Fet {
        element: element.unwrap_or_else(|| "fet".into()),
        line: if open_line > 0 { open_line } else { pos.row },
        message: format!(
            "XML mal formado o truncado (línea {}, columna {}): {e}",
            pos.row, pos.col
        ),
    }
}

fn innermost_open(prefix: &str) -> (Option<String>, u32) {
    let mut stack: Vec<(String, u32)> = Vec::new();
    let mut line = 1u32;
    let mut rest = prefix;
    while let Some(i) = rest.find('<') {
        line += rest[..i].matches('\n').count() as u32;
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(name) = tag.strip_prefix('/') {
            if let Some(pos) = stack.iter().rposition(|(n, _)| n == name.trim()) {
                stack.truncate(pos);
            }
        } else if !tag.starts_with('?') && !tag.starts_with('!') && !tag.ends_with('/') {
            let name: String = tag
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '/')
                .collect();
            if !name.is_empty() {
                stack.push((name, line));
            }
        }
        line += tag.matches('\n').count() as u32;
        rest = &rest[end.min(rest.len())..];
    }
    match stack.pop() {
        Some((n, l)) => (Some(n), l),
        None => (None, 0),
    }
}

fn text_of(node: Node) -> String {
    node.text().unwrap_or_default().trim().to_string()
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name(name))
}

fn child_text(node: Node, name: &str) -> Option<String> {
    child(node, name).map(text_of)
}

fn required(doc: &Lines, node: Node, name: &str) -> Result<String> {
    child_text(node, name).ok_or_else(|| error(doc, node, format!("falta <{name}>")))
}

fn number<T: std::str::FromStr>(doc: &Lines, node: Node, name: &str) -> Result<Option<T>> {
    match child(node, name) {
        None => Ok(None),
        Some(c) => text_of(c)
            .parse()
            .map(Some)
            .map_err(|_| error(doc, c, format!("«{}» no es un número", text_of(c)))),
    }
}

fn is_true(node: Node, name: &str) -> bool {
    child_text(node, name).is_none_or(|v| v != "false")
}

fn names(doc: &Lines, list: Node, item: &str) -> Result<Vec<String>> {
    list.children()
        .filter(|c| c.has_tag_name(item))
        // FET itself accepts an empty name (two official files have one), so do we.
        .map(|c| required(doc, c, "Name"))
        .collect()
}

fn years(doc: &Lines, list: Node) -> Result<Vec<FetYear>> {
    let mut out = Vec::new();
    for y in list.children().filter(|c| c.has_tag_name("Year")) {
        let mut year = FetYear {
            name: required(doc, y, "Name")?,
            students: number(doc, y, "Number_of_Students")?.unwrap_or(0),
            groups: Vec::new(),
        };
        for g in y.children().filter(|c| c.has_tag_name("Group")) {
            let mut group = FetGroup {
                name: required(doc, g, "Name")?,
                students: number(doc, g, "Number_of_Students")?.unwrap_or(0),
                subgroups: Vec::new(),
            };
            for s in g.children().filter(|c| c.has_tag_name("Subgroup")) {
                group.subgroups.push(FetSubgroup {
                    name: required(doc, s, "Name")?,
                    students: number(doc, s, "Number_of_Students")?.unwrap_or(0),
                });
            }
            year.groups.push(group);
        }
        out.push(year);
    }
    Ok(out)
}

fn rooms(doc: &Lines, list: Node) -> Result<Vec<FetRoom>> {
    list.children()
        .filter(|c| c.has_tag_name("Room"))
        .map(|r| {
            Ok(FetRoom {
                name: required(doc, r, "Name")?,
                building: child_text(r, "Building").unwrap_or_default(),
                capacity: number(doc, r, "Capacity")?.unwrap_or(0),
                is_virtual: child_text(r, "Virtual").is_some_and(|v| v == "true"),
                sets: r
                    .children()
                    .filter(|c| c.has_tag_name("Set_of_Real_Rooms"))
                    .map(|set| {
                        let rooms = set.children().filter(|c| c.has_tag_name("Real_Room"));
                        rooms.map(text_of).collect()
                    })
                    .collect(),
            })
        })
        .collect()
}

fn activities(doc: &Lines, list: Node) -> Result<Vec<FetActivity>> {
    let mut out = Vec::new();
    for a in list.children().filter(|c| c.has_tag_name("Activity")) {
        // One pass over the activity's fields (a search per field read them ten times); the
        // first of a single field counts, as `child` would find it.
        let mut fields: [Option<Node>; 7] = [None; 7];
        let (mut teachers, mut tags, mut students) = (Vec::new(), Vec::new(), Vec::new());
        for c in a.children().filter(Node::is_element) {
            let name = c.tag_name().name();
            let list = match name {
                "Teacher" => &mut teachers,
                "Activity_Tag" => &mut tags,
                "Students" => &mut students,
                _ => {
                    let i = ACTIVITY_FIELDS.iter().position(|f| *f == name);
                    if let Some(i) = i {
                        fields[i].get_or_insert(c);
                    }
                    continue;
                }
            };
            let t = text_of(c);
            if !t.is_empty() {
                list.push(t);
            }
        }
        let [
            id,
            duration,
            group_id,
            total_duration,
            subject,
            active,
            students_count,
        ] = fields;
        let id = parse_field(doc, id)?.ok_or_else(|| error(doc, a, "falta <Id>"))?;
        let duration: u8 =
            parse_field(doc, duration)?.ok_or_else(|| error(doc, a, "falta <Duration>"))?;
        if duration == 0 {
            return Err(error(doc, a, format!("actividad {id}: duración 0")));
        }
        out.push(FetActivity {
            id,
            group_id: parse_field(doc, group_id)?.unwrap_or(0),
            duration,
            total_duration: parse_field(doc, total_duration)?.unwrap_or(duration as u16),
            teachers,
            subject: subject.map(text_of).unwrap_or_default(),
            tags,
            students,
            number_of_students: parse_field(doc, students_count)?,
            active: active.is_none_or(|c| text_of(c) != "false"),
            line: line(doc, a),
        });
    }
    Ok(out)
}

/// The single-valued fields of an activity, in the order `activities` reads them.
const ACTIVITY_FIELDS: [&str; 7] = [
    "Id",
    "Duration",
    "Activity_Group_Id",
    "Total_Duration",
    "Subject",
    "Active",
    "Number_Of_Students",
];

/// A number in field `c`, if present (as [`number`] reads it).
fn parse_field<T: std::str::FromStr>(doc: &Lines, c: Option<Node>) -> Result<Option<T>> {
    match c {
        None => Ok(None),
        Some(c) => {
            let t = c.text().unwrap_or_default().trim();
            t.parse()
                .map(Some)
                .map_err(|_| error(doc, c, format!("«{t}» no es un número")))
        }
    }
}

fn constraints(doc: &Lines, list: Node) -> Result<Vec<FetConstraint>> {
    let mut out = Vec::new();
    for c in list.children().filter(Node::is_element) {
        let weight_text = child_text(c, "Weight_Percentage")
            .ok_or_else(|| error(doc, c, "falta <Weight_Percentage>"))?;
        let weight: f64 = weight_text
            .parse()
            .map_err(|_| error(doc, c, format!("peso «{weight_text}» no es un número")))?;
        let mut fields = Vec::new();
        collect_leaves(c, &mut fields);
        out.push(FetConstraint {
            kind: c.tag_name().name().to_string(),
            weight,
            active: is_true(c, "Active"),
            fields,
            line: line(doc, c),
        });
    }
    Ok(out)
}

/// Every leaf field but the weight, active flag and comments (kept apart or not needed).
fn collect_leaves(node: Node, out: &mut Vec<(String, String)>) {
    for c in node.children().filter(Node::is_element) {
        if c.children().any(|x| x.is_element()) {
            collect_leaves(c, out);
        } else {
            let name = c.tag_name().name();
            if !matches!(name, "Weight_Percentage" | "Active" | "Comments") {
                out.push((name.to_string(), text_of(c)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "<?xml version=\"1.0\"?>\n<fet version=\"6\">\n<Days_List><Day><Name>Lu</Name></Day></Days_List>\n<Hours_List><Hour><Name>1</Name></Hour></Hours_List>\n<Activities_List>\n<Activity><Teacher>T</Teacher><Subject>S</Subject><Duration>1</Duration><Id>7</Id><Active>true</Active></Activity>\n</Activities_List>\n</fet>\n";

    #[test]
    fn reads_a_minimal_file() {
        let f = read_fet(SMALL).unwrap();
        assert_eq!(f.days, ["Lu"]);
        assert_eq!(f.activities[0].id, 7);
        assert_eq!(f.activities[0].line, 6);
    }

    #[test]
    fn truncation_names_the_open_element_and_its_line() {
        let cut = &SMALL[..SMALL.find("<Id>").unwrap()];
        let err = read_fet(cut).unwrap_err().to_string();
        assert!(
            err.contains("<Activity>") && err.contains("línea 6"),
            "{err}"
        );
    }

    #[test]
    fn line_table_agrees_with_roxmltree_rows() {
        let text = SMALL.replace("<Activity>", "\r\n<Activity>\n");
        let doc = Document::parse(&text).unwrap();
        let lines = Lines::new(&text);
        for node in doc.descendants() {
            let start = node.range().start;
            assert_eq!(lines.at(start), doc.text_pos_at(start).row, "{node:?}");
        }
        assert_eq!(lines.at(0), 1);
        assert_eq!(lines.at(text.len()), doc.text_pos_at(text.len()).row);
    }

    #[test]
    fn a_missing_id_is_named() {
        let bad = SMALL.replace("<Id>7</Id>", "");
        let err = read_fet(&bad).unwrap_err().to_string();
        assert!(err.contains("<Activity>") && err.contains("<Id>"), "{err}");
    }
}
