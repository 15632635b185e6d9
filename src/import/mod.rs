//! `vanban import`: raw text of a directive (copied from a PDF or a scan,
//! pasted from a website, typed again) → a content file of the archive.
//!
//! [`decode`] refuses what is not UTF-8 text; [`import_text`] reads the
//! layout (`layout`), turns the body into Markdown (`body`) and decides
//! each front-matter field; [`to_content_file`] writes the file; [`run`] is
//! the command.
//!
//! # What is found, what is inferred
//! The importer writes what the text prints, and says where it guessed:
//! * **found**: read from the document itself, even when re-cased or spelt
//!   out by a fixed table, because the text prints it: issuer and province
//!   from the header ("TỈNH ỦY NINH BÌNH" → "Tỉnh ủy Ninh Bình", Ninh Bình);
//!   the number in canonical form ("Số 2644 - CV/TU" → "2644-CV/TU"); the
//!   type from a title line ("CHỈ THỊ"), from the number's code ("CV" →
//!   Công văn) or from the text naming itself ("triển khai thực hiện Công
//!   văn này"); a central issuer from the number's code ("TTg" → Thủ tướng
//!   Chính phủ); place and date from "Ninh Bình, ngày 29 tháng 7 năm 2020".
//! * **inferred** (listed in `inferred:` for the editor to confirm): a value
//!   taken from another field that does not print it as such: the province
//!   from the place line ("Ninh Bình, ngày …" names where it was signed, not
//!   whose it is) when the header does not give it; a provincial issuer
//!   spelt out from the number's code and such an inferred province; and the
//!   title placeholder [`TITLE_PLACEHOLDER`], written when no subject is found
//!   because the schema requires a title.
//! * **missing**: left out of the file and reported, so the editor adds it.
//!   The province is only missing where one is expected (not for a central
//!   issuer); recipients only for types that have a "Kính gửi" (công văn,
//!   công điện, tờ trình) or an unknown type.
//!
//! Nothing is guessed from the body's running text beyond the type's
//! self-reference: a body names many provinces and bodies besides its own.

mod body;
mod casing;
mod cli;
mod decode;
mod input;
mod layout;
mod repair;
mod report;
mod write;

pub use cli::{run, ImportOptions, RunSummary};
pub use decode::decode;
pub use input::read_input;
pub use write::to_content_file;

use crate::content::model::{PartialDate, Signer};
use crate::content::names::Name;
use crate::text::citations::extract_citations;
use crate::text::issuers::names_local_body;
use crate::text::number::{DocNumber, IssuerLevel};
use crate::text::provinces::ProvinceRegistry;
use crate::text::vietnamese::{canonical_tones, nfc, slugify};
use casing::normal_case;
use regex::Regex;
use std::sync::LazyLock;

/// The title written when the text has no subject (trích yếu): the schema
/// requires a title, and an empty one is rejected, so the file says plainly
/// that one is still to be written (and lists `title` in `inferred`).
pub const TITLE_PLACEHOLDER: &str = "[chưa có trích yếu]";

/// Field names in the order the summary lists them: the document's order.
const FIELD_ORDER: &[&str] = &[
    "number",
    "type",
    "issuer",
    "province",
    "date",
    "place",
    "title",
    "recipients",
    "distribution",
    "signer",
    "cites",
    "printed_marks",
];

/// A directive cited in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCite {
    /// Canonical number: "07-KL/TW".
    pub number: String,
    pub type_name: Option<String>,
    /// The issuer's words as printed ("Bộ Chính trị", "UBND tỉnh"), else the
    /// name behind a central code.
    pub issuer: Option<String>,
    pub date: Option<PartialDate>,
}

/// The front matter of an imported directive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedFields {
    /// The subject without "V/v", or [`TITLE_PLACEHOLDER`].
    pub title: String,
    pub number: Option<String>,
    pub type_name: Option<String>,
    pub issuer: Option<String>,
    /// Canonical province name ("Ninh Bình").
    pub province: Option<String>,
    pub date: Option<PartialDate>,
    pub place: Option<String>,
    pub signer: Option<Signer>,
    pub recipients: Vec<String>,
    pub distribution: Vec<String>,
    pub cites: Vec<ImportedCite>,
    /// Where the text came from (the input file's name).
    pub source: Option<String>,
    /// Codes printed between "Nơi nhận" and the signature (`extra.printed_marks`).
    pub printed_marks: Vec<String>,
}

