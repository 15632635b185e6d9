//! The inverted index of the whole archive: every term with the documents
//! holding it, built in parallel runs of documents, then encoded.
//!
//! Each worker thread keeps its own vocabulary from run to run: a syllable
//! as written, of up to 16 bytes (nearly all), is looked up by its bytes as
//! one integer, in a table of those read lately, and folded only when it
//! is not there; a pair by its two syllables' ids; beside each term's id sits the
//! last (document, field) it was seen in, so a repeat costs nothing more.
//! A run records each new (term, field) of each document in one flat list,
//! then sorts it by term (counting sort), which gives every term's
//! documents in order. Runs are merged in document order, a wave of runs at
//! a time: the few new terms are numbered in one shared vocabulary, then
//! the postings are appended in parallel, each thread taking a share of the
//! terms, kept as variable-length gaps (about a byte a posting), and the
//! pairs' places go to files ([`super::spill`]). Term names are spelled out
//! once, when each term is encoded.

use super::places::next_text;
use super::spill::{self, Scratch, Spill, Terms};
use super::text::{walk, Texts};
use super::{fnv1a, postings, summary_path, summary_shard, Document, Fast, Source, DOCS_PER_SHARD};
use crate::plan::Plan;
use crate::text::vietnamese::{for_each_marked_token, spelled_stretches, Spelled};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::Hasher;
use std::path::Path;
use std::sync::Mutex;

/// How the work is cut up: it changes nothing in the index, only what is
/// held at once (the tests make everything small to cut it up finely).
#[derive(Clone, Copy)]
pub(crate) struct Sizes {
    /// Documents per unit of parallel work (a multiple of the summaries
    /// per file, [`DOCS_PER_SHARD`], so that each file's lie in one run).
    pub chunk_docs: usize,
    /// Units per wave, per thread: the runs held in memory before they are merged.
    pub wave_per_thread: usize,
    /// Bytes of spilled places per group of shards ([`spill::GROUP_BYTES`]).
    pub group_bytes: u64,
}

pub(crate) const SIZES: Sizes = Sizes { chunk_docs: 512, wave_per_thread: 4, group_bytes: spill::GROUP_BYTES };
const _: () = assert!(SIZES.chunk_docs.is_multiple_of(DOCS_PER_SHARD));

/// A term: a syllable, a pair of syllables (by their term ids), a whole
/// number, a syllable with its marks (its term id and marks,
/// [`super::accents`]).
#[derive(Clone)]
enum Name {
    Word(Box<str>),
    Pair(u32, u32),
    Number(Box<str>),
    Accented(u32, u32),
}

/// A word read: its index in the vocabulary's `words`, its term id there
/// (kept beside it, not looked up for each word read) and its accented
/// term, if it has marks.
#[derive(Clone, Copy, Default)]
struct Word {
    index: u32,
    term: u32,
    accented: Option<u32>,
}

/// Slots of the tables of terms looked up lately (`2^RECENT_BITS`).
const RECENT_BITS: u32 = 13;
/// Slots of the table of pairs looked up lately: more pairs than words
/// recur (`2^PAIR_BITS`).
const PAIR_BITS: u32 = 14;

/// One worker thread's vocabulary, kept from run to run.
#[derive(Default)]
struct Vocabulary {
    /// Words by their bytes (up to 8) or spelled out, to their index in `words`.
    short: HashMap<u64, u32, Fast>,
    /// Words looked up lately, by their bytes (no word packs to 0).
    recent: Recent<u64, u32>,
    /// Words as written lately (up to 16 bytes, [`spelling_key`]), as
    /// [`Word`]s: most words are found here, neither folded nor looked up
    /// again.
    spellings: Recent<u128, Word>,
    long: HashMap<Box<str>, u32, Fast>,
    /// Each word's term id.
    words: Vec<u32>,
    /// Pairs of word indices (first × 2^32 + second), and those looked up
    /// lately (by first + 1, so that none is 0): most pairs recur ("quảng
    /// ngãi", "ủy ban") and are found there.
    pairs: HashMap<u64, u32, Fast>,
    recent_pairs: Recent<u64, u32, PAIR_BITS>,
    numbers: HashMap<Box<str>, u32, Fast>,
    /// Accented words: word index × 2^32 + marks, and those looked up lately.
    accented: HashMap<u64, u32, Fast>,
    recent_accented: Recent<u64, u32>,
    /// By the worker's term id.
    names: Vec<Name>,
    /// By term id: the last (document, field) the term was seen in, as
    /// `document × 2 + field + 1` (0: none). A document's head fields are
    /// read before its body, so one mark serves both fields.
    seen: Vec<u32>,
}

impl Vocabulary {
    fn add(&mut self, name: Name) -> u32 {
        self.names.push(name);
        self.seen.push(0);
        self.names.len() as u32 - 1
    }

    fn add_word(&mut self, word: &str) -> u32 {
        let id = self.add(Name::Word(word.into()));
        self.words.push(id);
        self.words.len() as u32 - 1
    }

