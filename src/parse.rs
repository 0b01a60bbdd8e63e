//! Reading: sniffs the container (binary, CSV dump, viewer page, text),
//! splits it into cables, reads each one, then settles the fields that need
//! the whole cable (id and year, classification label, references, regions).

use crate::analyze::Hints;
use crate::lines::{split_lines, Line};
use crate::mapped::Mapped;
use crate::markings::{derive_label, level_of_label, Banner};
use crate::model::*;

/// One cable being read: its text, lines, and the analysis being filled.
pub struct Cable<'a> {
    /// Mapped text the cable lives in.
    pub t: &'a Mapped,
    /// `t` as a string.
    pub s: &'a str,
    /// The cable's lines.
    pub lines: &'a [Line],
    /// The analysis being filled.
    pub a: Analysis,
    /// Regions as text ranges.
    regions: Vec<(usize, usize, &'static str)>,
    /// Routing indicator of the `DE` line.
    pub de_routing: Option<String>,
    /// The REF list's text, read once the year is known.
    pub refs_text: Option<Mapped>,
    /// The subject's clean text (range within `subject_mapped`).
    pub subject_text: Option<(usize, usize)>,
    /// The subject, mapped.
    pub subject_mapped: Option<Mapped>,
    /// The banner, read apart.
    pub banner: Option<Banner>,
    /// Clean paragraph texts, parallel to `a.paragraphs`.
    pub para_texts: Vec<Mapped>,
    /// Heading texts, parallel to `a.headings`.
    heading_texts: Vec<Mapped>,
    /// Regions known only as source spans (a signer cut from a paragraph);
    /// they take precedence over the text regions they overlap.
    pub src_regions: Vec<Region>,
    /// The piece of `t` the last [`Cable::span_of`] found (spans are mostly
    /// asked for in text order).
    span_hint: usize,
    /// Read for a summary only ([`Hints::summary_only`]).
    pub summary_only: bool,
}

impl<'a> Cable<'a> {
    fn new(t: &'a Mapped, lines: &'a [Line], format: Format, source: Source) -> Self {
        let span = match (lines.first(), lines.last()) {
            (Some(f), Some(l)) => t.span(f.start, l.next),
            _ => t.span(0, 0),
        };
        Cable {
            t,
            s: t.as_str(),
            lines,
            a: empty_analysis(format, source, span),
            regions: Vec::new(),
            de_routing: None,
            refs_text: None,
            subject_text: None,
            subject_mapped: None,
            banner: None,
            para_texts: Vec::new(),
            heading_texts: Vec::new(),
            src_regions: Vec::new(),
            span_hint: 0,
            summary_only: false,
        }
    }

    /// `self.t.span(start, end)`, looked up from the piece the last call found.
    pub fn span_of(&mut self, start: usize, end: usize) -> Span {
        self.t.span_near(start, end, &mut self.span_hint)
    }

    /// Records that text range `start..end` is of `kind`.
    pub fn region(&mut self, start: usize, end: usize, kind: &'static str) {
        // Runs of blank or unrecognized lines become one region as they come,
        // so that a flood of such lines costs one entry, not one per line.
        let grow = matches!(kind, "blank" | "unrecognized");
        self.record_region(start, end, kind, grow);
    }

    /// [`Cable::region`] for the next line of the paragraph or heading the last
    /// region holds: it grows that region when the two adjoin.
    pub fn continue_region(&mut self, start: usize, end: usize, kind: &'static str) {
        self.record_region(start, end, kind, true);
    }

    /// Records `start..end` as `kind`: when `grow`, by growing the last region
    /// if it is of the same kind and ends where this starts.
    fn record_region(&mut self, start: usize, end: usize, kind: &'static str, grow: bool) {
        if end <= start {
            return;
        }
        if let Some(last) = self.regions.last_mut().filter(|last| grow && last.1 == start && last.2 == kind) {
            last.1 = end;
            return;
        }
        self.regions.push((start, end, kind));
    }

    /// Number of text regions recorded so far.
    pub fn regions_len(&self) -> usize {
        self.regions.len()
    }

    /// Sets aside the text regions recorded from the `from`-th on (the tail's,
    /// recorded from the end of the text), so that the body's are recorded
    /// after those before them; [`Cable::put_back_regions`] restores them.
    pub fn set_aside_regions(&mut self, from: usize) -> Vec<(usize, usize, &'static str)> {
        self.regions.split_off(from.min(self.regions.len()))
    }

