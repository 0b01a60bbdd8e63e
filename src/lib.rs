//! cablescope reads US diplomatic cables (Cablegate / PlusD formats) into
//! structured data: header fields, markings, TAGS, references, paragraphs,
//! blocks, signer, and the figures the prose states.
//!
//! The core is a pure function of its input bytes: [`analyze`] never fails
//! and never panics, it returns one [`Analysis`] per cable plus diagnostics.
//! Every span points into the exact bytes passed in.
//!
//! ```
//! let cables = cablescope::analyze(b"UNCLAS ALMATY 004123\n\n1. (SBU) Hello.\n", &Default::default());
//! assert_eq!(cables[0].origin.as_deref(), Some("ALMATY"));
//! ```
#![deny(missing_docs)]

// The model: the public JSON contract.
pub mod model;

// Input handling: bytes to mapped text, and the containers cables arrive in.
pub mod csv;
pub mod decode;
pub mod mapped;
pub mod split;
pub mod viewer;

// Reading one cable.
pub mod body;
pub mod dates;
pub mod header;
pub mod lines;
pub mod markings;
pub mod parse;
pub mod refs;
pub mod routes;
pub mod tags;

// Corpus statistics.
pub mod report;

// Collections of cables (batch mode): the compact summary of a cable, its flat
// CSV row (shared by the CLI and the browser export), and the searchable,
// faceted collection of summaries.
pub mod collection;
pub mod flat;
pub mod summary;

// The CLI's JSON writer (same bytes as serde_json, faster).
#[cfg(feature = "cli")]
pub mod json;

// Figures in the prose.
pub mod figures;

// Byte classes eight bytes at a time (figures, the search index).
mod bytes8;

// Entry point.
mod analyze;

// The browser binding: the only module that knows about JavaScript.
#[cfg(target_arch = "wasm32")]
pub mod binding;

pub use analyze::{analyze, Hints};
pub use model::*;
