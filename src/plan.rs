//! Stage 4, plan: decide every page of the archive, its path, and what it
//! shows. Paths are short ASCII slugs; every link is relative to the page.
//! The list of pages is cheap; each page's content is built on demand
//! ([`Plan::content`]), so rendering in parallel never holds the whole site.

use crate::index::{Archive, CitedId, DocId, Group};
use crate::markdown;
use crate::model::{DirectiveKey, PartialDate, Scope};
use crate::provinces::{ProvinceId, ProvinceRegistry};
use crate::vietnamese::slugify;
use serde::Serialize;
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Directive(DocId),
    /// A cited directive whose text is not in the archive.
    Cited(CitedId),
    CitedIndex,
    Provinces,
    Province(ProvinceId),
    Timeline,
    /// Indices into the timeline's years, months and days.
    Year(usize),
    Month(usize, usize),
    Day(usize, usize, usize),
    Undated,
    Issuers,
    Issuer(usize),
    Types,
    Type(usize),
    /// The search page; its index is built by [`crate::search`].
    Search,
}

impl PageKind {
    /// The template that renders this kind of page.
    pub fn template(&self) -> &'static str {
        match self {
            PageKind::Home => "home.html",
            PageKind::Directive(_) => "directive.html",
            PageKind::Cited(_) => "cited.html",
            PageKind::CitedIndex => "cited_index.html",
            PageKind::Provinces => "provinces.html",
            PageKind::Province(_) => "province.html",
            PageKind::Timeline => "timeline.html",
            PageKind::Year(_) => "year.html",
            PageKind::Month(..) => "month.html",
            PageKind::Day(..) => "day.html",
            PageKind::Undated => "undated.html",
            PageKind::Issuers | PageKind::Types => "groups.html",
            PageKind::Issuer(_) | PageKind::Type(_) => "group.html",
            PageKind::Search => "search.html",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Output path relative to the archive root, e.g. `tinh/quang-ngai/index.html`.
    pub path: String,
    pub kind: PageKind,
}

/// Every page of the archive, and the path of everything that has one.
pub struct Plan<'a> {
    pub archive: &'a Archive,
    pub provinces: &'a ProvinceRegistry,
    pub pages: Vec<Page>,
    directive_paths: Vec<String>,
    cited_paths: Vec<String>,
    issuer_paths: Vec<String>,
    type_paths: Vec<String>,
}

pub const HOME: &str = "index.html";
pub const PROVINCES: &str = "tinh/index.html";
pub const TIMELINE: &str = "thoi-gian/index.html";
pub const UNDATED: &str = "thoi-gian/khong-ro/index.html";
pub const CITED_INDEX: &str = "trich-dan/index.html";
pub const ISSUERS: &str = "co-quan/index.html";
pub const TYPES: &str = "loai/index.html";
/// The search page, beside its index (`tim-kiem/meta.js` …).
pub const SEARCH: &str = "tim-kiem/index.html";

fn province_path(provinces: &ProvinceRegistry, id: ProvinceId) -> String {
    format!("tinh/{}/index.html", provinces.get(id).slug)
}

fn year_path(year: i32) -> String {
    format!("thoi-gian/{year}/index.html")
}

fn month_path(year: i32, month: u32) -> String {
    format!("thoi-gian/{year}/{month:02}/index.html")
}

fn day_path(year: i32, month: u32, day: u32) -> String {
    format!("thoi-gian/{year}/{month:02}/{day:02}/index.html")
}

/// Keeps generated paths unique: a clash gets `-2`, `-3` … in plan order,
/// which is deterministic.
#[derive(Default)]
struct PathSet(HashSet<String>);

impl PathSet {
    fn claim(&mut self, folder: &str, slug: &str) -> String {
        let slug = if slug.is_empty() { "van-ban" } else { slug };
        let mut candidate = format!("{folder}/{slug}/index.html");
        let mut n = 2;
        while !self.0.insert(candidate.clone()) {
            candidate = format!("{folder}/{slug}-{n}/index.html");
            n += 1;
        }
        candidate
    }
}