    /// The word's index in `words`.
    fn word(&mut self, word: &str) -> u32 {
        match packed(word) {
            Some(key) => {
                let slot = match self.recent.get(key, key) {
                    Ok(w) => return w,
                    Err(slot) => slot,
                };
                let w = match self.short.get(&key) {
                    Some(&w) => w,
                    None => {
                        let w = self.add_word(word);
                        self.short.insert(key, w);
                        w
                    }
                };
                self.recent.0[slot] = (key, w);
                w
            }
            None => match self.long.get(word) {
                Some(&w) => w,
                None => {
                    let w = self.add_word(word);
                    self.long.insert(word.into(), w);
                    w
                }
            },
        }
    }

    /// The term id of the pair of words (indices in `words`). Inlined
    /// into the indexer's loop, as is [`Vocabulary::spelled`]: most are
    /// found at once, and a call would cost as much again.
    #[inline(always)]
    fn pair(&mut self, first: u32, second: u32) -> u32 {
        let key = u64::from(first) << 32 | u64::from(second);
        match self.recent_pairs.get(key + (1 << 32), key) {
            Ok(pair) => pair,
            Err(slot) => self.pair_missed(key, slot),
        }
    }

    /// [`Vocabulary::pair`] of a pair not looked up lately (`key`), to be
    /// remembered in `slot`.
    #[cold]
    #[inline(never)]
    fn pair_missed(&mut self, key: u64, slot: usize) -> u32 {
        let (first, second) = ((key >> 32) as usize, key as u32 as usize);
        let pair = match self.pairs.get(&key) {
            Some(&pair) => pair,
            None => {
                let pair = self.add(Name::Pair(self.words[first], self.words[second]));
                self.pairs.insert(key, pair);
                pair
            }
        };
        self.recent_pairs.0[slot] = (key + (1 << 32), pair);
        pair
    }

    /// The term id of the word (index in `words`) with its marks (not 0).
    fn accented(&mut self, word: u32, marks: u32) -> u32 {
        let key = u64::from(word) << 32 | u64::from(marks);
        let slot = match self.recent_accented.get(key, key) {
            Ok(id) => return id,
            Err(slot) => slot,
        };
        let id = match self.accented.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.add(Name::Accented(self.words[word as usize], marks));
                self.accented.insert(key, id);
                id
            }
        };
        self.recent_accented.0[slot] = (key, id);
        id
    }

    /// The word with its marks.
    fn folded(&mut self, word: &str, marks: u32) -> Word {
        let w = self.word(word);
        Word { index: w, term: self.words[w as usize], accented: (marks != 0).then(|| self.accented(w, marks)) }
    }

    /// [`Vocabulary::folded`] of a word as written ([`Spelled::Written`]),
    /// folded only when it was not read lately.
    #[inline(always)]
    fn spelled(&mut self, spelling: &str) -> Option<Word> {
        let Some(key) = spelling_key(spelling) else { return self.fold(spelling) };
        let slot = match self.spellings.get(key, (key >> 64) as u64 ^ key as u64) {
            Ok(found) => return Some(found),
            Err(slot) => slot,
        };
        let found = self.fold(spelling)?;
        self.spellings.0[slot] = (key, found);
        Some(found)
    }

    /// Folds a word as written, which gives one word (`None` would say
    /// that it holds none, like a text of marks alone). Out of line: most
    /// words are found without it.
    #[cold]
    #[inline(never)]
    fn fold(&mut self, spelling: &str) -> Option<Word> {
        let mut found = None;
        for_each_marked_token(spelling, |word, marks| found = Some(self.folded(word, marks)));
        found
    }

    fn number(&mut self, term: &str) -> u32 {
        match self.numbers.get(term) {
            Some(&id) => id,
            None => {
                let id = self.add(Name::Number(term.into()));
                self.numbers.insert(term.into(), id);
                id
            }
        }
    }
}

/// Keys (not 0) looked up lately, with their values: a direct-mapped table
/// in front of a map, so that most are found with one multiplication and
/// one load.
struct Recent<K, V, const BITS: u32 = RECENT_BITS>(Vec<(K, V)>);

impl<K: Copy + Default, V: Copy + Default, const BITS: u32> Default for Recent<K, V, BITS> {
    fn default() -> Self {
        Recent(vec![(K::default(), V::default()); 1 << BITS])
    }
}

impl<K: Copy + Eq, V: Copy, const BITS: u32> Recent<K, V, BITS> {
    /// The key's value, or the slot to put it in; `hash` mixes the key into 64 bits.
    fn get(&self, key: K, hash: u64) -> Result<V, usize> {
        let slot = (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - BITS)) as usize;
        let (recent, value) = self.0[slot];
        if recent == key {
            Ok(value)
        } else {
            Err(slot)
        }
    }
}

