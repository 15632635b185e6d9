//! Facts the pages state that must be true (issue 14, facts 3, 4, 6, 7, 8):
//! who acted first, what an editor supplied, how far the data reaches, the
//! language of search results, and a citation that can be pasted into an
//! article. Each test builds a small archive that would show the wrong fact
//! if its fix were undone.

mod common;

use common::{archive, Content};

/// A directive citing Chỉ thị 5-CT/TW (not in the archive, issued 1/6/2021).
fn citer(number: &str, province: &str, date: Option<&str>) -> String {
    let date = date.map(|d| format!("date: {d}\n")).unwrap_or_default();
    format!(
        "---\ntitle: Thực hiện Chỉ thị 5\nnumber: {number}\ntype: Công văn\nprovince: {province}\n{date}cites:\n  - number: 5-CT/TW\n    type: Chỉ thị\n    issuer: Ban Bí thư\n    date: 2021-06-01\n---\nThực hiện Chỉ thị số 5-CT/TW.\n"
    )
}

/// The row of the "who acted, and how soon" table for `province`.
fn uptake_row<'p>(page: &'p str, province: &str) -> &'p str {
    let table = &page[page.find("id=\"uptake-table\"").expect("an uptake table")..];
    let row = &table[table.find(&format!(">{province}</a></td>")).unwrap_or_else(|| panic!("{province}"))..];
    &row[..row.find("</tr>").unwrap()]
}

const CITED_PAGE: &str = "van-ban/tw/2021/5-ct-tw/index.html";

#[test]
fn who_acted_first_is_the_earliest_by_what_is_known() {
    let built = archive(&[
        // Hà Nội: archive order puts "tháng 7/2021" first, though it may be 31/7.
        ("hn-thang.md", &citer("1-CV/TU", "Hà Nội", Some("2021-07"))),
        ("hn-ngay.md", &citer("2-CV/TU", "Hà Nội", Some("2021-07-05"))),
        // Ninh Bình: only a month is known; it is shown and sorted by that month.
        ("nb.md", &citer("3-CV/TU", "Ninh Bình", Some("2021-08"))),
        // Cà Mau acted, on an unknown day: not with the provinces that did not.
        ("cm.md", &citer("4-CV/TU", "Cà Mau", None)),
    ]);
    let page = built.page(CITED_PAGE);

    let ha_noi = uptake_row(&page, "Hà Nội");
    assert!(ha_noi.contains(">2-CV/TU</a>, <time datetime=\"2021-07-05\">5/7/2021</time>"), "{ha_noi}");
    assert!(ha_noi.contains("<td class=\"num\" data-value=\"34\">34</td>"), "34 days after 1/6: {ha_noi}");

    let ninh_binh = uptake_row(&page, "Ninh Bình");
    assert!(ninh_binh.contains("<td data-value=\"2021-08-31\">"), "sorted by its month's last day: {ninh_binh}");
    assert!(ninh_binh.contains("tháng 8/2021"), "{ninh_binh}");

    let acted_undated = uptake_row(&page, "Cà Mau");
    let silent = uptake_row(&page, "An Giang");
    // The sort values of the first directive's column and of the days' column.
    let sort_value = |row: &str, column: usize| {
        row.split("data-value=\"").nth(column).unwrap().split('"').next().unwrap().to_string()
    };
    for column in [2, 3] {
        assert!(sort_value(acted_undated, column) < sort_value(silent, column), "{acted_undated}\n{silent}");
    }
    assert!(
        page.contains("có thể chỉ là kho lưu trữ còn thiếu văn bản của tỉnh đó"),
        "a sentence under the table says an absence may be the archive's"
    );
}

