//! The cable's body: numbered paragraphs with portion marks, headings, page
//! breaks, stray `SIPDIS` lines, the signer and end marker, then the repairs
//! and structures read over whole paragraphs (numbering, blocks, redactions).

use crate::lines::{is_blank, is_digits, starts_with_ci};
use crate::markings::{banner_brief, caveat_code, is_portion_mark, portion_mark};
use crate::model::*;
use crate::parse::Cable;

/// A paragraph label at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label<'a> {
    /// Digits as printed (borrowed: this runs on every line).
    pub printed: &'a str,
    /// Bytes from the line's first non-blank byte to the end of the label
    /// and its following spaces.
    pub len: usize,
}

/// Reads `1. `, `¶2. `, `3) ` at the start of `t` (already left-trimmed).
/// `1.4 (b)` is not a label.
#[inline]
pub fn paragraph_label(t: &str) -> Option<Label<'_>> {
    // Cheap rejection, inline (this runs on most lines): a label starts
    // with a digit other than 0, or with the pilcrow.
    match t.as_bytes().first() {
        Some(b'1'..=b'9' | 0xC2) => paragraph_label_at(t),
        _ => None,
    }
}

/// [`paragraph_label`] past its first-byte test.
fn paragraph_label_at(t: &str) -> Option<Label<'_>> {
    let mut i = 0;
    if t.as_bytes().first() == Some(&0xC2) && t.starts_with('¶') {
        i = '¶'.len_utf8();
        while t.as_bytes().get(i) == Some(&b' ') {
            i += 1;
        }
    }
    let b = t.as_bytes();
    let d0 = i;
    while i < b.len() && b[i].is_ascii_digit() && i - d0 < 4 {
        i += 1;
    }
    let printed = &t[d0..i];
    if printed.is_empty() || printed.len() > 3 || printed.starts_with('0') {
        return None;
    }
    match b.get(i) {
        Some(b'.') | Some(b')') => i += 1,
        _ => return None,
    }
    match b.get(i) {
        None => {}
        Some(c) if c.is_ascii_whitespace() || *c == b'(' => {}
        _ => return None,
    }
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    Some(Label { printed, len: i })
}

/// The label of paragraph `expected` glued to its text (`6.Request feedback`,
/// the space lost): only that number, a `.` and an upper-case letter.
fn glued_label(t: &str, expected: Option<u32>) -> Option<Label<'_>> {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let printed = t.get(..digits).filter(|d| !d.is_empty() && !d.starts_with('0'))?;
    let glued = t.as_bytes().get(digits..digits + 2).is_some_and(|b| b[0] == b'.' && b[1].is_ascii_uppercase());
    (glued && crate::lines::parse_u32(printed) == expected).then_some(Label { printed, len: digits + 1 })
}

/// Page-break lines: `TBILISI 00001732 002 OF 004`, `PARIS 00001501 001.2 OF
/// 006`, `PAGE 02 ROME 01196 01 OF 02 082030Z`.
#[inline]
pub fn is_page_break(t: &str) -> bool {
    // Cheap rejections first, inline: this runs on every line.
    if t.len() < 12 || t.len() > 90 || !t.as_bytes()[0].is_ascii_uppercase() {
        return false;
    }
    is_page_break_at(t)
}

/// [`is_page_break`] past its length and first-byte tests.
fn is_page_break_at(t: &str) -> bool {
    let b = t.as_bytes();
    if t.len() < 12 || t.len() > 90 || !b[0].is_ascii_uppercase() {
        return false;
    }
    // Both forms start with a word of upper-case ASCII letters (`PAGE`, or
    // the station): the first word of most prose lines ends that here.
    let w0 = b.iter().position(|c| !c.is_ascii_uppercase()).unwrap_or(b.len());
    if b.get(w0).is_some_and(|&c| c < 0x80 && !c.is_ascii_whitespace() && c != 0x0b) {
        return false;
    }
    // Outside the `PAGE` form, the serial is zero-padded: no `0`, no page break.
    if memchr::memchr(b'0', b).is_none() && !t.starts_with("PAGE ") {
        return false;
    }
    // `contains(" OF ")` would build a substring searcher per line.
    let has_of = memchr::memchr_iter(b'O', b).any(|k| k > 0 && b[k - 1] == b' ' && b.get(k + 1..k + 3) == Some(b"F "));
    if !has_of && !t.starts_with("PAGE ") {
        return false;
    }
    let mut buf = [""; 9];
    let mut len = 0;
    for (slot, w) in buf.iter_mut().zip(t.split_whitespace()) {
        *slot = w;
        len += 1;
    }
    let toks = &buf[..len];
    if toks.len() < 3 {
        return false;
    }
    if toks[0] == "PAGE" && is_digits(toks[1]) && toks.len() >= 4 {
        return true;
    }
    // STATION... SERIAL(zero-padded) NNN[.N] OF NNN
    for k in 1..toks.len().saturating_sub(3) {
        let serial = toks[k];
        let page = toks[k + 1];
        if serial.len() >= 5
            && is_digits(serial)
            && serial.starts_with('0')
            && page.split('.').all(is_digits)
            && toks[k + 2] == "OF"
            && is_digits(toks[k + 3])
            && toks[..k].iter().all(|w| w.bytes().all(|b| b.is_ascii_uppercase()))
        {
            return toks.len() <= k + 5;
        }
    }
    false
}

