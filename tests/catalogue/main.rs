//! The catalogue of bad input: each test is one kind of bad input a
//! publisher, a script or a careless command line can hand vanban, and
//! asserts what the user then sees: the exact diagnostic (file, line, column,
//! message), or the safe outcome (their files untouched, byte for byte), or
//! the escaped output. Grouped by what goes wrong; the README's "What vanban
//! refuses" and each module's tests name the kinds.

#[path = "../common/mod.rs"]
mod common;

mod content_check;
mod encoding;
#[cfg(unix)]
mod file_system;
mod front_matter;
mod metadata;
mod paths;
mod provinces;
mod supplied;
mod yaml;
