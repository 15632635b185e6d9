//! The content side of the file system: files that are not regular files,
//! cannot be read, are links, or are not directives. Every one is reported
//! by name; none stops the build from reporting the others, none hangs it.

use crate::common::{directive, exists, Content};
use crate::content_check::reported_in;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

const SYMLINK: &str = "warning: symbolic link not followed | copy the file into content/ instead of linking to it";

fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates the node.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo {}", path.display());
}

/// The diagnostics, or a failure when `vanban check` has not finished in 20 s
/// (opening a named pipe waits for a writer forever).
fn diagnostics_without_hanging(content: Content) -> Vec<String> {
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || send.send(content.diagnostics()).unwrap());
    receive.recv_timeout(Duration::from_secs(20)).expect("vanban check hung")
}

/// A content folder of one directive and a named pipe called `name`, which
/// `vanban check` must report with exactly `expected`, at once.
#[track_caller]
fn named_pipe_reported(name: &str, expected: &str) {
    let content = Content::of(&[("b.md", &directive("title: x\n"))]);
    mkfifo(&content.path(name));
    assert_eq!(diagnostics_without_hanging(content), [expected]);
}

/// A named pipe called `x.md`: an error naming it ("a named pipe"), at once; it was skipped silently.
#[test]
fn named_pipe_called_md() {
    named_pipe_reported(
        "a.md",
        "content/a.md:1:1: error: not a regular file (a named pipe); it cannot be read as a directive | replace it with the directive saved as a text file, or remove it",
    );
}

/// A named pipe with another name: a warning that it is left out.
#[test]
fn named_pipe_with_another_name() {
    named_pipe_reported(
        "pipe",
        "content/pipe:1:1: warning: not a directive (a named pipe); left out | move it out of the content folder",
    );
}

/// A Unix socket called `x.md`: an error naming it ("a socket").
#[test]
fn socket_called_md() {
    let content = Content::new();
    let _listener = std::os::unix::net::UnixListener::bind(content.path("a.md")).unwrap();
    assert_eq!(
        content.diagnostics(),
        ["content/a.md:1:1: error: not a regular file (a socket); it cannot be read as a directive | replace it with the directive saved as a text file, or remove it"]
    );
}

