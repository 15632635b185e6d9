//! The archive end to end, on the small valid fixture: every page kind,
//! every link, and what a reader sees on each page.

mod common;

use common::{links, resolve, Built};
use std::collections::{BTreeSet, VecDeque};

const DIRECTIVE_453: &str = "van-ban/quang-ngai/2021/453-cv-tu/index.html";
const KL_07: &str = "van-ban/tw/2021/07-kl-tw/index.html";
const CD_1102: &str = "van-ban/tw/2021/1102-cd-ttg/index.html";
const TAY_NINH_188: &str = "van-ban/tay-ninh/2021/188-cv-tu/index.html";
const TAY_NINH_UNNUMBERED: &str = "van-ban/tay-ninh/2021/khong-so/index.html";
const NINH_BINH_3001: &str = "van-ban/ninh-binh/2021/3001-cv-tu/index.html";
const HA_NOI_MONTH_ONLY: &str = "van-ban/ha-noi/2021/200-kh-ubnd/index.html";
const HA_NOI_YEAR_ONLY: &str = "van-ban/ha-noi/2020/05-ct-ubnd/index.html";
const UNDATED: &str = "van-ban/quang-ngai/khong-ro/khong-ro-ngay/index.html";

fn built() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| Built::fixture("valid"))
}

fn html_pages(built: &Built) -> Vec<String> {
    built.files().into_keys().filter(|p| p.ends_with(".html")).collect()
}

#[test]
fn builds_every_directive_and_reports_counts() {
    let report = built().report();
    assert_eq!(report.directives, 8);
    assert!(report.warnings.is_empty(), "{}", report.rendered_warnings);
    for page in [
        DIRECTIVE_453,
        KL_07,
        CD_1102,
        TAY_NINH_188,
        TAY_NINH_UNNUMBERED,
        NINH_BINH_3001,
        HA_NOI_MONTH_ONLY,
        HA_NOI_YEAR_ONLY,
        UNDATED,
    ] {
        assert!(built().output().join(page).is_file(), "missing {page}");
    }
}

#[test]
fn every_internal_link_resolves_to_a_file() {
    let built = built();
    let files = built.files();
    let mut checked = 0;
    for page in html_pages(built) {
        for href in links(&built.page(&page)) {
            if href.starts_with("http") || href.starts_with("mailto:") || href.starts_with('#') {
                continue;
            }
            assert!(!href.starts_with('/'), "{page}: absolute link {href}");
            let file = href.split('#').next().unwrap();
            let kinds = [".html", ".css", ".js", ".svg", ".csv", ".json", ".xml"];
            assert!(kinds.iter().any(|ext| file.ends_with(ext)), "{page}: {href} is not a file");
            let target = resolve(&page, &href);
            assert!(files.contains_key(&target), "{page}: broken link {href} → {target}");
            checked += 1;
        }
    }
    assert!(checked > 500, "only {checked} links checked");
}

#[test]
fn every_directive_is_reachable_from_home() {
    let built = built();
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from(["index.html".to_string()]);
    while let Some(page) = queue.pop_front() {
        if !page.ends_with(".html") || !seen.insert(page.clone()) {
            continue;
        }
        for href in links(&built.page(&page)) {
            if !href.starts_with("http") && !href.starts_with('#') {
                queue.push_back(resolve(&page, &href));
            }
        }
    }
    // 404.html is the web server's, shown for addresses the archive lacks.
    let unreached: Vec<String> =
        html_pages(built).into_iter().filter(|p| !seen.contains(p) && p != "404.html").collect();
    assert!(unreached.is_empty(), "not reachable from home: {unreached:?}");
}

/// Whether `page` links to `target` (both paths in the output).
fn links_to(built: &Built, page: &str, target: &str) -> bool {
    links(&built.page(page)).iter().any(|href| resolve(page, href) == target)
}

#[test]
fn a_directive_is_linked_from_its_province_timeline_and_the_directives_it_cites() {
    let built = built();
    assert!(links_to(built, "tinh/quang-ngai/index.html", DIRECTIVE_453));
    assert!(links_to(built, "thoi-gian/2021/06/16/index.html", DIRECTIVE_453));
    assert!(links_to(built, "thoi-gian/2021/06/index.html", DIRECTIVE_453));
    assert!(links_to(built, KL_07, DIRECTIVE_453), "cited-by on the cited directive's own page");
    // And back: the directive links to each of those.
    for target in [
        "tinh/quang-ngai/index.html",
        "thoi-gian/2021/06/16/index.html",
        "thoi-gian/2021/06/index.html",
        "thoi-gian/2021/index.html",
        KL_07,
    ] {
        assert!(links_to(built, DIRECTIVE_453, target), "453 does not link to {target}");
    }
}