/// The folder of a directive's page: `van-ban/{scope}/{year}`. A directive's
/// path depends only on its identity, so a cited directive keeps its URL when
/// its text is later added to the archive.
fn scope_folder(provinces: &ProvinceRegistry, scope: &Scope, year: Option<i32>) -> String {
    let scope = match scope {
        Scope::Central => "tw".to_string(),
        Scope::Province(id) => provinces.get(*id).slug.clone(),
        Scope::UnknownProvince(_) => "khong-ro-tinh".to_string(),
    };
    let year = year.map_or("khong-ro".to_string(), |y| y.to_string());
    format!("van-ban/{scope}/{year}")
}

fn key_folder(provinces: &ProvinceRegistry, key: &DirectiveKey) -> String {
    scope_folder(provinces, &key.scope, key.year)
}

impl<'a> Plan<'a> {
    pub fn new(archive: &'a Archive, provinces: &'a ProvinceRegistry) -> Self {
        let mut paths = PathSet::default();
        let directive_paths: Vec<String> = archive
            .directives
            .iter()
            .map(|d| match d.key() {
                Some(key) => paths.claim(&key_folder(provinces, &key), &slugify(&key.number)),
                None => {
                    let scope = d.province.map_or(Scope::UnknownProvince(String::new()), Scope::Province);
                    let stem = d.source_path.rsplit('/').next().unwrap_or(&d.source_path).trim_end_matches(".md");
                    paths.claim(&scope_folder(provinces, &scope, d.date.map(|x| x.year)), &slugify(stem))
                }
            })
            .collect();
        let cited_paths = archive
            .cited
            .iter()
            .map(|c| match c.in_archive {
                Some(doc) => directive_paths[doc].clone(),
                None => paths.claim(&key_folder(provinces, &c.key), &slugify(&c.key.number)),
            })
            .collect();
        let group_paths = |folder: &str, groups: &[Group], paths: &mut PathSet| -> Vec<String> {
            groups.iter().map(|g| paths.claim(folder, &slugify(&g.name))).collect()
        };
        let issuer_paths = group_paths("co-quan", &archive.issuers, &mut paths);
        let type_paths = group_paths("loai", &archive.types, &mut paths);
        let mut plan =
            Plan { archive, provinces, pages: Vec::new(), directive_paths, cited_paths, issuer_paths, type_paths };
        plan.pages = plan.list_pages();
        plan
    }

    fn list_pages(&self) -> Vec<Page> {
        let archive = self.archive;
        let mut pages = Vec::new();
        let mut add = |path: String, kind: PageKind| pages.push(Page { path, kind });
        add(HOME.into(), PageKind::Home);
        for (id, path) in self.directive_paths.iter().enumerate() {
            add(path.clone(), PageKind::Directive(id));
        }
        for (id, cited) in archive.cited.iter().enumerate() {
            if cited.in_archive.is_none() {
                add(self.cited_paths[id].clone(), PageKind::Cited(id));
            }
        }
        add(CITED_INDEX.into(), PageKind::CitedIndex);
        add(PROVINCES.into(), PageKind::Provinces);
        for &id in &archive.province_order {
            add(province_path(self.provinces, id), PageKind::Province(id));
        }
        add(TIMELINE.into(), PageKind::Timeline);
        for (y, year) in archive.timeline.years.iter().enumerate() {
            add(year_path(year.year), PageKind::Year(y));
            for (m, month) in year.months.iter().enumerate() {
                add(month_path(year.year, month.month), PageKind::Month(y, m));
                for (d, day) in month.days.iter().enumerate() {
                    add(day_path(year.year, month.month, day.day), PageKind::Day(y, m, d));
                }
            }
        }
        add(UNDATED.into(), PageKind::Undated);
        add(ISSUERS.into(), PageKind::Issuers);
        for (i, path) in self.issuer_paths.iter().enumerate() {
            add(path.clone(), PageKind::Issuer(i));
        }
        add(TYPES.into(), PageKind::Types);
        for (i, path) in self.type_paths.iter().enumerate() {
            add(path.clone(), PageKind::Type(i));
        }
        add(SEARCH.into(), PageKind::Search);
        pages
    }

    pub fn directive_path(&self, id: DocId) -> &str {
        &self.directive_paths[id]
    }

    pub fn cited_path(&self, id: CitedId) -> &str {
        &self.cited_paths[id]
    }
}

