//! `vanban serve`: the archive on a local web server (127.0.0.1 only) that
//! rebuilds what each edit changes and reloads the browser.
//!
//! The server serves the output folder and nothing else: a request path is
//! percent-decoded once, refused if it holds `..`, a backslash or a NUL,
//! and the file it names must still be inside the folder once links are
//! resolved. Every HTML page it sends gets a small script
//! (`/__vanban/live.js`) that polls `/__vanban/state` and reloads the page
//! after a rebuild, or shows the build's errors over it; files on disk are
//! never changed for this.

pub mod incremental;
pub mod live;
pub mod watch;

use crate::progress::{self, Progress};
use crate::serve::live::{Changes, Live, Report};
use crate::serve::watch::{Batch, Watcher, DEBOUNCE};
use crate::site::BuildOptions;
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, Server};

/// The tag put before `</body>` of every page served.
pub const LIVE_TAG: &str = "<script src=\"/__vanban/live.js\"></script>";

/// Polls the state; reloads after a rebuild; shows errors over the page
/// (as text, never as HTML) until they are fixed, then reloads.
const LIVE_JS: &str = r#"// vanban serve: reload after a rebuild, show build errors over the page.
(function () {
  "use strict";
  var seen = null;
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "vanban-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;top:0;left:0;width:100%;height:100%;box-sizing:border-box;" +
        "z-index:2147483647;overflow:auto;margin:0;padding:1.5em;background:#181818;color:#f4f4f4;" +
        "font:14px/1.45 ui-monospace,Menlo,Consolas,monospace";
      var title = document.createElement("p");
      title.textContent = "vanban: not rebuilt; the last good pages stay until this is fixed";
      title.style.cssText = "margin:0 0 1em;font-weight:bold;color:#ff9e80";
      var text = document.createElement("pre");
      text.style.cssText = "margin:0;white-space:pre-wrap";
      overlay.appendChild(title);
      overlay.appendChild(text);
      document.body.appendChild(overlay);
    }
    overlay.lastChild.textContent = text;
  }
  function poll() {
    fetch("/__vanban/state", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (seen === null) { seen = state.version; }
        if (state.error) {
          show(state.error);
        } else if (overlay || state.version !== seen) {
          location.reload();
          return;
        }
        setTimeout(poll, 300);
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"#;

/// What the browser polls: a number that grows with every rebuild, and the
/// errors that stopped the last one.
#[derive(Debug, Default)]
pub struct LiveState {
    pub version: u64,
    pub error: Option<String>,
}

impl LiveState {
    fn json(&self) -> String {
        serde_json::json!({ "version": self.version, "error": self.error }).to_string()
    }
}

/// Threads answering requests.
const WORKERS: usize = 4;
/// How often idle threads look at the stop flag.
const TICK: Duration = Duration::from_millis(100);

/// Runs until Ctrl-C.
pub fn run(mut options: BuildOptions, port: u16) -> ExitCode {
    // The first build replaces the output folder, and every later one
    // writes into it: refused, before anything else, where a build is.
    match crate::output::guard::check_output(&options) {
        Ok(output) => options.output = output,
        Err(problem) => {
            eprint!("{}", crate::diagnostics::render(&[problem], |_| None));
            eprintln!("failed: 1 error; nothing was changed");
            return ExitCode::FAILURE;
        }
    }
    let server = match Server::http(("127.0.0.1", port)) {
        Ok(server) => Arc::new(server),
        Err(error) => {
            eprintln!("error: cannot listen on 127.0.0.1:{port}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let port = server.server_addr().to_ip().map_or(port, |address| address.port());
    let stop = Arc::new(AtomicBool::new(false));
    let (signal, signalled) = mpsc::channel();
    if let Err(error) = ctrlc::set_handler(move || {
        let _ = signal.send(());
    }) {
        eprintln!("error: cannot catch Ctrl-C: {error}");
        return ExitCode::FAILURE;
    }
    // Watch before reading anything, so that no change is missed.
    let mut places = Places::new(&options);
    let watcher = match places.watch() {
        Ok(watcher) => watcher,
        Err(error) => {
            eprintln!("error: cannot watch {}: {error}", options.content.display());
            return ExitCode::FAILURE;
        }
    };
    let state = Arc::new(Mutex::new(LiveState::default()));
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (server, state, stop, root) = (server.clone(), state.clone(), stop.clone(), options.output.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if let Ok(Some(request)) = server.recv_timeout(TICK) {
                        // A request that trips a bug is dropped; the thread goes on serving.
                        if let Err(panic) = guarded(|| handle(request, &root, &state)) {
                            eprintln!("error: internal error in vanban while answering a request: {panic}");
                        }
                    }
                }
            })
        })
        .collect();
    println!("serving http://127.0.0.1:{port}/ (Ctrl-C to stop)");
    let _ = std::io::stdout().flush();

    let (finished, done) = mpsc::channel();
    {
        let (state, stop) = (state.clone(), stop.clone());
        std::thread::spawn(move || {
            rebuild(&options, &mut places, watcher, &state, &stop);
            let _ = finished.send(());
        });
    }
    let _ = signalled.recv();
    eprintln!("stopping");
    stop.store(true, Ordering::Relaxed);
    for worker in workers {
        let _ = worker.join();
    }
    drop(server);
    // A build under way stops at its next page (and removes its staging
    // folder); reading a large content folder cannot be interrupted.
    let _ = done.recv_timeout(Duration::from_secs(5));
    ExitCode::SUCCESS
}

/// The first build, then one rebuild per batch of changes, until stopped.
fn rebuild(
    options: &BuildOptions,
    places: &mut Places,
    mut watcher: Watcher,
    state: &Mutex<LiveState>,
    stop: &AtomicBool,
) {
    let progress = progress::for_stderr(false);
    let mut live = start(options, progress.as_ref(), state, stop);
    while let Some(batch) = watcher.next_batch(DEBOUNCE, stop) {
        let Some(current) = live.as_mut() else {
            // The last step failed inside vanban: read everything again.
            live = start(options, progress.as_ref(), state, stop);
            continue;
        };
        let changes = places.classify(&batch, current);
        if changes == Changes::default() {
            continue;
        }
        if changes.theme {
            // The settings may name another theme, or `templates/` may be new.
            places.theme = crate::site::theme_folder(options);
            places.watch_theme(&mut watcher);
        }
        match guarded(|| apply(current, &changes, state, options, stop)) {
            Ok(()) => {}
            Err(panic) => {
                tell_bug(state, &panic);
                live = start(options, progress.as_ref(), state, stop);
            }
        }
        if stop.load(Ordering::Relaxed) {
            break;
        }
    }
}

/// The first build. `None` when it failed inside vanban (a bug), which is
/// reported like any failure; the next change tries again.
fn start(options: &BuildOptions, progress: &dyn Progress, state: &Mutex<LiveState>, stop: &AtomicBool) -> Option<Live> {
    match guarded(|| Live::start(options, progress, stop)) {
        Ok((live, report)) => {
            tell(state, &report, About::FirstBuild, options);
            if live.base_url().is_empty() {
                eprintln!("note: {}", crate::site::NO_BASE_URL);
            }
            Some(live)
        }
        Err(panic) => {
            tell_bug(state, &panic);
            None
        }
    }
}

/// One batch of changes: the pages that show them, then the pages that only
/// count them, then the search index.
fn apply(live: &mut Live, changes: &Changes, state: &Mutex<LiveState>, options: &BuildOptions, stop: &AtomicBool) {
    let report = live.apply(changes, stop);
    if stop.load(Ordering::Relaxed) {
        return;
    }
    tell(state, &report, About::Changes(changes), options);
    if let Some(report) = live.finish(stop) {
        // The pages that only show new counts or shifted lists.
        if stop.load(Ordering::Relaxed) {
            return;
        }
        tell(state, &report, About::Following, options);
    }
    if matches!(report, Report::Rebuilt { .. }) {
        // After the browser has been told: the pages come first.
        match live.refresh_search() {
            Ok(Some((seconds, files))) => eprintln!("search index updated in {seconds:.2} s ({files} files)"),
            Ok(None) => {}
            Err(problems) => {
                let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
                eprintln!("search index not updated: {}", problems.join("; "))
            }
        }
    }
}

/// Runs a step of a server thread. A panic in it (a bug in vanban) comes
/// back as its message instead of ending the thread silently.
fn guarded<T>(step: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(step)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into())
    })
}

