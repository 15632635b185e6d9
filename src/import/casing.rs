//! Names printed in capitals ("TỈNH ỦY NINH BÌNH", "PHÓ BÍ THƯ") written in
//! normal case, as the hand-made content files and Nghị định 30/2020/NĐ-CP
//! write them: "Tỉnh ủy Ninh Bình", "Phó Bí thư", "Ủy ban nhân dân tỉnh
//! Quảng Ninh", "Bộ Giáo dục và Đào tạo".
//!
//! Only text that is mostly in capitals is re-cased; text typed in normal
//! case is kept as typed (spaces collapsed), since its case is the author's.

use crate::text::provinces::ProvinceRegistry;
use crate::text::vietnamese::canonical_tones;
use std::sync::LazyLock;

/// Multi-word names whose capitals are fixed by usage, longest first where
/// one is a prefix of another. Matched on lower case with unified tones.
const PHRASES: &[&str] = &[
    "Ban Thường vụ",
    "Ban Chấp hành",
    "Ban Bí thư",
    "Bộ Chính trị",
    "Ban Chỉ đạo",
    "Ban Tuyên giáo",
    "Ban Tổ chức",
    "Ban Dân vận",
    "Ban Nội chính",
    "Ban Kinh tế",
    "Ban Đối ngoại",
    "Ủy ban Kiểm tra",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Mặt trận Tổ quốc",
    "Đảng Cộng sản Việt Nam",
    "Trung ương Đảng",
    "Chánh Văn phòng",
    "Văn phòng",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Thị ủy",
    "Quận ủy",
    "Đảng ủy",
    "Đảng bộ",
    "Thường trực",
    "Chính phủ",
    "Thủ tướng",
    "Trung ương",
    "Quốc hội",
    "Nhà nước",
    "Việt Nam",
    "Bộ trưởng",
    "Thứ trưởng",
    "Chủ tịch",
    "Bí thư",
    "Giám đốc",
    "Trưởng ban",
    "Ủy viên",
];

/// Abbreviations printed in issuer lines, spelt out ("UBND TỈNH BẮC NINH").
const ABBREVIATIONS: &[(&str, &str)] =
    &[("ubnd", "ủy ban nhân dân"), ("hđnd", "hội đồng nhân dân"), ("mttq", "mặt trận tổ quốc")];

/// Words that introduce a province name and stay in lower case before it.
const PROVINCE_WORDS: &[&str] = &["tỉnh", "thành", "phố", "tp", "tp."];

/// Whether most letters of `text` are capitals (80 %, to survive OCR slips).
pub(crate) fn mostly_upper(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let upper = text.chars().filter(|c| c.is_uppercase()).count();
    letters >= 2 && upper * 10 >= letters * 8
}

