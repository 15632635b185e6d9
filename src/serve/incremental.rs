//! Live rebuilds for `vanban serve`: the archive kept between edits, and
//! which pages an edit changes. It reads the changed content files and
//! hands back the paths of the pages to render again and of the output
//! files to remove; it never renders or writes.
//!
//! An edit that changes only what a directive shows of itself (its title,
//! text, signer, tags …, but not its number, date, province, issuer, type
//! or citations) is applied in place: the archive's order and every list
//! stay as they were, and only the parts of pages that show the directive
//! are rendered again. Any other change (a file added, removed or renamed,
//! a new date …) indexes the archive again and compares before and after:
//! the pages the changed directives were on and are on, their neighbours,
//! the cited directives whose facts or counts changed with all their
//! citers, related-directive windows that moved, and pages that appeared,
//! disappeared or now show something else.
//!
//! Content with an error changes nothing: the last good archive stays (and
//! so the pages already written) until every error is fixed, as with
//! `vanban build`.

use crate::content::load::{self, Entry, SourceFile};
use crate::content::model::{Directive, DirectiveKey, PartialDate, Scope};
use crate::content::validate::{find_duplicates, validate_file, DatesByNumber};
use crate::diagnostics::{self, Diagnostic};
use crate::graph::{index, Archive, CitedId, DocId, Group};
use crate::plan::charts::YearMonth;
use crate::plan::{
    day_path, month_path, part_path, parts_of, province_month_path, province_path, related_window, year_path, Language,
    Page, PageKind, Plan, CITED_INDEX, HOME, ISSUERS, PAGE_SIZE, PROVINCES, RELATED_SHOWN, SEARCH, TIMELINE, TYPES,
    UNDATED,
};
use crate::site::{build_date, ArchiveDate};
use crate::text::provinces::ProvinceRegistry;
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};
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
    /// Paths of the pages to render (again), in path order.
    pub render: Vec<String>,
    /// After re-indexing, those of `render` that show a changed directive
    /// itself (its page, the part of each list it is on, its neighbours):
    /// written first, with the removals, so that the reader sees the change
    /// before the pages that only show new counts or shifted lists (after a
    /// removal, only the removals come first). `None`: no such split.
    pub first: Option<Vec<String>>,
    /// Output files of pages that no longer exist, in path order.
    pub delete: Vec<String>,
    /// Every page changed (the first build, or a new build date, which every
    /// page prints): render them all, with a renderer made anew.
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
    /// A hash of each directive's file path, by [`DocId`] of the snapshot.
    idents: Vec<u64>,
    /// Every page of the snapshot's plan by path: its position in the plan
    /// and a hash of what it stands for (which directive, cited directive
    /// or group), to see a path that now shows something else.
    pages: HashMap<String, (usize, u64)>,
    /// What the snapshot's pages say of facts that many pages show: what
    /// the next re-indexing compares with. Made with the snapshot and kept
    /// up to date by every update; `None` only while there is no snapshot.
    facts: Option<Before>,
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
            language,
            base_url,
            sources: BTreeMap::new(),
            problems: BTreeMap::new(),
            key_of: HashMap::default(),
            files_of: HashMap::default(),
            pending: BTreeMap::new(),
            snapshot: None,
            idents: Vec::new(),
            pages: HashMap::default(),
            facts: None,
            warnings: String::new(),
        };
        let loaded = load::load(content_dir);
        for diagnostic in loaded.diagnostics {
            let rel = load::rel_path_of(content_dir, Path::new(&diagnostic.path));
            session.problems.entry(rel).or_default().push(diagnostic);
        }
        let checked: Vec<_> = loaded.files.par_iter().map(|file| validate_file(file, provinces)).collect();
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
        let &(position, _) = self.pages.get(path)?;
        self.plan().map(|plan| &plan.pages[position])
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

    /// The interface language changed: every page is planned anew.
    pub fn set_language(&mut self, language: Language) -> Option<Update> {
        self.language = language;
        let archive = self.snapshot.take()?.into_owner();
        Some(self.install(archive))
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `base_url` changed: every page is planned anew; the sitemap and
    /// robots.txt come or go (those gone are in the update's `delete`).
    pub fn set_base_url(&mut self, base_url: String) -> Option<Update> {
        self.base_url = base_url;
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
                let (directive, diagnostics) = validate_file(&file, self.provinces);
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
            self.sources.get(&rel).map(|f| f.text())
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
        let directives = &old.borrow_owner().directives;
        let in_place = changes.iter().all(|change| match change {
            (Some(id), Some(new)) => same_place(&directives[*id], new),
            _ => false,
        });
        Some(if in_place { self.apply_in_place(old, changes) } else { self.reindex(old, changes) })
    }

    /// Makes `archive` the session's, with its plan: every page is new.
    fn install(&mut self, archive: Archive) -> Update {
        self.idents = idents_of(&archive);
        let snapshot = Snapshot::new(archive, |archive| {
            Plan::with_base_url(archive, self.provinces, self.language, self.base_url.clone())
        });
        // Made now, with every page to render anyway, rather than by the
        // first re-indexing, before it can write any page.
        self.facts = Some(Before::of(snapshot.borrow_dependent(), &self.idents));
        self.pages = page_owners(snapshot.borrow_dependent(), &self.idents);
        let render = snapshot.borrow_dependent().pages.iter().map(|p| p.path.clone()).collect::<BTreeSet<_>>();
        self.snapshot = Some(snapshot);
        Update { render: render.into_iter().collect(), full: true, ..Update::default() }
    }

    /// Directives that keep their place: swapped in, and only the parts of
    /// pages that show them are rendered again.
    fn apply_in_place(&mut self, mut old: Snapshot, changes: Vec<(Option<DocId>, Option<Directive>)>) -> Update {
        // Nothing planned changes: the plan is kept, not made again.
        let planned = old.with_dependent_mut(|_, plan| plan.detach());
        let mut archive = old.into_owner();
        let mut replaced = Vec::new();
        for (id, directive) in changes {
            let (Some(id), Some(directive)) = (id, directive) else { unreachable!("checked by the caller") };
            if let Some(cited) = archive.cited_as[id] {
                // As the index does: a cited directive in the archive is named by its own title.
                archive.cited[cited].title = Some(directive.title.clone());
            }
            replaced.push((id, std::mem::replace(&mut archive.directives[id], directive)));
        }
        let snapshot = Snapshot::new(archive, |archive| Plan::attach(planned, archive, self.provinces));
        let mut touched = BTreeSet::new();
        for &(id, _) in &replaced {
            touch_in_place(snapshot.borrow_dependent(), id, &mut touched);
        }
        if let Some(facts) = &mut self.facts {
            facts.retitle(snapshot.borrow_dependent(), replaced.iter().map(|&(id, _)| id));
        }
        // The open data and the feeds (the whole archive's data files are
        // tens of MB at 100,000 directives) follow the pages, after the reload.
        let outputs: BTreeSet<String> =
            replaced.iter().flat_map(|&(id, _)| snapshot.borrow_dependent().outputs_showing(id, false)).collect();
        self.snapshot = Some(snapshot);
        let render: Vec<String> = touched.into_iter().filter(|path| self.pages.contains_key(path)).collect();
        let first = render.iter().filter(|path| !outputs.contains(*path)).cloned().collect();
        Update { render, first: Some(first), replaced: Some(replaced), ..Update::default() }
    }

    /// Directives added, removed or moved: the archive is indexed again and
    /// compared with what it was.
    fn reindex(&mut self, old: Snapshot, changes: Vec<(Option<DocId>, Option<Directive>)>) -> Update {
        let mut touched = BTreeSet::new();
        let before = {
            let plan = old.borrow_dependent();
            for id in changes.iter().filter_map(|(id, _)| *id) {
                touch_moved(plan, id, &mut touched);
            }
            self.facts.take().unwrap_or_else(|| Before::of(plan, &self.idents))
        };
        let removed: HashSet<DocId> = changes.iter().filter_map(|(id, _)| *id).collect();
        let mut kept = std::mem::take(&mut old.into_owner().directives);
        let mut id = 0;
        kept.retain(|_| {
            id += 1;
            !removed.contains(&(id - 1))
        });
        let added: HashSet<String> =
            changes.iter().filter_map(|(_, d)| d.as_ref()).map(|d| d.source_path.clone()).collect();
        kept.extend(changes.into_iter().filter_map(|(_, directive)| directive));
        let archive = index(kept, self.provinces);
        let idents = idents_of(&archive);
        let snapshot = Snapshot::new(archive, |archive| {
            Plan::with_base_url(archive, self.provinces, self.language, self.base_url.clone())
        });
        let plan = snapshot.borrow_dependent();
        let mut first = BTreeSet::new();
        for (id, directive) in plan.archive.directives.iter().enumerate() {
            if added.contains(&directive.source_path) {
                touch_moved(plan, id, &mut touched);
                touch_in_place(plan, id, &mut first);
            }
        }
        let full = before.build_date != build_date(plan.archive);
        self.facts = Some(before.compare(plan, &idents, &mut touched));
        let pages = page_owners(plan, &idents);
        for (path, &(position, owner)) in &pages {
            if self.pages.get(path).is_some_and(|&(_, was)| was == owner) {
                continue;
            }
            // A new page, or a path that now shows something else: so are
            // the pages that link to it.
            touched.insert(path.clone());
            if let PageKind::Directive(id) = plan.pages[position].kind {
                touch_moved(plan, id, &mut touched);
            }
        }
        let mut delete: Vec<String> = self.pages.keys().filter(|path| !pages.contains_key(*path)).cloned().collect();
        delete.sort();
        touch_overviews(plan, &mut touched);
        first.retain(|path| pages.contains_key(path));
        touched.extend(first.iter().cloned());
        let render = touched.into_iter().filter(|path| pages.contains_key(path)).collect();
        self.pages = pages;
        self.idents = idents;
        self.snapshot = Some(snapshot);
        Update { render, first: Some(first.into_iter().collect()), delete, full, replaced: None }
    }
}

