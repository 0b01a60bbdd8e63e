//! TAGS: reading a TAGS line into codes, and naming them from the TAGS
//! handbook list (heuer/topicmaps; see data/SOURCES.md).

use std::sync::OnceLock;

const TAGS: &str = include_str!("../data/tags.tsv");

/// (prefix_key(code), code, kind, name), sorted by code.
fn table() -> &'static [(u64, &'static str, &'static str, &'static str)] {
    static TABLE: OnceLock<Vec<(u64, &'static str, &'static str, &'static str)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        use crate::lines::trim;
        let lines = crate::lines::split_lines(TAGS);
        let mut v = Vec::with_capacity(lines.len());
        for l in &lines {
            let raw = TAGS.get(l.start..l.end).unwrap_or("");
            if raw.starts_with('#') {
                continue;
            }
            // `raw.split('\t')`'s first three fields (memchr: no char searcher per line).
            let b = raw.as_bytes();
            let Some(t1) = memchr::memchr(b'\t', b) else { continue };
            let Some(t2) = memchr::memchr(b'\t', &b[t1 + 1..]).map(|k| t1 + 1 + k) else { continue };
            let t3 = memchr::memchr(b'\t', &b[t2 + 1..]).map_or(b.len(), |k| t2 + 1 + k);
            let (code, kind, name) = (&raw[..t1], &raw[t1 + 1..t2], &raw[t2 + 1..t3]);
            let code = trim(code);
            v.push((crate::lines::prefix_key(code), (code, trim(kind), trim(name))));
        }
        // The order of the triples, mostly decided by the keys.
        v.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        v.into_iter().map(|(k, (code, kind, name))| (k, code, kind, name)).collect()
    })
}

/// Kind and name of a known code.
pub fn lookup(code: &str) -> Option<(&'static str, &'static str)> {
    let t = table();
    // Ordered as by the codes alone (they hold no NUL), so the search probes
    // the same entries as a search by code; most probes are settled by the
    // keys, with no string compare (this runs for every TAGS word, and for
    // every piece of a run-together one).
    let key = crate::lines::prefix_key(code);
    t.binary_search_by(|(k, c, _, _)| k.cmp(&key).then_with(|| (*c).cmp(code))).ok().map(|i| (t[i].2, t[i].3))
}

/// One tag as read from the line: its text and byte range within the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTag {
    /// Code or free text.
    pub code: String,
    /// `subject`, `program`, ..., `free-text` or `unknown`.
    pub kind: &'static str,
    /// Handbook name.
    pub name: Option<&'static str>,
    /// Byte range in the text given to [`read_tags`].
    pub range: (usize, usize),
    /// Set when a run-together word was split (`VEPREL` → `VE`, `PREL`).
    pub split_from: Option<String>,
}

/// Reads the items of a TAGS list (the text after the `TAGS:` keyword,
/// continuation lines included). Known codes stand alone; runs of unknown
/// words form one free-text tag (`CLINTON HILLARY`), broken at commas,
/// semicolons and markdown link brackets (`[PGOV](#)`).
pub fn read_tags(text: &str) -> Vec<RawTag> {
    let mut out: Vec<RawTag> = Vec::new();
    let mut pending: Option<(usize, usize)> = None;
    for (s, e, hard_before) in items(text) {
        let word = &text[s..e];
        let upper = word.to_ascii_uppercase();
        if let Some((kind, name)) = lookup(&upper) {
            flush(text, &mut pending, &mut out);
            out.push(RawTag { code: upper, kind, name: Some(name), range: (s, e), split_from: None });
        } else if let Some(parts) = split_run_together(&upper) {
            flush(text, &mut pending, &mut out);
            let mut at = s;
            for p in parts {
                let (kind, name) = lookup(p).unwrap_or(("unknown", ""));
                out.push(RawTag {
                    code: p.to_string(),
                    kind,
                    name: Some(name),
                    range: (at, at + p.len()),
                    split_from: Some(upper.clone()),
                });
                at += p.len();
            }
        } else {
            if hard_before {
                flush(text, &mut pending, &mut out);
            }
            pending = Some(match pending {
                Some((ps, _)) => (ps, e),
                None => (s, e),
            });
        }
    }
    flush(text, &mut pending, &mut out);
    out
}

