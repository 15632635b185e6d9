//! A content folder made in a temporary folder, file by file, and what
//! `vanban check` (or a build) tells the user about it, with the temporary
//! part of each path shown as `content/`.

use crate::common::{repo_root, Built};
use std::path::{Path, PathBuf};
use vanban::site::{check, BuildOptions, Timings};

pub struct Content {
    dir: tempfile::TempDir,
}

impl Content {
    pub fn new() -> Content {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("content")).expect("content folder");
        Content { dir }
    }

    /// The folder: `content/` in the temporary folder.
    pub fn root(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes a file (and its folders).
    pub fn file(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Content {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// Every diagnostic of `vanban check`, sorted as printed, each as
    /// `path:line:column: severity: message | help`.
    pub fn diagnostics(&self) -> Vec<String> {
        let options = BuildOptions { content: self.root(), ..BuildOptions::in_project(repo_root()) };
        let diagnostics = match check(&options, &mut Timings::default()) {
            Ok(checked) => checked.warnings,
            Err(failure) => failure.diagnostics,
        };
        diagnostics
            .iter()
            .map(|d| self.shown(&format!("{} | {}", d.short(), d.help.as_deref().unwrap_or(""))))
            .collect()
    }

    /// The notes of every diagnostic, in the same order.
    pub fn notes(&self) -> Vec<Vec<String>> {
        let options = BuildOptions { content: self.root(), ..BuildOptions::in_project(repo_root()) };
        let diagnostics = match check(&options, &mut Timings::default()) {
            Ok(checked) => checked.warnings,
            Err(failure) => failure.diagnostics,
        };
        diagnostics.iter().map(|d| d.notes.iter().map(|n| self.shown(n)).collect()).collect()
    }

    /// The titles of the directives that `vanban check` accepted.
    pub fn titles(&self) -> Vec<String> {
        let options = BuildOptions { content: self.root(), ..BuildOptions::in_project(repo_root()) };
        let checked = check(&options, &mut Timings::default()).unwrap_or_else(|f| panic!("{}", f.rendered));
        checked.archive.directives.iter().map(|d| d.title.clone()).collect()
    }

    /// The whole build, into a temporary output folder.
    pub fn build(&self) -> Built {
        Built::from(&self.root())
    }

    fn shown(&self, text: &str) -> String {
        let temp = format!("{}/", self.dir.path().display());
        text.replace(&temp, "")
    }
}

/// A file of one directive: the front matter given (each line ending in a
/// newline) between `---` lines, and a line of text.
pub fn directive(front_matter: &str) -> String {
    format!("---\n{front_matter}---\nVăn bản.\n")
}

/// Whether `path` is still there (a named pipe is not followed).
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}
