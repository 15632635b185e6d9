//! What a journalist sees: charts, the province × month grid, the days a
//! higher directive was issued, who acted and how soon, facets, citations.

mod common;

use common::{fixture, links, repo_root, resolve, Built};

fn built() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| Built::fixture("valid"))
}

fn links_to(page: &str, target: &str) -> bool {
    links(&built().page(page)).iter().any(|href| resolve(page, href) == target)
}

#[test]
fn monthly_chart_is_inline_svg_with_text_alternatives() {
    let home = built().page("index.html");
    assert!(home.contains("<svg role=\"group\" aria-labelledby=\"months-title\""), "chart on home");
    assert!(home.contains("<title>8/2021: 4</title>"), "August 2021 has four directives dated to the month");
    assert!(home.contains("<summary>Xem số liệu dạng bảng</summary>"), "a table behind the chart");
    assert!(links_to("index.html", "thoi-gian/2021/08/index.html"), "bars link to their month");
}

#[test]
fn heatmap_cells_link_to_the_province_month() {
    let timeline = "thoi-gian/index.html";
    let page = built().page(timeline);
    assert!(page.contains("<title>Hà Nội, 8/2021: 1</title>"), "cells have accessible titles");
    assert!(links_to(timeline, "tinh/ha-noi/2021/08/index.html"));
    assert_eq!(page.matches("class=\"row-label\"").count(), 63, "every province is a row, empty ones too");
    let month = "tinh/ha-noi/2021/08/index.html";
    assert!(links_to(month, "van-ban/ha-noi/2021/200-kh-ubnd/index.html"));
    assert!(links_to(month, "tinh/ha-noi/index.html"));
}

