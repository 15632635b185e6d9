//! Runs the pipeline: load → validate → index → plan → render → write, then
//! zip when asked. `check` stops after validation. Both report every problem
//! at once.

use crate::content::config::Config;
use crate::content::load::{read_body, Kept};
use crate::content::validate::{load_and_validate, CheckedFile};
use crate::diagnostics::{self, Diagnostic};
use crate::error::{self, Error};
use crate::graph::{index, Archive};
use crate::output::write::Staging;
use crate::output::zip::{zip_folder, ZipReport, ZipSettings};
use crate::plan::{Language, Page, Plan};
use crate::progress::{Progress, Silent};
use crate::render::theme::{self, Theme};
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
    /// What the build did not write, and why (`note: …` lines).
    pub notes: Vec<String>,
}

/// Why a build without `base_url` writes no sitemap or robots.txt.
pub const NO_BASE_URL: &str = "no sitemap.xml or robots.txt written: they need the archive's public address; \
     set `base_url` in vanban.yaml (e.g. `base_url: https://vanban.example.org/`). The feeds and the open data are \
     written all the same, with links relative to each file";

/// A build or check that failed: every problem in the content (with the
/// warnings), or every operational error, never a selection.
#[derive(Debug)]
pub struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
    /// What went wrong around the content: files that could not be
    /// written, pages the theme could not render, the zip.
    pub operational: Vec<Error>,
    /// The diagnostics rendered with their source lines, and the
    /// operational errors as `error: …` lines, for a terminal.
    pub rendered: String,
}

impl BuildFailure {
    /// The content's errors (not its warnings).
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// How many errors of either kind.
    pub fn error_count(&self) -> usize {
        self.errors().count() + self.operational.len()
    }

    /// Problems outside the content (`vanban.yaml`, the theme): one with a
    /// place in its file is shown with its line, read again here.
    fn of_diagnostics(diagnostics: Vec<Diagnostic>) -> Self {
        let placed = |path: &str| diagnostics.iter().any(|d| d.path == path && d.span.is_some());
        let rendered = diagnostics::render(&diagnostics, |path| {
            placed(path).then(|| std::fs::read_to_string(path).ok()).flatten()
        });
        BuildFailure { diagnostics, operational: Vec::new(), rendered }
    }

    fn of_errors(operational: Vec<Error>) -> Self {
        BuildFailure { diagnostics: Vec::new(), rendered: error::render(&operational), operational }
    }
}

impl From<Diagnostic> for BuildFailure {
    fn from(diagnostic: Diagnostic) -> Self {
        BuildFailure::of_diagnostics(vec![diagnostic])
    }
}

impl From<Error> for BuildFailure {
    fn from(error: Error) -> Self {
        BuildFailure::of_errors(vec![error])
    }
}

impl From<Vec<Error>> for BuildFailure {
    fn from(errors: Vec<Error>) -> Self {
        BuildFailure::of_errors(errors)
    }
}

/// The result of loading and validating: the archive graph, or every problem.
pub struct Checked {
    pub config: Config,
    pub archive: Archive,
    pub warnings: Vec<Diagnostic>,
    pub rendered_warnings: String,
}

