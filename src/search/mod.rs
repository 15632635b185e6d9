//! Offline search: the index the search page (`tim-kiem/index.html`) queries
//! in the browser, as classic script files under `tim-kiem/`.
//!
//! A pure function of the plan ([`files`]): what it returns is written by the
//! write stage like any page. The files work from `file://` because they are
//! plain scripts, each calling a global registration function, loaded by
//! `<script>` injection (no `fetch`, XHR, modules, workers or WebAssembly),
//! and they are split so a query loads only what it needs:
//!
//! | file | loaded | holds |
//! |---|---|---|
//! | `tim-kiem/meta.js` | with the page | counts, shard counts, facet vocabularies |
//! | `tim-kiem/f.js` | when the search box gets focus, or at the first query | each document's province, type and year codes |
//! | `tim-kiem/t/{k}.js` | when a query needs a term whose hash falls in shard `k` | term → postings |
//! | `tim-kiem/d/{k}.js` | when a result page shows document `k` | its summary and plain text (for the excerpt) |
//! | `tim-kiem/n/{k}.js` | when a query holds a number whose digits (without leading zeros) hash to `k` | number → documents of that number |
//! | `tim-kiem/w/{ab}.js` | when the word being typed starts with `ab` | the words starting so, with how many documents hold each |
//! | `tim-kiem/a/{k}.js` | when a word is typed after a word hashing to `k` | each word's most frequent followers (`quang` → `nam`, `ngai`, …) |
//! | `tim-kiem/v/{k}.js` | when a query has accents and a word typed with them hashes to `k` | accented word → postings ([`accents`]) |
//! | `tim-kiem/p/{k}.js` | when a quoted phrase of three words or more needs a pair whose hash falls in shard `k` | pair → where it stands in each document ([`places`]) |
//!
//! **Documents.** Every directive, and every cited directive whose text is
//! not in the archive (so `07-KL/TW` finds its page even when only cited).
//! They are numbered by date, oldest first, undated last, so "newest first"
//! needs no date in the client: a larger id among the dated is a later date.
//!
//! **Terms.** Text is folded exactly as [`crate::text::vietnamese::tokens`] does
//! (NFD, no marks, đ → d, lower case, split on anything but `a-z0-9`), which
//! the client mirrors (tests/fixtures/fold-cases.txt keeps the two equal).
//! Each document gives its syllables (`quang`), its adjacent syllable pairs
//! (`quang_ngai`: adjacency and short phrases without loading positions;
//! the pairs' positions, for longer phrases, are in their own files,
//! [`places`]) and, for its own number and
//! the numbers it cites, the whole number as one term (`#07_kl_tw`). Pairs do
//! not cross fields or paragraphs.
//!
//! **Postings.** Each term has two posting lists: the *head* fields (title,
//! number, type, issuer, province), which rank higher, and the *body* (text,
//! cited numbers, signer, recipients, tags, place). See [`postings`] for the
//! encodings. A term shard is a string `term:head:body,term:head:body,…`
//! sorted by term; terms go to shard `fnv1a32(term) % shards`, with the shard
//! count chosen so a shard averages [`TARGET_SHARD_BYTES`].

mod accents;
mod invert;
mod live;
mod places;
pub mod postings;
mod spill;
mod text;

pub use live::{Files, LiveIndex, Written};
pub use text::text_blocks;

use crate::content::model::{Jurisdiction, PartialDate};
use crate::graph::{Archive, CitedId, DocId};
use crate::plan::Plan;
use crate::text::provinces::ProvinceId;
use crate::text::vietnamese::{canonical_tones, collation_key, fold, slugify, tokens};
use crate::Error;
use invert::FileSink;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Mutex;