/// A rebuild that failed inside vanban, on the terminal and the overlay.
fn tell_bug(state: &Mutex<LiveState>, panic: &str) {
    let message = format!(
        "internal error in vanban: {panic}\nThis is a bug in vanban, not in your files: please report it. \
         The archive is read again from the start; the last good pages are served meanwhile.\n"
    );
    eprint!("error: {message}");
    let mut state = state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    state.error = Some(message);
}

/// What a report is about.
enum About<'a> {
    FirstBuild,
    Changes(&'a Changes),
    /// The pages an update left for after the reader was told.
    Following,
}

/// Reports a rebuild on the terminal and to the browser.
fn tell(state: &Mutex<LiveState>, report: &Report, about: About, options: &BuildOptions) {
    let mut state = state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    match report {
        Report::Rebuilt { pages, removed, following, seconds, warnings } => {
            eprint!("{warnings}");
            let removed = if *removed > 0 { format!(", removed {removed},") } else { String::new() };
            let following = if *following { "; the pages that only count it to follow" } else { "" };
            match about {
                About::FirstBuild => eprintln!("built {}: {pages} pages in {seconds:.2} s", options.output.display()),
                About::Changes(changes) => eprintln!(
                    "rebuilt {pages} pages{removed} in {seconds:.2} s ({}){following}",
                    describe(changes, options)
                ),
                About::Following => eprintln!("rebuilt {pages} more pages in {seconds:.2} s (every page compared)"),
            }
            state.version += 1;
            state.error = None;
        }
        Report::Unchanged => {
            if state.error.take().is_some() {
                eprintln!("fixed: the archive is as it was");
            }
        }
        Report::Failed { rendered, errors } => {
            eprint!("{rendered}");
            eprintln!("failed: {errors} errors; serving the last good pages");
            state.error = Some(format!("{rendered}failed: {errors} errors"));
        }
    }
}