/// A word as written, of at most 16 bytes, as an integer: its bytes in
/// order from the lowest, then zeros. A spelling holds no zero byte (a
/// separator), so no two pack alike, and none packs to 0. Read as two
/// overlapping words, the second shifted past the bytes the first holds,
/// rather than copied byte by byte: every word read goes through here.
fn spelling_key(spelling: &str) -> Option<u128> {
    let bytes = spelling.as_bytes();
    let n = bytes.len();
    let le64 = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let le32 = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    // The bytes past `at` of the `width` bytes read from `n - width`, which
    // overlap those read from 0 when `n < 2 × width`.
    let past =
        |word: u64, width: usize, at: usize| word.checked_shr(8 * (2 * width - n) as u32).unwrap_or(0) << (8 * at);
    Some(match n {
        8..=16 => u128::from(le64(0)) | u128::from(past(le64(n - 8), 8, 0)) << 64,
        4..=7 => u128::from(u64::from(le32(0)) | past(u64::from(le32(n - 4)), 4, 4)),
        0..=3 => u128::from(bytes.iter().rev().fold(0u64, |key, &b| key << 8 | u64::from(b))),
        _ => return None,
    })
}

/// A word of at most 8 bytes as an integer; words never contain a zero byte.
fn packed(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    (bytes.len() <= 8).then(|| bytes.iter().rev().fold(0u64, |key, &b| key << 8 | u64::from(b)))
}

/// The terms of texts read before, so that a text read again (an issuer, a
/// province, a recipient, a formula repeated from directive to directive)
/// is not split into words and looked up again: a text is remembered the
/// second time it is read, until the budget is spent.
struct Cache {
    /// A text's hash → where its text is in `texts`, its terms in `terms`,
    /// its pairs in `sequence`, and how many words it has.
    entries: HashMap<u64, [u32; 6], Fast>,
    texts: String,
    /// Each text's distinct term ids.
    terms: Vec<u32>,
    /// Each text's pairs in order (their positions, see [`super::places`]).
    sequence: Vec<u32>,
    /// Hashes of texts read once, by their low bits (a collision only
    /// delays remembering).
    once: Vec<u64>,
    /// The mark of the text being remembered, and each term's last mark.
    text: u32,
    marks: Vec<u32>,
}

/// Bytes of remembered texts per worker thread, and their terms.
const CACHE_TEXT_BYTES: usize = 4 << 20;
const CACHE_TERMS: usize = 1 << 20;
const CACHE_ONCE: usize = 1 << 18;

impl Default for Cache {
    fn default() -> Cache {
        Cache {
            entries: HashMap::default(),
            // Reserved whole, never grown: only the pages written are
            // resident, and no doubling leaves a half-sized copy behind.
            texts: String::with_capacity(CACHE_TEXT_BYTES),
            terms: Vec::with_capacity(CACHE_TERMS),
            sequence: Vec::with_capacity(CACHE_TERMS),
            once: vec![0; CACHE_ONCE],
            text: 0,
            marks: Vec::new(),
        }
    }
}

impl Cache {
    /// A hash of the text's length and of its first and last 32 bytes:
    /// enough to tell texts apart (a text found is compared in full).
    fn hash(text: &str) -> u64 {
        let bytes = text.as_bytes();
        let mut hasher = rustc_hash::FxHasher::default();
        hasher.write_u64(bytes.len() as u64);
        if bytes.len() <= 64 {
            hasher.write(bytes);
        } else {
            hasher.write(&bytes[..32]);
            hasher.write(&bytes[bytes.len() - 32..]);
        }
        hasher.finish()
    }

    /// The terms of `text` (whose hash is `hash`) if it was remembered,
    /// with its pairs in order and its number of words.
    fn find(&self, hash: u64, text: &str) -> Option<(&[u32], &[u32], u32)> {
        let &[start, end, first, last, pairs, words] = self.entries.get(&hash)?;
        let sequence = &self.sequence[pairs as usize..(pairs + words.saturating_sub(1)) as usize];
        (&self.texts[start as usize..end as usize] == text)
            .then(|| (&self.terms[first as usize..last as usize], sequence, words))
    }

    /// Whether to remember the terms of `text`, read now.
    fn admit(&mut self, hash: u64, text: &str) -> bool {
        let once = &mut self.once[hash as usize % CACHE_ONCE];
        if *once != hash {
            *once = hash;
            return false;
        }
        self.texts.len() + text.len() <= CACHE_TEXT_BYTES
            && self.terms.len() + text.len() <= CACHE_TERMS
            && self.sequence.len() + text.len() <= CACHE_TERMS
            && !self.entries.contains_key(&hash)
    }
}

