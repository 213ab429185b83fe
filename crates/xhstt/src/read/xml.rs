//! Small helpers over roxmltree that turn every failure into an [`XhsttError::Invalid`] naming the
//! element, the nearest id and the line.

use std::collections::HashMap;
use std::str::FromStr;

use roxmltree::{Document, Node};

use crate::error::XhsttError;

/// Wraps the parsed document so errors can compute line numbers.
pub(crate) struct Ctx<'a, 'i> {
    pub doc: &'a Document<'i>,
}

impl<'a, 'i> Ctx<'a, 'i> {
    pub fn err(&self, node: Node<'a, 'i>, message: impl Into<String>) -> XhsttError {
        let id = node
            .ancestors()
            .find_map(|n| n.attribute("Id"))
            .unwrap_or_default()
            .to_string();
        let line = self.doc.text_pos_at(node.range().start).row;
        XhsttError::Invalid {
            element: node.tag_name().name().to_string(),
            id,
            line,
            message: message.into(),
        }
    }

    pub fn attr(&self, node: Node<'a, 'i>, name: &str) -> Result<&'a str, XhsttError> {
        node.attribute(name).ok_or_else(|| {
            self.err(
                node,
                format!("falta el atributo / missing attribute {name}"),
            )
        })
    }

    pub fn req_child(&self, node: Node<'a, 'i>, name: &str) -> Result<Node<'a, 'i>, XhsttError> {
        child(node, name).ok_or_else(|| {
            self.err(
                node,
                format!("falta el elemento / missing element <{name}>"),
            )
        })
    }

    pub fn num<T: FromStr>(&self, node: Node<'a, 'i>) -> Result<T, XhsttError> {
        let t = text(node);
        t.parse()
            .map_err(|_| self.err(node, format!("número inválido / invalid number \"{t}\"")))
    }

    pub fn req_num<T: FromStr>(&self, node: Node<'a, 'i>, name: &str) -> Result<T, XhsttError> {
        self.num(self.req_child(node, name)?)
    }

    pub fn opt_num<T: FromStr>(
        &self,
        node: Node<'a, 'i>,
        name: &str,
    ) -> Result<Option<T>, XhsttError> {
        child(node, name).map(|c| self.num(c)).transpose()
    }

    pub fn opt_bool(&self, node: Node<'a, 'i>, name: &str) -> Result<Option<bool>, XhsttError> {
        let Some(c) = child(node, name) else {
            return Ok(None);
        };
        match text(c).as_str() {
            "true" => Ok(Some(true)),
            "false" => Ok(Some(false)),
            other => Err(self.err(
                c,
                format!("se esperaba true o false / expected true or false, got \"{other}\""),
            )),
        }
    }

    /// Resolves the `Reference` attribute of `node` in `map`; `what` names the referenced kind.
    pub fn reference<T: Copy>(
        &self,
        node: Node<'a, 'i>,
        map: &HashMap<String, T>,
        what: &str,
    ) -> Result<T, XhsttError> {
        let r = self.attr(node, "Reference")?;
        map.get(r).copied().ok_or_else(|| {
            self.err(
                node,
                format!("referencia desconocida / unknown reference: {what} \"{r}\""),
            )
        })
    }

    /// Resolves every `<item Reference>` child of the optional `<list>` child of `node`.
    pub fn references<T: Copy>(
        &self,
        node: Node<'a, 'i>,
        list: &str,
        item: &str,
        map: &HashMap<String, T>,
    ) -> Result<Vec<T>, XhsttError> {
        let Some(l) = child(node, list) else {
            return Ok(Vec::new());
        };
        children(l, item)
            .map(|n| self.reference(n, map, item))
            .collect()
    }

    /// Fails on duplicated ids, which would make references ambiguous.
    pub fn insert_id<T: Copy>(
        &self,
        node: Node<'a, 'i>,
        map: &mut HashMap<String, T>,
        value: T,
    ) -> Result<String, XhsttError> {
        let id = self.attr(node, "Id")?.to_string();
        if map.insert(id.clone(), value).is_some() {
            return Err(self.err(node, format!("Id duplicado / duplicate Id \"{id}\"")));
        }
        Ok(id)
    }
}

/// Element children of `node` named `name`.
pub(crate) fn children<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// First element child of `node` named `name`.
pub(crate) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// Trimmed text content of `node` (all text descendants).
pub(crate) fn text(node: Node) -> String {
    let mut s = String::new();
    for d in node.descendants().filter(|d| d.is_text()) {
        s.push_str(d.text().unwrap_or_default());
    }
    s.trim().to_string()
}

/// Trimmed text of the optional child `name`.
pub(crate) fn opt_text(node: Node, name: &str) -> Option<String> {
    child(node, name).map(text)
}

/// Trimmed text of the child `name`, empty when absent (metadata fields are lenient on purpose:
/// they never affect evaluation).
pub(crate) fn text_or_empty(node: Node, name: &str) -> String {
    opt_text(node, name).unwrap_or_default()
}
