//! Filters over whole lists (issue 18). A list page's facet form offers the
//! values of the whole list, not of the part on screen ([`ListFilter`]);
//! a list split into parts of [`PAGE_SIZE`] also gets one data file of all
//! its rows, `danh-sach.js` in the list's folder ([`ListRows`]), which the
//! page's script loads by `<script src>` only when a filter is chosen: the
//! filtered list then counts and pages over every part, from `file://` as
//! over HTTP (no fetch).
//!
//! Filters in URLs use the site's slugs, the same everywhere (lists in the
//! hash, search in its query): `loai=chi-thi`, `cap=tinh`, `nam=2021`,
//! `chu-de=<tag slug>`, and `tu`/`den`, ISO dates, inclusive.

use super::*;
use crate::content::model::{Jurisdiction, PartialDate};
use crate::text::vietnamese::collation_key;
use serde::Serialize;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeSet;

/// A list a reader can filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum List {
    /// The directives citing a cited directive (on its page, archived or not).
    Citers(CitedId),
    Province(ProvinceId),
    ProvinceMonth(ProvinceId, usize),
    Month(usize, usize),
    Day(usize, usize, usize),
    Undated,
    Issuer(usize),
    Type(usize),
}

/// A split list's data file, in the folder of the list's first part.
pub const LIST_DATA: &str = "danh-sach.js";

/// Issuer levels in the order the form offers them (see [`issuer_level`]).
pub(super) const LEVELS: [&str; 4] = ["tw-dang", "tw-chinh-phu", "tinh", "khong-ro"];

/// One choice of a facet: the slug the URL holds, the label the form shows.
#[derive(Debug, Serialize)]
pub struct FacetOption {
    pub value: String,
    pub label: String,
}

/// What the facet form of a list offers, over the whole list.
#[derive(Debug, Serialize)]
pub struct ListFilter {
    pub types: Vec<FacetOption>,
    /// Issuer level slugs; the interface strings name them.
    pub levels: Vec<&'static str>,
    pub years: Vec<i32>,
    pub tags: Vec<FacetOption>,
    /// The first and last day the list's dates cover (ISO), for the date
    /// inputs; `None` when no directive of the list is dated.
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// Directives in the whole list.
    pub total: usize,
    /// The list's data file, when the list is split into parts.
    pub data: Option<String>,
}