/// Words of a TAGS list: (start, end, whether a comma, semicolon or bracket
/// stands before it).
fn items(text: &str) -> Vec<(usize, usize, bool)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut hard = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if matches!(c, b',' | b';' | b'[' | b']') {
            hard = true;
            i += 1;
            continue;
        }
        if c == b'(' && text[i..].starts_with("(#)") {
            hard = true;
            i += 3;
            continue;
        }
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !matches!(b[i], b',' | b';' | b'[' | b']') && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut end = i;
        while end > start && b[end - 1] == b'.' {
            end -= 1;
        }
        if end > start {
            out.push((start, end, hard));
            hard = false;
        }
    }
    out
}

/// Ends a run of unknown words: one free-text tag, or an unknown code.
fn flush(text: &str, pending: &mut Option<(usize, usize)>, out: &mut Vec<RawTag>) {
    let Some((s, e)) = pending.take() else { return };
    let code = text[s..e].split_whitespace().collect::<Vec<_>>().join(" ");
    let single = !code.contains(' ');
    let kind = if single && code.len() <= 6 && code.bytes().all(|c| c.is_ascii_alphanumeric()) {
        "unknown"
    } else {
        "free-text"
    };
    out.push(RawTag { code, kind, name: None, range: (s, e), split_from: None });
}

/// Splits a run-together word into known codes when every part is one
/// (`VEPREL` → `VE` `PREL`); `None` otherwise.
fn split_run_together(word: &str) -> Option<Vec<&str>> {
    if word.len() < 4 || word.len() > 24 || !word.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    // best[i]: a split of word[..i] into known codes (fewest parts).
    let n = word.len();
    let mut best: Vec<Option<Vec<usize>>> = vec![None; n + 1];
    best[0] = Some(Vec::new());
    for i in 0..n {
        let Some(prev) = best[i].clone() else { continue };
        for len in 2..=6.min(n - i) {
            if lookup(&word[i..i + len]).is_some() {
                let mut cuts = prev.clone();
                cuts.push(i + len);
                if best[i + len].as_ref().is_none_or(|b| b.len() > cuts.len()) {
                    best[i + len] = Some(cuts);
                }
            }
        }
    }
    let cuts = best[n].take()?;
    // Two-letter parts alone (`ECIN` = `EC` + `IN`) are too likely by chance.
    let mut prev = 0;
    let has_long = cuts.iter().any(|&c| {
        let long = c - prev >= 4;
        prev = c;
        long
    });
    if cuts.len() < 2 || !has_long {
        return None;
    }
    let mut parts = Vec::new();
    let mut at = 0;
    for c in cuts {
        parts.push(&word[at..c]);
        at = c;
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(s: &str) -> Vec<(String, &'static str)> {
        read_tags(s).into_iter().map(|t| (t.code, t.kind)).collect()
    }

    #[test]
    fn keys_order_codes_as_codes_do() {
        // The key comparison gives the code comparison's order, so the
        // search by key finds what a search by code finds.
        let t = table();
        assert!(t.windows(2).all(|w| w[0].1 <= w[1].1));
        for (k, code, _, _) in t {
            assert_eq!(*k, crate::lines::prefix_key(code));
            assert!(!code.contains('\0'));
            let i = t.binary_search_by(|(_, c, _, _)| (*c).cmp(code)).ok().map(|i| (t[i].2, t[i].3));
            assert_eq!(lookup(code), i);
        }
        for code in ["", "A", "PRE", "PRELX", "ZZZZZZZZZZ", "KPAO1234567", "\u{e9}"] {
            let i = t.binary_search_by(|(_, c, _, _)| (*c).cmp(code)).ok().map(|i| (t[i].2, t[i].3));
            assert_eq!(lookup(code), i, "{code:?}");
        }
    }

    #[test]
    fn forms_of_tags_lines() {
        assert_eq!(codes("[PGOV](#) [KZ](#)"), [("PGOV".into(), "subject"), ("KZ".into(), "geo-country")]);
        assert_eq!(codes("PREL, PGOV, GG").len(), 3);
        let c = codes("PREL PGOV CLINTON HILLARY");
        assert_eq!(c[2], ("CLINTON HILLARY".into(), "free-text"));
        let c = codes("OVIP CLINTON HILLARY PREL KPAL NATO UK, CN");
        assert_eq!(c[1], ("CLINTON HILLARY".into(), "free-text"));
        assert_eq!(c.len(), 7);
        let c = codes("VEPREL");
        assert_eq!(c, [("VE".into(), "geo-country"), ("PREL".into(), "subject")]);
        assert_eq!(codes("PREL, GOI EXTERNAL")[1], ("GOI EXTERNAL".into(), "free-text"));
        assert_eq!(codes("XXYZ")[0].1, "unknown");
    }
}
