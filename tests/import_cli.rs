//! `vanban import` as an editor runs it: files land where they should, are
//! never overwritten without --force, and pass `vanban check`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn vanban(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).output().expect("vanban runs")
}

fn run(args: &[&str]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    vanban(&args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn seed(prefix: &str) -> PathBuf {
    common::seed_path(prefix)
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// Every file under `dir`, relative, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn imports_a_seed_to_its_path_and_never_overwrites_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let seed = seed("001_");
    let imported = run(&["import", "--content", path_str(&content), path_str(&seed)]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let target = content.join("ninh-binh/2020/2644-cv-tu.md");
    let written = std::fs::read_to_string(&target).expect("the imported file");
    assert!(written.starts_with("---\ntitle: \"tăng cường công tác phòng, chống dịch Covid-19 trong tình hình mới\"\n"));
    let summary = stderr(&imported);
    assert!(summary.contains(&format!("→ {}", target.display())), "{summary}");
    assert!(
        summary.contains("  found: number, type, issuer, province, date, place, title, recipients (3)"),
        "{summary}"
    );
    assert!(summary.contains("  inferred: —\n  missing: —\n"), "{summary}");

    // Again, without --force: refused, the file (here edited by hand) unchanged.
    std::fs::write(&target, "edited by an editor").unwrap();
    let again = run(&["import", "--content", path_str(&content), path_str(&seed)]);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists and was not changed; use --force to replace it"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "edited by an editor");

    // With --force: replaced by the import.
    let forced = run(&["import", "--force", "--content", path_str(&content), path_str(&seed)]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), written);
    assert_eq!(files_under(&content), ["ninh-binh/2020/2644-cv-tu.md"], "no temporary file left behind");
}

#[test]
fn stdout_prints_the_file_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let printed = run(&["import", "--stdout", "--content", path_str(&content), path_str(&seed("003_"))]);
    assert!(printed.status.success(), "{}", stderr(&printed));
    let file = String::from_utf8(printed.stdout.clone()).unwrap();
    assert!(file.starts_with("---\ntitle: \"triển khai thực hiện Kết luận của Bộ Chính trị"), "{file}");
    assert!(file.ends_with("\n\nĐặng Ngọc Huy\n"));
    assert!(stderr(&printed).contains("→ standard output"));
    assert!(!content.exists());
    // The printed file is the file import would write.
    let written = run(&["import", "--content", path_str(&content), path_str(&seed("003_"))]);
    assert!(written.status.success());
    assert_eq!(std::fs::read_to_string(content.join("quang-ngai/2021/453-cv-tu.md")).unwrap(), file);
}

#[test]
fn imported_seeds_pass_vanban_check() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let seeds: Vec<PathBuf> = ["000_", "001_", "003_", "004_"].into_iter().map(seed).collect();
    let mut args = vec!["import", "--content", path_str(&content)];
    args.extend(seeds.iter().map(|s| path_str(s)));
    let imported = run(&args);
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(stderr(&imported).ends_with("imported 4 of 4 files\n"), "{}", stderr(&imported));
    assert_eq!(
        files_under(&content),
        [
            "khong-ro-tinh/khong-ro/000-efe6cc8491401fd3.md",
            "khong-ro-tinh/khong-ro/004-f7e6265e96402aee.md",
            "ninh-binh/2020/2644-cv-tu.md",
            "quang-ngai/2021/453-cv-tu.md",
        ]
    );
    let checked = run(&["check", "--content", path_str(&content), "--root", path_str(tmp.path())]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(stderr(&checked).contains("4 directives, no errors"), "{}", stderr(&checked));
}

#[test]
fn refuses_empty_binary_and_legacy_encoded_files_with_clear_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let cases: [(&str, Vec<u8>, &str); 4] = [
        ("empty.txt", Vec::new(), "empty file"),
        ("blank.txt", b"\n \n".to_vec(), "empty file"),
        ("scan.png", [&b"\x89PNG\r\n\x1a\n"[..], &[0u8; 512]].concat(), "not a text file: it is a PNG image"),
        ("old.txt", b"Vi\xEA\xF2t Nam".to_vec(), "Windows-1258 (Vietnamese Windows)"),
    ];
    for (name, bytes, message) in cases {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let output = run(&["import", "--content", path_str(&content), path_str(&path)]);
        assert!(!output.status.success(), "{name}");
        let said = stderr(&output);
        assert!(said.starts_with(&format!("{}: error: ", path.display())), "{name}: {said}");
        assert!(said.contains(message), "{name}: {said}");
    }
    assert!(!content.exists(), "nothing written");
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let missing = tmp.path().join("missing.txt");
    let output = run(&["import", "--content", path_str(&content), path_str(&missing), path_str(&seed("003_"))]);
    assert!(!output.status.success());
    let messages = stderr(&output);
    assert!(messages.contains("missing.txt: error: cannot read the file"), "{messages}");
    assert!(messages.ends_with("imported 1 of 2 files\n"), "{messages}");
    assert!(content.join("quang-ngai/2021/453-cv-tu.md").exists());
}

#[test]
fn no_file_is_an_error() {
    let output = run(&["import"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("no file given"), "{}", stderr(&output));
}