fn render_with_sources(diagnostics: &[Diagnostic], files: &[Kept]) -> String {
    let by_path: HashMap<&str, &Kept> = files.iter().map(|f| (f.display_path(), f)).collect();
    let text_of = |file: &Kept| file.whole().and_then(|file| file.text().map(String::from));
    diagnostics::render(diagnostics, |path| by_path.get(path).and_then(|file| text_of(file)))
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
    // One stage: each file is validated as soon as it is read, so that the
    // texts are never all in memory at once.
    progress.stage("load+validate", "files", 0);
    let (loaded, validated) = load_and_validate(&options.content, provinces);
    progress.advance(loaded.files.len() as u64);
    progress.finish();
    let started = timings.record("load+validate", started);
    let mut problems = loaded.diagnostics;
    problems.extend(validated.diagnostics);
    diagnostics::sort(&mut problems);
    let rendered = render_with_sources(&problems, &loaded.files);
    // The files' front matter was kept for the messages alone.
    drop(loaded.files);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(BuildFailure { diagnostics: problems, operational: Vec::new(), rendered });
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
    let started = Mark::now();
    let settings = Settings::with_config(checked.config, options).map_err(BuildFailure::from)?;
    let renderer = settings.renderer(&build_date(&checked.archive)).map_err(BuildFailure::of_diagnostics)?;
    let base_url = settings.config.base_url.clone();
    let notes = if base_url.is_empty() { vec![NO_BASE_URL.to_string()] } else { Vec::new() };
    let plan = Plan::with_base_url(&checked.archive, ProvinceRegistry::builtin(), settings.language(), base_url);
    let zip_settings = match &options.zip {
        Some(_) => Some(zip_settings(&settings.config, &checked.archive)?),
        None => None,
    };
    let started = timings.record("plan", started);
    let full = FullBuild::start(&output, &options.content)?;
    // The search index is content like the pages: decided here, written with
    // them; first, so that it is freed before the pages. Its summary files
    // are written as they are made.
    let search = crate::search::build(&plan, full.scratch(), |path, bytes| full.write(path, bytes))?;
    let started = timings.record("search index", started);
    search.each_file(|path, bytes| full.write(path, bytes))?;
    drop(search);
    timings.page_steps = full.write_all(&plan, &renderer, &settings.theme, progress, &AtomicBool::new(false))?;
    let started = timings.record("render+write", started);
    let (files_written, bytes_written) = (full.staging.files_written(), full.staging.bytes_written());
    // Zipped from the staging folder before anything is committed: a build
    // that fails here leaves both the previous output and the previous zip.
    let zip = match (&zip_path, &zip_settings) {
        (Some(path), Some(settings)) => Some(
            zip_folder(full.staging.path(), path, settings)
                .map_err(|source| Error::Zip { path: path.clone(), source })?,
        ),
        _ => None,
    };
    let started = timings.record("zip", started);
    full.commit()?;
    let zip_commit = |zip: crate::output::zip::PendingZip| {
        let path = zip.target().to_path_buf();
        zip.commit().map_err(|source| Error::Zip { path, source })
    };
    let mut zip = zip.map(zip_commit).transpose()?;
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
        notes,
    })
}

/// What a build renders with, resolved from the options in this one place
/// for `vanban build` and `vanban serve`: the settings (`vanban.yaml`, its
/// theme overridden by `--theme`) and the theme they name.
pub struct Settings {
    pub config: Config,
    pub theme: Theme,
}

impl Settings {
    /// Reads `vanban.yaml` and the theme.
    pub fn resolve(options: &BuildOptions) -> Result<Settings, Diagnostic> {
        Settings::with_config(Config::load(&options.project_root)?, options)
    }

    /// The theme for settings already read (a check reads them first).
    pub fn with_config(mut config: Config, options: &BuildOptions) -> Result<Settings, Diagnostic> {
        config.theme = theme_name(options, &config);
        let theme = theme::load(&options.project_root, &config.theme, &config.language)?;
        Ok(Settings { config, theme })
    }

    pub fn language(&self) -> Language {
        Language::from_code(&self.config.language)
    }

    /// The theme's templates compiled for pages that print `date`.
    pub fn renderer(&self, date: &ArchiveDate) -> Result<Renderer, Vec<Diagnostic>> {
        Renderer::new(&self.theme, &self.config, date)
    }
}

/// The theme a build uses: `--theme`, else the one `vanban.yaml` names.
pub fn theme_name(options: &BuildOptions, config: &Config) -> String {
    options.theme.clone().unwrap_or_else(|| config.theme.clone())
}

/// The folder of the theme a build would use now, for watching it: while
/// `vanban.yaml` is broken, the default settings' theme.
pub fn theme_folder(options: &BuildOptions) -> PathBuf {
    let config = Config::load(&options.project_root).unwrap_or_default();
    theme::folder(&options.project_root, &theme_name(options, &config))
}

/// A whole site written into a staging folder beside the output and, once
/// complete, swapped in for it: the full build of `vanban build` and the
/// first build of `vanban serve`. Dropped uncommitted, it removes itself
/// and the previous output stays.
pub struct FullBuild {
    staging: Staging,
    output: PathBuf,
    /// The content folder, which page errors name their files in.
    content: PathBuf,
}

impl FullBuild {
    /// A staging folder for `output` (once the guard allowed it); page
    /// errors name their files in `content`.
    pub fn start(output: &Path, content: &Path) -> error::Result<FullBuild> {
        let staging = Staging::create(output).map_err(Error::write(output))?;
        Ok(FullBuild { staging, output: output.to_path_buf(), content: content.to_path_buf() })
    }

