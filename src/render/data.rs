//! The open data files' bytes, from their page's content: CSV through the
//! csv crate, JSON through serde_json, never through a template.
//!
//! CSV files are UTF-8 with a byte-order mark (Excel reads UTF-8 without it
//! as the local code page, and Vietnamese comes out garbled), CRLF line
//! ends and RFC 4180 quoting. A text cell starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return is written with a leading `'`, so that a
//! spreadsheet shows it rather than running it as a formula (OWASP's advice
//! on CSV injection); number and true/false cells are left as they are, and
//! the JSON keeps every value unchanged.

use crate::plan::data::{columns, ColumnType, DataTable};
use crate::plan::DataFile;
use std::borrow::Cow;

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A text cell as a spreadsheet may safely open it.
pub fn guard(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Writes a data file to `out` as it is made: at a million directives the
/// directives' JSON is most of a gigabyte, never held whole.
pub fn write_to(table: &DataTable, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let path = table.file.path();
    let failed = |e: &dyn std::fmt::Display| std::io::Error::other(format!("{path}: {e}"));
    if let Some(json) = table.json() {
        match table.file {
            DataFile::Package => serde_json::to_writer_pretty(&mut *out, &json),
            _ => serde_json::to_writer(&mut *out, &json),
        }
        .map_err(|e| failed(&e))?;
        return out.write_all(b"\n");
    }
    out.write_all(BOM)?;
    let columns = columns(table.file);
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    writer.write_record(columns.iter().map(|c| c.name)).map_err(|e| failed(&e))?;
    table
        .each_row(&mut |cells| {
            let guarded = cells.iter().zip(columns).map(|(cell, column)| match column.kind {
                ColumnType::String => guard(cell),
                ColumnType::Integer | ColumnType::Boolean => Cow::Borrowed(*cell),
            });
            writer.write_record(guarded.map(|cell| match cell {
                Cow::Borrowed(cell) => Cow::Borrowed(cell.as_bytes()),
                Cow::Owned(cell) => Cow::Owned(cell.into_bytes()),
            }))
        })
        .map_err(|e| failed(&e))?;
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_quoted_out() {
        assert_eq!(guard("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("+84 123"), "'+84 123");
        assert_eq!(guard("-1"), "'-1");
        assert_eq!(guard("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(guard("Công văn 07-KL/TW"), "Công văn 07-KL/TW");
        assert!(matches!(guard("a=b"), Cow::Borrowed(_)));
    }
}
