//! The search index: an inverted index of words (lowercased runs of letters
//! and digits) with varint-delta postings, kept within a byte budget.
//!
//! Documents are added in increasing id order, so each term's postings are a
//! byte string of LEB128 varints: the first document id, then the gaps. A
//! query term matches every word it is a prefix of (the vocabulary is kept
//! sorted for that, merged lazily at query time). Before a document is
//! indexed its cost is computed; when its text does not fit in the budget,
//! this and every later document are indexed by subject only.

/// Longest word kept, in bytes; longer runs are cut (queries are cut alike).
pub const MAX_WORD: usize = 32;

/// Bytes counted per distinct term for the structures that hold it (term
/// record, hash slot, sorted slot, allocation), beside its text and postings.
pub const TERM_OVERHEAD: usize = 64;

/// Calls `f` with every word of `text`: lowercased runs of letters and
/// digits, cut to [`MAX_WORD`] bytes.
pub fn words(text: &str, mut f: impl FnMut(&str)) {
    let mut buf = [0u8; MAX_WORD];
    let mut n = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut emit = |buf: &[u8; MAX_WORD], n: &mut usize| {
        if *n > 0 {
            if let Ok(w) = std::str::from_utf8(buf.get(..*n).unwrap_or_default()) {
                f(w);
            }
            *n = 0;
        }
    };
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
            if b.is_ascii_alphanumeric() {
                if let Some(slot) = buf.get_mut(n) {
                    *slot = b.to_ascii_lowercase();
                    n += 1;
                }
            } else {
                emit(&buf, &mut n);
            }
            continue;
        }
        let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else { break };
        i += c.len_utf8();
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                let len = l.len_utf8();
                if n + len <= MAX_WORD {
                    l.encode_utf8(&mut buf[n..n + len]);
                    n += len;
                }
            }
        } else {
            emit(&buf, &mut n);
        }
    }
    emit(&buf, &mut n);
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
    /// The last document id in `postings`.
    last: u32,
    /// Varint document ids: the first, then the gaps.
    postings: Vec<u8>,
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
    /// Open addressing: the hash's high 32 bits, then term id + 1 (0 for an empty slot).
    table: Vec<u64>,
    /// Per term: the pass (`epoch`) that last counted it.
    mark: Vec<u32>,
    /// Counts calls of `try_add`.
    epoch: u32,
    /// Term ids sorted by text; terms from `sorted.len()` on are not merged yet.
    sorted: Vec<u32>,
    /// Scratch lists reused between documents.
    known: Vec<u32>,
    fresh: Vec<String>,
}

fn hash(s: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^ (h >> 29)
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
            table: vec![0; 1024],
            mark: Vec::new(),
            epoch: 0,
            sorted: Vec::new(),
            known: Vec::new(),
            fresh: Vec::new(),
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

    fn lookup(&self, word: &[u8]) -> Option<u32> {
        let mask = self.table.len() - 1;
        let h = hash(word);
        let tag = h & !0xffff_ffff;
        let mut slot = h as usize & mask;
        loop {
            let e = self.table[slot];
            if e == 0 {
                return None;
            }
            let id = (e as u32).wrapping_sub(1);
            if e & !0xffff_ffff == tag && self.text(id) == word {
                return Some(id);
            }
            slot = (slot + 1) & mask;
        }
    }

    fn insert(&mut self, word: &[u8]) -> u32 {
        if (self.terms.len() + 1) * 2 > self.table.len() {
            let mut table = vec![0u64; self.table.len() * 2];
            let mask = table.len() - 1;
            for &e in &self.table {
                if e != 0 {
                    let id = (e as u32).wrapping_sub(1);
                    let h = hash(self.text(id));
                    let mut slot = h as usize & mask;
                    while table[slot] != 0 {
                        slot = (slot + 1) & mask;
                    }
                    table[slot] = e;
                }
            }
            self.table = table;
        }
        let id = self.terms.len() as u32;
        self.terms.push(Term { start: self.arena.len() as u32, len: word.len() as u32, last: 0, postings: Vec::new() });
        self.arena.extend_from_slice(word);
        self.mark.push(0);
        let mask = self.table.len() - 1;
        let h = hash(word);
        let mut slot = h as usize & mask;
        while self.table[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        self.table[slot] = (h & !0xffff_ffff) | u64::from(id + 1);
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
    fn try_add(&mut self, doc: u32, text: &str) -> bool {
        let mut known = std::mem::take(&mut self.known);
        let mut fresh = std::mem::take(&mut self.fresh);
        known.clear();
        let mut n_fresh = 0;
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.mark.iter_mut().for_each(|m| *m = 0);
            self.epoch = 1;
        }
        let stamp = self.epoch;
        let mut mark = std::mem::take(&mut self.mark);
        words(text, |w| match self.lookup(w.as_bytes()) {
            Some(id) => {
                if let Some(m) = mark.get_mut(id as usize) {
                    if *m != stamp {
                        *m = stamp;
                        known.push(id);
                    }
                }
            }
            None => {
                if let Some(slot) = fresh.get_mut(n_fresh) {
                    slot.clear();
                    slot.push_str(w);
                } else {
                    fresh.push(w.to_string());
                }
                n_fresh += 1;
            }
        });
        self.mark = mark;
        fresh.truncate(n_fresh);
        fresh.sort_unstable();
        fresh.dedup();
        let delta = |t: &Term| if t.postings.is_empty() { doc } else { doc.saturating_sub(t.last) };
        let mut cost = 0usize;
        for &id in &known {
            if let Some(t) = self.terms.get(id as usize) {
                if t.postings.is_empty() || t.last != doc {
                    cost += varint_len(delta(t));
                }
            }
        }
        for w in &fresh {
            cost += w.len() + TERM_OVERHEAD + varint_len(doc);
        }
        let fits = self.bytes.saturating_add(cost) <= self.budget;
        if fits {
            for &id in &known {
                if let Some(t) = self.terms.get_mut(id as usize) {
                    if t.postings.is_empty() || t.last != doc {
                        let d = delta(t);
                        push_varint(&mut t.postings, d);
                        t.last = doc;
                    }
                }
            }
            for w in &fresh {
                let id = self.insert(w.as_bytes());
                if let Some(t) = self.terms.get_mut(id as usize) {
                    push_varint(&mut t.postings, doc);
                    t.last = doc;
                }
            }
            self.bytes += cost;
        }
        self.known = known;
        self.fresh = fresh;
        fits
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