#[test]
fn directive_page_shows_its_metadata_text_and_provenance() {
    let page = built().page(DIRECTIVE_453);
    for expected in [
        "<html lang=\"vi\">",
        "453-CV/TU",
        "Công văn",
        "Tỉnh ủy Quảng Ngãi",
        "<time datetime=\"2021-06-16\">",
        "Đặng Ngọc Huy",
        "Phó Bí thư",
        "T/M Ban Thường vụ",
        "Các huyện ủy, thị ủy, thành ủy",
        "Lưu Văn phòng Tỉnh ủy",
        "chống dịch như chống giặc",
        "quang-ngai/453-cv-tu.md",
    ] {
        assert!(page.contains(expected), "directive page lacks {expected:?}");
    }
    assert!(page.contains("<ol>"), "numbered points are a list");
}

#[test]
fn citations_in_the_text_link_to_the_cited_page() {
    let built = built();
    let page = built.page(TAY_NINH_UNNUMBERED);
    assert!(
        page.contains("class=\"cite\" href=\"../../../../van-ban/tw/2021/07-kl-tw/index.html\">07-KL/TW</a>"),
        "{page}"
    );
    // Found only in the text, 188-CV/TU resolves to Tây Ninh's own Công văn.
    assert!(links_to(built, TAY_NINH_UNNUMBERED, TAY_NINH_188));
    assert!(links_to(built, TAY_NINH_188, TAY_NINH_UNNUMBERED), "and Tây Ninh's 188 lists it as a citer");
}

#[test]
fn the_same_provincial_number_in_another_province_is_another_document() {
    let built = built();
    // Quảng Ngãi's 453 cites "188-CV/TU" of its own province, not Tây Ninh's.
    let quang_ngai_188 = "van-ban/quang-ngai/2021/188-cv-tu/index.html";
    assert!(links_to(built, DIRECTIVE_453, quang_ngai_188));
    assert!(!links_to(built, DIRECTIVE_453, TAY_NINH_188));
    let page = built.page(quang_ngai_188);
    assert!(page.contains("453-CV/TU") && !page.contains("khong-so"), "{page}");
}

#[test]
fn cited_directive_not_in_archive_lists_its_citers_with_days_elapsed() {
    let built = built();
    let page = built.page(CD_1102);
    assert!(
        page.contains("1102/CĐ-TTg") && page.contains("Thủ tướng Chính phủ") && page.contains("23/8/2021"),
        "{page}"
    );
    assert!(links_to(built, CD_1102, NINH_BINH_3001));
    assert!(links_to(built, CD_1102, HA_NOI_MONTH_ONLY), "'1102/CD-TTg' typed without Đ is the same directive");
    let citers = &page[page.find("id=\"h-citers\"").unwrap()..];
    let row = citers.split("<tr").find(|row| row.contains("3001-CV/TU")).unwrap();
    assert!(row.contains("<td class=\"num\">2</td>"), "two days after 23/8/2021: {row}");
    let partial = citers.split("<tr").find(|row| row.contains("200/KH-UBND")).unwrap();
    assert!(partial.contains("<td class=\"num\">–</td>"), "no day count for a month-only date: {partial}");
    assert!(links_to(built, "trich-dan/index.html", CD_1102));
}

#[test]
fn partial_and_missing_dates_appear_at_the_precision_they_have() {
    let built = built();
    assert!(links_to(built, "thoi-gian/2021/08/index.html", HA_NOI_MONTH_ONLY));
    assert!(!built.output().join("thoi-gian/2021/08/00/index.html").exists());
    assert!(links_to(built, "thoi-gian/2020/index.html", HA_NOI_YEAR_ONLY));
    assert!(links_to(built, "thoi-gian/khong-ro/index.html", UNDATED));
    let undated = built.page("thoi-gian/khong-ro/index.html");
    assert!(undated.contains("tháng 7/2021"), "the earliest possible date is shown: {undated}");
    let page = built.page(UNDATED);
    assert!(page.contains("[tháng 7/2021]"), "an editor's value is in square brackets");
}

