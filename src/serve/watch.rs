//! Watches folders for changes (for `vanban serve`) and hands them on in
//! batches: after the first event, events are collected until the files
//! have been quiet for a moment (an editor's save is several events), so
//! one save is one rebuild.

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the files must be quiet before a batch is handed on.
pub const DEBOUNCE: Duration = Duration::from_millis(100);
/// A batch is handed on after this long, even if events keep coming.
const LONGEST: Duration = Duration::from_secs(2);
/// How often a wait looks at the stop flag.
const TICK: Duration = Duration::from_millis(100);

/// Paths that changed, as the operating system names them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Batch {
    pub paths: BTreeSet<PathBuf>,
    /// Events were lost (the kernel's queue overflowed): look at everything.
    pub rescan: bool,
}

pub struct Watcher {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
}

impl Watcher {
    pub fn new() -> notify::Result<Watcher> {
        let (sender, events) = channel();
        Ok(Watcher { watcher: notify::recommended_watcher(sender)?, events })
    }

    /// Watches a folder and everything below it, or (`recursive` false) the
    /// folder's own entries only.
    pub fn watch(&mut self, path: &Path, recursive: bool) -> notify::Result<()> {
        let mode = if recursive { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
        self.watcher.watch(path, mode)
    }

    /// Waits for changes and returns them once quiet for `debounce`; `None`
    /// when `stop` is set (or the watcher is gone).
    pub fn next_batch(&self, debounce: Duration, stop: &AtomicBool) -> Option<Batch> {
        collect(&self.events, debounce, stop)
    }
}

/// Whether an event can mean new content. Reading a file is no change
/// (the build itself reads the theme); closing a file written to is.
fn relevant(event: &Event) -> bool {
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

fn add(batch: &mut Batch, event: notify::Result<Event>) {
    match event {
        Ok(event) => {
            batch.rescan |= event.need_rescan();
            if relevant(&event) {
                batch.paths.extend(event.paths);
            }
        }
        // The watcher lost track: look at everything.
        Err(_) => batch.rescan = true,
    }
}

fn collect(events: &Receiver<notify::Result<Event>>, debounce: Duration, stop: &AtomicBool) -> Option<Batch> {
    let mut batch = Batch::default();
    // The first relevant event …
    while batch.paths.is_empty() && !batch.rescan {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        match events.recv_timeout(TICK) {
            Ok(event) => add(&mut batch, event),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
    // … then everything until the files are quiet.
    let started = Instant::now();
    while started.elapsed() < LONGEST {
        match events.recv_timeout(debounce) {
            Ok(event) => add(&mut batch, event),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    Some(batch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind};
    use std::sync::mpsc::Sender;

    fn event(kind: EventKind, path: &str) -> notify::Result<Event> {
        Ok(Event::new(kind).add_path(PathBuf::from(path)))
    }

    fn send_later(sender: Sender<notify::Result<Event>>, events: Vec<(u64, notify::Result<Event>)>) {
        std::thread::spawn(move || {
            for (delay, event) in events {
                std::thread::sleep(Duration::from_millis(delay));
                let _ = sender.send(event);
            }
        });
    }

    #[test]
    fn events_close_together_make_one_batch_and_reads_are_ignored() {
        let (sender, receiver) = channel();
        send_later(
            sender,
            vec![
                (0, event(EventKind::Access(AccessKind::Open(AccessMode::Read)), "/c/read.md")),
                (10, event(EventKind::Create(CreateKind::File), "/c/a.md")),
                (20, event(EventKind::Modify(ModifyKind::Any), "/c/a.md")),
                (20, event(EventKind::Access(AccessKind::Close(AccessMode::Write)), "/c/b.md")),
                // Long after: the next batch.
                (400, event(EventKind::Remove(notify::event::RemoveKind::File), "/c/later.md")),
            ],
        );
        let stop = AtomicBool::new(false);
        let first = collect(&receiver, Duration::from_millis(100), &stop).unwrap();
        let paths: Vec<_> = first.paths.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(paths, ["/c/a.md", "/c/b.md"]);
        assert!(!first.rescan);
        let second = collect(&receiver, Duration::from_millis(100), &stop).unwrap();
        assert_eq!(second.paths.len(), 1);
    }

    #[test]
    fn a_lost_event_asks_for_a_rescan_and_stop_ends_the_wait() {
        let (sender, receiver) = channel();
        sender.send(Err(notify::Error::generic("queue overflow"))).unwrap();
        let stop = AtomicBool::new(false);
        assert!(collect(&receiver, Duration::from_millis(10), &stop).unwrap().rescan);
        stop.store(true, Ordering::Relaxed);
        let started = Instant::now();
        assert_eq!(collect(&receiver, Duration::from_millis(10), &stop), None);
        assert!(started.elapsed() < Duration::from_secs(1));
        drop(sender);
    }

    #[test]
    fn a_watched_folder_reports_a_written_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut watcher = Watcher::new().unwrap();
        watcher.watch(dir.path(), true).unwrap();
        std::fs::write(dir.path().join("a.md"), "x").unwrap();
        // Never waits forever: gives up after ten seconds.
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let timer = stop.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(10));
            timer.store(true, Ordering::Relaxed);
        });
        let batch = watcher.next_batch(DEBOUNCE, &stop).expect("an event within ten seconds");
        assert!(batch.paths.iter().any(|p| p.ends_with("a.md")), "{batch:?}");
    }
}
