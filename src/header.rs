//! The cable's header: transmission lines (`VZCZC`, `DE`, DTG, `FM`, `TO`,
//! `INFO`), banner, caveats, addressee lines, `E.O.`, TAGS, SUBJECT, REF and
//! `Classified By`, read line by line until the body starts.

use crate::dates::find_dtg;
use crate::lines::{find_ci, find_str, is_blank, is_digits, starts_with_ci, Line};
use crate::markings::{banner_brief, caveat_code, is_portion_mark, parse_banner, portion_mark};
use crate::model::*;
use crate::parse::Cable;

/// What the header reader found out about where the body starts.
pub struct HeaderEnd {
    /// Index of the first body line.
    pub line: usize,
    /// Byte offset within that line where the body starts (after a glued field).
    pub offset: usize,
}

/// Header field keywords, each with the field it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Eo,
    Tags,
    Subject,
    Ref,
    ClassifiedBy,
}

/// Finds a header field keyword at the start of `s`; returns the field and
/// the length of the keyword (with its colon and spaces).
fn field_at(s: &str) -> Option<(Field, usize)> {
    // A viewer page may anchor a wrapped header line: `¶E. O. 11652: GDS`.
    if let Some(rest) = s.strip_prefix('¶') {
        let inner = rest.trim_start();
        let (f, n) = field_at_plain(inner)?;
        return Some((f, n + s.len() - inner.len()));
    }
    field_at_plain(s)
}

fn field_at_plain(s: &str) -> Option<(Field, usize)> {
    // Only the keywords with the line's first letter can match: they are
    // tried in table order, and every other line is rejected at once.
    let kw: &[(&str, Field)] = match s.as_bytes().first().map(u8::to_ascii_uppercase) {
        Some(b'E') => &FIELD_KEYWORDS[..4],
        Some(b'T') => &FIELD_KEYWORDS[4..8],
        Some(b'S') => &FIELD_KEYWORDS[8..12],
        Some(b'R') => &FIELD_KEYWORDS[12..18],
        Some(b'C') => &FIELD_KEYWORDS[18..20],
        Some(b'(') => &FIELD_KEYWORDS[20..21],
        Some(b'D') => &FIELD_KEYWORDS[21..],
        _ => return None,
    };
    for &(k, f) in kw {
        if starts_with_ci(s, k) {
            let mut n = k.len();
            let rest = &s[n..];
            let t = rest.trim_start_matches([' ', ':', '\t']);
            n += rest.len() - t.len();
            // `TAGS` and `REF` alone need a colon or an upper-case list after them.
            if matches!(k, "TAG " | "TAGS " | "REF " | "REFS " | "EO ") && !looks_like_field_value(f, t) {
                continue;
            }
            return Some((f, n));
        }
    }
    None
}

/// Header field keywords, grouped by first letter (see [`field_at_plain`]).
const FIELD_KEYWORDS: [(&str, Field); 22] = [
    ("E.O.", Field::Eo),
    ("E. O.", Field::Eo),
    ("EO ", Field::Eo),
    ("E.O ", Field::Eo),
    ("TAGS:", Field::Tags),
    ("TAGS ", Field::Tags),
    ("TAG:", Field::Tags),
    ("TAG ", Field::Tags),
    ("SUBJECT:", Field::Subject),
    ("SUBJECT ", Field::Subject),
    ("SUBJ:", Field::Subject),
    ("SUBJ ", Field::Subject),
    ("REFS:", Field::Ref),
    ("REF:", Field::Ref),
    ("REFTEL:", Field::Ref),
    ("REF ", Field::Ref),
    ("REFS ", Field::Ref),
    ("REFTELS:", Field::Ref),
    ("CLASSIFIED BY", Field::ClassifiedBy),
    ("CLASSIFED BY", Field::ClassifiedBy),
    ("(U) CLASSIFIED BY", Field::ClassifiedBy),
    ("DERIVED FROM", Field::ClassifiedBy),
];

fn looks_like_field_value(f: Field, t: &str) -> bool {
    match f {
        Field::Tags => t
            .split_whitespace()
            .next()
            .is_some_and(|w| w.bytes().all(|b| b.is_ascii_uppercase() || b == b',' || b == b';')),
        Field::Ref => t.split_whitespace().next().is_some_and(|w| {
            w.len() <= 3 || w.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) || w.starts_with('(')
        }),
        Field::Eo => t.split_whitespace().next().is_some_and(is_digits),
        _ => true,
    }
}

/// Finds where a later field keyword starts inside `s` (for fields run
/// together on one line: `E.O. ... TAGS ... SUBJECT: ...`, `...PRIMEREF: A.`).
fn next_field_inside(s: &str, current: Field) -> Option<usize> {
    let mut best: Option<usize> = None;
    let mut consider = |i: Option<usize>| {
        if let Some(i) = i.filter(|&i| i > 0) {
            best = Some(best.map_or(i, |b: usize| b.min(i)));
        }
    };
    match current {
        Field::Eo => {
            consider(find_ci(s, "TAGS"));
            consider(find_ci(s, "SUBJECT:"));
        }
        Field::Tags => consider(find_ci(s, "SUBJECT:")),
        Field::Ref => consider(find_ci(s, "classified by")),
        Field::Subject => {
            // `REF:` glued to the subject's last word.
            if let Some(i) = find_str(s, "REF:").or_else(|| find_str(s, "REFS:")) {
                consider(Some(i));
            }
        }
        _ => {}
    }
    best
}

/// True for a line that starts a numbered paragraph (`1. (C)`, `¶2.`).
pub fn is_paragraph_start(s: &str) -> bool {
    crate::body::paragraph_label(s).is_some()
}

