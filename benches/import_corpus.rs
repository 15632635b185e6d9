//! How well `vanban import` reads real raw texts, against a truth table:
//!
//!     cargo bench --bench import_corpus -- CORPUS_DIR
//!
//! CORPUS_DIR holds the texts and `INDEX.tsv` (one header row; columns
//! `file number type issuer province date signer title cites …`, as in
//! /work/shared/corpus/real/README.md). Each file is read the way `vanban
//! import` reads it (text, .docx or .pdf) and imported; then, per field, how
//! many values are right, wrong or missing against the table, and how many
//! were written where the table has none ("invented", counted as wrong). The
//! wrong values are listed one per line, so a change that trades a missing
//! value for a wrong one shows. Used by benches/import.sh.
//!
//! Comparison: number, type, province and date exactly; issuer, signer and
//! title folded (no diacritics, any case, any tone placement) on their words
//! and digits alone, so "KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM" and the
//! importer's authority "KT. Bộ trưởng, chủ nhiệm" + position "Phó Chủ
//! nhiệm" agree. Cites: how many of the table's numbers are among the
//! importer's (the table lists higher documents only, so the importer's
//! other citations are counted apart, not as wrong), and whether the
//! document's own number is among them (never allowed).

use std::collections::BTreeMap;
use std::path::Path;
use vanban::import::{import_path, Imported};
use vanban::text::vietnamese::fold;

const FIELDS: &[&str] = &["number", "type", "issuer", "province", "date", "signer", "title"];

#[derive(Default)]
struct Tally {
    right: usize,
    wrong: usize,
    missing: usize,
    /// A value written where the table has none.
    invented: usize,
    /// The table has none and none was written.
    absent: usize,
}

/// Words and digits, folded: what two spellings of one value share.
fn key(s: &str) -> String {
    let folded = fold(s);
    let words: String = folded.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The importer's value of `field` in the table's form.
fn value(imported: &Imported, field: &str) -> Option<String> {
    let f = &imported.front_matter;
    match field {
        "number" => f.number.clone(),
        "type" => f.type_name.clone(),
        "issuer" => f.issuer.clone(),
        "province" => f.province.clone(),
        "date" => f.date.map(|d| d.to_string()),
        "title" => (f.title != vanban::import::TITLE_PLACEHOLDER).then(|| f.title.clone()),
        "signer" => f.signer.as_ref().map(|s| {
            let lines: Vec<&str> = [&s.authority, &s.position].into_iter().flatten().map(|line| &**line).collect();
            format!("{} ({})", s.name.as_deref().unwrap_or(""), lines.join(" / ")).trim().to_string()
        }),
        _ => None,
    }
}

fn same(field: &str, truth: &str, ours: &str) -> bool {
    match field {
        "issuer" | "signer" | "title" => key(truth) == key(ours),
        _ => truth == ours,
    }
}

fn main() {
    let Some(dir) = std::env::args().skip(1).find(|a| !a.starts_with("--")) else {
        eprintln!("usage: cargo bench --bench import_corpus -- CORPUS_DIR");
        std::process::exit(2);
    };
    let dir = Path::new(&dir);
    let index = std::fs::read_to_string(dir.join("INDEX.tsv")).unwrap_or_else(|e| {
        eprintln!("{}: {e}", dir.join("INDEX.tsv").display());
        std::process::exit(2);
    });
    let mut lines = index.lines();
    let columns: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut wrong: Vec<String> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    let mut how: BTreeMap<String, usize> = BTreeMap::new();
    let (mut cites_total, mut cites_found, mut cites_other, mut own_cited) = (0, 0, 0, 0);
    let mut files = 0;
    for row in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = row.split('\t').collect();
        let cell =
            |name: &str| columns.iter().position(|c| *c == name).and_then(|i| cells.get(i)).map_or("", |c| c.trim());
        let file = cell("file");
        let imported = match import_path(&dir.join(file)) {
            Ok(imported) => imported,
            Err(error) => {
                wrong.push(format!("{file}: not imported: {error}"));
                continue;
            }
        };
        files += 1;
        for &field in FIELDS {
            let tally = tallies.entry(field).or_default();
            let truth = cell(field);
            let ours = value(&imported, field);
            match (truth.is_empty(), ours) {
                (true, None) => tally.absent += 1,
                (true, Some(ours)) => {
                    tally.invented += 1;
                    wrong.push(format!("{file} {field}: wrote \"{ours}\", the table has none"));
                }
                (false, None) => {
                    tally.missing += 1;
                    missing.push(format!("{file} {field}: missing (the table has \"{truth}\")"));
                }
                (false, Some(ours)) if same(field, truth, &ours) => tally.right += 1,
                (false, Some(ours)) => {
                    tally.wrong += 1;
                    wrong.push(format!("{file} {field}: wrote \"{ours}\", the table has \"{truth}\""));
                }
            }
            *how.entry(format!("{field}={}", imported.how_read(field).label())).or_default() += 1;
        }
        let ours: Vec<&str> = imported.front_matter.cites.iter().map(|c| c.number.as_str()).collect();
        let truth: Vec<&str> = cell("cites").split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
        cites_total += truth.len();
        cites_found += truth.iter().filter(|c| ours.contains(c)).count();
        cites_other += ours.iter().filter(|c| !truth.contains(c)).count();
        for missed in truth.iter().filter(|c| !ours.contains(c)) {
            missing.push(format!("{file} cites: {missed} not found"));
        }
        if let Some(own) = cell("number").get(..).filter(|n| !n.is_empty() && ours.contains(n)) {
            own_cited += 1;
            wrong.push(format!("{file} cites: its own number {own}"));
        }
    }
    println!("{files} files of {}", dir.display());
    println!(
        "{:<9} {:>6} {:>6} {:>8} {:>9} {:>7} {:>8}",
        "field", "right", "wrong", "missing", "invented", "absent", "right%"
    );
    for &field in FIELDS {
        let t = &tallies[field];
        let with_value = t.right + t.wrong + t.missing;
        let percent = if with_value == 0 { 100.0 } else { 100.0 * t.right as f64 / with_value as f64 };
        println!(
            "{field:<9} {:>6} {:>6} {:>8} {:>9} {:>7} {:>7.1}%",
            t.right, t.wrong, t.missing, t.invented, t.absent, percent
        );
    }
    let percent = if cites_total == 0 { 100.0 } else { 100.0 * cites_found as f64 / cites_total as f64 };
    println!(
        "cites     {cites_found} of {cites_total} found ({percent:.1}%); {cites_other} other citations; own number cited in {own_cited} file(s)"
    );
    println!("how read: {}", how.iter().map(|(k, n)| format!("{k}:{n}")).collect::<Vec<_>>().join(" "));
    println!("wrong values ({}):", wrong.len());
    for line in &wrong {
        println!("  {line}");
    }
    println!("missing values ({}):", missing.len());
    for line in &missing {
        println!("  {line}");
    }
}
