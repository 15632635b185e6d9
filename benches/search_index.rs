//! Build-time cost and size of the search index:
//!
//!     cargo bench --bench search_index -- CONTENT_DIR
//!
//! Loads, validates and indexes the content and plans the archive (not
//! timed), then times `search::files`: wall clock, and CPU time of the whole
//! process (all threads), which a busy machine inflates far less. Prints
//! what the index holds and its size by kind of file. Used by benches/search.sh.

use std::path::Path;
use std::time::Instant;
use vanban::text::provinces::ProvinceRegistry;

/// CPU seconds used by this process so far (user + system, every thread).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the ")" that ends the command name start at field 3;
    // utime and stime are fields 14 and 15, in clock ticks (USER_HZ = 100).
    let fields: Vec<&str> =
        stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let Some(content) = std::env::args().skip(1).find(|a| !a.starts_with("--")) else {
        eprintln!("usage: cargo bench --bench search_index -- CONTENT_DIR");
        std::process::exit(2);
    };
    let provinces = ProvinceRegistry::builtin();
    let loaded = vanban::content::load::load(Path::new(&content));
    let validated = vanban::content::validate::validate(&loaded.files, provinces);
    let archive = vanban::graph::index(validated.directives, provinces);
    let plan = vanban::plan::Plan::new(&archive, provinces, vanban::plan::Language::Vietnamese);

    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let index = vanban::search::files(&plan).expect("every text read");
    let (wall, cpu) = (wall.elapsed().as_secs_f64(), cpu_seconds() - cpu);

    let size = |prefix: &str| -> (usize, usize) {
        let files: Vec<usize> =
            index.files.iter().filter(|(p, _)| p.starts_with(prefix)).map(|(_, bytes)| bytes.len()).collect();
        (files.len(), files.iter().sum())
    };
    let total = size("tim-kiem/");
    println!("directives:        {}", archive.directives.len());
    println!("search documents:  {}", index.documents);
    println!("terms:             {}", index.terms);
    println!("index files:       {} ({:.1} MB)", total.0, total.1 as f64 / 1e6);
    for (what, prefix) in [
        ("term shards", "tim-kiem/t/"),
        ("summaries", "tim-kiem/d/"),
        ("facet codes", "tim-kiem/f.js"),
        ("meta", "tim-kiem/meta.js"),
    ] {
        let (files, bytes) = size(prefix);
        println!("  {what:<16} {files:>6} files {:>9.1} KB", bytes as f64 / 1e3);
    }
    println!("threads:           {}", rayon::current_num_threads());
    println!("search index time: {wall:.2} s wall, {cpu:.2} s CPU");
}
