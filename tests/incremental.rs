//! An incremental update leaves every page exactly as a fresh build makes
//! it: random edits (titles, texts, dates, provinces, numbers, issuers,
//! citations; files added, removed and renamed) on a synthetic archive, each
//! followed by a comparison of what every page shows with a session opened
//! afresh, and of the search index (`tim-kiem/`, kept by
//! [`vanban::search::LiveIndex`]) with a fresh build's, byte for byte.

mod common;

// xorshift (tests/common): the same edits on every run.
use common::{generate, Rng};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use vanban::plan::{Language, Plan};
use vanban::search::{LiveIndex, Written};
use vanban::serve::incremental::{Outcome, Session, Update};

/// What each page shows: its template context, as JSON.
fn contexts(plan: &Plan) -> BTreeMap<String, String> {
    plan.pages.par_iter().map(|page| (page.path.clone(), serde_json::to_string(&plan.content(page)).unwrap())).collect()
}

/// The pages and the search index kept up to date by applying updates only.
struct Incremental {
    session: Session,
    pages: BTreeMap<String, String>,
    search: LiveIndex,
    /// The search index files, as the updates wrote them.
    search_files: BTreeMap<String, Vec<u8>>,
    /// Files the last search update wrote or removed.
    search_written: Vec<String>,
}

impl Incremental {
    fn open(dir: &Path) -> Incremental {
        let (session, outcome) = Session::open(dir, Language::Vietnamese);
        assert!(matches!(outcome, Outcome::Updated(Update { full: true, .. })), "{outcome:?}");
        let pages = contexts(session.plan().unwrap());
        let (search, files) = LiveIndex::new(session.plan().unwrap()).unwrap();
        Incremental { session, pages, search, search_files: files.into_iter().collect(), search_written: Vec::new() }
    }

    /// Takes the update into the search index, as `vanban serve` does.
    fn apply_search(&mut self, update: &Update) {
        let plan = self.session.plan().unwrap();
        let Written { write, remove } = match &update.replaced {
            Some(replaced) => self.search.update(plan, replaced).unwrap(),
            None => self.search.rebuild(plan).unwrap(),
        };
        self.search_written = write.iter().map(|(path, _)| path.clone()).chain(remove.iter().cloned()).collect();
        for path in remove {
            assert!(self.search_files.remove(&path).is_some(), "removing {path}, which was not there");
        }
        self.search_files.extend(write);
    }

    /// Applies an update and then the pages [`Session::stale`] finds, as
    /// `vanban serve` does; the update returned renders both.
    fn apply(&mut self, changed: &[String]) -> Option<Update> {
        let mut update = match self.session.update(changed) {
            Outcome::Updated(update) => update,
            Outcome::Unchanged => return None,
            Outcome::Failed(failure) => panic!("unexpected errors after {changed:?}:\n{}", failure.rendered),
        };
        let plan = self.session.plan().unwrap();
        if update.full {
            self.pages = contexts(plan);
        } else {
            for path in &update.delete {
                assert!(self.pages.remove(path).is_some(), "deleting {path}, which was not there");
            }
            self.render(&update.render);
        }
        let stale = self.session.stale().unwrap_or_default();
        self.render(&stale);
        update.render.extend(stale);
        update.render.sort();
        self.apply_search(&update);
        Some(update)
    }

    fn render(&mut self, paths: &[String]) {
        let plan = self.session.plan().unwrap();
        for path in paths {
            let page = self.session.page(path).unwrap_or_else(|| panic!("{path} is not a page"));
            self.pages.insert(path.clone(), serde_json::to_string(&plan.content(page)).unwrap());
        }
    }

