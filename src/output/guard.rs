//! The one place that decides whether vanban may write to a path: the
//! output folder of `build` and `serve`, and the zip. vanban never deletes
//! or overwrites what it did not make, so it refuses, before reading any
//! content, an output or zip that is, contains or lies inside the content
//! folder, the project's `themes/` or `templates/`, or that is or contains
//! the project folder itself; a folder it did not make (one without the
//! [`MARKER`] file it writes into every output) unless it is empty or
//! `--force` is given; and an existing file as the zip unless it is a zip
//! vanban wrote. Paths are compared once symbolic links are resolved, so
//! no link leads a build into the content.

use crate::diagnostics::{Diagnostic, Severity};
use crate::site::BuildOptions;
use crate::Error::Refused;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file vanban puts at the top of every output folder it makes: a
/// folder that holds it may be replaced by the next build.
pub const MARKER: &str = ".vanban-output";

/// What the marker says to whoever opens it.
pub const MARKER_TEXT: &str = "This folder was made by vanban. Each `vanban build` replaces it whole, \
so do not keep your own files here.\nvanban replaces only folders that hold this file (or empty ones, \
or any folder with --force).\n";

/// `path` with every symbolic link resolved and `.` and `..` settled, as
/// an absolute path, whether or not it exists: the parts that exist are
/// resolved by the file system, the rest are appended as written.
pub fn resolve(path: &Path) -> PathBuf {
    let mut resolved = std::env::current_dir().unwrap_or_default();
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => resolved = PathBuf::from(component.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                // The parent of what `resolved` really is, links followed.
                resolved = std::fs::canonicalize(&resolved).unwrap_or(resolved);
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if let Ok(real) = std::fs::canonicalize(&resolved) {
                    resolved = real;
                }
            }
        }
    }
    resolved
}

/// A place of the project that no output or zip may touch.
struct Protected {
    what: &'static str,
    path: PathBuf,
    /// Whether writing inside it is refused too (it is not for the project
    /// folder, where `output/` normally lives).
    inside_too: bool,
}

fn protected_places(options: &BuildOptions) -> Vec<Protected> {
    let root = &options.project_root;
    let place = |what, path: &Path, inside_too| Protected { what, path: resolve(path), inside_too };
    vec![
        place("the content folder", &options.content, true),
        place("the themes folder", &root.join("themes"), true),
        place("the project's templates folder", &root.join("templates"), true),
        place("the project folder", root, false),
    ]
}

/// Why `path` (resolved) may not be written, if it touches a protected
/// place: being one is named before containing or lying inside another.
fn overlap(path: &Path, places: &[Protected]) -> Option<String> {
    let is = places.iter().find(|place| path == place.path).map(|place| ("it is", place));
    let contains = || places.iter().find(|place| place.path.starts_with(path)).map(|place| ("it contains", place));
    let inside = || {
        places
            .iter()
            .find(|place| place.inside_too && path.starts_with(&place.path))
            .map(|place| ("it lies inside", place))
    };
    let (how, place) = is.or_else(contains).or_else(inside)?;
    Some(format!("{how} {} ({})", place.what, place.path.display()))
}

fn refusal(path: &Path, message: String, help: &str) -> Diagnostic {
    Diagnostic::file(Severity::Error, &path.display().to_string(), message).with_help(help)
}

const ANOTHER_OUTPUT: &str = "give another --output: a new folder, an empty one, or one vanban built before";

/// Checks that the build may replace `options.output`, and returns the
/// folder to write (links resolved, so a linked output is written where it
/// points and the link stays).
pub fn check_output(options: &BuildOptions) -> Result<PathBuf, Diagnostic> {
    let shown = &options.output;
    let output = resolve(shown);
    if let Some(reason) = overlap(&output, &protected_places(options)) {
        return Err(refusal(
            shown,
            format!("refusing to write the output here: {reason}, and the build replaces the whole output folder"),
            ANOTHER_OUTPUT,
        ));
    }
    match std::fs::symlink_metadata(&output) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(output),
        Err(error) => Err(refusal(shown, format!("cannot look at the output folder: {error}"), ANOTHER_OUTPUT)),
        // Links were resolved, so a link still here leads nowhere.
        Ok(meta) if meta.file_type().is_symlink() => Err(refusal(
            shown,
            "refusing to write the output here: it is a symbolic link to something that does not exist".into(),
            ANOTHER_OUTPUT,
        )),
        Ok(meta) if !meta.is_dir() => Err(refusal(
            shown,
            "refusing to write the output here: it is a file, not a folder, and it would be replaced".into(),
            ANOTHER_OUTPUT,
        )),
        Ok(_) if options.force || made_by_vanban(&output) || is_empty(&output) => Ok(output),
        Ok(_) => Err(unmarked(shown, &output)),
    }
}

