//! The timeline's weeks and calendars, and the uptake curve: ISO weeks that
//! cross years, each week's days by province, the month calendar's links and
//! empty days, and the curve's figures against the table of who acted.

mod common;

use common::{archive, directive, links, resolve, write_much_cited, Built};

/// A letter of `province` dated `date`, numbered `number`.
fn letter(number: &str, province: &str, date: &str) -> String {
    directive(&format!("title: Về phòng, chống dịch\nnumber: {number}\nprovince: {province}\ndate: {date}\n"))
}

/// Directives around the new years 2021 and 2025, when ISO weeks and
/// calendar years part: 31/12/2020 and 1/1/2021 are in week 53 of 2020,
/// 30/12/2024 in week 1 of 2025.
fn new_years() -> &'static Built {
    static BUILT: std::sync::OnceLock<Built> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        archive(&[
            ("a.md", &letter("1-CV/TU", "Hà Nội", "2020-12-31")),
            ("b.md", &letter("2-CV/TU", "Cà Mau", "2021-01-01")),
            ("c.md", &letter("3-CV/TU", "An Giang", "2021-01-01")),
            ("d.md", &letter("4-CV/TU", "Hà Nội", "2021-01-04")),
            ("e.md", &letter("5-CV/TU", "Hà Nội", "2021-01-25")),
            ("f.md", &letter("6-CV/TU", "Hà Nội", "2024-12-30")),
            ("g.md", &directive("title: Về phòng, chống dịch\nnumber: 7-CT/TW\ntype: Chỉ thị\nissuer: Ban Bí thư\ndate: 2021-01-01\n")),
        ])
    })
}

fn links_to(built: &Built, page: &str, target: &str) -> bool {
    links(&built.page(page)).iter().any(|href| resolve(page, href) == target)
}

/// The HTML of a page from `start` to the first `end` after it.
fn between<'h>(html: &'h str, start: &str, end: &str) -> &'h str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn a_week_across_the_new_year_is_the_week_of_its_thursday() {
    let built = new_years();
    let week = "thoi-gian/2020/tuan-53/index.html";
    let page = built.page(week);
    assert!(page.contains("<h1>Tuần 53/2020 <span class=\"count\">(4)</span></h1>"), "{page}");
    assert!(page
        .contains("<time datetime=\"2020-12-28\">28/12/2020</time> – <time datetime=\"2021-01-03\">3/1/2021</time>"));
    // Seven days, Monday first; the empty ones say so.
    let days: Vec<&str> = page.split("<section aria-labelledby=\"wd-").skip(1).collect();
    assert_eq!(days.len(), 7);
    assert!(days[0].contains("Thứ Hai, <time datetime=\"2020-12-28\">") && days[0].contains("Không có văn bản nào"));
    assert!(days[3].contains("Thứ Năm") && days[3].contains("1-CV/TU"));
    assert!(days[6].contains("Chủ nhật") && days[6].contains("class=\"week-day empty\""));
    // 1/1/2021: central first, then the provinces in Vietnamese order.
    let friday = days[4];
    let (central, an_giang, ca_mau) = (
        friday.find("Trung ương").unwrap(),
        friday.find(">An Giang</a>").unwrap(),
        friday.find(">Cà Mau</a>").unwrap(),
    );
    assert!(central < an_giang && an_giang < ca_mau, "{friday}");
    assert!(links_to(built, week, "thoi-gian/2021/01/01/index.html"));
    assert!(
        links_to(built, week, "thoi-gian/2020/12/index.html") && links_to(built, week, "thoi-gian/2021/01/index.html")
    );
    // Both days link back to their week.
    assert!(links_to(built, "thoi-gian/2020/12/31/index.html", week));
    assert!(links_to(built, "thoi-gian/2021/01/01/index.html", week));
    // 30/12/2024 is in week 1 of 2025.
    assert!(links_to(built, "thoi-gian/2024/12/30/index.html", "thoi-gian/2025/tuan-01/index.html"));
}

#[test]
fn previous_and_next_weeks_go_to_the_nearest_week_with_directives_and_say_what_they_skip() {
    let built = new_years();
    let page = built.page("thoi-gian/2021/tuan-01/index.html");
    let nav = between(&page, "<nav class=\"prev-next\"", "</nav>");
    assert!(nav.contains("← Tuần 53/2020</a>"), "the week before, nothing skipped: {nav}");
    assert!(nav.contains("Tuần 4/2021 (2 tuần không có văn bản ở giữa) →"), "{nav}");
    assert!(links_to(built, "thoi-gian/2021/tuan-01/index.html", "thoi-gian/2021/tuan-04/index.html"));
    assert!(!built.output().join("thoi-gian/2021/tuan-02/index.html").exists(), "no page for an empty week");
    let last = built.page("thoi-gian/2025/tuan-01/index.html");
    assert!(!last.contains("rel=\"next\""), "the last week has no next");
}