/// The order `load` reads files in: folder by folder, names sorted.
fn file_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

/// Whether `new` keeps `old`'s place in the archive: the same identity,
/// date, province, issuer, type and citations, so that every list, count
/// and link stays as it was and only what the directive shows changes.
fn same_place(old: &Directive, new: &Directive) -> bool {
    old.source_path == new.source_path
        && old.number == new.number
        && old.province == new.province
        && old.date == new.date
        && old.issuer == new.issuer
        && old.type_name == new.type_name
        && old.cites == new.cites
}

fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A directive's identity across archives: its file.
fn idents_of(archive: &Archive) -> Vec<u64> {
    archive.directives.par_iter().map(|d| hash_of(&d.source_path)).collect()
}

/// Every page by path, with its position and what it stands for.
fn page_owners(plan: &Plan, idents: &[u64]) -> HashMap<String, (usize, u64)> {
    let archive = plan.archive;
    plan.pages
        .iter()
        .enumerate()
        .map(|(position, page)| {
            let owner = match page.kind {
                PageKind::Directive(id) => hash_of(("directive", idents[id])),
                PageKind::Cited(id) => hash_of(("cited", &archive.cited[id].key)),
                PageKind::Issuer(i) => hash_of(("issuer", &archive.issuers[i].name)),
                PageKind::Type(i) => hash_of(("type", &archive.types[i].name)),
                // Every other path names what it shows.
                _ => 0,
            };
            (page.path.clone(), (position, owner))
        })
        .collect()
}

