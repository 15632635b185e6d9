//! Facts the archive must never get wrong (issue 14: facts 1, 2 and 5):
//! where a directive belongs, the full names of issuing bodies, and dates
//! that contradict each other. Each test builds a small archive that would
//! show the wrong fact without the fix, and reads what a user would see.

mod common;

use common::{archive, text_of};
use serde_json::Value;

/// The JSON argument of a search index script: `vanbanSearch.m({…});`.
fn script_json(script: &str, skip_args: usize) -> Value {
    let inner = &script[script.find('(').unwrap() + 1..script.rfind(')').unwrap()];
    let inner = inner.splitn(skip_args + 1, ',').last().unwrap();
    serde_json::from_str(inner).expect("index JSON")
}

/// Fact 1: the seeds' `188-CV/TU` (cited without a province) and the
/// undated letter of "Thường trực Tỉnh ủy" (no province in its text) are a
/// province's, not central, in lists and in the search index's filter.
#[test]
fn a_provincial_directive_whose_province_is_unknown_is_never_central() {
    let letter = "---\ntitle: Triển khai tiêm vắc xin\ntype: Công văn\nissuer: Thường trực Tỉnh ủy\n---\n\
                  Thực hiện tốt Công văn số 188-CV/TU, ngày 24/8/2021 của Ban Thường vụ Tỉnh ủy.\n";
    let built = archive(&[("khong-ro-tinh/letter.md", letter)]);

    let undated = text_of(&built.page("thoi-gian/khong-ro/index.html"));
    assert!(undated.contains("tỉnh không rõ Công văn: Triển khai tiêm vắc xin"), "{undated}");
    assert!(!undated.contains("Trung ương Công văn"), "{undated}");
    let cited = text_of(&built.page("van-ban/khong-ro-tinh/2021/188-cv-tu/index.html"));
    assert!(cited.contains("tỉnh không rõ"), "its citers' province: {cited}");

    // Search: both sit under "tỉnh không rõ" in the province filter, not under
    // code 0 (central).
    let meta = script_json(&built.page("tim-kiem/meta.js"), 0);
    let provinces = meta["provinces"].as_array().unwrap();
    let code = 1 + provinces.iter().position(|p| p[0] == "tinh-khong-ro" && p[1].is_null()).expect("the entry");
    let docs = script_json(&built.page("tim-kiem/d/0.js"), 1);
    for doc in docs.as_array().unwrap() {
        assert_eq!(doc[2].as_u64(), Some(code as u64), "{doc}");
    }
    let search_page = built.page("tim-kiem/index.html");
    assert!(search_page.contains("data-s-province-unknown=\"tỉnh không rõ\""));
}

/// Fact 2: "Bộ Lao động - Thương binh và Xã hội" and "Bà Rịa - Vũng Tàu",
/// named in running text, keep their whole names on the cited directive's
/// page, in the cited index and on the home page; a name the text cuts
/// short is completed from the number's code.
#[test]
fn issuer_names_found_in_running_text_are_not_cut() {
    let citer = "---\ntitle: Về chi trả trợ cấp\nnumber: 45-CV/TU\nprovince: Ninh Bình\ndate: 2021-09-10\n---\n\
                 Thực hiện Công văn số 3625/BLĐTBXH-VP ngày 1/9/2021 của Bộ Lao động - Thương binh và Xã hội \
                 về chi trả trợ cấp; Công văn số 77/UBND-VX ngày 2/9/2021 của UBND tỉnh Bà Rịa - Vũng Tàu về phối hợp \
                 và Công văn số 3626/BLĐTBXH-VP ngày 3/9/2021 của Bộ Lao động về hỗ trợ.\n";
    let built = archive(&[("ninh-binh/45.md", citer)]);
    let full = "Bộ Lao động - Thương binh và Xã hội";

    let page = text_of(&built.page("van-ban/tw/2021/3625-bldtbxh-vp/index.html"));
    assert!(page.contains(&format!("Cơ quan ban hành {full}")), "{page}");
    let cut_short = text_of(&built.page("van-ban/tw/2021/3626-bldtbxh-vp/index.html"));
    assert!(cut_short.contains(&format!("Cơ quan ban hành {full}")), "completed from BLĐTBXH: {cut_short}");
    let cited_index = text_of(&built.page("trich-dan/index.html"));
    assert_eq!(cited_index.matches(full).count(), 2, "{cited_index}");
    assert!(text_of(&built.page("index.html")).contains(full));

    // The Bà Rịa - Vũng Tàu letter is that province's, not "Bà Rịa"'s.
    let ubnd = text_of(&built.page("van-ban/ba-ria-vung-tau/2021/77-ubnd-vx/index.html"));
    assert!(ubnd.contains("UBND tỉnh Bà Rịa - Vũng Tàu"), "{ubnd}");
}

