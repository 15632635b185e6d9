//! A directive's number ("số và ký hiệu").
//!
//! Two numbering styles are in use:
//! * Party (Hướng dẫn 36-HD/VPTW): `{serial}-{TYPE}/{ISSUER}`, e.g. `07-KL/TW`, `2644-CV/TU`.
//! * State (Nghị định 30/2020/NĐ-CP): `{serial}[/{year}]/[{TYPE}-]{ISSUER}[-{UNIT}…]`,
//!   e.g. `1102/CĐ-TTg`, `30/2020/NĐ-CP`; a state công văn has no type code: `472/UBND-VP6`.
//!
//! Decisions:
//! * The serial is kept as written (`07` stays `07`), so `7-KL/TW` and `07-KL/TW` differ.
//!   It may end in one lower-case letter (`30c/NQ-CP`, a number given out between two others).
//! * `issuer_code` holds everything after the type code, units included (`UBND-VP6`, `BYT-MT`).
//! * Codes are stored canonically: known codes in their official case (`TTg`, `TTr`, `QyĐ`,
//!   `CĐ`), with an ASCII `D` read as `Đ` where only the `Đ` spelling is a code (`CD`→`CĐ`,
//!   `QD`→`QĐ`, `HDND`→`HĐND`, `BCD`→`BCĐ`; `HD` stays Hướng dẫn); unknown codes upper-case.
//! * A serial joined to a state code by a dash only (`1102 – CĐ-TTg`) is rejected: without a
//!   `/` it is neither style, and accepting it would let dashes alone make numbers.
//! * Provincial: Party issuers not ending in `TW` (TU, BTGTU, VPTU, UBKTTU, HU, ĐU…) and the
//!   state codes UBND, HĐND, bare BCĐ (a provincial steering committee; the national one is
//!   `BCĐQG`) and the provincial departments (SYT, SGDĐT…). Unknown state codes are
//!   [`IssuerLevel::Unknown`], not provincial.
//! * Central codes (`TW`, `TTg`, `BYT`, `QH15` …) are those of the table of central bodies
//!   ([`crate::text::issuers`]), which names them; this module only knows the provincial ones.

use crate::text::issuers::{AsciiUpper, Body, Branch, Issuers};
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NumberStyle {
    Party,
    State,
}

/// Issuer level, for facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IssuerLevel {
    /// Trung ương Đảng and its organs (any Party issuer code ending in `TW`).
    CentralParty,
    /// Thủ tướng, Chính phủ, Văn phòng Chính phủ, ministries, Quốc hội, national committees.
    CentralGovernment,
    /// Codes only unique within a province (see [`DocNumber::is_provincial`]).
    Provincial,
    /// A state issuer code this module does not know.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocNumber {
    pub serial: String,
    pub year: Option<u16>,
    pub type_code: Option<String>,
    pub issuer_code: String,
    pub style: NumberStyle,
}

struct TypeCode {
    code: &'static str,
    party: &'static str,
    state: &'static str,
}

const fn ty(code: &'static str, name: &'static str) -> TypeCode {
    TypeCode { code, party: name, state: name }
}

/// Type codes of Hướng dẫn 36-HD/VPTW (Party) and Nghị định 30/2020/NĐ-CP (State).
const TYPES: &[TypeCode] = &[
    ty("CV", "Công văn"),
    ty("CT", "Chỉ thị"),
    ty("KL", "Kết luận"),
    ty("TB", "Thông báo"),
    ty("CĐ", "Công điện"),
    ty("NQ", "Nghị quyết"),
    ty("NQLT", "Nghị quyết liên tịch"),
    ty("QĐ", "Quyết định"),
    ty("QĐi", "Quy định"),
    ty("QyĐ", "Quy định"),
    ty("QC", "Quy chế"),
    ty("KH", "Kế hoạch"),
    ty("HD", "Hướng dẫn"),
    ty("NĐ", "Nghị định"),
    TypeCode { code: "TT", party: "Thông tri", state: "Thông tư" },
    ty("TTLT", "Thông tư liên tịch"),
    ty("BC", "Báo cáo"),
    ty("TTr", "Tờ trình"),
    ty("CTr", "Chương trình"),
    ty("ĐA", "Đề án"),
    ty("DA", "Dự án"),
    ty("PA", "Phương án"),
    ty("TC", "Thông cáo"),
    ty("HĐ", "Hợp đồng"),
    ty("BB", "Biên bản"),
    ty("ĐL", "Điều lệ"),
    ty("GM", "Giấy mời"),
];

