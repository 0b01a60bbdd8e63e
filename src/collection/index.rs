//! The search index: an inverted index of words (lowercased runs of letters
//! and digits) with varint-delta postings, kept within a byte budget.
//!
//! Documents are added in increasing id order, so each term's postings are a
//! byte string of LEB128 varints: the first document id, then the gaps. A
//! query term matches every word it is a prefix of (the vocabulary is kept
//! sorted for that, merged lazily at query time). Before a document is
//! indexed its cost is computed; when its text does not fit in the budget,
//! this and every later document are indexed by subject only.

use crate::bytes8::{digit_bytes, letter_bytes, HIGHS, ONES};

/// Longest word kept, in bytes; longer runs are cut (queries are cut alike).
pub const MAX_WORD: usize = 32;

/// Bytes counted per distinct term for the structures that hold it (term
/// record, hash slot, sorted slot, allocation), beside its text and postings.
pub const TERM_OVERHEAD: usize = 64;

/// Calls `f` with every word of `text`: lowercased runs of letters and
/// digits, cut to [`MAX_WORD`] bytes.
pub fn words(text: &str, mut f: impl FnMut(&str)) {
    word_bytes(text, |buf, n| {
        if let Ok(w) = std::str::from_utf8(&buf[..n]) {
            f(w);
        }
    });
}

/// For each byte: an ASCII letter or digit lowercased, 0 for any other ASCII
/// byte (a separator), 0x80 for the bytes of non-ASCII characters.
static FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b >= 0x80 {
            0x80
        } else if b.is_ascii_alphanumeric() {
            b.to_ascii_lowercase()
        } else {
            0
        };
        i += 1;
    }
    t
};

/// [`words`], as bytes (always whole UTF-8 characters): what the index
/// hashes. `f` gets the whole buffer and the word's length, so that keys are
/// read with fixed-size loads (bytes past the length are stale).
fn word_bytes(text: &str, mut f: impl FnMut(&[u8; MAX_WORD], usize)) {
    let mut buf = [0u8; MAX_WORD];
    let mut n = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = FOLD[usize::from(bytes[i])];
        // A letter or digit: eight bytes at a time while they are ASCII
        // letters or digits and the word has room, lowered in one step
        // (`| 0x20` lowers a letter and leaves a digit as it is).
        if c != 0 && c < 0x80 && n + 8 <= MAX_WORD {
            if let Some(chunk) = bytes.get(i..i + 8) {
                let mut v = [0u8; 8];
                v.copy_from_slice(chunk);
                let v = u64::from_le_bytes(v);
                let k = (!(letter_bytes(v) | digit_bytes(v)) & HIGHS).trailing_zeros() as usize / 8;
                buf[n..n + 8].copy_from_slice(&(v | (ONES * 0x20)).to_le_bytes());
                n += k;
                i += k;
                continue;
            }
        }
        if c == 0 {
            i += 1;
            if n > 0 {
                f(&buf, n);
                n = 0;
            }
        } else if c < 0x80 {
            i += 1;
            if n < MAX_WORD {
                buf[n] = c;
                n += 1;
            }
        } else {
            let Some(ch) = text.get(i..).and_then(|t| t.chars().next()) else { break };
            i += ch.len_utf8();
            if ch.is_alphanumeric() {
                for l in ch.to_lowercase() {
                    let len = l.len_utf8();
                    if n + len <= MAX_WORD {
                        l.encode_utf8(&mut buf[n..n + len]);
                        n += len;
                    }
                }
            } else if n > 0 {
                f(&buf, n);
                n = 0;
            }
        }
    }
    if n > 0 {
        f(&buf, n);
    }
}

/// A set of document ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bits {
    words: Vec<u64>,
}

impl Bits {
    /// An empty set able to hold ids below `n`.
    pub fn new(n: usize) -> Bits {
        Bits { words: vec![0; n.div_ceil(64)] }
    }