    /// Compares with a fresh session on the same files.
    fn check(&self, dir: &Path, what: &str) {
        let (fresh, outcome) = Session::open(dir, Language::Vietnamese);
        assert!(matches!(outcome, Outcome::Updated(_)), "{what}: {outcome:?}");
        let expected = contexts(fresh.plan().unwrap());
        let missing: Vec<&String> = expected.keys().filter(|p| !self.pages.contains_key(*p)).collect();
        let extra: Vec<&String> = self.pages.keys().filter(|p| !expected.contains_key(*p)).collect();
        let stale: Vec<&String> = expected
            .iter()
            .filter(|(p, c)| self.pages.get(*p).is_some_and(|mine| mine != *c))
            .map(|(p, _)| p)
            .collect();
        if let Some(path) = stale.first() {
            let (mine, theirs) = (&self.pages[*path], &expected[*path]);
            let at = mine.bytes().zip(theirs.bytes()).position(|(a, b)| a != b).unwrap_or(0);
            let around = |s: &str| s.get(at.saturating_sub(150)..(at + 150).min(s.len())).unwrap_or("").to_string();
            panic!(
                "{what}: {} stale pages, e.g. {path}\n  incremental: …{}…\n  fresh:       …{}…",
                stale.len(),
                around(mine),
                around(theirs)
            );
        }
        assert!(missing.is_empty() && extra.is_empty(), "{what}: missing {missing:?}, extra {extra:?}");

        compare_search(&self.search_files, &vanban::search::files(fresh.plan().unwrap()).unwrap().files, what);
    }
}

/// Panics, saying where, unless `mine` holds exactly the files `expected` does.
fn compare_search(mine: &BTreeMap<String, Vec<u8>>, expected: &[(String, Vec<u8>)], what: &str) {
    let expected: BTreeMap<&String, &Vec<u8>> = expected.iter().map(|(p, b)| (p, b)).collect();
    let missing: Vec<&&String> = expected.keys().filter(|p| !mine.contains_key(**p)).collect();
    let extra: Vec<&String> = mine.keys().filter(|p| !expected.contains_key(p)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "{what}: search files missing {missing:?}, extra {extra:?}");
    if let Some((path, theirs)) = expected.iter().find(|(p, bytes)| mine[**p] != ***bytes) {
        let mine = &mine[*path];
        let at = mine.iter().zip(theirs.iter()).position(|(a, b)| a != b).unwrap_or(mine.len().min(theirs.len()));
        let around = |s: &[u8]| String::from_utf8_lossy(&s[at.saturating_sub(80)..(at + 80).min(s.len())]).to_string();
        panic!("{what}: stale {path}\n  incremental: …{}…\n  fresh:       …{}…", around(mine), around(theirs));
    }
}

fn files(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    found.sort();
    found
}

/// Replaces the value of a top-level `key:` line (adding the line after the
/// title when there is none; `None` removes it).
fn set_key(text: &str, key: &str, value: Option<&str>) -> String {
    let prefix = format!("{key}: ");
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let end = lines.iter().skip(1).position(|l| l == "---").map_or(lines.len(), |i| i + 1);
    match (lines[..end].iter().position(|l| l.starts_with(&prefix)), value) {
        (Some(i), Some(value)) => lines[i] = format!("{prefix}{value}"),
        (Some(i), None) => {
            lines.remove(i);
        }
        (None, Some(value)) => lines.insert(2, format!("{prefix}{value}")),
        (None, None) => {}
    }
    lines.join("\n") + "\n"
}

/// A new serial for the file's number, so that changing what identifies it
/// never makes a duplicate.
fn renumber(text: &str, serial: usize) -> String {
    let Some(line) = text.lines().find(|l| l.starts_with("number: \"")) else { return text.to_string() };
    let rest = line.trim_start_matches("number: \"").trim_start_matches(|c: char| c.is_ascii_digit());
    set_key(text, "number", Some(&format!("\"{serial}{rest}")))
}

const PROVINCES: [&str; 5] = ["Hà Nội", "Quảng Ngãi", "Tây Ninh", "Bến Tre", "Cần Thơ"];
const ISSUERS: [&str; 3] = ["Tỉnh ủy Thử Nghiệm", "Ủy ban nhân dân tỉnh Thử Nghiệm", "Tỉnh uỷ Bến Tre"];

