//! Pathological inputs for `analyze`, each built at any size: shared by
//! `benches/pathological.rs` (time per MB must stay flat) and
//! `tests/regressions.rs` (each runs once at 1 MB without panicking).

/// A cable head, so that what follows is read as a body.
const HEAD: &str = "UNCLAS ALMATY 004123\n\nSUBJECT: TEST\n\n";
/// A cable head without the subject (for inputs that are the header).
const BANNER: &str = "UNCLAS ALMATY 004123\n\n";

/// `prefix`, then `unit` repeated up to `size` bytes in all, then `suffix`.
fn fill(prefix: &str, unit: &str, suffix: &str, size: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(size + suffix.len());
    v.extend_from_slice(prefix.as_bytes());
    while v.len() + unit.len() <= size.saturating_sub(suffix.len()).max(prefix.len() + unit.len()) {
        v.extend_from_slice(unit.as_bytes());
    }
    v.extend_from_slice(suffix.as_bytes());
    v
}

fn digits(size: usize) -> Vec<u8> {
    (0..size).map(|i| b"0123456789"[i % 10]).collect()
}

fn viewer_pre(size: usize) -> Vec<u8> {
    let prefix = "<html><body><h3>Viewing cable 05ALMATY4123, TEST</h3><table class='cable'><tr><th>Reference ID</th>\
<th>Created</th></tr><tr><td>05ALMATY4123</td><td>2005-11-29 10:10</td></tr></table>\
<code><pre>UNCLAS ALMATY 004123&#x000A;";
    fill(prefix, "&#x000A;", "</pre></code></body></html>", size)
}

fn csv_escapes(size: usize) -> Vec<u8> {
    let prefix = "\"1\",\"11/29/2005 10:10\",\"05ALMATY4123\",\"Embassy Almaty\",\"UNCLASSIFIED\",\"\",\"\",\"UNCLAS ALMATY 004123\n\n1. ";
    fill(prefix, "\\\"", "\"\n", size)
}

/// Builds an input of about the given size in bytes.
pub type Build = fn(usize) -> Vec<u8>;

/// Every pathological input: a name and its builder.
pub fn all() -> Vec<(&'static str, Build)> {
    vec![
        ("one-line-words", |n| fill("", "LOREM ipsum DOLOR sit amet ", "", n)),
        ("ref-a-repeated", |n| fill(HEAD, "REF: A. ", "", n)),
        ("digits", digits),
        ("digit-groups", |n| fill(HEAD, "1,000,", "\n", n)),
        ("para-1-lines", |n| fill(HEAD, "1. \n", "", n)),
        ("para-11-c-lines", |n| fill(HEAD, "11. (C) \n", "", n)),
        ("note-openers", |n| fill(HEAD, "(Note: ", "", n)),
        ("note-opener-lines", |n| fill(HEAD, "1. (Note: text\n", "", n)),
        ("summary-openers", |n| fill(HEAD, "SUMMARY: ", "", n)),
        ("summary-opener-lines", |n| fill(HEAD, "1. SUMMARY: text\n\n", "", n)),
        ("x-run", |n| fill(HEAD, "XXXXXXXXXX", "\n", n)),
        ("x-tokens", |n| fill(HEAD, "XXXXXX ", "\n", n)),
        ("huge-tags", |n| fill(&format!("{BANNER}TAGS: "), "PREL, PGOV, ", "\n\n1. Text.\n", n)),
        ("huge-subject", |n| fill(&format!("{BANNER}SUBJECT: "), "A LONG SUBJECT LINE\n", "", n)),
        ("viewer-pre-newlines", viewer_pre),
        ("csv-quote-escapes", csv_escapes),
        ("dash-line", |n| fill(HEAD, "-", "\n", n)),
        ("open-parens", |n| fill(HEAD, "(", "", n)),
        ("blank-lines", |n| fill(HEAD, "\n", "", n)),
        ("percent-words", |n| fill(HEAD, "5 percent of $3 million ", "", n)),
        ("many-cables", |n| fill("", "UNCLAS ALMATY 004123\n\n1. Text.\n\n", "", n)),
        ("end-markers", |n| fill(HEAD, "1. Text.\nNNNN\n", "", n)),
        ("page-breaks", |n| fill(HEAD, "1. Text\nALMATY 00004123 002 OF 004\n", "", n)),
        ("cr-soup", |n| fill(HEAD, "\r", "", n)),
        ("csv-many-rows", |n| fill("", "\"1\",\"1/2/2005 3:04\",\"05X1\",\"E\",\"SECRET\",\"\",\"\",\"X\"\n", "", n)),
        ("viewer-many-pre", |n| {
            let mut v = viewer_pre(200);
            v.truncate(v.len() - "</pre></code></body></html>".len());
            let mut v = fill(&String::from_utf8_lossy(&v), "</pre><pre>1. A&amp;B\n", "</pre>", n);
            v.shrink_to_fit();
            v
        }),
        ("html-open-tags", |n| fill("<html><table class='cable'><pre>", "<a ", "", n)),
    ]
}
