//! WikiLeaks cable-viewer pages: the metadata table, and the two `<pre>`
//! blocks (transmission header, body) as text with tags removed and entities
//! decoded, mapped back to the page's bytes.

use crate::mapped::Mapped;
use crate::model::Metadata;

/// What a viewer page holds.
#[derive(Debug, Clone)]
pub struct Page {
    /// The metadata table (and the `Viewing cable ID, SUBJECT` heading).
    pub metadata: Metadata,
    /// The header and body `<pre>` texts, one after the other.
    pub body: Mapped,
}

/// Reads a viewer page; `None` when `text` is not one.
pub fn read_page(text: &Mapped) -> Option<Page> {
    let s = text.as_str();
    // Only an HTML document can be a viewer page.
    if !s.trim_start().starts_with('<') {
        return None;
    }
    let table_at = s.find("<table class='cable'>").or_else(|| s.find("<table class=\"cable\">"))?;
    let table_end = s[table_at..].find("</table>").map_or(s.len(), |k| table_at + k + "</table>".len());
    let table = &s[table_at..table_end];
    let heads: Vec<String> = cells(table, "<th").into_iter().map(|(a, b)| strip(&table[a..b])).collect();
    let vals: Vec<String> = cells(table, "<td").into_iter().map(|(a, b)| strip(&table[a..b])).collect();
    let get = |name: &str| {
        heads
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .and_then(|i| vals.get(i))
            .cloned()
            .filter(|v| !v.is_empty())
    };
    let mut meta_start = table_at;
    let subject = s[..table_at].rfind("Viewing cable ").and_then(|v| {
        let line_end = s[v..].find("</h3>").map(|k| v + k)?;
        let inner = &s[v + "Viewing cable ".len()..line_end];
        let h3 = s[..v].rfind("<h3>").unwrap_or(v);
        meta_start = h3;
        inner.split_once(", ").map(|(_, subj)| decode_entities(subj.trim()))
    });
    let metadata = Metadata {
        reference_id: get("Reference ID"),
        created: get("Created"),
        released: get("Released"),
        classification: get("Classification"),
        origin: get("Origin"),
        subject,
        references: Vec::new(),
        span: text.span(meta_start, table_end),
    };
    let mut body = Mapped::with_capacity(s.len() / 2, 64);
    let mut at = table_end;
    while let Some(open) = s[at..].find("<pre>") {
        let start = at + open + "<pre>".len();
        let end = s[start..].find("</pre>").map_or(s.len(), |k| start + k);
        if !body.is_empty() {
            body.push_synthetic("\n", text.src_start(start));
        }
        // The malformed cablemap pages hold tab-separated dump rows whose
        // lines end in a backslash: read those as lines.
        let dump_row = s[start..end].matches("\\&#x000A;").nth(3).is_some();
        append_pre(text, start, end, dump_row, &mut body);
        at = end;
    }
    if body.is_empty() {
        // No text: it stands after the table, not at offset 0.
        body = Mapped::identity("", text.src_end(table_end));
    }
    Some(Page { metadata, body })
}

/// Inner ranges of the `<tag ...>...</tag>` cells in `table`.
fn cells(table: &str, open: &str) -> Vec<(usize, usize)> {
    let close = format!("</{}>", &open[1..]);
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(k) = table[at..].find(open) {
        let gt = match table[at + k..].find('>') {
            Some(g) => at + k + g + 1,
            None => break,
        };
        let end = table[gt..].find(&close).map_or(table.len(), |e| gt + e);
        out.push((gt, end));
        at = end;
    }
    out
}

/// Text of an HTML fragment: tags removed, entities decoded, trimmed.
fn strip(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    decode_entities(out.trim())
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if let Some((ch, len)) = entity_at(&s[i..]) {
            out.push(ch);
            i += len;
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// Decodes an HTML entity at the start of `s`: the character and its length.
fn entity_at(s: &str) -> Option<(char, usize)> {
    if !s.starts_with('&') {
        return None;
    }
    let semi = s[..crate::lines::floor_boundary(s, 12)].find(';')?;
    let name = &s[1..semi];
    let ch = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(num, 16).ok()?)?
    } else if let Some(num) = name.strip_prefix('#') {
        char::from_u32(num.parse().ok()?)?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "para" => '¶',
            _ => return None,
        }
    };
    Some((ch, semi + 1))
}

/// Appends the text of `<pre>` content `s[start..end]`: tags dropped,
/// entities decoded, each piece mapped to its source bytes.
fn append_pre(text: &Mapped, start: usize, end: usize, dump_row: bool, out: &mut Mapped) {
    let s = text.as_str();
    let b = s.as_bytes();
    let mut i = start;
    let mut run = start;
    let mut buf = [0u8; 4];
    while i < end {
        match b[i] {
            b'<' => {
                out.push_slice(text, run..i);
                let close = s[i..end].find('>').map_or(end, |k| i + k + 1);
                i = close;
                run = i;
            }
            b'&' => {
                if let Some((ch, len)) = entity_at(&s[i..end]) {
                    out.push_slice(text, run..i);
                    let src = text.src_start(i);
                    out.push_atomic(ch.encode_utf8(&mut buf), src, text.src_end(i + len) - src);
                    i += len;
                    run = i;
                } else {
                    i += 1;
                }
            }
            b'\\' if dump_row && s[i + 1..end].starts_with("&#x000A;") => {
                out.push_slice(text, run..i);
                i += 1;
                run = i;
            }
            b'\t' if dump_row => {
                out.push_slice(text, run..i);
                out.push_atomic("\n", text.src_start(i), 1);
                i += 1;
                run = i;
            }
            _ => i += 1,
        }
    }
    out.push_slice(text, run..end);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_table_and_pre_blocks() {
        let html = "<h3>Viewing cable 07X1, A &amp; B</h3><table class='cable'><tr><th>Reference ID</th><th>Created</th></tr>\
<tr><td><a href='x'>07X1</a></td><td><a>2007-07-20 12:12</a></td></tr></table>\
<code><pre>O 201210Z JUL 07</pre></code><code><pre>UNCLAS X 000001&#x000A;&#x000A;<a id='par1' href='#par1'>¶</a>1. Hi &amp; bye</pre></code>";
        let m = Mapped::identity(html, 0);
        let p = read_page(&m).unwrap();
        assert_eq!(p.metadata.reference_id.as_deref(), Some("07X1"));
        assert_eq!(p.metadata.subject.as_deref(), Some("A & B"));
        assert_eq!(p.body.as_str(), "O 201210Z JUL 07\nUNCLAS X 000001\n\n¶1. Hi & bye");
        let amp = p.body.as_str().rfind('&').unwrap();
        let sp = p.body.span(amp, amp + 1);
        assert_eq!(&html[sp.start as usize..sp.end as usize], "&amp;");
    }
}
