//! Stage 1, load: find every file under `content/`, read it as UTF-8,
//! normalise it to NFC and split the front matter from the text.
//! Files that cannot be read become diagnostics, never silent drops.

use crate::content::model::Body;
use crate::diagnostics::{Diagnostic, Severity};
use crate::text::vietnamese::into_nfc;
use rayon::prelude::*;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

/// One content file, read and normalised (NFC, `\n` line ends, no BOM).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the content folder, with `/` separators.
    pub rel_path: String,
    /// Path for messages: the content folder as given, joined with `rel_path`.
    pub display_path: String,
    /// The text up to the body: the `---` lines and the YAML between them.
    pub head: Arc<str>,
    /// Byte range of the YAML in `head` (and so in the whole text).
    pub front_matter: Range<usize>,
    /// The rest, compressed, shared with the directive made from it; it
    /// starts at byte `head.len()` of the text.
    pub body: Body,
}

impl SourceFile {
    /// Splits `text` (already normalised) at its front matter; `None` when
    /// it has none.
    pub fn new(rel_path: String, display_path: String, text: &str) -> Option<SourceFile> {
        let (front_matter, body) = split_front_matter(text)?;
        let head = text[..body.start].into();
        Some(SourceFile { rel_path, display_path, head, front_matter, body: Body::compress(&text[body]) })
    }

    pub fn front_matter_text(&self) -> &str {
        &self.head[self.front_matter.clone()]
    }

    /// Where the body starts in the text.
    pub fn body_start(&self) -> usize {
        self.head.len()
    }

    /// The whole text, decompressed.
    pub fn text(&self) -> String {
        let mut text = Vec::with_capacity(self.head.len() + self.body.len());
        text.extend_from_slice(self.head.as_bytes());
        self.body.append_to(&mut text);
        crate::content::model::into_string(text)
    }

    /// Same text as `other` (compared without decompressing).
    pub fn same_text(&self, other: &SourceFile) -> bool {
        self.head == other.head && self.body == other.body
    }
}

#[derive(Debug, Default)]
pub struct Loaded {
    /// Sorted by `rel_path`, whatever order the file system lists them in.
    pub files: Vec<SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads every `.md` file below `content_dir`, in parallel.
pub fn load(content_dir: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    if !content_dir.is_dir() {
        loaded.diagnostics.push(
            Diagnostic::file(Severity::Error, &content_dir.display().to_string(), "content folder not found".into())
                .with_help("create it, or name another with --content DIR"),
        );
        return loaded;
    }
    let (paths, walk_problems) = list_files(content_dir);
    loaded.diagnostics.extend(walk_problems);
    let results: Vec<Result<SourceFile, Diagnostic>> =
        paths.par_iter().map(|path| read_source(content_dir, path)).collect();
    for result in results {
        match result {
            Ok(file) => loaded.files.push(file),
            Err(diagnostic) => loaded.diagnostics.push(diagnostic),
        }
    }
    loaded
}

/// How a file is named in messages: the content folder as given, joined
/// with the path relative to it.
pub fn display_path(content_dir: &Path, rel_path: &str) -> String {
    content_dir.join(rel_path).display().to_string()
}

/// The path relative to the content folder, with `/` separators.
pub fn rel_path_of(content_dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(content_dir).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Lists the Markdown files, sorted; any other file is reported, so that
/// nothing in `content/` is silently left out of the archive.
fn list_files(content_dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut paths = Vec::new();
    let mut problems = Vec::new();
    for entry in WalkDir::new(content_dir).sort_by_file_name().follow_links(false) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().map(|p| p.display().to_string()).unwrap_or_default();
                problems.push(
                    Diagnostic::file(Severity::Error, &path, format!("cannot read: {error}"))
                        .with_help("make it readable (`chmod a+rX`), or move it out of the content folder"),
                );
                continue;
            }
        };
        match kind_of(content_dir, entry.path(), entry.file_type()) {
            Kind::Folder => {}
            Kind::Markdown => paths.push(entry.into_path()),
            Kind::Problem(problem) => problems.push(problem),
        }
    }
    (paths, problems)
}

/// What the walk does with one entry of the content folder.
enum Kind {
    Folder,
    /// A regular `.md` file: a directive to read.
    Markdown,
    /// Anything else, reported.
    Problem(Diagnostic),
}

