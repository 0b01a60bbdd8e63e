//! `cablescope`: prints the analysis of cables in files (or standard input)
//! as JSON, JSON Lines or CSV.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::ops::Range;
use std::process::ExitCode;
use std::sync::{mpsc, Arc, Mutex};

use cablescope::summary::Summary;
use cablescope::{analyze, Analysis, Hints};
use rayon::prelude::*;

/// The analysis makes many small allocations (the model's strings): mimalloc
/// serves them much faster than the system allocator, on every thread.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let stdout = io::stdout();
    let mut sink = Sink::new(format, io::BufWriter::new(stdout.lock()));
    let mut failed = false;
    // Small files are read and analyzed in parallel batches; a cables.csv dump
    // is streamed in chunks of whole rows, the rows analyzed in parallel.
    let mut batch: Vec<String> = Vec::new();
    for f in &files {
        if sink.failed() {
            break;
        }
        match open(f) {
            Err(e) => {
                flush_batch(&mut batch, &mut sink, &mut failed);
                eprintln!("cablescope: {f}: {e}");
                failed = true;
            }
            Ok((mut reader, head)) if cablescope::csv::looks_like_dump(&head) => {
                flush_batch(&mut batch, &mut sink, &mut failed);
                if let Err(e) = stream_dump(f, &mut reader, head, &mut sink) {
                    eprintln!("cablescope: {f}: {e}");
                    failed = true;
                }
            }
            Ok((mut reader, mut head)) if f == "-" => {
                // Standard input cannot be read twice: finish it here.
                flush_batch(&mut batch, &mut sink, &mut failed);
                match reader.read_to_end(&mut head) {
                    Ok(_) => {
                        let hints = Hints { summary_only: summary_only(sink.format), ..Hints::default() };
                        analyze(&head, &hints).iter().for_each(|a| sink.push_analysis(a));
                    }
                    Err(e) => {
                        eprintln!("cablescope: -: {e}");
                        failed = true;
                    }
                }
            }
            Ok(_) => {
                batch.push(f.clone());
                if batch.len() >= 256 {
                    flush_batch(&mut batch, &mut sink, &mut failed);
                }
            }
        }
    }
    flush_batch(&mut batch, &mut sink, &mut failed);
    if let Err(e) = sink.finish() {
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

/// One cable's output in `format`, rendered on a worker thread so that only
/// the writing is left to the thread that keeps the order. JSON items are
/// pretty-printed without a line end ([`Sink`] places them); JSON Lines and
/// CSV items end their line.
fn render(format: Output, a: &Analysis) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    render_into(format, a, &mut out)?;
    Ok(out)
}

/// Room to make in an output buffer for a cable of `input` bytes, so that it
/// is not regrown (and copied) as it fills: JSON runs to about two and a half
/// times the cable's bytes, so four; a CSV row is short.
fn room(format: Output, input: usize) -> usize {
    if format == Output::Csv {
        1 << 10
    } else {
        input.saturating_mul(4).clamp(4 << 10, 64 << 20)
    }
}

/// [`render`], appended to `out`.
fn render_into(format: Output, a: &Analysis, out: &mut Vec<u8>) -> io::Result<()> {
    let input = usize::try_from(a.span.end.saturating_sub(a.span.start)).unwrap_or(usize::MAX);
    out.reserve(room(format, input));
    match format {
        Output::Jsonl => {
            cablescope::json::to_vec(out, a)?;
            out.push(b'\n');
        }
        Output::Json => cablescope::json::to_vec_pretty(out, a)?,
        Output::Csv => {
            out.extend_from_slice(cablescope::flat::csv_row(&Summary::of(a)).as_bytes());
            out.push(b'\n');
        }
    }
    Ok(())
}

/// True for a format made from the cables' summaries alone (`--format csv`): the
/// cables are read with `Hints::summary_only`, which gives the same summaries faster.
fn summary_only(format: Output) -> bool {
    format == Output::Csv
}