#[test]
fn what_an_editor_supplied_is_marked_wherever_it_appears() {
    let supplied = "---\ntitle: Về việc phòng dịch\nnumber: 12-CV/TU\ntype: Công văn\nprovince: Tây Ninh\ndate: 2021-07-01\nnotes: Trích yếu và tỉnh do biên tập viên đặt.\ninferred: [title, province]\n---\nVăn bản.\n";
    let built = archive(&[("12.md", supplied)]);
    let own = built.page("van-ban/tay-ninh/2021/12-cv-tu/index.html");
    assert!(own.contains("<title>Công văn 12-CV/TU, [Tây Ninh], 2021 · "), "title bar");
    assert!(own.contains("content=\"Công văn số 12-CV/TU, ngày 1/7/2021: [Về việc phòng dịch]\">"), "description");
    assert!(own.contains("<h1>[Về việc phòng dịch]</h1>"), "heading");
    assert!(own.contains("Công văn số 12-CV/TU, ngày 1/7/2021: “[Về việc phòng dịch]”."), "citation");
    assert!(
        own.contains(
            "<dt>Tỉnh, thành phố</dt><dd>[<a href=\"../../../../tinh/tay-ninh/index.html\">Tây Ninh</a>]</dd>"
        ),
        "table"
    );
    assert!(
        own.contains("<dt>Trường do biên tập viên bổ sung</dt><dd>Trích yếu, Tỉnh, thành phố</dd>"),
        "the interface's names, never the key `title`"
    );

    let list = built.page("thoi-gian/2021/07/index.html");
    assert!(list.contains("Công văn: [Về việc phòng dịch]</a>"), "lists");
    assert!(list.contains(">[Tây Ninh]</a>"), "lists");

    let search = built.page("tim-kiem/d/0.js");
    assert!(search.contains("\"[Về việc phòng dịch]\""), "search results: {search}");
    assert!(search.contains("\"[Tây Ninh]\""), "search results: {search}");
}

/// A dated directive and an undated one issued no earlier than 24/8/2021.
fn dated_and_not_before() -> Content {
    Content::of(&[
        (
            "a.md",
            "---\ntitle: Văn bản có ngày\nnumber: 1-CV/TU\nprovince: Quảng Ngãi\ndate: 2021-06-16\n---\nVăn bản.\n",
        ),
        ("b.md", "---\ntitle: Văn bản không rõ ngày\nprovince: Tây Ninh\nnot_before: 2021-08-24\n---\nVăn bản.\n"),
    ])
}

#[test]
fn the_archive_date_says_how_far_the_data_reaches() {
    let home = dated_and_not_before().build().page("index.html");
    assert!(home.contains("Dữ liệu đến ngày <time datetime=\"2021-08-24\">2021-08-24</time>"), "{home}");
}

#[test]
fn source_date_epoch_still_wins_and_is_called_a_build_date() {
    let content = dated_and_not_before();
    let output = content.dir().join("output");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["build", "--quiet", "--root"])
        .arg(common::repo_root())
        .arg("--content")
        .arg(content.root())
        .arg("--output")
        .arg(&output)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let home = std::fs::read_to_string(output.join("index.html")).unwrap();
    assert!(home.contains("Bản dựng ngày <time datetime=\"2023-11-14\">2023-11-14</time>"), "{home}");
}

#[test]
fn an_english_archive_dates_search_results_in_english() {
    let content = Content::of(&[(
        "a.md",
        "---\ntitle: Một văn bản\nnumber: 1-CV/TU\nprovince: Hà Nội\ndate: 2021-07\n---\nVăn bản.\n",
    )]);
    let built = content.build_with_settings("language: en\n");
    let search = built.page("tim-kiem/d/0.js");
    assert!(search.contains("\"2021-07\",\"7/2021\""), "{search}");
    assert!(!search.contains("tháng"), "{search}");
}

#[test]
fn the_citation_can_be_pasted_into_an_article() {
    let content = Content::of(&[("hn.md", &citer("2-CV/TU", "Hà Nội", Some("2021-07-05")))]);
    let own = "van-ban/ha-noi/2021/2-cv-tu/index.html";

    // No base_url: where the page is, from the archive's root, in words.
    let local = content.build();
    let page = local.page(own);
    assert!(
        page.contains("Lưu trữ văn bản chỉ đạo, <span class=\"permalink\" data-local>tệp van-ban/ha-noi/2021/2-cv-tu/index.html (tính từ thư mục gốc của kho lưu trữ)</span>."),
        "{page}"
    );
    assert!(!page.contains("file://"));

    // base_url with or without its trailing slash: one slash before the path.
    for base_url in ["https://kho.example.org/luu-tru", "https://kho.example.org/luu-tru/"] {
        let page = content.build_with_settings(&format!("base_url: \"{base_url}\"\n")).page(own);
        assert!(
            page.contains("<span class=\"permalink\">https://kho.example.org/luu-tru/van-ban/ha-noi/2021/2-cv-tu/index.html</span>."),
            "{base_url}: {page}"
        );
    }

    // A cited directive that is not in the archive has a citation too.
    let cited = local.page(CITED_PAGE);
    assert!(
        cited.contains("<p id=\"citation-text\" class=\"citation-text\">Chỉ thị số 5-CT/TW, ngày 1/6/2021, của Ban Bí thư. Văn bản chưa có trong kho; thông tin theo Lưu trữ văn bản chỉ đạo, <span class=\"permalink\" data-local>tệp van-ban/tw/2021/5-ct-tw/index.html"),
        "{cited}"
    );
}
