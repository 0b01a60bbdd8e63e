//! A fast JSON writer for the CLI: a `serde` serializer whose output is byte
//! for byte what `serde_json::to_writer` (compact) and `to_writer_pretty`
//! write, at a fraction of the cost on our model (strings are scanned eight
//! bytes at a time; keys and spans are written without per-byte dispatch,
//! integers eight digits at a time).
//! `tests/json_writer.rs` checks the identity on every fixture.

use serde::ser::{self, Serialize};
use std::fmt::Display;

use crate::model::SPAN_NEWTYPE;

/// Writes `value` as compact JSON to the end of `out`.
pub fn to_vec(out: &mut Vec<u8>, value: &impl Serialize) -> Result<(), Error> {
    value.serialize(&mut Writer::<false> { out, indent: 0, has_value: false })
}

/// Writes `value` as pretty JSON (two-space indent) to the end of `out`.
pub fn to_vec_pretty(out: &mut Vec<u8>, value: &impl Serialize) -> Result<(), Error> {
    value.serialize(&mut Writer::<true> { out, indent: 0, has_value: false })
}

/// A value that cannot be written as JSON (a map key that is not a string or a number).
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl From<Error> for std::io::Error {
    fn from(e: Error) -> Self {
        std::io::Error::other(e.0)
    }
}

/// The serializer: the output, and for pretty output (`PRETTY`) the depth and
/// whether the innermost open array or object has a value yet. Compact output
/// keeps neither: a constant, not a flag, so that its code tests nothing.
pub struct Writer<'a, const PRETTY: bool> {
    out: &'a mut Vec<u8>,
    indent: usize,
    has_value: bool,
}

impl<const PRETTY: bool> Writer<'_, PRETTY> {
    #[inline(always)]
    fn open(&mut self, c: u8) {
        self.out.push(c);
        if PRETTY {
            self.indent += 1;
            self.has_value = false;
        }
    }

    #[inline(always)]
    fn close(&mut self, c: u8) {
        if PRETTY {
            self.indent -= 1;
            if self.has_value {
                self.newline();
            }
        }
        self.out.push(c);
    }

    /// Records that the innermost open array or object has a value.
    #[inline(always)]
    fn mark_value(&mut self) {
        if PRETTY {
            self.has_value = true;
        }
    }

    fn newline(&mut self) {
        self.out.push(b'\n');
        for _ in 0..self.indent {
            self.out.extend_from_slice(b"  ");
        }
    }

    /// Before an array element or an object key.
    #[inline(always)]
    fn item(&mut self, first: bool) {
        if !first {
            self.out.push(b',');
        }
        if PRETTY {
            self.newline();
        }
    }

    /// After an object key.
    fn colon(&mut self) {
        self.out.extend_from_slice(if PRETTY { b": " } else { b":" });
    }

    fn uint(&mut self, v: u64) {
        write_uint(self.out, v);
    }

    fn int(&mut self, v: i64) {
        if v < 0 {
            self.out.push(b'-');
        }
        self.uint(v.unsigned_abs());
    }
}

/// Ten to the eighth: the numbers [`push_digits8`] writes are below it.
const E8: u64 = 100_000_000;

/// Appends the decimal digits of `v`: eight at a time, computed in one
/// machine word and copied in one move (most numbers are spans' offsets,
/// up to ten digits in a large dump). Numbers of nine digits or more go out
/// of line, so that the common case needs few registers (none saved and
/// restored at every call).
#[inline]
fn write_uint(out: &mut Vec<u8>, v: u64) {
    if v < E8 {
        push_digits8(out, v, false);
    } else {
        write_uint_long(out, v);
    }
}

