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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Lưu trữ văn bản chỉ đạo".into(),
            language: "vi".into(),
            theme: "default".into(),
            base_url: String::new(),
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
                .with_help("the keys are `title`, `language` (vi or en), `theme` and `base_url`")
        })?;
        config.base_url = folder_address(config.base_url.trim());
        Ok(config)
    }
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
