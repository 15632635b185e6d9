//! The content model: a directive as validated from its file. Plain data,
//! handed from `validate` to `index`.

use crate::content::names::Name;
use crate::text::number::DocNumber;
use crate::text::provinces::ProvinceId;
use serde::Serialize;
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// A date known to the day, the month or only the year. Partial dates are
/// real (a document may say only "tháng 7 năm 2021"), so their precision is
/// kept rather than padded to a day that was never printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn ymd(year: i32, month: u32, day: u32) -> Self {
        PartialDate { year, month: Some(month), day: Some(day) }
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, rejecting days that do not
    /// exist (2021-02-29). The error says what is wrong in words.
    pub fn parse(text: &str) -> Result<Self, String> {
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |s: &str, width: usize, what: &str| -> Result<u32, String> {
            if s.len() == width && s.bytes().all(|b| b.is_ascii_digit()) {
                Ok(s.parse().expect("digits"))
            } else {
                Err(format!("`{s}` is not a {what} of {width} digits"))
            }
        };
        if parts.is_empty() || parts.len() > 3 {
            return Err(format!("`{text}` is not a date"));
        }
        let year = number(parts[0], 4, "year")? as i32;
        let month = parts.get(1).map(|m| number(m, 2, "month")).transpose()?;
        let day = parts.get(2).map(|d| number(d, 2, "day")).transpose()?;
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(format!("month {m} does not exist"));
            }
        }
        if let (Some(m), Some(d)) = (month, day) {
            if chrono::NaiveDate::from_ymd_opt(year, m, d).is_none() {
                let last = days_in_month(year, m);
                return Err(format!("{year}-{m:02} has {last} days, so day {d} does not exist"));
            }
        }
        Ok(PartialDate { year, month, day })
    }

    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }

    fn naive(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// The last day the date can be: itself, or the end of its month or year.
    /// A directive dated "tháng 7/2021" was certainly issued by 31/7/2021.
    pub fn last_possible_day(&self) -> chrono::NaiveDate {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        chrono::NaiveDate::from_ymd_opt(self.year, month, day).expect("a validated date")
    }

    /// Whether `self` is after `other` whatever their missing parts are:
    /// 2021-08-24 is after 2021-08-23 and after 2021-07, not after 2021-08.
    pub fn is_surely_after(&self, other: &PartialDate) -> bool {
        let parts = |d: &PartialDate| [Some(d.year as u32), d.month, d.day];
        for (mine, theirs) in parts(self).into_iter().zip(parts(other)) {
            match (mine, theirs) {
                (Some(a), Some(b)) if a != b => return a > b,
                (Some(_), Some(_)) => {}
                _ => return false,
            }
        }
        false
    }

    /// Days from `self` to `later`, when both are known to the day.
    pub fn days_until(&self, later: &PartialDate) -> Option<i64> {
        Some((later.naive()? - self.naive()?).num_days())
    }

    /// Vietnamese display: "29/7/2020", "tháng 7/2021", "năm 2021".
    pub fn display_vi(&self) -> String {
        let mut out = String::with_capacity(16);
        self.push_vi(&mut out);
        out
    }

    /// [`PartialDate::display_vi`] written at the end of `out`.
    pub fn push_vi(&self, out: &mut String) {
        match (self.month, self.day) {
            (Some(_), Some(_)) => {}
            (Some(_), None) => out.push_str("tháng "),
            _ => out.push_str("năm "),
        }
        self.push_day_first(out);
    }

    /// English display: "29/7/2020", "7/2021", "2021".
    pub fn display_en(&self) -> String {
        let mut out = String::with_capacity(10);
        self.push_en(&mut out);
        out
    }

    /// [`PartialDate::display_en`] written at the end of `out`.
    pub fn push_en(&self, out: &mut String) {
        self.push_day_first(out);
    }

    /// ISO 8601 at the precision known: `2021-06-16`, `2021-06`, `2021`.
    pub fn iso(&self) -> String {
        let mut out = String::with_capacity(10);
        self.push_iso(&mut out);
        out
    }

    /// [`PartialDate::iso`] written at the end of `out`.
    pub fn push_iso(&self, out: &mut String) {
        push_digits(out, self.year, 4);
        for part in [self.month, self.day].into_iter().flatten() {
            out.push('-');
            push_digits(out, part as i32, 2);
        }
    }

    /// `d/m/yyyy`, `m/yyyy` or `yyyy`, without padding. Written by hand:
    /// pages show tens of dates each, and `format!` cost a thousand
    /// instructions a date.
    fn push_day_first(&self, out: &mut String) {
        for part in [self.day, self.month].into_iter().flatten() {
            push_digits(out, part as i32, 1);
            out.push('/');
        }
        push_digits(out, self.year, 1);
    }
}