/// One random edit; returns the paths it touched.
fn random_edit(dir: &Path, rng: &mut Rng, serial: &mut usize) -> (String, Vec<String>) {
    let all = files(dir);
    let rel = all[rng.below(all.len())].clone();
    let path = dir.join(&rel);
    let text = std::fs::read_to_string(&path).unwrap();
    *serial += 1;
    let (what, new_text, extra) = match rng.below(12) {
        0 | 1 => ("retitle", set_key(&text, "title", Some(&format!("\"sửa lần {serial}: tiêu đề mới\""))), None),
        10 => ("reword", format!("{text}\nGhi chú lần {serial}: từ{serial} mới, Quảng Ngãi ghi nhận.\n"), None),
        11 => {
            // The last paragraph goes (its words may leave the index).
            let body = text.trim_end();
            let cut = body.rfind("\n\n").filter(|&at| at > body.find("\n---").unwrap_or(0) + 4);
            ("cut", cut.map_or(text.clone(), |at| format!("{}\n", &body[..at])), None)
        }
        2 => {
            let date = match rng.below(4) {
                0 => None,
                1 => Some(format!("{}", 2020 + rng.below(3))),
                2 => Some(format!("{}-{:02}", 2020 + rng.below(3), 1 + rng.below(12))),
                _ => Some(format!("{}-{:02}-{:02}", 2020 + rng.below(3), 1 + rng.below(12), 1 + rng.below(28))),
            };
            ("redate", renumber(&set_key(&text, "date", date.as_deref()), *serial), None)
        }
        3 => {
            let province = format!("\"{}\"", PROVINCES[rng.below(PROVINCES.len())]);
            ("move to another province", renumber(&set_key(&text, "province", Some(&province)), *serial), None)
        }
        4 => ("renumber", renumber(&text, *serial), None),
        5 => {
            let issuer = format!("\"{}\"", ISSUERS[rng.below(ISSUERS.len())]);
            ("reissue", set_key(&text, "issuer", Some(&issuer)), None)
        }
        6 => {
            // Cite a famous directive, or another directive of the archive, in the text.
            let other = std::fs::read_to_string(dir.join(&all[rng.below(all.len())])).unwrap();
            let number = other.lines().find_map(|l| l.strip_prefix("number: \"")).map(|n| n.trim_end_matches('"'));
            let cited = match (rng.below(2), number) {
                (0, Some(number)) => format!("Công văn số {number}"),
                _ => "Chỉ thị số 16/CT-TTg ngày 31/3/2020 của Thủ tướng Chính phủ".to_string(),
            };
            ("cite", format!("{text}\nThực hiện {cited}.\n"), None)
        }
        7 => {
            std::fs::remove_file(&path).unwrap();
            return ("delete".into(), vec![rel]);
        }
        8 => {
            let new_rel = format!("them/moi-{serial}.md");
            ("add", text.clone(), Some(new_rel))
        }
        _ => {
            let new_rel = format!("doi-ten/{}", rel.replace('/', "-"));
            std::fs::remove_file(&path).unwrap();
            ("rename", text.clone(), Some(new_rel))
        }
    };
    match extra {
        Some(new_rel) => {
            let text = if what == "add" { renumber(&new_text, *serial) } else { new_text };
            std::fs::create_dir_all(dir.join(&new_rel).parent().unwrap()).unwrap();
            std::fs::write(dir.join(&new_rel), text).unwrap();
            let mut touched = vec![new_rel];
            if what == "rename" {
                touched.push(rel);
            }
            (what.into(), touched)
        }
        None => {
            std::fs::write(&path, new_text).unwrap();
            (what.into(), vec![rel])
        }
    }
}