fn describe(changes: &Changes, options: &BuildOptions) -> String {
    if changes.theme {
        return "the theme or the settings changed".into();
    }
    if changes.rescan {
        return "read everything again".into();
    }
    // Directives first: an editor's save also touches temporary files.
    let mut named: Vec<&String> = changes.content.iter().filter(|rel| rel.ends_with(".md")).collect();
    if named.is_empty() {
        named = changes.content.iter().collect();
    }
    let first = named.first().map(|rel| options.content.join(rel).display().to_string()).unwrap_or_default();
    match named.len() {
        0 | 1 => format!("{first} changed"),
        n => format!("{first} and {} more changed", n - 1),
    }
}

/// What is watched, and which change is which.
struct Places {
    content: PathBuf,
    root: PathBuf,
    theme: PathBuf,
    templates: PathBuf,
    settings: PathBuf,
    watched: Vec<PathBuf>,
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

impl Places {
    fn new(options: &BuildOptions) -> Places {
        let root = canonical(&options.project_root);
        Places {
            content: canonical(&options.content),
            theme: canonical(&crate::site::theme_folder(options)),
            templates: root.join("templates"),
            settings: root.join(crate::content::config::CONFIG_FILE),
            root,
            watched: Vec::new(),
        }
    }

    /// The content folder, the theme, `templates/` and the project folder's
    /// own entries (settings, a new `templates/`).
    fn watch(&mut self) -> notify::Result<Watcher> {
        let mut watcher = Watcher::new()?;
        watcher.watch(&self.content, true)?;
        let _ = watcher.watch(&self.root, false);
        self.watch_theme(&mut watcher);
        Ok(watcher)
    }

    fn watch_theme(&mut self, watcher: &mut Watcher) {
        self.theme = canonical(&self.theme);
        // A theme folder that does not exist yet (the built-in theme is in
        // use): `themes/`, once it exists, so that the folder's creation is
        // seen (the project folder itself is watched for `themes/`).
        let parent = self.theme.parent().filter(|parent| *parent != self.root).map(Path::to_path_buf);
        let folders = [(self.theme.clone(), true), (self.templates.clone(), true)];
        for (dir, recursive) in folders.into_iter().chain(parent.map(|parent| (parent, false))) {
            if dir.is_dir() && !self.watched.contains(&dir) && watcher.watch(&dir, recursive).is_ok() {
                self.watched.push(dir);
            }
        }
    }

    /// Whether `path` is the theme folder or one of the folders above it in
    /// the project (`themes/`): made or removed, the theme changes.
    fn holds_theme(&self, path: &Path) -> bool {
        path.starts_with(&self.theme)
            || (path != self.root && path.starts_with(&self.root) && self.theme.starts_with(path))
    }