/// `n` in decimal, zero-padded to `width` digits (a year may be negative
/// only in a malformed file, which validation refuses; written as `-n`).
fn push_digits(out: &mut String, n: i32, width: usize) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 10];
    let mut rest = n.unsigned_abs();
    let mut start = digits.len();
    while rest > 0 || start == digits.len() {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
    }
    for _ in (digits.len() - start)..width {
        out.push('0');
    }
    out.push_str(std::str::from_utf8(&digits[start..]).expect("ASCII digits"));
}

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31).rev().find(|d| chrono::NaiveDate::from_ymd_opt(year, month, *d).is_some()).unwrap_or(28)
}

impl fmt::Display for PartialDate {
    /// ISO 8601 at the precision known ([`PartialDate::iso`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Not `collect_str`: its formatting machinery costs more than the
        // date, written for every date of the open data.
        serializer.serialize_str(&self.iso())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Signer {
    pub name: Option<Name>,
    pub position: Option<Name>,
    pub authority: Option<Name>,
}

/// A higher directive named in front matter (`cites:`) or found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiteRef {
    pub number: DocNumber,
    pub type_name: Option<Name>,
    pub issuer: Option<Name>,
    pub date: Option<PartialDate>,
    pub title: Option<String>,
    /// The province of a provincial issuer when the citation names it
    /// ("UBND tỉnh Bà Rịa - Vũng Tàu"); `None`: the citing directive's.
    pub province: Option<ProvinceId>,
    /// Where the citation came from, for the "front matter wins" rule.
    pub origin: CiteOrigin,
}

/// Where the running text names a cited number: found once, while
/// validating, and linked when the text is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedSpan {
    /// Byte range of the number in the body.
    pub span: Range<usize>,
    /// The number in canonical form (`07-KL/TW`).
    pub number: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CiteOrigin {
    FrontMatter,
    Text,
}

/// A directive, validated. Every field is as the file states it (NFC).
/// The texts that repeat across an archive (types, issuers, places, the
/// signer's lines, recipients, distribution, tags, sources) are
/// [`Name`]s, held once for the archive (see [`crate::content::names`]).
#[derive(Debug, Clone)]
pub struct Directive {
    /// Path of the content file relative to the content folder, with `/`.
    pub source_path: String,
    pub title: String,
    pub number: Option<DocNumber>,
    /// The number exactly as printed in the file.
    pub number_printed: Option<String>,
    pub type_name: Option<Name>,
    pub issuer: Option<Name>,
    pub province: Option<ProvinceId>,
    pub date: Option<PartialDate>,
    /// Earliest possible date, when the document is undated but its text
    /// shows when it could have been issued at the earliest.
    pub not_before: Option<PartialDate>,
    pub place: Option<Name>,
    pub signer: Option<Signer>,
    pub recipients: Box<[Name]>,
    pub distribution: Box<[Name]>,
    pub cites: Vec<CiteRef>,
    pub tags: Box<[Name]>,
    pub source: Option<Name>,
    pub notes: Option<String>,
    pub inferred: Box<[Name]>,
    pub extra: serde_json::Value,
    /// The Markdown text after the front matter.
    pub body: Body,
    /// The citations in the body, in order.
    pub cited_spans: Vec<CitedSpan>,
}

