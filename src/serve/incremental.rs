//! Live rebuilds for `vanban serve`: the archive kept between edits, and
//! which pages an edit changes. It reads the changed content files and
//! hands back the paths of the pages to render again and of the output
//! files to remove; it never renders or writes.
//!
//! Which pages changed is found by comparison, never by rules: every page
//! has a fingerprint of everything it shows ([`Plan::fingerprint`], made
//! by the page's own content function), kept from the last time it was
//! handed out. An update hands out at once the pages of the changed
//! directives themselves and the pages new to the archive (so that the
//! reader sees the change first); [`Session::stale`] then fingerprints every
//! page and hands out the others whose fingerprint changed. A new kind of
//! page, or a new fact on a page, needs nothing here.
//!
//! A directive that [keeps its place](Archive::keeps_place) (a new title or
//! text, not a new date or province …) is swapped into the archive as it
//! is, and the plan is kept; any other change indexes the archive again.
//!
//! Content with an error changes nothing: the last good archive stays (and
//! so the pages already written) until every error is fixed, as with
//! `vanban build`.

use crate::content::load::{self, Entry, SourceFile};
use crate::content::model::{Directive, DirectiveKey, Scope};
use crate::content::names::Names;
use crate::content::validate::{find_duplicates, validate_file, DatesByNumber};
use crate::diagnostics::{self, Diagnostic};
use crate::graph::{index, Archive, DocId};
use crate::plan::fingerprint::Fingerprint;
use crate::plan::{Language, Page, PageKind, Plan};
use crate::text::provinces::ProvinceRegistry;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

self_cell::self_cell!(
    /// An archive with its plan, which borrows it.
    struct Snapshot {
        owner: Archive,
        #[covariant]
        dependent: Planned,
    }
);

type Planned<'a> = Plan<'a>;

/// What an update asks of the output.
#[derive(Debug, Default, Clone)]
pub struct Update {
    /// Paths of the pages to render now, in path order: every page when
    /// `full`; else the pages of the changed directives and the pages new
    /// to the archive. The other pages whose content changed follow from
    /// [`Session::stale`].
    pub render: Vec<String>,
    /// Output files of pages that no longer exist, in path order.
    pub delete: Vec<String>,
    /// Every page is new (the first build, or the language changed): render
    /// them all, with a renderer made anew.
    pub full: bool,
    /// When every changed directive kept its place (its id, and so every
    /// list, as before): each one's id with the version it replaced, for the
    /// search index to compare. `None`: the archive was indexed anew.
    pub replaced: Option<Vec<(DocId, Directive)>>,
}

/// The content's problems, when any is an error: the archive did not change.
#[derive(Debug)]
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    /// Rendered with the offending lines, as `vanban build` prints them.
    pub rendered: String,
}

impl Failure {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

#[derive(Debug)]
pub enum Outcome {
    /// The archive changed.
    Updated(Update),
    /// Nothing the archive shows changed (a file saved unchanged, a warning).
    Unchanged,
    Failed(Failure),
}

/// The live archive: every content file as last read, and the last good
/// archive with its plan.
pub struct Session {
    content_dir: PathBuf,
    /// The content folder with links resolved, to place watched paths.
    canonical_content: Option<PathBuf>,
    provinces: &'static ProvinceRegistry,
    /// The table of the archive's repeated names, kept for the files read again.
    names: Names,
    language: Language,
    /// `vanban.yaml`'s `base_url`, which the plan's feeds, sitemap and data use.
    base_url: String,
    /// Every content file read, by path relative to the content folder.
    sources: BTreeMap<String, SourceFile>,
    /// Problems of each path (reading, validating; duplicates aside).
    problems: BTreeMap<String, Vec<Diagnostic>>,
    /// The identity of each valid directive file, and the valid files of
    /// each identity (more than one: duplicates), in file order.
    key_of: HashMap<String, DirectiveKey>,
    files_of: HashMap<DirectiveKey, Vec<String>>,
    /// Files read since the archive was last made: their valid directive,
    /// or `None` (removed, or with errors).
    pending: BTreeMap<String, Option<Directive>>,
    /// The last good archive and its plan; `None` until the content is
    /// first free of errors.
    snapshot: Option<Snapshot>,
    /// Every page of the snapshot's plan by path: its position in the plan
    /// and the fingerprint of its content when it was last handed out
    /// (`None`: not yet, or its write failed).
    pages: HashMap<String, Handed>,
    /// Whether the archive changed since [`Session::stale`] last compared.
    compared: bool,
    /// Warnings of the files read by the last call, rendered.
    warnings: String,
}

impl Session {
    /// Reads and validates the whole content folder, and makes the archive
    /// when the content has no error (the outcome is then a full update).
    pub fn open(content_dir: &Path, language: Language) -> (Session, Outcome) {
        Session::open_with(content_dir, language, String::new())
    }

