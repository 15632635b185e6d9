//! Repairs of a raw text before its layout is read: what PDF extraction, OCR
//! and web pages do to a document that no reading of the layout can undo
//! afterwards. Each repair is general (no file is named), changes only what
//! has one reading, and is noted for the editor.
//!
//! * Tables drawn with `|` (web copies of a two-column header: `ỦY BAN NHÂN
//!   DÂN | CỘNG HÒA … |`): each cell on a line of its own, as the columns of
//!   a PDF's text layer come.
//! * A page flattened onto one line (`ỦY BAN … Số: 1961/QĐUBND CỘNG HÒA …
//!   Kiên Giang, ngày … QUYẾT ĐỊNH …`): broken before the layout's
//!   keywords, so that each part of the header is a line again.
//! * A footer whose two columns were run together line by line ("Nơi
//!   nhận: KT. CHỦ TỊCH", "- Như trên; PHÓ CHỦ TỊCH"): the "Nơi nhận" list,
//!   then the signature block.
//! * Diacritics detached from their letters (`thiêt hai ̀ ̣ ̣ do`): the
//!   loose marks are removed (which letter each belonged to cannot be told).
//! * A subject glued to the number (`2597/VPCP-NCV/v tổ chức …`).
//! * Numbers whose codes lost a hyphen or read `U` as `Ư`
//!   ([`repair_number_codes`]): `1961/QĐUBND` is 1961/QĐ-UBND, `445-KL/TƯ`
//!   is 445-KL/TU, when exactly one reading makes a known type and issuer.

use crate::text::number::DocNumber;
use crate::text::vietnamese::fold;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("repair pattern")
}

/// The letters an OCR or a lost keyboard layout may put for each base
/// letter: every tone and vowel mark of Vietnamese.
const VARIANTS: &[(char, &str)] = &[
    ('a', "aáàảãạăắằẳẵặâấầẩẫậ"),
    ('e', "eéèẻẽẹêếềểễệ"),
    ('i', "iíìỉĩị"),
    ('o', "oóòỏõọôốồổỗộơớờởỡợ"),
    ('u', "uúùủũụưứừửữự"),
    ('y', "yýỳỷỹỵ"),
    ('d', "dđ"),
];

/// A regex fragment matching `phrase` whatever its diacritics, case or
/// spacing: "kính gửi" matches "Kỉnhgửì", "KINH GUI" and "Kính  gửi".
/// Used with the `(?i)` flag.
pub(crate) fn loose(phrase: &str) -> String {
    let mut out = String::new();
    for c in phrase.chars() {
        if c.is_whitespace() {
            out.push_str(r"\s*");
            continue;
        }
        let base = fold(&c.to_string()).chars().next().unwrap_or(c);
        match VARIANTS.iter().find(|(b, _)| *b == base) {
            Some((_, variants)) => {
                out.push('[');
                out.push_str(variants);
                out.push(']');
            }
            None => out.push_str(&regex::escape(&c.to_string())),
        }
    }
    out
}

/// Whether `printed` is `keyword` as printed (tones, case and single spaces
/// aside), so that a loose match that is not counts as read through noise.
pub(crate) fn is_exact(printed: &str, keyword: &str) -> bool {
    let norm = |s: &str| {
        let lower = crate::text::vietnamese::canonical_tones(&s.to_lowercase());
        lower.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    norm(printed) == norm(keyword)
}

/// Applies the repairs of the module docs to the whole text.
pub(crate) fn repair(text: &str, notes: &mut Vec<String>) -> String {
    let text = split_cells(text, notes);
    let text = split_flattened(&text, notes);
    let text = split_merged_footer(&text, notes);
    let text = remove_detached_marks(&text, notes);
    let text = unglue_name(&text, notes);
    unglue_subject(&text, notes)
}

/// "CHÁNH VĂN PHÒNGThái Hữu Phép": a signer's name glued to the position in
/// capitals above it.
static GLUED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?m)^(?P<caps>[\p{Lu}\s.,]*\p{Lu}{2})(?P<name>\p{Lu}[\p{Ll}\p{M}]+(?:[ \t]+\p{Lu}[\p{Ll}\p{M}]+){1,5})[ \t]*$")
});

fn unglue_name(text: &str, notes: &mut Vec<String>) -> String {
    let mut glued = 0;
    let out = GLUED_NAME.replace_all(text, |c: &regex::Captures| {
        glued += 1;
        format!("{}\n{}", c["caps"].trim_end(), &c["name"])
    });
    if glued > 0 {
        notes.push(format!("{glued} name(s) glued to the capitals above them put on a line of their own"));
    }
    out.into_owned()
}