    /// Adds `i` (ids beyond the capacity grow it).
    pub fn set(&mut self, i: u32) {
        let w = (i / 64) as usize;
        if w >= self.words.len() {
            self.words.resize(w + 1, 0);
        }
        if let Some(x) = self.words.get_mut(w) {
            *x |= 1 << (i % 64);
        }
    }

    /// True when `i` is in the set.
    pub fn get(&self, i: u32) -> bool {
        self.words.get((i / 64) as usize).is_some_and(|x| x & (1 << (i % 64)) != 0)
    }

    /// Keeps only the ids also in `other`.
    pub fn and(&mut self, other: &Bits) {
        for (i, x) in self.words.iter_mut().enumerate() {
            *x &= other.words.get(i).copied().unwrap_or(0);
        }
    }
}

/// How much of a document went into the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Indexed {
    /// Its subject and text.
    Text,
    /// Its subject only (the budget was reached).
    Subject,
    /// Nothing (not even the subject fit): searched by scanning its subject.
    Nothing,
}

#[derive(Debug, Clone)]
struct Term {
    /// Its text in the arena.
    start: u32,
    len: u32,
    /// Varint document ids: the first, then the gaps.
    postings: Vec<u8>,
}

/// One slot of the open-addressing table, 24 bytes: the word's [`Key`], its
/// term id + 1 (0: an empty slot), and the last document added to its
/// postings.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: Key,
    id: u32,
    last: u32,
}

/// The inverted index.
#[derive(Debug, Clone)]
pub struct Index {
    budget: usize,
    bytes: usize,
    /// Set once a document's text did not fit: later ones go by subject.
    full: bool,
    arena: Vec<u8>,
    terms: Vec<Term>,
    /// Open addressing on [`key`], at most half full.
    table: Vec<Slot>,
    /// Term ids sorted by text; terms from `sorted.len()` on are not merged yet.
    sorted: Vec<u32>,
    /// Scratch lists reused between documents: the slots of known words with
    /// their previous `last`, and the new words.
    known: Vec<(usize, u32)>,
    fresh: Vec<Vec<u8>>,
    /// Postings not yet appended to their terms, `(term id, gap)` in document
    /// order: appending them by batches, grouped by term, touches each term's
    /// postings once per batch instead of once per document (which was most
    /// of the cost of adding a document: a cache miss per distinct word).
    pending: Vec<(u32, u32)>,
}

/// Pending postings kept before they are appended to their terms.
const PENDING: usize = 1 << 18;

/// The eight bytes of `buf` from `at`, those from `end` on cleared.
fn chunk(buf: &[u8; MAX_WORD], at: usize, end: usize) -> u64 {
    let mut v = [0u8; 8];
    v.copy_from_slice(&buf[at..at + 8]);
    let v = u64::from_le_bytes(v);
    match end.saturating_sub(at) {
        0 => 0,
        k if k < 8 => v & ((1u64 << (8 * k)) - 1),
        _ => v,
    }
}