#[test]
fn province_page_has_its_own_strip_of_the_same_months() {
    let page = built().page("tinh/tay-ninh/index.html");
    let home = built().page("index.html");
    let width = |html: &str, id: &str| {
        let at = html.find(&format!("aria-labelledby=\"{id}-title\"")).unwrap();
        html[at..].split("width=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
    };
    assert_eq!(width(&page, "strip"), width(&home, "months"), "same axis as the archive's chart");
    assert!(links_to("tinh/tay-ninh/index.html", "tinh/tay-ninh/2021/08/index.html"));
}

#[test]
fn timeline_marks_the_days_higher_directives_were_issued() {
    let page = built().page("thoi-gian/2021/08/index.html");
    let day23 = &page[page.find("id=\"d-23\"").expect("23/8, the day of Công điện 1102")..];
    assert!(day23.contains("Ngày ban hành") && day23[..day23.find("</section>").unwrap()].contains("1102/CĐ-TTg"));
    let day_page = built().page("thoi-gian/2021/08/24/index.html");
    assert!(day_page.contains("class=\"issued\"") && day_page.contains("188-CV/TU"), "{day_page}");
}

#[test]
fn cited_page_answers_who_acted_and_how_soon() {
    let page = built().page("van-ban/tw/2021/1102-cd-ttg/index.html");
    let table = &page[page.find("id=\"uptake-table\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(table.matches("<tr").count(), 64, "a header and all 63 provinces");
    let ninh_binh = table.split("<tr").find(|r| r.contains(">Ninh Bình</a>")).unwrap();
    assert!(ninh_binh.contains("3001-CV/TU") && ninh_binh.contains("data-value=\"2\">2</td>"), "{ninh_binh}");
    let absent = table.split("<tr").find(|r| r.contains(">Cà Mau</a>")).unwrap();
    assert!(absent.contains("class=\"absent\"") && absent.contains("chưa có văn bản dẫn"), "absence is visible");
    assert!(page.contains("aria-labelledby=\"curve-title\""), "the share of provinces that acted, by day");
    assert!(page.contains("<title>Sau 2 ngày: 1/63 (1,6%)</title>"), "Ninh Bình two days after");
    assert!(page.contains("<p class=\"note\">1 tỉnh có văn bản dẫn nhưng"), "the other is dated only to the month");
    assert!(page.contains("class=\"docs sortable\""), "sortable without a server");
}

#[test]
fn a_provincial_directive_has_its_citers_but_no_province_by_province_table() {
    // 188-CV/TU is a Tỉnh ủy's number: only its own province cites it, so a
    // 63-row table would name one province and 62 never asked to act.
    for path in ["van-ban/tay-ninh/2021/188-cv-tu/index.html", "van-ban/quang-ngai/2021/188-cv-tu/index.html"] {
        let page = built().page(path);
        assert!(!page.contains("id=\"uptake-table\"") && !page.contains("h-uptake"), "{path}");
        assert!(page.contains("h-cited-by") || page.contains("h-citers"), "its citers are listed: {path}");
    }
    let in_archive = built().page("van-ban/tay-ninh/2021/188-cv-tu/index.html");
    let cited_by = &in_archive[in_archive.find("h-cited-by").unwrap()..];
    assert!(
        cited_by.contains("khong-so/index.html") && cited_by.contains("<td class=\"num\">6</td>"),
        "with the days elapsed"
    );
    let central = built().page("van-ban/tw/2021/07-kl-tw/index.html");
    assert!(central.contains("id=\"uptake-table\""), "a central directive keeps its table");
}

#[test]
fn lists_carry_facet_values_and_controls_that_work_without_javascript() {
    let page = built().page("tinh/ha-noi/index.html");
    assert!(page.contains("data-type=\"ke-hoach\" data-level=\"tinh\" data-year=\"2021\""), "{page}");
    assert!(page.contains("<option value=\"ke-hoach\">Kế hoạch</option>"), "the URL's slug, the label on screen");
    assert!(page.contains("<form class=\"facets\" hidden data-facets"), "controls appear only with the script");
    let kl = built().page("van-ban/tw/2021/07-kl-tw/index.html");
    assert!(kl.contains("data-level=\"tinh\""));
}

#[test]
fn directive_page_has_a_ready_citation_and_a_copy_button() {
    let page = built().page("van-ban/quang-ngai/2021/453-cv-tu/index.html");
    // No base_url: the page is named by its file from the archive's root, in words.
    let citation = "Công văn số 453-CV/TU, ngày 16/6/2021, của Tỉnh ủy Quảng Ngãi: “triển khai thực hiện Kết luận của Bộ Chính trị”. Lưu trữ văn bản chỉ đạo, <span class=\"permalink\" data-local>tệp van-ban/quang-ngai/2021/453-cv-tu/index.html (tính từ thư mục gốc của kho lưu trữ)</span>.";
    assert!(page.contains(citation), "{page}");
    assert!(page.contains("<button type=\"button\" class=\"copy\" data-copy=\"citation-text\" hidden>"));
}

#[test]
fn directive_page_lists_others_that_cite_the_same_directives() {
    let page = "van-ban/tay-ninh/2021/khong-so/index.html";
    let html = built().page(page);
    assert!(html.contains("Cũng dẫn"), "{html}");
    assert!(links_to(page, "van-ban/quang-ngai/2021/453-cv-tu/index.html"), "453 also cites 07-KL/TW");
}

#[test]
fn the_interface_switches_to_english_in_one_setting() {
    let project = tempfile::tempdir().unwrap();
    std::fs::write(project.path().join("vanban.yaml"), "language: en\ntitle: \"Directive archive\"\n").unwrap();
    common::copy_tree(&repo_root().join("themes"), &project.path().join("themes"));
    let options = vanban::site::BuildOptions {
        project_root: project.path().to_path_buf(),
        content: fixture("valid"),
        output: project.path().join("output"),
        theme: None,
        zip: None,
        force: false,
    };
    vanban::site::build(&options).unwrap_or_else(|f| panic!("{}", f.rendered));
    let home = std::fs::read_to_string(project.path().join("output/index.html")).unwrap();
    assert!(
        home.contains("<html lang=\"en\">") && home.contains(">Provinces</a>") && home.contains("Directive archive")
    );
}

#[test]
fn print_shows_how_far_the_data_reaches_reproducibly() {
    let home = built().page("index.html");
    assert!(home.contains("Dữ liệu đến ngày <time datetime=\"2021-08-30\">2021-08-30</time>"), "newest content date");
}
