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
//! | `tim-kiem/d/{k}.js` | when a result page shows a document `k × 32 … k × 32 + 31` | summaries |
//!
//! **Documents.** Every directive, and every cited directive whose text is
//! not in the archive (so `07-KL/TW` finds its page even when only cited).
//! They are numbered by date, oldest first, undated last, so "newest first"
//! needs no date in the client: a larger id among the dated is a later date.
//!
//! **Terms.** Text is folded exactly as [`crate::vietnamese::tokens`] does
//! (NFD, no marks, đ → d, lower case, split on anything but `a-z0-9`), which
//! the client mirrors (tests/fixtures/fold-cases.txt keeps the two equal).
//! Each document gives its syllables (`quang`), its adjacent syllable pairs
//! (`quang_ngai`: phrases and adjacency without storing positions, which for
//! 100,000 texts of 5 KB would be far too big) and, for its own number and
//! the numbers it cites, the whole number as one term (`#07_kl_tw`). Pairs do
//! not cross fields or paragraphs.
//!
//! **Postings.** Each term has two posting lists: the *head* fields (title,
//! number, type, issuer, province), which rank higher, and the *body* (text,
//! cited numbers, signer, recipients, tags, place). See [`postings`] for the
//! encodings. A term shard is a string `term:head:body,term:head:body,…`
//! sorted by term; terms go to shard `fnv1a32(term) % shards`, with the shard
//! count chosen so a shard averages [`TARGET_SHARD_BYTES`].

pub mod postings;

use crate::index::{Archive, CitedId, DocId};
use crate::model::{PartialDate, Scope};
use crate::plan::Plan;
use crate::provinces::ProvinceId;
use crate::vietnamese::{canonical_tones, collation_key, fold, for_each_token, slugify, tokens};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// The folder of the index in the output, beside the search page.
pub const DIR: &str = "tim-kiem";
/// Document summaries per `d/{k}.js` file. A result page shows 20 results,
/// which may fall in 20 different files; at about 500 bytes a summary, 32 a
/// file keeps that under 400 KB, where 1,000 a file would be 10 MB.
pub const DOCS_PER_SHARD: usize = 32;
/// Average size aimed at for a term shard. A typical query needs 5 to 15
/// terms, each in its own shard, so this bounds what a query loads (at
/// 40 KB: 200 to 600 KB) while keeping the file count at about one per
/// 40 KB of index.
pub const TARGET_SHARD_BYTES: usize = 40_000;
/// Characters of a directive's text kept for the result snippet.
const LEAD_CHARS: usize = 240;
/// Documents per unit of parallel work while indexing.
const CHUNK_DOCS: usize = 1024;
/// Version of the file format, checked by the client.
pub const FORMAT: u32 = 1;

/// Everything under `tim-kiem/`, with a few figures for reports.
pub struct SearchIndex {
    /// (path relative to the archive root, bytes), sorted by path.
    pub files: Vec<(String, Vec<u8>)>,
    pub documents: usize,
    pub terms: usize,
    pub term_shards: usize,
}

/// What indexing a run of documents gives: its terms, and each document's summary.
type ChunkOutput = (Vec<(String, Postings)>, Vec<String>);

/// A search document: a directive, or a cited directive not in the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Directive(DocId),
    Cited(CitedId),
}