/// True for transmission-header lines before the banner.
fn transmission_kind(t: &str) -> Option<&'static str> {
    // Cheap rejection: every form starts with one of these letters.
    if t.as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii() && !b.is_ascii_whitespace() && b != 0x0b && !b"VBNZDOPR".contains(&b))
    {
        return None;
    }
    // One pass over the words (no Vec of words: this runs on every header line).
    let mut words = words(t);
    let first = words.next().unwrap_or("");
    if first.starts_with("VZCZC") || t == "BT" || t == "NNNN" || first == "ZNY" || first == "ZNR" || first == "ZZ" {
        return Some("transmission");
    }
    let second = words.next();
    if first == "DE" && second.is_some_and(|w| w.starts_with('R') && w.len() >= 4) {
        return Some("transmission");
    }
    // Precedence + routing indicators (`OO RUEHDBU RUEHFL`, `PP RUEHWEB`),
    // and their continuation lines of indicators alone.
    let routing =
        |w: &str| w.len() >= 4 && w.len() <= 8 && w.bytes().all(|b| b.is_ascii_uppercase()) && w.starts_with('R');
    let prec = !first.is_empty() && first.len() <= 2 && first.bytes().all(|b| b"ZOPR".contains(&b));
    // The first word after the precedence, and the words after it.
    let (first_rest, mut n) = if prec { (second?, 1) } else { (first, 0) };
    if !routing(first_rest) {
        return None;
    }
    if !prec {
        // `second` follows the first routing indicator.
        if let Some(w) = second {
            if !routing(w) {
                return None;
            }
            n += 1;
        }
    }
    n += 1;
    for w in words {
        if !routing(w) {
            return None;
        }
        n += 1;
    }
    (prec || n >= 2 || first_rest.starts_with("RUE")).then_some("transmission")
}

/// The words of `s`, as `str::split_whitespace` gives them: split by bytes
/// when `s` is ASCII (its white space is then ASCII white space, `\x0b`
/// included), by chars otherwise.
fn words(s: &str) -> Words<'_> {
    if s.is_ascii() {
        Words::Ascii(s, 0)
    } else {
        Words::Chars(s.split_whitespace())
    }
}

/// The iterator of [`words`].
enum Words<'a> {
    /// An ASCII text and the position reached in it.
    Ascii(&'a str, usize),
    /// Any other text.
    Chars(std::str::SplitWhitespace<'a>),
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Words::Ascii(s, at) => {
                let space = crate::lines::is_ascii_space;
                let b = s.as_bytes();
                let mut i = *at;
                while i < b.len() && space(b[i]) {
                    i += 1;
                }
                let start = i;
                while i < b.len() && !space(b[i]) {
                    i += 1;
                }
                *at = i;
                (i > start).then(|| s.get(start..i)).flatten()
            }
            Words::Chars(w) => w.next(),
        }
    }
}

/// The word a precedence letter stands for.
pub fn precedence_word(p: &str) -> Option<&'static str> {
    match p.chars().next()? {
        'Z' => Some("FLASH"),
        'O' => Some("IMMEDIATE"),
        'P' => Some("PRIORITY"),
        'R' => Some("ROUTINE"),
        _ => None,
    }
}

const PRECEDENCE_WORDS: &[&str] = &["FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE", "NIACT"];

/// Reads the header from `from` on; returns where the body starts.
pub fn read_header(c: &mut Cable<'_>, from: usize) -> HeaderEnd {
    let mut i = from;
    let mut offset = 0usize; // start within line i
    let mut role: Option<&'static str> = None; // open FM/TO/INFO list
    let mut seen_field = false;
    // The last extract-style addressee line's list, for a line that carries it on.
    let mut extract_list: Option<OpenList<'_>> = None;
    let n = c.lines.len();
    while i < n {
        let line = c.lines[i];
        let seg_start = line.start + offset;
        let (t, at) = if offset == 0 {
            (line.trimmed(c.s), line.t_start)
        } else {
            let raw = &c.s[seg_start..line.end];
            let (t, lead) = crate::lines::trim_start_count(raw);
            (crate::lines::trim_end(t), seg_start + lead)
        };
        offset = 0;
        if t.is_empty() {
            c.region(line.start, line.next, "blank");
            role = None;
            i += 1;
            continue;
        }
        // Partial-extract notice, possibly with the banner glued on.
        if let Some(rest_at) = notice_end(t) {
            c.a.partial = true;
            let end = at + rest_at;
            if c.s[end..line.end].trim().is_empty() {
                c.region(seg_start, line.next, "notice");
                i += 1;
            } else {
                c.region(seg_start, end, "notice");
                offset = end - line.start;
            }
            continue;
        }
        if crate::body::is_page_break(t) {
            c.region(seg_start, line.next, "page_break");
            i += 1;
            continue;
        }
        // (No page break below: every test of one would be false.) Where a
        // field glued on the line starts, looked for once, when first asked.
        let mut glued_memo: Option<Option<usize>> = None;
        let mut glued_at = || *glued_memo.get_or_insert_with(|| glued_field_after_banner(t));
        // Transmission lines may follow a page-top banner too (`S E C R E T STATE 00119085` then `VZCZC...`).
        if !seen_field {
            if let Some((prec, a, b, v)) = dtg_line(t) {
                c.set_dtg(at + a, at + b, prec, v);
                c.region(seg_start, line.next, "transmission");
                i += 1;
                continue;
            }
            if let Some(kind) = transmission_kind(t) {
                read_transmission_line(c, t);
                c.region(seg_start, line.next, kind);
                role = None;
                i += 1;
                continue;
            }
            if let Some(r) = address_role(t) {
                let rest = t[r.len()..].trim_start();
                let rest_at = at + (t.len() - rest.len());
                role = Some(r);
                // `TO PAGE 02 STATE 015113 182333Z`: a page break inside the address lines.
                if rest.starts_with("PAGE ") {
                    c.region(seg_start, line.next, "page_break");
                    i += 1;
                    continue;
                }
                if !rest.is_empty() && !rest.starts_with("LOG-") {
                    push_address(c, r, rest, rest_at);
                }
                c.region(seg_start, line.next, "addressee");
                i += 1;
                continue;
            }
            if let Some(r) = role {
                let glued_banner = glued_at().and_then(|p| banner_brief(&t[..p]));
                if banner_brief(t).is_none() && glued_banner.is_none() {
                    if find_str(t, "-00").is_none() {
                        push_address(c, r, t, at);
                    }
                    c.region(seg_start, line.next, "addressee");
                    i += 1;
                    continue;
                }
            }
            // A banner with header fields run on after it on the same line.
            if let Some(p) = glued_at() {
                if let Some(b) = parse_banner(&t[..p]).filter(|b| b.station.is_some()) {
                    role = None;
                    c.set_banner(&b, at, &t[..p]);
                    c.region(seg_start, at + p, "banner");
                    offset = at + p - line.start;
                    continue;
                }
            }
            if let Some(b) = parse_banner(t).filter(|b| b.station.is_some() || !seen_field) {
                role = None;
                c.set_banner(&b, at, t);
                c.region(seg_start, line.next, "banner");
                i += 1;
                continue;
            }
        }
        if let Some(code) = caveat_code(t) {
            c.push_caveat(code, t, at);
            c.region(seg_start, line.next, "caveat");
            i += 1;
            continue;
        }
        if let Some((field, kw_len)) = field_at(t) {
            seen_field = true;
            let (next_i, next_off) = read_field(c, field, i, at, kw_len);
            i = next_i;
            offset = next_off;
            continue;
        }
        // An addressee line may carry the E.O. (or TAGS) on its end.
        let glued = glued_at().filter(|&p| t[..p].ends_with(' '));
        let (addr, addr_end) = match glued {
            Some(p) => (t[..p].trim_end(), at + p),
            None => (t, line.next),
        };
        if !seen_field {
            // (Only the very next line carries a list on.)
            let carried = extract_list.take().filter(|l| l.line + 1 == i && seg_start == line.start);
            let read = extract_addressee(c, addr, at).or_else(|| {
                let l = carried?;
                extract_continuation(c, addr, at, l.text, (l.station, l.pass)).map(|station| (station, l.pass))
            });
            if let Some((station, pass)) = read {
                extract_list = Some(OpenList { station, pass, text: addr, line: i });
                c.region(seg_start, addr_end, "addressee");
                if glued.is_some() {
                    offset = addr_end - line.start;
                } else {
                    i += 1;
                }
                continue;
            }
        }
        extract_list = None;
        // `C O R R E C T E D  C O P Y (CHANGED CLASSIFICATION TO SECRET)`: a
        // notice of a corrected copy.
        if is_correction_caption(t) {
            c.region(seg_start, line.next, "notice");
            i += 1;
            continue;
        }
        // A line we cannot read: the header goes on if a field follows soon.
        if header_follows(c, i + 1) {
            c.region(seg_start, line.next, "unrecognized");
            c.diag(
                Severity::Info,
                "unrecognized-header-line",
                format!("header line not understood: \"{}\"", t.chars().take(60).collect::<String>()),
                Some(c.t.span(at, at + t.len())),
            );
            i += 1;
            continue;
        }
        break;
    }
    HeaderEnd { line: i, offset }
}

