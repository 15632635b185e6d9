//! Watches folders for changes (for `vanban serve`) and hands them on in
//! batches, so that one save is one rebuild.
//!
//! notify's debouncer (`notify-debouncer-full`) does the debouncing: it
//! holds each event back for [`SETTLE`], drops repeats of one kind on one
//! path, pairs the two halves of a rename, and turns a lost event into one
//! rescan. It hands events on [`SETTLE`] after each happened, so an
//! editor's save (several events over some milliseconds) may come out in
//! two or three pieces: [`Watcher::next_batch`] joins the pieces that come
//! less than `debounce` apart, for at most [`LONGEST`].

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the files must be quiet before a batch is handed on.
pub const DEBOUNCE: Duration = Duration::from_millis(100);
/// How long the debouncer holds an event back (it looks every quarter of it).
const SETTLE: Duration = Duration::from_millis(50);
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

/// The operating system's watcher behind notify's debouncer (the unit tests
/// put a watcher of their own in its place).
pub struct Watcher<W: notify::Watcher = RecommendedWatcher> {
    debouncer: Debouncer<W, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
}

impl Watcher {
    pub fn new() -> notify::Result<Watcher> {
        Watcher::with()
    }
}

impl<W: notify::Watcher> Watcher<W> {
    fn with() -> notify::Result<Watcher<W>> {
        let (sender, events) = channel();
        let debouncer = new_debouncer_opt(SETTLE, None, sender, RecommendedCache::new(), notify::Config::default())?;
        Ok(Watcher { debouncer, events })
    }

    /// Watches a folder and everything below it, or (`recursive` false) the
    /// folder's own entries only.
    pub fn watch(&mut self, path: &Path, recursive: bool) -> notify::Result<()> {
        let mode = if recursive { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
        self.debouncer.watch(path, mode)
    }

    /// Waits for changes and returns them once quiet for `debounce`; `None`
    /// when `stop` is set (or the watcher is gone).
    pub fn next_batch(&self, debounce: Duration, stop: &AtomicBool) -> Option<Batch> {
        collect(&self.events, debounce, stop)
    }
}

/// Whether an event can mean new content. Reading a file is no change
/// (the build itself reads the theme); closing a file written to is.
fn relevant(event: &DebouncedEvent) -> bool {
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

fn add(batch: &mut Batch, events: DebounceEventResult) {
    match events {
        Ok(events) => {
            for event in events {
                batch.rescan |= event.need_rescan();
                if relevant(&event) {
                    batch.paths.extend(event.event.paths);
                }
            }
        }
        // The watcher lost track: look at everything.
        Err(_) => batch.rescan = true,
    }
}

fn collect(events: &Receiver<DebounceEventResult>, debounce: Duration, stop: &AtomicBool) -> Option<Batch> {
    let mut batch = Batch::default();
    // The first relevant event …
    while batch.paths.is_empty() && !batch.rescan {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        match events.recv_timeout(TICK) {
            Ok(events) => add(&mut batch, events),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
    // … then whatever the debouncer hands on until the files are quiet.
    let started = Instant::now();
    while started.elapsed() < LONGEST {
        match events.recv_timeout(debounce) {
            Ok(events) => add(&mut batch, events),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
        }
    }
    Some(batch)
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind, RemoveKind};
    use notify::{Event, EventHandler};
    use std::cell::RefCell;
    use std::sync::{Arc, Mutex};

    type Handler = Arc<Mutex<Box<dyn EventHandler>>>;

    thread_local! {
        /// The handler the debouncer gave the last `Fake` made on this thread.
        static HANDLER: RefCell<Option<Handler>> = const { RefCell::new(None) };
    }

    /// A watcher that watches nothing: the test hands the debouncer events.
    struct Fake;

    impl notify::Watcher for Fake {
        fn new<F: EventHandler>(handler: F, _: notify::Config) -> notify::Result<Fake> {
            let handler: Handler = Arc::new(Mutex::new(Box::new(handler)));
            HANDLER.with(|slot| *slot.borrow_mut() = Some(handler));
            Ok(Fake)
        }
        fn watch(&mut self, _: &Path, _: RecursiveMode) -> notify::Result<()> {
            Ok(())
        }
        fn unwatch(&mut self, _: &Path) -> notify::Result<()> {
            Ok(())
        }
        fn kind() -> notify::WatcherKind {
            notify::WatcherKind::NullWatcher
        }
    }

    /// A watcher fed by hand, and its feed.
    fn fake() -> (Watcher<Fake>, Handler) {
        let watcher = Watcher::<Fake>::with().unwrap();
        (watcher, HANDLER.with(|slot| slot.borrow_mut().take().unwrap()))
    }

    fn event(kind: EventKind, path: &str) -> notify::Result<Event> {
        Ok(Event::new(kind).add_path(PathBuf::from(path)))
    }

    fn send_later(handler: Handler, events: Vec<(u64, notify::Result<Event>)>) {
        std::thread::spawn(move || {
            for (delay, event) in events {
                std::thread::sleep(Duration::from_millis(delay));
                handler.lock().unwrap().handle_event(event);
            }
        });
    }

    #[test]
    fn events_close_together_make_one_batch_and_reads_are_ignored() {
        let (watcher, handler) = fake();
        send_later(
            handler,
            vec![
                (0, event(EventKind::Access(AccessKind::Open(AccessMode::Read)), "/c/read.md")),
                (10, event(EventKind::Create(CreateKind::File), "/c/a.md")),
                (20, event(EventKind::Modify(ModifyKind::Any), "/c/a.md")),
                (20, event(EventKind::Access(AccessKind::Close(AccessMode::Write)), "/c/b.md")),
                (60, event(EventKind::Modify(ModifyKind::Any), "/c/c.md")),
                // Long after: the next batch.
                (400, event(EventKind::Remove(RemoveKind::File), "/c/later.md")),
            ],
        );
        let stop = AtomicBool::new(false);
        let first = watcher.next_batch(Duration::from_millis(100), &stop).unwrap();
        let paths: Vec<_> = first.paths.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(paths, ["/c/a.md", "/c/b.md", "/c/c.md"]);
        assert!(!first.rescan);
        let second = watcher.next_batch(Duration::from_millis(100), &stop).unwrap();
        assert_eq!(second.paths.len(), 1);
    }

    #[test]
    fn reads_alone_hand_nothing_on() {
        let (watcher, handler) = fake();
        let read = || event(EventKind::Access(AccessKind::Read), "/theme/page.html");
        let opened = || event(EventKind::Access(AccessKind::Open(AccessMode::Any)), "/theme/page.html");
        let closed = || event(EventKind::Access(AccessKind::Close(AccessMode::Read)), "/theme/page.html");
        send_later(handler, vec![(0, opened()), (0, read()), (0, closed()), (100, read())]);
        // Stops after half a second: by then the reads have come through.
        let stop = Arc::new(AtomicBool::new(false));
        let timer = stop.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(500));
            timer.store(true, Ordering::Relaxed);
        });
        assert_eq!(watcher.next_batch(DEBOUNCE, &stop), None);
    }