    /// Where the build may make a folder of its own for files that are not
    /// the output (the search index spills its places there): inside the
    /// staging folder, so that a build that stops leaves nothing of them.
    pub fn scratch(&self) -> &Path {
        self.staging.path()
    }

    /// One file that is not a page (the search index's).
    pub fn write(&self, path: &str, bytes: &[u8]) -> error::Result<()> {
        self.staging.write(path, bytes).map_err(Error::write(self.output.join(path)))
    }

    /// Every page of `plan` and the theme's static files (in `assets/`).
    pub fn write_all(
        &self,
        plan: &Plan,
        renderer: &Renderer,
        theme: &Theme,
        progress: &dyn Progress,
        cancel: &AtomicBool,
    ) -> Result<PageSteps, Vec<Error>> {
        let pages: Vec<&Page> = plan.pages.iter().collect();
        let steps = render_pages(plan, &self.content, renderer, &pages, progress, cancel, &self.staging)?;
        for (path, bytes) in &theme.static_files {
            self.write(&format!("assets/{path}"), bytes).map_err(|error| vec![error])?;
        }
        Ok(steps)
    }

    /// Swaps the staging folder in for the output.
    pub fn commit(self) -> error::Result<()> {
        let output = self.output;
        self.staging.commit().map_err(Error::write(output))
    }
}

/// Renders `pages` and hands each to `write`, page by page in parallel:
/// memory stays flat however large the archive, and both stages keep every
/// core busy. Every failure is reported, on its file in `content_folder`; `cancel` set stops it. Returns how long each step of a page took,
/// summed over the threads.
pub fn render_pages(
    plan: &Plan,
    content_folder: &Path,
    renderer: &Renderer,
    pages: &[&Page],
    progress: &dyn Progress,
    cancel: &AtomicBool,
    write: &dyn PageWriter,
) -> Result<PageSteps, Vec<Error>> {
    progress.stage("render+write", "pages", pages.len() as u64);
    let clock = StepClock::default();
    let failures: Vec<Error> = pages
        .par_iter()
        .filter_map(|page| {
            if cancel.load(Ordering::Relaxed) {
                return Some(Error::Stopped);
            }
            let started = Instant::now();
            let mut content = plan.content(page);
            // A directive's text is read from its file where its page is
            // made (see `Body`), not held from the start of the build.
            if let Some(body) = content.text_to_read() {
                match read_body(body.body()) {
                    Ok(text) => body.set_text(text),
                    Err(error) => return Some(error),
                }
            }
            let started = clock.add(&clock.content, started);
            let cannot_write = |error: std::io::Error| format!("cannot write the page {}: {error}", page.path);
            let Some(template) = page.kind.template() else {
                // An open data file: no template, written as it is made from
                // its content (see `write_data`).
                let written = write.write_with(&page.path, &mut |out| write_data(&content.content, out));
                clock.add(&clock.write, started);
                progress.advance(1);
                return written.err().map(|error| page_error(plan, content_folder, page, cannot_write(error)));
            };
            with_page_buffer(|bytes| {
                let rendered = renderer.context(&content).and_then(|context| {
                    drop(content);
                    let started = clock.add(&clock.context, started);
                    renderer.render_into(template, &context, &page.path, bytes).map(|()| started)
                });
                let started = match rendered {
                    Ok(started) => started,
                    Err(error) => return Some(page_error(plan, content_folder, page, error.to_string())),
                };
                let started = clock.add(&clock.templates, started);
                let written = write
                    .write(&page.path, bytes)
                    .err()
                    .map(|error| page_error(plan, content_folder, page, cannot_write(error)));
                clock.add(&clock.write, started);
                progress.advance(1);
                written
            })
        })
        .collect();
    progress.finish();
    // One `stopped` for the build, not one for each page left.
    let mut failures = failures;
    if failures.iter().any(|failure| matches!(failure, Error::Stopped)) {
        failures = vec![Error::Stopped];
    }
    if failures.is_empty() {
        Ok(clock.steps())
    } else {
        Err(failures)
    }
}

/// The bytes of a page made without a template (an open data file, a list's
/// data), written to `out` as they are made.
fn write_data(content: &crate::plan::Content, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    match content {
        crate::plan::Content::Data(table) => crate::render::data::write_to(table, out),
        crate::plan::Content::ListData(rows) => crate::render::list_data::write_to(rows, out),
        _ => unreachable!("only data files have no template"),
    }
}

