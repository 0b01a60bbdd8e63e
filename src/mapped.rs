//! Text that remembers where every byte came from in the original input.
//!
//! Decoding (Windows-1252, HTML entities, CSV escapes) and cleaning (joined
//! lines, removed `SIPDIS` lines) change the text the parser reads, but every
//! span in the model must point into the exact input bytes. A [`Mapped`] is a
//! `String` plus a list of pieces, each saying where a run of the text came
//! from, so any text range converts back to a source [`Span`].

use crate::model::Span;

/// A contiguous run of text and the source bytes it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Start of the run in the text.
    text: usize,
    /// Start of the run's source bytes.
    src: u64,
    /// Length of the source bytes for an atomic piece; ignored when linear.
    src_len: u64,
    /// Linear pieces copy the source byte for byte (text length = source
    /// length); atomic pieces stand for their source run as a whole (an
    /// entity, a re-encoded character, an inserted space).
    linear: bool,
}

/// A string with a map from its byte offsets back to input byte offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapped {
    text: String,
    pieces: Vec<Piece>,
    /// Where an empty text stands in the source.
    origin: u64,
}

impl Mapped {
    /// An empty mapped text.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty mapped text with room for `cap` bytes of text in `pieces` pieces.
    pub fn with_capacity(cap: usize, pieces: usize) -> Self {
        Self { text: String::with_capacity(cap), pieces: Vec::with_capacity(pieces), origin: 0 }
    }

    /// Text made of runs decoded one after the other: `runs` holds, for each
    /// run in order, where it starts in `text`, where its source bytes
    /// start, and `None` for a linear run (copied byte for byte) or
    /// `Some(len)` for an atomic one standing for `len` source bytes. The
    /// same as pushing each run with [`Self::push_linear`] or
    /// [`Self::push_atomic`], when no run is empty and no two linear runs
    /// are contiguous in both text and source.
    pub fn from_runs(text: String, runs: &[(usize, u64, Option<u64>)]) -> Self {
        let pieces = runs
            .iter()
            .map(|&(text, src, atomic)| Piece { text, src, src_len: atomic.unwrap_or(0), linear: atomic.is_none() })
            .collect();
        Self { text, pieces, origin: 0 }
    }

    /// The text, taken out of the map.
    pub fn into_string(self) -> String {
        self.text
    }

    /// Text that is a verbatim copy of the source starting at `src`.
    pub fn identity(text: &str, src: u64) -> Self {
        let mut m = Self::with_capacity(text.len(), 1);
        m.origin = src;
        m.push_linear(text, src);
        m
    }

