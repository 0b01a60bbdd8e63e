//! Corpus report: `cargo run --release --example report -- DIR...` prints a
//! fill-rate table per field and, for viewer pages and CSV rows, how well the
//! text alone agrees with the metadata (reference id, level, date).

use cablescope::report::{fill_rates, Agreement};
use cablescope::{analyze, Hints};

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    let dirs = if dirs.is_empty() { vec!["tests/data/corpus".to_string()] } else { dirs };
    let mut files = Vec::new();
    for d in &dirs {
        collect(std::path::Path::new(d), &mut files);
    }
    files.sort();
    let mut all = Vec::new();
    let mut agree = Agreement::default();
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else {
            eprintln!("report: cannot read {}", f.display());
            continue;
        };
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned());
        let hints = Hints { file_name: name.clone(), ..Hints::default() };
        let with_meta = analyze(&bytes, &hints);
        let text_only = analyze(&bytes, &Hints { ignore_metadata: true, file_name: None, ..hints });
        for (t, m) in text_only.iter().zip(&with_meta) {
            agree.add(t, m);
        }
        all.extend(with_meta);
    }
    println!("{} cables from {} files\n", all.len(), files.len());
    println!("{:<24} {:>7} {:>7}", "field", "filled", "rate");
    for (name, n) in fill_rates(&all) {
        println!("{:<24} {:>7} {:>6.1}%", name, n, 100.0 * n as f64 / all.len().max(1) as f64);
    }
    let pct = |(a, b): (usize, usize)| format!("{b}/{a} agree ({:.1}%)", 100.0 * b as f64 / a.max(1) as f64);
    println!("\ntext alone vs metadata, {} inputs with metadata:", agree.compared);
    println!("  reference id: text gives {} of {}; {}", agree.id.0, agree.compared, pct(agree.id));
    println!("  level:        text gives {} of {}; {}", agree.level.0, agree.compared, pct(agree.level));
    println!("  date:         text gives {} of {}; {}", agree.date.0, agree.compared, pct(agree.date));
    for (t, m) in &agree.id_mismatches {
        println!("  id differs: text {t}, metadata {m}");
    }
    for (id, t, m) in &agree.level_mismatches {
        println!("  level differs in {id}: text {t}, metadata {m}");
    }
    for (id, t, m) in &agree.date_mismatches {
        println!("  date differs in {id}: text {t}, metadata {m}");
    }
}

fn collect(p: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    if p.is_dir() {
        if let Ok(rd) = std::fs::read_dir(p) {
            for e in rd.flatten() {
                collect(&e.path(), out);
            }
        }
    } else if p.extension().is_some_and(|e| e == "html" || e == "txt" || e == "csv") {
        out.push(p.to_path_buf());
    }
}
