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

/// mimalloc, asked through its plain entry points whenever they give the
/// alignment Rust asks for. The `mimalloc` crate calls `mi_malloc_aligned`
/// for every allocation, which checks the alignment again and takes a slower,
/// generic path for every block over 1 KiB; nearly every allocation of a
/// build (strings, vectors, tera's values) needs no more than the 8 bytes
/// every mimalloc block has.
struct Allocator;

/// The alignment of every block mimalloc hands out (`MI_INTPTR_SIZE`): a
/// 24-byte block is not 16-aligned, so 16 would not do.
const PLAIN_ALIGN: usize = std::mem::size_of::<usize>();

// SAFETY: every call hands mimalloc the size and alignment of `layout`;
// the plain functions are used only for alignments their blocks always
// have, and every block is freed by `mi_free`, whichever function made it.
unsafe impl std::alloc::GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_malloc, mi_malloc_aligned};
        // SAFETY: see the impl.
        unsafe {
            if layout.align() <= PLAIN_ALIGN {
                mi_malloc(layout.size()).cast()
            } else {
                mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        use libmimalloc_sys::{mi_zalloc, mi_zalloc_aligned};
        // SAFETY: see the impl.
        unsafe {
            if layout.align() <= PLAIN_ALIGN {
                mi_zalloc(layout.size()).cast()
            } else {
                mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys::{mi_realloc, mi_realloc_aligned};
        // SAFETY: see the impl; `ptr` came from this allocator.
        unsafe {
            if layout.align() <= PLAIN_ALIGN {
                mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

#[global_allocator]
static ALLOCATOR: Allocator = Allocator;
