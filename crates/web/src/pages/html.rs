//! Minimal HTML building: every piece of text goes through [`escape`], so names typed by users
//! can never become markup.

use std::fmt::Write;

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#1d2733;background:#f6f7f9}\
header{background:#1f4e79;color:#fff;padding:.6rem 1.2rem;display:flex;justify-content:space-between;align-items:center}\
header form{margin:0}main{padding:1rem 1.2rem;max-width:72rem}\
table{border-collapse:collapse;margin:.4rem 0 1.4rem;background:#fff}\
th,td{border:1px solid #d5dae1;padding:.3rem .6rem;text-align:left}th{background:#eef1f5}\
.error{color:#a4161a}.swatch{display:inline-block;width:.9rem;height:.9rem;border:1px solid #999;vertical-align:middle}\
form.login{background:#fff;padding:1.2rem;max-width:22rem;border:1px solid #d5dae1}\
form.login label{display:block;margin:.5rem 0}form.login input{width:100%;padding:.3rem}";

/// A whole page. `title` is plain text; `body` and `header_extra` are already-built HTML.
pub fn page(title: &str, header_extra: &str, body: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html><html lang=\"es\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t} · BiScheduler</title><style>{STYLE}</style></head>\
         <body><header><strong>BiScheduler</strong>{header_extra}</header><main><h1>{t}</h1>{body}</main></body></html>",
        t = escape(title),
    );
    out
}

/// A table from a header row and rows of already-escaped cells.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("<table><thead><tr>");
    for h in headers {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for cell in row {
            let _ = write!(out, "<td>{cell}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert!(page("<b>", "", "").contains("<h1>&lt;b&gt;</h1>"));
    }
}