/// The folder of the index in the output, beside the search page.
pub const DIR: &str = "tim-kiem";
/// Document summaries per `d/{k}.js` file. A result page shows 20 results,
/// which may fall in 20 different files, so one a file: a result shown
/// costs its own summary and text (a few KB), not those of 31 neighbours.
pub const DOCS_PER_SHARD: usize = 1;
/// Documents per number file (`n/{k}.js`): each holds the numbers whose
/// digits hash to it, about 2,000 documents' worth (some 30 KB).
const DOCS_PER_NUMBER_SHARD: usize = 2000;
/// Documents per followers file (`a/{k}.js`), and the followers kept per word.
const DOCS_PER_AFTER_SHARD: usize = 250;
const FOLLOWERS_KEPT: usize = 40;
/// Average size aimed at for a term shard. A typical query needs 5 to 15
/// terms, each in its own shard, so this bounds what a query loads (at
/// 40 KB: 200 to 600 KB) while keeping the file count at about one per
/// 40 KB of index.
pub const TARGET_SHARD_BYTES: usize = 40_000;
/// Version of the file format, checked by the client.
pub const FORMAT: u32 = 3;

/// Everything under `tim-kiem/`, with a few figures for reports.
pub struct SearchIndex {
    /// (path relative to the archive root, bytes), sorted by path.
    pub files: Vec<(String, Vec<u8>)>,
    pub documents: usize,
    pub terms: usize,
    pub term_shards: usize,
}

/// A search document with its date, which orders the documents.
type Document = (Source, Option<PartialDate>);

/// A search document: a directive, or a cited directive not in the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Directive(DocId),
    Cited(CitedId),
}

/// Builds the whole index, every file in memory (see [`build`] for the
/// build's way). Deterministic: the same plan gives the same bytes, whatever
/// the number of threads (parallel work is collected in order and every map
/// is sorted before it is written).
pub fn files(plan: &Plan) -> Result<SearchIndex, Vec<Error>> {
    let (built, summaries) = Built::with_summaries(plan)?;
    Ok(SearchIndex {
        files: built.files(summaries),
        documents: built.docs.len(),
        terms: built.shards.iter().map(Vec::len).sum(),
        term_shards: built.shards.len(),
    })
}

/// The index, built but not yet spelled out as files, but for the summary
/// files (`d/`), which went to the writer as they were made. `vanban build`
/// hands each other file to the writer as soon as it is made
/// ([`Search::each_file`]), so that the ~1 KB a directive of term files and
/// the directives' plain texts are never all held at once.
pub struct Search(Built);

/// Builds the index: the same files as [`files`], the summary and places
/// files handed to `write` as they are made. The places are spilled to a
/// folder made inside `scratch` and removed before this returns. Fails when
/// a directive's text can no longer be read from its file, or has changed
/// since, or when `write` or the spilling fails.
pub fn build(
    plan: &Plan,
    scratch: &Path,
    write: impl Fn(&str, &[u8]) -> Result<(), Error> + Sync,
) -> Result<Search, Vec<Error>> {
    Built::new(plan, &|path, bytes| write(&path, &bytes), scratch, invert::SIZES).map(Search)
}

impl Search {
    /// Makes every other file and hands it to `each`, in parallel and in no
    /// particular order; stops at the first error.
    pub fn each_file<E: Send>(&self, each: impl Fn(&str, &[u8]) -> Result<(), E> + Sync) -> Result<(), E> {
        self.0.par_files().try_for_each(|(path, bytes)| each(&path, &bytes))
    }
}

/// The index before it is written: what [`files`] writes, and what the
/// live index ([`LiveIndex`]) keeps.
struct Built {
    docs: Vec<Document>,
    facets: Facets,
    /// Each term shard's entries (`term:head:body`), sorted by term.
    shards: Vec<Vec<String>>,
    /// How many places shards (`p/{k}.js`) went to the sink.
    place_shards: usize,
    /// Each accented words shard's entries (`term:head:body`), sorted by term.
    accented: Vec<Vec<String>>,
    /// `n/{k}.js` and `w/{ab}.js`, made from the entries.
    lookups: Vec<(String, Vec<u8>)>,
}