/// [`write_uint`] for numbers of nine digits or more: up to sixteen digits
/// (every offset) in one move, larger ones as their high part, then the last
/// eight.
#[inline(never)]
fn write_uint_long(out: &mut Vec<u8>, v: u64) {
    let mut buf = [0u8; 16];
    if let Some(n) = put_uint16(&mut buf, 0, v) {
        let len = out.len();
        out.extend_from_slice(&buf);
        out.truncate(len + n);
        return;
    }
    write_uint_long(out, v / E8);
    push_digits8(out, v % E8, true);
}

/// Writes the decimal digits of `v` into `buf` from `at` (eight bytes of room
/// past the last digit) and returns where they end; `None` for seventeen
/// digits or more (or no room). Offsets past 100 MB (most of a large dump's)
/// have one or two digits before the last eight: those are told apart
/// without a second eight-digit conversion.
#[inline(always)]
fn put_uint16(buf: &mut [u8], at: usize, v: u64) -> Option<usize> {
    if v >= E16 {
        return None;
    }
    let (high, low) = (v / E8, v % E8);
    // The leading digits: all of them below 10^8, else those before the last eight.
    let (lead, n) = if (1..100).contains(&high) {
        digits2(high)
    } else {
        let d = digit_values8(if high == 0 { low } else { high });
        let skip = (d.trailing_zeros() / 8).min(7) as usize;
        ((d | splat(b'0')) >> (8 * skip), 8 - skip)
    };
    buf.get_mut(at..at + 8)?.copy_from_slice(&lead.to_le_bytes());
    let at = at + n;
    if high == 0 {
        return Some(at);
    }
    buf.get_mut(at..at + 8)?.copy_from_slice(&(digit_values8(low) | splat(b'0')).to_le_bytes());
    Some(at + 8)
}

/// The one or two digits of `v` (below 100) in ASCII, first in the lowest
/// byte, and how many.
#[inline(always)]
fn digits2(v: u64) -> (u64, usize) {
    let (tens, ones) = (v / 10, v % 10);
    if tens == 0 {
        (ones | 0x30, 1)
    } else {
        (tens | 0x30 | (ones | 0x30) << 8, 2)
    }
}

/// Appends `v` (below 10^8) as eight digits when `full`, else without its
/// leading zeros (one digit at least).
#[inline(always)]
fn push_digits8(out: &mut Vec<u8>, v: u64, full: bool) {
    let d = digit_values8(v);
    // The first digit is the lowest byte: leading zeros are zero low bytes.
    let skip = if full { 0 } else { (d.trailing_zeros() / 8).min(7) };
    let ascii = (d | u64::from_ne_bytes([b'0'; 8])) >> (8 * skip);
    let len = out.len();
    out.extend_from_slice(&ascii.to_le_bytes());
    out.truncate(len + 8 - skip as usize);
}

/// The eight decimal digits of `v` (below 10^8) as byte values 0-9, the
/// first digit in the lowest byte: each half of four digits in a 32-bit
/// lane is split into pairs, each pair into digits, by multiplying by
/// fixed-point reciprocals (exact for these ranges).
#[inline(always)]
fn digit_values8(v: u64) -> u64 {
    // (In 32 bits: a cheaper division by a constant.)
    let v = v as u32;
    let merged = u64::from(v / 10_000) | (u64::from(v % 10_000) << 32);
    let hundreds = ((merged * 10_486) >> 20) & ((0x7F << 32) | 0x7F);
    let pairs = ((merged - 100 * hundreds) << 16) + hundreds;
    let tens = ((pairs * 103) >> 10) & ((0xF << 48) | (0xF << 32) | (0xF << 16) | 0xF);
    tens + ((pairs - 10 * tens) << 8)
}

/// Ten to the sixteenth: the numbers [`put_uint16`] writes are below it.
const E16: u64 = E8 * E8;

