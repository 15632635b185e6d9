//! Parts of pages in templates of their own, which pages include: the facet
//! form of a list (facet_controls.html) and the links to the previous and
//! next period (prev_next.html). The `facet_controls` and `prev_next`
//! components, which themes made before call, include them too. And the
//! values the directive page's template reads, shaped for it: each metadata
//! row's `datetime`, each item's `separator`, each linked directive's `label`.

mod common;

use common::{build_valid_with_templates as build_with, read_page};

const MONTH: &str = "thoi-gian/2021/08/index.html";
const PROVINCE: &str = "tinh/tay-ninh/index.html";
const CITED_DIRECTIVE: &str = "van-ban/tw/2021/07-kl-tw/index.html";

/// The part of `html` from `start` to the end of the first `end` after it.
fn part<'h>(html: &'h str, start: &str, end: &str) -> &'h str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start:?} in {html}"));
    let to = from + html[from..].find(end).expect("its end") + end.len();
    &html[from..to]
}

#[test]
fn a_projects_facet_form_and_period_links_are_on_every_page_that_has_them() {
    let dir = tempfile::tempdir().unwrap();
    let output = build_with(
        dir.path(),
        &[
            (
                "facet_controls.html",
                "{% if filter %}<p id=\"facets\">[{{ group }}] {{ filter.total }} · {{ root }}</p>{% endif %}",
            ),
            (
                "prev_next.html",
                "<p id=\"periods\">{% if previous %}{{ previous.label }}{% endif %} | {% if next %}{{ next.label }}{% endif %}</p>",
            ),
        ],
    );
    let month = read_page(&output, MONTH);
    assert!(month.contains("<p id=\"facets\">[] 4 · ../../../</p>"), "{month}");
    assert!(month.contains("<p id=\"periods\">6/2021 | </p>"), "{month}");
    let province = read_page(&output, PROVINCE);
    assert!(province.contains("<p id=\"facets\">[year] 2 · ../../</p>"), "{province}");
    let directive = read_page(&output, CITED_DIRECTIVE);
    assert!(directive.contains("<p id=\"facets\">[] "), "its citers' form");
    for page in [&month, &province, &directive] {
        assert!(!page.contains("<form class=\"facets\""), "the built-in form is replaced");
    }
    assert!(!month.contains("<nav class=\"prev-next\""), "the built-in links are replaced");
}

#[test]
fn a_theme_that_calls_the_components_gets_the_same_form_and_links() {
    let built_in = tempfile::tempdir().unwrap();
    let expected = read_page(&build_with(built_in.path(), &[]), MONTH);
    let older = "{% extends \"base.html\" %}{% block content %}\
                 {{ <prev_next previous={previous} next={next} root={root} t={t} /> }}\
                 {{ <facet_controls t={t} filter={filter} root={root} group={\"\"} /> }}\
                 {% endblock content %}";
    let dir = tempfile::tempdir().unwrap();
    let html = read_page(&build_with(dir.path(), &[("month.html", older)]), MONTH);
    for (start, end) in [("<nav class=\"prev-next\"", "</nav>"), ("<form class=\"facets\"", "</form>")] {
        assert_eq!(part(&html, start, end), part(&expected, start, end));
    }
    assert!(part(&expected, "<nav class=\"prev-next\"", "</nav>").contains(">← 6/2021</a>"));
    assert!(part(&expected, "<form class=\"facets\"", "</form>").contains("data-total=\"4\""));
}

#[test]
fn a_directive_page_offers_its_rows_datetime_and_separators_and_its_links_labels() {
    let template = "{% extends \"base.html\" %}{% block content %}\
                    {% for row in meta %}<p class=\"row\">{{ row.key }} [{% if row.datetime %}{{ row.datetime }}{% endif %}] \
                    {% for item in row.items %}{{ item.text }}{{ item.separator }}{% endfor %}</p>{% endfor %}\
                    <p class=\"links\">{% for link in [previous_in_province, next_in_province, previous] %}{% if link %}{{ link.label }}{% endif %} | {% endfor %}</p>\
                    {% endblock content %}";
    let dir = tempfile::tempdir().unwrap();
    let output = build_with(dir.path(), &[("directive.html", template)]);
    let numbered = read_page(&output, "van-ban/tay-ninh/2021/188-cv-tu/index.html");
    assert!(numbered.contains("<p class=\"row\">number [] 188-CV/TU</p>"), "{numbered}");
    assert!(numbered.contains("<p class=\"row\">date [2021-08-24] 24/8/2021</p>"), "{numbered}");
    // No number: a link names the directive by its title.
    assert!(
        numbered.contains("<p class=\"links\"> | nâng cao hiệu quả phòng, chống dịch | 200/KH-UBND | </p>"),
        "{numbered}"
    );
    let unnumbered = read_page(&output, "van-ban/tay-ninh/2021/khong-so/index.html");
    assert!(unnumbered.contains("<p class=\"links\">188-CV/TU |  | 3001-CV/TU | </p>"), "{unnumbered}");
}
