//! Times of day as schools write them: "7:00:00 - 7:40:00", "07:30 a 08:30", "1:00 - 1:40"
//! (12-hour without am/pm), "2:15 p.m.".

use domain::ClockTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawTime {
    pub hour: u16,
    pub minute: u16,
    /// Some(true) for p.m., Some(false) for a.m., None when not written.
    pub pm: Option<bool>,
}

/// Every "H:MM" or "HH:MM[:SS]" in the text, in order.
pub fn time_tokens(text: &str) -> Vec<RawTime> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        let hour_len = j - i;
        let has_minutes = j + 2 < chars.len()
            && chars[j] == ':'
            && chars[j + 1].is_ascii_digit()
            && chars[j + 2].is_ascii_digit()
            && chars.get(j + 3).is_none_or(|c| !c.is_ascii_digit());
        if !(1..=2).contains(&hour_len) || !has_minutes {
            i = j.max(i + 1);
            continue;
        }
        let hour: u16 = digits(&chars[i..j]);
        let minute: u16 = digits(&chars[j + 1..j + 3]);
        let mut k = j + 3;
        // Seconds are written by some spreadsheets ("7:00:00") and carry nothing.
        if k + 2 < chars.len()
            && chars[k] == ':'
            && chars[k + 1].is_ascii_digit()
            && chars[k + 2].is_ascii_digit()
        {
            k += 3;
        }
        let rest: String = chars[k..].iter().take(6).collect::<String>().to_lowercase();
        let rest = rest.trim_start();
        let pm = if rest.starts_with("pm") || rest.starts_with("p.m") || rest.starts_with("p. m") {
            Some(true)
        } else if rest.starts_with("am") || rest.starts_with("a.m") || rest.starts_with("a. m") {
            Some(false)
        } else {
            None
        };
        if hour < 24 && minute < 60 {
            out.push(RawTime { hour, minute, pm });
        }
        i = k;
    }
    out
}

fn digits(chars: &[char]) -> u16 {
    chars
        .iter()
        .fold(0u16, |acc, c| acc * 10 + c.to_digit(10).unwrap_or(0) as u16)
}

/// The clock time meant. Schools do not teach before 6:00, so an hour from 1 to 6 without
/// "a.m." is an afternoon hour, even in a grid that writes "13:00" elsewhere (schools mix both
/// forms in one column: "12:40 - 13:00" then "1:00 - 1:40"). On a 12-hour clock "12:xx" is
/// noon either way.
pub fn resolve(t: RawTime) -> Option<ClockTime> {
    let hour = match t.pm {
        Some(true) if t.hour < 12 => t.hour + 12,
        Some(false) if t.hour == 12 => 0,
        None if (1..=6).contains(&t.hour) => t.hour + 12,
        _ => t.hour,
    };
    ClockTime::new(hour, t.minute)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock(text: &str) -> Vec<String> {
        time_tokens(text)
            .into_iter()
            .map(|t| resolve(t).unwrap().to_string())
            .collect()
    }

    #[test]
    fn forms_schools_write() {
        assert_eq!(clock("7:00:00 - 7:40:00"), ["07:00", "07:40"]);
        assert_eq!(clock("07:30 a 08:30"), ["07:30", "08:30"]);
        assert_eq!(clock("12:40 - 1:00"), ["12:40", "13:00"]);
        assert_eq!(clock("1:40:00 - 2:20:00"), ["13:40", "14:20"]);
        assert_eq!(clock("2:15 p.m. a 3:00 pm"), ["14:15", "15:00"]);
        assert_eq!(clock("13:00-13:45"), ["13:00", "13:45"]);
        assert_eq!(
            clock("12:40:00 - 13:00:00 1:00:00"),
            ["12:40", "13:00", "13:00"]
        );
        assert!(time_tokens("Aula 12").is_empty());
        assert!(time_tokens("123:45").is_empty());
    }
}