/// Appends the compact JSON of a span, `{"start":…,"end":…}`, built in a
/// fixed buffer and copied in one move; false (nothing written) for an
/// offset of seventeen digits or more.
fn write_span(out: &mut Vec<u8>, start: u64, end: u64) -> bool {
    let mut buf = [0u8; 64];
    buf[..9].copy_from_slice(b"{\"start\":");
    let Some(at) = put_uint16(&mut buf, 9, start) else { return false };
    buf[at..at + 7].copy_from_slice(b",\"end\":");
    let Some(at) = put_uint16(&mut buf, at + 7, end) else { return false };
    buf[at] = b'}';
    let len = out.len();
    out.extend_from_slice(&buf);
    out.truncate(len + at + 1);
    true
}

/// A serializer that only reads a span's two offsets back from its
/// `Serialize` impl (anything else, a span with UTF-16 offsets
/// among them, is refused): the writer's way to a span's numbers through
/// `Serialize`, all inlined away.
struct Offsets;

/// [`Offsets`] inside the span's struct: `start` and `end`.
struct OffsetFields {
    offsets: [u64; 2],
}

impl ser::SerializeStruct for OffsetFields {
    type Ok = [u64; 2];
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        let slot = match key {
            "start" => 0,
            "end" => 1,
            _ => return Err(refused()),
        };
        let [v, _] = value.serialize(Offsets)?;
        self.offsets[slot] = v;
        Ok(())
    }
    fn end(self) -> Result<[u64; 2], Error> {
        Ok(self.offsets)
    }
}

/// Why [`Offsets`] refuses a value (never shown: the writer then writes it as usual).
fn refused() -> Error {
    Error(String::new())
}

/// The [`ser::Serializer`] methods [`Offsets`] refuses.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*);)*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<[u64; 2], Error> {
            Err(refused())
        }
    )*};
}

impl ser::Serializer for Offsets {
    type Ok = [u64; 2];
    type Error = Error;
    type SerializeSeq = ser::Impossible<[u64; 2], Error>;
    type SerializeTuple = ser::Impossible<[u64; 2], Error>;
    type SerializeTupleStruct = ser::Impossible<[u64; 2], Error>;
    type SerializeTupleVariant = ser::Impossible<[u64; 2], Error>;
    type SerializeMap = ser::Impossible<[u64; 2], Error>;
    type SerializeStruct = OffsetFields;
    type SerializeStructVariant = ser::Impossible<[u64; 2], Error>;

