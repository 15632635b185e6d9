//! `vanban serve` as a user meets it: the binary on a copy of the valid
//! fixture, a plain HTTP client, edits on disk, and Ctrl-C. Every wait is
//! bounded; a failing test kills the server it started.

mod common;

use common::{copy_tree, fixture, read_tree, repo_root};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

const PAGE_453: &str = "/van-ban/quang-ngai/2021/453-cv-tu/index.html";
const PROVINCE: &str = "/tinh/quang-ngai/index.html";
const LIVE_TAG: &str = "<script src=\"/__vanban/live.js\"></script>";

/// The server process; killed if the test fails before stopping it.
struct Server {
    child: Child,
    port: u16,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(content: &Path, output: &Path) -> Server {
        Server::spawn(&repo_root(), content, output)
    }

    /// A server for a whole project folder (themes, content, output).
    fn start_in(root: &Path) -> Server {
        Server::spawn(root, &root.join("content"), &root.join("output"))
    }

    fn spawn(root: &Path, content: &Path, output: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
            .args(["serve", "--root"])
            .arg(root)
            .arg("--content")
            .arg(content)
            .arg("--output")
            .arg(output)
            .args(["--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start vanban serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        let mut errors = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = errors.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        });
        let (lines, first) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = lines.send(line);
        });
        let mut server = Server { child, port: 0, stderr };
        let line = first.recv_timeout(Duration::from_secs(30)).expect("the server prints its address");
        assert!(line.starts_with("serving http://127.0.0.1:"), "{line}");
        assert!(line.trim_end().ends_with("/ (Ctrl-C to stop)"), "{line}");
        let port = line.trim_start_matches("serving http://127.0.0.1:").split('/').next().unwrap();
        server.port = port.parse().expect("a port");
        server
    }