    /// Makes room for `bytes` more bytes of text and `pieces` more pieces.
    pub fn reserve(&mut self, bytes: usize, pieces: usize) {
        self.text.reserve(bytes);
        self.pieces.reserve(pieces);
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length of the text in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// True when the text is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends text copied byte for byte from the source at `src`.
    pub fn push_linear(&mut self, text: &str, src: u64) {
        if text.is_empty() {
            return;
        }
        let at = self.text.len();
        let merged = match self.pieces.last() {
            Some(last) if last.linear => last.src + (at - last.text) as u64 == src,
            _ => false,
        };
        if !merged {
            self.pieces.push(Piece { text: at, src, src_len: 0, linear: true });
        }
        self.text.push_str(text);
    }

    /// Appends text that stands for the source bytes `src..src + src_len` as
    /// a whole (a decoded entity, a re-encoded byte, an inserted separator
    /// with `src_len` 0).
    pub fn push_atomic(&mut self, text: &str, src: u64, src_len: u64) {
        if text.is_empty() {
            return;
        }
        self.pieces.push(Piece { text: self.text.len(), src, src_len, linear: false });
        self.text.push_str(text);
    }

    /// Appends `text` that stands for no source bytes (a space joining two
    /// lines), placed at source offset `src`.
    pub fn push_synthetic(&mut self, text: &str, src: u64) {
        self.push_atomic(text, src, 0);
    }

    /// Appends `from[range]`, keeping its map. `range` must lie on char
    /// boundaries of `from`.
    pub fn push_slice(&mut self, from: &Mapped, range: std::ops::Range<usize>) {
        self.push_slice_near(from, range, &mut 0);
    }

    /// [`Self::push_slice`], for callers appending ascending ranges of
    /// `from` (joined lines): `hint` (start it at 0) keeps the piece the
    /// last lookup found, see [`Self::span_near`].
    pub fn push_slice_near(&mut self, from: &Mapped, range: std::ops::Range<usize>, hint: &mut usize) {
        let (start, end) = (range.start.min(from.len()), range.end.min(from.len()));
        if start >= end {
            return;
        }
        if let [p] = from.pieces.as_slice() {
            // One piece (most texts): no lookup.
            let text = &from.text[start..end];
            if p.linear {
                self.push_linear(text, p.src + (start - p.text) as u64);
            } else {
                self.push_atomic(text, p.src, p.src_len);
            }
            return;
        }
        let first = from.piece_index_near(start, hint);
        for (i, p) in from.pieces.iter().enumerate().skip(first) {
            if p.text >= end {
                break;
            }
            let p_end = from.pieces.get(i + 1).map_or(from.len(), |n| n.text);
            let (a, b) = (p.text.max(start), p_end.min(end));
            if a >= b {
                continue;
            }
            let text = &from.text[a..b];
            if p.linear {
                self.push_linear(text, p.src + (a - p.text) as u64);
            } else {
                self.push_atomic(text, p.src, p.src_len);
            }
        }
    }

    /// Appends `sep` (standing for no source bytes, placed where
    /// `range` starts in the source) when `sep` is given, then `from[range]`:
    /// [`Self::push_synthetic`] and [`Self::push_slice_near`] with one lookup.
    /// `range` must be non-empty and lie on char boundaries of `from`.
    pub fn push_joined_near(
        &mut self,
        from: &Mapped,
        range: std::ops::Range<usize>,
        sep: Option<&str>,
        hint: &mut usize,
    ) {
        let (start, end) = (range.start.min(from.len()), range.end.min(from.len()));
        if start >= end {
            if let Some(sep) = sep {
                self.push_synthetic(sep, from.src_start_near(range.start, hint));
            }
            self.push_slice_near(from, range, hint);
            return;
        }
        let i = from.piece_index_near(start, hint);
        if let Some(sep) = sep {
            self.push_synthetic(sep, from.src_start_in(start, i));
        }
        match from.pieces.get(i) {
            // The whole range within one linear piece (nearly every line).
            Some(p) if p.linear && from.pieces.get(i + 1).is_none_or(|n| n.text >= end) => {
                self.push_linear(&from.text[start..end], p.src + (start - p.text) as u64);
            }
            _ => self.push_slice_near(from, start..end, hint),
        }
    }

    /// Index of the piece holding text offset `pos` (the last piece when
    /// `pos` is at or past the end).
    fn piece_index(&self, pos: usize) -> usize {
        // Most texts are one linear piece (UTF-8 input): skip the search.
        if self.pieces.len() <= 1 {
            return 0;
        }
        self.pieces.partition_point(|p| p.text <= pos).saturating_sub(1)
    }

    /// [`Self::piece_index`], starting from the piece a previous lookup
    /// found (`hint`, updated): callers converting ascending offsets walk
    /// the pieces forward instead of searching them each time.
    #[inline]
    fn piece_index_near(&self, pos: usize, hint: &mut usize) -> usize {
        let n = self.pieces.len();
        let mut i = *hint;
        if n <= 1 || i >= n || self.pieces[i].text > pos {
            i = self.piece_index(pos);
        } else {
            // Piece texts strictly increase: step forward a little, then search.
            let mut steps = 0;
            while i + 1 < n && self.pieces[i + 1].text <= pos {
                i += 1;
                steps += 1;
                if steps == 4 {
                    i = self.piece_index(pos);
                    break;
                }
            }
        }
        *hint = i;
        i
    }

    /// Source offset where text offset `pos` starts.
    pub fn src_start(&self, pos: usize) -> u64 {
        self.src_start_in(pos, self.piece_index(pos))
    }

    fn src_start_in(&self, pos: usize, piece: usize) -> u64 {
        let Some(p) = self.pieces.get(piece) else {
            return self.origin;
        };
        if p.linear {
            p.src + pos.saturating_sub(p.text) as u64
        } else {
            p.src
        }
    }

    /// [`Self::src_start`] with a lookup hint, see [`Self::span_near`].
    pub fn src_start_near(&self, pos: usize, hint: &mut usize) -> u64 {
        self.src_start_in(pos, self.piece_index_near(pos, hint))
    }

    /// Source offset where the text before `pos` ends (for half-open ends).
    pub fn src_end(&self, pos: usize) -> u64 {
        if pos == 0 {
            return self.src_start(0);
        }
        self.src_end_in(pos, self.piece_index(pos - 1))
    }

    fn src_end_in(&self, pos: usize, piece: usize) -> u64 {
        let Some(p) = self.pieces.get(piece) else {
            return self.origin;
        };
        if p.linear {
            p.src + (pos - p.text) as u64
        } else {
            p.src + p.src_len
        }
    }

    /// [`Self::span`] of a text made of one piece `p` (most texts: UTF-8
    /// input), without the lookups.
    #[inline]
    fn span_one(&self, p: &Piece, start: usize, end: usize) -> Span {
        let s = self.src_start_in(start, 0);
        let e = if end > start {
            if p.linear {
                p.src + (end - p.text) as u64
            } else {
                p.src + p.src_len
            }
        } else {
            s
        };
        Span::new(s, e.max(s))
    }

    /// The source span of text range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        if let [p] = self.pieces.as_slice() {
            return self.span_one(p, start, end);
        }
        let s = self.src_start(start);
        let e = if end > start { self.src_end(end) } else { s };
        Span::new(s, e.max(s))
    }

    /// [`Self::span`], for callers converting ranges in ascending order:
    /// `hint` (start it at 0) keeps the piece the last lookup found.
    pub fn span_near(&self, start: usize, end: usize, hint: &mut usize) -> Span {
        if let [p] = self.pieces.as_slice() {
            return self.span_one(p, start, end);
        }
        let i = self.piece_index_near(start, hint);
        let s = self.src_start_in(start, i);
        let e = if end > start {
            // `end > start >= 0`, so `end - 1` is the last byte of the range:
            // in piece `i` too when the next piece starts after it (most ranges).
            let j = if self.pieces.get(i + 1).is_none_or(|n| n.text > end - 1) {
                i
            } else {
                self.piece_index_near(end - 1, &mut hint.clone())
            };
            self.src_end_in(end, j)
        } else {
            s
        };
        Span::new(s, e.max(s))
    }

    /// A cursor converting text ranges given in ascending order (the
    /// regions of a cable) to source spans, see [`SpanCursor`].
    pub fn cursor(&self) -> SpanCursor<'_> {
        let mut c = SpanCursor { m: self, hint: 0, text: 0, next: 0, src: None };
        c.load(0);
        c
    }

    /// The source span of the whole text.
    pub fn full_span(&self) -> Span {
        // The text starts in the first piece and ends in the last: no lookups.
        match (self.pieces.len(), self.text.is_empty()) {
            (0, _) | (_, true) => self.span(0, self.len()),
            (n, false) => {
                let s = self.src_start_in(0, 0);
                let e = self.src_end_in(self.len(), n - 1);
                Span::new(s, e.max(s))
            }
        }
    }
}

