//! Paths vanban must not write to: an output folder or a zip that is,
//! contains or lies inside the content, the themes, `templates/` or the
//! project; a folder or file vanban did not make; names too long for the
//! file system. Each refusal exits 1, names the path and the way out, and
//! leaves every file of the project byte for byte as it was.

use crate::common::{read_tree, repo_root, vanban};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A project in a temporary folder: `p/content` (two directives),
/// `p/themes/default` (the project's theme), an empty `p/templates`.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Project {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        let theme = repo_root().join("themes/default");
        for part in ["templates", "static", "strings.yaml"] {
            copy(&theme.join(part), &root.join("themes/default").join(part));
        }
        std::fs::create_dir_all(root.join("templates")).unwrap();
        for file in ["quang-ngai/453-cv-tu.md", "trung-uong/07-kl-tw.md"] {
            copy(&repo_root().join("tests/fixtures/valid").join(file), &root.join("content").join(file));
        }
        Project { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("p")
    }

    /// Runs `vanban ARGS` in the project folder: its exit code and what it
    /// printed on standard error.
    fn run(&self, args: &[&str]) -> (Option<i32>, String) {
        let output = vanban(args, &self.root());
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
    }

    /// Every file below the temporary folder (the project and beside it).
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        read_tree(self.dir.path())
    }

    fn write(&self, rel: &str, bytes: &[u8]) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// Runs `args`, which must succeed; what it printed on standard error.
    #[track_caller]
    fn succeeds(&self, args: &[&str]) -> String {
        let (code, stderr) = self.run(args);
        assert_eq!(code, Some(0), "{stderr}");
        stderr
    }

    /// Runs `args`, which must be refused with `message` and change nothing.
    #[track_caller]
    fn refused(&self, args: &[&str], message: &str) -> String {
        let before = self.files();
        let (code, stderr) = self.run(args);
        assert_eq!(code, Some(1), "{stderr}");
        assert!(stderr.contains(message), "wanted {message:?} in:\n{stderr}");
        assert!(self.files() == before, "files changed by a refused command:\n{stderr}");
        stderr
    }
}

/// Runs `args` in a new project: refused with `message`, nothing changed.
#[track_caller]
fn refused_in_a_new_project(args: &[&str], message: &str) {
    Project::new().refused(args, message);
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        crate::common::copy_tree(from, to);
    } else {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    }
}

fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

const REFUSED: &str = "failed: 1 errors; the output was not changed";

/// `--output content`: refused, "it is the content folder"; the directives stay.
#[test]
fn output_is_the_content_folder() {
    let project = Project::new();
    let stderr = project.refused(
        &["build", "--output", "content"],
        "error: refusing to write the output here: it is the content folder",
    );
    assert!(stderr.contains("help: give another --output") && stderr.contains(REFUSED), "{stderr}");
}

/// `--content site/content --output site`: refused, "it contains the content folder".
#[test]
fn output_contains_the_content_folder() {
    let project = Project::new();
    std::fs::rename(project.root().join("content"), project.root().join("content-elsewhere")).unwrap();
    project.write(
        "site/content/a.md",
        &std::fs::read(project.root().join("content-elsewhere/trung-uong/07-kl-tw.md")).unwrap(),
    );
    project.write("site/notes.txt", b"my notes");
    project.refused(&["build", "--content", "site/content", "--output", "site"], "it contains the content folder");
}

/// `--output content/quang-ngai/site`: refused, "it lies inside the content folder".
#[test]
fn output_inside_the_content_folder() {
    refused_in_a_new_project(&["build", "--output", "content/quang-ngai/site"], "it lies inside the content folder");
}

/// `--output .` with the content elsewhere: refused, "it is the project folder".
#[test]
fn output_is_the_project_folder() {
    let project = Project::new();
    std::fs::rename(project.root().join("content"), project.dir.path().join("content")).unwrap();
    project.refused(&["build", "--content", "../content", "--output", "."], "it is the project folder");
}

