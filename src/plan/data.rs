//! The open data's tables: their columns (described once, for the CSV
//! header, `datapackage.json` and the data page) and their rows, made one at
//! a time into reused buffers, so a table of 100,000 directives costs no
//! allocation per row. [`crate::render::data`] turns them into bytes.

use super::outputs::DataFile;
use super::*;
use crate::content::model::CiteOrigin;
use crate::content::names::Name;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::fmt::Write as _;

/// The type of a column, as Frictionless Data's Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text from the archive (guarded against formula injection in CSV).
    String,
    Integer,
    Boolean,
}

impl ColumnType {
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::String => "string",
            ColumnType::Integer => "integer",
            ColumnType::Boolean => "boolean",
        }
    }
}

pub struct Column {
    pub name: &'static str,
    pub kind: ColumnType,
    vi: &'static str,
    en: &'static str,
}

impl Column {
    pub fn description(&self, language: Language) -> &'static str {
        match language {
            Language::Vietnamese => self.vi,
            Language::English => self.en,
        }
    }
}

const fn col(name: &'static str, kind: ColumnType, vi: &'static str, en: &'static str) -> Column {
    Column { name, kind, vi, en }
}

use ColumnType::{Boolean, Integer, String as Text};

const DATES_VI: &str = "ISO 8601 ở độ chính xác đã biết: YYYY-MM-DD, YYYY-MM hoặc YYYY; trống: không rõ";
const DATES_EN: &str = "ISO 8601 at the precision known: YYYY-MM-DD, YYYY-MM or YYYY; empty: not known";

pub const DIRECTIVE_COLUMNS: &[Column] = &[
    col(
        "page",
        Text,
        "Trang của văn bản trong kho (đường dẫn tương đối)",
        "The directive's page in the archive (relative path)",
    ),
    col(
        "url",
        Text,
        "Địa chỉ chính thức của trang (trống khi chưa đặt base_url)",
        "The page's canonical address (empty without base_url)",
    ),
    col("source_file", Text, "Tệp nội dung của văn bản", "The directive's content file"),
    col("number", Text, "Số, ký hiệu như in trên văn bản", "Number as printed"),
    col("type", Text, "Loại văn bản", "Type"),
    col("issuer", Text, "Cơ quan ban hành", "Issuing body"),
    col(
        "province",
        Text,
        "Tỉnh, thành phố (trống: cơ quan trung ương hoặc không rõ)",
        "Province (empty: central body or not known)",
    ),
    col("date", Text, DATES_VI, DATES_EN),
    col(
        "not_before",
        Text,
        "Ngày sớm nhất có thể của văn bản không ghi ngày (ISO 8601)",
        "Earliest possible date of an undated directive (ISO 8601)",
    ),
    col("title", Text, "Trích yếu", "Subject line"),
    col("place", Text, "Địa danh", "Place as printed"),
    col("signer_name", Text, "Người ký", "Signer"),
    col("signer_position", Text, "Chức vụ người ký", "Signer's position"),
    col("signer_authority", Text, "Thẩm quyền ký (T/M, K/T …)", "Signing authority (T/M, K/T …)"),
    col("recipients", Text, "Kính gửi, cách nhau bằng \"; \"", "Recipients, separated by \"; \""),
    col("distribution", Text, "Nơi nhận, cách nhau bằng \"; \"", "Distribution, separated by \"; \""),
    col(
        "cites",
        Text,
        "Số của các văn bản được trích dẫn (trong phần đầu và trong văn bản), cách nhau bằng \"; \"",
        "Numbers of the directives it cites (front matter and text), separated by \"; \"",
    ),
    col("tags", Text, "Chủ đề, cách nhau bằng \"; \"", "Topics, separated by \"; \""),
    col("source", Text, "Nguồn của văn bản", "Where the text came from"),
    col("notes", Text, "Ghi chú của biên tập viên", "Editor's notes"),
    col(
        "supplied_fields",
        Text,
        "Các trường do biên tập viên bổ sung, không in trên văn bản, cách nhau bằng \"; \"",
        "Fields an editor supplied rather than read on the document, separated by \"; \"",
    ),
    col("extra", Text, "Dữ liệu tự do (JSON)", "Free-form data (JSON)"),
];