fn is_dash_line(t: &str) -> bool {
    // Cheap rejection first (this runs twice on every line): a trimmed dash
    // line starts with one of its own bytes.
    matches!(t.as_bytes().first(), Some(b'-' | b'=' | b'_'))
        && t.len() >= 3
        && t.bytes().all(|b| b == b'-' || b == b' ' || b == b'=' || b == b'_')
        && t.bytes().filter(|&b| b != b' ').count() >= 3
}

/// The last line of the dashed heading whose first line `t` is line `i` (of the
/// lines before `end`; `dashes_below` when line `i + 1` is dashes), when a dash
/// line underlines it: `t` itself, or (standing apart: after dashes, a blank line
/// or a heading) one or two more short lines, those before the last not ending a
/// sentence. The last line of a paragraph wrapped mid-sentence (`...to the people
/// of`, `Guinea.`) is not a heading, dashes below or not.
#[inline(never)]
fn dashed_heading_end(
    c: &Cable<'_>,
    open: &Option<Open>,
    t: &str,
    (i, end): (usize, usize),
    dashes_below: bool,
    prev_is_dash: bool,
    blank_seen: bool,
) -> Option<usize> {
    let dashes_at = |k: usize| k < end && c.lines.get(k).is_some_and(|l| is_dash_line(l.trimmed(c.s)));
    if dashes_below {
        let prev = open.as_ref().and_then(|o| o.pieces.last()).map(|p| &c.s[p.0..p.1]);
        let wrapped = !blank_seen
            && !prev_is_dash
            && prev.is_some_and(|p| {
                !ends_sentence(p) && (t.starts_with(|ch: char| ch.is_lowercase()) || ends_with_lowercase_word(p))
            });
        return (is_heading_line(t) && !wrapped).then_some(i);
    }
    if !(blank_seen || open.is_none() || prev_is_dash) {
        return None;
    }
    let last = (i + 1..(i + 3).min(end)).find(|&k| dashes_at(k + 1))?;
    // Every line a heading's, those before the last open-ended: a line that ends a
    // sentence ends a paragraph, not a heading's first part.
    let open_ended = |u: &str| !u.ends_with(['.', '!', '?']);
    let ok = (i..=last).all(|k| {
        let u = if k == i { t } else { c.lines[k].trimmed(c.s) };
        is_heading_line(u) && (k == last || open_ended(u))
    });
    ok.then_some(last)
}

/// A line that may be (part of) a dashed heading: short, not blank, not dashes,
/// not a paragraph's label, page break or caveat line.
fn is_heading_line(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 100
        && !is_dash_line(t)
        && paragraph_label(t).is_none()
        && !is_page_break(t)
        && caveat_code(t).is_none()
}

/// True when the last word of `s` is in lower case (`...to the people of`).
fn ends_with_lowercase_word(s: &str) -> bool {
    crate::lines::trim_end(s)
        .rsplit(|ch: char| ch.is_whitespace())
        .next()
        .is_some_and(|w| !w.is_empty() && w.chars().all(char::is_lowercase))
}

/// `//COMMENT//`-style heading line; returns the inner text.
fn slashed_heading(t: &str) -> Option<&str> {
    if t.as_bytes().first() != Some(&b'/') {
        return None;
    }
    let inner = t.strip_prefix("//")?.strip_suffix("//")?;
    let inner = inner.trim();
    (!inner.is_empty() && inner.len() <= 80).then_some(inner)
}

fn ends_sentence(s: &str) -> bool {
    let t = crate::lines::trim_end(s);
    t.ends_with(['.', '!', '?', ':', '"', ')', '\u{201d}', ';'])
        || (t.as_bytes().last() == Some(&b'-') && t.ends_with("--"))
}

/// An open paragraph being collected.
struct Open {
    number: Option<u32>,
    printed: Option<String>,
    marking: Option<String>,
    label_at: usize,
    pieces: Vec<(usize, usize)>,
    heading: Option<String>,
    lines_end: usize,
}