/// `--output ..` (a folder holding the project): refused, "it contains the content folder".
#[test]
fn output_contains_the_project_folder() {
    refused_in_a_new_project(&["build", "--output", ".."], "it contains the content folder");
}

/// `--output themes/default`: refused, "it lies inside the themes folder".
#[test]
fn output_is_the_theme_folder() {
    refused_in_a_new_project(&["build", "--output", "themes/default"], "it lies inside the themes folder");
}

/// `--output templates`: refused, "it is the project's templates folder".
#[test]
fn output_is_the_templates_folder() {
    let project = Project::new();
    project.write("templates/base.html", b"{% block body %}{% endblock %}");
    project.refused(&["build", "--output", "templates"], "it is the project's templates folder");
}

/// `--output site/../content`: the dots are settled first, so refused as the content folder.
#[test]
fn output_reaches_the_content_through_dots() {
    refused_in_a_new_project(&["build", "--output", "site/../content"], "it is the content folder");
}

/// `--output site` where `site` is a link to the content: refused as the content folder.
#[test]
fn output_is_a_symlink_to_the_content() {
    let project = Project::new();
    symlink(&project.root().join("content"), &project.root().join("site"));
    project.refused(&["build", "--output", "site"], "it is the content folder");
    assert!(std::fs::symlink_metadata(project.root().join("site")).unwrap().file_type().is_symlink());
}

/// `--output link/site` where `link` points into the content: refused, it lies inside it.
#[test]
fn output_parent_is_a_symlink_into_the_content() {
    let project = Project::new();
    symlink(&project.root().join("content/quang-ngai"), &project.root().join("link"));
    project.refused(&["build", "--output", "link/site"], "it lies inside the content folder");
}

/// `--output content --force`: --force never reaches the content; refused all the same.
#[test]
fn force_does_not_reach_the_content() {
    refused_in_a_new_project(&["build", "--output", "content", "--force"], "it is the content folder");
}

/// A non-empty folder without `.vanban-output`: refused with the way out; `--force` then replaces it.
#[test]
fn non_empty_folder_vanban_did_not_make() {
    let project = Project::new();
    project.write("site/thesis.docx", b"two years of work");
    let stderr = project.refused(
        &["build", "--output", "site"],
        "refusing to replace the output folder: it is not empty and has no .vanban-output file, so vanban did not make it",
    );
    assert!(stderr.contains("or add --force to replace this folder and delete every file in it; nothing was changed"));
    project.succeeds(&["build", "--output", "site", "--force", "-q"]);
    assert!(!project.root().join("site/thesis.docx").exists() && project.root().join("site/index.html").is_file());
}

/// An archive of an older vanban (index.html and assets/, no marker): refused, the message says so and offers --force.
#[test]
fn output_of_an_older_vanban_without_the_marker() {
    let project = Project::new();
    project.write("output/index.html", b"<html>old archive</html>");
    project.write("output/assets/style.css", b"body{}");
    project.refused(&["build"], "it looks like an archive built by a vanban older than this check");
}

/// An empty existing folder as the output: built into, and marked.
#[test]
fn empty_existing_output_folder_is_accepted() {
    let project = Project::new();
    std::fs::create_dir(project.root().join("site")).unwrap();
    project.succeeds(&["build", "--output", "site", "-q"]);
    let marker = std::fs::read_to_string(project.root().join("site/.vanban-output")).unwrap();
    assert!(marker.starts_with("This folder was made by vanban."), "{marker}");
}

/// A folder vanban built before: replaced by the next build without --force.
#[test]
fn output_vanban_made_is_replaced() {
    let project = Project::new();
    for _ in 0..2 {
        project.succeeds(&["build", "-q"]);
    }
    assert!(project.root().join("output/index.html").is_file());
}

/// `--output notes.txt`, an existing file: refused, "it is a file, not a folder".
#[test]
fn output_is_an_existing_file() {
    let project = Project::new();
    project.write("notes.txt", b"mine");
    project.refused(&["build", "--output", "notes.txt"], "it is a file, not a folder, and it would be replaced");
}

