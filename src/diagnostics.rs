//! Problems found in content: each names its file, line and column, says
//! what is wrong and how to fix it. Stages collect them instead of stopping
//! at the first, so one build reports every problem at once.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as the user wrote it on the command line (e.g. `content/a.md`).
    pub path: String,
    /// 1-based line and column (in characters) of the problem.
    pub line: usize,
    pub column: usize,
    /// Byte range in the file's text, when the problem has a place in it.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// A problem at a byte range of a file's text.
    pub fn at(severity: Severity, path: &str, text: &str, span: Range<usize>, message: String) -> Self {
        let span = clamp_to_char_boundaries(text, span);
        let (line, column) = line_and_column(text, span.start);
        Diagnostic {
            severity,
            path: path.to_string(),
            line,
            column,
            span: Some(span),
            message,
            help: None,
            notes: Vec::new(),
        }
    }

    /// A problem with a whole file (it could not be read, say).
    pub fn file(severity: Severity, path: &str, message: String) -> Self {
        Diagnostic {
            severity,
            path: path.to_string(),
            line: 1,
            column: 1,
            span: None,
            message,
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// One line, `path:line:column: severity: message`, for logs and tests.
    pub fn short(&self) -> String {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!("{}:{}:{}: {severity}: {}", self.path, self.line, self.column, self.message)
    }
}

fn clamp_to_char_boundaries(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Sorts diagnostics into a stable order: by file, then place, then message,
/// so that reports do not depend on thread scheduling.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.severity, &a.message).cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
    });
}

/// Renders diagnostics as rustc-style snippets with the offending line shown.
/// `source_of` gives the text of a file by its path, when it was read; it is
/// asked once per file that a located diagnostic names.
pub fn render(diagnostics: &[Diagnostic], source_of: impl Fn(&str) -> Option<String>) -> String {
    let mut files = SimpleFiles::new();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let config = term::Config::default();
    let mut out = String::new();
    for diagnostic in diagnostics {
        let mut report = match diagnostic.severity {
            Severity::Error => Report::new(ReportSeverity::Error),
            Severity::Warning => Report::new(ReportSeverity::Warning),
        }
        .with_message(&diagnostic.message);
        let mut notes = Vec::new();
        let path = diagnostic.path.as_str();
        // The file's text is asked for only when a diagnostic points into it.
        let file = match (ids.get(path), &diagnostic.span) {
            (Some(&id), _) => Some(id),
            (None, Some(_)) => source_of(path).map(|text| {
                let id = files.add(path.to_string(), for_terminal(&text).into_owned());
                ids.insert(path, id);
                id
            }),
            (None, None) => None,
        };
        match (&diagnostic.span, file) {
            (Some(span), Some(file)) => report = report.with_labels(vec![Label::primary(file, span.clone())]),
            // A place in a file whose text cannot be shown (it is not
            // UTF-8, say) is still named.
            (Some(_), None) => notes.push(format!("at {}:{}:{}", diagnostic.path, diagnostic.line, diagnostic.column)),
            (None, _) => notes.push(format!("in {}", diagnostic.path)),
        }
        notes.extend(diagnostic.notes.iter().cloned());
        if let Some(help) = &diagnostic.help {
            notes.push(format!("help: {help}"));
        }
        report = report.with_notes(notes);
        match term::emit_into_string(&config, &files, &report) {
            Ok(text) => out.push_str(&for_terminal(&text)),
            Err(_) => {
                out.push_str(&for_terminal(&diagnostic.short()));
                out.push('\n');
            }
        }
    }
    out
}

/// What a terminal may be sent of the archive's text (and file names),
/// which are untrusted: a control character (an escape sequence could drive
/// the terminal) or an invisible one (U+202E turns the rest of the line
/// around) becomes a visible stand-in of the same length in bytes, so that
/// spans into the text still fit.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && c != '\n' && c != '\t') || crate::text::vietnamese::is_invisible(c);
    if !text.contains(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        match (unsafe_char(c), c.len_utf8()) {
            (false, _) => shown.push(c),
            (true, 1) => shown.push('?'),
            (true, 2) => shown.push('¿'),
            (true, 3) => shown.push('\u{FFFD}'),
            (true, _) => shown.push_str("\u{FFFD}?"),
        }
    }
    Cow::Owned(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let text = "---\ntỉnh: Hà Nội\nx";
        let offset = text.find("Hà").unwrap();
        assert_eq!(line_and_column(text, offset), (2, 7));
        assert_eq!(line_and_column(text, 0), (1, 1));
    }

    #[test]
    fn rendering_shows_the_offending_line_and_help() {
        let text = "---\ndat: 2021-06-16\n---\n";
        let start = text.find("dat").unwrap();
        let diagnostic =
            Diagnostic::at(Severity::Error, "content/a.md", text, start..start + 3, "unknown key `dat`".into())
                .with_help("did you mean `date`?");
        assert_eq!(diagnostic.short(), "content/a.md:2:1: error: unknown key `dat`");
        let asked = std::cell::Cell::new(0);
        let unlocated = Diagnostic::file(Severity::Warning, "content/b.md", "symbolic link not followed".into());
        let diagnostics = [diagnostic.clone(), diagnostic, unlocated];
        let rendered = render(&diagnostics, |_| {
            asked.set(asked.get() + 1);
            Some(text.to_string())
        });
        assert_eq!(asked.get(), 1, "read once for a.md, never for b.md (no place in it)");
        assert!(rendered.contains("in content/b.md"), "{rendered}");
        assert!(rendered.contains("content/a.md:2:1"), "{rendered}");
        assert!(rendered.contains("dat: 2021-06-16"), "{rendered}");
        assert!(rendered.contains("help: did you mean `date`?"), "{rendered}");
        let unshown = Diagnostic::at(Severity::Error, "content/c.md", text, start..start + 3, "not UTF-8".into());
        let rendered = render(&[unshown], |_| None);
        assert!(rendered.contains("= at content/c.md:2:1"), "the place of a text not shown: {rendered}");
    }

    #[test]
    fn the_terminal_gets_no_escape_sequence_and_no_invisible_character() {
        let text = "---\ntitle: \"a\u{202E}b\u{1B}[2Jc\u{AD}d\u{E0041}\"\n---\n";
        let start = text.find('\u{202E}').unwrap();
        let diagnostic =
            Diagnostic::at(Severity::Warning, "content/\u{1B}[31ma.md", text, start..start + 3, "x".into());
        let rendered = render(&[diagnostic], |_| Some(text.to_string()));
        assert!(!rendered.contains(|c: char| c.is_control() && c != '\n'), "{rendered:?}");
        assert!(!rendered.contains(crate::text::vietnamese::is_invisible), "{rendered:?}");
        assert!(rendered.contains("title: \"a\u{FFFD}b?[2Jc¿d\u{FFFD}?\""), "{rendered}");
        assert!(rendered.contains("content/?[31ma.md:2:10"), "{rendered}");
        assert_eq!(for_terminal("Về việc\tx\n"), "Về việc\tx\n");
    }
}