/// Pages of facts about the whole archive, rendered after every change.
fn touch_overviews(plan: &Plan, touched: &mut BTreeSet<String>) {
    for path in [HOME, TIMELINE, PROVINCES, ISSUERS, TYPES, SEARCH] {
        touched.insert(path.to_string());
    }
    touch_cited_index(plan, touched);
}

/// Every part of the cited index: a change in one directive's citers can
/// move it across parts, since the index ranks by citers.
fn touch_cited_index(plan: &Plan, touched: &mut BTreeSet<String>) {
    touch_list(touched, CITED_INDEX, plan.archive.cited.len());
}

/// Every part of a list page of `len` directives.
fn touch_list(touched: &mut BTreeSet<String>, base: &str, len: usize) {
    for part in 0..parts_of(len) {
        touched.insert(part_path(base, part));
    }
}

/// The parts of a list page from the one showing `position` on: when a
/// page shows nothing of its list but its own part, a directive arriving or
/// leaving there changes no part before it.
fn touch_from(touched: &mut BTreeSet<String>, base: &str, len: usize, position: usize) {
    for part in position / PAGE_SIZE..parts_of(len) {
        touched.insert(part_path(base, part));
    }
}

/// The part of a list page that shows the directive at `position`.
fn touch_part(touched: &mut BTreeSet<String>, base: &str, position: usize) {
    touched.insert(part_path(base, position / PAGE_SIZE));
}

fn touch_directive(plan: &Plan, id: DocId, touched: &mut BTreeSet<String>) {
    touched.insert(plan.directive_path(id).to_string());
}