/// Reads the body from line `from` (starting at byte `offset` in it).
pub fn read_body(c: &mut Cable<'_>, from: usize, offset: usize) {
    let before_tail = c.regions_len();
    let end = read_tail(c, from);
    let tail = c.set_aside_regions(before_tail);
    let mut open: Option<Open> = None;
    // The pieces' buffer of the last closed paragraph, for the next one.
    let mut spare: Vec<(usize, usize)> = Vec::new();
    // The header ends at a blank line or a field: the body starts afresh.
    let mut blank_seen = true;
    let mut heading: Option<String> = None;
    let mut expected: Option<u32> = None;
    let mut dash_above: Option<usize> = None;
    // The last dash line read (on its own, or under a heading), and the last one
    // read as a heading's underline (that heading's region holds it).
    let mut dash_line: Option<usize> = None;
    let mut underline: Option<usize> = None;
    // A summary keeps no paragraph headings (only blocks read them): not copied.
    let keep_headings = !c.summary_only;
    let mut i = from;
    let mut first_offset = offset;
    while i < end {
        let line = c.lines[i];
        let start = line.start + first_offset;
        first_offset = 0;
        let (t, at) = if start == line.start {
            (line.trimmed(c.s), line.t_start)
        } else {
            let raw = &c.s[start..line.end];
            let lead = raw.len() - crate::lines::trim_start(raw).len();
            (crate::lines::trim(raw), start + lead)
        };
        if t.is_empty() {
            c.region(start, line.next, "blank");
            blank_seen = true;
            i += 1;
            continue;
        }
        if is_page_break(t) {
            c.region(start, line.next, "page_break");
            i += 1;
            continue;
        }
        if let Some(code) = caveat_code(t) {
            if let Some(o) = &open {
                let prev = o.pieces.last().map_or("", |p| &c.s[p.0..p.1]);
                if !ends_sentence(prev) {
                    c.diag(
                        Severity::Info,
                        "sipdis-removed",
                        format!("{code} line removed from the middle of a sentence"),
                        Some(c.t.span(at, at + t.len())),
                    );
                }
            } else if code != "SIPDIS" {
                c.push_caveat(code, t, at);
            }
            c.region(start, line.next, "caveat");
            i += 1;
            continue;
        }
        if is_dash_line(t) {
            c.region(start, line.next, "heading");
            dash_above = Some(at);
            dash_line = Some(i);
            i += 1;
            continue;
        }
        // A page-top classification line, or an old-style page header.
        if banner_brief(t).is_some_and(|b| b.no_station && b.no_trailing) {
            c.region(start, line.next, "banner");
            i += 1;
            continue;
        }
        // Heading: one to three lines underlined (or framed) by dashes, or
        // `//TEXT//`; its span covers the dashes.
        let slashed = slashed_heading(t);
        // (Every dash line is read above, or as an underline below.)
        let prev_is_dash = i > from && dash_line == Some(i - 1);
        // (Most lines are inside a paragraph with no dashes below: told at once.)
        let dashes_below = i + 1 < end && is_dash_line(c.lines[i + 1].trimmed(c.s));
        let may_head = dashes_below || blank_seen || open.is_none() || prev_is_dash;
        let last = if slashed.is_some() || !may_head {
            None
        } else {
            dashed_heading_end(c, &open, t, (i, end), dashes_below, prev_is_dash, blank_seen)
        };
        if last.is_some() || slashed.is_some() {
            close(c, &mut open, &mut spare);
            let last = last.unwrap_or(i);
            let under = c.lines.get(last + 1).filter(|l| last + 1 < end && is_dash_line(l.trimmed(c.s)));
            let style = if slashed.is_some() { "slashed" } else { "dashed" };
            let span_start = dash_above.filter(|_| prev_is_dash).unwrap_or(at);
            let text_end = if last == i { at + t.len() } else { c.lines[last].t_end };
            let span_end = under.map_or(text_end, |l| l.start + c.s[l.start..l.end].trim_end().len());
            let text = if last == i {
                let text = slashed.unwrap_or(t).trim_start_matches(['.', ' ']).trim().to_string();
                c.push_heading_span(&text, style, at, text_end, span_start, span_end);
                text
            } else {
                let pieces: Vec<(usize, usize)> =
                    (i..=last).map(|j| if j == i { (at, at + t.len()) } else { c.lines[j].trimmed_range() }).collect();
                c.push_heading_lines(&pieces, style, span_start, span_end)
            };
            // The dash line above joins this heading's region, unless it is the
            // underline of the heading before (`---`, `A`, `---`, `B`, `---`): that
            // line is the earlier heading's, and this one's region starts here.
            let region_end = c.lines[last].next;
            if prev_is_dash && underline != Some(i - 1) {
                c.continue_region(start, region_end, "heading");
            } else {
                c.region(start, region_end, "heading");
            }
            i = last;
            if let Some(l) = under {
                c.continue_region(l.start, l.next, "heading");
                // Shared with a heading right below, whose span it starts.
                dash_above = Some(l.t_start);
                dash_line = Some(last + 1);
                underline = Some(last + 1);
                i += 1;
            }
            heading = Some(text);
            blank_seen = false;
            i += 1;
            continue;
        }
        // `SIPDIS` inserted at the start of a wrapped line of prose.
        let (t, at) = match strip_sipdis_prefix(t) {
            Some(rest) => {
                let cut = t.len() - rest.len();
                c.diag(
                    Severity::Info,
                    "sipdis-removed",
                    "SIPDIS removed from the middle of a sentence",
                    Some(c.t.span(at, at + 6)),
                );
                (rest, at + cut)
            }
            None => (t, at),
        };
        let label = paragraph_label(t).or_else(|| if blank_seen { glued_label(t, expected) } else { None });
        if let Some(label) = label {
            let number = crate::lines::parse_u32(label.printed);
            let prev_ends = open.as_ref().and_then(|o| o.pieces.last()).is_none_or(|p| ends_sentence(&c.s[p.0..p.1]));
            // After a line that ends mid-sentence, a number starts a paragraph
            // only when it is the next one and carries a portion mark: viewer
            // pages anchor any wrapped line that starts with a number.
            let fits = number.is_some() && number == expected && is_portion_mark(&t[label.len..]);
            if open.is_none() || blank_seen || prev_ends || fits {
                close(c, &mut open, &mut spare);
                let rest = &t[label.len..];
                let (marking, used) = match portion_mark(rest) {
                    Some((m, used)) => (Some(m), used),
                    None => (None, 0),
                };
                let text_at = at + label.len + used;
                let mut o = Open {
                    number,
                    printed: Some(label.printed.to_string()),
                    marking,
                    label_at: at,
                    pieces: std::mem::take(&mut spare),
                    heading: heading.as_ref().filter(|_| keep_headings).cloned(),
                    lines_end: line.next,
                };
                if text_at < at + t.len() {
                    o.pieces.push((text_at, at + t.len()));
                }
                expected = number.map(|n| n + 1);
                open = Some(o);
                c.region(start, line.next, "paragraph");
                blank_seen = false;
                i += 1;
                continue;
            }
            c.diag(
                Severity::Info,
                "stray-paragraph-number",
                format!("\"{}\" starts a wrapped line, not a paragraph", label.printed),
                Some(c.t.span(at, at + label.len)),
            );
        }
        // The viewer's `¶` anchor on a wrapped line is not the cable's text.
        let (t, at) = match (t.as_bytes().first() == Some(&0xC2)).then(|| t.strip_prefix('¶')).flatten() {
            Some(rest) if paragraph_label(t).is_some() => (rest, at + '¶'.len_utf8()),
            _ => (t, at),
        };
        // A plain heading: a short line standing alone before a paragraph.
        if blank_seen && is_plain_heading(c, t, i, end) {
            close(c, &mut open, &mut spare);
            let text = t.trim_end_matches(':').trim().to_string();
            c.push_heading(&text, "plain", at, at + t.len());
            c.region(start, line.next, "heading");
            heading = Some(text);
            blank_seen = false;
            i += 1;
            continue;
        }
        // Continuation, or a new unnumbered paragraph after a blank line.
        let continues = open.as_ref().is_some_and(|o| {
            let prev = o.pieces.last().map_or("", |p| &c.s[p.0..p.1]);
            !blank_seen || !ends_sentence(prev) || t.starts_with(|ch: char| ch.is_lowercase())
        });
        if continues {
            if let Some(o) = &mut open {
                o.pieces.push((at, at + t.len()));
                o.lines_end = line.next;
            }
            c.continue_region(start, line.next, "paragraph");
        } else {
            close(c, &mut open, &mut spare);
            let marking = portion_mark(t);
            let used = marking.as_ref().map_or(0, |m| m.1);
            open = Some(Open {
                number: None,
                printed: None,
                marking: marking.map(|m| m.0),
                label_at: at,
                pieces: {
                    let mut p = std::mem::take(&mut spare);
                    p.push((at + used, at + t.len()));
                    p
                },
                heading: heading.as_ref().filter(|_| keep_headings).cloned(),
                lines_end: line.next,
            });
            c.region(start, line.next, "paragraph");
        }
        blank_seen = false;
        i += 1;
    }
    close(c, &mut open, &mut spare);
    c.put_back_regions(tail);
    if c.a.signer.is_none() {
        signer_in_last_sentence(c);
    }
}

