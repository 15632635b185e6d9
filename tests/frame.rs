//! The frame's header and footer: templates of the theme like any other,
//! rendered once per depth of page (see `Renderer::frame_of`), so each page
//! must still get the one made for its own depth, and a project's template
//! must still replace the built-in one on every page.

mod common;

use common::{copy_tree, fixture, vanban};

#[test]
fn a_projects_frame_templates_are_on_every_page_with_that_pages_root() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path();
    copy_tree(&fixture("valid"), &project.join("content"));
    let templates = project.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("frame_header.html"), "<p id=\"top\">[{{ root }}] {{ t.home }}</p>\n").unwrap();
    std::fs::write(templates.join("frame_footer.html"), "<p id=\"foot\">[{{ root }}] {{ site.title }}</p>\n").unwrap();
    let build = vanban(&["build", "--quiet"], project);
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let output = project.join("output");
    // One page of each depth, from the archive's root to a day of the timeline.
    for (page, root) in [
        ("index.html", ""),
        ("tinh/index.html", "../"),
        ("tinh/quang-ngai/index.html", "../../"),
        ("thoi-gian/2021/08/index.html", "../../../"),
        ("van-ban/quang-ngai/2021/453-cv-tu/index.html", "../../../../"),
    ] {
        let html = std::fs::read_to_string(output.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(html.contains(&format!("<p id=\"top\">[{root}] Trang chủ</p>\n")), "{page}: its header");
        assert!(html.contains(&format!("<p id=\"foot\">[{root}] ")), "{page}: its footer");
        assert!(!html.contains("class=\"site-header\""), "{page}: the built-in header is replaced");
    }
}
