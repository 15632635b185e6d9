//! Find citations of other directives in running text.
//!
//! Candidates come from [`DocNumber::find_all`] (one regex); each is then judged by its
//! context: the words just before it ("Kết luận số"), the words right after it (", ngày
//! 23/8/2021 của Thủ tướng Chính phủ") and, in the same sentence, "Ngày …, X ban hành … số".
//!
//! Decisions:
//! * Any text is accepted: spans always index the caller's `text`. The number itself is
//!   matched on the raw text (its characters are unchanged by NFC) and the context windows
//!   are NFC-normalised before the words are read, so NFD input works too.
//! * The document's own number ("Số 2644 - CV/TU" in the header) is returned like any other.
//! * A candidate written in lower case only ("1102/cđ-ttg") needs context ("số", a type word)
//!   or codes that are all known; otherwise a candidate needs a known type or issuer code or
//!   context, so "5/KM" in prose is not a citation.
//! * Issuer, first match wins: (1) "của X" right after the number (and date);
//!   (2) "X ban hành <type> số" before it; (3) the code's central issuer when it is specific
//!   (`VPCP`, `TTg`, `VPTW`, `BYT`… but not the generic `TW`); (4) "của X tại <type> số"
//!   before it; (5) the generic code name (`TW` → "Trung ương Đảng"); (6) for a provincial code,
//!   the citing province's body ([`DocNumber::local_issuer_name`]). So "Kết luận của Thủ
//!   tướng Chính phủ tại Thông báo số 253/TB-VPCP" gives "Văn phòng Chính phủ" (the body that
//!   issued the Thông báo), while "chỉ đạo của Bộ Chính trị tại Kết luận số 07-KL/TW" gives
//!   "Bộ Chính trị" (the code only says "TW").
//! * Words are kept as printed (NFC, spaces collapsed): "Ban Thường vụ Tỉnh ủy", "UBND tỉnh",
//!   except that the name of a central body is written in full from the table of central
//!   bodies ([`crate::text::issuers`]): "Bộ Lao động" cut short by the text, cited with a
//!   `…/BLĐTBXH-…` number, is "Bộ Lao động - Thương binh và Xã hội". A dash standing alone
//!   between capitalised words belongs to the name ("Bà Rịa - Vũng Tàu").
//!   The province is exposed separately in [`FoundCitation::issuer_province`]: the province
//!   named in the words ("UBND tỉnh Bình Dương"), else `citing_province` when the words or
//!   the code name a provincial body.

use crate::text::issuers::Issuers;
use crate::text::number::{bare_province, is_letter_mark_or_number, DocNumber, DASHES};
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCitation {
    pub number: DocNumber,
    /// From the words before the number ("Kết luận số", "Thông báo kết luận số"), else from
    /// the number's type code.
    pub type_name: Option<String>,
    /// The issuing body; see the module docs for the order of sources.
    pub issuer: Option<String>,
    /// Province of a provincial issuer: named in the words, else the citing province.
    /// `None` for central issuers.
    pub issuer_province: Option<String>,
    /// (year, month, day): "ngày 11/6/2021" right after the number, or "Ngày 24/8/2021, X ban
    /// hành … số" before it in the same sentence.
    pub date: Option<(i32, u32, u32)>,
    /// Byte range of the number as written in `text` (e.g. "10- TB/VPTW").
    pub number_span: Range<usize>,
}

/// Type words before a number, in lower case; `None`: generic ("văn bản"), type from the code.
const TYPE_WORDS: &[(&str, Option<&str>)] = &[
    ("thông báo kết luận", Some("Thông báo kết luận")),
    ("công văn", Some("Công văn")),
    ("công điện", Some("Công điện")),
    ("chỉ thị", Some("Chỉ thị")),
    ("kết luận", Some("Kết luận")),
    ("thông báo", Some("Thông báo")),
    ("nghị quyết liên tịch", Some("Nghị quyết liên tịch")),
    ("nghị quyết", Some("Nghị quyết")),
    ("nghị định", Some("Nghị định")),
    ("quyết định", Some("Quyết định")),
    ("kế hoạch", Some("Kế hoạch")),
    ("hướng dẫn", Some("Hướng dẫn")),
    ("thông tư liên tịch", Some("Thông tư liên tịch")),
    ("thông tư", Some("Thông tư")),
    ("thông tri", Some("Thông tri")),
    ("báo cáo", Some("Báo cáo")),
    ("tờ trình", Some("Tờ trình")),
    ("quy chế", Some("Quy chế")),
    ("quy định", Some("Quy định")),
    ("chương trình", Some("Chương trình")),
    ("đề án", Some("Đề án")),
    ("dự án", Some("Dự án")),
    ("phương án", Some("Phương án")),
    ("pháp lệnh", Some("Pháp lệnh")),
    ("luật", Some("Luật")),
    ("điều lệ", Some("Điều lệ")),
    ("thông cáo", Some("Thông cáo")),
    ("văn bản", None),
];

/// Lower-case syllables that occur inside names of bodies ("Thủ tướng Chính phủ", "Ban
/// Thường vụ Tỉnh ủy", "UBND tỉnh", "Ban chỉ đạo"); any other lower-case word ends a name.
const NAME_SYLLABLES: &str = "tướng phủ trị vụ ủy uỷ ban nhân dân tỉnh huyện quận thị xã phường \
    thành phố trung ương văn phòng chỉ đạo quốc gia hội đồng thường trực bí thư chấp hành kiểm \
    tra tuyên giáo tổ chức vận nội ngoại kinh tế y an công thương tài chính xây dựng lao động \
    binh hóa hoá thể thao du lịch khoa học nghệ dục đào tạo nông nghiệp phát triển thôn tư \
    pháp kế hoạch đầu môi trường nguyên thông tin truyền quân sự đảng đoàn mặt trận cơ quan sở \
    cục viện tòa toà án sát ngân hàng nhà nước bảo hiểm liên khối doanh cấp";

/// [`NAME_SYLLABLES`] as a set, split once: every word of every candidate
/// name is looked up in it.
static NAME_SYLLABLE_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| NAME_SYLLABLES.split_whitespace().collect());

/// (year, month, day).
type Date = (i32, u32, u32);

const MAX_NAME_WORDS: usize = 10;
const WINDOW: usize = 400;
const DATE: &str = r"(?P<d>\d{1,2})\s*[/.\-–]\s*(?P<m>\d{1,2})\s*[/.\-–]\s*(?P<y>\d{4})|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2}),?\s+năm\s+(?P<y2>\d{4})";
/// Up to one line break between a number and what follows it.
#[cfg(test)]
const GAP: &str = r"[ \t\x{A0},(]*\n?[ \t\x{A0},(]*";
const STOP: &str = r#"[^,;:()\[\]"“”\n]"#;

fn type_alternatives() -> String {
    TYPE_WORDS.iter().map(|(w, _)| w.replace(' ', r"\s+")).collect::<Vec<_>>().join("|")
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("citation pattern")
}