/// `SIPDIS the first stage...`: the rest of a line that starts with a
/// SIPDIS marker followed by lower-case prose.
fn strip_sipdis_prefix(t: &str) -> Option<&str> {
    if t.as_bytes().first() != Some(&b'S') {
        return None;
    }
    let rest = t.strip_prefix("SIPDIS ")?.trim_start();
    rest.starts_with(|ch: char| ch.is_lowercase()).then_some(rest)
}

/// A short line standing alone, in title or upper case, with no sentence end
/// (a question or a trailing colon is allowed): `DFM Leon Agrees that Bono's
/// Comments Were Unhelpful`, `Who are we dealing with?`, `BACKGROUND:`.
fn is_plain_heading(c: &Cable<'_>, t: &str, i: usize, end: usize) -> bool {
    if t.len() > 100 || (ends_sentence(t) && !t.ends_with(':') && !t.ends_with('?')) {
        return false;
    }
    if !t.starts_with(|ch: char| ch.is_uppercase()) {
        return false;
    }
    // (Counted without a Vec of words: this runs after every blank line.)
    let (mut words, mut capitalized) = (0usize, 0usize);
    for w in t.split_whitespace() {
        words += 1;
        capitalized += usize::from(w.starts_with(|ch: char| !ch.is_lowercase()));
    }
    if words > 14 || banner_brief(t).is_some() {
        return false;
    }
    // Most words capitalized, unless the line is short.
    if words > 5 && capitalized * 2 < words {
        return false;
    }
    // Followed by a blank line or a numbered paragraph.
    let next = c.lines.get(i + 1).filter(|_| i + 1 < end).map(|l| l.trimmed(c.s));
    match next {
        None => false,
        Some(n) => is_blank(n) || paragraph_label(n).is_some(),
    }
}

fn close(c: &mut Cable<'_>, open: &mut Option<Open>, spare: &mut Vec<(usize, usize)>) {
    let Some(mut o) = open.take() else { return };
    let joined = c.join(&o.pieces);
    let last_end = o.pieces.last().map_or(o.label_at, |p| p.1);
    o.pieces.clear();
    *spare = std::mem::take(&mut o.pieces);
    let _ = o.lines_end;
    // The text is filled from `para_texts` once figures are read.
    let p = Paragraph {
        number: o.number,
        printed: o.printed,
        marking: o.marking,
        heading: o.heading,
        text: String::new(),
        span: c.span_of(o.label_at, last_end.max(o.label_at)),
        text_span: if joined.is_empty() { c.t.span(last_end, last_end) } else { joined.full_span() },
    };
    c.a.paragraphs.push(p);
    c.para_texts.push(joined);
}

