//! The search index kept up to date by `vanban serve`.
//!
//! It keeps what the written files are made of: each term shard's entries
//! (`term:head:body`, the postings already encoded: about the size of the
//! term shards, 34 MB at 100,000 directives), the documents in id order with
//! their facet codes, and a hash of every file written.
//!
//! An edit that keeps every changed directive in its place (same id: same
//! date, province, type, issuer, number and citations, see
//! [`crate::serve::incremental`]) is applied term by term: the terms of the old and
//! the new version are compared, and only the terms whose documents changed
//! are decoded, changed and encoded again. Only their shards and the
//! changed documents' summary shards are written (and `meta.js` when the
//! index outgrows its shard count, which then rewrites every term shard).
//! Anything else (a directive added, removed or moved, a new language) is
//! indexed anew, and only the files whose bytes changed are written.

use super::places::Placed;
use super::text::{plain_text, walk_directive, Named};
use super::{
    entry_term, fnv1a, into_shards, lookup_files, postings, shard_count, shard_of, summary, summary_path,
    summary_shard, term_path, term_shard, word_prefixes, Built, Document, Facets, Shards, Source, DIR, DOCS_PER_SHARD,
    META,
};
use crate::content::load::read_body;
use crate::content::model::Directive;
use crate::graph::DocId;
use crate::plan::Plan;
use crate::Error;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};

/// The search index as last written, kept to change it in place.
pub struct LiveIndex {
    docs: Vec<Document>,
    /// The search id of each directive, by [`DocId`].
    ids: Vec<u32>,
    facets: Facets,
    /// Each term shard's entries, sorted by term.
    shards: Vec<Vec<String>>,
    /// Bytes of all entries, each with its comma: what sets the shard count.
    total: usize,
    /// Every file written, with a hash of its bytes.
    written: BTreeMap<String, u64>,
    /// The word files' prefixes, as meta.js lists them.
    prefixes: String,
    /// How many places (`p/{k}.js`) and accented words (`v/{k}.js`)
    /// shards were written.
    place_shards: usize,
    accent_shards: usize,
}

/// Files to write, each with its bytes.
pub type Files = Vec<(String, Vec<u8>)>;

/// What to do to the output folder.
#[derive(Debug, Default)]
pub struct Written {
    /// Files to write, with their bytes.
    pub write: Vec<(String, Vec<u8>)>,
    /// Files to remove.
    pub remove: Vec<String>,
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

impl LiveIndex {
    /// Indexes the plan's archive: the index, and every file (sorted by path).
    pub fn new(plan: &Plan) -> Result<(LiveIndex, Files), Vec<Error>> {
        let (built, summaries) = Built::with_summaries(plan)?;
        let files = built.files(summaries);
        let prefixes = word_prefixes(&built.lookups);
        let (place_shards, accent_shards) = (built.place_shards, built.accented.len());
        let Built { docs, facets, shards, .. } = built;
        let mut ids = vec![0u32; plan.archive.directives.len()];
        for (id, (source, _)) in docs.iter().enumerate() {
            if let Source::Directive(d) = source {
                ids[*d] = id as u32;
            }
        }
        let total = shards.iter().flatten().map(|e| e.len() + 1).sum();
        let written = files.iter().map(|(path, bytes)| (path.clone(), hash_of(bytes))).collect();
        Ok((LiveIndex { docs, ids, facets, shards, total, written, prefixes, place_shards, accent_shards }, files))
    }

    /// Bytes of memory the index holds (its heap allocations, roughly).
    pub fn memory(&self) -> usize {
        use std::mem::size_of;
        let strings = |v: &[String]| v.iter().map(|s| s.capacity() + size_of::<String>()).sum::<usize>();
        self.docs.capacity() * size_of::<Document>()
            + self.ids.capacity() * size_of::<u32>()
            + self.facets.memory()
            + self.shards.iter().map(|shard| strings(shard)).sum::<usize>()
            + self.written.keys().map(|path| path.capacity() + size_of::<(String, u64)>() + 16).sum::<usize>()
    }

