//! Filters over whole lists (issue 18): the facet form offers the whole
//! list's values as slugs, a list split into parts has one data file of
//! every row, and a cited central directive links its citers of the week
//! and the 30 days after its date. The browser side is
//! tests/browser/specs/54-filters.js.

mod common;

use common::{links, resolve, Built};

/// A central directive cited by `citers` directives of three provinces;
/// the last 120, issued in August after the others (so all on the second
/// part), are plans ("Kế hoạch") tagged "tiêm chủng".
fn much_cited(citers: usize) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    let cited = "---\ntitle: Về phòng, chống dịch\nnumber: 5-CT/TW\ntype: Chỉ thị\nissuer: Ban Bí thư\ndate: 2021-05-01\n---\nVăn bản.\n";
    std::fs::write(content.join("5-ct-tw.md"), cited).unwrap();
    let provinces = ["Ninh Bình", "Cà Mau", "Hà Nội"];
    for n in 1..=citers {
        let (code, extra) = if n > 500 { ("KH", "tags: [\"tiêm chủng\"]\n") } else { ("CV", "") };
        let citer = format!(
            "---\ntitle: Thực hiện Chỉ thị 5 <b>&\nnumber: {n}-{code}/TU\nprovince: {}\ndate: 2021-{:02}-{:02}\n{extra}cites:\n  - number: 5-CT/TW\n---\nVăn bản.\n",
            provinces[n % 3],
            if n > 500 { 8 } else { 5 + n % 3 },
            1 + n % 28
        );
        std::fs::write(content.join(format!("{n}.md")), citer).unwrap();
    }
    let built = Built::from(&content);
    built.report();
    // The content folder goes with `dir`; the output is in `built`.
    drop(dir);
    built
}

fn built() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| much_cited(620))
}

const OWN: &str = "van-ban/tw/2021/5-ct-tw/index.html";
const SECOND: &str = "van-ban/tw/2021/5-ct-tw/trang-2/index.html";
const DATA: &str = "van-ban/tw/2021/5-ct-tw/danh-sach.js";

/// The data file's value: what it assigns to `window.vanbanList`.
fn list_data(path: &str) -> serde_json::Value {
    let text = built().page(path);
    let json = text.strip_prefix("window.vanbanList=").and_then(|t| t.strip_suffix(";\n")).expect("one assignment");
    serde_json::from_str(json).expect("JSON")
}

/// The directive pages a part of the list links in its table, in order.
fn listed(part: &str) -> Vec<String> {
    let page = built().page(part);
    let table = &page[page.find("<table class=\"docs doc-list\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    let rows = links(table).into_iter().map(|h| resolve(part, &h));
    rows.filter(|p| p.starts_with("van-ban/")).collect()
}

#[test]
fn a_split_list_has_one_data_file_of_every_row_in_the_list_order() {
    let data = list_data(DATA);
    let rows = data["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 620, "every citer, of both parts");
    let from_data: Vec<String> =
        rows.iter().map(|r| format!("van-ban/{}/index.html", r[0].as_str().unwrap())).collect();
    let mut from_pages = listed(OWN);
    from_pages.extend(listed(SECOND));
    assert_eq!(from_data, from_pages, "the rows the parts show, in their order");
    // What a row shows, as the pages show it; facet values as slugs.
    let last = rows.iter().find(|r| r[3] == "620-KH/TU").expect("a row of the second part");
    assert_eq!(last[5], "Thực hiện Chỉ thị 5 <b>&", "text, never HTML: the script puts it in as text");
    assert_eq!(data["types"][last[6].as_u64().unwrap() as usize][0], "ke-hoach");
    assert_eq!(data["tags"][last[8][0].as_u64().unwrap() as usize], serde_json::json!(["tiem-chung", "tiêm chủng"]));
    assert_eq!(last[7], "tinh");
    assert_eq!(last[9], serde_json::json!(days(&last[2])), "days since 1/5/2021");
    assert_eq!(data["provinces"][last[4].as_u64().unwrap() as usize][1], "ha-noi");
    // Both parts name it; a list in one part has none.
    for part in [OWN, SECOND] {
        let page = built().page(part);
        assert!(links(&page).is_empty() || page.contains("data-list=\""), "{part}");
        let list = page.split("data-list=\"").nth(1).expect("the form names the data file");
        let href = &list[..list.find('"').unwrap()];
        assert_eq!(resolve(part, href), DATA);
    }
    let province = built().page("tinh/ninh-binh/index.html");
    assert!(
        province.contains("<form class=\"facets\"") && !province.contains("data-list="),
        "one part: filtered in the page"
    );
    assert!(!built().output().join("tinh/ninh-binh/danh-sach.js").exists());
}

fn days(iso: &serde_json::Value) -> i64 {
    let date = chrono::NaiveDate::parse_from_str(iso.as_str().unwrap(), "%Y-%m-%d").unwrap();
    (date - chrono::NaiveDate::from_ymd_opt(2021, 5, 1).unwrap()).num_days()
}

#[test]
fn the_form_offers_the_whole_lists_values_as_slugs_with_their_labels() {
    // The first part has no plan and no tag: the form offers them all the same.
    let first = built().page(OWN);
    assert!(!listed(OWN).iter().any(|p| p.contains("-kh-tu")), "no plan on the first part");
    for page in [&first, &built().page(SECOND)] {
        assert!(
            page.contains("<option value=\"cong-van\">Công văn</option><option value=\"ke-hoach\">Kế hoạch</option>")
        );
        assert!(page.contains("<option value=\"tiem-chung\">tiêm chủng</option>"));
        assert!(page.contains("data-total=\"620\""));
        assert!(page.contains("<input type=\"date\" name=\"tu\" min=\"2021-05-01\" max=\"2021-08-28\">"), "{page}");
    }
    // Rows carry slugs, as the URL does.
    assert!(built()
        .page(SECOND)
        .contains("data-type=\"ke-hoach\" data-level=\"tinh\" data-year=\"2021\" data-tags=\"tiem-chung\""));
}

#[test]
fn a_cited_central_directive_links_its_citers_of_the_week_and_the_30_days_after() {
    for part in [OWN, SECOND] {
        let page = built().page(part);
        let links: Vec<String> = links(&page).into_iter().map(|h| h.replace("&amp;", "&")).collect();
        let target =
            |hash: &str| links.iter().any(|h| h.ends_with(hash) && resolve(part, h.split('#').next().unwrap()) == OWN);
        assert!(target("index.html#tu=2021-05-01&den=2021-05-07"), "{part}: the week after 1/5/2021");
        assert!(target("index.html#tu=2021-05-01&den=2021-05-30"), "{part}: the 30 days after");
        assert!(page.contains("trong tuần sau ngày ban hành") && page.contains("trong 30 ngày sau ngày ban hành"));
    }
    // A provincial directive with citers has no such links; a central one of the fixture has.
    let valid = Built::fixture("valid");
    let provincial = valid.page("van-ban/tay-ninh/2021/188-cv-tu/index.html");
    assert!(provincial.contains("h-cited-by") && !provincial.contains("class=\"after-links\""));
    let central = valid.page("van-ban/tw/2021/07-kl-tw/index.html");
    assert!(central.contains("#tu=2021-06-11&amp;den=2021-06-17"), "Kết luận 07-KL/TW of 11/6/2021");
}