pub const CITATION_COLUMNS: &[Column] = &[
    col("citing_page", Text, "Trang của văn bản trích dẫn", "The citing directive's page"),
    col("citing_number", Text, "Số, ký hiệu của văn bản trích dẫn", "The citing directive's number"),
    col("citing_date", Text, DATES_VI, DATES_EN),
    col("cited_page", Text, "Trang của văn bản được trích dẫn", "The cited directive's page"),
    col("cited_number", Text, "Số, ký hiệu của văn bản được trích dẫn", "The cited directive's number"),
    col("cited_date", Text, DATES_VI, DATES_EN),
    col("cited_in_archive", Boolean, "Văn bản được trích dẫn có trong kho không", "Whether the cited directive's text is in the archive"),
    col("origin", Text, "front_matter: ghi ở phần đầu tệp; text: tìm thấy trong văn bản", "front_matter: listed in the front matter; text: found in the text"),
    col("days_elapsed", Integer, "Số ngày từ văn bản được trích dẫn đến văn bản trích dẫn (trống khi một trong hai ngày không đủ ngày, tháng, năm)", "Days from the cited directive to the citing one (empty unless both are dated to the day)"),
];

pub const CITED_COLUMNS: &[Column] = &[
    col("page", Text, "Trang của văn bản được trích dẫn", "The cited directive's page"),
    col("number", Text, "Số, ký hiệu", "Number"),
    col("type", Text, "Loại văn bản", "Type"),
    col("issuer", Text, "Cơ quan ban hành", "Issuing body"),
    col("date", Text, DATES_VI, DATES_EN),
    col("title", Text, "Trích yếu", "Subject line"),
    col(
        "jurisdiction",
        Text,
        "trung-uong, tinh, tinh-khong-ro hoặc khong-ro",
        "trung-uong (central), tinh (province), tinh-khong-ro (province unknown) or khong-ro (unknown)",
    ),
    col("in_archive", Boolean, "Văn bản có trong kho không", "Whether its text is in the archive"),
    col("citers", Integer, "Số văn bản trích dẫn nó", "How many directives cite it"),
];

pub const PROVINCE_COLUMNS: &[Column] = &[
    col("province", Text, "Tỉnh, thành phố", "Province"),
    col("slug", Text, "Tên ngắn trong đường dẫn", "Short name in paths"),
    col("kind", Text, "Tỉnh hoặc thành phố", "Province or city"),
    col("region", Text, "Vùng", "Region"),
    col("directives", Integer, "Số văn bản trong kho", "Directives in the archive"),
    col("page", Text, "Trang của tỉnh", "The province's page"),
];

/// The columns of a CSV file (none for the JSON files).
pub fn columns(file: DataFile) -> &'static [Column] {
    match file {
        DataFile::Directives => DIRECTIVE_COLUMNS,
        DataFile::Citations => CITATION_COLUMNS,
        DataFile::Cited => CITED_COLUMNS,
        DataFile::Provinces => PROVINCE_COLUMNS,
        DataFile::DirectivesJson | DataFile::Package => &[],
    }
}

/// What a data file's page holds: the plan and which file.
pub struct DataTable<'a> {
    pub plan: &'a Plan<'a>,
    pub file: DataFile,
}

/// Reused text buffers for the cells of a row that are made, not borrowed.
#[derive(Default)]
struct Cells {
    made: [String; 9],
}

impl Cells {
    fn clear(&mut self) {
        self.made.iter_mut().for_each(String::clear);
    }
}

fn join_into(out: &mut String, items: impl IntoIterator<Item = impl AsRef<str>>) {
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(item.as_ref());
    }
}

