//! `vanban import` on rough texts (tests/fixtures/import-rough/, see its
//! README): each layout and each kind of OCR noise of issue 19, read right
//! or left out and reported, never read wrong.

use std::path::Path;
use vanban::import::{import_path, HowRead, Imported};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import-rough");

fn import(file: &str) -> Imported {
    import_path(&Path::new(DIR).join(file)).expect("the fixture imports")
}

fn notes(imported: &Imported) -> String {
    imported.notes.join("\n")
}

/// The table's value of `column` for `file`.
fn truth(file: &str, column: &str) -> String {
    let index = std::fs::read_to_string(Path::new(DIR).join("INDEX.tsv")).unwrap();
    let mut lines = index.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let at = header.iter().position(|c| *c == column).unwrap();
    let row = lines.find(|l| l.starts_with(&format!("{file}\t"))).unwrap();
    row.split('\t').nth(at).unwrap_or("").to_string()
}

#[test]
fn numbers_and_dates_are_right_or_left_out_never_wrong() {
    for entry in std::fs::read_dir(DIR).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !name.ends_with(".txt") {
            continue;
        }
        let imported = import(&name);
        let f = &imported.front_matter;
        let number = f.number.clone().unwrap_or_default();
        assert_eq!(number, truth(&name, "number"), "{name}: number");
        let date = f.date.map(|d| d.to_string()).unwrap_or_default();
        assert_eq!(date, truth(&name, "date"), "{name}: date");
        let own = f.number.as_deref();
        assert!(f.cites.iter().all(|c| Some(c.number.as_str()) != own), "{name}: its own number among its cites");
    }
}

#[test]
fn ocr_noise_in_the_number_issuer_and_recipients_is_read_and_reported() {
    let imported = import("01-ocr-byt.txt");
    let f = &imported.front_matter;
    assert_eq!(f.number.as_deref(), Some("0688/BYT-MT"));
    assert_eq!(f.issuer.as_deref(), Some("Bộ Y tế"));
    assert_eq!(f.recipients, ["Sở Y tế các tỉnh, thành phố trực thuộc Trung ương"]);
    assert_eq!(imported.how_read("number"), HowRead::Corrected);
    assert_eq!(imported.how_read("issuer"), HowRead::Corrected);
    assert_eq!(imported.how_read("date"), HowRead::Printed);
    let notes = notes(&imported);
    for printed in ["\"sốl 0688/BYT-MT\"", "\"BỘ YTÉ\"", "\"Kỉnhgửì\""] {
        assert!(notes.contains(printed), "{printed} not reported: {notes}");
    }
    let summary = imported.summary("01-ocr-byt.txt", "x.md");
    assert!(summary.contains("  read through OCR noise: number, issuer, recipients\n"), "{summary}");
}

#[test]
fn unreadable_dates_are_left_out_and_reported() {
    for (file, printed) in
        [("02-ocr-bhxh.txt", "ngàyló thảngU năm 2021"), ("03-ocr-decision.txt", "ngày {† tháng 3 năm 2020")]
    {
        let imported = import(file);
        assert_eq!(imported.front_matter.date, None, "{file}");
        assert_eq!(imported.how_read("date"), HowRead::Missing, "{file}");
        assert!(imported.missing.contains(&"date"));
        let notes = notes(&imported);
        assert!(notes.contains(printed) && notes.contains("could not be read; left out"), "{file}: {notes}");
        // The place on the same line is still read.
        assert!(imported.front_matter.place.is_some(), "{file}");
    }
}

#[test]
fn merged_columns_and_noisy_number_keywords() {
    let imported = import("02-ocr-bhxh.txt");
    let f = &imported.front_matter;
    assert_eq!(f.number.as_deref(), Some("860/BHXH-BT"));
    assert_eq!(f.issuer.as_deref(), Some("Bảo hiểm xã hội tỉnh Bến Tre"));
    assert_eq!(f.province.as_deref(), Some("Bến Tre"));
    assert_eq!(f.title, "đôn đốc thu bảo hiểm xã hội");

    let imported = import("04-merged-columns.txt");
    let f = &imported.front_matter;
    assert_eq!(f.number.as_deref(), Some("28/2021/QĐ-TTg"));
    assert_eq!(f.issuer.as_deref(), Some("Thủ tướng Chính phủ"));
    assert_eq!(f.date.map(|d| d.to_string()).as_deref(), Some("2021-10-01"));
    assert_eq!(f.place.as_deref(), Some("Hà Nội"));
    assert_eq!(f.type_name.as_deref(), Some("Quyết định"));
    assert!(f.title.starts_with("Quy định về việc thực hiện chính sách"), "{}", f.title);
    let cites: Vec<(&str, Option<&str>)> = f.cites.iter().map(|c| (c.number.as_str(), c.issuer.as_deref())).collect();
    assert_eq!(cites, [("116/NQ-CP", Some("Chính phủ"))]);
    let signer = f.signer.as_ref().expect("a signature");
    assert_eq!(
        (signer.authority.as_deref(), signer.position.as_deref()),
        (Some("KT. Thủ tướng"), Some("Phó Thủ tướng"))
    );
}

#[test]
fn a_noisy_type_title_is_read_and_the_authority_line_is_no_issuer() {
    let imported = import("03-ocr-decision.txt");
    let f = &imported.front_matter;
    assert_eq!(f.number.as_deref(), Some("125/QĐ-UBND"));
    assert_eq!(f.type_name.as_deref(), Some("Quyết định"));
    assert_eq!(imported.how_read("type"), HowRead::Corrected);
    assert!(notes(&imported).contains("\"QUYÉT ĐỊNH\" read through noise as Quyết định"), "{}", notes(&imported));
    assert_eq!(f.issuer.as_deref(), Some("Ủy ban nhân dân tỉnh Quảng Ngãi"));
    assert_eq!(f.title, "thành lập Tổ công tác");
}

#[test]
fn web_copies_lose_their_site_lines_tables_watermarks_and_page_breaks() {
    let imported = import("05-web-copy.txt");
    let f = &imported.front_matter;
    assert_eq!(f.number.as_deref(), Some("3148/VPCP-CN"));
    assert_eq!(f.issuer.as_deref(), Some("Văn phòng Chính phủ"));
    assert_eq!(f.date.map(|d| d.to_string()).as_deref(), Some("2018-04-05"));
    assert_eq!(f.recipients, ["Bộ Giao thông vận tải"]);
    assert_eq!(f.signer.as_ref().and_then(|s| s.authority.as_deref()), Some("KT. Bộ Trưởng, Chủ nhiệm"));
    let body = &imported.body_markdown;
    for gone in ["Cơ quan phát hành", "thuvienphapluat", "Trang 2", "|"] {
        assert!(!body.contains(gone), "{gone} left in the body:\n{body}");
    }
    assert!(body.contains("Giao Bộ Giao thông vận tải xem xét"), "{body}");
    let notes = notes(&imported);
    assert!(notes.contains("before the document's header left out"), "{notes}");
    assert!(notes.contains("read cell by cell"), "{notes}");
}

#[test]
fn a_text_that_begins_mid_document_has_no_issue_date_from_its_body() {
    let imported = import("06-mid-document.txt");
    let f = &imported.front_matter;
    assert_eq!((f.date, f.number.as_deref(), f.issuer.as_deref()), (None, None, None));
    assert_eq!(f.cites.iter().map(|c| c.number.as_str()).collect::<Vec<_>>(), ["16/CT-TTg"]);
    assert!(imported.body_markdown.contains("Từ ngày 19 tháng 7 năm 2021, tỉnh Bình Dương áp dụng"));
}
