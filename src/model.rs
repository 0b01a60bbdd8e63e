//! The analysis of one cable: the public data contract.
//!
//! Its JSON form (snake_case) is what the CLI prints, what the browser binding
//! returns and what the widget's events carry; `schema/analysis.schema.json`
//! documents it and `SCHEMA_VERSION` versions it. Every element carries a
//! [`Span`] of half-open byte offsets into the exact input bytes.

use serde::Serialize;

/// Version of the JSON contract. Bump it, with a CHANGELOG entry, on any change.
pub const SCHEMA_VERSION: u32 = 2;

/// Half-open byte range `[start, end)` into the exact input bytes.
// (Serialized by hand, as a newtype around its fields: see `SPAN_NEWTYPE`.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(deny_unknown_fields))]
pub struct Span {
    /// First byte.
    pub start: u64,
    /// One past the last byte.
    pub end: u64,
    // The UTF-16 offsets take 32 bits, as wasm32 memory holds no longer
    // text: a span is then 32 bytes, not 48, and every element has one.
    /// `start` as a UTF-16 offset into the decoded `source_text` (browser binding only).
    #[cfg_attr(feature = "schema", serde(skip_serializing_if = "Option::is_none"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u64>"))]
    pub start_utf16: Option<u32>,
    /// `end` as a UTF-16 offset into the decoded `source_text` (browser binding only).
    #[cfg_attr(feature = "schema", serde(skip_serializing_if = "Option::is_none"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<u64>"))]
    pub end_utf16: Option<u32>,
}

/// The name under which a [`Span`] hands its fields to a serializer, as a
/// newtype struct: serializers write a newtype as what it holds (the JSON is
/// the same), and the CLI's JSON writer, for which spans are the most
/// frequent object, recognizes the name and writes a span without UTF-16
/// offsets in one move.
pub const SPAN_NEWTYPE: &str = "cablescope::Span";

impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(SPAN_NEWTYPE, &SpanFields(*self))
    }
}

/// A [`Span`]'s fields as serializers see them (inside [`SPAN_NEWTYPE`]).
struct SpanFields(Span);

impl Serialize for SpanFields {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let s = &self.0;
        let len = 2 + usize::from(s.start_utf16.is_some()) + usize::from(s.end_utf16.is_some());
        let mut fields = serializer.serialize_struct("Span", len)?;
        fields.serialize_field("start", &s.start)?;
        fields.serialize_field("end", &s.end)?;
        if let Some(v) = s.start_utf16 {
            fields.serialize_field("start_utf16", &v)?;
        }
        if let Some(v) = s.end_utf16 {
            fields.serialize_field("end_utf16", &v)?;
        }
        fields.end()
    }
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: u64, end: u64) -> Self {
        Self { start, end, start_utf16: None, end_utf16: None }
    }

    /// Length in bytes.
    pub const fn len(&self) -> u64 {
        self.end - self.start
    }

    /// True for an empty span.
    pub const fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Which form the cable arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Web extract as in the seeds (markdown TAGS, partial-extract notice).
    Extract,
    /// Raw telegram with a transmission header (`VZCZC`, `DE`, `FM`, `TO`).
    Telegram,
    /// A WikiLeaks cable-viewer HTML page.
    ViewerHtml,
    /// One row of the `cables.csv` dump.
    CsvRow,
    /// Anything else: bare text without a recognized header.
    Text,
}

/// Where an analysis came from (set by the caller: CLI, page, batch).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// File name as given, if any.
    pub name: Option<String>,
    /// 1-based row number within a CSV dump.
    pub row: Option<u64>,
    /// Index of this cable among several in one input (0-based).
    pub index: usize,
}

