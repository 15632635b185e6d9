//! Shared test harness: build a fixture archive into a temporary folder and
//! look at what a reader would see.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use vanban::site::{build, check, BuildFailure, BuildOptions, BuildReport, Timings};

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

/// A built archive in a temporary folder.
pub struct Built {
    pub dir: tempfile::TempDir,
    pub result: Result<BuildReport, BuildFailure>,
}

impl Built {
    /// Builds `content` with the project's themes into a fresh folder.
    pub fn from(content: &Path) -> Built {
        let dir = tempfile::tempdir().expect("temp dir");
        let options = BuildOptions {
            project_root: repo_root(),
            content: content.to_path_buf(),
            output: dir.path().join("output"),
            theme: None,
            zip: None,
            force: false,
        };
        let result = build(&options);
        Built { dir, result }
    }

    /// Builds `content` in a project of its own whose `vanban.yaml` is
    /// `settings` (`language: en`, `base_url: …`), with the project's themes.
    pub fn with_settings(settings: &str, content: &Path) -> Built {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("vanban.yaml"), settings).unwrap();
        copy_tree(&repo_root().join("themes"), &dir.path().join("themes"));
        let options = BuildOptions {
            project_root: dir.path().to_path_buf(),
            content: content.to_path_buf(),
            output: dir.path().join("output"),
            theme: None,
            zip: None,
            force: false,
        };
        let result = build(&options);
        Built { dir, result }
    }

    pub fn fixture(name: &str) -> Built {
        Built::from(&fixture(name))
    }

    pub fn output(&self) -> PathBuf {
        self.dir.path().join("output")
    }

    pub fn report(&self) -> &BuildReport {
        match &self.result {
            Ok(report) => report,
            Err(failure) => panic!("build failed:\n{}", failure.rendered),
        }
    }

    /// The text of a page, by its path in the output.
    pub fn page(&self, path: &str) -> String {
        std::fs::read_to_string(self.output().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Every file of the output, by relative path, with its bytes.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        read_tree(&self.output())
    }
}

/// A content folder made in a temporary folder, file by file, and what
/// `vanban check` (or a build) tells the user about it, with the temporary
/// part of each path shown as `content/`.
pub struct Content {
    dir: tempfile::TempDir,
}

impl Content {
    pub fn new() -> Content {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(dir.path().join("content")).expect("content folder");
        Content { dir }
    }

    /// A content folder holding `files` (path under `content/`, text).
    pub fn of(files: &[(&str, &str)]) -> Content {
        let content = Content::new();
        for (path, text) in files {
            content.file(path, text);
        }
        content
    }

