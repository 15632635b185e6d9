//! The layout of an official document in raw text: which lines are the
//! header (issuer, number, place and date, subject), the "Kính gửi" list, the
//! body, the "Nơi nhận" list, printed marks and the signature block.
//!
//! Both layouts share these parts (Hướng dẫn 36-HD/VPTW for Party documents,
//! Nghị định 30/2020/NĐ-CP for state ones); they differ in details this module
//! accepts either way: "Số 2644 - CV/TU" or "Số: 1102/CĐ-TTg", "T/M" or "TM.",
//! "ĐẢNG CỘNG SẢN VIỆT NAM" or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
//!
//! Decisions:
//! * Copies often lose the header or the footer, or run two columns into one
//!   line; every part is optional and is looked for on its own.
//! * The header is only read before the body: a date or a "Số" in the body is
//!   the body's. Without a "Kính gửi" line, the header ends at the first line
//!   that is none of its parts.
//! * Lines before "Kính gửi" that are no part of a header are kept, at the
//!   start of the body, rather than lost.
//! * "Kính gửi" counts only before the first numbered point, "Nơi nhận" only
//!   as the last such line, so that the words in running text do not cut it.

use super::casing::{collapse, mostly_upper, name_case, normal_case};
use super::repair::{is_exact, loose, repair_number_codes};
use crate::content::model::PartialDate;
use crate::text::issuers::Issuers;
use crate::text::number::DocNumber;
use crate::text::vietnamese::canonical_tones;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Default)]
pub(crate) struct Layout {
    pub header: Header,
    pub recipients: Vec<String>,
    /// The body's lines, in order, signature excluded.
    pub body_lines: Vec<String>,
    pub distribution: Vec<String>,
    pub printed_marks: Vec<String>,
    pub signature: Option<Signature>,
    /// Lines above the document's header (a website's or a PDF service's).
    pub preamble: Vec<String>,
}

#[derive(Debug, Default)]
pub(crate) struct Header {
    /// Issuer lines as printed, a split "ỦY BAN NHÂN DÂN / TỈNH X" joined.
    pub issuer_lines: Vec<String>,
    pub number: Option<DocNumber>,
    /// The number line as printed ("Số 2644 - CV/TU").
    pub number_printed: Option<String>,
    pub place: Option<String>,
    pub date: Option<PartialDate>,
    pub subject: Option<String>,
    /// A type printed as a title ("CHỈ THỊ"), in normal case.
    pub type_title: Option<&'static str>,
    /// A national motto line was seen (the header is there).
    pub motto: bool,
    /// Fields read through OCR noise (see [`super::HowRead::Corrected`]).
    pub corrected: Vec<&'static str>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Signature {
    /// Authority and position lines as printed, markers removed.
    pub printed: Vec<String>,
    pub authority: Option<String>,
    pub position: Option<String>,
    pub name: Option<String>,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("layout pattern")
}

static PARTY_MOTTO: LazyLock<Regex> = LazyLock::new(|| re(&format!("(?i){}", loose("đảng cộng sản việt nam"))));
static STATE_MOTTO: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i){}|{}\s*[-–—]?\s*{}\s*[-–—]?\s*{}",
        loose("cộng hòa xã hội chủ nghĩa việt nam"),
        loose("độc lập"),
        loose("tự do"),
        loose("hạnh phúc")
    ))
});
/// "Số 2644 - CV/TU", "Số: 1102/CĐ-TTg", "SỐ 45/QĐ-UBND", "số 12-cv/tu",
/// "Nghị quyết số: 653/2019/UBTVQH14"; through OCR noise "sốl 0688/BYT-MT",
/// "sé: 860 /BHXH-BT", "Sô:" (`kw` and `noise` tell).
static NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    let types: Vec<String> = TYPE_TITLES.iter().map(|t| loose(t)).collect();
    re(&format!(
        r"(?i)^\s*(?:(?P<type>{})\s+)?(?P<kw>s[oóòỏõọôốồổỗộơớờởỡợeéèẻẽẹêếềểễệ])(?P<noise>[l1!|i]?)(?P<sep>\s*[:.]\s*|\s+)?(?P<rest>.*)$",
        types.join("|")
    ))
});
/// "Ninh Bình, ngày 29 tháng 7 năm 2020" (the place is optional); through
/// noise "ngàyló thảngU năm 2021", "ngày 05tháng 04".
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^\s*(?:(?P<place>[^,\d]{{1,60}}?)\s*,\s*)?(?P<what>{}|{})\s*(?P<rest>.*)$",
        loose("ngày"),
        loose("tháng")
    ))
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(?P<d>\d{{1,2}})\s*(?P<k1>{})\s*(?P<m>\d{{1,2}})\s*,?\s*(?P<k2>{})\s*(?P<y>\d{{4}})\b|^(?P<d2>\d{{1,2}})\s*[/.\-]\s*(?P<m2>\d{{1,2}})\s*[/.\-]\s*(?P<y2>\d{{4}})\b",
        loose("tháng"),
        loose("năm")
    ))
});
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)^(?P<m>\d{{1,2}})\s*,?\s*(?P<k2>{})\s*(?P<y>\d{{4}})\b", loose("năm"))));
/// A year or "năm": what a date line holds even when its digits are lost.
static YEARISH: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)\b\d{{4}}\b|{}", loose("năm"))));
/// "V/v …", "V/V: …", "Về việc …".
static SUBJECT_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*(?:v\s*/\s*v|về\s+việc)(?:\s*[:.]\s*|\s+)(?P<rest>\S.*)$"));
/// "Kính gửi:", through OCR noise "Kỉnhgửì:".
static KINH_GUI: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^\s*(?:[-–*+•]\s*)?(?:\*\*)?\s*(?P<kw>{})\s*(?:\*\*)?\s*(?:[:\-–]|$)\s*\**\s*(?P<rest>.*)$",
        loose("kính gửi")
    ))
});
static NOI_NHAN: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^\s*(?:[-–*+•]\s*)?(?:\*\*|\*)?\s*(?P<kw>{})\s*(?:\*\*|\*)?\s*(?::|$)\s*(?:\*\*|\*)?\s*(?P<rest>.*)$",
        loose("nơi nhận")
    ))
});
/// A numbered point of the body: "1. …", "2) …", "3.Tiếp" (OCR lost the space).
static POINT: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?P<n>\d{1,2})(?P<delim>[.)])(?P<gap>\s*)(?P<text>\S.*)$"));
/// A list item: "- …", "+ …", "• …", "– …", "* …".
static ITEM: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*[-–+•*]\s+(?P<text>\S.*)$"));
/// "T/M", "K/T", "T/L", "TM.", "KT.", "TL.", "TUQ.", "Q." and their words.
static AUTHORITY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?P<prefix>t\s*/\s*m|k\s*/\s*t|t\s*/\s*l|tm\.|kt\.|tl\.|tuq\.|q\.|thừa\s+lệnh|thừa\s+ủy\s+quyền|thay\s+mặt|ký\s+thay)\s*(?P<rest>\S.*)$",
    )
});
/// A numbered point: its number, delimiter and text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Point<'a> {
    pub number: u32,
    pub delim: char,
    pub text: &'a str,
}