/// The analysis of one cable.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Analysis {
    /// Version of this JSON contract.
    pub schema_version: u32,
    /// Where the input came from.
    pub source: Source,
    /// The form the cable arrived in.
    pub format: Format,
    /// True for a "partial extract" record.
    pub partial: bool,
    /// The part of the input this cable occupies.
    pub span: Span,
    /// Canonical id: two-digit year, station, serial without zeros (`05ALMATY4123`).
    pub reference_id: Option<String>,
    /// Originating station as written in ids (`ALMATY`, `USEUBRUSSELS`).
    pub origin: Option<String>,
    /// Station name from metadata (`Embassy Almaty`).
    pub origin_name: Option<String>,
    /// Serial number of the cable at its station.
    pub serial: Option<u64>,
    /// Date of the cable (ISO `YYYY-MM-DD`), from the DTG or metadata only.
    pub date: Option<String>,
    /// Date-time group of the transmission.
    pub dtg: Option<Box<Dtg>>,
    /// Transmission precedence as a word (`IMMEDIATE`, `PRIORITY`, `ROUTINE`).
    pub precedence: Option<String>,
    /// Classification level, banner, caveats and archive label.
    pub classification: Classification,
    /// `SECTION n OF m` of a multi-section cable.
    pub section: Option<Section>,
    /// From, to, info and pass-to addressees.
    pub addressees: Addressees,
    /// The `E.O.` line.
    pub executive_order: Option<Box<ExecutiveOrder>>,
    /// The `Classified By` line.
    pub classified_by: Option<Box<ClassifiedBy>>,
    /// TAGS, in order.
    pub tags: Vec<Tag>,
    /// Subject line, joined if wrapped, without its portion mark.
    pub subject: Option<String>,
    /// Portion mark before the subject (`C`, `C/NF`, `U`).
    pub subject_marking: Option<String>,
    /// Where the subject line stands.
    pub subject_span: Option<Span>,
    /// Referenced cables and other documents.
    pub references: Vec<Reference>,
    /// Paragraphs of the body.
    pub paragraphs: Vec<Paragraph>,
    /// Section headings inside the body.
    pub headings: Vec<Heading>,
    /// Summary, comment and note blocks.
    pub blocks: Vec<Block>,
    /// Redacted runs (`XXXXXXXXXXXX`).
    pub redactions: Vec<Redaction>,
    /// The signer's name at the end.
    pub signer: Option<Box<Signer>>,
    /// `NNNN` or similar end-of-message marker.
    pub end_marker: Option<Box<Marker>>,
    /// Metadata given outside the cable text (viewer table, CSV columns).
    pub metadata: Option<Box<Metadata>>,
    /// Figures stated in the prose.
    pub figures: Vec<Figure>,
    /// Ordered regions tiling `span`: every input byte belongs to one.
    pub regions: Vec<Region>,
    /// Repairs made and doubts raised while reading.
    pub diagnostics: Vec<Diagnostic>,
}

/// A date-time group such as `241555Z JUL 09`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Dtg {
    /// As printed.
    pub raw: String,
    /// ISO 8601 UTC date-time (`2009-07-24T15:55:00Z`), when valid.
    pub datetime: Option<String>,
    /// Where it stands.
    pub span: Span,
}

/// Classification level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Level {
    /// Unclassified (`UNCLAS`).
    #[serde(rename = "UNCLASSIFIED")]
    Unclassified,
    /// Confidential.
    #[serde(rename = "CONFIDENTIAL")]
    Confidential,
    /// Secret.
    #[serde(rename = "SECRET")]
    Secret,
    /// Top secret.
    #[serde(rename = "TOP SECRET")]
    TopSecret,
}

impl Level {
    /// The level's name as archives print it.
    pub const fn name(self) -> &'static str {
        match self {
            Level::Unclassified => "UNCLASSIFIED",
            Level::Confidential => "CONFIDENTIAL",
            Level::Secret => "SECRET",
            Level::TopSecret => "TOP SECRET",
        }
    }
}

/// Classification and handling markings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Classification {
    /// Level, from metadata when present, else from the banner.
    pub level: Option<Level>,
    /// The banner line's classification as printed (`UNCLAS`, `C O N F I D E N T I A L`).
    pub banner: Option<String>,
    /// Where the banner stands.
    pub banner_span: Option<Span>,
    /// Handling caveats found on their own lines.
    pub caveats: Vec<Caveat>,
    /// Label as the archives print it (`SECRET//NOFORN`).
    pub label: Option<String>,
}

/// A handling caveat line (`SIPDIS`, `NOFORN`, `SENSITIVE`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Caveat {
    /// Normalized code (`SIPDIS`, `NOFORN`, `SENSITIVE`, `EXDIS`, `NODIS`, ...).
    pub code: String,
    /// As printed.
    pub text: String,
    /// Where it stands.
    pub span: Span,
}

/// `SECTION n OF m`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// This section.
    pub n: u32,
    /// Number of sections.
    pub of: u32,
}

/// All addressees by role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Addressees {
    /// `FM` line.
    pub from: Vec<Addressee>,
    /// `TO` lines, and extract-style action lines (`DEPARTMENT FOR ...`).
    pub to: Vec<Addressee>,
    /// `INFO` lines.
    pub info: Vec<Addressee>,
    /// `PASS TO` lines.
    pub pass_to: Vec<Addressee>,
}

