//! The vocabulary the extractor knows: every word that matters, looked up in one hash probe.
//!
//! Words are matched case-insensitively (ASCII folding) through a small
//! open-addressing table built once, keyed by the folded bytes read eight at a time;
//! anything not listed is [`W::Other`]. [`first_trigger`] finds where the next
//! figure may be.

use std::sync::OnceLock;

macro_rules! vocabulary {
    ($($variant:ident: $($word:literal)+;)*) => {
        /// A known word (several spellings may share one variant).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(super) enum W {
            /// Not in the vocabulary.
            Other,
            $(
                #[doc = concat!($($word, " "),+)]
                $variant,
            )*
        }

        /// Every spelling and its word.
        static ENTRIES: &[(&str, W)] = &[$($(($word, W::$variant),)+)*];

        /// Every word, by its number.
        static WORDS: [W; WORD_COUNT] = [W::Other, $(W::$variant,)*];

        /// The number of words, [`W::Other`] included.
        const WORD_COUNT: usize = 1 $(+ { let _ = W::$variant; 1 })*;
    };
}

vocabulary! {
    // Cardinal number words.
    Zero: "zero"; One: "one"; Two: "two"; Three: "three"; Four: "four"; Five: "five";
    Six: "six"; Seven: "seven"; Eight: "eight"; Nine: "nine"; Ten: "ten";
    Eleven: "eleven"; Twelve: "twelve"; Thirteen: "thirteen"; Fourteen: "fourteen";
    Fifteen: "fifteen"; Sixteen: "sixteen"; Seventeen: "seventeen"; Eighteen: "eighteen";
    Nineteen: "nineteen"; Twenty: "twenty"; Thirty: "thirty"; Forty: "forty" "fourty";
    Fifty: "fifty"; Sixty: "sixty"; Seventy: "seventy"; Eighty: "eighty"; Ninety: "ninety";
    // Scale words.
    Hundred: "hundred" "hundreds"; Thousand: "thousand" "thousands";
    Million: "million" "millions" "mln" "mn"; Billion: "billion" "billions" "bn" "bln";
    Trillion: "trillion" "trillions" "tn"; Lakh: "lakh" "lakhs"; Crore: "crore" "crores";
    Dozen: "dozen" "dozens"; K: "k"; M: "m"; B: "b";
    Half: "half"; Quarter: "quarter";
    // Ordinal number words ("second" is also a unit of time).
    First: "first"; Second: "second"; Third: "third"; Fourth: "fourth"; Fifth: "fifth";
    Sixth: "sixth"; Seventh: "seventh"; Eighth: "eighth"; Ninth: "ninth"; Tenth: "tenth";
    Eleventh: "eleventh"; Twelfth: "twelfth"; Thirteenth: "thirteenth";
    Fourteenth: "fourteenth"; Fifteenth: "fifteenth"; Sixteenth: "sixteenth";
    Seventeenth: "seventeenth"; Eighteenth: "eighteenth"; Nineteenth: "nineteenth";
    Twentieth: "twentieth"; Thirtieth: "thirtieth";
    St: "st"; Nd: "nd"; Rd: "rd"; Th: "th";
    // Percent.
    Percent: "percent" "percents" "percentage" "pct"; Per: "per"; Cent: "cent" "cents";
    Point: "point" "points"; Fraction: "fraction";
    // Currencies named by a word (see money.rs for their ISO codes).
    Dollar: "dollar" "dollars"; Euro: "euro" "euros"; Pound: "pound" "pounds";
    Sterling: "sterling"; Yen: "yen"; Yuan: "yuan" "renminbi" "元"; Ruble: "ruble" "rubles"
    "rouble" "roubles"; Tenge: "tenge"; Som: "som" "soms" "soum" "soums"; Somoni: "somoni";
    Manat: "manat" "manats"; Lari: "lari" "laris"; Dram: "dram" "drams";
    Hryvnia: "hryvnia" "hryvnias" "hryvnas"; Lira: "lira" "liras" "lire";
    Franc: "franc" "francs"; Peseta: "peseta" "pesetas"; Markka: "markka" "markkaa";
    Guilder: "guilder" "guilders"; Mark: "mark" "marks" "deutschmark" "deutschmarks";
    Rupee: "rupee" "rupees" "ரூ"; Rand: "rand"; Reais: "reais"; Peso: "peso" "pesos";
    Shekel: "shekel" "shekels"; Dinar: "dinar" "dinars"; Dirham: "dirham" "dirhams";
    Riyal: "riyal" "riyals"; Rial: "rial" "rials"; Baht: "baht"; Ringgit: "ringgit";
    Rupiah: "rupiah"; Dong: "dong"; Kip: "kip"; Naira: "naira"; Cedi: "cedi" "cedis";
    Shilling: "shilling" "shillings"; Birr: "birr"; Afghani: "afghani" "afghanis";
    Taka: "taka"; Kyat: "kyat" "kyats"; Tugrik: "tugrik" "tugriks"; Zloty: "zloty"
    "zlotys" "zlotych"; Forint: "forint" "forints"; Koruna: "koruna" "korunas";
    Leu: "leu" "lei"; Lev: "lev" "leva"; Kuna: "kuna"; Denar: "denar" "denars";
    Krona: "krona" "kronor"; Krone: "krone" "kroner"; Won: "won"; Pence: "pence" "penny"
    "pennies"; Kopek: "kopek" "kopeks" "kopeck" "kopecks"; Tiyn: "tiyn" "tiyin";
    Colon: "colon" "colones"; Bolivar: "bolivar" "bolivars";
    // ISO 4217 codes written as words next to an amount.
    Iso: "usd" "eur" "gbp" "jpy" "cny" "rmb" "rub" "rur" "kzt" "kgs" "uzs" "tjs" "tmt"
    "azn" "gel" "amd" "uah" "byr" "byn" "chf" "cad" "aud" "nzd" "hkd" "sgd" "inr" "pkr"
    "afn" "irr" "iqd" "sar" "aed" "try" "ils" "egp" "krw" "mxn" "brl" "zar" "sek" "nok"
    "dkk" "pln" "huf" "czk" "ron" "bgn" "mnt" "kpw" "vnd" "thb" "idr" "myr" "ngn" "kes"
    "etb" "syp" "lbp" "jod" "kwd" "qar" "omr" "bhd" "yer" "lyd" "tnd" "dzd" "mad" "sdg"
    "bdt" "lkr" "npr" "mmk" "khr" "lak" "php" "twd" "ars" "clp" "cop" "pen" "vef" "cup";
    // Adjectives that pick a dollar, franc, pound, peso... (country or region).
    Us: "us"; American: "american"; Canadian: "canadian"; Australian: "australian";
    Hong: "hong"; Kong: "kong"; New: "new"; Zealand: "zealand"; Singapore: "singapore";
    Taiwan: "taiwan" "taiwanese"; Swiss: "swiss"; French: "french"; Belgian: "belgian";
    British: "british"; Egyptian: "egyptian"; Lebanese: "lebanese"; Syrian: "syrian";
    Mexican: "mexican"; Argentine: "argentine" "argentinian"; Chilean: "chilean";
    Colombian: "colombian"; Philippine: "philippine"; Cuban: "cuban"; Russian: "russian";
    Kazakh: "kazakh" "kazakhstani"; Kyrgyz: "kyrgyz"; Uzbek: "uzbek"; Chinese: "chinese";
    Japanese: "japanese"; Indian: "indian"; Pakistani: "pakistani"; Turkish: "turkish";
    Finnish: "finnish"; Dutch: "dutch"; German: "german"; Spanish: "spanish";
    Iraqi: "iraqi"; Jordanian: "jordanian"; Kuwaiti: "kuwaiti"; Saudi: "saudi";
    Iranian: "iranian"; Swedish: "swedish"; Norwegian: "norwegian"; Danish: "danish";
    Korean: "korean"; Sri: "sri"; Lankan: "lankan";
    // Units of time.
    Sec: "sec" "secs" "seconds"; Minute: "minute" "minutes" "min" "mins";
    Hour: "hour" "hours" "hr" "hrs" "h"; Day: "day" "days"; Week: "week" "weeks";
    Fortnight: "fortnight" "fortnights"; Month: "month" "months"; Year: "year" "years"
    "yr" "yrs"; Decade: "decade" "decades";
    // Months.
    January: "january" "jan"; February: "february" "feb"; March: "march" "mar";
    April: "april" "apr"; May: "may"; June: "june" "jun"; July: "july" "jul";
    August: "august" "aug"; September: "september" "sep" "sept"; October: "october" "oct";
    November: "november" "nov"; December: "december" "dec";
    // Weekdays (plurals count weekdays: "two sundays from now").
    Monday: "monday" "mon" "mondays"; Tuesday: "tuesday" "tue" "tues" "tuesdays";
    Wednesday: "wednesday" "wed" "weds" "wednesdays"; Thursday: "thursday" "thu" "thur"
    "thurs" "thursdays"; Friday: "friday" "fri" "fridays"; Saturday: "saturday" "sat"
    "saturdays"; Sunday: "sunday" "sun" "sundays";
    // Relative time.
    Today: "today" "tonight"; Tomorrow: "tomorrow"; Yesterday: "yesterday"; Ago: "ago";
    Later: "later"; Earlier: "earlier"; Now: "now"; Next: "next"; Last: "last";
    Past: "past"; This: "this"; Previous: "previous" "preceding"; Coming: "coming";
    Following: "following"; Before: "before"; After: "after"; Early: "early";
    Mid: "mid" "middle"; Late: "late"; Few: "few"; Several: "several"; SomeOf: "some";
    Another: "another"; All: "all"; Full: "full" "whole" "entire"; Once: "once";
    Twice: "twice"; Thrice: "thrice"; Times: "times"; Every: "every" "each";
    Business: "business" "working"; Minus: "minus" "negative";
    // Qualifier words.
    About: "about"; Approximately: "approximately" "approx"; Roughly: "roughly";
    Around: "around"; Close: "close"; Nearly: "nearly"; Almost: "almost";
    Perhaps: "perhaps" "maybe" "possibly"; Estimated: "estimated"; Circa: "circa" "ca";
    Neighborhood: "neighborhood" "neighbourhood"; Region: "region"; Order: "order";
    Least: "least"; Minimum: "minimum"; Maximum: "maximum"; More: "more";
    Better: "better"; Greater: "greater"; Exceeding: "exceeding" "exceeds" "exceeded";
    Over: "over"; Above: "above"; Excess: "excess"; Upwards: "upwards"; Up: "up";
    Under: "under"; Below: "below"; Less: "less"; Fewer: "fewer"; Most: "most";
    Much: "much"; Many: "many"; As: "as"; Than: "than"; Within: "within";
    Well: "well"; Just: "just"; Slightly: "slightly";
    // Structure words the recognizers look for.
    A: "a" "an"; The: "the"; Of: "of"; And: "and"; Or: "or"; To: "to"; In: "in";
    On: "on"; At: "at"; For: "for"; By: "by"; Since: "since"; Until: "until" "till";
    During: "during"; Through: "through"; From: "from"; Between: "between"; No: "no";
    Not: "not"; That: "that"; Which: "which"; Who: "who" "whom"; Whose: "whose";
    // Pronouns and determiners that cannot be what a figure measures.
    Pron: "he" "she" "it" "they" "we" "i" "you" "these" "those" "there" "them" "him"
    "her" "its" "their" "our" "one's" "what";
    // Conjunctions that open a clause.
    Conj: "while" "when" "where" "because" "although" "though" "if" "but" "whereas"
    "unless" "so" "yet" "nor" "then" "thus" "however" "nonetheless";
    // Auxiliaries and copulas: a subject ends before them.
    Aux: "is" "are" "was" "were" "be" "been" "being" "has" "have" "had" "will" "would"
    "could" "should" "can" "might" "must" "shall" "do" "does" "did" "remain" "remains"
    "remained" "stood" "stands" "stand" "reached" "reaches" "reach" "rose" "rises" "rise"
    "fell" "falls" "fall" "grew" "grows" "totaled" "totalled" "totals" "amounted"
    "amounts" "represents" "represented" "accounts" "accounted" "said" "says" "told"
    "showed" "shows" "show" "gave" "gives" "got" "received" "receive" "receives"
    "expects" "expected" "intended" "claims" "claimed" "estimates" "increased"
    "decreased" "declined" "dropped" "jumped" "climbed" "hit" "topped" "equals" "equaled";
    // Other function words: never a counted noun.
    Func: "with" "without" "into" "onto" "against" "among" "upon" "via" "across"
    "toward" "towards" "like" "unlike" "also" "only" "even" "still" "already"
    "again" "both" "either" "neither" "any" "other" "others" "such" "same"
    "own" "very" "too" "quite" "rather" "out" "off" "down" "whether" "how" "why"
    "whatever" "whichever" "whoever" "here" "ever" "never"
    "always" "often" "sometimes" "usually" "instead" "including" "except" "despite"
    "versus" "vs" "plus" "likely" "probably" "apparently" "reportedly"
    "respectively" "due" "total" "overall" "combined" "altogether" "apiece" "alone";
    // Words before a number that make it an identifier, not a quantity.
    IdWord: "para" "paras" "paragraph" "paragraphs" "section" "sections" "article"
    "articles" "resolution" "resolutions" "reftel" "ref" "refs" "number" "nos" "item"
    "items" "chapter" "chapters" "law" "decree" "decrees" "page" "pages" "annex" "room"
    "flight" "route" "highway" "tel" "fax" "phone" "telephone" "ext" "extension"
    "serial" "file" "code" "box" "platform" "unscr" "unsc" "res" "amendment" "protocol"
    "clause" "tab" "tabs" "appendix" "footnote" "vol" "volume" "issue" "edition" "e.o"
    "eo" "state" "secstate" "cable" "telegram" "septel" "emb" "embassy" "msg" "dtg"
    "block" "building" "apartment" "apt" "suite" "office" "unit" "bus" "train"
    "channel" "frequency" "grade" "level" "class" "category" "model" "version" "step"
    "stage" "phase" "table" "figure" "exhibit" "rule" "act" "bill" "motion" "reason"
    "reasons" "art" "mission" "post";
    // Nouns that name an event with its own day ("Election Day").
    EventNoun: "election" "elections" "polling" "voting" "inauguration" "independence"
    "victory" "constitution" "republic" "unity" "referendum";
    // Irregular plurals that may be counted without a final "s".
    Plural: "people" "police" "personnel" "children" "men" "women" "staff" "cattle"
    "sheep" "militia" "militiamen" "policemen" "servicemen" "clergy" "youth" "livestock"
    "crew" "faculty" "infantry" "data" "media" "aircraft" "deer" "fish" "offspring"
    "persons" "folk" "head";
}

