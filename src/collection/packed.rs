//! Summaries packed for the trip from a parse worker to the collection
//! worker: one byte buffer per batch (transferred, not copied, between
//! workers; read by the collection in one call), instead of one JavaScript
//! object per summary and a string per text, each built field by field.
//!
//! A batch is a run of frames, each a summary and its search text:
//! `u32` length (little-endian) + the summary as JSON, `u32` length + the
//! text as UTF-8.

use crate::summary::Summary;

/// Appends one frame: `summary` and its search `text`.
pub fn push(out: &mut Vec<u8>, summary: &Summary, text: &str) {
    let at = out.len();
    out.extend_from_slice(&[0; 4]);
    // Writing to a Vec cannot fail, and a Summary is plain data.
    let _ = serde_json::to_writer(&mut *out, summary);
    let len = (out.len() - at - 4) as u32;
    out[at..at + 4].copy_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    out.extend_from_slice(text.as_bytes());
}

/// The frames of a batch, in order: a summary with its text, or why a frame
/// could not be read (a batch cut short ends the frames).
pub fn frames(bytes: &[u8]) -> Frames<'_> {
    Frames { bytes, at: 0 }
}

/// Iterator over the frames of a batch.
pub struct Frames<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Frames<'a> {
    /// The next length-prefixed field.
    fn field(&mut self) -> Option<&'a [u8]> {
        let len = self.bytes.get(self.at..self.at + 4)?;
        let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
        let field = self.bytes.get(self.at + 4..(self.at + 4).checked_add(len)?)?;
        self.at += 4 + len;
        Some(field)
    }
}

impl<'a> Iterator for Frames<'a> {
    type Item = Result<(Summary, &'a str), String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.bytes.len() {
            return None;
        }
        let (Some(json), Some(text)) = (self.field(), self.field()) else {
            self.at = self.bytes.len();
            return Some(Err("a packed batch of summaries cut short".to_string()));
        };
        let summary = serde_json::from_slice::<Summary>(json).map_err(|e| format!("not a cable summary: {e}"));
        let text = std::str::from_utf8(text).map_err(|_| "a search text that is not UTF-8".to_string());
        Some(summary.and_then(|s| text.map(|t| (s, t))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_and_damage_is_reported() {
        let a =
            crate::analyze(b"UNCLAS ALMATY 004123\n\nSUBJECT: HELLO\n\n1. (SBU) Hello world.\n", &Default::default());
        let s = Summary::of(&a[0]);
        let mut buf = Vec::new();
        push(&mut buf, &s, "hello world");
        push(&mut buf, &Summary::default(), "");
        let got: Vec<_> = frames(&buf).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_ref().unwrap(), &(s.clone(), "hello world"));
        assert_eq!(got[1].as_ref().unwrap(), &(Summary::default(), ""));
        // Cut short: the whole frames read, then one error, then the end.
        let cut: Vec<_> = frames(&buf[..buf.len() - 3]).collect();
        assert!(cut[0].is_ok() && cut[1].as_ref().unwrap_err().contains("cut short") && cut.len() == 2);
        // Not JSON of a summary.
        let mut bad = Vec::new();
        bad.extend_from_slice(&3u32.to_le_bytes());
        bad.extend_from_slice(b"{x}");
        bad.extend_from_slice(&0u32.to_le_bytes());
        assert!(frames(&bad).next().unwrap().unwrap_err().starts_with("not a cable summary"));
        assert!(frames(&[]).next().is_none());
    }
}
