//! `vanban init [DIR]`: starts a new archive. Never overwrites a file: an
//! existing one is named and left as it was, and the exit status is 1 so a
//! script knows the folder was not new.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Folder of the new archive (made when missing).
    #[arg(default_value = ".")]
    dir: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    match vanban::init::init(&args.dir) {
        Ok(report) => {
            for path in &report.written {
                eprintln!("wrote {}", path.display());
            }
            for path in &report.kept {
                if path.is_dir() {
                    eprintln!("kept {}: it holds files already, so no example was added to it", path.display());
                } else {
                    eprintln!("kept {}: it exists already, and vanban never overwrites a file", path.display());
                }
            }
            if report.kept.is_empty() {
                eprintln!(
                    "started an archive in {}: edit vanban.yaml, put directives in content/, then run `vanban build`",
                    args.dir.display()
                );
                ExitCode::SUCCESS
            } else {
                eprintln!("failed: {} files or folders existed already and were left as they were", report.kept.len());
                ExitCode::FAILURE
            }
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