/// How the importer came by a field's value, for the summary and the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HowRead {
    /// Read from the document as printed (re-cased or spelt out by a fixed
    /// table still counts: the text prints it).
    Printed,
    /// Read through OCR or extraction noise, corrected where the intended
    /// word was unambiguous ("QUYÉT ĐỊNH", "sốl 0688/BYT-MT"); see the notes.
    Corrected,
    /// Taken from another field, not printed as such (the file's `inferred:`).
    Inferred,
    /// Expected but not found, or unreadable: left out for the editor.
    Missing,
    /// Not given and not expected (a province for a central body).
    None,
}

impl HowRead {
    /// The word the summary and the report use.
    pub fn label(self) -> &'static str {
        match self {
            HowRead::Printed => "printed",
            HowRead::Corrected => "corrected",
            HowRead::Inferred => "inferred",
            HowRead::Missing => "missing",
            HowRead::None => "none",
        }
    }
}

/// The result of importing one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub front_matter: ImportedFields,
    pub body_markdown: String,
    /// Fields read from the text, in the document's order (number, type, issuer …).
    pub found: Vec<&'static str>,
    /// Fields written but not printed as such (the file's `inferred:`).
    pub inferred: Vec<&'static str>,
    /// Fields the text does not give.
    pub missing: Vec<&'static str>,
    /// Fields read through OCR noise (also in `found`): see [`HowRead::Corrected`].
    pub corrected: Vec<&'static str>,
    /// What the editor should know: furniture removed, lines not read.
    pub notes: Vec<String>,
    /// `{province}/{year}/{name}.md` under the content folder.
    pub relative_path: String,
}

/// Imports one text; `source_name` is the input's path as given (its file
/// name goes into `source:` and, without a number, into the file name).
/// Never panics, whatever the text.
pub fn import_text(text: &str, source_name: &str) -> Imported {
    let mut notes = Vec::new();
    let text = repair::repair(&nfc(&clean_text(text, &mut notes)), &mut notes);
    let lines: Vec<&str> = text.lines().collect();
    let layout = layout::read_layout(&lines, &mut notes);
    let body_markdown = body::to_markdown(&layout.body_lines, layout.signature.as_ref(), &mut notes);
    let header = &layout.header;
    let number = header.number.as_ref();
    let mut report = Report::default();
    let mut fields =
        ImportedFields { number: report.take("number", number_field(header, &mut notes)), ..ImportedFields::default() };
    set_issuer_and_province(&mut fields, header, &mut report);
    fields.type_name = report.take("type", type_name(header.type_title, number, &body_markdown, &mut notes));
    fields.date = report.take("date", header.date);
    fields.place = report.take("place", header.place.clone());
    fields.title = title_field(header.subject.as_deref(), &mut report, &mut notes);
    fields.recipients = report.take_list("recipients", layout.recipients);
    fields.distribution = report.take_list("distribution", layout.distribution);
    let signer = layout.signature.map(|s| Signer {
        name: s.name.map(Name::from),
        position: s.position.map(Name::from),
        authority: s.authority.map(Name::from),
    });
    fields.signer = report.take("signer", signer);
    fields.cites = report.take_list("cites", cites(&body_markdown, fields.province.as_deref(), number, &mut notes));
    if fields.issuer.is_none() {
        fields.issuer = issuer_named_with_own_number(&layout.preamble, &body_markdown, number, &mut report);
    }
    fields.printed_marks = report.take_list("printed_marks", layout.printed_marks);
    fields.source = Some(source_line(source_name));
    report.corrected.extend(header.corrected.iter().copied());
    report_missing(&fields, number, &mut report);
    let relative_path = relative_path(&fields, number, source_name, ProvinceRegistry::builtin());
    report.sort();
    Imported {
        front_matter: fields,
        body_markdown,
        found: report.found,
        inferred: report.inferred,
        missing: report.missing,
        corrected: report.corrected,
        notes,
        relative_path,
    }
}