/// Every row of a split list, as the data file holds them: what a row
/// shows and its facet values, names given once in tables.
#[derive(Debug, Serialize)]
pub struct ListRows<'a> {
    /// (name, slug) of the provinces rows name: the page is `tinh/{slug}/index.html`.
    pub provinces: Vec<(&'a str, &'a str)>,
    /// (slug, spelling) of the types rows show.
    pub types: Vec<(String, &'a str)>,
    /// (slug, tag) of the tags rows carry.
    pub tags: Vec<(String, &'a str)>,
    /// Whether rows carry days elapsed (a list of citers).
    pub days: bool,
    pub rows: Vec<ListRow<'a>>,
}

/// One row: written as a JSON array, in this order.
#[derive(Debug, Serialize)]
pub struct ListRow<'a>(
    /// The directive's path without `van-ban/` and `/index.html`.
    pub &'a str,
    /// Date as shown, and ISO at its precision.
    pub Option<&'a str>,
    pub Option<&'a str>,
    /// Number as shown.
    pub Option<Cow<'a, str>>,
    /// Position in `provinces`, or where it belongs ([`Jurisdiction::slug`]).
    pub Place,
    /// Title as shown.
    pub Cow<'a, str>,
    /// Position in `types`.
    pub Option<usize>,
    /// Issuer level slug.
    pub &'static str,
    /// Positions in `tags`.
    pub Vec<usize>,
    /// Days since the cited directive (lists of citers).
    pub Option<i64>,
    /// `not_before` as shown (undated directives).
    pub Option<&'a str>,
);

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Place {
    Province(usize),
    Other(&'static str),
}

/// The links "the week after" and "the 30 days after" its date to the
/// list of a cited directive's citers, filtered by date.
#[derive(Debug, Serialize)]
pub struct AfterLinks {
    pub week: String,
    pub month: String,
}

/// Days counted by "the week after" and "the 30 days after" a date, the
/// day of issue included.
pub const WEEK_DAYS: i64 = 7;
pub const MONTH_DAYS: i64 = 30;

/// `href` with the date range of `days` days from `date` (inclusive).
pub fn date_range_href(href: &str, date: PartialDate, days: i64) -> Option<String> {
    let first = chrono::NaiveDate::from_ymd_opt(date.year, date.month?, date.day?)?;
    let last = first + chrono::Duration::days(days - 1);
    Some(format!("{href}#tu={}&den={}", first.format("%Y-%m-%d"), last.format("%Y-%m-%d")))
}

thread_local! {
    /// Slugs and collation keys of the types and tags: a few distinct
    /// values that every list repeats, each worked out once per thread
    /// rather than on every row of every list (a tenth of a build's work).
    static SLUGS: RefCell<rustc_hash::FxHashMap<String, String>> = RefCell::default();
    static COLLATION: RefCell<rustc_hash::FxHashMap<String, Vec<u32>>> = RefCell::default();
}

/// `make(key)`, from this thread's `cache` when it was made before.
fn cached<T: Clone>(
    cache: &'static std::thread::LocalKey<RefCell<rustc_hash::FxHashMap<String, T>>>,
    key: &str,
    make: impl FnOnce(&str) -> T,
) -> T {
    with_cached(cache, key, make, T::clone)
}

/// `read` of `make(key)`, from this thread's `cache` when it was made
/// before: a value read in place is not copied.
fn with_cached<T, R>(
    cache: &'static std::thread::LocalKey<RefCell<rustc_hash::FxHashMap<String, T>>>,
    key: &str,
    make: impl FnOnce(&str) -> T,
    read: impl FnOnce(&T) -> R,
) -> R {
    cache.with(|cache| {
        if let Some(value) = cache.borrow().get(key) {
            return read(value);
        }
        let value = make(key);
        let read = read(&value);
        cache.borrow_mut().insert(key.to_string(), value);
        read
    })
}

/// [`slugify`] of a type or a tag: the facet value rows and URLs carry.
pub fn facet_slug(value: &str) -> String {
    cached(&SLUGS, value, slugify)
}

/// The [`facet_slug`]s of `values` joined by `|`, as a row's `data-tags`
/// holds them: one string made, not one for each value.
pub fn facet_slugs_joined(values: &[impl AsRef<str>]) -> String {
    let mut joined = String::new();
    push_facet_slugs_joined(&mut joined, values);
    joined
}

/// [`facet_slugs_joined`] written at the end of `out`.
pub fn push_facet_slugs_joined(out: &mut String, values: &[impl AsRef<str>]) {
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push('|');
        }
        push_facet_slug(out, value.as_ref());
    }
}

/// [`facet_slug`] written at the end of `out`.
pub fn push_facet_slug(out: &mut String, value: &str) {
    with_cached(&SLUGS, value, slugify, |slug| out.push_str(slug));
}

/// [`collation_key`] of an option's label.
fn label_key(label: &str) -> Vec<u32> {
    cached(&COLLATION, label, collation_key)
}

/// `values` (slug → label, first label seen) as options in Vietnamese
/// alphabetical order of their labels.
fn options(values: Vec<(String, &str)>) -> Vec<FacetOption> {
    let mut seen = BTreeSet::new();
    let mut options: Vec<FacetOption> = values
        .into_iter()
        .filter(|(slug, _)| !slug.is_empty() && seen.insert(slug.clone()))
        .map(|(value, label)| FacetOption { value, label: label.to_string() })
        .collect();
    options.sort_by_cached_key(|o| (label_key(&o.label), o.value.clone()));
    options
}