/// Reads a run of documents into a worker's vocabulary.
struct Reader<'v> {
    vocabulary: &'v mut Vocabulary,
    cache: &'v mut Cache,
    /// `term × 2 + field` (0 head, 1 body) for each new (term, field) of
    /// each document; the worker's buffer, reused from run to run.
    hits: &'v mut Vec<u32>,
    /// Where each document's hits end.
    ends: Vec<u32>,
    /// `pair term × 2^32 + position` for each pair of words read, in order
    /// (see [`super::places`]); the worker's buffer, like `hits`.
    places: &'v mut Vec<u64>,
    /// Where each document's places end.
    place_ends: Vec<u32>,
    /// `document × 2 + 1`: the mark of the document's head fields.
    mark: u32,
    /// The position of the next text's first word in the document.
    base: u32,
}

impl Reader<'_> {
    /// Records the term in this document and field, the first time only.
    fn hit(seen: &mut [u32], hits: &mut Vec<u32>, mark: u32, id: u32, head: bool) {
        let field = Field::new(mark, head);
        field.hit(seen, hits, id);
    }
}

/// A field of a document (head or body), as its hits are recorded.
#[derive(Clone, Copy)]
struct Field {
    /// The document's mark ([`Reader::mark`]) plus the field.
    mark: u32,
    /// 0 head, 1 body.
    field: u32,
}

impl Field {
    fn new(mark: u32, head: bool) -> Field {
        let field = u32::from(!head);
        Field { mark: mark + field, field }
    }

    /// Records the term in this field, the first time only.
    #[inline(always)]
    fn hit(self, seen: &mut [u32], hits: &mut Vec<u32>, id: u32) {
        let seen = &mut seen[id as usize];
        if *seen != self.mark {
            *seen = self.mark;
            hits.push(id << 1 | self.field);
        }
    }
}

impl Texts for Reader<'_> {
    fn text(&mut self, head: bool, text: &str) {
        let Reader { vocabulary: v, cache, hits, mark, places, base, .. } = self;
        let hash = Cache::hash(text);
        if let Some((terms, sequence, words)) = cache.find(hash, text) {
            for &id in terms {
                Reader::hit(&mut v.seen, hits, *mark, id, head);
            }
            places.extend((*base..).zip(sequence).map(|(at, &pair)| u64::from(pair) << 32 | u64::from(at)));
            *base = next_text(*base, words);
            return;
        }
        let remember = cache.admit(hash, text);
        let first = cache.terms.len();
        cache.text += 1;
        let pairs = cache.sequence.len();
        let field = Field::new(*mark, head);
        let mut words = Words { v, cache, hits, places, field, base: *base, previous: None, count: 0 };
        // Two loops, so that the one nearly every text takes asks nothing of the cache.
        if remember {
            words.read::<true>(text);
        } else {
            words.read::<false>(text);
        }
        let words = words.count;
        *base = next_text(*base, words);
        if remember {
            // In id order, the marks they are replayed against are read in order.
            cache.terms[first..].sort_unstable();
            let start = cache.texts.len() as u32;
            cache.texts.push_str(text);
            let entry = [start, cache.texts.len() as u32, first as u32, cache.terms.len() as u32, pairs as u32, words];
            cache.entries.insert(hash, entry);
        }
    }

    fn number(&mut self, head: bool, term: &str) {
        let id = self.vocabulary.number(term);
        Reader::hit(&mut self.vocabulary.seen, self.hits, self.mark, id, head);
    }
}

/// The words of one text being read ([`Reader::text`]), taken one at a time.
struct Words<'r> {
    v: &'r mut Vocabulary,
    cache: &'r mut Cache,
    hits: &'r mut Vec<u32>,
    places: &'r mut Vec<u64>,
    field: Field,
    /// The position of the text's first word.
    base: u32,
    /// The word before (its index in the vocabulary's `words`).
    previous: Option<u32>,
    /// Words taken so far.
    count: u32,
}

impl Words<'_> {
    /// Takes the words of `text`, its terms and pairs going to the cache
    /// too when `REMEMBER`.
    #[inline(always)]
    fn read<const REMEMBER: bool>(&mut self, text: &str) {
        for stretch in spelled_stretches(text) {
            match stretch {
                Spelled::Written(spelling) => {
                    if let Some(word) = self.v.spelled(spelling) {
                        self.take::<REMEMBER>(word);
                    }
                }
                Spelled::Mixed(stretch) => self.take_mixed::<REMEMBER>(stretch),
            }
        }
    }

    /// Takes a word: its terms, and the pair it ends. Inlined into the
    /// loop over the text: it runs for every word of the archive.
    #[inline(always)]
    fn take<const REMEMBER: bool>(&mut self, Word { index: w, term, accented }: Word) {
        if let Some(id) = accented {
            self.hit::<REMEMBER>(id);
        }
        self.hit::<REMEMBER>(term);
        if let Some(previous) = self.previous {
            let pair = self.v.pair(previous, w);
            self.hit::<REMEMBER>(pair);
            self.places.push(u64::from(pair) << 32 | u64::from(self.base + self.count - 1));
            if REMEMBER {
                self.cache.sequence.push(pair);
            }
        }
        self.previous = Some(w);
        self.count += 1;
    }

    /// Takes the words of a stretch with characters beyond the fold
    /// table ([`Spelled::Mixed`]): rare, out of line.
    #[cold]
    #[inline(never)]
    fn take_mixed<const REMEMBER: bool>(&mut self, stretch: &str) {
        for_each_marked_token(stretch, |word, marks| {
            let word = self.v.folded(word, marks);
            self.take::<REMEMBER>(word);
        });
    }

    /// Records a term of the text, and remembers it with the text's.
    #[inline(always)]
    fn hit<const REMEMBER: bool>(&mut self, id: u32) {
        self.field.hit(&mut self.v.seen, self.hits, id);
        if REMEMBER {
            let cache = &mut *self.cache;
            if cache.marks.len() <= id as usize {
                cache.marks.resize(id as usize + 1, 0);
            }
            if cache.marks[id as usize] != cache.text {
                cache.marks[id as usize] = cache.text;
                cache.terms.push(id);
            }
        }
    }
}