/// "…Kết luận số " / "…Chỉ thị " / "…Số: " at the end of the words before: the
/// definition of [`type_before`].
#[cfg(test)]
static TYPE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"(?i)(?:^|[^\p{{L}}\p{{M}}\p{{N}}])(?:(?P<t>{})\s*)?(?:(?P<so>số)\s*[:.]?\s*)?$", type_alternatives()))
});
/// "X ban hành <type> số " at the end of the words before.
static ISSUED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?P<who>{STOP}+?)\s+(?:đã\s+|vừa\s+)?ban\s+hành\s+(?:(?:{})\s*)?(?:số\s*[:.]?\s*)?$",
        type_alternatives()
    ))
});
/// "của X tại <type> số " at the end of the words before.
static OF_AT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"(?i)của\s+(?P<who>{STOP}+?)\s+tại\s+(?:{})\s*(?:số\s*[:.]?\s*)?$", type_alternatives()))
});
/// The definition of [`date_after`].
#[cfg(test)]
static DATE_AFTER: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)^{GAP}(?:ban\s+hành\s+)?ngày\s+(?:{DATE})")));
static DATE_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)(?:^|[^\p{{L}}])ngày\s+(?:{DATE})")));
/// The definition of [`issuer_after`].
#[cfg(test)]
static ISSUER_AFTER: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^{GAP}(?:[Cc]ủa|[Dd]o)\s+(?P<who>\p{{Lu}}{STOP}*)")));
static PROVINCE_IN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:[Tt]ỉnh(?:\s+[uủ][yỷ])?|[Tt]hành\s+(?:phố|[uủ][yỷ])|TP\.?)\s+(?P<p>\p{Lu}\p{Ll}*(?:(?:\s+|\s*[\-\x{2010}-\x{2014}\x{2212}]\s*)\p{Lu}\p{Ll}*){0,4})",
    )
});

/// All citations in `text` in order of appearance. `citing_province` is the province of the
/// directive whose text this is.
pub fn extract_citations(text: &str, citing_province: Option<&str>) -> Vec<FoundCitation> {
    extract(text, Form::Any, citing_province)
}

/// [`extract_citations`] of a text known to be NFC, as every loaded file is
/// (`content::load`): the context windows are then read where they are,
/// neither checked nor copied. A window of NFC text is NFC itself: cutting
/// at character boundaries leaves nothing that would compose or reorder.
pub fn extract_citations_in_nfc(text: &str, citing_province: Option<&str>) -> Vec<FoundCitation> {
    extract(text, Form::Nfc, citing_province)
}

/// What is known of a text's normal form.
#[derive(Clone, Copy)]
enum Form {
    /// Anything: windows are normalised before their words are read.
    Any,
    /// NFC already.
    Nfc,
}

impl Form {
    /// `window` of the text in NFC.
    fn nfc(self, window: &str) -> Cow<'_, str> {
        match self {
            Form::Any => Cow::Owned(crate::text::vietnamese::nfc(window)),
            Form::Nfc => Cow::Borrowed(window),
        }
    }
}

fn extract(text: &str, form: Form, citing_province: Option<&str>) -> Vec<FoundCitation> {
    DocNumber::find_all(text)
        .into_iter()
        .filter_map(|(span, number)| cite(text, form, span, number, citing_province))
        .collect()
}

fn cite(
    text: &str,
    form: Form,
    span: Range<usize>,
    number: DocNumber,
    citing_province: Option<&str>,
) -> Option<FoundCitation> {
    let before = sentence_before(text, form, span.start);
    let after = window_after(text, form, span.end);
    let typed = type_before(&before);
    let word_type = typed.as_ref().and_then(|t| t.type_words.clone()).map(|t| collapse(&before[t]).to_lowercase());
    let has_context = word_type.is_some() || typed.as_ref().is_some_and(|t| t.so);
    if !plausible(&text[span.clone()], &number, has_context) {
        return None;
    }
    let type_name = match word_type {
        Some(w) => TYPE_WORDS.iter().find(|(k, _)| *k == w).and_then(|(_, name)| *name),
        None => None,
    }
    .or(number.type_name())
    .map(str::to_string);

    let (after_issuer, after_date) = words_after(&after);
    let issued = issued_before(&before);
    let issuer_words = after_issuer.clone().or_else(|| issued.as_ref().map(|(who, _)| who.clone()));
    let specific = number.issuer_name().filter(|_| number.issuer_code != "TW");
    let issuer = issuer_words
        .as_deref()
        .map(|words| central_name(words, &number))
        .or(specific.map(str::to_string))
        .or_else(|| of_at_before(&before).map(|words| central_name(&words, &number)))
        .or(number.issuer_name().map(str::to_string))
        .or_else(|| citing_province.and_then(|p| number.local_issuer_name(p)));
    let provincial_words = issuer_words.as_deref().is_some_and(names_provincial_body);
    let issuer_province = match issuer_words.as_deref().and_then(province_in) {
        Some(p) => Some(p),
        None if provincial_words || (issuer_words.is_none() && number.is_provincial()) => {
            citing_province.map(bare_province)
        }
        None => None,
    };
    Some(FoundCitation {
        number,
        type_name,
        issuer,
        issuer_province,
        date: after_date.or(issued.and_then(|(_, d)| d)),
        number_span: span,
    })
}

/// A central body's name in its full, canonical form when the words name one (or begin one
/// and the number's code settles which: see [`Issuers::resolve`]); else the words as printed.
fn central_name(words: &str, number: &DocNumber) -> String {
    Issuers::builtin().resolve(words, Some(number)).map_or_else(|| words.to_string(), |body| body.name.clone())
}

/// A candidate in prose is a citation when it has context or recognisable codes.
fn plausible(raw: &str, number: &DocNumber, has_context: bool) -> bool {
    let known_type = number.type_code.is_some() && number.is_known_type();
    let known_issuer = number.is_known_issuer();
    let has_upper = raw.chars().any(char::is_uppercase);
    has_context || (has_upper && (known_type || known_issuer)) || (known_type && known_issuer)
}

/// NFC text of the sentence before `start` (at most `WINDOW` bytes back).
fn sentence_before(text: &str, form: Form, start: usize) -> Cow<'_, str> {
    let mut from = start.saturating_sub(WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = form.nfc(&text[from..start]);
    let cut = sentence_start(&window);
    match window {
        Cow::Borrowed(window) => Cow::Borrowed(&window[cut..]),
        Cow::Owned(window) => Cow::Owned(window[cut..].to_string()),
    }
}

/// Where the last sentence of `window` starts: after its last line break,
/// `;`, `!`, `?`, or `.` followed by a space. Read from the end, where it is.
fn sentence_start(window: &str) -> usize {
    let mut next_space = false;
    for (i, c) in window.char_indices().rev() {
        if matches!(c, '\n' | ';' | '!' | '?') || (c == '.' && next_space) {
            return i + c.len_utf8();
        }
        next_space = c.is_whitespace();
    }
    0
}

/// NFC text of at most `WINDOW` bytes after `end`.
fn window_after(text: &str, form: Form, end: usize) -> Cow<'_, str> {
    let mut to = (end + WINDOW).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    form.nfc(&text[end..to])
}

// The patterns the build meets at every candidate are followed by hand,
// step by step ([`type_before`], [`date_after`], [`issuer_after`]); the
// others run only where a word they need is there. The tests hold each of
// these functions to its pattern over the fixtures and random texts.

/// What [`TYPE_BEFORE`] finds at the end of the words before a number.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TypeBefore {
    /// The type words ("Kết luận"), as written.
    type_words: Option<Range<usize>>,
    /// Whether "số" ends the words.
    so: bool,
}