    /// Appends regions set aside by [`Cable::set_aside_regions`], reversed into
    /// the order of the text: they lie after all the others, so the regions
    /// usually need no sorting, and the order of regions with equal ranges
    /// (which the stable sort keeps) does not change. (Set aside rather than
    /// rotated to the end: a rotation moved every body region, about 1% of
    /// the parse.)
    pub fn put_back_regions(&mut self, tail: Vec<(usize, usize, &'static str)>) {
        self.regions.extend(tail.into_iter().rev());
    }

    /// Adds a diagnostic.
    pub fn diag(&mut self, severity: Severity, code: &str, message: impl Into<String>, span: Option<Span>) {
        self.a.diagnostics.push(Diagnostic::new(severity, code, message, span));
    }

    /// Joins text ranges into one mapped text, one space between pieces.
    pub fn join(&self, pieces: &[(usize, usize)]) -> Mapped {
        let mut m = Mapped::with_capacity(pieces.iter().map(|p| p.1 - p.0 + 1).sum(), pieces.len() * 2 + 2);
        // The pieces ascend: look them up walking the text's pieces forward.
        let mut hint = 0;
        let mut cursor = self.t.cursor();
        for (k, &(s, e)) in pieces.iter().enumerate() {
            let piece = crate::lines::trim_end(&self.s[s..e]);
            if piece.is_empty() {
                continue;
            }
            let sep = k > 0 && !m.is_empty();
            match cursor.linear_src(s, s + piece.len()) {
                // A verbatim copy of the source (nearly every line).
                Some(src) => {
                    if sep {
                        m.push_synthetic(" ", src);
                    }
                    m.push_linear(piece, src);
                }
                None => m.push_joined_near(self.t, s..s + piece.len(), sep.then_some(" "), &mut hint),
            }
        }
        if m.is_empty() {
            // An empty value (`E.O.` alone) stands where it would start, not at offset 0.
            if let Some(&(s, _)) = pieces.first() {
                m = Mapped::identity("", self.t.src_start(s));
            }
        }
        m
    }

    /// Records the banner.
    pub fn set_banner(&mut self, b: &Banner, at: usize, line: &str) {
        self.a.classification.banner = Some(b.printed.clone());
        self.a.classification.banner_span = Some(self.t.span(at, at + b.printed_len.min(line.len())));
        self.a.section = b.section.map(|(n, of)| Section { n, of });
        for w in &b.trailing {
            if let Some(code) = crate::markings::caveat_code(w) {
                self.push_caveat(code, w, at + line.find(w.as_str()).unwrap_or(0));
            }
        }
        self.banner = Some(b.clone());
    }

    /// Records a caveat (once per code).
    pub fn push_caveat(&mut self, code: &str, text: &str, at: usize) {
        if self.a.classification.caveats.iter().any(|c| c.code == code) {
            return;
        }
        self.a.classification.caveats.push(Caveat {
            code: code.to_string(),
            text: text.to_string(),
            span: self.t.span(at, at + text.len()),
        });
    }

    /// Records the DTG.
    pub fn set_dtg(&mut self, start: usize, end: usize, prec: Option<&str>, v: Option<crate::dates::DtgValue>) {
        if self.a.dtg.is_some() {
            return;
        }
        self.a.precedence = prec.map(str::to_string);
        self.a.dtg = Some(Box::new(Dtg {
            raw: self.s[start..end].to_string(),
            datetime: v.map(|v| v.iso_datetime()),
            span: self.t.span(start, end),
        }));
        match v {
            Some(v) => self.a.date = Some(v.iso_date()),
            None => self.diag(
                Severity::Warning,
                "invalid-dtg",
                format!("date-time group \"{}\" is not a valid date", &self.s[start..end]),
                Some(self.t.span(start, end)),
            ),
        }
    }

    /// Records a heading whose decoration (dashes) widens its span.
    pub fn push_heading_span(&mut self, text: &str, style: &str, start: usize, end: usize, s0: usize, s1: usize) {
        self.push_heading(text, style, start, end);
        if let Some(h) = self.a.headings.last_mut() {
            h.span = self.t.span(s0.min(start), s1.max(end));
        }
    }

    /// Records a heading of several lines (`pieces`, each line's text), whose
    /// decoration spans `s0..s1`: its text is theirs joined by spaces. Returns it.
    pub fn push_heading_lines(&mut self, pieces: &[(usize, usize)], style: &str, s0: usize, s1: usize) -> String {
        let joined = self.join(pieces);
        let full = joined.as_str();
        let text = full.trim_start_matches(['.', ' ']).trim();
        let lead = text.as_ptr() as usize - full.as_ptr() as usize;
        let mut m = Mapped::new();
        m.push_slice(&joined, lead..lead + text.len());
        let (start, end) = (pieces.first().map_or(s0, |p| p.0), pieces.last().map_or(s1, |p| p.1));
        let span = self.t.span(s0.min(start), s1.max(end));
        self.record_heading(text, m, style, span);
        text.to_string()
    }

    /// Records a heading.
    pub fn push_heading(&mut self, text: &str, style: &str, start: usize, end: usize) {
        let line = &self.s[start..end];
        // The text usually starts the line: no substring searcher then.
        let lead = if line.starts_with(text) { 0 } else { line.find(text).unwrap_or(0) };
        let mut m = Mapped::new();
        m.push_slice(self.t, start + lead..(start + lead + text.len()).min(end));
        let span = self.span_of(start, end);
        self.record_heading(text, m, style, span);
    }

    /// Records heading `text` (mapped to the input by `mapped`, for its figures)
    /// of `style`, standing at `span`.
    fn record_heading(&mut self, text: &str, mapped: Mapped, style: &str, span: Span) {
        self.heading_texts.push(mapped);
        self.a.headings.push(Heading { text: text.to_string(), style: style.to_string(), span });
    }
}

fn empty_analysis(format: Format, source: Source, span: Span) -> Analysis {
    Analysis {
        schema_version: SCHEMA_VERSION,
        source,
        format,
        partial: false,
        span,
        reference_id: None,
        origin: None,
        origin_name: None,
        serial: None,
        date: None,
        dtg: None,
        precedence: None,
        classification: Classification::default(),
        section: None,
        addressees: Addressees::default(),
        executive_order: None,
        classified_by: None,
        tags: Vec::new(),
        subject: None,
        subject_marking: None,
        subject_span: None,
        references: Vec::new(),
        paragraphs: Vec::new(),
        headings: Vec::new(),
        blocks: Vec::new(),
        redactions: Vec::new(),
        signer: None,
        end_marker: None,
        metadata: None,
        figures: Vec::new(),
        regions: Vec::new(),
        diagnostics: Vec::new(),
    }
}

/// Reads the whole input: one analysis per cable, at least one.
pub fn analyze_input(input: &[u8], hints: &Hints) -> Vec<Analysis> {
    let base = hints.base_offset;
    let source = |index: usize, row: Option<u64>| Source { name: hints.file_name.clone(), row, index };
    if let Some(what) = sniff_binary(input) {
        let span = Span::new(base, base + input.len() as u64);
        let mut a = empty_analysis(Format::Text, source(0, None), span);
        a.regions.push(Region { kind: "unrecognized", span });
        a.diagnostics.push(Diagnostic::new(
            Severity::Error,
            "not-a-cable",
            format!("this does not look like a cable: {what}"),
            Some(span),
        ));
        return vec![a];
    }
    if crate::csv::looks_like_dump(input) {
        let mut out = Vec::new();
        for (k, row) in crate::csv::rows(input, base).enumerate() {
            let mut a = read_csv_row(&row, source(k, Some(row.number.unwrap_or(k as u64 + 1))), hints);
            a.source.index = k;
            out.push(a);
        }
        if let Some(last) = out.last_mut() {
            // Bytes after the last row (blank lines) belong to it.
            widen(last, Span::new(last.span.start, base + input.len() as u64), "metadata", hints);
            return out;
        }
    }
    let (text, encoding) = crate::decode::decode(input, base);
    let mut out = if let Some(page) = crate::viewer::read_page(&text) {
        vec![read_viewer(&text, &page, source(0, None), hints)]
    } else {
        read_text(&text, hints, Format::Text, None, &source)
    };
    // The analyses cover the whole input: bytes outside the decoded text (a
    // byte-order mark) belong to the first cable as container markup.
    let whole = Span::new(base, base + input.len() as u64);
    if let Some(first) = out.first_mut() {
        widen(first, Span::new(whole.start, first.span.end), "markup", hints);
    }
    if let Some(last) = out.last_mut() {
        widen(last, Span::new(last.span.start, whole.end), "markup", hints);
    }
    if encoding != crate::decode::Encoding::Utf8 {
        let name = match encoding {
            crate::decode::Encoding::Windows1252 => "Windows-1252",
            crate::decode::Encoding::Utf16Le => "UTF-16LE",
            _ => "UTF-16BE",
        };
        if let Some(first) = out.first_mut() {
            first.diagnostics.insert(
                0,
                Diagnostic::new(Severity::Info, "decoded", format!("input is not UTF-8: read as {name}"), None),
            );
        }
    }
    out
}

/// Names binary formats a person might drop by mistake.
fn sniff_binary(input: &[u8]) -> Option<String> {
    let magic: &[(&[u8], &str)] = &[
        (b"\x89PNG", "it is a PNG image"),
        (b"%PDF", "it is a PDF document (convert it to text first)"),
        (b"PK\x03\x04", "it is a ZIP archive"),
        (b"GIF8", "it is a GIF image"),
        (b"\xFF\xD8\xFF", "it is a JPEG image"),
        (b"\x1F\x8B", "it is a gzip archive"),
    ];
    for (m, what) in magic {
        if input.starts_with(m) {
            return Some(what.to_string());
        }
    }
    if input.starts_with(b"\xFF\xFE")
        || input.starts_with(b"\xFE\xFF")
        || crate::decode::utf16_without_bom(input).is_some()
    {
        return None;
    }
    let head = &input[..input.len().min(4096)];
    if memchr::memchr(0, head).is_some() {
        return Some("it holds binary data (NUL bytes)".to_string());
    }
    None
}

/// Reads decoded text that may hold several cables.
fn read_text(
    text: &Mapped,
    hints: &Hints,
    format: Format,
    metadata: Option<&Metadata>,
    source: &dyn Fn(usize, Option<u64>) -> Source,
) -> Vec<Analysis> {
    let lines = split_lines(text.as_str());
    let starts = crate::split::cable_starts(text.as_str(), &lines);
    let mut out = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(lines.len());
        let mut a = read_cable(text, &lines[s..e], format, source(k, None), metadata, hints);
        if lines.is_empty() {
            a.span = text.full_span();
        }
        out.push(a);
    }
    if out.is_empty() {
        out.push(read_cable(text, &[], format, source(0, None), metadata, hints));
    }
    out
}

