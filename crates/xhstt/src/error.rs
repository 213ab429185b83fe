//! The crate's single error type.

/// Everything that can go wrong reading an XHSTT archive. Messages are Spanish first (es-VE), with the
/// English gist after a slash, and always name the element, its id (or the nearest enclosing one) and
/// the line, so the caller only has to add the file name.
#[derive(Debug, thiserror::Error)]
pub enum XhsttError {
    /// The text is not well-formed XML.
    #[error("XML mal formado / malformed XML: {0}")]
    Xml(#[from] roxmltree::Error),
    /// The XML is well-formed but does not follow the XHSTT-2014 format.
    #[error("línea {line}: <{element}>{}: {message}", id_suffix(id))]
    Invalid {
        /// Name of the offending element, e.g. `Event`.
        element: String,
        /// The `Id` of the element, or of its nearest ancestor that has one; empty if none.
        id: String,
        /// 1-based line of the element's start tag.
        line: u32,
        /// What is wrong.
        message: String,
    },
}

fn id_suffix(id: &str) -> String {
    if id.is_empty() {
        String::new()
    } else {
        format!(" (Id \"{id}\")")
    }
}
