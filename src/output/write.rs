//! Stage 6, write: files go into a staging folder beside the output, which
//! replaces the output only when the whole build succeeded. A failed build
//! leaves the previous output exactly as it was. Writing decides nothing
//! about content; it only refuses paths that would leave the output folder.

use crate::output::guard::{create_new_dir, resolve, unused_path, MARKER, MARKER_TEXT};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    files: AtomicU64,
    bytes: AtomicU64,
    committed: bool,
}

impl Staging {
    /// A fresh, empty staging folder next to `target` (same file system, so
    /// the final swap is a rename), holding only the [`MARKER`] that tells
    /// later builds vanban made the output. The target must have passed
    /// [`crate::output::guard::check_output`].
    pub fn create(target: &Path) -> io::Result<Staging> {
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let dir = create_new_dir(&sibling_name(target, "staging"))?;
        std::fs::write(dir.join(MARKER), MARKER_TEXT)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            files: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            committed: false,
        })
    }

    /// Writes one file; safe to call from many threads at once.
    pub fn write(&self, rel_path: &str, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(self.place(rel_path)?, bytes)?;
        self.count(bytes.len() as u64);
        Ok(())
    }

    /// Writes one file as `make` makes it, through a buffer: a file of
    /// hundreds of megabytes (the open data) is never held whole. Safe to
    /// call from many threads at once.
    pub fn write_with(
        &self,
        rel_path: &str,
        make: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let file = std::fs::File::create(self.place(rel_path)?)?;
        let mut out = Counted { inner: io::BufWriter::with_capacity(1 << 16, file), bytes: 0 };
        make(&mut out)?;
        io::Write::flush(&mut out.inner)?;
        self.count(out.bytes);
        Ok(())
    }

    /// Where `rel_path` goes in the staging folder, its folder made.
    fn place(&self, rel_path: &str) -> io::Result<PathBuf> {
        let path = self.dir.join(checked_relative(rel_path)?);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        Ok(path)
    }

    /// Counts a file written, of `bytes` bytes.
    fn count(&self, bytes: u64) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
    }

    /// The staging folder, for a stage that reads what was written.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    pub fn files_written(&self) -> u64 {
        self.files.load(Ordering::Relaxed)
    }

    pub fn bytes_written(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Puts the staged archive in place of the target. The old output is
    /// moved aside first and removed only after the new one is in place.
    pub fn commit(mut self) -> io::Result<()> {
        let old = unused_path(&sibling_name(&self.target, "old"));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old)?;
        }
        if let Err(error) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                std::fs::rename(&old, &self.target)?;
            }
            return Err(error);
        }
        self.committed = true;
        if had_old {
            std::fs::remove_dir_all(&old)?;
        }
        Ok(())
    }
}

/// `.{name}.{what}-{pid}` beside `target`: a hidden name of vanban's own.
fn sibling_name(target: &Path, what: &str) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "output".into());
    target.with_file_name(format!(".{name}.{what}-{}", std::process::id()))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// A writer that counts the bytes written through it.
struct Counted<W> {
    inner: W,
    bytes: u64,
}

impl<W: io::Write> io::Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Accepts only plain relative paths: no `..`, no root, no drive prefix.
fn checked_relative(rel_path: &str) -> io::Result<&Path> {
    let path = Path::new(rel_path);
    let plain = !rel_path.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_)));
    if plain {
        Ok(path)
    } else {
        Err(io::Error::new(io::ErrorKind::InvalidInput, format!("refusing to write outside the output: {rel_path}")))
    }
}

/// The output folder of a running `vanban serve`, changed file by file while
/// it is being served. Each file is written beside its place and renamed
/// over it, so a reader sees the old file or the new one, never half of one.
pub struct LiveOutput {
    dir: PathBuf,
    /// `dir` with its links resolved, to tell whether a path stays inside.
    real: PathBuf,
    counter: AtomicU64,
}

/// Names of files being written into a live output start with this; the
/// server never serves them.
pub const TEMP_PREFIX: &str = ".vanban-tmp-";

impl LiveOutput {
    pub fn new(dir: &Path) -> LiveOutput {
        LiveOutput { dir: dir.to_path_buf(), real: resolve(dir), counter: AtomicU64::new(0) }
    }