fn unmarked(shown: &Path, output: &Path) -> Diagnostic {
    let older = output.join("index.html").is_file() && output.join("assets").is_dir();
    let message = if older {
        format!(
            "refusing to replace the output folder: it has no {MARKER} file, so vanban cannot tell it made it \
             (it looks like an archive built by a vanban older than this check, but it may hold other files)"
        )
    } else {
        format!("refusing to replace the output folder: it is not empty and has no {MARKER} file, so vanban did not make it")
    };
    refusal(
        shown,
        message,
        "give another --output, or add --force to replace this folder and delete every file in it; \
         nothing was changed",
    )
}

/// Whether `folder` holds the marker vanban writes into every output.
pub fn made_by_vanban(folder: &Path) -> bool {
    std::fs::symlink_metadata(folder.join(MARKER)).is_ok_and(|meta| meta.is_file())
}

fn is_empty(folder: &Path) -> bool {
    std::fs::read_dir(folder).is_ok_and(|mut entries| entries.next().is_none())
}

/// Checks that the build may write the zip at `zip`, and returns where
/// (links resolved). `output` is the output folder as [`check_output`]
/// returned it.
pub fn check_zip(options: &BuildOptions, zip: &Path, output: &Path) -> Result<PathBuf, Diagnostic> {
    let resolved = resolve(zip);
    let mut places = protected_places(options);
    places.push(Protected { what: "the output folder", path: output.to_path_buf(), inside_too: true });
    let another = "give another --zip-path, or leave it out to write the zip beside the output";
    if let Some(reason) = overlap(&resolved, &places) {
        return Err(refusal(zip, format!("refusing to write the zip here: {reason}"), another));
    }
    match std::fs::symlink_metadata(&resolved) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(resolved),
        Err(error) => Err(refusal(zip, format!("cannot look at the zip path: {error}"), another)),
        Ok(meta) if meta.is_dir() => Err(refusal(zip, "the zip path is a folder".into(), another)),
        Ok(_) if is_vanban_zip(&resolved) => Ok(resolved),
        Ok(_) => Err(refusal(
            zip,
            "refusing to replace this file: it is not a zip vanban made, and the zip would overwrite it".into(),
            &format!("{another}; nothing was changed"),
        )),
    }
}

/// Whether `path` is a zip as [`crate::output::zip::zip_folder`] writes it: one top
/// folder whose first entry is the read-me.
pub fn is_vanban_zip(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else { return false };
    let Ok(mut zip) = ::zip::ZipArchive::new(io::BufReader::new(file)) else { return false };
    let Ok(first) = zip.by_index_raw(0) else { return false };
    first.name().split_once('/').is_some_and(|(top, rest)| !top.is_empty() && rest == crate::output::zip::README)
}

/// Checks that `vanban generate` may write into `dest`: a new or empty
/// folder only, so that no file of the user's is overwritten.
pub fn check_new_folder(dest: &Path) -> crate::Result<()> {
    match std::fs::symlink_metadata(dest) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(Refused(format!("cannot look at {}: {error}", dest.display()))),
        Ok(meta) if !meta.is_dir() && !meta.file_type().is_symlink() => {
            Err(Refused(format!("{} is a file, not a folder; nothing was changed", dest.display())))
        }
        Ok(_) if is_empty(dest) => Ok(()),
        Ok(_) => Err(Refused(format!(
            "refusing to write into {}: it is not empty, and generated files would overwrite files of the same name; \
             nothing was changed (give a new or empty folder)",
            dest.display()
        ))),
    }
}

/// Checks that `vanban import` may write into `content`: not into an
/// output folder vanban made (or anywhere below one), whose files the next
/// build deletes.
pub fn check_import_folder(content: &Path) -> crate::Result<()> {
    let resolved = resolve(content);
    match resolved.ancestors().find(|folder| made_by_vanban(folder)) {
        Some(output) => Err(Refused(format!(
            "refusing to import into {}: it is inside {}, an output folder vanban made, which the next build \
             replaces whole; give the content folder with --content",
            content.display(),
            output.display()
        ))),
        None => Ok(()),
    }
}

