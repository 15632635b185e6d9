//! The marks of a word: its tones, circumflexes, horns, breves and đ, which
//! folding leaves out ([`super::vietnamese::fold`]). The tokenizer keeps
//! them beside each word ([`super::vietnamese::for_each_marked_token`]), so
//! that the search index can rank a query's exact spelling first (its
//! accented terms name them, `crate::search::accents`).
//!
//! A word's marks are one integer: 0 for a word without marks, else each
//! mark's code ([`code`]), 4 bits each, the first highest, 8 at most (a
//! ninth mark and beyond are left out, a character's marks all or none).

/// A character's entry: a separator (`SEPARATOR`); or a character holding
/// one ASCII letter or digit (`LETTER`) and, in bits 24–27, how many marks,
/// their codes in bits 0–23 (the first highest); a mark alone has no
/// `LETTER`.
pub(crate) const LETTER: u32 = 1 << 30;
pub(crate) const SEPARATOR: u32 = 1 << 29;

/// A character lower-cased and decomposed (NFD): a separator when it holds
/// anything but one ASCII letter or digit (đ being `d`) and marks, or more
/// than six marks.
pub(crate) fn entry(c: char) -> u32 {
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

/// Each mark's code, and đ's (9): grave 1, acute 2, hook 3, tilde 4, dot
/// below 5, circumflex 6, horn 7, breve 8, any other mark 10.
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

/// A word's marks (`marks`, `count` of them) with a character's `count`
/// more marks, `codes`: unchanged when they would make more than 8.
#[inline(always)]
pub(crate) fn add(marks: u32, count: u32, added: u32, codes: u32) -> (u32, u32) {
    if added > 0 && count + added <= 8 {
        (marks << (4 * added) | codes, count + added)
    } else {
        (marks, count)
    }
}