/// Decided on the entry's own type, before anything is opened: opening a
/// named pipe would wait for a writer forever.
fn kind_of(content_dir: &Path, path: &Path, file_type: std::fs::FileType) -> Kind {
    let markdown = path.extension().is_some_and(|ext| ext == "md");
    if file_type.is_dir() {
        Kind::Folder
    } else if file_type.is_symlink() {
        Kind::Problem(symlink_warning(content_dir, path))
    } else if !file_type.is_file() {
        Kind::Problem(special_file_problem(content_dir, path, special_kind(file_type), markdown))
    } else if markdown {
        Kind::Markdown
    } else {
        Kind::Problem(not_markdown_warning(content_dir, path))
    }
}

fn symlink_warning(content_dir: &Path, path: &Path) -> Diagnostic {
    let shown = display_path(content_dir, &rel_path_of(content_dir, path));
    Diagnostic::file(Severity::Warning, &shown, "symbolic link not followed".into())
        .with_help("copy the file into content/ instead of linking to it")
}

fn not_markdown_warning(content_dir: &Path, path: &Path) -> Diagnostic {
    let shown = display_path(content_dir, &rel_path_of(content_dir, path));
    Diagnostic::file(Severity::Warning, &shown, "not a directive (only .md files are read); left out".into())
        .with_help("rename it to .md if it is a directive, or move it out of the content folder")
}

/// A named pipe, socket or device: never read. Named `.md` it stands for a
/// directive that would be missing from the archive, so it is an error;
/// under any other name it is left out like any file that is not `.md`.
fn special_file_problem(content_dir: &Path, path: &Path, kind: &str, markdown: bool) -> Diagnostic {
    let shown = display_path(content_dir, &rel_path_of(content_dir, path));
    if markdown {
        Diagnostic::file(
            Severity::Error,
            &shown,
            format!("not a regular file ({kind}); it cannot be read as a directive"),
        )
        .with_help("replace it with the directive saved as a text file, or remove it")
    } else {
        Diagnostic::file(Severity::Warning, &shown, format!("not a directive ({kind}); left out"))
            .with_help("move it out of the content folder")
    }
}

/// What a file that is neither a regular file, a folder nor a link is, in
/// words.
fn special_kind(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe";
        } else if file_type.is_socket() {
            return "a socket";
        } else if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "a special file"
    }
}

/// What one path below the content folder holds, read as [`load`] reads it.
#[derive(Debug)]
pub enum Entry {
    /// Nothing there (removed), or a folder.
    Missing,
    Source(SourceFile),
    /// A file that is not a directive, or one that cannot be read.
    Problem(Diagnostic),
}

/// Reads one path again after a change (for `vanban serve`), with exactly
/// the checks and messages of [`load`].
pub fn load_path(content_dir: &Path, path: &Path) -> Entry {
    let Ok(metadata) = std::fs::symlink_metadata(path) else { return Entry::Missing };
    match kind_of(content_dir, path, metadata.file_type()) {
        Kind::Folder => Entry::Missing,
        Kind::Markdown => match read_source(content_dir, path) {
            Ok(file) => Entry::Source(file),
            Err(diagnostic) => Entry::Problem(diagnostic),
        },
        Kind::Problem(problem) => Entry::Problem(problem),
    }
}

fn read_source(content_dir: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let rel_path = rel_path_of(content_dir, path);
    let shown = display_path(content_dir, &rel_path);
    let bytes = read_regular_file(path).map_err(|problem| match problem {
        Unread::Failed(error) => Diagnostic::file(Severity::Error, &shown, format!("cannot read the file: {error}"))
            .with_help("make it readable (`chmod a+r`), or move it out of the content folder"),
        Unread::Special(kind) => special_file_problem(content_dir, path, kind, true),
    })?;
    let text = decode(bytes).map_err(|problem| problem.at(&shown))?;
    let text = normalise(text);
    if let Some(nul) = text.find('\0') {
        return Err(Diagnostic::at(Severity::Error, &shown, &text, nul..nul + 1, NUL.into()).with_help(NUL_HELP));
    }
    SourceFile::new(rel_path, shown.clone(), &text).ok_or_else(|| no_front_matter(&shown, &text))
}

