//! Damaged and nonsensical workbooks: the importer never panics, and either gives a school that
//! validates or rejects the whole import with messages — never a part of a school.

mod common;

use common::{Rng, workbook};
use interchange::{ImportOptions, InputFile, import};

fn check(name: &str, bytes: &[u8]) {
    match import(&[InputFile { name, bytes }], &ImportOptions::default()) {
        Ok(imported) => assert!(
            imported.school.validate().is_ok(),
            "an accepted import validates"
        ),
        Err(e) => assert!(!e.problems().is_empty(), "a rejection says why: {e}"),
    }
}

fn seed_workbook() -> Vec<u8> {
    let real = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ueipab/student_schedule_2025_2026.xlsx"
    );
    std::fs::read(real).unwrap_or_else(|_| {
        workbook(&[(
            "1er año",
            vec![
                vec!["Hora", "Lunes", "Martes", "Miércoles"],
                vec![
                    "7:00 - 7:40",
                    "MATEMÁTICA\nMARÍA NIETO\n(Aula 1)",
                    "Inglés - Ana",
                ],
            ],
        )])
    })
}

#[test]
fn flipped_bytes_and_truncations_never_panic() {
    let original = seed_workbook();
    let mut rng = Rng::new(0x5EED);
    for case in 0..120 {
        let mut bytes = original.clone();
        if case % 4 == 0 {
            bytes.truncate(rng.below(bytes.len()));
        } else {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(bytes.len());
                bytes[i] ^= 1 << rng.below(8);
            }
        }
        check("mangled.xlsx", &bytes);
    }
}

const PIECES: &[&str] = &[
    "MATEMÁTICA",
    "Física",
    " - ",
    " / ",
    "\n",
    "(Aula 3)",
    "(",
    ")",
    "Ana Pérez",
    "R E C E S O",
    "Almuerzo",
    "ADMINISTRATIVA",
    "CCM",
    "7:00",
    "13:40",
    "1:00 - 1:40",
    " a ",
    "Lunes",
    "Viernes",
    "3er año B",
    "PROFESOR(A):",
    "Hora",
    "",
    "",
    "",
    "99:99",
    "Sección",
    "Docente",
    "Nombre",
    ":",
];

fn random_text(rng: &mut Rng) -> String {
    (0..rng.below(4))
        .map(|_| PIECES[rng.below(PIECES.len())])
        .collect()
}

#[test]
fn random_cell_text_never_panics() {
    let mut rng = Rng::new(42);
    for _ in 0..150 {
        let header: Vec<String> = ["Hora", "Lunes", "Martes", "Miércoles", "Jueves", "Viernes"]
            .iter()
            .map(|h| {
                if rng.below(8) == 0 {
                    random_text(&mut rng)
                } else {
                    h.to_string()
                }
            })
            .collect();
        let mut rows: Vec<Vec<String>> = vec![vec![random_text(&mut rng)], header];
        for _ in 0..rng.below(8) {
            rows.push((0..6).map(|_| random_text(&mut rng)).collect());
        }
        let names = ["1er año A", "Hoja1", "ANA PÉREZ", "docentes"];
        let name = names[rng.below(names.len())];
        let borrowed: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        check("aleatorio.xlsx", &workbook(&[(name, borrowed)]));
        let csv: String = rows.iter().map(|r| r.join(";") + "\n").collect();
        check("aleatorio.csv", csv.as_bytes());
    }
}