pub(crate) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn key(word: &str) -> String {
    canonical_tones(&word.to_lowercase())
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "TỈNH ỦY NINH BÌNH" → "Tỉnh ủy Ninh Bình"; "PHÓ BÍ THƯ" → "Phó Bí thư";
/// "UBND TỈNH BẮC NINH" → "Ủy ban nhân dân tỉnh Bắc Ninh". Text not mostly
/// in capitals is returned as typed.
pub(crate) fn normal_case(printed: &str) -> String {
    let collapsed = collapse(printed);
    if !mostly_upper(&collapsed) {
        return collapsed;
    }
    let mut words: Vec<String> = Vec::new();
    for word in collapsed.split(' ') {
        if word.chars().any(|c| c.is_ascii_digit()) {
            words.push(word.to_string()); // "COVID-19", "QUẬN 1": not a name word
            continue;
        }
        let lower = key(word);
        match ABBREVIATIONS.iter().find(|(abbreviation, _)| *abbreviation == lower) {
            Some((_, long)) => words.extend(long.split(' ').map(String::from)),
            None => words.push(lower),
        }
    }
    let name_end = replace_province_suffix(&mut words);
    apply_phrases(&mut words, name_end);
    capitalise_ministry(&mut words, name_end);
    for i in 1..words.len() {
        if words[i - 1] == "phó" {
            words[i] = capitalise(&words[i]); // "Phó Viện trưởng"
        }
    }
    if let Some(first) = words.first_mut() {
        *first = capitalise(first);
    }
    words.join(" ")
}

/// Replaces a trailing province name with its registry spelling and returns
/// where it starts (the words before it are the body's own name).
fn replace_province_suffix(words: &mut Vec<String>) -> usize {
    let registry = ProvinceRegistry::builtin();
    for start in 0..words.len() {
        if PROVINCE_WORDS.contains(&words[start].as_str()) {
            continue;
        }
        if let Some(id) = registry.find(&words[start..].join(" ")) {
            words.truncate(start);
            words.push(registry.get(id).name.clone());
            return start;
        }
    }
    words.len()
}

/// Each phrase as its matching keys and its written words, built once.
static PHRASE_TABLE: LazyLock<Vec<(Vec<String>, Vec<&'static str>)>> =
    LazyLock::new(|| PHRASES.iter().map(|p| (p.split(' ').map(key).collect(), p.split(' ').collect())).collect());

fn apply_phrases(words: &mut [String], end: usize) {
    let phrases = &*PHRASE_TABLE;
    let mut i = 0;
    while i < end {
        let matched = phrases
            .iter()
            .filter(|(keys, _)| i + keys.len() <= end && words[i..i + keys.len()] == keys[..])
            .max_by_key(|(keys, _)| keys.len());
        match matched {
            Some((keys, forms)) => {
                for (offset, form) in forms.iter().enumerate() {
                    words[i + offset] = form.to_string();
                }
                i += keys.len();
            }
            None => i += 1,
        }
    }
}

/// "bộ giáo dục và đào tạo" → "Bộ Giáo dục và Đào tạo", "sở y tế" → "Sở Y tế":
/// a ministry's or department's field starts with a capital, and so does
/// each field joined by "và", "-" or ",".
fn capitalise_ministry(words: &mut [String], end: usize) {
    let mut i = 0;
    while i < end {
        if words[i] != "bộ" && words[i] != "sở" {
            i += 1;
            continue;
        }
        words[i] = capitalise(&words[i]);
        let mut k = i + 1;
        while k < end && !PROVINCE_WORDS.contains(&words[k].as_str()) && words[k] != "huyện" {
            let joined = k == i + 1 || matches!(words[k - 1].as_str(), "và" | "-" | "–") || words[k - 1].ends_with(',');
            if joined && words[k] != "và" {
                words[k] = capitalise(&words[k]);
            }
            k += 1;
        }
        i = k;
    }
}

/// A person's name printed in capitals, in title case: "NGUYỄN VĂN AN" →
/// "Nguyễn Văn An". Names typed in normal case are kept.
pub(crate) fn name_case(printed: &str) -> String {
    let collapsed = collapse(printed);
    if !mostly_upper(&collapsed) {
        return collapsed;
    }
    collapsed.split(' ').map(|w| capitalise(&w.to_lowercase())).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issuers_in_normal_case() {
        for (printed, want) in [
            ("TỈNH ỦY NINH BÌNH", "Tỉnh ủy Ninh Bình"),
            ("TỈNH UỶ QUẢNG NGÃI", "Tỉnh ủy Quảng Ngãi"),
            ("THÀNH ỦY HÀ NỘI", "Thành ủy Hà Nội"),
            ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH", "Ủy ban nhân dân tỉnh Quảng Ninh"),
            ("UBND TỈNH BẮC NINH", "Ủy ban nhân dân tỉnh Bắc Ninh"),
            ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Ủy ban nhân dân thành phố Hồ Chí Minh"),
            ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
            ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
            ("BỘ Y TẾ", "Bộ Y tế"),
            ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "Bộ Giáo dục và Đào tạo"),
            ("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Sở Lao động - Thương binh và Xã hội"),
            ("BAN THƯỜNG VỤ TỈNH ỦY", "Ban Thường vụ Tỉnh ủy"),
            ("VĂN PHÒNG TRUNG ƯƠNG ĐẢNG", "Văn phòng Trung ương Đảng"),
            ("BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH COVID-19", "Ban Chỉ đạo phòng, chống dịch COVID-19"),
            ("Tỉnh ủy  Ninh Bình", "Tỉnh ủy Ninh Bình"),
        ] {
            assert_eq!(normal_case(printed), want, "{printed}");
        }
    }

    #[test]
    fn positions_and_committees_in_normal_case() {
        for (printed, want) in [
            ("PHÓ BÍ THƯ", "Phó Bí thư"),
            ("BÍ THƯ", "Bí thư"),
            ("PHÓ CHỦ TỊCH", "Phó Chủ tịch"),
            ("CHỦ TỊCH", "Chủ tịch"),
            ("THỦ TƯỚNG", "Thủ tướng"),
            ("PHÓ THỦ TƯỚNG", "Phó Thủ tướng"),
            ("BỘ TRƯỞNG", "Bộ trưởng"),
            ("PHÓ GIÁM ĐỐC", "Phó Giám đốc"),
            ("CHÁNH VĂN PHÒNG", "Chánh Văn phòng"),
            ("PHÓ TRƯỞNG BAN THƯỜNG TRỰC", "Phó Trưởng ban Thường trực"),
            ("PHÓ VIỆN TRƯỞNG", "Phó Viện trưởng"),
            ("BAN THƯỜNG VỤ", "Ban Thường vụ"),
            ("ỦY BAN NHÂN DÂN", "Ủy ban nhân dân"),
            ("BAN CHẤP HÀNH", "Ban Chấp hành"),
        ] {
            assert_eq!(normal_case(printed), want, "{printed}");
        }
    }

    #[test]
    fn names_in_title_case() {
        assert_eq!(name_case("NGUYỄN MẠNH HÙNG"), "Nguyễn Mạnh Hùng");
        assert_eq!(name_case("Trần  Hồng Quảng"), "Trần Hồng Quảng");
    }

    #[test]
    fn capitals_are_judged_by_letters() {
        assert!(mostly_upper("TỈNH ỦY NINH BÌNH"));
        assert!(mostly_upper("SỐ 2644 - CV/TU"));
        assert!(!mostly_upper("Tỉnh ủy Ninh Bình"));
        assert!(!mostly_upper("2644"));
    }
}
