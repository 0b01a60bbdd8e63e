//! Generates the published descriptions of the JSON contract from the model:
//!
//! - `schema/analysis.schema.json`: the JSON Schema of the CLI's per-cable
//!   object (`schemars::schema_for!(cablescope::Analysis)`);
//! - `schema/summary.schema.json`: the JSON Schema of `CableSummary`, the
//!   compact record of one cable that batch mode keeps
//!   (`cablescope::summary::Summary`);
//! - `www/cablescope.d.ts`: TypeScript declarations of the browser binding,
//!   its interfaces converted from those schemas and from the collection's
//!   query and result types (`cablescope::collection`).
//!
//! Regenerate: `cargo run --example gen_types --features schema`
//! (or `make types`). Its test, run by `cargo test --all-targets --features
//! schema`, fails when the committed files differ from what the model gives.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// Where the generated files live, relative to the crate root.
const SCHEMA_PATH: &str = "schema/analysis.schema.json";
const DTS_PATH: &str = "www/cablescope.d.ts";
const SUMMARY_PATH: &str = "schema/summary.schema.json";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The JSON Schema of one analysis, as a JSON value.
fn schema_value() -> Value {
    serde_json::to_value(schemars::schema_for!(cablescope::Analysis)).unwrap_or(Value::Null)
}

/// The JSON Schema of one cable summary.
fn summary_value() -> Value {
    serde_json::to_value(schemars::schema_for!(cablescope::summary::Summary)).unwrap_or(Value::Null)
}

/// The definitions of batch mode's types: the summary and the collection's
/// query, result, detail and stats.
fn batch_defs() -> Map<String, Value> {
    use cablescope::collection::{query, Stats};
    let mut g = schemars::SchemaGenerator::default();
    g.subschema_for::<cablescope::summary::Summary>();
    g.subschema_for::<query::Query>();
    g.subschema_for::<query::QueryResult<'static>>();
    g.subschema_for::<query::Detail<'static>>();
    g.subschema_for::<Stats>();
    g.definitions().clone().into_iter().collect()
}

/// The JSON Schema file's text.
fn schema_text(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}

/// Formats a description as a JSDoc comment at `indent`.
fn doc(out: &mut String, indent: &str, text: Option<&str>) {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return;
    };
    let text = text.replace("*/", "*\\/");
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() == 1 {
        let _ = writeln!(out, "{indent}/** {} */", lines[0]);
    } else {
        let _ = writeln!(out, "{indent}/**");
        for l in lines {
            let _ = writeln!(out, "{indent} * {l}");
        }
        let _ = writeln!(out, "{indent} */");
    }
}

fn description(s: &Value) -> Option<&str> {
    s.get("description").and_then(Value::as_str)
}

/// Name of a `$ref` to `#/$defs/Name`.
fn ref_name(r: &str) -> &str {
    r.rsplit('/').next().unwrap_or(r)
}

/// A union of TypeScript types, without duplicates.
fn union(parts: Vec<String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for p in parts {
        if !seen.contains(&p) {
            seen.push(p);
        }
    }
    seen.join(" | ")
}

/// The TypeScript type of a schema.
fn ts_type(s: &Value, indent: &str) -> String {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        return ref_name(r).to_string();
    }
    if let Some(c) = s.get("const") {
        return c.to_string();
    }
    if let Some(values) = s.get("enum").and_then(Value::as_array) {
        return union(values.iter().map(Value::to_string).collect());
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(list) = s.get(key).and_then(Value::as_array) {
            return union(list.iter().map(|x| ts_type(x, indent)).collect());
        }
    }
    let types: Vec<&str> = match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return "unknown".to_string(),
    };
    union(
        types
            .into_iter()
            .map(|t| match t {
                "string" => "string".to_string(),
                "integer" | "number" => "number".to_string(),
                "boolean" => "boolean".to_string(),
                "null" => "null".to_string(),
                "array" => {
                    let item = s.get("items").map_or("unknown".to_string(), |i| ts_type(i, indent));
                    if item.contains(' ') {
                        format!("Array<{item}>")
                    } else {
                        format!("{item}[]")
                    }
                }
                "object" => match s.get("properties").and_then(Value::as_object) {
                    Some(props) => {
                        let mut body = String::from("{\n");
                        let inner = format!("{indent}  ");
                        write_properties(&mut body, &inner, props, &required(s), false);
                        body.push_str(indent);
                        body.push('}');
                        body
                    }
                    None => "Record<string, unknown>".to_string(),
                },
                other => format!("unknown /* {other} */"),
            })
            .collect(),
    )
}

