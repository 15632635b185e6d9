//! Issue 16, "Publish it": the open data in `du-lieu/` read back with a CSV
//! parser and serde_json, `datapackage.json` against the CSV headers, the
//! Atom feeds parsed as XML, the sitemap validated against the sitemaps.org
//! schema with xmllint, robots.txt, and what a build without `base_url`
//! writes and says.

mod common;

use common::{copy_tree, fixture, Built};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

const BASE: &str = "https://vanban.example.org/kho/";

fn published() -> Built {
    let built = Built::with_settings("base_url: \"https://vanban.example.org/kho\"\n", &fixture("valid"));
    built.report();
    built
}

fn bytes(built: &Built, path: &str) -> Vec<u8> {
    std::fs::read(built.output().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A CSV file's header and rows, as a CSV parser reads it; it must start
/// with the UTF-8 byte-order mark.
fn read_csv(built: &Built, path: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let data = bytes(built, path);
    assert!(data.starts_with(b"\xEF\xBB\xBF"), "{path} starts with the byte-order mark Excel needs");
    let mut reader = csv::Reader::from_reader(&data[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|record| {
            let record = record.unwrap_or_else(|e| panic!("{path}: {e}"));
            assert_eq!(record.len(), header.len(), "{path}: every row has every column");
            header.iter().cloned().zip(record.iter().map(String::from)).collect()
        })
        .collect();
    (header, rows)
}

fn row<'r>(rows: &'r [BTreeMap<String, String>], column: &str, value: &str) -> &'r BTreeMap<String, String> {
    rows.iter().find(|r| r[column] == value).unwrap_or_else(|| panic!("no row with {column} = {value}"))
}

#[test]
fn the_directives_csv_and_json_hold_every_field_with_dates_at_their_precision() {
    let built = published();
    let (_, rows) = read_csv(&built, "du-lieu/van-ban.csv");
    assert_eq!(rows.len(), built.report().directives);
    let qn = row(&rows, "number", "453-CV/TU");
    assert_eq!(qn["date"], "2021-06-16");
    assert_eq!(qn["province"], "Quảng Ngãi", "Vietnamese intact");
    assert_eq!(qn["page"], "van-ban/quang-ngai/2021/453-cv-tu/index.html");
    assert_eq!(qn["url"], format!("{BASE}van-ban/quang-ngai/2021/453-cv-tu/index.html"));
    assert!(qn["cites"].split("; ").any(|n| n == "07-KL/TW"), "{:?}", qn["cites"]);
    assert!(built.output().join(&qn["page"]).is_file());
    // A directive dated only to the year keeps its year, no day invented.
    let year_only = row(&rows, "number", "05/CT-UBND");
    assert_eq!(year_only["date"], "2020");
    // What the editor supplied is said so.
    let supplied: Vec<&BTreeMap<String, String>> = rows.iter().filter(|r| !r["supplied_fields"].is_empty()).collect();
    assert!(!supplied.is_empty(), "the fixture has supplied values");

    let json: serde_json::Value = serde_json::from_slice(&bytes(&built, "du-lieu/van-ban.json")).unwrap();
    let records = json.as_array().expect("an array of directives");
    assert_eq!(records.len(), rows.len());
    for (record, row) in records.iter().zip(&rows) {
        assert_eq!(record["page"], row["page"].as_str());
        assert_eq!(record["url"], row["url"].as_str());
        assert_eq!(record["date"].as_str().unwrap_or(""), row["date"]);
        let supplied: Vec<&str> =
            record["supplied_fields"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(supplied.join("; "), row["supplied_fields"]);
    }
}

#[test]
fn the_citation_graph_says_where_each_citation_came_from_and_how_soon() {
    let built = published();
    let (_, rows) = read_csv(&built, "du-lieu/trich-dan.csv");
    let cited_total: usize = {
        let (_, cited) = read_csv(&built, "du-lieu/van-ban-duoc-trich-dan.csv");
        cited.iter().map(|r| r["citers"].parse::<usize>().unwrap()).sum()
    };
    assert_eq!(rows.len(), cited_total, "one row per citation");
    let kl = rows.iter().find(|r| r["citing_number"] == "453-CV/TU" && r["cited_number"] == "07-KL/TW").unwrap();
    assert_eq!((kl["origin"].as_str(), kl["days_elapsed"].as_str()), ("front_matter", "5"));
    assert_eq!(kl["cited_in_archive"], "true");
    assert!(rows.iter().any(|r| r["origin"] == "text"), "citations found in the text are marked so");
    // Partly dated: no days elapsed rather than a guess.
    for r in &rows {
        if r["citing_date"].len() < 10 || r["cited_date"].len() < 10 {
            assert_eq!(r["days_elapsed"], "", "{r:?}");
        }
    }
    let (_, provinces) = read_csv(&built, "du-lieu/tinh.csv");
    assert_eq!(provinces.len(), 63, "every province, empty ones too");
    assert_eq!(row(&provinces, "province", "Quảng Ngãi")["directives"], "2");
}

#[test]
fn datapackage_describes_every_file_and_column() {
    let built = published();
    let package: serde_json::Value = serde_json::from_slice(&bytes(&built, "du-lieu/datapackage.json")).unwrap();
    assert_eq!(package["profile"], "data-package");
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 5);
    for resource in resources {
        let path = format!("du-lieu/{}", resource["path"].as_str().unwrap());
        assert!(built.output().join(&path).is_file(), "{path}");
        if resource["format"] == "csv" {
            let (header, _) = read_csv(&built, &path);
            let fields: Vec<&str> =
                resource["schema"]["fields"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
            assert_eq!(fields, header, "{path}");
            assert!(resource["schema"]["fields"].as_array().unwrap().iter().all(|f| f["description"].is_string()));
        }
    }
    // The page that explains the data links every file, and home links it.
    let page = built.page("du-lieu/index.html");
    for resource in resources {
        assert!(page.contains(&format!("href=\"../du-lieu/{}\"", resource["path"].as_str().unwrap())), "{page}");
    }
    assert!(page.contains("href=\"../du-lieu/datapackage.json\""));
    assert!(built.page("index.html").contains("href=\"du-lieu/index.html\""));
}

#[test]
fn a_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&fixture("valid"), &content);
    std::fs::write(
        content.join("formula.md"),
        "---\ntitle: \"=HYPERLINK(\\\"http://x\\\", \\\"a, b\\\")\"\nnumber: \"9-CV/TU\"\nprovince: \"Hà Nội\"\ndate: 2021-01-02\n---\n\nText.\n",
    )
    .unwrap();
    let built = Built::from(&content);
    let (_, rows) = read_csv(&built, "du-lieu/van-ban.csv");
    assert_eq!(row(&rows, "number", "9-CV/TU")["title"], "'=HYPERLINK(\"http://x\", \"a, b\")");
    let json: serde_json::Value = serde_json::from_slice(&bytes(&built, "du-lieu/van-ban.json")).unwrap();
    let record = json.as_array().unwrap().iter().find(|r| r["number"] == "9-CV/TU").unwrap();
    assert_eq!(record["title"], "=HYPERLINK(\"http://x\", \"a, b\")", "the JSON keeps the value");
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// A feed's entries as (id, updated, link), checking what Atom requires.
fn read_feed(built: &Built, path: &str) -> Vec<(String, String, String)> {
    let text = String::from_utf8(bytes(built, path)).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let feed = doc.root_element();
    assert_eq!((feed.tag_name().namespace(), feed.tag_name().name()), (Some(ATOM), "feed"), "{path}");
    fn child<'a, 'input>(node: roxmltree::Node<'a, 'input>, name: &str) -> roxmltree::Node<'a, 'input> {
        node.children().find(|c| c.has_tag_name((ATOM, name))).unwrap_or_else(|| panic!("no {name} in {node:?}"))
    }
    for name in ["id", "title", "updated", "author"] {
        child(feed, name);
    }
    let time =
        |text: &str| chrono::DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{path}: {text}: {e}"));
    let feed_updated = time(child(feed, "updated").text().unwrap());
    let entries: Vec<(String, String, String)> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .map(|entry| {
            let link = entry.children().find(|c| c.has_tag_name((ATOM, "link"))).unwrap();
            assert_eq!(link.attribute("rel"), Some("alternate"));
            child(entry, "title");
            (
                child(entry, "id").text().unwrap().to_string(),
                child(entry, "updated").text().unwrap().to_string(),
                link.attribute("href").unwrap().to_string(),
            )
        })
        .collect();
    assert!(!entries.is_empty() && entries.len() <= 50, "{path}: {} entries", entries.len());
    let dates: Vec<_> = entries.iter().map(|(_, updated, _)| time(updated)).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{path}: newest first");
    assert_eq!(dates[0], feed_updated, "{path}: the feed is as new as its newest entry");
    let ids: BTreeSet<&String> = entries.iter().map(|(id, _, _)| id).collect();
    assert_eq!(ids.len(), entries.len(), "{path}: ids are unique");
    entries
}

#[test]
fn feeds_are_atom_with_permalinks_newest_first_and_linked_from_their_pages() {
    let built = published();
    let archive = read_feed(&built, "feed.xml");
    for (id, _, link) in &archive {
        assert_eq!(id, link, "with base_url an entry's id is its permalink");
        let path = link.strip_prefix(BASE).unwrap();
        assert!(built.output().join(path).is_file(), "{path}");
    }
    // Who implements Công điện 1102: the directives that cite it.
    let cited = read_feed(&built, "van-ban/tw/2021/1102-cd-ttg/feed.xml");
    assert!(cited.iter().any(|(_, _, link)| link.ends_with("van-ban/ninh-binh/2021/3001-cv-tu/index.html")));
    read_feed(&built, "tinh/quang-ngai/feed.xml");
    let page = built.page("tinh/quang-ngai/index.html");
    assert!(
        page.contains(r#"<link rel="alternate" type="application/atom+xml" href="../../tinh/quang-ngai/feed.xml">"#)
    );
    assert!(built
        .page("van-ban/tw/2021/1102-cd-ttg/index.html")
        .contains("href=\"../../../../van-ban/tw/2021/1102-cd-ttg/feed.xml\""));
    assert!(built.page("index.html").contains(r#"<link rel="alternate" type="application/atom+xml" href="feed.xml">"#));
    // Every feed a page links to exists.
    for (path, _) in built.files().iter().filter(|(p, _)| p.ends_with(".html")) {
        let page = built.page(path);
        let needle = "application/atom+xml\" href=\"";
        if let Some(at) = page.find(needle) {
            let href = &page[at + needle.len()..];
            let href = &href[..href.find('"').unwrap()];
            let target = Path::new(path).parent().unwrap().join(href);
            assert!(built.output().join(&target).is_file(), "{path} links {href}");
        }
    }
}

#[test]
fn without_base_url_feeds_link_relatively_and_no_sitemap_is_written() {
    let built = Built::fixture("valid");
    let report = built.report();
    assert!(report.notes.iter().any(|n| n.contains("base_url") && n.contains("sitemap.xml")), "{:?}", report.notes);
    assert!(!built.output().join("sitemap.xml").exists());
    assert!(!built.output().join("robots.txt").exists());
    let entries = read_feed(&built, "tinh/quang-ngai/feed.xml");
    for (id, _, link) in &entries {
        assert!(id.starts_with("tag:"), "{id}");
        assert!(link.starts_with("../../van-ban/"), "relative to the feed: {link}");
        assert!(built.output().join("tinh/quang-ngai").join(link).is_file(), "{link}");
    }
    let (_, rows) = read_csv(&built, "du-lieu/van-ban.csv");
    assert!(rows.iter().all(|r| r["url"].is_empty()));
}

/// xmllint, installed with apt-get when missing and run as root; else the
/// test fails saying what is missing (it never skips).
fn xmllint() -> &'static str {
    let found = || Command::new("xmllint").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found() {
        let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.trim_ascii() == b"0");
        assert!(root, "xmllint is missing: install Debian's libxml2-utils (apt-get install libxml2-utils)");
        let installed = Command::new("apt-get").args(["install", "-y", "-q", "libxml2-utils"]).status();
        assert!(installed.is_ok_and(|s| s.success()) && found(), "apt-get could not install libxml2-utils");
    }
    "xmllint"
}

#[test]
fn the_sitemap_validates_against_the_sitemaps_org_schema_and_robots_points_at_it() {
    let built = published();
    let schema = fixture("xsd/sitemap.xsd");
    let sitemap = built.output().join("sitemap.xml");
    let out = Command::new(xmllint()).args(["--noout", "--schema"]).arg(&schema).arg(&sitemap).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&sitemap).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let locs: Vec<&str> = doc.descendants().filter(|n| n.has_tag_name("loc")).filter_map(|n| n.text()).collect();
    let html: BTreeSet<String> = built.files().into_keys().filter(|p| p.ends_with(".html")).collect();
    assert_eq!(locs.len(), html.len(), "every page once");
    for loc in locs {
        assert!(html.contains(loc.strip_prefix(BASE).unwrap()), "{loc}");
    }
    assert_eq!(built.page("robots.txt").lines().last(), Some(format!("Sitemap: {BASE}sitemap.xml").as_str()));
    // The schema is really checked: a sitemap with an element it does not know fails.
    let bad = built.dir.path().join("bad.xml");
    std::fs::write(&bad, text.replacen("<loc>", "<lok>", 1).replacen("</loc>", "</lok>", 1)).unwrap();
    let out = Command::new(xmllint()).args(["--noout", "--schema"]).arg(&schema).arg(&bad).output().unwrap();
    assert!(!out.status.success(), "an unknown element must not validate");
}

#[test]
fn the_sitemap_index_validates_against_the_same_schema() {
    // Past 50,000 URLs `sitemap.xml` is an index; rendered here from its
    // page content, as a build renders it, rather than built at that size.
    let theme = vanban::render::theme::load(&common::repo_root(), "default", "vi").unwrap();
    let config = vanban::content::config::Config::default();
    let date = vanban::site::ArchiveDate { date: "2021-08-30".into(), label: "data_date" };
    let renderer = vanban::render::Renderer::new(&theme, &config, &date).unwrap();
    let sitemaps: Vec<String> = (0..3).map(|part| vanban::plan::outputs::sitemap_path(part, 3)).collect();
    let page = vanban::plan::PageContext {
        root: String::new(),
        path: "sitemap.xml",
        kind: "sitemap_index",
        breadcrumbs: Vec::new(),
        pagination: None,
        feed: None,
        filter: None,
        content: vanban::plan::Content::SitemapIndex { base: BASE, sitemaps },
    };
    let context = renderer.context(&page).unwrap();
    let xml = renderer.render_context("sitemap_index.xml", &context, "sitemap.xml").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sitemap.xml");
    std::fs::write(&path, &xml).unwrap();
    let schema = fixture("xsd/sitemap.xsd");
    let out = Command::new(xmllint()).args(["--noout", "--schema"]).arg(&schema).arg(&path).output().unwrap();
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stderr), String::from_utf8_lossy(&xml));
    let text = String::from_utf8(xml).unwrap();
    assert!(text.contains(&format!("<loc>{BASE}sitemap-3.xml</loc>")), "{text}");
}