/// Reads the tail from the end: end marker, trailing classification line,
/// archive stamps, signer. Returns the line where the tail starts.
fn read_tail(c: &mut Cable<'_>, from: usize) -> usize {
    let mut e = c.lines.len();
    let mut signer_found = false;
    while e > from {
        let l = c.lines[e - 1];
        let t = l.trimmed(c.s);
        if t.is_empty() {
            c.region(l.start, l.next, "blank");
            e -= 1;
            continue;
        }
        if t.eq_ignore_ascii_case("NNNN") || t == "BT" {
            if c.a.end_marker.is_none() && t != "BT" {
                let at = l.start + (c.s[l.start..l.end].len() - c.s[l.start..l.end].trim_start().len());
                c.a.end_marker = Some(Box::new(Marker { text: t.to_string(), span: c.t.span(at, at + t.len()) }));
            }
            c.region(l.start, l.next, "end_marker");
            e -= 1;
            continue;
        }
        if !signer_found && banner_brief(t).is_some_and(|b| b.no_station) {
            c.region(l.start, l.next, "banner");
            e -= 1;
            continue;
        }
        if is_trailer(t) {
            c.region(l.start, l.next, "notice");
            e -= 1;
            continue;
        }
        // A truncated fragment after the signer (`DANIEL ORTEGA AN...`), or a stray
        // mark of punctuation below it (`MURRAY` then `.`).
        let stray = t.len() <= 3 && t.bytes().all(|b| b.is_ascii_punctuation());
        if !signer_found && (stray || (t.ends_with("...") && t.len() <= 40 && paragraph_label(t).is_none())) {
            c.region(l.start, l.next, "unrecognized");
            e -= 1;
            continue;
        }
        if !signer_found && is_signer_line(t) {
            let before = (e >= 2 + from).then(|| c.lines[e - 2].trimmed(c.s));
            // A repeated lower-case copy below the name: take the upper line.
            if before.is_some_and(|p| t.chars().all(|ch| !ch.is_uppercase()) && p.eq_ignore_ascii_case(t)) {
                c.region(l.start, l.next, "signer");
                e -= 1;
                continue;
            }
            if before.is_none_or(|b| b.is_empty() || ends_sentence(b) || is_trailer(b) || is_end_of_part(b)) {
                let at = l.start + (c.s[l.start..l.end].len() - c.s[l.start..l.end].trim_start().len());
                c.a.signer = Some(Box::new(Signer { name: t.to_string(), span: c.t.span(at, at + t.len()) }));
                c.region(l.start, l.next, "signer");
                signer_found = true;
                e -= 1;
                continue;
            }
        }
        break;
    }
    e
}

/// Archive stamps and trailers around the signature: `Declassified/Released
/// US Department of State EO` / `Systematic Review 05 JUL 2006`, `Please
/// visit ... Classified Website`, `For more reporting from Embassy Kuwait`, its
/// URL and the rows of asterisks boxing them, `2004CARACA02200 - CONFIDENTIAL`.
fn is_trailer(t: &str) -> bool {
    // (Tests that read the whole line come last, after one that only needs a word
    // of it: the line above a signer may be a long paragraph's only line.)
    (t.starts_with('*') && t.bytes().all(|b| b == b'*' || b == b' ') && t.bytes().filter(|&b| b == b'*').count() >= 3)
        || starts_with_ci(t, "Declassified/Released")
        || starts_with_ci(t, "Systematic Review")
        || starts_with_ci(t, "For more reporting from")
        || (t.contains("lassified") && crate::lines::find_ci(t, "Classified Website").is_some())
        || starts_with_ci(t, "Please visit")
        || starts_with_ci(t, "http://")
        || starts_with_ci(t, "https://")
        || (t.len() < 60
            && t.split_once(" - ").is_some_and(|(id, level)| {
                id.bytes().any(|b| b.is_ascii_digit())
                    && !id.contains(' ')
                    && crate::markings::level_of_label(level.trim()).is_some()
            }))
}

/// `END COMMENT`, `END SUMMARY`, `END NOTE`, `END TEXT`: a part's close, which
/// a signer may follow on the next line.
fn is_end_of_part(t: &str) -> bool {
    let t = t.trim_end_matches(['.', ' ']);
    ["END COMMENT", "END SUMMARY", "END NOTE", "END TEXT", "END QUOTE"].iter().any(|e| t.eq_ignore_ascii_case(e))
}

fn is_signer_line(t: &str) -> bool {
    let words = t.split_whitespace().count();
    (1..=4).contains(&words)
        && (2..=40).contains(&t.len())
        && t.starts_with(|ch: char| ch.is_alphabetic())
        && t.chars().all(|ch| ch.is_alphabetic() || " .-'".contains(ch))
        && !t.ends_with(':')
        && paragraph_label(t).is_none()
        && !matches!(
            t.to_ascii_uppercase().as_str(),
            "END SUMMARY" | "END COMMENT" | "END NOTE" | "COMMENT" | "SUMMARY"
        )
}