/// A worker's buffers of hits and places, reused from run to run.
type Buffers = (Vec<u32>, Vec<u64>);

/// A run of documents read: its postings sorted by the worker's term ids.
struct Run {
    worker: usize,
    /// (`term × 2 + field`, end in `docs`), by term and field.
    lists: Vec<(u32, u32)>,
    docs: Vec<u32>,
    /// (pair term, end in `placed`), by term.
    place_lists: Vec<(u32, u32)>,
    /// `document × 2^32 + position`, by term, then document and position.
    placed: Vec<u64>,
}

impl Run {
    /// Sorts the hits of the documents `first …` by term (a counting sort,
    /// stable, so each list keeps document order).
    fn new(worker: usize, terms: usize, first: u32, hits: &[u32], ends: &[u32]) -> Run {
        let mut starts = vec![0u32; terms * 2 + 1];
        for &hit in hits {
            starts[hit as usize + 1] += 1;
        }
        let mut lists = Vec::new();
        for key in 0..terms * 2 {
            let count = starts[key + 1];
            starts[key + 1] += starts[key];
            if count > 0 {
                lists.push((key as u32, starts[key + 1]));
            }
        }
        let mut docs = vec![0u32; hits.len()];
        let mut start = 0;
        for (doc, &end) in (first..).zip(ends) {
            for &hit in &hits[start..end as usize] {
                let at = &mut starts[hit as usize];
                docs[*at as usize] = doc;
                *at += 1;
            }
            start = end as usize;
        }
        Run { worker, lists, docs, place_lists: Vec::new(), placed: Vec::new() }
    }

    /// Adds the places of the documents `first …` (`pair × 2^32 + position`,
    /// each document's ending at its `ends`), sorted by pair the same way.
    fn with_places(mut self, terms: usize, first: u32, places: &[u64], ends: &[u32]) -> Run {
        let mut starts = vec![0u32; terms + 1];
        for &place in places {
            starts[(place >> 32) as usize + 1] += 1;
        }
        for pair in 0..terms {
            let count = starts[pair + 1];
            starts[pair + 1] += starts[pair];
            if count > 0 {
                self.place_lists.push((pair as u32, starts[pair + 1]));
            }
        }
        self.placed = vec![0u64; places.len()];
        let mut start = 0;
        for (doc, &end) in (first..).zip(ends) {
            for &place in &places[start..end as usize] {
                let at = &mut starts[(place >> 32) as usize];
                self.placed[*at as usize] = u64::from(doc) << 32 | (place & 0xffff_ffff);
                *at += 1;
            }
            start = end as usize;
        }
        self
    }
}

/// Sorted document ids as gaps (id − previous id − 1, the first id as it
/// is), each a little-endian varint of 7 bits a byte; or, once that would
/// take more than a bit an id, as a bitmap (bit `i % 8` of byte `i / 8` set when
/// id `i` is in): the terms in most documents would otherwise hold about a
/// byte a document each until the end.
#[derive(Default)]
struct Gaps {
    bytes: Vec<u8>,
    /// The last id plus one.
    next: u32,
    bitmap: bool,
}

impl Gaps {
    fn extend(&mut self, ids: &[u32]) {
        let Some(&last) = ids.last() else { return };
        // Gaps take a byte an id at least: a bitmap would take less.
        if !self.bitmap && self.bytes.len() + ids.len() > last as usize / 8 + 1 {
            let mut held = Vec::new();
            self.ids(&mut held);
            (self.bytes, self.bitmap) = (Vec::new(), true);
            self.set(&held);
        }
        if self.bitmap {
            self.set(ids);
            return;
        }
        for &id in ids {
            postings::push_byte_varint(&mut self.bytes, id - self.next);
            self.next = id + 1;
        }
    }

    /// Sets the bits of `ids` in the bitmap.
    fn set(&mut self, ids: &[u32]) {
        let Some(&last) = ids.last() else { return };
        self.bytes.resize(last as usize / 8 + 1, 0);
        for &id in ids {
            self.bytes[id as usize / 8] |= 1 << (id % 8);
        }
        self.next = last + 1;
    }