/// Puts each cell of a `|` table on a line of its own.
fn split_cells(text: &str, notes: &mut Vec<String>) -> String {
    let mut rows = 0;
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if line.contains('|') {
            rows += 1;
            let cells: Vec<&str> = line.split('|').map(str::trim).filter(|c| !c.is_empty()).collect();
            out.push_str(&cells.join("\n"));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    if rows > 0 {
        notes.push(format!("{rows} line(s) of a table drawn with \"|\" read cell by cell"));
    }
    out
}

static MOTTO_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!("(?i){}|{}", loose("cộng hòa xã hội chủ nghĩa việt nam"), loose("đảng cộng sản việt nam")))
});
static INDEPENDENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"(?i){}\s*[-–—]?\s*{}\s*[-–—]?\s*{}", loose("độc lập"), loose("tự do"), loose("hạnh phúc")))
});
/// Where a part of the header or body starts inside a flattened page.
static BREAK_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:s[ốoô]\s*:|v/v\b|{}|{}|{}|{}|{}\s*:|điều\s+\d+\s*\.)|\s[-–]\s+\p{{Lu}}|\s(?:[IVX]+|\d{{1,2}})\s*\.\s+\p{{Lu}}",
        loose("kính gửi"),
        loose("nơi nhận"),
        loose("căn cứ"),
        loose("xét đề nghị"),
        loose("quyết định"),
    ))
});
/// A type title in capitals before more capitals (its subject), and the
/// line naming who decides ("CHỦ TỊCH ỦY BAN NHÂN DÂN …"), in a flattened page.
static TITLE_IN_CAPITALS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|\s)(?P<title>QUYẾT ĐỊNH|CHỈ THỊ|KẾ HOẠCH|NGHỊ QUYẾT|THÔNG BÁO|KẾT LUẬN|QUY ĐỊNH|HƯỚNG DẪN|CÔNG ĐIỆN|CHỦ TỊCH ỦY BAN NHÂN DÂN)\s+\p{Lu}\p{Lu}",
    )
});
/// "Phan Rang-Tháp Chàm, ngày 05 tháng 11 năm 2010": the place is the
/// capitalised words before ", ngày".
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|\s)\p{Lu}[\p{Ll}\p{M}][\p{L}\p{M}]*(?:[\s-]+\p{Lu}[\p{Ll}\p{M}][\p{L}\p{M}]*){0,4},\s*ngày\s*\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4}",
    )
});

/// "  1. " before the capitals a flattened page starts with.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*\d{1,3}\s*\.\s+(?P<caps>\p{Lu}{2})"));

/// A flattened page: one very long line that holds a national motto.
const FLATTENED: usize = 300;

/// Breaks a page flattened onto one line before the layout's keywords.
fn split_flattened(text: &str, notes: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.lines() {
        if line.chars().count() < FLATTENED || !MOTTO_ANYWHERE.is_match(line) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut cuts: Vec<usize> = Vec::new();
        let mut whole: Vec<std::ops::Range<usize>> = Vec::new();
        for m in MOTTO_ANYWHERE.find_iter(line).chain(INDEPENDENCE.find_iter(line)).chain(PLACE_DATE.find_iter(line)) {
            let start = m.start() + m.as_str().len() - m.as_str().trim_start().len();
            cuts.extend([start, m.end()]);
            whole.push(start..m.end());
        }
        // "QUYẾT ĐỊNH BAN HÀNH …": the type title, then its subject in capitals.
        for c in TITLE_IN_CAPITALS.captures_iter(line) {
            let title = c.name("title").expect("group");
            cuts.push(title.start());
            if !title.as_str().starts_with("CHỦ TỊCH") {
                cuts.push(title.end());
            }
        }
        for m in BREAK_BEFORE.find_iter(line) {
            // The match may start at the space before "- Item" or " 1. Point".
            let at = m.start() + m.as_str().len() - m.as_str().trim_start().len();
            // The dashes of "Độc lập - Tự do - Hạnh phúc" are no items.
            if !whole.iter().any(|r| r.start < at && at < r.end) {
                cuts.push(at);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        // "1. UBND TỈNH …": a preview site numbers the pages it flattens.
        let first = PAGE_NUMBER.captures(line).and_then(|c| c.name("caps")).map_or(0, |m| m.start());
        let mut from = first;
        let mut parts = 0;
        for at in cuts.into_iter().filter(|&at| at > first).chain([line.len()]) {
            for part in end_item_at_full_stop(line[from..at].trim()) {
                out.push_str(part);
                out.push('\n');
                parts += 1;
            }
            from = at;
        }
        notes.push(format!("a page printed on one line was broken into {parts} lines at the layout's keywords"));
    }
    out
}

/// "- Bộ Giáo dục và Đào tạo. Vừa qua, …": in a flattened page, a list
/// item ends at its full stop; the body's first sentence follows.
fn end_item_at_full_stop(part: &str) -> Vec<&str> {
    static FULL_STOP: LazyLock<Regex> = LazyLock::new(|| re(r"\.\s+\p{Lu}"));
    if part.is_empty() {
        return Vec::new();
    }
    match FULL_STOP.find(part).filter(|_| part.starts_with("- ")) {
        Some(m) => vec![&part[..m.start() + 1], part[m.start() + 1..].trim()],
        None => vec![part],
    }
}

/// "Nơi nhận: KT. CHỦ TỊCH": the list's label beside the signature's first line.
static MERGED_FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^\s*(?P<label>{}\s*:?)\s*(?P<sign>(?:t\s*/\s*m|k\s*/\s*t|t\s*/\s*l|tm\.|kt\.|tl\.|tuq\.)\s*\S.*)$",
        loose("nơi nhận")
    ))
});
/// "- Như trên; PHÓ CHỦ TỊCH": an item, then capitals from the other column.
static ITEM_WITH_TAIL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?P<item>\s*[-–+•]\s+.*?[;,.:])\s+(?P<tail>\p{Lu}[\p{Lu}\s.,/]*\p{Lu})\s*$"));
static ITEM_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*[-–+•]\s+\S"));