fn random_rounds(count: usize, seed: u64, rounds: usize) {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), count, seed);
    let mut live = Incremental::open(dir.path());
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut serial = 90_000;
    let mut kinds = BTreeSet::new();
    for round in 0..rounds {
        let mut changed = Vec::new();
        let mut what = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let (kind, touched) = random_edit(dir.path(), &mut rng, &mut serial);
            what.push(format!("{kind} {touched:?}"));
            kinds.insert(kind);
            changed.extend(touched);
        }
        live.apply(&changed);
        live.check(dir.path(), &format!("round {round}: {}", what.join(", ")));
    }
    // Enough rounds try every kind of edit (a short run tries what it draws).
    if rounds >= 10 {
        assert!(kinds.len() >= 6, "too few kinds of edit tried: {kinds:?}");
        assert!(kinds.contains("reword") || kinds.contains("retitle"), "no edit in place: {kinds:?}");
    }
}

#[test]
fn random_edits_on_a_small_archive_match_a_fresh_build() {
    random_rounds(250, 11, 10);
}

/// Long lists split into parts (500 directives a page) need a larger
/// archive. Its 40 rounds take 30 s to 2 minutes in a release build, far
/// longer in a debug one: `.ci/run` tests in release and sets
/// `VANBAN_FULL_TESTS=1` for all 40; without it (a developer's plain
/// `cargo test`) the test runs 2 rounds on the same archive, and says so.
#[test]
fn random_edits_on_a_large_archive_match_a_fresh_build() {
    let full = std::env::var_os("VANBAN_FULL_TESTS").is_some_and(|v| v == "1");
    let rounds = if full { 40 } else { 2 };
    eprintln!("{rounds} rounds of random edits on 2,500 directives (VANBAN_FULL_TESTS=1: 40)");
    random_rounds(2500, 5, rounds);
}

#[test]
fn a_folder_renamed_or_removed_moves_or_removes_its_directives() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 120, 2);
    let mut live = Incremental::open(dir.path());
    let folder = files(dir.path())[0].split('/').next().unwrap().to_string();
    std::fs::rename(dir.path().join(&folder), dir.path().join("doi-ten")).unwrap();
    let update = live.apply(&[folder.clone(), "doi-ten".into()]).unwrap();
    assert!(!update.render.is_empty());
    live.check(dir.path(), "folder renamed");
    std::fs::remove_dir_all(dir.path().join("doi-ten")).unwrap();
    let update = live.apply(&["doi-ten".into()]).unwrap();
    assert!(!update.delete.is_empty(), "its directives' pages go");
    live.check(dir.path(), "folder removed");
}

#[test]
fn a_title_edit_renders_few_pages_even_in_a_larger_archive() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 400, 9);
    let mut live = Incremental::open(dir.path());
    let total = live.pages.len();
    let rel = files(dir.path())[17].clone();
    let text = std::fs::read_to_string(dir.path().join(&rel)).unwrap();
    std::fs::write(dir.path().join(&rel), set_key(&text, "title", Some("\"một tiêu đề khác\""))).unwrap();
    let update = live.apply(std::slice::from_ref(&rel)).unwrap();
    assert!(!update.full && update.delete.is_empty());
    assert!(update.render.len() * 10 < total, "{} of {total} pages rendered", update.render.len());
    live.check(dir.path(), "title edit");
    // The search index: the shards of the terms that changed (here, with 6
    // term shards, nearly all) and the edited directive's summaries only.
    let summaries = live.search_written.iter().filter(|p| p.starts_with("tim-kiem/d/")).count();
    assert_eq!(summaries, 1, "{:?}", live.search_written);
    assert!(!live.search_written.iter().any(|p| p.ends_with("/f.js")), "{:?}", live.search_written);
    // Text edits, one after another, each checked.
    for (i, edit) in ["Một đoạn mới về quảng bá du lịch.", "Thêm: từ lạ xyzzy."].iter().enumerate() {
        let text = std::fs::read_to_string(dir.path().join(&rel)).unwrap();
        std::fs::write(dir.path().join(&rel), format!("{text}\n{edit}\n")).unwrap();
        let update = live.apply(std::slice::from_ref(&rel)).unwrap();
        assert!(update.replaced.is_some(), "edit {i} keeps the directive in place");
        live.check(dir.path(), &format!("text edit {i}"));
    }
}

