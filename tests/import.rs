//! `vanban import` on the four seed texts and on messy header variants: every
//! front-matter field, the body's words, and acceptance by the validator.

mod common;

use common::seed_path;

use std::path::PathBuf;
use vanban::content::load::SourceFile;
use vanban::content::model::{PartialDate, Signer};
use vanban::content::names::{Name, Names};
use vanban::content::validate::validate_file;
use vanban::import::{import_text, to_content_file, Imported, ImportedCite, TITLE_PLACEHOLDER};
use vanban::text::provinces::ProvinceRegistry;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed(prefix: &str) -> (String, Imported) {
    let path = seed_path(prefix);
    let text = std::fs::read_to_string(&path).expect("seed text");
    let name = format!("seeds/{}", path.file_name().unwrap().to_string_lossy());
    let imported = import_text(&text, &name);
    (text, imported)
}

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn cite(number: &str, type_name: &str, issuer: &str, date: (i32, u32, u32)) -> ImportedCite {
    ImportedCite {
        number: number.into(),
        type_name: s(type_name),
        issuer: s(issuer),
        date: Some(PartialDate::ymd(date.0, date.1, date.2)),
    }
}

fn signer(name: &str, position: &str, authority: &str) -> Option<Signer> {
    let name_of = |text: &str| Some(text.into());
    Some(Signer { name: name_of(name), position: name_of(position), authority: name_of(authority) })
}

/// A content file as `load` reads it (the helper of src/validate.rs's tests).
fn source_file(rel_path: &str, text: &str) -> SourceFile {
    SourceFile::new(rel_path.into(), format!("content/{rel_path}"), text).expect("front matter")
}

