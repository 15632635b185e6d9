//! The command line as a user meets it: progress, quiet, timings, summary.

mod common;

use common::{repo_root, vanban};

fn build(extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output").display().to_string();
    let mut args = vec!["build", "--output", &out];
    args.extend_from_slice(extra);
    let output = vanban(&args, &repo_root());
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn progress_is_plain_lines_when_not_on_a_terminal() {
    let stderr = build(&[]);
    assert!(stderr.contains("load+validate: 4 files in"), "{stderr}");
    assert!(stderr.contains("render+write: "), "{stderr}");
    assert!(stderr.contains(" pages in "), "{stderr}");
}

#[test]
fn quiet_leaves_only_the_summary() {
    let stderr = build(&["--quiet"]);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("built "), "{stderr}");
}

#[test]
fn timings_split_render_and_write_into_the_steps_of_a_page() {
    let stderr = build(&["--quiet", "--timings"]);
    let lines: Vec<&str> = stderr.lines().collect();
    let stage = lines.iter().position(|l| l.trim_start().starts_with("render+write")).expect("a render+write line");
    // `    page templates   812.4 ms, all threads`, one line per step, right
    // under the stage whose time they divide.
    for (line, step) in lines[stage + 1..].iter().zip(["content", "context", "templates", "write"]) {
        let figures: Vec<&str> = line.split_whitespace().collect();
        assert!(
            matches!(figures.as_slice(), ["page", name, ms, "ms,", "all", "threads"]
                if *name == step && ms.parse::<f64>().is_ok_and(|ms| ms > 0.0)),
            "{step}: {line}\n{stderr}"
        );
    }
}

#[test]
fn timings_name_every_stage() {
    let stderr = build(&["--quiet", "--timings"]);
    for stage in ["load+validate", "index", "plan", "search index", "render+write", "commit"] {
        // `  render+write   12.3 ms wall   20.1 ms cpu   410 MiB resident   520 MiB peak`:
        // CPU over wall is how many cores the stage kept busy; the memory is
        // what the process holds at the stage's end and the most it held so far.
        let line = stderr.lines().find(|l| l.trim_start().starts_with(stage));
        let line = line.unwrap_or_else(|| panic!("no {stage} line: {stderr}"));
        let figures: Vec<&str> = line.trim_start()[stage.len()..].split_whitespace().collect();
        assert!(
            matches!(figures.as_slice(), [wall, "ms", "wall", cpu, "ms", "cpu", now, "MiB", "resident", peak, "MiB", "peak"]
            if wall.parse::<f64>().is_ok() && cpu.parse::<f64>().is_ok()
                && [now, peak].iter().all(|mib| mib.parse::<u64>().is_ok_and(|mib| mib > 0))),
            "{line}"
        );
    }
}

/// The scripts (benchmarks, browser and search tests) find the binary
/// through `CARGO_TARGET_DIR`, as CI and the worktrees set it: none may name
/// `target/release` or `target/debug` directly. Running every script here
/// would be slow, so this reads them.
#[test]
fn the_scripts_find_builds_through_cargo_target_dir() {
    let root = repo_root();
    let mut scripts = Vec::new();
    for top in ["tests", "benches"] {
        for entry in walkdir::WalkDir::new(root.join(top)).sort_by_file_name() {
            let entry = entry.unwrap();
            let skip = entry.path().components().any(|c| c.as_os_str() == "node_modules");
            if !skip && entry.path().extension().is_some_and(|ext| ext == "sh") {
                scripts.push(entry.into_path());
            }
        }
    }
    assert!(scripts.len() >= 4, "too few scripts found: {scripts:?}");
    let mut wrong = Vec::new();
    for script in &scripts {
        let text = std::fs::read_to_string(script).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            let names = ["target/release", "target/debug"].iter().any(|dir| code.contains(dir));
            if !code.starts_with('#') && names && !code.contains("CARGO_TARGET_DIR") {
                wrong.push(format!("{}:{}: {line}", script.strip_prefix(&root).unwrap().display(), n + 1));
            }
        }
    }
    assert!(wrong.is_empty(), "use \"${{CARGO_TARGET_DIR:-target}}\" instead:\n{}", wrong.join("\n"));
}

/// The binary alone, in a folder with nothing but what `vanban init` wrote:
/// the built-in theme renders the archive, with its styles and scripts.
#[test]
fn init_then_build_works_in_an_empty_folder_with_the_builtin_theme() {
    let dir = tempfile::tempdir().unwrap();
    let init = vanban(&["init", "kho"], dir.path());
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let project = dir.path().join("kho");
    assert!(!project.join("themes").exists());
    for file in ["vanban.yaml", ".gitignore", "content/quang-ngai/2021/453-cv-tu.md"] {
        assert!(project.join(file).is_file(), "{file}");
    }
    let build = vanban(&["build", "--quiet", "--zip"], &project);
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let zip = std::fs::read(project.join("output.zip")).expect("the zip beside the output");
    let needle = b"van-ban/quang-ngai/2021/453-cv-tu/index.html";
    assert!(zip.windows(needle.len()).any(|w| w == needle), "the zip holds the directive's page");
    let page = std::fs::read_to_string(project.join("output/van-ban/quang-ngai/2021/453-cv-tu/index.html")).unwrap();
    assert!(page.contains("<html lang=\"vi\">") && page.contains("453-CV/TU"), "{page}");
    for asset in ["style.css", "vanban.js", "search.js"] {
        let built = std::fs::read(project.join("output/assets").join(asset)).unwrap();
        assert_eq!(built, std::fs::read(repo_root().join("themes/default/static").join(asset)).unwrap(), "{asset}");
    }
}

/// A second `init` names every file it found, changes none, and fails.
#[test]
fn init_never_overwrites_a_file_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vanban.yaml"), "title: \"Kho của tôi\"\n").unwrap();
    let init = vanban(&["init"], dir.path());
    let stderr = String::from_utf8_lossy(&init.stderr);
    assert_eq!(init.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("kept ./vanban.yaml: it exists already"), "{stderr}");
    assert!(stderr.contains("wrote ./.gitignore"), "{stderr}");
    assert_eq!(std::fs::read_to_string(dir.path().join("vanban.yaml")).unwrap(), "title: \"Kho của tôi\"\n");
}

/// A bad base_url stops the build with the line and column of its value.
#[test]
fn a_bad_base_url_is_reported_with_its_place_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vanban.yaml"), "title: \"Kho\"\nbase_url: \"vanban.example.org\"\n").unwrap();
    let check = vanban(&["check", "--content", &repo_root().join("content").display().to_string()], dir.path());
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("vanban.yaml:2:11"), "{stderr}");
    assert!(stderr.contains("2 │ base_url: \"vanban.example.org\""), "the line, shown: {stderr}");
    assert!(stderr.contains("`base_url` is not a web address"), "{stderr}");
    assert!(stderr.contains("https://vanban.example.org/"), "{stderr}");
}
