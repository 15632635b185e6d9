//! Runs the pipeline: load → validate → index → plan → render → write, then
//! zip when asked. `check` stops after validation. Both report every problem
//! at once.

use crate::content::config::Config;
use crate::content::load::{load, SourceFile};
use crate::content::validate::validate;
use crate::diagnostics::{self, Diagnostic, Severity};
use crate::graph::{index, Archive};
use crate::output::write::Staging;
use crate::output::zip::{zip_folder, ZipReport, ZipSettings};
use crate::plan::{Language, Page, Plan};
use crate::progress::{Progress, Silent};
use crate::render::Renderer;
use crate::text::provinces::ProvinceRegistry;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project: where `vanban.yaml`, `themes/` and `templates/` are.
    pub project_root: PathBuf,
    pub content: PathBuf,
    pub output: PathBuf,
    /// Overrides the theme named in `vanban.yaml`.
    pub theme: Option<String>,
    /// Also write the archive as one zip here (see [`crate::output::zip`]).
    pub zip: Option<PathBuf>,
    /// Replace an output folder that vanban did not make (`--force`); never
    /// one that touches the content or the project (see [`crate::output::guard`]).
    pub force: bool,
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
            zip: None,
            force: false,
        }
    }
}

/// How long each stage took, on the clock and in CPU time (all threads):
/// CPU over wall is how many cores the stage kept busy.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<StageTime>,
    /// The steps of render+write (a build's, not a check's).
    pub page_steps: PageSteps,
}

#[derive(Debug, Clone)]
pub struct StageTime {
    pub stage: &'static str,
    pub wall: Duration,
    /// `None` where the platform does not tell a process's CPU time.
    pub cpu: Option<Duration>,
    /// Bytes resident at the stage's end, and the most resident so far: the
    /// stage that holds the memory. `None` where the platform does not tell.
    pub resident: Option<u64>,
    pub peak_resident: Option<u64>,
}

/// A point in time, on the clock and in the process's CPU time.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    wall: Instant,
    cpu: Option<Duration>,
}

impl Mark {
    pub fn now() -> Mark {
        Mark { wall: Instant::now(), cpu: process_cpu_time() }
    }
}

impl Timings {
    fn record(&mut self, stage: &'static str, since: Mark) -> Mark {
        let now = Mark::now();
        let cpu = now.cpu.zip(since.cpu).map(|(now, then)| now.saturating_sub(then));
        let (resident, peak_resident) = resident_memory();
        self.stages.push(StageTime { stage, wall: now.wall - since.wall, cpu, resident, peak_resident });
        now
    }
}

/// This process's resource usage so far (all threads).
#[cfg(unix)]
fn usage() -> Option<libc::rusage> {
    // SAFETY: getrusage only writes the struct it is given.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        (libc::getrusage(libc::RUSAGE_SELF, &mut usage) == 0).then_some(usage)
    }
}

/// User + system time of every thread of this process so far.
#[cfg(unix)]
fn process_cpu_time() -> Option<Duration> {
    let usage = usage()?;
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Some(time(usage.ru_utime) + time(usage.ru_stime))
}

#[cfg(not(unix))]
fn process_cpu_time() -> Option<Duration> {
    None
}

/// Resident bytes now (`/proc/self/statm`) and at most so far (getrusage).
#[cfg(target_os = "linux")]
fn resident_memory() -> (Option<u64>, Option<u64>) {
    const PAGE: u64 = 4096;
    let statm = std::fs::read_to_string("/proc/self/statm").ok();
    let now = statm.and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok()).map(|pages| pages * PAGE);
    // Linux gives the peak in KiB.
    let peak = usage().map(|usage| usage.ru_maxrss as u64 * 1024);
    (now, peak)
}

#[cfg(not(target_os = "linux"))]
fn resident_memory() -> (Option<u64>, Option<u64>) {
    (None, None)
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
    /// The zip, when one was asked for.
    pub zip: Option<ZipReport>,
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
    let by_path: HashMap<&str, &SourceFile> = files.iter().map(|f| (f.display_path.as_str(), f)).collect();
    diagnostics::render(diagnostics, |path| by_path.get(path).map(|file| file.text()))
}