/// How a provincial code names its body once the province is known.
#[derive(Clone, Copy)]
enum Local {
    /// `{prefix}Tỉnh ủy {p}` / `{prefix}Thành ủy {p}`.
    Committee(&'static str),
    /// `{prefix}tỉnh {p}` / `{prefix}thành phố {p}`.
    Province(&'static str),
    /// Provincial, but the code alone does not say which body.
    Unnamed,
}

/// A provincial code. Central codes are in the table of central bodies
/// ([`crate::text::issuers`]).
struct Issuer {
    code: &'static str,
    local: Local,
}

const fn local(code: &'static str, local: Local) -> Issuer {
    Issuer { code, local }
}

const ISSUERS: &[Issuer] = &[
    local("TU", Local::Committee("")),
    local("VPTU", Local::Committee("Văn phòng ")),
    local("BTGTU", Local::Committee("Ban Tuyên giáo ")),
    local("BTCTU", Local::Committee("Ban Tổ chức ")),
    local("BDVTU", Local::Committee("Ban Dân vận ")),
    local("BNCTU", Local::Committee("Ban Nội chính ")),
    local("UBKTTU", Local::Committee("Ủy ban Kiểm tra ")),
    local("UBND", Local::Province("Ủy ban nhân dân ")),
    local("HĐND", Local::Province("Hội đồng nhân dân ")),
    local("SYT", Local::Province("Sở Y tế ")),
    local("SGDĐT", Local::Province("Sở Giáo dục và Đào tạo ")),
    local("BCĐ", Local::Unnamed),
    local("HU", Local::Unnamed),
    local("ĐU", Local::Unnamed),
    local("QU", Local::Unnamed),
    local("ĐUK", Local::Unnamed),
];

/// Centrally-run cities: their committee is a Thành ủy, their people's committee a "thành phố".
const CITIES: &[&str] = &["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"];

pub(crate) const DASHES: &[char] =
    &['-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2212}', '\u{FF0D}'];

/// The one number-candidate pattern (placeholders in capitals are expanded below). A code
/// letter is ASCII or Đ/đ (U+0110/U+0111); `num` is the number itself, preceded by the start
/// or a character that cannot continue a word, number or code. The definition: the build
/// finds its matches by hand ([`number_matches`]), and the tests hold the two together.
#[cfg(test)]
static NUMBER_RE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = r"(?x)
        (?: ^ | [^\p{L}\p{N}\p{M}/.\-\x{2010}-\x{2014}\x{2212}\x{FF0D}] )
        (?P<num>
            (?P<serial> [0-9]{1,5} [a-z]? )
            (?:
                # Party: 07-KL/TW, 10- TB/VPTW
                SP DASH SP (?P<ptype> LETTER{1,6} ) SP SLASH SP (?P<piss> SEG (?: DASH SEG )* )
              | # State: 1102/CĐ-TTg, 30/2020/NĐ-CP, 472/UBND-VP6
                SP SLASH SP (?: (?P<year> (?:19|20)[0-9][0-9] ) SP SLASH SP )? (?P<scode> SEG (?: DASH SEG )* )
            )
        )";
    let pattern = pattern
        .replace("SEG", "LETTER ALNUM{0,11}")
        .replace("LETTER", r"[A-Za-z\x{110}\x{111}]")
        .replace("ALNUM", r"[A-Za-z0-9\x{110}\x{111}]")
        .replace("SP", r"[\x20\t\x{A0}]*")
        .replace("DASH", r"[\-\x{2010}-\x{2014}\x{2212}\x{FF0D}]")
        .replace("SLASH", r"[/\x{FF0F}]");
    Regex::new(&pattern).expect("number pattern")
});

/// Codes by their upper-case spelling, and by that spelling with `Đ` typed
/// as `D`: built once, since numbers are parsed for every candidate in
/// every text of the archive.
struct CodeIndex {
    exact: HashMap<String, usize>,
    folded: HashMap<String, usize>,
}

impl CodeIndex {
    fn new(codes: impl Iterator<Item = &'static str>) -> Self {
        let (mut exact, mut folded) = (HashMap::default(), HashMap::default());
        for (i, code) in codes.enumerate() {
            let up = code.to_uppercase();
            folded.entry(up.replace('Đ', "D")).or_insert(i);
            exact.entry(up).or_insert(i);
        }
        CodeIndex { exact, folded }
    }

    /// An exact (case-blind) match first, else a match with `D` for `Đ`.
    fn find(&self, raw: &str) -> Option<usize> {
        if let Some(up) = AsciiUpper::of(raw) {
            // No `Đ` to read as `D`: both spellings are the same key.
            let up = up.as_str();
            return self.exact.get(up).or_else(|| self.folded.get(up)).copied();
        }
        let up = raw.to_uppercase();
        self.exact.get(&up).or_else(|| self.folded.get(&up.replace('Đ', "D"))).copied()
    }
}