/// `--output site` linking to a folder vanban built: written where the link points; the link stays.
#[test]
fn output_is_a_symlink_to_a_vanban_output() {
    let project = Project::new();
    project.succeeds(&["build", "--output", "../real", "-q"]);
    symlink(&project.dir.path().join("real"), &project.root().join("site"));
    std::fs::remove_file(project.root().join("content/quang-ngai/453-cv-tu.md")).unwrap();
    project.succeeds(&["build", "--output", "site", "-q"]);
    assert!(std::fs::symlink_metadata(project.root().join("site")).unwrap().file_type().is_symlink(), "the link stays");
    let real = project.dir.path().join("real");
    assert!(real.join("index.html").is_file() && !real.join("van-ban/quang-ngai").exists(), "rebuilt where it points");
}

/// `--zip-path content/quang-ngai/453-cv-tu.md`: refused, the directive stays a directive.
#[test]
fn zip_path_is_a_directive_file() {
    let project = Project::new();
    project.refused(
        &["build", "--zip-path", "content/quang-ngai/453-cv-tu.md"],
        "error: refusing to write the zip here: it lies inside the content folder",
    );
    assert!(!project.root().join("output").exists(), "no output either");
}

/// `--zip-path notes.zip`, an existing file that is not a vanban zip: refused.
#[test]
fn zip_path_is_an_existing_file_not_made_by_vanban() {
    let project = Project::new();
    project.write("notes.zip", b"not a zip at all");
    project.refused(
        &["build", "--zip-path", "notes.zip"],
        "refusing to replace this file: it is not a zip vanban made, and the zip would overwrite it",
    );
}

/// `--zip-path content`: refused, the zip would be the content folder.
#[test]
fn zip_path_is_the_content_folder() {
    refused_in_a_new_project(
        &["build", "--zip-path", "content"],
        "refusing to write the zip here: it is the content folder",
    );
}

/// `--zip-path output/site.zip`: refused, "it lies inside the output folder".
#[test]
fn zip_path_inside_the_output_folder() {
    refused_in_a_new_project(&["build", "--zip-path", "output/site.zip"], "it lies inside the output folder");
}

/// `--zip-path archive.zip` linking to a file in the content: refused as inside the content.
#[test]
fn zip_path_is_a_symlink_into_the_content() {
    let project = Project::new();
    symlink(&project.root().join("content/trung-uong/07-kl-tw.md"), &project.root().join("archive.zip"));
    project.refused(&["build", "--zip-path", "archive.zip"], "it lies inside the content folder");
}

/// `--zip` twice: the zip the first build wrote is vanban's, so the second replaces it.
#[test]
fn zip_vanban_made_is_replaced() {
    let project = Project::new();
    for _ in 0..2 {
        let stderr = project.succeeds(&["build", "--zip", "-q"]);
        assert!(stderr.contains("zipped output.zip"), "{stderr}");
    }
}

/// `serve --output content`: refused before it listens; nothing written.
#[test]
fn serve_into_the_content_folder() {
    let project = Project::new();
    let stderr = project.refused(&["serve", "--output", "content"], "it is the content folder");
    assert!(stderr.contains("nothing was changed") && !stderr.contains("serving"), "{stderr}");
}

/// `serve --output site`, a folder of the user's: refused with the way out (--force).
#[test]
fn serve_into_a_folder_vanban_did_not_make() {
    let project = Project::new();
    project.write("site/index.html", b"my own home page");
    project.refused(&["serve", "--output", "site"], "or add --force to replace this folder");
}

/// `import --content output/…` (into a folder vanban built): refused, the next build would delete the file.
#[test]
fn import_into_an_output_folder() {
    let project = Project::new();
    project.succeeds(&["build", "-q"]);
    let text = std::fs::read(crate::common::seed_path("001_")).unwrap();
    project.write("raw.txt", &text);
    project.refused(
        &["import", "raw.txt", "--content", "output/content"],
        "an output folder vanban made, which the next build replaces whole",
    );
}