/// Load, validate and index. Fails when any content file has an error.
pub fn check(options: &BuildOptions, timings: &mut Timings) -> Result<Checked, BuildFailure> {
    check_with(options, timings, &Silent)
}

/// [`check`], reporting progress.
pub fn check_with(
    options: &BuildOptions,
    timings: &mut Timings,
    progress: &dyn Progress,
) -> Result<Checked, BuildFailure> {
    let config = Config::load(&options.project_root).map_err(BuildFailure::from)?;
    let provinces = ProvinceRegistry::builtin();
    let started = Mark::now();
    progress.stage("load", "files", 0);
    let loaded = load(&options.content);
    progress.advance(loaded.files.len() as u64);
    progress.finish();
    let started = timings.record("load", started);
    progress.stage("validate", "directives", loaded.files.len() as u64);
    let validated = validate(&loaded.files, provinces);
    progress.advance(loaded.files.len() as u64);
    progress.finish();
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

/// The date every page's footer prints, with what it is. Never the clock, so
/// that the same input gives the same output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArchiveDate {
    /// ISO 8601 at the precision known (`2021-08-24`).
    pub date: String,
    /// The interface string that names it: `build_date` ("Bản dựng ngày")
    /// for `SOURCE_DATE_EPOCH`, else `data_date` ("Dữ liệu đến ngày").
    pub label: &'static str,
}

/// `SOURCE_DATE_EPOCH` when set (the reproducible-builds convention: the
/// publisher says when the build was made); else the newest date the content
/// gives, which is how far the archive's data reaches, not when it was built.
pub fn build_date(archive: &Archive) -> ArchiveDate {
    let from_epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|seconds| chrono::DateTime::from_timestamp(seconds, 0))
        .map(|time| time.date_naive().to_string());
    match from_epoch {
        Some(date) => ArchiveDate { date, label: "build_date" },
        None => ArchiveDate { date: newest_known_date(archive).unwrap_or_default(), label: "data_date" },
    }
}

/// The newest of the dates known to the day and the `not_before` dates: an
/// undated directive issued no earlier than 24/8/2021 means the data reaches
/// at least that day, though every dated directive is older.
fn newest_known_date(archive: &Archive) -> Option<String> {
    let not_before = archive.directives.iter().filter_map(|d| d.not_before);
    archive.newest_full_date().into_iter().chain(not_before).max().map(|d| d.to_string())
}

/// The whole build. On any error the previous output is left untouched.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    build_with(options, &Silent)
}

