//! `vanban build`: content/ → output/ (and the zip when asked).

use super::{fail, warnings_suffix, PathArgs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;
use vanban::site::{self, BuildOptions, Timings};

#[derive(clap::Args)]
pub struct Args {
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
}

pub fn run(args: Args) -> ExitCode {
    if let Some(jobs) = args.jobs {
        let _ = rayon::ThreadPoolBuilder::new().num_threads(jobs).build_global();
    }
    let mut options = BuildOptions { force: args.force, ..args.paths.options() };
    if args.zip || args.zip_path.is_some() {
        options.zip = Some(args.zip_path.unwrap_or_else(|| vanban::output::zip::default_path(&options.output)));
    }
    build(options, args.timings, args.quiet)
}

fn build(options: BuildOptions, show_timings: bool, quiet: bool) -> ExitCode {
    let started = Instant::now();
    let progress = vanban::progress::for_stderr(quiet);
    match site::build_with(&options, progress.as_ref()) {
        Ok(report) => {
            eprint!("{}", report.rendered_warnings);
            if !quiet {
                for note in &report.notes {
                    eprintln!("note: {note}");
                }
            }
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