/// The directive's own page and its neighbours' (previous and next, in the
/// timeline and in its province), which name it.
fn touch_neighbours(plan: &Plan, id: DocId, touched: &mut BTreeSet<String>) {
    let archive = plan.archive;
    for neighbour in [id.checked_sub(1), Some(id), Some(id + 1)].into_iter().flatten() {
        if neighbour < archive.directives.len() {
            touch_directive(plan, neighbour, touched);
        }
    }
    if let Some(province) = archive.directives[id].province {
        let docs = &archive.by_province[province];
        if let Ok(i) = docs.binary_search(&id) {
            for j in [i.checked_sub(1), Some(i + 1)].into_iter().flatten() {
                if let Some(&doc) = docs.get(j) {
                    touch_directive(plan, doc, touched);
                }
            }
        }
    }
}

/// Pages of directives citing `cited` near `id`, whose related-directive
/// window may hold it.
fn touch_co_citers(plan: &Plan, cited: CitedId, id: DocId, touched: &mut BTreeSet<String>) {
    let citers = &plan.archive.cited[cited].citers;
    let at = citers.partition_point(|&c| c < id);
    let reach = RELATED_SHOWN + 1;
    for &citer in &citers[at.saturating_sub(reach)..(at + reach).min(citers.len())] {
        touch_directive(plan, citer, touched);
    }
}

/// Pages of every directive citing the directive `id` (they show its title).
fn touch_citers_of(plan: &Plan, id: DocId, touched: &mut BTreeSet<String>) {
    if let Some(cited) = plan.archive.cited_as[id] {
        for &citer in &plan.archive.cited[cited].citers {
            touch_directive(plan, citer, touched);
        }
    }
}

/// The timeline's position of a date: year, month and day indices.
fn find_date(archive: &Archive, date: PartialDate) -> (Option<usize>, Option<usize>, Option<usize>) {
    let years = &archive.timeline.years;
    let y = years.iter().position(|year| year.year == date.year);
    let m = y.and_then(|y| years[y].months.iter().position(|month| Some(month.month) == date.month));
    let d = y.zip(m).and_then(|(y, m)| years[y].months[m].days.iter().position(|day| Some(day.day) == date.day));
    (y, m, d)
}

/// Every part of the month and day pages of `date`: the timeline marks
/// the days cited directives were issued on.
fn touch_date(plan: &Plan, date: PartialDate, touched: &mut BTreeSet<String>) {
    let years = &plan.archive.timeline.years;
    let (y, m, d) = find_date(plan.archive, date);
    if let (Some(y), Some(m)) = (y, m) {
        let (year, month) = (&years[y], &years[y].months[m]);
        touch_list(touched, &month_path(year.year, month.month), month.count);
        if let Some(d) = d {
            let day = &month.days[d];
            touch_list(touched, &day_path(year.year, month.month, day.day), day.docs.len());
        }
    }
}

/// An edit in place: the parts of pages that show directive `id`.
fn touch_in_place(plan: &Plan, id: DocId, touched: &mut BTreeSet<String>) {
    let archive = plan.archive;
    let provinces = plan.provinces;
    let directive = &archive.directives[id];
    touch_neighbours(plan, id, touched);
    touched.extend(plan.outputs_showing(id, false));
    if let Some(province) = directive.province {
        let docs = &archive.by_province[province];
        if let Ok(i) = docs.binary_search(&id) {
            touch_part(touched, &province_path(provinces, province), i);
            if let Some(month) = directive.date.and_then(|d| Some(YearMonth { year: d.year, month: d.month? })) {
                let same_month = |doc: &DocId| {
                    archive.directives[*doc].date.is_some_and(|d| d.year == month.year && d.month == Some(month.month))
                };
                let first = docs[..i].iter().rposition(|doc| !same_month(doc)).map_or(0, |j| j + 1);
                touch_part(touched, &province_month_path(provinces, province, month), i - first);
            }
        }
    }
    match directive.date {
        None => {
            if let Ok(i) = archive.timeline.undated.binary_search(&id) {
                touch_part(touched, UNDATED, i);
            }
        }
        Some(date) => {
            let years = &archive.timeline.years;
            let (y, m, d) = find_date(archive, date);
            if let Some(y) = y {
                let year = &years[y];
                let at = year.year_only.binary_search(&id).unwrap_or(0);
                touch_part(touched, &year_path(year.year), at);
                if let Some(m) = m {
                    let month = &year.months[m];
                    let in_days: usize = month.days.iter().map(|day| day.docs.len()).sum();
                    let at = match d {
                        Some(d) => {
                            let before: usize = month.days[..d].iter().map(|day| day.docs.len()).sum();
                            let day = &month.days[d];
                            let within = day.docs.binary_search(&id).unwrap_or(0);
                            touch_part(touched, &day_path(year.year, month.month, day.day), within);
                            before + within
                        }
                        None => in_days + month.month_only.binary_search(&id).unwrap_or(0),
                    };
                    touch_part(touched, &month_path(year.year, month.month), at);
                }
            }
            if archive.cited_as[id].is_some() {
                // Cited: its month and day pages show it as issued that day.
                touch_date(plan, date, touched);
            }
        }
    }
    for (path, group) in group_pages(plan) {
        if let Ok(at) = group.docs.binary_search(&id) {
            touch_part(touched, path, at);
        }
    }
    // Home names the most cited directives; the search page counts the
    // directives.
    touched.insert(HOME.to_string());
    touched.insert(SEARCH.to_string());
    // In place, no count changes: only the row that names it can.
    if let Some(cited) = archive.cited_as[id] {
        let position = plan.cited_ranked.iter().position(|&c| c == cited).unwrap_or(0);
        touch_part(touched, CITED_INDEX, position);
        // The further parts of its own page, listing its citers, name it.
        touch_list(touched, plan.directive_path(id), archive.cited[cited].citers.len());
    }
    for &cited in &archive.cites_of[id] {
        let entry = &archive.cited[cited];
        // The cited directive's page (its own, when its text is in the
        // archive) lists its citers in parts.
        let at = entry.citers.partition_point(|&c| c < id);
        touch_part(touched, plan.cited_path(cited), at);
        // The uptake table, on every part, names each province's first citer.
        let first_of_province = directive.province.is_some()
            && entry.citers.iter().find(|&&c| archive.directives[c].province == directive.province) == Some(&id);
        if first_of_province {
            touch_list(touched, plan.cited_path(cited), entry.citers.len());
        }
        touch_co_citers(plan, cited, id, touched);
    }
    touch_citers_of(plan, id, touched);
}