/// [`build`], reporting progress.
pub fn build_with(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport, BuildFailure> {
    let mut timings = Timings::default();
    // Before anything is read: where the build may write is decided by the
    // command line alone, and a refused path must not wait for the content.
    let output = crate::output::guard::check_output(options).map_err(BuildFailure::from)?;
    let zip_path = match &options.zip {
        Some(zip) => Some(crate::output::guard::check_zip(options, zip, &output).map_err(BuildFailure::from)?),
        None => None,
    };
    let checked = check_with(options, &mut timings, progress)?;
    let mut config = checked.config;
    if let Some(theme) = &options.theme {
        config.theme = theme.clone();
    }
    let started = Mark::now();
    let theme = crate::render::theme::load(&options.project_root, &config.theme, &config.language)
        .map_err(BuildFailure::from)?;
    let build_date = build_date(&checked.archive);
    let renderer = Renderer::new(&theme, &config, &build_date).map_err(|diagnostics| {
        let rendered = diagnostics::render(&diagnostics, |_| None);
        BuildFailure { diagnostics, rendered }
    })?;
    let provinces = ProvinceRegistry::builtin();
    let plan = Plan::new(&checked.archive, provinces, Language::from_code(&config.language));
    let zip_settings = match &options.zip {
        Some(path) => Some(zip_settings(path, &config, &checked.archive)?),
        None => None,
    };
    let started = timings.record("plan", started);
    // The search index is content like the pages: decided here, written with them.
    let search = crate::search::build(&plan);
    let started = timings.record("search index", started);

    let io_failure = |error: std::io::Error| {
        BuildFailure::from(Diagnostic::file(
            Severity::Error,
            &options.output.display().to_string(),
            format!("cannot write the output: {error}"),
        ))
    };
    let staging = Staging::create(&output).map_err(io_failure)?;
    // Written first, so that the index is freed before the pages.
    search.each_file(|path, bytes| staging.write(path, bytes)).map_err(io_failure)?;
    drop(search);
    let pages: Vec<&Page> = plan.pages.iter().collect();
    let written = render_pages(&plan, &renderer, &pages, progress, &AtomicBool::new(false), &|path, bytes| {
        staging.write(path, bytes)
    });
    timings.page_steps = match written {
        Ok(steps) => steps,
        Err(failures) => {
            let diagnostics: Vec<Diagnostic> =
                failures.iter().take(20).map(|failure| failure.diagnostic(&options.content)).collect();
            let rendered = diagnostics::render(&diagnostics, |_| None);
            return Err(BuildFailure { diagnostics, rendered });
        }
    };
    for (path, bytes) in &theme.static_files {
        staging.write(&format!("assets/{path}"), bytes).map_err(io_failure)?;
    }
    let started = timings.record("render+write", started);
    let (files_written, bytes_written) = (staging.files_written(), staging.bytes_written());
    // Zipped from the staging folder before anything is committed: a build
    // that fails here leaves both the previous output and the previous zip.
    let zip = match (&zip_path, &zip_settings) {
        (Some(path), Some(settings)) => Some(zip_folder(staging.path(), path, settings).map_err(|error| {
            BuildFailure::from(Diagnostic::file(
                Severity::Error,
                &path.display().to_string(),
                format!("cannot write the zip: {error}"),
            ))
        })?),
        _ => None,
    };
    let started = timings.record("zip", started);
    staging.commit().map_err(io_failure)?;
    let mut zip = zip.map(|zip| zip.commit()).transpose().map_err(io_failure)?;
    // Reported as the user named it, not as its links resolve.
    if let (Some(zip), Some(asked)) = (&mut zip, &options.zip) {
        zip.path = asked.clone();
    }
    timings.record("commit", started);
    Ok(BuildReport {
        directives: checked.archive.directives.len(),
        pages: plan.pages.len(),
        files_written,
        bytes_written,
        warnings: checked.warnings,
        rendered_warnings: checked.rendered_warnings,
        timings,
        zip,
    })
}

/// Renders `pages` and hands each to `write`, page by page in parallel:
/// memory stays flat however large the archive, and both stages keep every
/// core busy. Every failure is reported; `cancel` set stops it. Returns how
/// long each step of a page took, summed over the threads.
pub fn render_pages(
    plan: &Plan,
    renderer: &Renderer,
    pages: &[&Page],
    progress: &dyn Progress,
    cancel: &AtomicBool,
    write: &(dyn Fn(&str, &[u8]) -> std::io::Result<()> + Sync),
) -> Result<PageSteps, Vec<PageFailure>> {
    progress.stage("render+write", "pages", pages.len() as u64);
    let clock = StepClock::default();
    let failures: Vec<PageFailure> = pages
        .par_iter()
        .filter_map(|page| {
            if cancel.load(Ordering::Relaxed) {
                return Some(PageFailure::of_archive("stopped".to_string()));
            }
            let started = Instant::now();
            let content = plan.content(page);
            let started = clock.add(&clock.content, started);
            let context = match renderer.context(&content) {
                Ok(context) => context,
                Err(error) => return Some(PageFailure::of_archive(error)),
            };
            drop(content);
            let started = clock.add(&clock.context, started);
            let html = match renderer.render_context(page.kind.template(), &context, &page.path) {
                Ok(html) => html,
                Err(error) => return Some(PageFailure::of_archive(error)),
            };
            drop(context);
            let started = clock.add(&clock.templates, started);
            let written = write(&page.path, &html).err().map(|error| PageFailure {
                source: plan.source_of(page).map(str::to_string),
                message: format!("cannot write the page {}: {error}", page.path),
            });
            clock.add(&clock.write, started);
            progress.advance(1);
            written
        })
        .collect();
    progress.finish();
    if failures.is_empty() {
        Ok(clock.steps())
    } else {
        Err(failures)
    }
}

/// A page that could not be rendered or written, with the content file it
/// was made from when there is one (see [`Plan::source_of`]).
#[derive(Debug, Clone)]
pub struct PageFailure {
    /// Path in the content folder.
    pub source: Option<String>,
    pub message: String,
}

impl PageFailure {
    fn of_archive(message: String) -> PageFailure {
        PageFailure { source: None, message }
    }

    /// The failure as a diagnostic on its content file (below `content`),
    /// or on the output when no one file made the page.
    pub fn diagnostic(&self, content: &Path) -> Diagnostic {
        let path = match &self.source {
            Some(source) => content.join(source).display().to_string(),
            None => "output".to_string(),
        };
        Diagnostic::file(Severity::Error, &path, self.message.clone())
    }

    /// The failure in one line, starting with its content file.
    pub fn line(&self, content: &Path) -> String {
        match &self.source {
            Some(source) => format!("{}: {}", content.join(source).display(), self.message),
            None => self.message.clone(),
        }
    }
}

/// Where the render+write stage's time goes: each step of a page, summed
/// over the threads (so together they can exceed the stage's wall time).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct PageSteps {
    /// The plan's content of the page (its Markdown turned into HTML, its lists).
    pub content: Duration,
    /// That content turned into tera's values (and then dropped).
    pub context: Duration,
    /// Tera running the theme's templates (and its values dropped).
    pub templates: Duration,
    /// The page's bytes handed to the file system.
    pub write: Duration,
}