fn read_viewer(text: &Mapped, page: &crate::viewer::Page, source: Source, hints: &Hints) -> Analysis {
    let lines = split_lines(page.body.as_str());
    let meta = if hints.ignore_metadata { None } else { Some(&page.metadata) };
    let mut a = read_cable(&page.body, &lines, Format::ViewerHtml, source, meta, hints);
    // The analysis covers the whole page; the markup around the text is its own region.
    a.span = text.full_span();
    if !hints.summary_only {
        let mut regions = std::mem::take(&mut a.regions);
        regions.push(Region { kind: "metadata", span: page.metadata.span });
        a.regions = tile(regions, a.span, "markup");
    }
    a.metadata = Some(Box::new(page.metadata.clone()));
    a
}

fn read_csv_row(row: &crate::csv::Row, source: Source, hints: &Hints) -> Analysis {
    let lines = split_lines(row.text.as_str());
    let meta = if hints.ignore_metadata { None } else { Some(&row.metadata) };
    let mut a = read_cable(&row.text, &lines, Format::CsvRow, source, meta, hints);
    a.span = row.span;
    if !hints.summary_only {
        let regions = std::mem::take(&mut a.regions);
        a.regions = tile(regions, a.span, "metadata");
    }
    a.metadata = Some(Box::new(row.metadata.clone()));
    a
}