/// [`TYPE_BEFORE`] on `before`: of every way the text can end with type
/// words, "số" (and its spaces and one `:` or `.`), both or neither, the one
/// whose match starts first, as the pattern's leftmost match does. A match
/// starts at the start of the text or at the one character before the
/// words, which must be no letter, mark or number.
fn type_before(before: &str) -> Option<TypeBefore> {
    let mut best: Option<(usize, usize, TypeBefore)> = None;
    let mut consider = |words_start: usize, type_words: Option<Range<usize>>, so: bool| {
        let Some(start) = match_start(before, words_start) else { return };
        // At the same start, `^` (the words from 0) comes first.
        if best.as_ref().is_none_or(|(s, w, _)| (start, words_start) < (*s, *w)) {
            best = Some((start, words_start, TypeBefore { type_words, so }));
        }
    };
    let mut ways = |words_end: usize, so: bool| {
        let type_end = before[..words_end].trim_end().len();
        if let Some(last) = before[..type_end].chars().next_back().map(Letter::of) {
            // Only the type words that end in the letter the text ends in.
            let ends_so = |word: &&(&str, Option<&str>)| word.0.chars().next_back().is_some_and(|l| last.is(l));
            for (word, _) in TYPE_WORDS.iter().filter(ends_so) {
                if let Some(start) = words_before(before, type_end, word) {
                    consider(start, Some(start..type_end), so);
                }
            }
        }
        consider(words_end, None, so);
    };
    let end = before.len();
    if let Some(so_start) = so_before(before) {
        ways(so_start, true);
    }
    ways(end, false);
    best.map(|(_, _, found)| found)
}

/// Where a match whose words start at `words_start` starts, if it can.
fn match_start(text: &str, words_start: usize) -> Option<usize> {
    match text[..words_start].chars().next_back() {
        None => Some(0),
        Some(c) if !is_letter_mark_or_number(c) => Some(words_start - c.len_utf8()),
        Some(_) => None,
    }
}

/// Where "số" starts when it ends `text` (followed by spaces and at most
/// one `:` or `.`).
fn so_before(text: &str) -> Option<usize> {
    let mut end = text.trim_end().len();
    if text[..end].ends_with([':', '.']) {
        end = text[..end - 1].trim_end().len();
    }
    words_before(text, end, "số")
}

/// Where `words` start when they end at `end` of `text`, in any case (as
/// `(?i)` reads them), a space of theirs standing for one or more.
fn words_before(text: &str, end: usize, words: &str) -> Option<usize> {
    let mut at = end;
    for letter in words.chars().rev() {
        if letter == ' ' {
            let trimmed = text[..at].trim_end().len();
            if trimmed == at {
                return None;
            }
            at = trimmed;
        } else {
            let c = text[..at].chars().next_back()?;
            if !same_letter(c, letter) {
                return None;
            }
            at -= c.len_utf8();
        }
    }
    Some(at)
}

/// Where `words` end when they start at `at` of `text`, in any case, a
/// space of theirs standing for one or more.
fn words_after_at(text: &str, at: usize, words: &str) -> Option<usize> {
    let mut at = at;
    for letter in words.chars() {
        if letter == ' ' {
            at = spaces_after(text, at)?;
        } else {
            let c = text[at..].chars().next()?;
            if !same_letter(c, letter) {
                return None;
            }
            at += c.len_utf8();
        }
    }
    Some(at)
}

/// The end of one or more spaces (`\s+`) at `at`.
fn spaces_after(text: &str, at: usize) -> Option<usize> {
    let end = text.len() - text[at..].trim_start().len();
    (end > at).then_some(end)
}

/// Whether `c` is `letter` (lower case) under `(?i)`: itself, a character
/// whose lower case it is, or the long s for s. A test holds this to the
/// regex crate for every letter the matchers read.
fn same_letter(c: char, letter: char) -> bool {
    Letter::of(c).is(letter)
}

/// A character of the text with its lower case, found once to be compared
/// with several letters.
#[derive(Clone, Copy)]
struct Letter {
    c: char,
    /// Its lower case, when that is one character.
    lower: Option<char>,
}

impl Letter {
    fn of(c: char) -> Letter {
        let lower = if c.is_ascii() {
            Some(c.to_ascii_lowercase())
        } else {
            let mut lower = c.to_lowercase();
            lower.next().filter(|_| lower.next().is_none())
        };
        Letter { c, lower }
    }

    /// Whether it is `letter` (lower case) under `(?i)`.
    fn is(self, letter: char) -> bool {
        self.c == letter || self.lower == Some(letter) || (self.c == 'ſ' && letter == 's')
    }
}

/// What [`DATE_AFTER`] finds: day, month and year as written, and where the
/// match ends.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DateAfter {
    day: Range<usize>,
    month: Range<usize>,
    year: Range<usize>,
    end: usize,
}

impl DateAfter {
    fn date(&self, text: &str) -> Option<Date> {
        date_of(&text[self.day.clone()], &text[self.month.clone()], &text[self.year.clone()])
    }
}

/// [`DATE_AFTER`] at the start of `after`: the gap, "ban hành" if it is
/// there, "ngày" and a date.
fn date_after(after: &str) -> Option<DateAfter> {
    let at = gap_end(after);
    let at = words_after_at(after, at, "ban hành").and_then(|end| spaces_after(after, end)).unwrap_or(at);
    let at = spaces_after(after, words_after_at(after, at, "ngày")?)?;
    let day = digits_at(after, at);
    if !(1..=2).contains(&day.1) {
        return None;
    }
    let day = day.0;
    numeric_date(after, day.clone()).or_else(|| worded_date(after, day))
}

/// "23/8/2021", "23 - 8 - 2021": after the day, a separator, the month, a
/// separator and the year.
fn numeric_date(text: &str, day: Range<usize>) -> Option<DateAfter> {
    let separator = |at: usize| {
        let at = text.len() - text[at..].trim_start().len();
        let sep = text[at..].chars().next().filter(|c| matches!(c, '/' | '.' | '-' | '–'))?;
        let after = at + sep.len_utf8();
        Some(text.len() - text[after..].trim_start().len())
    };
    let (month, digits) = digits_at(text, separator(day.end)?);
    if !(1..=2).contains(&digits) {
        return None;
    }
    let year = four_digits_at(text, separator(month.end)?)?;
    Some(DateAfter { day, end: year.end, month, year })
}

/// "23 tháng 8, năm 2021" (the comma optional).
fn worded_date(text: &str, day: Range<usize>) -> Option<DateAfter> {
    let at = spaces_after(text, words_after_at(text, spaces_after(text, day.end)?, "tháng")?)?;
    let (month, digits) = digits_at(text, at);
    if !(1..=2).contains(&digits) {
        return None;
    }
    let at = month.end + usize::from(text[month.end..].starts_with(','));
    let at = spaces_after(text, words_after_at(text, spaces_after(text, at)?, "năm")?)?;
    let year = four_digits_at(text, at)?;
    Some(DateAfter { day, end: year.end, month, year })
}

/// The run of digits (`\d`: any decimal digit) at `at`, and how many.
fn digits_at(text: &str, at: usize) -> (Range<usize>, usize) {
    let mut end = at;
    let mut count = 0;
    for c in text[at..].chars().take_while(|&c| is_decimal_digit(c)) {
        end += c.len_utf8();
        count += 1;
    }
    (at..end, count)
}

/// The first four digits at `at`, if there are four.
fn four_digits_at(text: &str, at: usize) -> Option<Range<usize>> {
    let mut end = at;
    for _ in 0..4 {
        let c = text[end..].chars().next().filter(|&c| is_decimal_digit(c))?;
        end += c.len_utf8();
    }
    Some(at..end)
}