/// The longest spelling, in bytes (checked by a test): longer words are never looked up.
pub(super) const MAX_LEN: usize = 13;

/// Bits of a slot index: 4096 slots for the 834 spellings (load 0.2, so that most
/// lookups, most of them for words not listed, end at the first or second slot).
const BITS: u32 = 12;

use crate::bytes8::{letter_bytes, HIGHS, ONES};

/// The bits of a slot's second word that hold the spelling's bytes 8.. and its length.
const REST: u64 = (1 << 48) - 1;

/// A word folded to ASCII lower case, as the table compares it: bytes 0..8 in `lo`,
/// bytes 8..13 in `hi` (little-endian, zero padded), and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Key {
    /// Bytes 0..8.
    lo: u64,
    /// Bytes 8..13.
    hi: u64,
    /// Length in bytes (1..=MAX_LEN).
    len: usize,
}

impl Key {
    /// The key of a word of `len` bytes (1..=MAX_LEN) whose bytes 0..8 and 8.. are
    /// `lo` and `hi` (bytes past the word anything; they are masked off here).
    pub(super) fn new(lo: u64, hi: u64, len: usize) -> Key {
        let lo = if len >= 8 { lo } else { lo & ((1u64 << (len * 8)) - 1) };
        let hi = if len > 8 { hi & ((1u64 << ((len - 8) * 8)) - 1) } else { 0 };
        Key { lo: fold(lo), hi: fold(hi), len }
    }

