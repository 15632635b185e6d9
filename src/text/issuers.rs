//! The central issuing bodies: Party organs, Quốc hội, Chủ tịch nước,
//! Chính phủ and Thủ tướng, Văn phòng Chính phủ, the ministries and
//! ministry-level agencies (2021, and the names of the 2025 restructure),
//! the supreme court and procuracy, and a few national bodies, with the codes
//! their numbers carry (`BYT`, `BLĐTBXH`, `TTg` …) and other spellings.
//!
//! The table (`data/issuers.tsv`) ships inside the binary. It is used to read
//! issuer codes in numbers and to put names found in running text into their
//! full, canonical form ("Bộ Lao động" from a cut name, with `…/BLĐTBXH-…`,
//! is "Bộ Lao động - Thương binh và Xã hội"). Decisions:
//! * A code may belong to several bodies (`TW`: Trung ương Đảng, Bộ Chính
//!   trị, Ban Bí thư); the first row listing it is the one the code alone
//!   names, the others accept it.
//! * A code written with a trailing `#` takes a term number (`QH15`,
//!   `UBTVQH14`).
//! * A code that provincial bodies use too (`BHXH`: Bảo hiểm xã hội Việt Nam
//!   and every provincial BHXH) is left out: the number alone cannot say.
//! * Names match folded (no diacritics, đ = d, any tone placement, any
//!   case) word by word; punctuation and dashes between words do not count.

use crate::text::number::DocNumber;
use crate::text::vietnamese::tokens;
// rustc's hasher: codes and names are looked up for every number of every
// text, and the keys are the table's own.
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const ISSUERS_TSV: &str = include_str!("../../data/issuers.tsv");

/// Which side of the state a central body is on, for facets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Branch {
    Party,
    State,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// The canonical name, NFC.
    pub name: String,
    pub branch: Branch,
    /// Codes in their official spelling (`TTg`, `BLĐTBXH`; `QH#` takes a term).
    pub codes: Vec<String>,
    pub aliases: Vec<String>,
}

impl Body {
    /// Whether the body's numbers carry a term instead of a type
    /// (`30/2021/QH15`), so the number does not tell the type.
    pub fn numbers_by_term(&self) -> bool {
        self.codes.iter().any(|c| c.ends_with('#'))
    }

    /// Whether the body's numbers carry `code` (the issuer part after the
    /// type code, first segment: `BYT` of `123/BYT-MT`).
    pub fn has_code(&self, code: &str) -> bool {
        self.codes.iter().any(|own| code_matches(own, code))
    }
}

/// Index of a body in [`Issuers::all`].
pub type BodyId = usize;

#[derive(Debug)]
pub struct Issuers {
    bodies: Vec<Body>,
    /// Folded name or alias → body.
    by_name: HashMap<String, BodyId>,
    /// Folded code → the first body listing it; numbers are read for every
    /// candidate in every text, so codes are looked up by hash.
    by_code: HashMap<String, BodyId>,
    /// Codes that take a term number (`QH`, `UBTVQH`), folded.
    by_term_code: Vec<(String, BodyId)>,
    /// Each body's folded spellings (name, then aliases), by [`BodyId`]:
    /// [`Issuers::resolve`] tries every body for each cut name it meets,
    /// so they are folded once, here.
    keys: Vec<Vec<String>>,
}

