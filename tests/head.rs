//! What a page tells the web about itself: its title, description,
//! canonical address, OpenGraph and Twitter tags, favicon, the directive's
//! JSON-LD, and 404.html.

mod common;

use common::{directive, fixture, Built, Content};
use std::collections::BTreeMap;

/// Every page of a built archive, by path.
fn pages(built: &Built) -> BTreeMap<String, String> {
    let files = built.files();
    files
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

/// The `content` of every `<meta {attribute}="{name}">` of a page, and of
/// every `<link rel="{name}">` as `href`.
fn head_values(page: &str, name: &str) -> Vec<String> {
    let head = &page[..page.find("</head>").expect("a head")];
    let meta = regex::Regex::new(&format!(
        r#"<meta (?:name|property)="{}" content="([^"]*)">|<link rel="{}" href="([^"]*)""#,
        regex::escape(name),
        regex::escape(name)
    ))
    .unwrap();
    meta.captures_iter(head).map(|c| c.get(1).or(c.get(2)).unwrap().as_str().to_string()).collect()
}

fn title(page: &str) -> String {
    let start = page.find("<title>").expect("a title") + "<title>".len();
    page[start..start + page[start..].find("</title>").unwrap()].to_string()
}

/// The JSON-LD of a page, parsed.
fn json_ld(page: &str) -> Option<serde_json::Value> {
    let start = page.find(r#"<script type="application/ld+json">"#)?;
    let text = &page[start..];
    let text = &text[text.find('>').unwrap() + 1..text.find("</script>").unwrap()];
    Some(serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}")))
}

#[test]
fn every_page_has_its_own_title_a_description_social_tags_and_the_favicon() {
    let built = Built::fixture("valid");
    built.report();
    let pages = pages(&built);
    assert!(pages.contains_key("404.html"));
    let mut titles: BTreeMap<String, &str> = BTreeMap::new();
    let icon = regex::Regex::new(r#"<link rel="icon" href="([^"]*)" type="image/svg\+xml">"#).unwrap();
    for (path, page) in &pages {
        let head = &page[..page.find("</head>").unwrap()];
        assert_eq!(head.matches("<title>").count(), 1, "{path}");
        let title = title(page);
        assert!(title.ends_with("Lưu trữ văn bản chỉ đạo"), "{path}: {title}");
        if let Some(other) = titles.insert(title.clone(), path) {
            panic!("{path} and {other} share the title {title}");
        }
        let description = head_values(page, "description");
        assert!(matches!(&description[..], [d] if d.len() > 20), "{path}: {description:?}");
        assert_eq!(head_values(page, "og:title"), std::slice::from_ref(&title), "{path}");
        assert_eq!(head_values(page, "twitter:title"), std::slice::from_ref(&title), "{path}");
        assert_eq!(head_values(page, "og:description"), description, "{path}");
        assert_eq!(head_values(page, "twitter:card"), ["summary"], "{path}");
        assert_eq!(head_values(page, "og:locale"), ["vi_VN"], "{path}");
        // No base_url: nothing absolute.
        assert!(head_values(page, "canonical").is_empty() && head_values(page, "og:url").is_empty(), "{path}");
        let href = &icon.captures(page).unwrap_or_else(|| panic!("{path}: no favicon"))[1];
        let target = built.output().join(path).parent().unwrap().join(href);
        assert!(target.canonicalize().unwrap().ends_with("assets/favicon.svg"), "{path}: {href}");
    }
    let directive = &pages["van-ban/quang-ngai/2021/453-cv-tu/index.html"];
    assert_eq!(title(directive), "Công văn 453-CV/TU, Tỉnh ủy Quảng Ngãi, 2021 · Lưu trữ văn bản chỉ đạo");
    assert!(head_values(directive, "description")[0].contains("ngày 16/6/2021"));
    assert_eq!(title(&pages["index.html"]), "Lưu trữ văn bản chỉ đạo");
}

/// Titles stay unique in a larger archive, with directives missing their
/// number, issuer or date (the synthetic archive has some of each).
#[test]
fn titles_are_unique_across_a_generated_archive() {
    let dir = tempfile::tempdir().unwrap();
    common::generate(&dir.path().join("content"), 300, 7);
    let built = Built::from(&dir.path().join("content"));
    built.report();
    let mut titles: BTreeMap<String, String> = BTreeMap::new();
    let pages = pages(&built);
    for (path, page) in &pages {
        if let Some(other) = titles.insert(title(page), path.clone()) {
            panic!("{path} and {other} share the title {}", title(page));
        }
    }
    assert!(titles.len() > 600, "{} pages", titles.len());
}

#[test]
fn each_part_of_a_long_list_names_its_part() {
    let cites: String = (1..=600).map(|n| format!("  - number: {n}-KL/TW\n")).collect();
    let front =
        format!("title: Nhiều trích dẫn\nnumber: 1-CV/TU\nprovince: Ninh Bình\ndate: 2021-06-01\ncites:\n{cites}");
    let built = Content::of(&[("a.md", &directive(&front))]).build();
    built.report();
    assert_eq!(
        title(&built.page("trich-dan/index.html")),
        "Văn bản được trích dẫn · Trang 1/2 · Lưu trữ văn bản chỉ đạo"
    );
    assert_eq!(
        title(&built.page("trich-dan/trang-2/index.html")),
        "Văn bản được trích dẫn · Trang 2/2 · Lưu trữ văn bản chỉ đạo"
    );
}

#[test]
fn with_base_url_every_page_names_its_canonical_address() {
    let built = Built::with_settings("base_url: \"https://vanban.example.org/kho\"\nlanguage: en\n", &fixture("valid"));
    built.report();
    for (path, page) in pages(&built) {
        if path == "404.html" {
            assert!(head_values(&page, "canonical").is_empty(), "a 404 has no address of its own");
            assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
            continue;
        }
        let address = format!("https://vanban.example.org/kho/{path}");
        assert_eq!(head_values(&page, "canonical"), std::slice::from_ref(&address), "{path}");
        assert_eq!(head_values(&page, "og:url"), [address], "{path}");
        assert_eq!(head_values(&page, "og:locale"), ["en_US"], "{path}");
    }
}

#[test]
fn the_publisher_contact_and_licence_are_on_every_page_and_in_the_json_ld() {
    let settings = "publisher: \"Nhóm Lưu trữ <Mở>\"\ncontact: \"kho@example.org\"\nlicence: \"CC0 1.0\"\n";
    let built = Built::with_settings(settings, &fixture("valid"));
    built.report();
    for (path, page) in pages(&built) {
        assert!(page.contains("Đơn vị công bố: Nhóm Lưu trữ &lt;Mở&gt; · Liên hệ: kho@example.org</p>"), "{path}");
        assert!(page.contains("<p class=\"licence\">Giấy phép của văn bản: CC0 1.0</p>"), "{path}");
    }
    let data = json_ld(&built.page("van-ban/quang-ngai/2021/453-cv-tu/index.html")).unwrap();
    assert_eq!(data["@graph"][0]["license"], "CC0 1.0");
    assert_eq!(data["@graph"][0]["isPartOf"]["publisher"]["name"], "Nhóm Lưu trữ <Mở>");
    // Unset, they are not shown.
    assert!(!Built::fixture("valid").page("index.html").contains("class=\"licence\""));
}

#[test]
fn the_404_page_has_search_and_links_from_the_archive_root() {
    let relative = Built::fixture("valid");
    let page = relative.page("404.html");
    assert!(page.contains("<h1>Không tìm thấy trang</h1>"), "{page}");
    assert!(page.contains(r#"action="tim-kiem/index.html""#), "search, from the root");
    assert!(page.contains(r#"<a href="tinh/index.html">"#));
    // Served at any address: its links start from the archive's own path.
    let served = Built::with_settings("base_url: \"https://vanban.example.org/kho/\"\n", &fixture("valid"));
    let page = served.page("404.html");
    assert!(
        page.contains(r#"<form class="search-form not-found-search" role="search" action="/kho/tim-kiem/index.html""#)
    );
    assert!(page.contains(r#"<link rel="stylesheet" href="/kho/assets/style.css">"#));
    // The frame's menu too; beside it at the root, the home page's stays relative.
    let menu = |page: &str| {
        page[page.find("<nav class=\"site-nav\"").expect("a menu")..].split("</nav>").next().unwrap().to_string()
    };
    assert!(menu(&page).contains(r#"<a href="/kho/tinh/index.html">"#), "{}", menu(&page));
    assert!(menu(&served.page("index.html")).contains(r#"<a href="tinh/index.html">"#));
    assert!(!page.contains("href=\"../"), "no relative link");
}

#[test]
fn a_directive_page_carries_legislation_and_breadcrumbs_as_json_ld() {
    let built = Built::fixture("valid");
    let pages = pages(&built);
    let data = json_ld(&pages["van-ban/quang-ngai/2021/453-cv-tu/index.html"]).expect("JSON-LD");
    assert_eq!(data["@context"], "https://schema.org");
    let law = &data["@graph"][0];
    assert_eq!(law["@type"], "Legislation");
    assert_eq!(law["legislationIdentifier"], "453-CV/TU");
    assert_eq!(law["legislationType"], "Công văn");
    assert_eq!(law["legislationDate"], "2021-06-16");
    assert_eq!(law["legislationPassedBy"]["name"], "Tỉnh ủy Quảng Ngãi");
    assert_eq!(law["legislationJurisdiction"]["name"], "Quảng Ngãi");
    assert_eq!(law["citation"][0]["legislationIdentifier"], "07-KL/TW");
    assert_eq!(law["citation"][0]["url"], "../../../../van-ban/tw/2021/07-kl-tw/index.html");
    assert_eq!(law["isPartOf"]["name"], "Lưu trữ văn bản chỉ đạo");
    let trail = &data["@graph"][1];
    assert_eq!(trail["@type"], "BreadcrumbList");
    let names: Vec<&str> =
        trail["itemListElement"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(names[..3], ["Trang chủ", "Tỉnh, thành phố", "Quảng Ngãi"]);
    // Only directive pages.
    assert!(json_ld(&pages["index.html"]).is_none());
}

#[test]
fn json_ld_leaves_out_what_an_editor_supplied_and_cannot_close_its_script() {
    let front = "title: \"Về việc </script><script>alert(1)</script>\"\nnumber: 12-CV/TU\nissuer: Tỉnh ủy Ninh Bình\n\
                 province: Ninh Bình\ndate: 2021-06-01\ninferred: [issuer, date]\nnotes: \"Cơ quan và ngày do biên tập viên suy ra.\"\n";
    let built = Content::of(&[("a.md", &directive(front))]).build();
    built.report();
    let page = built.page("van-ban/ninh-binh/2021/12-cv-tu/index.html");
    let script = &page[page.find("application/ld+json").unwrap()..];
    let script = &script[..script.find("</script>").unwrap()];
    assert!(!script.contains("<script>") && script.contains("\\u003c/script\\u003e"), "{script}");
    let law = &json_ld(&page).unwrap()["@graph"][0];
    assert_eq!(law["name"], "Về việc </script><script>alert(1)</script>");
    assert_eq!(law["legislationIdentifier"], "12-CV/TU");
    assert!(law.get("legislationPassedBy").is_none() && law.get("legislationDate").is_none(), "{law}");
}