/// Reads one cable from `lines` of `text`.
fn read_cable(
    text: &Mapped,
    lines: &[Line],
    format: Format,
    source: Source,
    metadata: Option<&Metadata>,
    hints: &Hints,
) -> Analysis {
    let mut c = Cable::new(text, lines, format, source);
    c.summary_only = hints.summary_only;
    c.regions.reserve(lines.len() + 8);
    let meta_end = crate::split::scrape_metadata(&mut c);
    let end = crate::header::read_header(&mut c, meta_end);
    crate::body::read_body(&mut c, end.line, end.offset);
    let (from, to) = match (lines.first(), lines.last()) {
        (Some(f), Some(l)) => (f.start, l.next),
        _ => (0, 0),
    };
    if !hints.summary_only {
        crate::body::find_redactions(&mut c, from, to);
    }
    let metadata = metadata.cloned().or_else(|| c.a.metadata.as_deref().cloned());
    settle(&mut c, metadata.as_ref(), hints);
    if hints.summary_only {
        // No regions (see `Hints::summary_only`): the text's are left untiled.
        return c.a;
    }
    // Tile the text first (unclaimed text is unrecognized), then the source
    // (bytes outside the text are the container's markup).
    let mut text_regions = std::mem::take(&mut c.regions);
    if !text_regions.is_sorted_by_key(|r| (r.0, r.1)) {
        text_regions.sort_by_key(|r| (r.0, r.1));
    }
    // Room for the unrecognized end, and in a container (a CSV row, a viewer
    // page) for the two gap regions its ends add (see `read_csv_row`): not
    // for every cable of a text, whose many small cables would carry it.
    let ends = if matches!(format, Format::CsvRow | Format::ViewerHtml) { 3 } else { 1 };
    let mut regions = Vec::with_capacity(text_regions.len() + ends);
    let mut at = from;
    // The ranges ascend: convert them walking the text's pieces forward.
    let mut spans = c.t.cursor();
    // Whether the spans so far are non-empty and each starts where the last
    // ends, so that tiling needs no pass of its own (see `tiled_span`).
    let mut gapless = true;
    let mut push = |regions: &mut Vec<Region>, kind: &'static str, span: Span| {
        gapless &= span.start < span.end && regions.last().is_none_or(|r: &Region| r.span.end == span.start);
        push_region(regions, kind, span);
    };
    for (s, e, k) in text_regions {
        let (s, e) = (s.max(at), e.min(to));
        if e <= s {
            continue;
        }
        if s > at {
            push(&mut regions, "unrecognized", spans.span(at, s));
        }
        push(&mut regions, k, spans.span(s, e));
        at = e;
    }
    if at < to {
        push(&mut regions, "unrecognized", c.t.span(at, to));
    }
    if !c.src_regions.is_empty() {
        regions = overlay(regions, &c.src_regions);
        gapless = false;
    }
    let gap = match format {
        Format::ViewerHtml => "markup",
        Format::CsvRow => "metadata",
        _ => "unrecognized",
    };
    let ends_fit = regions.first().is_some_and(|r| r.span.start == c.a.span.start)
        && regions.last().is_some_and(|r| r.span.end == c.a.span.end);
    if !(gapless && ends_fit) {
        regions = tile(regions, c.a.span, gap);
    }
    c.a.regions = regions;
    c.a
}