/// Where [`render_pages`] puts the pages: a function writing a page's bytes,
/// or the staging folder of a full build.
pub trait PageWriter: Sync {
    /// Writes a page made whole.
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()>;

    /// Writes a file as `make` makes it; by default made whole in memory,
    /// then written.
    fn write_with(
        &self,
        path: &str,
        make: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        make(&mut bytes)?;
        self.write(path, &bytes)
    }
}

impl<F: Fn(&str, &[u8]) -> std::io::Result<()> + Sync> PageWriter for F {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self(path, bytes)
    }
}

/// A full build's pages go straight into its staging folder; the open data
/// files through a buffer, never held whole.
impl PageWriter for Staging {
    fn write(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        Staging::write(self, path, bytes)
    }

    fn write_with(
        &self,
        path: &str,
        make: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        Staging::write_with(self, path, make)
    }
}

/// `f` on this thread's page buffer, emptied: pages are rendered into it one
/// after another, so each does not allocate, grow (copying) and free its own.
/// Taken out while in use, so a page started on this thread while another is
/// being written (rayon may do that while it waits) gets a buffer of its own.
fn with_page_buffer<R>(f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
    thread_local!(static BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) });
    let mut buffer = BUFFER.take();
    buffer.clear();
    let result = f(&mut buffer);
    BUFFER.set(buffer);
    result
}

/// A page that could not be rendered or written, with the content file it
/// was made from when there is one (see [`Plan::source_of`]). Cancelled
/// pages are not errors of their own: one [`Error::Stopped`] says it.
fn page_error(plan: &Plan, content: &Path, page: &Page, message: String) -> Error {
    Error::Page { file: plan.source_of(page).map(|source| content.join(source)), message }
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
fn zip_settings(config: &Config, archive: &Archive) -> error::Result<ZipSettings> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    ZipSettings::new(&config.title, archive, epoch.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The valid fixture, checked, with its settings and a renderer.
    fn valid_fixture() -> (BuildOptions, Checked, Renderer) {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let options = BuildOptions { content: root.join("tests/fixtures/valid"), ..BuildOptions::in_project(&root) };
        let checked = check(&options, &mut Timings::default()).unwrap_or_else(|f| panic!("{}", f.rendered));
        let settings = Settings::with_config(checked.config.clone(), &options).unwrap();
        let date = ArchiveDate { date: "2021-01-01".into(), label: "data_date" };
        let renderer = settings.renderer(&date).unwrap();
        (options, checked, renderer)
    }

    /// A page that cannot be written names the content file it came from.
    #[test]
    fn a_page_that_cannot_be_written_names_its_content_file() {
        let (options, checked, renderer) = valid_fixture();
        let plan = Plan::new(&checked.archive, ProvinceRegistry::builtin(), Language::Vietnamese);
        let pages: Vec<&Page> = plan.pages.iter().filter(|p| p.path.contains("453-cv-tu")).collect();
        assert_eq!(pages.len(), 1);
        let refuse = |_: &str, _: &[u8]| Err(std::io::Error::other("File name too long"));
        let failures =
            render_pages(&plan, &options.content, &renderer, &pages, &Silent, &AtomicBool::new(false), &refuse)
                .unwrap_err();
        assert_eq!(
            failures[0].to_string(),
            format!(
                "{}: cannot write the page {}: File name too long",
                options.content.join("quang-ngai/453-cv-tu.md").display(),
                pages[0].path
            )
        );
    }

    /// Every page that cannot be written is reported, however many.
    #[test]
    fn every_page_that_cannot_be_written_is_reported() {
        let (options, checked, renderer) = valid_fixture();
        let plan = Plan::new(&checked.archive, ProvinceRegistry::builtin(), Language::Vietnamese);
        let pages: Vec<&Page> = plan.pages.iter().collect();
        assert!(pages.len() > 20, "more pages than the old cut at 20");
        let refuse = |_: &str, _: &[u8]| Err(std::io::Error::other("No space left on device"));
        let failures =
            render_pages(&plan, &options.content, &renderer, &pages, &Silent, &AtomicBool::new(false), &refuse)
                .unwrap_err();
        assert_eq!(failures.len(), pages.len());
        let failure = BuildFailure::from(failures);
        assert_eq!(failure.error_count(), pages.len());
        assert_eq!(failure.rendered.matches("error: ").count(), pages.len(), "{}", failure.rendered);
    }
}