impl PageSteps {
    /// Each step with the name `--timings` prints.
    pub fn named(&self) -> [(&'static str, Duration); 4] {
        [("content", self.content), ("context", self.context), ("templates", self.templates), ("write", self.write)]
    }
}

/// [`PageSteps`] as the threads add to it, in nanoseconds.
#[derive(Default)]
struct StepClock {
    content: AtomicU64,
    context: AtomicU64,
    templates: AtomicU64,
    write: AtomicU64,
}

impl StepClock {
    /// Adds the time since `started` to `step`, and returns now.
    fn add(&self, step: &AtomicU64, started: Instant) -> Instant {
        let now = Instant::now();
        step.fetch_add((now - started).as_nanos() as u64, Ordering::Relaxed);
        now
    }

    fn steps(&self) -> PageSteps {
        let read = |step: &AtomicU64| Duration::from_nanos(step.load(Ordering::Relaxed));
        PageSteps {
            content: read(&self.content),
            context: read(&self.context),
            templates: read(&self.templates),
            write: read(&self.write),
        }
    }
}

/// The zip's settings, checked before anything is rendered (its path was
/// checked by [`crate::output::guard::check_zip`]).
fn zip_settings(path: &Path, config: &Config, archive: &Archive) -> Result<ZipSettings, BuildFailure> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    ZipSettings::new(&config.title, archive, epoch.as_deref())
        .map_err(|message| BuildFailure::from(Diagnostic::file(Severity::Error, &path.display().to_string(), message)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page that cannot be written names the content file it came from.
    #[test]
    fn a_page_that_cannot_be_written_names_its_content_file() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let options = BuildOptions { content: root.join("tests/fixtures/valid"), ..BuildOptions::in_project(&root) };
        let checked = check(&options, &mut Timings::default()).unwrap_or_else(|f| panic!("{}", f.rendered));
        let theme = crate::render::theme::load(&root, &checked.config.theme, &checked.config.language).unwrap();
        let date = ArchiveDate { date: "2021-01-01".into(), label: "data_date" };
        let renderer = Renderer::new(&theme, &checked.config, &date).unwrap();
        let plan = Plan::new(&checked.archive, ProvinceRegistry::builtin(), Language::Vietnamese);
        let pages: Vec<&Page> = plan.pages.iter().filter(|p| p.path.contains("453-cv-tu")).collect();
        assert_eq!(pages.len(), 1);
        let refuse = |_: &str, _: &[u8]| Err(std::io::Error::other("File name too long"));
        let failures = render_pages(&plan, &renderer, &pages, &Silent, &AtomicBool::new(false), &refuse).unwrap_err();
        let diagnostic = failures[0].diagnostic(&options.content);
        assert_eq!(
            diagnostic.short(),
            format!(
                "{}:1:1: error: cannot write the page {}: File name too long",
                options.content.join("quang-ngai/453-cv-tu.md").display(),
                pages[0].path
            )
        );
    }
}
