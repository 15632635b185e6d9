//! Reads a theme from disk before rendering starts: its templates, its
//! static files and its interface strings. A theme is a folder
//! `themes/NAME/` with `templates/`, `static/` and `strings.yaml`; an
//! archive overrides single templates by putting files of the same name in
//! its own `templates/` folder.

use crate::diagnostics::{Diagnostic, Severity};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

#[derive(Debug, Default)]
pub struct Theme {
    pub name: String,
    /// (template name, source), e.g. ("directive.html", "…").
    pub templates: Vec<(String, String)>,
    /// (path under `static/`, bytes), copied as they are.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Interface strings of the chosen language, as a map for templates.
    pub strings: serde_json::Value,
}

/// The folder of the theme `name`: `themes/{name}` under `project_root`.
pub fn folder(project_root: &Path, name: &str) -> PathBuf {
    project_root.join("themes").join(name)
}

/// Loads `themes/{name}` under `project_root`, with `{project_root}/templates`
/// overriding it, and the strings of `language`.
pub fn load(project_root: &Path, name: &str, language: &str) -> Result<Theme, Diagnostic> {
    let dir = folder(project_root, name);
    if !dir.is_dir() {
        return Err(Diagnostic::file(Severity::Error, &dir.display().to_string(), format!("theme `{name}` not found"))
            .with_help("name a folder of themes/ with --theme, or use the default theme"));
    }
    let mut templates = read_tree(&dir.join("templates"))?
        .into_iter()
        .map(|(name, bytes)| (name, String::from_utf8_lossy(&bytes).into_owned()))
        .collect::<Vec<_>>();
    for (name, bytes) in read_tree(&project_root.join("templates"))? {
        let source = String::from_utf8_lossy(&bytes).into_owned();
        match templates.iter_mut().find(|(existing, _)| *existing == name) {
            Some(slot) => slot.1 = source,
            None => templates.push((name, source)),
        }
    }
    let strings = load_strings(&dir.join("strings.yaml"), language)?;
    Ok(Theme { name: name.to_string(), templates, static_files: read_tree(&dir.join("static"))?, strings })
}

/// Every file below `dir` (none when it does not exist), sorted by path.
fn read_tree(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Diagnostic::file(Severity::Error, &dir.display().to_string(), e.to_string()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).expect("below dir");
        let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let bytes = std::fs::read(entry.path()).map_err(|e| {
            Diagnostic::file(Severity::Error, &entry.path().display().to_string(), format!("cannot read: {e}"))
        })?;
        files.push((name, bytes));
    }
    Ok(files)
}

fn load_strings(path: &Path, language: &str) -> Result<serde_json::Value, Diagnostic> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::file(Severity::Error, &shown, format!("cannot read the interface strings: {e}")))?;
    let all: serde_json::Value = serde_yaml::from_str(&text)
        .map_err(|e| Diagnostic::file(Severity::Error, &shown, format!("invalid YAML: {e}")))?;
    all.get(language).cloned().ok_or_else(|| {
        let known = all.as_object().map(|m| m.keys().cloned().collect::<Vec<_>>().join(", ")).unwrap_or_default();
        Diagnostic::file(Severity::Error, &shown, format!("no interface strings for language `{language}`"))
            .with_help(format!("set `language` to one of: {known}"))
    })
}
