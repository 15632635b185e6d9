//! `vanban build --zip`: one reproducible zip that works anywhere, written
//! atomically, and pages that say "extract first" when opened inside it.

mod common;

use common::{copy_tree, fixture, read_tree, repo_root, Built};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use vanban::output::zip::README;
use zip::{CompressionMethod, DateTime, ZipArchive};

/// The top folder: the slug of the default title, "Lưu trữ văn bản chỉ đạo".
const TOP: &str = "luu-tru-van-ban-chi-dao";

/// Runs `vanban build` on `content` (from the repository, so with its
/// themes) with the given extra arguments, `SOURCE_DATE_EPOCH` as given
/// (unset when `None`, whatever the environment says).
fn build(content: &Path, output: &Path, extra: &[&str], epoch: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vanban"));
    command.current_dir(repo_root()).args([
        "build",
        "--content",
        &content.display().to_string(),
        "--output",
        &output.display().to_string(),
    ]);
    command.args(extra).env_remove("SOURCE_DATE_EPOCH");
    if let Some(epoch) = epoch {
        command.env("SOURCE_DATE_EPOCH", epoch);
    }
    command.output().expect("run vanban")
}

fn built_ok(output: Output) {
    assert!(output.status.success(), "build failed:\n{}", String::from_utf8_lossy(&output.stderr));
}

/// Builds the valid fixture with `--zip` into `dir/output`; the zip is `dir/output.zip`.
fn zipped(dir: &Path, epoch: Option<&str>) -> PathBuf {
    built_ok(build(&fixture("valid"), &dir.join("output"), &["--zip"], epoch));
    dir.join("output.zip")
}

/// Every entry of a zip, in the zip's order, with its bytes.
fn entries(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).unwrap();
            (file.name().to_string(), bytes)
        })
        .collect()
}

/// Checks every entry's name, date, mode, method and header fields.
fn check_entries(zip: &Path, time: DateTime) {
    let raw = std::fs::read(zip).unwrap();
    let mut archive = ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    assert!(archive.len() > 50, "only {} entries", archive.len());
    let mut previous = String::new();
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).unwrap();
        let name = file.name().to_string();
        assert!(name.is_ascii() && !name.contains('\\') && !name.starts_with('/'), "{name}");
        assert!(name.starts_with(&format!("{TOP}/")), "{name} is not under {TOP}/");
        assert!(name.split('/').all(|s| !s.is_empty() && s != "." && s != ".."), "{name}");
        assert!(name.len() <= vanban::output::zip::MAX_PATH, "{name}");
        // The read-me first (a viewer lists it first; vanban knows its zips by it), then in order.
        if i == 0 {
            assert_eq!(name, format!("{TOP}/{}", vanban::output::zip::README), "the read-me first");
        } else if i > 1 {
            assert!(*previous < *name, "{name} comes after {previous}: not sorted");
        }
        assert!(file.is_file(), "{name}: only file entries, no folders");
        assert_eq!(file.last_modified(), Some(time), "{name}");
        assert_eq!(file.unix_mode(), Some(0o100644), "{name}: mode {:o}", file.unix_mode().unwrap_or(0));
        assert_eq!(file.compression(), CompressionMethod::Deflated, "{name}");
        assert!(file.extra_data().unwrap_or_default().is_empty(), "{name}: extra field in the central directory");
        // The local header: 30 bytes, the name, and no extra field (no
        // extended timestamp, no uid or gid).
        let header = file.header_start() as usize;
        assert_eq!(&raw[header..header + 4], b"PK\x03\x04");
        let extra_len = u16::from_le_bytes([raw[header + 28], raw[header + 29]]);
        assert_eq!(extra_len, 0, "{name}: extra field in the local header");
        previous = name;
    }
}

#[test]
fn the_same_input_gives_a_byte_identical_zip() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    built_ok(build(&fixture("valid"), &one.join("output"), &["--zip", "--jobs", "1"], None));
    let other = two.join("elsewhere/archive.zip");
    built_ok(build(
        &fixture("valid"),
        &two.join("site"),
        &["--jobs", "2", "--zip-path", &other.display().to_string()],
        None,
    ));
    let first = std::fs::read(one.join("output.zip")).expect("the default zip is {output}.zip beside the output");
    let second = std::fs::read(&other).unwrap();
    assert!(first.len() > 10_000);
    assert!(first == second, "the two zips differ");
}