/// Settles the fields that need the whole cable.
fn settle(c: &mut Cable<'_>, metadata: Option<&Metadata>, hints: &Hints) {
    let banner = c.banner.clone();
    // Format.
    if c.a.format == Format::Text {
        let telegram = c.a.dtg.is_some() || !c.a.addressees.from.is_empty() || c.de_routing.is_some();
        c.a.format = if telegram {
            Format::Telegram
        } else if c.a.partial || banner.is_some() {
            Format::Extract
        } else {
            Format::Text
        };
    }
    // Paragraph numbering.
    let is_extract = c.a.format == Format::Extract || c.a.partial;
    crate::body::repair_numbers(c, is_extract);
    // Origin and serial.
    let meta_id = metadata.and_then(|m| m.reference_id.as_deref()).and_then(split_id);
    c.a.origin = banner.as_ref().and_then(|b| b.station.clone()).or_else(|| meta_id.as_ref().map(|m| m.1.clone()));
    c.a.serial = banner.as_ref().and_then(|b| b.serial).or_else(|| meta_id.as_ref().map(|m| m.2));
    c.a.origin_name = metadata.and_then(|m| m.origin.clone());
    // Date: DTG, else metadata.
    if c.a.date.is_none() {
        c.a.date = metadata.and_then(|m| m.created.as_deref()).and_then(metadata_date);
    }
    // Year: DTG or metadata date, else the text, else the file name.
    let mut year: Option<i32> = c.a.date.as_deref().and_then(|d| d.get(..4)?.parse().ok());
    if year.is_none() {
        year = meta_id.as_ref().map(|m| m.0);
    }
    if year.is_none() && (c.a.origin.is_some() || !c.a.paragraphs.is_empty()) {
        if let Some((y, span)) = year_from_text(c) {
            year = Some(y);
            c.diag(
                Severity::Info,
                "year-from-text",
                format!("year {y} inferred from a date the text states"),
                Some(span),
            );
        }
    }
    if year.is_none() {
        if let Some(y) =
            hints.file_name.as_deref().and_then(|f| year_from_filename(f, c.a.origin.as_deref(), c.a.serial))
        {
            year = Some(y);
            c.diag(Severity::Info, "year-from-filename", format!("year {y} taken from the file name"), None);
        }
    }
    if let (Some(y), Some(o), Some(s)) = (year, &c.a.origin, c.a.serial) {
        c.a.reference_id = Some(crate::refs::cable_id(y, o, s));
    } else if c.a.origin.is_some() && c.a.serial.is_some() {
        c.diag(
            Severity::Warning,
            "year-unknown",
            "reference id incomplete: nothing gives the year (no date-time group, metadata, dated text or file name)",
            c.a.classification.banner_span,
        );
    }
    if let Some(m) = metadata.and_then(|m| m.reference_id.clone()) {
        if c.a.reference_id.as_ref().is_some_and(|r| *r != m) {
            let msg =
                format!("the text gives {} but the metadata says {}", c.a.reference_id.as_deref().unwrap_or(""), m);
            c.diag(Severity::Warning, "reference-id-mismatch", msg, c.a.classification.banner_span);
        }
        c.a.reference_id = Some(m);
    }
    // Classification.
    let caveats: Vec<&str> = c.a.classification.caveats.iter().map(|x| x.code.as_str()).collect();
    let banner_level = banner.as_ref().map(|b| b.level);
    let meta_label = metadata.and_then(|m| m.classification.clone());
    let meta_level = meta_label.as_deref().and_then(level_of_label);
    let derived = banner_level.map(|l| derive_label(l, &caveats));
    if let (Some(m), Some(b)) = (meta_level, banner_level) {
        if m != b {
            c.diag(
                Severity::Warning,
                "classification-mismatch",
                format!("the banner says {} but the metadata says {}", b.name(), m.name()),
                c.a.classification.banner_span,
            );
        }
    }
    c.a.classification.level = meta_level.or(banner_level);
    c.a.classification.label = meta_label.or(derived);
    // References.
    if let Some(r) = c.refs_text.take() {
        for item in crate::refs::read_refs(r.as_str(), year) {
            let span = r.span(item.range.0, item.range.1);
            if item.needs_year {
                c.diag(Severity::Info, "reference-year-unknown", "referenced cable's year is unknown", Some(span));
            }
            c.a.references.push(Reference {
                label: item.label,
                text: r.as_str()[item.range.0..item.range.1].to_string(),
                id: item.id,
                span,
            });
        }
    }
    if !hints.summary_only {
        crate::body::find_blocks(c);
    }
    // Not a cable at all?
    // Text with hardly any Latin letters (0xFF bytes read as `ÿÿÿ`, binary
    // noise) is not a cable even when it forms a "paragraph".
    let unreadable = banner.is_none() && metadata.is_none() && {
        // This cable's own text (`c.s` is the whole input: scanning its head
        // for every cable was quadratic in the cables).
        let from = c.lines.first().map_or(0, |l| l.start);
        let to = c.lines.last().map_or(from, |l| l.next);
        let head = c.s.as_bytes().get(from..to.min(from + 65536)).unwrap_or_default();
        // (Branch-free, so that it vectorizes: `b | 0x20` is a lower-case
        // letter exactly for the ASCII letters.)
        let letters: usize = head.iter().map(|&b| usize::from((b | 0x20).wrapping_sub(b'a') < 26)).sum();
        !head.is_empty() && letters * 10 < head.len()
    };
    let nothing =
        banner.is_none() && metadata.is_none() && (unreadable || (c.a.paragraphs.is_empty() && c.a.subject.is_none()));
    if nothing {
        let why = if c.lines.iter().all(|l| c.s[l.start..l.end].trim().is_empty()) {
            "the input is empty"
        } else if unreadable {
            "it holds no readable English text"
        } else {
            "no banner, no subject, no paragraphs"
        };
        c.diag(Severity::Error, "not-a-cable", format!("this does not look like a cable: {why}"), Some(c.a.span));
    } else if banner.is_none() && metadata.is_none() && c.a.format == Format::Text {
        c.diag(Severity::Info, "no-banner", "no classification banner: read as bare text", None);
    }
    // Figures.
    let ctx = crate::figures::DateContext { date: c.a.date.as_deref().and_then(iso_ymd), year };
    let mut figures = if hints.skip_figures {
        Vec::new()
    } else {
        let mut prose: Vec<crate::figures::Prose<'_>> =
            Vec::with_capacity(1 + c.heading_texts.len() + c.para_texts.len());
        let subject = c.subject_mapped.clone();
        let subject_clean = subject.as_ref().zip(c.subject_text).map(|(m, (s, e))| {
            let mut x = Mapped::new();
            x.push_slice(m, s..e);
            x
        });
        if let Some(s) = &subject_clean {
            prose.push(crate::figures::Prose { text: s, paragraph: None, kind: crate::figures::ProseKind::Subject });
        }
        for h in &c.heading_texts {
            prose.push(crate::figures::Prose { text: h, paragraph: None, kind: crate::figures::ProseKind::Heading });
        }
        for (p, m) in c.a.paragraphs.iter().zip(&c.para_texts) {
            prose.push(crate::figures::Prose {
                text: m,
                paragraph: p.number,
                kind: crate::figures::ProseKind::Paragraph,
            });
        }
        if hints.summary_only {
            crate::figures::extract_bare(&prose, &ctx)
        } else {
            crate::figures::extract(&prose, &ctx)
        }
    };
    figures.sort_by_key(|f| f.span.start);
    c.a.figures = figures;
    for (p, m) in c.a.paragraphs.iter_mut().zip(std::mem::take(&mut c.para_texts)) {
        p.text = m.into_string();
    }
}