static TYPE_INDEX: LazyLock<CodeIndex> = LazyLock::new(|| CodeIndex::new(TYPES.iter().map(|t| t.code)));
static ISSUER_INDEX: LazyLock<CodeIndex> = LazyLock::new(|| CodeIndex::new(ISSUERS.iter().map(|i| i.code)));

fn find_type(raw: &str) -> Option<&'static TypeCode> {
    TYPE_INDEX.find(raw).map(|i| &TYPES[i])
}

fn find_issuer(raw: &str) -> Option<&'static Issuer> {
    ISSUER_INDEX.find(raw).map(|i| &ISSUERS[i])
}

fn canon_type(raw: &str) -> String {
    find_type(raw).map_or_else(|| raw.to_uppercase(), |t| t.code.to_string())
}

fn canon_issuer(segments: &[&str]) -> String {
    let canon = |s: &&str| match find_issuer(s) {
        Some(local) => local.code.to_string(),
        None => Issuers::builtin().canonical_code(s).unwrap_or_else(|| s.to_uppercase()),
    };
    segments.iter().map(canon).collect::<Vec<_>>().join("-")
}

/// The first ASCII digit of `bytes` at or after `from`. Sixteen bytes are
/// tested at a time, without a branch a byte: digits are rare in running
/// text, and this scan crosses every byte of every text.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    let is_digit = |b: &u8| b.wrapping_sub(b'0') < 10;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 16) {
        if chunk.iter().fold(false, |any, b| any | is_digit(b)) {
            break;
        }
        at += 16;
    }
    bytes.get(at..)?.iter().position(is_digit).map(|i| at + i)
}

/// Past the pattern's spaces (space, tab, no-break space) from `at`.
fn skip_spaces(bytes: &[u8], mut at: usize) -> usize {
    loop {
        match bytes.get(at..) {
            Some([b' ' | b'\t', ..]) => at += 1,
            Some([0xc2, 0xa0, ..]) => at += 2,
            _ => return at,
        }
    }
}

/// The end of a dash of the pattern (`-`, U+2010–U+2014, U+2212, U+FF0D) at `at`.
fn dash_at(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..)? {
        [b'-', ..] => Some(at + 1),
        [0xe2, 0x80, 0x90..=0x94, ..] | [0xe2, 0x88, 0x92, ..] | [0xef, 0xbc, 0x8d, ..] => Some(at + 3),
        _ => None,
    }
}

/// The end of a slash of the pattern (`/`, U+FF0F) at `at`.
fn slash_at(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..)? {
        [b'/', ..] => Some(at + 1),
        [0xef, 0xbc, 0x8f, ..] => Some(at + 3),
        _ => None,
    }
}

/// Where one number's parts are in the text: what the groups of
/// [`NUMBER_RE`] hold.
struct Parts {
    /// The number, without the character before it.
    num: Range<usize>,
    serial: Range<usize>,
    /// A Party number's type code (`KL` of `07-KL/TW`).
    party_type: Option<Range<usize>>,
    year: Option<Range<usize>>,
    /// The codes after the type (Party) or after the slash (State).
    codes: Range<usize>,
}

fn from_parts(text: &str, parts: &Parts) -> Option<DocNumber> {
    let serial = text[parts.serial.clone()].to_string();
    let segments: Vec<&str> = text[parts.codes.clone()].split(DASHES).collect();
    if let Some(ptype) = &parts.party_type {
        return Some(DocNumber {
            serial,
            year: None,
            type_code: Some(canon_type(&text[ptype.clone()])),
            issuer_code: canon_issuer(&segments),
            style: NumberStyle::Party,
        });
    }
    let (type_code, issuer) = match find_type(segments[0]) {
        Some(t) if segments.len() > 1 => (Some(t.code.to_string()), &segments[1..]),
        Some(_) => return None, // "15/CT": a type code with no issuer
        None => (None, &segments[..]),
    };
    Some(DocNumber {
        serial,
        year: parts.year.clone().and_then(|y| text[y].parse().ok()),
        type_code,
        issuer_code: canon_issuer(issuer),
        style: NumberStyle::State,
    })
}

/// Every match of [`NUMBER_RE`] in `text`, in order, found by hand: at each
/// run of ASCII digits (the serial) that may start a number, the pattern's
/// steps one after the other. Each step has one way to succeed, so there is
/// nothing to go back on (a test compares this with the pattern on random
/// texts). Running the pattern, even only around the digits, was the
/// largest cost of reading the citations of an archive.
fn number_matches(text: &str) -> Vec<Parts> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(digit) = next_digit(bytes, at) {
        let digits_end = digit + bytes[digit..].iter().take_while(|b| b.is_ascii_digit()).count();
        at = digits_end;
        if digits_end - digit > 5 || !may_precede_number(text[..digit].chars().next_back()) {
            continue;
        }
        if let Some(parts) = number_at(bytes, digit, digits_end) {
            // Matches do not overlap: the next starts after this one (and
            // the code letter or digit that ends it cannot stand before one).
            at = parts.num.end;
            found.push(parts);
        }
    }
    found
}

