//! `vanban generate`: a deterministic synthetic archive, for tests and
//! benchmarks. The generator (`synth.rs`) is the binary's, not the
//! library's: nothing but this command and the library's own tests uses it.

mod synth;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Folder to write the directive files into.
    dest: PathBuf,
    /// How many directives.
    #[arg(long, default_value_t = 1000)]
    count: usize,
    /// Random seed: the same seed gives byte-identical files.
    #[arg(long, default_value_t = 2020)]
    seed: u64,
}

pub fn run(args: Args) -> ExitCode {
    let dest = &args.dest;
    if let Err(message) = vanban::output::guard::check_new_folder(dest) {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
    let started = Instant::now();
    let provinces = synth::ProvinceRef::builtin();
    let options = synth::SynthOptions { count: args.count, seed: args.seed };
    match synth::generate(dest, &provinces, &options) {
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