    fn classify(&self, batch: &Batch, live: &Live) -> Changes {
        let mut changes = Changes { rescan: batch.rescan, ..Changes::default() };
        for path in &batch.paths {
            if path.starts_with(&self.content) {
                // The content folder itself changing tells nothing of its files.
                if let Some(rel) = live.session().rel_path(path).filter(|rel| !rel.is_empty()) {
                    changes.content.insert(rel);
                }
            } else if self.holds_theme(path) || path.starts_with(&self.templates) || *path == self.settings {
                changes.theme = true;
            }
        }
        changes
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn respond(request: Request, status: u16, content_type: &str, body: Vec<u8>, extra: Option<Header>) {
    let mut response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    if let Some(extra) = extra {
        response.add_header(extra);
    }
    // The browser may have gone: nothing to do about it.
    let _ = request.respond(response);
}

fn handle(request: Request, root: &Path, state: &Mutex<LiveState>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return respond(
            request,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed\n".to_vec(),
            Some(header("Allow", "GET, HEAD")),
        );
    }
    let url = request.url().to_string();
    match url.split(['?', '#']).next().unwrap_or("") {
        "/__vanban/live.js" => {
            return respond(request, 200, "text/javascript; charset=utf-8", LIVE_JS.as_bytes().to_vec(), None)
        }
        "/__vanban/state" => {
            let json = state.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).json();
            return respond(request, 200, "application/json", json.into_bytes(), None);
        }
        _ => {}
    }
    match resolve(root, &url) {
        Target::File(path) => match std::fs::read(&path) {
            Ok(bytes) => {
                let kind = content_type(&path);
                let body = if kind.starts_with("text/html") { inject(&bytes) } else { bytes };
                respond(request, 200, &kind, body, None);
            }
            Err(_) => not_found(request),
        },
        Target::Redirect(location) => {
            respond(request, 301, "text/plain; charset=utf-8", Vec::new(), Some(header("Location", &location)))
        }
        Target::NotFound => not_found(request),
        Target::BadRequest => respond(request, 400, "text/plain; charset=utf-8", b"bad request\n".to_vec(), None),
    }
}

fn not_found(request: Request) {
    let page = "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>404</title></head>\n\
                <body><h1>404</h1><p>Không có trang này. <a href=\"/index.html\">Trang chủ</a></p></body></html>\n";
    respond(request, 404, "text/html; charset=utf-8", inject(page.as_bytes()), None);
}

/// What a request path names in the output folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    File(PathBuf),
    /// A folder asked for without its final `/`: relative links need it.
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Resolves a request path in `root`. Never names anything outside it.
pub fn resolve(root: &Path, url: &str) -> Target {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Target::BadRequest;
    }
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return Target::BadRequest;
    };
    if decoded.contains(['\0', '\\']) {
        return Target::BadRequest;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Target::BadRequest,
            // Hidden files, and files being written (`.vanban-tmp-…`).
            s if s.starts_with('.') => return Target::NotFound,
            s => {
                let mut components = Path::new(s).components();
                if !matches!((components.next(), components.next()), (Some(Component::Normal(_)), None)) {
                    return Target::BadRequest;
                }
                segments.push(s);
            }
        }
    }
    let Ok(root) = std::fs::canonicalize(root) else { return Target::NotFound };
    let inside = |path: &Path| std::fs::canonicalize(path).ok().filter(|real| real.starts_with(&root));
    let Some(real) = inside(&segments.iter().fold(root.clone(), |path, s| path.join(s))) else {
        return Target::NotFound;
    };
    if real.is_dir() {
        if !decoded.ends_with('/') {
            let mut location: String = segments.iter().map(|s| format!("/{}", percent_encode(s))).collect();
            location.push('/');
            return Target::Redirect(location);
        }
        return match inside(&real.join("index.html")) {
            Some(index) if index.is_file() => Target::File(index),
            _ => Target::NotFound,
        };
    }
    if real.is_file() {
        Target::File(real)
    } else {
        Target::NotFound
    }
}

/// `%XX` escapes to bytes; `None` for a malformed escape.
/// Bytes a redirect's path segment keeps as they are: RFC 3986's unreserved
/// characters; everything else is percent-encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

fn percent_encode(segment: &str) -> String {
    utf8_percent_encode(segment, SEGMENT).to_string()
}

/// The media type of a file, by its extension; text is UTF-8.
pub fn content_type(path: &Path) -> String {
    let kind = mime_guess::from_path(path).first_or_octet_stream();
    if kind.type_() == mime_guess::mime::TEXT || kind.subtype() == mime_guess::mime::JAVASCRIPT {
        format!("{}; charset=utf-8", kind.essence_str())
    } else {
        kind.essence_str().to_string()
    }
}