#[test]
fn the_further_parts_of_a_much_cited_directive_follow_edits_removals_and_additions() {
    let dir = tempfile::tempdir().unwrap();
    common::write_much_cited(dir.path(), 620);
    let mut live = Incremental::open(dir.path());
    let second = "van-ban/tw/2021/5-ct-tw/trang-2/index.html";
    assert!(live.pages.contains_key(second));
    // 27.md is dated 28 June, the last day: listed on the second part.
    let retitle = |rel: &str, title: &str| {
        let text = std::fs::read_to_string(dir.path().join(rel)).unwrap();
        std::fs::write(dir.path().join(rel), set_key(&text, "title", Some(title))).unwrap();
    };
    retitle("27.md", "Một tiêu đề khác");
    let update = live.apply(&["27.md".into()]).unwrap();
    assert!(!update.full && update.render.iter().any(|p| p == second), "{:?}", update.render);
    live.check(dir.path(), "a citer on the second part retitled");
    retitle("5-ct-tw.md", "Về một việc khác");
    live.apply(&["5-ct-tw.md".into()]).unwrap();
    live.check(dir.path(), "the cited directive retitled");
    let gone: Vec<String> = (500..=620).map(|n| format!("{n}.md")).collect();
    let texts: Vec<String> = gone.iter().map(|rel| std::fs::read_to_string(dir.path().join(rel)).unwrap()).collect();
    for rel in &gone {
        std::fs::remove_file(dir.path().join(rel)).unwrap();
    }
    let update = live.apply(&gone).unwrap();
    assert!(update.delete.iter().any(|p| p == second), "499 citers fit on one page");
    live.check(dir.path(), "citers removed");
    for (rel, text) in gone.iter().zip(&texts) {
        std::fs::write(dir.path().join(rel), text).unwrap();
    }
    live.apply(&gone).unwrap();
    assert!(live.pages.contains_key(second));
    live.check(dir.path(), "and added back");
}

/// A copy of the valid fixture in a temporary folder.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
    for rel in files(&source) {
        std::fs::create_dir_all(dir.path().join(&rel).parent().unwrap()).unwrap();
        std::fs::copy(source.join(&rel), dir.path().join(&rel)).unwrap();
    }
    dir
}

#[test]
fn a_path_taken_by_another_directive_is_rendered_for_its_new_owner() {
    // Two unnumbered letters of Tây Ninh in 2021 from files of the same
    // name: the first in archive order gets `khong-so`, the other `khong-so-2`.
    let dir = fixture();
    let mut live = Incremental::open(dir.path());
    std::fs::create_dir_all(dir.path().join("aa")).unwrap();
    let text = std::fs::read_to_string(dir.path().join("tay-ninh/khong-so.md")).unwrap();
    std::fs::write(dir.path().join("aa/khong-so.md"), text.replace("title: \"", "title: \"Bản khác: ")).unwrap();
    live.apply(&["aa/khong-so.md".into()]).unwrap();
    live.check(dir.path(), "a second unnumbered letter takes the first one's path");
    std::fs::remove_file(dir.path().join("aa/khong-so.md")).unwrap();
    let update = live.apply(&["aa/khong-so.md".into()]).unwrap();
    assert!(update.delete.iter().any(|p| p == "van-ban/tay-ninh/2021/khong-so-2/index.html"), "{update:?}");
    live.check(dir.path(), "and gives it back");
}