/// A fast hash of the word `buf[..n]`, eight bytes at a time.
fn hash(buf: &[u8; MAX_WORD], n: usize) -> u64 {
    let mut h: u64 = n as u64;
    let mut at = 0;
    while at < n {
        h = (h ^ chunk(buf, at, n)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 29;
        at += 8;
    }
    h
}

/// The table [`Key`] of the word `buf[..n]`.
fn key(buf: &[u8; MAX_WORD], n: usize) -> Key {
    if n <= EXACT {
        Key(chunk(buf, 0, n), chunk(buf, 8, n) | (n as u64) << 56)
    } else {
        Key(hash(buf, n), (n as u64) << 56)
    }
}

/// Words of up to this many bytes are their own [`Key`].
const EXACT: usize = 15;

/// A word's key in the table: a word of up to [`EXACT`] bytes is its own key
/// (its bytes and its length), so finding it reads no term text, which would
/// cost two more cache misses (the term, then its text) and a comparison; a
/// longer word keys by its hash and its length, and is compared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Key(u64, u64);

/// [`key`] of a word held in a slice.
fn key_of(word: &[u8]) -> (Key, [u8; MAX_WORD], usize) {
    let mut buf = [0u8; MAX_WORD];
    let n = word.len().min(MAX_WORD);
    buf[..n].copy_from_slice(&word[..n]);
    (key(&buf, n), buf, n)
}

/// The first slot to probe for `key`.
fn home(key: Key, mask: usize) -> usize {
    let h = (key.0 ^ key.1.wrapping_mul(0xC2B2_AE3D_27D4_EB4F)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h ^ (h >> 32)) as usize & mask
}

fn varint_len(mut v: u32) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

impl Index {
    /// An empty index whose bytes never exceed `budget`.
    pub fn new(budget: usize) -> Index {
        Index {
            budget,
            bytes: 0,
            full: false,
            arena: Vec::new(),
            terms: Vec::new(),
            table: vec![Slot::default(); 1024],
            sorted: Vec::new(),
            known: Vec::new(),
            fresh: Vec::new(),
            pending: Vec::new(),
        }
    }

    /// Bytes in use: term text, postings, and [`TERM_OVERHEAD`] per term.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// The budget.
    pub fn budget(&self) -> usize {
        self.budget
    }

    /// Number of distinct terms.
    pub fn terms(&self) -> usize {
        self.terms.len()
    }

    fn text(&self, id: u32) -> &[u8] {
        let t = &self.terms[id as usize];
        self.arena.get(t.start as usize..(t.start + t.len) as usize).unwrap_or_default()
    }

    /// The slot holding the word `buf[..n]`, if it is a term.
    fn lookup(&self, buf: &[u8; MAX_WORD], n: usize) -> Option<usize> {
        let mask = self.table.len() - 1;
        let k = key(buf, n);
        let mut at = home(k, mask);
        loop {
            let slot = self.table[at];
            if slot.id == 0 {
                return None;
            }
            if slot.key == k && (n <= EXACT || self.text(slot.id - 1) == &buf[..n]) {
                return Some(at);
            }
            at = (at + 1) & mask;
        }
    }

    /// Adds `word` as a new term whose postings start with `doc`; returns its id.
    fn insert(&mut self, word: &[u8], doc: u32) -> u32 {
        if (self.terms.len() + 1) * 2 > self.table.len() {
            let mut table = vec![Slot::default(); self.table.len() * 2];
            let mask = table.len() - 1;
            for &slot in &self.table {
                if slot.id != 0 {
                    let mut at = home(slot.key, mask);
                    while table[at].id != 0 {
                        at = (at + 1) & mask;
                    }
                    table[at] = slot;
                }
            }
            self.table = table;
        }
        let id = self.terms.len() as u32;
        let mut postings = Vec::new();
        push_varint(&mut postings, doc);
        self.terms.push(Term { start: self.arena.len() as u32, len: word.len() as u32, postings });
        self.arena.extend_from_slice(word);
        let mask = self.table.len() - 1;
        let (k, _, _) = key_of(word);
        let mut at = home(k, mask);
        while self.table[at].id != 0 {
            at = (at + 1) & mask;
        }
        self.table[at] = Slot { key: k, id: id + 1, last: doc };
        id
    }

    /// Indexes document `doc` (greater than every id added before): its
    /// `text` (which holds the subject) while the budget allows, else its
    /// `subject` alone.
    pub fn add(&mut self, doc: u32, subject: &str, text: Option<&str>) -> Indexed {
        if let Some(text) = text.filter(|_| !self.full) {
            if self.try_add(doc, text) {
                return Indexed::Text;
            }
            self.full = true;
        }
        if self.try_add(doc, subject) {
            Indexed::Subject
        } else {
            Indexed::Nothing
        }
    }

    /// Adds the words of `text` to document `doc` if they fit in the budget.
    /// A known word's slot takes `doc` as its `last` at once (which also
    /// dedupes it within the text); it gets its old value back if not.
    fn try_add(&mut self, doc: u32, text: &str) -> bool {
        let mut known = std::mem::take(&mut self.known);
        let mut fresh = std::mem::take(&mut self.fresh);
        known.clear();
        let mut n_fresh = 0;
        word_bytes(text, |buf, n| match self.lookup(buf, n) {
            Some(at) => {
                let slot = &mut self.table[at];
                if slot.last != doc {
                    known.push((at, slot.last));
                    slot.last = doc;
                }
            }
            None => {
                let w = &buf[..n];
                if let Some(slot) = fresh.get_mut(n_fresh) {
                    slot.clear();
                    slot.extend_from_slice(w);
                } else {
                    fresh.push(w.to_vec());
                }
                n_fresh += 1;
            }
        });
        fresh.truncate(n_fresh);
        fresh.sort_unstable();
        fresh.dedup();
        let mut cost = 0usize;
        for &(_, last) in &known {
            cost += varint_len(doc.saturating_sub(last));
        }
        for w in &fresh {
            cost += w.len() + TERM_OVERHEAD + varint_len(doc);
        }
        let fits = self.bytes.saturating_add(cost) <= self.budget;
        if fits {
            for &(at, last) in &known {
                self.pending.push((self.table[at].id.wrapping_sub(1), doc.saturating_sub(last)));
            }
            for w in &fresh {
                self.insert(w, doc);
            }
            self.bytes += cost;
            if self.pending.len() >= PENDING {
                self.flush();
            }
        } else {
            for &(at, last) in &known {
                self.table[at].last = last;
            }
        }
        self.known = known;
        self.fresh = fresh;
        fits
    }

    /// Appends the pending postings to their terms: a stable radix sort by
    /// term id (16 bits a pass) keeps each term's gaps in document order.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mut from = std::mem::take(&mut self.pending);
        let mut to = vec![(0u32, 0u32); from.len()];
        let passes = if self.terms.len() <= 1 << 16 { 1 } else { 2 };
        for pass in 0..passes {
            let digit = |id: u32| ((id >> (16 * pass)) & 0xffff) as usize;
            let mut start = vec![0u32; (1 << 16) + 1];
            for &(id, _) in &from {
                start[digit(id) + 1] += 1;
            }
            for d in 0..1 << 16 {
                start[d + 1] += start[d];
            }
            for &p in &from {
                let d = digit(p.0);
                to[start[d] as usize] = p;
                start[d] += 1;
            }
            std::mem::swap(&mut from, &mut to);
        }
        for &(id, gap) in &from {
            if let Some(t) = self.terms.get_mut(id as usize) {
                push_varint(&mut t.postings, gap);
            }
        }
        from.clear();
        self.pending = from;
    }

    /// Merges the terms added since the last query into the sorted vocabulary.
    fn sort(&mut self) {
        if self.sorted.len() == self.terms.len() {
            return;
        }
        let mut new: Vec<u32> = (self.sorted.len() as u32..self.terms.len() as u32).collect();
        new.sort_unstable_by(|&a, &b| self.text(a).cmp(self.text(b)));
        let old = std::mem::take(&mut self.sorted);
        let mut merged = Vec::with_capacity(self.terms.len());
        let (mut i, mut j) = (0, 0);
        while i < old.len() && j < new.len() {
            if self.text(old[i]) <= self.text(new[j]) {
                merged.push(old[i]);
                i += 1;
            } else {
                merged.push(new[j]);
                j += 1;
            }
        }
        merged.extend_from_slice(&old[i..]);
        merged.extend_from_slice(&new[j..]);
        self.sorted = merged;
    }

    /// Adds to `out` every document holding a word that starts with `prefix`
    /// (a word as [`words`] gives it). Returns the number of terms matched.
    pub fn search(&mut self, prefix: &str, out: &mut Bits) -> usize {
        self.flush();
        self.sort();
        let p = prefix.as_bytes();
        let from = self.sorted.partition_point(|&id| self.text(id) < p);
        let mut matched = 0;
        for &id in self.sorted.get(from..).unwrap_or_default() {
            if !self.text(id).starts_with(p) {
                break;
            }
            matched += 1;
            let mut doc: u32 = 0;
            let mut v: u32 = 0;
            let mut shift = 0;
            for &b in &self.terms[id as usize].postings {
                v |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
                if b & 0x80 != 0 {
                    shift += 7;
                } else {
                    doc = doc.wrapping_add(v);
                    out.set(doc);
                    v = 0;
                    shift = 0;
                }
            }
        }
        matched
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-at-a-time reading [`word_bytes`] speeds up.
    fn word_bytes_by_byte(text: &str) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let mut w: Vec<u8> = Vec::new();
        for ch in text.chars() {
            if ch.is_alphanumeric() {
                for l in ch.to_lowercase() {
                    if w.len() + l.len_utf8() <= MAX_WORD {
                        w.extend_from_slice(l.encode_utf8(&mut [0u8; 4]).as_bytes());
                    }
                }
            } else if !w.is_empty() {
                out.push(std::mem::take(&mut w));
            }
        }
        if !w.is_empty() {
            out.push(w);
        }
        out
    }

    #[test]
    fn words_read_eight_bytes_at_a_time_as_one_by_one() {
        let parts = [
            "a",
            "Z",
            "0",
            "9",
            "@",
            "[",
            "`",
            "{",
            "/",
            ":",
            " ",
            "-",
            "é",
            "Ω",
            "ß",
            "İ",
            "\u{a0}",
            "x".repeat(40).as_str(),
            "AbCdEfGh",
        ]
        .map(str::to_string);
        let mut seed = 3u64;
        for _ in 0..20_000 {
            let mut t = String::new();
            for _ in 0..(seed % 24) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                t.push_str(&parts[(seed >> 33) as usize % parts.len()]);
            }
            let mut got = Vec::new();
            word_bytes(&t, |buf, n| got.push(buf[..n].to_vec()));
            assert_eq!(got, word_bytes_by_byte(&t), "{t:?}");
        }
        for b in 0..=127u8 {
            let t = format!("ab{}cdefghij", char::from(b));
            let mut got = Vec::new();
            word_bytes(&t, |buf, n| got.push(buf[..n].to_vec()));
            assert_eq!(got, word_bytes_by_byte(&t), "{t:?}");
        }
    }

    fn found(ix: &mut Index, q: &str) -> Vec<u32> {
        let mut b = Bits::new(0);
        ix.search(q, &mut b);
        (0..1000).filter(|&i| b.get(i)).collect()
    }

    #[test]
    fn words_are_lowercased_runs() {
        let mut w = Vec::new();
        words("Hello, WORLD-2009 Ünïcode x", |s| w.push(s.to_string()));
        assert_eq!(w, ["hello", "world", "2009", "ünïcode", "x"]);
    }

    #[test]
    fn prefix_search_and_gaps() {
        let mut ix = Index::new(1 << 20);
        assert_eq!(ix.add(0, "", Some("alpha beta")), Indexed::Text);
        assert_eq!(ix.add(200, "", Some("alphabet gamma beta beta")), Indexed::Text);
        assert_eq!(ix.add(999, "", Some("delta")), Indexed::Text);
        assert_eq!(found(&mut ix, "alpha"), [0, 200]);
        assert_eq!(found(&mut ix, "alphab"), [200]);
        assert_eq!(found(&mut ix, "beta"), [0, 200]);
        assert_eq!(found(&mut ix, "d"), [999]);
        assert!(found(&mut ix, "zeta").is_empty());
    }

    #[test]
    fn postings_survive_batches_and_both_radix_passes() {
        // 3,000 documents over more than 65,536 distinct words (two radix passes), more
        // pending postings than one batch holds, long and short words.
        let word = |k: u32| if k.is_multiple_of(3) { format!("w{k}") } else { format!("longerword{k}x") };
        let mut ix = Index::new(usize::MAX);
        let mut want: std::collections::BTreeMap<String, Vec<u32>> = Default::default();
        for doc in 0..3000u32 {
            let words: Vec<String> =
                (0..120).map(|j| word(((doc * 120 + j) as u64 * 2_654_435_761 % 100_000) as u32)).collect();
            assert_eq!(ix.add(doc, "", Some(&words.join(" "))), Indexed::Text);
            for w in words {
                let docs = want.entry(w).or_default();
                if docs.last() != Some(&doc) {
                    docs.push(doc);
                }
            }
        }
        assert!(ix.terms() > 1 << 16, "{} terms", ix.terms());
        assert_eq!(ix.terms(), want.len());
        for (w, docs) in want.iter().step_by(97) {
            let mut b = Bits::new(0);
            ix.search(w, &mut b);
            let got: Vec<u32> = (0..3000).filter(|&i| b.get(i)).collect();
            // A prefix query also finds longer words it begins ("w1" in "w12").
            assert!(docs.iter().all(|d| got.contains(d)), "{w}");
            if w.ends_with('x') {
                assert_eq!(&got, docs, "{w}");
            }
        }
    }

    #[test]
    fn words_of_every_key_length_are_told_apart() {
        // Lengths around the keys' limits (7, 8, 15, 16 bytes), words alike in
        // their first 8 or 15 bytes, and a word cut at MAX_WORD.
        let words = [
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghij",
            "abcdefghik",
            "abcdefghijklmno",
            "abcdefghijklmnp",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "électricité",
            &"z".repeat(40),
        ];
        let mut ix = Index::new(1 << 20);
        for (doc, w) in words.iter().enumerate() {
            // Each document holds its word twice (deduped) and the first word (known).
            ix.add(doc as u32, "", Some(&format!("{w} {w} abcdefg")));
        }
        assert_eq!(ix.terms(), words.len());
        for (doc, w) in words.iter().enumerate() {
            // Queries are cut at MAX_WORD as the words are (by the caller).
            let w = &w[..w.len().min(MAX_WORD)];
            let docs = found(&mut ix, w);
            assert!(docs.contains(&(doc as u32)), "{w}");
            // Only documents with a word it begins: its own, or every one when it begins abcdefg.
            assert!(docs.iter().all(|&d| words[d as usize].starts_with(w) || "abcdefg".starts_with(w)), "{w}");
        }
        assert_eq!(found(&mut ix, "abcdefghik"), [4]);
        assert_eq!(found(&mut ix, "abcdefghijklmnp"), [6]);
        assert_eq!(found(&mut ix, "abcdefghijklmnoq"), [8]);
        assert_eq!(found(&mut ix, "abcdefg").len(), words.len(), "every document holds it");
        assert_eq!(found(&mut ix, "électricité"), [9]);
        assert_eq!(found(&mut ix, &"z".repeat(32)), [10]);
    }

    #[test]
    fn the_budget_is_never_exceeded() {
        let mut ix = Index::new(3 * TERM_OVERHEAD + 40);
        assert_eq!(ix.add(0, "one", Some("one two")), Indexed::Text);
        assert_eq!(ix.add(1, "three", Some("three four five six")), Indexed::Subject);
        assert_eq!(ix.add(2, "one", Some("one")), Indexed::Subject, "once full, subjects only");
        assert_eq!(ix.add(3, "seven eight", None), Indexed::Nothing);
        assert!(ix.bytes() <= ix.budget());
        assert_eq!(found(&mut ix, "one"), [0, 2]);
        assert!(found(&mut ix, "four").is_empty());
    }
}
