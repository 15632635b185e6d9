//! `vanban import`: raw text files of directives → content files.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// UTF-8 text files, one directive each.
    files: Vec<PathBuf>,
    /// Print the content files instead of writing them.
    #[arg(long)]
    stdout: bool,
    /// Replace content files that already exist.
    #[arg(long)]
    force: bool,
    /// Folder of directive files the imports go into.
    #[arg(long, default_value = "content")]
    content: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    if !args.stdout {
        if let Err(message) = vanban::output::guard::check_import_folder(&args.content) {
            eprintln!("error: {message}; nothing was changed");
            return ExitCode::FAILURE;
        }
    }
    let options = vanban::import::ImportOptions { content: args.content, stdout: args.stdout, force: args.force };
    let summary =
        vanban::import::run(&args.files, &options, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    if summary.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
