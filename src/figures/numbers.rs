//! Numbers: numerals (`28,000`, `1.5`, `$1.2bn`), spelled-out numbers (`twenty-one`,
//! `two hundred and six`), scale words (`million`, `lakh`) and exact decimal values.

use super::tokens::{Tok, K};
use super::words::W;

/// An exact decimal: `mant × 10^exp`, negated when `neg`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Num {
    /// Digits as an integer.
    pub mant: u64,
    /// Power of ten.
    pub exp: i32,
    /// Negative.
    pub neg: bool,
}

/// Exact powers of ten representable in an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

impl Num {
    /// A whole number.
    pub fn int(v: u64) -> Num {
        Num { mant: v, exp: 0, neg: false }
    }

    /// The value, correctly rounded for typical inputs (`2.3 billion` is exactly 2300000000).
    pub fn value(self) -> f64 {
        let m = self.mant as f64;
        let e = self.exp.unsigned_abs() as usize;
        let p = POW10.get(e).copied().unwrap_or_else(|| 10f64.powi(e.min(400) as i32));
        let v = if self.exp >= 0 { m * p } else { m / p };
        if self.neg {
            -v
        } else {
            v
        }
    }

    /// Multiplied by `10^k`.
    pub fn scaled(self, k: i32) -> Num {
        Num { exp: self.exp.saturating_add(k), ..self }
    }

    /// Multiplied by a whole number.
    pub fn times(self, k: u64) -> Option<Num> {
        Some(Num { mant: self.mant.checked_mul(k)?, ..self })
    }

    /// The sum of two non-negative numbers.
    pub fn plus(self, o: Num) -> Option<Num> {
        let exp = self.exp.min(o.exp);
        let a = self.mant.checked_mul(pow10_int(self.exp - exp)?)?;
        let b = o.mant.checked_mul(pow10_int(o.exp - exp)?)?;
        Some(Num { mant: a.checked_add(b)?, exp, neg: self.neg })
    }

    /// The value as a whole number, when it is one and fits.
    pub fn as_int(self) -> Option<u64> {
        if self.neg {
            return None;
        }
        if self.exp >= 0 {
            self.mant.checked_mul(pow10_int(self.exp)?)
        } else {
            let p = pow10_int(-self.exp)?;
            self.mant.is_multiple_of(p).then_some(self.mant / p)
        }
    }
}

/// `10^k` as an integer, when it fits.
fn pow10_int(k: i32) -> Option<u64> {
    10u64.checked_pow(u32::try_from(k).ok()?)
}

/// A number read from the tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Parsed {
    /// Its value.
    pub num: Num,
    /// First token.
    pub first: usize,
    /// Token after the number (scale words included).
    pub end: usize,
    /// Made of words (`twenty-one`).
    pub spelled: bool,
    /// One small number word with nothing else (`four`, `one`).
    pub simple: bool,
    /// Digits before the decimal point (numerals only).
    pub int_digits: usize,
    /// Written with thousands separators (`28,000`).
    pub grouped: bool,
    /// Written with a decimal point.
    pub decimal: bool,
    /// Starts with a zero digit (`004123`).
    pub leading_zero: bool,
    /// A scale word or suffix was applied (`million`, `bn`).
    pub scaled: bool,
    /// The power of ten the scale words applied.
    pub scale: i32,
    /// A word is glued to its end (`3h`, `1990s`, `100元`).
    pub attached: bool,
}

/// True when tokens `a` and `b` touch.
pub(super) fn adjacent(a: &Tok, b: &Tok) -> bool {
    a.end == b.start
}

