//! The body of a directive as Markdown that keeps its structure: numbered
//! points as an ordered list, "- " items as lists, the signature block at the
//! end, as in the hand-made content files. Page furniture is removed; the
//! words of the document are kept, and every removal is noted for the editor.
//!
//! Decisions:
//! * A paragraph between two numbered points belongs to the first (indented
//!   under it, like content/quang-ngai/2021/453-cv-tu.md); a paragraph after
//!   the last point closes the list ("Giao Ban Tuyên giáo …", "Đề nghị …"),
//!   since the text cannot tell otherwise and closing words are the rule.
//!   "- " items and sub-points ("a)", "b)") right after a point stay under
//!   it. A section heading ("II. NỘI DUNG", "Điều 2.") closes the points.
//! * A line continues the previous one only when that one does not end a
//!   sentence and this one starts in lower case (hard-wrapped copies); blank
//!   lines and one line per paragraph are both read as written.
//! * A point glued to the previous one ("… chống dịch. 8. Tăng cường …") is
//!   split only when its number is the next one expected.
//! * A page number that leaked into a line ("độc, 2 sai sự thật") is removed
//!   only when it is the next page number expected, follows "word, " and falls
//!   where a page can end (0.8–6 thousand characters per page): a guess, so
//!   it is noted for the editor to check.

use super::layout::{is_ornament, parse_point, Signature};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("body pattern")
}

static BOOKMARK: LazyLock<Regex> = LazyLock::new(|| re(r"\[bookmark:[^\]\n]*\]"));
/// "2", "- 2 -", "Trang 2", "Trang 2/5", and the page-break markers of web
/// copies: "--- Trang 2 ---", "[Trang 2]", "=== Page 2 ===".
static PAGE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*[\[(]?\s*(?:[-–—=_*]+\s*)?(?:(?:trang|page)\s+)?(?P<n>\d{1,3})(?:\s*/\s*\d{1,3})?(?:\s*[-–—=_*]+)?\s*[\])]?\s*$",
    )
});
/// "[page break]", "--- Ngắt trang ---", "<pagebreak>": a web copy's page break.
static PAGE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*[-–—=_\[<(]*\s*(?:page\s*-?\s*break|ngắt\s+trang|hết\s+trang)\s*[-–—=_\]>)/]*\s*$"));
static WATERMARK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:https?://\S+|www\.\S+|[\w.-]+\.(?:vn|com|net|org)(?:/\S*)?|.*camscanner.*|.*thuvienphapluat.*|.*luatvietnam.*|@\s.*)\s*$",
    )
});
static ITEM: LazyLock<Regex> = LazyLock::new(|| re(r"^[-–+•*]\s+(?P<text>\S.*)$"));
/// "… chống dịch. 8. Tăng cường …": a point glued after a sentence.
static GLUED_POINT: LazyLock<Regex> = LazyLock::new(|| re(r"[.;:!?]\s+(?P<n>\d{1,2})[.)]\s+\p{Lu}"));
/// "độc, 2 sai": a small number after "word, " and before a lower-case word.
static LEAKED_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| re(r"\p{L},\s+(?P<n>\d{1,3})\s+(?P<next>\p{Ll}[\p{L}\p{M}]*)"));
/// "a) …", "b. …", "đ) …": a sub-point, part of the point above it.
static SUB_POINT: LazyLock<Regex> = LazyLock::new(|| re(r"^[a-zđ][).]\s+\S"));
/// "I. MỤC ĐÍCH", "II- NỘI DUNG", "Điều 2.", "Chương I", "Phần II", "Mục 3":
/// a section, which closes the points above it.
static SECTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:[IVXLC]+\s*[.\-–)]\s+\S|(?:Điều|Chương|Phần|Mục)\s+(?:\d+|[IVXLC]+)\b)"));
static ORDERED_START: LazyLock<Regex> = LazyLock::new(|| re(r"^(?P<n>\d+)(?P<d>[.)])(?:\s|$)"));

