//! A minimal indenting XML emitter (tab-indented like the published archives).

pub(crate) struct XmlOut {
    out: String,
    stack: Vec<&'static str>,
}

impl XmlOut {
    pub fn new() -> Self {
        XmlOut {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            stack: Vec::new(),
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.stack.len() {
            self.out.push('\t');
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_into(&mut self.out, v);
            self.out.push('"');
        }
    }

    /// Opens `<name attrs>`; close it with [`XmlOut::close`].
    pub fn open(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self.stack.push(name);
    }

    pub fn close(&mut self) {
        let name = self.stack.pop().expect("close without open");
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `<name attrs/>`
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str("/>\n");
    }

    /// `<name Reference="reference"/>`
    pub fn reference(&mut self, name: &str, reference: &str) {
        self.empty(name, &[("Reference", reference)]);
    }

    /// `<name>text</name>`
    pub fn text(&mut self, name: &str, text: &str) {
        self.start_tag(name, &[]);
        self.out.push('>');
        escape_into(&mut self.out, text);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    pub fn opt_text(&mut self, name: &str, text: Option<&str>) {
        if let Some(t) = text {
            self.text(name, t);
        }
    }

    pub fn num(&mut self, name: &str, value: impl std::fmt::Display) {
        self.text(name, &value.to_string());
    }

    /// `<list><item Reference="r"/>...</list>`, nothing when `refs` is empty.
    pub fn references<'s>(
        &mut self,
        list: &'static str,
        item: &str,
        refs: impl IntoIterator<Item = &'s str>,
    ) {
        let mut refs = refs.into_iter().peekable();
        if refs.peek().is_none() {
            return;
        }
        self.open(list, &[]);
        for r in refs {
            self.reference(item, r);
        }
        self.close();
    }

    pub fn finish(self) -> String {
        debug_assert!(self.stack.is_empty(), "unclosed elements");
        self.out
    }
}

fn escape_into(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}