    /// [`Session::open`] for an archive published at `base_url`.
    pub fn open_with(content_dir: &Path, language: Language, base_url: String) -> (Session, Outcome) {
        let provinces = ProvinceRegistry::builtin();
        let mut session = Session {
            content_dir: content_dir.to_path_buf(),
            canonical_content: std::fs::canonicalize(content_dir).ok(),
            provinces,
            names: Names::default(),
            language,
            base_url,
            sources: BTreeMap::new(),
            problems: BTreeMap::new(),
            key_of: HashMap::default(),
            files_of: HashMap::default(),
            pending: BTreeMap::new(),
            snapshot: None,
            pages: HashMap::default(),
            compared: true,
            warnings: String::new(),
        };
        let loaded = load::load(content_dir);
        for diagnostic in loaded.diagnostics {
            let rel = load::rel_path_of(content_dir, Path::new(&diagnostic.path));
            session.problems.entry(rel).or_default().push(diagnostic);
        }
        let checked: Vec<_> =
            loaded.files.par_iter().map(|file| validate_file(file, provinces, &session.names)).collect();
        for (file, (directive, diagnostics)) in loaded.files.into_iter().zip(checked) {
            session.record(file, directive, diagnostics);
        }
        let everything: BTreeSet<String> = session.problems.keys().cloned().collect();
        let outcome = session.settle(&everything);
        (session, outcome)
    }

    pub fn content_dir(&self) -> &Path {
        &self.content_dir
    }

    /// The last good archive's plan.
    pub fn plan(&self) -> Option<&Plan<'_>> {
        self.snapshot.as_ref().map(Snapshot::borrow_dependent)
    }

    /// A page of the last good plan, by path.
    pub fn page(&self, path: &str) -> Option<&Page> {
        let handed = self.pages.get(path)?;
        self.plan().map(|plan| &plan.pages[handed.position])
    }

    /// The warnings of the files read by the last update, rendered.
    pub fn warnings(&self) -> &str {
        &self.warnings
    }

