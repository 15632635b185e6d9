//! Invalid content: every problem reported at once, each with file, line,
//! column and a fix, and a failed build never touches the previous output.

mod common;

use common::{fixture, repo_root, vanban, Built};
use vanban::site::{check, BuildOptions, Timings};

fn invalid_errors() -> Vec<String> {
    let options = BuildOptions { content: fixture("invalid"), ..BuildOptions::in_project(repo_root()) };
    let failure = check(&options, &mut Timings::default()).err().expect("invalid content must fail");
    failure.errors().map(|d| format!("{} | {}", d.short(), d.help.clone().unwrap_or_default())).collect()
}

#[test]
fn each_problem_yields_one_clear_diagnostic_all_in_one_run() {
    let errors = invalid_errors();
    let dir = fixture("invalid").display().to_string();
    let expected_starts = [
        format!("{dir}/bad-yaml.md:3:1: error: invalid YAML"),
        format!("{dir}/impossible-date.md:3:7: error: `date` is not a valid date: 2021-02 has 28 days, so day 30 does not exist"),
        format!("{dir}/second.md:3:1: error: duplicate directive 12-CV/TU"),
        format!("{dir}/unknown-key.md:3:1: error: unknown key `dat` | did you mean `date`?"),
        format!("{dir}/unknown-province.md:3:12: error: unknown province `Quảng Ngải Xa` | did you mean `Quảng Ngãi`?"),
    ];
    assert_eq!(errors.len(), expected_starts.len(), "{errors:#?}");
    for (error, start) in errors.iter().zip(&expected_starts) {
        assert!(error.starts_with(start.as_str()), "\n got: {error}\nwant: {start}");
    }
}

#[test]
fn the_duplicate_points_back_at_the_first_file() {
    let options = BuildOptions { content: fixture("invalid"), ..BuildOptions::in_project(repo_root()) };
    let failure = check(&options, &mut Timings::default()).err().unwrap();
    let duplicate = failure.errors().find(|d| d.message.starts_with("duplicate")).unwrap();
    assert!(duplicate.notes[0].ends_with("first.md"), "{:?}", duplicate.notes);
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let built = Built::fixture("valid");
    let before = built.files();
    assert!(!before.is_empty());
    let options = vanban::site::BuildOptions {
        project_root: repo_root(),
        content: fixture("invalid"),
        output: built.output(),
        theme: None,
        zip: None,
        force: false,
    };
    assert!(vanban::site::build(&options).is_err());
    assert_eq!(built.files(), before, "output changed by a failed build");
    let leftovers: Vec<_> = std::fs::read_dir(built.dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["output"], "no staging folder left behind");
}

#[test]
fn the_command_line_shows_each_offending_line_and_fails() {
    let output = vanban(&["check", "--content", "tests/fixtures/invalid"], &repo_root());
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for line in [
        "dat: 2021-06-16",
        "date: 2021-02-30",
        "province: \"Quảng Ngải Xa\"",
        "recipients: [a, b",
        "number: \"12-CV/TU\"",
    ] {
        assert!(stderr.contains(line), "offending line {line:?} not shown:\n{stderr}");
    }
    assert!(stderr.contains("failed: 5 errors; the output was not changed"), "{stderr}");
}

#[test]
fn files_that_are_not_directives_are_reported_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(content.join("ghi-chu.txt"), "notes").unwrap();
    std::fs::write(content.join("latin1.md"), b"---\ntitle: Vi\xeat Nam\n---\n").unwrap();
    std::fs::write(content.join("no-front-matter.md"), "Just text\n").unwrap();
    let options = BuildOptions { content: content.clone(), ..BuildOptions::in_project(repo_root()) };
    let failure = check(&options, &mut Timings::default()).err().unwrap();
    let all: Vec<String> = failure.diagnostics.iter().map(|d| d.short()).collect();
    assert!(all.iter().any(|d| d.contains("ghi-chu.txt") && d.contains("warning: not a directive")), "{all:#?}");
    assert!(all.iter().any(|d| d.contains("latin1.md") && d.contains("not UTF-8")), "{all:#?}");
    assert!(all.iter().any(|d| d.contains("no-front-matter.md:1:1: error: no front matter")), "{all:#?}");
}

#[test]
fn a_missing_content_folder_is_an_error_not_an_empty_archive() {
    let options = BuildOptions { content: repo_root().join("no-such-folder"), ..BuildOptions::in_project(repo_root()) };
    let failure = check(&options, &mut Timings::default()).err().unwrap();
    assert!(failure.errors().next().unwrap().message.contains("content folder not found"));
}
