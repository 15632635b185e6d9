//! Stage 7, zip: the written archive as one zip file that works anywhere.
//!
//! The zip holds a single top folder (a short ASCII slug of the archive's
//! title) with the output's files and a bilingual read-me that says to
//! extract everything before opening `index.html`. It is reproducible: the
//! same output gives the same bytes, whatever the thread count or the file
//! system. Entries are sorted by path; every entry has the same timestamp
//! ([`entry_time`]), mode 0644 and deflate at one level; no directory
//! entries and no extra fields (so no extended timestamps, no uid or gid).
//!
//! The files are read back from the staging folder, after rendering and
//! before it is committed, rather than collected while rendering: the stage
//! then zips exactly the bytes that were written (unzipping gives the output
//! by construction), the render loop stays as it is, and memory stays
//! bounded by reading in sorted batches of [`BATCH_BYTES`]. The read costs
//! little next to deflating (the files were just written, so they are in
//! the page cache). Within a batch every file is deflated on its own, in
//! parallel, into a one-entry zip in memory; the entries are then copied
//! raw, in path order, into the final zip. The zip is written once, to a
//! temporary file beside the target, and renamed over it by
//! [`PendingZip::commit`] only when the whole build succeeded.

use crate::content::model::PartialDate;
use crate::graph::Archive;
use crate::text::vietnamese::slugify;
use ::zip::write::SimpleFileOptions;
use ::zip::{CompressionMethod, ZipArchive, ZipWriter};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::{self, BufWriter, Cursor, Write};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// The read-me beside `index.html` in the top folder: "Đọc trước / Read me
/// first". Upper case sorts before the archive's lower-case paths, so it is
/// the first entry a zip viewer lists.
pub const README: &str = "DOC-TRUOC-READ-ME.txt";
/// The top folder when the title gives no slug.
pub const DEFAULT_TOP: &str = "vanban";
/// Longest top folder, in bytes (cut at a word boundary).
pub const MAX_TOP: usize = 40;
/// Longest entry path, top folder included. Extracted under a typical
/// download folder this stays well below Windows' 260-character limit.
pub const MAX_PATH: usize = 200;
/// Deflate level for every entry: zlib's default, a fixed setting.
pub const LEVEL: i64 = 6;
/// Uncompressed bytes read and deflated per batch; bounds the memory the
/// stage needs whatever the size of the archive.
pub const BATCH_BYTES: u64 = 32 << 20;
/// The date of every entry when the archive has no full date.
pub const FALLBACK_TIME: &str = "1980-01-01T00:00:00";

/// How to zip: the top folder, the title for the read-me, and the one
/// timestamp of every entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipSettings {
    pub top: String,
    pub title: String,
    pub time: NaiveDateTime,
}

impl ZipSettings {
    /// Settings for an archive: the top folder from its title, the time from
    /// `source_date_epoch` (the `SOURCE_DATE_EPOCH` variable) or its content.
    pub fn new(title: &str, archive: &Archive, source_date_epoch: Option<&str>) -> crate::Result<ZipSettings> {
        let dates = archive.directives.iter().filter_map(|d| d.date);
        Ok(ZipSettings {
            top: top_folder(title),
            title: title.to_string(),
            time: entry_time(dates, source_date_epoch).map_err(crate::Error::ZipTime)?,
        })
    }
}

/// The default zip path: `{output}.zip` beside the output folder.
pub fn default_path(output: &Path) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| DEFAULT_TOP.into());
    output.with_file_name(format!("{name}.zip"))
}

/// The single top folder: a short ASCII slug of the title, else `vanban`.
pub fn top_folder(title: &str) -> String {
    let slug = slugify(title);
    let mut top = String::new();
    for word in slug.split('-').filter(|w| !w.is_empty()) {
        if top.len() + 1 + word.len() > MAX_TOP {
            break;
        }
        if !top.is_empty() {
            top.push('-');
        }
        top.push_str(word);
    }
    if top.is_empty() {
        DEFAULT_TOP.to_string()
    } else {
        top
    }
}

