//! What each page shows: plain data for the templates. Every `href` is
//! relative to the archive root; templates prefix it with `root`.

use super::*;
use crate::content::model::{Body, Jurisdiction, PartialDate};
use crate::content::names::Name;
use crate::graph::Group;
use crate::plan::charts::{bar_chart, shade, BarChart, YearMonth};
use crate::render::markdown;
use crate::text::issuers::{Branch, Issuers};
use crate::text::provinces::ProvinceId;
use serde::Serialize;
use std::borrow::Cow;

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
    /// Links to every part of a list split over several pages.
    pub pagination: Option<Pagination>,
    /// The Atom feed of what the page lists, for `<link rel="alternate">`.
    pub feed: Option<String>,
    /// What the facet form of the page's list offers (see [`super::filters`]).
    pub filter: Option<ListFilter>,
    #[serde(flatten)]
    pub content: Content<'a>,
}

#[derive(Debug, Serialize)]
pub struct Pagination {
    /// 1-based, for people.
    pub current: usize,
    pub total: usize,
    pub parts: Vec<Link>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

/// Navigation between the parts of a long list, or `None` for one part.
fn pagination(page: &Page) -> Option<Pagination> {
    if page.parts < 2 {
        return None;
    }
    let base = match page.part {
        0 => page.path.clone(),
        n => page.path.trim_end_matches(&format!("trang-{}/index.html", n + 1)).to_string() + "index.html",
    };
    let link = |part: usize| Link { href: part_path(&base, part), label: (part + 1).to_string() };
    Some(Pagination {
        current: page.part + 1,
        total: page.parts,
        parts: (0..page.parts).map(link).collect(),
        previous: page.part.checked_sub(1).map(link),
        next: (page.part + 1 < page.parts).then(|| link(page.part + 1)),
    })
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
    ProvinceMonth(ProvinceMonthData<'a>),
    Timeline {
        years: Vec<YearSummary>,
        undated: usize,
        month_chart: BarChart,
        heatmap: Heatmap<'a>,
    },
    Year(YearData<'a>),
    Month(MonthData<'a>),
    Day(DayData<'a>),
    Week(super::weeks::WeekData<'a>),
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
    /// The page a web server shows for an address the archive does not
    /// have: the frame, search and the ways in; nothing of the archive's.
    NotFound {},
    Feed(Box<super::outputs::FeedData<'a>>),
    /// A sitemap: the paths of its pages, after `base`.
    Sitemap {
        base: &'a str,
        paths: Vec<&'a str>,
    },
    SitemapIndex {
        base: &'a str,
        sitemaps: Vec<String>,
    },
    Robots {
        base: &'a str,
    },
    /// The page that explains the open data.
    DataPage {
        files: Vec<super::outputs::DataFileInfo>,
        has_base_url: bool,
        archive_feed: Option<&'static str>,
    },
    /// A file of the open data (written by [`crate::render::data`], not a template).
    Data(super::data::DataTable<'a>),
    /// A split list's rows (written by [`crate::render::list_data`]).
    ListData(ListRows<'a>),
}

/// A directive in a list: a row of `doc_table.html`. Made for every list a
/// directive is on (about eight at 1,000 directives), so it holds only what
/// the row shows, its strings borrowed from the plan where they can be.
#[derive(Debug, Serialize)]
pub struct DocSummary<'a> {
    pub href: &'a str,
    /// Number, title, province and date as shown: a value an editor
    /// supplied is marked (see [`supplied`]).
    pub number: Option<Cow<'a, str>>,
    /// Unmarked: it is also the value of the list's type facet.
    pub type_name: Option<&'a str>,
    pub title: Cow<'a, str>,
    pub province: Option<Cow<'a, str>>,
    /// Left out, as `no_province` is when there is a province, so a row
    /// carries only what its template reads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province_href: Option<&'a str>,
    /// Display date ("16/6/2021", "tháng 7/2021") and ISO date at its
    /// precision, as the plan's row texts hold them (see [`super::rows`]).
    pub date: Option<&'a str>,
    pub date_iso: Option<&'a str>,
    /// Left out when unknown (most rows): a template asks `if d.not_before`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<&'a str>,
    /// Without a province, the key of the interface string the province
    /// column shows instead (see [`super::rows::RowText::no_province`]):
    /// a template writes `t[d.no_province]` rather than comparing the
    /// directive's jurisdiction with each case on every row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_province: Option<&'static str>,
    /// Days since the cited directive, on lists of citers; left out on
    /// other lists (a template asks `d.days is number`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<i64>,
    /// Facet values, carried as data attributes so lists can be narrowed
    /// in the browser: the type's slug, issuer level, year and the topic
    /// tags' slugs (the values URLs hold, see [`super::filters`]), the tags
    /// joined by `|` as the attribute holds them, so a row writes one value
    /// rather than running a loop.
    pub type_slug: Option<&'a str>,
    pub level: &'static str,
    pub year: Option<i32>,
    pub tags: &'a str,
}

/// A directive named in a link (previous/next, related): what the link
/// shows, without the list columns and facet values of a [`DocSummary`].
/// Six fields at most: tera finds a field of a smaller map by comparing
/// names, of a larger one by hashing the name.
#[derive(Debug, Serialize)]
pub struct DocLink<'a> {
    pub href: &'a str,
    /// The link's text: its number, or its title when it has none (each
    /// marked when supplied).
    pub label: Cow<'a, str>,
    pub province: Option<Cow<'a, str>>,
    pub date: Option<&'a str>,
    pub date_iso: Option<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct CitedSummary<'a> {
    pub href: &'a str,
    pub number: String,
    pub type_name: Option<&'a str>,
    /// Marked when they are an archived directive's and an editor supplied them.
    pub issuer: Option<Cow<'a, str>>,
    pub title: Option<Cow<'a, str>>,
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
    pub month_chart: BarChart,
}

/// One row of the directive's metadata table. `key` names the label in the
/// interface strings. A plain value (number, type, issuer, place, not
/// before) is its `text`, marked when an editor supplied it; a value shown
/// as links (province, date) is its `items`, and `marks` go around them (the
/// date's day, month and year links together): [`SUPPLIED_MARKS`] when an
/// editor supplied it. A row without either shows the value as unknown.
/// Left out when they are not given, so a row is a map of few fields and the
/// template runs no loop over a single plain value.
#[derive(Debug, Serialize)]
pub struct MetaRow {
    pub key: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<MetaItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marks: Option<[&'static str; 2]>,
    /// The date row's ISO date, for its `<time datetime>`; left out on the
    /// other rows (a template asks `if row.datetime`, not `row.key == "date"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datetime: Option<String>,
}

/// A link of a [`MetaRow`].
#[derive(Debug, Serialize)]
pub struct MetaItem {
    pub text: String,
    pub href: String,
    /// What is written after it: `/` between a date's day, month and year,
    /// `, ` between other items, nothing after the last.
    pub separator: &'static str,
}

#[derive(Serialize)]
pub struct DirectiveData<'a> {
    /// Title, number, type, issuer and date as the heading, the title bar
    /// and the citation show them: marked when supplied.
    pub title: Cow<'a, str>,
    pub number: Option<Cow<'a, str>>,
    pub type_name: Option<Cow<'a, str>>,
    pub issuer: Option<Cow<'a, str>>,
    pub date: Option<&'a str>,
    pub date_iso: Option<&'a str>,
    /// Its province (marked when supplied) and year, for the page's title.
    pub province: Option<Cow<'a, str>>,
    pub year: Option<i32>,
    /// schema.org `Legislation` data for the page's JSON-LD (see
    /// [`Plan::legislation`]); the renderer adds the archive and the trail.
    /// Templates read the JSON-LD it makes (`json_ld`), not this.
    #[serde(serialize_with = "for_fingerprint_only")]
    pub legislation: Legislation<'a>,
    pub meta: Vec<MetaRow>,
    /// The signer as shown: "authority · position name", of what is given,
    /// marked when supplied (see [`Plan::signer_shown`]); none without one.
    pub signer: Option<String>,
    pub recipients: &'a [Name],
    pub distribution: &'a [Name],
    /// Its topic tags as shown, joined by ", ".
    pub tags: String,
    pub source: Option<&'a str>,
    pub notes: Option<&'a str>,
    pub inferred: &'a [Name],
    pub extra: &'a serde_json::Value,
    pub source_path: &'a str,
    pub body_html: BodyHtml<'a>,
    pub cites: Vec<CitedSummary<'a>>,
    pub cited_by: Vec<DocSummary<'a>>,
    /// All its citers, of which `cited_by` is the first part.
    pub cited_by_count: usize,
    pub uptake: Option<Uptake<'a>>,
    /// Its citers of the week and the 30 days after its date (a central directive's).
    pub after: Option<super::filters::AfterLinks>,
    /// For each directive it cites, the nearest other directives citing it.
    pub related: Vec<Related<'a>>,
    pub previous: Option<DocLink<'a>>,
    pub next: Option<DocLink<'a>>,
    pub previous_in_province: Option<DocLink<'a>>,
    pub next_in_province: Option<DocLink<'a>>,
}

/// A directive's text as HTML, made when the page is serialised for the
/// templates: a page's fingerprint reads what the HTML is made from (the
/// text's hash, where it cites, the links, the way back to the root)
/// instead, without the cost of Markdown or of reading the text. The text
/// itself is not held (see [`Body`]): the engine reads it from its file and
/// hands it in with [`PageContext::text_to_read`] before the page is rendered.
pub struct BodyHtml<'a> {
    body: &'a Body,
    text: Option<Cow<'a, str>>,
    cited: &'a [crate::content::model::CitedSpan],
    /// Each cited number with the path of its page.
    links: Vec<(String, String)>,
    root: String,
}

impl<'a> BodyHtml<'a> {
    /// Where the text is to be read from.
    pub fn body(&self) -> &'a Body {
        self.body
    }

    /// The text read from the file, checked to be the body's.
    pub fn set_text(&mut self, text: Cow<'a, str>) {
        debug_assert!(self.body.is(&text), "the text read is the one validated");
        self.text = Some(text);
    }
}

/// A directive as schema.org `Legislation` (see [`Plan::legislation`]):
/// what the renderer writes as the page's JSON-LD, straight as text, with
/// the archive and the trail. Only what the document itself prints: a value
/// an editor supplied is `None`. Addresses are `root` then a path from the
/// archive's root, so relative to the directive's page.
#[derive(Debug, Serialize)]
pub struct Legislation<'a> {
    /// From the directive's page back to the archive root.
    pub root: String,
    /// Its page (`@id` and `url`).
    pub path: &'a str,
    pub name: Option<&'a str>,
    pub identifier: Option<&'a str>,
    pub type_name: Option<&'a str>,
    /// As `PartialDate` writes it: `2021-08-24`, `2021-08`, `2021`.
    pub date: Option<&'a str>,
    /// The issuer (`legislationPassedBy`).
    pub passed_by: Option<&'a str>,
    /// Where it applies: its schema.org type and its name.
    pub jurisdiction: Option<(&'static str, &'a str)>,
    pub keywords: &'a [Name],
    /// The directives it cites; empty when it cites none or an editor
    /// supplied its citations.
    pub citations: Vec<CitedLegislation<'a>>,
}

/// A directive cited, as the `citation` of a [`Legislation`].
#[derive(Debug, Serialize)]
pub struct CitedLegislation<'a> {
    /// Its page, from the archive's root.
    pub path: &'a str,
    pub identifier: &'a str,
    pub type_name: Option<&'a str>,
    pub date: Option<String>,
}

/// Serialises a value that only the page's fingerprint reads: templates get
/// nothing (`none`). Turning a JSON value into a template value cost 67,000
/// instructions a directive page, for a value no template used.
fn for_fingerprint_only<T: Serialize, S: serde::Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    if serializer.is_human_readable() {
        serializer.serialize_unit()
    } else {
        value.serialize(serializer)
    }
}

impl Serialize for BodyHtml<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            // Held (as `vanban serve` holds texts), or read and set.
            let Some(text) = self.text.as_deref().or(self.body.text()) else {
                return Err(serde::ser::Error::custom("the directive's text was not read before its page was made"));
            };
            serializer.serialize_str(&markdown::to_html(text, self.cited, &self.links, &self.root))
        } else {
            let cited: Vec<(&std::ops::Range<usize>, &str)> =
                self.cited.iter().map(|c| (&c.span, c.number.as_str())).collect();
            (self.body.hash(), self.body.len(), cited, &self.links, &self.root).serialize(serializer)
        }
    }
}

