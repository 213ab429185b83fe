//! Words with a fixed meaning in school timetables: weekdays, recesses, non-teaching duties,
//! and section names such as "3ER. AÑO \"A\"" or "1er año".

use domain::names::canonical;

/// 1 = Monday .. 7 = Sunday, from a header such as "Miércoles", "MIERCOLES" or "Lun".
pub fn weekday(text: &str) -> Option<u8> {
    let c = canonical(text).replace('.', "");
    let days = [
        ("LUNES", "LUN"),
        ("MARTES", "MAR"),
        ("MIERCOLES", "MIE"),
        ("JUEVES", "JUE"),
        ("VIERNES", "VIE"),
        ("SABADO", "SAB"),
        ("DOMINGO", "DOM"),
    ];
    days.iter()
        .position(|(full, short)| c == *full || c == *short)
        .map(|i| i as u8 + 1)
}

/// Text without spaces or punctuation, for words spelled out letter by letter ("R  E  C  E  S  O").
fn squeezed(text: &str) -> String {
    canonical(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// A recess or meal: the period holds no lessons.
pub fn is_break(text: &str) -> bool {
    let s = squeezed(text);
    [
        "RECESO", "RECREO", "ALMUERZO", "DESCANSO", "MERIENDA", "RECESSO",
    ]
    .iter()
    .any(|w| s.starts_with(w))
        && s.len() <= 16
}

/// A non-teaching duty written in a teacher's grid (ADMINISTRATIVA, CCM, ...), as the label to
/// keep; `None` for anything else.
pub fn duty(text: &str) -> Option<String> {
    let c = canonical(text);
    let first = c.split([' ', '.', ',']).next().unwrap_or("");
    // ADMINISTRATIVA, ADMINISTRATIVO, ADMINISTRATIVAS and the typo ADMISNISTRATIVA, but not
    // a subject such as "Administración".
    let administrative = ["IVA", "IVO", "IVAS", "IVOS"]
        .iter()
        .any(|e| first.ends_with(e));
    if first.starts_with("ADM") && administrative && !text.trim().contains('\n') {
        return Some("ADMINISTRATIVA".into());
    }
    for word in [
        "CCM",
        "PLANIFICACION",
        "COORDINACION",
        "GUARDIA",
        "REUNION",
        "CONSEJO",
    ] {
        if first == word {
            return Some(word.into());
        }
    }
    None
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SectionLabel {
    pub level: String,
    pub grade: u8,
    /// None when the grade has a single section and the school writes no letter.
    pub letter: Option<String>,
}

impl SectionLabel {
    pub fn letter_or_default(&self) -> String {
        self.letter.clone().unwrap_or_else(|| "A".into())
    }
}

fn ordinal(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    let words = [
        ("PRIMER", 1),
        ("PRIMERO", 1),
        ("SEGUNDO", 2),
        ("TERCER", 3),
        ("TERCERO", 3),
        ("CUARTO", 4),
        ("QUINTO", 5),
        ("SEXTO", 6),
    ];
    if let Some((_, n)) = words.iter().find(|(name, _)| *name == w) {
        return Some(*n);
    }
    let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
    let suffix = &w[digits.len()..];
    let known_suffix = ["", "ER", "ERO", "RO", "DO", "TO", "°", "º", "O"].contains(&suffix);
    if digits.is_empty() || digits.len() > 2 || !known_suffix {
        return None;
    }
    digits.parse().ok().filter(|n| (1..=12).contains(n))
}

/// Reads "1er año", "3ER. AÑO \"A\"", "Tercer Año Sección B", "2do grado" as a section.
pub fn section_label(text: &str) -> Option<SectionLabel> {
    let c = canonical(text).replace(['"', '\'', '«', '»', '(', ')'], " ");
    let words: Vec<&str> = c.split_whitespace().collect();
    let unit = words.iter().position(|w| {
        let w = w.trim_end_matches(['.', ',', ':']);
        w == "AÑO" || w == "ANO" || w == "GRADO"
    })?;
    if unit == 0 {
        return None;
    }
    let grade = ordinal(words[unit - 1])?;
    let level = if words[unit].starts_with("GRADO") {
        "primaria"
    } else {
        "media_general"
    };
    let mut rest = words[unit + 1..]
        .iter()
        .map(|w| w.trim_matches(['.', ',', ':', '-']));
    let mut letter = None;
    for w in rest.by_ref() {
        if w.is_empty() || w == "SECCION" || w == "SECC" {
            continue;
        }
        if w.chars().count() == 1 && w.chars().all(|ch| ch.is_ascii_uppercase()) {
            letter = Some(w.to_string());
        }
        break;
    }
    Some(SectionLabel {
        level: level.into(),
        grade,
        letter,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays() {
        assert_eq!(weekday("Miércoles"), Some(3));
        assert_eq!(weekday("VIERNES "), Some(5));
        assert_eq!(weekday("Lun."), Some(1));
        assert_eq!(weekday("Hora"), None);
    }

    #[test]
    fn breaks_and_duties() {
        assert!(is_break("R  E  C  E  S  O"));
        assert!(is_break("Almuerzo"));
        assert!(!is_break("MATEMÁTICA\nMARÍA NIETO"));
        assert_eq!(duty("ADMISNISTRATIVA").as_deref(), Some("ADMINISTRATIVA"));
        assert_eq!(
            duty("ADMINISTRATIVA   8:20 A 10:00").as_deref(),
            Some("ADMINISTRATIVA")
        );
        assert_eq!(duty("CCM").as_deref(), Some("CCM"));
        assert_eq!(duty("CUARTO GRADO"), None);
        assert_eq!(duty("Administración de Empresas"), None);
    }

    #[test]
    fn section_labels() {
        let l = section_label("3ER. AÑO \"A\"").unwrap();
        assert_eq!((l.grade, l.letter.as_deref()), (3, Some("A")));
        let l = section_label("1er año").unwrap();
        assert_eq!(
            (l.level.as_str(), l.grade, l.letter),
            ("media_general", 1, None)
        );
        let l = section_label("Quinto Año Sección B").unwrap();
        assert_eq!((l.grade, l.letter.as_deref()), (5, Some("B")));
        assert_eq!(section_label("1er. Grado").unwrap().level, "primaria");
        assert_eq!(section_label("4TO AÑO").unwrap().grade, 4);
        assert!(section_label("MATEMÁTICA").is_none());
        assert!(section_label("AÑO ESCOLAR:").is_none());
    }
}