#[test]
fn a_month_that_appears_or_goes_changes_its_neighbours() {
    let dir = fixture();
    let mut live = Incremental::open(dir.path());
    let rel = "quang-ngai/453-cv-tu.md";
    let text = std::fs::read_to_string(dir.path().join(rel)).unwrap();
    // (Not past the newest full date, which every page prints: that would render them all.)
    for (date, what) in [("2021-11", "a new last month"), ("2021-01-20", "a new first month"), ("2021-06-16", "back")] {
        let now = std::fs::read_to_string(dir.path().join(rel)).unwrap();
        let old = now.lines().find(|l| l.starts_with("date: ")).unwrap().to_string();
        std::fs::write(dir.path().join(rel), now.replace(&old, &format!("date: {date}"))).unwrap();
        let update = live.apply(&[rel.into()]).unwrap();
        assert!(!update.full, "{what}");
        live.check(dir.path(), what);
    }
    assert_eq!(std::fs::read_to_string(dir.path().join(rel)).unwrap(), text);
}

/// The search index of an output folder: the scripts under `tim-kiem/`.
fn search_files_on_disk(output: &Path) -> BTreeMap<String, Vec<u8>> {
    files(&output.join("tim-kiem"))
        .into_iter()
        .filter(|rel| rel.ends_with(".js"))
        .map(|rel| (format!("tim-kiem/{rel}"), std::fs::read(output.join("tim-kiem").join(&rel)).unwrap()))
        .collect()
}

#[test]
fn the_live_preview_keeps_the_search_index_on_disk_as_a_fresh_build_writes_it() {
    use std::sync::atomic::AtomicBool;
    use vanban::serve::live::{Changes, Live, Report};
    let dir = tempfile::tempdir().unwrap();
    let (content, output) = (dir.path().join("content"), dir.path().join("output"));
    generate(&content, 150, 4);
    let options = vanban::site::BuildOptions {
        project_root: Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf(),
        content: content.clone(),
        output: output.clone(),
        theme: None,
        zip: None,
        force: false,
    };
    let cancel = AtomicBool::new(false);
    let (mut live, report) = Live::start(&options, &vanban::progress::Silent, &cancel);
    assert!(matches!(report, Report::Rebuilt { .. }), "{report:?}");
    let fresh = || {
        let (session, _) = Session::open(&content, Language::Vietnamese);
        vanban::search::files(session.plan().unwrap()).unwrap().files
    };
    compare_search(&search_files_on_disk(&output), &fresh(), "the first build");
    let all = files(&content);
    let edit = |rel: &str, live: &mut Live, change: &dyn Fn(&str) -> String| {
        let text = std::fs::read_to_string(content.join(rel)).unwrap();
        std::fs::write(content.join(rel), change(&text)).unwrap();
        let changes = Changes { content: [rel.to_string()].into(), ..Changes::default() };
        let report = live.apply(&changes, &cancel);
        assert!(matches!(report, Report::Rebuilt { .. }), "{report:?}");
    };
    // Two edits in place before the index is refreshed: both are taken in.
    edit(&all[3], &mut live, &|t| set_key(t, "title", Some("\"tiêu đề thứ nhất về khẩu trang\"")));
    edit(&all[90], &mut live, &|t| format!("{t}\nThêm một đoạn về vắc xin.\n"));
    edit(&all[3], &mut live, &|t| set_key(t, "title", Some("\"tiêu đề thứ hai\"")));
    let (seconds, written) = live.refresh_search().unwrap().expect("something to do");
    assert!(seconds < 5.0 && written > 0);
    compare_search(&search_files_on_disk(&output), &fresh(), "after edits in place");
    assert_eq!(live.refresh_search().unwrap(), None, "nothing left to do");
    // A directive moved to another date: indexed anew.
    edit(&all[7], &mut live, &|t| renumber(&set_key(t, "date", Some("2021-02-03")), 77_777));
    live.refresh_search().unwrap().expect("something to do");
    compare_search(&search_files_on_disk(&output), &fresh(), "after a move");
}