/// A directive that arrives, leaves or moves: every part of every list it
/// is on, and the neighbours that the list's appearance or disappearance
/// changes (the previous and next month and day, a province's months).
fn touch_moved(plan: &Plan, id: DocId, touched: &mut BTreeSet<String>) {
    let archive = plan.archive;
    let provinces = plan.provinces;
    let directive = &archive.directives[id];
    touch_neighbours(plan, id, touched);
    touched.extend(plan.outputs_showing(id, true));
    if let Some(province) = directive.province {
        touch_list(touched, &province_path(provinces, province), archive.by_province[province].len());
        for (position, &count) in plan.province_months[province].iter().enumerate() {
            if count > 0 {
                touch_list(touched, &province_month_path(provinces, province, plan.months[position]), count);
            }
        }
    }
    match directive.date {
        None => {
            let undated = &archive.timeline.undated;
            touch_from(touched, UNDATED, undated.len(), undated.binary_search(&id).unwrap_or(0));
        }
        Some(date) => {
            let years = &archive.timeline.years;
            for year in years {
                touch_list(touched, &year_path(year.year), year.year_only.len());
            }
            let (y, m, d) = find_date(archive, date);
            if let (Some(y), Some(m)) = (y, m) {
                let months: Vec<(usize, usize)> = years
                    .iter()
                    .enumerate()
                    .flat_map(|(y, year)| (0..year.months.len()).map(move |m| (y, m)))
                    .collect();
                let here = months.iter().position(|&p| p == (y, m)).unwrap_or(0);
                for &(y, m) in &months[here.saturating_sub(1)..(here + 2).min(months.len())] {
                    let (year, month) = (&years[y], &years[y].months[m]);
                    touch_list(touched, &month_path(year.year, month.month), month.count);
                }
            }
            if let (Some(y), Some(m), Some(d)) = (y, m, d) {
                let days: Vec<(usize, usize, usize)> = years
                    .iter()
                    .enumerate()
                    .flat_map(|(y, year)| {
                        year.months
                            .iter()
                            .enumerate()
                            .flat_map(move |(m, month)| (0..month.days.len()).map(move |d| (y, m, d)))
                    })
                    .collect();
                let here = days.iter().position(|&p| p == (y, m, d)).unwrap_or(0);
                for (k, &(y, m, d)) in days.iter().enumerate().take(here + 2).skip(here.saturating_sub(1)) {
                    let (year, month) = (&years[y], &years[y].months[m]);
                    let day = &month.days[d];
                    let path = day_path(year.year, month.month, day.day);
                    if k == here {
                        // Its own day: a day page lists its part, and links the days around.
                        touch_from(touched, &path, day.docs.len(), day.docs.binary_search(&id).unwrap_or(0));
                    } else {
                        touch_list(touched, &path, day.docs.len());
                    }
                }
            }
        }
    }
    for (path, group) in group_pages(plan) {
        if let Ok(at) = group.docs.binary_search(&id) {
            // A group's page shows its name and its part (its count, and
            // its name, are compared in `Before`).
            touch_from(touched, path, group.docs.len(), at);
        }
    }
    for &cited in &archive.cites_of[id] {
        let entry = &archive.cited[cited];
        touch_list(touched, plan.cited_path(cited), entry.citers.len());
        touch_co_citers(plan, cited, id, touched);
    }
    touch_citers_of(plan, id, touched);
}