impl Built {
    /// The index, its summary and places files handed to `sink` as they
    /// are made, the places spilled in a folder made inside `scratch`.
    fn new(plan: &Plan, sink: FileSink, scratch: &Path, sizes: invert::Sizes) -> Result<Built, Vec<Error>> {
        let docs = documents(plan.archive);
        let facets = Facets::new(plan, &docs);
        let summary = |source, id, plain: &Option<String>| summary(plan, source, &facets, id, plain);
        let mut inverted = invert::invert(plan, &docs, &summary, sink, scratch, sizes)?;
        let (accented, entries) = std::mem::take(&mut inverted.entries).into_iter().partition(|(_, e)| is_accented(e));
        inverted.entries = entries;
        let accented_total = accented.iter().map(|(_, e): &(u32, String)| e.len() + 1).sum();
        let accented = into_shards(accented, shard_count(accented_total));
        let total: usize = inverted.entries.iter().map(|(_, e)| e.len() + 1).sum();
        let lookups = lookup_files(inverted.entries.iter().map(|(_, e)| e.as_str()), docs.len());
        let shards = into_shards(inverted.entries, shard_count(total));
        Ok(Built { docs, facets, shards, place_shards: inverted.place_shards, accented, lookups })
    }

    /// The index and its summary and places files, held (for [`files`] and
    /// the live index, which compare or return every file). The places are
    /// spilled in the system's temporary folder.
    fn with_summaries(plan: &Plan) -> Result<(Built, Files), Vec<Error>> {
        Built::with_summaries_in(plan, &std::env::temp_dir(), invert::SIZES)
    }

    fn with_summaries_in(plan: &Plan, scratch: &Path, sizes: invert::Sizes) -> Result<(Built, Files), Vec<Error>> {
        let summaries = Mutex::new(Vec::new());
        let sink = |path, bytes| {
            summaries.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((path, bytes));
            Ok(())
        };
        let built = Built::new(plan, &sink, scratch, sizes)?;
        Ok((built, summaries.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner())))
    }

    /// Every file, the summary files given, sorted by path.
    fn files(&self, summaries: Files) -> Files {
        let mut out: Vec<(String, Vec<u8>)> = self.par_files().collect();
        out.extend(summaries);
        out.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// Every file but the summaries, each made when the iterator gets to it.
    fn par_files(&self) -> impl ParallelIterator<Item = (String, Vec<u8>)> + '_ {
        let prefixes = word_prefixes(&self.lookups);
        let meta = rayon::iter::once(())
            .map(move |()| (META.to_string(), self.facets.meta(&self.docs, self.counts(), &prefixes)));
        let codes = rayon::iter::once(()).map(|()| (CODES.to_string(), self.facets.codes_file(&self.docs)));
        let lookups = self.lookups.par_iter().cloned();
        let terms = self.shards.par_iter().enumerate().map(|(k, entries)| (term_path(k), term_shard(k, entries)));
        let accented = (self.accented.par_iter().enumerate())
            .map(|(k, entries)| (format!("{DIR}/v/{k}.js"), shard_file('v', k, entries)));
        meta.chain(codes).chain(lookups).chain(terms).chain(accented)
    }

    /// The numbers of term and places shards.
    fn counts(&self) -> Shards {
        Shards { terms: self.shards.len(), places: self.place_shards, accented: self.accented.len() }
    }
}

/// Whether an entry is an accented word's ([`accents`]).
fn is_accented(entry: &str) -> bool {
    entry_term(entry).contains('~')
}

/// How many term shards (`t/`), places shards (`p/`) and accented words
/// shards (`v/`) an index has.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Shards {
    terms: usize,
    places: usize,
    accented: usize,
}

const META: &str = "tim-kiem/meta.js";
const CODES: &str = "tim-kiem/f.js";

fn term_path(k: usize) -> String {
    format!("{DIR}/t/{k}.js")
}