/// Words that count things: a number before them is the text's own.
const COUNTED: &[&str] = &[
    "ca",
    "người",
    "lần",
    "ngày",
    "tháng",
    "năm",
    "tuần",
    "giờ",
    "phút",
    "giây",
    "xã",
    "phường",
    "huyện",
    "tỉnh",
    "thôn",
    "ấp",
    "khu",
    "điểm",
    "đơn",
    "cơ",
    "hộ",
    "trường",
    "nhóm",
    "đoàn",
    "tổ",
    "đội",
    "mũi",
    "liều",
    "triệu",
    "tỷ",
    "nghìn",
    "ngàn",
    "trăm",
    "chục",
    "km",
    "kg",
    "tấn",
    "lượt",
    "chiếc",
    "xe",
    "con",
    "cái",
    "bộ",
    "cuộc",
    "buổi",
    "đợt",
    "văn",
    "nội",
    "nhiệm",
    "biện",
    "giải",
    "bệnh",
    "trẻ",
    "học",
    "cán",
    "đảng",
    "doanh",
    "công",
    "phòng",
    "bước",
    "vấn",
    "mục",
    "nhà",
    "gia",
    "chốt",
    "trạm",
    "tầng",
    "căn",
    "lĩnh",
    "cấp",
    "loại",
    "mặt",
    "tiêu",
    "tại",
    "không",
    "chỉ",
    "phương",
    "kế",
    "dự",
    "đề",
    "quy",
    "thành",
    "đồng",
    "lớp",
    "phiên",
    "kỳ",
];

/// Lines that repeat this often in a body are a watermark, not text.
const WATERMARK_REPEATS: usize = 3;

/// Body lines (header and footer already taken off) to Markdown, with the
/// signature block at the end. Notes say what was removed.
pub(crate) fn to_markdown(lines: &[String], signature: Option<&Signature>, notes: &mut Vec<String>) -> String {
    let (lines, next_page) = remove_furniture(lines, notes);
    let paragraphs = split_glued_points(join_paragraphs(&lines), notes);
    let paragraphs = remove_leaked_page_numbers(paragraphs, next_page, notes);
    let mut blocks = render(&paragraphs);
    if let Some(signature) = signature {
        blocks.extend(signature_blocks(signature));
    }
    if blocks.is_empty() {
        String::new()
    } else {
        blocks.join("\n\n") + "\n"
    }
}

/// Removes bookmarks, page-number lines, ornaments and watermarks. Returns
/// the lines (a removed ornament leaves a blank, which ends a paragraph) and
/// the next page number expected.
fn remove_furniture(lines: &[String], notes: &mut Vec<String>) -> (Vec<String>, u32) {
    let mut repeats: HashMap<&str, usize> = HashMap::new();
    for line in lines {
        let t = line.trim();
        if !t.is_empty() && t.chars().count() <= 80 && ITEM.captures(t).is_none() && parse_point(t).is_none() {
            *repeats.entry(t).or_default() += 1;
        }
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut next_page = 2;
    let mut bookmarks = 0;
    let mut watermarks: Vec<(String, usize)> = Vec::new();
    for line in lines {
        let without = BOOKMARK.replace_all(line, "");
        bookmarks += BOOKMARK.find_iter(line).count();
        let t = without.trim();
        if t.is_empty() {
            out.push(String::new());
        } else if let Some(c) = PAGE_LINE.captures(t) {
            let n: u32 = c["n"].parse().unwrap_or(0);
            notes.push(format!("removed page number line \"{t}\""));
            next_page = next_page.max(n + 1);
        } else if PAGE_BREAK.is_match(t) {
            notes.push(format!("removed page-break marker \"{t}\""));
            out.push(String::new());
        } else if is_ornament(t) {
            out.push(String::new());
        } else if WATERMARK.is_match(t) || repeats.get(line.trim()).is_some_and(|&n| n >= WATERMARK_REPEATS) {
            match watermarks.iter_mut().find(|(w, _)| w == t) {
                Some((_, count)) => *count += 1,
                None => watermarks.push((t.to_string(), 1)),
            }
        } else {
            out.push(t.to_string());
        }
    }
    if bookmarks > 0 {
        notes.push(format!("removed {bookmarks} \"[bookmark: …]\" artefact(s)"));
    }
    for (line, count) in watermarks {
        notes.push(format!("removed watermark line \"{line}\" ({count}×)"));
    }
    (out, next_page)
}

/// Lines into paragraphs: blank lines separate; a line that starts in lower
/// case continues a previous line that does not end its sentence.
fn join_paragraphs(lines: &[String]) -> Vec<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut open = false;
    for line in lines {
        if line.is_empty() {
            open = false;
            continue;
        }
        let line = super::casing::collapse(line);
        let continues = open
            && line.starts_with(char::is_lowercase)
            && paragraphs.last().is_some_and(|p| !p.ends_with(['.', ':', ';', '!', '?', '…']));
        if continues {
            let last = paragraphs.last_mut().expect("an open paragraph");
            last.push(' ');
            last.push_str(&line);
        } else {
            paragraphs.push(line);
        }
        open = true;
    }
    paragraphs
}