impl Issuers {
    /// The table shipped with vanban.
    pub fn builtin() -> &'static Issuers {
        static TABLE: OnceLock<Issuers> = OnceLock::new();
        TABLE.get_or_init(|| Issuers::from_tsv(ISSUERS_TSV))
    }

    fn from_tsv(tsv: &str) -> Issuers {
        let list = |s: &str| s.split('|').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect();
        let bodies: Vec<Body> = tsv
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let cols: Vec<&str> = line.split('\t').collect();
                let col = |i: usize| cols.get(i).map_or("", |s| s.trim());
                Body {
                    name: crate::text::vietnamese::nfc(col(0)),
                    branch: if col(1) == "party" { Branch::Party } else { Branch::State },
                    codes: list(col(2)),
                    aliases: list(&crate::text::vietnamese::nfc(col(3))),
                }
            })
            .collect();
        let keys: Vec<Vec<String>> = bodies
            .iter()
            .map(|body| std::iter::once(&body.name).chain(&body.aliases).map(|s| name_key(s)).collect())
            .collect();
        let (mut by_name, mut by_code, mut by_term_code) = (HashMap::default(), HashMap::default(), Vec::new());
        for (id, body) in bodies.iter().enumerate() {
            for key in &keys[id] {
                by_name.entry(key.clone()).or_insert(id);
            }
            for code in &body.codes {
                match code.strip_suffix('#') {
                    Some(stem) => by_term_code.push((code_key(stem), id)),
                    None => {
                        by_code.entry(code_key(code)).or_insert(id);
                    }
                }
            }
        }
        Issuers { bodies, by_name, by_code, by_term_code, keys }
    }

    pub fn all(&self) -> &[Body] {
        &self.bodies
    }

    /// The body a code alone names: `BYT` → Bộ Y tế, `TW` → Trung ương Đảng,
    /// `QH15` → Quốc hội. Case-blind, and `D` typed for `Đ` is accepted.
    pub fn by_code(&self, code: &str) -> Option<&Body> {
        match AsciiUpper::of(code) {
            Some(key) => self.by_code_key(key.as_str()),
            None => self.by_code_key(&code_key(code)),
        }
    }

    fn by_code_key(&self, key: &str) -> Option<&Body> {
        let id = self
            .by_code
            .get(key)
            .copied()
            .or_else(|| self.by_term_code.iter().find(|(stem, _)| is_term_of(key, stem)).map(|&(_, id)| id))?;
        Some(&self.bodies[id])
    }

    /// A code in the table's spelling: `TTG` → `TTg`, `BLDTBXH` → `BLĐTBXH`,
    /// `qh15` → `QH15`. `None` when no central body has it.
    pub fn canonical_code(&self, code: &str) -> Option<String> {
        let key = code_key(code);
        let body = self.by_code(code)?;
        body.codes.iter().find_map(|own| match own.strip_suffix('#') {
            Some(stem) => is_term_of(&key, &code_key(stem)).then(|| format!("{stem}{}", &key[stem.len()..])),
            None => (code_key(own) == key).then(|| own.clone()),
        })
    }

    /// The body named exactly (by its name or an alias), however it is
    /// spelt: "BỘ Y TẾ", "Bo Lao dong - Thuong binh va Xa hoi", "Thủ tướng".
    pub fn by_name(&self, name: &str) -> Option<&Body> {
        self.by_name.get(&name_key(name)).map(|&id| &self.bodies[id])
    }

    /// The central body meant by `words` (a name as a text gives it) in a
    /// citation of `number`:
    /// * the body named exactly;
    /// * for a fragment (the first words of a body's name: "Bộ Lao động"),
    ///   the one body it begins, when the number's code is that body's;
    /// * otherwise for a fragment, the body the number's code names;
    /// * `None` when the words are no central body's (or a fragment the
    ///   code does not settle): the caller keeps them as printed.
    pub fn resolve(&self, words: &str, number: Option<&DocNumber>) -> Option<&Body> {
        // Folded once: it is both the exact name looked up and the fragment.
        let fragment = name_key(words);
        if let Some(&id) = self.by_name.get(&fragment) {
            return Some(&self.bodies[id]);
        }
        if fragment.is_empty() {
            return None;
        }
        let begun: Vec<&Body> = (self.bodies.iter().zip(&self.keys))
            .filter(|(_, keys)| begins_name_of(&fragment, keys))
            .map(|(body, _)| body)
            .collect();
        if begun.is_empty() {
            return None;
        }
        let code = number.map(DocNumber::issuer_head)?;
        match begun.as_slice() {
            [only] if only.has_code(code) => Some(only),
            _ => self.by_code(code),
        }
    }
}

/// Whether `fragment` (a name key) is the first whole words of one of a
/// body's spellings, given folded (`keys`).
fn begins_name_of(fragment: &str, keys: &[String]) -> bool {
    keys.iter().any(|key| key.strip_prefix(fragment).is_some_and(|rest| rest.starts_with(' ')))
}

/// The key names are matched by: the folded ASCII words, one space apart
/// ("Bộ Văn hóa, Thể thao và Du lịch" = "bo van hoa the thao va du lich").
fn name_key(name: &str) -> String {
    tokens(name).join(" ")
}