    /// The ids' posting ([`postings::encode_into`]), `ids` a buffer. A
    /// bitmap that is written as one is read straight into it, without
    /// listing its ids: the terms in many documents, most of the postings.
    fn encode_into(&self, ids: &mut Vec<u32>, n: u32, out: &mut String) {
        if self.bitmap {
            let count = self.bytes.iter().map(|byte| byte.count_ones() as usize).sum();
            let last = self.next - 1;
            if postings::bitmap_outright(count, last, n) {
                postings::push_bitmap_of_bytes(&self.bytes, last, out);
                return;
            }
        }
        self.ids(ids);
        postings::encode_into(ids, n, out);
    }

    fn ids(&self, out: &mut Vec<u32>) {
        out.clear();
        if self.bitmap {
            for (at, &byte) in self.bytes.iter().enumerate() {
                let mut bits = byte;
                while bits != 0 {
                    out.push(at as u32 * 8 + bits.trailing_zeros());
                    bits &= bits - 1;
                }
            }
            return;
        }
        let (mut next, mut at) = (0u32, 0);
        while let Some(gap) = postings::read_byte_varint(&self.bytes, &mut at) {
            out.push(next + gap);
            next += gap + 1;
        }
    }
}

/// The whole archive's terms: one vocabulary, and each term's postings, in
/// `parts` shares (term `t` is `lists[t % parts][t / parts]`) that threads
/// fill side by side; each share's pairs' places go to its own file.
struct Merged {
    words: HashMap<Box<str>, u32, Fast>,
    pairs: HashMap<u64, u32, Fast>,
    numbers: HashMap<Box<str>, u32, Fast>,
    /// Accented words: merged word id × 2^32 + marks.
    accented: HashMap<u64, u32, Fast>,
    names: Vec<Name>,
    /// For each worker: its term ids → merged term ids.
    ids: Vec<Vec<u32>>,
    lists: Vec<Vec<[Gaps; 2]>>,
    /// Each share's pairs' places ([`super::places`]).
    spills: Vec<Spill>,
}

impl Merged {
    fn new(workers: usize, parts: usize, scratch: &Scratch) -> Result<Merged, crate::Error> {
        Ok(Merged {
            words: HashMap::default(),
            pairs: HashMap::default(),
            numbers: HashMap::default(),
            accented: HashMap::default(),
            names: Vec::new(),
            ids: vec![Vec::new(); workers],
            lists: (0..parts).map(|_| Vec::new()).collect(),
            spills: (0..parts).map(|part| Spill::create(scratch, part)).collect::<Result<_, _>>()?,
        })
    }

    /// Lets go of the maps that number the terms, once every term is numbered.
    fn numbered(&mut self) {
        (self.words, self.numbers) = Default::default();
        (self.pairs, self.accented) = Default::default();
        self.ids = Vec::new();
    }

    /// Numbers the terms a worker has added since last time.
    fn learn(&mut self, worker: usize, names: &[Name]) {
        let parts = self.lists.len();
        for name in &names[self.ids[worker].len()..] {
            let next = self.names.len() as u32;
            let ids = &self.ids[worker];
            let (id, name) = match name {
                Name::Word(word) => match self.words.get(word) {
                    Some(&id) => (id, None),
                    None => {
                        self.words.insert(word.clone(), next);
                        (next, Some(name.clone()))
                    }
                },
                Name::Pair(a, b) => {
                    let (a, b) = (ids[*a as usize], ids[*b as usize]);
                    let id = *self.pairs.entry(u64::from(a) << 32 | u64::from(b)).or_insert(next);
                    (id, Some(Name::Pair(a, b)).filter(|_| id == next))
                }
                Name::Accented(word, marks) => {
                    let word = ids[*word as usize];
                    let id = *self.accented.entry(u64::from(word) << 32 | u64::from(*marks)).or_insert(next);
                    (id, Some(Name::Accented(word, *marks)).filter(|_| id == next))
                }
                Name::Number(term) => match self.numbers.get(term) {
                    Some(&id) => (id, None),
                    None => {
                        self.numbers.insert(term.clone(), next);
                        (next, Some(name.clone()))
                    }
                },
            };
            if let Some(name) = name {
                self.names.push(name);
                self.lists[next as usize % parts].push(Default::default());
            }
            self.ids[worker].push(id);
        }
    }