/// `\d`: a decimal digit of any script (`\p{Nd}`).
fn is_decimal_digit(c: char) -> bool {
    static OTHER_DIGIT: LazyLock<Regex> = LazyLock::new(|| re(r"^\d"));
    c.is_ascii_digit() || (!c.is_ascii() && OTHER_DIGIT.is_match(c.encode_utf8(&mut [0; 4])))
}

/// [`ISSUER_AFTER`] at the start of `after`: after the gap, "của" or "do",
/// spaces and the words from a capital letter to the first stop.
fn issuer_after(after: &str) -> Option<Range<usize>> {
    let at = gap_end(after);
    let rest = &after[at..];
    let word = ["của", "Của", "do", "Do"].into_iter().find(|word| rest.starts_with(word))?;
    let start = spaces_after(after, at + word.len())?;
    let first = after[start..].chars().next()?;
    if !is_upper_letter(first) {
        return None;
    }
    let stops = [',', ';', ':', '(', ')', '[', ']', '"', '“', '”', '\n'];
    Some(start..after[start..].find(stops).map_or(after.len(), |i| start + i))
}

/// `\p{Lu}`: an upper-case letter, by the regex crate's tables (those of
/// the standard library are of another Unicode version) unless ASCII.
fn is_upper_letter(c: char) -> bool {
    static UPPER: LazyLock<Regex> = LazyLock::new(|| re(r"^\p{Lu}"));
    c.is_ascii_uppercase() || (!c.is_ascii() && UPPER.is_match(c.encode_utf8(&mut [0; 4])))
}

/// The end of [`GAP`] at the start of `text`: its spaces, commas and
/// brackets around at most one line break.
fn gap_end(text: &str) -> usize {
    let skip = |at: usize| text.len() - text[at..].trim_start_matches([' ', '\t', '\u{A0}', ',', '(']).len();
    let at = skip(0);
    if text[at..].starts_with('\n') {
        skip(at + 1)
    } else {
        at
    }
}

/// [`ISSUED_BEFORE`] on `before`, which must hold "hành".
fn issued_before_captures(before: &str) -> Option<regex::Captures<'_>> {
    holds_any_case(before, "hành").then(|| ISSUED_BEFORE.captures(before)).flatten()
}

/// [`OF_AT_BEFORE`] on `before`, which must hold "của" and "tại".
fn of_at_before_captures(before: &str) -> Option<regex::Captures<'_>> {
    let words = holds_any_case(before, "tại") && holds_any_case(before, "của");
    words.then(|| OF_AT_BEFORE.captures(before)).flatten()
}

/// Whether `text` holds `word` (lower case, with one letter that is not
/// ASCII) in any case, as a `(?i)` pattern would find it: each letter of
/// the words asked for has exactly one other case under Unicode simple case
/// folding (a test holds the regex crate to that). Found by its non-ASCII
/// letter, which `str::find` looks for a block of bytes at a time.
fn holds_any_case(text: &str, word: &str) -> bool {
    let Some((at, key)) = word.char_indices().find(|(_, c)| !c.is_ascii()) else {
        return false;
    };
    let (before, after) = (&word[..at], &word[at + key.len_utf8()..]);
    let upper = key.to_uppercase().next().unwrap_or(key);
    [key, upper].into_iter().any(|form| {
        text.match_indices(form).any(|(i, found)| {
            let head = &text.as_bytes()[..i];
            let tail = &text.as_bytes()[i + found.len()..];
            head.len() >= before.len()
                && head[head.len() - before.len()..].eq_ignore_ascii_case(before.as_bytes())
                && tail.len() >= after.len()
                && tail[..after.len()].eq_ignore_ascii_case(after.as_bytes())
        })
    })
}

/// ", ngày 23/8/2021 của Thủ tướng Chính phủ" → (issuer, date), in either order.
fn words_after(after: &str) -> (Option<String>, Option<Date>) {
    let mut rest = after;
    let mut date = None;
    if let Some(found) = date_after(rest) {
        date = found.date(rest);
        rest = &rest[found.end..];
    }
    let mut issuer = None;
    if let Some(who) = issuer_after(rest) {
        let (name, end) = name_prefix(&rest[who.clone()]);
        if !name.is_empty() {
            issuer = Some(name);
            rest = &rest[who.start + end..];
            if date.is_none() {
                date = date_after(rest).and_then(|found| found.date(rest));
            }
        }
    }
    (issuer, date)
}

/// "Ngày 24/8/2021, Văn phòng Trung ương Đảng ban hành Thông báo số " → (issuer, date).
fn issued_before(before: &str) -> Option<(String, Option<Date>)> {
    let c = issued_before_captures(before)?;
    let who = c.name("who")?;
    let name = name_suffix(who.as_str())?;
    let date = DATE_ANYWHERE.captures_iter(&before[..who.end()]).last().and_then(|c| date_of_captures(&c));
    Some((name, date))
}

/// "chỉ đạo của Bộ Chính trị tại Kết luận số " → "Bộ Chính trị".
fn of_at_before(before: &str) -> Option<String> {
    name_suffix(of_at_before_captures(before)?.name("who")?.as_str())
}

/// Whether `words[i]` can be part of a body's name: capitalised ("Chính", "UBND"), a name
/// syllable ("phủ", "tỉnh"), or "và" joining two names ("Bộ Giáo dục và Đào tạo", but not
/// "Tỉnh ủy và Công văn số …").
fn is_name_word(words: &[&str], i: usize) -> bool {
    // Most words are in lower case already (each character its own lower
    // case): only the others are copied.
    let word = words[i].trim_end_matches(['.', '!', '?']);
    let lowered = |c: char| {
        let mut lower = c.to_lowercase();
        lower.next() == Some(c) && lower.next().is_none()
    };
    let lower = if word.chars().all(lowered) { Cow::Borrowed(word) } else { Cow::Owned(word.to_lowercase()) };
    let joins = || {
        let next = words[i + 1..].iter().take(3).copied().collect::<Vec<_>>().join(" ");
        next.starts_with(char::is_uppercase) && !TYPE_WORDS.iter().any(|(w, _)| next.to_lowercase().starts_with(w))
    };
    words[i].starts_with(char::is_uppercase)
        || NAME_SYLLABLE_SET.contains(lower.as_ref())
        || (lower == "và" && joins())
        || joins_by_dash(words, i)
}

/// A dash standing alone between two parts of one name: "Bộ Lao động - Thương binh và Xã
/// hội", "tỉnh Bà Rịa – Vũng Tàu". Cutting the name there would name another body.
fn joins_by_dash(words: &[&str], i: usize) -> bool {
    let is_dash = words[i].chars().count() == 1 && words[i].starts_with(DASHES);
    let before = i > 0 && !words[i - 1].ends_with(['.', ',', ';']);
    let after = words.get(i + 1).is_some_and(|w| w.starts_with(char::is_uppercase));
    is_dash && before && after
}

/// The leading words of `s` that form a name (at most `MAX_NAME_WORDS`). Returns the name
/// (spaces collapsed) and its end offset in `s`.
fn name_prefix(s: &str) -> (String, usize) {
    let mut pieces = Vec::new(); // (start, word)
    let mut offset = 0;
    for piece in s.split_inclusive(char::is_whitespace) {
        if !piece.trim_end().is_empty() {
            pieces.push((offset, piece.trim_end()));
        }
        offset += piece.len();
    }
    let mut words: Vec<&str> = pieces.iter().map(|p| p.1).collect();
    let limit = words.len().min(MAX_NAME_WORDS);
    // A name ends at a word that is not part of names, or after a full stop ("… Chính phủ.").
    let n = (0..limit).find(|&i| !is_name_word(&words, i) || (i > 0 && words[i - 1].ends_with('.'))).unwrap_or(limit);
    words.truncate(n);
    let Some(last) = words.last_mut() else {
        return (String::new(), 0);
    };
    *last = last.trim_end_matches(|c: char| !c.is_alphanumeric()); // "phủ)" → "phủ"
    let end = pieces[n - 1].0 + last.len();
    (words.join(" "), end)
}

