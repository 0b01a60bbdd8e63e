//! `cablescope`: prints the analysis of cables in files (or standard input)
//! as JSON, JSON Lines or CSV.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use cablescope::{analyze, Analysis, Hints};
use rayon::prelude::*;

const HELP: &str = "\
cablescope - read US diplomatic cables into structured data

USAGE:
    cablescope [OPTIONS] [FILE|-]...

Reads each FILE (or standard input for '-' or when none is given): raw
telegrams, web extracts, WikiLeaks cable-viewer pages, cables.csv dump rows or
bare text, in UTF-8 or Windows-1252. Prints one analysis per cable; a CSV dump
gives one per row.

OPTIONS:
    -f, --format <FORMAT>  json (default: an object, or an array for several
                           cables), jsonl (one object per line) or csv (one
                           flat row per cable)
    -h, --help             print this help
    -V, --version          print the version

EXIT STATUS:
    0 when every file was read (input that is not a cable is reported in its
    diagnostics, not as an error); 1 when a file could not be read; 2 on a
    usage error.
";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    Json,
    Jsonl,
    Csv,
}

fn main() -> ExitCode {
    let mut format = Output::Json;
    let mut files: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    let mut only_files = false;
    while let Some(arg) = args.next() {
        if only_files {
            files.push(arg);
            continue;
        }
        let value = |flag: &str, v: Option<String>| v.ok_or_else(|| format!("{flag} needs a value"));
        let fmt = match arg.as_str() {
            "-h" | "--help" => {
                print!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "-V" | "--version" => {
                println!("cablescope {}", env!("CARGO_PKG_VERSION"));
                return ExitCode::SUCCESS;
            }
            "--" => {
                only_files = true;
                continue;
            }
            "-f" | "--format" => Some(value(&arg, args.next())),
            a if a.starts_with("--format=") => Some(Ok(a["--format=".len()..].to_string())),
            a if a.starts_with('-') && a != "-" => {
                eprintln!("cablescope: unknown option '{a}' (see --help)");
                return ExitCode::from(2);
            }
            _ => {
                files.push(arg);
                None
            }
        };
        if let Some(f) = fmt {
            format = match f.as_deref() {
                Ok("json") => Output::Json,
                Ok("jsonl") => Output::Jsonl,
                Ok("csv") => Output::Csv,
                Ok(other) => {
                    eprintln!("cablescope: unknown format '{other}': use json, jsonl or csv");
                    return ExitCode::from(2);
                }
                Err(e) => {
                    eprintln!("cablescope: {e}");
                    return ExitCode::from(2);
                }
            };
        }
    }
    if files.is_empty() {
        files.push("-".to_string());
    }
    // Read and analyze files in parallel, print in the order given.
    let results: Vec<Result<Vec<Analysis>, String>> = files.par_iter().map(|f| read_one(f)).collect();
    let mut failed = false;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut all: Vec<Analysis> = Vec::new();
    let mut write_err = None;
    if format == Output::Csv {
        if let Err(e) = writeln!(out, "{}", cablescope_csv_header()) {
            write_err = Some(e);
        }
    }
    for (f, r) in files.iter().zip(results) {
        match r {
            Err(e) => {
                eprintln!("cablescope: {f}: {e}");
                failed = true;
            }
            Ok(cables) => {
                for a in cables {
                    let res = match format {
                        Output::Json => {
                            all.push(a);
                            Ok(())
                        }
                        Output::Jsonl => serde_json::to_writer(&mut out, &a).map_err(io::Error::other).and_then(|_| writeln!(out)),
                        Output::Csv => writeln!(out, "{}", csv_row(&a)),
                    };
                    if let Err(e) = res {
                        write_err.get_or_insert(e);
                    }
                }
            }
        }
    }
    if format == Output::Json {
        let res = if all.len() == 1 {
            serde_json::to_writer_pretty(&mut out, &all[0])
        } else {
            serde_json::to_writer_pretty(&mut out, &all)
        };
        if let Err(e) = res.map_err(io::Error::other).and_then(|_| writeln!(out)) {
            write_err.get_or_insert(e);
        }
    }
    if let Err(e) = out.flush() {
        write_err.get_or_insert(e);
    }
    if let Some(e) = write_err {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("cablescope: writing output: {e}");
            return ExitCode::FAILURE;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn read_one(name: &str) -> Result<Vec<Analysis>, String> {
    let mut bytes = Vec::new();
    let hints = if name == "-" {
        io::stdin().read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        Hints::default()
    } else {
        bytes = std::fs::read(name).map_err(|e| e.to_string())?;
        Hints {
            file_name: Some(name.to_string()),
            ..Hints::default()
        }
    };
    Ok(analyze(&bytes, &hints))
}

fn cablescope_csv_header() -> &'static str {
    "source,row,reference_id,date,origin,classification,subject,tags,paragraphs,figures,references,diagnostics"
}

/// One flat CSV row: RFC 4180 quoting.
fn csv_row(a: &Analysis) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let tags: Vec<&str> = a.tags.iter().map(|t| t.code.as_str()).collect();
    [
        q(a.source.name.as_deref().unwrap_or("-")),
        a.source.row.map(|r| r.to_string()).unwrap_or_default(),
        q(a.reference_id.as_deref().unwrap_or("")),
        q(a.date.as_deref().unwrap_or("")),
        q(a.origin.as_deref().unwrap_or("")),
        q(a.classification.label.as_deref().unwrap_or("")),
        q(a.subject.as_deref().unwrap_or("")),
        q(&tags.join(" ")),
        a.paragraphs.len().to_string(),
        a.figures.len().to_string(),
        a.references.len().to_string(),
        a.diagnostics.len().to_string(),
    ]
    .join(",")
}
