//! The citation to paste into an article: citation.html, a template of the
//! theme that a directive page includes, and that the `citation` component
//! (which cited pages and themes made before it call) includes too.

mod common;

use common::{build_valid_with_templates as build_with, read_page as page};

const DIRECTIVE: &str = "van-ban/quang-ngai/2021/453-cv-tu/index.html";

/// The citation's section of a page.
fn citation(html: &str) -> &str {
    let start = html.find("<section aria-labelledby=\"h-cite\"").expect("a citation");
    &html[start..start + html[start..].find("</section>").unwrap()]
}

#[test]
fn a_projects_citation_template_is_on_directive_and_cited_pages() {
    let dir = tempfile::tempdir().unwrap();
    let output =
        build_with(dir.path(), &[("citation.html", "<p id=\"mine\">{{ kind_name }} {{ number }} · {{ path }}</p>")]);
    let directive = page(&output, DIRECTIVE);
    assert!(directive.contains(&format!("<p id=\"mine\">Công văn 453-CV/TU · {DIRECTIVE}</p>")), "{directive}");
    let cited = page(&output, "van-ban/tw/2021/07-kl-tw/index.html");
    assert!(cited.contains("<p id=\"mine\">") && cited.contains(" 07-KL/TW · van-ban/tw/2021/07-kl-tw/index.html</p>"));
    assert!(!directive.contains("class=\"citation\"") && !cited.contains("class=\"citation\""), "replaced");
}

#[test]
fn a_theme_that_calls_the_citation_component_gets_the_same_citation() {
    let built_in = tempfile::tempdir().unwrap();
    let expected = page(&build_with(built_in.path(), &[]), DIRECTIVE);
    let older = "{% extends \"base.html\" %}{% block content %}{{ <citation kind_name={type_name | default(value=t.document, boolean=true)} \
                 number={number} date={date} issuer={issuer} title={title} known_from={\"\"} site={site} path={path} t={t} /> }}\
                 {% endblock content %}";
    let dir = tempfile::tempdir().unwrap();
    let html = page(&build_with(dir.path(), &[("directive.html", older)]), DIRECTIVE);
    assert_eq!(citation(&html), citation(&expected));
    assert!(citation(&expected).contains("Công văn số 453-CV/TU"), "{}", citation(&expected));
}
