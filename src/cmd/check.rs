//! `vanban check`: load and validate the content, write nothing.

use super::{fail, warnings_suffix, PathArgs};
use std::process::ExitCode;
use std::time::Instant;
use vanban::site::{self, Timings};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    paths: PathArgs,
}

pub fn run(args: Args) -> ExitCode {
    let options = args.paths.options();
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
