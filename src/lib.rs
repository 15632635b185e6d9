//! vanban: a static-site generator for an archive of official Vietnamese
//! directives.
//!
//! The build is a one-way pipeline, one module per stage, each handing a
//! plain data type to the next:
//!
//! ```text
//! content::load → content::validate → graph → plan → render → output (→ zip)
//!                                                  ↘ search
//! ```
//!
//! [`site`] is the engine: it runs the stages in order, for `vanban build`
//! and `vanban serve` alike. [`Error`] is the one type of operational
//! errors; content problems are [`diagnostics::Diagnostic`]s. [`serve`]
//! watches the files and serves the output. [`text`] holds the Vietnamese
//! text rules every stage shares (folding, collation, numbers, citations,
//! provinces, issuing bodies). [`import`] turns the raw text of a directive
//! into a content file.

pub mod content;
pub mod diagnostics;
pub mod error;
pub mod graph;
pub mod import;
pub mod init;
pub mod output;
pub mod plan;
pub mod progress;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod text;

pub use error::{Error, Result};