/// What the archive was, kept across re-indexing to compare with what it
/// becomes: facts that many pages show.
#[derive(Debug, PartialEq)]
struct Before {
    /// Each cited directive (by a hash of its key): a hash of what pages
    /// say of it, and its date.
    cited: HashMap<u64, (u64, Option<PartialDate>)>,
    /// Each related-directive window (cited key hash, citer), hashed.
    windows: HashMap<(u64, u64), u64>,
    /// Each issuer and type page (by path): its name and parts, hashed.
    groups: HashMap<String, u64>,
    months: Vec<YearMonth>,
    build_date: ArchiveDate,
}

/// What pages show of a cited directive: its summary and its page's path.
fn cited_fingerprint(plan: &Plan, id: CitedId) -> u64 {
    let c = &plan.archive.cited[id];
    hash_of((
        &c.key.number,
        &c.type_name,
        &c.issuer,
        &c.date,
        &c.title,
        // Which of an archived directive's values are marked as supplied.
        c.in_archive.map(|doc| &plan.archive.directives[doc].inferred),
        c.citers.len(),
        plan.cited_path(id),
    ))
}

/// Related-directive windows of every directive citing `id`, hashed by
/// which directives they show. Only lists longer than a window choose, and
/// choose by distance in the archive, which any insertion can shift. In
/// the order of the citers, or none when there are too few to choose.
fn windows_of(plan: &Plan, id: CitedId, idents: &[u64]) -> Vec<(u64, u64)> {
    let citers = &plan.archive.cited[id].citers;
    if citers.len() <= RELATED_SHOWN + 1 {
        return Vec::new();
    }
    citers
        .iter()
        .map(|&doc| {
            let (shown, more) = related_window(citers, doc);
            let shown: Vec<u64> = shown.iter().map(|&d| idents[d]).collect();
            (idents[doc], hash_of((shown, more)))
        })
        .collect()
}

/// Every issuer and type, with the path of its page.
fn group_pages<'p>(plan: &'p Plan) -> impl Iterator<Item = (&'p str, &'p Group)> {
    let archive = plan.archive;
    let issuers = archive.issuers.iter().enumerate().map(move |(i, g)| (plan.issuer_path(i), g));
    let types = archive.types.iter().enumerate().map(move |(i, g)| (plan.type_path(i), g));
    issuers.chain(types)
}

/// What every part of a group's page shows of the whole group: its name,
/// and how many parts it has.
fn group_fingerprint(group: &Group) -> u64 {
    hash_of((&group.name, parts_of(group.docs.len())))
}

fn group_fingerprints(plan: &Plan) -> HashMap<String, u64> {
    group_pages(plan).map(|(path, g)| (path.to_string(), group_fingerprint(g))).collect()
}

impl Before {
    fn of(plan: &Plan, idents: &[u64]) -> Before {
        let archive = plan.archive;
        let mut cited = HashMap::with_capacity_and_hasher(archive.cited.len(), Default::default());
        let mut windows = HashMap::default();
        for (id, entry) in archive.cited.iter().enumerate() {
            let key = hash_of(&entry.key);
            cited.insert(key, (cited_fingerprint(plan, id), entry.date));
            windows.extend(windows_of(plan, id, idents).into_iter().map(|(citer, window)| ((key, citer), window)));
        }
        Before {
            cited,
            windows,
            groups: group_fingerprints(plan),
            months: plan.months.clone(),
            build_date: build_date(archive),
        }
    }

    /// After an edit in place. Such an edit keeps every date, number,
    /// issuer, type, citation and position (`same_place`), so of these facts
    /// only what pages say of an edited directive as a cited one can
    /// change: its title.
    fn retitle(&mut self, plan: &Plan, edited: impl Iterator<Item = DocId>) {
        for id in edited {
            if let Some(cited) = plan.archive.cited_as[id] {
                let entry = &plan.archive.cited[cited];
                self.cited.insert(hash_of(&entry.key), (cited_fingerprint(plan, cited), entry.date));
            }
        }
    }