    fn serialize_u64(self, v: u64) -> Result<[u64; 2], Error> {
        Ok([v, 0])
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<OffsetFields, Error> {
        if len == 2 {
            Ok(OffsetFields { offsets: [0; 2] })
        } else {
            Err(refused())
        }
    }
    refuse! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32); serialize_i64(i64);
        serialize_u8(u8); serialize_u16(u16); serialize_u32(u32); serialize_f32(f32); serialize_f64(f64);
        serialize_char(char); serialize_str(&str); serialize_bytes(&[u8]); serialize_none(); serialize_unit();
        serialize_unit_struct(&'static str); serialize_unit_variant(&'static str, u32, &'static str);
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<[u64; 2], Error> {
        Err(refused())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result<[u64; 2], Error> {
        Err(refused())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<[u64; 2], Error> {
        Err(refused())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(refused())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(refused())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Error> {
        Err(refused())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(refused())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(refused())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(refused())
    }
}

/// A few bytes in a fixed buffer: copied with fixed-size moves, not `memcpy`.
struct Fixed {
    buf: [u8; 32],
    len: usize,
}

/// Appends a [`Fixed`]: all 32 bytes (a fixed-size copy), then cut to length.
fn push_fixed(out: &mut Vec<u8>, f: &Fixed) {
    let len = out.len();
    out.extend_from_slice(&f.buf);
    out.truncate(len + f.len);
}

/// Appends a few bytes without a call to `memcpy` (escapes).
fn push_short(out: &mut Vec<u8>, b: &[u8]) {
    out.reserve(b.len());
    for &c in b {
        out.push(c);
    }
}

/// Eight copies of a byte.
const fn splat(b: u8) -> u64 {
    u64::from_ne_bytes([b; 8])
}

/// Non-zero when one of the eight bytes of `v` needs escaping (`"`, `\` or
/// a control byte below 0x20). May be non-zero for an innocent byte after a
/// guilty one (borrows), never zero for a guilty one.
#[inline(always)]
fn escape_bits(v: u64) -> u64 {
    let zero = |x: u64| x.wrapping_sub(splat(1)) & !x & splat(0x80);
    let control = v.wrapping_sub(splat(0x20)) & !v & splat(0x80);
    zero(v ^ splat(b'"')) | zero(v ^ splat(b'\\')) | control
}

/// True when no byte of `b` (eight bytes or more) needs escaping: sixteen
/// bytes at a time ([`escape_mask`]), the last eight by [`escape_bits`].
fn is_plain(b: &[u8]) -> bool {
    let mut bad = 0;
    let mut blocks = b.chunks_exact(16);
    for c in &mut blocks {
        bad |= escape_mask(c);
    }
    let rest = blocks.remainder();
    let mut bits = escape_bits(word(&b[b.len() - 8..]));
    if rest.len() > 8 {
        bits |= escape_bits(word(&rest[..8]));
    }
    bits == 0 && bad == 0
}

/// The eight bytes of `c` (eight long) as a word.
fn word(c: &[u8]) -> u64 {
    let mut v = [0u8; 8];
    v.copy_from_slice(c);
    u64::from_ne_bytes(v)
}

/// One bit per byte of `c` (sixteen long, the first byte lowest) that needs
/// escaping: a control byte, `"` or `\` (SSE2 on x86-64).
#[inline(always)]
fn escape_mask(c: &[u8]) -> u32 {
    use wide::i8x16;
    let mut a = [0i8; 16];
    for (x, &y) in a.iter_mut().zip(c) {
        *x = y as i8;
    }
    let v = i8x16::new(a);
    // Control bytes are 0..0x20 (non-ASCII bytes are negative as `i8`).
    let control = v.simd_gt(i8x16::splat(-1)) & i8x16::splat(0x20).simd_gt(v);
    (control | v.simd_eq(i8x16::splat(b'"' as i8)) | v.simd_eq(i8x16::splat(b'\\' as i8))).to_bitmask()
}

/// For every byte, 0 when it is written as is, else the escape letter
/// (`u` for `\u00XX`), as `serde_json` writes it.
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// Where the next byte to escape is in `b` from `i`, or `b.len()`.
fn next_escape(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 16) {
        let mask = escape_mask(chunk);
        if mask != 0 {
            return i + mask.trailing_zeros() as usize;
        }
        i += 16;
    }
    while let Some(&c) = b.get(i) {
        if ESCAPE[usize::from(c)] != 0 {
            return i;
        }
        i += 1;
    }
    i
}

/// Writes `s` quoted and escaped.
fn write_str(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    out.reserve(b.len() + 2);
    if b.len() >= 8 && is_plain(b) {
        // Nearly every string: one test, one copy.
        out.push(b'"');
        out.extend_from_slice(b);
        out.push(b'"');
        return;
    }
    if b.len() < 8 {
        // A short string (a kind, a marking, a unit): in one word, tested and
        // copied with its quotes in fixed-size moves.
        let mut w = [0u8; 8];
        w[..b.len()].copy_from_slice(b);
        let v = u64::from_le_bytes(w);
        let mine = (1u64 << (8 * b.len())) - 1;
        if escape_bits(v) & mine == 0 {
            let len = out.len();
            out.push(b'"');
            out.extend_from_slice(&w);
            out.truncate(len + 1 + b.len());
            out.push(b'"');
            return;
        }
    }
    write_escaped(out, b);
}

/// [`write_str`] for a string with a byte to escape: runs copied between
/// escapes. Out of line, so that the plain cases save few registers.
#[inline(never)]
fn write_escaped(out: &mut Vec<u8>, b: &[u8]) {
    out.push(b'"');
    let mut run = 0;
    loop {
        let i = next_escape(b, run);
        if b.len() - run < 16 {
            push_short(out, &b[run..i]);
        } else {
            out.extend_from_slice(&b[run..i]);
        }
        let Some(&c) = b.get(i) else {
            break;
        };
        match ESCAPE[usize::from(c)] {
            b'u' => {
                let hex = b"0123456789abcdef";
                push_short(out, &[b'\\', b'u', b'0', b'0', hex[usize::from(c >> 4)], hex[usize::from(c & 15)]]);
            }
            e => push_short(out, &[b'\\', e]),
        }
        run = i + 1;
    }
    out.push(b'"');
}

/// Writes a struct field's key and colon, after a comma unless it is the
/// first. Keys are the model's field names: plain snake_case, which needs no
/// escape (a test checks every key of the schema), so they are copied as they
/// are, with the comma, in one fixed-size move.
#[inline(always)]
fn write_key(out: &mut Vec<u8>, key: &str, comma: bool, pretty: bool) {
    let k = key.as_bytes();
    let c = usize::from(comma);
    if k.len() + 5 <= 32 {
        let mut f = Fixed { buf: [0; 32], len: c + k.len() + 3 + usize::from(pretty) };
        f.buf[0] = b',';
        f.buf[c] = b'"';
        f.buf[c + 1..=c + k.len()].copy_from_slice(k);
        f.buf[c + k.len() + 1] = b'"';
        f.buf[c + k.len() + 2] = b':';
        f.buf[c + k.len() + 3] = b' ';
        push_fixed(out, &f);
    } else {
        if comma {
            out.push(b',');
        }
        write_str(out, key);
        out.extend_from_slice(if pretty { b": " } else { b":" });
    }
}

/// Falls back to `serde_json` for floats, so they are written exactly as it writes them.
fn write_float(out: &mut Vec<u8>, v: f64) -> Result<(), Error> {
    serde_json::to_writer(out, &v).map_err(|e| Error(e.to_string()))
}

impl<'a, 'b, const P: bool> ser::Serializer for &'a mut Writer<'b, P> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a, 'b, P>;
    type SerializeTuple = Compound<'a, 'b, P>;
    type SerializeTupleStruct = Compound<'a, 'b, P>;
    type SerializeTupleVariant = Compound<'a, 'b, P>;
    type SerializeMap = Compound<'a, 'b, P>;
    type SerializeStruct = Compound<'a, 'b, P>;
    type SerializeStructVariant = Compound<'a, 'b, P>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.int(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.uint(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        serde_json::to_writer(&mut *self.out, &v).map_err(|e| Error(e.to_string()))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        write_float(self.out, v)
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_str(self.out, v.encode_utf8(&mut [0u8; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, name: &'static str, value: &T) -> Result<(), Error> {
        // A span, compact and without UTF-16 offsets (the CLI's JSON Lines): in one move.
        if !P && name == SPAN_NEWTYPE {
            if let Ok([start, end]) = value.serialize(Offsets) {
                if write_span(self.out, start, end) {
                    return Ok(());
                }
            }
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open(b'{');
        self.item(true);
        write_str(self.out, variant);
        self.colon();
        value.serialize(&mut *self)?;
        self.mark_value();
        self.close(b'}');
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a, 'b, P>, Error> {
        self.open(b'[');
        Ok(Compound { w: self, first: true, variant: false })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'b, P>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a, 'b, P>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b, P>, Error> {
        self.open(b'{');
        self.item(true);
        write_str(self.out, variant);
        self.colon();
        self.open(b'[');
        Ok(Compound { w: self, first: true, variant: true })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a, 'b, P>, Error> {
        self.open(b'{');
        Ok(Compound { w: self, first: true, variant: false })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'a, 'b, P>, Error> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a, 'b, P>, Error> {
        self.open(b'{');
        self.item(true);
        write_str(self.out, variant);
        self.colon();
        self.open(b'{');
        Ok(Compound { w: self, first: true, variant: true })
    }
}

/// An open array or object.
pub struct Compound<'a, 'b, const P: bool> {
    w: &'a mut Writer<'b, P>,
    first: bool,
    /// Inside `{"Variant": ...}`: one more brace to close.
    variant: bool,
}

impl<const P: bool> Compound<'_, '_, P> {
    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.w.item(self.first);
        self.first = false;
        value.serialize(&mut *self.w)?;
        self.w.mark_value();
        Ok(())
    }

    #[inline(always)]
    fn field<T: ?Sized + Serialize>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        // (Compact output: the comma goes with the key.)
        let comma = !self.first;
        if P {
            self.w.item(self.first);
        }
        self.first = false;
        write_key(self.w.out, key, comma && !P, P);
        value.serialize(&mut *self.w)?;
        self.w.mark_value();
        Ok(())
    }

    fn finish(self, close: u8) -> Result<(), Error> {
        self.w.close(close);
        if self.variant {
            self.w.mark_value();
            self.w.close(b'}');
        }
        Ok(())
    }
}

/// The sequence-like serializers: elements, then `]`.
macro_rules! elements {
    ($($trait:ident :: $method:ident),*) => {$(
        impl<const P: bool> ser::$trait for Compound<'_, '_, P> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }
            fn end(self) -> Result<(), Error> {
                self.finish(b']')
            }
        }
    )*};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<const P: bool> ser::SerializeMap for Compound<'_, '_, P> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.w.item(self.first);
        self.first = false;
        let text = key_json(key)?;
        self.w.out.extend_from_slice(&text);
        self.w.colon();
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.w)?;
        self.w.mark_value();
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        self.finish(b'}')
    }
}

/// The struct-like serializers: fields, then `}`.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl<const P: bool> ser::$trait for Compound<'_, '_, P> {
            type Ok = ();
            type Error = Error;
            #[inline(always)]
            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), Error> {
                self.finish(b'}')
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

/// A map key, quoted and escaped exactly as `serde_json` writes it (numbers
/// and booleans as quoted text; an error for keys it refuses): it writes a
/// map holding only that key, and the key is cut out. Maps are rare (the
/// model has none), so this costs nothing that matters.
fn key_json<K: ?Sized + Serialize>(key: &K) -> Result<Vec<u8>, Error> {
    struct One<'a, K: ?Sized>(&'a K);
    impl<K: ?Sized + Serialize> Serialize for One<'_, K> {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use ser::SerializeMap;
            let mut map = s.serialize_map(Some(1))?;
            map.serialize_entry(self.0, &())?;
            map.end()
        }
    }
    // `{"key":null}`
    let text = serde_json::to_vec(&One(key)).map_err(|e| Error(e.to_string()))?;
    Ok(text.get(1..text.len().saturating_sub(b":null}".len())).unwrap_or_default().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(v: &impl Serialize) {
        let mut a = Vec::new();
        to_vec(&mut a, v).unwrap();
        assert_eq!(String::from_utf8(a).unwrap(), serde_json::to_string(v).unwrap());
        let mut b = Vec::new();
        to_vec_pretty(&mut b, v).unwrap();
        assert_eq!(String::from_utf8(b).unwrap(), serde_json::to_string_pretty(v).unwrap());
    }

    #[test]
    fn strings_escape_as_serde_json_does() {
        let all: String = (0u8..0x80).map(char::from).collect();
        for s in ["", "plain", "a\"b\\c", "tab\there\nnew", "0123456789abcdef\"", "caf\u{e9} \u{2014} \u{7f}", &all] {
            both(&s);
            both(&s.repeat(3));
        }
        // One byte to escape at every place of every length up to 40 (the
        // plain-string test reads sixteen bytes at a time, then eight, then the
        // last eight; the escaping writer sixteen at a time, then one).
        for len in 1..=40 {
            for at in 0..len {
                for c in ['"', '\\', '\n', '\u{1}', '\u{1f}'] {
                    let mut t: Vec<char> =
                        "abcdefghij\u{e9}klmnopqrstuvwxyz0123456789ABCDE".chars().take(len).collect();
                    t[at] = c;
                    both(&t.into_iter().collect::<String>());
                }
            }
        }
    }

    /// The word-at-a-time digits against `to_string`: every number up to
    /// two million, and a spread of larger ones of every length.
    #[test]
    fn integers_are_written_as_to_string_writes_them() {
        let mut out = Vec::new();
        let mut check = |v: u64| {
            out.clear();
            write_uint(&mut out, v);
            assert_eq!(out, v.to_string().as_bytes(), "{v}");
        };
        (0..2_000_000).for_each(&mut check);
        let mut x = 1u64;
        for _ in 0..200_000 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            check(x >> (x % 64));
        }
        (0..64).for_each(|k| check(1 << k));
    }

    #[test]
    fn numbers_of_every_length_match_serde_json() {
        let mut v: Vec<u64> = vec![0, u64::MAX];
        let mut p = 1u64;
        while let Some(q) = p.checked_mul(10) {
            v.extend([p - 1, p, p + 1, q - 1]);
            p = q;
        }
        both(&v);
        both(&v.iter().map(|&x| -((x / 2) as i64)).collect::<Vec<_>>());
    }

    /// Spans, which the compact writer writes in one move when they have no
    /// UTF-16 offsets: offsets of every length (one or two digits past 10^8,
    /// seventeen digits and more refused to the usual path), and with UTF-16
    /// offsets.
    #[test]
    fn spans_match_serde_json() {
        use crate::model::Span;
        let mut offsets: Vec<u64> = vec![0, u64::MAX];
        let mut p = 1u64;
        while let Some(q) = p.checked_mul(10) {
            offsets.extend([p - 1, p, p + 1, 2 * p + 3, q - 1]);
            p = q;
        }
        for &a in &offsets {
            for &b in &offsets {
                both(&Span::new(a, b));
            }
        }
        both(&Span { start_utf16: Some(3), ..Span::new(5, 9) });
        both(&Span { end_utf16: Some(4), ..Span::new(5, 9) });
        both(&Span { start_utf16: Some(0), end_utf16: Some(u32::MAX), ..Span::new(5, 9) });
        both(&vec![Some(Span::new(1, 2)), None, Some(Span::new(100_000_000, 9_999_999_999))]);
    }

    #[test]
    fn shapes_match_serde_json() {
        use std::collections::BTreeMap;
        let empty: Vec<u32> = Vec::new();
        both(&empty);
        both(&vec![vec![1u32, 2], vec![]]);
        both(&(i64::MIN, i64::MAX, u64::MAX, 0u8, -1i32));
        both(&(0.1f64, 1e300f64, f64::NAN, -0.0f64, 3.0f32, 2.5f64));
        both(&(None::<u32>, Some("x"), true, false, 'c', ()));
        let mut m = BTreeMap::new();
        m.insert(1u32, vec!["a"]);
        m.insert(2u32, vec![]);
        both(&m);
        let mut keys = BTreeMap::new();
        keys.insert(true, "t");
        keys.insert(false, "f");
        both(&keys);
        let mut quoted = BTreeMap::new();
        quoted.insert("a\"b\n", 1);
        both(&quoted);
        let mut refused = BTreeMap::new();
        refused.insert(vec![1], 1);
        assert!(serde_json::to_string(&refused).is_err());
        assert!(to_vec(&mut Vec::new(), &refused).is_err());
        let empty_map: BTreeMap<String, u32> = BTreeMap::new();
        both(&empty_map);
        both(&vec![empty_map]);
    }
}