// ---------------------------------------------------------------------------
// Page content: plain data for the templates. Every `href` is relative to
// the archive root; templates prefix it with `root` (e.g. `../../`).

#[derive(Debug, Serialize)]
pub struct Link {
    pub href: String,
    pub label: String,
}

/// What a page shows. Serialised into the template context beside `page`.
#[derive(Serialize)]
pub struct PageContext<'a> {
    /// From this page back to the archive root: `""`, `"../"`, `"../../"` …
    pub root: String,
    pub path: &'a str,
    pub kind: &'static str,
    pub breadcrumbs: Vec<Crumb>,
    #[serde(flatten)]
    pub content: Content<'a>,
}

/// One step of the breadcrumb trail; `kind` names the interface string.
#[derive(Debug, Serialize)]
pub struct Crumb {
    pub kind: &'static str,
    pub label: String,
    pub href: String,
}

#[derive(Serialize)]
#[serde(untagged)]
pub enum Content<'a> {
    Home(HomeData<'a>),
    Directive(Box<DirectiveData<'a>>),
    Cited(CitedData<'a>),
    CitedIndex {
        cited: Vec<CitedSummary<'a>>,
    },
    Provinces {
        regions: Vec<RegionData<'a>>,
    },
    Province(ProvinceData<'a>),
    Timeline {
        years: Vec<YearSummary>,
        undated: usize,
    },
    Year(YearData<'a>),
    Month(MonthData<'a>),
    Day(DayData<'a>),
    Undated {
        docs: Vec<DocSummary<'a>>,
    },
    Groups {
        group_kind: &'static str,
        groups: Vec<GroupSummary<'a>>,
    },
    Group {
        group_kind: &'static str,
        name: &'a str,
        docs: Vec<DocSummary<'a>>,
    },
    /// The search page: the results are the client's; the page only frames them.
    Search {
        directives: usize,
    },
}

/// A directive in a list.
#[derive(Debug, Serialize)]
pub struct DocSummary<'a> {
    pub href: &'a str,
    pub number: Option<&'a str>,
    pub type_name: Option<&'a str>,
    pub title: &'a str,
    pub issuer: Option<&'a str>,
    pub province: Option<&'a str>,
    pub province_href: Option<String>,
    /// Display date ("16/6/2021", "tháng 7/2021") and ISO date at its precision.
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub not_before: Option<String>,
    /// Days since the cited directive, on lists of citers.
    pub days: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct CitedSummary<'a> {
    pub href: &'a str,
    pub number: String,
    pub type_name: Option<&'a str>,
    pub issuer: Option<&'a str>,
    pub title: Option<&'a str>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub in_archive: bool,
    pub citers: usize,
}

#[derive(Serialize)]
pub struct HomeData<'a> {
    pub directives: usize,
    pub provinces_with_directives: usize,
    pub cited_count: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub undated: usize,
    pub years: Vec<YearSummary>,
    pub provinces: Vec<ProvinceSummary<'a>>,
    pub top_cited: Vec<CitedSummary<'a>>,
    pub types: Vec<GroupSummary<'a>>,
}

/// One row of the directive's metadata table. `key` names the label in the
/// interface strings; `inferred` values were supplied by an editor.
#[derive(Debug, Serialize)]
pub struct MetaRow {
    pub key: &'static str,
    pub items: Vec<MetaItem>,
    pub inferred: bool,
}

#[derive(Debug, Serialize)]
pub struct MetaItem {
    pub text: String,
    pub href: Option<String>,
}

#[derive(Serialize)]
pub struct DirectiveData<'a> {
    pub title: &'a str,
    pub number: Option<&'a str>,
    pub type_name: Option<&'a str>,
    pub issuer: Option<&'a str>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
    pub meta: Vec<MetaRow>,
    pub signer: Option<&'a crate::model::Signer>,
    pub signer_inferred: bool,
    pub recipients: &'a [String],
    pub distribution: &'a [String],
    pub tags: &'a [String],
    pub source: Option<&'a str>,
    pub notes: Option<&'a str>,
    pub inferred: &'a [String],
    pub extra: &'a serde_json::Value,
    pub source_path: &'a str,
    pub body_html: String,
    pub cites: Vec<CitedSummary<'a>>,
    pub cited_by: Vec<DocSummary<'a>>,
    pub previous: Option<DocSummary<'a>>,
    pub next: Option<DocSummary<'a>>,
    pub previous_in_province: Option<DocSummary<'a>>,
    pub next_in_province: Option<DocSummary<'a>>,
}

#[derive(Serialize)]
pub struct CitedData<'a> {
    pub cited: CitedSummary<'a>,
    pub citers: Vec<DocSummary<'a>>,
    pub provinces: usize,
}

#[derive(Serialize)]
pub struct RegionData<'a> {
    pub region: &'a str,
    pub provinces: Vec<ProvinceSummary<'a>>,
}

#[derive(Serialize)]
pub struct ProvinceSummary<'a> {
    pub name: &'a str,
    pub href: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct ProvinceData<'a> {
    pub name: &'a str,
    pub kind_name: &'a str,
    pub region: &'a str,
    pub merged_into_2025: &'a str,
    pub count: usize,
    pub year_counts: Vec<YearCount>,
    pub groups: Vec<DocGroup<'a>>,
}

