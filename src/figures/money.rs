//! Money: an amount with its currency, normalized to the main unit and an ISO code
//! (`$5 million`, `USD 2.3 billion`, `1,200 tenge`, `C$ 16.4 million`, `50 cents`).

use super::numbers::{Num, Parsed};
use super::scan::{round, Hit, Measure, Quantity, Scan};
use super::tokens::{Tok, K};
use super::words::W;
use crate::model::{FigureKind, FigureValue};

/// A currency: its ISO code (or a plain name when the country is unknown) and the
/// factor from the written unit to the main unit (0.01 for cents).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Cur {
    unit: &'static str,
    factor: f64,
}

const fn cur(unit: &'static str) -> Option<Cur> {
    Some(Cur { unit, factor: 1.0 })
}

const fn sub(unit: &'static str) -> Option<Cur> {
    Some(Cur { unit, factor: 0.01 })
}

/// The currency of a symbol.
fn symbol(c: char) -> Option<Cur> {
    match c {
        '$' => cur("USD"),
        '€' => cur("EUR"),
        '£' => cur("GBP"),
        '¥' => cur("JPY"),
        '₽' => cur("RUB"),
        '₸' => cur("KZT"),
        '₾' => cur("GEL"),
        '₭' => cur("LAK"),
        '₡' => cur("CRC"),
        '₹' => cur("INR"),
        '₩' => cur("KRW"),
        '₺' => cur("TRY"),
        '₴' => cur("UAH"),
        '₪' => cur("ILS"),
        '₫' => cur("VND"),
        '₦' => cur("NGN"),
        '฿' => cur("THB"),
        '₱' => cur("PHP"),
        '₼' => cur("AZN"),
        '¢' => sub("USD"),
        _ => None,
    }
}

/// True for a currency symbol (`€`, `£`, `¢`...).
pub(super) fn is_symbol(c: char) -> bool {
    symbol(c).is_some()
}

/// The symbol a token stands for.
fn symbol_tok(t: &Tok) -> Option<Cur> {
    match t.kind {
        K::Punct(b'$') => symbol('$'),
        K::Sym(c) => symbol(c),
        _ => None,
    }
}