#[test]
fn every_entry_is_short_ascii_sorted_dated_from_the_content_0644_and_deflated() {
    let dir = tempfile::tempdir().unwrap();
    let zip = zipped(dir.path(), None);
    // The newest full date in tests/fixtures/valid: tay-ninh/khong-so.md.
    check_entries(&zip, DateTime::from_date_and_time(2021, 8, 30, 0, 0, 0).unwrap());
}

#[test]
fn source_date_epoch_sets_every_timestamp() {
    let dir = tempfile::tempdir().unwrap();
    // 2023-11-14 22:13:20 UTC.
    let zip = zipped(dir.path(), Some("1700000000"));
    check_entries(&zip, DateTime::from_date_and_time(2023, 11, 14, 22, 13, 20).unwrap());

    let bad = build(&fixture("valid"), &dir.path().join("bad"), &["--zip"], Some("yesterday"));
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SOURCE_DATE_EPOCH"));
    assert!(!dir.path().join("bad").exists() && !dir.path().join("bad.zip").exists());
}

#[test]
fn unzipping_gives_the_output_folder_and_the_read_me() {
    let dir = tempfile::tempdir().unwrap();
    let zip = zipped(dir.path(), None);
    let mut unzipped: BTreeMap<String, Vec<u8>> = entries(&zip).into_iter().collect();
    let readme = unzipped.remove(&format!("{TOP}/{README}")).expect("the read-me is in the top folder");
    let output: BTreeMap<String, Vec<u8>> = read_tree(&dir.path().join("output"))
        .into_iter()
        // The marker that vanban made the folder says nothing about the zip.
        .filter(|(path, _)| path != vanban::output::guard::MARKER)
        .map(|(path, bytes)| (format!("{TOP}/{path}"), bytes))
        .collect();
    assert!(output.contains_key(&format!("{TOP}/index.html")));
    // The feeds and the open data travel with the pages.
    for path in [
        "feed.xml",
        "tinh/quang-ngai/feed.xml",
        "du-lieu/index.html",
        "du-lieu/van-ban.csv",
        "du-lieu/van-ban.json",
        "du-lieu/trich-dan.csv",
        "du-lieu/van-ban-duoc-trich-dan.csv",
        "du-lieu/tinh.csv",
        "du-lieu/datapackage.json",
    ] {
        assert!(unzipped.contains_key(&format!("{TOP}/{path}")), "{path} is not in the zip");
    }
    assert_eq!(unzipped.keys().collect::<Vec<_>>(), output.keys().collect::<Vec<_>>());
    for (path, bytes) in &output {
        assert!(bytes == &unzipped[path], "{path} differs from the output");
    }

    let readme = String::from_utf8(readme).unwrap();
    for words in ["Đọc trước", "Giải nén TOÀN BỘ", "Read me first", "Extract the WHOLE zip", "index.html", TOP]
    {
        assert!(readme.contains(words), "the read-me lacks {words:?}:\n{readme}");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_zip_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let zip = zipped(dir.path(), None);
    let before = std::fs::read(&zip).unwrap();
    let output = dir.path().join("output");
    let failed = build(&fixture("invalid"), &output, &["--zip"], Some("1700000000"));
    assert_eq!(failed.status.code(), Some(1), "{}", String::from_utf8_lossy(&failed.stderr));
    assert!(std::fs::read(&zip).unwrap() == before, "a failed build changed the zip");
    let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["output", "output.zip"], "nothing left behind");
}