/// Reads a number starting at token `i`: a numeral, a spelled-out number, or either
/// after `minus`. `money` allows the suffixes `m` and `b` (`$5m`).
pub(super) fn number_at(toks: &[Tok], text: &str, i: usize, money: bool) -> Option<Parsed> {
    let t = toks.get(i)?;
    match t.kind {
        K::Digits => numeral(toks, text, i, money),
        K::Word if t.w == W::Minus => {
            let mut p = number_at(toks, text, i + 1, money)?;
            p.num.neg = true;
            p.first = i;
            p.simple = false;
            Some(p)
        }
        K::Word => spelled(toks, i),
        K::Punct(b'-') => {
            // A minus sign glued to digits, after a space: "-9.5".
            let next = toks.get(i + 1)?;
            let before_ok = i == 0 || toks.get(i - 1).is_some_and(|p| !adjacent(p, t));
            if next.kind == K::Digits && adjacent(t, next) && before_ok {
                let mut p = numeral(toks, text, i + 1, money)?;
                p.num.neg = true;
                p.first = i;
                Some(p)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Parses a run of ASCII digits (at most 18).
pub(super) fn digits_value(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 18 {
        return None;
    }
    s.bytes().try_fold(0u64, |acc, b| acc.checked_mul(10)?.checked_add(u64::from(b.wrapping_sub(b'0'))))
}

/// A numeral: `28,000`, `1.5`, `2.3 billion`, `10k`, `$1.2bn`'s number.
fn numeral(toks: &[Tok], text: &str, i: usize, money: bool) -> Option<Parsed> {
    let t = toks.get(i)?;
    let s = text.get(t.start..t.end)?;
    let mut mant = digits_value(s)?;
    let mut p = Parsed {
        num: Num::int(0),
        first: i,
        end: i + 1,
        spelled: false,
        simple: false,
        int_digits: s.len(),
        grouped: false,
        decimal: false,
        leading_zero: s.len() > 1 && s.starts_with('0'),
        scaled: false,
        scale: 0,
        attached: false,
    };
    let mut j = i + 1;
    if s.len() <= 3 {
        while let (Some(c), Some(g)) = (toks.get(j), toks.get(j + 1)) {
            let prev = &toks[j - 1];
            if c.is_punct(b',') && adjacent(prev, c) && g.kind == K::Digits && adjacent(c, g) && g.len() == 3 {
                let gs = text.get(g.start..g.end)?;
                mant = mant.checked_mul(1000)?.checked_add(digits_value(gs)?)?;
                p.grouped = true;
                p.int_digits += 3;
                j += 2;
            } else {
                break;
            }
        }
    }
    let mut exp = 0i32;
    if let (Some(dot), Some(frac)) = (toks.get(j), toks.get(j + 1)) {
        if dot.is_punct(b'.') && adjacent(&toks[j - 1], dot) && frac.kind == K::Digits && adjacent(dot, frac) {
            let fs = text.get(frac.start..frac.end)?;
            if fs.len() > 18 {
                return None;
            }
            mant = mant.checked_mul(10u64.checked_pow(fs.len() as u32)?)?.checked_add(digits_value(fs)?)?;
            exp = -(fs.len() as i32);
            p.decimal = true;
            j += 2;
        }
    }
    p.num = Num { mant, exp, neg: false };
    // A glued suffix: scale (10k, 1.2bn) or anything else (3h, 1990s).
    if let Some(n) = toks.get(j) {
        if n.is_word() && adjacent(&toks[j - 1], n) {
            let k = match n.w {
                W::K => Some(3),
                W::M | W::B if !money => None,
                W::M => Some(6),
                W::B => Some(9),
                w => w.scale().filter(|&k| k >= 6),
            };
            match k {
                Some(k) if toks.get(j + 1).is_none_or(|a| !(a.is_word() && adjacent(n, a))) => {
                    p.num = p.num.scaled(k);
                    p.scaled = true;
                    p.scale += k;
                    j += 1;
                }
                _ => p.attached = true,
            }
        }
    }
    if !p.attached {
        j = scale_words(toks, j, &mut p);
    }
    p.end = j;
    Some(p)
}

/// Applies scale words after a number (`1.5 million`, `3 dozen`, `35 lakh`).
fn scale_words(toks: &[Tok], mut j: usize, p: &mut Parsed) -> usize {
    let mut last = 0;
    while let Some(t) = toks.get(j) {
        if !t.is_word() {
            break;
        }
        if let Some(k) = t.w.scale() {
            if k <= last {
                break;
            }
            last = k;
            p.num = p.num.scaled(k);
            p.scale += k;
        } else if t.w == W::Dozen && last == 0 {
            match p.num.times(12) {
                Some(n) => p.num = n,
                None => break,
            }
            last = 1;
        } else {
            break;
        }
        p.scaled = true;
        j += 1;
    }
    j
}

/// What the previous word of a spelled number was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prev {
    Start,
    Unit,
    Teen,
    Tens,
    Hundred,
    Big,
}

/// A spelled-out number: `four`, `twenty-one`, `two hundred and six`, `a dozen`,
/// `five million`, `half a million`.
fn spelled(toks: &[Tok], i: usize) -> Option<Parsed> {
    let first = toks.get(i)?;
    let mut j = i;
    let mut small: u64 = 0;
    let mut total: u64 = 0;
    let mut prev = Prev::Start;
    let mut a_start = false;
    let mut half = false;
    if first.w == W::A || first.w == W::Half {
        let mut k = i + 1;
        if first.w == W::Half && toks.get(k).is_some_and(|t| t.w == W::A) {
            k += 1;
            half = true;
        }
        let n = toks.get(k)?;
        if n.w.scale().is_none() && n.w != W::Dozen {
            return None;
        }
        a_start = true;
        j = k;
    }
    let mut end = j;
    let mut words = 0;
    let mut max_big = i32::MAX;
    while let Some(t) = toks.get(j) {
        if !t.is_word() {
            // "twenty-one", "fifty - two"
            if t.is_dash() && prev == Prev::Tens {
                if let Some(c) = toks.get(j + 1).and_then(|n| n.w.cardinal()) {
                    if (1..10).contains(&c) {
                        small += u64::from(c);
                        prev = Prev::Unit;
                        j += 2;
                        end = j;
                        words += 1;
                        continue;
                    }
                }
            }
            break;
        }
        if let Some(c) = t.w.cardinal() {
            let c64 = u64::from(c);
            let ok = match c {
                0..=9 => matches!(prev, Prev::Start | Prev::Tens | Prev::Hundred | Prev::Big),
                _ => matches!(prev, Prev::Start | Prev::Hundred | Prev::Big),
            };
            if !ok || (c == 0 && prev != Prev::Start) {
                break;
            }
            small += c64;
            prev = match c {
                0..=9 => Prev::Unit,
                10..=19 => Prev::Teen,
                _ => Prev::Tens,
            };
        } else if t.w == W::Hundred {
            if !(matches!(prev, Prev::Unit | Prev::Teen | Prev::Tens) || (a_start && prev == Prev::Start)) {
                break;
            }
            if small.is_multiple_of(100) && small != 0 {
                break;
            }
            small = small.max(1).checked_mul(100)?;
            prev = Prev::Hundred;
        } else if let Some(k) = t.w.scale() {
            let ok = matches!(prev, Prev::Unit | Prev::Teen | Prev::Tens | Prev::Hundred)
                || (a_start && prev == Prev::Start);
            if !ok || k >= max_big {
                break;
            }
            max_big = k;
            total = total.checked_add(small.max(1).checked_mul(10u64.checked_pow(k as u32)?)?)?;
            small = 0;
            prev = Prev::Big;
        } else if t.w == W::Dozen && prev != Prev::Big {
            small = small.max(1).checked_mul(12)?;
            prev = Prev::Big;
        } else if t.w == W::And && matches!(prev, Prev::Hundred | Prev::Big | Prev::Tens) {
            let next = toks.get(j + 1).and_then(|n| n.w.cardinal());
            let ok = match (prev, next) {
                (Prev::Tens, Some(c)) => (1..10).contains(&c),
                (_, Some(_)) => true,
                _ => false,
            };
            if !ok {
                break;
            }
            j += 1;
            continue;
        } else {
            break;
        }
        words += 1;
        j += 1;
        end = j;
    }
    if words == 0 {
        return None;
    }
    let mut num = Num::int(total.checked_add(small)?);
    if half {
        num = Num { mant: num.mant.checked_mul(5)?, exp: -1, neg: false };
    }
    let simple = words == 1 && !a_start && total == 0 && small < 100;
    Some(Parsed {
        num,
        first: i,
        end,
        spelled: true,
        simple,
        int_digits: 0,
        grouped: false,
        decimal: false,
        leading_zero: false,
        scaled: total > 0 || small >= 100 || a_start,
        scale: 0,
        attached: false,
    })
}

/// `and a half` / `and half` after a number: returns the number plus one half and
/// the token after the phrase.
pub(super) fn and_a_half(toks: &[Tok], p: &Parsed) -> Option<(Num, usize)> {
    let j = p.end;
    if toks.get(j)?.w != W::And {
        return None;
    }
    let k = if toks.get(j + 1)?.w == W::A { j + 2 } else { j + 1 };
    if toks.get(k)?.w != W::Half {
        return None;
    }
    let n = p.num.plus(Num { mant: 5, exp: -1, neg: false })?;
    Some((n, k + 1))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn parse(text: &str) -> Option<(f64, usize)> {
        let mut toks = Vec::new();
        tokenize(text, 0, &mut toks);
        number_at(&toks, text, 0, true).map(|p| (p.num.value(), p.end))
    }

    #[test]
    fn numerals() {
        assert_eq!(parse("28,000 activists"), Some((28000.0, 3)));
        assert_eq!(parse("2.3 billion"), Some((2300000000.0, 4)));
        assert_eq!(parse("1.2bn"), Some((1200000000.0, 4)));
        assert_eq!(parse("10k"), Some((10000.0, 2)));
        assert_eq!(parse("35 lakh"), Some((3500000.0, 2)));
        assert_eq!(parse("-9.5"), Some((-9.5, 4)));
        assert_eq!(parse("99999999999999999999999"), None);
    }

    #[test]
    fn spelled_numbers() {
        assert_eq!(parse("twenty-one"), Some((21.0, 3)));
        assert_eq!(parse("two hundred and six").map(|x| x.0), Some(206.0));
        assert_eq!(parse("five million yen").map(|x| x.0), Some(5000000.0));
        assert_eq!(parse("a dozen").map(|x| x.0), Some(12.0));
        assert_eq!(parse("twenty and four hours").map(|x| x.0), Some(24.0));
        assert_eq!(parse("one trillion three hundred").map(|x| x.0), Some(1000000000300.0));
        assert_eq!(parse("half a million").map(|x| x.0), Some(500000.0));
        assert_eq!(parse("minus five").map(|x| x.0), Some(-5.0));
        assert_eq!(parse("a week"), None);
    }

    #[test]
    fn exact_decimals() {
        let n = Num { mant: 23, exp: 8, neg: false };
        assert_eq!(n.value(), 2300000000.0);
        let c = Num { mant: 1345, exp: -2, neg: false };
        assert_eq!(c.value(), 13.45);
    }
}