/// Whether a number may follow `before`: the start of the text (`None`),
/// or a character that cannot continue a word, number or code.
fn may_precede_number(before: Option<char>) -> bool {
    match before {
        None => true,
        Some('/' | '.' | '-' | '\u{2010}'..='\u{2014}' | '\u{2212}' | '\u{FF0D}') => false,
        Some(c) => !is_letter_mark_or_number(c),
    }
}

/// `\p{L}`, `\p{M}` or `\p{N}`, the classes the patterns name: told at
/// once for ASCII, by the regex crate's tables for the rest (rare where it
/// is asked).
pub(crate) fn is_letter_mark_or_number(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        LETTER_MARK_OR_NUMBER.is_match(c.encode_utf8(&mut [0; 4]))
    }
}

static LETTER_MARK_OR_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{L}\p{M}\p{N}]").expect("class pattern"));

/// The number whose serial is `digit..digits_end`, if the pattern's steps
/// all succeed from there.
fn number_at(bytes: &[u8], digit: usize, digits_end: usize) -> Option<Parts> {
    // `[a-z]?`: a lower-case letter that is there must be taken, as what
    // comes next cannot be a letter.
    let serial_end = digits_end + usize::from(bytes.get(digits_end).is_some_and(u8::is_ascii_lowercase));
    let serial = digit..serial_end;
    let at = skip_spaces(bytes, serial_end);
    if let Some(after) = dash_at(bytes, at) {
        // Party: SP DASH SP TYPE SP SLASH SP SEG (DASH SEG)*.
        let type_start = skip_spaces(bytes, after);
        let type_end = code_letters_end(bytes, type_start);
        let letters = count_chars(&bytes[type_start..type_end]);
        if !(1..=6).contains(&letters) {
            return None;
        }
        let codes_start = skip_spaces(bytes, slash_at(bytes, skip_spaces(bytes, type_end))?);
        let codes_end = segments_end(bytes, codes_start)?;
        let party_type = Some(type_start..type_end);
        return Some(Parts { num: digit..codes_end, serial, party_type, year: None, codes: codes_start..codes_end });
    }
    // State: SP SLASH SP (YEAR SP SLASH SP)? SEG (DASH SEG)*.
    let at = skip_spaces(bytes, slash_at(bytes, at)?);
    let is_year = bytes
        .get(at..at + 4)
        .is_some_and(|y| matches!(&y[..2], b"19" | b"20") && y[2].is_ascii_digit() && y[3].is_ascii_digit());
    let (year, codes_start) = if is_year {
        // A year must be followed by its slash: no code starts with a digit.
        (Some(at..at + 4), skip_spaces(bytes, slash_at(bytes, skip_spaces(bytes, at + 4))?))
    } else {
        (None, at)
    };
    let codes_end = segments_end(bytes, codes_start)?;
    Some(Parts { num: digit..codes_end, serial, party_type: None, year, codes: codes_start..codes_end })
}

/// The end of `SEG (DASH SEG)*` from `at`, each SEG a code letter and at
/// most eleven more letters or digits, all taken.
fn segments_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut end = segment_end(bytes, at)?;
    while let Some(next) = dash_at(bytes, end).and_then(|after| segment_end(bytes, after)) {
        end = next;
    }
    Some(end)
}

fn segment_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut end = code_letter_end(bytes, at)?;
    for _ in 0..11 {
        match bytes.get(end) {
            Some(b) if b.is_ascii_digit() => end += 1,
            _ => match code_letter_end(bytes, end) {
                Some(next) => end = next,
                None => break,
            },
        }
    }
    Some(end)
}

/// The end of a code letter (ASCII, Đ or đ) at `at`.
fn code_letter_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..)? {
        [b'A'..=b'Z' | b'a'..=b'z', ..] => Some(at + 1),
        [0xc4, 0x90 | 0x91, ..] => Some(at + 2),
        _ => None,
    }
}

/// The end of the run of code letters from `at`.
fn code_letters_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(next) = code_letter_end(bytes, at) {
        at = next;
    }
    at
}

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xc0 != 0x80).count()
}

/// Whether what follows a number candidate ends it: a number does not run
/// on into a word, a further code or a combining mark.
fn ends_cleanly(rest: &str) -> bool {
    let mut next = rest.chars();
    match next.next() {
        None => true,
        Some(ch) if DASHES.contains(&ch) => !next.next().is_some_and(char::is_alphanumeric),
        Some(ch) => !(ch.is_alphanumeric() || ch == '/' || ch == '\u{FF0F}' || is_mark(ch)),
    }
}

