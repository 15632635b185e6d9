//! Words with their accents, so that a query typed with accents ranks the
//! documents holding its exact spelling first (`tình` before `tinh` and
//! `tỉnh`), while matching stays accent-blind.
//!
//! A word's *accented term* is its folded form, `~`, then its marks in
//! order ([`crate::text::marks`], read by the tokenizer in its one pass),
//! one letter each (the Telex letters, [`name`]: `f` grave, `s` acute, `r`
//! hook, `x` tilde, `j` dot below, `a` circumflex, `w` horn, `b` breve, `d`
//! for đ, `m` any other mark): `tình` → `tinh~f`, `Ủy` and `Uỷ` → `uy~r` (the
//! letter a mark sits on is not kept, so old and new tone placement are one
//! spelling), `nguyễn` → `nguyen~ax`. Words without marks have none: a
//! plain word typed is matched by its folded term alone.
//!
//! Accented terms have their own shards, `v/{k}.js` (`term:head:body`, the
//! postings as the term shards'), loaded only when a query has accents. The
//! client (search.js `accented`) splits text the same way.

use crate::text::vietnamese::for_each_marked_token;

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
/// indexer makes them ([`for_each_marked_token`]).
pub(crate) fn accented_terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_marked_token(text, |word, marks| {
        if marks != 0 {
            out.push(name(word, marks));
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::marks::{self, LETTER, SEPARATOR};
    use crate::text::vietnamese::for_each_token;

    /// The marks of each word of `text`, read in a pass of their own, as
    /// the index read them before the tokenizer did: words are runs of
    /// characters holding one ASCII letter or digit and marks, a
    /// character's marks going to the word it is in.
    fn marks_in_a_pass_of_their_own(text: &str) -> Vec<u32> {
        let (mut sigs, mut in_word, mut sig, mut count) = (Vec::new(), false, 0u32, 0u32);
        for c in text.chars() {
            let entry = if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    LETTER
                } else {
                    SEPARATOR
                }
            } else {
                marks::entry(c)
            };
            if entry & SEPARATOR != 0 {
                if in_word {
                    sigs.push(sig);
                }
                (in_word, sig, count) = (false, 0, 0);
            } else if entry & LETTER != 0 || in_word {
                in_word = true;
                (sig, count) = marks::add(sig, count, (entry >> 24) & 15, entry & 0xff_ffff);
            }
        }
        if in_word {
            sigs.push(sig);
        }
        sigs
    }

    #[test]
    fn the_tokenizer_gives_each_word_the_marks_a_pass_of_their_own_gives() {
        let mut texts = crate::text::fixture_texts();
        // Every character, in a word, starting one, ending one and alone.
        texts.extend((0..0x11_0000).filter_map(char::from_u32).map(|c| format!("a{c}b {c}c d{c} {c}")));
        texts.push("Nghiệệệệệệ ễ\u{301}\u{301} \u{300}a\u{300}".to_string());
        for text in texts {
            let mut words = Vec::new();
            for_each_token(&text, |word| words.push(word.to_string()));
            let sigs = marks_in_a_pass_of_their_own(&text);
            assert_eq!(words.len(), sigs.len(), "{text:?}");
            let mut marked = Vec::new();
            for_each_marked_token(&text, |word, marks| marked.push((word.to_string(), marks)));
            assert!(marked.iter().map(|(word, _)| word).eq(&words), "{text:?}");
            assert!(marked.iter().map(|&(_, marks)| marks).eq(sigs), "{text:?}");
        }
    }

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