/// How many lines a merged footer runs over at most.
const FOOTER_LINES: usize = 20;

/// Puts a footer merged line by line back in its two columns: the "Nơi
/// nhận" list first, then the signature block.
fn split_merged_footer(text: &str, notes: &mut Vec<String>) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().rposition(|l| MERGED_FOOTER.is_match(l)) else { return text.to_string() };
    let c = MERGED_FOOTER.captures(lines[start]).expect("matched");
    let (mut left, mut right) = (vec![c["label"].trim().to_string()], vec![c["sign"].trim().to_string()]);
    let mut end = start + 1;
    while end < lines.len() && end - start <= FOOTER_LINES {
        let line = lines[end].trim();
        if line.is_empty() {
        } else if let Some(t) = ITEM_WITH_TAIL.captures(line).filter(|t| super::layout::is_signature_line(&t["tail"])) {
            left.push(t["item"].trim().to_string());
            right.push(t["tail"].to_string());
        } else if ITEM_LINE.is_match(line) {
            left.push(line.to_string());
        } else if super::layout::is_signature_line(line) || super::layout::is_name(line) {
            right.push(line.to_string());
        } else {
            break;
        }
        end += 1;
    }
    notes
        .push("a footer printed with its two columns on shared lines read as \"Nơi nhận\" list, then signature".into());
    let mut out: Vec<String> = lines[..start].iter().map(|l| l.to_string()).collect();
    out.extend(left);
    out.push(String::new());
    out.extend(right);
    out.extend(lines[end..].iter().map(|l| l.to_string()));
    out.join("\n") + "\n"
}

static DETACHED_MARKS: LazyLock<Regex> = LazyLock::new(|| re(r"[ \t]\p{M}+"));

/// Removes combining marks that stand after a space, away from any letter.
fn remove_detached_marks(text: &str, notes: &mut Vec<String>) -> String {
    let count = DETACHED_MARKS.find_iter(text).count();
    if count == 0 {
        return text.to_string();
    }
    notes.push(format!(
        "removed {count} diacritic(s) detached from their letters: check the words around them (title, names)"
    ));
    DETACHED_MARKS.replace_all(text, "").into_owned()
}

/// "2597/VPCP-NCV/v tổ chức": the subject's "V/v" glued to the number.
static GLUED_SUBJECT: LazyLock<Regex> = LazyLock::new(|| re(r"(?m)^(?P<head>.*\d.*?[A-Z0-9])V/v\s"));

fn unglue_subject(text: &str, notes: &mut Vec<String>) -> String {
    let mut glued = 0;
    let out = GLUED_SUBJECT.replace_all(text, |c: &regex::Captures| {
        glued += 1;
        format!("{}\nV/v ", &c["head"])
    });
    if glued > 0 {
        notes.push(format!("{glued} \"V/v\" subject(s) glued to the text before them put on a line of their own"));
    }
    out.into_owned()
}