impl<'a> PageContext<'a> {
    /// The directive text this page shows, which must be read from its file
    /// and set before the page is rendered; `None` for every other page.
    pub fn text_to_read(&mut self) -> Option<&mut BodyHtml<'a>> {
        match &mut self.content {
            Content::Directive(data) => Some(&mut data.body_html),
            _ => None,
        }
    }
}

/// Other directives that cite the same higher directive.
#[derive(Serialize)]
pub struct Related<'a> {
    pub cited: CitedLink<'a>,
    pub docs: Vec<DocLink<'a>>,
    /// How many more cite it than are listed.
    pub more: usize,
}

/// A cited directive named in a link: its page and its number.
#[derive(Serialize)]
pub struct CitedLink<'a> {
    pub href: &'a str,
    pub number: &'a str,
}

/// Related directives listed per cited directive: the nearest in time.
pub const RELATED_SHOWN: usize = 6;

#[derive(Serialize)]
pub struct CitedData<'a> {
    pub cited: CitedSummary<'a>,
    pub citers: Vec<DocSummary<'a>>,
    pub provinces: usize,
    /// Only for a central directive (see `Plan::national_uptake`).
    pub uptake: Option<Uptake<'a>>,
    /// Its citers of the week and the 30 days after its date (a central directive's).
    pub after: Option<super::filters::AfterLinks>,
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
    /// The province's directives per month, on the archive's common axis.
    pub strip: BarChart,
}