/// The currency a word names, given the adjective before it (`australian dollars`).
fn named(w: W, adj: W) -> Option<Cur> {
    match w {
        W::Dollar => match adj {
            W::Canadian => cur("CAD"),
            W::Australian => cur("AUD"),
            W::Hong | W::Kong => cur("HKD"),
            W::New | W::Zealand => cur("NZD"),
            W::Singapore => cur("SGD"),
            W::Taiwan => cur("TWD"),
            _ => cur("USD"),
        },
        W::Euro => cur("EUR"),
        W::Pound => match adj {
            W::Egyptian => cur("EGP"),
            W::Lebanese => cur("LBP"),
            W::Syrian => cur("SYP"),
            _ => cur("GBP"),
        },
        W::Sterling => cur("GBP"),
        W::Yen => cur("JPY"),
        W::Yuan => cur("CNY"),
        W::Ruble => cur("RUB"),
        W::Tenge => cur("KZT"),
        W::Som => match adj {
            W::Uzbek => cur("UZS"),
            _ => cur("KGS"),
        },
        W::Somoni => cur("TJS"),
        W::Manat => cur("AZN"),
        W::Lari => cur("GEL"),
        W::Dram => cur("AMD"),
        W::Hryvnia => cur("UAH"),
        W::Lira => cur("TRY"),
        W::Franc => match adj {
            W::Swiss => cur("CHF"),
            W::French => cur("FRF"),
            W::Belgian => cur("BEF"),
            _ => cur("franc"),
        },
        W::Peseta => cur("ESP"),
        W::Markka => cur("FIM"),
        W::Guilder => cur("NLG"),
        W::Mark => cur("DEM"),
        W::Rupee => match adj {
            W::Pakistani => cur("PKR"),
            W::Sri | W::Lankan => cur("LKR"),
            W::Indian => cur("INR"),
            _ => cur("rupee"),
        },
        W::Rand => cur("ZAR"),
        W::Reais => cur("BRL"),
        W::Peso => match adj {
            W::Mexican => cur("MXN"),
            W::Argentine => cur("ARS"),
            W::Chilean => cur("CLP"),
            W::Colombian => cur("COP"),
            W::Philippine => cur("PHP"),
            W::Cuban => cur("CUP"),
            _ => cur("peso"),
        },
        W::Shekel => cur("ILS"),
        W::Dinar => match adj {
            W::Iraqi => cur("IQD"),
            W::Jordanian => cur("JOD"),
            W::Kuwaiti => cur("KWD"),
            _ => cur("dinar"),
        },
        W::Dirham => cur("AED"),
        W::Riyal => cur("SAR"),
        W::Rial => cur("IRR"),
        W::Baht => cur("THB"),
        W::Ringgit => cur("MYR"),
        W::Rupiah => cur("IDR"),
        W::Dong => cur("VND"),
        W::Kip => cur("LAK"),
        W::Naira => cur("NGN"),
        W::Cedi => cur("GHS"),
        W::Shilling => cur("shilling"),
        W::Birr => cur("ETB"),
        W::Afghani => cur("AFN"),
        W::Taka => cur("BDT"),
        W::Kyat => cur("MMK"),
        W::Tugrik => cur("MNT"),
        W::Zloty => cur("PLN"),
        W::Forint => cur("HUF"),
        W::Koruna => cur("CZK"),
        W::Leu => cur("RON"),
        W::Lev => cur("BGN"),
        W::Kuna => cur("HRK"),
        W::Denar => cur("MKD"),
        W::Krona => cur("SEK"),
        W::Krone => match adj {
            W::Danish => cur("DKK"),
            _ => cur("NOK"),
        },
        W::Won => cur("KRW"),
        W::Colon => cur("CRC"),
        W::Bolivar => cur("VEF"),
        W::Cent => sub("USD"),
        W::Pence => sub("GBP"),
        W::Kopek => sub("RUB"),
        W::Tiyn => sub("KZT"),
        _ => None,
    }
}

/// True for a word that may stand between an amount and its currency word.
fn adjective(w: W) -> bool {
    use W::*;
    matches!(
        w,
        Us | American
            | Canadian
            | Australian
            | Hong
            | Kong
            | New
            | Zealand
            | Singapore
            | Taiwan
            | Swiss
            | French
            | Belgian
            | British
            | Egyptian
            | Lebanese
            | Syrian
            | Mexican
            | Argentine
            | Chilean
            | Colombian
            | Philippine
            | Cuban
            | Russian
            | Kazakh
            | Kyrgyz
            | Uzbek
            | Chinese
            | Japanese
            | Indian
            | Pakistani
            | Turkish
            | Finnish
            | Dutch
            | German
            | Spanish
            | Iraqi
            | Jordanian
            | Kuwaiti
            | Saudi
            | Iranian
            | Swedish
            | Norwegian
            | Danish
            | Korean
            | Sri
            | Lankan
    )
}

/// An ISO code token: upper case, or one of the codes that are not English words.
fn iso(s: &Scan<'_>, i: usize) -> Option<Cur> {
    let t = s.tok(i)?;
    if !t.is_word() || t.w != W::Iso {
        return None;
    }
    let word = s.word(i);
    let lower = word.to_ascii_lowercase();
    if !t.caps && !matches!(lower.as_str(), "usd" | "eur" | "gbp" | "rmb" | "kzt" | "jpy" | "cny" | "chf") {
        return None;
    }
    Some(Cur { unit: iso_code(&lower), factor: 1.0 })
}