/// Builds the whole index. Deterministic: the same plan gives the same bytes,
/// whatever the number of threads (parallel work is collected in order and
/// every map is sorted before it is written).
pub fn files(plan: &Plan) -> SearchIndex {
    let archive = plan.archive;
    let docs = documents(archive);
    let n = docs.len();
    let facets = Facets::new(plan, &docs);

    let chunks: Vec<ChunkOutput> = docs
        .par_chunks(CHUNK_DOCS)
        .enumerate()
        .map(|(c, chunk)| {
            let mut index = ChunkIndex::default();
            let mut summaries = Vec::with_capacity(chunk.len());
            for (i, &(source, _)) in chunk.iter().enumerate() {
                let id = (c * CHUNK_DOCS + i) as u32;
                let fields = fields(plan, source);
                for text in &fields.head {
                    index.add_text(id, true, text);
                }
                for text in &fields.body {
                    index.add_text(id, false, text);
                }
                for (term, head) in &fields.exact {
                    index.exact.entry(term.clone()).or_default().add(id, *head);
                }
                summaries.push(summary(plan, source, &facets, id as usize, &fields.lead));
            }
            (index.into_terms(), summaries)
        })
        .collect();

    let mut merged: HashMap<String, Postings, Fast> = HashMap::default();
    let mut summaries: Vec<String> = Vec::with_capacity(n);
    for (terms, chunk_summaries) in chunks {
        for (term, postings) in terms {
            let entry = merged.entry(term).or_default();
            entry.head.extend(postings.head);
            entry.body.extend(postings.body);
        }
        summaries.extend(chunk_summaries);
    }
    let mut terms: Vec<(String, Postings)> = merged.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));

    let entries: Vec<(u32, String)> = terms
        .par_iter()
        .map(|(term, p)| {
            let (head, body) = (postings::encode(&p.head, n as u32), postings::encode(&p.body, n as u32));
            (fnv1a(term), format!("{term}:{head}:{body}"))
        })
        .collect();
    let total: usize = entries.iter().map(|(_, e)| e.len() + 1).sum();
    let shards = total.div_ceil(TARGET_SHARD_BYTES).max(1);
    let mut buckets: Vec<Vec<&str>> = vec![Vec::new(); shards];
    for (hash, entry) in &entries {
        buckets[*hash as usize % shards].push(entry);
    }

    let mut out: Vec<(String, Vec<u8>)> = Vec::with_capacity(shards + n / DOCS_PER_SHARD + 3);
    out.push((format!("{DIR}/meta.js"), facets.meta(n, &docs, shards).into_bytes()));
    out.push((format!("{DIR}/f.js"), facets.codes_file().into_bytes()));
    for (k, bucket) in buckets.iter().enumerate() {
        let body = serde_json::to_string(&bucket.join(",")).expect("a string");
        out.push((format!("{DIR}/t/{k}.js"), format!("vanbanSearch.t({k},{body});\n").into_bytes()));
    }
    for (k, shard) in summaries.chunks(DOCS_PER_SHARD).enumerate() {
        out.push((format!("{DIR}/d/{k}.js"), format!("vanbanSearch.d({k},[{}]);\n", shard.join(",")).into_bytes()));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    SearchIndex { files: out, documents: n, terms: terms.len(), term_shards: shards }
}

/// Search documents in id order: by date, oldest first, undated last; a
/// directive before a cited directive of the same date. Archive order is
/// already by date, so directives keep their relative order.
fn documents(archive: &Archive) -> Vec<(Source, Option<PartialDate>)> {
    let directives = archive.directives.iter().enumerate().map(|(id, d)| (Source::Directive(id), d.date));
    let cited = archive
        .cited
        .iter()
        .enumerate()
        .filter(|(_, c)| c.in_archive.is_none())
        .map(|(id, c)| (Source::Cited(id), c.date));
    let mut docs: Vec<(Source, Option<PartialDate>)> = directives.chain(cited).collect();
    docs.sort_by_key(|&(source, date)| (date.is_none(), date, source));
    docs
}

