//! The `vanban import FILE…` command: each file is read (text, .docx, .pdf),
//! imported, checked by the build's own validator and written under the
//! content folder (or to standard output). One file's failure does not stop
//! the others. A folder stands for the files in it that the importer reads;
//! `--report FILE.csv` writes one row per file for batch review
//! ([`super::report`]).

use super::report::Report;
use super::{import_text, read_input, to_content_file, Imported};
use crate::content::load::SourceFile;
use crate::content::names::Names;
use crate::content::validate::validate_file;
use crate::text::provinces::ProvinceRegistry;
use crate::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The content folder the files go into.
    pub content: PathBuf,
    /// Print the files instead of writing them.
    pub stdout: bool,
    /// Replace files that exist.
    pub force: bool,
    /// Where to write the CSV report, one row per file.
    pub report: Option<PathBuf>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RunSummary {
    pub imported: usize,
    pub failed: usize,
}

impl RunSummary {
    pub fn success(&self) -> bool {
        self.failed == 0
    }
}

/// Imports `files`: content files to `out` (with `--stdout`), summaries and
/// errors to `err`.
pub fn run(files: &[PathBuf], options: &ImportOptions, out: &mut dyn Write, err: &mut dyn Write) -> RunSummary {
    let mut summary = RunSummary::default();
    let files = expand_folders(files, err);
    if files.is_empty() {
        let _ =
            writeln!(err, "vanban import: no file given; name the text, .docx or .pdf files (or a folder) to import");
        summary.failed = 1;
        return summary;
    }
    let mut report = Report::default();
    for file in &files {
        let shown = file.display().to_string();
        match import_file(file, options, out) {
            Ok((imported, target)) => {
                let _ = write!(err, "{}", imported.summary(&shown, &target));
                report.add(&shown, &target, &imported);
                summary.imported += 1;
            }
            Err(error) => {
                let _ = writeln!(err, "{shown}: error: {error}");
                report.add_error(&shown, &error.to_string());
                summary.failed += 1;
            }
        }
    }
    if files.len() > 1 {
        let _ = writeln!(err, "imported {} of {} files", summary.imported, files.len());
    }
    if let Some(path) = &options.report {
        match report.write(path) {
            Ok(()) => {
                let _ = writeln!(err, "report of {} file(s) written to {}", files.len(), path.display());
            }
            Err(error) => {
                let _ = writeln!(err, "error: cannot write the report {}: {error}", path.display());
                summary.failed += 1;
            }
        }
    }
    summary
}

/// The extensions of the files a folder given to `vanban import` stands for.
const READ_EXTENSIONS: &[&str] = &["txt", "docx", "pdf"];

/// Each folder replaced by the files in it (and below) the importer reads,
/// in name order; files named one by one are kept as given.
fn expand_folders(files: &[PathBuf], err: &mut dyn Write) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in files {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .filter(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| READ_EXTENSIONS.contains(&e.to_lowercase().as_str()))
            })
            .collect();
        if found.is_empty() {
            let _ = writeln!(err, "{}: no .txt, .docx or .pdf file in this folder", path.display());
        }
        out.append(&mut found);
    }
    out
}

/// Imports one file; returns the import and where it went.
fn import_file(file: &Path, options: &ImportOptions, out: &mut dyn Write) -> Result<(Imported, String)> {
    let text = read_input(file)?;
    let shown = file.display().to_string();
    let imported = import_text(&text, &shown);
    let content = to_content_file(&imported);
    let target = options.content.join(&imported.relative_path);
    check(&imported, &content, &target.display().to_string())?;
    if options.stdout {
        out.write_all(content.as_bytes()).map_err(Error::Stdout)?;
        return Ok((imported, "standard output".into()));
    }
    if target.exists() && !options.force {
        return Err(Error::Exists(target));
    }
    write_file(&target, &content).map_err(Error::write(&target))?;
    Ok((imported, target.display().to_string()))
}

/// The file must pass the build's validator, so that an import can never
/// break `vanban build`; this holds by construction, and is checked anyway.
fn check(imported: &Imported, content: &str, shown: &str) -> Result<()> {
    let Some(file) = source_file(&imported.relative_path, shown, content) else {
        return Err(Error::ImportBug("the imported file has no front matter".into()));
    };
    let (_, diagnostics) = validate_file(&file, ProvinceRegistry::builtin(), &Names::default());
    let errors: Vec<String> = diagnostics.iter().filter(|d| d.is_error()).map(|d| d.short()).collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::ImportBug(format!("the imported file would not validate: {}", errors.join("; "))))
    }
}

/// A content file as `load` would read it: front matter between the first
/// two `---` lines.
fn source_file(rel_path: &str, shown: &str, content: &str) -> Option<SourceFile> {
    SourceFile::new(rel_path.to_string(), shown.to_string(), content)
}

/// Writes through a temporary file renamed into place, so an interrupted
/// import leaves no half-written directive in the content folder.
fn write_file(target: &Path, content: &str) -> std::io::Result<()> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    // A new file: one of the user's that happens to have the name is kept.
    let (temporary, mut file) = crate::output::guard::create_new_file(&target.with_extension("md.importing"))?;
    std::io::Write::write_all(&mut file, content.as_bytes()).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })?;
    drop(file);
    std::fs::rename(&temporary, target).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}