/// The canonical ISO code for a lower-case code word.
fn iso_code(lower: &str) -> &'static str {
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "JPY", "CNY", "RUB", "KZT", "KGS", "UZS", "TJS", "TMT", "AZN", "GEL", "AMD", "UAH", "BYR",
        "BYN", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "INR", "PKR", "AFN", "IRR", "IQD", "SAR", "AED", "TRY", "ILS",
        "EGP", "KRW", "MXN", "BRL", "ZAR", "SEK", "NOK", "DKK", "PLN", "HUF", "CZK", "RON", "BGN", "MNT", "KPW", "VND",
        "THB", "IDR", "MYR", "NGN", "KES", "ETB", "SYP", "LBP", "JOD", "KWD", "QAR", "OMR", "BHD", "YER", "LYD", "TND",
        "DZD", "MAD", "SDG", "BDT", "LKR", "NPR", "MMK", "KHR", "LAK", "PHP", "TWD", "ARS", "CLP", "COP", "PEN", "VEF",
        "CUP",
    ];
    match lower {
        "rmb" => "CNY",
        "rur" => "RUB",
        _ => CODES.iter().find(|c| c.eq_ignore_ascii_case(lower)).copied().unwrap_or("USD"),
    }
}

/// A currency prefix at `i` (`$`, `US$`, `C $`, `HK$`, `U.S. $`, `USD`, `€`): the
/// currency and the token where the amount starts.
fn prefix(s: &Scan<'_>, i: usize) -> Option<(Cur, usize)> {
    let t = s.tok(i)?;
    if let Some(c) = symbol_tok(t) {
        return Some((c, i + 1));
    }
    if let Some(c) = iso(s, i) {
        return Some((c, i + 1));
    }
    if !t.is_word() {
        return None;
    }
    // "U.S. $", "u.s $"
    if s.word(i).eq_ignore_ascii_case("u") && s.punct(i + 1, b'.') && s.word(i + 2).eq_ignore_ascii_case("s") {
        let k = if s.punct(i + 3, b'.') { i + 4 } else { i + 3 };
        if s.punct(k, b'$') {
            return Some((Cur { unit: "USD", factor: 1.0 }, k + 1));
        }
        return None;
    }
    if !s.punct(i + 1, b'$') {
        return None;
    }
    let glued = s.adj(i, i + 1);
    let lower = s.word(i).to_ascii_lowercase();
    let unit = match lower.as_str() {
        "us" => "USD",
        "c" | "can" => "CAD",
        "hk" => "HKD",
        "nz" => "NZD",
        "mex" => "MXN",
        "a" | "au" if glued => "AUD",
        "s" if glued => "SGD",
        "r" if glued => "BRL",
        "nt" if glued => "TWD",
        _ => return None,
    };
    if i > 0 && s.adj(i - 1, i) {
        return None;
    }
    Some((Cur { unit, factor: 1.0 }, i + 2))
}

/// Money that starts with its currency: `$5 million`, `USD 2.3 billion`, `€ 2 million`.
pub(super) fn at(s: &Scan<'_>, i: usize) -> Option<Hit> {
    let (c, k) = prefix(s, i)?;
    let n = s.number(k, true)?;
    if n.spelled || n.attached {
        return None;
    }
    let mut q = Quantity { first: i, low: n.num, high: None, end: n.end, parsed: n };
    // "$3-5 million", "$3 to $5 million", "$3 million to $5 million"
    if s.w(n.end) == W::To || s.tok(n.end).is_some_and(Tok::is_dash) {
        let mut k2 = n.end + 1;
        if s.tok(k2).and_then(symbol_tok).is_some() {
            k2 += 1;
        }
        if let Some(hi) = s.number(k2, true).filter(|h| !h.spelled && !h.attached) {
            if hi.num.value() > n.num.value() {
                if hi.scale > 0 && n.scale == 0 {
                    q.low = n.num.scaled(hi.scale);
                }
                q.high = Some(hi.num);
                q.end = hi.end;
            }
        }
    }
    let (num, end) = cents_after(s, &n, q.end).unwrap_or((q.low, q.end));
    q.low = num;
    Some(hit(&q, end, c))
}

