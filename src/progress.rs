//! Progress of a long build: a bar on a terminal, plain log lines when the
//! output is not a terminal (CI logs, pipes), nothing with `--quiet`. The
//! build reports to a [`Progress`]; it never prints by itself.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Instant;

/// What the build tells about its progress. Called from many threads.
pub trait Progress: Sync {
    /// A stage starts; `total` units of work are expected (0: unknown).
    fn stage(&self, name: &'static str, unit: &'static str, total: u64);
    /// `n` more units of the current stage are done.
    fn advance(&self, n: u64);
    /// The current stage is over.
    fn finish(&self);
}

/// Says nothing: library use, tests and `--quiet`.
pub struct Silent;

impl Progress for Silent {
    fn stage(&self, _: &'static str, _: &'static str, _: u64) {}
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}

/// The right reporter for standard error: a bar on a terminal, else lines.
pub fn for_stderr(quiet: bool) -> Box<dyn Progress> {
    if quiet {
        Box::new(Silent)
    } else if std::io::stderr().is_terminal() {
        Box::new(Bar(Mutex::new(None)))
    } else {
        Box::new(Lines(Mutex::new(None)))
    }
}

struct Bar(Mutex<Option<ProgressBar>>);

impl Progress for Bar {
    fn stage(&self, name: &'static str, unit: &'static str, total: u64) {
        let bar = ProgressBar::new(total);
        let template = format!("{{prefix:>14}} [{{bar:30}}] {{pos}}/{{len}} {unit} ({{per_sec}}, {{eta}} left)");
        bar.set_style(ProgressStyle::with_template(&template).expect("a valid template").progress_chars("=> "));
        bar.set_prefix(name);
        *self.0.lock().expect("not poisoned") = Some(bar);
    }

    fn advance(&self, n: u64) {
        if let Some(bar) = &*self.0.lock().expect("not poisoned") {
            bar.inc(n);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.0.lock().expect("not poisoned").take() {
            bar.finish_and_clear();
        }
    }
}

/// One line per stage: `render+write: 13525 pages in 1.42 s`.
struct Lines(Mutex<Option<(&'static str, &'static str, u64, Instant)>>);

impl Progress for Lines {
    fn stage(&self, name: &'static str, unit: &'static str, _: u64) {
        *self.0.lock().expect("not poisoned") = Some((name, unit, 0, Instant::now()));
    }

    fn advance(&self, n: u64) {
        if let Some(stage) = &mut *self.0.lock().expect("not poisoned") {
            stage.2 += n;
        }
    }

    fn finish(&self) {
        if let Some((name, unit, done, started)) = self.0.lock().expect("not poisoned").take() {
            eprintln!("{name}: {done} {unit} in {:.2} s", started.elapsed().as_secs_f64());
        }
    }
}