/// The number in canonical form, with a note when that differs from the
/// print ("Số 2644 - CV/TU", "CD" for "CĐ").
fn number_field(header: &layout::Header, notes: &mut Vec<String>) -> Option<String> {
    let canonical = header.number.as_ref()?.canonical();
    let printed = header.number_printed.as_deref().unwrap_or_default();
    // A number read through noise has its note already.
    if !printed.ends_with(&canonical) && !header.corrected.contains(&"number") {
        notes.push(format!("number printed \"{printed}\", written {canonical}"));
    }
    Some(canonical)
}

/// Issuer and province: from the header when it prints them; else the
/// province from the place line (inferred) for a local or unknown issuer,
/// and the issuer from the number's code.
fn set_issuer_and_province(fields: &mut ImportedFields, header: &layout::Header, report: &mut Report) {
    let registry = ProvinceRegistry::builtin();
    let number = header.number.as_ref();
    fields.issuer = report.take("issuer", issuer_from_header(&header.issuer_lines, registry));
    let header_province = header.issuer_lines.iter().find_map(|l| registry.find_in_issuer(l));
    let place_province = header.place.as_deref().and_then(|p| registry.find(p));
    let number_is_provincial = number.is_some_and(DocNumber::is_provincial);
    // "Hà Nội, ngày …" under a central body's number is where it sits, not a province's document.
    let number_is_central =
        number.is_some_and(|n| matches!(n.level(), IssuerLevel::CentralParty | IssuerLevel::CentralGovernment));
    let province = match (header_province, place_province) {
        (Some(id), _) => report.take("province", Some(id)),
        (None, Some(id)) if (fields.issuer.is_none() && !number_is_central) || number_is_provincial => {
            report.inferred("province");
            Some(id)
        }
        _ => None,
    };
    fields.province = province.map(|id| registry.get(id).name.clone());
    if fields.issuer.is_none() {
        fields.issuer = issuer_from_number(number, fields.province.as_deref(), report);
    }
    complete_local_head(fields, report);
}

/// A header that prints a local body's head alone ("ỦY BAN NHÂN DÂN", its
/// province lost with the other column) names the body of the province the
/// place line gives: completed, and inferred.
fn complete_local_head(fields: &mut ImportedFields, report: &mut Report) {
    let (Some(issuer), Some(province)) = (&fields.issuer, &fields.province) else { return };
    let key = crate::text::vietnamese::fold(issuer);
    if !matches!(key.as_str(), "uy ban nhan dan" | "hoi dong nhan dan" | "ubnd" | "hdnd") {
        return;
    }
    let Some(id) = ProvinceRegistry::builtin().find(province) else { return };
    let province = ProvinceRegistry::builtin().get(id);
    let head = if key.starts_with('h') { "Hội đồng nhân dân" } else { "Ủy ban nhân dân" };
    fields.issuer = Some(format!("{head} {} {}", province.kind, province.name));
    report.inferred("issuer");
}

/// The issuer the text gives where it cites the document's own number
/// ("Quy định số 97-QĐ/TW ngày 7/2/2023 của Bộ Chính trị", in a website's
/// lead or the body), when that is a body of the table of issuers; inferred.
fn issuer_named_with_own_number(
    preamble: &[String],
    body: &str,
    own: Option<&DocNumber>,
    report: &mut Report,
) -> Option<String> {
    let own = own?;
    let text = format!("{}\n\n{body}", preamble.join("\n"));
    let named = extract_citations(&text, None).into_iter().filter(|c| &c.number == own).find_map(|c| c.issuer)?;
    let body = crate::text::issuers::Issuers::builtin().by_name(&named)?;
    report.inferred("issuer");
    report.found("issuer");
    Some(body.name.clone())
}