/// Strip a leading "Số", "Số:", "No." and trailing punctuation.
fn strip_label(s: &str) -> &str {
    let s = s.trim();
    for label in ["số", "Số", "SỐ", "so", "So", "SO", "No", "no", "NO"] {
        if let Some(rest) = s.strip_prefix(label) {
            if rest.starts_with(|c: char| c.is_whitespace() || c.is_ascii_digit() || c == ':' || c == '.') {
                return rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == '.');
            }
        }
    }
    s
}

impl DocNumber {
    /// Lenient parse of a number as printed or typed (see the module docs). `None` when the
    /// whole string (after removing a "Số:" label) is not one directive number.
    pub fn parse(s: &str) -> Option<DocNumber> {
        let nfc: String = crate::text::vietnamese::nfc(s);
        let s = strip_label(&nfc).trim_end_matches([',', ';', ':', '.', ' ']);
        match DocNumber::find_all(s).as_slice() {
            [(span, number)] if *span == (0..s.len()) => Some(number.clone()),
            _ => None,
        }
    }

    /// Every number in `text` with its byte span, in order. Purely lexical: callers that scan
    /// running text should also weigh the context (see `citations`). Works on any text; the
    /// number's own characters (ASCII, Đ, dashes) are unaffected by Unicode normalisation.
    pub fn find_all(text: &str) -> Vec<(Range<usize>, DocNumber)> {
        number_matches(text)
            .into_iter()
            .filter_map(|parts| {
                ends_cleanly(&text[parts.num.end..]).then_some(())?;
                Some((parts.num.clone(), from_parts(text, &parts)?))
            })
            .collect()
    }

    /// Canonical form: `07-KL/TW`, `1102/CĐ-TTg`, `30/2020/NĐ-CP`, `472/UBND-VP6`.
    pub fn canonical(&self) -> String {
        match self.style {
            NumberStyle::Party => {
                format!("{}-{}/{}", self.serial, self.type_code.as_deref().unwrap_or(""), self.issuer_code)
            }
            NumberStyle::State => {
                let mut out = self.serial.clone();
                if let Some(year) = self.year {
                    out.push_str(&format!("/{year}"));
                }
                out.push('/');
                if let Some(t) = &self.type_code {
                    out.push_str(t);
                    out.push('-');
                }
                out.push_str(&self.issuer_code);
                out
            }
        }
    }

    /// The document type named by the type code ("KL" → "Kết luận"; Party "TT" is a Thông tri,
    /// State "TT" a Thông tư). A State number without a type code is a "Công văn", except for
    /// Quốc hội numbers (`30/2021/QH15`), whose type the number does not tell.
    pub fn type_name(&self) -> Option<&'static str> {
        match &self.type_code {
            Some(code) => find_type(code).map(|t| match self.style {
                NumberStyle::Party => t.party,
                NumberStyle::State => t.state,
            }),
            None if self.central_body().is_some_and(Body::numbers_by_term) => None,
            None => Some("Công văn"),
        }
    }

    /// Name of a central issuer from its code (the first issuer segment): "TW" → "Trung ương
    /// Đảng" (the number cannot tell Bộ Chính trị from Ban Bí thư), "TTg" → "Thủ tướng Chính
    /// phủ", "BYT-MT" → "Bộ Y tế". `None` for provincial and unknown codes.
    pub fn issuer_name(&self) -> Option<&'static str> {
        self.central_body().map(|body| body.name.as_str())
    }

    /// The central body the code names ([`Issuers::by_code`] of the first issuer segment);
    /// `None` for provincial and unknown codes.
    pub fn central_body(&self) -> Option<&'static Body> {
        let head = self.issuer_head();
        find_issuer(head).is_none().then(|| Issuers::builtin().by_code(head)).flatten()
    }

    /// Whether the code is only unique within a province (see the module docs).
    pub fn is_provincial(&self) -> bool {
        self.level() == IssuerLevel::Provincial
    }

    pub fn level(&self) -> IssuerLevel {
        let head = self.issuer_head();
        if find_issuer(head).is_some() {
            return IssuerLevel::Provincial;
        }
        match (self.central_body().map(|body| body.branch), &self.style) {
            (Some(Branch::Party), _) => IssuerLevel::CentralParty,
            (Some(Branch::State), _) => IssuerLevel::CentralGovernment,
            (None, NumberStyle::Party) if head.ends_with("TW") => IssuerLevel::CentralParty,
            (None, NumberStyle::Party) => IssuerLevel::Provincial,
            (None, NumberStyle::State) => IssuerLevel::Unknown,
        }
    }

    /// Whether the type code is one of the standard codes (a State number without one is a
    /// công văn and counts as known).
    pub fn is_known_type(&self) -> bool {
        self.type_code.as_deref().is_none_or(|t| find_type(t).is_some())
    }

    /// Whether the first issuer segment is a code this module knows (central or provincial).
    pub fn is_known_issuer(&self) -> bool {
        find_issuer(self.issuer_head()).is_some() || self.central_body().is_some()
    }

    /// The body behind a provincial code once the province is known: "TU" → "Tỉnh ủy Ninh Bình"
    /// (or "Thành ủy Hà Nội"), "UBND-VP6" → "Ủy ban nhân dân tỉnh Ninh Bình", "BTGTU" → "Ban
    /// Tuyên giáo Tỉnh ủy …". A leading "Tỉnh"/"Thành phố"/"TP." in `province` is dropped.
    /// `None` for central codes and provincial codes that do not name one body (BCĐ, HU…).
    pub fn local_issuer_name(&self, province: &str) -> Option<String> {
        let p = bare_province(province);
        if p.is_empty() {
            return None;
        }
        let city = CITIES.contains(&p.as_str());
        match find_issuer(self.issuer_head())?.local {
            Local::Committee(pre) => Some(format!("{pre}{} {p}", if city { "Thành ủy" } else { "Tỉnh ủy" })),
            Local::Province(pre) => Some(format!("{pre}{} {p}", if city { "thành phố" } else { "tỉnh" })),
            Local::Unnamed => None,
        }
    }

    /// The first segment of the issuer code, the one that names the body: `BYT` of `BYT-MT`.
    pub fn issuer_head(&self) -> &str {
        self.issuer_code.split('-').next().unwrap_or("")
    }
}