/// Money whose currency follows the amount: `1,200 tenge`, `420 million finnish markka`,
/// `50 cents`, `one-yen`, `100元`, `3 dollars 50 cents`.
pub(super) fn after(s: &Scan<'_>, q: &Quantity) -> Option<Hit> {
    let mut j = q.end;
    let p = &q.parsed;
    if p.attached {
        // Only a currency word may be glued to the digits ("100元").
        let w = s.w(j);
        let c = named(w, W::Other)?;
        return Some(hit(q, j + 1, c));
    }
    if let Some(c) = s.tok(j).and_then(symbol_tok) {
        if c.factor == 1.0 && s.number(j + 1, true).is_none() {
            return Some(hit(q, j + 1, c));
        }
        return None;
    }
    if let Some(c) = iso(s, j) {
        return Some(hit(q, j + 1, c));
    }
    // "one-yen bid", "12-cent-a-share"
    let hyphen = s.punct(j, b'-') && s.adj(j - 1, j) && s.adj(j, j + 1);
    if hyphen {
        j += 1;
    }
    let mut adj = W::Other;
    let mut k = j;
    while k < j + 2 && adjective(s.w(k)) && !hyphen {
        adj = s.w(k);
        k += 1;
    }
    let w = s.w(k);
    let c = named(w, adj)?;
    match w {
        W::Won if !(p.scaled || p.grouped) => return None,
        W::Pound if s.w(k + 1) == W::Of => return None,
        W::Cent if s.word(k).len() < 4 && !s.word(k).eq_ignore_ascii_case("cent") => return None,
        _ => {}
    }
    let end = k + 1;
    if c.factor == 1.0 && q.high.is_none() {
        if let Some((num, e)) = cents_after(s, p, end) {
            let q2 = Quantity { low: num, ..*q };
            return Some(hit(&q2, e, c));
        }
    }
    Some(hit(q, end, c))
}

/// Cents after a whole amount: `dollars and forty-five cents`, `dollars 50 cents`,
/// `dollar and one`, `$ 100 and fifty`. Returns the total and the token after it.
fn cents_after(s: &Scan<'_>, p: &Parsed, end: usize) -> Option<(Num, usize)> {
    if p.decimal || p.scaled || p.num.exp != 0 {
        return None;
    }
    let k = if s.w(end) == W::And { end + 1 } else { end };
    let n = s.number(k, false)?;
    if n.attached || n.decimal || n.scaled || n.num.exp != 0 || n.num.mant == 0 || n.num.mant > 99 {
        return None;
    }
    let cents = Num { mant: n.num.mant, exp: -2, neg: false };
    if s.w(n.end) == W::Cent {
        return Some((p.num.plus(cents)?, n.end + 1));
    }
    // Spelled cents with no unit must end the phrase: "thirteen dollars forty five".
    let next = s.tok(n.end);
    let ends = next.is_none_or(|t| !t.is_word() || t.w.is_function());
    if n.spelled && ends && next.is_none_or(|t| t.w != W::Percent) {
        return Some((p.num.plus(cents)?, n.end));
    }
    None
}

/// The money figure for a quantity and currency.
fn hit(q: &Quantity, end: usize, c: Cur) -> Hit {
    let mut h = Hit::quantity(FigureKind::Money, q, end, 1.0);
    if c.factor != 1.0 {
        let scale = |v: f64| round(v * c.factor);
        h.value = h.value.map(|v| match v {
            FigureValue::Number(x) => FigureValue::Number(scale(x)),
            other => other,
        });
        h.low = h.low.map(scale);
        h.high = h.high.map(scale);
    }
    h.unit = Some(c.unit.to_string());
    h.measure = Measure::Money;
    h
}