/// Whether `written` (as in a number) is the table's `own` code: case-blind,
/// `D` for `Đ`, and a term number after a `#` code.
fn code_matches(own: &str, written: &str) -> bool {
    let written = code_key(written);
    match own.strip_suffix('#') {
        Some(stem) => is_term_of(&written, &code_key(stem)),
        None => code_key(own) == written,
    }
}

/// A code as codes are matched: upper case, `Đ` as `D` (typed either way).
fn code_key(code: &str) -> String {
    code.to_uppercase().replace('Đ', "D")
}

/// A short ASCII code in upper case, made on the stack: what [`code_key`]
/// gives for it (no `Đ` to replace), without the two strings it allocates.
/// Codes are looked up several times for every number of every text.
pub(crate) struct AsciiUpper {
    bytes: [u8; 16],
    len: usize,
}

impl AsciiUpper {
    /// `None` when `code` is not ASCII or longer than 16 bytes.
    pub(crate) fn of(code: &str) -> Option<AsciiUpper> {
        if !code.is_ascii() || code.len() > 16 {
            return None;
        }
        let mut bytes = [0; 16];
        bytes[..code.len()].copy_from_slice(code.as_bytes());
        bytes[..code.len()].make_ascii_uppercase();
        Some(AsciiUpper { bytes, len: code.len() })
    }

    pub(crate) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).expect("ASCII")
    }
}