/// True when a banner or header field comes within the next few lines,
/// before any paragraph.
fn header_follows(c: &Cable<'_>, from: usize) -> bool {
    let non_blank = c.lines.iter().skip(from).filter(|l| !is_blank(&c.s[l.start..l.end]));
    for l in non_blank.take(10) {
        let t = l.trimmed(c.s);
        if crate::body::paragraph_label(t).is_some() {
            return false;
        }
        if field_at(t).is_some()
            || banner_brief(t).is_some_and(|b| !b.no_station)
            || transmission_kind(t).is_some()
            || dtg_line(t).is_some()
        {
            return true;
        }
    }
    false
}

/// Where a header field starts inside a banner line (`... STATE 000284 SIPDIS E.O. 12958: ...`).
fn glued_field_after_banner(t: &str) -> Option<usize> {
    if t.len() < 30 {
        return None;
    }
    // The least of the keywords' first occurrences, those at 0 left out: one
    // pass over the positions where a keyword can start, in order (the first
    // keyword found past 0 that was not seen at 0 is that least one).
    const KEYS: [&[u8]; 4] = [b"E.O.", b"EO 1", b"TAGS:", b"SUBJECT:"];
    let b = t.as_bytes();
    let at0 = KEYS.map(|k| b.starts_with(k));
    for p in memchr::memchr3_iter(b'E', b'T', b'S', b).filter(|&p| p > 0) {
        let rest = b.get(p..).unwrap_or_default();
        // Cheap rejection (most letters start no keyword): a keyword's second byte.
        if !matches!(rest, [b'E', b'.' | b'O', ..] | [b'T', b'A', ..] | [b'S', b'U', ..]) {
            continue;
        }
        if KEYS.iter().zip(at0).any(|(k, z)| !z && rest.starts_with(k)) {
            return Some(p);
        }
    }
    None
}

/// End of the partial-extract notice at the start of `t`.
fn notice_end(t: &str) -> Option<usize> {
    const NOTICE: &str = "This record is a partial extract of the original cable.";
    if !starts_with_ci(t, NOTICE) {
        return None;
    }
    const FULL: &str = " The full text of the original cable is not available.";
    let rest = &t[NOTICE.len()..];
    if starts_with_ci(rest, FULL) {
        Some(NOTICE.len() + FULL.len())
    } else {
        Some(NOTICE.len())
    }
}

fn address_role(t: &str) -> Option<&'static str> {
    ["FM", "TO", "INFO"].into_iter().find(|r| t == *r || (t.starts_with(r) && t.as_bytes().get(r.len()) == Some(&b' ')))
}

/// Keeps the `DE` line's routing indicator (`DE RUEHFR #1007 2051555`).
fn read_transmission_line(c: &mut Cable<'_>, t: &str) {
    if let Some(routing) = t.strip_prefix("DE ").and_then(|r| r.split_whitespace().next()) {
        c.de_routing = Some(routing.to_string());
    }
}