#[derive(Serialize)]
pub struct YearCount {
    pub year: Option<i32>,
    pub count: usize,
}

/// Directives under one heading (a year; `None` for undated).
#[derive(Serialize)]
pub struct DocGroup<'a> {
    pub year: Option<i32>,
    pub docs: Vec<DocSummary<'a>>,
}

#[derive(Serialize)]
pub struct YearSummary {
    pub year: i32,
    pub href: String,
    pub count: usize,
    pub months: Vec<MonthSummary>,
}

#[derive(Serialize)]
pub struct MonthSummary {
    pub year: i32,
    pub month: u32,
    pub href: String,
    pub count: usize,
}

#[derive(Serialize)]
pub struct YearData<'a> {
    pub year: i32,
    pub count: usize,
    pub months: Vec<MonthSummary>,
    pub year_only: Vec<DocSummary<'a>>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

#[derive(Serialize)]
pub struct DaySection<'a> {
    pub day: u32,
    pub href: String,
    pub docs: Vec<DocSummary<'a>>,
}

#[derive(Serialize)]
pub struct MonthData<'a> {
    pub year: i32,
    pub month: u32,
    pub count: usize,
    pub year_href: String,
    pub days: Vec<DaySection<'a>>,
    pub month_only: Vec<DocSummary<'a>>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

#[derive(Serialize)]
pub struct DayData<'a> {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub year_href: String,
    pub month_href: String,
    pub docs: Vec<DocSummary<'a>>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

#[derive(Serialize)]
pub struct GroupSummary<'a> {
    pub name: &'a str,
    pub href: &'a str,
    pub count: usize,
}

/// `../` once per folder in the page's path.
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

fn crumb(kind: &'static str, label: impl Into<String>, href: impl Into<String>) -> Crumb {
    Crumb { kind, label: label.into(), href: href.into() }
}

