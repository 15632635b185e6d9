//! The catalogue's one check: a content folder of directive files, and what
//! `vanban check` tells the user about it, with the temporary part of each
//! path shown as `content/` (the folder itself is `common::Content`).

use crate::common::Content;

/// A content folder holding `a.md` of `bytes`, which `vanban check` must
/// report with exactly `expected`; the folder, for more questions.
#[track_caller]
pub fn reported(bytes: impl AsRef<[u8]>, expected: &[impl AsRef<str>]) -> Content {
    let content = Content::new();
    content.file("a.md", bytes);
    assert_reports(&content, expected);
    content
}

/// A content folder holding `files` (path, text), which `vanban check` must
/// report with exactly `expected`; the folder, for more questions.
#[track_caller]
pub fn reported_in(files: &[(&str, &str)], expected: &[impl AsRef<str>]) -> Content {
    let content = Content::of(files);
    assert_reports(&content, expected);
    content
}

/// A content folder holding `a.md` of `bytes`, which `vanban check` must
/// accept without a word; the folder, for more questions.
#[track_caller]
pub fn accepted(bytes: impl AsRef<[u8]>) -> Content {
    let content = Content::new();
    content.file("a.md", bytes);
    assert_eq!(content.diagnostics(), Vec::<String>::new());
    content
}

/// A content folder holding `a.md` of `bytes`, of which `vanban check`
/// must report one problem, starting with `start`.
#[track_caller]
pub fn reported_as(bytes: impl AsRef<[u8]>, start: &str) {
    let content = Content::new();
    content.file("a.md", bytes);
    let found = content.diagnostics();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with(start), "{found:?}");
}

#[track_caller]
fn assert_reports(content: &Content, expected: &[impl AsRef<str>]) {
    let expected: Vec<&str> = expected.iter().map(AsRef::as_ref).collect();
    assert_eq!(content.diagnostics(), expected);
}