#[test]
fn timeline_days_and_months_have_previous_and_next() {
    let built = built();
    let day = "thoi-gian/2021/06/16/index.html";
    assert!(links_to(built, day, "thoi-gian/2021/06/11/index.html"));
    assert!(links_to(built, day, "thoi-gian/2021/08/24/index.html"));
    let month = "thoi-gian/2021/06/index.html";
    assert!(links_to(built, month, "thoi-gian/2021/08/index.html"));
    assert!(links_to(built, "thoi-gian/2021/index.html", "thoi-gian/2020/index.html"));
}

#[test]
fn province_page_lists_directives_by_year_with_counts() {
    let built = built();
    let page = built.page("tinh/ha-noi/index.html");
    assert!(links_to(built, "tinh/ha-noi/index.html", HA_NOI_MONTH_ONLY));
    assert!(links_to(built, "tinh/ha-noi/index.html", HA_NOI_YEAR_ONLY));
    let y2021 = page.find("id=\"y-2021\"").unwrap();
    let y2020 = page.find("id=\"y-2020\"").unwrap();
    assert!(y2020 < y2021, "oldest year first");
    assert!(page.contains("href=\"#y-2021\">2021</a> <span class=\"count\">(1)</span>"), "{page}");
    let empty = built.page("tinh/ca-mau/index.html");
    assert!(empty.contains("Chưa có văn bản nào."), "provinces without directives still have a page");
}

#[test]
fn home_shows_counts_range_provinces_and_most_cited() {
    let built = built();
    let home = built.page("index.html");
    assert!(home.contains("<dd>8</dd>"), "eight directives");
    assert!(home.contains("11/6/2021 đến 30/8/2021"), "date range from the first full date: {home}");
    assert!(links_to(built, "index.html", "tinh/tay-ninh/index.html"));
    assert!(links_to(built, "index.html", KL_07));
    let top = home.find("07-KL/TW").unwrap();
    let less = home.find("1102/CĐ-TTg").unwrap();
    assert!(top < less, "07-KL/TW (2 citers) before 1102 (2 citers, later key)?");
}

#[test]
fn issuer_and_type_pages_merge_spelling_variants() {
    let built = built();
    let issuers = built.page("co-quan/index.html");
    assert_eq!(issuers.matches(">Tỉnh ủy Tây Ninh</a>").count() + issuers.matches(">Tỉnh uỷ Tây Ninh</a>").count(), 1);
    assert!(links_to(built, "loai/cong-van/index.html", TAY_NINH_188));
}

#[test]
fn untrusted_text_is_escaped_and_sanitised() {
    let page = built().page(UNDATED);
    // The archive's own scripts (the search client marks a search's words),
    // and its JSON-LD (data, never run).
    assert_eq!(page.matches("<script").count(), 3, "only the archive's own scripts");
    assert_eq!(page.matches("<script type=\"application/ld+json\">").count(), 1);
    assert!(page.contains("<script src=\"../../../../assets/vanban.js\" defer></script>"));
    assert!(page.contains("<script src=\"../../../../assets/search.js\" defer></script>"));
    assert!(!page.contains("alert("), "no script from content");
    assert!(!page.contains("onclick"), "no event handlers");
    assert!(!page.to_lowercase().contains("javascript:"), "no javascript: links");
    assert!(page.contains("văn bản không rõ ngày &lt;b&gt;đậm&lt;/b&gt;"), "titles are escaped");
}

#[test]
fn the_head_names_the_page_escaped_once() {
    // The page's name is captured once (`set … endset`) and written five
    // times in the head: escaped when captured, never a second time.
    let page = built().page(UNDATED);
    let escaped = "văn bản không rõ ngày &lt;b&gt;đậm&lt;/b&gt;";
    for tag in ["<title>", "<meta property=\"og:title\" content=\"", "<meta name=\"twitter:title\" content=\""] {
        let at = page.find(tag).unwrap_or_else(|| panic!("no {tag}")) + tag.len();
        assert!(page[at..].starts_with(escaped), "{tag}{}", page[at..].chars().take(80).collect::<String>());
    }
    assert!(!page.contains("&amp;lt;"), "nothing escaped twice");
}

