use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A wall-clock time of day, minutes since midnight. Clashes between grids of one school are
/// decided on these, never on period numbers: two grids may cut the morning differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(pub u16);

impl ClockTime {
    pub fn new(hour: u16, minute: u16) -> Option<Self> {
        (hour < 24 && minute < 60).then_some(ClockTime(hour * 60 + minute))
    }
    /// Parses "7:00", "07:00" or "13:40".
    pub fn parse(text: &str) -> Option<Self> {
        let (h, m) = text.trim().split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        Self::new(h.parse().ok()?, m.parse().ok()?)
    }
    pub fn minutes(self) -> u16 {
        self.0
    }
}

impl std::fmt::Display for ClockTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ClockTime::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("hora inválida '{text}' (use HH:MM)")))
    }
}

/// A half-open interval [start, end) of clock time on one weekday (1 = Monday .. 7 = Sunday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Interval {
    pub day: u8,
    pub start: ClockTime,
    pub end: ClockTime,
}

impl Interval {
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.day == other.day && self.start < other.end && other.start < self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        assert_eq!(ClockTime::parse("7:00").unwrap().to_string(), "07:00");
        assert_eq!(ClockTime::parse("13:40").unwrap().minutes(), 820);
        assert!(ClockTime::parse("24:00").is_none());
        assert!(ClockTime::parse("7:0").is_none());
        assert!(ClockTime::parse("siete").is_none());
    }

    #[test]
    fn overlap_is_by_clock_time() {
        let t = |s| ClockTime::parse(s).unwrap();
        let a = Interval {
            day: 1,
            start: t("7:00"),
            end: t("7:40"),
        };
        let b = Interval {
            day: 1,
            start: t("7:30"),
            end: t("8:15"),
        };
        let c = Interval {
            day: 1,
            start: t("7:40"),
            end: t("8:20"),
        };
        let d = Interval {
            day: 2,
            start: t("7:00"),
            end: t("7:40"),
        };
        assert!(a.overlaps(&b));
        assert!(!a.overlaps(&c), "touching intervals do not clash");
        assert!(!a.overlaps(&d));
    }
}
