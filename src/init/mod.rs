//! `vanban init`: the files a new archive starts from. Writes only files
//! that do not exist yet, never over one that does: each is created with
//! `create_new`, so even a file that appears meanwhile is left alone.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The settings, every key commented.
pub const SETTINGS: &str = include_str!("vanban.yaml");
/// One example directive, valid content.
pub const EXAMPLE: &str = include_str!("example.md");
/// The example's path under the project.
pub const EXAMPLE_PATH: &str = "content/quang-ngai/2021/453-cv-tu.md";
/// Keeps the built archive (and its zip) out of version control.
pub const GITIGNORE: &str =
    "# The archive vanban builds, and its zip: made again by `vanban build`.\n/output/\n/output.zip\n";

/// What `init` did: the files it wrote and those it found and left as
/// they were, as paths under the project folder. A `content/` folder that
/// holds anything is kept too, with no example added to it (the example
/// could clash with a directive of the archive).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct InitReport {
    pub written: Vec<PathBuf>,
    pub kept: Vec<PathBuf>,
}

/// Starts an archive in `dir` (made when missing).
pub fn init(dir: &Path) -> Result<InitReport> {
    let mut report = InitReport::default();
    let content = dir.join("content");
    let has_content = std::fs::read_dir(&content).is_ok_and(|mut entries| entries.next().is_some());
    let mut files = vec![(crate::content::config::CONFIG_FILE, SETTINGS), (".gitignore", GITIGNORE)];
    if has_content {
        report.kept.push(content);
    } else {
        files.insert(1, (EXAMPLE_PATH, EXAMPLE));
    }
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(Error::write(parent))?;
        }
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes()).map_err(Error::write(&path))?;
                report.written.push(path);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => report.kept.push(path),
            Err(error) => return Err(Error::Write { path, source: error }),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::config::Config;

    /// The settings `init` writes are read back as written, every key set.
    #[test]
    fn the_settings_written_are_valid() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path()).unwrap();
        let config = Config::load(dir.path()).unwrap();
        assert_eq!(config.language, "vi");
        assert_eq!(config.base_url, "");
        assert!(!config.description.is_empty());
        for key in ["title:", "description:", "language:", "base_url:", "publisher:", "contact:", "licence:"] {
            assert!(SETTINGS.lines().any(|l| l.starts_with(key)), "{key}");
        }
    }

    /// A second run writes nothing and keeps every file as the user left it.
    #[test]
    fn init_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("vanban.yaml"), "title: mine\n").unwrap();
        let first = init(dir.path()).unwrap();
        assert_eq!(first.kept, vec![dir.path().join("vanban.yaml")]);
        assert_eq!(first.written.len(), 2);
        assert_eq!(std::fs::read_to_string(dir.path().join("vanban.yaml")).unwrap(), "title: mine\n");
        let second = init(dir.path()).unwrap();
        assert!(second.written.is_empty());
        assert_eq!(second.kept, ["content", "vanban.yaml", ".gitignore"].map(|f| dir.path().join(f)));
    }

    /// An archive's own content gets no example beside it.
    #[test]
    fn no_example_is_added_to_a_content_folder_in_use() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/ha-noi")).unwrap();
        let report = init(dir.path()).unwrap();
        assert_eq!(report.kept, [dir.path().join("content")]);
        assert!(!dir.path().join(EXAMPLE_PATH).exists());
        assert_eq!(report.written, [dir.path().join("vanban.yaml"), dir.path().join(".gitignore")]);
    }
}