/// The trailing words of `s` that form a name starting with a capital: "Ngày 24/8/2021 Bộ Y
/// tế" → "Bộ Y tế". `None` when there is none or it is longer than `MAX_NAME_WORDS`.
fn name_suffix(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut from = words.len();
    while from > 0 && is_name_word(&words, from - 1) {
        from -= 1;
    }
    let from = from + words[from..].iter().position(|w| w.starts_with(char::is_uppercase))?;
    (words.len() - from <= MAX_NAME_WORDS).then(|| words[from..].join(" "))
}

/// The date a match of [`DATE`] gives.
fn date_of_captures(c: &regex::Captures) -> Option<Date> {
    let get = |a: &str, b: &str| c.name(a).or_else(|| c.name(b)).map(|m| m.as_str());
    date_of(get("d", "d2")?, get("m", "m2")?, get("y", "y2")?)
}

/// The date of a day, month and year as written, if it exists.
fn date_of(day: &str, month: &str, year: &str) -> Option<Date> {
    let number = |digits: &str| digits.parse::<u32>().ok();
    let (d, m, y) = (number(day)?, number(month)?, number(year)?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y as i32, m, d))
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn names_provincial_body(words: &str) -> bool {
    let lower = words.to_lowercase();
    ["tỉnh", "thành ủy", "thành uỷ", "thành phố", "ubnd", "hđnd", "huyện"].iter().any(|w| lower.contains(w))
}