    #[test]
    fn a_batch_is_handed_on_even_if_events_keep_coming() {
        let (watcher, handler) = fake();
        // A file written every 30 ms for four seconds.
        let writes = (0..130).map(|i| (30, event(EventKind::Modify(ModifyKind::Any), &format!("/c/{i}.md"))));
        send_later(handler, writes.collect());
        let stop = AtomicBool::new(false);
        let started = Instant::now();
        let batch = watcher.next_batch(DEBOUNCE, &stop).unwrap();
        let took = started.elapsed();
        assert!(took < LONGEST + Duration::from_millis(500), "{took:?}");
        assert!(batch.paths.len() > 10 && batch.paths.len() < 120, "{}", batch.paths.len());
    }

    #[test]
    fn a_lost_event_asks_for_a_rescan_and_stop_ends_the_wait() {
        let (watcher, handler) = fake();
        handler.lock().unwrap().handle_event(Err(notify::Error::generic("queue overflow")));
        let stop = AtomicBool::new(false);
        assert!(watcher.next_batch(Duration::from_millis(10), &stop).unwrap().rescan);
        // The kernel's own word for it: an event flagged for a rescan.
        let overflow = Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        handler.lock().unwrap().handle_event(Ok(overflow));
        assert!(watcher.next_batch(Duration::from_millis(10), &stop).unwrap().rescan);
        stop.store(true, Ordering::Relaxed);
        let started = Instant::now();
        assert_eq!(watcher.next_batch(Duration::from_millis(10), &stop), None);
        assert!(started.elapsed() < Duration::from_millis(150), "{:?}", started.elapsed());
    }

    #[test]
    fn a_watched_folder_reports_a_written_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut watcher = Watcher::new().unwrap();
        watcher.watch(dir.path(), true).unwrap();
        std::fs::write(dir.path().join("a.md"), "x").unwrap();
        // Never waits forever: gives up after ten seconds.
        let stop = Arc::new(AtomicBool::new(false));
        let timer = stop.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(10));
            timer.store(true, Ordering::Relaxed);
        });
        let batch = watcher.next_batch(DEBOUNCE, &stop).expect("an event within ten seconds");
        assert!(batch.paths.iter().any(|p| p.ends_with("a.md")), "{batch:?}");
    }
}