    /// Appends the postings of runs (in document order), in parallel, and
    /// their places to each share's file.
    fn append(&mut self, runs: &[Run]) -> Result<(), crate::Error> {
        let parts = self.lists.len();
        let ids = &self.ids;
        self.lists.par_iter_mut().zip(&mut self.spills).enumerate().try_for_each(|(part, (lists, spill))| {
            for run in runs {
                let ids = &ids[run.worker];
                let mut start = 0;
                for &(key, end) in &run.lists {
                    let id = ids[(key >> 1) as usize] as usize;
                    if id % parts == part {
                        lists[id / parts][(key & 1) as usize].extend(&run.docs[start as usize..end as usize]);
                    }
                    start = end;
                }
                let mut start = 0;
                for &(pair, end) in &run.place_lists {
                    let id = ids[pair as usize] as usize;
                    if id % parts == part {
                        spill.push(id as u32, &run.placed[start as usize..end as usize]);
                    }
                    start = end;
                }
            }
            spill.flush()
        })
    }

    /// The term's name as the index spells it: `quang`, `quang_ngai`,
    /// `#07_kl_tw`, `tinh~f`.
    fn name(&self, id: u32) -> String {
        let word = |id: u32| match &self.names[id as usize] {
            Name::Word(word) => word,
            _ => unreachable!("pairs and accented words are of words"),
        };
        match &self.names[id as usize] {
            Name::Word(word) | Name::Number(word) => word.to_string(),
            Name::Pair(a, b) => format!("{}_{}", word(*a), word(*b)),
            Name::Accented(a, marks) => super::accents::name(word(*a), *marks),
        }
    }
}

/// What indexing the documents gives: each term's entry (`term:head:body`)
/// with the term's hash, sorted by term, and the number of places shards
/// (`p/{k}.js`). The summaries and the places went to their sink as they
/// were made.
pub(crate) struct Inverted {
    pub entries: Vec<(u32, String)>,
    pub place_shards: usize,
}

/// Whether document `id` is the last of its summary file.
fn ends_a_shard(id: usize, documents: usize) -> bool {
    (id + 1).is_multiple_of(DOCS_PER_SHARD) || id + 1 == documents
}

/// Where the index's largest files go as soon as they are made: the summary
/// files (`d/{k}.js`, every directive's plain text) and the places of pairs
/// (`p/{k}.js`), too much to keep until the end at a hundred thousand
/// directives.
pub(crate) type FileSink<'s> = &'s (dyn Fn(String, Vec<u8>) -> Result<(), crate::Error> + Sync);

/// Indexes `docs` (in id order): each term's entry (`term:head:body`) with
/// the term's hash, sorted by term. `summary` makes a document's summary
/// from its id and its plain text; the summary files and the places files
/// go to `sink`. The places are spilled to a folder of vanban's own made in
/// `scratch`, removed before this returns.
pub(crate) fn invert(
    plan: &Plan,
    docs: &[Document],
    summary: &(dyn Fn(Source, usize, &Option<String>) -> String + Sync),
    sink: FileSink,
    scratch: &Path,
    sizes: Sizes,
) -> Result<Inverted, Vec<crate::Error>> {
    let n = docs.len() as u32;
    let threads = rayon::current_num_threads();
    let workers: Vec<Mutex<(Vocabulary, Cache, Buffers)>> = (0..threads).map(|_| Mutex::default()).collect();
    let scratch = Scratch::create(scratch).map_err(|error| vec![error])?;
    let mut merged = Merged::new(threads, threads * 2, &scratch).map_err(|error| vec![error])?;
    let chunks: Vec<(usize, &[Document])> =
        docs.chunks(sizes.chunk_docs).enumerate().map(|(c, chunk)| (c * sizes.chunk_docs, chunk)).collect();
    for wave in chunks.chunks(threads * sizes.wave_per_thread) {
        let runs: Vec<Result<Run, crate::Error>> = wave
            .par_iter()
            .map(|&(first, chunk)| {
                let worker = rayon::current_thread_index().unwrap_or(0) % threads;
                let mut guard = workers[worker].lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                let (vocabulary, cache, buffers) = &mut *guard;
                let (hits, places) = (&mut buffers.0, &mut buffers.1);
                hits.clear();
                places.clear();
                let ends = Vec::with_capacity(chunk.len());
                let place_ends = Vec::with_capacity(chunk.len());
                let mut reader = Reader { vocabulary, cache, hits, ends, places, place_ends, mark: 0, base: 0 };
                let mut shard = String::new();
                for (id, &(source, _)) in (first..).zip(chunk) {
                    reader.mark = id as u32 * 2 + 1;
                    reader.base = 0;
                    let mut plain = None;
                    walk(plan, source, &mut reader, &mut plain)?;
                    reader.ends.push(reader.hits.len() as u32);
                    reader.place_ends.push(reader.places.len() as u32);
                    if !shard.is_empty() {
                        shard.push(',');
                    }
                    shard.push_str(&summary(source, id, &plain));
                    if ends_a_shard(id, docs.len()) {
                        let k = id / DOCS_PER_SHARD;
                        sink(summary_path(k), summary_shard(k, &shard))?;
                        shard.clear();
                    }
                }
                let Reader { hits, ends, vocabulary, places, place_ends, .. } = reader;
                let terms = vocabulary.names.len();
                let run = Run::new(worker, terms, first as u32, hits, &ends);
                Ok(run.with_places(terms, first as u32, places, &place_ends))
            })
            .collect();
        let (runs, unread): (Vec<_>, Vec<_>) = runs.into_iter().partition(Result::is_ok);
        if !unread.is_empty() {
            return Err(unread.into_iter().filter_map(Result::err).collect());
        }
        let runs: Vec<Run> = runs.into_iter().filter_map(Result::ok).collect();
        for (worker, state) in workers.iter().enumerate() {
            let guard = state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            merged.learn(worker, &guard.0.names);
        }
        merged.append(&runs).map_err(|error| vec![error])?;
    }
    drop(workers);
    merged.numbered();

    let parts = merged.lists.len();
    // Each term's postings taken out, to be turned into its entry and let
    // go one at a time: they are most of the index's memory, and the
    // entries about as much again.
    let postings: Vec<[Gaps; 2]> =
        (0..merged.names.len()).map(|id| std::mem::take(&mut merged.lists[id % parts][id / parts])).collect();
    merged.lists = Vec::new();
    // (hash, length of the term, entry), by term id.
    let mut entries: Vec<(u32, usize, String)> = postings
        .into_par_iter()
        .enumerate()
        .map_init(Vec::new, |ids, (id, lists)| {
            let mut entry = merged.name(id as u32);
            let length = entry.len();
            for gaps in &lists {
                entry.push(':');
                gaps.encode_into(ids, n, &mut entry);
            }
            (fnv1a(&entry[..length]), length, entry)
        })
        .collect();
    let place_shards = write_places(&mut merged, &entries, &scratch, sizes, sink).map_err(|error| vec![error])?;
    drop(merged);
    entries.par_sort_unstable_by(|a, b| a.2[..a.1].cmp(&b.2[..b.1]));
    let entries = entries.into_iter().map(|(hash, _, entry)| (hash, entry)).collect();
    Ok(Inverted { entries, place_shards })
}