fn push_address(c: &mut Cable<'_>, role: &str, text: &str, at: usize) {
    if c.summary_only {
        // A summary keeps no addressees: only whether a FM line was read counts (it
        // makes the cable a telegram).
        if role == "FM" && c.a.addressees.from.is_empty() {
            c.a.addressees.from.push(Addressee::default());
        }
        return;
    }
    // `RUEHC/SECSTATE WASHDC IMMEDIATE 6830`
    let mut a = Addressee { text: text.to_string(), span: c.span_of(at, at + text.len()), ..Default::default() };
    let mut rest = text;
    // `text.split_once('/')`, by memchr (no char searcher per line).
    if let Some(k) = memchr::memchr(b'/', text.as_bytes()) {
        let r = &text[..k];
        if r.len() >= 4 && r.len() <= 8 && r.bytes().all(|b| b.is_ascii_uppercase()) {
            a.routing = Some(r.to_string());
            a.station_name = crate::routes::station_name(r).map(str::to_string);
            rest = &text[k + 1..];
        }
    }
    // The words, on the stack unless there are many.
    let mut buf = [""; 16];
    let mut spill: Vec<&str> = Vec::new();
    let mut n = 0;
    for w in words(rest) {
        match buf.get_mut(n) {
            Some(slot) => *slot = w,
            None => {
                if spill.is_empty() {
                    spill.extend_from_slice(&buf);
                }
                spill.push(w);
            }
        }
        n += 1;
    }
    let words: &[&str] = if spill.is_empty() { &buf[..n] } else { &spill };
    // `... IMMEDIATE 6830`: the serial, then the precedence words before it.
    let mut end = words.len();
    if words.last().is_some_and(|w| is_digits(w)) {
        end -= 1;
    }
    let mut station_end = end;
    while station_end > 0 && PRECEDENCE_WORDS.contains(&words[station_end - 1]) {
        station_end -= 1;
    }
    if station_end < end {
        a.precedence = Some(join_words(rest, &words[station_end..end]));
    }
    a.station = Some(join_words(rest, &words[..station_end])).filter(|s| !s.is_empty());
    match role {
        "FM" => c.a.addressees.from.push(a),
        "TO" => c.a.addressees.to.push(a),
        _ => c.a.addressees.info.push(a),
    }
}

/// `s.trim_end_matches(suffix)` (every repeat removed), without a searcher.
fn trim_end_str<'a>(mut s: &'a str, suffix: &str) -> &'a str {
    while let Some(t) = s.strip_suffix(suffix) {
        s = t;
    }
    s
}

/// `words` (consecutive words of `text`) joined by single spaces: the
/// stretch of `text` they span when it is spaced so (every gap one space,
/// not a tab), with no joining.
fn join_words(text: &str, words: &[&str]) -> String {
    let (Some(first), Some(last)) = (words.first(), words.last()) else { return String::new() };
    let from = first.as_ptr() as usize - text.as_ptr() as usize;
    let to = last.as_ptr() as usize - text.as_ptr() as usize + last.len();
    let letters: usize = words.iter().map(|w| w.len()).sum();
    match text.get(from..to) {
        Some(s)
            if s.len() == letters + words.len() - 1 && s.bytes().filter(|&b| b == b' ').count() == words.len() - 1 =>
        {
            s.to_string()
        }
        _ => words.join(" "),
    }
}

/// Extract-style addressee lines: `DEPARTMENT FOR EUR/CACEN (JMUDGE); EUR/ACE
/// (JMCKANE)`, `STATE PLEASE PASS TO USAID`, `USDOC FOR 4231/ITA`. Returns the
/// station and whether it is a `PASS TO` list, for a line that continues it.
fn extract_addressee<'t>(c: &mut Cable<'_>, t: &'t str, at: usize) -> Option<(&'t str, bool)> {
    if !mostly_upper(t) {
        return None;
    }
    // (`PASS TO` names the list's kind before any `FOR`: `FOR X, Y AMEMBASSY BRASILIA
    // PASS TO AMCONSUL RECIFE`; `FOR` at the start leaves the station to each part:
    // `FOR ISN, IO; DOE FOR NA-24`.)
    let (station, items, pass) = if let Some(rest) = t.strip_prefix("PASS TO ") {
        ("", t.len() - rest.len(), true)
    } else if let Some(p) = find_str(t, " PASS TO ") {
        let st = trim_end_str(trim_end_str(&t[..p], " PLEASE"), " ALSO");
        (st, p + " PASS TO ".len(), true)
    } else if let Some(rest) = t.strip_prefix("FOR ") {
        ("", t.len() - rest.len(), false)
    } else if let Some(p) = find_str(t, " FOR ") {
        let st = &t[..p];
        if !is_station(st) {
            return None;
        }
        (trim_end_str(st, " ALSO"), p + " FOR ".len(), false)
    } else {
        return None;
    };
    let station = push_extract_items(c, &t[items..], at + items, station, pass);
    Some((station, pass))
}

/// An extract-style addressee list that the next line may carry on.
struct OpenList<'s> {
    /// The station at the end of its last line.
    station: &'s str,
    /// A `PASS TO` list.
    pass: bool,
    /// Its last line's text.
    text: &'s str,
    /// Its last line.
    line: usize,
}

/// True for what may name the station of an extract-style list (`DEPT`,
/// `NEA/I`, `USFOR-A`, `DEPT OF COMMERCE`): up to four words of upper-case
/// letters, digits, `/`, `.` and `-`, starting with a letter.
fn is_station(st: &str) -> bool {
    st.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && st.split_whitespace().count() <= 4
        && st.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b" /.-".contains(&b))
}

/// A part of an extract-style list that names a station of its own: `NEA/I FOR
/// NOTAR` (the station, and where its first addressee starts), or `NEA FOR` at
/// the end of a line (its addressees on the next).
fn station_switch(p: &str) -> Option<(&str, usize)> {
    if let Some(k) = find_str(p, " FOR ") {
        return is_station(&p[..k]).then_some((&p[..k], k + " FOR ".len()));
    }
    let st = p.strip_suffix(" FOR")?;
    is_station(st).then_some((st, p.len()))
}

/// A line that carries on the extract-style list of the line before, whose
/// station (at its end) and kind are `list`: that line ended with `,`, `;`, `AND`
/// or `FOR`, or this one starts with `AND` (`DEPT ALSO FOR EUR/WE, EUR/PPD,` then
/// `AND EB`). Returns the station at its end. A `PASS` line starts a list of its own.
fn extract_continuation<'s>(
    c: &mut Cable<'_>,
    t: &'s str,
    at: usize,
    prev: &str,
    list: (&'s str, bool),
) -> Option<&'s str> {
    let wrapped =
        prev.ends_with([',', ';']) || prev.ends_with(" AND") || prev.ends_with(" FOR") || t.starts_with("AND ");
    if !wrapped || !mostly_upper(t) || find_str(t, "PASS ").is_some() {
        return None;
    }
    let rest = t.strip_prefix("AND ").map_or(t, str::trim_start);
    Some(push_extract_items(c, rest, at + (t.len() - rest.len()), list.0, list.1))
}

/// True for a line of an extract-style list: at most one letter in ten in lower
/// case, and not too long.
fn mostly_upper(t: &str) -> bool {
    t.bytes().filter(|b| b.is_ascii_lowercase()).count() * 10 <= t.len() && t.len() <= 200
}

