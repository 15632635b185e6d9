//! Posting lists (the sorted ids of the documents holding a term) as short
//! ASCII strings that a browser decodes without any library.
//!
//! Every character is one of 64 URL- and JS-string-safe symbols ([`ALPHABET`]),
//! so a shard is a plain JavaScript string literal with nothing to escape.
//! A posting is one of three encodings, whichever is shortest (ties go to
//! the first): the first character says which.
//!
//! * `d` — delta list: each id minus the previous id minus one (the first id
//!   as it is), each as a little-endian varint of 5 data bits per character,
//!   the sixth bit (value 32) meaning "more characters follow". Rare terms
//!   (a number, a name) cost one to three characters per document.
//! * `c` — complement: a delta list of the ids *not* holding the term. Terms
//!   in nearly every document ("phòng", "chống", "dịch") cost almost nothing.
//! * `b` — bitmap: bit `i % 6` of character `i / 6` is set when document `i`
//!   holds the term; trailing empty characters are left out. Bounds any
//!   posting at `n / 6` characters (17 KB at 100,000 documents), which is what
//!   keeps terms of middling frequency affordable.
//!
//! The client (`themes/default/static/search.js`, `decodeInto`) mirrors
//! [`decode`]; `tests/search/search.test.mjs` checks both on the same index.