/// "1. Thực hiện …" → point 1. Without a space after the delimiter only a
/// capital may follow ("3.Tiếp tục"), so "1.5 triệu" is no point.
pub(crate) fn parse_point(line: &str) -> Option<Point<'_>> {
    let c = POINT.captures(line)?;
    let text = c.name("text")?.as_str();
    if c["gap"].is_empty() && !text.starts_with(char::is_uppercase) {
        return None;
    }
    Some(Point { number: c["n"].parse().ok()?, delim: c["delim"].chars().next()?, text })
}

/// The text after "Số" when the line is a number line: "Số: 1102/CĐ-TTg",
/// "SỐ 45/QĐ-UBND", "Số2644-CV/TU", and not "Song song …". Returns it and
/// whether the keyword was read through noise ("sốl", "sé:", "Sô:"), in
/// which case a number must follow at once, or the line is none.
fn number_line_rest(line: &str) -> Option<(regex::Match<'_>, bool)> {
    let c = NUMBER_LINE.captures(line)?;
    let rest = c.name("rest")?;
    let starts_with_digit = rest.as_str().starts_with(|ch: char| ch.is_ascii_digit());
    let looks_like_number = starts_with_digit || rest.as_str().chars().take(30).any(|ch| ch == '/' || ch == '／');
    if !(looks_like_number && (c.name("sep").is_some() || starts_with_digit)) {
        return None;
    }
    // "Nghị quyết số: 653/2019/UBTVQH14" is a label; "Quyết định số 1961/…
    // ban hành …" a sentence (a website's headline) naming the number.
    if c.name("type").is_some() && !c.name("sep").is_some_and(|s| s.as_str().contains(':')) {
        return None;
    }
    let noisy = !c["noise"].is_empty() || !is_exact(&c["kw"], "số");
    if noisy && !starts_with_number(&repair_number_codes(rest.as_str())) {
        return None;
    }
    Some((rest, noisy))
}

/// The number at the start of `text` (a character of slack), if any.
fn number_at_start(text: &str) -> Option<(std::ops::Range<usize>, DocNumber)> {
    DocNumber::find_all(text).into_iter().next().filter(|(span, _)| span.start <= 1)
}

fn starts_with_number(text: &str) -> bool {
    number_at_start(text).is_some()
}