/// One addressee.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Addressee {
    /// As printed (without the role word).
    pub text: String,
    /// Routing indicator (`RUEHC`).
    pub routing: Option<String>,
    /// Station as addressed (`SECSTATE WASHDC`, `AMEMBASSY PARIS`, `DEPARTMENT`).
    pub station: Option<String>,
    /// Station name looked up from the routing indicator.
    pub station_name: Option<String>,
    /// Precedence word (`IMMEDIATE`).
    pub precedence: Option<String>,
    /// Office within the station (`EUR/CACEN`).
    pub office: Option<String>,
    /// Person named in parentheses (`JMUDGE`).
    pub person: Option<String>,
    /// Where it stands.
    pub span: Span,
}

/// The `E.O.` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExecutiveOrder {
    /// Order number (`12958`).
    pub order: Option<String>,
    /// Declassification instruction (`06/19/2017`, `N/A`, `GDS`).
    pub declassify: Option<String>,
    /// As printed.
    pub raw: String,
    /// Where it stands.
    pub span: Span,
}

/// The `Classified By` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClassifiedBy {
    /// Who classified it.
    pub name: Option<String>,
    /// Their title.
    pub title: Option<String>,
    /// Reasons, normalized (`1.4(b)`).
    pub reasons: Vec<String>,
    /// As printed (lines joined).
    pub raw: String,
    /// Where it stands.
    pub span: Span,
}

/// A TAGS entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Tag {
    /// The code (`PGOV`), or the whole free text (`CLINTON HILLARY`).
    pub code: String,
    /// `subject`, `program`, `organization`, `geo-country`, `geo-region`, `free-text` or `unknown`.
    pub kind: String,
    /// Name from the TAGS handbook.
    pub name: Option<String>,
    /// Where it stands.
    pub span: Span,
}

/// A reference (`REF: A. TBILISI 1605`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// Letter or number label (`A`), if any.
    pub label: Option<String>,
    /// As printed.
    pub text: String,
    /// Canonical id of the referenced cable, when it is one and its year is known.
    pub id: Option<String>,
    /// Where it stands.
    pub span: Span,
}

/// A paragraph of the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// True paragraph number; null when unnumbered.
    pub number: Option<u32>,
    /// Digits as printed (`110`).
    pub printed: Option<String>,
    /// Portion mark (`SBU`, `C`, `S/NF`).
    pub marking: Option<String>,
    /// Nearest preceding heading.
    pub heading: Option<String>,
    /// Clean prose: lines joined, stray SIPDIS and page breaks removed.
    pub text: String,
    /// Where the paragraph stands (label included).
    pub span: Span,
    /// Where its prose starts and ends (label and marking excluded).
    pub text_span: Span,
}

/// A section heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Heading {
    /// Heading text without decoration.
    pub text: String,
    /// `dashed`, `slashed` or `plain`.
    pub style: String,
    /// Where it stands (decoration included).
    pub span: Span,
}

/// A summary, comment or note block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// `summary`, `comment` or `note`.
    pub kind: String,
    /// True when an end marker closes it.
    pub closed: bool,
    /// Paragraph numbers it covers.
    pub paragraphs: Vec<u32>,
    /// Where it stands.
    pub span: Span,
}

/// A redacted run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Redaction {
    /// Where it stands.
    pub span: Span,
}

/// The signer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Name as printed.
    pub name: String,
    /// Where it stands.
    pub span: Span,
}

/// A marker line such as `NNNN`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Marker {
    /// As printed.
    pub text: String,
    /// Where it stands.
    pub span: Span,
}

/// Metadata given beside the text (viewer table, CSV columns, scrape lines).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// Reference id as given.
    pub reference_id: Option<String>,
    /// Creation date-time as given.
    pub created: Option<String>,
    /// Release date-time as given.
    pub released: Option<String>,
    /// Classification as given (`SECRET//NOFORN`).
    pub classification: Option<String>,
    /// Origin as given (`Embassy Paris`).
    pub origin: Option<String>,
    /// Subject as given.
    pub subject: Option<String>,
    /// References as given (CSV `|` column), canonical ids.
    pub references: Vec<String>,
    /// Where the metadata stands.
    pub span: Span,
}

/// A figure stated in the prose.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// `percent`, `count`, `money`, `date`, `period`, `duration`, `rate` or `number`.
    pub kind: FigureKind,
    /// A number, or an ISO date for dates.
    pub value: Option<FigureValue>,
    /// Low end of a range or bound.
    pub low: Option<f64>,
    /// High end of a range or bound.
    pub high: Option<f64>,
    /// Counted noun, ISO currency, or time unit.
    pub unit: Option<String>,
    /// Exactness.
    pub qualifier: Qualifier,
    /// For dates and periods: `day`, `month` or `year`.
    pub grain: Option<String>,
    /// Surface form.
    pub text: String,
    /// Where it stands.
    pub span: Span,
    /// Paragraph number it occurs in (null in the subject or an unnumbered paragraph).
    pub paragraph: Option<u32>,
    /// Span of the sentence holding it.
    pub sentence: Span,
    /// What it measures, taken from the sentence.
    pub measure: Option<String>,
}