fn province_in(words: &str) -> Option<String> {
    PROVINCE_IN.captures(words).map(|c| collapse(&c["p"]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// The four real directives, kept in the repository as test fixtures.
    fn seed(prefix: &str) -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
        let path = std::fs::read_dir(&dir)
            .expect("seed dir")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
            .expect("seed file");
        std::fs::read_to_string(path).expect("seed text")
    }

    /// One line per citation: "span → canonical | type | issuer | issuer province | d/m/y".
    fn rows(text: &str, province: Option<&str>) -> Vec<String> {
        let opt = |s: Option<String>| s.unwrap_or_else(|| "-".into());
        extract_citations(text, province)
            .into_iter()
            .map(|c| {
                let date = c.date.map(|(y, m, d)| format!("{d}/{m}/{y}"));
                let span = &text[c.number_span.clone()];
                let (canonical, type_name) = (c.number.canonical(), opt(c.type_name));
                let (issuer, province) = (opt(c.issuer), opt(c.issuer_province));
                format!("{span} → {canonical} | {type_name} | {issuer} | {province} | {}", opt(date))
            })
            .collect()
    }

    #[test]
    fn seed_000_has_no_numbered_citation() {
        assert_eq!(rows(&seed("000_"), Some("Tây Ninh")), Vec::<String>::new());
    }

    #[test]
    fn seed_001() {
        assert_eq!(
            rows(&seed("001_"), Some("Ninh Bình")),
            [
                // The document's own number in the header: returned, the caller filters it.
                "2644 - CV/TU → 2644-CV/TU | Công văn | Tỉnh ủy Ninh Bình | Ninh Bình | -",
                "472/UBND-VP6 → 472/UBND-VP6 | Công văn | UBND tỉnh | Ninh Bình | 28/7/2020",
                // "Kết luận của Thủ tướng Chính phủ tại Thông báo số …": the code's issuer wins.
                "253/TB-VPCP → 253/TB-VPCP | Thông báo | Văn phòng Chính phủ | - | 27/7/2020",
            ]
        );
    }

    #[test]
    fn seed_003() {
        assert_eq!(
            rows(&seed("003_"), Some("Quảng Ngãi")),
            [
                "453-CV/TU → 453-CV/TU | Công văn | Tỉnh ủy Quảng Ngãi | Quảng Ngãi | -",
                // "chỉ đạo của Bộ Chính trị tại Kết luận số": the words beat the generic "TW".
                "07-KL/TW → 07-KL/TW | Kết luận | Bộ Chính trị | - | 11/6/2021",
            ]
        );
    }

    #[test]
    fn seed_004() {
        // The seed does not name its province.
        assert_eq!(
            rows(&seed("004_"), None),
            [
                "10- TB/VPTW → 10-TB/VPTW | Thông báo | Văn phòng Trung ương Đảng | - | 24/8/2021",
                "1102/CĐ-TTg → 1102/CĐ-TTg | Công điện | Thủ tướng Chính phủ | - | 23/8/2021",
                "188-CV/TU → 188-CV/TU | Công văn | Ban Thường vụ Tỉnh ủy | - | 24/8/2021",
            ]
        );
        // With a province, the words stay as printed and the province is exposed apart.
        assert_eq!(
            rows(&seed("004_"), Some("Tây Ninh"))[2],
            "188-CV/TU → 188-CV/TU | Công văn | Ban Thường vụ Tỉnh ủy | Tây Ninh | 24/8/2021"
        );
    }

    #[test]
    fn seeds_in_nfd_give_the_same_citations() {
        for (prefix, province) in [("001_", Some("Ninh Bình")), ("003_", Some("Quảng Ngãi")), ("004_", None)] {
            let nfc = seed(prefix);
            let nfd: String = nfc.nfd().collect();
            let strip = |v: Vec<FoundCitation>| {
                v.into_iter().map(|c| (c.number, c.type_name, c.issuer, c.date)).collect::<Vec<_>>()
            };
            assert_eq!(strip(extract_citations(&nfd, province)), strip(extract_citations(&nfc, province)), "{prefix}");
            assert_eq!(extract_citations_in_nfc(&nfc, province), extract_citations(&nfc, province), "{prefix}");
        }
    }

    type Expect = &'static [(&'static str, Option<&'static str>, Option<Date>)];

    /// Sentence → expected (canonical, type, date) of each citation; empty for near-misses.
    const TABLE: &[(&str, Expect)] = &[
        ("Kết luận số 07-KL/TW ngày 11/6/2021", &[("07-KL/TW", Some("Kết luận"), Some((2021, 6, 11)))]),
        ("Thông báo số 253/TB-VPCP, ngày 27/7/2020", &[("253/TB-VPCP", Some("Thông báo"), Some((2020, 7, 27)))]),
        (
            "Công điện số 1102/CĐ-TTg, ngày 23/8/2021 của Thủ tướng Chính phủ",
            &[("1102/CĐ-TTg", Some("Công điện"), Some((2021, 8, 23)))],
        ),
        (
            "Công văn số 188-CV/TU, ngày 24/8/2021 của Ban Thường vụ Tỉnh ủy",
            &[("188-CV/TU", Some("Công văn"), Some((2021, 8, 24)))],
        ),
        ("Thông báo số 10- TB/VPTW", &[("10-TB/VPTW", Some("Thông báo"), None)]),
        (
            "Công văn số 472/UBND-VP6, ngày 28/7/2020 của UBND tỉnh",
            &[("472/UBND-VP6", Some("Công văn"), Some((2020, 7, 28)))],
        ),
        ("thực hiện Chỉ thị 15/CT-TTg của Thủ tướng", &[("15/CT-TTg", Some("Chỉ thị"), None)]),
        ("theo Chỉ thị số 16/CT-TTg ngày 31/3/2020", &[("16/CT-TTg", Some("Chỉ thị"), Some((2020, 3, 31)))]),
        ("Nghị định số 30/2020/NĐ-CP", &[("30/2020/NĐ-CP", Some("Nghị định"), None)]),
        ("Thông tư số 02/2021/TT-BYT ngày 19/01/2021", &[("02/2021/TT-BYT", Some("Thông tư"), Some((2021, 1, 19)))]),
        ("Công điện số 1102/CD-TTg ngày 23/8/2021", &[("1102/CĐ-TTg", Some("Công điện"), Some((2021, 8, 23)))]),
        ("Kết luận số 07–KL/TW", &[("07-KL/TW", Some("Kết luận"), None)]),
        ("Kết luận số 07—KL/TW", &[("07-KL/TW", Some("Kết luận"), None)]),
        ("Công điện số 1102/CĐ−TTg", &[("1102/CĐ-TTg", Some("Công điện"), None)]),
        ("theo công điện số 1102/cđ-ttg", &[("1102/CĐ-TTg", Some("Công điện"), None)]),
        ("theo kết luận số 07-kl/tw", &[("07-KL/TW", Some("Kết luận"), None)]),
        ("CHỈ THỊ SỐ 16/CT-TTG", &[("16/CT-TTg", Some("Chỉ thị"), None)]),
        ("Công điện số 1102/CĐ-TTg ngày 23-8-2021", &[("1102/CĐ-TTg", Some("Công điện"), Some((2021, 8, 23)))]),
        ("Công điện số 1102/CĐ-TTg ngày 23.8.2021", &[("1102/CĐ-TTg", Some("Công điện"), Some((2021, 8, 23)))]),
        (
            "Công điện số 1102/CĐ-TTg ngày 23 tháng 8 năm 2021",
            &[("1102/CĐ-TTg", Some("Công điện"), Some((2021, 8, 23)))],
        ),
        ("Chỉ thị số 05/CT-UBND ngày 03/02/2021", &[("05/CT-UBND", Some("Chỉ thị"), Some((2021, 2, 3)))]),
        ("Quyết định số 447/QĐ-TTg ngày 01/4/2020", &[("447/QĐ-TTg", Some("Quyết định"), Some((2020, 4, 1)))]),
        ("Quyết định 447/QD-TTg", &[("447/QĐ-TTg", Some("Quyết định"), None)]),
        ("Số 2644 - CV/TU", &[("2644-CV/TU", Some("Công văn"), None)]),
        ("Số: 1102/CD-TTg", &[("1102/CĐ-TTg", Some("Công điện"), None)]),
        ("Công văn số 5599/VPCP-KGVX của Văn phòng Chính phủ", &[("5599/VPCP-KGVX", Some("Công văn"), None)]),
        ("Văn bản số 123/BYT-MT ngày 5/1/2021", &[("123/BYT-MT", Some("Công văn"), Some((2021, 1, 5)))]),
        ("Hướng dẫn 36-HD/VPTW", &[("36-HD/VPTW", Some("Hướng dẫn"), None)]),
        ("Thông báo kết luận số 10-TB/VPTW", &[("10-TB/VPTW", Some("Thông báo kết luận"), None)]),
        ("Nghị quyết số 128/NQ-CP ngày 11/10/2020", &[("128/NQ-CP", Some("Nghị quyết"), Some((2020, 10, 11)))]),
        (
            "Chỉ thị số 15/CT-TTg và Chỉ thị số 16/CT-TTg",
            &[("15/CT-TTg", Some("Chỉ thị"), None), ("16/CT-TTg", Some("Chỉ thị"), None)],
        ),
        ("Chỉ thị 15/CT-TTg, 16/CT-TTg", &[("15/CT-TTg", Some("Chỉ thị"), None), ("16/CT-TTg", Some("Chỉ thị"), None)]),
        ("(Kế hoạch số 45/KH-UBND)", &[("45/KH-UBND", Some("Kế hoạch"), None)]),
        ("Công văn số 188-CV/TU.", &[("188-CV/TU", Some("Công văn"), None)]),
        ("Chỉ thị số 11-CT/TW ngày 29/12/2011", &[("11-CT/TW", Some("Chỉ thị"), Some((2011, 12, 29)))]),
        ("Công văn số 123-CV/BTGTU", &[("123-CV/BTGTU", Some("Công văn"), None)]),
        ("Công điện số 1102/CĐ-TTg ngày 31/2/2021", &[("1102/CĐ-TTg", Some("Công điện"), None)]),
        ("Thông báo số 253/TB-VPCP (ngày 27/7/2020)", &[("253/TB-VPCP", Some("Thông báo"), Some((2020, 7, 27)))]),
        // Near-misses.
        ("Liên hệ 0913.456.789 hoặc (0229) 3871 234", &[]),
        ("điện thoại 0913 456 789", &[]),
        ("ngày 11/6/2021 và ngày 25/7/2020", &[]),
        ("phát hiện F0 trong cộng đồng", &[]),
        ("dịch COVID-19, Covid-19", &[]),
        ("giữ được 99 ngày không có ca lây nhiễm", &[]),
        ("phương châm 4 tại chỗ", &[]),
        ("phát hiện 27 ca lây nhiễm mới", &[]),
        ("Số 2644", &[]),
        ("CV/TU.TH.C", &[]),
        ("PTB-145", &[]),
        ("V/v tăng cường", &[]),
        ("T/M BAN THƯỜNG VỤ", &[]),
        ("K/T CHỦ TỊCH", &[]),
        ("tỷ lệ tiêm đạt 95%, 100/100 xã", &[]),
        ("Đ/c Chánh Văn phòng, (để b/c)", &[]),
        ("tối đa 10/ngày, 2 lần/tuần", &[]),
        ("khoảng 5/km đường", &[]),
        ("1102 – CĐ-TTg", &[]),
        ("Phòng VP6", &[]),
        ("giai đoạn 2021-2025", &[]),
        ("từ 24/7 đến 30/7", &[]),
    ];

    #[test]
    fn table_of_variants_and_near_misses() {
        assert!(TABLE.len() >= 40);
        for (sentence, expected) in TABLE {
            let got: Vec<_> = extract_citations(sentence, None)
                .into_iter()
                .map(|c| (c.number.canonical(), c.type_name, c.date))
                .collect();
            let want: Vec<_> = expected.iter().map(|(n, t, d)| (n.to_string(), t.map(str::to_string), *d)).collect();
            assert_eq!(got, want, "{sentence}");
        }
    }

    #[test]
    fn issuers_and_provinces() {
        for (sentence, province, want) in [
            (
                "Công văn số 472/UBND-VP6 của UBND tỉnh Bình Dương",
                Some("Ninh Bình"),
                "472/UBND-VP6 → 472/UBND-VP6 | Công văn | UBND tỉnh Bình Dương | Bình Dương | -",
            ),
            (
                "Công văn số 472/UBND-VP6 ngày 28/7/2020",
                Some("tỉnh Ninh Bình"),
                "472/UBND-VP6 → 472/UBND-VP6 | Công văn | Ủy ban nhân dân tỉnh Ninh Bình | Ninh Bình | 28/7/2020",
            ),
            ("Công văn số 472/UBND-VP6", None, "472/UBND-VP6 → 472/UBND-VP6 | Công văn | - | - | -"),
            (
                "Thực hiện Công điện số 1102/CD-TTg của Thủ tướng Chính phủ. Các sở",
                None,
                "1102/CD-TTg → 1102/CĐ-TTg | Công điện | Thủ tướng Chính phủ | - | -",
            ),
            ("Kết luận số 07-KL/TW", None, "07-KL/TW → 07-KL/TW | Kết luận | Trung ương Đảng | - | -"),
            ("Kết luận số 07-KL/TW của Bộ Chính trị", None, "07-KL/TW → 07-KL/TW | Kết luận | Bộ Chính trị | - | -"),
            (
                "Công văn 2644-CV/TU",
                Some("Hà Nội"),
                "2644-CV/TU → 2644-CV/TU | Công văn | Thành ủy Hà Nội | Hà Nội | -",
            ),
            (
                "Quyết định số 447/QĐ-TTg ngày 01/4/2020 của Thủ tướng Chính phủ phê duyệt Kế hoạch",
                None,
                "447/QĐ-TTg → 447/QĐ-TTg | Quyết định | Thủ tướng Chính phủ | - | 1/4/2020",
            ),
            (
                "Công văn số 123/BYT-MT của Bộ Y tế ngày 5/1/2021 hướng dẫn cách ly",
                None,
                "123/BYT-MT → 123/BYT-MT | Công văn | Bộ Y tế | - | 5/1/2021",
            ),
            (
                "Công văn số 12/BGDĐT-GDTrH của Bộ Giáo dục và Đào tạo về việc",
                None,
                "12/BGDĐT-GDTrH → 12/BGDĐT-GDTRH | Công văn | Bộ Giáo dục và Đào tạo | - | -",
            ),
            (
                "Công văn số 99/UBND-KGVX của Ủy ban nhân dân tỉnh về",
                Some("Tây Ninh"),
                "99/UBND-KGVX → 99/UBND-KGVX | Công văn | Ủy ban nhân dân tỉnh | Tây Ninh | -",
            ),
            (
                "Ngày 2/3/2021, Bộ Y tế đã ban hành Công văn số 9/BYT-MT",
                None,
                "9/BYT-MT → 9/BYT-MT | Công văn | Bộ Y tế | - | 2/3/2021",
            ),
            (
                "Trên cơ sở đó Bộ Y tế ban hành Công văn số 9/BYT-MT",
                None,
                "9/BYT-MT → 9/BYT-MT | Công văn | Bộ Y tế | - | -",
            ),
            // "và" joins two names, not a name and the next citation.
            (
                "Kế hoạch số 12-KH/TU của Tỉnh ủy Bình Dương và Công văn số 9/BYT-MT",
                Some("Tây Ninh"),
                "12-KH/TU → 12-KH/TU | Kế hoạch | Tỉnh ủy Bình Dương | Bình Dương | -",
            ),
            // A date in an earlier sentence is not borrowed.
            (
                "Ngày 2/3/2021, đoàn làm việc. Bộ Y tế ban hành Công văn số 9/BYT-MT",
                None,
                "9/BYT-MT → 9/BYT-MT | Công văn | Bộ Y tế | - | -",
            ),
            // A dash inside a name does not end it.
            (
                "Công văn số 3625/BLĐTBXH-VP ngày 1/9/2021 của Bộ Lao động - Thương binh và Xã hội về việc",
                None,
                "3625/BLĐTBXH-VP → 3625/BLĐTBXH-VP | Công văn | Bộ Lao động - Thương binh và Xã hội | - | 1/9/2021",
            ),
            (
                "Công văn số 99/UBND-VX của UBND tỉnh Bà Rịa – Vũng Tàu về việc",
                Some("Tây Ninh"),
                "99/UBND-VX → 99/UBND-VX | Công văn | UBND tỉnh Bà Rịa – Vũng Tàu | Bà Rịa – Vũng Tàu | -",
            ),
            // A name the text cuts short is completed when the code agrees, else the code's
            // body is named; the words of a body that is not central are kept as printed.
            (
                "Công văn số 3625/BLĐTBXH-VP của Bộ Lao động về chi trả",
                None,
                "3625/BLĐTBXH-VP → 3625/BLĐTBXH-VP | Công văn | Bộ Lao động - Thương binh và Xã hội | - | -",
            ),
            (
                "Công văn số 12/BYT-MT của Bộ Lao động về chi trả",
                None,
                "12/BYT-MT → 12/BYT-MT | Công văn | Bộ Y tế | - | -",
            ),
            (
                "Công văn số 12/BLDTBXH-VP của bộ Lao động, Thương binh và Xã hội",
                None,
                "12/BLDTBXH-VP → 12/BLĐTBXH-VP | Công văn | Bộ Lao động - Thương binh và Xã hội | - | -",
            ),
            // "của" followed by a lower-case word is no issuer.
            ("Công văn số 9/BYT-MT của các cơ quan", None, "9/BYT-MT → 9/BYT-MT | Công văn | Bộ Y tế | - | -"),
        ] {
            assert_eq!(rows(sentence, province).first().map(String::as_str), Some(want), "{sentence}");
        }
    }

    /// Every text of the fixtures, as written and in NFD.
    fn corpus() -> Vec<String> {
        let texts = crate::text::fixture_texts();
        texts.iter().map(|text| text.nfd().collect()).chain(texts.iter().cloned()).collect()
    }

    /// The spans of every group, to compare two searches.
    fn groups(c: Option<regex::Captures>) -> Option<Vec<Option<Range<usize>>>> {
        c.map(|c| c.iter().map(|m| m.map(|m| m.range())).collect())
    }

    /// What TYPE_BEFORE finds, as [`type_before`] gives it.
    fn type_before_by_pattern(before: &str) -> Option<TypeBefore> {
        TYPE_BEFORE
            .captures(before)
            .map(|c| TypeBefore { type_words: c.name("t").map(|m| m.range()), so: c.name("so").is_some() })
    }

    /// What DATE_AFTER finds, as [`date_after`] gives it.
    fn date_after_by_pattern(after: &str) -> Option<DateAfter> {
        DATE_AFTER.captures(after).map(|c| {
            let group = |a: &str, b: &str| c.name(a).or_else(|| c.name(b)).expect("a date's group").range();
            let end = c.get(0).expect("the match").end();
            DateAfter { day: group("d", "d2"), month: group("m", "m2"), year: group("y", "y2"), end }
        })
    }

    /// The matchers by hand and the filtered searches against their
    /// patterns, before and after every character that may follow a number.
    fn assert_matchers_agree(text: &str) {
        for (at, _) in text.char_indices().filter(|&(_, c)| !c.is_alphabetic()) {
            for form in [Form::Any, Form::Nfc] {
                let before = sentence_before(text, form, at);
                assert_eq!(type_before(&before), type_before_by_pattern(&before), "{before:?}");
                let (issued, of_at) = (issued_before_captures(&before), of_at_before_captures(&before));
                assert_eq!(groups(issued), groups(ISSUED_BEFORE.captures(&before)), "{before:?}");
                assert_eq!(groups(of_at), groups(OF_AT_BEFORE.captures(&before)), "{before:?}");
            }
            let after = window_after(text, Form::Any, at);
            assert_eq!(date_after(&after), date_after_by_pattern(&after), "{after:?}");
            let who = ISSUER_AFTER.captures(&after).map(|c| c.name("who").expect("who").range());
            assert_eq!(issuer_after(&after), who, "{after:?}");
        }
    }

    #[test]
    fn the_matchers_follow_their_patterns_on_made_up_phrases() {
        let phrases = [
            "Chỉ thị số 15/CT-TTg, ngày 27/3/2020 của Thủ tướng",
            "theo THÔNG BÁO KẾT LUẬN SỐ: 10-TB/VPTW ngày 24 tháng 8, năm 2021 do Văn phòng ban hành",
            "xthông báo kết luận số 1/KL ban hành ngày 3 - 4 - 2021",
            "Nghị  quyết\nliên tịch số. 5/NQ ngày 1 tháng 12 năm 2020của Bộ",
            "Kế hoạchsố 7/KH, ngày ３/4/2021 Của (UBND tỉnh); ngày 123/4/2020",
            "Số: 1/CV ngày 1/1/20201, do ủy ban; Ⅻ Số 2/CV do Ⓐ; của Ǆ",
            "ſố 3/CT ngày 1/1/2020 KẾT LUẬN 4/KL (ngày 2.3.2021) Công văn 5/CV,\n  (\n ngày 5/5/2005",
            ":Chỉ thị 6/CT; 7/CT.",
        ];
        for phrase in phrases {
            assert_matchers_agree(phrase);
        }
        let before = "theo THÔNG BÁO KẾT LUẬN SỐ: ";
        let type_words = Some(before.find('T').unwrap()..before.find(" SỐ").unwrap());
        assert_eq!(type_before(before), Some(TypeBefore { type_words, so: true }));
        let after = ", ngày 24 tháng 8, năm 2021 do Văn phòng; và";
        let date = date_after(after).unwrap();
        assert_eq!(date.date(after), Some((2021, 8, 24)));
        assert_eq!(issuer_after(&after[date.end..]).map(|who| &after[date.end..][who]), Some("Văn phòng"));
    }

    #[test]
    fn the_narrowed_searches_find_what_the_patterns_find_in_the_fixtures() {
        for text in corpus() {
            // Every window of a long text would take long in a debug build:
            // the stretches around numbers and type words are what counts.
            for (i, _) in text.match_indices('/').step_by(4).take(12) {
                let mut from = i.saturating_sub(200);
                while !text.is_char_boundary(from) {
                    from -= 1;
                }
                let mut to = (i + 100).min(text.len());
                while !text.is_char_boundary(to) {
                    to += 1;
                }
                assert_matchers_agree(&text[from..to]);
            }
        }
    }

    #[test]
    fn the_letters_the_matchers_read_are_read_as_the_patterns_read_them() {
        // Every character, to see what `(?i)` makes of each letter.
        let all: Vec<char> = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        let text: String = all.iter().collect();
        let found = |pattern: &str| -> Vec<char> {
            let pattern = Regex::new(pattern).unwrap();
            pattern.find_iter(&text).map(|m| m.as_str().chars().next().unwrap()).collect()
        };
        let words = TYPE_WORDS.iter().map(|(w, _)| *w).chain(["số", "ban hành", "ngày", "tháng", "năm"]);
        let mut letters: Vec<char> = words.flat_map(str::chars).filter(|&c| c != ' ').collect();
        letters.sort();
        letters.dedup();
        // The first character told otherwise, if any.
        let differs = |by_hand: &dyn Fn(char) -> bool, pattern: &str| -> Option<char> {
            let by_pattern = found(pattern);
            all.iter().copied().find(|&c| by_hand(c) != by_pattern.binary_search(&c).is_ok())
        };
        for letter in letters {
            assert_eq!(differs(&|c| same_letter(c, letter), &format!("(?i){letter}")), None, "{letter}");
        }
        // The filters try a letter's two cases.
        for letter in "hànhtạicủa".chars() {
            let mut two = vec![letter, letter.to_uppercase().next().unwrap()];
            two.sort();
            assert_eq!(found(&format!("(?i){letter}")), two, "{letter}");
        }
        assert_eq!(differs(&is_upper_letter, r"\p{Lu}"), None);
        assert_eq!(differs(&is_decimal_digit, r"\d"), None);
        assert_eq!(differs(&is_letter_mark_or_number, r"[\p{L}\p{M}\p{N}]"), None);
    }

    #[test]
    fn the_filters_see_words_in_any_case_and_nothing_else() {
        assert!(holds_any_case("đã ban HÀNH Kế hoạch", "hành"));
        assert!(holds_any_case("Ban Hành", "hành"));
        assert!(holds_any_case("hÀnH", "hành"));
        assert!(!holds_any_case("hàng", "hành"));
        assert!(!holds_any_case("ành", "hành"));
        assert!(holds_any_case("CỦA Bộ Y tế TẠI", "tại") && holds_any_case("CỦA", "của"));
        assert!(!holds_any_case("tai", "tại"));
        assert_eq!(gap_end(" , (\n ( ngày"), " , (\n ( ".len());
        assert_eq!(gap_end(" \n\nngày"), 2);
        assert_eq!(gap_end(""), 0);
    }

    #[test]
    fn never_panics_and_spans_reparse() {
        const PIECES: &[&str] = &[
            "0",
            "1",
            "2",
            "7",
            "9",
            "12",
            "2021",
            "/",
            "/",
            "-",
            "–",
            "—",
            "−",
            " ",
            " ",
            "  ",
            "\n",
            ".",
            ",",
            ":",
            "CV",
            "TU",
            "TW",
            "KL",
            "CĐ",
            "CD",
            "TTg",
            "ttg",
            "UBND",
            "VP6",
            "VPCP",
            "NĐ",
            "QĐ",
            "TB",
            "cđ",
            "đ",
            "Đ",
            "Số",
            "số",
            "ngày",
            "tháng",
            "năm",
            "của",
            "Kết luận",
            "Công điện",
            "Thủ tướng Chính phủ",
            "ban hành",
            "Tỉnh ủy",
            "ệ",
            "ư",
            "ơ",
            "e\u{301}",
            "\u{301}",
            "\u{A0}",
            "😀",
            "中",
            "F0",
            "COVID-19",
            "%",
            "(",
            ")",
            "\"",
            "“",
            "ngày 1/1/2021",
            "a",
            "Z",
            "_",
            "tại",
            "Bộ Chính trị",
            "Thông báo kết luận",
            "NGHỊ QUYẾT LIÊN TỊCH",
            "đã ban hành",
            "của Bộ Y tế tại",
        ];
        const SERIALS: &[&str] = &["7", "07", "10", "188", "1102", "2020", "99999"];
        const SEPS: &[&str] = &["/", "-", " - ", "- ", " / ", "–", "/2020/", "//", ""];
        const CODES: &[&str] = &["CV", "TB", "CĐ", "cd", "TTg", "UBND", "VP6", "TW", "KL", "BYT", "x", "Đ", "ệ", "9"];
        let mut rng = crate::text::Xorshift(0x9E37_79B9_7F4A_7C15);
        let mut found = 0;
        for _ in 0..4000 {
            let len = (rng.next() % 40) as usize;
            let mut text = String::new();
            for _ in 0..len {
                if rng.next() % 3 == 1 {
                    // A number-shaped token, often malformed.
                    for part in [SERIALS, SEPS, CODES, SEPS, CODES] {
                        text.push_str(rng.pick(part));
                    }
                } else {
                    text.push_str(rng.pick(PIECES));
                }
            }
            assert_matchers_agree(&text);
            for c in extract_citations(&text, Some("Tây Ninh")) {
                let span = c.number_span.clone();
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{text:?}");
                assert_eq!(DocNumber::parse(&text[span]), Some(c.number.clone()), "{text:?}");
                found += 1;
            }
        }
        eprintln!("found {found}");
        assert!(found > 50, "the generator should produce some citations, got {found}");
    }
}