/// "7. … chống dịch. 8. Tăng cường …" → two points, when 8 comes next.
fn split_glued_points(paragraphs: Vec<String>, notes: &mut Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(paragraphs.len());
    let mut last_point = 0;
    for paragraph in paragraphs {
        let mut rest = paragraph.as_str();
        loop {
            if let Some(point) = parse_point(rest) {
                last_point = point.number;
            } else if SECTION.is_match(rest) {
                last_point = 0; // points start again under a new section
            }
            let glued = GLUED_POINT.captures_iter(rest).find(|c| c["n"].parse::<u32>().ok() == Some(last_point + 1));
            let Some(c) = glued else { break };
            let at = c.name("n").expect("group").start();
            notes.push(format!("point {} printed on the line of point {last_point}; made its own item", &c["n"]));
            out.push(rest[..at].trim_end().to_string());
            rest = &rest[at..];
        }
        out.push(rest.to_string());
    }
    out
}

/// Removes page numbers that leaked into running text (see the module docs).
/// One pass over each paragraph, counting characters as it goes, so that a
/// huge paragraph costs linear time.
fn remove_leaked_page_numbers(paragraphs: Vec<String>, mut next_page: u32, notes: &mut Vec<String>) -> Vec<String> {
    let mut offset = 0; // characters of body text before the paragraph
    let mut out = Vec::with_capacity(paragraphs.len());
    for mut paragraph in paragraphs {
        let mut removals = Vec::new();
        let (mut counted_to, mut chars_before) = (0, 0);
        for c in LEAKED_NUMBER.captures_iter(&paragraph) {
            let (number, next) = (c.name("n").expect("group"), c.name("next").expect("group"));
            if number.as_str().parse::<u32>().ok() != Some(next_page)
                || COUNTED.contains(&next.as_str().to_lowercase().as_str())
            {
                continue;
            }
            chars_before += paragraph[counted_to..number.start()].chars().count();
            counted_to = number.start();
            let page = next_page as usize - 1;
            if !(800 * page..=6000 * page).contains(&(offset + chars_before)) {
                continue;
            }
            let before: String =
                paragraph[..number.start()].chars().rev().take(24).collect::<Vec<_>>().into_iter().rev().collect();
            notes.push(format!(
                "removed page number \"{}\" from the text: \"…{before}{}{}…\"",
                number.as_str(),
                &paragraph[number.start()..next.start()],
                next.as_str()
            ));
            removals.push(number.start()..next.start());
            next_page += 1;
        }
        for range in removals.into_iter().rev() {
            paragraph.replace_range(range, "");
        }
        offset += paragraph.chars().count() + 1;
        out.push(paragraph);
    }
    out
}