/// Slugs of the few distinct values a list holds, each made once.
#[derive(Default)]
struct Slugs<'v>(rustc_hash::FxHashMap<&'v str, usize>, Vec<(String, &'v str)>);

impl<'v> Slugs<'v> {
    /// The position of `value` in the table, added when new.
    fn index(&mut self, value: &'v str) -> usize {
        let table = &mut self.1;
        *self.0.entry(value).or_insert_with(|| {
            table.push((facet_slug(value), value));
            table.len() - 1
        })
    }
}

impl<'a> Plan<'a> {
    /// The list a page shows, when a reader can filter it.
    pub fn list_of(&self, kind: PageKind) -> Option<List> {
        Some(match kind {
            PageKind::Directive(id) => List::Citers(self.archive.cited_as[id]?),
            PageKind::Cited(id) => List::Citers(id),
            PageKind::Province(id) => List::Province(id),
            PageKind::ProvinceMonth(id, position) => List::ProvinceMonth(id, position),
            PageKind::Month(y, m) => List::Month(y, m),
            PageKind::Day(y, m, d) => List::Day(y, m, d),
            PageKind::Undated => List::Undated,
            PageKind::Issuer(i) => List::Issuer(i),
            PageKind::Type(i) => List::Type(i),
            _ => return None,
        })
    }

    /// The directives of a list, in the order its pages show them.
    pub(super) fn list_docs(&self, list: List) -> Cow<'a, [DocId]> {
        let archive = self.archive;
        match list {
            List::Citers(id) => Cow::Borrowed(&archive.cited[id].citers),
            List::Province(id) => Cow::Borrowed(&archive.by_province[id]),
            List::ProvinceMonth(id, position) => Cow::Borrowed(self.province_month_docs(id, position)),
            List::Month(y, m) => {
                let month = &archive.timeline.years[y].months[m];
                let days = month.days.iter().flat_map(|d| d.docs.iter());
                Cow::Owned(days.chain(&month.month_only).copied().collect())
            }
            List::Day(y, m, d) => Cow::Borrowed(&archive.timeline.years[y].months[m].days[d].docs),
            List::Undated => Cow::Borrowed(&archive.timeline.undated),
            List::Issuer(i) => Cow::Borrowed(&archive.issuers[i].docs),
            List::Type(i) => Cow::Borrowed(&archive.types[i].docs),
        }
    }

    /// A province's directives of the month at `position` of the axis: one
    /// run of its list, which is in archive order (by date, undated last),
    /// found by halving rather than by reading the whole list for each of
    /// its months.
    pub(super) fn province_month_docs(&self, id: ProvinceId, position: usize) -> &'a [DocId] {
        let month = self.months[position];
        let target = (month.year, Some(month.month));
        let docs = &self.archive.by_province[id];
        let month_of = |doc: &DocId| self.archive.directives[*doc].date.map(|d| (d.year, d.month));
        let start = docs.partition_point(|doc| month_of(doc).is_some_and(|m| m < target));
        let length = docs[start..].partition_point(|doc| month_of(doc) == Some(target));
        &docs[start..start + length]
    }

    /// The path of a list's data file: beside its first part's page.
    pub fn list_data_path(first_part: &str) -> String {
        format!("{}{LIST_DATA}", first_part.trim_end_matches("index.html"))
    }

    /// What the facet form of `page`'s list offers; `None` for a page
    /// without a list to filter, or a list of fewer than two.
    pub(super) fn list_filter(&self, page: &Page) -> Option<ListFilter> {
        let list = self.list_of(page.kind)?;
        let docs = self.list_docs(list);
        if docs.len() < 2 {
            return None;
        }
        let mut types = Slugs::default();
        let mut tags = Slugs::default();
        let mut levels = [false; LEVELS.len()];
        let mut years = BTreeSet::new();
        let (mut first, mut last): (Option<PartialDate>, Option<PartialDate>) = (None, None);
        for &doc in docs.iter() {
            let d = &self.archive.directives[doc];
            if let Some(name) = d.type_name.as_deref() {
                types.index(name);
            }
            for tag in &d.tags {
                tags.index(tag);
            }
            levels[self.rows[doc].level_index()] = true;
            if let Some(date) = d.date {
                years.insert(date.year);
                first = Some(first.map_or(date, |f| f.min(date)));
                last = Some(last.map_or(date, |l| l.max(date)));
            }
        }
        let first_page = if page.part == 0 { page.path.clone() } else { self.list_first_part(page) };
        Some(ListFilter {
            types: options(types.1),
            levels: LEVELS.iter().zip(levels).filter(|(_, present)| *present).map(|(l, _)| *l).collect(),
            years: years.into_iter().collect(),
            tags: options(tags.1),
            first_day: first.map(|d| format!("{}-{:02}-{:02}", d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))),
            last_day: last.map(|d| d.last_possible_day().format("%Y-%m-%d").to_string()),
            total: docs.len(),
            data: (page.parts > 1).then(|| Plan::list_data_path(&first_page)),
        })
    }

    /// The path of the first part of the list `page` is a part of.
    fn list_first_part(&self, page: &Page) -> String {
        let suffix = format!("trang-{}/index.html", page.part + 1);
        format!("{}index.html", page.path.trim_end_matches(&suffix))
    }

    /// Every row of a list, for its data file.
    pub(super) fn list_rows(&'a self, list: List) -> ListRows<'a> {
        let archive = self.archive;
        let docs = self.list_docs(list);
        let cited = match list {
            List::Citers(id) => Some(id),
            _ => None,
        };
        let mut provinces: Vec<(&'a str, &'a str)> = Vec::new();
        let mut province_index: rustc_hash::FxHashMap<ProvinceId, usize> = Default::default();
        let mut types = Slugs::default();
        let mut tags = Slugs::default();
        let rows = docs
            .iter()
            .map(|&doc| {
                let d = &archive.directives[doc];
                let place = match (d.province, d.jurisdiction()) {
                    (Some(p), _) => Place::Province(*province_index.entry(p).or_insert_with(|| {
                        let province = self.provinces.get(p);
                        provinces.push((province.name.as_str(), province.slug.as_str()));
                        provinces.len() - 1
                    })),
                    (None, Jurisdiction::Province(_)) => Place::Other(Jurisdiction::ProvinceUnknown.slug()),
                    (None, jurisdiction) => Place::Other(jurisdiction.slug()),
                };
                let href = self.directive_paths[doc].as_str();
                let href = href.strip_prefix("van-ban/").unwrap_or(href);
                let row = &self.rows[doc];
                ListRow(
                    href.strip_suffix("/index.html").unwrap_or(href),
                    row.date(),
                    row.date_iso(),
                    self.field_shown(doc, "number", d.number_printed.as_deref()),
                    place,
                    self.title_shown(doc),
                    d.type_name.as_deref().map(|name| types.index(name)),
                    row.level(),
                    d.tags.iter().map(|tag| tags.index(tag)).collect(),
                    cited.and_then(|c| self.days_after(c, doc)),
                    row.not_before(),
                )
            })
            .collect();
        ListRows { provinces, types: types.1, tags: tags.1, days: cited.is_some(), rows }
    }

    /// A split list's data file, after the parts of its page.
    pub(super) fn list_data_page(&self, first_part: &str, kind: PageKind, parts: usize) -> Option<Page> {
        let list = self.list_of(kind).filter(|_| parts > 1)?;
        Some(Page { path: Plan::list_data_path(first_part), kind: PageKind::ListData(list), part: 0, parts: 1 })
    }

    /// "The week after" and "the 30 days after" a cited central directive's
    /// date: its list of citers, filtered by date. `None` for a directive
    /// of a province, one not dated to the day, or one nothing cites.
    pub(super) fn after_links(&self, id: CitedId) -> Option<AfterLinks> {
        let cited = &self.archive.cited[id];
        if cited.citers.is_empty() || cited.jurisdiction() != Jurisdiction::Central {
            return None;
        }
        let date = cited.date?;
        let href = &self.cited_paths[id];
        Some(AfterLinks {
            week: date_range_href(href, date, WEEK_DAYS)?,
            month: date_range_href(href, date, MONTH_DAYS)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ranges_count_the_day_of_issue() {
        let date = PartialDate::ymd(2021, 8, 23);
        assert_eq!(
            date_range_href("a/index.html", date, WEEK_DAYS).unwrap(),
            "a/index.html#tu=2021-08-23&den=2021-08-29"
        );
        assert_eq!(
            date_range_href("a/index.html", date, MONTH_DAYS).unwrap(),
            "a/index.html#tu=2021-08-23&den=2021-09-21"
        );
        let month_only = PartialDate { year: 2021, month: Some(8), day: None };
        assert_eq!(date_range_href("a/index.html", month_only, WEEK_DAYS), None);
    }

    #[test]
    fn options_are_unique_slugs_in_vietnamese_order() {
        let options = options(vec![
            ("thong-bao".into(), "Thông báo"),
            ("cong-van".into(), "Công văn"),
            ("chi-thi".into(), "Chỉ thị"),
            ("cong-van".into(), "Công văn"),
            ("dien".into(), "Điện"),
            ("duong".into(), "Dương"),
        ]);
        let labels: Vec<&str> = options.iter().map(|o| o.label.as_str()).collect();
        assert_eq!(labels, ["Chỉ thị", "Công văn", "Dương", "Điện", "Thông báo"]);
        assert_eq!(options[0].value, "chi-thi");
    }

    #[test]
    fn data_files_sit_beside_the_first_part() {
        assert_eq!(Plan::list_data_path("tinh/ha-noi/index.html"), "tinh/ha-noi/danh-sach.js");
    }
}