/// 32-bit FNV-1a of the term's bytes: the client computes the same to find
/// a term's shard (`hash` in search.js).
pub fn fnv1a(term: &str) -> u32 {
    term.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// The shard of a term in an index of `shards` term shards.
pub fn shard_of(term: &str, shards: usize) -> usize {
    fnv1a(term) as usize % shards
}

/// The one-term form of a directive number: `07-KL/TW` → `#07_kl_tw`.
pub fn number_term(number: &str) -> Option<String> {
    let parts = tokens(number);
    (!parts.is_empty()).then(|| format!("#{}", parts.join("_")))
}

/// What a document contributes to the index, and the start of its text.
struct Fields {
    head: Vec<String>,
    body: Vec<String>,
    /// Whole-number terms, each with whether it is a head field.
    exact: Vec<(String, bool)>,
    lead: Option<String>,
}

fn fields(plan: &Plan, source: Source) -> Fields {
    let archive = plan.archive;
    let province_name = |p: Option<ProvinceId>| p.map(|p| plan.provinces.get(p).name.clone());
    match source {
        Source::Directive(id) => {
            let d = &archive.directives[id];
            let number = d.number.as_ref().map(|n| n.canonical());
            let head = [Some(d.title.clone()), number.clone(), d.type_name.clone(), d.issuer.clone()]
                .into_iter()
                .chain([province_name(d.province)])
                .flatten()
                .collect();
            let blocks = text_blocks(&d.body);
            let lead = lead(&blocks);
            let cites: Vec<&str> = archive.cites_of[id].iter().map(|&c| archive.cited[c].key.number.as_str()).collect();
            let mut body = blocks;
            body.extend(cites.iter().map(|c| c.to_string()));
            if let Some(signer) = &d.signer {
                body.extend([&signer.name, &signer.position, &signer.authority].into_iter().flatten().cloned());
            }
            body.extend(d.recipients.iter().cloned());
            body.extend(d.tags.iter().cloned());
            body.extend(d.place.iter().cloned());
            let mut exact: Vec<(String, bool)> =
                number.as_deref().and_then(number_term).map(|t| (t, true)).into_iter().collect();
            exact.extend(cites.iter().filter_map(|c| number_term(c)).map(|t| (t, false)));
            Fields { head, body, exact, lead }
        }
        Source::Cited(id) => {
            let c = &archive.cited[id];
            let province = match c.key.scope {
                Scope::Province(p) => Some(p),
                _ => None,
            };
            let head = [Some(c.key.number.clone()), c.title.clone(), c.type_name.clone(), c.issuer.clone()]
                .into_iter()
                .chain([province_name(province)])
                .flatten()
                .collect();
            let exact = number_term(&c.key.number).map(|t| (t, true)).into_iter().collect();
            Fields { head, body: Vec::new(), exact, lead: None }
        }
    }
}

/// The plain text of a directive's Markdown, one string per block
/// (paragraph, list item, heading, cell), without markup, links' targets or
/// raw HTML, which the page does not show either.
pub fn text_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        let text = current.trim();
        if text.contains("  ") || text.contains(|c: char| c.is_whitespace() && c != ' ') {
            blocks.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
        } else if !text.is_empty() {
            blocks.push(text.to_string());
        }
        current.clear();
    };
    // Inside raw <script> or <style>: the page's sanitiser drops it, so must we.
    let mut hidden = false;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                let tag = html.trim_start().to_ascii_lowercase();
                if tag.starts_with("<script") || tag.starts_with("<style") {
                    hidden = !(tag.contains("</script") || tag.contains("</style"));
                } else if tag.starts_with("</script") || tag.starts_with("</style") {
                    hidden = false;
                }
            }
            Event::Text(_) | Event::Code(_) if hidden => {}
            Event::Text(text) | Event::Code(text) => current.push_str(&text),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::Start(tag) if is_block(&tag) => flush(&mut current),
            Event::End(tag) if is_block_end(&tag) => flush(&mut current),
            _ => {}
        }
    }
    flush(&mut current);
    blocks
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::TableCell
            | Tag::TableRow
            | Tag::TableHead
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::TableRow
            | TagEnd::TableHead
    )
}

/// The first [`LEAD_CHARS`] characters of the text, cut at a word, for the snippet.
fn lead(blocks: &[String]) -> Option<String> {
    let mut text = String::new();
    for block in blocks {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(block);
        if text.chars().count() > LEAD_CHARS {
            break;
        }
    }
    if text.is_empty() {
        return None;
    }
    if text.chars().count() <= LEAD_CHARS {
        return Some(text);
    }
    let cut: String = text.chars().take(LEAD_CHARS).collect();
    let cut = cut.rfind(' ').map_or(cut.as_str(), |space| &cut[..space]);
    Some(format!("{}…", cut.trim_end_matches([',', ';', ':', ' '])))
}