/// A number whose code may have lost a hyphen: `1961/QĐUBND`, `30c/NQCP`,
/// `01/2018/TTVPCP`.
static GLUED_CODES: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?P<head>\d{1,5}[a-z]?\s*/\s*(?:\d{4}\s*/\s*)?)(?P<code>[A-ZĐ]{4,12})"));
/// A Party number whose issuer code reads `Ư` for `U`: `445-KL/TƯ`.
static PARTY_U: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?P<head>\d{1,5}\s*[-–]\s*[A-ZĐ]{1,6}\s*/\s*)(?P<code>[A-ZĐƯ]*Ư[A-ZĐƯ]*)"));

/// Numbers repaired where one reading alone makes a known type and issuer
/// (see the module docs); the text unchanged otherwise.
pub(crate) fn repair_number_codes(text: &str) -> Cow<'_, str> {
    let text = replace_codes(Cow::Borrowed(text), &GLUED_CODES, split_glued_code);
    replace_codes(text, &PARTY_U, |head, code| {
        let code = code.replace('Ư', "U");
        known(&format!("{head}{code}")).then_some(code)
    })
}

fn replace_codes<'t>(
    text: Cow<'t, str>,
    pattern: &Regex,
    repair: impl Fn(&str, &str) -> Option<String>,
) -> Cow<'t, str> {
    let mut out = String::new();
    let mut from = 0;
    for c in pattern.captures_iter(&text) {
        let code = c.name("code").expect("group");
        // A code that runs on ("UBTVQH14", "SGDĐT-VP") is another number's.
        if text[code.end()..].starts_with(|ch: char| ch.is_alphanumeric() || ch == '-' || ch == '/') {
            continue;
        }
        if let Some(repaired) = repair(&c["head"], code.as_str()) {
            out.push_str(&text[from..code.start()]);
            out.push_str(&repaired);
            from = code.end();
        }
    }
    if from == 0 {
        return text;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// "QĐUBND" → "QĐ-UBND" when that is the one split into a known type code
/// and a known issuer code, and the glued code is none itself.
fn split_glued_code(head: &str, code: &str) -> Option<String> {
    if known(&format!("{head}{code}")) {
        return None;
    }
    let splits: Vec<String> = code
        .char_indices()
        .skip(1)
        .map(|(i, _)| format!("{}-{}", &code[..i], &code[i..]))
        .filter(|split| {
            DocNumber::parse(&format!("{head}{split}")).is_some_and(|n| n.type_code.is_some() && n.is_known_issuer())
        })
        .collect();
    match splits.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// Whether `number` parses with a known issuer code.
fn known(number: &str) -> bool {
    DocNumber::parse(number).is_some_and(|n| n.is_known_issuer())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_keywords_match_through_noise() {
        let kinh_gui = Regex::new(&format!("(?i)^{}", loose("kính gửi"))).unwrap();
        for printed in ["Kính gửi", "Kỉnhgửì", "KÍNH GỬI", "Kinh gui"] {
            assert!(kinh_gui.is_match(printed), "{printed}");
        }
        assert!(!kinh_gui.is_match("Kinh tế"));
        assert!(is_exact("KÍNH  GỬI", "Kính gửi"));
        assert!(!is_exact("Kỉnhgửì", "Kính gửi"));
    }

    #[test]
    fn tables_are_read_cell_by_cell() {
        let mut notes = Vec::new();
        let text = split_cells("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|\nThân bài.\n", &mut notes);
        assert_eq!(text, "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nThân bài.\n");
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn a_flattened_page_is_broken_at_its_keywords() {
        let line = "UBND TỈNH NINH THUẬN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM SỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - \
                    Hạnh phúc Số : 2917 /SGDĐT-VP Phan Rang-Tháp Chàm, ngày 05 tháng11 năm 2010 V/v báo cáo nhanh \
                    tình hình thiệt hại do lũ lụt. Kính gửi: - Ủy ban nhân dân tỉnh Ninh Thuận; - Bộ Giáo dục và \
                    Đào tạo. Vừa qua, tỉnh Ninh Thuận bị ảnh hưởng của không khí lạnh.";
        let mut notes = Vec::new();
        let text = split_flattened(line, &mut notes);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[..9],
            [
                "UBND TỈNH NINH THUẬN",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                "Độc lập - Tự do - Hạnh phúc",
                "Số : 2917 /SGDĐT-VP",
                "Phan Rang-Tháp Chàm, ngày 05 tháng11 năm 2010",
                "V/v báo cáo nhanh tình hình thiệt hại do lũ lụt.",
                "Kính gửi:",
                "- Ủy ban nhân dân tỉnh Ninh Thuận;",
            ]
        );
        let line = "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG Số: 1961/QĐUBND CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Tự do \
                    Hạnh phúc Kiên Giang, ngày 28 tháng 8 năm 2019 QUYẾT ĐỊNH BAN HÀNH QUY CHẾ PHỐI HỢP CHỦ TỊCH ỦY \
                    BAN NHÂN DÂN TỈNH KIÊN GIANG Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; \
                    Căn cứ Nghị định số 61/2018/NĐCP ngày 23 tháng 4 năm 2018 của Chính phủ;";
        let text = split_flattened(line, &mut notes);
        assert_eq!(
            text.lines().skip(5).take(4).collect::<Vec<_>>(),
            [
                "QUYẾT ĐỊNH",
                "BAN HÀNH QUY CHẾ PHỐI HỢP",
                "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
            ]
        );
        // A short line is never broken.
        assert_eq!(split_flattened("Số: 1/UBND Hà Nội, ngày 1 tháng 1 năm 2021", &mut notes).lines().count(), 1);
    }

    #[test]
    fn a_merged_footer_is_put_back_in_its_columns() {
        let mut notes = Vec::new();
        let text = "Thân bài./.\nNơi nhận: KT. CHỦ TỊCH\n- Như trên; PHÓ CHỦ TỊCH\n- Lưu: VT, TH.\n\nNguyễn Văn A\n";
        assert_eq!(
            split_merged_footer(text, &mut notes),
            "Thân bài./.\nNơi nhận:\n- Như trên;\n- Lưu: VT, TH.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n"
        );
        // An item whose capitals are no position keeps them.
        let text = "Nơi nhận: TM. BAN THƯỜNG VỤ\n- Lưu: VT, TH\nBÍ THƯ\nTrần Văn B\n";
        assert_eq!(
            split_merged_footer(text, &mut notes),
            "Nơi nhận:\n- Lưu: VT, TH\n\nTM. BAN THƯỜNG VỤ\nBÍ THƯ\nTrần Văn B\n"
        );
        assert_eq!(split_merged_footer("Nơi nhận:\n- A.\n", &mut notes), "Nơi nhận:\n- A.\n");
    }

    #[test]
    fn detached_marks_and_glued_subjects() {
        let mut notes = Vec::new();
        assert_eq!(remove_detached_marks("thiêt hai ̀ ̣ ̣ do lũ", &mut notes), "thiêt hai do lũ");
        assert_eq!(
            unglue_subject("Số: 2597/VPCP-NCV/v tổ chức họp mặt\n", &mut notes),
            "Số: 2597/VPCP-NC\nV/v tổ chức họp mặt\n"
        );
        assert_eq!(unglue_subject("Số: 12/UBND V/v x\n", &mut notes), "Số: 12/UBND V/v x\n");
        assert_eq!(unglue_name("CHÁNH VĂN PHÒNGThái Hữu Phép\n", &mut notes), "CHÁNH VĂN PHÒNG\nThái Hữu Phép\n");
        assert_eq!(unglue_name("Thông tấn xã Việt Nam\n", &mut notes), "Thông tấn xã Việt Nam\n");
        assert_eq!(notes.len(), 3);
    }

    #[test]
    fn number_codes_repaired_only_when_one_reading_is_known() {
        assert_eq!(repair_number_codes("Số: 1961/QĐUBND"), "Số: 1961/QĐ-UBND");
        assert_eq!(repair_number_codes("số 30c/NQCP ngày"), "số 30c/NQ-CP ngày");
        assert_eq!(repair_number_codes("01/2018/TTVPCP và 61/2018/NĐCP."), "01/2018/TT-VPCP và 61/2018/NĐ-CP.");
        assert_eq!(repair_number_codes("Số 445-KL/TƯ"), "Số 445-KL/TU");
        // Codes that are known as they stand, or run on, are left alone.
        assert_eq!(repair_number_codes("653/2019/UBTVQH14"), "653/2019/UBTVQH14");
        assert_eq!(repair_number_codes("2917/SGDĐT-VP"), "2917/SGDĐT-VP");
        assert_eq!(repair_number_codes("15/UBND"), "15/UBND");
        assert_eq!(repair_number_codes("Ban Chấp hành TƯ"), "Ban Chấp hành TƯ");
    }
}