enum Block<'a> {
    Point { number: u32, delim: char, text: &'a str },
    Item(&'a str),
    SubPoint(&'a str),
    Section(&'a str),
    Plain(&'a str),
}

fn classify(paragraph: &str) -> Block<'_> {
    if let Some(point) = parse_point(paragraph) {
        return Block::Point { number: point.number, delim: point.delim, text: point.text };
    }
    if let Some(c) = ITEM.captures(paragraph) {
        return Block::Item(c.name("text").map_or(paragraph, |m| m.as_str()));
    }
    if SUB_POINT.is_match(paragraph) {
        return Block::SubPoint(paragraph);
    }
    if SECTION.is_match(paragraph) {
        return Block::Section(paragraph);
    }
    Block::Plain(paragraph)
}

/// Paragraphs to Markdown blocks (see the module docs for what nests where).
fn render(paragraphs: &[String]) -> Vec<String> {
    let blocks: Vec<Block> = paragraphs.iter().map(|p| classify(p)).collect();
    // Points close at a section heading, so "before the last point" is
    // judged within a section.
    let mut next_point = vec![false; blocks.len()];
    let mut later = false;
    for (i, block) in blocks.iter().enumerate().rev() {
        next_point[i] = later;
        match block {
            Block::Point { .. } => later = true,
            Block::Section(_) => later = false,
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(blocks.len());
    let mut indent: Option<String> = None; // the open point's continuation indent
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Point { number, delim, text } => {
                let marker = format!("{number}{delim} ");
                out.push(format!("{marker}{}", escape_start(text)));
                indent = Some(" ".repeat(marker.chars().count()));
            }
            Block::Item(text) => {
                let pad = indent.as_deref().unwrap_or("");
                out.push(format!("{pad}- {}", escape_start(text)));
            }
            Block::SubPoint(text) => {
                let pad = indent.as_deref().unwrap_or("");
                out.push(format!("{pad}{}", escape_start(text)));
            }
            Block::Section(text) => {
                indent = None;
                out.push(escape_start(text));
            }
            Block::Plain(text) => match &indent {
                Some(pad) if next_point[i] => out.push(format!("{pad}{}", escape_start(text))),
                _ => {
                    indent = None;
                    out.push(escape_start(text));
                }
            },
        }
    }
    out
}

/// Escapes what Markdown would read as syntax at the start of a block
/// ("# …", "> …", "100. …" that is no point), so the text shows as written.
fn escape_start(text: &str) -> String {
    if text.starts_with(['#', '>', '<', '|', '=', '+', '`', '~']) || text.starts_with("- ") || text.starts_with("* ") {
        return format!("\\{text}");
    }
    match ORDERED_START.captures(text) {
        Some(c) => {
            let at = c.name("d").expect("group").start();
            format!("{}\\{}", &text[..at], &text[at..])
        }
        None => text.to_string(),
    }
}

/// "**T/M BAN THƯỜNG VỤ\" + "PHÓ BÍ THƯ**", then the name, as the hand-made
/// files print a signature.
fn signature_blocks(signature: &Signature) -> Vec<String> {
    let mut blocks = Vec::new();
    if !signature.printed.is_empty() {
        blocks.push(format!("**{}**", signature.printed.join("\\\n")));
    }
    if let Some(name) = &signature.name {
        blocks.push(escape_start(name));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markdown(text: &str) -> (String, Vec<String>) {
        let lines: Vec<String> = text.lines().map(String::from).collect();
        let mut notes = Vec::new();
        (to_markdown(&lines, None, &mut notes), notes)
    }

    #[test]
    fn page_breaks_of_web_copies_are_removed() {
        let (md, notes) =
            markdown("Một.\n--- Trang 2 ---\nHai.\n[page break]\nBa.\n@ Cơ quan phát hành: Bộ Y tế\nBốn.");
        assert_eq!(md, "Một.\n\nHai.\n\nBa.\n\nBốn.\n");
        assert_eq!(notes.len(), 3, "{notes:?}");
    }

    #[test]
    fn points_items_and_continuations() {
        let (md, _) =
            markdown("Mở đầu:\n\n1. Một.\n\nTiếp của một.\n\n2. Hai:\n\n- a;\n\n- b.\n\n3. Ba.\n\n- c.\n\nKết thúc.");
        assert_eq!(
            md,
            "Mở đầu:\n\n1. Một.\n\n   Tiếp của một.\n\n2. Hai:\n\n   - a;\n\n   - b.\n\n3. Ba.\n\n   - c.\n\nKết thúc.\n"
        );
    }

    #[test]
    fn sub_points_stay_in_their_point_and_sections_close_points() {
        let (md, _) =
            markdown("I. MỤC ĐÍCH\n1. Một.\nTiếp.\n2. Hai:\na) Ý a;\nb) Ý b.\nII. NỘI DUNG\nMở đầu.\n1. Một.\nKết.");
        assert_eq!(
            md,
            "I. MỤC ĐÍCH\n\n1. Một.\n\n   Tiếp.\n\n2. Hai:\n\n   a) Ý a;\n\n   b) Ý b.\n\nII. NỘI DUNG\n\nMở đầu.\n\n\
             1. Một.\n\nKết.\n"
        );
        let (md, notes) = markdown("Điều 1. Một. 1. Tách ra.\nĐiều 2. Hai.");
        assert_eq!(md, "Điều 1. Một.\n\n1. Tách ra.\n\nĐiều 2. Hai.\n");
        assert_eq!(notes.len(), 1, "a glued point 1 right after a section heading is split: {notes:?}");
    }

    #[test]
    fn wide_markers_indent_further() {
        let (md, _) = markdown("10. Mười.\nTiếp.\n11. Mười một.");
        assert_eq!(md, "10. Mười.\n\n    Tiếp.\n\n11. Mười một.\n");
    }

    #[test]
    fn joins_hard_wrapped_lines_only() {
        let (md, _) = markdown("Thời gian qua, các cấp\nđã rất nỗ lực.\nTiếp theo là đoạn mới.");
        assert_eq!(md, "Thời gian qua, các cấp đã rất nỗ lực.\n\nTiếp theo là đoạn mới.\n");
    }

    #[test]
    fn splits_a_glued_point_only_when_it_comes_next() {
        let (md, notes) = markdown("7. Bảy, chống phá. 8. Tăng cường.\n9. Chín. 3. Không tách.");
        assert_eq!(md, "7. Bảy, chống phá.\n\n8. Tăng cường.\n\n9. Chín. 3. Không tách.\n");
        assert_eq!(notes.len(), 1, "{notes:?}");
    }

    #[test]
    fn removes_furniture_and_says_so() {
        let text = "[bookmark: _GoBack]Ngày đầu.\n\n2\n\n*\n-\nĐoạn hai.\nwww.thuvienphapluat.vn\n\nĐoạn ba.";
        let (md, notes) = markdown(text);
        assert_eq!(md, "Ngày đầu.\n\nĐoạn hai.\n\nĐoạn ba.\n");
        assert_eq!(notes.len(), 3, "{notes:?}");
        let repeated = "Đoạn một.\nBẢN QUYỀN ABC\nĐoạn hai.\nBẢN QUYỀN ABC\nĐoạn ba.\nBẢN QUYỀN ABC";
        assert_eq!(markdown(repeated).0, "Đoạn một.\n\nĐoạn hai.\n\nĐoạn ba.\n");
    }

    #[test]
    fn removes_a_leaked_page_number_where_a_page_can_end() {
        let filler = "Văn bản dài, ".repeat(100);
        let (md, notes) = markdown(&format!("{filler}các thông tin xấu, độc, 2 sai sự thật, có 2 ca."));
        assert!(md.contains("xấu, độc, sai sự thật, có 2 ca."), "{md}");
        assert_eq!(notes.len(), 1, "{notes:?}");
        // Too early for a page to end, or a counted thing: the text's own number.
        assert!(markdown("độc, 2 sai sự thật").0.contains(", 2 sai"));
        assert!(markdown(&format!("{filler}khoảng, 2 ca")).0.contains(", 2 ca"));
    }

    #[test]
    fn escapes_what_markdown_would_misread() {
        let (md, _) = markdown("# không phải tiêu đề\n\n100. không phải điểm\n\n> không phải trích dẫn");
        assert_eq!(md, "\\# không phải tiêu đề\n\n100\\. không phải điểm\n\n\\> không phải trích dẫn\n");
    }

    #[test]
    fn signature_goes_last() {
        let signature = Signature {
            printed: vec!["T/M BAN THƯỜNG VỤ".into(), "PHÓ BÍ THƯ".into()],
            name: Some("Đặng Ngọc Huy".into()),
            ..Signature::default()
        };
        let mut notes = Vec::new();
        let md = to_markdown(&["Thân bài.".to_string()], Some(&signature), &mut notes);
        assert_eq!(md, "Thân bài.\n\n**T/M BAN THƯỜNG VỤ\\\nPHÓ BÍ THƯ**\n\nĐặng Ngọc Huy\n");
    }
}
