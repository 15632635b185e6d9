//! The one type of operational errors: what goes wrong around the content
//! (a file that cannot be written, a page the theme cannot render, the zip),
//! as opposed to problems in the content itself, which are
//! [`Diagnostic`](crate::diagnostics::Diagnostic)s with a file, a line and a
//! column. A failed build reports every one of them.

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder of the output could not be made, written, moved
    /// into place or removed.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A file of the output that went could not be removed.
    #[error("cannot remove {}: {source}", path.display())]
    Remove {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A directive's text could not be read again for its page or the
    /// search index (the build reads texts where they are used, not holding
    /// them: see [`crate::content::model::Body`]).
    #[error("cannot read {} again: {source}", path.display())]
    Reread {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// A directive's file holds something else than when it was validated.
    #[error("{} changed while the archive was being built (it is now {now}): build again", path.display())]
    Changed { path: PathBuf, now: String },
    /// A page the theme could not render or that could not be written,
    /// with the content file it was made from when one file made it.
    #[error("{}{message}", file.as_ref().map(|file| format!("{}: ", file.display())).unwrap_or_default())]
    Page { file: Option<PathBuf>, message: String },
    /// The theme's templates could not render a page (the page and the
    /// template are in the message).
    #[error("{0}")]
    Template(String),
    /// The zip could not be made or moved into place.
    #[error("cannot write the zip {}: {source}", path.display())]
    Zip {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The zip's entries cannot be given a time (see `SOURCE_DATE_EPOCH`).
    #[error("{0}")]
    ZipTime(String),
    /// A path the guard refuses to write (see [`crate::output::guard`]).
    #[error("{0}")]
    Refused(String),
    /// The theme is not loaded: a serve session whose settings never loaded.
    #[error("the theme is not loaded")]
    NoTheme,
    /// The build was stopped (vanban serve stopping) before it was done.
    #[error("stopped")]
    Stopped,
    /// `vanban import`: a file that could not be read.
    #[error("cannot read the file: {0}")]
    Read(#[source] io::Error),
    /// `vanban import`: a file that is not UTF-8 text, with what it most
    /// likely is and how to convert it.
    #[error("{0}")]
    NotText(String),
    /// `vanban import`: the content file exists; `--force` replaces it.
    #[error("{} already exists and was not changed; use --force to replace it", .0.display())]
    Exists(PathBuf),
    /// `vanban import --stdout`: standard output closed.
    #[error("cannot write to standard output: {0}")]
    Stdout(#[source] io::Error),
    /// `vanban import`: the file made would not pass the validator. It never
    /// should; the import refuses to write it rather than break a build.
    #[error("{0}, so it was not written (a bug)")]
    ImportBug(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// `io::Error` on `path` of the output, as the one error type.
    pub fn write(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> Error {
        let path = path.into();
        move |source| Error::Write { path, source }
    }

    /// `io::Error` removing `path` of the output, as the one error type.
    pub fn remove(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> Error {
        let path = path.into();
        move |source| Error::Remove { path, source }
    }
}

/// Every error as the command line prints it: `error: …`, one a line.
pub fn render(errors: &[Error]) -> String {
    errors.iter().map(|error| format!("error: {error}\n")).collect()
}
