//! Stage 4, plan: decide every page of the archive, its path, and what it
//! shows. Paths are short ASCII slugs; every link is relative to the page.
//! The list of pages is cheap; each page's content is built on demand
//! ([`Plan::content`]), so rendering in parallel never holds the whole site.

pub mod charts;
pub mod fingerprint;

mod content;
pub mod data;
pub mod filters;
pub mod outputs;
mod rows;
mod uptake;
mod weeks;
pub use content::*;
pub use filters::{List, ListFilter, ListRows};
pub use outputs::{DataFile, Feed};
pub use uptake::*;
pub use weeks::*;

use crate::content::model::PartialDate;
use crate::content::model::{DirectiveKey, Scope};
use crate::graph::{Archive, CitedId, DocId, Group};
use crate::plan::charts::YearMonth;
use crate::text::provinces::{ProvinceId, ProvinceRegistry};
use crate::text::vietnamese::slugify;
use rayon::prelude::*;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Directive(DocId),
    /// A cited directive whose text is not in the archive.
    Cited(CitedId),
    CitedIndex,
    Provinces,
    Province(ProvinceId),
    /// A province's directives of one month (index into [`Plan::months`]).
    ProvinceMonth(ProvinceId, usize),
    Timeline,
    /// Indices into the timeline's years, months and days.
    Year(usize),
    Month(usize, usize),
    Day(usize, usize, usize),
    /// An ISO week (index into [`Plan::weeks`]).
    Week(usize),
    Undated,
    Issuers,
    Issuer(usize),
    Types,
    Type(usize),
    /// The search page; its index is built by [`crate::search`].
    Search,
    /// `404.html`, which web servers show for an address the archive does
    /// not have.
    NotFound,
    /// An Atom feed of the newest directives of a list ([`outputs`]).
    Feed(Feed),
    /// Part of the sitemap (only with `base_url`): the whole sitemap when it
    /// has one part, else one of the parts its index lists.
    Sitemap(usize),
    /// The sitemap index, when the sitemap has more than one part.
    SitemapIndex,
    /// `robots.txt`, pointing at the sitemap (only with `base_url`).
    Robots,
    /// A file of the open data in `du-lieu/` (no template: [`crate::render::data`]).
    Data(DataFile),
    /// The page that explains the open data, `du-lieu/index.html`.
    DataPage,
    /// Every row of a list split into parts, for filtering it whole in
    /// the browser (no template: [`crate::render::list_data`]).
    ListData(List),
}