impl Directive {
    /// Whether an editor supplied the value of `key` (it is listed in the
    /// file's `inferred`) rather than reading it on the document.
    pub fn is_supplied(&self, key: &str) -> bool {
        self.inferred.iter().any(|k| &**k == key)
    }
}

/// A directive's Markdown text (the part of its content file after the front
/// matter): where it is, what it hashes to, and the text itself while it is
/// held. Texts are most of an archive's bytes (609 MB at 100,000
/// directives); a build that held them, even compressed, would grow with
/// them to gigabytes at a million. So `vanban build` lets each text go once
/// it is validated, and the page and the search index read it again from
/// its file (from the page cache, as a rule) with
/// [`crate::content::load::read_body`], which checks that it is still the
/// text validated. `vanban serve` keeps the texts it has read: what it
/// shows stays what it validated, and an edit is compared with the version
/// it replaces. Bodies compare by their text's hash.
#[derive(Clone)]
pub struct Body {
    /// The content file, as the build was given its path.
    path: Arc<Path>,
    /// Bytes of the text.
    len: usize,
    hash: u128,
    /// The whole file's text while it is held, with where the body starts.
    held: Option<(Arc<str>, usize)>,
}

impl Body {
    /// The body `text` of the file at `path`, not held.
    pub fn of(path: &Path, text: &str) -> Body {
        Body { path: path.into(), len: text.len(), hash: crate::text::hash::hash128(text.as_bytes()), held: None }
    }

    /// The body of the file at `path` whose whole text is `whole`, starting
    /// at byte `start`; held until [`Body::release`].
    pub fn held(path: &Path, whole: Arc<str>, start: usize) -> Body {
        Body { held: Some((whole.clone(), start)), ..Body::of(path, &whole[start..]) }
    }

    /// The text, when it is held.
    pub fn text(&self) -> Option<&str> {
        self.held.as_ref().map(|(whole, start)| &whole[*start..])
    }

    /// The whole file's text (front matter and body), when it is held.
    pub fn whole_text(&self) -> Option<&str> {
        self.held.as_ref().map(|(whole, _)| &**whole)
    }

    /// Lets go of the text: it is read again from the file when needed.
    pub fn release(&mut self) {
        self.held = None;
    }

    /// The content file it is read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether `text` is this body's text.
    pub fn is(&self, text: &str) -> bool {
        self.is_bytes(text.as_bytes())
    }

    /// Whether `bytes` are those of this body's text.
    pub fn is_bytes(&self, bytes: &[u8]) -> bool {
        bytes.len() == self.len && crate::text::hash::hash128(bytes) == self.hash
    }

    /// The text's hash: what a page's fingerprint reads in its stead.
    pub fn hash(&self) -> u128 {
        self.hash
    }

    /// Bytes of the text.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl Default for Body {
    fn default() -> Body {
        Body::of(Path::new(""), "")
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

impl Eq for Body {}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Body({}, {} bytes, {:032x})", self.path.display(), self.len, self.hash)
    }
}

/// Where a number is unique. Central codes (TW, TTg, VPCP …) are unique in
/// the country; provincial codes (TU, UBND …) only within their province, so
/// `188-CV/TU` cited from Tây Ninh is Tây Ninh's own Công văn 188.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Central,
    Province(ProvinceId),
    /// A provincial number whose province is not known: unique only to the
    /// file that holds or cites it, since it cannot be matched to anything.
    UnknownProvince(String),
}

/// Where a directive belongs, as every page, list, filter and the search
/// index show it: the one rule, so no list calls a provincial letter whose
/// province is unknown "Trung ương".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Jurisdiction {
    /// A central body's: the number's code is central, or the issuer is in
    /// the table of central bodies.
    Central,
    Province(ProvinceId),
    /// A provincial body's (a `…/TU` or `…/UBND…` number, a "Tỉnh ủy" or
    /// "UBND tỉnh" issuer) whose province is not known.
    ProvinceUnknown,
    /// Nothing says: no province, no number with a known code, no issuer
    /// the archive can place.
    Unknown,
}

