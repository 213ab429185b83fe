//! Canonical forms of people's and subjects' names, so that "MATEMÁTICA" and " matematica "
//! are recognised as one, and near-identical spellings can be proposed as merges.

/// Upper case, accents removed, inner spaces collapsed: "  José  Pérez " → "JOSE PEREZ".
pub fn canonical(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            out.extend(strip_accent(c).to_uppercase());
        }
    }
    out
}

fn strip_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' | 'Á' | 'À' | 'Ä' | 'Â' => 'a',
        'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' | 'Ó' | 'Ò' | 'Ö' | 'Ô' => 'o',
        'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => 'u',
        other => other,
    }
}

/// Levenshtein distance between two canonical names, for proposing merges of near-identical
/// spellings (GIOVANNY/GIOVANNI, FLORMAR HERNANDEZ/HENANDEZ).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_forms() {
        assert_eq!(canonical("  José   Pérez "), "JOSE PEREZ");
        assert_eq!(canonical("MATEMÁTICA"), canonical("matematica"));
        assert_eq!(canonical("Educación  Física"), "EDUCACION FISICA");
        assert_eq!(canonical("Muñoz"), "MUÑOZ");
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("GIOVANNY VEZZA", "GIOVANNI VEZZA"), 1);
        assert_eq!(edit_distance("FLORMAR HERNANDEZ", "FLORMAR HENANDEZ"), 1);
        assert_eq!(edit_distance("STEFANY ROMERO", "ESTEFANY ROMERO"), 1);
        assert_eq!(edit_distance("MATEMATICA", "MATEMATICAS"), 1);
        assert_eq!(edit_distance("", "ABC"), 3);
    }
}