fn date_into(out: &mut String, date: Option<PartialDate>) {
    if let Some(date) = date {
        date.push_iso(out);
    }
}

fn flag(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

impl<'a> DataTable<'a> {
    /// Calls `row` with each row's cells, in [`columns`] order.
    pub fn each_row<E>(&self, row: &mut dyn FnMut(&[&str]) -> Result<(), E>) -> Result<(), E> {
        let plan = self.plan;
        let archive = plan.archive;
        let mut cells = Cells::default();
        match self.file {
            DataFile::Directives => {
                for (id, d) in archive.directives.iter().enumerate() {
                    cells.clear();
                    let [url, date, not_before, recipients, distribution, cites, tags, extra, supplied] =
                        &mut cells.made;
                    let page = plan.directive_path(id);
                    if !plan.base_url.is_empty() {
                        url.push_str(&plan.base_url);
                        url.push_str(page);
                    }
                    date_into(date, d.date);
                    date_into(not_before, d.not_before);
                    join_into(recipients, &d.recipients);
                    join_into(distribution, &d.distribution);
                    join_into(cites, archive.cites_of[id].iter().map(|&c| &archive.cited[c].key.number));
                    join_into(tags, &d.tags);
                    if !d.extra.is_null() {
                        let _ = write!(extra, "{}", d.extra);
                    }
                    let signer = d.signer.as_ref();
                    let signer = |f: fn(&crate::content::model::Signer) -> &Option<Name>| {
                        signer.and_then(|s| f(s).as_deref()).unwrap_or("")
                    };
                    join_into(supplied, &d.inferred);
                    row(&[
                        page,
                        url,
                        &d.source_path,
                        d.number_printed.as_deref().unwrap_or(""),
                        d.type_name.as_deref().unwrap_or(""),
                        d.issuer.as_deref().unwrap_or(""),
                        d.province.map_or("", |p| &plan.provinces.get(p).name),
                        date,
                        not_before,
                        &d.title,
                        d.place.as_deref().unwrap_or(""),
                        signer(|s| &s.name),
                        signer(|s| &s.position),
                        signer(|s| &s.authority),
                        recipients,
                        distribution,
                        cites,
                        tags,
                        d.source.as_deref().unwrap_or(""),
                        d.notes.as_deref().unwrap_or(""),
                        supplied,
                        extra,
                    ])?;
                }
            }
            DataFile::Citations => {
                for (id, d) in archive.directives.iter().enumerate() {
                    for &c in &archive.cites_of[id] {
                        cells.clear();
                        let [citing_date, cited_date, days, ..] = &mut cells.made;
                        let cited = &archive.cited[c];
                        date_into(citing_date, d.date);
                        date_into(cited_date, cited.date);
                        if let Some(elapsed) = plan.days_after(c, id) {
                            let _ = write!(days, "{elapsed}");
                        }
                        // The front matter wins where both name it (as `index` reads them).
                        let in_front_matter = d
                            .cites
                            .iter()
                            .any(|cite| cite.origin == CiteOrigin::FrontMatter && cite.number == cited.number);
                        row(&[
                            plan.directive_path(id),
                            d.number_printed.as_deref().unwrap_or(""),
                            citing_date,
                            plan.cited_path(c),
                            &cited.key.number,
                            cited_date,
                            flag(cited.in_archive.is_some()),
                            if in_front_matter { "front_matter" } else { "text" },
                            days,
                        ])?;
                    }
                }
            }
            DataFile::Cited => {
                for (id, cited) in archive.cited.iter().enumerate() {
                    cells.clear();
                    let [date, citers, ..] = &mut cells.made;
                    date_into(date, cited.date);
                    let _ = write!(citers, "{}", cited.citers.len());
                    row(&[
                        plan.cited_path(id),
                        &cited.key.number,
                        cited.type_name.as_deref().unwrap_or(""),
                        cited.issuer.as_deref().unwrap_or(""),
                        date,
                        cited.title.as_deref().unwrap_or(""),
                        cited.jurisdiction().slug(),
                        flag(cited.in_archive.is_some()),
                        citers,
                    ])?;
                }
            }
            DataFile::Provinces => {
                for &id in &archive.province_order {
                    cells.clear();
                    let [count, page, ..] = &mut cells.made;
                    let province = plan.provinces.get(id);
                    let _ = write!(count, "{}", archive.by_province[id].len());
                    page.push_str(&province_path(plan.provinces, id));
                    row(&[&province.name, &province.slug, &province.kind, &province.region, count, page])?;
                }
            }
            DataFile::DirectivesJson | DataFile::Package => {}
        }
        Ok(())
    }

    /// `datapackage.json` (Frictionless Data Package v1): every file, and
    /// every column of the CSV files.
    fn package(&self) -> serde_json::Value {
        use serde_json::json;
        let language = self.plan.language;
        let resources: Vec<serde_json::Value> = DataFile::ALL
            .iter()
            .filter(|&&file| file != DataFile::Package)
            .map(|&file| {
                let path = file.path().trim_start_matches("du-lieu/");
                if !file.is_csv() {
                    return json!({
                        "name": file.name(),
                        "path": path,
                        "format": "json",
                        "mediatype": "application/json",
                        "encoding": "utf-8",
                        "description": DIRECTIVES_JSON[usize::from(language == Language::English)],
                    });
                }
                let fields: Vec<serde_json::Value> = columns(file)
                    .iter()
                    .map(|c| json!({"name": c.name, "type": c.kind.name(), "description": c.description(language)}))
                    .collect();
                json!({
                    "name": file.name(),
                    "path": path,
                    "profile": "tabular-data-resource",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "dialect": {"delimiter": ",", "quoteChar": "\"", "doubleQuote": true, "header": true, "lineTerminator": "\r\n"},
                    "schema": {"fields": fields, "missingValues": [""]},
                })
            })
            .collect();
        json!({
            // Not `tabular-data-package`: van-ban.json is not a table.
            "profile": "data-package",
            "name": "vanban-archive",
            "title": PACKAGE_TITLE[usize::from(language == Language::English)],
            "description": PACKAGE_DESCRIPTION[usize::from(language == Language::English)],
            "resources": resources,
        })
    }
}

const PACKAGE_TITLE: [&str; 2] = ["Dữ liệu mở của kho văn bản chỉ đạo", "Open data of the archive of directives"];
const PACKAGE_DESCRIPTION: [&str; 2] = [
    "Siêu dữ liệu của mọi văn bản, đồ thị trích dẫn, các văn bản được trích dẫn và các tỉnh. Tệp CSV mã hóa UTF-8 có BOM; ô văn bản bắt đầu bằng =, +, -, @, tab hoặc xuống dòng được thêm dấu ' ở đầu để bảng tính không chạy nó như công thức (tệp JSON giữ nguyên giá trị). Giá trị do biên tập viên bổ sung được liệt kê trong cột supplied_fields.",
    "Every directive's metadata, the citation graph, the cited directives and the provinces. CSV files are UTF-8 with a byte-order mark; a text cell starting with =, +, -, @, a tab or a line break gets a leading ' so that spreadsheets do not run it as a formula (the JSON file keeps the values as they are). Values an editor supplied are listed in the supplied_fields column.",
];
const DIRECTIVES_JSON: [&str; 2] = [
    "Mọi văn bản, như van-ban.csv nhưng danh sách là mảng, người ký là đối tượng và extra là JSON",
    "Every directive, as van-ban.csv but with lists as arrays, the signer as an object and extra as JSON",
];

/// A directive as `van-ban.json` holds it.
#[derive(Serialize)]
struct DirectiveRecord<'a> {
    page: &'a str,
    url: Option<Url<'a>>,
    source_file: &'a str,
    number: Option<&'a str>,
    #[serde(rename = "type")]
    type_name: Option<&'a str>,
    issuer: Option<&'a str>,
    province: Option<&'a str>,
    date: Option<PartialDate>,
    not_before: Option<PartialDate>,
    title: &'a str,
    place: Option<&'a str>,
    signer: Option<&'a crate::content::model::Signer>,
    recipients: &'a [Name],
    distribution: &'a [Name],
    cites: CitesOf<'a>,
    tags: &'a [Name],
    source: Option<&'a str>,
    notes: Option<&'a str>,
    supplied_fields: &'a [Name],
    extra: &'a serde_json::Value,
}