/// Where rendered analyses go, in order. JSON prints one object for a single
/// cable and an array for several, so the first is held back until the
/// second arrives.
struct Sink<W: Write> {
    format: Output,
    out: W,
    held: Option<Vec<u8>>,
    count: usize,
    error: Option<io::Error>,
}

impl<W: Write> Sink<W> {
    fn new(format: Output, out: W) -> Self {
        let mut sink = Sink { format, out, held: None, count: 0, error: None };
        if format == Output::Csv {
            let res = writeln!(sink.out, "{}", cablescope::flat::CSV_HEADER);
            sink.keep(res);
        }
        sink
    }

    /// True once a write has failed: what follows is not written.
    fn failed(&self) -> bool {
        self.error.is_some()
    }

    fn keep(&mut self, res: io::Result<()>) {
        if let Err(e) = res {
            self.error.get_or_insert(e);
        }
    }

    /// Writes one item from [`render`].
    fn push(&mut self, item: io::Result<Vec<u8>>) {
        match item {
            Ok(item) => self.write(&item),
            Err(e) => self.keep(Err(e)),
        }
    }

    /// Writes one rendered item.
    fn write(&mut self, item: &[u8]) {
        if self.failed() {
            return;
        }
        self.count += 1;
        let res = match (self.format, self.count) {
            (Output::Json, 1) => {
                self.held = Some(item.to_vec());
                Ok(())
            }
            (Output::Json, 2) => {
                let first = self.held.take().unwrap_or_default();
                self.out
                    .write_all(b"[\n")
                    .and_then(|_| self.out.write_all(&first))
                    .and_then(|_| self.out.write_all(b",\n"))
                    .and_then(|_| self.out.write_all(item))
            }
            (Output::Json, _) => self.out.write_all(b",\n").and_then(|_| self.out.write_all(item)),
            _ => self.out.write_all(item),
        };
        self.keep(res);
    }

    /// Writes rendered items that lie one after the other in `buf`, item `i`
    /// ending at `ends[i]`: JSON Lines and CSV rows in one write.
    fn write_rows(&mut self, buf: &[u8], ends: &[usize]) {
        if self.format == Output::Json {
            let mut from = 0;
            for &end in ends {
                self.write(buf.get(from..end).unwrap_or_default());
                from = end;
            }
        } else if !self.failed() {
            self.count += ends.len();
            let res = self.out.write_all(buf.get(..ends.last().copied().unwrap_or(0)).unwrap_or_default());
            self.keep(res);
        }
    }

    /// Renders and writes one analysis (standard input, read on this thread).
    fn push_analysis(&mut self, a: &Analysis) {
        let item = render(self.format, a);
        self.push(item);
    }

    fn finish(mut self) -> io::Result<()> {
        if self.format == Output::Json {
            let res = match (self.count, self.held.take()) {
                (0, _) => writeln!(self.out, "[]"),
                (1, Some(item)) => self.out.write_all(&item).and_then(|_| writeln!(self.out)),
                _ => writeln!(self.out, "\n]"),
            };
            self.keep(res);
        }
        let res = self.out.flush();
        self.keep(res);
        self.error.map_or(Ok(()), Err)
    }
}

