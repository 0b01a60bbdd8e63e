//! Classification banners, handling caveats and portion marks.

use crate::lines::is_digits;
use crate::model::Level;

/// A banner line read apart: `C O N F I D E N T I A L SECTION 01 OF 03 TBILISI 001732`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    /// The level it states.
    pub level: Level,
    /// The classification as printed (`C O N F I D E N T I A L`, `UNCLAS`).
    pub printed: String,
    /// `SECTION n OF m`.
    pub section: Option<(u32, u32)>,
    /// Station as in ids (`USEUBRUSSELS`), when the line names one.
    pub station: Option<String>,
    /// Serial number, when printed.
    pub serial: Option<u64>,
    /// Caveat words after the serial (`NOFORN`).
    pub trailing: Vec<String>,
    /// Byte length of the classification part within the line.
    pub printed_len: usize,
}

/// Reads a banner line. Returns `None` unless the line starts with a
/// classification (spaced letters and one-letter typos as seen in the corpus).
#[inline]
pub fn parse_banner(line: &str) -> Option<Banner> {
    // Cheap rejection, inline (this runs on most lines): a classification
    // starts with one of these letters, after white space at most.
    if !may_be_banner(line) {
        return None;
    }
    parse_banner_at(line)
}

/// False when `line` cannot start with a classification: its first letter
/// (`T`, `U`, `C`, `S`) and the next one that is not a space (`O`, `N` or
/// `U`, `O`, `E`) say so. A line starting with white space or a non-ASCII
/// byte is trimmed first (as the full reading trims it), so that a line
/// led by `¶` is rejected here, not by the full reading's Unicode trim.
#[inline(always)]
fn may_be_banner(line: &str) -> bool {
    match line.as_bytes().first() {
        None => false,
        Some(&first) if first >= 0x80 || first.is_ascii_whitespace() || first == 0x0b => may_be_banner_trimmed(line),
        Some(_) => starts_like_level(line),
    }
}

/// [`may_be_banner`] for a line led by white space or a non-ASCII byte.
#[inline(never)]
fn may_be_banner_trimmed(line: &str) -> bool {
    // Past the white space, the first byte is not white space: a non-ASCII
    // one fails the letter test, as it fails `leading_level`.
    past_lead_space(line).is_some_and(starts_like_level)
}

/// `line` past its leading white space; `None` at once for a line led by a
/// non-ASCII character that is not white space (`¶`), which no
/// classification or caveat word starts with (and which `str::trim_start`
/// would decode only to keep).
#[inline]
fn past_lead_space(line: &str) -> Option<&str> {
    let c = line.chars().next()?;
    if !c.is_ascii() && !c.is_whitespace() {
        return None;
    }
    Some(crate::lines::trim_start(line))
}

/// [`may_be_banner`]'s letter test on a line that does not start with white space.
#[inline(always)]
fn starts_like_level(line: &str) -> bool {
    let b = line.as_bytes();
    let Some(&first) = b.first() else { return false };
    let second = b.get(1..).unwrap_or_default().iter().find(|&&c| c != b' ').map(u8::to_ascii_uppercase);
    match first.to_ascii_uppercase() {
        b'T' | b'C' => second == Some(b'O'),
        b'U' => matches!(second, Some(b'N' | b'U')),
        b'S' => second == Some(b'E'),
        _ => false,
    }
}

/// [`parse_banner`] past its first-byte test.
fn parse_banner_at(line: &str) -> Option<Banner> {
    let t = crate::lines::trim(line);
    let (level, printed_len) = leading_level(t)?;
    read_banner(t, level, printed_len)
}

/// The rest of a banner line `t` that starts with a classification.
#[inline(never)]
fn read_banner(t: &str, level: Level, printed_len: usize) -> Option<Banner> {
    let rest = &t[printed_len..];
    // A banner is short: classification, optional section, station, serial.
    if rest.len() > 80 {
        return None;
    }
    let printed = t[..printed_len].trim_end().to_string();
    let toks: Vec<&str> = rest.split_whitespace().collect();
    let shape = banner_shape(&toks)?;
    let i = shape.words_from;
    let (station, serial, trailing) = match shape.serial_at {
        Some(s) => {
            let station = toks[i..s].concat().to_ascii_uppercase();
            let trailing = toks[s + 1..].iter().map(|w| w.trim_matches(',').to_ascii_uppercase()).collect();
            (Some(station), toks[s].parse().ok(), trailing)
        }
        // A bare classification line ("UNCLASSIFIED", "SECRET NOFORN").
        None => (None, None, toks[i..].iter().map(|w| w.to_ascii_uppercase()).collect()),
    };
    // A redacted station (`XXXXXXXXXXXX 000004`) names no station.
    let station = station.filter(|s| !s.bytes().all(|b| b == b'X'));
    Some(Banner {
        level,
        printed,
        section: shape.section,
        station: station.map(|s| normalize_station(&s)),
        serial,
        trailing,
        printed_len,
    })
}