/// The 64 symbols; a character's value is its position.
pub const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Each byte's value in [`ALPHABET`], 255 for a byte not in it: a table,
/// since the indexer counts every posting of the index.
const VALUES: [u8; 256] = {
    let mut values = [255u8; 256];
    let mut i = 0;
    while i < 64 {
        values[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    values
};

fn value(symbol: u8) -> Option<u32> {
    let v = VALUES[usize::from(symbol)];
    (v != 255).then_some(u32::from(v))
}

pub(crate) fn push_varint(out: &mut String, v: u32) {
    let mut symbols = [0u8; MAX_VARINT];
    let mut length = 0;
    put_varint(&mut symbols, &mut length, v);
    out.extend(symbols[..length].iter().map(|&symbol| char::from(symbol)));
}

/// Symbols [`push_varint`] writes at most for a value (32 bits, 5 a symbol).
pub(crate) const MAX_VARINT: usize = 7;

/// [`push_varint`] into room already made: the symbols go to `out` from
/// `*at` (at least [`MAX_VARINT`] bytes there), which moves past them. For
/// the places, a varint or two a word of the archive: no capacity check
/// and no character to encode for each symbol.
#[inline(always)]
pub(crate) fn put_varint(out: &mut [u8], at: &mut usize, mut v: u32) {
    while v >= 32 {
        out[*at] = ALPHABET[(v & 31 | 32) as usize];
        *at += 1;
        v >>= 5;
    }
    out[*at] = ALPHABET[(v & 31) as usize];
    *at += 1;
}

/// Reads one varint written by [`push_varint`]; `None` at the end of the
/// bytes, on a symbol outside [`ALPHABET`] or a value beyond 32 bits.
#[cfg(test)]
pub(crate) fn read_varint(bytes: &mut impl Iterator<Item = u8>) -> Option<u32> {
    let (mut v, mut shift) = (0u32, 0u32);
    loop {
        let digit = value(bytes.next()?)?;
        v |= (digit & 31).checked_shl(shift)?;
        if digit & 32 == 0 {
            return Some(v);
        }
        shift += 5;
    }
}

/// Appends `v` as a little-endian varint of 7 bits a byte: the form of
/// the lists and records the indexer holds or spills on its way (not the
/// index's files, which are text, [`push_varint`]).
#[inline]
pub(crate) fn push_byte_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint written by [`push_byte_varint`] at `*at`, moving past it.
#[inline]
pub(crate) fn read_byte_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let (mut v, mut shift) = (0u32, 0u32);
    loop {
        let byte = *bytes.get(*at)?;
        *at += 1;
        v |= u32::from(byte & 0x7f).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
    }
}

/// Characters [`push_varint`] writes for `v` (nearly always 1).
pub(crate) fn varint_len(v: u32) -> usize {
    if v < 1 << 5 {
        1
    } else if v < 1 << 10 {
        2
    } else {
        (32 - v.leading_zeros() as usize).div_ceil(5)
    }
}

/// The gaps of the complement of `ids` (strictly increasing, below `n`):
/// for each absent id, the number of ids held since the previous absent one.
fn complement_gaps(ids: &[u32], n: u32, mut gap: impl FnMut(u32, u32)) {
    // `gap(value, times)`: `times` gaps in a row, the first `value`, the others 0.
    let (mut held, mut expected) = (0u32, 0u32);
    for &id in ids {
        if id > expected {
            gap(held, id - expected);
            held = 0;
        }
        held += 1;
        expected = id + 1;
    }
    if n > expected {
        gap(held, n - expected);
    }
}

/// Whether [`encode`] writes `count` ids of `n`, the last `last`, as a
/// bitmap without counting the other forms: each form is at least a
/// character a document it lists, so when both lists are longer than the
/// bitmap, it wins.
pub(crate) fn bitmap_outright(count: usize, last: u32, n: u32) -> bool {
    let bitmap = last as usize / 6 + 2;
    let complement_too_long = count as u64 * 2 <= u64::from(n) || (n as usize - count + 1) > bitmap;
    count + 1 > bitmap && complement_too_long
}

/// [`encode_into`] of the ids whose bits are set in `bits` (bit `i % 8` of
/// byte `i / 8`), the last of them `last`, when [`bitmap_outright`] says
/// that they are a bitmap: its characters read straight from the bits, a
/// character for six documents, not an id at a time.
pub(crate) fn push_bitmap_of_bytes(bits: &[u8], last: u32, out: &mut String) {
    let byte = |i: usize| u16::from(bits.get(i).copied().unwrap_or(0));
    out.push('b');
    out.extend((0..=last as usize / 6).map(|k| {
        let (at, shift) = (k * 6 / 8, k * 6 % 8);
        let six = (byte(at) | byte(at + 1) << 8) >> shift & 63;
        char::from(ALPHABET[usize::from(six)])
    }));
}

/// Encodes `ids` (strictly increasing, each below `n`) as its shortest form.
/// An empty list is the empty string.
pub fn encode(ids: &[u32], n: u32) -> String {
    let mut out = String::new();
    encode_into(ids, n, &mut out);
    out
}

/// [`encode`], appended to `out`. Each form's length is counted first, and
/// only the shortest is written.
pub fn encode_into(ids: &[u32], n: u32, out: &mut String) {
    debug_assert!(ids.windows(2).all(|w| w[0] < w[1]) && ids.last().is_none_or(|&l| l < n));
    let Some(&last) = ids.last() else { return };
    #[derive(PartialEq)]
    enum Form {
        Delta,
        Complement,
        Bitmap,
    }
    let bitmap = last as usize / 6 + 2;
    let form = if bitmap_outright(ids.len(), last, n) {
        Form::Bitmap
    } else {
        let mut next = 0u32;
        let mut best = 1 + ids
            .iter()
            .map(|&id| {
                let gap = id - next;
                next = id + 1;
                varint_len(gap)
            })
            .sum::<usize>();
        let mut form = Form::Delta;
        // The complement can only win for terms in more than half the
        // documents, and the bitmap only when the delta list averages over
        // one character per six documents.
        if ids.len() as u64 * 2 > u64::from(n) {
            let mut length = 1;
            complement_gaps(ids, n, |first, times| length += varint_len(first) + times as usize - 1);
            if length < best {
                (best, form) = (length, Form::Complement);
            }
        }
        if bitmap < best {
            form = Form::Bitmap;
        }
        form
    };
    match form {
        Form::Delta => {
            out.push('d');
            let mut next = 0u32;
            for &id in ids {
                push_varint(out, id - next);
                next = id + 1;
            }
        }
        Form::Complement => {
            out.push('c');
            complement_gaps(ids, n, |first, times| {
                push_varint(out, first);
                for _ in 1..times {
                    out.push(char::from(ALPHABET[0]));
                }
            });
        }
        Form::Bitmap => {
            let mut bits = vec![0u8; last as usize / 6 + 1];
            for &id in ids {
                bits[id as usize / 6] |= 1 << (id % 6);
            }
            out.push('b');
            out.extend(bits.iter().map(|&b| char::from(ALPHABET[usize::from(b)])));
        }
    }
}

/// How many ids [`encode`] wrote in `text` (0 for a malformed string),
/// without listing them.
pub fn count(text: &str, n: u32) -> usize {
    let bytes = text.as_bytes();
    let Some((&tag, rest)) = bytes.split_first() else { return 0 };
    let digits = rest.iter().filter_map(|&symbol| value(symbol));
    match tag {
        b'd' => digits.filter(|digit| digit & 32 == 0).count(),
        b'c' => (n as usize).saturating_sub(digits.filter(|digit| digit & 32 == 0).count()),
        b'b' => digits.map(|bits| bits.count_ones() as usize).sum(),
        _ => 0,
    }
}

/// Decodes what [`encode`] wrote; `None` for a malformed string.
pub fn decode(text: &str, n: u32) -> Option<Vec<u32>> {
    let bytes = text.as_bytes();
    let Some((&tag, rest)) = bytes.split_first() else { return Some(Vec::new()) };
    match tag {
        b'd' | b'c' => {
            let mut ids = Vec::new();
            let (mut next, mut v, mut shift) = (0u32, 0u32, 0u32);
            for &symbol in rest {
                let digit = value(symbol)?;
                v |= (digit & 31).checked_shl(shift)?;
                if digit & 32 != 0 {
                    shift += 5;
                    continue;
                }
                let id = next.checked_add(v)?;
                ids.push(id);
                next = id + 1;
                (v, shift) = (0, 0);
            }
            if shift != 0 || next > n {
                return None;
            }
            if tag == b'c' {
                let mut absent = ids.into_iter().peekable();
                let held = (0..n).filter(|id| absent.next_if_eq(id).is_none()).collect();
                return Some(held);
            }
            Some(ids)
        }
        b'b' => {
            let mut ids = Vec::new();
            for (i, &symbol) in rest.iter().enumerate() {
                let bits = value(symbol)?;
                ids.extend((0..6).filter(|bit| bits & (1 << bit) != 0).map(|bit| (i * 6) as u32 + bit));
            }
            ids.last().is_none_or(|&l| l < n).then_some(ids)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first implementation: every form written out, the shortest kept.
    fn encode_reference(ids: &[u32], n: u32) -> String {
        let delta = |tag: char, ids: &mut dyn Iterator<Item = u32>| {
            let mut out = String::from(tag);
            let mut next = 0u32;
            for id in ids {
                push_varint(&mut out, id - next);
                next = id + 1;
            }
            out
        };
        if ids.is_empty() {
            return String::new();
        }
        let mut best = delta('d', &mut ids.iter().copied());
        let complement = delta('c', &mut (0..n).filter(|id| ids.binary_search(id).is_err()));
        if ids.len() as u64 * 2 > u64::from(n) && complement.len() < best.len() {
            best = complement;
        }
        let last = ids[ids.len() - 1] as usize;
        if last / 6 + 2 < best.len() {
            let mut bits = vec![0u8; last / 6 + 1];
            for &id in ids {
                bits[id as usize / 6] |= 1 << (id % 6);
            }
            best = std::iter::once('b').chain(bits.iter().map(|&b| char::from(ALPHABET[usize::from(b)]))).collect();
        }
        best
    }

    fn roundtrip(ids: &[u32], n: u32) -> String {
        let text = encode(ids, n);
        if let Some(&last) = ids.last().filter(|&&last| bitmap_outright(ids.len(), last, n)) {
            let mut bits = vec![0u8; last as usize / 8 + 1];
            for &id in ids {
                bits[id as usize / 8] |= 1 << (id % 8);
            }
            let mut read = String::from("kept");
            push_bitmap_of_bytes(&bits, last, &mut read);
            assert_eq!(read.strip_prefix("kept"), Some(text.as_str()), "{ids:?}");
            assert!(text.starts_with('b'));
        }
        assert_eq!(text, encode_reference(ids, n), "{ids:?}");
        assert_eq!(decode(&text, n).as_deref(), Some(ids), "{text}");
        assert!(text.bytes().skip(1).all(|b| ALPHABET.contains(&b)), "{text}");
        text
    }

    #[test]
    fn rare_terms_are_delta_lists() {
        assert_eq!(roundtrip(&[0], 100), "dA");
        assert_eq!(roundtrip(&[3, 4, 40], 100), "dDAjB", "3, then gap 0, then gap 35 = 3 + 1 × 32");
        let text = roundtrip(&[99_999], 100_000);
        assert!(text.starts_with('d') && text.len() == 5, "{text}");
    }

    #[test]
    fn common_terms_are_complements_and_middling_ones_bitmaps() {
        let n = 10_000;
        let nearly_all: Vec<u32> = (0..n).filter(|i| i % 1000 != 7).collect();
        assert!(roundtrip(&nearly_all, n).starts_with('c'));
        let every_third: Vec<u32> = (0..n).step_by(3).collect();
        let text = roundtrip(&every_third, n);
        assert!(text.starts_with('b') && text.len() <= n as usize / 6 + 2, "{}", text.len());
        let all: Vec<u32> = (0..n).collect();
        assert_eq!(roundtrip(&all, n), "c");
    }

    #[test]
    fn roundtrips_pseudo_random_sets_of_every_density() {
        let mut rng = crate::text::Xorshift(0x2545_F491_4F6C_DD1D);
        for density in [1u64, 3, 10, 40, 50, 60, 90, 99] {
            for n in [1u32, 7, 64, 1000, 40_000] {
                let ids: Vec<u32> = (0..n).filter(|_| rng.next() % 100 < density).collect();
                roundtrip(&ids, n);
            }
        }
    }

    #[test]
    fn counts_without_decoding() {
        for ids in [
            vec![0u32],
            vec![3, 4, 40],
            (0..10_000).step_by(3).collect(),
            (0..10_000).filter(|i| i % 1000 != 7).collect(),
        ] {
            assert_eq!(count(&encode(&ids, 10_000), 10_000), ids.len());
        }
    }

    #[test]
    fn rejects_malformed_strings() {
        assert_eq!(decode("dA", 0), None, "id 0 is not below n = 0");
        assert_eq!(decode("dg", 100), None, "a varint cut short");
        assert_eq!(decode("x", 100), None);
        assert_eq!(decode("d!", 100), None);
        assert_eq!(decode("b__", 6), None, "bits past n");
    }
}