/// The timestamp of every entry, as the zip stores it (UTC, even seconds,
/// 1980–2107): `SOURCE_DATE_EPOCH` when set; else the newest full date of a
/// directive (of `dates`), at 00:00; else 1980-01-01. Content dates rather
/// than the clock, so that rebuilding the same archive gives the same zip.
pub fn entry_time(
    dates: impl IntoIterator<Item = PartialDate>,
    source_date_epoch: Option<&str>,
) -> Result<NaiveDateTime, String> {
    let fallback = NaiveDateTime::parse_from_str(FALLBACK_TIME, "%Y-%m-%dT%H:%M:%S").expect("valid");
    let time = match source_date_epoch.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => {
            let seconds: i64 = text.parse().map_err(|_| {
                format!("SOURCE_DATE_EPOCH is `{text}`, not a number of seconds since 1970-01-01 00:00 UTC")
            })?;
            DateTime::from_timestamp(seconds, 0).map(|t| t.naive_utc()).unwrap_or(fallback)
        }
        None => dates
            .into_iter()
            .filter_map(|d| NaiveDate::from_ymd_opt(d.year, d.month?, d.day?))
            .max()
            .map(|date| date.and_time(Default::default()))
            .unwrap_or(fallback),
    };
    let last = NaiveDateTime::parse_from_str("2107-12-31T23:59:58", "%Y-%m-%dT%H:%M:%S").expect("valid");
    let time = time.clamp(fallback, last);
    Ok(time.with_second(time.second() / 2 * 2).expect("an even second exists"))
}

fn dos_time(time: NaiveDateTime) -> io::Result<::zip::DateTime> {
    ::zip::DateTime::from_date_and_time(
        time.year() as u16,
        time.month() as u8,
        time.day() as u8,
        time.hour() as u8,
        time.minute() as u8,
        time.second() as u8,
    )
    .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, format!("{time} cannot be a zip timestamp")))
}

/// The read-me's text, Vietnamese then English, with Windows line ends and
/// a byte-order mark so that every text editor shows the diacritics.
pub fn readme_text(top: &str, title: &str) -> String {
    let text = format!(
        "Đọc trước / Read me first\n\
         \n\
         {title}\n\
         \n\
         TIẾNG VIỆT\n\
         \n\
         1. Giải nén TOÀN BỘ tệp zip này trước (ví dụ: nhấp chuột phải vào tệp zip,\n   \
         chọn \"Giải nén tất cả\" / \"Extract All\").\n\
         2. Sau đó mở tệp index.html trong thư mục {top} bằng trình duyệt.\n\
         \n\
         Đừng mở các trang ngay trong trình xem tệp zip: khi đó chỉ một tệp được\n\
         giải nén, trang sẽ thiếu kiểu trình bày và các liên kết không hoạt động.\n\
         Kho lưu trữ không cần mạng: sau khi giải nén, mọi trang mở được ngay trên máy.\n\
         \n\
         ENGLISH\n\
         \n\
         1. Extract the WHOLE zip file first (for example: right-click the zip file,\n   \
         choose \"Extract All\").\n\
         2. Then open index.html in the {top} folder with a web browser.\n\
         \n\
         Do not open the pages from inside a zip viewer: it extracts only that one\n\
         file, so the page loses its styles and its links do not work. The archive\n\
         needs no network: once extracted, every page opens straight from the disk.\n"
    );
    format!("\u{feff}{}", text.replace('\n', "\r\n"))
}

/// A zip written to a temporary file beside its target, not yet in place.
/// Dropped without [`PendingZip::commit`], it is deleted, so a failed build
/// leaves any previous zip as it was.
#[derive(Debug)]
pub struct PendingZip {
    temp: PathBuf,
    target: PathBuf,
    pub entries: usize,
    pub bytes: u64,
    committed: bool,
}

/// What was zipped, once in place.
#[derive(Debug, Clone)]
pub struct ZipReport {
    pub path: PathBuf,
    pub entries: usize,
    pub bytes: u64,
}

impl PendingZip {
    /// Where the zip goes once committed.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Renames the finished zip over the target (atomic on one file system).
    pub fn commit(mut self) -> io::Result<ZipReport> {
        std::fs::rename(&self.temp, &self.target)?;
        self.committed = true;
        Ok(ZipReport { path: self.target.clone(), entries: self.entries, bytes: self.bytes })
    }
}