/// "(Đã ký)", "[đã ký và đóng dấu]".
static SIGNED: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^[(\[]?\s*đã\s+ký\b.*$"));

/// Document types printed as a title line, in normal case.
pub(crate) const TYPE_TITLES: &[&str] = &[
    "Công văn",
    "Công điện",
    "Chỉ thị",
    "Kết luận",
    "Thông báo",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Kế hoạch",
    "Hướng dẫn",
    "Thông tư",
    "Thông tri",
    "Báo cáo",
    "Tờ trình",
    "Quy định",
    "Quy chế",
    "Chương trình",
    "Đề án",
    "Phương án",
    "Thông cáo",
    "Giấy mời",
    "Điều lệ",
];

/// Words a signing position contains, to tell it from an upper-case line of
/// text when no "T/M" line says that a signature follows.
const POSITION_WORDS: &[&str] = &[
    "bí thư",
    "chủ tịch",
    "thủ tướng",
    "trưởng",
    "giám đốc",
    "chánh",
    "ủy viên",
    "tổng",
    "phó",
    "chủ nhiệm",
    "thư ký",
    "ban",
    "ủy ban",
    "hội đồng",
    "thường trực",
];

const MAX_SUBJECT_LINES: usize = 4;

/// The words a decision's or a letter's body opens with.
static BODY_OPENING: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:Căn cứ|Thực hiện|Xét đề nghị|Theo đề nghị|Thừa lệnh|Kính gửi)\b"));

/// Splits the text's lines into the parts of the layout.
pub(crate) fn read_layout(lines: &[&str], notes: &mut Vec<String>) -> Layout {
    let start = document_start(lines);
    let preamble: Vec<String> = lines[..start].iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
    if let Some(first) = preamble.first() {
        let first: String = first.chars().take(60).collect();
        notes.push(format!(
            "{} line(s) before the document's header left out as the copy's own text (site lines, a lead): \"{first}…\"",
            preamble.len()
        ));
    }
    let mut layout = read_document(&lines[start..], notes);
    layout.preamble = preamble;
    layout
}

/// Where the document starts: at the header when one is found in the first
/// lines (a national motto, else a number line, with the issuer lines just
/// above them), so that what a website or a PDF service printed above it
/// ("Số hiệu: …", "Tải bản đầy đủ", a headline, a lead) is no part of it.
/// A text without a header starts at its first line.
fn document_start(lines: &[&str]) -> usize {
    let limit = lines.len().min(HEADER_SEARCH_LINES);
    // The first of the motto and the number: a Party header prints the
    // number and the subject in the left column, above the motto's line.
    let is_number = |line: &str| number_line_rest(line).is_some_and(|(rest, _)| starts_with_number(rest.as_str()));
    let Some(anchor) = (0..limit).find(|&i| is_motto_line(lines[i]) || is_number(lines[i])) else { return 0 };
    let (mut start, mut taken) = (anchor, 0);
    for k in (0..anchor).rev() {
        let line = collapse(lines[k]);
        if line.is_empty() || is_ornament(&line) {
            continue;
        }
        let header_like = (mostly_upper(&line) && line.chars().count() <= 80) || number_line_rest(&line).is_some();
        if !header_like || taken == 4 {
            break;
        }
        taken += 1;
        start = k;
    }
    // Lines of a document above the "header" (points, a list, a signature):
    // the text began mid-document and the motto is a form's in its annex.
    let documentish = lines[..start].iter().any(|l| {
        parse_point(l).is_some() || KINH_GUI.is_match(l) || NOI_NHAN.is_match(l) || AUTHORITY.is_match(l.trim())
    });
    if documentish {
        0
    } else {
        start
    }
}

/// How far into a text its header is looked for.
const HEADER_SEARCH_LINES: usize = 80;

/// A line of a header's motto column: the motto, alone or beside the
/// issuer ("TỈNH HẬU GIANG Độc lập - Tự do - Hạnh phúc"), not a sentence
/// naming the republic ("Căn cứ Hiến pháp nước Cộng hòa …").
fn is_motto_line(line: &str) -> bool {
    let mut rest = line.to_string();
    let mut found = false;
    for motto in [&*PARTY_MOTTO, &*STATE_MOTTO] {
        if motto.is_match(&rest) {
            found = true;
            rest = motto.replace_all(&rest, " ").into_owned();
        }
    }
    let rest = collapse(&rest);
    found && (rest.is_empty() || is_ornament(&rest) || mostly_upper(&rest)) && line.chars().count() <= 160
}

/// Splits the document's lines (from its header on) into the layout's parts.
fn read_document(lines: &[&str], notes: &mut Vec<String>) -> Layout {
    let noi_nhan = lines.iter().rposition(|l| NOI_NHAN.is_match(l));
    let head = read_head(lines, noi_nhan.unwrap_or(lines.len()), notes);
    let foot = read_foot(lines, head.body_start, noi_nhan.filter(|&n| n >= head.body_start), notes);
    let mut body_lines = head.leading_lines;
    body_lines.extend(lines[head.body_start..foot.body_end].iter().map(|l| l.to_string()));
    body_lines.extend(foot.trailing_lines);
    Layout {
        header: head.header,
        recipients: head.recipients,
        body_lines,
        distribution: foot.distribution,
        printed_marks: foot.printed_marks,
        signature: foot.signature,
        preamble: Vec::new(),
    }
}

/// What comes before the body.
struct Head {
    header: Header,
    recipients: Vec<String>,
    /// Lines before "Kính gửi" that are no part of a header, kept for the body.
    leading_lines: Vec<String>,
    body_start: usize,
}

/// Reads the header and the "Kính gửi" list, looking no further than the
/// first numbered point or `limit` (the "Nơi nhận" line).
fn read_head(lines: &[&str], limit: usize, notes: &mut Vec<String>) -> Head {
    let first_point = lines.iter().position(|l| parse_point(l).is_some()).unwrap_or(lines.len());
    let header_limit = first_point.min(limit);
    let Some(k) = lines[..header_limit].iter().position(|l| KINH_GUI.is_match(l)) else {
        let scan = scan_header(&lines[..header_limit], true, notes);
        return Head { header: scan.header, recipients: Vec::new(), leading_lines: Vec::new(), body_start: scan.end };
    };
    let scan = scan_header(&lines[..k], false, notes);
    if !scan.leftover.is_empty() {
        notes.push(format!(
            "{} line(s) before \"Kính gửi\" are no part of a header; kept at the start of the body",
            scan.leftover.len()
        ));
    }
    let mut header = scan.header;
    if label_read_through_noise(&KINH_GUI, lines[k], "Kính gửi", notes) {
        header.corrected.push("recipients");
    }
    let rest = KINH_GUI.captures(lines[k]).map_or("", |c| c.name("rest").map_or("", |m| m.as_str()));
    let (recipients, body_start) = read_list(lines, k, rest);
    Head { header, recipients, leading_lines: scan.leftover, body_start }
}

/// Whether the label of `line` ("Kỉnhgửì:") is `label` read through noise;
/// if so, says so in the notes.
fn label_read_through_noise(pattern: &Regex, line: &str, label: &str, notes: &mut Vec<String>) -> bool {
    let Some(printed) = pattern.captures(line).and_then(|c| c.name("kw")) else { return false };
    if is_exact(printed.as_str(), label) {
        return false;
    }
    notes.push(format!("\"{}\" read through noise as {label}", printed.as_str()));
    true
}

/// What comes after the body.
struct Foot {
    body_end: usize,
    distribution: Vec<String>,
    printed_marks: Vec<String>,
    signature: Option<Signature>,
    /// Text found after "Nơi nhận" that is no part of a footer, kept for the body.
    trailing_lines: Vec<String>,
}

/// Reads the "Nơi nhận" list, printed marks and the signature, which may
/// follow the list or (in copies that ran the two columns in the other
/// order) precede it; without "Nơi nhận", a signature ending the text.
fn read_foot(lines: &[&str], body_start: usize, noi_nhan: Option<usize>, notes: &mut Vec<String>) -> Foot {
    let Some(n) = noi_nhan else {
        let signature = signature_at_end(lines, body_start, lines.len());
        return Foot {
            body_end: signature.as_ref().map_or(lines.len(), |(start, _)| *start),
            distribution: Vec::new(),
            printed_marks: Vec::new(),
            signature: signature.map(|(_, s)| s),
            trailing_lines: Vec::new(),
        };
    };
    label_read_through_noise(&NOI_NHAN, lines[n], "Nơi nhận", notes);
    let rest = NOI_NHAN.captures(lines[n]).map_or("", |c| c.name("rest").map_or("", |m| m.as_str()));
    let (distribution, next) = read_list(lines, n, rest);
    let tail = read_tail(&lines[next..]);
    if !tail.leftover.is_empty() {
        notes.push(format!("{} line(s) of text after \"Nơi nhận\" kept at the end of the body", tail.leftover.len()));
    }
    let (body_end, signature) = match tail.signature {
        Some(signature) => (n, Some(signature)),
        None => match signature_at_end(lines, body_start, n) {
            Some((start, signature)) => (start, Some(signature)),
            None => (n, None),
        },
    };
    Foot { body_end, distribution, printed_marks: tail.marks, signature, trailing_lines: tail.leftover }
}

struct HeaderScan {
    header: Header,
    /// Index of the first line after the header (scans that stop at the body).
    end: usize,
    /// Lines that are no part of a header (scans bounded by "Kính gửi").
    leftover: Vec<String>,
}

/// What one header line is.
enum HeaderLine {
    Blank,
    /// A motto, a star, a rule: layout only.
    Ornament,
    Parts,
    Subject(String),
    ItalicSubject,
    /// The type, and whether it was read through noise.
    TypeTitle(&'static str, bool),
    Issuer(String),
    Other,
}

/// Reads the header's parts from `lines`. With `stop_at_body`, the header
/// ends at the first line that is no part of it; otherwise (the lines before
/// "Kính gửi") such lines are set aside as leftovers.
fn scan_header(lines: &[&str], stop_at_body: bool, notes: &mut Vec<String>) -> HeaderScan {
    let mut header = Header::default();
    let mut leftover = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let kind = classify_header_line(line, &mut header, notes);
        i += 1;
        match kind {
            HeaderLine::Blank | HeaderLine::Ornament | HeaderLine::Parts => {}
            HeaderLine::Subject(first) => {
                let (more, next) = subject_continuation(lines, i, &first);
                let subject = std::iter::once(first).chain(more).collect::<Vec<_>>().join(" ");
                set_subject(&mut header, subject);
                i = next;
            }
            HeaderLine::ItalicSubject => {
                let end = (i..lines.len().min(i + MAX_SUBJECT_LINES))
                    .find(|&j| lines[j - 1].trim_end().ends_with('*'))
                    .unwrap_or(i);
                let joined = collapse(&lines[i - 1..end].join(" "));
                set_subject(&mut header, joined.trim_matches('*').trim().to_string());
                i = end;
            }
            HeaderLine::TypeTitle(type_name, noisy) => {
                header.type_title = Some(type_name);
                if noisy {
                    header.corrected.push("type");
                    notes.push(format!("type title \"{}\" read through noise as {type_name}", collapse(line)));
                }
                if let Some((subject, next)) = subject_after_title(lines, i) {
                    set_subject(&mut header, subject);
                    i = next;
                }
            }
            HeaderLine::Issuer(text) if header.subject.is_none() => push_issuer_line(&mut header, text, notes),
            HeaderLine::Issuer(_) | HeaderLine::Other if stop_at_body => {
                return HeaderScan { header, end: i - 1, leftover };
            }
            HeaderLine::Issuer(_) | HeaderLine::Other => leftover.push(line.trim().to_string()),
        }
    }
    HeaderScan { header, end: lines.len(), leftover }
}

/// Sets the subject once, without its "V/v" or "Về việc" label.
fn set_subject(header: &mut Header, subject: String) {
    let subject = match SUBJECT_LINE.captures(&subject) {
        Some(c) => c["rest"].trim().to_string(),
        None => subject,
    };
    if header.subject.is_none() && !subject.is_empty() {
        header.subject = Some(subject);
    }
}

/// Classifies a header line, taking its number, date and place into `header`.
/// A line may hold several parts when a copy ran two columns together
/// ("TỈNH ỦY NINH BÌNH ĐẢNG CỘNG SẢN VIỆT NAM").
fn classify_header_line(line: &str, header: &mut Header, notes: &mut Vec<String>) -> HeaderLine {
    let mut text = line.replace("**", " ");
    for motto in [&*PARTY_MOTTO, &*STATE_MOTTO] {
        if motto.is_match(&text) {
            header.motto = true;
            text = motto.replace_all(&text, " ").into_owned();
        }
    }
    let text = collapse(&text);
    if text.is_empty() {
        return if line.trim().is_empty() { HeaderLine::Blank } else { HeaderLine::Ornament };
    }
    if is_ornament(&text) {
        return HeaderLine::Ornament;
    }
    let mut rest = text.as_str();
    let mut took_part = false;
    if let Some(after) = take_number(rest, header, notes) {
        rest = after;
        took_part = true;
    }
    if take_date(rest, header, notes) {
        return HeaderLine::Parts;
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return HeaderLine::Parts;
    }
    let kind = classify_rest(rest, !header.issuer_lines.is_empty());
    if took_part && matches!(kind, HeaderLine::Other | HeaderLine::ItalicSubject) {
        // Two columns run together after the number: say what was not read.
        notes.push(format!("text after the number, \"{rest}\", is no part of a header; left out"));
        return HeaderLine::Parts;
    }
    kind
}

/// Classifies what is left of a header line once its number and date are taken.
fn classify_rest(rest: &str, issuer_seen: bool) -> HeaderLine {
    if let Some(c) = SUBJECT_LINE.captures(rest) {
        return HeaderLine::Subject(c["rest"].trim().to_string());
    }
    if rest.starts_with('*') && !rest.starts_with("**") && rest.chars().nth(1).is_some_and(|c| !c.is_whitespace()) {
        return HeaderLine::ItalicSubject;
    }
    if let Some((type_name, noisy)) = type_title(rest) {
        return HeaderLine::TypeTitle(type_name, noisy);
    }
    if mostly_upper(rest) && rest.chars().filter(|c| c.is_alphabetic()).count() >= 4 && rest.split(' ').count() <= 15 {
        if issuer_seen && starts_with_signing_position(rest) {
            // "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" under a decision's title:
            // who decides, the body's first line, not an issuer line.
            return HeaderLine::Other;
        }
        return HeaderLine::Issuer(rest.to_string());
    }
    HeaderLine::Other
}

/// Stars, dashes and rules printed under the issuer or the motto.
pub(crate) fn is_ornament(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '*' | '★' | '☆' | '-' | '–' | '—' | '_' | '=' | '~' | '.' | ' '))
}

