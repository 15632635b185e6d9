//! Where each pair of words stands in each document, so that a quoted
//! phrase matches exactly the documents holding it (`p/{k}.js`, loaded only
//! for a quoted phrase of three words or more).
//!
//! **Positions.** A document's texts are read in order ([`super::text::walk`]);
//! a text of `k` words takes positions `base … base + k − 1` and the next
//! text starts at `base + k + 1`: the hole between texts means two pairs two
//! apart (`p` and `p + 2`) lie in one text only when their words are
//! consecutive, so the client may check every other pair of a phrase. A
//! pair's position is its first word's.
//!
//! **Entries.** `term:places`, for pair terms only, sharded by the term's
//! hash like the term shards (but in their own number of shards). `places`
//! lists, for each document of the pair's postings (head and body together,
//! in id order, as the term shard gives them), how many times the pair
//! stands there minus one, then its positions: the first as it is, each
//! next one minus the previous one minus one; all as the postings' varints
//! ([`super::postings`], 5 bits a character). About 2.3 characters a
//! pair of words in the archive.

use super::accents::accented_terms;
#[cfg(test)]
use super::postings::read_varint;
use super::postings::{put_varint, varint_len, MAX_VARINT};
use super::text::Texts;
use crate::text::vietnamese::for_each_token;
use std::collections::{BTreeMap, BTreeSet};

/// Where the text after a text of `words` words starts.
pub(crate) fn next_text(base: u32, words: u32) -> u32 {
    base + words + 1
}

/// Appends a pair's places in some documents (`document × 2^32 +
/// position`, by document and position): for each document, how many
/// minus one, then the positions.
#[cfg(test)]
pub(crate) fn push_documents(out: &mut Vec<u8>, placed: &[u64]) {
    let start = out.len();
    out.resize(start + documents_room(placed), 0);
    let written = put_documents(&mut out[start..], placed);
    out.truncate(start + written);
}

/// The bytes [`put_documents`] may need for `placed`: each document has a
/// position, so a count or a position a place, each [`MAX_VARINT`] at most.
pub(crate) fn documents_room(placed: &[u64]) -> usize {
    placed.len() * 2 * MAX_VARINT
}

/// [`push_documents`] into room already made (at least
/// [`documents_room`]), from its start; returns the bytes written. One
/// pass, no capacity check a symbol: every pair of words of the archive is
/// written here. A document's count is written after its positions, in
/// the symbol kept for it before them, unless it takes more (a pair
/// standing 33 times in a document or more).
pub(crate) fn put_documents(out: &mut [u8], placed: &[u64]) -> usize {
    let (mut at, mut i) = (0, 0);
    while i < placed.len() {
        let (document, first) = (placed[i] >> 32, i);
        let count_at = at;
        at += 1;
        let mut next = 0;
        while i < placed.len() && placed[i] >> 32 == document {
            let position = placed[i] as u32;
            put_varint(out, &mut at, position - next);
            next = position + 1;
            i += 1;
        }
        let count = (i - first) as u32 - 1;
        let width = varint_len(count);
        if width > 1 {
            out.copy_within(count_at + 1..at, count_at + width);
            at += width - 1;
        }
        put_varint(out, &mut { count_at }, count);
    }
    at
}

/// The positions of `places`, document by document: one list of positions
/// for each document of `documents` (the pair's postings), or `None` when
/// the text does not fit them. (The client reads them; the tests here.)
#[cfg(test)]
pub(crate) fn decode(places: &str, documents: usize) -> Option<Vec<Vec<u32>>> {
    let mut bytes = places.bytes();
    let mut out = Vec::with_capacity(documents);
    for _ in 0..documents {
        let count = read_varint(&mut bytes)? as usize + 1;
        let mut list = Vec::with_capacity(count);
        let mut next = 0u32;
        for _ in 0..count {
            let position = next.checked_add(read_varint(&mut bytes)?)?;
            list.push(position);
            next = position + 1;
        }
        out.push(list);
    }
    bytes.next().is_none().then_some(out)
}

/// A document's pairs with their positions, by name (`quang_ngai`), and
/// its accented words ([`super::accents`]): what the live index does not
/// keep, compared before and after an edit; and what the tests check the
/// index against. Slow (a string a pair), for a few documents.
#[derive(Default, Debug, PartialEq, Eq)]
pub(crate) struct Placed {
    pub pairs: BTreeMap<String, Vec<u32>>,
    pub accented: BTreeSet<String>,
    base: u32,
}

impl Texts for Placed {
    fn text(&mut self, _head: bool, text: &str) {
        let mut previous: Option<String> = None;
        let mut words = 0;
        for_each_token(text, |word| {
            if let Some(previous) = &previous {
                self.pairs.entry(format!("{previous}_{word}")).or_default().push(self.base + words - 1);
            }
            previous = Some(word.to_string());
            words += 1;
        });
        self.base = next_text(self.base, words);
        self.accented.extend(accented_terms(text));
    }

    fn number(&mut self, _head: bool, _term: &str) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_roundtrip_document_by_document() {
        let docs: Vec<Vec<u32>> = vec![
            vec![0],
            vec![3, 4, 900],
            vec![31, 32, 33, 5000],
            vec![u32::MAX - 1],
            (0..40).map(|i| i * 3).collect(),
            (0..1100).collect(),
        ];
        let placed: Vec<u64> = (0u64..)
            .zip(&docs)
            .flat_map(|(document, list)| list.iter().map(move |&at| document << 32 | u64::from(at)))
            .collect();
        let mut text = b"kept".to_vec();
        push_documents(&mut text, &placed[..0]);
        push_documents(&mut text, &placed);
        let text = String::from_utf8(text).unwrap();
        let text = text.strip_prefix("kept").expect("appended after what was there");
        assert_eq!(decode(text, docs.len()), Some(docs.clone()));
        assert_eq!(decode(text, docs.len() - 1), None, "a text longer than its documents");
        assert_eq!(decode(text, docs.len() + 1), None, "a text shorter than its documents");
    }

    #[test]
    fn texts_are_apart_so_pairs_two_apart_share_a_text() {
        let mut placed = Placed::default();
        placed.text(true, "Quảng Ngãi");
        placed.text(false, "ngãi quảng ngãi");
        // "quảng ngãi" at 0; the next text starts at 3: "ngãi quảng" at 3, "quảng ngãi" at 4.
        assert_eq!(placed.pairs["quang_ngai"], vec![0, 4]);
        assert_eq!(placed.pairs["ngai_quang"], vec![3]);
    }
}