#[derive(Serialize)]
pub struct ProvinceMonthData<'a> {
    pub name: &'a str,
    pub province_href: String,
    pub year: i32,
    pub month: u32,
    pub month_href: String,
    pub docs: Vec<DocSummary<'a>>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
}

/// The province × month grid: each cell's shade is its count and links to
/// that province's month.
#[derive(Serialize)]
pub struct Heatmap<'a> {
    pub width: u32,
    pub height: u32,
    pub cell: u32,
    pub label_width: u32,
    pub columns: Vec<(u32, String)>,
    pub rows: Vec<HeatRow<'a>>,
}

#[derive(Serialize)]
pub struct HeatRow<'a> {
    pub name: &'a str,
    pub href: String,
    pub y: u32,
    pub total: usize,
    pub cells: Vec<HeatCell>,
}

#[derive(Serialize)]
pub struct HeatCell {
    pub x: u32,
    pub shade: u32,
    pub count: usize,
    pub label: String,
    pub href: Option<String>,
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
    /// The day's page, when directives of the archive are dated that day.
    pub href: Option<String>,
    pub docs: Vec<DocSummary<'a>>,
    /// Higher directives issued that day, so the reader sees what followed.
    pub issued: Vec<CitedSummary<'a>>,
}

#[derive(Serialize)]
pub struct MonthData<'a> {
    pub year: i32,
    pub month: u32,
    pub count: usize,
    pub year_href: String,
    pub days: Vec<DaySection<'a>>,
    pub month_only: Vec<DocSummary<'a>>,
    /// Every day of the month in a Monday-to-Sunday grid.
    pub calendar: super::weeks::Calendar,
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
    pub issued: Vec<CitedSummary<'a>>,
    /// The day's week page.
    pub week: Option<WeekLink>,
    /// The nearest days with directives, and how many days without any
    /// lie between (days without directives have no page).
    pub previous: Option<DayLink>,
    pub next: Option<DayLink>,
}

/// A link to a day page, with the days without directives it skips.
#[derive(Serialize)]
pub struct DayLink {
    pub href: String,
    pub label: String,
    pub skipped: i64,
}

#[derive(Serialize)]
pub struct GroupSummary<'a> {
    pub name: &'a str,
    pub href: &'a str,
    pub count: usize,
}

/// The issuer level a directive belongs to, for facets: central Party,
/// central government, province, or unknown.
pub(super) fn issuer_level(d: &crate::content::model::Directive) -> &'static str {
    use crate::text::number::IssuerLevel;
    match d.number.as_ref().map(|n| n.level()) {
        Some(IssuerLevel::CentralParty) => "tw-dang",
        Some(IssuerLevel::CentralGovernment) => "tw-chinh-phu",
        Some(IssuerLevel::Provincial) => "tinh",
        _ => match d.jurisdiction() {
            Jurisdiction::Province(_) | Jurisdiction::ProvinceUnknown => "tinh",
            // Central by its issuer's name (no number says so).
            Jurisdiction::Central => match d.issuer.as_deref().and_then(|i| Issuers::builtin().by_name(i)) {
                Some(body) if body.branch == Branch::Party => "tw-dang",
                Some(_) => "tw-chinh-phu",
                None => "khong-ro",
            },
            Jurisdiction::Unknown => "khong-ro",
        },
    }
}

/// The directives of `citers` (in archive order) nearest to `doc`, at most
/// [`RELATED_SHOWN`], and how many others cite the same directive.
/// Citers are in archive order, so the nearest are a window around `doc`'s
/// place: no scan of a list that may hold tens of thousands.
pub fn related_window(citers: &[DocId], doc: DocId) -> (Vec<DocId>, usize) {
    let at = citers.partition_point(|&c| c < doc);
    let after_start = if citers.get(at) == Some(&doc) { at + 1 } else { at };
    let (mut before, mut after) = (at, after_start);
    while (at - before) + (after - after_start) < RELATED_SHOWN && (before > 0 || after < citers.len()) {
        let take_before =
            before > 0 && (after >= citers.len() || doc.abs_diff(citers[before - 1]) <= citers[after].abs_diff(doc));
        if take_before {
            before -= 1;
        } else {
            after += 1;
        }
    }
    let shown: Vec<DocId> = citers[before..at].iter().chain(&citers[after_start..after]).copied().collect();
    let total = citers.len() - (after_start - at);
    let more = total - shown.len();
    (shown, more)
}