    /// Touches in the new plan what shows facts that changed. Returns the
    /// new plan's facts, as [`Before::of`] would, for the next comparison.
    fn compare(mut self, plan: &Plan, idents: &[u64], touched: &mut BTreeSet<String>) -> Before {
        let archive = plan.archive;
        let mut after = Before {
            cited: HashMap::with_capacity_and_hasher(archive.cited.len(), Default::default()),
            windows: HashMap::with_capacity_and_hasher(self.windows.len(), Default::default()),
            groups: HashMap::with_capacity_and_hasher(self.groups.len(), Default::default()),
            months: plan.months.clone(),
            build_date: build_date(archive),
        };
        for (id, entry) in archive.cited.iter().enumerate() {
            let key = hash_of(&entry.key);
            let now = cited_fingerprint(plan, id);
            after.cited.insert(key, (now, entry.date));
            match self.cited.remove(&key) {
                Some((was, _)) if was == now => {}
                was => {
                    touch_list(touched, plan.cited_path(id), entry.citers.len());
                    for &citer in &entry.citers {
                        touch_directive(plan, citer, touched);
                    }
                    for date in [was.and_then(|(_, date)| date), entry.date].into_iter().flatten() {
                        touch_date(plan, date, touched);
                    }
                }
            }
            // `windows_of` goes through the citers in order: each window is
            // its citer's. (Finding the citer by its ident instead was
            // quadratic: a new citer of a directive cited 34,000 times
            // changes every window's count of others, and took 1 s.)
            for (&doc, (citer, window)) in entry.citers.iter().zip(windows_of(plan, id, idents)) {
                if self.windows.get(&(key, citer)) != Some(&window) {
                    touch_directive(plan, doc, touched);
                }
                after.windows.insert((key, citer), window);
            }
        }
        // Cited directives no longer cited: the days they were issued on.
        for (_, date) in self.cited.into_values() {
            if let Some(date) = date {
                touch_date(plan, date, touched);
            }
        }
        for (path, group) in group_pages(plan) {
            let fingerprint = group_fingerprint(group);
            if self.groups.get(path) != Some(&fingerprint) {
                touch_list(touched, path, group.docs.len());
            }
            after.groups.insert(path.to_string(), fingerprint);
        }
        if self.months != plan.months {
            // Every province's monthly chart runs along the same axis.
            for &province in &archive.province_order {
                touch_list(touched, &province_path(plan.provinces, province), archive.by_province[province].len());
            }
        }
        after
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

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
        for page in [
            QN_PAGE,
            "tinh/quang-ngai/index.html",
            "tinh/quang-ngai/2021/06/index.html",
            "thoi-gian/2021/06/16/index.html",
            "thoi-gian/2021/06/index.html",
            "thoi-gian/2021/index.html",
            "index.html",
            // What it cites: 07-KL/TW, in the archive, and Quảng Ngãi's own 188-CV/TU, not in it.
            KL_07,
            "van-ban/quang-ngai/2021/188-cv-tu/index.html",
            // Tây Ninh's unnumbered letter cites 07-KL/TW too: its related directives name 453.
            "van-ban/tay-ninh/2021/khong-so/index.html",
        ] {
            assert!(update.render.iter().any(|p| p == page), "{page} missing from {:#?}", update.render);
        }
        for page in ["tinh/tay-ninh/index.html", "tinh/ha-noi/index.html", "van-ban/tay-ninh/2021/188-cv-tu/index.html"]
        {
            assert!(!update.render.iter().any(|p| p == page), "{page} should not be rendered: {:#?}", update.render);
        }
        let plan = session.plan().unwrap();
        assert!(plan.archive.directives.iter().any(|d| d.title.starts_with("Sửa: ")));

        // A cited directive's new title is on the pages of all that cite it.
        edit(dir.path(), "trung-uong/07-kl-tw.md", "title: \"", "title: \"Sửa: ");
        let update = updated(session.update(&["trung-uong/07-kl-tw.md".to_string()]));
        for page in [KL_07, QN_PAGE, "van-ban/tay-ninh/2021/khong-so/index.html", "trich-dan/index.html"] {
            assert!(update.render.iter().any(|p| p == page), "{page} missing from {:#?}", update.render);
        }
        assert!(!update.render.iter().any(|p| p == "tinh/ha-noi/index.html"), "{:#?}", update.render);
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
        for page in [KL_07, QN_PAGE, "van-ban/tay-ninh/2021/khong-so/index.html", "trich-dan/index.html"] {
            assert!(update.render.iter().any(|p| p == page), "{page} missing from {:#?}", update.render);
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
        assert!(update.render.contains(&second_part), "{:#?}", update.render);
        assert!(!update.render.iter().any(|p| p == CITED_INDEX), "{:#?}", update.render);
    }

    #[test]
    fn the_open_data_and_feeds_follow_an_edit_and_the_sitemap_follows_base_url() {
        let dir = fixture();
        let mut session = open(dir.path());
        edit(dir.path(), QN, "title: \"", "title: \"Mới: ");
        let update = updated(session.update(&[QN.to_string()]));
        for path in [
            "du-lieu/van-ban.csv",
            "du-lieu/van-ban.json",
            "du-lieu/trich-dan.csv",
            "feed.xml",
            "tinh/quang-ngai/feed.xml",
            "van-ban/tw/2021/07-kl-tw/feed.xml",
        ] {
            assert!(update.render.iter().any(|p| p == path), "{path} not in {:#?}", update.render);
        }
        let update = session.set_base_url("https://x.org/".into()).unwrap();
        assert!(update.render.iter().any(|p| p == "sitemap.xml") && update.render.iter().any(|p| p == "robots.txt"));
        let update = session.set_base_url(String::new()).unwrap();
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
        for expected in [page, "tinh/quang-ngai/index.html", "thoi-gian/2021/06/20/index.html", QN_PAGE, KL_07] {
            assert!(update.render.iter().any(|p| p == expected), "{expected} missing from {:#?}", update.render);
        }
        assert!(session.page(page).is_some());

        std::fs::remove_file(dir.path().join(new)).unwrap();
        let update = updated(session.update(&[new.to_string()]));
        assert!(update.delete.iter().any(|p| p == page), "{update:?}");
        assert!(update.delete.iter().any(|p| p == "thoi-gian/2021/06/20/index.html"), "{update:?}");
        assert!(update.render.iter().any(|p| p == "tinh/quang-ngai/index.html"), "{update:?}");
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
    fn the_facts_kept_for_re_indexing_are_those_of_the_current_plan() {
        // Generated, so that cited directives have enough citers for
        // related-directive windows.
        let dir = tempfile::tempdir().unwrap();
        let options = crate::synth::SynthOptions { count: 300, seed: 4 };
        crate::synth::generate(dir.path(), &crate::synth::ProvinceRef::builtin(), &options).unwrap();
        let mut session = open(dir.path());
        let copied = session.plan().unwrap().archive.directives[0].source_path.clone();
        let text = std::fs::read_to_string(dir.path().join(&copied)).unwrap();
        let number = text.lines().find(|line| line.starts_with("number: ")).expect("a numbered directive");
        let renumbered = text.replacen(number, "number: \"99999-CV/TU\"", 1);
        std::fs::write(dir.path().join("moi.md"), renumbered).unwrap();
        updated(session.update(&["moi.md".to_string()]));
        let kept = session.facts.as_ref().expect("kept for the next re-indexing");
        assert!(!kept.windows.is_empty(), "the archive has related-directive windows");
        assert_eq!(Some(kept), session.plan().map(|plan| Before::of(plan, &session.idents)).as_ref());
        // An edit in place of a cited directive's title: kept too, up to date.
        let archive = &session.plan().unwrap().archive;
        let cited = (0..archive.directives.len()).find(|&id| archive.cited_as[id].is_some()).expect("one is cited");
        let rel = archive.directives[cited].source_path.clone();
        let text = std::fs::read_to_string(dir.path().join(&rel)).unwrap();
        let title = text.lines().find(|line| line.starts_with("title: ")).unwrap();
        std::fs::write(dir.path().join(&rel), text.replacen(title, "title: \"Một tiêu đề khác\"", 1)).unwrap();
        assert!(updated(session.update(&[rel])).replaced.is_some(), "in place");
        let kept = session.facts.as_ref().expect("kept after an edit in place");
        assert_eq!(Some(kept), session.plan().map(|plan| Before::of(plan, &session.idents)).as_ref());
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
            updated(session.update(&order))
        };
        let a = changes(&[QN, "tay-ninh/188-cv-tu.md", "ha-noi/thang-8.md"]);
        let b = changes(&["ha-noi/thang-8.md", QN, "tay-ninh/188-cv-tu.md"]);
        let shape = |u: &Update| (u.render.clone(), u.delete.clone(), u.full, u.replaced.is_some());
        assert_eq!(shape(&a), shape(&b));
        assert!(!a.delete.is_empty());
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