/// `05ALMATY4123` → (2005, `ALMATY`, 4123).
pub fn split_id(id: &str) -> Option<(i32, String, u64)> {
    let b = id.as_bytes();
    if b.len() < 4 || !b[0].is_ascii_digit() || !b[1].is_ascii_digit() {
        return None;
    }
    let digits_at = id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits_at <= 2 {
        return None;
    }
    let station = &id[2..digits_at];
    if station.is_empty() || !station.bytes().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let serial = crate::lines::parse_u64(&id[digits_at..])?;
    Some((crate::dates::full_year(id[..2].parse().ok()?), station.to_string(), serial))
}

/// A file name in the id's form gives the year, when its station and serial
/// agree with the text's (or the text gives none).
fn year_from_filename(name: &str, origin: Option<&str>, serial: Option<u64>) -> Option<i32> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.split('.').next().unwrap_or(base);
    let (y, st, se) = split_id(stem)?;
    let agrees = origin.is_none_or(|o| o == st) && serial.is_none_or(|s| s == se);
    agrees.then_some(y)
}

/// The year dates in the text state: the subject's latest (a bare year
/// counts there: `2005 COUNTRY REPORT`), else the body's most frequent (the
/// latest among equals). Years after the declassification date, or before a
/// year the references print, are not the cable's.
fn year_from_text(c: &Cable<'_>) -> Option<(i32, Span)> {
    let upper =
        c.a.executive_order
            .as_ref()
            .and_then(|e| e.declassify.as_deref()?.rsplit('/').next()?.parse::<i32>().ok())
            .filter(|y| *y > 1900);
    let lower = c
        .refs_text
        .as_ref()
        .and_then(|r| crate::refs::find_cable_ids(r.as_str()).iter().filter_map(|id| id.year).max());
    let fits = |y: &i32| upper.is_none_or(|u| *y <= u) && lower.is_none_or(|l| *y >= l);
    let mut years = Vec::new();
    if let Some(s) = &c.subject_mapped {
        crate::dates::stated_years(s.as_str(), &mut years);
        for w in s.as_str().split(|ch: char| !ch.is_ascii_digit()) {
            if let Some(y) = crate::lines::parse_u32(w).filter(|y| w.len() == 4 && (1966..=2010).contains(y)) {
                years.push(y as i32);
            }
        }
        if let Some(&y) = years.iter().filter(|y| fits(y)).max() {
            return Some((y, s.full_span()));
        }
        years.clear();
    }
    let mut first_span: Vec<(i32, Span)> = Vec::new();
    for m in &c.para_texts {
        let before = years.len();
        crate::dates::stated_years(m.as_str(), &mut years);
        for &y in &years[before..] {
            if !first_span.iter().any(|(fy, _)| *fy == y) {
                first_span.push((y, m.full_span()));
            }
        }
    }
    let count = |y: i32| years.iter().filter(|&&x| x == y).count();
    first_span.into_iter().filter(|(y, _)| fits(y)).max_by_key(|&(y, _)| (count(y), y))
}