/// `... in any case. PEKALA`, `... into Europe. Edelman`: a signer appended
/// to the last sentence. The name is cut from the paragraph.
fn signer_in_last_sentence(c: &mut Cable<'_>) {
    let Some(p) = c.para_texts.last() else { return };
    let s = p.as_str().trim_end();
    // The last sentence's end: `. `, or `.” ` / `." ` (a closing quote after it),
    // looked for only near the end, where a name of up to 24 bytes leaves it.
    let mut near = s.len().saturating_sub(40);
    while !s.is_char_boundary(near) {
        near -= 1;
    }
    let Some((dot, after)) = [". ", ".\u{201d} ", ".\" "]
        .iter()
        .filter_map(|end| s[near..].rfind(end).map(|at| (near + at, near + at + end.len())))
        .max_by_key(|&(at, _)| at)
    else {
        return;
    };
    // (`... restructuring. .FARRAR`: a stray dot before the name.)
    let tail = s[after..].trim().trim_start_matches('.');
    let words: Vec<&str> = tail.split_whitespace().collect();
    let upper = tail.bytes().all(|b| b.is_ascii_uppercase() || b == b' ');
    let title = words.len() <= 2
        && words.iter().all(|w| {
            w.starts_with(|ch: char| ch.is_ascii_uppercase()) && w[1..].bytes().all(|b| b.is_ascii_lowercase())
        });
    let mixed_prose = s[..dot].bytes().any(|b| b.is_ascii_lowercase());
    if tail.len() < 3 || tail.len() > 24 || words.is_empty() || words.len() > 3 || !mixed_prose || !(upper || title) {
        return;
    }
    let start = s.len() - tail.len();
    let span = p.span(start, start + tail.len());
    let mut cut = crate::mapped::Mapped::new();
    // (The sentence keeps its closing quote; `after` is past the space that follows.)
    cut.push_slice(p, 0..after - 1);
    let name = tail.to_string();
    let last = c.para_texts.len() - 1;
    let cut_span = cut.full_span();
    c.para_texts[last] = cut;
    if let Some(par) = c.a.paragraphs.last_mut() {
        par.span.end = cut_span.end;
        par.text_span.end = cut_span.end;
    }
    c.a.signer = Some(Box::new(Signer { name, span }));
    c.src_regions.push(Region { kind: "signer", span });
}

/// Repairs the seeds' numbering, where ¶1…¶10 are printed `11.`…`110.` and
/// ¶11 as `11.`. A cable whose paragraphs really run 11–19 is left alone:
/// the repair needs `110` after `19`, or a run from `11` in an extract.
pub fn repair_numbers(c: &mut Cable<'_>, is_extract: bool) {
    // (Most cables do not start at "11": nothing is gathered for them.)
    if c.a.paragraphs.iter().find_map(|p| p.printed.as_deref()) != Some("11") {
        return;
    }
    let printed: Vec<&str> = c.a.paragraphs.iter().filter_map(|p| p.printed.as_deref()).collect();
    if printed.len() < 2 || printed[0] != "11" {
        return;
    }
    // Under the hypothesis, the k-th label (1-based) prints "1" + k up to
    // some m, then k itself.
    let mut m = 0;
    for (k, p) in printed.iter().enumerate() {
        if p.strip_prefix('1').is_some_and(|d| d == (k + 1).to_string()) {
            m = k + 1;
        } else {
            break;
        }
    }
    let rest_ok = printed[m..].iter().enumerate().all(|(j, p)| *p == (m + j + 1).to_string());
    let section_later = c.a.section.is_some_and(|s| s.n > 1);
    if m < 2 || !rest_ok || section_later || !(m >= 10 || is_extract) {
        return;
    }
    let last_prefixed = printed[m - 1].to_string();
    let mut k = 0;
    for p in c.a.paragraphs.iter_mut().filter(|p| p.printed.is_some()) {
        k += 1;
        p.number = Some(k as u32);
    }
    let first = c.a.paragraphs.iter().find(|p| p.printed.is_some()).map(|p| p.span);
    c.diag(
        Severity::Info,
        "paragraphs-renumbered",
        format!("paragraph numbers repaired: printed 11–{last_prefixed} as 1–{m}"),
        first,
    );
}

