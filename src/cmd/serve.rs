//! `vanban serve`: the archive on 127.0.0.1, rebuilt as the files change.

use super::PathArgs;
use std::process::ExitCode;
use vanban::site::BuildOptions;

#[derive(clap::Args)]
pub struct Args {
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
}

pub fn run(args: Args) -> ExitCode {
    vanban::serve::run(BuildOptions { force: args.force, ..args.paths.options() }, args.port)
}