#[test]
fn pages_request_nothing_outside_the_archive() {
    let built = built();
    for page in html_pages(built) {
        let html = built.page(&page);
        for marker in ["src=\"http", "href=\"//", "@import", "src=\"//"] {
            assert!(!html.contains(marker), "{page} loads from outside: {marker}");
        }
        for href in links(&html).iter().filter(|h| h.ends_with(".css")) {
            assert!(!href.starts_with("http"), "{page}: {href}");
        }
    }
}

#[test]
fn long_lists_are_split_into_linked_parts_and_no_directive_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    common::generate(&content, 900, 3);
    let built = Built::from(&content);
    built.report();
    let files = built.files();
    let largest = files.values().map(Vec::len).max().unwrap();
    assert!(largest < 2_000_000, "largest page {largest} bytes");
    // The type Công văn has more than one part; every part links to the others,
    // and together they list each Công văn once.
    let first = "loai/cong-van/index.html";
    let html = built.page(first);
    assert!(html.contains("class=\"pagination\""), "long list is paginated");
    let parts: Vec<String> =
        files.keys().filter(|p| p.starts_with("loai/cong-van/") && p.ends_with(".html")).cloned().collect();
    assert!(parts.len() >= 2, "{parts:?}");
    let mut listed = Vec::new();
    for part in &parts {
        let page = built.page(part);
        for other in &parts {
            assert!(part == other || links(&page).iter().any(|h| resolve(part, h) == *other), "{part} → {other}");
        }
        let body = &page[page.find("<tbody>").unwrap()..];
        listed.extend(links(body).into_iter().map(|h| resolve(part, &h)).filter(|p| p.starts_with("van-ban/")));
    }
    let total = listed.len();
    listed.sort();
    listed.dedup();
    assert_eq!(listed.len(), total, "no directive twice");
    let expected = files
        .keys()
        .filter(|p| p.starts_with("van-ban/"))
        .filter(|p| {
            let page = built.page(p);
            page.contains("<article class=\"directive\">") && page.contains("<p class=\"kicker\">Công văn")
        })
        .count();
    assert_eq!(total, expected, "every Công văn listed once across the parts");
}

#[test]
fn a_directive_in_the_archive_cited_more_than_a_page_holds_lists_every_citer_over_linked_parts() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    common::write_much_cited(&content, 620);
    let built = Built::from(&content);
    built.report();
    let own = "van-ban/tw/2021/5-ct-tw/index.html";
    let parts = [own, "van-ban/tw/2021/5-ct-tw/trang-2/index.html"];
    let page = built.page(own);
    assert!(page.contains("<article class=\"directive\">") && page.contains("Được dẫn bởi (620)"), "the whole count");
    assert!(page.contains("id=\"uptake-table\""), "a central directive's table");
    let cited_by = &page[page.find("id=\"h-cited-by\"").unwrap()..];
    let cited_by = &cited_by[..cited_by.find("</section>").unwrap()];
    assert!(cited_by.contains("class=\"pagination\""), "the parts are linked from the list of citers");
    assert_eq!(page.matches("class=\"pagination\"").count(), 1, "not around the directive's text");
    let mut listed = Vec::new();
    for part in parts {
        let page = built.page(part);
        let other = parts.iter().find(|p| **p != part).unwrap();
        assert!(links(&page).iter().any(|h| resolve(part, h) == *other), "{part} → {other}");
        let citers = &page[page.find("<table class=\"docs doc-list\"").unwrap()..];
        let citers = &citers[..citers.find("</table>").unwrap()];
        listed.extend(links(citers).into_iter().map(|h| resolve(part, &h)).filter(|p| p.starts_with("van-ban/")));
    }
    assert!(!built.files().contains_key("van-ban/tw/2021/5-ct-tw/trang-3/index.html"));
    let second = built.page(parts[1]);
    assert!(second.contains("620 văn bản; 3 tỉnh, thành phố có văn bản dẫn"), "the whole count on every part");
    assert!(!second.contains("chưa có trong kho"), "its text is in the archive, one link away");
    // The words "its text" are the text of a link to the directive's page.
    let before = &second[..second.find("Toàn văn và thông tin của văn bản này").expect("a link to its text")];
    let tag = &before[before.rfind('<').unwrap()..];
    assert!(tag.starts_with("<a ") && tag.ends_with('>'), "{tag}");
    assert!(links(tag).iter().any(|h| resolve(parts[1], h) == own), "{tag}");
    let total = listed.len();
    listed.sort();
    listed.dedup();
    assert_eq!((total, listed.len()), (620, 620), "every citer once across the parts");
    for citer in &listed {
        assert!(links_to(&built, citer, own), "{citer} links to the directive it cites");
    }
}