fn places_path(k: usize) -> String {
    format!("{DIR}/p/{k}.js")
}

fn summary_path(k: usize) -> String {
    format!("{DIR}/d/{k}.js")
}

/// The number of term shards for entries of `total` bytes (with their commas).
fn shard_count(total: usize) -> usize {
    total.div_ceil(TARGET_SHARD_BYTES).max(1)
}

/// Entries (`term:head:body`, each with its term's [`fnv1a`] hash) in
/// `count` term shards, each sorted by term.
fn into_shards(entries: impl IntoIterator<Item = (u32, String)>, count: usize) -> Vec<Vec<String>> {
    let mut shards: Vec<Vec<String>> = vec![Vec::new(); count];
    for (hash, entry) in entries {
        shards[hash as usize % count].push(entry);
    }
    for shard in &mut shards {
        shard.sort_unstable_by(|a, b| entry_term(a).cmp(entry_term(b)));
    }
    shards
}

/// The term of an entry `term:head:body`.
fn entry_term(entry: &str) -> &str {
    entry.split_once(':').map_or(entry, |(term, _)| term)
}

/// `t/{k}.js`: the shard's entries, sorted by term, as one string literal.
/// Terms (`a-z0-9`, `_`, `#`) and postings ([`postings::ALPHABET`]) need
/// no escaping.
fn term_shard(k: usize, entries: &[String]) -> Vec<u8> {
    shard_file('t', k, entries)
}

/// A shard of entries, registered by `vanbanSearch.{kind}`: `t/`, the
/// places (`p/`, [`places`]) and the accented words (`v/`, [`accents`]).
fn shard_file(kind: char, k: usize, entries: &[String]) -> Vec<u8> {
    let prefix = format!("vanbanSearch.{kind}({k},\"");
    let size = prefix.len() + entries.iter().map(|e| e.len() + 1).sum::<usize>() + 4;
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(prefix.as_bytes());
    for (i, entry) in entries.iter().enumerate() {
        debug_assert!(!entry.contains(['"', '\\']) && !entry.contains(char::is_control), "{entry}");
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(entry.as_bytes());
    }
    out.extend_from_slice(b"\");\n");
    out
}

/// `d/{k}.js`: the summaries of documents `k × 32 …`, joined by commas.
fn summary_shard(k: usize, joined: &str) -> Vec<u8> {
    format!("vanbanSearch.d({k},[{joined}]);\n").into_bytes()
}

/// Search documents in id order: by date, oldest first, undated last; a
/// directive before a cited directive of the same date. Archive order is
/// already by date, so directives keep their relative order.
fn documents(archive: &Archive) -> Vec<Document> {
    let directives = archive.directives.iter().enumerate().map(|(id, d)| (Source::Directive(id), d.date));
    let cited = archive
        .cited
        .iter()
        .enumerate()
        .filter(|(_, c)| c.in_archive.is_none())
        .map(|(id, c)| (Source::Cited(id), c.date));
    let mut docs: Vec<Document> = directives.chain(cited).collect();
    docs.sort_by_key(|&(source, date)| (date.is_none(), date, source));
    docs
}

/// A term's hash: the client computes the same to find its shard (`hash`
/// in search.js).
pub use crate::text::fnv1a;

/// The shard of a term in an index of `shards` term shards.
pub fn shard_of(term: &str, shards: usize) -> usize {
    fnv1a(term) as usize % shards
}

/// The one-term form of a directive number: `07-KL/TW` → `#07_kl_tw`.
pub fn number_term(number: &str) -> Option<String> {
    let parts = tokens(number);
    (!parts.is_empty()).then(|| format!("#{}", parts.join("_")))
}

