//! The `vanban` command line.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use vanban::build::{self, BuildOptions, Timings};

#[derive(Parser)]
#[command(name = "vanban", version, about = "Builds a static archive of official Vietnamese directives")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the archive: content/ → output/.
    Build {
        #[command(flatten)]
        paths: PathArgs,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
        /// Number of threads (default: one per core).
        #[arg(long, short = 'j')]
        jobs: Option<usize>,
    },
    /// Load and validate the content only, with the same diagnostics.
    Check {
        #[command(flatten)]
        paths: PathArgs,
    },
    /// Turn raw text files of directives into content files.
    Import {
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
    },
}

#[derive(Args)]
struct PathArgs {
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
        BuildOptions { project_root: self.root, content: self.content, output: self.output, theme: self.theme }
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build { paths, timings, jobs } => {
            if let Some(jobs) = jobs {
                let _ = rayon::ThreadPoolBuilder::new().num_threads(jobs).build_global();
            }
            run_build(paths.options(), timings)
        }
        Command::Check { paths } => run_check(paths.options()),
        Command::Import { files, stdout, force, content } => {
            let options = vanban::import::ImportOptions { content, stdout, force };
            let summary =
                vanban::import::run(&files, &options, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
            if summary.success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

fn run_build(options: BuildOptions, show_timings: bool) -> ExitCode {
    let started = Instant::now();
    match build::build(&options) {
        Ok(report) => {
            eprint!("{}", report.rendered_warnings);
            if show_timings {
                print_timings(&report.timings);
            }
            eprintln!(
                "built {}: {} directives, {} pages, {} files ({:.1} MB) in {:.2} s{}",
                options.output.display(),
                report.directives,
                report.pages,
                report.files_written,
                report.bytes_written as f64 / 1e6,
                started.elapsed().as_secs_f64(),
                warnings_suffix(report.warnings.len()),
            );
            ExitCode::SUCCESS
        }
        Err(failure) => fail(&failure),
    }
}

fn run_check(options: BuildOptions) -> ExitCode {
    let started = Instant::now();
    match build::check(&options, &mut Timings::default()) {
        Ok(checked) => {
            eprint!("{}", checked.rendered_warnings);
            eprintln!(
                "checked {}: {} directives, no errors in {:.2} s{}",
                options.content.display(),
                checked.archive.directives.len(),
                started.elapsed().as_secs_f64(),
                warnings_suffix(checked.warnings.len()),
            );
            ExitCode::SUCCESS
        }
        Err(failure) => fail(&failure),
    }
}

fn fail(failure: &build::BuildFailure) -> ExitCode {
    eprint!("{}", failure.rendered);
    eprintln!("failed: {} errors; the output was not changed", failure.errors().count());
    ExitCode::FAILURE
}

fn warnings_suffix(count: usize) -> String {
    if count == 0 {
        String::new()
    } else {
        format!(", {count} warnings")
    }
}

fn print_timings(timings: &Timings) {
    for (stage, duration) in &timings.stages {
        eprintln!("  {stage:<14} {:>8.1} ms", duration.as_secs_f64() * 1000.0);
    }
}