/// Kind of figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FigureKind {
    /// A percentage (70 for 70%).
    Percent,
    /// A count of things.
    Count,
    /// An amount of money.
    Money,
    /// A calendar date.
    Date,
    /// A calendar period (month, year, season).
    Period,
    /// A length of time.
    Duration,
    /// A frequency.
    Rate,
    /// Any other number.
    Number,
}

/// A figure's value: a number, or text (an ISO date).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum FigureValue {
    /// A number.
    Number(f64),
    /// An ISO date or partial date (`2005-11`).
    Text(String),
}

/// How exact a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// As stated.
    Exact,
    /// About, roughly, around.
    Approximately,
    /// At least, a minimum of.
    AtLeast,
    /// More than, exceeding, better than.
    MoreThan,
    /// Up to, no more than.
    AtMost,
    /// Less than, under.
    LessThan,
    /// No number stated (`a fraction of a percent`).
    Vague,
}

/// A region of the input. Regions are ordered and tile the analysis span.
///
/// A paragraph is one region over all its lines, and a dashed heading one
/// over its text and the dashes that frame it; a page break or a `SIPDIS`
/// line inside a paragraph is a region of its own between two of its parts.
/// A run of blank or unrecognized lines is one region; other lines (the
/// transmission lines, each addressee line) are one region each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// What the bytes are (`transmission`, `banner`, `caveat`, `addressee`,
    /// `executive_order`, `tags`, `subject`, `references`, `classified_by`,
    /// `paragraph`, `heading`, `signer`, `end_marker`, `page_break`,
    /// `metadata`, `markup`, `notice`, `blank`, `unrecognized`).
    pub kind: &'static str,
    /// Where it stands.
    pub span: Span,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A fact worth knowing (a repair made).
    Info,
    /// A doubt about the result.
    Warning,
    /// Something could not be read.
    Error,
}

/// A repair made or a doubt raised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// Stable kebab-case code (`paragraphs-renumbered`, `year-from-filename`).
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// Where it applies.
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A new diagnostic.
    pub fn new(severity: Severity, code: &str, message: impl Into<String>, span: Option<Span>) -> Self {
        Self { severity, code: code.to_string(), message: message.into(), span }
    }
}

impl Analysis {
    /// Calls `f` on every span in the analysis (used to add UTF-16 offsets).
    pub fn for_each_span_mut(&mut self, f: &mut dyn FnMut(&mut Span)) {
        f(&mut self.span);
        let opt = |s: &mut Option<Span>, f: &mut dyn FnMut(&mut Span)| {
            if let Some(s) = s {
                f(s)
            }
        };
        if let Some(d) = &mut self.dtg {
            f(&mut d.span);
        }
        opt(&mut self.classification.banner_span, f);
        self.classification.caveats.iter_mut().for_each(|c| f(&mut c.span));
        let a = &mut self.addressees;
        for list in [&mut a.from, &mut a.to, &mut a.info, &mut a.pass_to] {
            list.iter_mut().for_each(|x| f(&mut x.span));
        }
        if let Some(e) = &mut self.executive_order {
            f(&mut e.span);
        }
        if let Some(c) = &mut self.classified_by {
            f(&mut c.span);
        }
        self.tags.iter_mut().for_each(|t| f(&mut t.span));
        opt(&mut self.subject_span, f);
        self.references.iter_mut().for_each(|r| f(&mut r.span));
        for p in &mut self.paragraphs {
            f(&mut p.span);
            f(&mut p.text_span);
        }
        self.headings.iter_mut().for_each(|h| f(&mut h.span));
        self.blocks.iter_mut().for_each(|b| f(&mut b.span));
        self.redactions.iter_mut().for_each(|r| f(&mut r.span));
        if let Some(s) = &mut self.signer {
            f(&mut s.span);
        }
        if let Some(m) = &mut self.end_marker {
            f(&mut m.span);
        }
        if let Some(m) = &mut self.metadata {
            f(&mut m.span);
        }
        for fig in &mut self.figures {
            f(&mut fig.span);
            f(&mut fig.sentence);
        }
        self.regions.iter_mut().for_each(|r| f(&mut r.span));
        self.diagnostics.iter_mut().for_each(|d| opt(&mut d.span, f));
    }
}
