//! Bad input about provinces, issuers and numbers: what a reader or an
//! editor then sees. The archive must never state a wrong place or body.

use crate::common::{archive, text_of, Built};
use vanban::diagnostics::{Diagnostic, Severity};

/// "file:line:column: message" of each diagnostic of one severity.
fn located(diagnostics: &[Diagnostic], severity: Severity) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| format!("{}:{}:{}: {}", d.path.rsplit('/').next().unwrap(), d.line, d.column, d.message))
        .collect()
}

fn errors(built: &Built) -> Vec<Diagnostic> {
    match &built.result {
        Ok(_) => panic!("the build should fail"),
        Err(failure) => failure.diagnostics.clone(),
    }
}

/// The text of `page` (without its tags) of an archive of one file, `a.md`.
fn text_of_page(file: &str, page: &str) -> String {
    text_of(&archive(&[("a.md", file)]).page(page))
}

const UNDATED_LIST: &str = "thoi-gian/khong-ro/index.html";

/// A `…/UBND-VX` number with no province → listed as "tỉnh không rõ", never "Trung ương".
#[test]
fn provincial_number_without_province() {
    let file = "---\ntitle: Về phối hợp\nnumber: 45/UBND-VX\n---\nVăn bản.\n";
    let list = text_of_page(file, UNDATED_LIST);
    assert!(list.contains("45/UBND-VX tỉnh không rõ Công văn: Về phối hợp"), "{list}");
}

/// A number whose code names no known body (`9/ABC-XY`), no province, no issuer → "không rõ", not "Trung ương".
#[test]
fn number_with_the_code_of_an_unknown_body() {
    let file = "---\ntitle: Về phối hợp\nnumber: 9/ABC-XY\n---\nVăn bản.\n";
    let list = text_of_page(file, UNDATED_LIST);
    assert!(list.contains("9/ABC-XY không rõ Công văn: Về phối hợp"), "{list}");
    assert!(!list.contains("Trung ương Công văn"), "{list}");
}

/// `province: Quang Ngaii` → error at the value: unknown province, did you mean `Quảng Ngãi`?
#[test]
fn misspelt_province() {
    let file = "---\ntitle: Về phối hợp\nprovince: Quang Ngaii\n---\nVăn bản.\n";
    let errors = errors(&archive(&[("a.md", file)]));
    assert_eq!(located(&errors, Severity::Error), ["a.md:3:11: unknown province `Quang Ngaii`"]);
    assert_eq!(errors[0].help.as_deref(), Some("did you mean `Quảng Ngãi`?"));
}

/// `province: Miền Tây` (a region, no province) → error saying to use one of the 63 provinces before the 2025 merger.
#[test]
fn a_region_given_as_province() {
    let file = "---\ntitle: Về phối hợp\nprovince: Miền Tây\n---\nVăn bản.\n";
    let errors = errors(&archive(&[("a.md", file)]));
    assert_eq!(located(&errors, Severity::Error), ["a.md:3:11: unknown province `Miền Tây`"]);
    assert!(errors[0].help.as_deref().unwrap().contains("before the 2025 merger"), "{:?}", errors[0].help);
}

/// `province: Thành phố Huế` (its name after the 2025 merger) → the 2020–21 province Thừa Thiên Huế, which "from 2025 belongs to Huế".
#[test]
fn province_by_its_name_after_the_2025_merger() {
    let file = "---\ntitle: Về phối hợp\nnumber: 12-CV/TU\nprovince: Thành phố Huế\ndate: 2021-03-02\n---\nVăn bản.\n";
    let page = text_of_page(file, "tinh/thua-thien-hue/index.html");
    assert!(page.contains("Thừa Thiên Huế") && page.contains("Từ năm 2025 thuộc Huế"), "{page}");
    assert!(page.contains("12-CV/TU"), "{page}");
}