/// A metadata date (`2007-07-20 12:12`, `12/28/1966 18:48`,
/// `Wed Dec 04 00:00:00 +0100 2002`) as ISO.
pub fn metadata_date(s: &str) -> Option<String> {
    let s = s.trim();
    let first = s.split_whitespace().next()?;
    if first.len() == 10 && first.as_bytes()[4] == b'-' {
        iso_ymd(first)?;
        return Some(first.to_string());
    }
    if first.contains('/') {
        let mut it = first.split('/');
        let m: u32 = it.next()?.parse().ok()?;
        let d: u32 = it.next()?.parse().ok()?;
        let y: i32 = it.next()?.parse().ok()?;
        return valid_ymd(y, m, d);
    }
    let w: Vec<&str> = s.split_whitespace().collect();
    if w.len() >= 6 {
        let m = crate::dates::month_number(w[1])?;
        let d: u32 = w[2].parse().ok()?;
        let y: i32 = w[5].parse().ok()?;
        return valid_ymd(y, m, d);
    }
    None
}

fn valid_ymd(y: i32, m: u32, d: u32) -> Option<String> {
    ((1..=12).contains(&m) && (1..=crate::dates::days_in_month(y, m)).contains(&d))
        .then(|| crate::dates::iso_date(y, m, d))
}

fn iso_ymd(s: &str) -> Option<(i32, u32, u32)> {
    let y = s.get(0..4)?.parse().ok()?;
    let m = s.get(5..7)?.parse().ok()?;
    let d = s.get(8..10)?.parse().ok()?;
    Some((y, m, d))
}

/// Widens an analysis to `span` (container bytes around its text), filling
/// the new bytes with `gap` regions (none read with `summary_only`); nothing is
/// redone when it already fits.
fn widen(a: &mut Analysis, span: Span, gap: &'static str, hints: &Hints) {
    if a.span == span {
        return;
    }
    a.span = span;
    if hints.summary_only {
        return;
    }
    let regions = std::mem::take(&mut a.regions);
    a.regions = tile(regions, span, gap);
}

/// Orders regions and fills every gap in `span` with `gap` regions, so that
/// they tile it exactly.
pub fn tile(mut regions: Vec<Region>, span: Span, gap: &'static str) -> Vec<Region> {
    if let Some(inner) = tiled_span(&regions).filter(|t| span.start <= t.start && t.end <= span.end) {
        // Already tiling a part of `span` (a CSV row's text in the row): only
        // the ends get a gap region, merged into a neighbour as the loop
        // below would. Nothing else to drop, order, fill or merge.
        regions.reserve(2);
        if inner.start > span.start {
            match regions.first_mut() {
                Some(f) if same_kind(f.kind, gap) && mergeable(gap) => f.span.start = span.start,
                _ => regions.insert(0, Region { kind: gap, span: Span::new(span.start, inner.start) }),
            }
        }
        if inner.end < span.end {
            push_region(&mut regions, gap, Span::new(inner.end, span.end));
        }
        return regions;
    }
    tile_by_loop(regions, span, gap)
}