    /// `rel_path` in the output, refused if it leaves it: by its own `..`,
    /// or through a symbolic link someone put in the output folder (the
    /// server writes into a folder it does not rebuild whole).
    ///
    /// Only the folders below the output are looked at, one `lstat` each (a
    /// page is a few folders deep): the output itself was resolved once.
    fn inside(&self, rel_path: &str) -> io::Result<PathBuf> {
        let relative = checked_relative(rel_path)?;
        let mut folder = self.dir.clone();
        for name in relative.parent().into_iter().flat_map(Path::components) {
            folder.push(name);
            match std::fs::symlink_metadata(&folder) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    let target = resolve(&folder);
                    if !target.starts_with(&self.real) {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidInput,
                            format!("refusing to write outside the output: {rel_path} leads to {}", target.display()),
                        ));
                    }
                }
                Ok(_) => {}
                // Not there yet: `create_dir_all` makes plain folders from here on.
                Err(_) => break,
            }
        }
        Ok(self.dir.join(relative))
    }

    /// Replaces (or creates) one file atomically; safe from many threads.
    pub fn write(&self, rel_path: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.inside(rel_path)?;
        let parent = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(parent)?;
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let temp = parent.join(format!("{TEMP_PREFIX}{}-{n}", std::process::id()));
        std::fs::write(&temp, bytes)?;
        std::fs::rename(&temp, &path).inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
    }

    /// Removes one file, and the folders it leaves empty.
    pub fn remove(&self, rel_path: &str) -> io::Result<()> {
        let path = self.inside(rel_path)?;
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(error),
        }
        let mut folder = path.parent();
        while let Some(dir) = folder.filter(|d| *d != self.dir && d.starts_with(&self.dir)) {
            // Fails, and stops, at the first folder that is not empty.
            if std::fs::remove_dir(dir).is_err() {
                break;
            }
            folder = dir.parent();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_output() {
        for bad in ["../x.html", "/etc/passwd", "a/../../x", "", "./a/../b"] {
            assert!(checked_relative(bad).is_err(), "{bad}");
        }
        assert!(checked_relative("tinh/quang-ngai/index.html").is_ok());
    }

    #[test]
    fn commit_replaces_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("output");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();

        let abandoned = Staging::create(&target).unwrap();
        abandoned.write("new.html", b"new").unwrap();
        drop(abandoned);
        assert!(target.join("old.html").exists(), "an abandoned build leaves the output alone");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1, "and leaves no staging folder behind");

        let staging = Staging::create(&target).unwrap();
        staging.write("a/new.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(std::fs::read_to_string(target.join("a/new.html")).unwrap(), "new");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_written_as_it_is_made_is_whole_and_counted_like_the_others() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = Staging::create(&tmp.path().join("output")).unwrap();
        staging.write("a.html", b"page").unwrap();
        let mut make = |out: &mut dyn io::Write| {
            for part in 0..100_000u32 {
                write!(out, "{part},")?;
            }
            Ok(())
        };
        staging.write_with("du-lieu/van-ban.csv", &mut make).unwrap();
        let made = std::fs::read_to_string(staging.path().join("du-lieu/van-ban.csv")).unwrap();
        let expected: String = (0..100_000u32).map(|part| format!("{part},")).collect();
        assert_eq!(made, expected);
        assert_eq!((staging.files_written(), staging.bytes_written()), (2, 4 + expected.len() as u64));
        assert!(staging.write_with("../x.csv", &mut make).is_err(), "no path leaves the output");
    }

    #[test]
    fn folders_of_the_user_with_vanban_like_names_are_never_taken() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("output");
        let pid = std::process::id();
        for name in [format!(".output.staging-{pid}"), format!(".output.old-{pid}")] {
            std::fs::create_dir(tmp.path().join(&name)).unwrap();
            std::fs::write(tmp.path().join(&name).join("mine.txt"), "mine").unwrap();
        }
        for _ in 0..2 {
            let staging = Staging::create(&target).unwrap();
            staging.write("index.html", b"new").unwrap();
            staging.commit().unwrap();
        }
        assert!(target.join(MARKER).is_file(), "the output is marked");
        for name in [format!(".output.staging-{pid}"), format!(".output.old-{pid}")] {
            assert_eq!(std::fs::read_to_string(tmp.path().join(name).join("mine.txt")).unwrap(), "mine");
        }
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 3, "nothing of vanban's is left beside them");
    }

    #[test]
    fn live_writes_replace_whole_files_and_removals_prune_empty_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let live = LiveOutput::new(tmp.path());
        live.write("a/b/index.html", b"one").unwrap();
        live.write("a/b/index.html", b"two").unwrap();
        live.write("a/other.html", b"x").unwrap();
        assert_eq!(std::fs::read_to_string(tmp.path().join("a/b/index.html")).unwrap(), "two");
        let names: Vec<_> =
            std::fs::read_dir(tmp.path().join("a/b")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["index.html"], "no temporary file is left behind");
        live.remove("a/b/index.html").unwrap();
        assert!(!tmp.path().join("a/b").exists(), "the emptied folder goes too");
        assert!(tmp.path().join("a/other.html").exists(), "a folder that still holds a file stays");
        live.remove("a/b/index.html").unwrap();
        assert!(live.write("../escape.html", b"x").is_err());
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("index.html"), "theirs").unwrap();
        std::os::unix::fs::symlink(outside.path(), tmp.path().join("link")).unwrap();
        assert!(live.write("link/index.html", b"x").unwrap_err().to_string().contains("refusing to write outside"));
        assert!(live.write("link/new/index.html", b"x").is_err());
        assert!(live.remove("link/index.html").is_err());
        assert_eq!(std::fs::read_to_string(outside.path().join("index.html")).unwrap(), "theirs");
        assert!(!outside.path().join("new").exists(), "no folder made there either");
        assert!(live.remove("/etc/passwd").is_err());
    }
}