/// Writes the places shards from the spilled places of `merged`'s pairs,
/// given every term's entry (hash, length of the term, entry) by term id.
fn write_places(
    merged: &mut Merged,
    entries: &[(u32, usize, String)],
    scratch: &Scratch,
    sizes: Sizes,
    sink: FileSink,
) -> Result<usize, crate::Error> {
    let spills = std::mem::take(&mut merged.spills);
    let hashes: Vec<u32> = entries.iter().map(|&(hash, _, _)| hash).collect();
    // Every pair has places (a pair is numbered where it is read): its
    // entry is `term:places`, with its comma.
    let pairs = entries.iter().zip(&merged.names).filter(|(_, name)| matches!(name, Name::Pair(..)));
    let names: usize = pairs.map(|((_, length, _), _)| length + 2).sum();
    let total = names + spills.iter().map(Spill::placed).sum::<u64>() as usize;
    let name = |id: u32| merged.name(id);
    let terms = Terms { hashes: &hashes, name: &name, total };
    spill::write_shards(spills, &terms, scratch, sizes.group_bytes, sink)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spelling_packs_as_its_bytes_from_the_lowest_then_zeros() {
        let text = "abcdefghijklmnopqrstuvwxyzđẤ";
        for start in 0..text.len() {
            for end in start + 1..=text.len() {
                let Some(spelling) = text.get(start..end) else { continue };
                let want = (spelling.len() <= 16).then(|| {
                    let mut padded = [0u8; 16];
                    padded[..spelling.len()].copy_from_slice(spelling.as_bytes());
                    u128::from_le_bytes(padded)
                });
                assert_eq!(spelling_key(spelling), want, "{spelling:?}");
            }
        }
    }

    #[test]
    fn gaps_give_back_their_ids_sparse_or_dense_appended_in_pieces() {
        let mut seed = 7u64;
        for density in [1, 3, 8, 20, 60, 128, 250] {
            let mut ids = Vec::new();
            for id in 0..20_000u32 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                // Denser in the middle: a list may turn into a bitmap, then thin out.
                let scaled = if (5_000..12_000).contains(&id) { density * 4 } else { density };
                if ((seed >> 33) % 256) < scaled.min(256) {
                    ids.push(id);
                }
            }
            let mut gaps = Gaps::default();
            for piece in ids.chunks(97) {
                gaps.extend(piece);
            }
            let mut out = Vec::new();
            gaps.ids(&mut out);
            assert_eq!(out, ids, "density {density}/256");
            let mut posting = String::new();
            gaps.encode_into(&mut Vec::new(), 20_000, &mut posting);
            assert_eq!(posting, postings::encode(&ids, 20_000), "density {density}/256");
            assert_eq!(gaps.bitmap, density >= 20, "density {density}/256");
            assert!(gaps.bytes.len() <= ids.len() * 3 + 1 && gaps.bytes.len() <= 20_000 / 8 + 1 + ids.len());
        }
    }
}
