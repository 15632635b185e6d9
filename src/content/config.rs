//! Archive settings from `vanban.yaml` at the project root (all optional).

use crate::diagnostics::{Diagnostic, Severity};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The archive's name, shown on every page and in citations.
    pub title: String,
    /// Interface language: `vi` (default) or `en`.
    pub language: String,
    /// Theme folder under `themes/`.
    pub theme: String,
    /// Public address of the archive, for permalinks in citations and
    /// feeds (e.g. `https://vanban.example.org/`). Empty: links stay relative.
    pub base_url: String,
    /// What the archive holds, in a sentence or two: the home page's meta
    /// description and the archive's description in the JSON-LD.
    pub description: String,
    /// Who publishes the archive, and how to reach them.
    pub publisher: String,
    pub contact: String,
    /// The licence of the texts.
    pub licence: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Lưu trữ văn bản chỉ đạo".into(),
            language: "vi".into(),
            theme: "default".into(),
            base_url: String::new(),
            description: String::new(),
            publisher: String::new(),
            contact: String::new(),
            licence: String::new(),
        }
    }
}

pub const CONFIG_FILE: &str = "vanban.yaml";

impl Config {
    /// Reads `vanban.yaml` in `project_root`; defaults when there is none.
    pub fn load(project_root: &Path) -> Result<Config, Diagnostic> {
        let path = project_root.join(CONFIG_FILE);
        let Ok(text) = std::fs::read_to_string(&path) else {
            return Ok(Config::default());
        };
        let mut config: Config = serde_yaml::from_str(&text).map_err(|error| {
            Diagnostic::file(Severity::Error, &path.display().to_string(), format!("invalid settings: {error}"))
                .with_help(
                    "the keys are `title`, `description`, `language` (vi or en), `theme`, `base_url`, `publisher`, \
                     `contact` and `licence`",
                )
        })?;
        config.base_url = checked_base_url(config.base_url.trim())
            .map(|url| folder_address(&url))
            .map_err(|problem| base_url_diagnostic(&path.display().to_string(), &text, problem))?;
        Ok(config)
    }
}

/// `base_url` as vanban writes it (empty stays empty), or what is wrong
/// with it: it must be an absolute `https://` or `http://` address with a
/// host, and no query or fragment (a page's path is joined to it).
pub fn checked_base_url(base_url: &str) -> Result<String, String> {
    if base_url.is_empty() {
        return Ok(String::new());
    }
    let url = url::Url::parse(base_url).map_err(|error| format!("`base_url` is not a web address ({error})"))?;
    if !matches!(url.scheme(), "https" | "http") {
        return Err(format!("`base_url` must start with https:// or http://, not {}:", url.scheme()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("`base_url` names no host".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("`base_url` may not have a query (?…) or a fragment (#…)".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("`base_url` may not hold a user name or a password".into());
    }
    Ok(url.to_string())
}

/// A bad `base_url`, pointed at its value in `vanban.yaml`.
fn base_url_diagnostic(path: &str, text: &str, problem: String) -> Diagnostic {
    let line_start = text
        .match_indices("base_url:")
        .map(|(at, _)| at)
        .find(|&at| at == 0 || text.as_bytes()[at - 1] == b'\n')
        .unwrap_or(0);
    let value = line_start + text[line_start..].find(':').map_or(0, |colon| colon + 1);
    let value = value + (text[value..].len() - text[value..].trim_start_matches([' ', '\t']).len());
    let end = text[value..].find('\n').map_or(text.len(), |n| value + n);
    Diagnostic::at(Severity::Error, path, text, value..end.max(value), problem)
        .with_help("write the public address of the archive's folder, e.g. `base_url: \"https://vanban.example.org/\"`, or leave it empty")
}

/// `base_url` as the address of a folder, so that a page's path joined to
/// it is the page's address: `https://x.org/kho` is read as `https://x.org/kho/`
/// (else the join would give `https://x.org/khovan-ban/…`). Empty stays empty.
fn folder_address(base_url: &str) -> String {
    match base_url {
        "" => String::new(),
        url if url.ends_with('/') => url.to_string(),
        url => format!("{url}/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(settings: &str) -> Result<Config, Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), settings).unwrap();
        Config::load(dir.path())
    }

    #[test]
    fn base_url_is_made_a_folder_address() {
        for (given, kept) in [
            ("https://x.org/kho", "https://x.org/kho/"),
            ("https://x.org/kho/", "https://x.org/kho/"),
            ("https://X.org", "https://x.org/"),
            ("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a/"),
            ("", ""),
        ] {
            assert_eq!(load(&format!("base_url: \"{given}\"\n")).unwrap().base_url, kept, "{given}");
        }
    }

    /// A bad address is an error at its value's line and column, saying what
    /// is wrong and how to write it.
    #[test]
    fn a_bad_base_url_is_a_diagnostic_at_its_value() {
        for (given, says) in [
            ("vanban.example.org", "not a web address"),
            ("ftp://x.org/", "must start with https:// or http://"),
            ("file:///srv/kho/", "must start with https:// or http://"),
            ("https://x.org/?a=1", "query"),
            ("https://x.org/#top", "fragment"),
        ] {
            let problem = load(&format!("title: \"Kho\"\nbase_url: {given}\n")).unwrap_err();
            assert!(problem.message.contains(says), "{given}: {problem:?}");
            assert_eq!((problem.line, problem.column), (2, 11), "{given}");
            assert!(problem.help.as_deref().unwrap().contains("https://vanban.example.org/"));
        }
    }
}