/// Takes a "Số …" number from the start of `text`; returns what follows it.
/// A number read through noise (the keyword, a lost hyphen, `Ư` for `U`)
/// is marked corrected, and the print noted.
fn take_number<'t>(text: &'t str, header: &mut Header, notes: &mut Vec<String>) -> Option<&'t str> {
    let (rest, noisy) = number_line_rest(text)?;
    if header.number.is_some() || header.number_printed.is_some() {
        return Some(&text[text.len()..]);
    }
    let repaired = repair_number_codes(rest.as_str());
    match number_at_start(&repaired) {
        Some((span, number)) => {
            // Repairs change the number only, so what follows it is as printed.
            let tail = &repaired[span.end..];
            let end = if rest.as_str().ends_with(tail) { rest.end() - tail.len() } else { rest.end() };
            header.number_printed = Some(text[..end].trim().to_string());
            if noisy || repaired != rest.as_str() {
                header.corrected.push("number");
                notes.push(format!(
                    "number printed \"{}\" read through noise as {}",
                    text[..end].trim(),
                    number.canonical()
                ));
            }
            header.number = Some(number);
            Some(&text[end..])
        }
        None => {
            notes.push(format!("number line \"{text}\" could not be read as a directive number; left out"));
            header.number_printed = Some(text.to_string());
            Some(&text[text.len()..])
        }
    }
}

/// Takes "Place, ngày D tháng M năm Y" from `text`. A line that is a date
/// line but whose date cannot be read (OCR damage, no year) keeps its place;
/// the date is left out and the reason noted. A sentence that starts with a
/// date ("Ngày 24/8/2021, Văn phòng … ban hành") is no date line.
fn take_date(text: &str, header: &mut Header, notes: &mut Vec<String>) -> bool {
    let Some(c) = DATE_LINE.captures(text) else { return false };
    let rest = &c["rest"];
    let place = c.name("place").map(|p| collapse(p.as_str())).filter(|p| is_place(p));
    if c.name("place").is_some() && place.is_none() {
        return false; // "Số ca, ngày …": not a place, so not a date line
    }
    let by_month = crate::text::vietnamese::fold(&c["what"]) == "thang";
    let found = if by_month { MONTH_YEAR.captures(rest) } else { DAY_MONTH_YEAR.captures(rest) };
    let mut noisy = !is_exact(&c["what"], if by_month { "tháng" } else { "ngày" });
    let parsed = match found {
        Some(d) => {
            let after = &rest[d.get(0).map_or(0, |m| m.end())..];
            if after.chars().any(char::is_alphanumeric) {
                return false;
            }
            noisy |= d.name("k1").is_some_and(|k| !is_exact(k.as_str(), "tháng"))
                || d.name("k2").is_some_and(|k| !is_exact(k.as_str(), "năm"));
            let get = |a: &str, b: &str| d.name(a).or_else(|| d.name(b)).map_or("", |m| m.as_str()).to_string();
            Some(if by_month {
                format!("{}-{:0>2}", get("y", "y"), get("m", "m"))
            } else {
                format!("{}-{:0>2}-{:0>2}", get("y", "y2"), get("m", "m2"), get("d", "d2"))
            })
        }
        // "Hà Nội, ngàyló thảngU năm 2021", "ngày {† tháng 3 năm 2020": a
        // date line whose digits OCR lost; a sentence goes on after a comma.
        None if YEARISH.is_match(rest)
            && ((place.is_some() && text.chars().count() <= 80)
                || (!by_month && text.chars().count() <= 60 && !rest.contains(','))) =>
        {
            None
        }
        None => return false,
    };
    if header.place.is_none() {
        header.place = place;
    }
    if header.date.is_some() {
        return true;
    }
    match parsed.map(|iso| PartialDate::parse(&iso)) {
        Some(Ok(date)) => {
            header.date = Some(date);
            if noisy {
                header.corrected.push("date");
                notes.push(format!("date line \"{}\" read through noise as {date}", text.trim()));
            }
        }
        Some(Err(reason)) => notes.push(format!("date in \"{}\" is impossible ({reason}); left out", text.trim())),
        None => notes.push(format!("date in \"{}\" could not be read; left out", text.trim())),
    }
    true
}

/// A place name: a few words of letters, starting with a capital
/// ("Ninh Bình", "TP. Hồ Chí Minh", "Hà Nội").
fn is_place(text: &str) -> bool {
    let words = text.split(' ').count();
    (1..=6).contains(&words)
        && text.starts_with(|c: char| c.is_uppercase())
        && text.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '.' || c == '-')
}

