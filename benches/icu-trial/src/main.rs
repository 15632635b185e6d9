//! Hand-written Vietnamese collation and NFC check against ICU4X's, on the
//! strings of a real (generated) archive: same results? how fast?
use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;
use icu_normalizer::ComposingNormalizerBorrowed;
use std::time::{Duration, Instant};
use unicode_normalization::UnicodeNormalization;
use vanban::text::vietnamese::{canonical_tones, collation_key, nfc};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Runs `a` and `b` alternately, `rounds` times each; medians.
fn side_by_side(rounds: usize, mut a: impl FnMut(), mut b: impl FnMut()) -> (Duration, Duration) {
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        a();
        ta.push(t.elapsed());
        let t = Instant::now();
        b();
        tb.push(t.elapsed());
    }
    (median(ta), median(tb))
}

fn main() {
    let content = std::env::args().nth(1).expect("usage: icu-trial CONTENT_DIR [DATA_DIR]");
    let data = std::env::args().nth(2).unwrap_or_else(|| "data".into());
    let mut texts = Vec::new();
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            texts.push(std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    // Names vanban sorts (provinces, issuers, their aliases, types) and every
    // front-matter value of the archive (titles above all): the hard cases.
    let mut names: Vec<String> = Vec::new();
    for file in ["provinces.tsv", "issuers.tsv"] {
        let tsv = std::fs::read_to_string(format!("{data}/{file}")).unwrap();
        for line in tsv.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            names.push(cols[0].into());
            names.extend(cols.last().unwrap().split('|').filter(|a| !a.is_empty()).map(String::from));
        }
    }
    for text in &texts {
        let front = text.split("\n---").next().unwrap_or("");
        for line in front.lines() {
            if let Some((_, value)) = line.split_once(": ") {
                names.push(value.trim().trim_matches('"').into());
            }
        }
    }
    names.sort();
    names.dedup();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!("{} files ({} MB), {} distinct names", texts.len(), bytes / 1_000_000, names.len());

    // --- NFC ---
    let icu_nfc = ComposingNormalizerBorrowed::new_nfc();
    let mut nfd_texts: Vec<String> = texts.iter().take(100).map(|t| t.nfd().collect()).collect();
    nfd_texts.push("Vie\u{0302}\u{0323}t Nam".into());
    let mut disagree = 0;
    for t in texts.iter().chain(&nfd_texts) {
        disagree += usize::from((nfc(t) == *t) != icu_nfc.is_normalized(t));
        disagree += usize::from(nfc(t) != icu_nfc.normalize(t));
    }
    println!("NFC: {disagree} disagreements (check and normalised text) over {} texts", texts.len() + nfd_texts.len());
    let (hand, icu) = side_by_side(
        15,
        // vanban's `nfc`: the check, then a copy of the (NFC) text; ICU the same.
        || texts.iter().for_each(|t| drop(std::hint::black_box(nfc(std::hint::black_box(t))))),
        || {
            texts.iter().for_each(|t| {
                let t = std::hint::black_box(t);
                let out = if icu_nfc.is_normalized(t) { t.to_string() } else { icu_nfc.normalize(t).into_owned() };
                drop(std::hint::black_box(out));
            })
        },
    );
    let per_mb = |d: Duration| d.as_secs_f64() * 1e3 / (bytes as f64 / 1e6);
    println!("NFC check and copy, whole archive, median of 15: hand {hand:?} ({:.3} ms/MB), icu_normalizer {icu:?} ({:.3} ms/MB)", per_mb(hand), per_mb(icu));

    // --- collation ---
    let mut options = CollatorOptions::default();
    options.strength = Some(Strength::Tertiary);
    let collator: CollatorBorrowed = Collator::try_new(locale!("vi").into(), options).unwrap();
    let hand_order = |items: &mut Vec<&String>| items.sort_by_cached_key(|s| collation_key(s));
    let icu_order = |items: &mut Vec<&String>| {
        let keyed: Vec<(String, &String)> = items.iter().map(|s| (canonical_tones(s), *s)).collect();
        let mut keyed = keyed;
        keyed.sort_by(|a, b| collator.compare(&a.0, &b.0));
        *items = keyed.into_iter().map(|(_, s)| s).collect();
    };
    let mut a: Vec<&String> = names.iter().collect();
    let mut b = a.clone();
    hand_order(&mut a);
    icu_order(&mut b);
    let differing = a.iter().zip(&b).filter(|(x, y)| x != y).count();
    println!(
        "collation: orders {} ({differing} of {} places differ)",
        if differing == 0 { "identical" } else { "differ" },
        a.len()
    );
    // Pairs the two judge differently, among neighbours in the hand order.
    let mut shown = 0;
    for pair in a.windows(2) {
        let hand = collation_key(pair[0]).cmp(&collation_key(pair[1]));
        let icu = collator.compare(&canonical_tones(pair[0]), &canonical_tones(pair[1]));
        if hand != icu && shown < 12 {
            println!("  hand {hand:?}, icu {icu:?}: {:?} vs {:?}", pair[0], pair[1]);
            shown += 1;
        }
    }
    for (x, y) in [
        ("hoà", "hòa"),
        (" Việt   Nam ", "Việt Nam"),
        ("Hà", "hà"),
        ("Ha", "hà"),
        ("ạb", "ac"),
        ("u", "ü"),
        ("ư", "ü"),
        ("a-b", "a.b"),
        ("1a", "a"),
    ] {
        let hand = collation_key(x).cmp(&collation_key(y));
        let icu = collator.compare(&canonical_tones(x), &canonical_tones(y));
        let mark = if hand == icu { "same" } else { "DIFFERENT" };
        println!("  {x:?} vs {y:?}: hand {hand:?}, icu {icu:?} ({mark})");
    }
    let (hand, icu) = side_by_side(
        9,
        || {
            let mut v: Vec<&String> = names.iter().collect();
            hand_order(&mut v);
            std::hint::black_box(v);
        },
        || {
            let mut v: Vec<&String> = names.iter().collect();
            icu_order(&mut v);
            std::hint::black_box(v);
        },
    );
    println!("sorting the {} names, median of 9: hand {hand:?}, icu_collator {icu:?}", names.len());
}
