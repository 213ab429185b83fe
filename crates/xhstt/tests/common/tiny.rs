//! Builds tiny archives inline: two days (Mon M1–M4, Tue T1–T4), teachers Tea1/Tea2, rooms
//! Room1/Room2 (Room2 also in group Labs), time group Mornings = {M1, M2, T1, T2}.

// Each test binary uses a different subset of these builders.
#![allow(dead_code)]

use xhstt::{Evaluation, evaluate, read_archive};

/// `<Event>` with `resources` (inner XML of `<Resources>`) and `extra` (more child elements).
pub fn event(id: &str, duration: u32, resources: &str, extra: &str) -> String {
    format!(
        "<Event Id=\"{id}\"><Name>{id}</Name><Duration>{duration}</Duration>{extra}\
         <Resources>{resources}</Resources></Event>"
    )
}

/// An open slot with `role` of type `ty`.
pub fn open_slot(role: &str, ty: &str) -> String {
    format!("<Resource><Role>{role}</Role><ResourceType Reference=\"{ty}\"/></Resource>")
}

/// A preassigned slot.
pub fn fixed_slot(resource: &str, role: &str) -> String {
    format!("<Resource Reference=\"{resource}\"><Role>{role}</Role></Resource>")
}

/// A solution event: `time` may be empty (unassigned); `resources` are `(resource, role)` pairs.
pub fn sub(event: &str, duration: u32, time: &str, resources: &[(&str, &str)]) -> String {
    let time = if time.is_empty() {
        String::new()
    } else {
        format!("<Time Reference=\"{time}\"/>")
    };
    let res: String = resources
        .iter()
        .map(|(r, role)| format!("<Resource Reference=\"{r}\"><Role>{role}</Role></Resource>"))
        .collect();
    format!(
        "<Event Reference=\"{event}\"><Duration>{duration}</Duration>{time}<Resources>{res}</Resources></Event>"
    )
}

/// Common constraint header: `<TypeConstraint Id><Name/><Required/><Weight/><CostFunction/>`
/// followed by `body`.
pub fn constraint(
    ty: &str,
    id: &str,
    required: bool,
    weight: u32,
    cost: &str,
    body: &str,
) -> String {
    format!(
        "<{ty}Constraint Id=\"{id}\"><Name>{id}</Name><Required>{required}</Required>\
         <Weight>{weight}</Weight><CostFunction>{cost}</CostFunction>{body}</{ty}Constraint>"
    )
}

pub fn archive(event_groups: &str, events: &str, constraints: &str, solution: &str) -> String {
    let mut times = String::new();
    for (day, prefix) in [("Mon", "M"), ("Tue", "T")] {
        for p in 1..=4 {
            let id = format!("{prefix}{p}");
            let morning = if p <= 2 {
                "<TimeGroups><TimeGroup Reference=\"Mornings\"/></TimeGroups>"
            } else {
                ""
            };
            times.push_str(&format!(
                "<Time Id=\"{id}\"><Name>{id}</Name><Week Reference=\"W\"/><Day Reference=\"{day}\"/>{morning}</Time>"
            ));
        }
    }
    format!(
        r#"<HighSchoolTimetableArchive>
<Instances><Instance Id="Tiny">
<MetaData><Name>Tiny</Name><Contributor>test</Contributor><Date>2026</Date><Country>VE</Country><Description>d</Description></MetaData>
<Times><TimeGroups><Week Id="W"><Name>W</Name></Week><Day Id="Mon"><Name>Mon</Name></Day><Day Id="Tue"><Name>Tue</Name></Day>
<TimeGroup Id="Mornings"><Name>Mornings</Name></TimeGroup></TimeGroups>{times}</Times>
<Resources>
<ResourceTypes><ResourceType Id="Teacher"><Name>Teacher</Name></ResourceType><ResourceType Id="Room"><Name>Room</Name></ResourceType></ResourceTypes>
<ResourceGroups><ResourceGroup Id="Teachers"><Name>Teachers</Name><ResourceType Reference="Teacher"/></ResourceGroup>
<ResourceGroup Id="Rooms"><Name>Rooms</Name><ResourceType Reference="Room"/></ResourceGroup>
<ResourceGroup Id="Labs"><Name>Labs</Name><ResourceType Reference="Room"/></ResourceGroup></ResourceGroups>
<Resource Id="Tea1"><Name>Tea1</Name><ResourceType Reference="Teacher"/><ResourceGroups><ResourceGroup Reference="Teachers"/></ResourceGroups></Resource>
<Resource Id="Tea2"><Name>Tea2</Name><ResourceType Reference="Teacher"/><ResourceGroups><ResourceGroup Reference="Teachers"/></ResourceGroups></Resource>
<Resource Id="Room1"><Name>Room1</Name><ResourceType Reference="Room"/><ResourceGroups><ResourceGroup Reference="Rooms"/></ResourceGroups></Resource>
<Resource Id="Room2"><Name>Room2</Name><ResourceType Reference="Room"/><ResourceGroups><ResourceGroup Reference="Rooms"/><ResourceGroup Reference="Labs"/></ResourceGroups></Resource>
</Resources>
<Events><EventGroups>{event_groups}</EventGroups>{events}</Events>
<Constraints>{constraints}</Constraints>
</Instance></Instances>
<SolutionGroups><SolutionGroup Id="S"><MetaData><Contributor>t</Contributor><Date>2026</Date><Description>d</Description></MetaData>
<Solution Reference="Tiny"><Events>{solution}</Events></Solution></SolutionGroup></SolutionGroups>
</HighSchoolTimetableArchive>"#
    )
}

/// Reads the archive and evaluates its only solution.
pub fn eval(xml: &str) -> Evaluation {
    let archive = read_archive(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let sol = &archive.solution_groups[0].solutions[0];
    evaluate(&archive.instances[sol.instance], sol)
}

/// The deviations of constraint `id`, in point order.
pub fn deviations(e: &Evaluation, id: &str) -> Vec<u64> {
    let cc = e
        .per_constraint
        .iter()
        .find(|c| c.id == id)
        .expect("constraint");
    cc.deviations.iter().map(|d| d.deviation).collect()
}

/// The cost of constraint `id`.
pub fn cost(e: &Evaluation, id: &str) -> u64 {
    e.per_constraint
        .iter()
        .find(|c| c.id == id)
        .expect("constraint")
        .cost
}

/// `<EventGroup Id>`.
pub fn group(id: &str) -> String {
    format!("<EventGroup Id=\"{id}\"><Name>{id}</Name></EventGroup>")
}

/// `<EventGroups>` membership for an event.
pub fn in_groups(groups: &[&str]) -> String {
    let refs: String = groups
        .iter()
        .map(|g| format!("<EventGroup Reference=\"{g}\"/>"))
        .collect();
    format!("<EventGroups>{refs}</EventGroups>")
}