    /// The key of a word of `len` ASCII letters (1..=MAX_LEN) whose bytes 0..8 and
    /// 8.. are `lo` and `hi` (bytes past the word anything): [`Key::new`] for letters,
    /// which fold to lower case by setting bit 5.
    #[inline]
    pub(super) fn letters(lo: u64, hi: u64, len: usize) -> Key {
        let (lo, hi) = if len >= 8 {
            (lo | (ONES * 0x20), (hi | (ONES * 0x20)) & ((1u64 << ((len - 8) * 8)) - 1))
        } else {
            ((lo | (ONES * 0x20)) & ((1u64 << (len * 8)) - 1), 0)
        };
        Key { lo, hi, len }
    }

    /// The key of `bytes`, none when it is empty or longer than any spelling.
    pub(super) fn of(bytes: &[u8]) -> Option<Key> {
        let len = bytes.len();
        if len == 0 || len > MAX_LEN {
            return None;
        }
        Some(Key::new(load(bytes), load(bytes.get(8..).unwrap_or(&[])), len))
    }

    /// The slot a key hashes to.
    fn slot(&self) -> usize {
        let h = (self.lo ^ self.hi.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) ^ self.len as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - BITS)) as usize
    }

    /// What a slot's second word holds for this key, the word aside.
    fn rest(&self) -> u64 {
        self.hi | (self.len as u64) << 40
    }
}