/// How the words after a banner's classification read.
struct BannerShape {
    /// `SECTION n OF m`.
    section: Option<(u32, u32)>,
    /// First word after the section (the station's, or the bare line's caveats).
    words_from: usize,
    /// The serial's word, when the line names a station (words
    /// `words_from..serial_at`) and a serial.
    serial_at: Option<usize>,
}

/// Reads the words `toks` after a classification; `None` when they do not
/// form a banner.
fn banner_shape(toks: &[&str]) -> Option<BannerShape> {
    let mut i = 0;
    let mut section = None;
    if toks.len() >= 4 && toks[0].eq_ignore_ascii_case("SECTION") && toks[2].eq_ignore_ascii_case("OF") {
        if let (Some(n), Some(of)) = (small(toks[1]), small(toks[3])) {
            section = Some((n, of));
            i = 4;
        }
    }
    let serial_at = toks[i..].iter().position(|w| is_digits(w) && w.len() <= 8).map(|p| p + i);
    match serial_at {
        Some(s) if s > i => {
            let words = &toks[i..s];
            if words.len() > 4 || !words.iter().all(|w| w.bytes().all(|b| b.is_ascii_alphabetic())) {
                return None;
            }
            Some(BannerShape { section, words_from: i, serial_at: Some(s) })
        }
        _ => {
            if toks.len() - i > 3 || toks[i..].iter().any(|w| !is_caveat_word(w)) {
                return None;
            }
            Some(BannerShape { section, words_from: i, serial_at: None })
        }
    }
}

/// What most callers ask of a banner line, read without building it: the
/// same answers as [`parse_banner`]'s `station.is_none()`,
/// `trailing.is_empty()` and `serial`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BannerBrief {
    /// The line names no station (or a redacted one).
    pub no_station: bool,
    /// Nothing follows the serial (or the bare classification).
    pub no_trailing: bool,
    /// Serial number, when printed.
    pub serial: Option<u64>,
}

/// [`parse_banner`], answering only [`BannerBrief`]'s questions (no
/// allocation: this runs on every line that may be a banner).
#[inline(always)]
pub fn banner_brief(line: &str) -> Option<BannerBrief> {
    if !may_be_banner(line) {
        return None;
    }
    banner_brief_at(line)
}

/// [`banner_brief`] past its first-byte test.
#[inline(never)]
fn banner_brief_at(line: &str) -> Option<BannerBrief> {
    let t = crate::lines::trim(line);
    let (_, printed_len) = leading_level(t)?;
    let rest = &t[printed_len..];
    if rest.len() > 80 {
        return None;
    }
    // At most 40 words in 80 bytes.
    let mut buf = [""; 48];
    let mut n = 0;
    for w in rest.split_whitespace() {
        *buf.get_mut(n)? = w;
        n += 1;
    }
    let toks = buf.get(..n)?;
    let shape = banner_shape(toks)?;
    Some(match shape.serial_at {
        Some(s) => BannerBrief {
            no_station: toks[shape.words_from..s].iter().all(|w| w.bytes().all(|b| b.eq_ignore_ascii_case(&b'X'))),
            no_trailing: s + 1 >= toks.len(),
            serial: toks[s].parse().ok(),
        },
        None => BannerBrief { no_station: true, no_trailing: shape.words_from >= toks.len(), serial: None },
    })
}

fn small(s: &str) -> Option<u32> {
    crate::lines::parse_u32(s).filter(|&n| n < 1000)
}

/// Levels and the words that print them, longest first among the words
/// sharing a first letter (grouped by it: see `leading_level`).
const LEVEL_WORDS: &[(&str, Level)] = &[
    ("TOPSECRET", Level::TopSecret),
    ("UNCLASSIFIED", Level::Unclassified),
    ("UUNCLAS", Level::Unclassified),
    ("UNCLAS", Level::Unclassified),
    ("CONFIDENTIAL", Level::Confidential),
    ("SECRET", Level::Secret),
];