/// The subject as the title, in normal case when printed in capitals; the
/// placeholder when there is none.
fn title_field(subject: Option<&str>, report: &mut Report, notes: &mut Vec<String>) -> String {
    match subject {
        Some(subject) if casing::mostly_upper(subject) => {
            // A subject in capitals reads as shouting in lists; normal case
            // keeps the words, but proper names outside the table need a look.
            let title = normal_case(subject);
            notes.push(format!("subject printed in capitals, written \"{title}\": check proper names"));
            report.found("title");
            title
        }
        Some(subject) => {
            report.found("title");
            subject.to_string()
        }
        None => {
            report.inferred("title");
            report.missing("title");
            TITLE_PLACEHOLDER.to_string()
        }
    }
}

#[derive(Default)]
struct Report {
    found: Vec<&'static str>,
    inferred: Vec<&'static str>,
    missing: Vec<&'static str>,
    corrected: Vec<&'static str>,
}

impl Report {
    fn found(&mut self, key: &'static str) {
        self.found.push(key);
    }
    fn inferred(&mut self, key: &'static str) {
        self.inferred.push(key);
    }
    fn missing(&mut self, key: &'static str) {
        self.missing.push(key);
    }
    /// Passes `value` through, counting `key` as found when there is one.
    fn take<T>(&mut self, key: &'static str, value: Option<T>) -> Option<T> {
        if value.is_some() {
            self.found(key);
        }
        value
    }
    fn take_list<T>(&mut self, key: &'static str, items: Vec<T>) -> Vec<T> {
        if !items.is_empty() {
            self.found(key);
        }
        items
    }
    fn sort(&mut self) {
        let rank = |key: &&str| FIELD_ORDER.iter().position(|k| k == key).unwrap_or(FIELD_ORDER.len());
        for list in [&mut self.found, &mut self.inferred, &mut self.missing, &mut self.corrected] {
            list.sort_by_key(rank);
            list.dedup();
        }
    }
}

/// NFC input may still hold what is no text: CR line ends, form feeds (page
/// breaks), tabs and odd spaces, zero-width and control characters. Line
/// breaks and spaces are unified; the invisible rest is removed and counted.
fn clean_text(text: &str, notes: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\x0C' | '\u{0B}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' | '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => out.push(' '),
            c if crate::text::vietnamese::is_invisible(c) => removed += 1,
            c if c.is_control() && c != '\n' => removed += 1,
            c => out.push(c),
        }
    }
    if removed > 0 {
        notes.push(format!("removed {removed} invisible or control character(s)"));
    }
    out
}

/// The issuer from the header's issuer lines: the most specific (last) line
/// in normal case, completed with the province of the first line when it
/// names none ("TỈNH ỦY NINH BÌNH" + "BAN TUYÊN GIÁO" → "Ban Tuyên giáo
/// Tỉnh ủy Ninh Bình"; "UBND TỈNH QUẢNG NINH" + "SỞ Y TẾ" → "Sở Y tế tỉnh
/// Quảng Ninh").
fn issuer_from_header(lines: &[String], registry: &ProvinceRegistry) -> Option<String> {
    let last = lines.last()?;
    if let Some(body) = crate::text::issuers::Issuers::builtin().by_name(last) {
        // "BAN CHẤP HÀNH TRUNG ƯƠNG" heads every central Party document,
        // whichever organ issues it (Bộ Chính trị, Ban Bí thư …): no one body.
        return (body.codes.first().map(String::as_str) != Some("TW")).then(|| body.name.clone());
    }
    let own = normal_case(last);
    if lines.len() == 1 || registry.find_in_issuer(last).is_some() {
        return Some(own);
    }
    let Some(id) = registry.find_in_issuer(&lines[0]) else { return Some(own) };
    let parent = normal_case(&lines[0]);
    let key = canonical_tones(&parent.to_lowercase());
    if key.starts_with("tỉnh ủy") || key.starts_with("thành ủy") {
        Some(format!("{own} {parent}"))
    } else {
        let province = registry.get(id);
        Some(format!("{own} {} {}", province.kind, province.name))
    }
}

