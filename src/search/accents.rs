//! Words with their accents, so that a query typed with accents ranks the
//! documents holding its exact spelling first (`tình` before `tinh` and
//! `tỉnh`), while matching stays accent-blind.
//!
//! A word's *accented term* is its folded form, `~`, then its marks in
//! order, one letter each (the Telex letters, [`name`]: `f` grave, `s` acute, `r` hook,
//! `x` tilde, `j` dot below, `a` circumflex, `w` horn, `b` breve, `d` for
//! đ, `m` any other mark): `tình` → `tinh~f`, `Ủy` and `Uỷ` → `uy~r` (the
//! letter a mark sits on is not kept, so old and new tone placement are one
//! spelling), `nguyễn` → `nguyen~ax`. Words without marks have none: a
//! plain word typed is matched by its folded term alone.
//!
//! Accented terms have their own shards, `v/{k}.js` (`term:head:body`, the
//! postings as the term shards'), loaded only when a query has accents. The
//! client (search.js `accented`) splits text the same way.

use crate::text::vietnamese::decode_multibyte;

/// The marks of each word of `text`, in order, into `sigs` (cleared
/// first): 0 for a word without marks, else its marks' codes ([`letters`]),
/// 4 bits each, the first highest (8 at most). Words are runs of ASCII
/// letters and digits once each character is lower-cased and decomposed
/// (NFD), marks staying in their word, đ being `d`; anything else separates
/// words (a ninth mark and beyond are left out): the words of
/// [`crate::text::vietnamese::for_each_token`] but for rare characters
/// (which it folds to letters): the k-th word of one has the k-th marks of
/// the other. Returns whether any word has marks.
pub(crate) fn marks_of(text: &str, sigs: &mut Vec<u32>) -> bool {
    sigs.clear();
    let table = table();
    let bytes = text.as_bytes();
    let (mut in_word, mut sig, mut count, mut any) = (false, 0u32, 0u32, 0u32);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let entry = if b < 0x80 {
            // ASCII, most of the text: a letter or digit has no marks.
            i += 1;
            if b.is_ascii_alphanumeric() {
                in_word = true;
                continue;
            }
            SEPARATOR
        } else {
            let (code, width) = decode_multibyte(bytes, i);
            i += width;
            match table.get(code as usize) {
                Some(&entry) => entry,
                None => char::from_u32(code).map_or(SEPARATOR, entry_of),
            }
        };
        if entry & SEPARATOR != 0 {
            if in_word {
                sigs.push(sig);
                any |= sig;
            }
            (in_word, sig, count) = (false, 0, 0);
            continue;
        }
        if entry & LETTER == 0 && !in_word {
            continue; // marks before any letter
        }
        in_word = true;
        let marks = (entry >> 24) & 15;
        if marks > 0 && count + marks <= 8 {
            sig = sig << (4 * marks) | (entry & 0xff_ffff);
            count += marks;
        }
    }
    if in_word {
        sigs.push(sig);
        any |= sig;
    }
    any != 0
}

/// Table entries: a separator; or a character holding a letter or digit
/// (`LETTER`) and, in bits 24–27, how many marks, their codes in bits
/// 0–23 (the first highest); a mark alone has no `LETTER`.
const LETTER: u32 = 1 << 30;
const SEPARATOR: u32 = 1 << 29;

/// What each character below U+3000 is (see [`entry_of`]), precomputed:
/// most of Vietnamese text is letters with marks.
fn table() -> &'static [u32] {
    static TABLE: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| (0..0x3000u32).map(|cp| char::from_u32(cp).map_or(SEPARATOR, entry_of)).collect())
}

/// A character lower-cased and decomposed: a separator when it holds
/// anything but one ASCII letter or digit and marks.
fn entry_of(c: char) -> u32 {
    let (mut letters, mut codes, mut count, mut other) = (0, 0u32, 0u32, false);
    for lower in c.to_lowercase() {
        unicode_normalization::char::decompose_canonical(lower, |d| match code(d) {
            Some(9) => {
                letters += 1;
                (codes, count) = (codes << 4 | 9, count + 1);
            }
            Some(mark) => (codes, count) = (codes << 4 | mark, count + 1),
            None if d.is_ascii_alphanumeric() => letters += 1,
            None => other = true,
        });
    }
    if other || letters > 1 || count > 6 {
        return SEPARATOR;
    }
    (if letters == 1 { LETTER } else { 0 }) | count << 24 | codes
}

/// Each mark's code (and đ's, 9), as [`letters`] spells them.
fn code(c: char) -> Option<u32> {
    Some(match c {
        '\u{0300}' => 1,
        '\u{0301}' => 2,
        '\u{0309}' => 3,
        '\u{0303}' => 4,
        '\u{0323}' => 5,
        '\u{0302}' => 6,
        '\u{031B}' => 7,
        '\u{0306}' => 8,
        'đ' => 9,
        c if unicode_normalization::char::is_combining_mark(c) => 10,
        _ => return None,
    })
}

/// The accented term of a folded word with marks `sig` (not 0): `tinh~f`.
pub(crate) fn name(word: &str, sig: u32) -> String {
    let mut out = String::with_capacity(word.len() + 9);
    out.push_str(word);
    out.push('~');
    let mut codes = Vec::new();
    let mut rest = sig;
    while rest != 0 {
        codes.push(rest & 15);
        rest >>= 4;
    }
    out.extend(codes.iter().rev().map(|&code| char::from(b" fsrxjawbdm"[code as usize])));
    out
}

/// The accented terms of `text`'s words with marks, in order, as the
/// indexer makes them: the k-th word ([`crate::text::vietnamese::for_each_token`])
/// with the k-th marks ([`marks_of`]).
pub(crate) fn accented_terms(text: &str) -> Vec<String> {
    let mut sigs = Vec::new();
    let mut out = Vec::new();
    if marks_of(text, &mut sigs) {
        let mut k = 0;
        crate::text::vietnamese::for_each_token(text, |word| {
            if let Some(&sig) = sigs.get(k).filter(|&&sig| sig != 0) {
                out.push(name(word, sig));
            }
            k += 1;
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accented(text: &str) -> Vec<String> {
        accented_terms(text)
    }

    #[test]
    fn words_keep_their_marks_in_order_but_not_where_they_sit() {
        assert_eq!(accented("Tình tinh TỈNH, tính"), ["tinh~f", "tinh~r", "tinh~s"]);
        assert_eq!(accented("Ủy ban Uỷ ban"), ["uy~r", "uy~r"]);
        assert_eq!(accented("Đẩy nhanh tiến độ Covid-19"), ["day~dar", "tien~as", "do~dja"]);
        assert_eq!(accented("Nguyễn"), ["nguyen~ax"]);
        // Decomposed input is the same word.
        assert_eq!(accented(&"Quảng Ngãi".chars().collect::<String>()), accented("Qua\u{309}ng Nga\u{303}i"));
    }
}