/// "CHỈ THỊ" → "Chỉ thị"; "THÔNG BÁO KẾT LUẬN" → "Thông báo"; through OCR
/// noise "QUYÉT ĐỊNH", "K ÉT LUẬN" (the same letters without diacritics and
/// spaces, which no two types share): then `true`, read through noise.
fn type_title(text: &str) -> Option<(&'static str, bool)> {
    if !mostly_upper(text) {
        return None;
    }
    let key = canonical_tones(&collapse(text).to_lowercase());
    if key == "thông báo kết luận" {
        return Some(("Thông báo", false));
    }
    if let Some(exact) = TYPE_TITLES.iter().copied().find(|t| t.to_lowercase() == key) {
        return Some((exact, false));
    }
    let squeezed = |s: &str| crate::text::vietnamese::fold(s).replace(' ', "");
    let printed = squeezed(text);
    TYPE_TITLES.iter().copied().find(|t| squeezed(t) == printed).map(|t| (t, true))
}

/// The lines that continue a "V/v" subject: short lines right after it that
/// are no other part of the header.
fn subject_continuation(lines: &[&str], from: usize, first: &str) -> (Vec<String>, usize) {
    let mut more = Vec::new();
    let mut previous = first.to_string();
    let mut i = from;
    while i < lines.len() && more.len() + 1 < MAX_SUBJECT_LINES {
        let line = collapse(lines[i]);
        let continues = !line.is_empty()
            && !is_header_part(&line)
            && (line.starts_with(|c: char| c.is_lowercase())
                || (!previous.ends_with(['.', ':', ';']) && line.chars().count() <= 120));
        if !continues {
            break;
        }
        previous = line.clone();
        more.push(line);
        i += 1;
    }
    (more, i)
}

/// After a type title ("CHỈ THỊ"), the next paragraph is its subject when it
/// is short and not the body's opening sentence. A subject in capitals
/// ("VỀ QUYẾT LIỆT THỰC HIỆN …") may run over several lines in capitals; a
/// line naming a position ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …") ends it.
fn subject_after_title(lines: &[&str], from: usize) -> Option<(String, usize)> {
    let start = (from..lines.len()).find(|&i| !lines[i].trim().is_empty() && !is_ornament(lines[i]))?;
    let first = collapse(lines[start]);
    if is_distinct_header_part(&first) && !SUBJECT_LINE.is_match(&first) {
        return None;
    }
    let in_capitals = mostly_upper(&first);
    if in_capitals && starts_with_position(&first) {
        return None;
    }
    let mut end = start + 1;
    while end < lines.len() && end - start < MAX_SUBJECT_LINES && !lines[end].trim().is_empty() {
        let line = collapse(lines[end]);
        if BODY_OPENING.is_match(&line) {
            break; // "Căn cứ Luật …": the body's first line, in a copy without blank lines
        }
        let continues = if in_capitals && mostly_upper(&line) {
            !is_distinct_header_part(&line) && !starts_with_position(&line)
        } else {
            !is_header_part(&line)
        };
        if !continues {
            break;
        }
        end += 1;
    }
    let subject = collapse(&lines[start..end].join(" "));
    let plausible = subject.chars().count() <= 250
        && !subject.ends_with(':')
        && parse_point(&subject).is_none()
        && !KINH_GUI.is_match(&subject);
    plausible.then_some((subject, end))
}

/// "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", "BỘ TRƯỞNG BỘ Y TẾ": a person who
/// decides, which a header's issuer column never starts with.
fn starts_with_signing_position(line: &str) -> bool {
    let key = canonical_tones(&line.to_lowercase());
    ["chủ tịch", "bộ trưởng", "thủ tướng", "giám đốc", "chánh văn phòng", "trưởng ban"]
        .iter()
        .any(|p| key.starts_with(p))
}

/// "CHỦ TỊCH …", "BỘ TRƯỞNG …": the authority line of a state document.
fn starts_with_position(line: &str) -> bool {
    let key = canonical_tones(&line.to_lowercase());
    ["chủ tịch", "bộ trưởng", "thủ tướng", "giám đốc", "bí thư", "trưởng ban", "ban thường vụ", "ban chấp hành"]
        .iter()
        .any(|p| key.starts_with(p))
}

/// Whether a line is one of the header's own parts (so no subject's),
/// counting any short line in capitals as an issuer line.
fn is_header_part(line: &str) -> bool {
    is_distinct_header_part(line) || (mostly_upper(line) && line.chars().count() <= 80)
}

/// The header's parts that have a form of their own: motto, ornament,
/// number, place and date, "V/v", "Kính gửi", a type title.
fn is_distinct_header_part(line: &str) -> bool {
    PARTY_MOTTO.is_match(line)
        || STATE_MOTTO.is_match(line)
        || is_ornament(line)
        || number_line_rest(line).is_some()
        || DATE_LINE.captures(line).is_some_and(|c| c.name("place").is_some_and(|p| is_place(&collapse(p.as_str()))))
        || SUBJECT_LINE.is_match(line)
        || KINH_GUI.is_match(line)
        || type_title(line).is_some()
}

/// "ỦY BAN NHÂN DÂN" then "TỈNH QUẢNG NINH", "ỦY BAN THƯỜNG VỤ" then "QUỐC
/// HỘI": one issuer printed on two lines. A line read through OCR noise is
/// corrected first ([`correct_issuer_line`]).
fn push_issuer_line(header: &mut Header, text: String, notes: &mut Vec<String>) {
    let text = match correct_issuer_line(&text) {
        Some(corrected) => {
            notes.push(format!("issuer line \"{text}\" read through noise as \"{corrected}\""));
            header.corrected.push("issuer");
            corrected
        }
        None => text,
    };
    let key = crate::text::vietnamese::fold(&text);
    let only_place = ["tinh ", "thanh pho ", "tp. ", "huyen "].iter().any(|p| key.starts_with(p))
        && crate::text::provinces::ProvinceRegistry::builtin().find(&text).is_some();
    let issuers = Issuers::builtin();
    match header.issuer_lines.last_mut() {
        Some(previous)
            if only_place
                || (issuers.by_name(previous).is_none()
                    && issuers.by_name(&format!("{previous} {text}")).is_some()) =>
        {
            previous.push(' ');
            previous.push_str(&text);
        }
        _ => header.issuer_lines.push(text),
    }
}

/// The heads of local bodies' names, which a header prints alone or before
/// the province.
const LOCAL_HEADS: &[&str] = &["ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN"];

/// An issuer line as it was meant, when OCR or extraction damaged it and
/// one reading alone is near: a body of the table of issuers whose letters
/// (without diacritics and spaces) are the line's ("Bộ YTÉ" → "BỘ Y TẾ"),
/// or a local head one letter off ("Y BAN NHÂN DÂN
/// TỈNH KON TUM" → "ỦY BAN NHÂN DÂN TỈNH KON TUM"). `None` when the line is
/// right as printed or nothing is near enough to say.
fn correct_issuer_line(text: &str) -> Option<String> {
    let issuers = Issuers::builtin();
    if issuers.by_name(text).is_some() {
        return None;
    }
    let printed = squeeze(text);
    // Only the same letters: names one letter apart are different bodies
    // ("Sở Giáo dục và Đào tạo", "Bộ Giáo dục và Đào tạo").
    let near = |name: &str| squeeze(name) == printed;
    let bodies: Vec<&str> = issuers
        .all()
        .iter()
        .filter(|b| std::iter::once(&b.name).chain(&b.aliases).any(|n| near(n)))
        .map(|b| b.name.as_str())
        .collect();
    if let [only] = bodies.as_slice() {
        return Some(only.to_uppercase());
    }
    let words: Vec<&str> = text.split(' ').collect();
    for head in LOCAL_HEADS {
        let wanted = squeeze(head);
        for n in 2..=words.len().min(5) {
            let start = squeeze(&words[..n].join(" "));
            if start == wanted {
                return None;
            }
            if strsim::levenshtein(&start, &wanted) == 1 {
                let rest = words[n..].join(" ");
                return Some(format!("{head} {rest}").trim_end().to_string());
            }
        }
    }
    None
}