/// Without an issuer header: a central code names its issuer ("TTg"), found;
/// a provincial one with the province ("TU" + Ninh Bình → "Tỉnh ủy Ninh
/// Bình"), found or inferred as the province is. The generic "TW" (Bộ Chính
/// trị? Ban Bí thư?) names no one body and is left out.
fn issuer_from_number(number: Option<&DocNumber>, province: Option<&str>, report: &mut Report) -> Option<String> {
    let number = number?;
    if let Some(name) = number.issuer_name().filter(|_| number.issuer_code != "TW") {
        report.found("issuer");
        return Some(name.to_string());
    }
    let local = number.local_issuer_name(province?)?;
    if report.inferred.contains(&"province") {
        report.inferred("issuer");
    } else {
        report.found("issuer");
    }
    Some(local)
}

static SELF_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    let types: Vec<String> = layout::TYPE_TITLES.iter().map(|t| t.replace(' ', r"\s+")).collect();
    Regex::new(&format!(r"(?i)\b(?P<t>{})\s+này\b", types.join("|"))).expect("self-reference pattern")
});

/// The type: a title line, else the number's code, else the text naming
/// itself ("Công văn này"; the last such words, as the closing lines name
/// the document itself while earlier ones may name a cited one).
fn type_name(title: Option<&str>, number: Option<&DocNumber>, body: &str, notes: &mut Vec<String>) -> Option<String> {
    let from_code = number.and_then(DocNumber::type_name);
    if let Some(title) = title {
        if let Some(code) = from_code.filter(|code| *code != title) {
            notes.push(format!("the type title says {title}, the number's code {code}; {title} is written"));
        }
        return Some(title.to_string());
    }
    if let Some(code) = from_code {
        return Some(code.to_string());
    }
    let named = SELF_REFERENCE.captures_iter(body).last()?;
    let words = canonical_tones(&casing::collapse(&named["t"]).to_lowercase());
    let type_name = layout::TYPE_TITLES.iter().find(|t| t.to_lowercase() == words)?;
    notes.push(format!("type {type_name} read from the words \"{}\"", casing::collapse(&named[0])));
    Some(type_name.to_string())
}

/// Citations in the body, the document's own number excluded, each number
/// once (later mentions fill what the first did not say).
fn cites(body: &str, province: Option<&str>, own: Option<&DocNumber>, notes: &mut Vec<String>) -> Vec<ImportedCite> {
    let mut cites: Vec<ImportedCite> = Vec::new();
    let own = own.map(DocNumber::canonical);
    let repaired = repair::repair_number_codes(body);
    for found in extract_citations(&repaired, province) {
        let number = found.number.canonical();
        if Some(&number) == own.as_ref() {
            continue;
        }
        let issuer = found.issuer.and_then(|words| plausible_issuer(&words, &found.number, notes));
        let cite = ImportedCite {
            number,
            type_name: found.type_name.or_else(|| found.number.type_name().map(String::from)),
            issuer: issuer.or_else(|| found.number.issuer_name().map(String::from)),
            date: found.date.map(|(y, m, d)| PartialDate::ymd(y, m, d)),
        };
        match cites.iter_mut().find(|c| c.number == cite.number) {
            Some(first) => {
                first.type_name = first.type_name.take().or(cite.type_name);
                first.issuer = first.issuer.take().or(cite.issuer);
                first.date = first.date.or(cite.date);
            }
            None => cites.push(cite),
        }
    }
    cites
}

/// A cited issuer as the text gives it, when it is a body: one of the table
/// of issuers (its name in full: "Bộ Lao động" with a `…/BLĐTBXH-…` number),
/// else a local body's name ("UBND tỉnh", "Ban Thường vụ Tỉnh ủy"). Words cut
/// from running text ("Chính phủ và Điều", "Ủy ban Thường vụ Quốc hội ban
/// hành chính") are none; they are left out and noted.
fn plausible_issuer(words: &str, number: &DocNumber, notes: &mut Vec<String>) -> Option<String> {
    let issuers = crate::text::issuers::Issuers::builtin();
    if let Some(body) = issuers.resolve(words, Some(number)) {
        return Some(body.name.clone());
    }
    if let Some(name) = only_body_begun_by(words) {
        return Some(name);
    }
    let key = crate::text::vietnamese::fold(words);
    let local_heads = ["ubnd", "uy ban nhan dan", "hdnd", "hoi dong nhan dan", "tinh uy", "thanh uy", "huyen uy"];
    let local = ["so ", "ban ", "thuong truc ", "van phong "];
    let plausible = words.split_whitespace().count() <= 10
        && (local_heads.iter().any(|h| key.starts_with(h)) || local.iter().any(|h| key.starts_with(h)))
        && names_local_body(words);
    if plausible {
        return Some(words.to_string());
    }
    notes.push(format!("cited issuer \"{words}\" of {} is no known body; left out", number.canonical()));
    None
}