fn assert_validates(imported: &Imported) {
    let text = to_content_file(imported);
    let (directive, diagnostics) =
        validate_file(&source_file(&imported.relative_path, &text), ProvinceRegistry::builtin(), &Names::default());
    let errors: Vec<String> = diagnostics.iter().filter(|d| d.is_error()).map(|d| d.short()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    let directive = directive.expect("a directive");
    assert_eq!(directive.title, imported.front_matter.title);
    assert_eq!(directive.number_printed, imported.front_matter.number);
    // The body starts after the blank line that follows the front matter.
    assert_eq!(directive.body.text().expect("held while validated").trim_start_matches('\n'), imported.body_markdown);
}

/// Every line of the seed from `first` to `last` (1-based, inclusive),
/// furniture excepted, appears in the body with its words in order.
/// `furniture` lists (printed, kept) replacements made before comparing.
fn assert_body_keeps_lines(text: &str, body: &str, first: usize, last: usize, furniture: &[(&str, &str)]) {
    let body_words: Vec<&str> = body.split_whitespace().collect();
    let mut at = 0;
    for (number, line) in text.lines().enumerate().skip(first - 1).take(last + 1 - first) {
        let mut line = line.to_string();
        for (printed, kept) in furniture {
            line = line.replace(printed, kept);
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        let found =
            (at..=body_words.len().saturating_sub(words.len())).find(|&i| body_words[i..i + words.len()] == words[..]);
        let i = found.unwrap_or_else(|| panic!("line {} not in the body in order: {line}", number + 1));
        at = i + words.len();
    }
}

/// The signature block as the hand-made files print it.
fn signature_block(name: &str) -> String {
    format!("**T/M BAN THƯỜNG VỤ\\\nPHÓ BÍ THƯ**\n\n{name}\n")
}

#[test]
fn seed_000_starts_at_kính_gửi_and_has_no_header() {
    let (text, imported) = seed("000_");
    let f = &imported.front_matter;
    // No subject is printed: the placeholder, listed as inferred and missing.
    assert_eq!(f.title, TITLE_PLACEHOLDER);
    assert_eq!(f.number, None);
    // "triển khai thực hiện Công văn này": the text names its own type.
    assert_eq!(f.type_name, s("Công văn"));
    assert_eq!((&f.issuer, &f.province, &f.date, &f.place), (&None, &None, &None, &None));
    assert_eq!(f.signer, signer("Nguyễn Mạnh Hùng", "Phó Bí thư", "T/M Ban Thường vụ"));
    assert_eq!(
        f.recipients,
        strings(&[
            "Các cơ quan tham mưu, giúp việc Tỉnh uỷ",
            "Đảng đoàn, ban cán sự đảng",
            "Các cơ quan tỉnh",
            "Các huyện uỷ, thị uỷ, Thành uỷ, đảng uỷ trực thuộc Tỉnh uỷ",
            "Các đồng chí Uỷ viên Ban Chấp hành Đảng bộ tỉnh",
        ])
    );
    assert_eq!(
        f.distribution,
        strings(&[
            "Như trên",
            "Đ/c Chánh Văn phòng UBND tỉnh",
            "Đ/c Chánh Văn phòng Tỉnh ủy",
            "Đ/c Phó Chánh VPTU phụ trách tổng hợp",
            "Phòng Tổng hợp VPTU",
            "Lưu Văn phòng Tỉnh ủy",
        ])
    );
    // "ngày 11/7/2021" in the body is a date, not a number: nothing cited.
    assert_eq!(f.cites, []);
    assert_eq!(f.printed_marks, ["PTB-145"]);
    assert_eq!(imported.found, ["type", "recipients", "distribution", "signer", "printed_marks"]);
    assert_eq!(imported.inferred, ["title"]);
    assert_eq!(imported.missing, ["number", "issuer", "province", "date", "place", "title"]);
    assert_eq!(imported.relative_path, "khong-ro-tinh/khong-ro/000-efe6cc8491401fd3.md");
    assert_body_keeps_lines(&text, &imported.body_markdown, 13, 29, &[]);
    assert!(imported.body_markdown.ends_with(&signature_block("Nguyễn Mạnh Hùng")));
    assert_validates(&imported);
}

#[test]
fn seed_001_has_a_full_party_header() {
    let (text, imported) = seed("001_");
    let f = &imported.front_matter;
    assert_eq!(f.title, "tăng cường công tác phòng, chống dịch Covid-19 trong tình hình mới");
    assert_eq!(f.number, s("2644-CV/TU"));
    assert_eq!(f.type_name, s("Công văn"));
    assert_eq!(f.issuer, s("Tỉnh ủy Ninh Bình"));
    assert_eq!(f.province, s("Ninh Bình"));
    assert_eq!(f.date, Some(PartialDate::ymd(2020, 7, 29)));
    assert_eq!(f.place, s("Ninh Bình"));
    assert_eq!(f.signer, signer("Trần Hồng Quảng", "Phó Bí thư", "T/M Ban Thường vụ"));
    assert_eq!(
        f.recipients,
        strings(&[
            "Các ban cán sự đảng, đảng đoàn ở tỉnh",
            "Các sở, ban, ngành, MTTQ Việt Nam và đoàn thể cấp tỉnh",
            "Các huyện ủy, thành ủy, đảng ủy trực thuộc",
        ])
    );
    assert_eq!(
        f.distribution,
        strings(&[
            "Ban Bí thư Trung ương (để b/c)",
            "Văn phòng Trung ương (để b/c)",
            "Các đ/c Ủy viên BCH Đảng bộ tỉnh",
            "Như kính gửi",
            "Lưu Văn phòng Tỉnh ủy",
        ])
    );
    assert_eq!(
        f.cites,
        [
            // The issuer as printed ("của UBND tỉnh"); the hand-made file names
            // it "Ủy ban nhân dân tỉnh Ninh Bình", an editor's reading.
            cite("472/UBND-VP6", "Công văn", "UBND tỉnh", (2020, 7, 28)),
            cite("253/TB-VPCP", "Thông báo", "Văn phòng Chính phủ", (2020, 7, 27)),
        ]
    );
    assert_eq!(f.printed_marks, ["CV/TU.TH.C"]);
    let all = [
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
    assert_eq!(imported.found, all);
    assert!(imported.inferred.is_empty() && imported.missing.is_empty());
    assert_eq!(imported.relative_path, "ninh-binh/2020/2644-cv-tu.md");
    assert_body_keeps_lines(&text, &imported.body_markdown, 22, 34, &[]);
    assert!(imported.body_markdown.ends_with(&signature_block("Trần Hồng Quảng")));
    assert_validates(&imported);
}

#[test]
fn seed_003_has_an_italic_subject_and_a_damaged_kính_gửi() {
    let (text, imported) = seed("003_");
    let f = &imported.front_matter;
    assert_eq!(f.title, "triển khai thực hiện Kết luận của Bộ Chính trị về phòng, chống dịch Covid-19");
    assert_eq!(f.number, s("453-CV/TU"));
    assert_eq!(f.type_name, s("Công văn"));
    assert_eq!(f.issuer, s("Tỉnh ủy Quảng Ngãi"));
    assert_eq!(f.province, s("Quảng Ngãi"));
    assert_eq!(f.date, Some(PartialDate::ymd(2021, 6, 16)));
    assert_eq!(f.place, s("Quảng Ngãi"));
    assert_eq!(f.signer, signer("Đặng Ngọc Huy", "Phó Bí thư", "T/M Ban Thường vụ"));
    // "- Kính gửi:*" is a damaged "Kính gửi:".
    assert_eq!(
        f.recipients,
        strings(&[
            "Các ban cán sự đảng, đảng đoàn của tỉnh",
            "Các cơ quan chuyên trách tham mưu, giúp việc Tỉnh ủy",
            "Các sở, ban, ngành, Mặt trận Tổ quốc Việt Nam và đoàn thể chính trị - xã hội tỉnh",
            "Các huyện, thị, thành ủy và đảng ủy trực thuộc Tỉnh ủy",
        ])
    );
    assert_eq!(
        f.distribution,
        strings(&[
            "Như trên",
            "Ban Bí thư (báo cáo)",
            "Ban Tuyên giáo Trung ương (báo cáo)",
            "Văn phòng Trung ương (báo cáo)",
            "Các đồng chí Tỉnh ủy viên",
            "C, PCVP Tỉnh ủy",
            "P. Tổng hợp, Quản trị, Tài chính",
            "Lưu Văn phòng Tỉnh ủy",
        ])
    );
    assert_eq!(f.cites, [cite("07-KL/TW", "Kết luận", "Bộ Chính trị", (2021, 6, 11))]);
    assert_eq!(f.printed_marks, Vec::<String>::new());
    let all = [
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
    ];
    assert_eq!(imported.found, all);
    assert!(imported.inferred.is_empty() && imported.missing.is_empty());
    assert_eq!(imported.relative_path, "quang-ngai/2021/453-cv-tu.md");
    assert_body_keeps_lines(&text, &imported.body_markdown, 22, 44, &[]);
    assert!(imported.body_markdown.ends_with(&signature_block("Đặng Ngọc Huy")));
    assert_validates(&imported);
}

#[test]
fn seed_004_has_neither_header_nor_footer() {
    let (text, imported) = seed("004_");
    let f = &imported.front_matter;
    assert_eq!(f.title, TITLE_PLACEHOLDER);
    // No type is printed or named: the hand-made file's "Công văn" is an
    // editor's reading of the form, which the importer does not guess.
    assert_eq!((&f.number, &f.type_name, &f.issuer, &f.province), (&None, &None, &None, &None));
    assert_eq!((&f.date, &f.place, &f.signer), (&None, &None, &None));
    assert_eq!(
        f.recipients,
        strings(&[
            "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ tỉnh",
            "Bí thư các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
            "Trưởng các sở, ban, ngành, đoàn thể, hội đặc thù tỉnh",
        ])
    );
    assert_eq!(f.distribution, Vec::<String>::new());
    assert_eq!(
        f.cites,
        [
            cite("10-TB/VPTW", "Thông báo", "Văn phòng Trung ương Đảng", (2021, 8, 24)),
            cite("1102/CĐ-TTg", "Công điện", "Thủ tướng Chính phủ", (2021, 8, 23)),
            cite("188-CV/TU", "Công văn", "Ban Thường vụ Tỉnh ủy", (2021, 8, 24)),
        ]
    );
    assert_eq!(imported.found, ["recipients", "cites"]);
    assert_eq!(imported.inferred, ["title"]);
    assert_eq!(
        imported.missing,
        ["number", "type", "issuer", "province", "date", "place", "title", "distribution", "signer"]
    );
    assert_eq!(imported.relative_path, "khong-ro-tinh/khong-ro/004-f7e6265e96402aee.md");
    let body = &imported.body_markdown;
    // Furniture: the bookmark and the page number "2" that leaked into point 3.
    assert!(!body.contains("bookmark"));
    assert!(body.contains("các thông tin xấu, độc, sai sự thật, kích động"), "{body}");
    assert_body_keeps_lines(&text, body, 5, 14, &[("[bookmark: _GoBack]", ""), ("độc, 2 sai", "độc, sai")]);
    // Point 8, printed on the line of point 7, is its own item.
    assert!(body.contains("chống phá Đảng, Nhà nước, cản trở công tác phòng, chống dịch.\n\n8. Tăng cường"));
    // The paragraph under point 5 stays in it; the closing one does not.
    assert!(body.contains("\n\n   Mỗi xã, phường, thị trấn là một pháo đài"));
    assert!(body.ends_with("\n\nĐề nghị các đồng chí thực hiện tốt các nội dung nêu trên, thường xuyên cập nhật thông tin báo cáo Thường trực Tỉnh ủy nắm, chỉ đạo.\n"));
    assert_validates(&imported);
}

/// The front matter of a content file as YAML, and its body.
fn split_file(text: &str) -> (serde_yaml::Mapping, String) {
    let end = text[4..].find("\n---\n").expect("closing ---") + 5;
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text[4..end]).expect("front matter");
    (yaml.as_mapping().expect("mapping").clone(), text[end + 4..].to_string())
}

/// Field by field against the hand-made files in content/: the importer
/// writes what the text prints; the editor's files add what needs a reader.
#[test]
fn imports_match_the_hand_made_files_where_the_text_prints_it() {
    let cases: [(&str, &str, &[&str], &[&str]); 4] = [
        (
            "000_",
            "content/tay-ninh/khong-ro/nang-cao-hieu-qua-phong-chong-dich.md",
            &["type", "signer", "recipients", "distribution", "extra"],
            // The editor inferred title, issuer and province (Tây Ninh, from
            // "lãnh đạo tỉnh Tây Ninh" in point 1) and not_before from the body;
            // tags and notes are editorial; source names the seed differently.
            &["title", "issuer", "province", "not_before", "tags", "source", "notes", "inferred"],
        ),
        (
            "001_",
            "content/ninh-binh/2020/2644-cv-tu.md",
            &[
                "title",
                "number",
                "type",
                "issuer",
                "province",
                "date",
                "place",
                "signer",
                "recipients",
                "distribution",
                "extra",
            ],
            // cites: the editor resolved "UBND tỉnh" to "Ủy ban nhân dân tỉnh
            // Ninh Bình" and added each cited directive's title.
            &["cites", "tags", "source", "notes"],
        ),
        (
            "003_",
            "content/quang-ngai/2021/453-cv-tu.md",
            &["title", "number", "type", "issuer", "province", "date", "place", "signer", "recipients", "distribution"],
            // cites: the editor added the cited Kết luận's title.
            &["cites", "tags", "source", "notes"],
        ),
        (
            "004_",
            "content/khong-ro-tinh/khong-ro/trien-khai-thong-bao-10-tb-vptw.md",
            &["recipients"],
            // The editor supplied title, type (from the form), issuer ("Thường
            // trực Tỉnh ủy yêu cầu" in the body), not_before and cite titles.
            &["title", "type", "issuer", "not_before", "cites", "tags", "source", "notes", "inferred"],
        ),
    ];
    for (prefix, hand_made, same, different) in cases {
        let (_, imported) = seed(prefix);
        let (ours, our_body) = split_file(&to_content_file(&imported));
        let (theirs, their_body) = split_file(&std::fs::read_to_string(root().join(hand_made)).unwrap());
        for key in same {
            assert_eq!(ours.get(*key), theirs.get(*key), "{prefix}: {key}");
        }
        for key in different {
            assert_ne!(ours.get(*key), theirs.get(*key), "{prefix}: {key} now agrees; move it to `same`");
        }
        let all_keys = ours.keys().chain(theirs.keys()).map(|k| k.as_str().unwrap().to_string());
        for key in all_keys {
            let listed = same.contains(&key.as_str()) || different.contains(&key.as_str());
            assert!(listed || ours.get(&key) == theirs.get(&key), "{prefix}: {key} is not compared");
        }
        // The bodies are the same, signature and furniture handling included.
        assert_eq!(our_body, their_body, "{prefix}: body");
    }
}

#[test]
fn cites_exclude_the_documents_own_number() {
    let text = "TỈNH ỦY NINH BÌNH\nSố 2644 - CV/TU\n\nTheo Công văn số 2644-CV/TU và Kết luận số 07-KL/TW.";
    let imported = import_text(text, "a.txt");
    let numbers: Vec<&str> = imported.front_matter.cites.iter().map(|c| c.number.as_str()).collect();
    assert_eq!(numbers, ["07-KL/TW"]);
}

// ---------------------------------------------------------------------------
// Messy header variants.

const FOOTER: &str = "Nơi nhận:\n- Như trên,\n- Lưu VT.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn A";

fn document(header: &str, footer: Option<&str>) -> String {
    format!(
        "{header}\n\nKính gửi: Các sở, ban, ngành.\n\nThân bài của văn bản, đủ dài để là một đoạn văn bình thường.\n\n{}",
        footer.unwrap_or(FOOTER)
    )
}

/// A field of an import as text: "-" for none; lists joined by ",".
fn field(imported: &Imported, key: &str) -> String {
    let f = &imported.front_matter;
    let signer =
        |get: fn(&Signer) -> &Option<Name>| f.signer.as_ref().and_then(|s| get(s).as_deref().map(String::from));
    let value = match key {
        "number" => f.number.clone(),
        "type" => f.type_name.clone(),
        "issuer" => f.issuer.clone(),
        "province" => f.province.clone(),
        "date" => f.date.map(|d| d.to_string()),
        "place" => f.place.clone(),
        "title" => Some(f.title.clone()),
        "name" => signer(|s| &s.name),
        "position" => signer(|s| &s.position),
        "authority" => signer(|s| &s.authority),
        "inferred" => Some(imported.inferred.join(",")),
        "missing" => Some(imported.missing.join(",")),
        "notes" => Some(imported.notes.join(" | ")),
        other => panic!("no field {other}"),
    };
    value.unwrap_or_else(|| "-".into())
}

type Row = (&'static str, Option<&'static str>, &'static [(&'static str, &'static str)]);

const VARIANTS: &[Row] = &[
    (
        "Số: 1102/CD-TTg",
        None,
        // "CD" read as "CĐ"; the code names the issuer and the type; a central
        // issuer has no province, so none is missing.
        &[("number", "1102/CĐ-TTg"), ("type", "Công điện"), ("issuer", "Thủ tướng Chính phủ"), ("missing", "date,place,title")],
    ),
    (
        "TỈNH ỦY NINH BÌNH\n\n*\n\nSố 2644 - CV/TU",
        None,
        &[("number", "2644-CV/TU"), ("issuer", "Tỉnh ủy Ninh Bình"), ("province", "Ninh Bình"), ("inferred", "title")],
    ),
    (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\n-------\nSỐ 45/QĐ-UBND",
        None,
        &[
            ("number", "45/QĐ-UBND"),
            ("type", "Quyết định"),
            ("issuer", "Ủy ban nhân dân tỉnh Quảng Ninh"),
            ("province", "Quảng Ninh"),
        ],
    ),
    // A provincial code without a province: issuer and province are missing.
    ("Số:  453 – CV/TU", None, &[("number", "453-CV/TU"), ("missing", "issuer,province,date,place,title")]),
    ("số 12-cv/tu", None, &[("number", "12-CV/TU"), ("type", "Công văn")]),
    ("Số: 30/2020/NĐ‑CP", None, &[("number", "30/2020/NĐ-CP"), ("type", "Nghị định"), ("issuer", "Chính phủ")]),
    (
        "THỦ TƯỚNG CHÍNH PHỦ\n-------\nSố: 1102/CĐ-TTg\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\nHà Nội, ngày 23 tháng 8 năm 2021",
        None,
        // The motto is no issuer and no subject; Hà Nội is where a central
        // body signs, not its province.
        &[
            ("issuer", "Thủ tướng Chính phủ"),
            ("province", "-"),
            ("place", "Hà Nội"),
            ("date", "2021-08-23"),
            ("title", TITLE_PLACEHOLDER),
            ("missing", "title"),
        ],
    ),
    (
        "TP. Hồ Chí Minh, ngày 01 tháng 02 năm 2021",
        None,
        // No issuer: the place is taken as the province, and says so.
        &[("place", "TP. Hồ Chí Minh"), ("date", "2021-02-01"), ("province", "Hồ Chí Minh"), ("inferred", "province,title")],
    ),
    (
        "TỈNH ỦY NINH BÌNH\nNinh Bình , ngày  29  tháng 7 năm 2020",
        None,
        &[("place", "Ninh Bình"), ("date", "2020-07-29"), ("province", "Ninh Bình"), ("inferred", "title")],
    ),
    (
        "TỈNH ỦY NINH BÌNH\nNinh Bình, ngày 29 tháng 7 nӑm 2020",
        None,
        // OCR damage (a Cyrillic "ӑ"): the date is left out and reported.
        &[("place", "Ninh Bình"), ("date", "-"), ("missing", "number,type,date,title")],
    ),
    (
        "TỈNH ỦY NINH BÌNH\nNinh Bình, ngày 29 tháng 7 năm",
        None,
        &[("place", "Ninh Bình"), ("date", "-"), ("missing", "number,type,date,title")],
    ),
    ("Hà Nội, ngày 05/9/2021", None, &[("place", "Hà Nội"), ("date", "2021-09-05")]),
    ("Hà Nội, tháng 7 năm 2021", None, &[("date", "2021-07")]),
    (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH",
        None,
        &[("issuer", "Ủy ban nhân dân tỉnh Quảng Ninh"), ("province", "Quảng Ninh"), ("inferred", "title")],
    ),
    ("UBND TỈNH BẮC NINH", None, &[("issuer", "Ủy ban nhân dân tỉnh Bắc Ninh"), ("province", "Bắc Ninh")]),
    ("THÀNH ỦY HÀ NỘI\nSố 12-CV/TU", None, &[("issuer", "Thành ủy Hà Nội"), ("province", "Hà Nội")]),
    (
        "TỈNH ỦY NINH BÌNH\nBAN TUYÊN GIÁO\nSố 15-CV/BTGTU",
        None,
        &[("issuer", "Ban Tuyên giáo Tỉnh ủy Ninh Bình"), ("province", "Ninh Bình")],
    ),
    (
        // Two columns run into one line each.
        "TỈNH ỦY NINH BÌNH ĐẢNG CỘNG SẢN VIỆT NAM\nSố 2644 - CV/TU Ninh Bình, ngày 29 tháng 7 năm 2020",
        None,
        &[("issuer", "Tỉnh ủy Ninh Bình"), ("number", "2644-CV/TU"), ("place", "Ninh Bình"), ("date", "2020-07-29")],
    ),
    ("TỈNH ỦY NINH BÌNH\nSố 1-CV/TU\nV/V: tăng cường phòng dịch", None, &[("title", "tăng cường phòng dịch")]),
    (
        "TỈNH ỦY NINH BÌNH\nSố 1-CV/TU\nVề việc tăng cường công tác\nphòng, chống dịch",
        None,
        &[("title", "tăng cường công tác phòng, chống dịch")],
    ),
    (
        "TỈNH ỦY NINH BÌNH\n*\nSố 05-CT/TU\n\nCHỈ THỊ\n\nvề tăng cường công tác phòng, chống dịch",
        None,
        &[("type", "Chỉ thị"), ("title", "về tăng cường công tác phòng, chống dịch")],
    ),
    (
        // A subject in capitals under the type title: no issuer line, and
        // written in normal case.
        "THỦ TƯỚNG CHÍNH PHỦ\nSố: 15/CT-TTg\n\nCHỈ THỊ\nVỀ QUYẾT LIỆT THỰC HIỆN ĐỢT CAO ĐIỂM\nPHÒNG, CHỐNG DỊCH COVID-19",
        None,
        &[
            ("type", "Chỉ thị"),
            ("issuer", "Thủ tướng Chính phủ"),
            ("title", "Về quyết liệt thực hiện đợt cao điểm phòng, chống dịch COVID-19"),
        ],
    ),
    (
        "UBND TỈNH QUẢNG NINH\nSố: 45/QĐ-UBND\nQUYẾT ĐỊNH\nVỀ VIỆC THÀNH LẬP TỔ CÔNG TÁC\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH",
        None,
        &[("title", "Thành lập tổ công tác"), ("issuer", "Ủy ban nhân dân tỉnh Quảng Ninh")],
    ),
    (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH",
        Some("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn B"),
        &[("authority", "KT. Chủ tịch"), ("position", "Phó Chủ tịch"), ("name", "Nguyễn Văn B")],
    ),
    (
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH",
        Some("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nNGUYỄN VĂN B"),
        &[("authority", "TM. Ủy ban nhân dân, KT. Chủ tịch"), ("position", "Phó Chủ tịch"), ("name", "Nguyễn Văn B")],
    ),
    (
        "TỈNH ỦY NINH BÌNH",
        Some("Nơi nhận:\n- Như trên,\n- Lưu VPTU.\n\n**K/T BÍ THƯ\nPHÓ BÍ THƯ**\n\n★ Trần Văn C"),
        &[("authority", "K/T Bí thư"), ("position", "Phó Bí thư"), ("name", "Trần Văn C")],
    ),
    (
        "THỦ TƯỚNG CHÍNH PHỦ",
        Some("Nơi nhận:\n- Các Bộ;\n- Lưu: VT.\n\nTHỦ TƯỚNG\n\n\nNguyễn Xuân Phúc"),
        &[("authority", "-"), ("position", "Thủ tướng"), ("name", "Nguyễn Xuân Phúc")],
    ),
];

#[test]
fn messy_header_variants() {
    assert!(VARIANTS.len() >= 12);
    for (header, footer, expectations) in VARIANTS {
        let imported = import_text(&document(header, *footer), "variant.txt");
        for (key, want) in *expectations {
            assert_eq!(field(&imported, key), *want, "{key} of {header:?}\nnotes: {:?}", imported.notes);
        }
        assert_validates(&imported);
        // The body keeps its paragraph whatever the header.
        assert!(imported.body_markdown.contains("Thân bài của văn bản"), "{header:?}: {}", imported.body_markdown);
    }
}

#[test]
fn damaged_dates_are_noted_for_the_editor() {
    let imported = import_text(&document("TỈNH ỦY NINH BÌNH\nNinh Bình, ngày 29 tháng 7 nӑm 2020", None), "a.txt");
    assert!(field(&imported, "notes").contains("date in \"Ninh Bình, ngày 29 tháng 7 nӑm 2020\" could not be read"));
    let imported = import_text(&document("Hà Nội, ngày 29 tháng 2 năm 2021", None), "a.txt");
    assert!(field(&imported, "notes").contains("impossible"), "{}", field(&imported, "notes"));
}

#[test]
fn a_body_that_opens_with_a_date_is_no_header() {
    let text = "Ngày 24/8/2021, Văn phòng Trung ương Đảng ban hành Thông báo số 10-TB/VPTW.\n\n1. Thực hiện tốt.";
    let imported = import_text(text, "a.txt");
    assert_eq!(imported.front_matter.date, None);
    assert!(imported.body_markdown.starts_with("Ngày 24/8/2021, Văn phòng"), "{}", imported.body_markdown);
}

#[test]
fn header_in_a_state_layout_with_a_type_title_and_no_kính_gửi() {
    let text = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\n-------\nSố: 45/QĐ-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                Độc lập - Tự do - Hạnh phúc\n---------------\nQuảng Ninh, ngày 10 tháng 5 năm 2021\n\nQUYẾT ĐỊNH\n\
                Về việc thành lập Tổ công tác\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH\n\n\
                Căn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n\n\
                Điều 1. Thành lập Tổ công tác.\n\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n\n\
                TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn B";
    let imported = import_text(text, "a.txt");
    let f = &imported.front_matter;
    assert_eq!(f.title, "thành lập Tổ công tác");
    assert_eq!(f.type_name.as_deref(), Some("Quyết định"));
    assert_eq!(f.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Quảng Ninh"));
    assert_eq!(f.date, Some(PartialDate::ymd(2021, 5, 10)));
    assert_eq!(f.distribution, ["Như Điều 3", "Lưu: VT"]);
    // A Quyết định has no "Kính gửi": recipients are not missing.
    assert_eq!(imported.missing, Vec::<&str>::new());
    assert!(imported.body_markdown.starts_with("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH\n\nCăn cứ"));
    assert_validates(&imported);
}

#[test]
fn every_seed_imports_to_a_valid_file_from_nfd_too() {
    use unicode_normalization::UnicodeNormalization;
    for prefix in ["000_", "001_", "003_", "004_"] {
        let (text, imported) = seed(prefix);
        let nfd: String = text.nfd().collect();
        assert_eq!(
            import_text(&nfd, &format!("seeds/{}", seed_path(prefix).file_name().unwrap().to_string_lossy())),
            imported
        );
        let crlf = text.replace('\n', "\r\n");
        let again = import_text(&crlf, "x.txt");
        assert_eq!(again.front_matter.recipients, imported.front_matter.recipients, "{prefix}");
        assert_eq!(again.body_markdown, imported.body_markdown, "{prefix}");
    }
}