/// Fact 5: a directive citing one dated after it gets a warning where the
/// citation is written (the number in the text, or the `cites:` entry), and
/// the days elapsed say why they are negative.
#[test]
fn dates_that_contradict_each_other_are_flagged() {
    let cited = "---\ntitle: Về phòng, chống dịch\nnumber: 5-CT/TW\ntype: Chỉ thị\nissuer: Ban Bí thư\ndate: 2021-06-20\n---\nVăn bản.\n";
    let in_text = "---\ntitle: Thực hiện Chỉ thị 5\nnumber: 12-CV/TU\nprovince: Ninh Bình\ndate: 2021-06-17\n---\n\
                   Thực hiện Chỉ thị số 5-CT/TW của Ban Bí thư.\n";
    let in_front_matter = "---\ntitle: Thực hiện Công điện\nnumber: 13-CV/TU\nprovince: Cà Mau\ndate: 2021-08-01\n\
                           cites:\n  - number: 1102/CĐ-TTg\n    date: 2021-08-23\n---\nVăn bản.\n";
    let built = archive(&[("5.md", cited), ("12.md", in_text), ("13.md", in_front_matter)]);

    let mut places: Vec<(String, usize, usize, String)> = built
        .report()
        .warnings
        .iter()
        .map(|w| (w.path.rsplit('/').next().unwrap().to_string(), w.line, w.column, w.message.clone()))
        .collect();
    places.sort();
    assert_eq!(
        places,
        [
            (
                "12.md".into(),
                7,
                22,
                "5-CT/TW is dated 2021-06-20, after this directive (2021-06-17), which cites it".into()
            ),
            (
                "13.md".into(),
                7,
                13,
                "1102/CĐ-TTg is dated 2021-08-23, after this directive (2021-08-01), which cites it".into()
            ),
        ]
    );

    let page = text_of(&built.page("van-ban/tw/2021/5-ct-tw/index.html"));
    assert!(page.contains("-3: được dẫn trước ngày ban hành: cần kiểm tra lại ngày"), "{page}");
    let uptake = text_of(&built.page("van-ban/tw/2021/1102-cd-ttg/index.html"));
    assert!(uptake.contains("-22: được dẫn trước ngày ban hành: cần kiểm tra lại ngày"), "{uptake}");
}

/// A cited directive whose only citer has no known province: its list of
/// citers said "1 văn bản của 0 tỉnh, thành phố". It counts the citers, and
/// the provinces among them only when there are some.
#[test]
fn citers_without_a_known_province_are_not_counted_as_of_zero_provinces() {
    let citer = "---\ntitle: Thực hiện Công văn 188\nnumber: 190-CV/TU\nissuer: Thường trực Tỉnh ủy\ndate: 2021-08-25\ncites:\n  - number: 188-CV/TU\n    issuer: Ban Thường vụ Tỉnh ủy\n---\nVăn bản.\n";
    let built = archive(&[("a.md", citer)]);
    built.report();
    let page = text_of(&built.page("van-ban/khong-ro-tinh/khong-ro/188-cv-tu/index.html"));
    assert!(page.contains("Các văn bản dẫn văn bản này (1 văn bản)"), "{page}");
    assert!(!page.contains("0 tỉnh"), "{page}");
}