/// `base` for `n` = 1, else `base-n`: the names vanban tries, in turn, for
/// a file or folder of its own beside the user's.
fn numbered(base: &Path, n: u32) -> PathBuf {
    if n == 1 {
        return base.to_path_buf();
    }
    let mut name = base.as_os_str().to_owned();
    name.push(format!("-{n}"));
    PathBuf::from(name)
}

/// The first of `base`, `base-2`, `base-3` … that nothing is at, so that
/// nothing of the user's is moved or removed under a name vanban picked.
pub fn unused_path(base: &Path) -> PathBuf {
    (1..).map(|n| numbered(base, n)).find(|path| std::fs::symlink_metadata(path).is_err()).expect("a free name")
}

/// Creates something new at the first free `base`, `base-2` … with
/// `create`, which must fail with `AlreadyExists` on anything already there
/// (so a name taken between the look and the creation is skipped too).
fn create_new<T>(base: &Path, create: impl Fn(&Path) -> io::Result<T>) -> io::Result<(PathBuf, T)> {
    let mut n = 1;
    loop {
        let path = numbered(base, n);
        match create(&path) {
            Ok(made) => return Ok((path, made)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => n += 1,
            Err(error) => return Err(error),
        }
    }
}

/// A new, empty file at `base` or the first free `base-N`.
pub fn create_new_file(base: &Path) -> io::Result<(PathBuf, std::fs::File)> {
    create_new(base, |path| std::fs::OpenOptions::new().write(true).create_new(true).open(path))
}

/// A new, empty folder at `base` or the first free `base-N`.
pub fn create_new_dir(base: &Path) -> io::Result<PathBuf> {
    create_new(base, |path| std::fs::create_dir(path)).map(|(path, ())| path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(dir: &Path) -> BuildOptions {
        std::fs::create_dir_all(dir.join("content/a")).unwrap();
        std::fs::create_dir_all(dir.join("themes/default")).unwrap();
        BuildOptions::in_project(dir)
    }

    #[test]
    fn resolve_follows_links_and_settles_dots_for_paths_that_do_not_exist() {
        let tmp = tempfile::tempdir().unwrap();
        let real = resolve(tmp.path());
        std::fs::create_dir(real.join("a")).unwrap();
        std::os::unix::fs::symlink(real.join("a"), real.join("link")).unwrap();
        assert_eq!(resolve(&real.join("link/new/x")), real.join("a/new/x"));
        assert_eq!(resolve(&real.join("nothing/../a/./b")), real.join("a/b"));
        assert_eq!(resolve(&real.join("link/..")), real);
    }

    #[test]
    fn an_output_may_not_touch_the_content_themes_templates_or_project() {
        let tmp = tempfile::tempdir().unwrap();
        let options = project(tmp.path());
        let refused = |output: PathBuf| {
            let options = BuildOptions { output, ..options.clone() };
            check_output(&options).unwrap_err().message
        };
        assert!(refused(tmp.path().join("content")).contains("it is the content folder"));
        assert!(refused(tmp.path().join("content/a/site")).contains("it lies inside the content folder"));
        assert!(refused(tmp.path().join("themes/default")).contains("inside the themes folder"));
        assert!(refused(tmp.path().join("templates")).contains("it is the project's templates folder"));
        assert!(refused(tmp.path().to_path_buf()).contains("it is the project folder"));
        assert!(refused(tmp.path().join("..")).contains("it contains the content folder"));
        assert!(check_output(&BuildOptions { output: tmp.path().join("site"), ..options }).is_ok());
    }

    #[test]
    fn a_folder_is_replaced_only_when_marked_empty_or_forced() {
        let tmp = tempfile::tempdir().unwrap();
        let mut options = project(tmp.path());
        std::fs::create_dir(&options.output).unwrap();
        assert!(check_output(&options).is_ok(), "empty");
        std::fs::write(options.output.join("notes.txt"), "mine").unwrap();
        assert!(check_output(&options).unwrap_err().message.contains("has no .vanban-output file"));
        std::fs::write(options.output.join(MARKER), MARKER_TEXT).unwrap();
        assert!(check_output(&options).is_ok(), "marked");
        std::fs::remove_file(options.output.join(MARKER)).unwrap();
        options.force = true;
        assert!(check_output(&options).is_ok(), "forced");
    }
}