#[test]
fn the_cited_index_is_split_into_parts_most_cited_first_and_lists_each_once() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    // One directive citing 600 numbers, another citing the last of them too.
    let cites: String = (1..=600).map(|n| format!("  - number: {n}-KL/TW\n")).collect();
    let first = format!("---\ntitle: Nhiều trích dẫn\nnumber: 1-CV/TU\nprovince: Ninh Bình\ndate: 2021-06-01\ncites:\n{cites}---\nVăn bản.\n");
    std::fs::write(content.join("a.md"), first).unwrap();
    let second = "---\ntitle: Một trích dẫn\nnumber: 2-CV/TU\nprovince: Ninh Bình\ndate: 2021-06-02\ncites:\n  - number: 600-KL/TW\n---\nVăn bản.\n";
    std::fs::write(content.join("b.md"), second).unwrap();
    let built = Built::from(&content);
    built.report();
    let parts = ["trich-dan/index.html", "trich-dan/trang-2/index.html"];
    let mut listed = Vec::new();
    for part in parts {
        let page = built.page(part);
        assert!(page.contains("class=\"pagination\""), "{part} links its parts");
        let other = parts.iter().find(|p| **p != part).unwrap();
        assert!(links(&page).iter().any(|h| resolve(part, h) == *other), "{part} → {other}");
        let body = &page[page.find("<tbody>").unwrap()..];
        listed.extend(links(body).into_iter().map(|h| resolve(part, &h)).filter(|p| p.starts_with("van-ban/")));
    }
    assert!(!built.files().contains_key("trich-dan/trang-3/index.html"));
    assert_eq!(
        listed.first().map(String::as_str),
        Some("van-ban/tw/khong-ro/600-kl-tw/index.html"),
        "most cited first"
    );
    let total = listed.len();
    listed.sort();
    listed.dedup();
    assert_eq!((total, listed.len()), (600, 600), "every cited directive once across the parts");
}

#[test]
fn every_page_has_a_search_box_that_works_without_javascript() {
    let built = built();
    for page in html_pages(built) {
        let html = built.page(&page);
        let form = html.find("<form class=\"search-box\" role=\"search\"").unwrap_or_else(|| panic!("{page}"));
        let form = &html[form..form + html[form..].find("</form>").unwrap()];
        assert!(form.contains("method=\"get\"") && form.contains("name=\"q\""), "{page}: {form}");
        assert!(links_to(built, &page, "tim-kiem/index.html"), "{page}");
        assert!(form.contains("<label for=\"search-box-q\">Tìm văn bản</label>"), "{page}: {form}");
    }
}

#[test]
fn the_search_page_loads_its_client_and_says_what_to_do_without_javascript() {
    let built = built();
    let page = built.page("tim-kiem/index.html");
    assert!(links_to(built, "tim-kiem/index.html", "assets/search.js"));
    for hook in
        ["id=\"search-results\"", "name=\"tinh\"", "name=\"loai\"", "name=\"nam\"", "data-index=\"../tim-kiem/\""]
    {
        assert!(page.contains(hook), "search page lacks {hook}");
    }
    let noscript = &page[page.find("<noscript>").unwrap()..page.find("</noscript>").unwrap()];
    assert!(noscript.contains("JavaScript"), "{noscript}");
    assert!(links_to(built, "tim-kiem/index.html", "tinh/index.html") && noscript.contains("tinh/index.html"));
    assert!(noscript.contains("thoi-gian/index.html"), "{noscript}");
    let files = built.files();
    for file in ["tim-kiem/meta.js", "tim-kiem/f.js", "tim-kiem/t/0.js", "tim-kiem/d/0.js", "assets/search.js"] {
        assert!(files.contains_key(file), "missing {file}");
    }
    // The search page loads the search client, and so do directive pages
    // (to mark the words of the search that opened them); no other page.
    let scripts = html_pages(built).into_iter().filter(|p| built.page(p).contains("search.js")).collect::<Vec<_>>();
    assert!(scripts.iter().any(|p| p == "tim-kiem/index.html"), "{scripts:?}");
    assert!(scripts.iter().all(|p| p == "tim-kiem/index.html" || p.starts_with("van-ban/")), "{scripts:?}");
}