/// `vanban check` of the content, run as the user `nobody` when the tests
/// run as root (as in CI): for root, mode 000 does not stop reads. Its exit
/// code and what it printed on standard error.
fn check_unprivileged(content: &Content, unreadable: &Path) -> (Option<i32>, String) {
    let temp = content.root().parent().unwrap().to_path_buf();
    std::fs::set_permissions(&temp, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(unreadable, std::fs::Permissions::from_mode(0o000)).unwrap();
    let privileged = std::fs::metadata(unreadable).is_ok_and(|m| m.is_dir() && std::fs::read_dir(unreadable).is_ok())
        || std::fs::read(unreadable).is_ok();
    if !privileged {
        return content.check_on_the_terminal();
    }
    // The build folder (in a fresh clone anywhere) may be closed to nobody:
    // run a copy of the binary from the test's own open folder.
    let binary = temp.join("vanban");
    if std::fs::hard_link(env!("CARGO_BIN_EXE_vanban"), &binary).is_err() {
        std::fs::copy(env!("CARGO_BIN_EXE_vanban"), &binary).expect("copy the binary where nobody can run it");
    }
    use std::os::unix::process::CommandExt;
    let output = std::process::Command::new(&binary)
        .args(["check", "--content"])
        .arg(content.root())
        .current_dir(&temp)
        .uid(65534)
        .gid(65534)
        .output()
        .expect("run vanban as nobody");
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// `vanban check` of a content folder holding a directive at `file`, with
/// `unreadable` (the file or a folder above it) made unreadable: it fails
/// with `error` and `help`, naming `unreadable`. What it printed.
#[track_caller]
fn unreadable_reported(content: &Content, file: &str, unreadable: &str, error: &str, help: &str) -> String {
    content.file(file, directive("title: x\n"));
    let (code, stderr) = check_unprivileged(content, &content.path(unreadable));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains(error), "{stderr}");
    assert!(stderr.contains(&format!("in {}", content.path(unreadable).display())), "{stderr}");
    assert!(stderr.contains(help), "{stderr}");
    stderr
}

/// A file that cannot be read (mode 000): an error naming it, with the system's reason and the fix.
#[test]
fn unreadable_file() {
    let stderr = unreadable_reported(
        &Content::new(),
        "a.md",
        "a.md",
        "error: cannot read the file: Permission denied (os error 13)",
        "help: make it readable (`chmod a+r`), or move it out of the content folder",
    );
    assert!(stderr.contains("failed: 1 errors"), "{stderr}");
}

/// A folder that cannot be listed (mode 000): an error naming it, not a silent hole in the archive.
#[test]
fn unreadable_folder() {
    let content = Content::new();
    unreadable_reported(
        &content,
        "2021/a.md",
        "2021",
        "error: cannot read: IO error for operation on",
        "help: make it readable (`chmod a+rX`), or move it out of the content folder",
    );
    // So that the temporary folder can be removed without root.
    std::fs::set_permissions(content.path("2021"), std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A symbolic link to a directive outside `content/`: a warning, the file outside is not read.
#[test]
fn symlink_to_a_file_outside_content() {
    let content = Content::new();
    let outside = content.root().parent().unwrap().join("secret.md");
    std::fs::write(&outside, directive("title: bí mật\n")).unwrap();
    symlink(&outside, content.path("a.md")).unwrap();
    assert_eq!(content.diagnostics(), [format!("content/a.md:1:1: {SYMLINK}")]);
}

/// A symbolic link to nothing: the same warning.
#[test]
fn dangling_symlink() {
    let content = Content::new();
    symlink(content.path("gone.md"), content.path("a.md")).unwrap();
    assert_eq!(content.diagnostics(), [format!("content/a.md:1:1: {SYMLINK}")]);
}

/// Two links pointing at each other: a warning each, no endless walk.
#[test]
fn symlink_loop() {
    let content = Content::new();
    symlink(content.path("b.md"), content.path("a.md")).unwrap();
    symlink(content.path("a.md"), content.path("b.md")).unwrap();
    assert_eq!(content.diagnostics(), [format!("content/a.md:1:1: {SYMLINK}"), format!("content/b.md:1:1: {SYMLINK}")]);
}

/// A link to a folder (`content/old -> /`): a warning, the folder is not walked.
#[test]
fn symlink_to_a_folder() {
    let content = Content::new();
    symlink("/", content.path("old")).unwrap();
    assert_eq!(content.diagnostics(), [format!("content/old:1:1: {SYMLINK}")]);
}

/// A link called `x.md` to a named pipe: a warning, and the pipe is never opened.
#[test]
fn symlink_to_a_named_pipe() {
    let content = Content::new();
    let pipe = content.root().parent().unwrap().join("pipe");
    mkfifo(&pipe);
    symlink(&pipe, content.path("a.md")).unwrap();
    assert_eq!(diagnostics_without_hanging(content), [format!("content/a.md:1:1: {SYMLINK}")]);
}

/// A file that is not `.md` (notes, a scan): a warning that it is left out.
#[test]
fn file_that_is_not_markdown() {
    reported_in(
        &[("ghi-chu.txt", "notes"), ("a.md", &directive("title: x\n"))],
        &["content/ghi-chu.txt:1:1: warning: not a directive (only .md files are read); left out | rename it to .md if it is a directive, or move it out of the content folder"]
    );
}

/// A file ending `.MD` in capitals: left out with the same warning, which says to rename it.
#[test]
fn upper_case_extension() {
    reported_in(
        &[("A.MD", &directive("title: x\n"))],
        &["content/A.MD:1:1: warning: not a directive (only .md files are read); left out | rename it to .md if it is a directive, or move it out of the content folder"]
    );
}

/// A folder called `2021.md`: a folder like any other, its directives are read.
#[test]
fn folder_called_md() {
    let content = Content::of(&[("2021.md/a.md", &directive("title: Về việc phòng, chống dịch\n"))]);
    assert_eq!(content.diagnostics(), Vec::<String>::new());
    assert_eq!(content.titles(), ["Về việc phòng, chống dịch"]);
}

/// A file name that is not UTF-8 (from an old Windows share): read, and named with U+FFFD where the bad byte is.
#[test]
fn file_name_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let content = Content::new();
    let name = std::ffi::OsStr::from_bytes(b"vi\xEAt.md");
    std::fs::write(content.root().join(name), directive("title: x\ndat: 2021\n")).unwrap();
    assert_eq!(content.diagnostics(), ["content/vi\u{FFFD}t.md:3:1: error: unknown key `dat` | did you mean `date`?"]);
}

/// A content folder that does not exist: an error naming it, not an empty archive.
#[test]
fn missing_content_folder() {
    let content = Content::new();
    std::fs::remove_dir(content.root()).unwrap();
    assert_eq!(
        content.diagnostics(),
        ["content:1:1: error: content folder not found | create it, or name another with --content DIR"]
    );
}

/// `--content` naming a file: the same error.
#[test]
fn content_folder_is_a_file() {
    let content = Content::new();
    std::fs::remove_dir(content.root()).unwrap();
    std::fs::write(content.root(), directive("title: x\n")).unwrap();
    assert!(exists(&content.root()));
    assert_eq!(
        content.diagnostics(),
        ["content:1:1: error: content folder not found | create it, or name another with --content DIR"]
    );
}