/// One document's summary, a JSON array (see search.js `summary`):
/// `[number, type code, province code, ISO date, shown date, title, href,
/// lead, flags, citers, issuer]`; flags 1 = cited directive not in the archive.
fn summary(plan: &Plan, source: Source, facets: &Facets, id: usize, lead: &Option<String>) -> String {
    let archive = plan.archive;
    let (type_code, province_code, _) = facets.codes[id];
    // Serialised as tuples, straight to text (a serde_json::Value per
    // document would allocate every field twice).
    let text = match source {
        Source::Directive(d) => {
            let doc = &archive.directives[d];
            serde_json::to_string(&(
                &doc.number_printed,
                type_code,
                province_code,
                doc.date.map(|x| x.to_string()),
                doc.date.map(|x| x.display_vi()),
                &doc.title,
                plan.directive_path(d),
                lead,
                0,
                0,
                &doc.issuer,
            ))
        }
        Source::Cited(c) => {
            let cited = &archive.cited[c];
            serde_json::to_string(&(
                cited.key.number.as_str(),
                type_code,
                province_code,
                cited.date.map(|x| x.to_string()),
                cited.date.map(|x| x.display_vi()),
                &cited.title,
                plan.cited_path(c),
                None::<&str>,
                1,
                cited.citers.len(),
                &cited.issuer,
            ))
        }
    };
    text.expect("plain data serialises")
}

/// The facet vocabularies (province, type, year) and each document's codes
/// in them; code 0 is "none" (central body, no type, undated).
struct Facets {
    /// (slug, name), in Vietnamese alphabetical order.
    provinces: Vec<(String, String)>,
    types: Vec<(String, String)>,
    years: Vec<i32>,
    /// Per document: (type, province, year) codes.
    codes: Vec<(usize, usize, usize)>,
}

impl Facets {
    fn new(plan: &Plan, docs: &[(Source, Option<PartialDate>)]) -> Facets {
        let archive = plan.archive;
        let facts: Vec<(Option<&str>, Option<ProvinceId>)> = docs
            .iter()
            .map(|&(source, _)| match source {
                Source::Directive(d) => {
                    let doc = &archive.directives[d];
                    (doc.type_name.as_deref(), doc.province)
                }
                Source::Cited(c) => {
                    let cited = &archive.cited[c];
                    let province = match cited.key.scope {
                        Scope::Province(p) => Some(p),
                        _ => None,
                    };
                    (cited.type_name.as_deref(), province)
                }
            })
            .collect();

        // Provinces that have documents, in the archive's alphabetical order.
        let present: BTreeSet<ProvinceId> = facts.iter().filter_map(|f| f.1).collect();
        let province_ids: Vec<ProvinceId> =
            archive.province_order.iter().copied().filter(|p| present.contains(p)).collect();
        let provinces =
            province_ids.iter().map(|&p| (plan.provinces.get(p).slug.clone(), plan.provinces.get(p).name.clone()));
        let province_code: HashMap<ProvinceId, usize> =
            province_ids.iter().enumerate().map(|(i, &p)| (p, i + 1)).collect();

        // Types merge spelling variants as the type pages do; a type is named
        // by its spelling in the type groups, else its first spelling here.
        let key = |name: &str| fold(&canonical_tones(name));
        let mut type_names: BTreeMap<String, String> =
            archive.types.iter().map(|g| (key(&g.name), g.name.clone())).collect();
        for name in facts.iter().filter_map(|f| f.0) {
            type_names.entry(key(name)).or_insert_with(|| name.to_string());
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
            .map(|(&(type_name, province), &(_, date))| {
                (
                    type_name.map_or(0, |t| type_code[key(t).as_str()]),
                    province.map_or(0, |p| province_code[&p]),
                    date.map_or(0, |d| years.binary_search(&d.year).expect("listed") + 1),
                )
            })
            .collect();
        Facets { provinces: provinces.collect(), types, years, codes }
    }

    /// Characters per code: enough base-64 digits for the largest code.
    fn width(vocabulary: usize) -> usize {
        let mut width = 1;
        while 64usize.pow(width as u32) <= vocabulary {
            width += 1;
        }
        width
    }

    fn meta(&self, n: usize, docs: &[(Source, Option<PartialDate>)], shards: usize) -> String {
        let dated = docs.iter().filter(|d| d.1.is_some()).count();
        let meta = serde_json::json!({
            "format": FORMAT,
            "documents": n,
            "dated": dated,
            "termShards": shards,
            "docsPerShard": DOCS_PER_SHARD,
            "provinces": self.provinces,
            "types": self.types,
            "years": self.years,
            "widths": [Facets::width(self.provinces.len()), Facets::width(self.types.len()), Facets::width(self.years.len())],
        });
        format!("vanbanSearch.m({meta});\n")
    }

    /// `f.js`: three strings of fixed-width base-64 codes, one code per
    /// document: province, type, year (about 300 KB at 100,000 documents).
    fn codes_file(&self) -> String {
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
        format!("vanbanSearch.f(\"{provinces}\",\"{types}\",\"{years}\");\n")
    }
}

/// A fast, non-cryptographic hasher for the indexer's own maps (keys are
/// our own terms, so flooding is no concern). Iteration order never reaches
/// the output: every map is sorted before it is written.
#[derive(Default)]
struct FastHasher(u64);

/// The multiplier of rustc's FxHasher.
const SEED: u64 = 0x517c_c1b7_2722_0a95;

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(SEED);
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(SEED);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(SEED);
    }
}