    /// Indexes the archive anew: the files whose bytes changed, and those
    /// that are no longer part of the index.
    pub fn rebuild(&mut self, plan: &Plan) -> Result<Written, Vec<Error>> {
        let (fresh, files) = LiveIndex::new(plan)?;
        let remove = self.written.keys().filter(|path| !fresh.written.contains_key(*path)).cloned().collect();
        let write = files.into_iter().filter(|(path, _)| self.written.get(path) != fresh.written.get(path)).collect();
        *self = fresh;
        Ok(Written { write, remove })
    }

    /// Takes in directives changed in place: `replaced` holds each one's id
    /// (the same before and after) with the version the index holds, `plan`
    /// the archive with the new versions. Returns the files that changed.
    /// Their texts are read with [`read_body`]: `vanban serve` holds them,
    /// the replaced versions' too.
    pub fn update(&mut self, plan: &Plan, replaced: &[(DocId, Directive)]) -> Result<Written, Vec<Error>> {
        let archive = plan.archive;
        // Term → (document, whether it is now in the head and in the body).
        let mut changes: BTreeMap<String, Vec<(u32, [bool; 2])>> = BTreeMap::new();
        let mut summaries = BTreeSet::new();
        for (id, old) in replaced {
            let x = self.ids[*id];
            let cites = archive.cites_of[*id].iter().map(|&c| archive.cited[c].key.number.as_str());
            let (mut before, mut after) = (Named::default(), Named::default());
            let new = &archive.directives[*id];
            walk_directive(plan, old, &read_body(&old.body).map_err(|e| vec![e])?, cites.clone(), &mut before);
            walk_directive(plan, new, &read_body(&new.body).map_err(|e| vec![e])?, cites.clone(), &mut after);
            // Words moved, or their accents changed: the places or accented
            // words files change with them, and the live index does not keep
            // their entries (the places take some 2.3 bytes a word of the
            // archive): the index is made anew.
            let (mut was, mut now) = (Placed::default(), Placed::default());
            walk_directive(plan, old, &read_body(&old.body).map_err(|e| vec![e])?, cites.clone(), &mut was);
            walk_directive(plan, new, &read_body(&new.body).map_err(|e| vec![e])?, cites, &mut now);
            if was != now {
                return self.rebuild(plan);
            }
            for (term, was) in &before.terms {
                let now = after.terms.get(term).copied().unwrap_or_default();
                if now != *was {
                    changes.entry(term.clone()).or_default().push((x, now));
                }
            }
            for (term, now) in after.terms {
                if !before.terms.contains_key(&term) {
                    changes.entry(term).or_default().push((x, now));
                }
            }
            summaries.insert(x as usize / DOCS_PER_SHARD);
        }

        let n = self.docs.len() as u32;
        let mut touched = BTreeSet::new();
        for (term, docs) in &changes {
            let k = shard_of(term, self.shards.len());
            let shard = &mut self.shards[k];
            let at = shard.binary_search_by(|entry| entry_term(entry).cmp(term));
            let mut lists = match at {
                Ok(i) => {
                    let mut parts = shard[i].splitn(3, ':').skip(1);
                    let mut list = || postings::decode(parts.next().unwrap_or(""), n).expect("encoded by us");
                    [list(), list()]
                }
                Err(_) => [Vec::new(), Vec::new()],
            };
            for &(x, now) in docs {
                for (list, held) in lists.iter_mut().zip(now) {
                    match (list.binary_search(&x), held) {
                        (Err(i), true) => list.insert(i, x),
                        (Ok(i), false) => {
                            list.remove(i);
                        }
                        _ => {}
                    }
                }
            }
            let entry = (!lists.iter().all(Vec::is_empty)).then(|| {
                let mut entry = term.clone();
                for list in &lists {
                    entry.push(':');
                    postings::encode_into(list, n, &mut entry);
                }
                entry
            });
            match (at, entry) {
                (Ok(i), Some(entry)) => {
                    self.total = self.total + entry.len() - shard[i].len();
                    shard[i] = entry;
                }
                (Ok(i), None) => self.total -= shard.remove(i).len() + 1,
                (Err(i), Some(entry)) => {
                    self.total += entry.len() + 1;
                    shard.insert(i, entry);
                }
                (Err(_), None) => continue,
            }
            touched.insert(k);
        }

        let mut files = Vec::new();
        if shard_count(self.total) != self.shards.len() {
            // Every term moves: all shards anew, and meta.js says how many.
            let count = shard_count(self.total);
            let entries = std::mem::take(&mut self.shards).into_iter().flatten();
            self.shards = into_shards(entries.map(|entry| (fnv1a(entry_term(&entry)), entry)), count);
            touched = (0..count).collect();
            files.push((META.to_string(), self.facets.meta(&self.docs, self.counts(), &self.prefixes)));
        }
        for k in touched {
            files.push((term_path(k), term_shard(k, &self.shards[k])));
        }
        // Every term feeds the lookup files (numbers, words, pairs), made
        // again from all the entries: a scan of the index, without sorting.
        // A word file no longer made (no word starts so any more) goes.
        let mut gone = Vec::new();
        if !changes.is_empty() {
            let lookups = lookup_files(self.shards.iter().flatten().map(String::as_str), self.docs.len());
            let prefixes = word_prefixes(&lookups);
            if prefixes != self.prefixes {
                let now: BTreeSet<&str> = prefixes.split(',').collect();
                gone = (self.prefixes.split(',').filter(|p| !p.is_empty() && !now.contains(p)))
                    .map(|p| format!("{DIR}/w/{p}.js"))
                    .collect();
                self.prefixes = prefixes;
                files.push((META.to_string(), self.facets.meta(&self.docs, self.counts(), &self.prefixes)));
            }
            files.extend(lookups);
        }
        for k in summaries {
            let first = k * DOCS_PER_SHARD;
            let docs = &self.docs[first..(first + DOCS_PER_SHARD).min(self.docs.len())];
            let mut shard = Vec::with_capacity(docs.len());
            for (i, &(source, _)) in docs.iter().enumerate() {
                let plain = match source {
                    Source::Directive(d) => plain_text(&read_body(&archive.directives[d].body).map_err(|e| vec![e])?),
                    Source::Cited(_) => None,
                };
                shard.push(summary(plan, source, &self.facets, first + i, &plain));
            }
            files.push((summary_path(k), summary_shard(k, &shard.join(","))));
        }
        let mut written = self.written(files);
        for path in gone {
            self.written.remove(&path);
            written.remove.push(path);
        }
        Ok(written)
    }

    fn counts(&self) -> Shards {
        Shards { terms: self.shards.len(), places: self.place_shards, accented: self.accent_shards }
    }

    /// A file could not be written or removed: it differs from whatever the
    /// index holds, so the next [`LiveIndex::rebuild`] writes (or removes)
    /// it again.
    pub fn unwritten(&mut self, path: &str) {
        self.written.insert(path.to_string(), 0);
    }

    /// The files that differ from what was written, and those that are gone.
    fn written(&mut self, files: Vec<(String, Vec<u8>)>) -> Written {
        let mut write = Vec::new();
        for (path, bytes) in files {
            let hash = hash_of(&bytes);
            if self.written.insert(path.clone(), hash) != Some(hash) {
                write.push((path, bytes));
            }
        }
        let count = self.shards.len();
        let gone: Vec<String> = self
            .written
            .keys()
            .filter(|path| {
                path.strip_prefix(&format!("{DIR}/t/"))
                    .and_then(|name| name.strip_suffix(".js"))
                    .and_then(|k| k.parse::<usize>().ok())
                    .is_some_and(|k| k >= count)
            })
            .cloned()
            .collect();
        for path in &gone {
            self.written.remove(path);
        }
        Written { write, remove: gone }
    }
}