/// "của Bộ Lao động" (a cut name) citing `3626/BLĐTBXH-VP` → the cited page names "Bộ Lao động - Thương binh và Xã hội".
#[test]
fn issuer_fragment_completed_by_the_code() {
    let file = "---\ntitle: Về hỗ trợ\nnumber: 7-CV/TU\nprovince: Cà Mau\ndate: 2021-09-10\n---\n\
                Thực hiện Công văn số 3626/BLĐTBXH-VP ngày 3/9/2021 của Bộ Lao động về hỗ trợ.\n";
    let page = text_of_page(file, "van-ban/tw/2021/3626-bldtbxh-vp/index.html");
    assert!(page.contains("Cơ quan ban hành Bộ Lao động - Thương binh và Xã hội"), "{page}");
}

/// "của Bộ Lao động" citing `12/BYT-MT` (the code names another body) → the code's body, Bộ Y tế; nothing invented.
#[test]
fn issuer_fragment_that_the_code_contradicts() {
    let file = "---\ntitle: Về hỗ trợ\nnumber: 7-CV/TU\nprovince: Cà Mau\ndate: 2021-09-10\n---\n\
                Thực hiện Công văn số 12/BYT-MT ngày 3/9/2021 của Bộ Lao động về hỗ trợ.\n";
    let page = text_of_page(file, "van-ban/tw/2021/12-byt-mt/index.html");
    assert!(page.contains("Cơ quan ban hành Bộ Y tế"), "{page}");
    assert!(!page.contains("Bộ Lao động"), "{page}");
}

/// "của UBND tỉnh Bà Rịa - Vũng Tàu" in a Ninh Bình text → that province's letter, its name whole.
#[test]
fn hyphenated_province_named_in_a_citation() {
    let file = "---\ntitle: Về phối hợp\nnumber: 7-CV/TU\nprovince: Ninh Bình\ndate: 2021-09-10\n---\n\
                Thực hiện Công văn số 77/UBND-VX ngày 2/9/2021 của UBND tỉnh Bà Rịa - Vũng Tàu về phối hợp.\n";
    let page = text_of_page(file, "van-ban/ba-ria-vung-tau/2021/77-ubnd-vx/index.html");
    assert!(page.contains("Cơ quan ban hành UBND tỉnh Bà Rịa - Vũng Tàu"), "{page}");
}

/// `cites:` with the directive's own number → warning at the entry; it is not listed as citing itself.
#[test]
fn self_citation() {
    let file = "---\ntitle: Về phối hợp\nnumber: 7-CV/TU\nprovince: Cà Mau\ndate: 2021-09-10\ncites:\n  - 7-CV/TU\n---\nVăn bản.\n";
    let built = archive(&[("a.md", file)]);
    assert_eq!(
        located(&built.report().warnings, Severity::Warning),
        ["a.md:7:5: this directive cites its own number 7-CV/TU; it is not counted as a citation"]
    );
    let cited_index = text_of(&built.page("trich-dan/index.html"));
    assert!(!cited_index.contains("7-CV/TU"), "{cited_index}");
}

/// `cites:` dated after the citer (1102/CĐ-TTg of 23/8 cited on 1/8) → warning at the entry; days elapsed say "check the dates".
#[test]
fn citation_dated_after_the_citer() {
    let file = "---\ntitle: Về phối hợp\nnumber: 7-CV/TU\nprovince: Cà Mau\ndate: 2021-08-01\n\
                cites:\n  - number: 1102/CĐ-TTg\n    date: 2021-08-23\n---\nVăn bản.\n";
    let built = archive(&[("a.md", file)]);
    assert_eq!(
        located(&built.report().warnings, Severity::Warning),
        ["a.md:7:13: 1102/CĐ-TTg is dated 2021-08-23, after this directive (2021-08-01), which cites it"]
    );
    let page = text_of(&built.page("van-ban/tw/2021/1102-cd-ttg/index.html"));
    assert!(page.contains("-22: được dẫn trước ngày ban hành: cần kiểm tra lại ngày"), "{page}");
}