/// Pushes the addressees of `list` (at `at`), separated by `,`, `;` and `AND`,
/// for `station`: to the `PASS TO` list when `pass`. A part that names a station
/// of its own ([`station_switch`]) switches to it; returns the station at the end.
fn push_extract_items<'s>(c: &mut Cable<'_>, list: &'s str, at: usize, mut station: &'s str, pass: bool) -> &'s str {
    let mut pos = 0;
    for part in list.split([';', ',']) {
        let part_at = pos;
        pos += part.len() + 1;
        let mut p = part.trim();
        let mut p_at = at + part_at + (part.len() - part.trim_start().len());
        if let Some((st, from)) = station_switch(p) {
            station = st;
            let rest = p[from..].trim_start();
            p_at += p.len() - rest.len();
            p = rest;
        }
        if p.is_empty() {
            continue;
        }
        for sub in split_and(p) {
            let (office, person) = office_person(sub.1);
            let a = Addressee {
                text: sub.1.to_string(),
                station: Some(station.to_string()).filter(|s| !s.is_empty()),
                office,
                person,
                span: c.t.span(p_at + sub.0, p_at + sub.0 + sub.1.len()),
                ..Default::default()
            };
            if pass {
                c.a.addressees.pass_to.push(a);
            } else {
                c.a.addressees.to.push(a);
            }
        }
    }
    station
}

/// The addressees of one part of an extract-style list (`A AND B`), each with its
/// offset in `p`. An `AND` that ends the part or starts it (`..., DS/ITA AND` at
/// the end of a line, `, AND EB`) joins parts, and is no addressee.
fn split_and(p: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let end = if p == "AND" { 0 } else { p.strip_suffix(" AND").map_or(p.len(), str::len) };
    let mut at = if p.starts_with("AND ") { 4.min(end) } else { 0 };
    while let Some(i) = find_str(&p[at..end], " AND ") {
        out.push((at, p[at..at + i].trim()));
        at += i + 5;
    }
    out.push((at, p[at..end].trim()));
    out.retain(|(_, s)| !s.is_empty());
    out
}

fn office_person(s: &str) -> (Option<String>, Option<String>) {
    if let (Some(o), Some(cl)) = (s.find('('), s.rfind(')')) {
        if o < cl {
            let office = s[..o].trim();
            let person = s[o + 1..cl].trim();
            return (
                Some(office.to_string()).filter(|x| !x.is_empty()),
                Some(person.to_string()).filter(|x| !x.is_empty()),
            );
        }
    }
    let mut it = s.splitn(2, ' ');
    let office = it.next().map(str::to_string);
    let person = it.next().map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
    (office, person)
}

/// Reads a header field that starts at text offset `at` on line `i` and may
/// continue over following lines. Returns where reading resumes.
fn read_field(c: &mut Cable<'_>, field: Field, i: usize, at: usize, kw_len: usize) -> (usize, usize) {
    let line = c.lines[i];
    let value_at = at + kw_len;
    // The field's value on its first line, cut where a glued field starts.
    let first_end = line.end;
    let mut seg_end = first_end;
    let mut resume: Option<(usize, usize)> = None;
    if let Some(k) = next_field_inside(&c.s[value_at..first_end], field) {
        seg_end = value_at + k;
        resume = Some((i, seg_end - line.start));
    }
    // Continuation lines.
    let mut pieces: Vec<(usize, usize)> = Vec::with_capacity(8);
    pieces.push((value_at, seg_end));
    let mut page_breaks: Vec<usize> = Vec::new();
    let mut j = i + 1;
    if resume.is_none() {
        while j < c.lines.len() {
            let l = c.lines[j];
            let t = l.trimmed(c.s);
            if crate::body::is_page_break(t) && field != Field::Eo {
                page_breaks.push(j);
                j += 1;
                continue;
            }
            // A subject wrapped in a double-spaced header: `... AFTER CURRENCY`, a
            // blank line, `REFORM`, a blank line, `REF: ...`.
            if t.is_empty() && field == Field::Subject {
                let prev = &c.s[pieces[pieces.len() - 1].0..pieces[pieces.len() - 1].1];
                if j + 1 < c.lines.len() && is_subject_tail(c, prev, j + 1) {
                    j += 1;
                    continue;
                }
            }
            // REF items anchored one per line may stand apart after blank lines.
            if t.is_empty() && field == Field::Ref {
                let next = skip_blank(c.s, c.lines, j);
                let item = c.lines.get(next).map(|l| l.trimmed(c.s)).is_some_and(is_ref_item_start);
                if item {
                    j = next;
                    continue;
                }
            }
            if !continues(field, t, &c.s[pieces[pieces.len() - 1].0..pieces[pieces.len() - 1].1]) {
                break;
            }
            let lead = c.s[l.start..l.end].len() - crate::lines::trim_start(&c.s[l.start..l.end]).len();
            let mut e = l.end;
            if let Some(k) = next_field_inside(&c.s[l.start + lead..l.end], field) {
                e = l.start + lead + k;
                pieces.push((l.start + lead, e));
                resume = Some((j, e - l.start));
                j += 1;
                break;
            }
            pieces.push((l.start + lead, e));
            j += 1;
        }
    }
    let kind = match field {
        Field::Eo => "executive_order",
        Field::Tags => "tags",
        Field::Subject => "subject",
        Field::Ref => "references",
        Field::ClassifiedBy => "classified_by",
    };
    // A page break read past is its own region; trailing ones are left to the body.
    while page_breaks.last().is_some_and(|&p| p + 1 == j) {
        page_breaks.pop();
        j -= 1;
    }
    for p in page_breaks {
        let l = c.lines[p];
        c.region(l.start, l.next, "page_break");
    }
    // Regions: whole lines, except a line cut by a glued field.
    let region_end = match resume {
        Some((ri, off)) => c.lines[ri].start + off,
        None => c.lines[j - 1].next,
    };
    c.region(at.min(line.start + (at - line.start)), region_end, kind);
    if at > line.start {
        // Leading white space of the first line belongs to the field too.
        c.region(line.start, at, kind);
    }
    let joined = c.join(&pieces);
    match field {
        Field::Eo => c.set_eo(&joined, at),
        Field::Tags => c.set_tags(&joined),
        Field::Subject => c.set_subject(&joined),
        Field::Ref => c.refs_text = Some(joined),
        Field::ClassifiedBy => c.set_classified_by(&joined, at),
    }
    match resume {
        Some((ri, off)) => (ri, off),
        None => (j, 0),
    }
}

