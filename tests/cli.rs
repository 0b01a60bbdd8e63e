//! The `cablescope` command line as a user runs it: formats, several files,
//! standard input, unreadable files, help and version.
#![allow(clippy::unwrap_used)] // test helpers: failures should be loud

use std::io::Write;
use std::process::{Child, Command, Output, Stdio};

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    run_with(args, stdin, &[])
}

/// [`run`] with environment variables set.
fn run_with(args: &[&str], stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Output {
    let mut child = spawn(args, env);
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(stdin.unwrap_or_default()).unwrap();
    drop(pipe);
    child.wait_with_output().unwrap()
}

/// The command started with `args` and environment variables `env`, its
/// standard streams piped.
fn spawn(args: &[&str], env: &[(&str, &str)]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_cablescope"))
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

const SEED: &str = "tests/data/seeds/05ALMATY4282.txt";
const SEED2: &str = "tests/data/seeds/05ALMATY4123.txt";

#[test]
fn one_file_gives_one_object() {
    let out = run(&[SEED], None);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["reference_id"], "05ALMATY4282");
    assert_eq!(v["source"]["name"], SEED);
}

#[test]
fn several_files_give_an_array_and_the_file_name_gives_the_year() {
    let out = run(&["--format", "json", SEED, SEED2], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v.as_array().unwrap().iter().map(|a| a["reference_id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["05ALMATY4282", "05ALMATY4123"]);
}

#[test]
fn jsonl_prints_one_line_per_cable_and_csv_one_row() {
    let out = run(&["--format=jsonl", SEED, SEED2], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 2);
    for line in text.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
    let out = run(&["-f", "csv", SEED], None);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with("source,row,reference_id,date,origin,classification,subject,tags"));
    assert!(lines[1].contains("\"05ALMATY4282\""));
    assert!(lines[1].contains("\"PGOV KDEM KPAO KZ\""));
}

#[test]
fn standard_input_is_read_without_a_name() {
    let bytes = std::fs::read(SEED2).unwrap();
    let out = run(&["-"], Some(&bytes));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // No file name, no year in the text: the id stays incomplete.
    assert!(v["reference_id"].is_null());
    assert_eq!(v["origin"], "ALMATY");
    assert_eq!(v["serial"], 4123);
}

#[test]
fn an_unreadable_file_is_named_and_the_others_still_processed() {
    let out = run(&["--format", "jsonl", "no/such/file.txt", SEED], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no/such/file.txt"), "{err}");
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn a_non_cable_is_a_diagnostic_not_an_error() {
    let out = run(&["-"], Some(b"\x89PNG\r\n\x1a\n\0\0\0"));
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["code"], "not-a-cable");
    assert!(v["diagnostics"][0]["message"].as_str().unwrap().contains("PNG"));
}

#[test]
fn help_version_and_usage_errors() {
    let out = run(&["--help"], None);
    assert!(out.status.success());
    assert!(String::from_utf8(out.stdout).unwrap().contains("--format"));
    let out = run(&["--version"], None);
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), format!("cablescope {}", env!("CARGO_PKG_VERSION")));
    let out = run(&["--format", "xml", SEED], None);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["--bogus"], None);
    assert_eq!(out.status.code(), Some(2));
}

/// A field of a cables.csv dump: backslashes and quotes escaped.
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Row `n` of a dump, a cable from Almaty with the text `body`.
fn row(n: u32, body: &str) -> String {
    format!(
        "\"{n}\",\"12/4/2005 10:00\",\"05ALMATY{}\",\"Embassy Almaty\",\"UNCLASSIFIED\",\"\",\"\",\"{}\"\n",
        4000 + n,
        esc(body)
    )
}

/// `cablescope … | head`: once its output is closed it stops (a dump on
/// standard input is not read on to its end) and exits without a message.
#[test]
fn a_closed_output_stops_the_reading() {
    use std::io::{BufRead, BufReader};
    const ROWS: u32 = 1000;
    let seed = std::fs::read_to_string(SEED).unwrap();
    let mut child = spawn(&["--format", "jsonl", "-"], &[("CABLESCOPE_CHUNK_BYTES", "5000")]);
    let mut input = child.stdin.take().unwrap();
    // Rows written until the pipe breaks: the command has stopped reading.
    let feeder = std::thread::spawn(move || {
        (1..=ROWS).take_while(|&n| input.write_all(row(n, &seed).as_bytes()).is_ok()).count()
    });
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    output.read_line(&mut first).unwrap();
    assert!(first.starts_with("{\""), "{first:?}");
    drop(output);
    let written = feeder.join().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(written < ROWS as usize / 2, "{written} of {ROWS} rows read after the output closed");
}

/// A dump is streamed in chunks, its rows analyzed and rendered in groups on
/// the worker threads: the cables come out in order, numbered across the dump,
/// even when a malformed row holds two cables (the rows after it are
/// renumbered). Read in one chunk (the rows in groups of 256 KB: the malformed
/// row sits inside the second, so a group before it, it and groups after it
/// are seen), and in chunks of 5 KB (a row each, or less: a longer row is read
/// on; two chunks handed out at once, rows carried over from one to the next).
#[test]
fn a_dump_streams_in_order_and_numbers_every_cable() {
    let seed = std::fs::read_to_string(SEED).unwrap();
    let seed2 = std::fs::read_to_string(SEED2).unwrap();
    let two = format!("\"{}\"\n", esc(&format!("{seed}\n\n{seed2}")));
    let dump: String =
        (1..=80).map(|n| if n == 41 { two.clone() } else { row(n, if n % 2 == 0 { &seed2 } else { &seed }) }).collect();
    let path = std::env::temp_dir().join(format!("cablescope-odd-dump-{}.csv", std::process::id()));
    std::fs::write(&path, &dump).unwrap();
    let name = path.to_str().unwrap();
    let outs = [
        run(&["--format", "jsonl", name], None),
        run_with(&["--format", "jsonl", name], None, &[("CABLESCOPE_CHUNK_BYTES", "5000")]),
    ];
    std::fs::remove_file(&path).ok();
    // What the CLI promises: each row analyzed alone, every cable numbered in order.
    let bytes = dump.as_bytes();
    let mut want = Vec::new();
    let mut at = 0;
    while let Some(end) = cablescope::csv::row_end(bytes, at) {
        let hints =
            cablescope::Hints { file_name: Some(name.to_string()), base_offset: at as u64, ..Default::default() };
        for mut a in cablescope::analyze(&bytes[at..end], &hints) {
            a.source.index = want.len();
            want.push(serde_json::to_value(&a).unwrap());
        }
        at = end;
    }
    assert_eq!(want.len(), 81, "the malformed row holds two cables");
    for out in outs {
        assert!(out.status.success());
        let got: Vec<serde_json::Value> =
            String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(got.len(), want.len());
        for (k, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g["source"]["index"], k, "cable {k} numbered in order");
            assert_eq!(g, w, "cable {k}");
        }
    }
}