/// The one body of the table whose name starts with `words` ("Bộ Lao động"
/// cut short by the text), at least two words; none when several do ("Bộ
/// Tài": Tài chính, Tài nguyên và Môi trường).
fn only_body_begun_by(words: &str) -> Option<String> {
    let fragment = crate::text::vietnamese::tokens(words).join(" ");
    if fragment.split(' ').count() < 2 {
        return None;
    }
    let begun: Vec<&str> = crate::text::issuers::Issuers::builtin()
        .all()
        .iter()
        .filter(|body| {
            std::iter::once(&body.name).chain(&body.aliases).any(|name| {
                let key = crate::text::vietnamese::tokens(name).join(" ");
                key.strip_prefix(&fragment).is_some_and(|rest| rest.starts_with(' '))
            })
        })
        .map(|body| body.name.as_str())
        .collect();
    match begun.as_slice() {
        [only] => Some(only.to_string()),
        _ => None,
    }
}

fn source_line(source_name: &str) -> String {
    let name = std::path::Path::new(source_name).file_name().map(|n| n.to_string_lossy().into_owned());
    match name.filter(|n| !n.trim().is_empty()) {
        Some(name) => format!("Văn bản thô, tệp {name}; nhập bằng vanban import."),
        None => "Văn bản thô; nhập bằng vanban import.".into(),
    }
}

/// Reports the fields an editor should add (see the module docs).
fn report_missing(fields: &ImportedFields, number: Option<&DocNumber>, report: &mut Report) {
    let central_number =
        number.is_some_and(|n| matches!(n.level(), IssuerLevel::CentralParty | IssuerLevel::CentralGovernment));
    let central_issuer = fields.issuer.as_deref().is_some_and(|issuer| !names_local_body(issuer));
    let expects_province = !(central_number || central_issuer);
    let expects_recipients =
        fields.type_name.as_deref().is_none_or(|t| matches!(t, "Công văn" | "Công điện" | "Tờ trình"));
    for (key, absent) in [
        ("number", fields.number.is_none()),
        ("type", fields.type_name.is_none()),
        ("issuer", fields.issuer.is_none()),
        ("province", fields.province.is_none() && expects_province),
        ("date", fields.date.is_none()),
        ("place", fields.place.is_none()),
        ("recipients", fields.recipients.is_empty() && expects_recipients),
        ("distribution", fields.distribution.is_empty()),
        ("signer", fields.signer.is_none()),
    ] {
        if absent {
            report.missing(key);
        }
    }
}

/// `{province-slug or khong-ro-tinh}/{year or khong-ro}/{number-slug or
/// slug of the input file's stem}.md`. The year is the date's, else the
/// number's own (30/2020/NĐ-CP).
fn relative_path(
    fields: &ImportedFields,
    number: Option<&DocNumber>,
    source_name: &str,
    registry: &ProvinceRegistry,
) -> String {
    let province = fields
        .province
        .as_deref()
        .and_then(|p| registry.find(p))
        .map_or_else(|| "khong-ro-tinh".to_string(), |id| registry.get(id).slug.clone());
    let year = fields.date.map(|d| d.year).or_else(|| number.and_then(|n| n.year).map(i32::from));
    let year = year.map_or_else(|| "khong-ro".to_string(), |y| y.to_string());
    let stem = std::path::Path::new(source_name).file_stem().map(|s| s.to_string_lossy().into_owned());
    let name = number
        .map(|n| slugify(&n.canonical()))
        .filter(|s| !s.is_empty())
        .or_else(|| stem.map(|s| slugify(&s)).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "van-ban".into());
    format!("{province}/{year}/{name}.md")
}