/// A REF item's label at the start of a line: `¶B.`, `B)`, `(C)`.
fn is_ref_item_start(t: &str) -> bool {
    let t = t.trim_start_matches('¶').trim_start();
    let b = t.as_bytes();
    match b {
        [l, b'.' | b')', rest @ ..] if l.is_ascii_uppercase() => rest.first().is_none_or(|c| *c == b' '),
        [b'(', l, b')', ..] if l.is_ascii_uppercase() => true,
        _ => false,
    }
}

/// The letter of a REF item's label at the start of `t` (`(C)`, `C.`, `C)`).
fn ref_item_letter(t: &str) -> Option<u8> {
    if !is_ref_item_start(t) {
        return None;
    }
    let b = t.trim_start_matches('¶').trim_start().as_bytes();
    match b {
        [b'(', l, ..] | [l, ..] => Some(*l),
        [] => None,
    }
}

/// True when `t` starts with the label of the REF item after the one `prev` starts
/// with (`(B) 7 FAM 180`, then `(C) 09 STATE 030541`).
fn next_ref_item(prev: &str, t: &str) -> bool {
    match (ref_item_letter(prev), ref_item_letter(t)) {
        (Some(a), Some(b)) => a.checked_add(1) == Some(b),
        _ => false,
    }
}

/// True for the caption of a corrected copy, its letters spaced or not
/// (`C O R R E C T E D  C O P Y - ADDED NOFORN CAPTION`, `CORRECTED COPY`).
fn is_correction_caption(t: &str) -> bool {
    let mut letters = t.bytes().filter(|b| !b.is_ascii_whitespace()).take(13);
    t.starts_with(['C', 'c'])
        && b"CORRECTEDCOPY".iter().all(|&w| letters.next().is_some_and(|b| b.eq_ignore_ascii_case(&w)))
}

/// True when line `k`, after a blank line, ends a subject whose text so far ends
/// with `prev`: `prev` ends mid-phrase, the line is short and in capitals, and a
/// header field follows it (past blank lines).
fn is_subject_tail(c: &Cable<'_>, prev: &str, k: usize) -> bool {
    let Some(u) = c.lines.get(k).map(|l| l.trimmed(c.s)) else { return false };
    let open = !prev.trim_end().ends_with(['.', '!', '?', ')', '"', ':', ';']);
    let after = skip_blank(c.s, c.lines, k + 1);
    open && (1..=60).contains(&u.len())
        && !u.bytes().any(|b| b.is_ascii_lowercase())
        && u.bytes().any(|b| b.is_ascii_uppercase())
        && field_at(u).is_none()
        && !is_paragraph_start(u)
        && caveat_code(u).is_none()
        && !is_portion_mark(u)
        && !crate::body::is_page_break(u)
        && after > k + 1
        && c.lines.get(after).is_some_and(|l| field_at(l.trimmed(c.s)).is_some())
}

/// Whether line `t` continues a field whose last piece is `prev`.
fn continues(field: Field, t: &str, prev: &str) -> bool {
    if t.is_empty() || field_at(t).is_some() || is_paragraph_start(t) || caveat_code(t).is_some() {
        return false;
    }
    match field {
        Field::Eo => false,
        Field::Tags => {
            // Upper-case codes continuing the list.
            t.len() < 80
                && t.split([' ', ',']).filter(|w| !w.is_empty()).all(|w| {
                    w.bytes().all(|b| {
                        b.is_ascii_uppercase()
                            || b.is_ascii_digit()
                            || b == b'['
                            || b == b']'
                            || b == b'('
                            || b == b'#'
                            || b == b')'
                    })
                })
        }
        Field::Subject => !is_blank(t),
        // REF items, not the prose that may follow without a blank line.
        // (An item lettered like a portion mark, `(C) 09 STATE 030541` after `(B) ...`,
        // is the next item.)
        Field::Ref => {
            !is_blank(t)
                && (!is_portion_mark(t) || next_ref_item(prev, t))
                && !starts_with_ci(t, "Summary")
                && t.len() <= 100
        }
        Field::ClassifiedBy => {
            let p = prev.trim_end();
            !p.ends_with('.') || starts_with_ci(t, "1.") || starts_with_ci(t, "(")
        }
    }
}