/// ASCII lower case of eight bytes at once (other bytes unchanged).
pub(super) fn fold(v: u64) -> u64 {
    let low7 = v & !HIGHS;
    // Per byte, the high bit of `low7 + 0x3f` is set from `A` up, that of
    // `low7 + 0x25` from `[` up (no carries: 0x7f + 0x3f < 0x100).
    let upper = (low7 + ONES * 0x3f) & !(low7 + ONES * 0x25) & !v & HIGHS;
    v | (upper >> 2)
}

/// Up to the first eight bytes of `b` as a little-endian integer (zero padded).
pub(super) fn load(b: &[u8]) -> u64 {
    let n = b.len();
    if let Some(c) = b.get(..8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        return u64::from_le_bytes(c);
    }
    let u32_at = |k: usize| b.get(k..k + 4).and_then(|c| <[u8; 4]>::try_from(c).ok()).map_or(0, u32::from_le_bytes);
    let byte = |k: usize| b.get(k).map_or(0, |&c| u64::from(c));
    if n >= 4 {
        // Two overlapping reads: the bytes they share are the same.
        u64::from(u32_at(0)) | u64::from(u32_at(n - 4)) << ((n - 4) * 8)
    } else if n > 0 {
        byte(0) | byte(n / 2) << (n / 2 * 8) | byte(n - 1) << ((n - 1) * 8)
    } else {
        0
    }
}

/// Case-insensitive lookup table, built on first use: open addressing with linear
/// probing over 4096 slots of two words each (bytes 0..8; bytes 8..13, length and word).
pub(super) struct Table {
    /// The slots; a second word of 0 marks an empty slot.
    slots: Box<[(u64, u64); 1 << BITS]>,
    /// For each pair of first letters ([`pair`]), one bit per length of the spellings
    /// of ASCII letters that start with them: most words that are not in the
    /// vocabulary are told by one read, without hashing.
    spellings: Box<[u16; PAIRS]>,
    /// For each first three letters ([`triple`]), one bit per length of the spellings
    /// of words that can start or make a figure ([`W::triggers`]): one read tells most
    /// words apart from them (`the` shares its length and first two letters with `thu`,
    /// not its third).
    triggers: Box<[u16; TRIPLES]>,
}

/// The number of first three letters [`triple`] tells apart.
const TRIPLES: usize = 1 << 15;

/// The number of pairs of first letters [`pair`] tells apart.
const PAIRS: usize = 1 << 10;

/// The low five bits of the first two bytes of a word whose bytes 0..8 are `lo`
/// (ASCII letters, any case): the same for both cases of a letter. A one-letter
/// word's second byte is whatever follows it: its spellings are entered under every
/// second byte ([`entries`]).
fn pair(lo: u64) -> usize {
    ((lo & 31) | ((lo >> 3) & (31 << 5))) as usize
}

/// [`pair`] and the low five bits of the third byte.
fn triple(lo: u64) -> usize {
    pair(lo) | ((lo >> 6) & (31 << 10)) as usize
}

/// The indexes a spelling of ASCII letters with key `key` is entered under in a table
/// of its first `n` letters' five bits ([`pair`], [`triple`]): bytes past its end take
/// every value, since a word is read with whatever follows it.
fn entries(key: Key, n: usize) -> impl Iterator<Item = usize> {
    let known = key.len.min(n);
    let own = (0..known).fold(0, |v, k| v | ((key.lo >> (8 * k)) & 31) << (5 * k)) as usize;
    (0..1usize << (5 * (n - known))).map(move |rest| own | rest << (5 * known))
}