/// Finds a classification word at the start of `t`, letting its letters be
/// spaced out (`S E C R E T`, `CO N F I D E N T I A L`). Returns the level and
/// the byte length it occupies.
fn leading_level(t: &str) -> Option<(Level, usize)> {
    let bytes = t.as_bytes();
    // Cheap rejection (this runs on most lines): every level word starts
    // with one of these letters, and the first byte is never a skipped space.
    // Only the words with that first letter can match (in table order).
    let words: &[(&str, Level)] = match bytes.first().map(u8::to_ascii_uppercase) {
        Some(b'T') => &LEVEL_WORDS[..1],
        Some(b'U') => &LEVEL_WORDS[1..4],
        Some(b'C') => &LEVEL_WORDS[4..5],
        Some(b'S') => &LEVEL_WORDS[5..],
        _ => return None,
    };
    for &(word, level) in words {
        if let Some(i) = spaced_word_len(bytes, word.as_bytes()) {
            // The word must end here (not `SECRETARY`, `UNCLASSIFIEDS`).
            let next = bytes.get(i).copied();
            if next.is_none_or(|b| !b.is_ascii_alphanumeric()) {
                // Spaced letters must be spaced throughout or not at all, so
                // that "SECRET ARY" style prose is not a banner.
                return Some((level, i));
            }
        }
    }
    None
}

/// The byte length of the upper-case `word`'s letters at the start of
/// `bytes`, in any case, spaces allowed before each letter but the first
/// (`S E C R E T`); `None` when they are not there.
#[inline]
fn spaced_word_len(bytes: &[u8], word: &[u8]) -> Option<usize> {
    let mut i = 0;
    for (k, &w) in word.iter().enumerate() {
        if k > 0 {
            while bytes.get(i) == Some(&b' ') {
                i += 1;
            }
        }
        // `& !0x20` upper-cases a lower-case letter; only `w` and its
        // lower case give `w` (an upper-case letter).
        if bytes.get(i).map(|&b| b & !0x20) != Some(w) {
            return None;
        }
        i += 1;
    }
    Some(i)
}

/// Stations as written in ids, from the way banners and references write them.
pub fn normalize_station(s: &str) -> String {
    match s {
        "SECSTATE" | "SECSTATEWASHDC" | "DEPTSTATE" => "STATE".to_string(),
        "RIO" => "RIODEJANEIRO".to_string(),
        _ => s.to_string(),
    }
}

/// Handling caveats that stand on their own line, and their normalized code.
#[inline(always)]
pub fn caveat_code(line: &str) -> Option<&'static str> {
    // Cheap rejection, inline (this runs on every line): a line starting
    // with a letter must start with the first two letters of a caveat word
    // (in any case); one starting with white space or a non-ASCII byte is
    // trimmed and read in full. A line of one byte is never a caveat.
    let &[a, b, ..] = line.as_bytes() else { return None };
    if a.is_ascii_alphabetic() {
        if caveat_pair(a, b) {
            caveat_code_at(line)
        } else {
            None
        }
    } else if a >= 0x80 || a.is_ascii_whitespace() || a == 0x0b {
        caveat_code_trimmed(line)
    } else {
        None
    }
}

/// True when `a`, `b` (`a` a letter) may be the first two letters of a
/// caveat word, in any case.
#[inline(always)]
fn caveat_pair(a: u8, b: u8) -> bool {
    // `| 0x20` lower-cases a letter and makes no other byte a letter.
    matches!(
        [a | 0x20, b | 0x20],
        [b's', b'i' | b't' | b'e']
            | [b'n' | b'r' | b'f', b'o']
            | [b'e', b'x']
            | [b'l', b'i']
            | [b'c', b'h']
            | [b'o' | b'p', b'r']
    )
}

/// [`caveat_code`] for a line led by white space or a non-ASCII byte: the
/// two-letter test on the line past its leading white space (whose first
/// two bytes the full reading's trimmed line starts with), so that a line
/// led by `¶` is rejected without the full reading's Unicode trim.
#[inline(never)]
fn caveat_code_trimmed(line: &str) -> Option<&'static str> {
    match past_lead_space(line)?.as_bytes() {
        &[a, b, ..] if a.is_ascii_alphabetic() && caveat_pair(a, b) => caveat_code_at(line),
        _ => None,
    }
}

