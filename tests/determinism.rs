//! The same input gives byte-identical output, whatever the thread count
//! or the order the file system lists files in.

mod common;

use common::{fixture, read_tree, repo_root, vanban};
use std::path::Path;

fn build_with(content: &Path, out: &Path, jobs: &str) {
    let output = vanban(
        &["build", "--content", &content.display().to_string(), "--output", &out.display().to_string(), "--jobs", jobs],
        &repo_root(),
    );
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// Copies the fixture's files in the given order, so that the directory
/// entries are created (and on most file systems listed) differently.
fn copy_in_order(from: &Path, to: &Path, reverse: bool) {
    let mut files: Vec<_> = read_tree(from).into_iter().collect();
    if reverse {
        files.reverse();
    }
    for (rel, bytes) in files {
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

#[test]
fn output_is_identical_across_thread_counts_and_listing_orders() {
    let dir = tempfile::tempdir().unwrap();
    let (forward, backward) = (dir.path().join("a/content"), dir.path().join("b/content"));
    copy_in_order(&fixture("valid"), &forward, false);
    copy_in_order(&fixture("valid"), &backward, true);
    build_with(&forward, &dir.path().join("one-thread"), "1");
    build_with(&backward, &dir.path().join("two-threads"), "2");
    let one = read_tree(&dir.path().join("one-thread"));
    let two = read_tree(&dir.path().join("two-threads"));
    assert!(one.len() > 50);
    assert_eq!(one.keys().collect::<Vec<_>>(), two.keys().collect::<Vec<_>>());
    for (path, bytes) in &one {
        assert!(bytes == &two[path], "{path} differs");
    }
}

#[test]
fn the_seed_archive_builds_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let output = vanban(&["build", "--output", &out.display().to_string()], &repo_root());
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("4 directives"), "{stderr}");
    assert!(out.join("van-ban/ninh-binh/2020/2644-cv-tu/index.html").is_file());
}