/// Summary, comment and note blocks, read over the paragraphs' clean text.
///
/// A block opens at a paragraph starting `Summary:`, `Comment:`, `SUMMARY AND
/// COMMENT` (or under a heading `Comment`), and runs to its end marker when
/// one comes before the next opener; without one, a summary runs through its
/// `COT'D` continuations and a comment to the signer.
pub fn find_blocks(c: &mut Cable<'_>) {
    let n = c.para_texts.len();
    let finders = Finders::get();
    // What each paragraph opens or continues, and where its closers are.
    let mut opener: Vec<Option<&'static str>> = Vec::with_capacity(n);
    let mut continues: Vec<Option<&'static str>> = Vec::with_capacity(n);
    for idx in 0..n {
        let text = c.para_texts[idx].as_str();
        // The opening words, in ASCII lower case, on the stack.
        let first = &text.as_bytes()[..crate::lines::floor_boundary(text, 40)];
        let mut buf = [0u8; 40];
        let head = &mut buf[..first.len()];
        head.copy_from_slice(first);
        head.make_ascii_lowercase();
        let head = &*head;
        let starts = |w: &str| head.starts_with(w.as_bytes());
        let cont = [
            "summary cot'd",
            "summary cont'd",
            "summary continued",
            "summary (cont",
            "comment cont'd",
            "comment cot'd",
            "comment continued",
        ]
        .iter()
        .find(|w| starts(w))
        .map(|w| if w.starts_with("summary") { "summary" } else { "comment" });
        let under_heading = |k: &str| {
            let h = c.a.paragraphs[idx].heading.as_deref().map(|h| h.trim_end_matches([':', '.']));
            let prev = idx.checked_sub(1).and_then(|p| c.a.paragraphs[p].heading.as_deref());
            h.is_some_and(|h| h.eq_ignore_ascii_case(k)) && prev != c.a.paragraphs[idx].heading.as_deref()
        };
        let open = if cont.is_some() {
            None
        } else if starts("summary and comment")
            || starts("begin summary")
            || starts("summary")
            || under_heading("summary")
        {
            Some("summary")
        } else if starts("begin comment") || starts("comment") || starts("//comment") || under_heading("comment") {
            Some("comment")
        } else {
            None
        };
        opener.push(open);
        continues.push(cont);
    }
    // Only the paragraphs of a block are searched for its end marker: they
    // are put in lower case when searched.
    let closer_in = |c: &Cable<'_>, idx: usize, kind: &str, from: usize| {
        let text = c.para_texts[idx].as_str();
        find_closer(text, text.to_ascii_lowercase().as_bytes(), finders, kind, from)
    };
    let mut idx = 0;
    while idx < n {
        let Some(kind) = opener[idx] else {
            idx += 1;
            continue;
        };
        let start = c.para_texts[idx].span(0, 0);
        let mut covered: Vec<u32> = c.a.paragraphs[idx].number.into_iter().collect();
        let mut end_span = c.para_texts[idx].full_span();
        let mut closed = false;
        let mut j = idx;
        // Look for the end marker up to the next opener.
        loop {
            let from = if j == idx { kind.len() } else { 0 };
            if let Some((_, e)) = closer_in(c, j, kind, from) {
                end_span = c.para_texts[j].span(e, e);
                closed = true;
                break;
            }
            if j + 1 >= n || opener[j + 1].is_some() {
                break;
            }
            j += 1;
        }
        if closed {
            covered.extend((idx + 1..=j).filter_map(|k| c.a.paragraphs[k].number));
        } else {
            // No end marker: continuations, or for a comment, to the signer.
            j = idx;
            while j + 1 < n && opener[j + 1].is_none() && (continues[j + 1] == Some(kind) || kind == "comment") {
                j += 1;
                covered.extend(c.a.paragraphs[j].number);
                end_span = c.para_texts[j].full_span();
            }
        }
        c.a.blocks.push(Block {
            kind: kind.to_string(),
            closed,
            paragraphs: covered,
            span: Span::new(start.start, end_span.end.max(start.start)),
        });
        idx = j + 1;
    }
    // Notes: only a paragraph that opens one (rare) is searched for "note".
    for idx in 0..n {
        let text = c.para_texts[idx].as_str();
        if !opens_note(text.as_bytes()) {
            continue;
        }
        let lower = text.to_ascii_lowercase();
        let hits: Vec<usize> = finders.note.find_iter(lower.as_bytes()).collect();
        let number = c.a.paragraphs[idx].number;
        find_notes(c, idx, hits.into_iter(), number);
    }
    c.a.blocks.sort_by_key(|b| b.span.start);
}

/// Substring searchers for the words blocks are found by (in lower case).
struct Finders {
    /// `end`.
    end: memchr::memmem::Finder<'static>,
    /// `note`.
    note: memchr::memmem::Finder<'static>,
}

impl Finders {
    /// The searchers, built once: building one costs more than searching a
    /// short cable (its byte-frequency ranking, its prefilter).
    fn get() -> &'static Finders {
        static FINDERS: std::sync::OnceLock<Finders> = std::sync::OnceLock::new();
        FINDERS.get_or_init(|| Finders {
            end: memchr::memmem::Finder::new("end"),
            note: memchr::memmem::Finder::new("note"),
        })
    }
}

/// The end marker of a `kind` block in `text` from `from` on: `End summary.`,
/// `END SUMMARY`, `End Summary and Comment`, `End of comment`. `lower` is
/// `text` in ASCII lower case.
fn find_closer(text: &str, lower: &[u8], f: &Finders, kind: &str, from: usize) -> Option<(usize, usize)> {
    // The occurrences of "end" (case-insensitive), in order; they cannot overlap.
    for i in f.end.find_iter(lower.get(from..).unwrap_or_default()).map(|k| k + from) {
        if i > 0 && text.as_bytes()[i - 1].is_ascii_alphanumeric() {
            continue;
        }
        let rest = &text[i + 3..];
        let r = rest.trim_start_matches([' ', '\u{a0}']);
        let r = if starts_with_ci(r, "of ") { &r[3..] } else { r };
        if starts_with_ci(r, kind) {
            let mut e = text.len() - r.len() + kind.len();
            for tail in [" and comment", " and summary"] {
                if starts_with_ci(&text[e..], tail) {
                    e += tail.len();
                }
            }
            let after = &text[e..];
            let extra = after.len() - after.trim_start_matches(['.', ')']).len();
            return Some((i, e + extra));
        }
    }
    None
}

/// True when `b` holds what [`find_notes`] opens a note at: `Note:` at the
/// start, or `(note` as a word anywhere (any case). Without one it finds
/// nothing: its closers only close an opened note.
fn opens_note(b: &[u8]) -> bool {
    let note_at = |i: usize| {
        b.get(i..i + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"note"))
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_alphanumeric())
    };
    (note_at(0) && b.get(4) == Some(&b':')) || memchr::memchr_iter(b'(', b).any(|k| note_at(k + 1))
}

