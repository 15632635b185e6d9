//! Stage 1, load: find every file under `content/`, read it as UTF-8,
//! normalise it to NFC and split the front matter from the text.
//! Files that cannot be read become diagnostics, never silent drops.

use crate::content::model::Body;
use crate::diagnostics::{Diagnostic, Severity};
use crate::error::Error;
use crate::text::vietnamese::into_nfc;
use rayon::prelude::*;
use std::borrow::Cow;
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
    /// The rest: where it is, what it hashes to and, while it is held, the
    /// text; shared with the directive made from it. It starts at byte
    /// `head.len()` of the text.
    pub body: Body,
}

impl SourceFile {
    /// Splits `text` (already normalised) at its front matter; `None` when
    /// it has none. `display_path` is also where its text is read again.
    pub fn new(rel_path: String, display_path: String, text: &str) -> Option<SourceFile> {
        let path = PathBuf::from(&display_path);
        SourceFile::read_from(&path, rel_path, display_path, text)
    }

    /// [`SourceFile::new`] for a file at `path`.
    fn read_from(path: &Path, rel_path: String, display_path: String, text: &str) -> Option<SourceFile> {
        let (front_matter, body) = split_front_matter(text)?;
        let head = text[..body.start].into();
        let body = Body::held(path, text.into(), body.start);
        Some(SourceFile { rel_path, display_path, head, front_matter, body })
    }

    pub fn front_matter_text(&self) -> &str {
        &self.head[self.front_matter.clone()]
    }

    /// Where the body starts in the text.
    pub fn body_start(&self) -> usize {
        self.head.len()
    }

    /// The whole text: held, or read again from the file (`None` when it
    /// can no longer be read, or has changed since).
    pub fn text(&self) -> Option<Cow<'_, str>> {
        match self.body.whole_text() {
            Some(whole) => Some(Cow::Borrowed(whole)),
            None => read_body(&self.body).ok().map(|body| Cow::Owned(format!("{}{body}", self.head))),
        }
    }

    /// Same text as `other` (compared by the body's hash).
    pub fn same_text(&self, other: &SourceFile) -> bool {
        self.head == other.head && self.body == other.body
    }
}

/// A file validated without problems, let go: where it is and what its
/// front matter and text hash to. Held for each file of the archive until
/// the archive-wide checks are done (a million files' front matter would be
/// a gigabyte); the rare message those checks place in a file reads it
/// again, and knows whether it is still the text that was validated.
#[derive(Debug)]
pub struct LetGo {
    rel_path: String,
    display_path: String,
    head_len: usize,
    head_hash: u128,
    /// Released: its path, length and hash.
    body: Body,
}

impl SourceFile {
    /// What is kept of the file once validated without problems.
    pub fn let_go(self) -> LetGo {
        let SourceFile { rel_path, display_path, head, mut body, .. } = self;
        body.release();
        let head_hash = crate::text::hash::hash128(head.as_bytes());
        LetGo { rel_path, display_path, head_len: head.len(), head_hash, body }
    }
}

impl LetGo {
    pub fn display_path(&self) -> &str {
        &self.display_path
    }

    /// The file read again, as loading reads it; `None` when it can no
    /// longer be read or no longer holds the text that was validated.
    pub fn read_again(&self) -> Option<SourceFile> {
        let path = self.body.path();
        let text = normalise(decode(read_regular_file(path).ok()?).ok()?);
        let file = SourceFile::read_from(path, self.rel_path.clone(), self.display_path.clone(), &text)?;
        let same_head =
            file.head.len() == self.head_len && crate::text::hash::hash128(file.head.as_bytes()) == self.head_hash;
        (same_head && file.body == self.body).then_some(file)
    }
}

/// A file as a build keeps it once validated: whole when it has problems of
/// its own (their messages show its lines), else let go.
#[derive(Debug)]
pub enum Kept {
    Whole(SourceFile),
    LetGo(LetGo),
}

/// A directive's text read again from its file, for its page or the search
/// index: the text validated, or an error when the file can no longer be
/// read or no longer holds it. A file that needed no normalising (nearly
/// all) ends with the text, checked by its hash without decoding the rest.
pub fn read_body(body: &Body) -> Result<Cow<'_, str>, Error> {
    if let Some(text) = body.text() {
        return Ok(Cow::Borrowed(text));
    }
    let path = body.path();
    let mut bytes = read_regular_file(path).map_err(|problem| match problem {
        Unread::Failed(source) => Error::Reread { path: path.to_path_buf(), source },
        Unread::Special(kind) => Error::Changed { path: path.to_path_buf(), now: kind.to_string() },
    })?;
    if let Some(start) = bytes.len().checked_sub(body.len()) {
        if body.is_bytes(&bytes[start..]) {
            bytes.drain(..start);
            if let Ok(text) = utf8(bytes) {
                return Ok(Cow::Owned(text));
            }
            return Err(changed(path));
        }
    }
    // Read as loading reads it.
    let text = decode(bytes).map(normalise).map_err(|_| changed(path))?;
    match split_front_matter(&text) {
        Some((_, range)) if body.is(&text[range.clone()]) => Ok(Cow::Owned(text[range].to_string())),
        _ => Err(changed(path)),
    }
}