impl Drop for PendingZip {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Zips every file below `folder` into a temporary file beside `target`,
/// under the top folder, with the read-me. Refuses a path that is not short
/// plain ASCII, or two paths that differ only in case (they would collide
/// when extracted on Windows or macOS).
pub fn zip_folder(folder: &Path, target: &Path, settings: &ZipSettings) -> io::Result<PendingZip> {
    let top = &settings.top;
    check_name(top).map_err(invalid)?;
    let mut entries = vec![Entry { name: format!("{top}/{README}"), source: Source::Readme, len: 0 }];
    for entry in WalkDir::new(folder) {
        let entry = entry?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(folder).expect("below the folder");
        if rel == Path::new(crate::output::guard::MARKER) {
            // It marks the folder for vanban; the zip is not that folder.
            continue;
        }
        if !entry.file_type().is_file() {
            return Err(invalid(format!("{}: not a regular file", rel.display())));
        }
        let mut name = top.clone();
        for component in rel.components() {
            let part =
                component.as_os_str().to_str().ok_or_else(|| invalid(format!("{}: not ASCII", rel.display())))?;
            name.push('/');
            name.push_str(part);
        }
        entries.push(Entry { name, source: Source::File(entry.path().to_path_buf()), len: entry.metadata()?.len() });
    }
    // The read-me first, where a zip viewer lists it and where
    // `guard::is_vanban_zip` looks for it (`404.html` sorts before it).
    entries.sort_by(|a, b| {
        let key = |e: &Entry| (!matches!(e.source, Source::Readme), e.name.clone());
        key(a).cmp(&key(b))
    });
    let mut folded = HashSet::new();
    for entry in &entries {
        check_name(&entry.name).map_err(invalid)?;
        if !folded.insert(entry.name.to_ascii_lowercase()) {
            return Err(invalid(format!("{}: another path differs from it only in case", entry.name)));
        }
    }

    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(LEVEL))
        .last_modified_time(dos_time(settings.time)?)
        .unix_permissions(0o644);
    let readme = readme_text(top, &settings.title);

    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "archive.zip".into());
    let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let (temp, file) =
        crate::output::guard::create_new_file(&parent.join(format!(".{name}.tmp-{}", std::process::id())))?;
    // From here on the temporary file is removed on any failure.
    let mut pending =
        PendingZip { temp, target: target.to_path_buf(), entries: entries.len(), bytes: 0, committed: false };
    let mut zip = ZipWriter::new(BufWriter::new(file));
    for batch in batches(&entries) {
        let compressed: Vec<io::Result<Vec<u8>>> = batch
            .par_iter()
            .map(|entry| {
                let bytes = match &entry.source {
                    Source::Readme => readme.as_bytes().to_vec(),
                    Source::File(path) => std::fs::read(path)?,
                };
                deflate_one(&entry.name, &bytes, options)
            })
            .collect();
        for one in compressed {
            let mut one = ZipArchive::new(Cursor::new(one?))?;
            zip.raw_copy_file(one.by_index_raw(0)?)?;
        }
    }
    let file = zip.finish()?.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.sync_all()?;
    pending.bytes = file.metadata()?.len();
    Ok(pending)
}

struct Entry {
    name: String,
    source: Source,
    len: u64,
}

enum Source {
    Readme,
    File(PathBuf),
}

/// Consecutive runs of entries of about [`BATCH_BYTES`] each (at least one
/// entry, however large).
fn batches(entries: &[Entry]) -> Vec<&[Entry]> {
    let mut batches = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, entry) in entries.iter().enumerate() {
        if size > 0 && size + entry.len > BATCH_BYTES {
            batches.push(&entries[start..i]);
            (start, size) = (i, 0);
        }
        size += entry.len;
    }
    if start < entries.len() {
        batches.push(&entries[start..]);
    }
    batches
}

/// One file deflated into a one-entry zip in memory.
fn deflate_one(name: &str, bytes: &[u8], options: SimpleFileOptions) -> io::Result<Vec<u8>> {
    let mut one = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len() / 3 + 256)));
    one.start_file(name, options)?;
    one.write_all(bytes)?;
    Ok(one.finish()?.into_inner())
}