type Fast = BuildHasherDefault<FastHasher>;

/// The documents holding a term, in its head fields and in its body.
#[derive(Default, Debug, Clone, PartialEq, Eq)]
pub struct Postings {
    pub head: Vec<u32>,
    pub body: Vec<u32>,
    /// The last document added to each list, plus one (0: none): a term
    /// repeated in a document is then skipped without reading the list,
    /// which would be a cache miss.
    last: [u32; 2],
}

impl Postings {
    fn add(&mut self, doc: u32, head: bool) {
        let slot = usize::from(!head);
        if self.last[slot] != doc + 1 {
            self.last[slot] = doc + 1;
            if head { &mut self.head } else { &mut self.body }.push(doc);
        }
    }
}

/// The terms of a run of documents. Syllables are interned so that pairs
/// are counted without building a string per occurrence; a syllable of up
/// to 8 characters (nearly all) is looked up by its bytes as one integer.
#[derive(Default)]
struct ChunkIndex {
    words: Vec<String>,
    short_ids: HashMap<u64, u32, Fast>,
    long_ids: HashMap<String, u32, Fast>,
    /// By syllable id.
    unigrams: Vec<Postings>,
    /// By pair of syllable ids, first << 32 | second.
    bigrams: HashMap<u64, Postings, Fast>,
    exact: HashMap<String, Postings, Fast>,
}

/// A word of at most 8 bytes as an integer; words never contain a zero byte.
fn packed(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    (bytes.len() <= 8).then(|| {
        let mut buffer = [0u8; 8];
        buffer[..bytes.len()].copy_from_slice(bytes);
        u64::from_le_bytes(buffer)
    })
}

impl ChunkIndex {
    fn add_text(&mut self, doc: u32, head: bool, text: &str) {
        let mut previous: Option<u32> = None;
        for_each_token(text, |word| {
            let known = match packed(word) {
                Some(key) => self.short_ids.get(&key),
                None => self.long_ids.get(word),
            };
            let id = match known {
                Some(&id) => id,
                None => {
                    let id = self.words.len() as u32;
                    match packed(word) {
                        Some(key) => self.short_ids.insert(key, id),
                        None => self.long_ids.insert(word.to_string(), id),
                    };
                    self.words.push(word.to_string());
                    self.unigrams.push(Postings::default());
                    id
                }
            };
            self.unigrams[id as usize].add(doc, head);
            if let Some(previous) = previous {
                self.bigrams.entry(u64::from(previous) << 32 | u64::from(id)).or_default().add(doc, head);
            }
            previous = Some(id);
        });
    }

    fn into_terms(self) -> Vec<(String, Postings)> {
        let words = &self.words;
        let mut terms: Vec<(String, Postings)> = Vec::with_capacity(self.unigrams.len() + self.bigrams.len());
        terms.extend(self.unigrams.into_iter().zip(words).map(|(p, w)| (w.clone(), p)));
        terms.extend(
            self.bigrams
                .into_iter()
                .map(|(pair, p)| (format!("{}_{}", words[(pair >> 32) as usize], words[pair as u32 as usize]), p)),
        );
        terms.extend(self.exact);
        terms
    }
}

#[cfg(test)]
mod tests;