impl Cable<'_> {
    fn set_eo(&mut self, j: &crate::mapped::Mapped, at: usize) {
        let raw = j.as_str().trim().to_string();
        let order = raw.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 5).map(str::to_string);
        // (Found case-insensitively in `raw`: its upper-case copy's positions.)
        let declassify = if let Some(p) = find_ci(&raw, "DECL") {
            let rest = raw[p + 4..].trim_start_matches([':', ' ', '.']).trim_start_matches(['O', 'N', ':', ' ']);
            rest.split_whitespace().next().map(|w| w.trim_end_matches([',', '.', ';']).to_string())
        } else if find_ci(&raw, "N/A").is_some() {
            Some("N/A".to_string())
        } else if let Some(p) = find_ci(&raw, "GDS") {
            Some(raw[p..].split_whitespace().take(2).collect::<Vec<_>>().join(" "))
        } else {
            raw.split(':').nth(1).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
        };
        let span = self.t.span(at, at).cover(j.full_span());
        self.a.executive_order = Some(Box::new(ExecutiveOrder { order, declassify, raw, span }));
    }

    fn set_tags(&mut self, j: &crate::mapped::Mapped) {
        let mut last_split: Option<String> = None;
        for t in crate::tags::read_tags(j.as_str()) {
            let span = j.span(t.range.0, t.range.1);
            let first_part = t.split_from.is_some() && t.split_from != last_split;
            last_split.clone_from(&t.split_from);
            if let Some(from) = t.split_from.as_ref().filter(|_| first_part) {
                self.diag(
                    Severity::Info,
                    "tags-split",
                    format!("run-together TAGS \"{from}\" read as separate codes"),
                    Some(span),
                );
            }
            if t.kind == "unknown" {
                self.diag(
                    Severity::Info,
                    "unknown-tag",
                    format!("TAG \"{}\" is not in the TAGS list", t.code),
                    Some(span),
                );
            }
            if self.a.tags.iter().any(|x| x.code == t.code) {
                continue;
            }
            // A summary keeps the codes only.
            let described = !self.summary_only;
            self.a.tags.push(Tag {
                code: t.code,
                kind: if described { t.kind.to_string() } else { String::new() },
                name: t.name.filter(|n| described && !n.is_empty()).map(str::to_string),
                span,
            });
        }
    }

    fn set_subject(&mut self, j: &crate::mapped::Mapped) {
        let s = j.as_str();
        let (body, lead) = crate::lines::trim_start_count(s);
        let (marking, used) = match portion_mark(body) {
            Some((m, used)) => (Some(m), used),
            None => (None, 0),
        };
        let text = body[used..].trim_end();
        let start = lead + used;
        self.subject_text = Some((start, start + text.len()));
        self.subject_mapped = Some(j.clone());
        self.a.subject = Some(text.to_string());
        self.a.subject_marking = marking;
        self.a.subject_span = Some(j.span(lead, lead + body.trim_end().len()));
    }

    fn set_classified_by(&mut self, j: &crate::mapped::Mapped, at: usize) {
        let raw = j.as_str().trim().to_string();
        let reasons = read_reasons(&raw);
        let lower = raw.to_ascii_lowercase();
        let cut = ["for reason", "; reason", ", reason", ". reason", " reason", "; e.o.", " per ", "1.4", "1.5", "1.6"]
            .iter()
            .filter_map(|k| find_str(&lower, k))
            .min()
            .unwrap_or(raw.len());
        let mut who = raw[..cut].trim().trim_end_matches([',', ';', '.']).trim();
        // A repeated or misspelled keyword ("Classified By: Classifed by POL M/C ...").
        for k in ["classified by", "classifed by"] {
            if starts_with_ci(who, k) {
                who = who[k.len()..].trim_start_matches([':', ' ']);
            }
        }
        let (title, name) = split_title_name(who);
        let span = self.t.span(at, at).cover(j.full_span());
        self.a.classified_by = Some(Box::new(ClassifiedBy { name, title, reasons, raw, span }));
    }
}