/// One document's summary, a JSON array (see search.js `summary`):
/// `[number, type code, province code, ISO date, shown date, title, href,
/// plain text, flags, citers, issuer, shown province]`; flags 1 = cited directive
/// not in the archive. Number, title, issuer and the date (in the
/// interface's language) are as the pages show them, marked when an editor
/// supplied them; the shown province is there only when it differs from
/// its facet's name (supplied, so marked).
fn summary(plan: &Plan, source: Source, facets: &Facets, id: usize, plain: &Option<String>) -> String {
    let archive = plan.archive;
    let (type_code, province_code, _) = facets.codes[id];
    // Serialised as tuples, straight to text (a serde_json::Value per
    // document would allocate every field twice).
    let text = match source {
        Source::Directive(d) => {
            let doc = &archive.directives[d];
            let province = plan.province_shown(d).filter(|p| matches!(p, Cow::Owned(_)));
            // The plain text (most of the summary) is written by hand, in
            // one pass; the fields around it by serde_json.
            let before = serde_json::to_string(&(
                plan.field_shown(d, "number", doc.number_printed.as_deref()),
                type_code,
                province_code,
                plan.date_iso(d),
                plan.date_shown(d),
                plan.title_shown(d),
                plan.directive_path(d),
            ));
            let after = serde_json::to_string(&(0, 0, plan.field_shown(d, "issuer", doc.issuer.as_deref()), province));
            before.and_then(|before| {
                let after = after?;
                let mut out =
                    String::with_capacity(before.len() + after.len() + plain.as_ref().map_or(4, String::len) + 4);
                out.push_str(&before[..before.len() - 1]);
                out.push(',');
                match plain {
                    Some(plain) => push_json_string(&mut out, plain),
                    None => out.push_str("null"),
                }
                out.push(',');
                out.push_str(&after[1..]);
                Ok(out)
            })
        }
        Source::Cited(c) => {
            let cited = &archive.cited[c];
            serde_json::to_string(&(
                cited.key.number.as_str(),
                type_code,
                province_code,
                cited.date.map(|x| x.to_string()),
                cited.date.map(|x| plan.show(x)),
                &cited.title,
                plan.cited_path(c),
                None::<&str>,
                1,
                cited.citers.len(),
                &cited.issuer,
                None::<&str>,
            ))
        }
    };
    text.expect("plain data serialises")
}

/// Appends `text` as a JSON string. Most texts need no escaping, which one
/// pass over their bytes (that the compiler vectorises) tells; the others
/// go through serde_json.
fn push_json_string(out: &mut String, text: &str) {
    let dirty = text.bytes().fold(false, |dirty, b| dirty | (b < 0x20) | (b == b'"') | (b == b'\\'));
    if dirty {
        out.push_str(&serde_json::to_string(text).expect("a string serialises"));
    } else {
        out.push('"');
        out.push_str(text);
        out.push('"');
    }
}

/// The facet vocabularies (province, type, year) and each document's codes
/// in them; code 0 is "none" (central body, no type, undated).
struct Facets {
    /// (slug, name), in Vietnamese alphabetical order; then, without a name,
    /// `tinh-khong-ro` and `khong-ro` (see [`Jurisdiction::slug`]).
    provinces: Vec<(String, Option<String>)>,
    types: Vec<(String, String)>,
    years: Vec<i32>,
    /// Per document: (type, province, year) codes.
    codes: Vec<(usize, usize, usize)>,
}