/// [`caveat_code`] past its first-byte test.
#[inline(never)]
fn caveat_code_at(line: &str) -> Option<&'static str> {
    let t = crate::lines::trim(line);
    let mut n = t.len();
    while n > 0 && matches!(t.as_bytes().get(n - 1), Some(b'.' | b',')) {
        n -= 1;
    }
    let t = t.get(..n).unwrap_or("");
    if t.len() < 3 || t.len() > 60 {
        return None;
    }
    // The first word, looking no further than a caveat word can be long.
    let b = t.as_bytes();
    let lim = b.len().min(11);
    let mut first_len = 0;
    while first_len < lim && b[first_len] != b' ' && b[first_len] != b',' {
        first_len += 1;
    }
    if first_len == lim && b.len() > 10 {
        return None;
    }
    // The one caveat word of that length and first letter, if any.
    let code = match (first_len, b[0].to_ascii_uppercase()) {
        (6, b'S') if b[1].eq_ignore_ascii_case(&b'I') => "SIPDIS",
        (6, b'S') => "STADIS",
        (6, b'N') => "NOFORN",
        (9, b'S') => "SENSITIVE",
        (5, b'E') => "EXDIS",
        (5, b'N') => "NODIS",
        (6, b'L') => "LIMDIS",
        (5, b'R') => "ROGER",
        (8, b'C') => "CHEROKEE",
        (10, b'N') => "NOCONTRACT",
        (5, b'O') => "ORCON",
        (6, b'P') => "PROPIN",
        (4, b'F') => "FOUO",
        _ => return None,
    };
    if !b.get(..first_len).is_some_and(|w| w.eq_ignore_ascii_case(code.as_bytes())) {
        return None;
    }
    // A caveat alone on its line (the usual case) needs nothing more.
    if first_len == t.len() {
        return Some(code);
    }
    let upper = t.to_ascii_uppercase();
    if upper.starts_with("SENSITIVE BUT UNCLASSIFIED") {
        return Some(code);
    }
    // The rest of the line must be more caveat words, not prose.
    let words = upper.split([' ', ',', '/']).filter(|w| !w.is_empty()).count();
    if words > 6 || (words > 1 && !upper.contains("DISTRIBUTION") && code != "REL" && !all_caveats(&upper)) {
        return None;
    }
    Some(code)
}

fn all_caveats(upper: &str) -> bool {
    upper.split([' ', ',', '/']).filter(|w| !w.is_empty()).all(|w| is_caveat_word(&w))
}

fn is_caveat_word(w: &&str) -> bool {
    const WORDS: &[&str] = &[
        "SIPDIS",
        "NOFORN",
        "SENSITIVE",
        "EXDIS",
        "NODIS",
        "LIMDIS",
        "STADIS",
        "FOUO",
        "ORCON",
        "PROPIN",
        "NOCONTRACT",
        "SBU",
        "EFTO",
        "CXROME",
        "ROGER",
        "CHEROKEE",
    ];
    let w = w.trim_matches(|c: char| !c.is_ascii_alphabetic());
    WORDS.iter().any(|k| w.eq_ignore_ascii_case(k))
}

/// Reads a portion mark at the start of `s` (`(SBU)`, `(C/NF)`,
/// `(C - ENTIRE TEXT)`, `(S/REL CHINA)`). Returns the mark and the bytes used
/// (mark plus following spaces).
pub fn portion_mark(s: &str) -> Option<(String, usize)> {
    portion_mark_parts(s).map(|(inner, used)| (inner.to_ascii_uppercase(), used))
}

/// True when `s` starts with a portion mark ([`portion_mark`] without
/// building the mark).
#[inline]
pub fn is_portion_mark(s: &str) -> bool {
    s.as_bytes().first() == Some(&b'(') && portion_mark_parts(s).is_some()
}

/// [`portion_mark`]'s mark as printed (not upper-cased) and the bytes used.
fn portion_mark_parts(s: &str) -> Option<(&str, usize)> {
    let b = s.as_bytes();
    if b.first() != Some(&b'(') {
        return None;
    }
    // The closing parenthesis within 32 bytes: a plain loop, as a mark is
    // short (a `)` byte is never inside a character, so no boundary matters).
    let close = b.iter().take(32).position(|&c| c == b')')?;
    let inner = crate::lines::trim(&s[1..close]);
    // (Bytes: a non-ASCII character fails as its bytes do.)
    if !inner.bytes().all(|c| c.is_ascii_alphabetic() || matches!(c, b' ' | b'/' | b'-')) {
        return None;
    }
    // The level: the mark up to its first space, dash or slash.
    let ib = inner.as_bytes();
    let base = &ib[..ib.iter().position(|&c| matches!(c, b' ' | b'-' | b'/')).unwrap_or(ib.len())];
    const BASES: [&str; 8] = ["U", "SBU", "C", "S", "TS", "CONFIDENTIAL", "SECRET", "UNCLASSIFIED"];
    if !BASES.iter().any(|k| base.eq_ignore_ascii_case(k.as_bytes())) {
        return None;
    }
    let mut used = close + 1;
    used += s[used..].len() - crate::lines::trim_start(&s[used..]).len();
    Some((inner, used))
}