#[test]
fn a_failure_while_zipping_leaves_the_previous_output_and_zip_untouched() {
    // A project whose theme has a static file with a non-ASCII name: it
    // builds, but cannot be zipped.
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    copy_tree(&repo_root().join("themes"), &project.join("themes"));
    let run = |content: &Path| {
        Command::new(env!("CARGO_BIN_EXE_vanban"))
            .current_dir(&project)
            .args(["build", "--content", &content.display().to_string(), "--output", "out", "--zip"])
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap()
    };
    built_ok(run(&fixture("valid")));
    let (output_before, zip_before) =
        (read_tree(&project.join("out")), std::fs::read(project.join("out.zip")).unwrap());
    std::fs::write(project.join("themes/default/static/bản đồ.txt"), "x").unwrap();
    std::fs::write(project.join("themes/default/static/style.css"), "changed").unwrap();

    let failed = run(&fixture("valid"));
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("not plain ASCII"), "{stderr}");
    assert!(read_tree(&project.join("out")) == output_before, "the output changed");
    assert!(std::fs::read(project.join("out.zip")).unwrap() == zip_before, "the zip changed");
    let mut names: Vec<_> = std::fs::read_dir(&project).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["out", "out.zip", "themes"], "nothing left behind");
}

#[test]
fn the_zip_is_never_inside_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("output");
    let inside = output.join("archive.zip");
    let failed = build(&fixture("valid"), &output, &["--zip-path", &inside.display().to_string()], None);
    assert_eq!(failed.status.code(), Some(1));
    assert!(!output.exists());
}

/// The notice's markup right after `<body …>`, in the page's language first.
fn notice_after_body(page: &str, html: &str, first: &str, second: &str) {
    let body = html.find("<body").unwrap_or_else(|| panic!("{page}: no body"));
    let after = &html[body + html[body..].find('>').unwrap() + 1..];
    let notice = after.trim_start();
    assert!(notice.starts_with("<div class=\"extract-notice\" role=\"alert\">"), "{page}: the notice is not first");
    let notice = &notice[..notice.find("</div>").unwrap()];
    let (a, b) = (notice.find(&format!("lang=\"{first}\"")), notice.find(&format!("lang=\"{second}\"")));
    assert!(a.is_some() && b.is_some() && a < b, "{page}: {notice}");
    assert!(notice.contains("index.html"), "{page}: {notice}");
}

#[test]
fn every_page_kind_shows_the_extract_notice_that_the_stylesheet_hides() {
    let built = Built::fixture("valid");
    built.report();
    let mut kinds = BTreeSet::new();
    for (page, bytes) in built.files().into_iter().filter(|(path, _)| path.ends_with(".html")) {
        let html = String::from_utf8(bytes).unwrap();
        notice_after_body(&page, &html, "vi", "en");
        assert!(
            html.contains("Hãy giải nén toàn bộ tệp zip trước") && html.contains("Extract the whole archive first")
        );
        let class = html.split("<body class=\"page-").nth(1).unwrap();
        kinds.insert(class[..class.find('"').unwrap()].to_string());
    }
    let expected = [
        "cited",
        "cited_index",
        "data",
        "day",
        "directive",
        "home",
        "issuer",
        "issuers",
        "month",
        "not_found",
        "province",
        "province_month",
        "provinces",
        "search",
        "timeline",
        "type",
        "types",
        "undated",
        "week",
        "year",
    ];
    assert_eq!(kinds, expected.iter().map(|k| k.to_string()).collect(), "every page kind was checked");

    // The stylesheet hides it, and no other rule shows it again.
    let css = built.page("assets/style.css");
    let mut display = Vec::new();
    for rule in css.split('}') {
        let Some((selectors, body)) = rule.split_once('{') else { continue };
        let selectors = selectors.rsplit("*/").next().unwrap();
        if selectors.split(',').any(|s| s.split_whitespace().any(|part| part.starts_with(".extract-notice"))) {
            for declaration in body.split(';').filter_map(|d| d.split_once(':')) {
                if declaration.0.trim() == "display" {
                    display.push(declaration.1.trim().to_string());
                }
            }
        }
    }
    assert_eq!(display, ["none"], "style.css must hide .extract-notice, and only hide it");
}

#[test]
fn the_notice_leads_with_the_archive_language() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    copy_tree(&repo_root().join("themes"), &project.join("themes"));
    std::fs::write(project.join("vanban.yaml"), "language: en\n").unwrap();
    let options =
        vanban::site::BuildOptions { content: fixture("valid"), ..vanban::site::BuildOptions::in_project(&project) };
    vanban::site::build(&options).unwrap_or_else(|failure| panic!("{}", failure.rendered));
    let home = std::fs::read_to_string(options.output.join("index.html")).unwrap();
    notice_after_body("index.html", &home, "en", "vi");
}