/// The number of a word in a slot.
fn word_number(w: W) -> u64 {
    w as u64
}

/// True when `lengths` has the bit of length `len`.
fn has_length(lengths: Option<&u16>, len: usize) -> bool {
    lengths.is_some_and(|&m| (u32::from(m) >> len) & 1 != 0)
}

impl Table {
    /// The vocabulary word with key `key`, or [`W::Other`].
    #[inline]
    pub(super) fn get(&self, key: Key) -> W {
        let want = key.rest();
        let mut at = key.slot();
        loop {
            let (lo, rest) = self.slots[at & ((1 << BITS) - 1)];
            if lo == key.lo && rest & REST == want {
                return WORDS.get((rest >> 48) as usize).copied().unwrap_or(W::Other);
            }
            if rest == 0 {
                return W::Other;
            }
            at += 1;
        }
    }

    /// The vocabulary word with the key `key` of a word of ASCII letters
    /// ([`Key::letters`]), or [`W::Other`]: [`Table::get`] after a cheaper check of
    /// its first two letters and length.
    #[inline]
    pub(super) fn get_letters(&self, key: Key) -> W {
        if has_length(self.spellings.get(pair(key.lo)), key.len) {
            self.get(key)
        } else {
            W::Other
        }
    }

    /// False when no trigger spelling has the length and first three letters of the
    /// word of `len` ASCII letters whose bytes 0..8 are `lo` (bytes past the word
    /// anything).
    fn may_trigger(&self, lo: u64, len: usize) -> bool {
        has_length(self.triggers.get(triple(lo)), len)
    }
}

/// The vocabulary table (built on first use).
pub(super) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut slots = Box::new([(0u64, 0u64); 1 << BITS]);
        let mut spellings = Box::new([0u16; PAIRS]);
        let mut triggers = Box::new([0u16; TRIPLES]);
        for &(word, w) in ENTRIES {
            let Some(key) = Key::of(word.as_bytes()) else { continue };
            if word.bytes().all(|c| c.is_ascii_lowercase()) {
                let bit = 1 << key.len;
                for at in entries(key, 2) {
                    if let Some(m) = spellings.get_mut(at) {
                        *m |= bit;
                    }
                }
                for at in entries(key, 3).filter(|_| w.triggers()) {
                    if let Some(m) = triggers.get_mut(at) {
                        *m |= bit;
                    }
                }
            }
            let mut at = key.slot();
            loop {
                let (lo, rest) = slots[at & ((1 << BITS) - 1)];
                if rest == 0 {
                    slots[at & ((1 << BITS) - 1)] = (key.lo, key.rest() | word_number(w) << 48);
                    break;
                }
                if lo == key.lo && rest & REST == key.rest() {
                    // A spelling listed twice keeps its first word.
                    break;
                }
                at += 1;
            }
        }
        Table { slots, spellings, triggers }
    })
}

/// True when `word` ends with `suffix`, ASCII case ignored (no lower-case copy).
pub(super) fn ends_with_ignore_case(word: &str, suffix: &str) -> bool {
    let (w, x) = (word.as_bytes(), suffix.as_bytes());
    w.len().checked_sub(x.len()).and_then(|k| w.get(k..)).is_some_and(|end| end.eq_ignore_ascii_case(x))
}

