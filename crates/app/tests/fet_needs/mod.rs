//! What the FET tests share: the one guard for their need of Debian's `fet-cl` (and, for the
//! official examples, the paths they read), and a builder for the small hand-made FET files
//! that pin down one reading each. Away from CI a missing FET skips the test with a note; under
//! CI=true it fails, so a broken install never passes as green.

#![allow(dead_code)] // each test file uses its own part of this module

use app::fet::{FetSolveParams, solve_fet, verify_places};

/// True when `fet-cl` runs and every path in `paths` exists.
pub fn fet_available(paths: &[&str]) -> bool {
    let ok = paths.iter().all(|p| std::path::Path::new(p).exists())
        && std::process::Command::new("fet-cl")
            .arg("--version")
            .output()
            .is_ok();
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true y falta fet-cl o sus ejemplos (apt-get install fet)"
        );
        eprintln!("se omite: fet-cl no está instalado");
    }
    ok
}

/// A FET 6.8.5 file of one or more days with one subject `S`: the lists a test names, the
/// compulsory basic constraints, and whatever constraints it adds.
#[derive(Default)]
pub struct FetFixture {
    pub days: u32,
    pub hours: u32,
    pub teachers: Vec<&'static str>,
    pub years: Vec<&'static str>,
    pub tags: Vec<&'static str>,
    pub activities: Vec<String>,
    pub rooms: Vec<String>,
    pub time_constraints: Vec<String>,
    pub space_constraints: Vec<String>,
}

/// One single-hour activity of subject `S`, with an activity tag when `tag` is not empty.
pub fn activity(id: u32, teacher: &str, students: &str, tag: &str) -> String {
    let tag = if tag.is_empty() {
        String::new()
    } else {
        format!("<Activity_Tag>{tag}</Activity_Tag>")
    };
    format!(
        "<Activity><Teacher>{teacher}</Teacher><Subject>S</Subject>{tag}<Students>{students}</Students><Duration>1</Duration><Total_Duration>1</Total_Duration><Id>{id}</Id><Activity_Group_Id>0</Activity_Group_Id><Active>true</Active><Comments></Comments></Activity>"
    )
}

/// A real room of unbounded capacity.
pub fn real_room(name: &str) -> String {
    format!(
        "<Room><Name>{name}</Name><Building></Building><Capacity>30000</Capacity><Virtual>false</Virtual><Comments></Comments></Room>"
    )
}

impl FetFixture {
    pub fn to_xml(&self) -> String {
        let list = |tag: &str, names: &[&str], extra: &str| -> String {
            names
                .iter()
                .map(|n| format!("<{tag}><Name>{n}</Name>{extra}</{tag}>"))
                .collect()
        };
        let days: Vec<String> = (1..=self.days).map(|d| format!("D{d}")).collect();
        let hours: Vec<String> = (1..=self.hours).map(|h| format!("H{h}")).collect();
        let names = |v: &[String]| {
            v.iter()
                .map(|s| format!("<Name>{s}</Name>"))
                .collect::<Vec<_>>()
        };
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<fet version="6.8.5">
<Institution_Name>x</Institution_Name>
<Days_List><Number_of_Days>{}</Number_of_Days>{}</Days_List>
<Hours_List><Number_of_Hours>{}</Number_of_Hours>{}</Hours_List>
<Subjects_List><Subject><Name>S</Name></Subject></Subjects_List>
<Activity_Tags_List>{}</Activity_Tags_List>
<Teachers_List>{}</Teachers_List>
<Students_List>{}</Students_List>
<Activities_List>
{}
</Activities_List>
<Buildings_List></Buildings_List>
<Rooms_List>
{}
</Rooms_List>
<Time_Constraints_List>
<ConstraintBasicCompulsoryTime><Weight_Percentage>100</Weight_Percentage><Active>true</Active><Comments></Comments></ConstraintBasicCompulsoryTime>
{}
</Time_Constraints_List>
<Space_Constraints_List>
<ConstraintBasicCompulsorySpace><Weight_Percentage>100</Weight_Percentage><Active>true</Active><Comments></Comments></ConstraintBasicCompulsorySpace>
{}
</Space_Constraints_List>
</fet>
"#,
            self.days,
            names(&days)
                .iter()
                .map(|n| format!("<Day>{n}</Day>"))
                .collect::<String>(),
            self.hours,
            names(&hours)
                .iter()
                .map(|n| format!("<Hour>{n}</Hour>"))
                .collect::<String>(),
            list("Activity_Tag", &self.tags, "<Printable>true</Printable>"),
            list("Teacher", &self.teachers, ""),
            list(
                "Year",
                &self.years,
                "<Number_of_Students>10</Number_of_Students>"
            ),
            self.activities.join("\n"),
            self.rooms.join("\n"),
            self.time_constraints.join("\n"),
            self.space_constraints.join("\n"),
        )
    }
}

/// Solves `text` with one thread, `seed` and a step budget until no hard violation is left,
/// then has FET itself check the timetable; panics with FET's message when it refuses.
pub fn solve_and_have_fet_accept(text: &str, seed: u64, steps: u64, name: &str) {
    let params = FetSolveParams {
        time_limit_s: 60.0,
        seed,
        threads: 1,
        until_feasible: true,
        max_iterations: Some(steps),
    };
    let solved = solve_fet(text, &params, &|_| {}).unwrap();
    assert_eq!((solved.hard, solved.unplaced), (0, 0), "seed {seed}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("{name}.fet"));
    std::fs::write(&path, text).unwrap();
    let check = verify_places(&path, &solved.places, dir.path(), 30).unwrap();
    assert!(
        check.success,
        "seed {seed}: FET rechazó:\n{}",
        check.message
    );
}