fn required(s: &Value) -> Vec<&str> {
    s.get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Writes the members of an interface. With `all_required`, optional
/// properties are declared required (see `Span`).
fn write_properties(out: &mut String, indent: &str, props: &Map<String, Value>, req: &[&str], all_required: bool) {
    for (name, p) in props {
        doc(out, indent, description(p));
        let mut ty = ts_type(p, indent);
        // serde writes `None` as null, so a nullable property is always present.
        let nullable = ty.split(" | ").any(|t| t == "null");
        let optional = !all_required && !nullable && !req.contains(&name.as_str());
        if all_required {
            // Filled by the binding on every span: never null in analyze() results.
            ty = ty.replace(" | null", "");
        }
        let _ = writeln!(out, "{indent}{name}{}: {ty};", if optional { "?" } else { "" });
    }
}

/// Writes one named definition as an interface or a type alias.
fn write_def(out: &mut String, name: &str, s: &Value) {
    let mut text = description(s).unwrap_or_default().to_string();
    // Document each variant of a string enum.
    if let Some(list) = s.get("oneOf").and_then(Value::as_array) {
        let variants: Vec<String> = list
            .iter()
            .filter_map(|v| Some(format!("- {}: {}", v.get("const")?, description(v).unwrap_or_default())))
            .collect();
        if !variants.is_empty() {
            text.push_str("\n\n");
            text.push_str(&variants.join("\n"));
        }
    }
    let is_span = name == "Span";
    if is_span {
        text.push_str(
            "\n\nIn `analyze()` results every span carries `start_utf16` and `end_utf16`: \
             UTF-16 offsets into `source_text`, usable with `String.prototype.slice`.",
        );
    }
    doc(out, "", Some(&text));
    match s.get("properties").and_then(Value::as_object) {
        Some(props) if s.get("type") == Some(&Value::String("object".into())) => {
            let _ = writeln!(out, "export interface {name} {{");
            write_properties(out, "  ", props, &required(s), is_span);
            let _ = writeln!(out, "}}");
        }
        _ => {
            let _ = writeln!(out, "export type {name} = {};", ts_type(s, ""));
        }
    }
    out.push('\n');
}

const HEADER: &str = "\
// Generated by examples/gen_types.rs from the Rust model (src/model.rs). Do not edit.
// Regenerate: cargo run --example gen_types --features schema

/** What `analyze` returns: the decoded input and one analysis per cable. */
export interface AnalyzeResult {
  /** Version of the JSON contract (the same as each cable's `schema_version`). */
  schema_version: number;
  /** The input as decoded text: every `start_utf16`/`end_utf16` indexes it. */
  source_text: string;
  /** One analysis per cable found in the input (at least one). */
  cables: Analysis[];
}

/** Options of `analyze`. */
export interface AnalyzeOptions {
  /** The file name, if the input came from a file (`05ALMATY4123.txt` gives the year when the text does not). */
  fileName?: string;
  /** Offset of the input's first byte in its file: every byte span is shifted by it (UTF-16 offsets are not). */
  baseOffset?: number;
}

/** Options of `summarize`. */
export interface SummarizeOptions {
  /** The file name. */
  fileName?: string;
  /** Offset of the bytes in their file, so `source.start`/`end` are file offsets. */
  base?: number;
  /** Write `packed` over `bytes` when it fits (the caller is done with them): no new buffer to map and clear. */
  reuse?: boolean;
}

/** What `summarize` returns. */
export interface SummarizeResult {
  /** Analyses made: one per cable found (at least one). */
  count: number;
  /** Those that are cables (the others are listed as skipped). */
  good: number;
  /** Each cable's `CableSummary` and search text (subject and paragraphs), packed for `Collection.add`. */
  packed: Uint8Array;
}

/** True when the bytes start like a `cables.csv` dump row. */
export function isDump(head: Uint8Array): boolean;

/** Length of the longest prefix of `bytes` made of whole dump rows (0 if none). */
export function rowEnd(bytes: Uint8Array): number;

/** Summarizes the cables in `bytes` (whole dump rows, or one whole file). Never throws. */
export function summarize(bytes: Uint8Array, opts?: SummarizeOptions): SummarizeResult;

/**
 * A collection of summarized cables: deduplicated by key, searchable (word prefixes, ANDed),
 * faceted (values ORed within a facet, facets ANDed), sortable, linked by references.
 */
export class Collection {
  /** An empty collection whose search index stays within `indexBudgetBytes`; later cables are indexed by subject only. */
  constructor(indexBudgetBytes: number);
  /** Adds the cables `summarize` packed; returns the number of entries. */
  add(packed: Uint8Array): number;
  /** Total, the window of rows, facets (each counted with every filter but its own), charts, skipped inputs. */
  query(q: CollectionQuery): CollectionResult;
  /** One entry with its references (loaded or not) and the loaded cables that reference it. */
  entry(key: string): CollectionDetail | null;
  /** The CLI's flat CSV (header and rows, each line ending in a line feed) of the filtered, sorted set. */
  exportCsv(q: CollectionQuery): string;
  /** Keys of the filtered, sorted set. */
  keys(q: CollectionQuery): string[];
  /** Empties the collection. */
  clear(): void;
  /** Counts: entries, summaries, duplicates, skipped, index bytes and budget. */
  stats(): CollectionStats;
  /** Frees the wasm memory it holds. */
  free(): void;
}

/**
 * Analyzes a cable given as text (read as its UTF-8 bytes) or as bytes.
 * Never throws: unusable input comes back as an `error` diagnostic.
 */
export function analyze(input: string | Uint8Array, opts?: AnalyzeOptions): AnalyzeResult;

/** The cablescope version (`0.1.0`). */
export function version(): string;

/** What `init` accepts: the wasm file's URL, a response, its bytes or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Loads the WebAssembly module; call and await it once before `analyze`. */
export default function init(
  module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<unknown>;

/** Loads the WebAssembly module synchronously from its bytes or a compiled module. */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): unknown;

";

/// The TypeScript declarations' text.
fn dts_text(schema: &Value) -> String {
    let mut out = String::from(HEADER);
    // The root first, then the definitions in name order.
    let mut root = schema.clone();
    if let Some(m) = root.as_object_mut() {
        m.remove("$defs");
    }
    write_def(&mut out, "Analysis", &root);
    let mut written: Vec<String> = Vec::new();
    if let Some(defs) = schema.get("$defs").and_then(Value::as_object) {
        for (name, def) in defs {
            write_def(&mut out, name, def);
            written.push(name.clone());
        }
    }
    // Batch mode: the summary and the collection's types (shared ones once).
    for (name, def) in batch_defs() {
        if !written.contains(&name) {
            write_def(&mut out, &name, &def);
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The generated files: (path relative to the root, text).
fn generated() -> [(&'static str, String); 3] {
    let schema = schema_value();
    [(SCHEMA_PATH, schema_text(&schema)), (SUMMARY_PATH, schema_text(&summary_value())), (DTS_PATH, dts_text(&schema))]
}

fn write(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

fn main() {
    for (rel, text) in generated() {
        let path = root().join(rel);
        match write(&path, &text) {
            Ok(()) => println!("wrote {rel}"),
            Err(e) => {
                eprintln!("gen_types: cannot write {}: {e}", path.display());
                std::process::exit(1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The command that rewrites both files.
    const REGENERATE: &str = "cargo run --example gen_types --features schema";

    #[test]
    fn committed_schema_and_types_are_current() {
        let mut stale = Vec::new();
        for (rel, text) in generated() {
            let committed = std::fs::read_to_string(root().join(rel)).unwrap_or_default();
            if committed != text {
                stale.push(rel);
            }
        }
        assert!(stale.is_empty(), "{} differ from the model; regenerate with `{REGENERATE}`", stale.join(" and "));
    }

    #[test]
    fn types_cover_every_definition() {
        let schema = schema_value();
        let dts = dts_text(&schema);
        let defs = schema["$defs"].as_object().expect("$defs");
        for name in defs.keys() {
            assert!(
                dts.contains(&format!("export interface {name} ")) || dts.contains(&format!("export type {name} ")),
                "{name} missing from the declarations"
            );
        }
        for name in batch_defs().keys() {
            assert!(
                dts.contains(&format!("export interface {name} ")) || dts.contains(&format!("export type {name} ")),
                "{name} missing from the declarations"
            );
        }
        assert!(!dts.contains("unknown /*"), "a schema type was not converted");
    }
}
