//! A split list's data file (`danh-sach.js`, see [`crate::plan::filters`]):
//! a classic script assigning the list's rows to `window.vanbanList`, so a
//! page loads it by `<script src>` from `file://` as over HTTP. The rows are
//! JSON (serde_json), which is valid JavaScript; the page's script puts
//! every value into the page as text, never as HTML.

use crate::plan::ListRows;

/// The global the data file assigns.
pub const GLOBAL: &str = "window.vanbanList=";

/// The bytes of a list's data file.
pub fn bytes(rows: &ListRows) -> crate::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(64 + rows.rows.len() * 200);
    out.extend_from_slice(GLOBAL.as_bytes());
    serde_json::to_writer(&mut out, rows).map_err(|e| crate::Error::Template(format!("list data: {e}")))?;
    out.extend_from_slice(b";\n");
    Ok(out)
}
