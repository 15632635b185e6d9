//! Keeps a served output folder in step with the content, for `vanban
//! serve`: a full build first (into a staging folder, swapped in, as `vanban
//! build` does), then for each batch of changes the [`Session`]'s update,
//! rendered and written in place, one file at a time, each atomically.
//! A theme or settings change renders every page again, in place.
//!
//! The settings, the theme and the full build are the engine's
//! ([`crate::site`]), as `vanban build` resolves and writes them; what is
//! here is only what is live: the session, the in-place writes of an
//! update, and the search index's pending changes.

use crate::content::config::Config;
use crate::content::model::Directive;
use crate::diagnostics::{self, Diagnostic};
use crate::error::{self, Error};
use crate::graph::DocId;
use crate::output::write::LiveOutput;
use crate::plan::{Language, Page, Plan};
use crate::progress::{Progress, Silent};
use crate::render::theme::Theme;
use crate::render::Renderer;
use crate::search::LiveIndex;
use crate::serve::incremental::{Outcome, Session, Update};
use crate::site::{build_date, render_pages, ArchiveDate, BuildOptions, FullBuild, Settings};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// What changed on disk, as the watcher reports it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// Paths relative to the content folder (files or folders).
    pub content: BTreeSet<String>,
    /// A template, a theme file or the settings changed.
    pub theme: bool,
    /// Events were lost: read everything again.
    pub rescan: bool,
}

/// What a rebuild did, for the terminal and the browser.
#[derive(Debug)]
pub enum Report {
    Rebuilt {
        pages: usize,
        removed: usize,
        /// Whether [`Live::finish`] has pages to compare: those that only
        /// show new counts, shifted lists … are written after the reader is
        /// told.
        following: bool,
        seconds: f64,
        /// Warnings of the files read, rendered.
        warnings: String,
    },
    /// Nothing shown changed (a file saved as it was); errors, if there
    /// were any, are fixed.
    Unchanged,
    /// Errors: the pages already written stay as they were.
    Failed { rendered: String, errors: usize },
}

pub struct Live {
    options: BuildOptions,
    /// The settings and the theme, when they last loaded without a
    /// problem. Until they do, every change reads them again: a server
    /// started with a broken `vanban.yaml` or a missing theme recovers once
    /// it is fixed.
    settings: Option<Settings>,
    session: Session,
    renderer: Option<Renderer>,
    /// The build date the renderer prints.
    build_date: ArchiveDate,
    output: LiveOutput,
    /// Whether the output folder holds a build of this session.
    built: bool,
    /// Theme files copied to `assets/`.
    assets: BTreeSet<String>,
    /// The search index as written, once the first build is.
    search: Option<LiveIndex>,
    /// What the search index has not taken in yet.
    search_pending: Pending,
}

/// Changes to the archive the search index has not taken in yet: they
/// accumulate from update to update until [`Live::refresh_search`].
#[derive(Debug, Default)]
enum Pending {
    #[default]
    Nothing,
    /// Directives changed in place, each with the version the index holds.
    Replaced(BTreeMap<DocId, Directive>),
    /// Anything else: the index is made anew.
    Everything,
}

impl Pending {
    fn absorb(&mut self, update: &Update) {
        match (&mut *self, &update.replaced) {
            (Pending::Everything, _) => {}
            (_, None) => *self = Pending::Everything,
            (Pending::Nothing, Some(replaced)) => {
                *self = Pending::Replaced(replaced.iter().cloned().collect());
            }
            (Pending::Replaced(held), Some(replaced)) => {
                // The index holds the first version replaced.
                for (id, old) in replaced {
                    held.entry(*id).or_insert_with(|| old.clone());
                }
            }
        }
    }
}

impl Live {
    /// `vanban.yaml`'s `base_url` as the archive is planned with it.
    pub fn base_url(&self) -> &str {
        self.session.base_url()
    }

