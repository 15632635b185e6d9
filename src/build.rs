//! Runs the pipeline: load → validate → index → plan → render → write.
//! `check` stops after validation. Both report every problem at once.

use crate::config::Config;
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::index::{index, Archive};
use crate::load::{load, SourceFile};
use crate::plan::Plan;
use crate::provinces::ProvinceRegistry;
use crate::render::Renderer;
use crate::validate::validate;
use crate::write::Staging;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project: where `vanban.yaml`, `themes/` and `templates/` are.
    pub project_root: PathBuf,
    pub content: PathBuf,
    pub output: PathBuf,
    /// Overrides the theme named in `vanban.yaml`.
    pub theme: Option<String>,
}

impl BuildOptions {
    /// `content/` → `output/` in `project_root`.
    pub fn in_project(project_root: impl Into<PathBuf>) -> Self {
        let project_root = project_root.into();
        BuildOptions {
            content: project_root.join("content"),
            output: project_root.join("output"),
            project_root,
            theme: None,
        }
    }
}

/// How long each stage took.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
}

impl Timings {
    fn record(&mut self, stage: &'static str, since: Instant) -> Instant {
        self.stages.push((stage, since.elapsed()));
        Instant::now()
    }
}

#[derive(Debug)]
pub struct BuildReport {
    pub directives: usize,
    pub pages: usize,
    pub files_written: u64,
    pub bytes_written: u64,
    pub warnings: Vec<Diagnostic>,
    /// The warnings, rendered with their source lines.
    pub rendered_warnings: String,
    pub timings: Timings,
}

/// A build or check that found errors: all of them, with the warnings.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
    /// The diagnostics rendered with their source lines, for a terminal.
    pub rendered: String,
}

impl BuildFailure {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    fn from(diagnostic: Diagnostic) -> Self {
        let rendered = diagnostics::render(std::slice::from_ref(&diagnostic), |_| None);
        BuildFailure { diagnostics: vec![diagnostic], rendered }
    }
}

/// The result of loading and validating: the archive graph, or every problem.
pub struct Checked {
    pub config: Config,
    pub archive: Archive,
    pub warnings: Vec<Diagnostic>,
    pub rendered_warnings: String,
}

fn render_with_sources(diagnostics: &[Diagnostic], files: &[SourceFile]) -> String {
    let by_path: HashMap<&str, &str> = files.iter().map(|f| (f.display_path.as_str(), f.text.as_str())).collect();
    diagnostics::render(diagnostics, |path| by_path.get(path).copied())
}

/// Load, validate and index. Fails when any content file has an error.
pub fn check(options: &BuildOptions, timings: &mut Timings) -> Result<Checked, BuildFailure> {
    let config = Config::load(&options.project_root).map_err(BuildFailure::from)?;
    let provinces = ProvinceRegistry::builtin();
    let started = Instant::now();
    let loaded = load(&options.content);
    let started = timings.record("load", started);
    let validated = validate(&loaded.files, provinces);
    let started = timings.record("validate", started);
    let mut problems = loaded.diagnostics;
    problems.extend(validated.diagnostics);
    diagnostics::sort(&mut problems);
    let rendered = render_with_sources(&problems, &loaded.files);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(BuildFailure { diagnostics: problems, rendered });
    }
    let archive = index(validated.directives, provinces);
    timings.record("index", started);
    Ok(Checked { config, archive, warnings: problems, rendered_warnings: rendered })
}

/// The whole build. On any error the previous output is left untouched.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    let mut timings = Timings::default();
    let checked = check(options, &mut timings)?;
    let mut config = checked.config;
    if let Some(theme) = &options.theme {
        config.theme = theme.clone();
    }
    let started = Instant::now();
    let theme =
        crate::theme::load(&options.project_root, &config.theme, &config.language).map_err(BuildFailure::from)?;
    let renderer = Renderer::new(&theme, &config).map_err(|diagnostics| {
        let rendered = diagnostics::render(&diagnostics, |_| None);
        BuildFailure { diagnostics, rendered }
    })?;
    let provinces = ProvinceRegistry::builtin();
    let plan = Plan::new(&checked.archive, provinces);
    let started = timings.record("plan", started);
    // The search index is content like the pages: decided here, written below.
    let search = crate::search::files(&plan);
    let started = timings.record("search index", started);

    let io_failure = |error: std::io::Error| {
        BuildFailure::from(Diagnostic::file(
            Severity::Error,
            &options.output.display().to_string(),
            format!("cannot write the output: {error}"),
        ))
    };
    let staging = Staging::create(&options.output).map_err(io_failure)?;
    // Render and write page by page, in parallel: memory stays flat however
    // large the archive, and both stages keep every core busy.
    let failures: Vec<String> = plan
        .pages
        .par_iter()
        .filter_map(|page| {
            let html = match renderer.render(page.kind.template(), &plan.content(page)) {
                Ok(html) => html,
                Err(error) => return Some(error),
            };
            staging.write(&page.path, html.as_bytes()).err().map(|e| format!("{}: {e}", page.path))
        })
        .collect();
    if !failures.is_empty() {
        let diagnostics: Vec<Diagnostic> =
            failures.into_iter().take(20).map(|failure| Diagnostic::file(Severity::Error, "output", failure)).collect();
        let rendered = diagnostics::render(&diagnostics, |_| None);
        return Err(BuildFailure { diagnostics, rendered });
    }
    for (path, bytes) in &theme.static_files {
        staging.write(&format!("assets/{path}"), bytes).map_err(io_failure)?;
    }
    search.files.par_iter().try_for_each(|(path, bytes)| staging.write(path, bytes)).map_err(io_failure)?;
    drop(search);
    let started = timings.record("render+write", started);
    let (files_written, bytes_written) = (staging.files_written(), staging.bytes_written());
    staging.commit().map_err(io_failure)?;
    timings.record("commit", started);
    Ok(BuildReport {
        directives: checked.archive.directives.len(),
        pages: plan.pages.len(),
        files_written,
        bytes_written,
        warnings: checked.warnings,
        rendered_warnings: checked.rendered_warnings,
        timings,
    })
}