/// Reads the file at `path` (text, .docx or .pdf: [`read_input`]) and
/// imports it, its path as given naming the source.
pub fn import_path(path: &std::path::Path) -> crate::Result<Imported> {
    let text = read_input(path)?;
    Ok(import_text(&text, &path.display().to_string()))
}

impl Imported {
    /// How `field` was read (see [`HowRead`]).
    pub fn how_read(&self, field: &str) -> HowRead {
        if self.missing.contains(&field) && !self.inferred.contains(&field) {
            HowRead::Missing
        } else if self.inferred.contains(&field) {
            HowRead::Inferred
        } else if self.corrected.contains(&field) {
            HowRead::Corrected
        } else if self.found.contains(&field) {
            HowRead::Printed
        } else {
            HowRead::None
        }
    }

    /// What an editor needs to check, for stderr:
    /// `seeds/003.txt → content/…/453-cv-tu.md`, then found, inferred, missing
    /// and notes.
    pub fn summary(&self, from: &str, to: &str) -> String {
        let fields = &self.front_matter;
        let counted = |key: &str| match key {
            "recipients" => format!("recipients ({})", fields.recipients.len()),
            "distribution" => format!("distribution ({})", fields.distribution.len()),
            "cites" => format!("cites ({})", fields.cites.len()),
            "printed_marks" => format!("printed_marks ({})", fields.printed_marks.len()),
            other => other.to_string(),
        };
        let list = |keys: &[&str], count: bool| {
            if keys.is_empty() {
                "—".to_string()
            } else {
                keys.iter().map(|k| if count { counted(k) } else { k.to_string() }).collect::<Vec<_>>().join(", ")
            }
        };
        let mut out = format!(
            "{from} → {to}\n  found: {}\n  inferred: {}\n  missing: {}\n",
            list(&self.found, true),
            list(&self.inferred, false),
            list(&self.missing, false)
        );
        if !self.corrected.is_empty() {
            out.push_str(&format!("  read through OCR noise: {}\n", list(&self.corrected, false)));
        }
        for note in &self.notes {
            out.push_str(&format!("  note: {note}\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_invisible_characters_and_odd_spaces() {
        let mut notes = Vec::new();
        assert_eq!(clean_text("a\r\nb\rc\x0Cd\te\u{A0}f\u{200B}g\u{7}", &mut notes), "a\nb\nc\nd e fg");
        assert_eq!(notes, ["removed 2 invisible or control character(s)"]);
    }

    #[test]
    fn paths_from_province_year_and_number() {
        let imported = import_text("TỈNH ỦY NINH BÌNH\nSố 12-CV/TU\nNinh Bình, ngày 1 tháng 2 năm 2021\n", "x.txt");
        assert_eq!(imported.relative_path, "ninh-binh/2021/12-cv-tu.md");
        let imported = import_text("Thân bài.", "dir/Bản sao 01.txt");
        assert_eq!(imported.relative_path, "khong-ro-tinh/khong-ro/ban-sao-01.md");
        assert_eq!(import_text("", "?.txt").relative_path, "khong-ro-tinh/khong-ro/van-ban.md");
        let imported = import_text("Số: 30/2020/NĐ-CP\n", "x.txt");
        assert_eq!(imported.relative_path, "khong-ro-tinh/2020/30-2020-nd-cp.md");
    }

    #[test]
    fn empty_text_has_only_the_placeholder() {
        let imported = import_text("", "a.txt");
        assert_eq!(imported.front_matter.title, TITLE_PLACEHOLDER);
        assert_eq!(imported.inferred, ["title"]);
        assert!(imported.found.is_empty());
        assert_eq!(imported.body_markdown, "");
    }

    #[test]
    fn cited_issuers_are_bodies_or_left_out() {
        let number = DocNumber::parse("116/NQ-CP").unwrap();
        let mut notes = Vec::new();
        assert_eq!(plausible_issuer("Chính phủ", &number, &mut notes).as_deref(), Some("Chính phủ"));
        assert_eq!(plausible_issuer("Chính phủ và Điều", &number, &mut notes), None);
        let number = DocNumber::parse("1023/NQ-UBTVQH14").unwrap();
        assert_eq!(plausible_issuer("Ủy ban Thường vụ Quốc hội ban hành chính", &number, &mut notes), None);
        let number = DocNumber::parse("2928/LĐTBXH-BVCSTE").unwrap();
        assert_eq!(
            plausible_issuer("Bộ Lao động", &number, &mut notes).as_deref(),
            Some("Bộ Lao động - Thương binh và Xã hội")
        );
        let number = DocNumber::parse("88/UBND-ĐTXD").unwrap();
        assert_eq!(
            plausible_issuer("Ủy ban nhân dân tỉnh Đồng Tháp", &number, &mut notes).as_deref(),
            Some("Ủy ban nhân dân tỉnh Đồng Tháp")
        );
        assert_eq!(notes.len(), 2, "{notes:?}");
        // In a text: the issuer left out is spelt from the number's code instead.
        let imported = import_text(
            "Số: 5/UBND-VX\nKính gửi: Sở Y tế.\nThực hiện Nghị quyết số 1023/NQ-UBTVQH14 ngày 28/9/2020 của Ủy ban Thường vụ Quốc hội ban hành chính sách mới; Quyết định số 5/UBND-VX nêu trên.",
            "a.txt",
        );
        let cites: Vec<(&str, Option<&str>)> =
            imported.front_matter.cites.iter().map(|c| (c.number.as_str(), c.issuer.as_deref())).collect();
        assert_eq!(cites, [("1023/NQ-UBTVQH14", Some("Ủy ban Thường vụ Quốc hội"))]);
    }

    #[test]
    fn a_bare_local_head_is_completed_from_the_place_and_inferred() {
        let imported = import_text(
            "ỦY BAN NHÂN DÂN\nSố: 722/UBND-MT\nBắc Giang, ngày 28 tháng 03 năm 2013\nKính gửi: Sở Tài nguyên.\nThân.",
            "a.txt",
        );
        assert_eq!(imported.front_matter.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Bắc Giang"));
        assert_eq!(imported.how_read("issuer"), HowRead::Inferred);
        assert_eq!(imported.how_read("province"), HowRead::Inferred);
    }

    #[test]
    fn the_generic_party_header_names_no_issuer_but_the_text_citing_its_own_number_may() {
        let header = "BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 97-QĐ/TW\nHà Nội, ngày 07 tháng 02 năm 2023\nQUY ĐỊNH\nThân bài.";
        let imported = import_text(header, "a.txt");
        assert_eq!((imported.front_matter.issuer.as_deref(), imported.front_matter.province.as_deref()), (None, None));
        let lead =
            format!("Tại Quy định số 97-QĐ/TW ngày 7/2/2023 của Bộ Chính trị về chức năng của đảng đoàn.\n\n{header}");
        let imported = import_text(&lead, "a.txt");
        assert_eq!(imported.front_matter.issuer.as_deref(), Some("Bộ Chính trị"));
        assert_eq!(imported.how_read("issuer"), HowRead::Inferred);
        assert!(imported.front_matter.cites.is_empty());
    }

    #[test]
    fn summary_lists_counts_and_dashes() {
        let imported = import_text("Kính gửi: - A,\n- B.\n\nThân bài.", "a.txt");
        let summary = imported.summary("a.txt", "content/x.md");
        assert!(summary.starts_with("a.txt → content/x.md\n  found: recipients (2)\n  inferred: title\n"), "{summary}");
        let imported = import_text("TỈNH ỦY NINH BÌNH\nSố 1-CV/TU\nNinh Bình, ngày 1 tháng 2 năm 2021\nV/v x\nKính gửi: A.\nThân.\nNơi nhận:\n- B.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nTrần Văn A", "a.txt");
        assert!(imported.summary("a", "b").contains("  inferred: —\n  missing: —\n"), "{}", imported.summary("a", "b"));
    }
}