impl Jurisdiction {
    /// The province when known; then what the number's code says; then
    /// what the issuer's name says.
    pub fn of(number: Option<&DocNumber>, issuer: Option<&str>, province: Option<ProvinceId>) -> Jurisdiction {
        use crate::text::number::IssuerLevel;
        if let Some(province) = province {
            return Jurisdiction::Province(province);
        }
        match number.map(DocNumber::level) {
            Some(IssuerLevel::Provincial) => return Jurisdiction::ProvinceUnknown,
            Some(IssuerLevel::CentralParty | IssuerLevel::CentralGovernment) => return Jurisdiction::Central,
            Some(IssuerLevel::Unknown) | None => {}
        }
        match issuer {
            Some(name) if crate::text::issuers::Issuers::builtin().by_name(name).is_some() => Jurisdiction::Central,
            Some(name) if crate::text::issuers::names_local_body(name) => Jurisdiction::ProvinceUnknown,
            _ => Jurisdiction::Unknown,
        }
    }

    /// The word templates and the search index tell the cases apart by.
    pub fn slug(&self) -> &'static str {
        match self {
            Jurisdiction::Central => "trung-uong",
            Jurisdiction::Province(_) => "tinh",
            Jurisdiction::ProvinceUnknown => "tinh-khong-ro",
            Jurisdiction::Unknown => "khong-ro",
        }
    }
}

/// A directive's identity: its number with its issuer's scope and its year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DirectiveKey {
    pub scope: Scope,
    pub number: String,
    pub year: Option<i32>,
}

impl DirectiveKey {
    /// `province` and `source_path` are those of the file that holds or cites
    /// the number; the year is the number's own (30/2020/NĐ-CP) or the date's.
    pub fn new(number: &DocNumber, province: Option<ProvinceId>, source_path: &str, year: Option<i32>) -> Self {
        let scope = match (number.is_provincial(), province) {
            (false, _) => Scope::Central,
            (true, Some(province)) => Scope::Province(province),
            (true, None) => Scope::UnknownProvince(source_path.to_string()),
        };
        let year = number.year.map(i32::from).or(year);
        DirectiveKey { scope, number: number.canonical(), year }
    }
}

