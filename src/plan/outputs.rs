//! The archive's files for machines, planned like pages: Atom feeds
//! (RFC 4287), the sitemap (sitemaps.org) with `robots.txt`, and the open
//! data in `du-lieu/` with the page that explains it. Each is a [`Page`]
//! whose bytes come from its [`Plan::content`] alone, so a build, the zip and
//! `vanban serve` write them as they write every page.
//!
//! | file | path |
//! |---|---|
//! | the whole archive's feed | `feed.xml` |
//! | a province's, a type's feed | `tinh/{slug}/feed.xml`, `loai/{slug}/feed.xml` |
//! | a cited central directive's feed (the directives acting on it) | its page's folder, `van-ban/tw/…/feed.xml` |
//! | sitemap, robots (only with `base_url`) | `sitemap.xml` (an index of `sitemap-N.xml` past 50,000 URLs), `robots.txt` |
//! | open data | `du-lieu/` ([`DataFile::path`]), `du-lieu/index.html` |

use super::*;
use crate::content::model::Jurisdiction;
use serde::Serialize;
use std::borrow::Cow;

/// What a feed follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Feed {
    Archive,
    Province(ProvinceId),
    Type(usize),
    /// A cited central directive: the directives that cite it.
    Cited(CitedId),
}

/// A file of the open data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DataFile {
    /// Every directive's metadata, one row each.
    Directives,
    /// The same as JSON, lists as lists.
    DirectivesJson,
    /// The citation graph, one row per citation.
    Citations,
    /// The cited directives, in the archive or not.
    Cited,
    /// The provinces with their counts.
    Provinces,
    /// `datapackage.json` (Frictionless Data), describing the others.
    Package,
}

impl DataFile {
    pub const ALL: [DataFile; 6] = [
        DataFile::Directives,
        DataFile::DirectivesJson,
        DataFile::Citations,
        DataFile::Cited,
        DataFile::Provinces,
        DataFile::Package,
    ];

    pub fn path(self) -> &'static str {
        match self {
            DataFile::Directives => "du-lieu/van-ban.csv",
            DataFile::DirectivesJson => "du-lieu/van-ban.json",
            DataFile::Citations => "du-lieu/trich-dan.csv",
            DataFile::Cited => "du-lieu/van-ban-duoc-trich-dan.csv",
            DataFile::Provinces => "du-lieu/tinh.csv",
            DataFile::Package => "du-lieu/datapackage.json",
        }
    }

    /// The resource's name in `datapackage.json` (lower case, `-`).
    pub fn name(self) -> &'static str {
        match self {
            DataFile::Directives => "directives",
            DataFile::DirectivesJson => "directives-json",
            DataFile::Citations => "citations",
            DataFile::Cited => "cited",
            DataFile::Provinces => "provinces",
            DataFile::Package => "datapackage",
        }
    }

    pub fn is_csv(self) -> bool {
        self.path().ends_with(".csv")
    }
}

/// The whole archive's feed.
pub const FEED: &str = "feed.xml";
/// The page that explains the open data.
pub const DATA_PAGE: &str = "du-lieu/index.html";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
/// Entries of a feed at most: its newest directives.
pub const FEED_ENTRIES: usize = 50;
/// URLs of one sitemap file at most (the sitemaps.org protocol's limit).
pub const SITEMAP_URLS: usize = 50_000;

/// How many sitemap files `urls` URLs take at `limit` each.
pub fn sitemap_parts(urls: usize, limit: usize) -> usize {
    urls.div_ceil(limit).max(1)
}

/// Part `part` of a sitemap of `parts`: `sitemap.xml` itself when there is
/// one, else `sitemap-1.xml` … listed by the index at `sitemap.xml`.
pub fn sitemap_path(part: usize, parts: usize) -> String {
    if parts == 1 {
        SITEMAP.to_string()
    } else {
        format!("sitemap-{}.xml", part + 1)
    }
}

