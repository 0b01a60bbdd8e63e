//! The figures extractor on pathological prose: it must never panic, must keep every
//! span inside the input and in order, and must stay linear (these inputs would take
//! minutes with a quadratic rescan; no timing is asserted).

use cablescope::figures::{extract, DateContext, Prose, ProseKind};
use cablescope::mapped::Mapped;
use cablescope::Figure;

const CTX: DateContext = DateContext { date: Some((2005, 11, 29)), year: None };

/// Extracts from `text` as a paragraph (and, to exercise that path too, as a subject
/// line with no known date), checking the invariants of every figure.
fn run(text: &str) -> Vec<Figure> {
    let m = Mapped::identity(text, 0);
    let subject = [Prose { text: &m, paragraph: None, kind: ProseKind::Subject }];
    check(text, &extract(&subject, &DateContext::default()));
    let paragraph = [Prose { text: &m, paragraph: Some(1), kind: ProseKind::Paragraph }];
    let figures = extract(&paragraph, &CTX);
    check(text, &figures);
    figures
}

fn check(text: &str, figures: &[Figure]) {
    for f in figures {
        assert!(f.span.start <= f.span.end && f.span.end as usize <= text.len(), "span {:?}", f.span);
        assert!(f.sentence.start <= f.span.start && f.span.end <= f.sentence.end, "sentence {:?}", f.sentence);
        assert_eq!(&text[f.span.start as usize..f.span.end as usize], f.text);
        if let Some(cablescope::FigureValue::Number(v)) = f.value {
            assert!(v.is_finite(), "{v}");
        }
    }
    for pair in figures.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start, "overlap in {:?}", &text[..text.len().min(200)]);
    }
}

#[test]
fn ten_megabytes_of_digits() {
    let digits = "7".repeat(10_000_000);
    assert!(run(&digits).is_empty());
    let with_unit = format!("{digits} percent of {digits} dollars");
    run(&with_unit);
}

#[test]
fn a_million_digits_in_groups_and_chains() {
    let groups = format!("1{}", ",000".repeat(250_000));
    run(&groups);
    run(&"1.".repeat(300_000));
    run(&"1-".repeat(300_000));
    run(&"12/".repeat(300_000));
    run(&"1 ".repeat(300_000));
    run(&"0.5 million ".repeat(50_000));
}

#[test]
fn repeated_qualifiers_and_words() {
    let qualifiers = format!("{}70%", "at least ".repeat(100_000));
    let f = run(&qualifiers);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].text, "at least 70%");
    for phrase in [
        "in the neighborhood of ",
        "the the ",
        "twenty ",
        "one hundred ",
        "November ",
        "a ",
        "and ",
        "between 1 and ",
        "per cent ",
        "$1-",
        "last ",
        "the last few ",
        "Election Day ",
        "friday the ",
        "of the ",
        "U.S. ",
        "Mr. ",
        "... ",
    ] {
        run(&phrase.repeat(100_000));
    }
}

#[test]
fn symbol_soup() {
    for soup in ["$$$$", "%%%", "€€€", "--", "((", "''", "\"\"", "..", "::", "元元"] {
        run(&soup.repeat(100_000));
    }
    run("$");
    run("%");
    run("");
    run(" ");
    run("5");
    run("$5");
    run("5%");
    run("-");
    run("US$");
    run("the");
    run("a fraction of");
}

#[test]
fn unicode_soup() {
    let pieces = [
        "é", "ß", "İ", "ﬁ", "ア", "元", "ரூ", "\u{301}", "\u{200d}", "😀", "\u{202e}", "٣", "๓", "Ⅻ", "½", "％", "’s",
        "“", "”", "–", "—", "\u{a0}", "\u{2028}", "₸", "₽", "£", "¥", "₾", "₭", "₡", " ", "5", ".", ",", "-", "/", "$",
        "%",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut text = String::new();
    for _ in 0..200_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
    }
    run(&text);
}

#[test]
fn random_phrases_from_the_vocabulary() {
    let words = [
        "about",
        "at",
        "least",
        "more",
        "than",
        "up",
        "to",
        "between",
        "and",
        "or",
        "$",
        "USD",
        "EUR",
        "KZT",
        "5",
        "1,200",
        "2.3",
        "million",
        "bn",
        "percent",
        "per",
        "cent",
        "%",
        "of",
        "the",
        "a",
        "an",
        "half",
        "hour",
        "day",
        "days",
        "week",
        "twice",
        "times",
        "ago",
        "from",
        "now",
        "later",
        "November",
        "May",
        "march",
        "15",
        "2005",
        "4,",
        "friday",
        "next",
        "last",
        "this",
        "year",
        "month",
        "on",
        "in",
        "late",
        "first",
        "second",
        "twenty",
        "one",
        "hundred",
        "Election",
        "Day",
        "-",
        "/",
        ".",
        ",",
        "(",
        ")",
        "b",
        "minute",
        "15-minute",
        "tenge",
        "rubles",
        "cents",
        "dollars",
        "yesterday",
        "few",
        "fraction",
        "within",
        "Almaty",
        "4281",
        "004123",
        "1.4",
        "reports",
        "activists",
        "print-runs",
        "'s",
        "U.S.",
        "Mr.",
        "\"",
        "9/11",
        "11/07/2016",
        "2016-11-07",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..3_000 {
        let mut text = String::new();
        let n = 1 + (seed % 24) as usize;
        for _ in 0..n {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let w = words[((seed >> 33) % words.len() as u64) as usize];
            text.push_str(w);
            if !(seed >> 20).is_multiple_of(4) {
                text.push(' ');
            }
        }
        run(&text);
    }
}

#[test]
fn mapped_text_with_atomic_pieces() {
    // "70&#37; of the vote" decoded to "70% of the vote": the % stands for 5 bytes.
    let mut m = Mapped::new();
    m.push_linear("close to 70", 0);
    m.push_atomic("%", 11, 5);
    m.push_linear(" of the vote", 16);
    let prose = [Prose { text: &m, paragraph: Some(3), kind: ProseKind::Paragraph }];
    let f = extract(&prose, &CTX);
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].span.start, f[0].span.end), (0, 16));
    assert_eq!(f[0].paragraph, Some(3));
}