/// Letters and digits without diacritics, case or spaces: what OCR keeps.
fn squeeze(text: &str) -> String {
    crate::text::vietnamese::fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Reads a "Kính gửi" or "Nơi nhận" list starting at line `start`, whose own
/// line holds `first` after the label. Returns the items, without their
/// markers and trailing ",", "." or ";", and the line after the list.
pub(crate) fn read_list(lines: &[&str], start: usize, first: &str) -> (Vec<String>, usize) {
    let mut items: Vec<String> = Vec::new();
    let mut any_marker = false;
    let first = first.trim().trim_matches('*').trim();
    if !first.is_empty() {
        any_marker = ITEM.is_match(first);
        items.push(item_text(first));
    }
    let mut last_line = first.to_string();
    let mut i = start + 1;
    let mut after_blank = false;
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() || is_ornament(line) {
            after_blank |= line.is_empty();
            i += 1;
            continue;
        }
        let plain_line = !after_blank
            && line.chars().count() <= 100
            && !AUTHORITY.is_match(line.trim_matches('*'))
            && !is_mark(line)
            && !mostly_upper(line)
            && parse_point(line).is_none();
        let open = !items.is_empty() && !ends_item(&last_line);
        if ITEM.is_match(line) {
            any_marker = true;
            items.push(item_text(line));
        } else if plain_line && open && line.starts_with(char::is_lowercase) {
            // "- Các sở, ban, ngành, MTTQ Việt Nam và" / "đoàn thể cấp tỉnh,"
            let last = items.last_mut().expect("an open item");
            *last = format!("{last} {}", item_text(line));
        } else if plain_line && (items.is_empty() || (!any_marker && last_line.trim_end().ends_with([',', ';']))) {
            // Items without markers: "Như trên;" / "Lưu: VT."
            items.push(item_text(line));
        } else {
            break;
        }
        last_line = line.to_string();
        after_blank = false;
        i += 1;
    }
    // The list ends at its last item: blank lines after it belong to what follows.
    let mut end = i;
    while end > start + 1 && lines[end - 1].trim().is_empty() {
        end -= 1;
    }
    items.retain(|item| !item.is_empty());
    (items, end)
}

fn ends_item(line: &str) -> bool {
    line.trim_end_matches('*').trim_end().ends_with([',', ';', '.'])
}

/// "- Như trên," → "Như trên"; "- Lưu: VT./." → "Lưu: VT".
fn item_text(line: &str) -> String {
    let line = line.trim().trim_matches('*').trim();
    let text = ITEM.captures(line).map_or(line, |c| c.name("text").map_or(line, |m| m.as_str()));
    collapse(text.trim_end_matches([',', '.', ';', '/', ' ']))
}

/// A printed mark: a short code such as "PTB-145" or "CV/TU.TH.C".
fn is_mark(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().count() <= 40
        && t.split_whitespace().count() <= 3
        && t.chars().any(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-'))
        && !t.chars().any(char::is_lowercase)
}

struct Tail {
    marks: Vec<String>,
    signature: Option<Signature>,
    leftover: Vec<String>,
}

/// Reads what follows the "Nơi nhận" list: printed marks, then the signature.
fn read_tail(lines: &[&str]) -> Tail {
    let mut tail = Tail { marks: Vec::new(), signature: None, leftover: Vec::new() };
    let mut signature = Signature::default();
    for line in lines {
        let text = strip_signature_markers(line);
        if text.is_empty() {
            continue;
        }
        if signature.name.is_none() && is_signature_line(&text) {
            signature.printed.push(text);
        } else if SIGNED.is_match(&text) || (signature.printed.is_empty() && is_mark(&text)) {
            tail.marks.push(text);
        } else if !signature.printed.is_empty() && signature.name.is_none() && is_name(&text) {
            signature.name = Some(name_case(&text));
        } else if text.chars().count() <= 40 {
            tail.marks.push(text);
        } else {
            tail.leftover.push(line.trim().to_string());
        }
    }
    if !signature.printed.is_empty() {
        tail.signature = Some(finish_signature(signature));
    }
    tail
}

/// Finds a signature block ending the lines `from..to`: a name under one to
/// four position or authority lines. Returns where the block starts.
fn signature_at_end(lines: &[&str], from: usize, to: usize) -> Option<(usize, Signature)> {
    let mut i = to;
    let previous = |i: usize| (from..i).rev().find(|&j| !lines[j].trim().is_empty());
    let last = previous(i)?;
    let mut signature = Signature::default();
    let last_text = strip_signature_markers(lines[last]);
    if is_name(&last_text) {
        signature.name = Some(name_case(&last_text));
        i = last;
    }
    let mut printed = Vec::new();
    let mut start = i;
    while let Some(j) = previous(start) {
        let text = strip_signature_markers(lines[j]);
        if SIGNED.is_match(&text) {
            start = j;
            continue;
        }
        if printed.len() == 4 || !is_signature_line(&text) {
            break;
        }
        printed.insert(0, text);
        start = j;
    }
    let has_authority = printed.iter().any(|l| AUTHORITY.is_match(l));
    if printed.is_empty() || !(has_authority || signature.name.is_some()) {
        return None;
    }
    signature.printed = printed;
    Some((start, finish_signature(signature)))
}

/// Removes the bold markers and stars printed around a signature.
fn strip_signature_markers(line: &str) -> String {
    let text = line.replace("**", " ");
    collapse(text.trim().trim_start_matches(['★', '☆', '*']).trim_end_matches(['★', '☆', '*']))
}

/// An authority line ("T/M BAN THƯỜNG VỤ") or a position line ("PHÓ BÍ THƯ":
/// capitals naming a position, so that a name printed in capitals is none).
pub(crate) fn is_signature_line(text: &str) -> bool {
    if AUTHORITY.is_match(text) {
        return true;
    }
    let padded = format!(" {} ", canonical_tones(&text.to_lowercase()));
    mostly_upper(text)
        && text.split(' ').count() <= 8
        && text.chars().all(|c| c.is_alphabetic() || c == ' ' || c == ',')
        && POSITION_WORDS.iter().any(|w| padded.contains(&format!(" {w} ")))
}

/// A person's name: two to seven capitalised words of letters.
pub(crate) fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    (2..=7).contains(&words.len())
        && words.iter().all(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic))
}

/// "TL. CHỦ TỊCH ỦY" + "BAN NHÂN DÂN TỈNH": an authority line wrapped in
/// the middle of the body's name is one line.
fn join_wrapped_authority(printed: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in printed {
        let key = canonical_tones(&line.to_lowercase());
        match out.last_mut() {
            Some(previous)
                if AUTHORITY.is_match(previous)
                    && canonical_tones(&previous.to_lowercase()).ends_with(" ủy")
                    && key.starts_with("ban ") =>
            {
                previous.push(' ');
                previous.push_str(&line);
            }
            _ => out.push(line),
        }
    }
    out
}