#[test]
fn previous_and_next_days_say_how_many_days_without_directives_they_skip() {
    let built = new_years();
    let page = built.page("thoi-gian/2021/01/04/index.html");
    let nav = between(&page, "<nav class=\"prev-next\"", "</nav>");
    assert!(nav.contains("(2 ngày không có văn bản ở giữa)</a>"), "2 and 3 January: {nav}");
    assert!(nav.contains("(20 ngày không có văn bản ở giữa) →</a>"), "5 to 24 January: {nav}");
    assert!(links_to(built, "thoi-gian/2021/01/04/index.html", "thoi-gian/2021/01/25/index.html"));
    let page = built.page("thoi-gian/2021/01/01/index.html");
    let previous = between(&page, "<a rel=\"prev\"", "</a>");
    assert!(previous.ends_with("← 31/12/2020"), "the day before, nothing skipped: {previous}");
}

#[test]
fn a_month_calendar_links_each_day_with_directives_and_shows_empty_days_as_plain_text() {
    let built = new_years();
    let month = "thoi-gian/2021/01/index.html";
    let page = built.page(month);
    let calendar = between(&page, "<table class=\"calendar\"", "</table>");
    assert!(calendar.contains("<caption>Lịch tháng 1/2021</caption>"));
    let rows: Vec<&str> = calendar.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 5, "weeks 53, 1, 2, 3 and 4 of January 2021");
    // The first row: Monday to Thursday belong to December, then 1, 2 and 3 January.
    assert_eq!(rows[0].matches("<td class=\"outside\"></td>").count(), 4);
    assert!(rows[0].contains("thoi-gian/2020/tuan-53/index.html"), "the row links to its week");
    assert!(rows[0].contains("<span class=\"cal-day\">1</span> <span class=\"cal-count\">3<"), "{}", rows[0]);
    assert!(rows[0].contains("<td class=\"empty\"><span class=\"cal-day\">2</span>"), "an empty day, not a link");
    assert!(!rows[2].contains("<a "), "week 2 has no directive and no page: {}", rows[2]);
    assert_eq!(calendar.matches("<td").count() - calendar.matches("class=\"outside\"").count(), 31);
    for day in ["01", "04", "25"] {
        assert!(links_to(built, month, &format!("thoi-gian/2021/01/{day}/index.html")));
    }
    assert!(!links_to(built, month, "thoi-gian/2021/01/02/index.html"));
}

#[test]
fn the_curve_of_provinces_that_acted_matches_the_table_of_who_acted() {
    let dir = tempfile::tempdir().unwrap();
    // Three provinces cite 5-CT/TW (1/5/2021), first on 1/6 (Cà Mau), 2/6 (Hà Nội) and 3/6 (Ninh Bình).
    write_much_cited(dir.path(), 30);
    let built = Built::from(dir.path());
    let page = built.page("van-ban/tw/2021/5-ct-tw/index.html");
    let table = between(&page, "id=\"curve-table\"", "</table>");
    let rows: Vec<Vec<String>> = table
        .split("<tr>")
        .skip(2)
        .map(|row| row.split("<td class=\"num\">").skip(1).map(|c| c[..c.find('<').unwrap()].to_string()).collect())
        .collect();
    assert_eq!(rows, [["31", "1", "1", "1,6%"], ["32", "1", "2", "3,2%"], ["33", "1", "3", "4,8%"]]);
    // Each point of the curve is at its row's day and count.
    let svg = between(&page, "<figure class=\"chart curve\"", "</svg>");
    for row in &rows {
        let point = format!(
            "data-day=\"{}\" data-acted=\"{}\"><title>Sau {} ngày: {}/63 ({})</title>",
            row[0], row[2], row[0], row[2], row[3]
        );
        assert!(svg.contains(&point), "{point} in {svg}");
    }
    assert!(page.contains("<dt>Trung vị</dt><dd>32 ngày"));
    assert!(page.contains("<dt>Nhanh nhất</dt><dd>Cà Mau (31 ngày)</dd>"));
    assert!(page.contains("<dt>Chậm nhất</dt><dd>Ninh Bình (33 ngày)</dd>"));
    assert!(!page.contains("weekly-title"), "the bar chart per week is gone");
}

#[test]
fn a_long_week_is_split_into_parts_each_day_where_its_directives_fall() {
    let dir = tempfile::tempdir().unwrap();
    // Week 23 of 2021 (7–13 June): 300 letters on Tuesday 8/6, 220 on Thursday 10/6.
    for n in 0..520 {
        let date = if n < 300 { "2021-06-08" } else { "2021-06-10" };
        std::fs::write(dir.path().join(format!("{n}.md")), letter(&format!("{n}-CV/TU"), "Hà Nội", date)).unwrap();
    }
    let built = Built::from(dir.path());
    let parts =
        [built.page("thoi-gian/2021/tuan-23/index.html"), built.page("thoi-gian/2021/tuan-23/trang-2/index.html")];
    let rows: Vec<usize> = parts.iter().map(|p| p.matches("<tr data-type").count()).collect();
    assert_eq!(rows, [500, 20]);
    let days = |page: &str| -> Vec<String> {
        page.split("<h2 id=\"wd-").skip(1).map(|s| s[..s.find('"').unwrap()].to_string()).collect()
    };
    // Monday to Thursday on the first part (Thursday's first 200); Thursday's
    // last 20 and the empty Friday to Sunday on the second.
    assert_eq!(days(&parts[0]), ["0", "1", "2", "3"]);
    assert_eq!(days(&parts[1]), ["3", "4", "5", "6"]);
    assert!(
        parts[1].contains("Tuần 23/2021 <span class=\"count\">(520)</span>"),
        "the week's whole count on every part"
    );
}