/// Part `part` of a sitemap of `limit` URLs a file: the paths of the HTML
/// pages among `pages`, in plan order.
pub fn sitemap_part(pages: &[Page], part: usize, limit: usize) -> Vec<&str> {
    let html = pages.iter().filter(|p| p.path.ends_with(".html"));
    html.skip(part * limit).take(limit).map(|p| p.path.as_str()).collect()
}

/// The folder a page's path is in, with its `/`: `tinh/ha-noi/index.html` → `tinh/ha-noi/`.
fn folder_of(path: &str) -> &str {
    path.trim_end_matches("index.html")
}

/// A date as RFC 3339 wants it, at the start of its day in Vietnam (UTC+7):
/// directives carry no time of day.
pub fn rfc3339(date: PartialDate) -> String {
    format!("{date}T00:00:00+07:00")
}

#[derive(Serialize)]
pub struct FeedData<'a> {
    /// `archive`, `province`, `type` or `cited`: which interface string names it.
    pub feed_kind: &'static str,
    /// The province's or type's name, the cited directive's number.
    pub name: Cow<'a, str>,
    /// The cited directive's title, when known.
    pub subtitle: Option<Cow<'a, str>>,
    pub id: String,
    /// Put before every path: `base_url`, else the way back to the archive
    /// root from the feed (links relative to the feed, as Atom allows).
    pub base: String,
    pub self_href: String,
    /// The page the feed follows.
    pub page_href: String,
    /// The newest entry's date (RFC 3339).
    pub updated: String,
    pub entries: Vec<FeedEntry<'a>>,
}

#[derive(Serialize)]
pub struct FeedEntry<'a> {
    pub id: String,
    pub href: &'a str,
    pub title: Cow<'a, str>,
    pub number: Option<Cow<'a, str>>,
    pub type_name: Option<&'a str>,
    pub issuer: Option<Cow<'a, str>>,
    pub province: Option<Cow<'a, str>>,
    /// As the interface writes it, marked when supplied.
    pub date: Option<&'a str>,
    pub updated: String,
}

/// One file of the data page's list.
#[derive(Serialize)]
pub struct DataFileInfo {
    pub href: &'static str,
    /// Which interface string describes it (`data_files.{name}`).
    pub name: &'static str,
    pub rows: Option<usize>,
    pub columns: Vec<ColumnInfo>,
}

#[derive(Serialize)]
pub struct ColumnInfo {
    pub name: &'static str,
    pub description: &'static str,
}

impl<'a> Plan<'a> {
    /// The address of `path` on the web (`base_url` + path), or, without
    /// `base_url`, `None`.
    pub fn url(&self, path: &str) -> Option<String> {
        (!self.base_url.is_empty()).then(|| format!("{}{path}", self.base_url))
    }

    /// An Atom id for the thing at `path`: its address when `base_url` is
    /// set; else a `tag:` URI made of the path, which names the same thing
    /// on every build (the path depends only on the directive's identity).
    pub fn atom_id(&self, path: &str) -> String {
        self.url(path).unwrap_or_else(|| format!("tag:vanban.invalid,2020:{path}"))
    }

    pub fn feed_path(&self, feed: Feed) -> String {
        let page = match feed {
            Feed::Archive => return FEED.to_string(),
            Feed::Province(id) => province_path(self.provinces, id),
            Feed::Type(i) => self.type_paths[i].clone(),
            Feed::Cited(id) => self.cited_paths[id].clone(),
        };
        format!("{}{FEED}", folder_of(&page))
    }