impl<'a> Plan<'a> {
    /// The content of one page, ready for its template.
    pub fn content(&'a self, page: &'a Page) -> PageContext<'a> {
        let (kind, breadcrumbs, content) = match page.kind {
            PageKind::Home => ("home", vec![], Content::Home(self.home())),
            PageKind::Directive(id) => {
                ("directive", self.directive_crumbs(id), Content::Directive(Box::new(self.directive(id))))
            }
            PageKind::Cited(id) => {
                let crumbs = vec![crumb("cited_index", "", CITED_INDEX)];
                ("cited", crumbs, Content::Cited(self.cited(id)))
            }
            PageKind::CitedIndex => ("cited_index", vec![], Content::CitedIndex { cited: self.cited_index() }),
            PageKind::Provinces => ("provinces", vec![], Content::Provinces { regions: self.regions() }),
            PageKind::Province(id) => {
                ("province", vec![crumb("provinces", "", PROVINCES)], Content::Province(self.province(id)))
            }
            PageKind::Timeline => {
                let content =
                    Content::Timeline { years: self.year_summaries(), undated: self.archive.timeline.undated.len() };
                ("timeline", vec![], content)
            }
            PageKind::Year(y) => ("year", vec![crumb("timeline", "", TIMELINE)], Content::Year(self.year(y))),
            PageKind::Month(y, m) => {
                let year = self.archive.timeline.years[y].year;
                let crumbs = vec![crumb("timeline", "", TIMELINE), crumb("year", year.to_string(), year_path(year))];
                ("month", crumbs, Content::Month(self.month(y, m)))
            }
            PageKind::Day(y, m, d) => {
                let year = &self.archive.timeline.years[y];
                let month = year.months[m].month;
                let crumbs = vec![
                    crumb("timeline", "", TIMELINE),
                    crumb("year", year.year.to_string(), year_path(year.year)),
                    crumb("month", format!("{month}/{}", year.year), month_path(year.year, month)),
                ];
                ("day", crumbs, Content::Day(self.day(y, m, d)))
            }
            PageKind::Undated => {
                let docs = self.summaries(&self.archive.timeline.undated);
                ("undated", vec![crumb("timeline", "", TIMELINE)], Content::Undated { docs })
            }
            PageKind::Issuers => ("issuers", vec![], self.groups("issuers", &self.archive.issuers, &self.issuer_paths)),
            PageKind::Types => ("types", vec![], self.groups("types", &self.archive.types, &self.type_paths)),
            PageKind::Issuer(i) => {
                let group = &self.archive.issuers[i];
                let content =
                    Content::Group { group_kind: "issuer", name: &group.name, docs: self.summaries(&group.docs) };
                ("issuer", vec![crumb("issuers", "", ISSUERS)], content)
            }
            PageKind::Type(i) => {
                let group = &self.archive.types[i];
                let content =
                    Content::Group { group_kind: "type", name: &group.name, docs: self.summaries(&group.docs) };
                ("type", vec![crumb("types", "", TYPES)], content)
            }
            PageKind::Search => ("search", vec![], Content::Search { directives: self.archive.directives.len() }),
        };
        PageContext { root: root_of(&page.path), path: &page.path, kind, breadcrumbs, content }
    }

    fn summary(&'a self, id: DocId) -> DocSummary<'a> {
        let d = &self.archive.directives[id];
        DocSummary {
            href: &self.directive_paths[id],
            number: d.number_printed.as_deref(),
            type_name: d.type_name.as_deref(),
            title: &d.title,
            issuer: d.issuer.as_deref(),
            province: d.province.map(|p| self.provinces.get(p).name.as_str()),
            province_href: d.province.map(|p| province_path(self.provinces, p)),
            date: d.date.map(|x| x.display_vi()),
            date_iso: d.date.map(|x| x.to_string()),
            not_before: d.not_before.map(|x| x.display_vi()),
            days: None,
        }
    }

    fn summaries(&'a self, ids: &[DocId]) -> Vec<DocSummary<'a>> {
        ids.iter().map(|&id| self.summary(id)).collect()
    }

    fn cited_summary(&'a self, id: CitedId) -> CitedSummary<'a> {
        let c = &self.archive.cited[id];
        CitedSummary {
            href: &self.cited_paths[id],
            number: c.key.number.clone(),
            type_name: c.type_name.as_deref(),
            issuer: c.issuer.as_deref(),
            title: c.title.as_deref(),
            date: c.date.map(|x| x.display_vi()),
            date_iso: c.date.map(|x| x.to_string()),
            in_archive: c.in_archive.is_some(),
            citers: c.citers.len(),
        }
    }

    /// The directives that cite `id`, each with the days since it was issued.
    fn citers(&'a self, id: CitedId) -> Vec<DocSummary<'a>> {
        let cited = &self.archive.cited[id];
        cited
            .citers
            .iter()
            .map(|&doc| {
                let mut summary = self.summary(doc);
                let citer_date = self.archive.directives[doc].date;
                summary.days = cited.date.zip(citer_date).and_then(|(from, to)| from.days_until(&to));
                summary
            })
            .collect()
    }

    fn cited_index(&'a self) -> Vec<CitedSummary<'a>> {
        let mut ids: Vec<CitedId> = (0..self.archive.cited.len()).collect();
        // Most cited first; ties keep key order, which is deterministic.
        ids.sort_by_key(|&id| std::cmp::Reverse(self.archive.cited[id].citers.len()));
        ids.into_iter().map(|id| self.cited_summary(id)).collect()
    }

    fn home(&'a self) -> HomeData<'a> {
        let archive = self.archive;
        let dated = || archive.directives.iter().filter_map(|d| d.date);
        let mut top_cited = self.cited_index();
        top_cited.truncate(20);
        let provinces: Vec<ProvinceSummary> = archive
            .province_order
            .iter()
            .filter(|&&p| !archive.by_province[p].is_empty())
            .map(|&p| self.province_summary(p))
            .collect();
        HomeData {
            directives: archive.directives.len(),
            provinces_with_directives: provinces.len(),
            cited_count: archive.cited.len(),
            first_date: dated().min().map(|d| d.display_vi()),
            last_date: dated().max().map(|d| d.display_vi()),
            undated: archive.timeline.undated.len(),
            years: self.year_summaries(),
            provinces,
            top_cited,
            types: self.group_summaries(&archive.types, &self.type_paths),
        }
    }

    fn province_summary(&'a self, id: ProvinceId) -> ProvinceSummary<'a> {
        ProvinceSummary {
            name: &self.provinces.get(id).name,
            href: province_path(self.provinces, id),
            count: self.archive.by_province[id].len(),
        }
    }

    fn regions(&'a self) -> Vec<RegionData<'a>> {
        let mut regions: Vec<RegionData> = Vec::new();
        // Regions in the order the table lists them (north to south).
        for province in self.provinces.all() {
            if !regions.iter().any(|r| r.region == province.region) {
                regions.push(RegionData { region: &province.region, provinces: Vec::new() });
            }
        }
        for &id in &self.archive.province_order {
            let region = &self.provinces.get(id).region;
            let entry = regions.iter_mut().find(|r| r.region == region).expect("listed above");
            entry.provinces.push(self.province_summary(id));
        }
        regions
    }

    fn province(&'a self, id: ProvinceId) -> ProvinceData<'a> {
        let province = self.provinces.get(id);
        let docs = &self.archive.by_province[id];
        let mut groups: Vec<DocGroup> = Vec::new();
        for &doc in docs {
            let year = self.archive.directives[doc].date.map(|d| d.year);
            if groups.last().is_none_or(|g| g.year != year) {
                groups.push(DocGroup { year, docs: Vec::new() });
            }
            groups.last_mut().expect("pushed above").docs.push(self.summary(doc));
        }
        let year_counts = groups.iter().map(|g| YearCount { year: g.year, count: g.docs.len() }).collect();
        ProvinceData {
            name: &province.name,
            kind_name: &province.kind,
            region: &province.region,
            merged_into_2025: &province.merged_into_2025,
            count: docs.len(),
            year_counts,
            groups,
        }
    }

    fn month_summaries(&'a self, y: usize) -> Vec<MonthSummary> {
        let year = &self.archive.timeline.years[y];
        year.months
            .iter()
            .map(|m| MonthSummary {
                year: year.year,
                month: m.month,
                href: month_path(year.year, m.month),
                count: m.count,
            })
            .collect()
    }

    fn year_summaries(&'a self) -> Vec<YearSummary> {
        let years = &self.archive.timeline.years;
        years
            .iter()
            .enumerate()
            .map(|(y, year)| YearSummary {
                year: year.year,
                href: year_path(year.year),
                count: year.count,
                months: self.month_summaries(y),
            })
            .collect()
    }

    fn year(&'a self, y: usize) -> YearData<'a> {
        let years = &self.archive.timeline.years;
        let year = &years[y];
        let link = |i: usize| Link { href: year_path(years[i].year), label: years[i].year.to_string() };
        YearData {
            year: year.year,
            count: year.count,
            months: self.month_summaries(y),
            year_only: self.summaries(&year.year_only),
            previous: y.checked_sub(1).map(link),
            next: (y + 1 < years.len()).then(|| link(y + 1)),
        }
    }

    /// All months of the timeline in order, as (year index, month index).
    fn month_positions(&'a self) -> Vec<(usize, usize)> {
        let years = &self.archive.timeline.years;
        years.iter().enumerate().flat_map(|(y, year)| (0..year.months.len()).map(move |m| (y, m))).collect()
    }

    fn month(&'a self, y: usize, m: usize) -> MonthData<'a> {
        let years = &self.archive.timeline.years;
        let year = &years[y];
        let month = &year.months[m];
        let positions = self.month_positions();
        let here = positions.iter().position(|&p| p == (y, m)).expect("a month of the timeline");
        let link = |(y, m): (usize, usize)| {
            let (year, month) = (years[y].year, years[y].months[m].month);
            Link { href: month_path(year, month), label: format!("{month}/{year}") }
        };
        let days = month
            .days
            .iter()
            .map(|d| DaySection {
                day: d.day,
                href: day_path(year.year, month.month, d.day),
                docs: self.summaries(&d.docs),
            })
            .collect();
        MonthData {
            year: year.year,
            month: month.month,
            count: month.count,
            year_href: year_path(year.year),
            days,
            month_only: self.summaries(&month.month_only),
            previous: here.checked_sub(1).map(|i| link(positions[i])),
            next: positions.get(here + 1).map(|&p| link(p)),
        }
    }

    fn day(&'a self, y: usize, m: usize, d: usize) -> DayData<'a> {
        let years = &self.archive.timeline.years;
        let (year, month) = (&years[y], &years[y].months[m]);
        let day = &month.days[d];
        let date = PartialDate::ymd(year.year, month.month, day.day);
        let link = |date: PartialDate| Link {
            href: day_path(date.year, date.month.unwrap_or(1), date.day.unwrap_or(1)),
            label: date.display_vi(),
        };
        let neighbour = |step: isize| -> Option<PartialDate> {
            // Days that have directives, across month and year boundaries.
            let mut all = self.archive.timeline.years.iter().flat_map(|yr| {
                yr.months
                    .iter()
                    .flat_map(move |mo| mo.days.iter().map(move |dy| PartialDate::ymd(yr.year, mo.month, dy.day)))
            });
            if step < 0 {
                all.take_while(|x| *x < date).last()
            } else {
                all.find(|x| *x > date)
            }
        };
        DayData {
            year: year.year,
            month: month.month,
            day: day.day,
            year_href: year_path(year.year),
            month_href: month_path(year.year, month.month),
            docs: self.summaries(&day.docs),
            previous: neighbour(-1).map(link),
            next: neighbour(1).map(link),
        }
    }

    fn group_summaries(&'a self, groups: &'a [Group], paths: &'a [String]) -> Vec<GroupSummary<'a>> {
        groups.iter().zip(paths).map(|(g, href)| GroupSummary { name: &g.name, href, count: g.docs.len() }).collect()
    }

    fn groups(&'a self, group_kind: &'static str, groups: &'a [Group], paths: &'a [String]) -> Content<'a> {
        Content::Groups { group_kind, groups: self.group_summaries(groups, paths) }
    }

    fn cited(&'a self, id: CitedId) -> CitedData<'a> {
        let citers = self.citers(id);
        let mut provinces: Vec<&str> = citers.iter().filter_map(|c| c.province).collect();
        provinces.sort_unstable();
        provinces.dedup();
        CitedData { cited: self.cited_summary(id), provinces: provinces.len(), citers }
    }

    fn directive_crumbs(&'a self, id: DocId) -> Vec<Crumb> {
        let d = &self.archive.directives[id];
        match d.province {
            Some(p) => vec![
                crumb("provinces", "", PROVINCES),
                crumb("province", self.provinces.get(p).name.clone(), province_path(self.provinces, p)),
            ],
            None => vec![crumb("timeline", "", TIMELINE)],
        }
    }

    fn directive(&'a self, id: DocId) -> DirectiveData<'a> {
        let archive = self.archive;
        let d = &archive.directives[id];
        let links: Vec<(String, String)> = archive.cites_of[id]
            .iter()
            .map(|&c| (archive.cited[c].key.number.clone(), self.cited_paths[c].clone()))
            .collect();
        let province_docs = d.province.map(|p| &archive.by_province[p][..]).unwrap_or(&[]);
        let in_province = province_docs.binary_search(&id).ok();
        DirectiveData {
            title: &d.title,
            number: d.number_printed.as_deref(),
            type_name: d.type_name.as_deref(),
            issuer: d.issuer.as_deref(),
            date: d.date.map(|x| x.display_vi()),
            date_iso: d.date.map(|x| x.to_string()),
            meta: self.meta_rows(id),
            signer: d.signer.as_ref(),
            signer_inferred: d.inferred.iter().any(|k| k == "signer"),
            recipients: &d.recipients,
            distribution: &d.distribution,
            tags: &d.tags,
            source: d.source.as_deref(),
            notes: d.notes.as_deref(),
            inferred: &d.inferred,
            extra: &d.extra,
            source_path: &d.source_path,
            body_html: markdown::to_html(&d.body, &links, &root_of(&self.directive_paths[id])),
            cites: archive.cites_of[id].iter().map(|&c| self.cited_summary(c)).collect(),
            cited_by: archive.cited_as[id].map(|c| self.citers(c)).unwrap_or_default(),
            previous: id.checked_sub(1).map(|p| self.summary(p)),
            next: (id + 1 < archive.directives.len()).then(|| self.summary(id + 1)),
            previous_in_province: in_province.and_then(|i| i.checked_sub(1)).map(|i| self.summary(province_docs[i])),
            next_in_province: in_province.and_then(|i| province_docs.get(i + 1)).map(|&doc| self.summary(doc)),
        }
    }

    /// The metadata table: number, type, issuer, province, date, place, in
    /// that order; a missing value is shown as unknown rather than hidden.
    fn meta_rows(&'a self, id: DocId) -> Vec<MetaRow> {
        let d = &self.archive.directives[id];
        let inferred = |key: &str| d.inferred.iter().any(|k| k == key);
        let plain =
            |text: Option<&String>| text.map(|t| MetaItem { text: t.clone(), href: None }).into_iter().collect();
        let mut rows = vec![
            MetaRow { key: "number", items: plain(d.number_printed.as_ref()), inferred: inferred("number") },
            MetaRow { key: "type", items: plain(d.type_name.as_ref()), inferred: inferred("type") },
            MetaRow { key: "issuer", items: plain(d.issuer.as_ref()), inferred: inferred("issuer") },
        ];
        let province = d.province.map(|p| MetaItem {
            text: self.provinces.get(p).name.clone(),
            href: Some(province_path(self.provinces, p)),
        });
        rows.push(MetaRow { key: "province", items: province.into_iter().collect(), inferred: inferred("province") });
        let date_items = d.date.map(|date| self.date_links(date)).unwrap_or_default();
        rows.push(MetaRow { key: "date", items: date_items, inferred: inferred("date") });
        if let Some(not_before) = d.not_before {
            let item = MetaItem { text: not_before.display_vi(), href: None };
            rows.push(MetaRow { key: "not_before", items: vec![item], inferred: inferred("not_before") });
        }
        rows.push(MetaRow { key: "place", items: plain(d.place.as_ref()), inferred: inferred("place") });
        rows
    }

    /// A date as links to its day, month and year in the timeline, at the
    /// precision it has: "16" → day, "6" → month, "2021" → year.
    fn date_links(&'a self, date: PartialDate) -> Vec<MetaItem> {
        let mut items = Vec::new();
        if let (Some(month), Some(day)) = (date.month, date.day) {
            items.push(MetaItem { text: day.to_string(), href: Some(day_path(date.year, month, day)) });
        }
        if let Some(month) = date.month {
            let text = if date.day.is_some() { month.to_string() } else { format!("tháng {month}") };
            items.push(MetaItem { text, href: Some(month_path(date.year, month)) });
        }
        items.push(MetaItem { text: date.year.to_string(), href: Some(year_path(date.year)) });
        items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_climbs_one_level_per_folder() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("tinh/quang-ngai/index.html"), "../../");
    }

    #[test]
    fn clashing_slugs_get_numbered_suffixes() {
        let mut paths = PathSet::default();
        assert_eq!(paths.claim("co-quan", "tinh-uy"), "co-quan/tinh-uy/index.html");
        assert_eq!(paths.claim("co-quan", "tinh-uy"), "co-quan/tinh-uy-2/index.html");
        assert_eq!(paths.claim("co-quan", ""), "co-quan/van-ban/index.html");
    }
}