impl Facets {
    fn new(plan: &Plan, docs: &[Document]) -> Facets {
        let archive = plan.archive;
        let facts: Vec<(Option<&str>, Jurisdiction)> = docs
            .iter()
            .map(|&(source, _)| match source {
                Source::Directive(d) => {
                    let doc = &archive.directives[d];
                    (doc.type_name.as_deref(), doc.jurisdiction())
                }
                Source::Cited(c) => {
                    let cited = &archive.cited[c];
                    (cited.type_name.as_deref(), cited.jurisdiction())
                }
            })
            .collect();

        // Provinces that have documents, in the archive's alphabetical order,
        // then "province unknown" and "unknown" when some document is so (no
        // name: the client shows its interface's words for them). Code 0 is
        // a central body's.
        let present: BTreeSet<ProvinceId> = facts
            .iter()
            .filter_map(|f| match f.1 {
                Jurisdiction::Province(p) => Some(p),
                _ => None,
            })
            .collect();
        let province_ids: Vec<ProvinceId> =
            archive.province_order.iter().copied().filter(|p| present.contains(p)).collect();
        let mut provinces: Vec<(String, Option<String>)> = province_ids
            .iter()
            .map(|&p| (plan.provinces.get(p).slug.clone(), Some(plan.provinces.get(p).name.clone())))
            .collect();
        let mut jurisdiction_code: HashMap<Jurisdiction, usize> =
            province_ids.iter().enumerate().map(|(i, &p)| (Jurisdiction::Province(p), i + 1)).collect();
        jurisdiction_code.insert(Jurisdiction::Central, 0);
        for without_province in [Jurisdiction::ProvinceUnknown, Jurisdiction::Unknown] {
            if facts.iter().any(|f| f.1 == without_province) {
                provinces.push((without_province.slug().to_string(), None));
                jurisdiction_code.insert(without_province, provinces.len());
            }
        }

        // Types merge spelling variants as the type pages do; a type is named
        // by its spelling in the type groups, else its first spelling here.
        let key = |name: &str| fold(&canonical_tones(name));
        let mut type_names: BTreeMap<String, String> =
            archive.types.iter().map(|g| (key(&g.name), g.name.clone())).collect();
        // Each spelling folded once, in document order (the first spelling wins).
        let mut keys: HashMap<&str, String> = HashMap::new();
        for name in facts.iter().filter_map(|f| f.0) {
            if !keys.contains_key(name) {
                let folded = key(name);
                type_names.entry(folded.clone()).or_insert_with(|| name.to_string());
                keys.insert(name, folded);
            }
        }
        let mut type_list: Vec<(String, String)> = type_names.into_iter().collect();
        type_list.sort_by_cached_key(|(k, name)| (collation_key(name), k.clone()));
        let type_code: HashMap<&str, usize> =
            type_list.iter().enumerate().map(|(i, (k, _))| (k.as_str(), i + 1)).collect();
        let mut slugs = BTreeSet::new();
        let types = type_list
            .iter()
            .map(|(_, name)| {
                let base = slugify(name);
                let mut slug = base.clone();
                let mut n = 2;
                while !slugs.insert(slug.clone()) {
                    slug = format!("{base}-{n}");
                    n += 1;
                }
                (slug, name.clone())
            })
            .collect();

        let years: Vec<i32> =
            docs.iter().filter_map(|d| d.1.map(|x| x.year)).collect::<BTreeSet<_>>().into_iter().collect();
        let codes = facts
            .iter()
            .zip(docs)
            .map(|(&(type_name, jurisdiction), &(_, date))| {
                (
                    type_name.map_or(0, |t| type_code[keys[t].as_str()]),
                    jurisdiction_code[&jurisdiction],
                    date.map_or(0, |d| years.binary_search(&d.year).expect("listed") + 1),
                )
            })
            .collect();
        Facets { provinces, types, years, codes }
    }

    /// Bytes of memory held, roughly.
    fn memory(&self) -> usize {
        let names = |v: &[(String, String)]| v.iter().map(|(a, b)| a.capacity() + b.capacity() + 48).sum::<usize>();
        let provinces = self.provinces.iter().map(|(a, b)| a.capacity() + b.as_ref().map_or(0, String::capacity) + 48);
        provinces.sum::<usize>() + names(&self.types) + self.years.capacity() * 4 + self.codes.capacity() * 24
    }

    /// Characters per code: enough base-64 digits for the largest code.
    fn width(vocabulary: usize) -> usize {
        let mut width = 1;
        while 64usize.pow(width as u32) <= vocabulary {
            width += 1;
        }
        width
    }