    /// Reads the content and builds the whole archive into the output
    /// folder, unless the content has errors.
    pub fn start(options: &BuildOptions, progress: &dyn Progress, cancel: &AtomicBool) -> (Live, Report) {
        let started = Instant::now();
        let config = Config::load(&options.project_root);
        // Planned in the settings' language, or the default one until they load.
        let language = config.as_ref().map_or_else(|_| Config::default().language, |c| c.language.clone());
        let base_url = config.as_ref().map_or_else(|_| String::new(), |c| c.base_url.clone());
        let (session, outcome) = Session::open_with(&options.content, Language::from_code(&language), base_url);
        let mut live = Live {
            options: options.clone(),
            settings: None,
            session,
            renderer: None,
            build_date: ArchiveDate::default(),
            output: LiveOutput::new(&options.output),
            built: false,
            assets: BTreeSet::new(),
            search: None,
            search_pending: Pending::Nothing,
        };
        match config.and_then(|config| Settings::with_config(config, options)) {
            Ok(settings) => live.settings = Some(settings),
            Err(problem) => return (live, failed(vec![problem])),
        }
        let report = live.settle(outcome, started, progress, cancel);
        (live, report)
    }

    /// Brings the search index up to date after a rebuild: the directives
    /// changed in place term by term, anything else by indexing anew (only
    /// the files that changed are written either way). Separate from
    /// [`Live::apply`] so the server can reload the browser on the new pages
    /// first. Returns the seconds it took and the files it wrote or
    /// removed, or `None` when there was nothing to do.
    pub fn refresh_search(&mut self) -> Result<Option<(f64, usize)>, Vec<Error>> {
        let started = Instant::now();
        let pending = std::mem::take(&mut self.search_pending);
        let (Some(plan), Some(index)) = (self.session.plan(), self.search.as_mut()) else { return Ok(None) };
        let written = match pending {
            Pending::Nothing => return Ok(None),
            Pending::Replaced(replaced) => index.update(plan, &replaced.into_iter().collect::<Vec<_>>()),
            Pending::Everything => index.rebuild(plan),
        };
        let written = match written {
            Ok(written) => written,
            Err(errors) => {
                // A text could not be read: the next refresh indexes anew.
                self.search_pending = Pending::Everything;
                return Err(errors);
            }
        };
        let mut problems = Vec::new();
        let folder = &self.options.output;
        for (path, bytes) in &written.write {
            if let Err(error) = self.output.write(path, bytes) {
                problems.push(Error::write(folder.join(path))(error));
                index.unwritten(path);
            }
        }
        for gone in &written.remove {
            if let Err(error) = self.output.remove(gone) {
                problems.push(Error::remove(folder.join(gone))(error));
                index.unwritten(gone);
            }
        }
        if problems.is_empty() {
            Ok(Some((started.elapsed().as_secs_f64(), written.write.len() + written.remove.len())))
        } else {
            // Compared with what is on disk next time, file by file.
            self.search_pending = Pending::Everything;
            Err(problems)
        }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Applies a batch of changes: writes the pages that show the changed
    /// directives and removes the pages that went. Pages that only show
    /// new counts or shifted lists may be left for [`Live::finish`].
    pub fn apply(&mut self, changes: &Changes, cancel: &AtomicBool) -> Report {
        let started = Instant::now();
        // The content first, so that a batch changing both the content and
        // the settings loses neither.
        let outcome = if changes.rescan {
            self.session.rescan()
        } else {
            self.session.update(&changes.content.iter().cloned().collect::<Vec<_>>())
        };
        if !changes.theme && self.settings.is_some() {
            return self.settle(outcome, started, &Silent, cancel);
        }
        match outcome {
            Outcome::Failed(failure) => Report::Failed { errors: failure.errors(), rendered: failure.rendered },
            outcome => {
                if let Outcome::Updated(update) = &outcome {
                    self.search_pending.absorb(update);
                }
                // Every page is written again, which covers the update.
                self.reload_settings(started, cancel)
            }
        }
    }

    fn settle(&mut self, outcome: Outcome, started: Instant, progress: &dyn Progress, cancel: &AtomicBool) -> Report {
        match outcome {
            Outcome::Failed(failure) => Report::Failed { errors: failure.errors(), rendered: failure.rendered },
            // Errors at the start are fixed and nothing else changed: the first build.
            Outcome::Unchanged if !self.built && self.session.plan().is_some() => {
                self.write(&Update { full: true, ..Update::default() }, started, progress, cancel)
            }
            // The theme is broken: still so.
            Outcome::Unchanged if self.built && self.renderer.is_none() => {
                self.write(&Update::default(), started, progress, cancel)
            }
            Outcome::Unchanged => Report::Unchanged,
            Outcome::Updated(update) => {
                self.search_pending.absorb(&update);
                self.write(&update, started, progress, cancel)
            }
        }
    }

    /// Writes the other pages the last changes changed (see
    /// [`Session::stale`]); `None` when there was nothing to compare.
    pub fn finish(&mut self, cancel: &AtomicBool) -> Option<Report> {
        if !self.built {
            return None;
        }
        let started = Instant::now();
        let render = self.session.stale()?;
        Some(self.write(&Update { render, ..Update::default() }, started, &Silent, cancel))
    }

    /// Settings, theme or templates changed: every page again.
    fn reload_settings(&mut self, started: Instant, cancel: &AtomicBool) -> Report {
        self.settings = None;
        let settings = match Settings::resolve(&self.options) {
            Ok(settings) => settings,
            Err(problem) => return failed(vec![problem]),
        };
        // The language and `base_url` change the plan (the sitemap and
        // robots.txt come or go with `base_url`).
        let replanned = self.session.replan(settings.language(), &settings.config.base_url);
        if replanned.is_some() {
            self.search_pending = Pending::Everything;
        }
        let delete = replanned.map_or_else(Vec::new, |update| update.delete);
        self.settings = Some(settings);
        self.renderer = None;
        self.write(&Update { full: true, delete, ..Update::default() }, started, &Silent, cancel)
    }

    /// Renders and writes what `update` asks for.
    fn write(&mut self, update: &Update, started: Instant, progress: &dyn Progress, cancel: &AtomicBool) -> Report {
        let Some(date) = self.session.plan().map(|plan| build_date(plan.archive)) else { return Report::Unchanged };
        // Every page prints the build date: a new one is a new renderer and every page.
        let full = update.full || !self.built || date != self.build_date;
        if full || self.renderer.is_none() {
            // Only `reload_settings` writes while the settings are not loaded,
            // and it loads them first; missing ones are still an error.
            let Some(settings) = self.settings.as_ref() else { return failed_with(vec![Error::NoTheme]) };
            match settings.renderer(&date) {
                Ok(renderer) => self.renderer = Some(renderer),
                Err(problems) => return failed(problems),
            }
            self.build_date = date;
        }
        let (Some(plan), Some(renderer), Some(settings)) = (self.session.plan(), &self.renderer, &self.settings) else {
            return Report::Unchanged;
        };
        let theme = &settings.theme;
        let pages: Vec<&Page> = if full {
            plan.pages.iter().collect()
        } else {
            update.render.iter().filter_map(|path| self.session.page(path)).collect()
        };
        let assets: BTreeSet<String> = theme.static_files.iter().map(|(p, _)| format!("assets/{p}")).collect();
        let result = if self.built {
            // In place, file by file, while the server reads the folder.
            let output = &self.output;
            let folder = &self.options.output;
            render_pages(
                plan,
                &self.options.content,
                renderer,
                &pages,
                progress,
                cancel,
                &|path: &str, bytes: &[u8]| output.write(path, bytes),
            )
            .and_then(|_steps| {
                let mut problems = Vec::new();
                let removed = update.delete.iter().chain(if full {
                    self.assets.difference(&assets).collect()
                } else {
                    Vec::new()
                });
                for path in removed {
                    if let Err(error) = output.remove(path) {
                        problems.push(Error::remove(folder.join(path))(error));
                    }
                }
                if full {
                    for (path, bytes) in &theme.static_files {
                        let path = format!("assets/{path}");
                        if let Err(error) = output.write(&path, bytes) {
                            problems.push(Error::write(folder.join(path))(error));
                        }
                    }
                }
                if problems.is_empty() {
                    Ok(())
                } else {
                    Err(problems)
                }
            })
        } else {
            // The first build: into a staging folder, swapped in at the end.
            build_staged(&self.options, plan, renderer, theme, progress, cancel).map(|search| {
                self.search = Some(search);
                self.search_pending = Pending::Nothing;
            })
        };
        let written = pages.len();
        if let Err(problems) = result {
            // Written again after the next change, whichever of them failed.
            self.session.unwritten(&update.render);
            return failed_with(problems);
        }
        self.assets = assets;
        self.built = true;
        Report::Rebuilt {
            pages: written,
            removed: update.delete.len(),
            following: !full && self.session.has_stale(),
            seconds: started.elapsed().as_secs_f64(),
            warnings: self.session.warnings().to_string(),
        }
    }
}

fn failed(diagnostics: Vec<Diagnostic>) -> Report {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    Report::Failed { rendered: diagnostics::render(&diagnostics, |_| None), errors }
}

/// Operational errors: every one, as `error: …` lines.
fn failed_with(errors: Vec<Error>) -> Report {
    Report::Failed { rendered: error::render(&errors), errors: errors.len() }
}

/// The first build: the engine's full build, with the search index that
/// later updates change in place.
fn build_staged(
    options: &BuildOptions,
    plan: &Plan,
    renderer: &Renderer,
    theme: &Theme,
    progress: &dyn Progress,
    cancel: &AtomicBool,
) -> Result<LiveIndex, Vec<Error>> {
    let full = FullBuild::start(&options.output, &options.content).map_err(|error| vec![error])?;
    full.write_all(plan, renderer, theme, progress, cancel)?;
    let (search, files) = LiveIndex::new(plan)?;
    for (path, bytes) in &files {
        full.write(path, bytes).map_err(|error| vec![error])?;
    }
    full.commit().map_err(|error| vec![error])?;
    Ok(search)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A served copy of the valid fixture, built.
    fn served() -> (tempfile::TempDir, BuildOptions, Live) {
        let dir = tempfile::tempdir().unwrap();
        crate::serve::incremental::tests::copy_valid_fixture(&dir.path().join("content"));
        let options = BuildOptions {
            content: dir.path().join("content"),
            output: dir.path().join("output"),
            ..BuildOptions::in_project(env!("CARGO_MANIFEST_DIR"))
        };
        let (live, report) = Live::start(&options, &Silent, &AtomicBool::new(false));
        assert!(matches!(report, Report::Rebuilt { following: false, .. }), "{report:?}");
        (dir, options, live)
    }

    #[test]
    fn a_new_directive_is_written_before_the_pages_that_only_count_it() {
        let (_dir, options, mut live) = served();
        let cancel = AtomicBool::new(false);
        // The cited index counts the citers of 07-KL/TW, which the new directive cites.
        let cited_index = options.output.join("trich-dan/index.html");
        let counted_before = std::fs::read_to_string(&cited_index).unwrap();
        let text = std::fs::read_to_string(options.content.join("quang-ngai/453-cv-tu.md"))
            .unwrap()
            .replace("453-CV/TU", "500-CV/TU")
            .replace("2021-06-16", "2021-06-20");
        std::fs::write(options.content.join("quang-ngai/500-cv-tu.md"), text).unwrap();
        let changes = Changes { content: ["quang-ngai/500-cv-tu.md".to_string()].into(), ..Changes::default() };

        let report = live.apply(&changes, &cancel);
        let Report::Rebuilt { following, .. } = report else { panic!("{report:?}") };
        assert!(following, "nothing left for after");
        let page =
            std::fs::read_to_string(options.output.join("van-ban/quang-ngai/2021/500-cv-tu/index.html")).unwrap();
        assert!(page.contains("500-CV/TU"));
        let day = std::fs::read_to_string(options.output.join("thoi-gian/2021/06/20/index.html")).unwrap();
        assert!(day.contains("500-CV/TU"), "a new page comes first");
        assert_eq!(std::fs::read_to_string(&cited_index).unwrap(), counted_before, "counts come after");

        let report = live.finish(&cancel).expect("pages left to write");
        assert!(matches!(report, Report::Rebuilt { following: false, .. }), "{report:?}");
        assert_ne!(std::fs::read_to_string(&cited_index).unwrap(), counted_before);
        assert!(live.finish(&cancel).is_none());

        // Removed: its page goes first, the lists it was on follow.
        std::fs::remove_file(options.content.join("quang-ngai/500-cv-tu.md")).unwrap();
        let province = options.output.join("tinh/quang-ngai/index.html");
        let report = live.apply(&changes, &cancel);
        assert!(matches!(report, Report::Rebuilt { removed: 2, .. }), "its page and its day's: {report:?}");
        assert!(!options.output.join("van-ban/quang-ngai/2021/500-cv-tu/index.html").exists());
        assert!(std::fs::read_to_string(&province).unwrap().contains("500-CV/TU"), "lists follow");
        assert!(live.finish(&cancel).is_some());
        assert!(!std::fs::read_to_string(&province).unwrap().contains("500-CV/TU"));
    }
}
