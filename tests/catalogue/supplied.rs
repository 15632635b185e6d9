//! Values an editor supplied, and settings that change what a page states:
//! each kind of input, and what the reader sees on the built pages and in
//! the search data.

use crate::common::{Built, Content};

const SUPPLIED_TITLE: &str = "---\ntitle: Về việc phòng dịch\nnumber: 7-CV/TU\ntype: Công văn\nprovince: Hà Nội\ndate: 2021-07-02\ninferred: [title]\n---\nVăn bản.\n";
const PAGE: &str = "van-ban/ha-noi/2021/7-cv-tu/index.html";

/// The archive of `files` (name, text), built (with `settings` as its
/// `vanban.yaml`, if any) without an error.
fn built(settings: Option<&str>, files: &[(&str, &str)]) -> Built {
    let content = Content::of(files);
    let built = match settings {
        Some(settings) => content.build_with_settings(settings),
        None => content.build(),
    };
    built.report();
    built
}

/// A title listed in `inferred` → "[…]" in the title bar, heading, citation, lists and search data.
#[test]
fn editor_supplied_title_is_marked_everywhere() {
    let built = built(None, &[("7.md", SUPPLIED_TITLE)]);
    let page = built.page(PAGE);
    let description =
        "<meta name=\"description\" content=\"Công văn số 7-CV/TU, ngày 2/7/2021: [Về việc phòng dịch]\">";
    for shown in [description, "<h1>[Về việc phòng dịch]</h1>", "“[Về việc phòng dịch]”."] {
        assert!(page.contains(shown), "{shown}");
    }
    assert!(built.page("tinh/ha-noi/index.html").contains("Công văn: [Về việc phòng dịch]</a>"));
    assert!(built.page("tim-kiem/d/0.js").contains("\"[Về việc phòng dịch]\""));
}

/// `inferred` listing every field an editor can supply → each named in the interface's words, no raw key.
#[test]
fn every_supplied_field_is_named_in_the_interface_s_words() {
    let all = "---\ntitle: Về việc phòng dịch\nnumber: 7-CV/TU\ntype: Công văn\nissuer: Tỉnh ủy Hà Nội\nprovince: Hà Nội\ndate: 2021-07-02\nplace: Hà Nội\nsigner:\n  name: Nguyễn Văn A\nrecipients: [Các huyện ủy]\ndistribution: [Lưu VP]\ntags: [covid-19]\nsource: Bản chụp\nnotes: Do biên tập viên đặt.\ninferred: [title, number, type, issuer, province, date, place, signer, recipients, distribution, tags, source, notes]\n---\nVăn bản.\n";
    let page = built(None, &[("7.md", all)]).page(PAGE);
    let names = "<dt>Trường do biên tập viên bổ sung</dt><dd>Trích yếu, Số, ký hiệu, Loại văn bản, Cơ quan ban hành, Tỉnh, thành phố, Ngày ban hành, Địa danh, Người ký, Kính gửi, Nơi nhận, Chủ đề, Nguồn, Ghi chú biên tập</dd>";
    assert!(page.contains(names), "{page}");
}

/// `not_before` later than every date in the archive → the footer's "Dữ liệu đến ngày" is that day.
#[test]
fn not_before_later_than_every_date_is_how_far_the_data_reaches() {
    let later = "---\ntitle: Văn bản không rõ ngày\nprovince: Tây Ninh\nnot_before: 2021-09-03\n---\nVăn bản.\n";
    let home = built(None, &[("7.md", SUPPLIED_TITLE), ("later.md", later)]).page("index.html");
    assert!(home.contains("Dữ liệu đến ngày <time datetime=\"2021-09-03\">2021-09-03</time>"), "{home}");
}

/// `base_url` without its trailing slash → the citation's address has one slash before the page's path.
#[test]
fn base_url_without_trailing_slash_joins_with_one_slash() {
    let page = built(Some("base_url: \"https://example.org/kho\"\n"), &[("7.md", SUPPLIED_TITLE)]).page(PAGE);
    assert!(page.contains(">https://example.org/kho/van-ban/ha-noi/2021/7-cv-tu/index.html</span>."), "{page}");
    assert!(!page.contains("khovan-ban"));
}

/// `language: en` → search results dated in English; supplied fields, the footer's date and "No." in English.
#[test]
fn english_archive_speaks_english_in_search_results_and_supplied_fields() {
    let month_only = SUPPLIED_TITLE.replace("date: 2021-07-02", "date: 2021-07");
    let built = built(Some("language: en\n"), &[("7.md", &month_only)]);
    let search = built.page("tim-kiem/d/0.js");
    assert!(search.contains("\"2021-07\",\"7/2021\"") && !search.contains("tháng"), "{search}");
    let page = built.page(PAGE);
    assert!(page.contains("<dt>Fields supplied by an editor</dt><dd>Subject</dd>"), "{page}");
    assert!(page.contains("Data up to <time"), "{page}");
    assert!(page.contains("<p class=\"kicker\">Công văn No. 7-CV/TU</p>"), "not \"số\": {page}");
}