    fn meta(&self, docs: &[Document], shards: Shards, word_prefixes: &str) -> Vec<u8> {
        let n = docs.len();
        let dated = docs.iter().filter(|d| d.1.is_some()).count();
        let meta = serde_json::json!({
            "format": FORMAT,
            "documents": n,
            "dated": dated,
            "termShards": shards.terms,
            "placeShards": shards.places,
            "accentShards": shards.accented,
            "docsPerShard": DOCS_PER_SHARD,
            "numberShards": number_shards(n),
            "afterShards": after_shards(n),
            "wordPrefixes": word_prefixes,
            "provinces": self.provinces,
            "types": self.types,
            "years": self.years,
            "widths": [Facets::width(self.provinces.len()), Facets::width(self.types.len()), Facets::width(self.years.len())],
        });
        format!("vanbanSearch.m({meta});\n").into_bytes()
    }

    /// `f.js`: three strings of fixed-width base-64 codes, one code per
    /// document: province, type, year (about 300 KB at 100,000 documents);
    /// then the dates, for a date range: `date*count,…`, each date (ISO, at
    /// the precision known) with how many documents in a row have it, from
    /// document 0 (the dated come first, in date order).
    fn codes_file(&self, docs: &[Document]) -> Vec<u8> {
        let encode = |pick: &dyn Fn(&(usize, usize, usize)) -> usize, width: usize| {
            let mut out = String::with_capacity(self.codes.len() * width);
            for code in &self.codes {
                let value = pick(code);
                for digit in (0..width).rev() {
                    out.push(char::from(postings::ALPHABET[(value >> (6 * digit)) & 63]));
                }
            }
            out
        };
        let provinces = encode(&|c| c.1, Facets::width(self.provinces.len()));
        let types = encode(&|c| c.0, Facets::width(self.types.len()));
        let years = encode(&|c| c.2, Facets::width(self.years.len()));
        let dates = date_runs(docs);
        format!("vanbanSearch.f(\"{provinces}\",\"{types}\",\"{years}\",\"{dates}\");\n").into_bytes()
    }
}

/// The dated documents' dates as runs, `2021-08-23*5,2021-08-24*1,…`.
fn date_runs(docs: &[Document]) -> String {
    let mut out = String::new();
    let mut run: Option<(PartialDate, usize)> = None;
    let dates = docs.iter().map_while(|d| d.1);
    for date in dates.map(Some).chain([None]) {
        match (&mut run, date) {
            (Some((current, count)), Some(date)) if *current == date => *count += 1,
            _ => {
                if let Some((current, count)) = run {
                    if !out.is_empty() {
                        out.push(',');
                    }
                    out.push_str(&format!("{current}*{count}"));
                }
                run = date.map(|date| (date, 1));
            }
        }
    }
    out
}

/// How many followers files (`a/{k}.js`) an index of `documents` has.
fn after_shards(documents: usize) -> usize {
    documents.div_ceil(DOCS_PER_AFTER_SHARD).max(1)
}

/// How many number files (`n/{k}.js`) an index of `documents` has.
fn number_shards(documents: usize) -> usize {
    documents.div_ceil(DOCS_PER_NUMBER_SHARD).max(1)
}

/// The number file a number's digits go to: the first run of digits of its
/// term, without leading zeros (`#07_kl_tw` → `7`), so that `7-KL/TW`,
/// `07-KL/TW` and `KL 07` all look in the same file.
pub fn number_key(term: &str) -> Option<&str> {
    let digits = term.trim_start_matches('#').split('_').find(|part| part.bytes().all(|b| b.is_ascii_digit()))?;
    let key = digits.trim_start_matches('0');
    Some(if key.is_empty() { "0" } else { key })
}

/// The prefixes of the word files (`w/{ab}.js`) among `files`, joined by
/// commas: meta.js lists them, so the client asks for no missing file.
fn word_prefixes(files: &[(String, Vec<u8>)]) -> String {
    let prefixes = files.iter().filter_map(|(path, _)| path.strip_prefix(&format!("{DIR}/w/"))?.strip_suffix(".js"));
    prefixes.collect::<Vec<_>>().join(",")
}

