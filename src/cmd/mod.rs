//! One module per command: each takes its parsed arguments, drives the
//! library and prints what the user sees.

pub mod build;
pub mod check;
pub mod generate;
pub mod import;
pub mod init;
pub mod serve;

use std::path::PathBuf;
use std::process::ExitCode;
use vanban::site::{self, BuildOptions};

/// The paths `build`, `check` and `serve` share.
#[derive(clap::Args)]
pub struct PathArgs {
    /// Folder of directive files.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Folder the archive is written to (replaced only if the build succeeds).
    #[arg(long, default_value = "output")]
    output: PathBuf,
    /// Theme: a folder of themes/ (overrides vanban.yaml).
    #[arg(long)]
    theme: Option<String>,
    /// Project folder holding vanban.yaml, themes/ and templates/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

impl PathArgs {
    fn options(self) -> BuildOptions {
        BuildOptions {
            project_root: self.root,
            content: self.content,
            output: self.output,
            theme: self.theme,
            zip: None,
            force: false,
        }
    }
}

/// Prints every problem of a failed build or check, and the summary.
fn fail(failure: &site::BuildFailure) -> ExitCode {
    eprint!("{}", failure.rendered);
    eprintln!("failed: {} errors; the output was not changed", failure.error_count());
    ExitCode::FAILURE
}

fn warnings_suffix(count: usize) -> String {
    if count == 0 {
        String::new()
    } else {
        format!(", {count} warnings")
    }
}