const PROVINCE_PREFIXES: &[&str] = &["Tỉnh ", "tỉnh ", "Thành phố ", "thành phố ", "TP. ", "TP.", "TP "];

/// A province name without a leading "Tỉnh", "Thành phố" or "TP.": NFC, trimmed.
pub(crate) fn bare_province(province: &str) -> String {
    let nfc: String = crate::text::vietnamese::nfc(province);
    let mut p = nfc.trim();
    for prefix in PROVINCE_PREFIXES {
        p = p.strip_prefix(prefix).unwrap_or(p).trim();
    }
    p.to_string()
}

fn is_mark(c: char) -> bool {
    // Combining diacritics used by decomposed Vietnamese.
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::is_nfc;

    fn canon(s: &str) -> Option<String> {
        DocNumber::parse(s).map(|n| n.canonical())
    }

    /// The pattern over the whole text, as `find_all` did before it was
    /// matched by hand.
    fn find_all_plain(text: &str) -> Vec<(Range<usize>, String)> {
        NUMBER_RE
            .captures_iter(text)
            .filter_map(|c| {
                let span = c.name("num")?.range();
                ends_cleanly(&text[span.end..]).then_some(())?;
                let group = |name: &str| c.name(name).map(|m| m.range());
                let parts = Parts {
                    num: span.clone(),
                    serial: group("serial")?,
                    party_type: group("ptype"),
                    year: group("year"),
                    codes: group("piss").or_else(|| group("scode"))?,
                };
                Some((span, from_parts(text, &parts)?.canonical()))
            })
            .collect()
    }

    #[test]
    fn a_serial_may_end_in_one_lower_case_letter() {
        assert_eq!(DocNumber::parse("30c/NQ-CP").map(|n| n.canonical()).as_deref(), Some("30c/NQ-CP"));
        assert_eq!(DocNumber::parse("30C/NQ-CP"), None);
        assert_eq!(DocNumber::parse("30cd/NQ-CP"), None);
    }

    #[test]
    fn searching_windows_finds_what_searching_the_whole_text_finds() {
        let pieces = [
            "0",
            "7",
            "12",
            "2021",
            "1102",
            "-",
            "/",
            "–",
            "／",
            " ",
            "\u{A0}",
            "\t",
            "KL",
            "TW",
            "CĐ",
            "TTg",
            "UBND",
            "VP6",
            "NĐ",
            "CP",
            "a",
            "Đ",
            "đ",
            "ế",
            "\u{0301}",
            ".",
            ",",
            "(",
            "số ",
            "ngày ",
            "\n",
            "F",
            "x/",
            "３",
            "07-KL/TW",
            "1102/CĐ-TTg",
            "30/2020/NĐ-CP",
            "10- TB/VPTW",
            "472/UBND-VP6",
        ];
        let mut matches = 0;
        let mut rng = crate::text::Xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..rng.next() % 24 {
                let r = rng.next();
                text.push_str(pieces[(r % pieces.len() as u64) as usize]);
                if r >> 60 < 6 {
                    text.push(' ');
                }
            }
            let windowed: Vec<(Range<usize>, String)> =
                DocNumber::find_all(&text).into_iter().map(|(span, n)| (span, n.canonical())).collect();
            assert_eq!(windowed, find_all_plain(&text), "{text:?}");
            matches += windowed.len();
        }
        assert!(matches > 2_000, "the samples hold numbers ({matches})");
    }

    #[test]
    fn examples_round_trip() {
        for s in [
            "2644-CV/TU",
            "07-KL/TW",
            "10-TB/VPTW",
            "188-CV/TU",
            "36-HD/VPTW",
            "453-CV/TU",
            "11-CT/TW",
            "123-CV/BTGTU",
            "1102/CĐ-TTg",
            "253/TB-VPCP",
            "15/CT-TTg",
            "128/NQ-CP",
            "447/QĐ-TTg",
            "45/QĐ-UBND",
            "30/2020/NĐ-CP",
            "02/2021/TT-BYT",
            "472/UBND-VP6",
            "123/BYT-MT",
            "5599/VPCP-KGVX",
        ] {
            let n = DocNumber::parse(s).unwrap_or_else(|| panic!("{s} should parse"));
            assert_eq!(n.canonical(), s);
            assert_eq!(n.to_string(), s);
            assert_eq!(DocNumber::parse(&n.canonical()), Some(n));
        }
    }

    #[test]
    fn fields() {
        let n = DocNumber::parse("30/2020/NĐ-CP").unwrap();
        assert_eq!(
            n,
            DocNumber {
                serial: "30".into(),
                year: Some(2020),
                type_code: Some("NĐ".into()),
                issuer_code: "CP".into(),
                style: NumberStyle::State
            }
        );
        let n = DocNumber::parse("472/UBND-VP6").unwrap();
        assert_eq!((n.type_code.as_deref(), n.issuer_code.as_str()), (None, "UBND-VP6"));
        let n = DocNumber::parse("07-KL/TW").unwrap();
        assert_eq!((n.style, n.type_code.as_deref(), n.issuer_code.as_str()), (NumberStyle::Party, Some("KL"), "TW"));
    }

    #[test]
    fn messy_variants_normalise() {
        for (input, want) in [
            ("Số 2644 - CV/TU", "2644-CV/TU"),
            ("Số: 1102/CD-TTg", "1102/CĐ-TTg"),
            ("10- TB/VPTW", "10-TB/VPTW"),
            ("07-kl/tw", "07-KL/TW"),
            ("1102 / CĐ-TTg", "1102/CĐ-TTg"),
            ("1102/cđ-ttg", "1102/CĐ-TTg"),
            ("1102/CĐ-TTG", "1102/CĐ-TTg"),
            ("1102/cd-ttg", "1102/CĐ-TTg"),
            ("07–KL/TW", "07-KL/TW"),
            ("07—KL/TW", "07-KL/TW"),
            ("07‐KL/TW", "07-KL/TW"),
            ("07‑KL/TW", "07-KL/TW"),
            ("07−KL/TW", "07-KL/TW"),
            ("1102/CĐ–TTg", "1102/CĐ-TTg"),
            ("447/QD-TTg", "447/QĐ-TTg"),
            ("30/2020/ND-CP", "30/2020/NĐ-CP"),
            ("12/NQ-HDND", "12/NQ-HĐND"),
            ("5/KH-BCD", "5/KH-BCĐ"),
            ("45/qđ-ubnd", "45/QĐ-UBND"),
            ("số 36-HD/VPTW.", "36-HD/VPTW"),
            ("SỐ:453-CV/TU", "453-CV/TU"),
            ("12/TTR-UBND", "12/TTr-UBND"),
            ("3/QYD-UBND", "3/QyĐ-UBND"),
            ("12/HD-BYT", "12/HD-BYT"),
            ("30/2021/qh15", "30/2021/QH15"),
            ("  2644-CV / TU ", "2644-CV/TU"),
        ] {
            assert_eq!(canon(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn non_numbers_rejected() {
        for s in [
            "11/6/2021",
            "27/7/2020",
            "0913.456.789",
            "0913 456 789",
            "F0",
            "COVID-19",
            "Covid-19",
            "99",
            "4 tại chỗ",
            "2021",
            "V/v",
            "T/M",
            "K/T",
            "Đ/c",
            "b/c",
            "CV/TU.TH.C",
            "PTB-145",
            "VP6",
            "",
            "Số",
            "Số 2644",
            "15/CT",
            "1102 – CĐ-TTg",
            "1102-CĐ-TTg",
            "07-KL/TW/X",
            "07-KL/TW và 08-KL/TW",
            "ngày 11/6/2021",
            "(0229) 3871 234",
            "50%",
            "10/ngày",
        ] {
            assert_eq!(DocNumber::parse(s), None, "{s:?} should not parse");
        }
    }

    #[test]
    fn names_and_levels() {
        let p = |s: &str| DocNumber::parse(s).unwrap();
        assert_eq!(p("07-KL/TW").type_name(), Some("Kết luận"));
        assert_eq!(p("07-KL/TW").issuer_name(), Some("Trung ương Đảng"));
        assert_eq!(p("07-KL/TW").level(), IssuerLevel::CentralParty);
        assert_eq!(p("10-TB/VPTW").issuer_name(), Some("Văn phòng Trung ương Đảng"));
        assert_eq!(p("1102/CĐ-TTg").type_name(), Some("Công điện"));
        assert_eq!(p("1102/CĐ-TTg").issuer_name(), Some("Thủ tướng Chính phủ"));
        assert_eq!(p("1102/CĐ-TTg").level(), IssuerLevel::CentralGovernment);
        assert_eq!(p("5599/VPCP-KGVX").type_name(), Some("Công văn"));
        assert_eq!(p("5599/VPCP-KGVX").issuer_name(), Some("Văn phòng Chính phủ"));
        assert_eq!(p("123/BYT-MT").issuer_name(), Some("Bộ Y tế"));
        assert_eq!(p("02/2021/TT-BYT").type_name(), Some("Thông tư"));
        assert_eq!(p("01-TT/TW").type_name(), Some("Thông tri"));
        assert_eq!(p("12/TTr-UBND").type_name(), Some("Tờ trình"));
        assert_eq!(p("30/2021/QH15").type_name(), None);
        assert_eq!(p("30/2021/QH15").issuer_name(), Some("Quốc hội"));
        assert_eq!(p("30/2021/QH15").level(), IssuerLevel::CentralGovernment);
        for s in [
            "2644-CV/TU",
            "123-CV/BTGTU",
            "1-CV/VPTU",
            "2-KL/UBKTTU",
            "3-CV/HU",
            "472/UBND-VP6",
            "45/QĐ-UBND",
            "12/NQ-HĐND",
            "5/KH-BCĐ",
        ] {
            assert!(p(s).is_provincial(), "{s}");
            assert_eq!(p(s).issuer_name(), None, "{s}");
        }
        for s in ["07-KL/TW", "2-HD/BTGTW", "1102/CĐ-TTg", "5/KH-BCĐQG", "128/NQ-CP"] {
            assert!(!p(s).is_provincial(), "{s}");
        }
        assert_eq!(p("9/ABC-XY").level(), IssuerLevel::Unknown);
        assert!(!p("9/ABC-XY").is_provincial());
    }

    #[test]
    fn local_names() {
        let p = |s: &str| DocNumber::parse(s).unwrap();
        assert_eq!(p("2644-CV/TU").local_issuer_name("Ninh Bình").as_deref(), Some("Tỉnh ủy Ninh Bình"));
        assert_eq!(p("2644-CV/TU").local_issuer_name("Thành phố Hà Nội").as_deref(), Some("Thành ủy Hà Nội"));
        assert_eq!(
            p("472/UBND-VP6").local_issuer_name("tỉnh Ninh Bình").as_deref(),
            Some("Ủy ban nhân dân tỉnh Ninh Bình")
        );
        assert_eq!(p("123-CV/BTGTU").local_issuer_name("Tây Ninh").as_deref(), Some("Ban Tuyên giáo Tỉnh ủy Tây Ninh"));
        assert_eq!(p("5/KH-BCĐ").local_issuer_name("Tây Ninh"), None);
        assert_eq!(p("07-KL/TW").local_issuer_name("Tây Ninh"), None);
    }

    #[test]
    fn tables_are_nfc_and_unambiguous() {
        for t in TYPES {
            assert!(is_nfc(t.code) && is_nfc(t.party) && is_nfc(t.state));
            assert_eq!(find_type(t.code).map(|x| x.code), Some(t.code));
        }
        for i in ISSUERS {
            assert!(is_nfc(i.code));
            assert!(Issuers::builtin().by_code(i.code).is_none(), "{} is provincial, not central", i.code);
            assert_eq!(find_issuer(i.code).map(|x| x.code), Some(i.code));
        }
    }

    #[test]
    fn find_all_spans() {
        let text = "Theo 07-KL/TW, 1102/CĐ-TTg và 10- TB/VPTW; không phải 11/6/2021.";
        let found: Vec<_> = DocNumber::find_all(text).into_iter().map(|(r, n)| (&text[r], n.canonical())).collect();
        assert_eq!(
            found,
            [
                ("07-KL/TW", "07-KL/TW".into()),
                ("1102/CĐ-TTg", "1102/CĐ-TTg".into()),
                ("10- TB/VPTW", "10-TB/VPTW".to_string())
            ]
        );
    }
}