/// The items of `list` that fall within `shown`, when `list` starts at
/// position `offset` of a longer list.
pub(super) fn clip<'l>(list: &'l [DocId], offset: usize, shown: &std::ops::Range<usize>) -> &'l [DocId] {
    let start = shown.start.saturating_sub(offset).min(list.len());
    let end = shown.end.saturating_sub(offset).min(list.len());
    &list[start..end.max(start)]
}

/// How a value that an editor supplied (a key in the file's `inferred`) is
/// shown wherever it appears: metadata table, heading, title bar, lists,
/// search results, citation. In square brackets, as archivists mark what the
/// document itself does not print; the metadata table's note explains them.
pub const SUPPLIED_MARKS: [&str; 2] = ["[", "]"];

/// A supplied value as it is shown (see [`SUPPLIED_MARKS`]).
pub fn supplied(value: &str) -> String {
    let [open, close] = SUPPLIED_MARKS;
    format!("{open}{value}{close}")
}

/// `date` as the interface's `language` writes it ("16/6/2021", "tháng
/// 7/2021"), at the end of `out`.
pub(super) fn push_date(out: &mut String, date: PartialDate, language: Language) {
    match language {
        Language::English => date.push_en(out),
        Language::Vietnamese => date.push_vi(out),
    }
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
                ("cited", crumbs, Content::Cited(self.cited(id, page.part)))
            }
            PageKind::CitedIndex => ("cited_index", vec![], Content::CitedIndex { cited: self.cited_index(page.part) }),
            PageKind::Provinces => ("provinces", vec![], Content::Provinces { regions: self.regions() }),
            PageKind::Province(id) => {
                ("province", vec![crumb("provinces", "", PROVINCES)], Content::Province(self.province(id, page.part)))
            }
            PageKind::ProvinceMonth(id, position) => {
                let name = &self.provinces.get(id).name;
                let crumbs = vec![
                    crumb("provinces", "", PROVINCES),
                    crumb("province", name.clone(), province_path(self.provinces, id)),
                ];
                ("province_month", crumbs, Content::ProvinceMonth(self.province_month(id, position, page.part)))
            }
            PageKind::Timeline => {
                let content = Content::Timeline {
                    years: self.year_summaries(),
                    undated: self.archive.timeline.undated.len(),
                    month_chart: self.month_chart(&self.month_counts, None),
                    heatmap: self.heatmap(),
                };
                ("timeline", vec![], content)
            }
            PageKind::Year(y) => {
                ("year", vec![crumb("timeline", "", TIMELINE)], Content::Year(self.year(y, page.part)))
            }
            PageKind::Month(y, m) => {
                let year = self.archive.timeline.years[y].year;
                let crumbs = vec![crumb("timeline", "", TIMELINE), crumb("year", year.to_string(), year_path(year))];
                ("month", crumbs, Content::Month(self.month(y, m, page.part)))
            }
            PageKind::Day(y, m, d) => {
                let year = &self.archive.timeline.years[y];
                let month = year.months[m].month;
                let crumbs = vec![
                    crumb("timeline", "", TIMELINE),
                    crumb("year", year.year.to_string(), year_path(year.year)),
                    crumb("month", format!("{month}/{}", year.year), month_path(year.year, month)),
                ];
                ("day", crumbs, Content::Day(self.day(y, m, d, page.part)))
            }
            PageKind::Week(i) => {
                let year = self.weeks[i].year;
                let mut crumbs = vec![crumb("timeline", "", TIMELINE)];
                if self.archive.timeline.years.iter().any(|y| y.year == year) {
                    crumbs.push(crumb("year", year.to_string(), year_path(year)));
                }
                ("week", crumbs, Content::Week(self.week(i, page.part)))
            }
            PageKind::Undated => {
                let docs = self.part_of(&self.archive.timeline.undated, page.part);
                ("undated", vec![crumb("timeline", "", TIMELINE)], Content::Undated { docs })
            }
            PageKind::Issuers => ("issuers", vec![], self.groups("issuers", &self.archive.issuers, &self.issuer_paths)),
            PageKind::Types => ("types", vec![], self.groups("types", &self.archive.types, &self.type_paths)),
            PageKind::Issuer(i) => {
                let group = &self.archive.issuers[i];
                let content = Content::Group {
                    group_kind: "issuer",
                    name: &group.name,
                    docs: self.part_of(&group.docs, page.part),
                };
                ("issuer", vec![crumb("issuers", "", ISSUERS)], content)
            }
            PageKind::Type(i) => {
                let group = &self.archive.types[i];
                let content = Content::Group {
                    group_kind: "type",
                    name: &group.name,
                    docs: self.part_of(&group.docs, page.part),
                };
                ("type", vec![crumb("types", "", TYPES)], content)
            }
            PageKind::Search => ("search", vec![], Content::Search { directives: self.archive.directives.len() }),
            PageKind::NotFound => ("not_found", vec![], Content::NotFound {}),
            PageKind::Feed(feed) => ("feed", vec![], Content::Feed(Box::new(self.feed(feed, &page.path)))),
            PageKind::Sitemap(part) => {
                ("sitemap", vec![], Content::Sitemap { base: &self.base_url, paths: self.sitemap(part) })
            }
            PageKind::SitemapIndex => (
                "sitemap_index",
                vec![],
                Content::SitemapIndex { base: &self.base_url, sitemaps: self.sitemap_index() },
            ),
            PageKind::Robots => ("robots", vec![], Content::Robots { base: &self.base_url }),
            PageKind::DataPage => {
                let content = Content::DataPage {
                    files: self.data_files(),
                    has_base_url: !self.base_url.is_empty(),
                    archive_feed: self.has_feed(Feed::Archive).then_some(super::outputs::FEED),
                };
                ("data", vec![], content)
            }
            PageKind::Data(file) => ("data_file", vec![], Content::Data(super::data::DataTable { plan: self, file })),
            PageKind::ListData(list) => ("list_data", vec![], Content::ListData(self.list_rows(list))),
        };
        PageContext {
            root: root_of(&page.path),
            path: &page.path,
            kind,
            breadcrumbs,
            pagination: pagination(page),
            feed: self.feed_of_page(page.kind),
            filter: self.list_filter(page),
            content,
        }
    }

    pub(super) fn summary(&'a self, id: DocId) -> DocSummary<'a> {
        let d = &self.archive.directives[id];
        let row = &self.rows[id];
        DocSummary {
            href: &self.directive_paths[id],
            number: self.field_shown(id, "number", d.number_printed.as_deref()),
            type_name: d.type_name.as_deref(),
            title: self.title_shown(id),
            province: self.province_shown(id),
            province_href: d.province.map(|p| self.province_paths[p].as_str()),
            date: row.date(),
            date_iso: row.date_iso(),
            not_before: row.not_before(),
            no_province: d.province.is_none().then(|| row.no_province()),
            days: None,
            type_slug: row.type_slug(),
            level: row.level(),
            year: d.date.map(|x| x.year),
            tags: row.tags(),
        }
    }

    pub(super) fn doc_link(&'a self, id: DocId) -> DocLink<'a> {
        DocLink {
            href: &self.directive_paths[id],
            label: self.label_shown(id),
            province: self.province_shown(id),
            date: self.date_shown(id),
            date_iso: self.date_iso(id),
        }
    }

    /// The directives of a list shown on part `part` of its pages.
    fn part_of(&'a self, ids: &[DocId], part: usize) -> Vec<DocSummary<'a>> {
        self.summaries(&ids[part_range(ids.len(), part)])
    }

    pub(super) fn summaries(&'a self, ids: &[DocId]) -> Vec<DocSummary<'a>> {
        ids.iter().map(|&id| self.summary(id)).collect()
    }

    pub(super) fn cited_summary(&'a self, id: CitedId) -> CitedSummary<'a> {
        let c = &self.archive.cited[id];
        CitedSummary {
            href: &self.cited_paths[id],
            number: c.key.number.clone(),
            type_name: c.type_name.as_deref(),
            // An archived directive's own file gave them (see `index`).
            issuer: match c.in_archive {
                Some(doc) => self.field_shown(doc, "issuer", c.issuer.as_deref()),
                None => c.issuer.as_deref().map(Cow::Borrowed),
            },
            title: match c.in_archive {
                Some(doc) => Some(self.title_shown(doc)),
                None => c.title.as_deref().map(Cow::Borrowed),
            },
            date: c.date.map(|x| self.show(x)),
            date_iso: c.date.map(|x| x.iso()),
            in_archive: c.in_archive.is_some(),
            citers: c.citers.len(),
        }
    }

    /// The directives that cite `id` shown on part `part`, each with the
    /// days since it was issued.
    fn citers(&'a self, id: CitedId, part: usize) -> Vec<DocSummary<'a>> {
        let citers = &self.archive.cited[id].citers;
        citers[part_range(citers.len(), part)]
            .iter()
            .map(|&doc| {
                let mut summary = self.summary(doc);
                summary.days = self.days_after(id, doc);
                summary
            })
            .collect()
    }

    /// Part `part` of the cited index: most cited first.
    fn cited_index(&'a self, part: usize) -> Vec<CitedSummary<'a>> {
        let ranked = &self.cited_ranked[part_range(self.cited_ranked.len(), part)];
        ranked.iter().map(|&id| self.cited_summary(id)).collect()
    }

    fn home(&'a self) -> HomeData<'a> {
        let archive = self.archive;
        let dated = || archive.directives.iter().filter_map(|d| d.date);
        let top_cited = self.cited_ranked.iter().take(20).map(|&id| self.cited_summary(id)).collect();
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
            // The range starts at the first date known to the day, when there
            // is one: "năm 2020" would say less than the archive knows.
            first_date: dated().filter(PartialDate::is_full).min().or_else(|| dated().min()).map(|d| self.show(d)),
            last_date: dated().max().map(|d| self.show(d)),
            undated: archive.timeline.undated.len(),
            years: self.year_summaries(),
            provinces,
            top_cited,
            types: self.group_summaries(&archive.types, &self.type_paths),
            month_chart: self.month_chart(&self.month_counts, None),
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

    fn province(&'a self, id: ProvinceId, part: usize) -> ProvinceData<'a> {
        let province = self.provinces.get(id);
        let docs = &self.archive.by_province[id];
        let year_of = |doc: DocId| self.archive.directives[doc].date.map(|d| d.year);
        let mut year_counts: Vec<YearCount> = Vec::new();
        for &doc in docs {
            match year_counts.last_mut() {
                Some(last) if last.year == year_of(doc) => last.count += 1,
                _ => year_counts.push(YearCount { year: year_of(doc), count: 1 }),
            }
        }
        let mut groups: Vec<DocGroup> = Vec::new();
        for &doc in &docs[part_range(docs.len(), part)] {
            if groups.last().is_none_or(|g| g.year != year_of(doc)) {
                groups.push(DocGroup { year: year_of(doc), docs: Vec::new() });
            }
            groups.last_mut().expect("pushed above").docs.push(self.summary(doc));
        }
        ProvinceData {
            name: &province.name,
            kind_name: &province.kind,
            region: &province.region,
            merged_into_2025: &province.merged_into_2025,
            count: docs.len(),
            year_counts,
            groups,
            strip: self.month_chart(&self.province_months[id], Some(id)),
        }
    }

    /// Bars per month on the common axis; with a province, bars link to
    /// that province's months, else to the timeline's months.
    fn month_chart(&'a self, counts: &[usize], province: Option<ProvinceId>) -> BarChart {
        let items: Vec<(YearMonth, usize)> = self.months.iter().copied().zip(counts.iter().copied()).collect();
        let first = items.first().map(|(m, _)| *m);
        bar_chart(
            &items,
            |(_, n)| *n,
            |(m, n)| format!("{}/{}: {n}", m.month, m.year),
            |(m, n)| {
                (*n > 0).then(|| match province {
                    Some(p) => province_month_path(self.provinces, p, *m),
                    None => month_path(m.year, m.month),
                })
            },
            |(m, _)| (m.month == 1 || Some(*m) == first).then(|| format!("{}/{}", m.month, m.year)),
        )
    }

    fn heatmap(&'a self) -> Heatmap<'a> {
        const CELL: u32 = 12;
        const LABEL: u32 = 130;
        let max = self.province_months.iter().flatten().copied().max().unwrap_or(0);
        let rows = self
            .archive
            .province_order
            .iter()
            .enumerate()
            .map(|(row, &p)| {
                let name = self.provinces.get(p).name.as_str();
                let cells = self.province_months[p]
                    .iter()
                    .zip(&self.months)
                    .enumerate()
                    .map(|(column, (&count, month))| HeatCell {
                        x: LABEL + column as u32 * CELL,
                        shade: shade(count, max),
                        count,
                        label: format!("{name}, {}/{}: {count}", month.month, month.year),
                        href: (count > 0).then(|| province_month_path(self.provinces, p, *month)),
                    })
                    .collect();
                HeatRow {
                    name,
                    href: province_path(self.provinces, p),
                    y: row as u32 * CELL,
                    total: self.province_months[p].iter().sum(),
                    cells,
                }
            })
            .collect::<Vec<_>>();
        let columns = self
            .months
            .iter()
            .enumerate()
            .filter(|(i, m)| m.month == 1 || *i == 0)
            .map(|(i, m)| (LABEL + i as u32 * CELL, format!("{}/{}", m.month, m.year)))
            .collect();
        Heatmap {
            width: LABEL + self.months.len() as u32 * CELL,
            height: rows.len() as u32 * CELL,
            cell: CELL,
            label_width: LABEL,
            columns,
            rows,
        }
    }

    fn province_month(&'a self, id: ProvinceId, position: usize, part: usize) -> ProvinceMonthData<'a> {
        let month = self.months[position];
        let docs = self.province_month_docs(id, position);
        let counts = &self.province_months[id];
        let link = |i: usize| {
            let m = self.months[i];
            Link { href: province_month_path(self.provinces, id, m), label: format!("{}/{}", m.month, m.year) }
        };
        ProvinceMonthData {
            name: &self.provinces.get(id).name,
            province_href: province_path(self.provinces, id),
            year: month.year,
            month: month.month,
            month_href: month_path(month.year, month.month),
            docs: self.part_of(docs, part),
            previous: (0..position).rev().find(|&i| counts[i] > 0).map(link),
            next: (position + 1..counts.len()).find(|&i| counts[i] > 0).map(link),
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

    fn year(&'a self, y: usize, part: usize) -> YearData<'a> {
        let years = &self.archive.timeline.years;
        let year = &years[y];
        let link = |i: usize| Link { href: year_path(years[i].year), label: years[i].year.to_string() };
        YearData {
            year: year.year,
            count: year.count,
            months: self.month_summaries(y),
            year_only: self.part_of(&year.year_only, part),
            previous: y.checked_sub(1).map(link),
            next: (y + 1 < years.len()).then(|| link(y + 1)),
        }
    }

    /// All months of the timeline in order, as (year index, month index).
    fn month_positions(&'a self) -> Vec<(usize, usize)> {
        let years = &self.archive.timeline.years;
        years.iter().enumerate().flat_map(|(y, year)| (0..year.months.len()).map(move |m| (y, m))).collect()
    }

    fn month(&'a self, y: usize, m: usize, part: usize) -> MonthData<'a> {
        let years = &self.archive.timeline.years;
        let year = &years[y];
        let month = &year.months[m];
        let positions = self.month_positions();
        let here = positions.iter().position(|&p| p == (y, m)).expect("a month of the timeline");
        let link = |(y, m): (usize, usize)| {
            let (year, month) = (years[y].year, years[y].months[m].month);
            Link { href: month_path(year, month), label: format!("{month}/{year}") }
        };
        // The month's list is its days' directives, then those dated only to
        // the month; a long month is split into parts along that order.
        let shown = part_range(month.count, part);
        let days = self.day_sections(year.year, month, &shown);
        let in_days: usize = month.days.iter().map(|d| d.docs.len()).sum();
        let month_only = clip(&month.month_only, in_days, &shown);
        MonthData {
            year: year.year,
            month: month.month,
            count: month.count,
            year_href: year_path(year.year),
            days,
            month_only: self.summaries(month_only),
            calendar: self.calendar(year.year, month),
            previous: here.checked_sub(1).map(|i| link(positions[i])),
            next: positions.get(here + 1).map(|&p| link(p)),
        }
    }

    /// Higher directives issued on `date`.
    pub(super) fn issued_on(&'a self, date: PartialDate) -> Vec<CitedSummary<'a>> {
        self.cited_on_day.get(&date).map(|ids| ids.iter().map(|&c| self.cited_summary(c)).collect()).unwrap_or_default()
    }

    /// The days of a month that have directives or on which a higher
    /// directive was issued, in order, keeping the directives at positions
    /// `shown` of the month's list.
    fn day_sections(
        &'a self,
        year: i32,
        month: &'a crate::graph::Month,
        shown: &std::ops::Range<usize>,
    ) -> Vec<DaySection<'a>> {
        let mut days: Vec<u32> = month.days.iter().map(|d| d.day).collect();
        for date in self.cited_on_day.keys().filter(|d| d.year == year && d.month == Some(month.month)) {
            days.extend(date.day);
        }
        days.sort_unstable();
        days.dedup();
        let mut offset = 0;
        let mut sections = Vec::new();
        for day in days {
            let docs = month.days.iter().find(|d| d.day == day);
            let listed = docs.map_or(&[][..], |d| &d.docs[..]);
            let kept = clip(listed, offset, shown);
            // A day with no directive of its own stays with the part its place falls in.
            if super::weeks::section_on_part(listed.len(), kept.len(), offset, shown, month.count) {
                sections.push(DaySection {
                    day,
                    href: docs.map(|_| day_path(year, month.month, day)),
                    docs: self.summaries(kept),
                    issued: self.issued_on(PartialDate::ymd(year, month.month, day)),
                });
            }
            offset += listed.len();
        }
        sections
    }

    fn day(&'a self, y: usize, m: usize, d: usize, part: usize) -> DayData<'a> {
        let years = &self.archive.timeline.years;
        let (year, month) = (&years[y], &years[y].months[m]);
        let day = &month.days[d];
        let date = PartialDate::ymd(year.year, month.month, day.day);
        let days = |x: PartialDate| chrono::NaiveDate::from_ymd_opt(x.year, x.month.unwrap_or(1), x.day.unwrap_or(1));
        let link = |to: PartialDate| DayLink {
            href: day_path(to.year, to.month.unwrap_or(1), to.day.unwrap_or(1)),
            label: self.show(to),
            skipped: days(to).zip(days(date)).map_or(0, |(to, from)| (to - from).num_days().abs() - 1),
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
            docs: self.part_of(&day.docs, part),
            issued: self.issued_on(date),
            week: chrono::NaiveDate::from_ymd_opt(year.year, month.month, day.day)
                .and_then(|date| self.week_of(date))
                .map(|week| WeekLink { href: week_path(week), year: week.year, week: week.week, skipped: 0 }),
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

    fn cited(&'a self, id: CitedId, part: usize) -> CitedData<'a> {
        let uptake = self.national_uptake(id);
        // The table, when there is one, has counted them already.
        let provinces = uptake.as_ref().map_or_else(|| self.acting_provinces(id), |uptake| uptake.acting);
        let after = self.after_links(id);
        CitedData { cited: self.cited_summary(id), provinces, citers: self.citers(id, part), uptake, after }
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
            title: self.title_shown(id),
            number: self.field_shown(id, "number", d.number_printed.as_deref()),
            type_name: self.field_shown(id, "type", d.type_name.as_deref()),
            issuer: self.field_shown(id, "issuer", d.issuer.as_deref()),
            date: self.date_shown(id),
            date_iso: self.date_iso(id),
            province: self.province_shown(id),
            year: d.date.map(|x| x.year),
            legislation: self.legislation(id),
            meta: self.meta_rows(id),
            signer: self.signer_shown(id),
            recipients: &d.recipients,
            distribution: &d.distribution,
            tags: d.tags.join(", "),
            source: d.source.as_deref(),
            notes: d.notes.as_deref(),
            inferred: &d.inferred,
            extra: &d.extra,
            source_path: &d.source_path,
            body_html: BodyHtml {
                body: &d.body,
                text: None,
                cited: &d.cited_spans,
                links,
                root: root_of(&self.directive_paths[id]),
            },
            cites: archive.cites_of[id].iter().map(|&c| self.cited_summary(c)).collect(),
            // The first part of its citers; the others are on the page's
            // further parts.
            cited_by: archive.cited_as[id].map(|c| self.citers(c, 0)).unwrap_or_default(),
            cited_by_count: archive.cited_as[id].map_or(0, |c| archive.cited[c].citers.len()),
            uptake: archive.cited_as[id].and_then(|c| self.national_uptake(c)),
            after: archive.cited_as[id].and_then(|c| self.after_links(c)),
            related: archive.cites_of[id].iter().map(|&c| self.related(c, id)).filter(|r| !r.docs.is_empty()).collect(),
            previous: id.checked_sub(1).map(|p| self.doc_link(p)),
            next: (id + 1 < archive.directives.len()).then(|| self.doc_link(id + 1)),
            previous_in_province: in_province.and_then(|i| i.checked_sub(1)).map(|i| self.doc_link(province_docs[i])),
            next_in_province: in_province.and_then(|i| province_docs.get(i + 1)).map(|&doc| self.doc_link(doc)),
        }
    }

    /// A directive as schema.org `Legislation`, for its page's JSON-LD. A
    /// value an editor supplied (a key of `inferred`) is left out: the data
    /// holds only what the document itself prints. Addresses are relative
    /// to the directive's page (JSON-LD resolves them against the page's
    /// own address), so the archive works from any address and from disk.
    pub fn legislation(&'a self, id: DocId) -> Legislation<'a> {
        let d = &self.archive.directives[id];
        let path = self.directive_paths[id].as_str();
        let printed = |key: &str, value: Option<&'a str>| value.filter(|_| !d.is_supplied(key));
        let jurisdiction = match d.jurisdiction() {
            Jurisdiction::Province(p) if !d.is_supplied("province") => {
                Some(("AdministrativeArea", self.provinces.get(p).name.as_str()))
            }
            Jurisdiction::Central => Some(("Country", "Việt Nam")),
            _ => None,
        };
        let cites = if d.is_supplied("cites") { &[][..] } else { &self.archive.cites_of[id][..] };
        let citations = cites
            .iter()
            .map(|&c| {
                let cited = &self.archive.cited[c];
                // What an archived directive's editor supplied is left out too.
                let supplied = |key| cited.in_archive.is_some_and(|doc| self.archive.directives[doc].is_supplied(key));
                CitedLegislation {
                    path: &self.cited_paths[c],
                    identifier: &cited.key.number,
                    type_name: cited.type_name.as_deref().filter(|_| !supplied("type")),
                    date: cited.date.filter(|_| !supplied("date")).map(|x| x.to_string()),
                }
            })
            .collect();
        Legislation {
            root: root_of(path),
            path,
            name: printed("title", Some(&d.title)),
            identifier: printed("number", d.number_printed.as_deref()),
            type_name: printed("type", d.type_name.as_deref()),
            date: self.date_iso(id).filter(|_| !d.is_supplied("date")),
            passed_by: printed("issuer", d.issuer.as_deref()),
            jurisdiction,
            keywords: &d.tags,
            citations,
        }
    }

    /// A directive's value of field `key` as every page shows it: marked
    /// when an editor supplied it.
    pub fn field_shown<'v>(&self, id: DocId, key: &str, value: Option<&'v str>) -> Option<Cow<'v, str>> {
        let value = value?;
        Some(if self.archive.directives[id].is_supplied(key) {
            Cow::Owned(supplied(value))
        } else {
            Cow::Borrowed(value)
        })
    }

    /// What goes around a directive's field `key` where it is shown in parts
    /// (several links, the signer's parts): [`SUPPLIED_MARKS`] or nothing.
    fn marks(&self, id: DocId, key: &str) -> [&'static str; 2] {
        if self.archive.directives[id].is_supplied(key) {
            SUPPLIED_MARKS
        } else {
            ["", ""]
        }
    }

    /// A directive's signer as its page shows it: "authority · position
    /// name" of the parts given, marked when supplied.
    pub fn signer_shown(&self, id: DocId) -> Option<String> {
        let signer = self.archive.directives[id].signer.as_ref()?;
        let [open, close] = self.marks(id, "signer");
        let mut shown = String::from(open);
        if let Some(authority) = &signer.authority {
            shown.push_str(authority);
            shown.push_str(" · ");
        }
        if let Some(position) = &signer.position {
            shown.push_str(position);
            shown.push(' ');
        }
        if let Some(name) = &signer.name {
            shown.push_str(name);
        }
        shown.push_str(close);
        Some(shown)
    }

    /// A directive's title as every page and the search results show it.
    pub fn title_shown(&'a self, id: DocId) -> Cow<'a, str> {
        self.field_shown(id, "title", Some(&self.archive.directives[id].title)).expect("a title is given")
    }

    /// A directive's date as every page shows it ("16/6/2021", "tháng
    /// 7/2021", marked when supplied), and in ISO form: its row texts (see
    /// [`super::rows`]), made once.
    pub fn date_shown(&self, id: DocId) -> Option<&str> {
        self.rows[id].date()
    }

    pub fn date_iso(&self, id: DocId) -> Option<&str> {
        self.rows[id].date_iso()
    }

    /// How a link names a directive: its number, or its title when it has
    /// none, as every page shows them.
    pub fn label_shown(&'a self, id: DocId) -> Cow<'a, str> {
        let d = &self.archive.directives[id];
        self.field_shown(id, "number", d.number_printed.as_deref()).unwrap_or_else(|| self.title_shown(id))
    }

    /// A directive's province as every page and the search results show it.
    pub fn province_shown(&'a self, id: DocId) -> Option<Cow<'a, str>> {
        let province = self.archive.directives[id].province.map(|p| self.provinces.get(p).name.as_str());
        self.field_shown(id, "province", province)
    }

    /// A directive's date (`date` or `not_before`, by `key`) as lists show
    /// it: in the interface's language, marked when supplied.
    /// A date as the interface's language writes it.
    pub fn show(&self, date: PartialDate) -> String {
        let mut shown = String::with_capacity(16);
        push_date(&mut shown, date, self.language);
        shown
    }

    /// The directives nearest to `doc` in time that also cite `cited`.
    fn related(&'a self, cited: CitedId, doc: DocId) -> Related<'a> {
        let (shown, more) = related_window(&self.archive.cited[cited].citers, doc);
        let cited_link = CitedLink { href: &self.cited_paths[cited], number: &self.archive.cited[cited].key.number };
        Related { cited: cited_link, more, docs: shown.iter().map(|&d| self.doc_link(d)).collect() }
    }

    /// The metadata table: number, type, issuer, province, date, place, in
    /// that order; a missing value is shown as unknown rather than hidden.
    fn meta_rows(&'a self, id: DocId) -> Vec<MetaRow> {
        let d = &self.archive.directives[id];
        let plain = |key: &'static str, text: Option<&str>| MetaRow {
            key,
            text: self.field_shown(id, key, text).map(Cow::into_owned),
            items: Vec::new(),
            marks: None,
            datetime: None,
        };
        let links = |key: &'static str, items: Vec<MetaItem>| MetaRow {
            key,
            text: None,
            marks: (!items.is_empty()).then(|| self.marks(id, key)),
            items,
            datetime: None,
        };
        let mut rows = vec![
            plain("number", d.number_printed.as_deref()),
            plain("type", d.type_name.as_deref()),
            plain("issuer", d.issuer.as_deref()),
        ];
        let province = d.province.map(|p| MetaItem {
            text: self.provinces.get(p).name.clone(),
            href: province_path(self.provinces, p),
            separator: "",
        });
        rows.push(links("province", province.into_iter().collect()));
        let date_items = d.date.map(|date| self.date_links(date)).unwrap_or_default();
        rows.push(MetaRow { datetime: d.date.map(|x| x.iso()), ..links("date", date_items) });
        if let Some(not_before) = self.rows[id].not_before() {
            rows.push(MetaRow { text: Some(not_before.to_string()), ..plain("not_before", None) });
        }
        rows.push(plain("place", d.place.as_deref()));
        rows
    }

    /// A date as links to its day, month and year in the timeline, at the
    /// precision it has: "16" → day, "6" → month, "2021" → year.
    fn date_links(&'a self, date: PartialDate) -> Vec<MetaItem> {
        let mut items = Vec::new();
        if let (Some(month), Some(day)) = (date.month, date.day) {
            items.push(MetaItem { text: day.to_string(), href: day_path(date.year, month, day), separator: "/" });
        }
        if let Some(month) = date.month {
            let text = match (date.day, self.language) {
                (None, Language::Vietnamese) => format!("tháng {month}"),
                _ => month.to_string(),
            };
            items.push(MetaItem { text, href: month_path(date.year, month), separator: "/" });
        }
        items.push(MetaItem { text: date.year.to_string(), href: year_path(date.year), separator: "" });
        items
    }
}