    /// The path relative to the content folder of a path reported by the
    /// file system (absolute, links resolved), or `None` outside it.
    pub fn rel_path(&self, path: &Path) -> Option<String> {
        let rel = self
            .canonical_content
            .as_ref()
            .and_then(|c| path.strip_prefix(c).ok())
            .or_else(|| path.strip_prefix(&self.content_dir).ok())?;
        Some(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
    }

    /// Reads the given paths (relative to the content folder: files, or
    /// folders, whose files are all read) again, and updates the archive.
    pub fn update(&mut self, changed: &[String]) -> Outcome {
        let mut paths = BTreeSet::new();
        for rel in changed {
            self.expand(rel, &mut paths);
        }
        let read: BTreeSet<String> = paths.into_iter().filter(|rel| self.reload(rel)).collect();
        if read.is_empty() && self.pending.is_empty() && !self.has_errors() {
            self.warnings.clear();
            return Outcome::Unchanged;
        }
        self.settle(&read)
    }

    /// Reads everything again (the watcher lost track of events).
    pub fn rescan(&mut self) -> Outcome {
        self.update(&[String::new()])
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The settings the plan is made with (the interface language, which
    /// dates are written in; `base_url`, which the feeds, the sitemap and
    /// the data use). When either changed, every page is planned anew, and
    /// the pages gone (the sitemap and robots.txt without `base_url`) are in
    /// the update's `delete`; `None` when neither changed or there is no
    /// archive yet.
    pub fn replan(&mut self, language: Language, base_url: &str) -> Option<Update> {
        if self.language == language && self.base_url == base_url {
            return None;
        }
        self.language = language;
        self.base_url = base_url.to_string();
        let archive = self.snapshot.take()?.into_owner();
        let before: BTreeSet<String> = self.pages.keys().cloned().collect();
        let mut update = self.install(archive);
        update.delete = before.into_iter().filter(|path| !self.pages.contains_key(path)).collect();
        Some(update)
    }

    fn has_errors(&self) -> bool {
        self.problems.values().flatten().any(Diagnostic::is_error) || self.files_of.values().any(|f| f.len() > 1)
    }

    /// `rel`, and when it is (or was) a folder, every file below it.
    fn expand(&self, rel: &str, paths: &mut BTreeSet<String>) {
        let path = if rel.is_empty() { self.content_dir.clone() } else { self.content_dir.join(rel) };
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            for entry in walkdir::WalkDir::new(&path).follow_links(false).into_iter().flatten() {
                if !entry.file_type().is_dir() {
                    paths.insert(load::rel_path_of(&self.content_dir, entry.path()));
                }
            }
        } else if !rel.is_empty() {
            paths.insert(rel.to_string());
        }
        let prefix = if rel.is_empty() { String::new() } else { format!("{rel}/") };
        let below = |key: &&String| key.starts_with(&prefix);
        paths.extend(self.sources.range(prefix.clone()..).map(|(k, _)| k).take_while(below).cloned());
        paths.extend(self.problems.range(prefix.clone()..).map(|(k, _)| k).take_while(below).cloned());
    }

    /// Reads one path again; `false` when nothing about it changed.
    fn reload(&mut self, rel: &str) -> bool {
        let path = self.content_dir.join(rel);
        match load::load_path(&self.content_dir, &path) {
            Entry::Missing => {
                if !self.sources.contains_key(rel) && !self.problems.contains_key(rel) {
                    return false;
                }
                self.forget(rel);
            }
            Entry::Problem(problem) => {
                if !self.sources.contains_key(rel) && self.problems.get(rel) == Some(&vec![problem.clone()]) {
                    return false;
                }
                self.forget(rel);
                self.problems.insert(rel.to_string(), vec![problem]);
            }
            Entry::Source(file) => {
                if self.sources.get(rel).is_some_and(|old| old.same_text(&file)) {
                    return false;
                }
                let (directive, diagnostics) = validate_file(&file, self.provinces, &self.names);
                self.record(file, directive, diagnostics);
            }
        }
        true
    }

    /// Drops what is known of a path; its directive leaves the archive at
    /// the next update.
    fn forget(&mut self, rel: &str) {
        self.problems.remove(rel);
        if self.sources.remove(rel).is_some() {
            self.pending.insert(rel.to_string(), None);
        }
        if let Some(key) = self.key_of.remove(rel) {
            if let Some(files) = self.files_of.get_mut(&key) {
                files.retain(|f| f != rel);
                if files.is_empty() {
                    self.files_of.remove(&key);
                }
            }
        }
    }

    fn record(&mut self, file: SourceFile, directive: Option<Directive>, diagnostics: Vec<Diagnostic>) {
        let rel = file.rel_path.clone();
        self.forget(&rel);
        if !diagnostics.is_empty() {
            self.problems.insert(rel.clone(), diagnostics);
        }
        if let Some(key) = directive.as_ref().and_then(Directive::key) {
            let files = self.files_of.entry(key.clone()).or_default();
            files.push(rel.clone());
            files.sort_by(|a, b| file_order(a, b));
            self.key_of.insert(rel.clone(), key);
        }
        self.pending.insert(rel.clone(), directive);
        self.sources.insert(rel, file);
    }

    /// Reports the problems; with no error, applies what is pending.
    fn settle(&mut self, read: &BTreeSet<String>) -> Outcome {
        let mut all: Vec<Diagnostic> = self.problems.values().flatten().cloned().collect();
        all.extend(self.duplicates());
        diagnostics::sort(&mut all);
        if all.iter().any(Diagnostic::is_error) {
            self.warnings.clear();
            let rendered = self.render(&all);
            return Outcome::Failed(Failure { diagnostics: all, rendered });
        }
        let mut fresh: Vec<Diagnostic> =
            read.iter().filter_map(|rel| self.problems.get(rel)).flatten().cloned().collect();
        fresh.extend(self.later_citations(read));
        diagnostics::sort(&mut fresh);
        self.warnings = self.render(&fresh);
        match self.publish() {
            Some(update) => Outcome::Updated(update),
            None => Outcome::Unchanged,
        }
    }

    fn render(&self, diagnostics: &[Diagnostic]) -> String {
        let source_of = |path: &str| {
            let rel = load::rel_path_of(&self.content_dir, Path::new(path));
            self.sources.get(&rel).and_then(|f| f.text()).map(String::from)
        };
        diagnostics::render(diagnostics, source_of)
    }

    /// Two valid files with one identity: an error on the later one, as
    /// `vanban build` reports it.
    fn duplicates(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for files in self.files_of.values().filter(|files| files.len() > 1) {
            let directives: Vec<Directive> = files.iter().filter_map(|rel| self.directive(rel).cloned()).collect();
            let sources: Vec<&SourceFile> = files.iter().filter_map(|rel| self.sources.get(rel)).collect();
            if directives.len() == files.len() && sources.len() == files.len() {
                problems.extend(find_duplicates(&directives, &sources));
            }
        }
        problems
    }

    /// Undated citations in the files just read of a directive dated after
    /// them, as `vanban build` reports them (see
    /// [`DatesByNumber::later_citations`]).
    /// Only the directives those citations name are looked at: an edit must
    /// not index the dates of the whole archive (100,000 directives: tens of
    /// milliseconds on every save).
    fn later_citations(&self, read: &BTreeSet<String>) -> Vec<Diagnostic> {
        let citers: Vec<_> =
            read.iter().filter_map(|rel| Some((self.directive(rel)?, self.sources.get(rel)?))).collect();
        let cited: HashSet<(Scope, String)> = citers
            .iter()
            .flat_map(|(directive, _)| DatesByNumber::undated_citations(directive))
            .map(|(_, key)| key)
            .collect();
        if cited.is_empty() {
            return Vec::new();
        }
        let numbers: HashSet<&str> = cited.iter().map(|(_, number)| number.as_str()).collect();
        let named = self
            .key_of
            .iter()
            .filter(|(_, key)| {
                numbers.contains(key.number.as_str()) && cited.contains(&(key.scope.clone(), key.number.clone()))
            })
            .filter_map(|(rel, _)| self.directive(rel));
        let dates = DatesByNumber::of(named);
        citers.into_iter().flat_map(|(directive, file)| dates.later_citations(directive, file)).collect()
    }

    /// The valid directive of a file, pending or in the archive.
    fn directive(&self, rel: &str) -> Option<&Directive> {
        match self.pending.get(rel) {
            Some(pending) => pending.as_ref(),
            None => self.snapshot.as_ref()?.borrow_owner().directives.iter().find(|d| d.source_path == rel),
        }
    }

    /// Applies the pending files to the archive; `None` when that changes
    /// nothing.
    fn publish(&mut self) -> Option<Update> {
        let pending = std::mem::take(&mut self.pending);
        let Some(old) = self.snapshot.take() else {
            let directives: Vec<Directive> = pending.into_values().flatten().collect();
            return Some(self.install(index(directives, self.provinces)));
        };
        let mut old_ids: HashMap<&str, DocId> = HashMap::default();
        for (id, directive) in old.borrow_owner().directives.iter().enumerate() {
            if pending.contains_key(&directive.source_path) {
                old_ids.insert(&directive.source_path, id);
            }
        }
        let changes: Vec<(Option<DocId>, Option<Directive>)> = pending
            .into_iter()
            .map(|(rel, directive)| (old_ids.get(rel.as_str()).copied(), directive))
            .filter(|(id, directive)| id.is_some() || directive.is_some())
            .collect();
        if changes.is_empty() {
            self.snapshot = Some(old);
            return None;
        }
        let archive = old.borrow_owner();
        let in_place = changes.iter().all(|change| match change {
            (Some(id), Some(new)) => archive.keeps_place(*id, new),
            _ => false,
        });
        self.compared = false;
        Some(if in_place { self.apply_in_place(old, changes) } else { self.reindex(old, changes) })
    }

    /// Makes `archive` the session's, with its plan: every page is new.
    fn install(&mut self, archive: Archive) -> Update {
        let snapshot = Snapshot::new(archive, |archive| {
            Plan::with_base_url(archive, self.provinces, self.language, self.base_url.clone())
        });
        let plan = snapshot.borrow_dependent();
        let fingerprints: Vec<Fingerprint> = plan.pages.par_iter().map(|page| plan.fingerprint(page)).collect();
        self.pages = plan
            .pages
            .iter()
            .zip(fingerprints)
            .enumerate()
            .map(|(position, (page, fingerprint))| {
                (page.path.clone(), Handed { position, fingerprint: Some(fingerprint) })
            })
            .collect();
        let mut render: Vec<String> = plan.pages.iter().map(|p| p.path.clone()).collect();
        render.sort();
        self.snapshot = Some(snapshot);
        self.compared = true;
        Update { render, full: true, ..Update::default() }
    }

    /// Directives that keep their place: swapped in, with the plan kept.
    fn apply_in_place(&mut self, mut old: Snapshot, changes: Vec<(Option<DocId>, Option<Directive>)>) -> Update {
        // Nothing planned changes: the plan is kept, not made again.
        let planned = old.with_dependent_mut(|_, plan| plan.detach());
        let mut archive = old.into_owner();
        let mut replaced = Vec::new();
        for (id, directive) in changes {
            let (Some(id), Some(directive)) = (id, directive) else { unreachable!("checked by the caller") };
            replaced.push((id, archive.replace_in_place(id, directive)));
        }
        self.snapshot = Some(Snapshot::new(archive, |archive| Plan::attach(planned, archive, self.provinces)));
        let changed: HashSet<DocId> = replaced.iter().map(|&(id, _)| id).collect();
        let render = self.hand_out(|_, page| matches!(page.kind, PageKind::Directive(id) if changed.contains(&id)));
        Update { render, replaced: Some(replaced), ..Update::default() }
    }

    /// Directives added, removed or moved: the archive is indexed again.
    fn reindex(&mut self, old: Snapshot, changes: Vec<(Option<DocId>, Option<Directive>)>) -> Update {
        let removed: HashSet<DocId> = changes.iter().filter_map(|(id, _)| *id).collect();
        let mut kept = std::mem::take(&mut old.into_owner().directives);
        let mut id = 0;
        kept.retain(|_| {
            id += 1;
            !removed.contains(&(id - 1))
        });
        let changed: HashSet<String> =
            changes.iter().filter_map(|(_, d)| d.as_ref()).map(|d| d.source_path.clone()).collect();
        kept.extend(changes.into_iter().filter_map(|(_, directive)| directive));
        let snapshot = Snapshot::new(index(kept, self.provinces), |archive| {
            Plan::with_base_url(archive, self.provinces, self.language, self.base_url.clone())
        });
        let plan = snapshot.borrow_dependent();
        let mut was = std::mem::take(&mut self.pages);
        self.pages = plan
            .pages
            .iter()
            .enumerate()
            .map(|(position, page)| {
                let fingerprint = was.remove(&page.path).and_then(|handed| handed.fingerprint);
                (page.path.clone(), Handed { position, fingerprint })
            })
            .collect();
        let mut delete: Vec<String> = was.into_keys().collect();
        delete.sort();
        self.snapshot = Some(snapshot);
        let render = self.hand_out(|plan, page| match page.kind {
            PageKind::Directive(id) => changed.contains(&plan.archive.directives[id].source_path),
            _ => false,
        });
        Update { render, delete, replaced: None, ..Update::default() }
    }

    /// The pages `first` picks and the pages never handed out, with their
    /// fingerprints recorded: the pages an update renders at once.
    fn hand_out(&mut self, first: impl Fn(&Plan, &Page) -> bool + Sync) -> Vec<String> {
        let plan = self.snapshot.as_ref().expect("a snapshot").borrow_dependent();
        let pages = &self.pages;
        let now: Vec<(usize, Fingerprint)> = plan
            .pages
            .par_iter()
            .enumerate()
            .filter(|(_, page)| first(plan, page) || pages.get(&page.path).is_none_or(|h| h.fingerprint.is_none()))
            .map(|(position, page)| (position, plan.fingerprint(page)))
            .collect();
        self.mark_handed(now)
    }

    /// Records the pages at these positions of the plan as handed out with
    /// these fingerprints; their paths, sorted.
    fn mark_handed(&mut self, handed: Vec<(usize, Fingerprint)>) -> Vec<String> {
        let plan = self.snapshot.as_ref().expect("a snapshot").borrow_dependent();
        let mut render = Vec::with_capacity(handed.len());
        for (position, fingerprint) in handed {
            let path = &plan.pages[position].path;
            self.pages.insert(path.clone(), Handed { position, fingerprint: Some(fingerprint) });
            render.push(path.clone());
        }
        render.sort();
        render
    }

    /// Every page whose content changed since it was last handed out (by
    /// an update, or by this), in path order, now handed out: the pages
    /// that only show new counts, shifted lists, new neighbours … of the
    /// changes. `None` when the archive has not changed since the last
    /// comparison. Fingerprints every page (about a second at 100,000
    /// directives).
    pub fn stale(&mut self) -> Option<Vec<String>> {
        if self.compared {
            return None;
        }
        self.compared = true;
        let plan = self.snapshot.as_ref().map(Snapshot::borrow_dependent)?;
        let pages = &self.pages;
        let changed: Vec<(usize, Fingerprint)> = plan
            .pages
            .par_iter()
            .enumerate()
            .filter_map(|(position, page)| {
                let fingerprint = plan.fingerprint(page);
                let handed = pages.get(&page.path).and_then(|h| h.fingerprint);
                (handed != Some(fingerprint)).then_some((position, fingerprint))
            })
            .collect();
        Some(self.mark_handed(changed))
    }

    /// Whether [`Session::stale`] has a comparison to make.
    pub fn has_stale(&self) -> bool {
        !self.compared
    }

    /// Pages handed out that could not be written: the next comparison
    /// hands them out again.
    pub fn unwritten<'p>(&mut self, paths: impl IntoIterator<Item = &'p String>) {
        for path in paths {
            if let Some(handed) = self.pages.get_mut(path) {
                handed.fingerprint = None;
                self.compared = false;
            }
        }
    }
}

/// A page of the plan, and what it showed when it was handed out.
#[derive(Debug, Clone, Copy)]
struct Handed {
    position: usize,
    fingerprint: Option<Fingerprint>,
}

/// The order `load` reads files in: folder by folder, names sorted.
fn file_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::plan::{part_path, CITED_INDEX};