/// `base_url` and a path, written as one string without making it.
struct Url<'a>(&'a str, &'a str);

impl Serialize for Url<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}{}", self.0, self.1))
    }
}

/// The numbers a directive cites, as a list, without making one.
struct CitesOf<'a>(&'a crate::graph::Archive, DocId);

impl Serialize for CitesOf<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let archive = self.0;
        serializer.collect_seq(archive.cites_of[self.1].iter().map(|&c| &archive.cited[c].key.number))
    }
}

/// `van-ban.json`'s rows, made one at a time as they are serialised.
pub struct DirectiveRecords<'a>(&'a Plan<'a>);

impl Serialize for DirectiveRecords<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let plan = self.0;
        let archive = plan.archive;
        let mut seq = serializer.serialize_seq(Some(archive.directives.len()))?;
        for (id, d) in archive.directives.iter().enumerate() {
            let page = plan.directive_path(id);
            seq.serialize_element(&DirectiveRecord {
                page,
                url: (!plan.base_url.is_empty()).then_some(Url(&plan.base_url, page)),
                source_file: &d.source_path,
                number: d.number_printed.as_deref(),
                type_name: d.type_name.as_deref(),
                issuer: d.issuer.as_deref(),
                province: d.province.map(|p| plan.provinces.get(p).name.as_str()),
                date: d.date,
                not_before: d.not_before,
                title: &d.title,
                place: d.place.as_deref(),
                signer: d.signer.as_ref(),
                recipients: &d.recipients,
                distribution: &d.distribution,
                cites: CitesOf(archive, id),
                tags: &d.tags,
                source: d.source.as_deref(),
                notes: d.notes.as_deref(),
                supplied_fields: &d.inferred,
                extra: &d.extra,
            })?;
        }
        seq.end()
    }
}