/// The lookup tables the client reads before the term shards, made from
/// the index's entries (`term:head:body`, in any order):
/// - `n/{k}.js`: each document's own number (a number term's head
///   postings), `07_kl_tw:12 345,…`, by [`number_key`];
/// - `w/{ab}.js`: the words (syllables) starting with `ab`, each with about
///   how many documents hold it, most held first: `ngai:530,ngay:420,…`,
///   so the word being typed can match as a prefix;
/// - `a/{k}.js`: each word's most frequent followers (from its pairs), with
///   how many documents hold each pair: `quang:nam 40 ngai 15,…`, so that
///   `Quảng Ng` completes to `ngai` though `nguoi` is far more common.
fn lookup_files<'e>(entries: impl Iterator<Item = &'e str>, documents: usize) -> Vec<(String, Vec<u8>)> {
    let n = documents as u32;
    let shards = number_shards(documents);
    let mut numbers: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut words: BTreeMap<&str, Vec<(usize, &str)>> = BTreeMap::new();
    // Each word's pairs: (documents, second word).
    let mut followers: HashMap<&str, Vec<(usize, &str)>, Fast> = HashMap::default();
    for entry in entries {
        let mut parts = entry.split(':');
        let (Some(term), Some(head), body) = (parts.next(), parts.next(), parts.next()) else { continue };
        if let Some(number) = term.strip_prefix('#') {
            let owners = postings::decode(head, n).unwrap_or_default();
            if let (false, Some(key)) = (owners.is_empty(), number_key(term)) {
                let ids: Vec<String> = owners.iter().map(u32::to_string).collect();
                numbers.entry(shard_of(key, shards)).or_default().push(format!("{number}:{}", ids.join(" ")));
            }
        } else {
            let held = postings::count(head, n).max(body.map_or(0, |b| postings::count(b, n)));
            match term.split_once('_') {
                Some((first, second)) => followers.entry(first).or_default().push((held, second)),
                None if term.len() >= 2 => words.entry(&term[..2]).or_default().push((held, term)),
                None => {}
            }
        }
    }
    let mut files = Vec::new();
    // Every number file, even empty, so the client never asks for a missing one.
    for k in 0..shards {
        let mut list = numbers.remove(&k).unwrap_or_default();
        list.sort_unstable();
        files.push((format!("{DIR}/n/{k}.js"), format!("vanbanSearch.n({k},\"{}\");\n", list.join(",")).into_bytes()));
    }
    for (prefix, mut list) in words {
        list.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let joined: Vec<String> = list.iter().map(|(held, word)| format!("{word}:{held}")).collect();
        let text = format!("vanbanSearch.w(\"{prefix}\",\"{}\");\n", joined.join(","));
        files.push((format!("{DIR}/w/{prefix}.js"), text.into_bytes()));
    }
    let after = after_shards(documents);
    let mut after_files: Vec<Vec<String>> = vec![Vec::new(); after];
    for (word, mut list) in followers {
        list.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        list.truncate(FOLLOWERS_KEPT);
        let joined: Vec<String> = list.iter().map(|(held, second)| format!("{second} {held}")).collect();
        after_files[shard_of(word, after)].push(format!("{word}:{}", joined.join(" ")));
    }
    for (k, list) in after_files.iter_mut().enumerate() {
        list.sort_unstable();
        let text = format!("vanbanSearch.a({k},\"{}\");\n", list.join(","));
        files.push((format!("{DIR}/a/{k}.js"), text.into_bytes()));
    }
    files
}

/// The indexer's own maps hash with rustc's FxHasher: keys are our own
/// terms, so flooding is no concern, and iteration order never reaches the
/// output (every map is sorted before it is written).
type Fast = rustc_hash::FxBuildHasher;

#[cfg(test)]
mod tests;