/// [`Mapped::span_near`] for ranges in ascending order, with the current
/// piece's bounds held in locals: a range inside one linear piece (nearly
/// every range) converts without a lookup.
pub struct SpanCursor<'a> {
    m: &'a Mapped,
    /// The piece the last lookup found.
    hint: usize,
    /// Text offsets where that piece starts and where the next one starts.
    text: usize,
    next: usize,
    /// The piece's source start when it is linear.
    src: Option<u64>,
}

impl SpanCursor<'_> {
    /// Caches piece `i`'s bounds.
    fn load(&mut self, i: usize) {
        let pieces = &self.m.pieces;
        self.hint = i;
        match pieces.get(i) {
            Some(p) => {
                self.text = p.text;
                self.next = pieces.get(i + 1).map_or(usize::MAX, |n| n.text);
                self.src = p.linear.then_some(p.src);
            }
            None => (self.text, self.next, self.src) = (0, 0, None),
        }
    }

    /// The source span of text range `start..end`, as [`Mapped::span`].
    #[inline]
    pub fn span(&mut self, start: usize, end: usize) -> Span {
        if let Some(src) = self.src {
            if start >= self.text && end > start && end <= self.next {
                return Span::new(src + (start - self.text) as u64, src + (end - self.text) as u64);
            }
        }
        let span = self.m.span_near(start, end, &mut self.hint);
        self.load(self.hint);
        span
    }

    /// Where non-empty text range `start..end` starts in the source, when
    /// the range lies within one linear piece (it is then a verbatim copy of
    /// the source from there); `None` otherwise.
    #[inline]
    pub fn linear_src(&mut self, start: usize, end: usize) -> Option<u64> {
        if start < self.text || end > self.next {
            let i = self.m.piece_index_near(start, &mut self.hint);
            self.load(i);
            if start < self.text || end > self.next {
                return None;
            }
        }
        self.src.map(|src| src + (start - self.text) as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_offsets_with_base() {
        let m = Mapped::identity("hello", 10);
        assert_eq!(m.span(1, 3), Span::new(11, 13));
        assert_eq!(m.full_span(), Span::new(10, 15));
    }

    #[test]
    fn atomic_pieces_cover_their_source() {
        // "a&amp;b" decoded to "a&b"
        let mut m = Mapped::new();
        m.push_linear("a", 0);
        m.push_atomic("&", 1, 5);
        m.push_linear("b", 6);
        assert_eq!(m.as_str(), "a&b");
        assert_eq!(m.span(1, 2), Span::new(1, 6));
        assert_eq!(m.span(0, 3), Span::new(0, 7));
        assert_eq!(m.span(2, 3), Span::new(6, 7));
    }

    #[test]
    fn slices_keep_the_map_across_joins() {
        let src = Mapped::identity("line one\nline two", 0);
        let mut joined = Mapped::new();
        joined.push_slice(&src, 0..8);
        joined.push_synthetic(" ", src.src_end(8));
        joined.push_slice(&src, 9..17);
        assert_eq!(joined.as_str(), "line one line two");
        assert_eq!(joined.span(5, 13), Span::new(5, 13));
        assert_eq!(joined.span(9, 17), Span::new(9, 17));
        assert_eq!(joined.span(8, 9), Span::new(8, 8));
    }

    #[test]
    fn span_near_agrees_with_span() {
        let (m, _) = crate::decode::decode(b"ab\xB6cd\x93ef gh\x94 ij\xE9k", 7);
        let n = m.len();
        let mut hint = 0;
        for s in 0..=n {
            for e in s..=n {
                if m.as_str().is_char_boundary(s) && m.as_str().is_char_boundary(e) {
                    assert_eq!(m.span_near(s, e, &mut hint), m.span(s, e), "{s}..{e}");
                }
            }
        }
        let mut hint = 3;
        assert_eq!(m.span_near(0, 2, &mut hint), m.span(0, 2));
    }

    #[test]
    fn cursor_agrees_with_span() {
        let (m, _) = crate::decode::decode(b"ab\xB6cd\x93ef gh\x94 ij\xE9k", 7);
        let n = m.len();
        let ok = |k: usize| m.as_str().is_char_boundary(k);
        for s0 in (0..=n).filter(|&k| ok(k)) {
            // Ascending ranges from `s0` on, of every length.
            let mut cur = m.cursor();
            for s in (s0..=n).filter(|&k| ok(k)) {
                for e in (s..=n).filter(|&k| ok(k)) {
                    assert_eq!(cur.span(s, e), m.span(s, e), "{s}..{e}");
                }
            }
        }
        // `linear_src` answers exactly for the ranges inside one linear piece.
        for s in (0..n).filter(|&k| ok(k)) {
            let mut cur = m.cursor();
            for e in (s + 1..=n).filter(|&k| ok(k)) {
                let i = m.piece_index(s);
                let p = m.pieces[i];
                let inside = p.linear && m.pieces.get(i + 1).is_none_or(|q| q.text >= e);
                assert_eq!(cur.linear_src(s, e), inside.then(|| m.src_start(s)), "{s}..{e}");
            }
        }
        let one = Mapped::identity("hello", 3);
        assert_eq!(one.cursor().span(1, 4), one.span(1, 4));
        assert_eq!(Mapped::new().cursor().span(0, 0), Mapped::new().span(0, 0));
    }

    #[test]
    fn adjacent_linear_runs_merge() {
        let mut m = Mapped::new();
        m.push_linear("ab", 0);
        m.push_linear("cd", 2);
        assert_eq!(m.pieces.len(), 1);
        m.push_linear("ef", 10);
        assert_eq!(m.pieces.len(), 2);
        assert_eq!(m.span(3, 5), Span::new(3, 11));
    }
}