impl Directive {
    /// Where the directive belongs (see [`Jurisdiction::of`]).
    pub fn jurisdiction(&self) -> Jurisdiction {
        Jurisdiction::of(self.number.as_ref(), self.issuer.as_deref(), self.province)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_format_wrote_them() {
        let dates = [(2021, Some(6), Some(16)), (2021, Some(12), None), (987, None, None), (2021, Some(1), Some(5))];
        for (year, month, day) in dates {
            let date = PartialDate { year, month, day };
            let iso = match (month, day) {
                (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
                (Some(m), None) => format!("{year:04}-{m:02}"),
                _ => format!("{year:04}"),
            };
            assert_eq!(date.to_string(), iso);
            let (vi, en) = match (month, day) {
                (Some(m), Some(d)) => (format!("{d}/{m}/{year}"), format!("{d}/{m}/{year}")),
                (Some(m), None) => (format!("tháng {m}/{year}"), format!("{m}/{year}")),
                _ => (format!("năm {year}"), year.to_string()),
            };
            assert_eq!((date.display_vi(), date.display_en()), (vi, en));
        }
    }

    #[test]
    fn a_provincial_directive_without_province_is_never_central() {
        let n = |s: &str| DocNumber::parse(s);
        let of = |number: &str, issuer: Option<&str>| Jurisdiction::of(n(number).as_ref(), issuer, None);
        assert_eq!(of("188-CV/TU", Some("Ban Thường vụ Tỉnh ủy")), Jurisdiction::ProvinceUnknown);
        assert_eq!(of("472/UBND-VP6", None), Jurisdiction::ProvinceUnknown);
        assert_eq!(of("", Some("Thường trực Tỉnh ủy")), Jurisdiction::ProvinceUnknown);
        assert_eq!(of("", Some("UBND tỉnh")), Jurisdiction::ProvinceUnknown);
        assert_eq!(of("07-KL/TW", None), Jurisdiction::Central);
        assert_eq!(of("", Some("Bộ Lao động - Thương binh và Xã hội")), Jurisdiction::Central);
        assert_eq!(of("9/ABC-XY", None), Jurisdiction::Unknown);
        assert_eq!(of("", None), Jurisdiction::Unknown);
        assert_eq!(Jurisdiction::of(n("188-CV/TU").as_ref(), None, Some(3)), Jurisdiction::Province(3));
    }

    #[test]
    fn bodies_compare_by_their_text() {
        let body = |text| Body::of(Path::new("a.md"), text);
        assert_eq!(body("Kính gửi: các huyện ủy"), body("Kính gửi: các huyện ủy"));
        assert_ne!(body("Kính gửi: các huyện ủy"), body("Kính gửi: các thị ủy"));
        assert_ne!(body("a"), body("aa"));
        assert!(body("số 07").is("số 07"));
        assert!(!body("số 07").is("số 08"));
        assert_eq!(body("số 07").len(), "số 07".len());
        let whole: Arc<str> = "---\ntitle: x\n---\nsố 07".into();
        let mut held = Body::held(Path::new("a.md"), whole, 17);
        assert_eq!((held.text(), held == body("số 07")), (Some("số 07"), true));
        held.release();
        assert_eq!((held.text(), held == body("số 07")), (None, true), "a released body is the same body");
    }

    #[test]
    fn parses_dates_at_three_precisions() {
        assert_eq!(PartialDate::parse("2021-06-16").unwrap(), PartialDate::ymd(2021, 6, 16));
        let month = PartialDate::parse("2021-07").unwrap();
        assert_eq!((month.month, month.day), (Some(7), None));
        assert_eq!(PartialDate::parse("2021").unwrap().to_string(), "2021");
    }

    #[test]
    fn rejects_impossible_dates_with_a_reason() {
        let error = PartialDate::parse("2021-02-29").unwrap_err();
        assert!(error.contains("28 days"), "{error}");
        assert!(PartialDate::parse("2021-13").unwrap_err().contains("month 13"));
        assert!(PartialDate::parse("21-06-16").is_err());
        assert!(PartialDate::parse("16/6/2021").is_err());
    }

    #[test]
    fn partial_dates_sort_before_the_days_they_contain() {
        let mut dates = [
            PartialDate::parse("2021-06-16").unwrap(),
            PartialDate::parse("2021").unwrap(),
            PartialDate::parse("2021-06").unwrap(),
            PartialDate::parse("2020-12-31").unwrap(),
        ];
        dates.sort();
        let shown: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
        assert_eq!(shown, ["2020-12-31", "2021", "2021-06", "2021-06-16"]);
    }

    #[test]
    fn a_date_is_surely_after_another_only_at_the_precision_both_have() {
        let d = |s: &str| PartialDate::parse(s).unwrap();
        assert!(d("2021-08-24").is_surely_after(&d("2021-08-23")));
        assert!(d("2021-08-24").is_surely_after(&d("2021-07")));
        assert!(d("2022").is_surely_after(&d("2021-12-31")));
        assert!(!d("2021-08").is_surely_after(&d("2021-08-23")));
        assert!(!d("2021-08-23").is_surely_after(&d("2021-08-23")));
        assert!(!d("2021-08-22").is_surely_after(&d("2021-08-23")));
    }

    #[test]
    fn counts_days_only_between_full_dates() {
        let cited = PartialDate::ymd(2021, 6, 11);
        assert_eq!(cited.days_until(&PartialDate::ymd(2021, 6, 16)), Some(5));
        assert_eq!(cited.days_until(&PartialDate::parse("2021-07").unwrap()), None);
        assert_eq!(PartialDate::ymd(2021, 6, 16).display_vi(), "16/6/2021");
    }
}
