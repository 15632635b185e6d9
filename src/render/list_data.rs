//! A split list's data file (`danh-sach.js`, see [`crate::plan::filters`]):
//! a classic script assigning the list's rows to `window.vanbanList`, so a
//! page loads it by `<script src>` from `file://` as over HTTP. The rows are
//! JSON (serde_json), which is valid JavaScript; the page's script puts
//! every value into the page as text, never as HTML.

use crate::plan::ListRows;

/// The global the data file assigns.
pub const GLOBAL: &str = "window.vanbanList=";

/// Writes a list's data file to `out` as it is made.
pub fn write_to(rows: &ListRows, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(GLOBAL.as_bytes())?;
    serde_json::to_writer(&mut *out, rows).map_err(|e| std::io::Error::other(format!("list data: {e}")))?;
    out.write_all(b";\n")
}
