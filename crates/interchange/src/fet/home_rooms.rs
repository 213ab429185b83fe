//! Which activities a FET home room reaches, defined once for the import and the export: a
//! round trip must select the same lessons both ways.

use super::export::ActivityOut;
use super::model::FetActivity;

/// Whose home room: a teacher's or a students set's.
#[derive(Clone, Copy, Debug)]
pub enum Home {
    Teacher,
    Students,
}

/// An activity's teachers and students sets, as FET names them.
pub trait People {
    fn teachers(&self) -> &[String];
    fn students(&self) -> &[String];
}

impl People for FetActivity {
    fn teachers(&self) -> &[String] {
        &self.teachers
    }
    fn students(&self) -> &[String] {
        &self.students
    }
}

impl People for ActivityOut {
    fn teachers(&self) -> &[String] {
        &self.teachers
    }
    fn students(&self) -> &[String] {
        &self.students
    }
}

/// Whether the home room of `name` (a teacher or a students set) reaches the activity: only
/// when the activity has exactly that one teacher, or exactly that one students set. fet-cl
/// 6.8.5 on a small file gives no home room to an activity of two teachers, of two sets, or
/// of a group of the year with the home room; its own timetable of vmg-20180901b-2 leaves 70
/// activities of a home-room teacher shared with another teacher roomless, and puts every
/// one-teacher activity in the home room.
pub fn reaches(home: Home, name: &str, a: &impl People) -> bool {
    let people = match home {
        Home::Teacher => a.teachers(),
        Home::Students => a.students(),
    };
    matches!(people, [only] if only == name)
}