    /// The directives a feed follows, newest first (archive order backwards).
    fn feed_docs(&self, feed: Feed) -> Box<dyn Iterator<Item = DocId> + '_> {
        let archive = self.archive;
        match feed {
            Feed::Archive => Box::new((0..archive.directives.len()).rev()),
            Feed::Province(id) => Box::new(archive.by_province[id].iter().rev().copied()),
            Feed::Type(i) => Box::new(archive.types[i].docs.iter().rev().copied()),
            Feed::Cited(id) => Box::new(archive.cited[id].citers.iter().rev().copied()),
        }
    }

    /// A feed's entries: its newest directives dated to the day (an Atom
    /// entry needs a date and time; a directive dated to the month or year,
    /// or undated, stays in the lists and the data, not in the feeds).
    fn feed_entries(&self, feed: Feed) -> impl Iterator<Item = DocId> + '_ {
        self.feed_docs(feed).filter(|&doc| self.archive.directives[doc].date.is_some_and(|d| d.is_full()))
    }

    /// Whether `feed` is written: a feed has at least one entry, and only a
    /// cited directive of a central body has one.
    pub fn has_feed(&self, feed: Feed) -> bool {
        if let Feed::Cited(id) = feed {
            if self.archive.cited[id].jurisdiction() != Jurisdiction::Central {
                return false;
            }
        }
        self.feed_entries(feed).next().is_some()
    }

    /// The feed a page links to with `<link rel="alternate">`, if any.
    pub fn feed_of_page(&self, kind: PageKind) -> Option<String> {
        let feed = match kind {
            PageKind::Home => Feed::Archive,
            PageKind::Province(id) | PageKind::ProvinceMonth(id, _) => Feed::Province(id),
            PageKind::Type(i) => Feed::Type(i),
            PageKind::Cited(id) => Feed::Cited(id),
            PageKind::Directive(id) => Feed::Cited(self.archive.cited_as[id]?),
            _ => return None,
        };
        self.has_feed(feed).then(|| self.feed_path(feed))
    }

    /// Every feed the plan writes.
    fn feeds(&self) -> Vec<Feed> {
        let archive = self.archive;
        let provinces = archive.province_order.iter().map(|&id| Feed::Province(id));
        let types = (0..archive.types.len()).map(Feed::Type);
        let cited = (0..archive.cited.len()).map(Feed::Cited);
        std::iter::once(Feed::Archive)
            .chain(provinces)
            .chain(types)
            .chain(cited)
            .filter(|&f| self.has_feed(f))
            .collect()
    }

    /// The feeds, the open data and, with `base_url`, the sitemap and
    /// robots.txt, after the pages of `pages`.
    pub(super) fn add_outputs(&self, pages: &mut Vec<Page>) {
        let page = |path: String, kind: PageKind| Page { path, kind, part: 0, parts: 1 };
        pages.push(page(DATA_PAGE.into(), PageKind::DataPage));
        for file in DataFile::ALL {
            pages.push(page(file.path().into(), PageKind::Data(file)));
        }
        for feed in self.feeds() {
            pages.push(page(self.feed_path(feed), PageKind::Feed(feed)));
        }
        if self.base_url.is_empty() {
            return;
        }
        let parts = sitemap_parts(sitemap_part(pages, 0, usize::MAX).len(), SITEMAP_URLS);
        for part in 0..parts {
            pages.push(Page { path: sitemap_path(part, parts), kind: PageKind::Sitemap(part), part, parts });
        }
        if parts > 1 {
            pages.push(page(SITEMAP.into(), PageKind::SitemapIndex));
        }
        pages.push(page(ROBOTS.into(), PageKind::Robots));
    }

    pub(super) fn feed(&'a self, feed: Feed, path: &str) -> FeedData<'a> {
        let archive = self.archive;
        let (feed_kind, name, subtitle, page_href): (_, Cow<str>, _, String) = match feed {
            Feed::Archive => ("archive", Cow::Borrowed(""), None, HOME.into()),
            Feed::Province(id) => {
                ("province", Cow::Borrowed(&self.provinces.get(id).name), None, province_path(self.provinces, id))
            }
            Feed::Type(i) => ("type", Cow::Borrowed(&archive.types[i].name), None, self.type_paths[i].clone()),
            Feed::Cited(id) => {
                let summary = self.cited_summary(id);
                ("cited", Cow::Owned(summary.number), summary.title, self.cited_paths[id].clone())
            }
        };
        let entries: Vec<FeedEntry> = self
            .feed_entries(feed)
            .take(FEED_ENTRIES)
            .map(|doc| {
                let d = &archive.directives[doc];
                let href = self.directive_path(doc);
                FeedEntry {
                    id: self.atom_id(href),
                    href,
                    title: self.title_shown(doc),
                    number: self.field_shown(doc, "number", d.number_printed.as_deref()),
                    type_name: d.type_name.as_deref(),
                    issuer: self.field_shown(doc, "issuer", d.issuer.as_deref()),
                    province: self.province_shown(doc),
                    date: self.date_shown(doc),
                    updated: d.date.map(rfc3339).unwrap_or_default(),
                }
            })
            .collect();
        // Entries are newest first; archive order puts the newest last.
        let updated = self.feed_entries(feed).filter_map(|doc| archive.directives[doc].date).max();
        FeedData {
            feed_kind,
            name,
            subtitle,
            id: self.atom_id(path),
            base: if self.base_url.is_empty() { root_of(path) } else { self.base_url.clone() },
            self_href: path.to_string(),
            page_href,
            updated: updated.map(rfc3339).unwrap_or_default(),
            entries,
        }
    }

    /// Part `part` of the sitemap.
    pub(super) fn sitemap(&'a self, part: usize) -> Vec<&'a str> {
        sitemap_part(&self.pages, part, SITEMAP_URLS)
    }

    /// The sitemap index's parts.
    pub(super) fn sitemap_index(&self) -> Vec<String> {
        let parts = self.pages.iter().filter(|p| matches!(p.kind, PageKind::Sitemap(_))).count();
        (0..parts).map(|part| sitemap_path(part, parts)).collect()
    }

    /// The data page's list of files, with their columns.
    pub(super) fn data_files(&self) -> Vec<DataFileInfo> {
        let archive = self.archive;
        DataFile::ALL
            .iter()
            .map(|&file| DataFileInfo {
                href: file.path(),
                name: file.name(),
                rows: match file {
                    DataFile::Directives | DataFile::DirectivesJson => Some(archive.directives.len()),
                    DataFile::Citations => Some(archive.cites_of.iter().map(Vec::len).sum()),
                    DataFile::Cited => Some(archive.cited.len()),
                    DataFile::Provinces => Some(self.provinces.all().len()),
                    DataFile::Package => None,
                },
                columns: data::columns(file)
                    .iter()
                    .map(|c| ColumnInfo { name: c.name, description: c.description(self.language) })
                    .collect(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sitemap_becomes_an_index_of_parts_past_its_limit() {
        assert_eq!(sitemap_parts(0, 3), 1);
        assert_eq!(sitemap_parts(3, 3), 1);
        assert_eq!(sitemap_parts(4, 3), 2);
        assert_eq!(sitemap_parts(SITEMAP_URLS, SITEMAP_URLS), 1);
        assert_eq!(sitemap_parts(SITEMAP_URLS + 1, SITEMAP_URLS), 2);
        assert_eq!(sitemap_path(0, 1), "sitemap.xml");
        assert_eq!(sitemap_path(0, 2), "sitemap-1.xml");
        assert_eq!(sitemap_path(1, 2), "sitemap-2.xml");
        // Seven pages and a feed, three URLs a file: three files holding
        // every page once, in order, and never the feed.
        let page = |path: &str| Page { path: path.into(), kind: PageKind::Home, part: 0, parts: 1 };
        let mut pages: Vec<Page> = (0..7).map(|i| page(&format!("p{i}/index.html"))).collect();
        pages.insert(2, page("feed.xml"));
        let parts = sitemap_parts(sitemap_part(&pages, 0, usize::MAX).len(), 3);
        assert_eq!(parts, 3);
        let split: Vec<Vec<&str>> = (0..parts).map(|part| sitemap_part(&pages, part, 3)).collect();
        assert_eq!(split.iter().map(Vec::len).collect::<Vec<_>>(), [3, 3, 1]);
        let all: Vec<&str> = split.concat();
        assert_eq!(all, (0..7).map(|i| format!("p{i}/index.html")).collect::<Vec<_>>());
    }

    #[test]
    fn feed_dates_are_rfc3339_in_vietnam() {
        assert_eq!(rfc3339(PartialDate::ymd(2021, 8, 23)), "2021-08-23T00:00:00+07:00");
    }
}