impl PageKind {
    /// The template that renders this kind of page; `None` for the open
    /// data files, whose bytes [`crate::render::data`] writes.
    pub fn template(&self) -> Option<&'static str> {
        Some(match self {
            PageKind::Home => "home.html",
            PageKind::Directive(_) => "directive.html",
            PageKind::Cited(_) => "cited.html",
            PageKind::CitedIndex => "cited_index.html",
            PageKind::Provinces => "provinces.html",
            PageKind::Province(_) => "province.html",
            PageKind::ProvinceMonth(..) => "province_month.html",
            PageKind::Timeline => "timeline.html",
            PageKind::Year(_) => "year.html",
            PageKind::Month(..) => "month.html",
            PageKind::Day(..) => "day.html",
            PageKind::Week(_) => "week.html",
            PageKind::Undated => "undated.html",
            PageKind::Issuers | PageKind::Types => "groups.html",
            PageKind::Issuer(_) | PageKind::Type(_) => "group.html",
            PageKind::Search => "search.html",
            PageKind::NotFound => "404.html",
            PageKind::Feed(_) => "feed.xml",
            PageKind::Sitemap(_) => "sitemap.xml",
            PageKind::SitemapIndex => "sitemap_index.xml",
            PageKind::Robots => "robots.txt",
            PageKind::DataPage => "data.html",
            PageKind::Data(_) | PageKind::ListData(_) => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Output path relative to the archive root, e.g. `tinh/quang-ngai/index.html`.
    pub path: String,
    pub kind: PageKind,
    /// Which part of a long list this page shows (0 for the first), and how
    /// many parts the list has.
    pub part: usize,
    pub parts: usize,
}

/// Directives listed on one page at most. Longer lists are split into
/// parts (`…/trang-2/index.html` …) so no page grows past a few hundred KB,
/// however large the archive.
pub const PAGE_SIZE: usize = 500;

/// How many pages a list of `len` directives takes.
pub fn parts_of(len: usize) -> usize {
    len.div_ceil(PAGE_SIZE).max(1)
}

/// The positions of a list shown on part `part`.
pub fn part_range(len: usize, part: usize) -> std::ops::Range<usize> {
    (part * PAGE_SIZE).min(len)..((part + 1) * PAGE_SIZE).min(len)
}

/// The path of part `part` of a list page: the first keeps the list's own
/// path, the others go below it, `…/trang-2/index.html`.
pub fn part_path(base: &str, part: usize) -> String {
    if part == 0 {
        base.to_string()
    } else {
        format!("{}trang-{}/index.html", base.trim_end_matches("index.html"), part + 1)
    }
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
    /// Each province's page, by [`ProvinceId`]: every row naming a province
    /// links to it, borrowed from here rather than written for each row.
    province_paths: Vec<String>,
    /// Every month from the first dated directive to the last: the axis
    /// shared by all charts, so provinces compare by eye.
    pub months: Vec<YearMonth>,
    /// Directives per month (dated at least to the month), along `months`.
    pub month_counts: Vec<usize>,
    /// Directives per province per month, along `months`.
    pub province_months: Vec<Vec<usize>>,
    /// Cited directives issued on each day: the timeline marks those days.
    pub cited_on_day: HashMap<PartialDate, Vec<CitedId>>,
    /// Cited directives, most cited first (ties in key order): the cited
    /// index's order, ranked once rather than on each of its pages.
    pub cited_ranked: Vec<CitedId>,
    /// The ISO weeks that have a directive dated to one of their days, in
    /// order: each has a page.
    pub weeks: Vec<WeekKey>,
    /// How dates are written on the pages.
    pub language: Language,
    /// The archive's public address (`vanban.yaml`'s `base_url`, ending in
    /// `/`), or empty: feeds' links, the sitemap and the data's URLs.
    pub base_url: String,
    /// Each directive's row texts, by [`DocId`] (see [`rows`]): made again
    /// on [`Plan::attach`], as they come from what directives show.
    rows: Vec<rows::RowText>,
}

/// A plan's own data, apart from the archive it was made for ([`Plan::detach`]).
pub struct Detached {
    pages: Vec<Page>,
    directive_paths: Vec<String>,
    cited_paths: Vec<String>,
    issuer_paths: Vec<String>,
    type_paths: Vec<String>,
    province_paths: Vec<String>,
    months: Vec<YearMonth>,
    month_counts: Vec<usize>,
    province_months: Vec<Vec<usize>>,
    cited_on_day: HashMap<PartialDate, Vec<CitedId>>,
    cited_ranked: Vec<CitedId>,
    weeks: Vec<WeekKey>,
    language: Language,
    base_url: String,
}

/// The interface language, for the few texts made outside templates (dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Vietnamese,
    English,
}

impl Language {
    pub fn from_code(code: &str) -> Language {
        if code == "en" {
            Language::English
        } else {
            Language::Vietnamese
        }
    }
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
/// The page for addresses the archive does not have, where web servers
/// look for it (GitHub Pages, Netlify, and nginx or Apache as the README
/// shows).
pub const NOT_FOUND: &str = "404.html";

pub fn province_path(provinces: &ProvinceRegistry, id: ProvinceId) -> String {
    format!("tinh/{}/index.html", provinces.get(id).slug)
}

pub fn province_month_path(provinces: &ProvinceRegistry, id: ProvinceId, month: YearMonth) -> String {
    format!("tinh/{}/{}/{:02}/index.html", provinces.get(id).slug, month.year, month.month)
}

pub fn year_path(year: i32) -> String {
    format!("thoi-gian/{year}/index.html")
}

pub fn month_path(year: i32, month: u32) -> String {
    format!("thoi-gian/{year}/{month:02}/index.html")
}

pub fn day_path(year: i32, month: u32, day: u32) -> String {
    format!("thoi-gian/{year}/{month:02}/{day:02}/index.html")
}

/// The months from the first directive dated to a month to the last.
fn month_axis(archive: &Archive) -> Vec<YearMonth> {
    let mut dated =
        archive.directives.iter().filter_map(|d| Some(YearMonth { year: d.date?.year, month: d.date?.month? }));
    let Some(first) = dated.next() else { return Vec::new() };
    let last = dated.max().unwrap_or(first).max(first);
    YearMonth::range(first.min(last), last)
}

/// Keeps generated paths unique: a clash gets `-2`, `-3` … in plan order,
/// which is deterministic.
#[derive(Default)]
struct PathSet(rustc_hash::FxHashSet<String>);

impl PathSet {
    fn claim(&mut self, folder: &str, slug: &str) -> String {
        let slug = if slug.is_empty() { "van-ban" } else { slug };
        let slug = &short_slug(slug);
        let mut candidate = format!("{folder}/{slug}/index.html");
        let mut n = 2;
        while !self.0.insert(candidate.clone()) {
            candidate = format!("{folder}/{slug}-{n}/index.html");
            n += 1;
        }
        candidate
    }
}

/// Longest slug, in bytes. File systems refuse names longer than 255
/// bytes, and the zip keeps whole paths under 200 characters; a number,
/// issuer or type is rarely longer than 40.
pub const MAX_SLUG: usize = 100;

/// `slug`, or when longer than [`MAX_SLUG`] its start (cut after a whole
/// word where one ends near the cut) and a hash of the whole: short, the
/// same on every build, and different for slugs that differ only at the end.
pub fn short_slug(slug: &str) -> String {
    if slug.len() <= MAX_SLUG {
        return slug.to_string();
    }
    let hash = format!("{:08x}", crate::text::fnv1a(slug));
    let mut cut = MAX_SLUG - hash.len() - 1;
    while !slug.is_char_boundary(cut) {
        cut -= 1;
    }
    let start = &slug[..cut];
    let start = match start.rfind('-') {
        Some(dash) if dash >= cut / 2 => &start[..dash],
        _ => start,
    };
    format!("{}-{hash}", start.trim_end_matches('-'))
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
    /// The content file a page was made from (its path in the content
    /// folder), so that a page that cannot be written names the file to
    /// fix: a directive's own file; for a cited directive, an issuer or a
    /// type, the first file that names it. `None` for pages of the whole
    /// archive.
    pub fn source_of(&self, page: &Page) -> Option<&str> {
        let doc = match page.kind {
            PageKind::Directive(doc) => doc,
            PageKind::Cited(id) => *self.archive.cited[id].citers.first()?,
            PageKind::Issuer(i) => *self.archive.issuers[i].docs.first()?,
            PageKind::Type(i) => *self.archive.types[i].docs.first()?,
            _ => return None,
        };
        Some(&self.archive.directives[doc].source_path)
    }

    pub fn new(archive: &'a Archive, provinces: &'a ProvinceRegistry, language: Language) -> Self {
        Plan::with_base_url(archive, provinces, language, String::new())
    }

    /// [`Plan::new`] for an archive published at `base_url` (empty: not
    /// known; then no sitemap or robots.txt is planned).
    pub fn with_base_url(
        archive: &'a Archive,
        provinces: &'a ProvinceRegistry,
        language: Language,
        base_url: String,
    ) -> Self {
        let mut paths = PathSet::default();
        // Each page's folder and slug are worked out in parallel; claiming
        // them, which settles clashes in archive order, is sequential.
        let directive_slugs: Vec<(String, String)> = archive
            .directives
            .par_iter()
            .map(|d| match d.key() {
                Some(key) => (key_folder(provinces, &key), slugify(&key.number)),
                None => {
                    let scope = d.province.map_or(Scope::UnknownProvince(String::new()), Scope::Province);
                    let stem = d.source_path.rsplit('/').next().unwrap_or(&d.source_path).trim_end_matches(".md");
                    (scope_folder(provinces, &scope, d.date.map(|x| x.year)), slugify(stem))
                }
            })
            .collect();
        let directive_paths: Vec<String> =
            directive_slugs.iter().map(|(folder, slug)| paths.claim(folder, slug)).collect();
        drop(directive_slugs);
        // A cited directive in the archive has its directive's page.
        let cited_slugs: Vec<Result<DocId, (String, String)>> = archive
            .cited
            .par_iter()
            .map(|c| c.in_archive.ok_or_else(|| (key_folder(provinces, &c.key), slugify(&c.key.number))))
            .collect();
        let cited_paths = cited_slugs
            .into_iter()
            .map(|slug| match slug {
                Ok(doc) => directive_paths[doc].clone(),
                Err((folder, slug)) => paths.claim(&folder, &slug),
            })
            .collect();
        let group_paths = |folder: &str, groups: &[Group], paths: &mut PathSet| -> Vec<String> {
            groups.iter().map(|g| paths.claim(folder, &slugify(&g.name))).collect()
        };
        let issuer_paths = group_paths("co-quan", &archive.issuers, &mut paths);
        let type_paths = group_paths("loai", &archive.types, &mut paths);
        let months = month_axis(archive);
        let month_position: HashMap<YearMonth, usize> = months.iter().enumerate().map(|(i, m)| (*m, i)).collect();
        let month_of = |doc: &DocId| {
            let date = archive.directives[*doc].date?;
            month_position.get(&YearMonth { year: date.year, month: date.month? }).copied()
        };
        let mut month_counts = vec![0; months.len()];
        let mut province_months = vec![vec![0; months.len()]; provinces.all().len()];
        for (province, docs) in archive.by_province.iter().enumerate() {
            for position in docs.iter().filter_map(month_of) {
                province_months[province][position] += 1;
            }
        }
        for position in (0..archive.directives.len()).filter_map(|doc| month_of(&doc)) {
            month_counts[position] += 1;
        }
        let mut cited_on_day: HashMap<PartialDate, Vec<CitedId>> = HashMap::new();
        for (id, cited) in archive.cited.iter().enumerate() {
            if let Some(date) = cited.date.filter(PartialDate::is_full) {
                cited_on_day.entry(date).or_default().push(id);
            }
        }
        let mut cited_ranked: Vec<CitedId> = (0..archive.cited.len()).collect();
        cited_ranked.sort_by_key(|&id| std::cmp::Reverse(archive.cited[id].citers.len()));
        let mut plan = Plan {
            archive,
            provinces,
            pages: Vec::new(),
            directive_paths,
            cited_paths,
            issuer_paths,
            type_paths,
            province_paths: (0..provinces.all().len()).map(|p| province_path(provinces, p)).collect(),
            months,
            month_counts,
            province_months,
            cited_on_day,
            cited_ranked,
            weeks: timeline_weeks(&archive.timeline),
            language,
            base_url,
            rows: rows::row_texts(&archive.directives, language),
        };
        plan.pages = plan.list_pages();
        plan
    }

    fn list_pages(&self) -> Vec<Page> {
        let archive = self.archive;
        let mut pages = Vec::new();
        for (id, path) in self.directive_paths.iter().enumerate() {
            // A directive cited more than a page holds: its own page lists
            // the first part of its citers and further parts, drawn as a
            // cited directive's, the others.
            let cited = archive.cited_as[id];
            let parts = cited.map_or(1, |c| parts_of(archive.cited[c].citers.len()));
            pages.push(Page { path: path.clone(), kind: PageKind::Directive(id), part: 0, parts });
            if let Some(cited) = cited {
                for part in 1..parts {
                    pages.push(Page { path: part_path(path, part), kind: PageKind::Cited(cited), part, parts });
                }
            }
            pages.extend(self.list_data_page(path, PageKind::Directive(id), parts));
        }
        // A list page and, when its list is long, its further parts.
        let mut add = |path: String, kind: PageKind, listed: usize| {
            let parts = parts_of(listed);
            for part in 0..parts {
                pages.push(Page { path: part_path(&path, part), kind, part, parts });
            }
            pages.extend(self.list_data_page(&path, kind, parts));
        };
        add(HOME.into(), PageKind::Home, 0);
        for (id, cited) in archive.cited.iter().enumerate() {
            if cited.in_archive.is_none() {
                add(self.cited_paths[id].clone(), PageKind::Cited(id), cited.citers.len());
            }
        }
        add(CITED_INDEX.into(), PageKind::CitedIndex, archive.cited.len());
        add(PROVINCES.into(), PageKind::Provinces, 0);
        for &id in &archive.province_order {
            add(province_path(self.provinces, id), PageKind::Province(id), archive.by_province[id].len());
            for (position, &count) in self.province_months[id].iter().enumerate() {
                if count > 0 {
                    let path = province_month_path(self.provinces, id, self.months[position]);
                    add(path, PageKind::ProvinceMonth(id, position), count);
                }
            }
        }
        add(TIMELINE.into(), PageKind::Timeline, 0);
        for (y, year) in archive.timeline.years.iter().enumerate() {
            add(year_path(year.year), PageKind::Year(y), year.year_only.len());
            for (m, month) in year.months.iter().enumerate() {
                add(month_path(year.year, month.month), PageKind::Month(y, m), month.count);
                for (d, day) in month.days.iter().enumerate() {
                    add(day_path(year.year, month.month, day.day), PageKind::Day(y, m, d), day.docs.len());
                }
            }
        }
        for (i, &week) in self.weeks.iter().enumerate() {
            add(week_path(week), PageKind::Week(i), self.week_count(week));
        }
        add(UNDATED.into(), PageKind::Undated, archive.timeline.undated.len());
        add(ISSUERS.into(), PageKind::Issuers, 0);
        for (i, path) in self.issuer_paths.iter().enumerate() {
            add(path.clone(), PageKind::Issuer(i), archive.issuers[i].docs.len());
        }
        add(TYPES.into(), PageKind::Types, 0);
        for (i, path) in self.type_paths.iter().enumerate() {
            add(path.clone(), PageKind::Type(i), archive.types[i].docs.len());
        }
        add(SEARCH.into(), PageKind::Search, 0);
        add(NOT_FOUND.into(), PageKind::NotFound, 0);
        self.add_outputs(&mut pages);
        pages
    }

    pub fn directive_path(&self, id: DocId) -> &str {
        &self.directive_paths[id]
    }

    pub fn cited_path(&self, id: CitedId) -> &str {
        &self.cited_paths[id]
    }

    pub fn issuer_path(&self, index: usize) -> &str {
        &self.issuer_paths[index]
    }

    pub fn type_path(&self, index: usize) -> &str {
        &self.type_paths[index]
    }

    /// Takes the plan's own data out, leaving the plan empty, to be put on
    /// an archive of the same shape with [`Plan::attach`].
    pub fn detach(&mut self) -> Detached {
        Detached {
            pages: std::mem::take(&mut self.pages),
            directive_paths: std::mem::take(&mut self.directive_paths),
            cited_paths: std::mem::take(&mut self.cited_paths),
            issuer_paths: std::mem::take(&mut self.issuer_paths),
            type_paths: std::mem::take(&mut self.type_paths),
            province_paths: std::mem::take(&mut self.province_paths),
            months: std::mem::take(&mut self.months),
            month_counts: std::mem::take(&mut self.month_counts),
            province_months: std::mem::take(&mut self.province_months),
            cited_on_day: std::mem::take(&mut self.cited_on_day),
            cited_ranked: std::mem::take(&mut self.cited_ranked),
            weeks: std::mem::take(&mut self.weeks),
            language: self.language,
            base_url: std::mem::take(&mut self.base_url),
        }
    }

    /// The plan `detached` was, for `archive`: the plan [`Plan::new`] makes,
    /// when `archive` has the same directives in the same order, with the same
    /// identities, dates, provinces, issuers, types and citations as the one
    /// it was made for (only what directives show of themselves differs).
    /// `vanban serve` saves planning 100,000 directives again after each such edit.
    pub fn attach(detached: Detached, archive: &'a Archive, provinces: &'a ProvinceRegistry) -> Plan<'a> {
        let Detached {
            pages,
            directive_paths,
            cited_paths,
            issuer_paths,
            type_paths,
            province_paths,
            months,
            month_counts,
            province_months,
            cited_on_day,
            cited_ranked,
            weeks,
            language,
            base_url,
        } = detached;
        Plan {
            archive,
            provinces,
            pages,
            directive_paths,
            cited_paths,
            issuer_paths,
            type_paths,
            province_paths,
            months,
            month_counts,
            province_months,
            cited_on_day,
            cited_ranked,
            weeks,
            language,
            base_url,
            rows: rows::row_texts(&archive.directives, language),
        }
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
    fn long_lists_are_split_into_parts_below_the_list_page() {
        assert_eq!(parts_of(0), 1);
        assert_eq!(parts_of(PAGE_SIZE), 1);
        assert_eq!(parts_of(PAGE_SIZE + 1), 2);
        assert_eq!(part_range(PAGE_SIZE + 7, 1), PAGE_SIZE..PAGE_SIZE + 7);
        assert_eq!(part_path("tinh/ha-noi/index.html", 0), "tinh/ha-noi/index.html");
        assert_eq!(part_path("tinh/ha-noi/index.html", 2), "tinh/ha-noi/trang-3/index.html");
        assert_eq!(part_path("index.html", 1), "trang-2/index.html");
    }

    #[test]
    fn long_slugs_are_cut_and_hashed_into_short_stable_names() {
        assert_eq!(short_slug("2644-cv-tu"), "2644-cv-tu");
        let long = "so-".repeat(100);
        let short = short_slug(&long);
        assert!(short.len() <= MAX_SLUG, "{short}");
        assert!(short.starts_with("so-so-") && !short.contains("--"), "{short}");
        assert_eq!(short_slug(&long), short, "stable");
        let other = format!("{long}x");
        assert_ne!(short_slug(&other), short, "slugs that differ at the end stay apart");
        assert_eq!(crate::text::fnv1a("a"), 0xe40c_292c, "the published FNV-1a value");
        let unbroken = "a".repeat(300);
        assert_eq!(short_slug(&unbroken).len(), MAX_SLUG);
    }

    #[test]
    fn clashing_slugs_get_numbered_suffixes() {
        let mut paths = PathSet::default();
        assert_eq!(paths.claim("co-quan", "tinh-uy"), "co-quan/tinh-uy/index.html");
        assert_eq!(paths.claim("co-quan", "tinh-uy"), "co-quan/tinh-uy-2/index.html");
        assert_eq!(paths.claim("co-quan", ""), "co-quan/van-ban/index.html");
    }
}