/// Whether the code key `key` is `stem` followed by a term number (`QH15`).
fn is_term_of(key: &str, stem: &str) -> bool {
    key.strip_prefix(stem).is_some_and(|term| !term.is_empty() && term.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether an issuer's name is that of a local body (a province's, a
/// district's or a commune's), so it has a province: "Tỉnh ủy", "UBND
/// tỉnh", "Thường trực Thành ủy", "Sở Y tế".
pub fn names_local_body(issuer: &str) -> bool {
    // "xã hội" (Bộ Lao động - Thương binh và Xã hội) is no commune ("xã").
    let folded = format!(" {} ", tokens(issuer).join(" ")).replace(" xa hoi ", " ");
    [
        " tinh ",
        " thanh pho ",
        " thanh uy ",
        " huyen ",
        " quan ",
        " thi xa ",
        " thi uy ",
        " xa ",
        " phuong ",
        " so ",
        " ubnd ",
        " hdnd ",
    ]
    .iter()
    .any(|w| folded.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_ascii_code_is_keyed_as_code_key_keys_it() {
        for code in ["TTg", "ttg", "BYT", "qh15", "BLDTBXH", "UBND-VP6", "", "ABCDEFGHIJKLMNOP"] {
            assert_eq!(AsciiUpper::of(code).map(|k| k.as_str().to_string()), Some(code_key(code)), "{code}");
        }
        for code in ["BLĐTBXH", "ABCDEFGHIJKLMNOPQ"] {
            assert!(AsciiUpper::of(code).is_none(), "{code}");
        }
        let table = Issuers::builtin();
        for body in table.all() {
            for code in body.codes.iter().map(|c| c.trim_end_matches('#')) {
                for written in [code.to_string(), code.to_lowercase(), code.replace('Đ', "D")] {
                    let by_string = table.by_code_key(&code_key(&written)).map(|b| &b.name);
                    assert_eq!(table.by_code(&written).map(|b| &b.name), by_string, "{written}");
                }
            }
        }
    }

    fn name(body: Option<&Body>) -> Option<&str> {
        body.map(|b| b.name.as_str())
    }

    fn number(s: &str) -> DocNumber {
        DocNumber::parse(s).expect("a number")
    }

    #[test]
    fn the_table_has_the_bodies_the_archive_meets() {
        let table = Issuers::builtin();
        let ministries = table.all().iter().filter(|b| b.name.starts_with("Bộ ") && b.name != "Bộ Chính trị").count();
        assert!(ministries >= 20, "{ministries} ministries");
        for must in ["Bộ Chính trị", "Ban Bí thư", "Quốc hội", "Chủ tịch nước", "Tòa án nhân dân tối cao"]
        {
            assert!(table.by_name(must).is_some(), "{must}");
        }
        let mut names: Vec<&str> = table.all().iter().map(|b| b.name.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), table.all().len(), "each body once");
    }

    #[test]
    fn codes_name_their_body() {
        let table = Issuers::builtin();
        assert_eq!(name(table.by_code("BLĐTBXH")), Some("Bộ Lao động - Thương binh và Xã hội"));
        assert_eq!(name(table.by_code("BLDTBXH")), Some("Bộ Lao động - Thương binh và Xã hội"));
        assert_eq!(name(table.by_code("TTG")), Some("Thủ tướng Chính phủ"));
        assert_eq!(name(table.by_code("TW")), Some("Trung ương Đảng"));
        assert_eq!(name(table.by_code("BCT")), Some("Bộ Công Thương"));
        assert_eq!(name(table.by_code("BNN")), Some("Bộ Nông nghiệp và Phát triển nông thôn"));
        assert_eq!(name(table.by_code("QH15")), Some("Quốc hội"));
        assert_eq!(name(table.by_code("UBTVQH14")), Some("Ủy ban Thường vụ Quốc hội"));
        assert_eq!(name(table.by_code("QH")), None, "a Quốc hội code carries its term");
        assert_eq!(table.canonical_code("ttg").as_deref(), Some("TTg"));
        assert_eq!(table.canonical_code("BLDTBXH").as_deref(), Some("BLĐTBXH"));
        assert_eq!(table.canonical_code("qh15").as_deref(), Some("QH15"));
        for not_central in ["TU", "UBND", "BHXH", "VP6", ""] {
            assert_eq!(name(table.by_code(not_central)), None, "{not_central}");
        }
    }

    #[test]
    fn names_match_however_spelt() {
        let table = Issuers::builtin();
        let lđtbxh = Some("Bộ Lao động - Thương binh và Xã hội");
        assert_eq!(name(table.by_name("BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI")), lđtbxh);
        assert_eq!(name(table.by_name("Bo Lao dong Thuong binh va Xa hoi")), lđtbxh);
        assert_eq!(name(table.by_name("Bộ Văn hoá Thể thao và Du lịch")), Some("Bộ Văn hóa, Thể thao và Du lịch"));
        assert_eq!(name(table.by_name("Uỷ ban Dân tộc")), Some("Ủy ban Dân tộc"));
        assert_eq!(name(table.by_name("Bộ Lao động")), None, "a fragment is no name");
    }

    #[test]
    fn fragments_resolve_only_with_a_code_that_agrees_else_to_the_codes_body() {
        let table = Issuers::builtin();
        let resolve = |words: &str, n: &str| name(table.resolve(words, Some(&number(n))));
        assert_eq!(resolve("Bộ Lao động", "12/BLĐTBXH-VP"), Some("Bộ Lao động - Thương binh và Xã hội"));
        assert_eq!(resolve("Bộ Lao động", "12/BYT-MT"), Some("Bộ Y tế"), "the code's body, not the fragment's");
        assert_eq!(resolve("Bộ Chính", "07-KL/TW"), Some("Bộ Chính trị"));
        assert_eq!(resolve("Bộ", "12/BTC-NSNN"), Some("Bộ Tài chính"));
        assert_eq!(resolve("Bộ Lao động", "12/UBND-VX"), None, "a provincial code settles nothing");
        assert_eq!(resolve("Ban Thường vụ Tỉnh ủy", "188-CV/TU"), None, "not a central body: kept as printed");
        assert_eq!(resolve("Thủ tướng", "1102/CĐ-TTg"), Some("Thủ tướng Chính phủ"));
        assert_eq!(name(table.resolve("Bộ Lao động", None)), None, "never invented");
    }

    #[test]
    fn local_bodies_are_told_from_central_ones() {
        for local in ["Thường trực Tỉnh ủy", "UBND tỉnh", "Ủy ban nhân dân thành phố Hà Nội", "Sở Y tế", "Thành ủy"]
        {
            assert!(names_local_body(local), "{local}");
        }
        for central in [
            "Bộ Lao động - Thương binh và Xã hội",
            "Bảo hiểm xã hội Việt Nam",
            "Bộ Y tế",
            "Thủ tướng Chính phủ",
            "Ban Bí thư",
            "Ngân hàng Nhà nước Việt Nam",
        ] {
            assert!(!names_local_body(central), "{central}");
        }
    }
}