/// The label archives print for a level and its caveats.
pub fn derive_label(level: Level, caveats: &[&str]) -> String {
    let has = |c: &str| caveats.contains(&c);
    match level {
        Level::Unclassified if has("SENSITIVE") => "UNCLASSIFIED//FOR OFFICIAL USE ONLY".to_string(),
        _ if has("NOFORN") => format!("{}//NOFORN", level.name()),
        _ => level.name().to_string(),
    }
}

/// The level a metadata label such as `SECRET//NOFORN` states.
pub fn level_of_label(label: &str) -> Option<Level> {
    let head = label.split("//").next().unwrap_or("").trim().to_ascii_uppercase();
    match head.as_str() {
        "UNCLASSIFIED" | "UNCLAS" => Some(Level::Unclassified),
        "CONFIDENTIAL" => Some(Level::Confidential),
        "SECRET" => Some(Level::Secret),
        "TOP SECRET" => Some(Level::TopSecret),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banners_in_their_printed_forms() {
        let b = parse_banner("UNCLAS ALMATY 004123").unwrap();
        assert_eq!((b.level, b.station.as_deref(), b.serial), (Level::Unclassified, Some("ALMATY"), Some(4123)));
        let b = parse_banner("C O N F I D E N T I A L SECTION 01 OF 03 ANKARA 008852 ").unwrap();
        assert_eq!((b.level, b.section, b.serial), (Level::Confidential, Some((1, 3)), Some(8852)));
        assert_eq!(b.printed, "C O N F I D E N T I A L");
        let b = parse_banner("S e c r e t state 015220").unwrap();
        assert_eq!((b.level, b.station.as_deref()), (Level::Secret, Some("STATE")));
        let b = parse_banner("CO N F I D E N T I A L USEU BRUSSELS 000948").unwrap();
        assert_eq!(b.station.as_deref(), Some("USEUBRUSSELS"));
        assert_eq!(parse_banner("UUNCLAS PARIS 000123").unwrap().level, Level::Unclassified);
        assert!(parse_banner("SECRETARY RICE MET WITH 12 PEOPLE").is_none());
        assert!(parse_banner("Secret talks were held in Paris on 12 July with many").is_none());
        for l in [
            "UNCLAS ALMATY 004123",
            "C O N F I D E N T I A L SECTION 01 OF 03 ANKARA 008852 NOFORN",
            "SECRET",
            "SECRET NOFORN",
            "CONFIDENTIAL XXXXXXXXXXXX 000004",
            "S E C R E T STATE 015220",
            "SECRETARY RICE MET WITH 12 PEOPLE",
            "unclassified sipdis",
        ] {
            let brief = parse_banner(l).map(|b| BannerBrief {
                no_station: b.station.is_none(),
                no_trailing: b.trailing.is_empty(),
                serial: b.serial,
            });
            assert_eq!(banner_brief(l), brief, "{l}");
        }
    }

    #[test]
    fn portion_marks() {
        assert_eq!(portion_mark("(SBU) Summary").unwrap(), ("SBU".to_string(), 6));
        assert_eq!(portion_mark("(C - ENTIRE TEXT) x").unwrap().0, "C - ENTIRE TEXT");
        assert_eq!(portion_mark("(S/Rel China) x").unwrap().0, "S/REL CHINA");
        assert!(portion_mark("(Note: x)").is_none());
    }

    #[test]
    fn spaced_words_read_as_before() {
        // The loop `spaced_word_len` replaced, with its case test.
        fn by_loop(bytes: &[u8], w: &[u8]) -> Option<usize> {
            let (mut i, mut matched) = (0, 0);
            while matched < w.len() && i < bytes.len() {
                if bytes[i] == b' ' && matched > 0 {
                    i += 1;
                    continue;
                }
                if !bytes[i].eq_ignore_ascii_case(&w[matched]) {
                    break;
                }
                matched += 1;
                i += 1;
            }
            (matched == w.len()).then_some(i)
        }
        for l in [
            "SECRET",
            "S E C R E T X",
            "secret",
            "SeCrEt",
            "SECRE",
            "S  ECRET",
            "SECRET1",
            "SE\u{c3}\u{a9}",
            "S\tECRET",
            "",
        ] {
            for (w, _) in LEVEL_WORDS {
                assert_eq!(
                    spaced_word_len(l.as_bytes(), w.as_bytes()),
                    by_loop(l.as_bytes(), w.as_bytes()),
                    "{l:?} {w}"
                );
            }
        }
        for b in 0..=255u8 {
            for (w, _) in LEVEL_WORDS {
                let line = [b, b'X'];
                assert_eq!(spaced_word_len(&line, w.as_bytes()), by_loop(&line, w.as_bytes()), "{b} {w}");
            }
        }
    }

    #[test]
    fn portion_marks_read_as_by_str_methods() {
        // The byte-level reading against the `str` one it replaced.
        fn by_str(s: &str) -> Option<(&str, usize)> {
            let close = s.find(')').filter(|&c| s.starts_with('(') && c < 32)?;
            let inner = s[1..close].trim();
            let base = inner.split([' ', '-']).next().unwrap_or("").split('/').next().unwrap_or("");
            let bases = ["U", "SBU", "C", "S", "TS", "CONFIDENTIAL", "SECRET", "UNCLASSIFIED"];
            if !bases.iter().any(|k| base.eq_ignore_ascii_case(k))
                || !inner.bytes().all(|c| c.is_ascii_alphabetic() || matches!(c, b' ' | b'/' | b'-'))
            {
                return None;
            }
            Some((inner, s.len() - s[close + 1..].trim_start().len()))
        }
        for s in [
            "(SBU) Summary",
            "( C ) x",
            "(C - ENTIRE TEXT) x",
            "(S/Rel China)\u{a0} x",
            "(TS-x)",
            "(u)",
            "(Note: x)",
            "(SBU/NF)",
            "(SBUX) x",
            "(/C) x",
            "(\u{a0}C) x",
            "(C\t) x",
            "(C)",
            "()",
            "(",
        ] {
            assert_eq!(portion_mark_parts(s), by_str(s), "{s:?}");
        }
    }

    #[test]
    fn caveats() {
        assert_eq!(caveat_code("SIPDIS "), Some("SIPDIS"));
        // Every code passes the two-byte gate, in either case.
        let codes = ["SIPDIS", "STADIS", "NOFORN", "SENSITIVE", "EXDIS", "NODIS", "LIMDIS", "ROGER", "CHEROKEE"];
        for code in codes.into_iter().chain(["NOCONTRACT", "ORCON", "PROPIN", "FOUO"]) {
            assert_eq!(caveat_code(code), Some(code));
            assert_eq!(caveat_code(&code.to_lowercase()), Some(code));
        }
        assert_eq!(caveat_code("NOFORN, NOT FOR INTERNET DISTRIBUTION"), Some("NOFORN"));
        assert_eq!(caveat_code("Sipdis"), Some("SIPDIS"));
        assert_eq!(caveat_code("SENSITIVE BUT UNCLASSIFIED"), Some("SENSITIVE"));
        assert_eq!(caveat_code("SIPDIS talks went well in the end"), None);
        // Led by white space: the gate reads past it, and rejects `¶` at once.
        for code in codes.into_iter().chain(["NOCONTRACT", "ORCON", "PROPIN", "FOUO"]) {
            for lead in [" ", "\t", "\u{a0}", " \u{2003} ", "\u{b}"] {
                assert_eq!(caveat_code(&format!("{lead}{code}")), Some(code), "{lead:?}{code}");
            }
            assert_eq!(caveat_code(&format!("¶{code}")), caveat_code_at(&format!("¶{code}")));
        }
        assert_eq!(caveat_code("¶"), None);
    }

    #[test]
    fn banner_gate_reads_past_white_space() {
        // The gate never rejects a line the full reading accepts.
        for l in ["UNCLAS ALMATY 004123", "C O N F I D E N T I A L", "S E C R E T", "TOP SECRET", "UUNCLAS X 1"] {
            for lead in ["", " ", "\t", "\u{a0}", " \u{2003} ", "\u{b}", "¶", "¶ "] {
                let line = format!("{lead}{l}");
                if parse_banner_at(&line).is_some() || banner_brief_at(&line).is_some() {
                    assert!(may_be_banner(&line), "{line:?}");
                }
                assert_eq!(may_be_banner(&line), !lead.starts_with('¶'), "{line:?}");
            }
        }
    }
}