fn changed(path: &Path) -> Error {
    Error::Changed { path: path.to_path_buf(), now: "another text".into() }
}

#[derive(Debug, Default)]
pub struct Loaded<F = SourceFile> {
    /// Sorted by `rel_path`, whatever order the file system lists them in.
    pub files: Vec<F>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads every `.md` file below `content_dir`, in parallel.
pub fn load(content_dir: &Path) -> Loaded {
    let (files, diagnostics) = load_each(content_dir, |file| file);
    Loaded { files, diagnostics }
}

/// Reads every `.md` file below `content_dir` in parallel, handing each to
/// `each` as soon as it is read: what `each` keeps is what stays in memory
/// (validation keeps what it found, not the text). In the order of the
/// paths, whatever order the threads finish in.
pub fn load_each<T: Send>(content_dir: &Path, each: impl Fn(SourceFile) -> T + Sync) -> (Vec<T>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::file(Severity::Error, &content_dir.display().to_string(), "content folder not found".into())
                .with_help("create it, or name another with --content DIR"),
        );
        return (Vec::new(), diagnostics);
    }
    let (paths, walk_problems) = list_files(content_dir);
    diagnostics.extend(walk_problems);
    let results: Vec<Result<T, Diagnostic>> =
        paths.par_iter().map(|path| read_source(content_dir, path).map(&each)).collect();
    let mut kept = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(file) => kept.push(file),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    (kept, diagnostics)
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
    SourceFile::read_from(path, rel_path, shown.clone(), &text).ok_or_else(|| no_front_matter(&shown, &text))
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
    fn a_file_let_go_is_read_again_only_while_it_holds_the_text_validated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        // Written decomposed, with CRLF: read again, it is normalised again.
        std::fs::write(&path, "---\r\ntitle: Ki\u{301}nh\r\n---\r\nThân\r\n").unwrap();
        let file = read_source(dir.path(), &path).unwrap();
        let (head, text) = (file.head.clone(), file.text().unwrap().into_owned());
        let kept = file.let_go();
        let again = kept.read_again().expect("the same text");
        assert_eq!((again.head.clone(), again.text().unwrap().into_owned()), (head, text));
        assert_eq!((again.rel_path.as_str(), kept.display_path()), ("a.md", again.display_path.as_str()));
        std::fs::write(&path, "---\ntitle: Khác\n---\nThân\n").unwrap();
        assert!(kept.read_again().is_none(), "another front matter");
        std::fs::write(&path, "---\ntitle: Kính\n---\nThân khác\n").unwrap();
        assert!(kept.read_again().is_none(), "another text");
        std::fs::remove_file(&path).unwrap();
        assert!(kept.read_again().is_none(), "gone");
    }

    /// The body of `name` in `dir`, as loading leaves it (released).
    fn released_body(dir: &Path, name: &str, bytes: &[u8]) -> Body {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut file = read_source(dir, &path).unwrap();
        file.body.release();
        assert_eq!(file.body.text(), None);
        file.body
    }

    #[test]
    fn a_released_text_is_read_again_from_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let body = released_body(dir.path(), "a.md", "---\ntitle: x\n---\nKính gửi: các huyện ủy.\n".as_bytes());
        assert_eq!(read_body(&body).unwrap(), "Kính gửi: các huyện ủy.\n");
        // A file that loading normalised (BOM, CRLF, decomposed letters) is
        // normalised again.
        let raw = "\u{feff}---\r\ntitle: x\r\n---\r\nKi\u{301}nh gu\u{31b}\u{309}i\r\n";
        let body = released_body(dir.path(), "b.md", raw.as_bytes());
        assert_eq!(read_body(&body).unwrap(), "Kính gửi\n");
    }

    #[test]
    fn a_text_changed_or_gone_since_it_was_validated_is_an_error_not_another_text() {
        let dir = tempfile::tempdir().unwrap();
        let body = released_body(dir.path(), "a.md", b"---\ntitle: x\n---\nSo 07\n");
        // Same length, other text: the hash tells them apart.
        std::fs::write(dir.path().join("a.md"), b"---\ntitle: x\n---\nSo 08\n").unwrap();
        let error = read_body(&body).unwrap_err();
        assert!(matches!(error, Error::Changed { .. }), "{error}");
        assert!(error.to_string().contains("changed while the archive was being built"), "{error}");
        std::fs::remove_file(dir.path().join("a.md")).unwrap();
        assert!(matches!(read_body(&body), Err(Error::Reread { .. })));
    }

    #[test]
    fn a_source_file_keeps_its_front_matter_and_holds_its_body_until_released() {
        let text = "---\ntitle: Về việc tăng cường\n---\nKính gửi: các huyện ủy.\n";
        let file = SourceFile::new("a.md".into(), "content/a.md".into(), text).unwrap();
        assert_eq!(file.front_matter_text(), "title: Về việc tăng cường\n");
        assert_eq!(&text[file.body_start()..], "Kính gửi: các huyện ủy.\n");
        assert_eq!(file.body.text(), Some("Kính gửi: các huyện ủy.\n"));
        assert_eq!(file.text().as_deref(), Some(text), "the whole text, as read");
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