/// Why a file listed as a regular file was not read.
enum Unread {
    Failed(std::io::Error),
    /// What it has become since it was listed (a named pipe, say).
    Special(&'static str),
}

/// The bytes of a regular file. The type is checked again on the open file:
/// what was listed as a file may have been replaced since (by a named pipe,
/// which is opened without waiting for a writer).
fn read_regular_file(path: &Path) -> Result<Vec<u8>, Unread> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let mut file = options.open(path).map_err(Unread::Failed)?;
    let file_type = file.metadata().map_err(Unread::Failed)?.file_type();
    if !file_type.is_file() {
        return Err(Unread::Special(special_kind(file_type)));
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(Unread::Failed)?;
    Ok(bytes)
}

/// Why a file has no front matter, placed where the reader should look.
fn no_front_matter(shown: &str, text: &str) -> Diagnostic {
    let first_line = text.split('\n').next().unwrap_or_default();
    let (message, help) = if text.trim().is_empty() {
        (
            "the file is empty".to_string(),
            "write the directive: a line `---`, the YAML fields (title, number, date …), another `---`, then the text"
                .to_string(),
        )
    } else if first_line.trim_end() == "---" {
        (
            "the front matter is not closed: no `---` line after this one".to_string(),
            "end the YAML fields with a line `---` before the directive's text".to_string(),
        )
    } else if let Some(line) = text.lines().position(|line| line.trim_end() == "---") {
        (
            "no front matter at the start of the file".to_string(),
            format!("the first line must be `---`: move what is above line {} below the front matter", line + 1),
        )
    } else {
        (
            "no front matter".to_string(),
            "start the file with a line `---`, the YAML fields (title, number, date …), and another `---`".to_string(),
        )
    };
    Diagnostic::at(Severity::Error, shown, text, 0..first_line.len(), message).with_help(help)
}

/// No text holds NUL characters; a file with them is binary, or UTF-16
/// without its byte-order mark (whose ASCII letters are each followed by one).
const NUL: &str = "a NUL character in the text";
const NUL_HELP: &str = "the file is binary or not UTF-8 (UTF-16?); save it as UTF-8 text";

/// Why a file's bytes are not UTF-8 text, and where.
struct NotUtf8 {
    /// The text as far as it can be read, with U+FFFD for each bad byte:
    /// the place is counted in it by line and character.
    text: String,
    offset: usize,
    message: String,
    help: &'static str,
}

impl NotUtf8 {
    fn at(self, shown: &str) -> Diagnostic {
        let span = self.offset..self.offset + 1;
        Diagnostic::at(Severity::Error, shown, &self.text, span, self.message).with_help(self.help)
    }
}

/// The bytes as text, or the first place that is not UTF-8.
fn decode(bytes: Vec<u8>) -> Result<String, NotUtf8> {
    let (bytes, valid_up_to) = match utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(not_utf8) => not_utf8,
    };
    // Up to the first bad byte the lossy text is the bytes themselves.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let help = "convert it to UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`";
        return Err(NotUtf8 { text, offset: 0, message: "UTF-16 text, not UTF-8".into(), help });
    }
    if let Some(nul) = text[..valid_up_to].find('\0') {
        // The first problem in reading order, and the better explanation.
        return Err(NotUtf8 { text, offset: nul, message: NUL.into(), help: NUL_HELP });
    }
    Err(NotUtf8 {
        text,
        offset: valid_up_to,
        message: format!("not UTF-8 text: byte 0x{:02X} cannot be read", bytes[valid_up_to]),
        help: "convert it to UTF-8, e.g. `iconv -f WINDOWS-1258 -t UTF-8` for old Vietnamese Windows files",
    })
}

/// The bytes as text, or the bytes back with where the first byte that is
/// not UTF-8 is.
fn utf8(bytes: Vec<u8>) -> Result<String, (Vec<u8>, usize)> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: the bytes were just checked to be UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        // Rare: the standard check again, for the offset it reports.
        String::from_utf8(bytes).map_err(|error| {
            let valid_up_to = error.utf8_error().valid_up_to();
            (error.into_bytes(), valid_up_to)
        })
    }
}

/// NFC, no byte-order mark, `\n` line ends: done in place on the text as
/// read, which for nearly every file changes nothing and so copies nothing
/// (an archive's text is the largest thing the build holds).
fn normalise(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    let text = into_nfc(text);
    if text.contains("\r\n") {
        text.replace("\r\n", "\n")
    } else {
        text
    }
}