/// [`tile`] in the general case: drops empty regions, orders the rest, and
/// walks them, filling the gaps.
fn tile_by_loop(mut regions: Vec<Region>, span: Span, gap: &'static str) -> Vec<Region> {
    regions.retain(|r| !r.span.is_empty());
    if !regions.is_sorted_by_key(|r| (r.span.start, r.span.end)) {
        regions.sort_by_key(|r| (r.span.start, r.span.end));
    }
    let mut out: Vec<Region> = Vec::with_capacity(regions.len() + 1);
    let mut at = span.start;
    for r in regions {
        let s = r.span.start.max(at);
        let e = r.span.end.min(span.end);
        if e <= s {
            continue;
        }
        if s > at {
            push_region(&mut out, gap, Span::new(at, s));
        }
        push_region(&mut out, r.kind, Span::new(s, e));
        at = e;
    }
    if at < span.end {
        push_region(&mut out, gap, Span::new(at, span.end));
    }
    // Sized to need, with room for the two gap regions a widening adds (see
    // `widen`: a CSV row's text is tiled, then the row around it).
    out.shrink_to(out.len() + 2);
    out
}

/// The span `regions` tile when they already do: none empty, each starting
/// where the previous ends, and no two neighbours that [`push_region`]
/// would merge.
fn tiled_span(regions: &[Region]) -> Option<Span> {
    let (first, last) = (regions.first()?, regions.last()?);
    let mut prev: Option<&Region> = None;
    for r in regions {
        if r.span.start >= r.span.end {
            return None;
        }
        if let Some(p) = prev {
            if p.span.end != r.span.start || (same_kind(p.kind, r.kind) && mergeable(r.kind)) {
                return None;
            }
        }
        prev = Some(r);
    }
    Some(Span::new(first.span.start, last.span.end))
}

/// Region kinds are literals: equal pointers mean equal kinds, without a memcmp.
#[inline(always)]
fn same_kind(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// Kinds whose neighbouring regions merge into one.
#[inline(always)]
fn mergeable(kind: &str) -> bool {
    matches!(kind, "blank" | "markup" | "unrecognized" | "metadata")
}

/// Lays `top` over ordered, non-overlapping `regions`, splitting those it cuts.
fn overlay(regions: Vec<Region>, top: &[Region]) -> Vec<Region> {
    let mut out = Vec::with_capacity(regions.len() + top.len() * 2);
    for r in regions {
        // Nearly every region lies clear of the few on top: kept whole, as below.
        if top.iter().all(|t| t.span.end <= r.span.start || t.span.start >= r.span.end) {
            out.push(r);
            continue;
        }
        let mut pieces = vec![r];
        for t in top {
            pieces = pieces
                .into_iter()
                .flat_map(|p| {
                    if t.span.end <= p.span.start || t.span.start >= p.span.end {
                        return vec![p];
                    }
                    let mut v = Vec::new();
                    if p.span.start < t.span.start {
                        v.push(Region { kind: p.kind, span: Span::new(p.span.start, t.span.start) });
                    }
                    if p.span.end > t.span.end {
                        v.push(Region { kind: p.kind, span: Span::new(t.span.end, p.span.end) });
                    }
                    v
                })
                .collect();
        }
        out.extend(pieces);
    }
    out.extend(top.iter().copied());
    out.sort_by_key(|r| r.span.start);
    out
}

#[inline(always)]
fn push_region(out: &mut Vec<Region>, kind: &'static str, span: Span) {
    if let Some(last) = out.last_mut() {
        // (This runs on every region, twice.)
        if last.span.end == span.start && same_kind(last.kind, kind) && mergeable(kind) {
            last.span.end = span.end;
            return;
        }
    }
    out.push(Region { kind, span });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `tile`'s shortcut for regions that already tile a part of the span
    /// gives what the general loop gives, on every small arrangement.
    #[test]
    fn tile_shortcut_matches_loop() {
        let kinds = ["paragraph", "blank", "metadata", "markup"];
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let mut shortcuts = 0;
        for _ in 0..20_000 {
            let mut regions = Vec::new();
            let mut at = next(4);
            for _ in 0..next(5) {
                // Mostly contiguous, sometimes a gap, an overlap or an empty region.
                let start = match next(8) {
                    0 => at + 1,
                    1 => at.saturating_sub(1),
                    _ => at,
                };
                let end = start + next(4);
                let kind = kinds[next(4) as usize];
                regions.push(Region { kind, span: Span::new(start, end) });
                at = end;
            }
            let span = Span::new(next(3), at + next(3));
            let gap = kinds[2 + next(2) as usize];
            shortcuts += usize::from(tiled_span(&regions).is_some_and(|t| span.start <= t.start && t.end <= span.end));
            assert_eq!(
                tile(regions.clone(), span, gap),
                tile_by_loop(regions.clone(), span, gap),
                "{regions:?} in {span:?}"
            );
        }
        assert!(shortcuts > 1000, "{shortcuts}");
    }
}