/// The page with the live script before its last `</body>` (at the end
/// when it has none).
pub fn inject(html: &[u8]) -> Vec<u8> {
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + LIVE_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(LIVE_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_step_comes_back_as_its_message_and_is_shown_on_the_overlay() {
        let state = Mutex::new(LiveState::default());
        let outcome = guarded(|| -> u32 { panic!("index out of range: {}", 7) });
        tell_bug(&state, &outcome.unwrap_err());
        let shown = state.lock().unwrap().error.clone().unwrap();
        assert!(shown.starts_with("internal error in vanban: index out of range: 7\n"), "{shown}");
        assert_eq!(guarded(|| 5), Ok(5));
    }

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("output");
        std::fs::create_dir_all(root.join("tinh/ha-noi")).unwrap();
        std::fs::write(root.join("index.html"), "home").unwrap();
        std::fs::write(root.join("tinh/ha-noi/index.html"), "hn").unwrap();
        std::fs::write(root.join(".vanban-tmp-1-2"), "half").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        dir
    }

    fn file(target: Target) -> String {
        match target {
            Target::File(path) => std::fs::read_to_string(path).unwrap(),
            other => panic!("not a file: {other:?}"),
        }
    }

    #[test]
    fn folders_serve_their_index_and_need_their_slash() {
        let dir = site();
        let root = dir.path().join("output");
        assert_eq!(file(resolve(&root, "/")), "home");
        assert_eq!(file(resolve(&root, "/index.html?x=1#top")), "home");
        assert_eq!(file(resolve(&root, "/tinh/ha-noi/")), "hn");
        assert_eq!(file(resolve(&root, "/tinh/ha%2Dnoi/index.html")), "hn");
        assert_eq!(resolve(&root, "/tinh/ha-noi"), Target::Redirect("/tinh/ha-noi/".into()));
        assert_eq!(resolve(&root, "//tinh//ha-noi"), Target::Redirect("/tinh/ha-noi/".into()), "never `//host`");
        assert_eq!(resolve(&root, "/nothing.html"), Target::NotFound);
        assert_eq!(resolve(&root, "/.vanban-tmp-1-2"), Target::NotFound, "half-written files are never served");
    }

    #[test]
    fn no_path_leaves_the_output_folder() {
        let dir = site();
        let root = dir.path().join("output");
        for url in [
            "/../secret.txt",
            "/tinh/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/tinh/%2e%2e/%2e%2e/secret.txt",
            "/..%5csecret.txt",
            "/tinh\\..\\..\\secret.txt",
            "/index.html%00.png",
            "/%zz",
            "/%e0%80",
            "secret.txt",
        ] {
            let target = resolve(&root, url);
            assert!(matches!(target, Target::BadRequest | Target::NotFound), "{url}: {target:?}");
        }
        for url in ["//etc/passwd", "/etc/passwd", &format!("/{}", dir.path().join("secret.txt").display())] {
            assert_eq!(resolve(&root, url), Target::NotFound, "{url}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_are_not_followed() {
        let dir = site();
        let root = dir.path().join("output");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        std::os::unix::fs::symlink(root.join("index.html"), root.join("inside.html")).unwrap();
        assert_eq!(resolve(&root, "/link.txt"), Target::NotFound);
        assert_eq!(resolve(&root, "/up/secret.txt"), Target::NotFound);
        assert_eq!(file(resolve(&root, "/inside.html")), "home", "a link within the folder is fine");
    }

    #[test]
    fn content_types_by_extension() {
        for (name, kind) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.CSS", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.png", "image/png"),
            ("a.svg", "image/svg+xml"),
            ("a.txt", "text/plain; charset=utf-8"),
            ("a.json", "application/json"),
            ("a.xml", "text/xml; charset=utf-8"),
            ("a.woff2", "font/woff2"),
            ("a.ico", "image/x-icon"),
            ("a.zip", "application/zip"),
            ("a", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), kind, "{name}");
        }
    }

    #[test]
    fn the_live_script_goes_before_the_last_body_end() {
        assert_eq!(
            String::from_utf8(inject(b"<body><p>x</p></BODY></html>")).unwrap(),
            format!("<body><p>x</p>{LIVE_TAG}</BODY></html>")
        );
        assert_eq!(String::from_utf8(inject(b"<p>x</p>")).unwrap(), format!("<p>x</p>{LIVE_TAG}"));
    }

    #[test]
    fn the_state_is_json_with_the_error_escaped() {
        let state = LiveState { version: 3, error: Some("bad \"YAML\" <script>\n".into()) };
        let value: serde_json::Value = serde_json::from_str(&state.json()).unwrap();
        assert_eq!(value["version"], 3);
        assert_eq!(value["error"], "bad \"YAML\" <script>\n");
        assert_eq!(LiveState::default().json(), r#"{"error":null,"version":0}"#);
    }
}
