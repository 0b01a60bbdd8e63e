//! The vocabulary the extractor knows: every word that matters, looked up in one hash probe.
//!
//! Words are matched case-insensitively (ASCII folding) through a small
//! open-addressing table built once; anything not listed is [`W::Other`].

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

/// Case-insensitive lookup table, built on first use.
struct Table {
    /// One tag per slot (16 hash bits, never 0; 0 marks an empty slot): a small array
    /// that stays in cache, so most misses never touch `slots`.
    tags: Vec<u16>,
    /// Slots of (spelling, word).
    slots: Vec<(&'static [u8], W)>,
    /// `slots.len() - 1` (the length is a power of two).
    mask: usize,
    /// One bit per (length, first letter, second letter) that some spelling has: most
    /// words are rejected here without hashing.
    filter: Vec<u64>,
    /// The same for spellings of words that can start or make a figure.
    triggers: Vec<u64>,
}

/// Index of a letter for the filter (26 for anything else).
fn letter(b: Option<&u8>) -> usize {
    match b {
        Some(&c) if c.is_ascii_alphabetic() => usize::from((c | 0x20) - b'a'),
        _ => 26,
    }
}

/// The filter bit of a spelling.
fn filter_bit(bytes: &[u8]) -> usize {
    (bytes.len() * 27 + letter(bytes.first())) * 27 + letter(bytes.get(1))
}

/// The tag of a hash.
fn tag(h: usize) -> u16 {
    ((h as u64 >> 48) as u16) | 1
}

/// A fast hash of ASCII-folded bytes, eight at a time (bit 5 set on every byte: letters
/// fold to lower case; other bytes may collide, which the exact comparison settles).
fn hash(bytes: &[u8]) -> usize {
    let mut h: u64 = bytes.len() as u64;
    for chunk in bytes.chunks(8) {
        let v = chunk.iter().rev().fold(0u64, |acc, &b| (acc << 8) | u64::from(b | 0x20));
        h = (h ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 29;
    }
    h as usize
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let size = (ENTRIES.len() * 4).next_power_of_two();
        let mask = size - 1;
        let mut tags = vec![0u16; size];
        let mut slots: Vec<(&'static [u8], W)> = vec![(&[], W::Other); size];
        let mut filter = vec![0u64; (25 * 27 * 27) / 64 + 1];
        let mut triggers = filter.clone();
        for &(word, w) in ENTRIES {
            let bit = filter_bit(word.as_bytes());
            filter[bit / 64] |= 1 << (bit % 64);
            if w.triggers() {
                triggers[bit / 64] |= 1 << (bit % 64);
            }
            let h = hash(word.as_bytes());
            let mut at = h & mask;
            while tags[at] != 0 {
                at = (at + 1) & mask;
            }
            tags[at] = tag(h);
            slots[at] = (word.as_bytes(), w);
        }
        Table { tags, slots, mask, filter, triggers }
    })
}

/// The vocabulary word spelled by `bytes` (any case), or [`W::Other`].
pub(super) fn lookup(bytes: &[u8]) -> W {
    if bytes.is_empty() || bytes.len() > 24 {
        return W::Other;
    }
    let t = table();
    let bit = filter_bit(bytes);
    if t.filter.get(bit / 64).is_none_or(|f| f & (1 << (bit % 64)) == 0) {
        return W::Other;
    }
    let h = hash(bytes);
    let want = tag(h);
    let mut at = h & t.mask;
    loop {
        let got = t.tags[at];
        if got == 0 {
            return W::Other;
        }
        if got == want {
            let (spelling, w) = t.slots[at];
            if spelling.eq_ignore_ascii_case(bytes) {
                return w;
            }
        }
        at = (at + 1) & t.mask;
    }
}

/// True when `bytes` (a sentence) may hold a figure: it has a digit, a symbol
/// (`$`, `%`, any non-ASCII character), or a number, date or time word.
pub(super) fn may_hold_figure(bytes: &[u8]) -> bool {
    let t = table();
    let mut i = 0;
    while i < bytes.len() {
        match CLASS[usize::from(bytes[i])] {
            LETTER => {
                let start = i;
                while i < bytes.len() && CLASS[usize::from(bytes[i])] == LETTER {
                    i += 1;
                }
                let word = &bytes[start..i];
                let bit = filter_bit(word);
                let maybe = word.len() <= 24 && t.triggers.get(bit / 64).is_some_and(|f| f & (1 << (bit % 64)) != 0);
                if maybe && lookup(word).triggers() {
                    return true;
                }
            }
            SIGN => return true,
            _ => i += 1,
        }
    }
    false
}

/// Byte classes for [`may_hold_figure`].
const LETTER: u8 = 1;
/// A digit, `$`, `%` or any non-ASCII byte.
const SIGN: u8 = 2;

/// The class of every byte.
static CLASS: [u8; 256] = {
    let mut c = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let u = b as u8;
        c[b] = if u.is_ascii_alphabetic() {
            LETTER
        } else if u.is_ascii_digit() || u == b'$' || u == b'%' || u >= 0x80 {
            SIGN
        } else {
            0
        };
        b += 1;
    }
    c
};

impl W {
    /// True for words that can make a figure on their own or with other words (numbers,
    /// months, weekdays, units of time, `percent`, `today`...).
    pub(super) fn triggers(self) -> bool {
        self.cardinal().is_some()
            || self.ordinal().is_some()
            || self.scale().is_some()
            || self.month().is_some()
            || self.weekday().is_some()
            || self.time_unit().is_some()
            || matches!(self, W::Percent | W::Cent | W::Dozen | W::Today | W::Tomorrow | W::Yesterday)
    }

    /// Value of a cardinal number word (`one` .. `ninety`).
    pub(super) fn cardinal(self) -> Option<u32> {
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
    pub(super) fn ordinal(self) -> Option<u32> {
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
    pub(super) fn scale(self) -> Option<i32> {
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
    pub(super) fn month(self) -> Option<u32> {
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
    pub(super) fn weekday(self) -> Option<u32> {
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
    pub(super) fn time_unit(self) -> Option<&'static str> {
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
    fn is_connective(self) -> bool {
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
    pub(super) fn is_function(self) -> bool {
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
    pub(super) fn inert(self) -> bool {
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
    pub(super) fn opens_clause(self) -> bool {
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
    fn every_spelling_is_found() {
        for &(word, w) in ENTRIES {
            assert_eq!(lookup(word.as_bytes()), w, "{word}");
        }
    }
}
