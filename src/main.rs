//! The `vanban` command line: parses the arguments and hands them to the
//! command's module in `cmd/`.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "vanban", version, about = "Builds a static archive of official Vietnamese directives")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start a new archive: vanban.yaml, content/ with an example, .gitignore.
    Init(cmd::init::Args),
    /// Build the archive: content/ → output/.
    Build(cmd::build::Args),
    /// Load and validate the content only, with the same diagnostics.
    Check(cmd::check::Args),
    /// Serve the archive on 127.0.0.1, rebuilding what each edit changes and
    /// reloading the browser.
    Serve(cmd::serve::Args),
    /// Write a deterministic synthetic archive (for tests and benchmarks).
    Generate(cmd::generate::Args),
    /// Turn raw text files of directives into content files.
    Import(cmd::import::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Init(args) => cmd::init::run(args),
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Generate(args) => cmd::generate::run(args),
        Command::Import(args) => cmd::import::run(args),
    }
}

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