/// `1.4 (b) and (d)` → `["1.4(b)", "1.4(d)"]`; `1.5 (b,d)` → `["1.5(b)", "1.5(d)"]`.
pub fn read_reasons(s: &str) -> Vec<String> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 3 <= b.len() {
        if b[i] == b'1' && b[i + 1] == b'.' && b[i + 2].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_digit()) {
            let num = &s[i..i + 3];
            let mut j = i + 3;
            let mut letters = Vec::new();
            // Letters in parentheses, joined by and, &, commas, or, spaces.
            loop {
                while j < b.len() && matches!(b[j], b' ' | b',' | b'&' | b'/') {
                    j += 1;
                }
                if j + 3 <= b.len()
                    && (b[j..j + 3].eq_ignore_ascii_case(b"and") || b[j..j + 2].eq_ignore_ascii_case(b"or"))
                {
                    j += if b[j..j + 3].eq_ignore_ascii_case(b"and") { 3 } else { 2 };
                    continue;
                }
                if j < b.len() && b[j] == b'(' {
                    let close = s[j..].find(')').map(|k| j + k);
                    let Some(close) = close else { break };
                    let inner = &s[j + 1..close];
                    let ls: Vec<char> = inner
                        .split([',', ' ', '&', '/'])
                        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("and"))
                        .filter_map(|w| {
                            let mut ch = w.chars();
                            let c = ch.next()?;
                            (ch.next().is_none() && c.is_ascii_alphabetic()).then(|| c.to_ascii_lowercase())
                        })
                        .collect();
                    if ls.is_empty() {
                        break;
                    }
                    letters.extend(ls);
                    j = close + 1;
                } else {
                    break;
                }
            }
            for l in letters {
                let r = format!("{num}({l})");
                if !out.contains(&r) {
                    out.push(r);
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Title words that open a classifier's line (`Ambassador`, `POL M/C`, `DCM`).
fn is_title_word(w: &str) -> bool {
    const TITLES: &[&str] = &[
        "AMBASSADOR",
        "AMB",
        "CHARGE",
        "CHARGÉ",
        "D'AFFAIRES",
        "DCM",
        "CDA",
        "A/DCM",
        "DEPUTY",
        "CHIEF",
        "OF",
        "MISSION",
        "POL",
        "POLITICAL",
        "ECON",
        "ECONOMIC",
        "COUNSELOR",
        "COUNSELLOR",
        "OFFICER",
        "MINISTER",
        "CONSUL",
        "GENERAL",
        "POLCOUNS",
        "ECONCOUNS",
        "POLOFF",
        "ACTING",
        "PRINCIPAL",
        "SECTION",
        "HEAD",
        "DIRECTOR",
        "SECRETARY",
        "ASSISTANT",
        "AND",
        "FOR",
        "AFFAIRS",
        "PUBLIC",
        "MANAGEMENT",
        "DEFENSE",
        "ATTACHE",
        "REGIONAL",
        "SECURITY",
        "CONSULATE",
        "CG",
        "PO",
        "DAS",
        "A/S",
        "INTERIM",
        "SENIOR",
        "ADVISOR",
        "POLITICAL/ECONOMIC",
        "POL/ECON",
        "PE",
        "P/E",
        "EMBASSY",
        "CHARGE'",
        "DEPUTY-CHIEF",
        "POLITICAL-MILITARY",
        "POL-MIL",
        "POLMIL",
        "ECONOFF",
        "CONS",
        "COUNS",
        "MGMT",
        "USUN",
        "CLASSIFIED",
        "BY",
        "THE",
        "U.S.",
        "PERMANENT",
        "REPRESENTATIVE",
        "PERMREP",
        "SPECIAL",
        "COUNSELOR,",
    ];
    let u = w.trim_end_matches([',', ':']).to_uppercase();
    TITLES.contains(&u.as_str())
        || (u.contains('/') && u.len() <= 10)
        || (u.contains('-') && u.split('-').all(|p| TITLES.contains(&p)))
}

fn split_title_name(who: &str) -> (Option<String>, Option<String>) {
    if who.is_empty() {
        return (None, None);
    }
    // "Name, Title"
    if let Some((a, b)) = who.split_once(',') {
        let b = b.trim();
        if b.split_whitespace().next().is_some_and(is_title_word) && !a.split_whitespace().any(is_title_word) {
            return (Some(b.to_string()), Some(a.trim().to_string()));
        }
    }
    let words: Vec<&str> = who.split_whitespace().collect();
    let k = words.iter().take_while(|w| is_title_word(w)).count();
    let title = (k > 0).then(|| words[..k].join(" "));
    let name = (k < words.len()).then(|| words[k..].join(" ").trim_end_matches(',').to_string());
    (title, name)
}

/// A DTG line (`O 241555Z JUL 09`) within the header zone; returns the
/// precedence letter and the DTG range.
pub fn dtg_line(t: &str) -> Option<(Option<&'static str>, usize, usize, Option<crate::dates::DtgValue>)> {
    // Cheap rejection (this runs on header lines): only white space and
    // precedence letters may stand before the DTG, whose first byte is a digit.
    let first = t.bytes().find(|c| !matches!(c, b' ' | b'Z' | b'O' | b'P' | b'R'));
    if first.is_some_and(|c| c < 0x80 && !c.is_ascii_digit() && !c.is_ascii_whitespace() && c != 0x0b) {
        return None;
    }
    let (a, b, v) = find_dtg(t)?;
    let before = t[..a].trim();
    if before.len() > 3 || !before.bytes().all(|c| b" ZOPR".contains(&c)) {
        return None;
    }
    if !t[b..].trim().is_empty() && t[b..].trim().len() > 20 {
        return None;
    }
    Some((precedence_word(before), a, b, v))
}

/// Lines of `lines[from..]` that are blank, for skipping.
pub fn skip_blank(s: &str, lines: &[Line], mut i: usize) -> usize {
    while i < lines.len() && is_blank(&s[lines[i].start..lines[i].end]) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_keyword_is_found_in_its_group() {
        for (k, f) in FIELD_KEYWORDS {
            let value = match f {
                Field::Eo => "12958",
                Field::Tags => "PREL",
                Field::Ref => "A",
                _ => "X",
            };
            let line = format!("{k} {value}");
            assert_eq!(field_at_plain(&line).map(|(f, _)| f), Some(f), "{line}");
        }
    }

    #[test]
    fn join_words_is_join() {
        for text in ["SECSTATE WASHDC", "SECSTATE  WASHDC", "SECSTATE\tWASHDC", " A B\u{a0}C ", "ONE"] {
            let words: Vec<&str> = text.split_whitespace().collect();
            for k in 0..=words.len() {
                assert_eq!(join_words(text, &words[..k]), words[..k].join(" "), "{text:?} {k}");
                assert_eq!(join_words(text, &words[k..]), words[k..].join(" "), "{text:?} {k}");
            }
        }
    }

    #[test]
    fn words_are_split_whitespace() {
        // Every white space byte and char, ASCII text or not.
        let parts =
            ["", " ", "\t", "\n", "\x0b", "\x0c", "\r", "\u{1c}", "\u{85}", "\u{a0}", "\u{2003}", "RUEHC", "é", "/"];
        for a in parts {
            for b in parts {
                for c in parts {
                    let text = format!("{a}{b}X{c}{a}Y{b}{c}");
                    assert_eq!(
                        words(&text).collect::<Vec<_>>(),
                        text.split_whitespace().collect::<Vec<_>>(),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn transmission_lines() {
        for (t, yes) in [
            ("VZCZCXYZ0001", true),
            ("BT", true),
            ("NNNN", true),
            ("ZNY CCCCC ZZH", true),
            ("DE RUEHFR #1007 2051555", true),
            ("DE X", false),
            ("OO RUEHDBU RUEHFL", true),
            ("PP RUEHWEB", true),
            ("RUEHDBU RUEHFL", true),
            ("RUEHWEB", true),
            ("RUCNDT", false),
            ("RUEHC/SECSTATE WASHDC", false),
            ("OO", false),
            ("OO RUEHDBU X", false),
            ("RUEHDBU\u{a0}RUEHFL", true),
            ("ROUTINE", false),
            ("PP\tRUEHWEB\x0bRUEHFL", true),
        ] {
            assert_eq!(transmission_kind(t).is_some(), yes, "{t:?}");
        }
    }

    #[test]
    fn glued_keywords_pass_the_second_byte_gate() {
        // Every keyword glued after a banner is still found.
        let banner = "C O N F I D E N T I A L STATE 000284 SIPDIS ";
        for k in ["E.O. 12958", "EO 12958", "TAGS: PREL", "SUBJECT: X"] {
            assert_eq!(glued_field_after_banner(&format!("{banner}{k}")), Some(banner.len()), "{k}");
        }
        assert_eq!(glued_field_after_banner("UNCLAS SECTION 01 OF 02 STATE 000284 SENSITIVE SET"), None);
    }

    #[test]
    fn trim_end_str_is_trim_end_matches() {
        for hay in ["", " ", "A", "STATE PLEASE PASS TO USAID", "A AND B AND C", "X PLEASE", "é ALSO"] {
            for suffix in [" PLEASE", " ALSO", " ", "A"] {
                assert_eq!(trim_end_str(hay, suffix), hay.trim_end_matches(suffix), "{hay:?} {suffix:?}");
            }
        }
        assert_eq!(trim_end_str("X PLEASE PLEASE", " PLEASE"), "X");
    }

    #[test]
    fn reasons() {
        assert_eq!(read_reasons("1.4 (b) and (d)"), ["1.4(b)", "1.4(d)"]);
        assert_eq!(read_reasons("reasons: 1.5 (b,d)."), ["1.5(b)", "1.5(d)"]);
        assert_eq!(read_reasons("1.4 (B) AND (D)."), ["1.4(b)", "1.4(d)"]);
        assert_eq!(read_reasons("1.4 (b)&(d)."), ["1.4(b)", "1.4(d)"]);
        assert_eq!(read_reasons("1.4(b), (c) and (d)"), ["1.4(b)", "1.4(c)", "1.4(d)"]);
    }

    #[test]
    fn titles_and_names() {
        assert_eq!(
            split_title_name("Ambassador John F. Tefft"),
            (Some("Ambassador".into()), Some("John F. Tefft".into()))
        );
        assert_eq!(split_title_name("POL M/C Kathleen Allegrone").0.as_deref(), Some("POL M/C"));
    }
}