    /// Sends `request` as it is (no normalising) and returns status, head and body.
    fn raw(&self, method: &str, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, head.to_string(), body.to_string())
    }

    fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.raw("GET", path);
        (status, body)
    }

    fn state(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/__vanban/state").1).expect("state is JSON")
    }

    /// Polls until `check` holds, for at most `seconds`.
    fn eventually(&self, seconds: u64, what: &str, mut check: impl FnMut(&Server) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        while Instant::now() < deadline {
            if check(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("{what}: not within {seconds} s\nserver said:\n{}", self.stderr.lock().unwrap());
    }
}

/// Rewrites a file the way editors save: a new file renamed over the old.
fn save(path: &Path, text: &str) {
    let temp = path.with_extension("md.tmp~");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

#[test]
fn serves_rebuilds_reports_errors_and_stops_on_ctrl_c() {
    let dir = tempfile::tempdir().unwrap();
    let content: PathBuf = dir.path().join("content");
    let output = dir.path().join("output");
    copy_tree(&fixture("valid"), &content);
    let server = Server::start(&content, &output);
    server.eventually(60, "the first build", |s| s.state()["version"].as_u64() >= Some(1));

    // A page, with the live script added on the way out, never on disk.
    let (status, page) = server.get(PAGE_453);
    assert_eq!(status, 200);
    assert!(page.contains(LIVE_TAG), "{page}");
    assert!(page.contains("triển khai thực hiện Kết luận"), "{page}");
    let on_disk = std::fs::read_to_string(output.join(PAGE_453.trim_start_matches('/'))).unwrap();
    assert!(!on_disk.contains("__vanban"));
    assert!(server.get("/__vanban/live.js").1.contains("/__vanban/state"));
    let (status, head, body) = server.raw("HEAD", PAGE_453);
    assert_eq!(status, 200);
    assert!(head.to_ascii_lowercase().contains("content-type: text/html"), "{head}");
    assert!(body.is_empty(), "HEAD has no body");
    let (status, _) = server.get("/tinh/quang-ngai");
    assert_eq!(status, 301, "a folder without its slash is redirected");

    // A new title: on its page and its province's.
    let file = content.join("quang-ngai/453-cv-tu.md");
    let original = std::fs::read_to_string(&file).unwrap();
    save(&file, &original.replacen("title: \"", "title: \"Tiêu đề đã sửa: ", 1));
    server.eventually(10, "the new title on the page", |s| s.get(PAGE_453).1.contains("Tiêu đề đã sửa"));
    // The lists that show it follow in the second pass, once every page is compared.
    server.eventually(10, "and on the province's page", |s| s.get(PROVINCE).1.contains("Tiêu đề đã sửa"));

    // A new directive: its page, and its province lists it.
    let added = content.join("quang-ngai/500-cv-tu.md");
    let new_page = "/van-ban/quang-ngai/2021/500-cv-tu/index.html";
    let text = original.replace("453-CV/TU", "500-CV/TU").replace("2021-06-16", "2021-06-20").replacen(
        "title: \"",
        "title: \"Văn bản mới thêm ",
        1,
    );
    std::fs::write(&added, text).unwrap();
    server.eventually(10, "the new directive's page", |s| s.get(new_page).0 == 200);
    assert!(server.get(new_page).1.contains("Văn bản mới thêm"));
    server.eventually(10, "the province lists it", |s| s.get(PROVINCE).1.contains("Văn bản mới thêm"));
    let in_search_index = || {
        std::fs::read_dir(output.join("tim-kiem/d"))
            .unwrap()
            .any(|f| std::fs::read_to_string(f.unwrap().path()).unwrap_or_default().contains("500-CV/TU"))
    };
    server.eventually(20, "the search index finds it", |_| in_search_index());

    // Deleted: its page is gone, and so is it from its province's list.
    std::fs::remove_file(&added).unwrap();
    server.eventually(10, "the deleted directive's page is gone", |s| s.get(new_page).0 == 404);
    assert!(!output.join(new_page.trim_start_matches('/')).exists());
    // The lists it was on follow in the second pass (`Live::finish`).
    server.eventually(10, "the province no longer lists it", |s| !s.get(PROVINCE).1.contains("Văn bản mới thêm"));
    server.eventually(20, "the search index forgets it", |_| !in_search_index());

    // Bad YAML: the error in the state, with file:line:column; the last good page stays.
    save(&file, &original.replacen("title: \"", "title: [\"", 1));
    server.eventually(10, "the error in the state", |s| s.state()["error"].is_string());
    let error = server.state()["error"].as_str().unwrap().to_string();
    let place = error.find("453-cv-tu.md:").expect("names the file");
    let rest = &error[place + "453-cv-tu.md:".len()..];
    let line: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let column: String =
        rest[line.len()..].strip_prefix(':').unwrap_or("").chars().take_while(char::is_ascii_digit).collect();
    assert!(!line.is_empty() && !column.is_empty(), "line and column: {error}");
    let (status, page) = server.get(PAGE_453);
    assert_eq!(status, 200);
    assert!(page.contains("Tiêu đề đã sửa"), "the last good page is still served");
    assert!(server.stderr.lock().unwrap().contains("453-cv-tu.md:"), "and the terminal shows the error");

    // Fixed: the error clears.
    save(&file, &original);
    server.eventually(10, "the error clears", |s| s.state()["error"].is_null());
    server.eventually(10, "the original title is back", |s| !s.get(PAGE_453).1.contains("Tiêu đề đã sửa"));

    // Nothing outside the output folder, however the path is written.
    std::fs::write(dir.path().join("secret.txt"), "root:x:0:0").unwrap();
    for path in [
        "/../../etc/passwd",
        "/../secret.txt",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/%2E%2E%5Csecret.txt",
        "//etc/passwd",
        "/tinh/../../secret.txt",
        "/index.html%00",
    ] {
        let (status, _, body) = server.raw("GET", path);
        assert!(status == 400 || status == 404, "{path}: {status}");
        assert!(!body.contains("root:"), "{path} leaked a file");
    }
    let (status, body) = server.get("/khong-co/index.html");
    assert_eq!(status, 404);
    assert!(body.contains(LIVE_TAG), "the 404 page reloads too when the page appears");

    // Ctrl-C: exits 0, promptly, and lets the port go.
    let port = server.port;
    let status = Command::new("kill").args(["-INT", &server.child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let mut server = server;
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < deadline, "still running 10 s after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "exit status {exit:?}\n{}", server.stderr.lock().unwrap());
    assert!(std::net::TcpListener::bind(("127.0.0.1", port)).is_ok(), "the port is free again");
    let leftovers: Vec<String> = read_tree(&output).into_keys().filter(|p| p.contains(".vanban-tmp-")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn content_with_errors_at_start_is_reported_and_built_once_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&fixture("valid"), &content);
    let file = content.join("quang-ngai/453-cv-tu.md");
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, original.replace("province: \"Quảng Ngãi\"", "province: \"Quảng Ngãy\"")).unwrap();
    let server = Server::start(&content, &dir.path().join("output"));
    server.eventually(60, "the error in the state", |s| s.state()["error"].is_string());
    assert!(server.state()["error"].as_str().unwrap().contains("Quảng Ngãy"));
    assert_eq!(server.get(PAGE_453).0, 404, "nothing was built");
    save(&file, &original);
    server.eventually(20, "the first build once fixed", |s| s.get(PAGE_453).0 == 200);
    assert!(server.state()["error"].is_null());
}

#[test]
fn a_theme_change_renders_every_page_again_and_a_broken_template_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&repo_root().join("themes"), &root.join("themes"));
    copy_tree(&fixture("valid"), &root.join("content"));
    let server = Server::start_in(root);
    server.eventually(60, "the first build", |s| s.state()["version"].as_u64() >= Some(1));
    let base = root.join("themes/default/templates/base.html");
    let original = std::fs::read_to_string(&base).unwrap();
    let marked = original.replacen("<main id=\"main\">", "<main id=\"main\"><p id=\"marker\">giao diện mới</p>", 1);
    assert_ne!(marked, original);
    std::fs::write(&base, &marked).unwrap();
    for page in [PAGE_453, PROVINCE, "/index.html"] {
        server.eventually(20, "the new template on every page", |s| s.get(page).1.contains("giao diện mới"));
    }
    std::fs::write(&base, original.replacen("{% block content %}", "{% block content %}{% if %}", 1)).unwrap();
    server.eventually(20, "the template error in the state", |s| s.state()["error"].is_string());
    assert!(server.get(PAGE_453).1.contains("giao diện mới"), "the last good pages stay");
    std::fs::write(&base, &original).unwrap();
    server.eventually(20, "the error clears", |s| s.state()["error"].is_null());
    server.eventually(20, "the old template is back", |s| !s.get(PAGE_453).1.contains("giao diện mới"));
}

/// Started with the built-in theme (no `themes/` in the project), the
/// server takes in a theme folder made while it runs, file by file over the
/// built-in one, as `vanban build` would.
#[test]
fn a_theme_folder_made_while_serving_overrides_the_built_in_theme() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&fixture("valid"), &root.join("content"));
    let server = Server::start_in(root);
    server.eventually(60, "the first build", |s| s.state()["version"].as_u64() >= Some(1));
    assert!(!server.get("/assets/style.css").1.contains("giao-dien-moi"));
    let css = root.join("themes/default/static/style.css");
    std::fs::create_dir_all(css.parent().unwrap()).unwrap();
    std::fs::write(&css, "/* giao-dien-moi */\nbody { color: #123; }\n").unwrap();
    server.eventually(20, "the project's style sheet", |s| s.get("/assets/style.css").1.contains("giao-dien-moi"));
    let (status, page) = server.get(PAGE_453);
    assert!(status == 200 && page.contains("453-CV/TU"), "the built-in templates still render the pages");
}

