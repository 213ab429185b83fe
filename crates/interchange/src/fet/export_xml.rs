//! A small writer for FET's XML: leaf fields, nested pairs (a day and an hour inside a
//! wrapper element) and whole constraint elements, escaped, in FET's own layout.

use std::fmt::Display;
use std::fmt::Write as _;

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// FET writes weights as plain numbers: `100`, `95`, `99.5`.
pub fn weight_text(w: f64) -> String {
    if w.fract() == 0.0 {
        format!("{}", w as i64)
    } else {
        format!("{w}")
    }
}

/// One constraint element being written.
pub struct Element {
    kind: String,
    body: String,
}

impl Element {
    /// `<kind>` with its `Weight_Percentage`.
    pub fn constraint(kind: &str, weight: f64) -> Element {
        let mut e = Element {
            kind: kind.to_string(),
            body: String::new(),
        };
        let _ = writeln!(
            e.body,
            "\t<Weight_Percentage>{}</Weight_Percentage>",
            weight_text(weight)
        );
        e
    }

    /// A leaf field (escaped).
    pub fn field(mut self, name: &str, value: impl Display) -> Element {
        let _ = writeln!(
            self.body,
            "\t<{name}>{}</{name}>",
            escape(&value.to_string())
        );
        self
    }

    /// A leaf field per value, after a count field when `count` names one.
    pub fn list<I, V>(mut self, count: Option<&str>, name: &str, values: I) -> Element
    where
        I: IntoIterator<Item = V>,
        V: Display,
    {
        let values: Vec<String> = values.into_iter().map(|v| v.to_string()).collect();
        if let Some(c) = count {
            self = self.field(c, values.len());
        }
        for v in values {
            self = self.field(name, v);
        }
        self
    }

    /// `<wrapper><a>..</a><b>..</b></wrapper>` per pair, after a count field.
    pub fn pairs(
        mut self,
        count: &str,
        wrapper: &str,
        (a, b): (&str, &str),
        values: &[(String, String)],
    ) -> Element {
        self = self.field(count, values.len());
        for (x, y) in values {
            let _ = write!(
                self.body,
                "\t<{wrapper}>\n\t\t<{a}>{}</{a}>\n\t\t<{b}>{}</{b}>\n\t</{wrapper}>\n",
                escape(x),
                escape(y)
            );
        }
        self
    }

    /// Closes the element with its `Active` flag.
    pub fn finish(self, active: bool) -> String {
        format!(
            "<{k}>\n{}\t<Active>{active}</Active>\n\t<Comments></Comments>\n</{k}>\n",
            self.body,
            k = self.kind
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_nested_pairs_and_escapes() {
        let xml = Element::constraint("ConstraintBreakTimes", 100.0)
            .pairs(
                "Number_of_Break_Times",
                "Break_Time",
                ("Day", "Hour"),
                &[("Lunes".into(), "09:30 & más".into())],
            )
            .finish(true);
        assert!(xml.starts_with("<ConstraintBreakTimes>\n\t<Weight_Percentage>100<"));
        assert!(xml.contains("<Number_of_Break_Times>1</Number_of_Break_Times>"));
        assert!(xml.contains("\t\t<Hour>09:30 &amp; más</Hour>"));
        assert!(xml.ends_with("</ConstraintBreakTimes>\n"));
        assert_eq!(weight_text(99.5), "99.5");
    }
}
