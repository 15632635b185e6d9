//! Parts of pages in templates of their own, which pages include: the facet
//! form of a list (facet_controls.html) and the links to the previous and
//! next period (prev_next.html). The `facet_controls` and `prev_next`
//! components, which themes made before call, include them too. And the
//! values the directive page's template reads, shaped for it: each metadata
//! row's `text` or `items` and `datetime`, each item's `separator`, each
//! linked directive's `label`, the signer and the tags as text. And the
//! table of who acted (uptake_table.html), which the directive and cited
//! pages include and the `uptake_table` component includes too.

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
                    {% if row.text %}{{ row.text }}{% endif %}\
                    {% if row.items %}{% for item in row.items %}{{ item.text }}{{ item.separator }}{% endfor %}{% endif %}</p>{% endfor %}\
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

#[test]
fn a_directive_pages_plain_values_signer_and_tags_come_as_text_and_its_links_as_items() {
    let template = "{% extends \"base.html\" %}{% block content %}\
                    {% for row in meta %}<p class=\"row\">{{ row.key }}:\
                    {% if row.text %} text={{ row.text }}{% endif %}\
                    {% if row.items %} {{ row.marks[0] }}{% for item in row.items %}{{ item.href }}{{ item.separator }}{% endfor %}{{ row.marks[1] }}{% endif %}</p>\
                    {% endfor %}<p class=\"signer\">{% if signer is string %}{{ signer }}{% else %}none{% endif %}</p>\
                    <p class=\"tags\">{{ tags }}</p>{% endblock content %}";
    let dir = tempfile::tempdir().unwrap();
    let output = build_with(dir.path(), &[("directive.html", template)]);
    let signed = read_page(&output, "van-ban/quang-ngai/2021/453-cv-tu/index.html");
    for row in [
        "<p class=\"row\">number: text=453-CV/TU</p>",
        "<p class=\"row\">issuer: text=Tỉnh ủy Quảng Ngãi</p>",
        "<p class=\"row\">province: tinh/quang-ngai/index.html</p>",
        "<p class=\"row\">date: thoi-gian/2021/06/16/index.html/thoi-gian/2021/06/index.html/thoi-gian/2021/index.html</p>",
        "<p class=\"row\">place:</p>",
        "<p class=\"signer\">T/M Ban Thường vụ · Phó Bí thư Đặng Ngọc Huy</p>",
        "<p class=\"tags\">covid-19</p>",
    ] {
        assert!(signed.contains(row), "{row} in {signed}");
    }
    // A value an editor supplied is marked in its text; no signer is none.
    let undated = read_page(&output, "van-ban/quang-ngai/khong-ro/khong-ro-ngay/index.html");
    assert!(undated.contains("<p class=\"row\">not_before: text=[tháng 7/2021]</p>"), "{undated}");
    assert!(undated.contains("<p class=\"row\">date:</p>"), "{undated}");
    assert!(undated.contains("<p class=\"signer\">none</p><p class=\"tags\"></p>"), "{undated}");
}

#[test]
fn a_projects_uptake_table_is_on_the_directive_and_cited_pages_and_the_component_includes_it() {
    let table = "<p id=\"uptake\">{{ uptake.acting }}:{% for p in uptake.provinces %}{% if p.first %} \
                 {{ p.name }} {{ p.first.label }} {{ p.first.href }} {{ p.first.date_iso }} {{ p.first.days }}{% endif %}{% endfor %}</p>";
    let dir = tempfile::tempdir().unwrap();
    let output = build_with(dir.path(), &[("uptake_table.html", table)]);
    // Each province's first citer is named by its number, or its title when it has none.
    let expected = "<p id=\"uptake\">2: Quảng Ngãi 453-CV/TU van-ban/quang-ngai/2021/453-cv-tu/index.html 2021-06-16 5 \
                    Tây Ninh nâng cao hiệu quả phòng, chống dịch van-ban/tay-ninh/2021/khong-so/index.html 2021-08-30 80</p>";
    let directive = read_page(&output, CITED_DIRECTIVE);
    assert!(directive.contains(expected), "{directive}");
    // 1102/CĐ-TTg, not in the archive: its page is a cited directive's (cited.html).
    let cited = read_page(&output, "van-ban/tw/2021/1102-cd-ttg/index.html");
    assert!(cited.contains("<p id=\"uptake\">2:"), "{cited}");
    for page in [&directive, &cited] {
        assert!(!page.contains("id=\"uptake-table\""), "the built-in table is replaced");
    }

    let built_in = read_page(&build_with(tempfile::tempdir().unwrap().path(), &[]), CITED_DIRECTIVE);
    let older = "{% extends \"base.html\" %}{% block content %}\
                 {% if uptake %}{{ <uptake_table uptake={uptake} root={root} t={t} /> }}{% endif %}{% endblock content %}";
    let dir = tempfile::tempdir().unwrap();
    let html = read_page(&build_with(dir.path(), &[("directive.html", older)]), CITED_DIRECTIVE);
    let table = |html| part(html, "<section aria-labelledby=\"h-uptake\"", "</section>");
    assert_eq!(table(&html), table(&built_in));
    assert!(table(&built_in).contains(">453-CV/TU</a>, <time datetime=\"2021-06-16\">16/6/2021</time>"), "{built_in}");
}
