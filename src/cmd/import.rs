//! `vanban import`: raw text files of directives → content files.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Files of one directive each: UTF-8 text, Word (.docx) or PDF with a
    /// text layer (through Poppler's pdftotext); a folder stands for the
    /// .txt, .docx and .pdf files in it.
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
    /// Also write a CSV report for review: one row per file, each field's
    /// value and how it was read (printed, corrected, inferred, missing).
    #[arg(long, value_name = "FILE.csv")]
    report: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    if !args.stdout {
        if let Err(message) = vanban::output::guard::check_import_folder(&args.content) {
            eprintln!("error: {message}; nothing was changed");
            return ExitCode::FAILURE;
        }
    }
    let options = vanban::import::ImportOptions {
        content: args.content,
        stdout: args.stdout,
        force: args.force,
        report: args.report,
    };
    let summary =
        vanban::import::run(&args.files, &options, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    if summary.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