/// A short path of plain ASCII segments: letters, digits, `-`, `_`, `.`.
fn check_name(name: &str) -> Result<(), String> {
    if name.len() > MAX_PATH {
        return Err(format!("{name}: longer than {MAX_PATH} characters"));
    }
    for segment in name.split('/') {
        if segment.is_empty() || segment == "." || segment == ".." {
            return Err(format!("{name}: empty, `.` or `..` path segment"));
        }
        if !segment.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) {
            return Err(format!("{name}: not plain ASCII (letters, digits, `-`, `_`, `.`)"));
        }
    }
    Ok(())
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, format!("refusing to zip {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").unwrap()
    }

    #[test]
    fn the_time_is_the_newest_full_date_or_source_date_epoch() {
        let archive = [
            PartialDate::ymd(2021, 8, 24),
            PartialDate::ymd(2020, 7, 29),
            PartialDate { year: 2022, month: Some(3), day: None },
        ];
        assert_eq!(entry_time(archive, None).unwrap(), at("2021-08-24T00:00:00"));
        assert_eq!(entry_time(archive, Some("")).unwrap(), at("2021-08-24T00:00:00"));
        assert_eq!(entry_time(archive, Some("1700000001")).unwrap(), at("2023-11-14T22:13:20"), "even seconds");
        assert_eq!(entry_time(archive, Some("0")).unwrap(), at("1980-01-01T00:00:00"), "clamped to 1980");
        assert!(entry_time(archive, Some("yesterday")).unwrap_err().contains("SOURCE_DATE_EPOCH"));
        assert_eq!(entry_time([], None).unwrap(), at("1980-01-01T00:00:00"));
        let partial = [PartialDate { year: 2021, month: Some(8), day: None }];
        assert_eq!(entry_time(partial, None).unwrap(), at("1980-01-01T00:00:00"), "only full dates count");
    }

    #[test]
    fn the_top_folder_is_a_short_ascii_slug() {
        assert_eq!(top_folder("Lưu trữ văn bản chỉ đạo"), "luu-tru-van-ban-chi-dao");
        assert_eq!(top_folder("…"), "vanban");
        let long = top_folder("Kho lưu trữ văn bản chỉ đạo phòng, chống dịch Covid-19 của các tỉnh, thành phố");
        assert!(long.len() <= MAX_TOP && !long.ends_with('-'), "{long}");
        assert_eq!(default_path(Path::new("site/output")), Path::new("site/output.zip"));
        assert_eq!(default_path(Path::new("output")), Path::new("output.zip"));
    }

    #[test]
    fn names_must_be_short_plain_ascii() {
        for bad in ["top/../x", "top//x", "top/./x", "top/văn-bản.html", "top/a b.html", "top/a\\b"] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
        assert!(check_name(&format!("top/{}", "a".repeat(MAX_PATH))).is_err());
        assert!(check_name("top/van-ban/tw/2021/07-kl-tw/index.html").is_ok());
    }

    #[test]
    fn batches_cover_every_entry_in_order() {
        let entry = |len| Entry { name: String::new(), source: Source::Readme, len };
        let entries = vec![entry(BATCH_BYTES), entry(1), entry(BATCH_BYTES - 1), entry(5), entry(0)];
        let lengths: Vec<usize> = batches(&entries).iter().map(|b| b.len()).collect();
        assert_eq!(lengths, [1, 2, 2]);
        assert!(batches(&[]).is_empty());
    }

    #[test]
    fn a_refused_zip_leaves_the_previous_one_and_no_temporary_file() {
        let tmp = tempfile::tempdir().unwrap();
        let folder = tmp.path().join("site");
        std::fs::create_dir_all(folder.join("a")).unwrap();
        std::fs::write(folder.join("a/index.html"), "<p>x</p>").unwrap();
        let target = tmp.path().join("site.zip");
        std::fs::write(&target, "previous").unwrap();
        let settings = ZipSettings { top: "top".into(), title: "T".into(), time: at("2021-08-24T00:00:00") };

        std::fs::write(folder.join("a/văn bản.html"), "x").unwrap();
        assert!(zip_folder(&folder, &target, &settings).unwrap_err().to_string().contains("not plain ASCII"));
        std::fs::remove_file(folder.join("a/văn bản.html")).unwrap();
        std::fs::write(folder.join("a/INDEX.html"), "x").unwrap();
        assert!(zip_folder(&folder, &target, &settings).unwrap_err().to_string().contains("only in case"));
        std::fs::remove_file(folder.join("a/INDEX.html")).unwrap();

        let abandoned = zip_folder(&folder, &target, &settings).unwrap();
        drop(abandoned);
        assert_eq!(std::fs::read(&target).unwrap(), b"previous");
        let names: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary zip left: {names:?}");

        let report = zip_folder(&folder, &target, &settings).unwrap().commit().unwrap();
        assert_eq!(report.entries, 2);
        let mut zip = ZipArchive::new(std::fs::File::open(&target).unwrap()).unwrap();
        assert_eq!(zip.file_names().collect::<Vec<_>>(), [format!("top/{README}").as_str(), "top/a/index.html"]);
        assert_eq!(io::read_to_string(zip.by_name("top/a/index.html").unwrap()).unwrap(), "<p>x</p>");
    }

    /// More than 65,535 entries need the zip64 end records; checks that the
    /// zip crate writes them and that the zip reads back. 70,000 files:
    /// about 18 s, in a debug build as in release (writing the files is
    /// most of it).
    #[test]
    fn more_than_65535_entries_read_back() {
        let tmp = tempfile::tempdir().unwrap();
        let folder = tmp.path().join("site");
        for i in 0..70_000 {
            let path = folder.join(format!("{}/{i}.html", i / 1000));
            if i % 1000 == 0 {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            }
            std::fs::write(path, format!("<p>{i}</p>")).unwrap();
        }
        let settings = ZipSettings { top: "top".into(), title: "T".into(), time: at("2021-08-24T00:00:00") };
        let target = tmp.path().join("site.zip");
        zip_folder(&folder, &target, &settings).unwrap().commit().unwrap();
        let mut zip = ZipArchive::new(std::fs::File::open(&target).unwrap()).unwrap();
        assert_eq!(zip.len(), 70_001);
        assert_eq!(io::read_to_string(zip.by_name("top/69/69999.html").unwrap()).unwrap(), "<p>69999</p>");
    }
}