/// Opens a file (or standard input for `-`) and reads its first bytes.
fn open(name: &str) -> io::Result<(Box<dyn Read + Send>, Vec<u8>)> {
    let mut reader: Box<dyn Read + Send> =
        if name == "-" { Box::new(io::stdin()) } else { Box::new(std::fs::File::open(name)?) };
    let mut head = vec![0u8; 64];
    let mut n = 0;
    while n < head.len() {
        match reader.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    head.truncate(n);
    Ok((reader, head))
}

/// Analyzes and renders a batch of ordinary files in parallel and prints
/// them in order.
fn flush_batch<W: Write>(batch: &mut Vec<String>, sink: &mut Sink<W>, failed: &mut bool) {
    let format = sink.format;
    let results: Vec<Result<Vec<io::Result<Vec<u8>>>, String>> = batch
        .par_iter()
        .map(|f| read_one(f, format).map(|cables| cables.iter().map(|a| render(format, a)).collect()))
        .collect();
    for (f, r) in batch.iter().zip(results) {
        match r {
            Ok(items) => items.into_iter().for_each(|item| sink.push(item)),
            Err(e) => {
                eprintln!("cablescope: {f}: {e}");
                *failed = true;
            }
        }
    }
    batch.clear();
}

/// Size of the chunks a dump is read in; memory stays near a few chunks
/// whatever the file size. The environment variable `CABLESCOPE_CHUNK_BYTES`
/// sets another (the tests read small dumps in many chunks).
const CHUNK: usize = 16 << 20;

fn chunk_size() -> usize {
    std::env::var("CABLESCOPE_CHUNK_BYTES").ok().and_then(|v| v.parse().ok()).filter(|&n| n > 0).unwrap_or(CHUNK)
}

/// Chunks given to the workers and not yet written: while the last rows of
/// one are analyzed, the other worker is already on the next, and the next
/// but one is read meanwhile.
const IN_FLIGHT: usize = 2;

/// Input bytes of the rows one task analyzes and renders, as a part of the
/// chunk (256 KB of 16 MB; a row larger than this is a task of its own):
/// tasks of about the same size, so the workers finish together.
const GROUPS_PER_CHUNK: usize = 64;

/// The largest output buffer kept for the next group (a group's output is
/// usually about 1 MB).
const POOLED_MAX: usize = 8 << 20;

/// Output buffers to use again: fresh memory costs the kernel a page clear
/// per page, which was a tenth of the CPU time when every row had its own.
type Pool = Arc<Mutex<Vec<Vec<u8>>>>;

/// Streams a cables.csv dump: reads whole rows chunk by chunk on this thread,
/// analyzes and renders them in groups on every core, and prints them in
/// order as they come back. There is no pause between chunks: the next chunk
/// is read and handed out while the current one is analyzed.
fn stream_dump<W: Write>(
    name: &str,
    reader: &mut (dyn Read + Send),
    head: Vec<u8>,
    sink: &mut Sink<W>,
) -> io::Result<()> {
    let chunk_size = chunk_size();
    let job = Arc::new(Job {
        file_name: (name != "-").then(|| name.to_string()),
        format: sink.format,
        pool: Pool::default(),
        chunk_size,
    });
    let (done, results) = mpsc::channel();
    let mut flight = Flight { chunks: VecDeque::new(), first_seq: 0, results, index: 0, spare: Vec::new() };
    let mut rows = 0usize;
    let mut next = read_chunk(reader, Vec::new(), &head, 0, chunk_size);
    loop {
        let chunk = match next {
            Ok(chunk) => Arc::new(chunk),
            Err(e) => {
                flight.drain(sink, &job);
                return Err(e);
            }
        };
        let seq = flight.first_seq + flight.chunks.len();
        let base = rows;
        let groups = group_rows(&chunk.ranges, (chunk_size / GROUPS_PER_CHUNK).max(1));
        for (g, range) in groups.iter().enumerate() {
            let (chunk, job, done, range) = (Arc::clone(&chunk), Arc::clone(&job), done.clone(), range.clone());
            rayon::spawn_fifo(move || {
                let group = analyze_group(&chunk, &job, base, range);
                // (The chunk is let go before the group is sent: once every group of it
                // is in, its buffer can be used again.)
                drop(chunk);
                // (The receiver outlives every task: it drains them all before returning.)
                let _ = done.send((seq, g, group));
            });
        }
        rows += chunk.ranges.len();
        flight.chunks.push_back(InFlight { chunk, base, groups: (0..groups.len()).map(|_| None).collect() });
        while flight.chunks.len() >= IN_FLIGHT {
            flight.write_first(sink, &job);
        }
        // The output is gone (`| head`): nothing more is read; the groups still
        // out are let go, and the error is the sink's to report.
        if sink.failed() {
            return Ok(());
        }
        let Some(last) = flight.chunks.back().map(|f| &f.chunk).filter(|c| !c.eof) else {
            flight.drain(sink, &job);
            return Ok(());
        };
        // The unfinished row at the end goes on to the next chunk.
        let at = last.ranges.last().map_or(0, |r| r.1);
        let tail = last.buf.get(at..).unwrap_or_default();
        next = read_chunk(reader, flight.spare.pop().unwrap_or_default(), tail, last.offset + at as u64, chunk_size);
    }
}

/// What every task of a dump shares.
struct Job {
    file_name: Option<String>,
    format: Output,
    pool: Pool,
    chunk_size: usize,
}

/// The chunks handed out and not yet written, oldest first, and the
/// channel their groups come back on.
struct Flight {
    chunks: VecDeque<InFlight>,
    /// The number of `chunks[0]`, counting every chunk of the dump.
    first_seq: usize,
    /// Groups as they are done: (chunk number, group number, group).
    results: mpsc::Receiver<(usize, usize, Group)>,
    /// The number of the next cable written.
    index: usize,
    /// Input buffers to use again.
    spare: Vec<Vec<u8>>,
}

/// A chunk handed out: its groups, `None` until done.
struct InFlight {
    chunk: Arc<Chunk>,
    /// The number of its first row, counting every row of the dump.
    base: usize,
    groups: Vec<Option<Group>>,
}

impl Flight {
    /// Waits for the oldest chunk's groups and writes them in order, each as
    /// soon as it and those before it are in.
    fn write_first<W: Write>(&mut self, sink: &mut Sink<W>, job: &Job) {
        let Some(mut first) = self.chunks.pop_front() else { return };
        for g in 0..first.groups.len() {
            while first.groups[g].is_none() {
                let Ok((seq, k, group)) = self.results.recv() else { break };
                match seq.checked_sub(self.first_seq + 1) {
                    None => first.groups[k] = Some(group),
                    Some(later) => self.chunks[later].groups[k] = Some(group),
                }
            }
            let Some(group) = first.groups[g].take() else { continue };
            self.write_group(sink, job, &first, group);
        }
        self.first_seq += 1;
        // Every task has let go of the chunk: its buffer is read into again (one
        // grown for a huge row is let go, as the output buffers are).
        if let Ok(chunk) = Arc::try_unwrap(first.chunk) {
            if chunk.buf.capacity() <= 2 * job.chunk_size {
                self.spare.push(chunk.buf);
            }
        }
    }

    /// Writes a group of chunk `at` (every group before it is written): its
    /// rendered rows when they were numbered right, else its rows analyzed
    /// again here, in order.
    fn write_group<W: Write>(&mut self, sink: &mut Sink<W>, job: &Job, at: &InFlight, group: Group) {
        match group.out {
            Some(Ok(r)) if self.index == at.base + group.rows.start => {
                sink.write_rows(&r.buf, &r.ends);
                self.index += r.ends.len();
                // (A buffer grown for a huge row is let go: memory stays flat.)
                if r.buf.capacity() <= POOLED_MAX {
                    job.pool.lock().unwrap_or_else(|e| e.into_inner()).push(r.buf);
                }
            }
            Some(Err(e)) => sink.push(Err(e)),
            // A row held no cable, or several (numbered wrongly): again, in order.
            _ => {
                for k in group.rows {
                    for mut a in analyze_row(&at.chunk, job, k) {
                        a.source.index = self.index;
                        self.index += 1;
                        sink.push(render(job.format, &a));
                    }
                }
            }
        }
    }

    /// Writes every chunk still out.
    fn drain<W: Write>(&mut self, sink: &mut Sink<W>, job: &Job) {
        while !self.chunks.is_empty() {
            self.write_first(sink, job);
        }
    }
}

/// A piece of a dump: whole rows (`ranges` in `buf`), the bytes after the
/// last one being the start of the next row; `offset` is `buf[0]`'s offset
/// in the file.
struct Chunk {
    buf: Vec<u8>,
    offset: u64,
    ranges: Vec<(usize, usize)>,
    /// The input ended: the last range runs to the end of `buf`.
    eof: bool,
}

/// Reads into `buf` (emptied first) the start of an unfinished row, `tail`,
/// then on up to a chunk's size, more when one row is larger, and cuts the
/// rows. Reads go into the buffer's spare room: no zero-filling of the chunk
/// before each read, which cost as much again as the read from a pipe's small
/// pieces.
fn read_chunk(
    reader: &mut (dyn Read + Send),
    mut buf: Vec<u8>,
    tail: &[u8],
    offset: u64,
    size: usize,
) -> io::Result<Chunk> {
    buf.clear();
    buf.extend_from_slice(tail);
    loop {
        let want = size.max(buf.len() * 2);
        let need = want - buf.len();
        buf.reserve_exact(need);
        let got = (&mut *reader).take(need as u64).read_to_end(&mut buf)?;
        let eof = got < need;
        let mut ranges = Vec::new();
        let mut at = 0;
        while let Some(end) = cablescope::csv::row_end(&buf, at) {
            ranges.push((at, end));
            at = end;
        }
        if eof && at < buf.len() {
            ranges.push((at, buf.len()));
        }
        // No whole row yet (one row longer than the buffer): read more.
        if eof || !ranges.is_empty() {
            return Ok(Chunk { buf, offset, ranges, eof });
        }
    }
}

/// The rows of a chunk cut into groups of about `size` input bytes.
fn group_rows(ranges: &[(usize, usize)], size: usize) -> Vec<Range<usize>> {
    let mut groups = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (k, r) in ranges.iter().enumerate() {
        bytes += r.1 - r.0;
        if bytes >= size {
            groups.push(start..k + 1);
            (start, bytes) = (k + 1, 0);
        }
    }
    if start < ranges.len() {
        groups.push(start..ranges.len());
    }
    groups
}

/// The cables in row `k` of `chunk`.
fn analyze_row(chunk: &Chunk, job: &Job, k: usize) -> Vec<Analysis> {
    let (s, e) = chunk.ranges[k];
    let hints = Hints {
        file_name: job.file_name.clone(),
        base_offset: chunk.offset + s as u64,
        summary_only: summary_only(job.format),
        ..Hints::default()
    };
    analyze(&chunk.buf[s..e], &hints)
}

/// The `rows` of `chunk` analyzed and rendered on a worker thread, each row
/// while its analysis is still in cache, into one buffer from the pool;
/// numbered from `base` as if every row held one cable (a dump row does). A
/// group with a row that does not is left to be read again in order.
fn analyze_group(chunk: &Chunk, job: &Job, base: usize, rows: Range<usize>) -> Group {
    // Room for the whole group at once (the rows' `room`s): the buffer is not
    // regrown as it fills, nor a smaller one grown.
    let room: usize = chunk.ranges[rows.clone()].iter().map(|r| room(job.format, r.1 - r.0)).sum();
    let pooled = job.pool.lock().unwrap_or_else(|e| e.into_inner()).pop();
    let mut buf = pooled.filter(|b| b.capacity() >= room).unwrap_or_else(|| Vec::with_capacity(room));
    buf.clear();
    let mut ends = Vec::with_capacity(rows.len());
    for k in rows.clone() {
        let mut analyses = analyze_row(chunk, job, k);
        let [a] = analyses.as_mut_slice() else {
            return Group { rows, out: None };
        };
        a.source.index = base + k;
        if let Err(e) = render_into(job.format, a, &mut buf) {
            return Group { rows, out: Some(Err(e)) };
        }
        ends.push(buf.len());
    }
    Group { rows, out: Some(Ok(Rendered { buf, ends })) }
}

/// Rows of a chunk analyzed by one task.
struct Group {
    /// Which rows.
    rows: Range<usize>,
    /// Their output; `None` when a row held no cable or several.
    out: Option<io::Result<Rendered>>,
}

/// Rendered rows, one after the other: row `i` ends at `ends[i]`.
struct Rendered {
    buf: Vec<u8>,
    ends: Vec<usize>,
}

fn read_one(name: &str, format: Output) -> Result<Vec<Analysis>, String> {
    let bytes = std::fs::read(name).map_err(|e| e.to_string())?;
    let hints = Hints { file_name: Some(name.to_string()), summary_only: summary_only(format), ..Hints::default() };
    Ok(analyze(&bytes, &hints))
}