/// Authority ("T/M Ban Thường vụ") and position ("Phó Bí thư") from the
/// printed lines: every authority line, joined by ", " when a state signature
/// has two ("TM. Ủy ban nhân dân, KT. Chủ tịch"); the last other line is the
/// position.
fn finish_signature(mut signature: Signature) -> Signature {
    signature.printed = join_wrapped_authority(std::mem::take(&mut signature.printed));
    let mut authorities = Vec::new();
    for line in &signature.printed {
        match AUTHORITY.captures(line) {
            Some(c) => {
                let prefix: String = c["prefix"].split_whitespace().collect();
                authorities.push(format!("{prefix} {}", normal_case(&c["rest"])));
            }
            None => signature.position = Some(normal_case(line)),
        }
    }
    if !authorities.is_empty() {
        signature.authority = Some(authorities.join(", "));
    }
    signature
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> (Layout, Vec<String>) {
        let lines: Vec<&str> = text.lines().collect();
        let mut notes = Vec::new();
        (read_layout(&lines, &mut notes), notes)
    }

    #[test]
    fn reads_a_party_header() {
        let (l, _) = layout(
            "TỈNH ỦY NINH BÌNH\n*\nSố 2644 - CV/TU\nV/v tăng cường công tác\ndịch Covid-19\n\
             ĐẢNG CỘNG SẢN VIỆT NAM\nNinh Bình, ngày 29 tháng 7 năm 2020\nKính gửi:\n- A,\n- B.\nThân bài.",
        );
        assert_eq!(l.header.issuer_lines, ["TỈNH ỦY NINH BÌNH"]);
        assert_eq!(l.header.number.as_ref().map(|n| n.canonical()).as_deref(), Some("2644-CV/TU"));
        assert_eq!(l.header.number_printed.as_deref(), Some("Số 2644 - CV/TU"));
        assert_eq!(l.header.subject.as_deref(), Some("tăng cường công tác dịch Covid-19"));
        assert_eq!(l.header.place.as_deref(), Some("Ninh Bình"));
        assert_eq!(l.header.date, Some(PartialDate::ymd(2020, 7, 29)));
        assert!(l.header.motto);
        assert_eq!(l.recipients, ["A", "B"]);
        assert_eq!(l.body_lines, ["Thân bài."]);
    }

    #[test]
    fn reads_lists_in_their_variants() {
        let lines = ["Kính gửi: - Một, ", "      - Hai,", "      - Ba,", "", "Thân bài"];
        assert_eq!(read_list(&lines, 0, "- Một, "), (vec!["Một".into(), "Hai".into(), "Ba".into()], 3));
        let lines = ["Nơi nhận:", "- Như trên;", "- Lưu: VT, TH./.", "PTB-145"];
        assert_eq!(read_list(&lines, 0, ""), (vec!["Như trên".into(), "Lưu: VT, TH".into()], 3));
        let lines = ["Kính gửi:", "- Các sở, ban, ngành, MTTQ Việt Nam và", "đoàn thể cấp tỉnh,", "- Các huyện."];
        assert_eq!(read_list(&lines, 0, "").0, ["Các sở, ban, ngành, MTTQ Việt Nam và đoàn thể cấp tỉnh", "Các huyện"]);
        let lines = ["Kính gửi: Ủy ban nhân dân tỉnh Ninh Bình.", "", "Thân bài."];
        assert_eq!(read_list(&lines, 0, "Ủy ban nhân dân tỉnh Ninh Bình.").0, ["Ủy ban nhân dân tỉnh Ninh Bình"]);
    }

    #[test]
    fn reads_signatures_after_the_list() {
        let tail = read_tail(&["PTB-145", "", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "★ Nguyễn Mạnh Hùng"]);
        assert_eq!(tail.marks, ["PTB-145"]);
        let signature = tail.signature.unwrap();
        assert_eq!(signature.printed, ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]);
        assert_eq!(signature.authority.as_deref(), Some("T/M Ban Thường vụ"));
        assert_eq!(signature.position.as_deref(), Some("Phó Bí thư"));
        assert_eq!(signature.name.as_deref(), Some("Nguyễn Mạnh Hùng"));

        let tail = read_tail(&["**TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH**", "(Đã ký)", "NGUYỄN VĂN AN"]);
        let signature = tail.signature.unwrap();
        assert_eq!(signature.authority.as_deref(), Some("TM. Ủy ban nhân dân, KT. Chủ tịch"));
        assert_eq!(signature.position.as_deref(), Some("Phó Chủ tịch"));
        assert_eq!(signature.name.as_deref(), Some("Nguyễn Văn An"));
        assert_eq!(tail.marks, ["(Đã ký)"]);
    }

    #[test]
    fn finds_a_signature_without_nơi_nhận() {
        let lines = ["Thân bài.", "", "K/T BÍ THƯ", "PHÓ BÍ THƯ", "", "Trần Văn B"];
        let (start, signature) = signature_at_end(&lines, 0, lines.len()).unwrap();
        assert_eq!(start, 2);
        assert_eq!(signature.authority.as_deref(), Some("K/T Bí thư"));
        // An upper-case line of text followed by a name-like line is no signature.
        let lines = ["Thân bài.", "DANH SÁCH", "Nguyễn Văn A"];
        assert_eq!(signature_at_end(&lines, 0, lines.len()), None);
    }

    #[test]
    fn a_signature_may_precede_nơi_nhận() {
        let (l, _) =
            layout("Thân bài./.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn Dũng\nNơi nhận:\n- Như trên;\n- Lưu: VT.");
        assert_eq!(l.body_lines, ["Thân bài./."]);
        assert_eq!(l.distribution, ["Như trên", "Lưu: VT"]);
        let signature = l.signature.unwrap();
        assert_eq!(signature.authority.as_deref(), Some("KT. Giám đốc"));
        assert_eq!(signature.name.as_deref(), Some("Nguyễn Văn Dũng"));
    }

    fn number_of(line: &str) -> (Option<String>, Vec<&'static str>) {
        let mut header = Header::default();
        let mut notes = Vec::new();
        take_number(line, &mut header, &mut notes);
        (header.number.map(|n| n.canonical()), header.corrected)
    }

    #[test]
    fn number_keywords_through_ocr_noise() {
        for (line, number) in [
            ("sốl 0688/BYT-MT", "0688/BYT-MT"),
            ("sé: 860 /BHXH-BT", "860/BHXH-BT"),
            ("Sô: 125/QĐ-UBND", "125/QĐ-UBND"),
            ("Số 445-KL/TƯ", "445-KL/TU"),
            ("Số: 1961/QĐUBND", "1961/QĐ-UBND"),
        ] {
            assert_eq!(number_of(line), (Some(number.to_string()), vec!["number"]), "{line}");
        }
        assert_eq!(number_of("Số: 2644-CV/TU"), (Some("2644-CV/TU".into()), vec![]));
        assert_eq!(number_of("Nghị quyết số: 653/2019/UBTVQH14"), (Some("653/2019/UBTVQH14".into()), vec![]));
        // A website's headline naming the number is no number line; nor is
        // a noisy keyword without a number after it.
        assert!(number_line_rest("Quyết định số 1961/2019/QĐ-UBND ban hành Quy chế").is_none());
        assert!(number_line_rest("Sẽ có 5 đoàn/ngày").is_none());
    }

    #[test]
    fn dates_through_noise_are_read_or_left_out() {
        let read = |line: &str| {
            let mut header = Header::default();
            let mut notes = Vec::new();
            let is_date_line = take_date(line, &mut header, &mut notes);
            (is_date_line, header.date.map(|d| d.to_string()), header.corrected, notes.len())
        };
        assert_eq!(read("Hà Nội, ngày 05tháng 04 năm 2018"), (true, Some("2018-04-05".into()), vec![], 0));
        assert_eq!(read("Hà Nội, ngảy 5 thảng 4 nãm 2018"), (true, Some("2018-04-05".into()), vec!["date"], 1));
        assert_eq!(read("Bến Tre, ngàyló thảngU năm 2021"), (true, None, vec![], 1));
        assert_eq!(read("ngày {† tháng 3 năm 2020"), (true, None, vec![], 1));
        // A sentence of the body that starts with a date is no date line.
        assert!(!read("Ngày 18 tháng 01 năm 2021, Thông tấn xã Việt Nam có bài viết").0);
        assert!(!read("Hà Nội, ngay sau khi nhận được").0);
    }

    #[test]
    fn type_titles_through_noise() {
        assert_eq!(type_title("QUYẾT ĐỊNH"), Some(("Quyết định", false)));
        assert_eq!(type_title("QUYÉT ĐỊNH"), Some(("Quyết định", true)));
        assert_eq!(type_title("K ÉT LUẬN"), Some(("Kết luận", true)));
        assert_eq!(type_title("QUY ĐỊNH"), Some(("Quy định", false)));
        assert_eq!(type_title("Quyết định"), None);
    }

    #[test]
    fn issuer_lines_through_noise() {
        assert_eq!(correct_issuer_line("Bộ YTÉ").as_deref(), Some("BỘ Y TẾ"));
        assert_eq!(correct_issuer_line("Y BAN NHÂN DÂN").as_deref(), Some("ỦY BAN NHÂN DÂN"));
        assert_eq!(correct_issuer_line("Y BAN NHÂN DÂN TỈNH KON TUM").as_deref(), Some("ỦY BAN NHÂN DÂN TỈNH KON TUM"));
        // Right as printed, or a body one letter from another: left alone.
        assert_eq!(correct_issuer_line("BỘ Y TẾ"), None);
        assert_eq!(correct_issuer_line("ỦY BAN NHÂN DÂN"), None);
        assert_eq!(correct_issuer_line("SỞ GIÁO DỤC VÀ ĐÀO TẠO"), None);
    }

    #[test]
    fn merged_two_column_headers_state_and_party() {
        let (l, _) = layout(
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HẬU GIANG Độc lập - Tự do - Hạnh phúc\n\n\
             Số: 73/UBND-TH Hậu Giang, ngày 12 tháng 1 năm 2018\nV/v ủy quyền chỉ đạo\nKính gửi: Sở Y tế.\nThân bài.",
        );
        assert_eq!(l.header.issuer_lines, ["ỦY BAN NHÂN DÂN TỈNH HẬU GIANG"]);
        assert_eq!(l.header.number.map(|n| n.canonical()).as_deref(), Some("73/UBND-TH"));
        assert_eq!(
            (l.header.place.as_deref(), l.header.date),
            (Some("Hậu Giang"), Some(PartialDate::ymd(2018, 1, 12)))
        );
        let (l, _) = layout(
            "TỈNH ỦY THỪA THIÊN HUẾ ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 445-KL/TƯ Thừa Thiên Huế, ngày 13 tháng 5 năm 2022\n\
             K ÉT LUẬN\nvề xây dựng hệ thống kết cấu hạ tầng\n\nHội nghị đã thảo luận.",
        );
        assert_eq!(l.header.issuer_lines, ["TỈNH ỦY THỪA THIÊN HUẾ"]);
        assert_eq!(l.header.number.map(|n| n.canonical()).as_deref(), Some("445-KL/TU"));
        assert_eq!(l.header.date, Some(PartialDate::ymd(2022, 5, 13)));
        assert_eq!(l.header.type_title, Some("Kết luận"));
        assert_eq!(l.header.subject.as_deref(), Some("về xây dựng hệ thống kết cấu hạ tầng"));
        assert_eq!(l.header.corrected, ["number", "type"]);
    }

    #[test]
    fn issuer_printed_on_two_lines_is_one_body() {
        let (l, _) = layout("ỦY BAN THƯỜNG VỤ\nQUỐC HỘI\n--------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nThân bài.");
        assert_eq!(l.header.issuer_lines, ["ỦY BAN THƯỜNG VỤ QUỐC HỘI"]);
    }

    #[test]
    fn site_lines_above_the_header_are_left_out() {
        let (l, notes) = layout(
            "Quyết định số 575/QĐ-UBND năm 2020 về phê duyệt quy trình\nSố hiệu: 575/QĐ-UBND Loại văn bản: Quyết định\n\
             Ngày ban hành: 05/08/2020\n\nỦY BAN NHÂN DÂN\nTỈNH KON TUM\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
             Số: 575/QĐ-UBND\nKon Tum, ngày 05 tháng 8 năm 2020\nThân bài.",
        );
        assert_eq!(l.preamble.len(), 3);
        assert!(notes[0].starts_with("3 line(s) before the document's header left out"), "{notes:?}");
        assert_eq!(l.header.issuer_lines, ["ỦY BAN NHÂN DÂN TỈNH KON TUM"]);
        assert_eq!(l.header.number.map(|n| n.canonical()).as_deref(), Some("575/QĐ-UBND"));
        // A text that begins mid-document keeps its lines above a form's motto.
        let (l, _) = layout("các đơn vị thực hiện.\n2. Giao Sở Y tế theo dõi.\nMẫu số 01\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐơn đề nghị");
        assert!(l.preamble.is_empty());
        // A sentence naming the republic is no header: nothing is left out.
        let (l, _) = layout("Lời dẫn của báo.\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nThân bài.");
        assert!(l.preamble.is_empty());
    }

    #[test]
    fn noisy_kính_gửi_and_a_wrapped_authority() {
        let (l, notes) = layout("Kỉnhgửì: Sở Y tế.\nThân bài.");
        assert_eq!(l.recipients, ["Sở Y tế"]);
        assert_eq!(l.header.corrected, ["recipients"]);
        assert!(notes.iter().any(|n| n.contains("\"Kỉnhgửì\" read through noise as Kính gửi")), "{notes:?}");
        let signature = finish_signature(Signature {
            printed: vec!["TL. CHỦ TỊCH ỦY".into(), "BAN NHÂN DÂN TỈNH".into(), "CHÁNH VĂN PHÒNG".into()],
            ..Signature::default()
        });
        assert_eq!(signature.authority.as_deref(), Some("TL. Chủ tịch Ủy ban nhân dân tỉnh"));
        assert_eq!(signature.position.as_deref(), Some("Chánh Văn phòng"));
    }

    #[test]
    fn damaged_dates_keep_the_place_and_are_noted() {
        let (l, notes) = layout("Ninh Bình, ngày 29 tháng 7 nӑm 2020\n\nThân bài dài.");
        assert_eq!((l.header.place.as_deref(), l.header.date), (Some("Ninh Bình"), None));
        assert!(notes[0].contains("could not be read"), "{notes:?}");
        let (l, notes) = layout("Hà Nội, ngày 30 tháng 2 năm 2021\n\nThân bài.");
        assert_eq!(l.header.date, None);
        assert!(notes[0].contains("impossible"), "{notes:?}");
    }
}