/// Finds the YAML between a first line `---` and the next line `---`
/// (spaces after either are allowed: they are invisible in an editor).
fn split_front_matter(text: &str) -> Option<(Range<usize>, Range<usize>)> {
    let first_line = text.split_inclusive('\n').next()?;
    if first_line.trim_end() != "---" || !first_line.ends_with('\n') {
        return None;
    }
    let start = first_line.len();
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == "---" {
            let body_start = (offset + line.len()).min(text.len());
            return Some((start..offset, body_start..text.len()));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let text = "---\ntitle: x\n---\nBody\n";
        let (fm, body) = split_front_matter(text).unwrap();
        assert_eq!(&text[fm], "title: x\n");
        assert_eq!(&text[body], "Body\n");
    }

    #[test]
    fn a_source_file_keeps_its_front_matter_and_compresses_its_body() {
        let text = "---\ntitle: Về việc tăng cường\n---\nKính gửi: các huyện ủy.\n";
        let file = SourceFile::new("a.md".into(), "content/a.md".into(), text).unwrap();
        assert_eq!(file.front_matter_text(), "title: Về việc tăng cường\n");
        assert_eq!(&text[file.body_start()..], "Kính gửi: các huyện ủy.\n");
        assert_eq!(file.body.text(), "Kính gửi: các huyện ủy.\n");
        assert_eq!(file.text(), text, "the whole text, as read");
        let same = SourceFile::new("b.md".into(), "content/b.md".into(), text).unwrap();
        assert!(file.same_text(&same));
        let edited = SourceFile::new("a.md".into(), "content/a.md".into(), &text.replace("huyện", "thị")).unwrap();
        assert!(!file.same_text(&edited));
        assert!(SourceFile::new("c.md".into(), "content/c.md".into(), "no front matter").is_none());
    }

    #[test]
    fn no_closing_line_means_no_front_matter() {
        assert!(split_front_matter("---\ntitle: x\n").is_none());
        assert!(split_front_matter("title: x\n---\n").is_none());
    }

    #[test]
    fn empty_front_matter_and_empty_body_are_allowed() {
        let (fm, body) = split_front_matter("---\n---").unwrap();
        assert!(fm.is_empty() && body.is_empty());
    }

    #[test]
    fn a_file_gone_or_replaced_since_the_walk_is_reported_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let gone = read_source(dir.path(), &dir.path().join("gone.md")).unwrap_err();
        assert!(gone.message.starts_with("cannot read the file: No such file or directory"), "{}", gone.message);
        assert!(gone.path.ends_with("gone.md"));
        std::fs::create_dir(dir.path().join("now-a-folder.md")).unwrap();
        let folder = read_source(dir.path(), &dir.path().join("now-a-folder.md")).unwrap_err();
        assert_eq!(folder.message, "not a regular file (a folder); it cannot be read as a directive");
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_placed_by_line_and_character() {
        let not_utf8 = decode(b"---\nti\xC3\xAAtle: \xEA\n".to_vec()).err().unwrap().at("a.md");
        assert_eq!(
            not_utf8.short(),
            "a.md:2:9: error: not UTF-8 text: byte 0xEA cannot be read",
            "characters, not bytes"
        );
        assert_eq!(decode("Việt".as_bytes().to_vec()).ok().as_deref(), Some("Việt"));
        let utf16 = decode(vec![0xFF, 0xFE, b'-', 0]).err().unwrap().at("a.md");
        assert_eq!(utf16.short(), "a.md:1:1: error: UTF-16 text, not UTF-8");
    }

    #[test]
    fn a_missing_front_matter_says_why() {
        let message = |text: &str| no_front_matter("a.md", text).message;
        assert_eq!(message(""), "the file is empty");
        assert_eq!(message("---\ntitle: x\n"), "the front matter is not closed: no `---` line after this one");
        assert_eq!(message("x\n---\ntitle: x\n---\n"), "no front matter at the start of the file");
        assert_eq!(message("x\n"), "no front matter");
    }

    #[test]
    fn spaces_after_the_dashes_are_allowed() {
        let (fm, body) = split_front_matter("--- \ntitle: x\n---  \nBody").unwrap();
        assert_eq!((fm, body), (5..14, 20..24));
        assert!(split_front_matter("---").is_none(), "no line after the opening one");
    }
}
