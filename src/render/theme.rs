//! Reads a theme before rendering starts: its templates, its static files
//! and its interface strings. The default theme is built into the binary
//! (`build.rs` embeds `themes/default/`), so a project needs no theme
//! folder. A theme folder `themes/NAME/` in the project, with `templates/`,
//! `static/` and `strings.yaml`, overrides the built-in theme file by file
//! (and `strings.yaml` key by key); the project's own `templates/` folder
//! overrides single templates of either.

use crate::diagnostics::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_theme.rs"));
}

/// The theme built into the binary.
pub const BUILTIN: &str = "default";

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

/// The built-in theme's files, by their path in the theme
/// (`templates/base.html`, `static/style.css`, `strings.yaml`).
pub fn builtin_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    builtin::FILES.iter().copied()
}

/// Loads the theme `name`: the built-in theme, overridden file by file by
/// `themes/{name}` under `project_root` (which must exist for any other
/// name than [`BUILTIN`]) and by `{project_root}/templates`, with the
/// strings of `language`.
pub fn load(project_root: &Path, name: &str, language: &str) -> Result<Theme, Diagnostic> {
    let dir = folder(project_root, name);
    if !dir.is_dir() && name != BUILTIN {
        return Err(Diagnostic::file(Severity::Error, &dir.display().to_string(), format!("theme `{name}` not found"))
            .with_help(format!("name a folder of themes/ with --theme, or use the built-in theme `{BUILTIN}`")));
    }
    let mut files: BTreeMap<String, Vec<u8>> =
        builtin_files().filter(|(path, _)| *path != "strings.yaml").map(|(p, b)| (p.to_string(), b.to_vec())).collect();
    for part in ["templates", "static"] {
        for (path, bytes) in read_tree(&dir.join(part))? {
            files.insert(format!("{part}/{path}"), bytes);
        }
    }
    for (path, bytes) in read_tree(&project_root.join("templates"))? {
        files.insert(format!("templates/{path}"), bytes);
    }
    let (mut templates, mut static_files) = (Vec::new(), Vec::new());
    for (path, bytes) in files {
        if let Some(template) = path.strip_prefix("templates/") {
            templates.push((template.to_string(), String::from_utf8_lossy(&bytes).into_owned()));
        } else if let Some(file) = path.strip_prefix("static/") {
            static_files.push((file.to_string(), bytes));
        }
    }
    let strings = load_strings(&dir.join("strings.yaml"), language)?;
    Ok(Theme { name: name.to_string(), templates, static_files, strings })
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

/// The built-in strings of `language`, overridden key by key by those of
/// the theme folder's `strings.yaml` (`path`) when it has one.
fn load_strings(path: &Path, language: &str) -> Result<serde_json::Value, Diagnostic> {
    let builtin = builtin_files().find(|(p, _)| *p == "strings.yaml").map_or(&[][..], |(_, bytes)| bytes);
    let builtin = String::from_utf8_lossy(builtin);
    let mut all = parse_strings("built-in theme: strings.yaml", &builtin)?;
    if path.is_file() {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            Diagnostic::file(Severity::Error, &shown, format!("cannot read the interface strings: {e}"))
        })?;
        let theirs = parse_strings(&shown, &text)?;
        for (code, strings) in theirs {
            match (all.get_mut(&code), strings) {
                (Some(serde_json::Value::Object(ours)), serde_json::Value::Object(theirs)) => ours.extend(theirs),
                (_, strings) => {
                    all.insert(code, strings);
                }
            }
        }
    }
    all.get(language).cloned().ok_or_else(|| {
        let known = all.keys().cloned().collect::<Vec<_>>().join(", ");
        Diagnostic::file(
            Severity::Error,
            &path.display().to_string(),
            format!("no interface strings for language `{language}`"),
        )
        .with_help(format!("set `language` to one of: {known}"))
    })
}

fn parse_strings(shown: &str, text: &str) -> Result<serde_json::Map<String, serde_json::Value>, Diagnostic> {
    serde_yaml::from_str(text).map_err(|e| Diagnostic::file(Severity::Error, shown, format!("invalid YAML: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder with no theme renders with the built-in one: every template
    /// and static file of `themes/default/`, byte for byte.
    #[test]
    fn the_builtin_theme_is_the_default_theme_folder() {
        let empty = tempfile::tempdir().unwrap();
        let theme = load(empty.path(), BUILTIN, "vi").unwrap();
        let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk = read_tree(&repo.join("templates")).unwrap();
        assert_eq!(theme.templates.len(), on_disk.len());
        for ((name, source), (disk_name, bytes)) in theme.templates.iter().zip(&on_disk) {
            assert_eq!((name, source.as_bytes()), (disk_name, &bytes[..]));
        }
        assert_eq!(theme.static_files, read_tree(&repo.join("static")).unwrap());
        assert_eq!(theme.strings["home"], "Trang chủ");
        assert_eq!(load(empty.path(), BUILTIN, "en").unwrap().strings["home"], "Home");
    }

    /// A project's theme folder overrides one file, its strings one key, and
    /// everything else stays the built-in theme's.
    #[test]
    fn a_theme_folder_overrides_file_by_file() {
        let project = tempfile::tempdir().unwrap();
        let dir = folder(project.path(), BUILTIN);
        std::fs::create_dir_all(dir.join("static")).unwrap();
        std::fs::write(dir.join("static/style.css"), "body{}").unwrap();
        std::fs::write(dir.join("strings.yaml"), "vi:\n  home: \"Đầu\"\n").unwrap();
        std::fs::create_dir_all(project.path().join("templates")).unwrap();
        std::fs::write(project.path().join("templates/home.html"), "mine").unwrap();
        let theme = load(project.path(), BUILTIN, "vi").unwrap();
        let css = theme.static_files.iter().find(|(p, _)| p == "style.css").unwrap();
        assert_eq!(css.1, b"body{}");
        assert!(theme.static_files.iter().any(|(p, _)| p == "search.js"));
        assert_eq!(theme.templates.iter().find(|(n, _)| n == "home.html").unwrap().1, "mine");
        assert!(theme.templates.iter().any(|(n, _)| n == "base.html"));
        assert_eq!(theme.strings["home"], "Đầu");
        assert_eq!(theme.strings["timeline"], "Dòng thời gian");
    }

    /// Another theme than the built-in one must exist.
    #[test]
    fn a_missing_theme_is_a_diagnostic() {
        let project = tempfile::tempdir().unwrap();
        let problem = load(project.path(), "dark", "vi").unwrap_err();
        assert!(problem.message.contains("theme `dark` not found"), "{problem:?}");
    }
}