/// `generate notes` where `notes` holds files: refused, no file overwritten.
#[test]
fn generate_into_a_non_empty_folder() {
    let project = Project::new();
    project.write("notes/1.md", b"my own file");
    project.refused(&["generate", "notes", "--count", "3"], "refusing to write into notes: it is not empty");
}

/// A state number of 306 characters: builds; its page's folder is cut and hashed, and linked from its province.
#[test]
fn number_too_long_for_a_file_name() {
    let project = Project::new();
    let number = format!("12/UBND-{}", ["VPABCDEFGHIJ"; 23].join("-"));
    let text = format!(
        "---\ntitle: Kế hoạch\nnumber: \"{number}\"\nissuer: Tỉnh ủy Quảng Ngãi\nprovince: Quảng Ngãi\ndate: 2021-06-17\n---\nVăn bản.\n"
    );
    project.write("content/quang-ngai/dai.md", text.as_bytes());
    project.succeeds(&["build", "-q", "--zip"]);
    let year = project.root().join("output/van-ban/quang-ngai/2021");
    let folder = std::fs::read_dir(&year)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|name| name.starts_with("12-ubnd-vpabcdefghij"))
        .expect("the page's folder");
    assert!(folder.len() <= 100, "{folder}");
    let page = std::fs::read_to_string(year.join(&folder).join("index.html")).unwrap();
    assert!(page.contains(&number), "the page shows the whole number");
    let province = std::fs::read_to_string(project.root().join("output/tinh/quang-ngai/index.html")).unwrap();
    assert!(province.contains(&format!("van-ban/quang-ngai/2021/{folder}/")), "the province links to it");
}

/// An issuer name of 280 characters: builds; its page's folder is cut and hashed.
#[test]
fn issuer_too_long_for_a_file_name() {
    let project = Project::new();
    let issuer = "Ban Chỉ đạo phòng chống dịch tỉnh Quảng Ngãi ".repeat(6);
    let text = format!(
        "---\ntitle: Kế hoạch\nnumber: \"13-KH/TU\"\nissuer: \"{}\"\nprovince: Quảng Ngãi\ndate: 2021-06-17\n---\nVăn bản.\n",
        issuer.trim()
    );
    project.write("content/quang-ngai/dai.md", text.as_bytes());
    project.succeeds(&["build", "-q"]);
    let names: Vec<String> = std::fs::read_dir(project.root().join("output/co-quan"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with("ban-chi-dao"))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].len() <= 100, "{}", names[0]);
}

/// A file of the user's named like the import's temporary file (`….md.importing`): kept; the import writes beside it.
#[test]
fn import_temporary_name_taken_by_a_users_file() {
    let project = Project::new();
    project.write("raw.txt", &std::fs::read(crate::common::seed_path("001_")).unwrap());
    project.succeeds(&["import", "raw.txt"]);
    let before = read_tree(&project.root().join("content"));
    let imported: Vec<&String> =
        before.keys().filter(|path| !path.starts_with("quang-ngai/453") && !path.starts_with("trung-uong")).collect();
    assert_eq!(imported.len(), 1, "{imported:?}");
    let target = project.root().join("content").join(imported[0]);
    std::fs::remove_file(&target).unwrap();
    let temporary = target.with_extension("md.importing");
    std::fs::write(&temporary, "my draft").unwrap();
    project.succeeds(&["import", "raw.txt"]);
    assert_eq!(std::fs::read_to_string(&temporary).unwrap(), "my draft");
    assert_eq!(std::fs::read(&target).unwrap(), before[imported[0]], "imported as before");
}

/// `--output site` where `site` is a link to nothing: refused; the link stays.
#[test]
fn output_is_a_dangling_symlink() {
    let project = Project::new();
    symlink(&project.dir.path().join("gone"), &project.root().join("site"));
    project.refused(&["build", "--output", "site"], "it is a symbolic link to something that does not exist");
    assert!(std::fs::symlink_metadata(project.root().join("site")).is_ok(), "the link stays");
}