    /// Copies the valid fixture to `target` (unit tests cannot use
    /// `tests/common`).
    pub(crate) fn copy_valid_fixture(target: &Path) {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        for entry in walkdir::WalkDir::new(&source).into_iter().flatten() {
            let to = target.join(entry.path().strip_prefix(&source).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
    }

    /// A copy of the valid fixture in a temporary folder.
    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        copy_valid_fixture(dir.path());
        dir
    }

    fn open(dir: &Path) -> Session {
        let (session, outcome) = Session::open(dir, Language::Vietnamese);
        assert!(matches!(outcome, Outcome::Updated(Update { full: true, .. })), "{outcome:?}");
        session
    }

    fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
        let path = dir.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    fn updated(outcome: Outcome) -> Update {
        match outcome {
            Outcome::Updated(update) => update,
            other => panic!("expected an update, got {other:?}"),
        }
    }

    const QN: &str = "quang-ngai/453-cv-tu.md";
    const QN_PAGE: &str = "van-ban/quang-ngai/2021/453-cv-tu/index.html";
    const KL_07: &str = "van-ban/tw/2021/07-kl-tw/index.html";

    #[test]
    fn a_new_title_renders_the_pages_that_show_the_directive_and_no_other() {
        let dir = fixture();
        let mut session = open(dir.path());
        edit(dir.path(), QN, "title: \"", "title: \"Sửa: ");
        let update = updated(session.update(&[QN.to_string()]));
        assert!(!update.full && update.delete.is_empty(), "{update:?}");
        assert_eq!(update.render, [QN_PAGE], "its own page first");
        let stale = session.stale().expect("a comparison to make");
        assert!(!stale.iter().any(|p| p == QN_PAGE), "handed out already: {stale:#?}");
        for page in [
            // The lists it is on, which show its title.
            "tinh/quang-ngai/index.html",
            "tinh/quang-ngai/2021/06/index.html",
            "thoi-gian/2021/06/16/index.html",
            "thoi-gian/2021/06/index.html",
            "co-quan/tinh-uy-quang-ngai/index.html",
            "loai/cong-van/index.html",
            // What it cites: 07-KL/TW, in the archive, and Quảng Ngãi's own 188-CV/TU, not in it.
            KL_07,
            "van-ban/quang-ngai/2021/188-cv-tu/index.html",
        ] {
            assert!(stale.iter().any(|p| p == page), "{page} missing from {stale:#?}");
        }
        // Pages that show no title of a directive (the home page, a year's
        // calendar) or not this one.
        for page in [
            "index.html",
            "thoi-gian/2021/index.html",
            "tinh/tay-ninh/index.html",
            "tinh/ha-noi/index.html",
            "van-ban/tay-ninh/2021/188-cv-tu/index.html",
            // Tây Ninh's unnumbered letter cites 07-KL/TW too: its related
            // directives name 453 by its number, which is the same.
            "van-ban/tay-ninh/2021/khong-so/index.html",
        ] {
            assert!(!stale.iter().any(|p| p == page), "{page} should not be rendered: {stale:#?}");
        }
        assert_eq!(session.stale(), None, "compared once");
        let plan = session.plan().unwrap();
        assert!(plan.archive.directives.iter().any(|d| d.title.starts_with("Sửa: ")));

        // A cited directive's new title is on the pages of all that cite it.
        edit(dir.path(), "trung-uong/07-kl-tw.md", "title: \"", "title: \"Sửa: ");
        let update = updated(session.update(&["trung-uong/07-kl-tw.md".to_string()]));
        let stale = [update.render, session.stale().unwrap()].concat();
        for page in [KL_07, QN_PAGE, "van-ban/tay-ninh/2021/khong-so/index.html", "trich-dan/index.html"] {
            assert!(stale.iter().any(|p| p == page), "{page} missing from {stale:#?}");
        }
        assert!(!stale.iter().any(|p| p == "tinh/ha-noi/index.html"), "{stale:#?}");
    }

    #[test]
    fn marking_a_value_as_supplied_renders_the_pages_that_show_it() {
        let dir = fixture();
        let mut session = open(dir.path());
        // 07-KL/TW's issuer, now supplied: "[Bộ Chính trị]" on its page, in
        // the tables of what its citers cite, and in the cited index.
        edit(dir.path(), "trung-uong/07-kl-tw.md", "title: \"", "inferred: [issuer]\ntitle: \"");
        let update = updated(session.update(&["trung-uong/07-kl-tw.md".to_string()]));
        assert!(!update.full, "{update:?}");
        let stale = [update.render, session.stale().unwrap()].concat();
        for page in [KL_07, QN_PAGE, "van-ban/tay-ninh/2021/khong-so/index.html", "trich-dan/index.html"] {
            assert!(stale.iter().any(|p| p == page), "{page} missing from {stale:#?}");
        }
    }

    #[test]
    fn a_new_citation_of_a_later_directive_is_a_warning_as_in_a_build() {
        let dir = fixture();
        let mut session = open(dir.path());
        let rel = "ca-mau/1-cv-tu.md";
        std::fs::create_dir_all(dir.path().join("ca-mau")).unwrap();
        let text = "---\ntitle: Sớm\nnumber: 1-CV/TU\nprovince: Cà Mau\ndate: 2021-06-01\ncites:\n  - 07-KL/TW\n---\nVăn bản.\n";
        std::fs::write(dir.path().join(rel), text).unwrap();
        updated(session.update(&[rel.to_string()]));
        assert!(
            session
                .warnings()
                .contains("07-KL/TW is dated 2021-06-11, after this directive (2021-06-01), which cites it"),
            "{}",
            session.warnings()
        );
    }

    #[test]
    fn an_edit_in_place_renders_the_part_of_the_cited_index_that_names_the_directive() {
        // 600 cited numbers, two parts of the cited index. 1–599 are cited
        // twice, 600-KL/TW once: it is ranked last, on the second part. Its
        // own text is in the archive, so a new title changes its row there.
        let dir = tempfile::tempdir().unwrap();
        let citing = |number: &str, upto: usize| {
            let cites: String = (1..=upto).map(|n| format!("  - number: {n}-KL/TW\n")).collect();
            format!("---\ntitle: Dẫn {number}\nnumber: {number}\nprovince: Ninh Bình\ndate: 2021-06-01\ncites:\n{cites}---\nVăn bản.\n")
        };
        std::fs::write(dir.path().join("a.md"), citing("1-CV/TU", 600)).unwrap();
        std::fs::write(dir.path().join("b.md"), citing("2-CV/TU", 599)).unwrap();
        let cited = "---\ntitle: \"Kết luận\"\nnumber: 600-KL/TW\ndate: 2021-05-01\n---\nVăn bản.\n";
        std::fs::write(dir.path().join("kl.md"), cited).unwrap();
        let mut session = open(dir.path());
        let second_part = part_path(CITED_INDEX, 1);
        assert!(session.pages.contains_key(&second_part), "the cited index has a second part");

        edit(dir.path(), "kl.md", "title: \"", "title: \"Sửa: ");
        let update = updated(session.update(&["kl.md".to_string()]));
        assert!(update.replaced.is_some(), "an edit in place");
        let stale = session.stale().unwrap();
        assert!(stale.contains(&second_part), "{stale:#?}");
        assert!(!stale.iter().any(|p| p == CITED_INDEX), "{stale:#?}");
    }

    #[test]
    fn the_open_data_and_feeds_follow_an_edit_and_the_sitemap_follows_base_url() {
        let dir = fixture();
        let mut session = open(dir.path());
        edit(dir.path(), QN, "title: \"", "title: \"Mới: ");
        let update = updated(session.update(&[QN.to_string()]));
        let rendered = [update.render, session.stale().unwrap()].concat();
        for path in [
            "du-lieu/van-ban.csv",
            "du-lieu/van-ban.json",
            "feed.xml",
            "tinh/quang-ngai/feed.xml",
            "van-ban/tw/2021/07-kl-tw/feed.xml",
        ] {
            assert!(rendered.iter().any(|p| p == path), "{path} not in {rendered:#?}");
        }
        // The citation graph names no title: unchanged, not written again.
        assert!(!rendered.iter().any(|p| p == "du-lieu/trich-dan.csv"), "{rendered:#?}");
        let update = session.replan(Language::Vietnamese, "https://x.org/").unwrap();
        assert!(update.render.iter().any(|p| p == "sitemap.xml") && update.render.iter().any(|p| p == "robots.txt"));
        let update = session.replan(Language::Vietnamese, "").unwrap();
        assert_eq!(update.delete, ["robots.txt", "sitemap.xml"]);
    }

    #[test]
    fn an_edit_in_place_leaves_the_archive_as_indexing_would() {
        let dir = fixture();
        let mut session = open(dir.path());
        edit(dir.path(), "trung-uong/07-kl-tw.md", "title: \"", "title: \"Mới: ");
        updated(session.update(&["trung-uong/07-kl-tw.md".to_string()]));
        let (fresh, _) = Session::open(dir.path(), Language::Vietnamese);
        let shown = |s: &Session| format!("{:?}", s.plan().unwrap().archive);
        assert_eq!(shown(&session), shown(&fresh));
    }

    #[test]
    fn adding_a_file_adds_its_page_and_deleting_it_removes_it_everywhere() {
        let dir = fixture();
        let mut session = open(dir.path());
        let new = "quang-ngai/500-cv-tu.md";
        let text = std::fs::read_to_string(dir.path().join(QN))
            .unwrap()
            .replace("453-CV/TU", "500-CV/TU")
            .replace("2021-06-16", "2021-06-20");
        std::fs::write(dir.path().join(new), text).unwrap();
        let page = "van-ban/quang-ngai/2021/500-cv-tu/index.html";
        let update = updated(session.update(&[new.to_string()]));
        // Its page and the new day's at once, the pages that list or count it after.
        assert_eq!(update.render, ["thoi-gian/2021/06/20/index.html", page]);
        let stale = session.stale().unwrap();
        for expected in ["tinh/quang-ngai/index.html", QN_PAGE, KL_07] {
            assert!(stale.iter().any(|p| p == expected), "{expected} missing from {stale:#?}");
        }
        assert!(session.page(page).is_some());

        std::fs::remove_file(dir.path().join(new)).unwrap();
        let update = updated(session.update(&[new.to_string()]));
        assert!(update.delete.iter().any(|p| p == page), "{update:?}");
        assert!(update.delete.iter().any(|p| p == "thoi-gian/2021/06/20/index.html"), "{update:?}");
        assert!(update.render.is_empty(), "{update:?}");
        assert!(session.stale().unwrap().iter().any(|p| p == "tinh/quang-ngai/index.html"));
        assert!(session.page(page).is_none());
        let plan = session.plan().unwrap();
        assert!(plan.archive.directives.iter().all(|d| d.source_path != new));
        for page in &plan.pages {
            let shown = serde_json::to_string(&plan.content(page)).unwrap();
            assert!(!shown.contains("500-CV/TU"), "{} still shows the deleted directive", page.path);
        }
        assert!(plan.archive.by_province.iter().flatten().all(|&id| id < plan.archive.directives.len()));
    }

    #[test]
    fn a_page_that_could_not_be_written_is_handed_out_again() {
        let dir = fixture();
        let mut session = open(dir.path());
        edit(dir.path(), QN, "title: \"", "title: \"Sửa: ");
        let update = updated(session.update(&[QN.to_string()]));
        let stale = session.stale().unwrap();
        assert!(stale.iter().any(|p| p == "tinh/quang-ngai/index.html"), "{stale:#?}");
        session.unwritten(update.render.iter().chain(&stale));
        let again = session.stale().expect("a comparison to make");
        assert_eq!(
            again,
            [update.render, stale].concat().into_iter().collect::<BTreeSet<_>>().into_iter().collect::<Vec<_>>()
        );
        assert_eq!(session.stale(), None);
    }

    #[test]
    fn the_same_changes_in_any_order_give_the_same_update() {
        let changes = |order: &[&str]| {
            let dir = fixture();
            let mut session = open(dir.path());
            edit(dir.path(), QN, "2021-06-16", "2021-06-18");
            edit(dir.path(), "tay-ninh/188-cv-tu.md", "title: \"", "title: \"Mới: ");
            std::fs::remove_file(dir.path().join("ha-noi/thang-8.md")).unwrap();
            let order: Vec<String> = order.iter().map(|s| s.to_string()).collect();
            let update = updated(session.update(&order));
            (session.stale(), update)
        };
        let a = changes(&[QN, "tay-ninh/188-cv-tu.md", "ha-noi/thang-8.md"]);
        let b = changes(&["ha-noi/thang-8.md", QN, "tay-ninh/188-cv-tu.md"]);
        let shape = |(stale, u): &(Option<Vec<String>>, Update)| {
            (stale.clone(), u.render.clone(), u.delete.clone(), u.full, u.replaced.is_some())
        };
        assert_eq!(shape(&a), shape(&b));
        assert!(!a.1.delete.is_empty());
    }

    #[test]
    fn an_error_keeps_the_last_good_archive_until_it_is_fixed() {
        let dir = fixture();
        let mut session = open(dir.path());
        edit(dir.path(), QN, "province: \"Quảng Ngãi\"", "province: \"Quảng Ngãy\"");
        let Outcome::Failed(failure) = session.update(&[QN.to_string()]) else { panic!("expected a failure") };
        assert_eq!(failure.errors(), 1, "{}", failure.rendered);
        assert!(failure.rendered.contains("453-cv-tu.md:"), "{}", failure.rendered);
        assert!(session.page(QN_PAGE).is_some(), "the last good archive stays");
        edit(dir.path(), QN, "province: \"Quảng Ngãy\"", "province: \"Quảng Ngãi\"");
        assert!(matches!(session.update(&[QN.to_string()]), Outcome::Updated(_)));
    }

    #[test]
    fn a_duplicate_is_an_error_on_the_later_file() {
        let dir = fixture();
        let mut session = open(dir.path());
        std::fs::copy(dir.path().join(QN), dir.path().join("quang-ngai/zz-copy.md")).unwrap();
        let Outcome::Failed(failure) = session.update(&["quang-ngai/zz-copy.md".to_string()]) else {
            panic!("expected a failure")
        };
        assert_eq!(failure.errors(), 1, "{}", failure.rendered);
        assert!(failure.diagnostics[0].path.ends_with("zz-copy.md"), "{}", failure.rendered);
        std::fs::remove_file(dir.path().join("quang-ngai/zz-copy.md")).unwrap();
        assert!(matches!(session.update(&["quang-ngai".to_string()]), Outcome::Unchanged));
    }

    #[test]
    fn a_file_saved_unchanged_changes_nothing() {
        let dir = fixture();
        let mut session = open(dir.path());
        assert!(matches!(session.update(&[QN.to_string()]), Outcome::Unchanged));
        assert!(matches!(session.update(&["no/such/file.md".to_string()]), Outcome::Unchanged));
    }

    #[test]
    fn files_order_as_load_reads_them() {
        assert_eq!(file_order("a/b.md", "a-b/c.md"), std::cmp::Ordering::Less);
        assert_eq!(file_order("a/x.md", "b.md"), std::cmp::Ordering::Less);
    }
}