/// `(Note: ... End Note.)` and paragraphs opening with `Note:`, found in one
/// pass over the occurrences of "note" in paragraph `idx` (`hits`, in order,
/// found case-insensitively).
fn find_notes(c: &mut Cable<'_>, idx: usize, hits: impl Iterator<Item = usize>, number: Option<u32>) {
    let text = c.para_texts[idx].as_str();
    let b = text.as_bytes();
    let mut opens: Vec<usize> = Vec::new();
    let mut found: Vec<(usize, usize, bool)> = Vec::new();
    for i in hits {
        let word_end = b.get(i + 4).is_none_or(|c| !c.is_ascii_alphanumeric());
        if !word_end {
            continue;
        }
        if i >= 1 && b[i - 1] == b'(' || (i == 0 && b.get(4) == Some(&b':')) {
            opens.push(if i == 0 { 0 } else { i - 1 });
        } else if i >= 4 && b[i - 4..i].eq_ignore_ascii_case(b"end ") {
            let mut end = i + 4;
            end += text[end..].len() - text[end..].trim_start_matches(['.', ')']).len();
            if let Some(o) = opens.pop() {
                found.push((o, end, true));
            }
        }
    }
    // Unclosed: to the closing parenthesis, else the paragraph's end. The
    // openers are in order, so one forward scan serves them all (searching
    // from each opener was quadratic in the openers without a closer).
    let mut close: Option<Option<usize>> = None;
    for o in opens {
        if close.is_none_or(|c| c.is_some_and(|c| c < o)) {
            close = Some(memchr::memchr(b')', &b[o..]).map(|k| o + k));
        }
        let end = close.flatten().map_or(text.len(), |k| k + 1);
        found.push((o, end, false));
    }
    found.sort_unstable();
    let m = &c.para_texts[idx];
    let spans: Vec<(Span, bool)> = found.into_iter().map(|(s, e, closed)| (m.span(s, e), closed)).collect();
    for (span, closed) in spans {
        c.a.blocks.push(Block { kind: "note".to_string(), closed, paragraphs: number.into_iter().collect(), span });
    }
}

/// Runs of six or more `X` standing alone: redactions.
pub fn find_redactions(c: &mut Cable<'_>, from: usize, to: usize) {
    let b = c.s.as_bytes();
    let mut i = from;
    // Each run of `X` in turn (a substring searcher for six of them costs
    // more: `X` is common in upper-case text, so it is no rare byte to skip to).
    while let Some(k) = memchr::memchr(b'X', &b[i..to]) {
        let s = i + k;
        let mut e = s + 1;
        while e < to && b[e] == b'X' {
            e += 1;
        }
        if e - s < 6 {
            i = e;
            continue;
        }
        let alone = (s == 0 || !b[s - 1].is_ascii_alphanumeric()) && (e >= b.len() || !b[e].is_ascii_alphanumeric());
        if alone {
            c.a.redactions.push(Redaction { span: c.t.span(s, e) });
        }
        i = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(paragraph_label("11. (SBU) Summary").unwrap().printed, "11");
        assert_eq!(paragraph_label("¶1. (C) Summary").unwrap().len, 5);
        assert!(paragraph_label("1.4 (b) and (d).").is_none());
        assert!(paragraph_label("2007 was").is_none());
        assert_eq!(paragraph_label("3.").unwrap().printed, "3");
    }

    #[test]
    fn page_breaks() {
        assert!(is_page_break("TBILISI 00001732 002 OF 004"));
        assert!(is_page_break("PARIS 00001501 001.2 OF 006"));
        assert!(is_page_break("PAGE 02 ROME 01196 01 OF 02 082030Z"));
        assert!(!is_page_break("THE PRESIDENT MET 00001 PEOPLE OF MANY"));
    }

    /// `opens_note` is true exactly when one of the paragraph's "note" hits
    /// is one that `find_notes` opens a note at.
    #[test]
    fn note_gate_matches_openers() {
        let opens_by_hits = |t: &str| {
            let (b, lower) = (t.as_bytes(), t.to_ascii_lowercase());
            Finders::get().note.find_iter(lower.as_bytes()).any(|i| {
                b.get(i + 4).is_none_or(|c| !c.is_ascii_alphanumeric())
                    && (i >= 1 && b[i - 1] == b'(' || (i == 0 && b.get(4) == Some(&b':')))
            })
        };
        let parts = ["note", "Note", "NOTE", "(", ")", ":", " ", "s", "end ", "(no", "te", "1", ".", "é"];
        let mut seen = 0;
        for a in parts {
            for b in parts {
                for c in parts {
                    for d in parts {
                        let t = format!("{a}{b}{c}{d}");
                        assert_eq!(opens_note(t.as_bytes()), opens_by_hits(&t), "{t:?}");
                        seen += usize::from(opens_note(t.as_bytes()));
                    }
                }
            }
        }
        assert!(seen > 100);
    }

    #[test]
    fn closers() {
        let closer = |t: &str| find_closer(t, t.to_ascii_lowercase().as_bytes(), Finders::get(), "summary", 0);
        assert_eq!(closer("x. End summary. y"), Some((3, 15)));
        assert_eq!(closer("x END SUMMARY"), Some((2, 13)));
        assert!(closer("the weekend summary").is_none());
    }
}
