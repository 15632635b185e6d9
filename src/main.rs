//! The `vanban` command line.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use vanban::site::{self, BuildOptions, Timings};

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
        /// No progress bar or progress lines; problems and the summary only.
        #[arg(long, short = 'q')]
        quiet: bool,
        /// Also write the archive as one reproducible zip (default path:
        /// the output folder's name + `.zip`, beside it).
        #[arg(long)]
        zip: bool,
        /// Where to write the zip (implies --zip).
        #[arg(long, value_name = "PATH")]
        zip_path: Option<PathBuf>,
        /// Replace an output folder vanban did not make (a non-empty folder
        /// without its .vanban-output file), deleting every file in it. Never
        /// the content, the themes, templates/ or the project folder.
        #[arg(long)]
        force: bool,
    },
    /// Load and validate the content only, with the same diagnostics.
    Check {
        #[command(flatten)]
        paths: PathArgs,
    },
    /// Serve the archive on 127.0.0.1, rebuilding what each edit changes and
    /// reloading the browser.
    Serve {
        #[command(flatten)]
        paths: PathArgs,
        /// Port to listen on (default: a free one, printed).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// Replace an output folder vanban did not make (a non-empty folder
        /// without its .vanban-output file), deleting every file in it. Never
        /// the content, the themes, templates/ or the project folder.
        #[arg(long)]
        force: bool,
    },
    /// Write a deterministic synthetic archive (for tests and benchmarks).
    Generate {
        /// Folder to write the directive files into.
        dest: PathBuf,
        /// How many directives.
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Random seed: the same seed gives byte-identical files.
        #[arg(long, default_value_t = 2020)]
        seed: u64,
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

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build { paths, timings, jobs, quiet, zip, zip_path, force } => {
            if let Some(jobs) = jobs {
                let _ = rayon::ThreadPoolBuilder::new().num_threads(jobs).build_global();
            }
            let mut options = BuildOptions { force, ..paths.options() };
            if zip || zip_path.is_some() {
                options.zip = Some(zip_path.unwrap_or_else(|| vanban::output::zip::default_path(&options.output)));
            }
            run_build(options, timings, quiet)
        }
        Command::Check { paths } => run_check(paths.options()),
        Command::Serve { paths, port, force } => vanban::serve::run(BuildOptions { force, ..paths.options() }, port),
        Command::Generate { dest, count, seed } => run_generate(&dest, count, seed),
        Command::Import { files, stdout, force, content } => {
            if !stdout {
                if let Err(message) = vanban::output::guard::check_import_folder(&content) {
                    eprintln!("error: {message}; nothing was changed");
                    return ExitCode::FAILURE;
                }
            }
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

fn run_build(options: BuildOptions, show_timings: bool, quiet: bool) -> ExitCode {
    let started = Instant::now();
    let progress = vanban::progress::for_stderr(quiet);
    match site::build_with(&options, progress.as_ref()) {
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
            if let Some(zip) = &report.zip {
                eprintln!("zipped {}: {} files ({:.1} MB)", zip.path.display(), zip.entries, zip.bytes as f64 / 1e6);
            }
            ExitCode::SUCCESS
        }
        Err(failure) => fail(&failure),
    }
}

fn run_check(options: BuildOptions) -> ExitCode {
    let started = Instant::now();
    match site::check(&options, &mut Timings::default()) {
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

fn run_generate(dest: &std::path::Path, count: usize, seed: u64) -> ExitCode {
    if let Err(message) = vanban::output::guard::check_new_folder(dest) {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let provinces = vanban::synth::ProvinceRef::builtin();
    match vanban::synth::generate(dest, &provinces, &vanban::synth::SynthOptions { count, seed }) {
        Ok(stats) => {
            eprintln!(
                "generated {} directives ({:.1} MB) in {} in {:.2} s",
                stats.files,
                stats.bytes as f64 / 1e6,
                dest.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot write {}: {error}", dest.display());
            ExitCode::FAILURE
        }
    }
}

fn fail(failure: &site::BuildFailure) -> ExitCode {
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
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    for stage in &timings.stages {
        let cpu = stage.cpu.map(|cpu| format!(" {:>9.1} ms cpu", ms(cpu))).unwrap_or_default();
        let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
        let memory = match (stage.resident, stage.peak_resident) {
            (Some(now), Some(peak)) => format!(" {:>7.0} MiB resident {:>7.0} MiB peak", mib(now), mib(peak)),
            _ => String::new(),
        };
        eprintln!("  {:<14} {:>8.1} ms wall{cpu}{memory}", stage.stage, ms(stage.wall));
        if stage.stage == "render+write" {
            // Summed over the threads: they show where the stage's CPU goes.
            for (step, time) in timings.page_steps.named() {
                eprintln!("    page {:<9} {:>8.1} ms, all threads", step, ms(time));
            }
        }
    }
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