/// True when `word` starts with `prefix`, ASCII case ignored (no lower-case copy).
pub(super) fn starts_with_ignore_case(word: &str, prefix: &str) -> bool {
    word.as_bytes().get(..prefix.len()).is_some_and(|start| start.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// The vocabulary word with key `key`, or [`W::Other`].
pub(super) fn lookup_key(key: Key) -> W {
    table().get(key)
}

/// The vocabulary word spelled by `bytes` (any case), or [`W::Other`].
pub(super) fn lookup(bytes: &[u8]) -> W {
    Key::of(bytes).map_or(W::Other, lookup_key)
}

/// Where the first byte at or after `from` lies that may begin a figure in `bytes`
/// (a prose text, `from` at the start of a word or between words): a digit, a symbol
/// (`$`, `%`, `％`, a currency sign), or the first letter of a number, date or time word.
/// None when the rest of the text holds none: it holds no figure.
///
/// Other non-ASCII characters (quotes, dashes, accented letters) never make a figure
/// nor a word of the vocabulary, which is all ASCII: they are stepped over, and a
/// curly quote sends no sentence to the tokenizer. Nor do `may` and `march` in lower
/// case (see [`triggers_as_written`]).
///
/// Words are measured eight bytes at a time; only those whose length and first three
/// letters some trigger spelling has are looked up. Never inlined, like
/// [`super::tokens::tokenize`].
#[inline(never)]
pub(super) fn first_trigger(bytes: &[u8], from: usize) -> Option<usize> {
    let t = table();
    let mut i = from;
    while let Some(&c) = bytes.get(i) {
        if !c.is_ascii_alphabetic() {
            if SIGNS[usize::from(c)] {
                return Some(i);
            }
            if c < 0x80 {
                i += 1;
                continue;
            }
            let (ch, len) = char_at(bytes, i);
            if is_sign(ch) {
                return Some(i);
            }
            i += len;
            continue;
        }
        let lo = load_at(bytes, i);
        let end = !letter_bytes(lo) & HIGHS;
        let (len, hi) = if end != 0 {
            ((end.trailing_zeros() / 8) as usize, 0)
        } else {
            let hi = load_at(bytes, i + 8);
            let end = !letter_bytes(hi) & HIGHS;
            let len =
                if end != 0 { 8 + (end.trailing_zeros() / 8) as usize } else { 16 + run(bytes, i + 16, letter_bytes) };
            (len, hi)
        };
        // (`lo & 0x20`: bit 5 of an ASCII letter is set for lower case.)
        if len <= MAX_LEN
            && t.may_trigger(lo, len)
            && triggers_as_written(t.get(Key::letters(lo, hi, len)), lo & 0x20 == 0)
        {
            return Some(i);
        }
        i += len;
        // Most words end with a space: step over it at once.
        if bytes.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    None
}

/// The ASCII bytes that may make a figure on their own: digits, `$` and `%`.
static SIGNS: [bool; 256] = {
    let mut signs = [false; 256];
    let mut b = 0;
    while b < 256 {
        let u = b as u8;
        signs[b] = u.is_ascii_digit() || u == b'$' || u == b'%';
        b += 1;
    }
    signs
};

/// The non-ASCII characters that may make a figure: a currency sign, or the
/// full-width percent sign (`several％`).
fn is_sign(ch: char) -> bool {
    ch == '％' || super::money::is_symbol(ch)
}

/// The character that starts at byte `i` of `bytes` (UTF-8) and its length in bytes;
/// U+FFFD and one byte where no character starts.
fn char_at(bytes: &[u8], i: usize) -> (char, usize) {
    let len = match bytes.get(i) {
        Some(0xF0..) => 4,
        Some(0xE0..) => 3,
        Some(0xC0..) => 2,
        _ => 1,
    };
    match bytes.get(i..i + len).and_then(|b| std::str::from_utf8(b).ok()).and_then(|s| s.chars().next()) {
        Some(ch) => (ch, len),
        None => ('\u{FFFD}', 1),
    }
}

/// Eight bytes of `b` from `i` (zero padded past the end).
pub(super) fn load_at(b: &[u8], i: usize) -> u64 {
    match b.get(i..i + 8) {
        Some(c) => <[u8; 8]>::try_from(c).map_or(0, u64::from_le_bytes),
        None => b.get(i..).map_or(0, load),
    }
}

/// How many bytes from `i` on are in the class `mask` marks (eight at a
/// time): `mask` gives the high bit of every byte of a word in the class
/// ([`letter_bytes`] for ASCII letters).
pub(super) fn run(b: &[u8], mut i: usize, mask: fn(u64) -> u64) -> usize {
    let from = i;
    loop {
        let out = !mask(load_at(b, i)) & HIGHS;
        if out != 0 {
            return i - from + (out.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
}

/// True for a word that can make a figure, written with an upper-case first letter
/// or not: `may` and `march` in lower case are a verb and a noun far more often
/// than months, and `dates` reads them as months only when a day or year (a
/// digit, or a number word: triggers of their own) stands beside them.
#[inline]
fn triggers_as_written(w: W, upper: bool) -> bool {
    trigger(w) && (upper || !matches!(w, W::May | W::March))
}

/// True for a word that can make a figure ([`W::triggers`], one table read).
pub(super) fn trigger(w: W) -> bool {
    FLAGS.get(w as usize).is_some_and(|f| f & TRIGGERS != 0)
}

/// True for a word that never starts a figure ([`W::inert`], one table read).
pub(super) fn inert(w: W) -> bool {
    FLAGS.get(w as usize).is_some_and(|f| f & INERT != 0)
}

/// Flag of [`FLAGS`]: [`W::triggers`].
const TRIGGERS: u8 = 1;
/// Flag of [`FLAGS`]: [`W::inert`].
const INERT: u8 = 2;

/// Flags of every word, by its number.
static FLAGS: [u8; WORD_COUNT] = {
    let mut f = [0u8; WORD_COUNT];
    let mut k = 0;
    while k < WORD_COUNT {
        let w = WORDS[k];
        f[k] = if w.triggers() { TRIGGERS } else { 0 } | if w.inert() { INERT } else { 0 };
        k += 1;
    }
    f
};

impl W {
    /// True for words that can make a figure on their own or with other words (numbers,
    /// months, weekdays, units of time, `percent`, `today`...).
    pub(super) const fn triggers(self) -> bool {
        self.cardinal().is_some()
            || self.ordinal().is_some()
            || self.scale().is_some()
            || self.month().is_some()
            || self.weekday().is_some()
            || self.time_unit().is_some()
            || matches!(self, W::Percent | W::Cent | W::Dozen | W::Today | W::Tomorrow | W::Yesterday)
    }

    /// Value of a cardinal number word (`one` .. `ninety`).
    pub(super) const fn cardinal(self) -> Option<u32> {
        use W::*;
        Some(match self {
            Zero => 0,
            One => 1,
            Two => 2,
            Three => 3,
            Four => 4,
            Five => 5,
            Six => 6,
            Seven => 7,
            Eight => 8,
            Nine => 9,
            Ten => 10,
            Eleven => 11,
            Twelve => 12,
            Thirteen => 13,
            Fourteen => 14,
            Fifteen => 15,
            Sixteen => 16,
            Seventeen => 17,
            Eighteen => 18,
            Nineteen => 19,
            Twenty => 20,
            Thirty => 30,
            Forty => 40,
            Fifty => 50,
            Sixty => 60,
            Seventy => 70,
            Eighty => 80,
            Ninety => 90,
            _ => return None,
        })
    }

    /// Value of an ordinal word (`first` .. `thirtieth`).
    pub(super) const fn ordinal(self) -> Option<u32> {
        use W::*;
        Some(match self {
            First => 1,
            Second => 2,
            Third => 3,
            Fourth => 4,
            Fifth => 5,
            Sixth => 6,
            Seventh => 7,
            Eighth => 8,
            Ninth => 9,
            Tenth => 10,
            Eleventh => 11,
            Twelfth => 12,
            Thirteenth => 13,
            Fourteenth => 14,
            Fifteenth => 15,
            Sixteenth => 16,
            Seventeenth => 17,
            Eighteenth => 18,
            Nineteenth => 19,
            Twentieth => 20,
            Thirtieth => 30,
            _ => return None,
        })
    }

    /// Power of ten of a scale word (`thousand` → 3), `dozen` excluded.
    pub(super) const fn scale(self) -> Option<i32> {
        Some(match self {
            W::Hundred => 2,
            W::Thousand => 3,
            W::Million => 6,
            W::Billion => 9,
            W::Trillion => 12,
            W::Lakh => 5,
            W::Crore => 7,
            _ => return None,
        })
    }

    /// Month number (1..12).
    pub(super) const fn month(self) -> Option<u32> {
        use W::*;
        Some(match self {
            January => 1,
            February => 2,
            March => 3,
            April => 4,
            May => 5,
            June => 6,
            July => 7,
            August => 8,
            September => 9,
            October => 10,
            November => 11,
            December => 12,
            _ => return None,
        })
    }

    /// Weekday number (0 = Monday .. 6 = Sunday).
    pub(super) const fn weekday(self) -> Option<u32> {
        use W::*;
        Some(match self {
            Monday => 0,
            Tuesday => 1,
            Wednesday => 2,
            Thursday => 3,
            Friday => 4,
            Saturday => 5,
            Sunday => 6,
            _ => return None,
        })
    }

    /// The unit of time a word names (`second` included).
    pub(super) const fn time_unit(self) -> Option<&'static str> {
        Some(match self {
            W::Sec | W::Second => "second",
            W::Minute => "minute",
            W::Hour => "hour",
            W::Day => "day",
            W::Week => "week",
            W::Fortnight => "fortnight",
            W::Month => "month",
            W::Year => "year",
            W::Decade => "decade",
            _ => return None,
        })
    }

    /// Connectives, function words and qualifiers: they neither start a figure
    /// nor can be a counted noun (shared by [`W::is_function`] and [`W::inert`]).
    const fn is_connective(self) -> bool {
        use W::*;
        matches!(
            self,
            Of | And
                | Or
                | To
                | In
                | On
                | At
                | For
                | By
                | Since
                | Until
                | During
                | Through
                | From
                | Between
                | No
                | Not
                | That
                | Which
                | Who
                | Whose
                | Pron
                | Conj
                | Aux
                | Func
                | As
                | Than
                | Within
                | Over
                | Under
                | Above
                | Below
                | About
                | Around
                | Before
                | After
                | Ago
                | Later
                | Earlier
                | Now
                | Times
                | Every
                | More
                | Less
                | Most
                | Much
                | Many
                | Up
                | Well
                | Just
                | Perhaps
                | Nearly
                | Almost
                | Roughly
                | Approximately
                | Fewer
                | Greater
                | Better
                | Exceeding
        )
    }

    /// Words that end a noun phrase or cannot be a counted noun.
    pub(super) const fn is_function(self) -> bool {
        use W::*;
        self.is_connective()
            || matches!(
                self,
                A | The
                    | This
                    | Per
                    | Next
                    | Last
                    | Past
                    | Few
                    | Several
                    | SomeOf
                    | Another
                    | All
                    | Once
                    | Twice
                    | Today
                    | Tomorrow
                    | Yesterday
                    | May
                    | Minus
            )
    }

    /// Words that never start a figure (a named day or a currency prefix aside).
    pub(super) const fn inert(self) -> bool {
        use W::*;
        self.is_connective()
            || matches!(
                self,
                Other
                    | IdWord
                    | Plural
                    | Close
                    | Estimated
                    | Circa
                    | Neighborhood
                    | Region
                    | Order
                    | Least
                    | Minimum
                    | Maximum
                    | Excess
                    | Upwards
                    | Slightly
                    | Point
                    | St
                    | Nd
                    | Rd
                    | Th
            )
    }

    /// A word that ends a clause going backward from a figure.
    pub(super) const fn opens_clause(self) -> bool {
        matches!(self, W::That | W::Which | W::Who | W::Whose | W::Conj | W::And | W::Or)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_fold_case() {
        assert_eq!(lookup(b"PERCENT"), W::Percent);
        assert_eq!(lookup(b"November"), W::November);
        assert_eq!(lookup(b"novemberx"), W::Other);
        assert_eq!(lookup("元".as_bytes()), W::Yuan);
        assert_eq!(lookup(b""), W::Other);
    }

    #[test]
    fn spellings_fit_a_key() {
        assert!(ENTRIES.iter().all(|(w, _)| !w.is_empty() && w.len() <= MAX_LEN));
        assert!(ENTRIES.len() * 2 < 1 << BITS);
        assert!(ENTRIES.iter().all(|&(_, w)| WORDS.get(w as usize) == Some(&w)));
    }

    #[test]
    fn folds_and_loads() {
        assert_eq!(fold(u64::from_le_bytes(*b"AZaz@[`{")), u64::from_le_bytes(*b"azaz@[`{"));
        assert_eq!(
            fold(u64::from_le_bytes([0xc1, 0xda, 0x41, 0x5a, 0x80, 0xff, 0x40, 0x5b])),
            u64::from_le_bytes([0xc1, 0xda, 0x61, 0x7a, 0x80, 0xff, 0x40, 0x5b])
        );
        for n in 0..=9 {
            let b = &b"abcdefghi"[..n];
            let mut want = [0u8; 8];
            want[..n.min(8)].copy_from_slice(&b[..n.min(8)]);
            assert_eq!(load(b), u64::from_le_bytes(want), "{n}");
        }
        assert_eq!(lookup(b"APPROXIMATELY"), W::Approximately);
        assert_eq!(lookup(b"approximatelyx"), W::Other);
        assert_eq!(lookup("奃".as_bytes()), W::Other);
    }

    /// The byte loop [`first_trigger`] replaces.
    fn first_trigger_slow(bytes: &[u8], from: usize) -> Option<usize> {
        let mut i = from;
        while i < bytes.len() {
            let c = bytes[i];
            if c.is_ascii_alphabetic() {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if triggers_as_written(lookup(&bytes[start..i]), bytes[start].is_ascii_uppercase()) {
                    return Some(start);
                }
            } else if c.is_ascii_digit() || c == b'$' || c == b'%' {
                return Some(i);
            } else if c >= 0x80 {
                let ch = std::str::from_utf8(&bytes[i..]).ok().and_then(|s| s.chars().next()).unwrap_or(' ');
                if is_sign(ch) {
                    return Some(i);
                }
                i += ch.len_utf8();
            } else {
                i += 1;
            }
        }
        None
    }

    #[test]
    fn figure_filter_reads_blocks_like_bytes() {
        let long = "x".repeat(70);
        let mut cases = vec![String::new(), "the talks went on".into(), "in May".into(), long.clone()];
        for pad in [0, 1, 5, 50, 57, 58, 60, 63, 64, 65, 120, 127, 128, 130] {
            for w in [
                "may",
                "MONTHS",
                "thirteenth",
                "mayor",
                "k",
                "ninetyx",
                "day",
                "$",
                "5",
                "é",
                "%",
                "fifteen",
                "€",
                "’",
                "“x”",
                "—",
                "£5",
                "¢",
                "é5",
                "éfive",
                "₹",
                "％",
            ] {
                cases.push(format!("{}{w} and more", "a".repeat(pad)));
                cases.push(format!("{} {w}", "ab ".repeat(pad / 3 + 1)));
                cases.push(format!("{}{w}", " ".repeat(pad)));
                cases.push(format!("{long}{} {w}", "b".repeat(pad)));
                cases.push(format!("He said. {w} Then {w}. And so on. The end {w}"));
            }
        }
        for c in &cases {
            let b = c.as_bytes();
            // From every word start and every byte between words.
            for from in (0..=b.len()).filter(|&k| k == 0 || !b[k - 1].is_ascii_alphabetic()) {
                assert_eq!(first_trigger(b, from), first_trigger_slow(b, from), "{c:?} from {from}");
            }
        }
    }

    /// The three-letter gate of [`first_trigger`] never rejects a trigger spelling,
    /// in any case, whatever byte follows it (`may` and `march` trigger only with an
    /// upper-case first letter).
    #[test]
    fn trigger_gate_accepts_every_trigger_spelling() {
        let t = table();
        for &(word, w) in
            ENTRIES.iter().filter(|(word, w)| w.triggers() && word.bytes().all(|c| c.is_ascii_lowercase()))
        {
            let cases = [
                word.to_string(),
                word.to_ascii_uppercase(),
                format!("{}{}", &word[..1].to_ascii_uppercase(), &word[1..]),
            ];
            for spelled in cases {
                for after in (0..=255u8).filter(|c| !c.is_ascii_alphabetic()) {
                    let mut bytes = spelled.clone().into_bytes();
                    bytes.push(after);
                    bytes.extend_from_slice(b" x");
                    assert!(t.may_trigger(load_at(&bytes, 0), word.len()), "{spelled:?} then {after}");
                    let lower_ambiguous =
                        matches!(w, W::May | W::March) && spelled.starts_with(|c: char| c.is_ascii_lowercase());
                    let found = first_trigger(&bytes, 0);
                    assert_eq!(found == Some(0), !lower_ambiguous, "{spelled:?} then {after} ({w:?})");
                }
            }
        }
    }

    #[test]
    fn every_spelling_is_found() {
        for &(word, w) in ENTRIES {
            assert_eq!(lookup(word.as_bytes()), w, "{word}");
        }
    }
}