/// Started with broken settings (`broken`, written to `vanban.yaml`), the
/// server shows the problem; a content edit while they are broken must not
/// end its rebuild thread (it did: "loaded before any page is written"), and
/// once the settings are fixed the archive is built and served.
fn recovers_from_settings(broken: &str, shown: &str) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&repo_root().join("themes"), &root.join("themes"));
    copy_tree(&fixture("valid"), &root.join("content"));
    let settings = root.join("vanban.yaml");
    std::fs::write(&settings, broken).unwrap();
    let server = Server::start_in(root);
    server.eventually(60, "the settings' problem in the state", |s| s.state()["error"].is_string());
    assert!(server.state()["error"].as_str().unwrap().contains(shown), "{}", server.state());
    assert_eq!(server.get(PAGE_453).0, 404, "nothing was built");

    let file = root.join("content/quang-ngai/453-cv-tu.md");
    let text = std::fs::read_to_string(&file).unwrap();
    save(&file, &text.replace("title: \"", "title: \"Sửa: "));
    std::thread::sleep(Duration::from_millis(700));
    server.eventually(20, "the problem still shown after an edit", |s| {
        s.state()["error"].as_str().is_some_and(|e| e.contains(shown))
    });

    std::fs::write(&settings, "title: Lưu trữ\n").unwrap();
    server.eventually(30, "the archive once the settings are fixed", |s| s.get(PAGE_453).0 == 200);
    assert!(server.get(PAGE_453).1.contains("Sửa: "), "the edit made while broken is shown");
    assert!(server.state()["error"].is_null(), "{}", server.state());
    save(&file, &text);
    server.eventually(20, "later edits are picked up", |s| !s.get(PAGE_453).1.contains("Sửa: "));
    assert!(!server.stderr.lock().unwrap().contains("panicked"), "{}", server.stderr.lock().unwrap());
}

#[test]
fn started_with_broken_settings_it_recovers_when_they_are_fixed() {
    recovers_from_settings("title: [unclosed\n", "vanban.yaml");
}

#[test]
fn started_with_a_missing_theme_it_recovers_when_the_settings_are_fixed() {
    recovers_from_settings("title: Lưu trữ\ntheme: khong-co\n", "khong-co");
}