    /// The temporary folder that holds `content/`.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The folder: `content/` in the temporary folder.
    pub fn root(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes a file (and its folders).
    pub fn file(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Content {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    /// Every diagnostic of `vanban check`, sorted as printed, each as
    /// `path:line:column: severity: message | help`.
    pub fn diagnostics(&self) -> Vec<String> {
        self.checked()
            .iter()
            .map(|d| self.shown(&format!("{} | {}", d.short(), d.help.as_deref().unwrap_or(""))))
            .collect()
    }

    /// The notes of every diagnostic, in the same order.
    pub fn notes(&self) -> Vec<Vec<String>> {
        self.checked().iter().map(|d| d.notes.iter().map(|n| self.shown(n)).collect()).collect()
    }

    /// The titles of the directives that `vanban check` accepted.
    pub fn titles(&self) -> Vec<String> {
        let checked = check(&self.options(), &mut Timings::default()).unwrap_or_else(|f| panic!("{}", f.rendered));
        checked.archive.directives.iter().map(|d| d.title.clone()).collect()
    }

    /// `vanban check --content …` run from the project's folder, as on a
    /// terminal: its exit code and what it printed on standard error.
    pub fn check_on_the_terminal(&self) -> (Option<i32>, String) {
        let output = vanban(&["check", "--content", self.root().to_str().unwrap()], &repo_root());
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
    }

    /// The whole build, into a temporary output folder.
    pub fn build(&self) -> Built {
        Built::from(&self.root())
    }

    /// The whole build in a project whose `vanban.yaml` is `settings`.
    pub fn build_with_settings(&self, settings: &str) -> Built {
        Built::with_settings(settings, &self.root())
    }

    fn options(&self) -> BuildOptions {
        BuildOptions { content: self.root(), ..BuildOptions::in_project(repo_root()) }
    }

    /// The diagnostics of `vanban check`, errors or warnings.
    fn checked(&self) -> Vec<vanban::diagnostics::Diagnostic> {
        match check(&self.options(), &mut Timings::default()) {
            Ok(checked) => checked.warnings,
            Err(failure) => failure.diagnostics,
        }
    }

    fn shown(&self, text: &str) -> String {
        let temp = format!("{}/", self.dir.path().display());
        text.replace(&temp, "")
    }
}

/// Builds an archive of `files` (path under `content/`, text).
pub fn archive(files: &[(&str, &str)]) -> Built {
    Content::of(files).build()
}

/// A file of one directive: the front matter given (each line ending in a
/// newline) between `---` lines, and a line of text.
pub fn directive(front_matter: &str) -> String {
    format!("---\n{front_matter}---\nVăn bản.\n")
}

/// Whether `path` is still there (a named pipe is not followed).
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// The text of a page without its tags, spaces collapsed.
pub fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Copies every file below `from` to the same place below `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for (rel, bytes) in read_tree(from) {
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

/// The `href`, `src` and form `action` values of a page, in order.
pub fn links(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=\"", "src=\"", "action=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            let end = rest.find('"').unwrap();
            found.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    found
}

/// Resolves a relative link from a page to a path in the output.
pub fn resolve(page: &str, href: &str) -> String {
    let href = href.split(['#', '?']).next().unwrap();
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in href.split('/') {
        match segment {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// Runs the `vanban` binary.
/// An archive of one central directive, Chỉ thị 5-CT/TW (its page
/// `van-ban/tw/2021/5-ct-tw/index.html`), cited by `citers` letters of three
/// provinces (`{n}.md`, dated 1–28 June 2021 by `n`): more than one page of
/// citers when `citers` > 500.
pub fn write_much_cited(content: &Path, citers: usize) {
    std::fs::create_dir_all(content).unwrap();
    let cited = "---\ntitle: Về phòng, chống dịch\nnumber: 5-CT/TW\ntype: Chỉ thị\nissuer: Ban Bí thư\ndate: 2021-05-01\n---\nVăn bản.\n";
    std::fs::write(content.join("5-ct-tw.md"), cited).unwrap();
    let provinces = ["Ninh Bình", "Cà Mau", "Hà Nội"];
    for n in 1..=citers {
        let citer = format!(
            "---\ntitle: Thực hiện Chỉ thị 5\nnumber: {n}-CV/TU\nprovince: {}\ndate: 2021-06-{:02}\ncites:\n  - number: 5-CT/TW\n---\nVăn bản.\n",
            provinces[n % 3],
            1 + n % 28
        );
        std::fs::write(content.join(format!("{n}.md")), citer).unwrap();
    }
}

pub fn vanban(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).current_dir(cwd).output().expect("run vanban")
}

/// `vanban generate DIR --count COUNT --seed SEED`: a synthetic archive in `dir`.
pub fn generate(dir: &Path, count: usize, seed: u64) {
    let (count, seed) = (count.to_string(), seed.to_string());
    let args = ["generate", &dir.to_string_lossy(), "--count", &count, "--seed", &seed];
    let run = vanban(&args, &repo_root());
    assert!(run.status.success(), "vanban generate: {}", String::from_utf8_lossy(&run.stderr));
}

/// One of the four real seed texts, by the start of its file name ("001_").
pub fn seed_path(prefix: &str) -> PathBuf {
    let dir = fixture("seeds");
    std::fs::read_dir(&dir)
        .expect("seed folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
        .expect("seed file")
}

/// Tiny xorshift PRNG: the same "random" inputs on every run, no dependency.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Builds the fixture `valid` in `project` with the project's `templates`
/// (name, source), by the command, and returns its output folder.
pub fn build_valid_with_templates(project: &Path, templates: &[(&str, &str)]) -> PathBuf {
    copy_tree(&fixture("valid"), &project.join("content"));
    std::fs::create_dir_all(project.join("templates")).unwrap();
    for (name, source) in templates {
        std::fs::write(project.join("templates").join(name), source).unwrap();
    }
    let build = vanban(&["build", "--quiet"], project);
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    project.join("output")
}

/// The page at `path` under `output`.
pub fn read_page(output: &Path, path: &str) -> String {
    std::fs::read_to_string(output.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}
