//! vanban: a static-site generator for an archive of official Vietnamese
//! directives.
//!
//! The build is a one-way pipeline, one module per stage, each handing a
//! plain data type to the next:
//! [`load`] → [`validate`] → [`index`] → [`plan`] → [`render`] → [`write`]
//! → [`zip`] (on request). [`build`] runs the stages in order.
//! [`import`] turns the raw text of a directive into a content file.

pub mod build;
pub mod charts;
pub mod citations;
pub mod config;
pub mod diagnostics;
pub mod guard;
pub mod import;
pub mod incremental;
pub mod index;
pub mod issuers;
pub mod live;
pub mod load;
pub mod markdown;
pub mod model;
pub mod number;
pub mod plan;
pub mod progress;
pub mod provinces;
pub mod render;
pub mod search;
pub mod serve;
pub mod synth;
pub mod theme;
pub mod validate;
pub mod vietnamese;
pub mod watch;
pub mod write;
pub mod zip;