/// A JSON file's value.
#[derive(Serialize)]
#[serde(untagged)]
pub enum JsonFile<'a> {
    Directives(DirectiveRecords<'a>),
    Package(serde_json::Value),
}

impl<'a> DataTable<'a> {
    /// The value of a JSON file; `None` for a CSV file.
    pub fn json(&self) -> Option<JsonFile<'a>> {
        match self.file {
            DataFile::DirectivesJson => Some(JsonFile::Directives(DirectiveRecords(self.plan))),
            DataFile::Package => Some(JsonFile::Package(self.package())),
            _ => None,
        }
    }
}

/// What the file holds, as a map (the page's content is flattened into its
/// frame): a JSON file's value, or a CSV file's header and rows. What
/// `vanban serve` compares; the build writes the CSV through
/// [`DataTable::each_row`].
impl Serialize for DataTable<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        match self.json() {
            Some(json) => map.serialize_entry("json", &json)?,
            None => {
                map.serialize_entry("columns", &columns(self.file).iter().map(|c| c.name).collect::<Vec<_>>())?;
                map.serialize_entry("rows", &Rows(self))?;
            }
        }
        map.end()
    }
}

/// A CSV file's rows, serialised one by one as [`DataTable::each_row`]
/// makes them (a copy of the rows of 100,000 directives would be millions
/// of strings, made on every comparison of `vanban serve`).
struct Rows<'t, 'a>(&'t DataTable<'a>);

impl Serialize for Rows<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut rows = serializer.serialize_seq(None)?;
        self.0.each_row(&mut |cells| rows.serialize_element(cells))?;
        rows.end()
    }
}
