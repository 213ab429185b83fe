//! What Media General teaches: the subjects and, per year, periods and block patterns.
//!
//! Shaped like the 2017 Venezuelan plan as schools actually run it: mostly double periods,
//! 44–46 lesson-periods a week per section, so the 40 morning periods are full and a few
//! afternoon periods are used.

use domain::RoomKind;

/// A subject of the catalogue; `department` groups the subjects one teacher can teach.
pub(super) struct SubjectDef {
    pub name: &'static str,
    pub short: &'static str,
    pub colour: &'static str,
    pub department: usize,
    pub room_kind: Option<RoomKind>,
}

pub(super) const SUBJECTS: [SubjectDef; 16] = [
    def("Castellano", "CAST", "#E57373", 0, None),
    def("Matemática", "MAT", "#64B5F6", 1, None),
    def("Inglés", "ING", "#81C784", 2, None),
    def("Ciencias Naturales", "CCNN", "#4DB6AC", 3, None),
    def("Biología", "BIO", "#AED581", 3, None),
    def("Ciencias de la Tierra", "CT", "#A1887F", 3, None),
    def("Física", "FIS", "#7986CB", 4, None),
    def("Química", "QUIM", "#BA68C8", 5, Some(RoomKind::Laboratorio)),
    def(
        "Geografía, Historia y Ciudadanía",
        "GHC",
        "#FFB74D",
        6,
        None,
    ),
    def("Historia", "HIST", "#FF8A65", 6, None),
    def("Geografía", "GEO", "#DCE775", 6, None),
    def("Formación para la Soberanía", "FSN", "#90A4AE", 6, None),
    def(
        "Educación Física",
        "EF",
        "#4FC3F7",
        7,
        Some(RoomKind::Cancha),
    ),
    def("Arte y Patrimonio", "ARTE", "#F06292", 8, None),
    def("Orientación y Convivencia", "ORI", "#FFD54F", 9, None),
    def(
        "Informática",
        "INF",
        "#9575CD",
        10,
        Some(RoomKind::SalaComputacion),
    ),
];

/// Department names, indexed by `SubjectDef::department` (used for teachers' specialities).
pub(super) const DEPARTMENTS: usize = 11;

const fn def(
    name: &'static str,
    short: &'static str,
    colour: &'static str,
    department: usize,
    room_kind: Option<RoomKind>,
) -> SubjectDef {
    SubjectDef {
        name,
        short,
        colour,
        department,
        room_kind,
    }
}

/// One line of a year's plan: subject (index into `SUBJECTS`) and its block pattern.
pub(super) type PlanLine = (usize, &'static [u8]);

const D3: &[u8] = &[2, 2, 2];
const D2: &[u8] = &[2, 2];
const D21: &[u8] = &[2, 1];
const D221: &[u8] = &[2, 2, 1];
const D1: &[u8] = &[2];

/// Year 1 to 5 of Media General.
pub(super) fn plan(grade: u8) -> &'static [PlanLine] {
    const YEAR1: &[PlanLine] = &[
        (0, D3),
        (1, D3),
        (2, D2),
        (3, D3),
        (8, D3),
        (13, D2),
        (12, D3),
        (14, D1),
        (15, D2),
    ];
    const YEAR2: &[PlanLine] = &[
        (0, D3),
        (1, D3),
        (2, D221),
        (3, D3),
        (8, D3),
        (13, D2),
        (12, D3),
        (14, D1),
        (15, D21),
    ];
    const YEAR3: &[PlanLine] = &[
        (0, D221),
        (1, D3),
        (2, D2),
        (4, D2),
        (6, D2),
        (7, D2),
        (8, D3),
        (12, D3),
        (14, D1),
        (13, D21),
        (15, D1),
    ];
    const YEAR4: &[PlanLine] = &[
        (0, D2),
        (1, D3),
        (2, D2),
        (4, D2),
        (6, D2),
        (7, D2),
        (9, D2),
        (10, D21),
        (11, D1),
        (12, D3),
        (14, D1),
        (15, D1),
    ];
    const YEAR5: &[PlanLine] = &[
        (0, D2),
        (1, D3),
        (2, D2),
        (4, D2),
        (6, D2),
        (7, D2),
        (5, D21),
        (9, D21),
        (11, D21),
        (12, D2),
        (14, D1),
        (10, D1),
        (15, D1),
    ];
    match grade {
        1 => YEAR1,
        2 => YEAR2,
        3 => YEAR3,
        4 => YEAR4,
        _ => YEAR5,
    }
}

/// Lesson-periods a week of one section of `grade`.
pub(super) fn weekly_periods(grade: u8) -> u32 {
    plan(grade)
        .iter()
        .map(|(_, blocks)| blocks.iter().map(|&b| b as u32).sum::<u32>())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_year_fills_the_mornings_and_some_afternoons() {
        for grade in 1..=5 {
            let total = weekly_periods(grade);
            assert!((44..=46).contains(&total), "año {grade}: {total}");
            let plan = plan(grade);
            let mut seen = std::collections::BTreeSet::new();
            for (subject, blocks) in plan {
                assert!(seen.insert(*subject), "año {grade} repite una asignatura");
                assert!(blocks.len() <= 5, "a subject meets at most once a day");
            }
        }
    }

    #[test]
    fn departments_are_in_range() {
        assert!(SUBJECTS.iter().all(|s| s.department < DEPARTMENTS));
        assert!(SUBJECTS.iter().all(|s| s.short.chars().count() <= 12));
    }
}
