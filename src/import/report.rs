//! `vanban import --report FILE.csv`: one row per file imported, for an
//! editor to review a batch in a spreadsheet: where the file went, then for
//! each field its value and how it was read (`printed`, `corrected` through
//! OCR noise, `inferred`, `missing`, or `none` where none is expected), then
//! the notes. A file that could not be imported has its error instead.
//! The csv crate quotes what needs quoting, so any text keeps to its cell.

use super::{HowRead, Imported, TITLE_PLACEHOLDER};
use std::path::Path;

/// The fields of the report, in the document's order.
const FIELDS: &[&str] =
    &["number", "type", "issuer", "province", "date", "place", "title", "signer", "recipients", "cites"];

#[derive(Debug, Default)]
pub(crate) struct Report {
    rows: Vec<Vec<String>>,
}

impl Report {
    pub(crate) fn add(&mut self, file: &str, target: &str, imported: &Imported) {
        let mut row = vec![file.to_string(), target.to_string(), String::new()];
        for field in FIELDS {
            let how = imported.how_read(field);
            row.push(if how == HowRead::Missing { String::new() } else { value(imported, field) });
            row.push(how.label().to_string());
        }
        row.push(imported.notes.join(" | "));
        self.rows.push(row);
    }

    pub(crate) fn add_error(&mut self, file: &str, error: &str) {
        let mut row = vec![file.to_string(), String::new(), error.to_string()];
        row.resize(3 + 2 * FIELDS.len() + 1, String::new());
        self.rows.push(row);
    }

    pub(crate) fn write(&self, path: &Path) -> Result<(), csv::Error> {
        let mut writer = csv::Writer::from_path(path)?;
        let mut header = vec!["file".to_string(), "written_to".into(), "error".into()];
        for field in FIELDS {
            header.push((*field).to_string());
            header.push(format!("{field}_how"));
        }
        header.push("notes".into());
        writer.write_record(&header)?;
        for row in &self.rows {
            writer.write_record(row)?;
        }
        writer.flush()?;
        Ok(())
    }
}

/// A field's value as one cell: lists joined by " | ", the signer as
/// "Name (authority / position)".
fn value(imported: &Imported, field: &str) -> String {
    let f = &imported.front_matter;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    match field {
        "number" => text(&f.number),
        "type" => text(&f.type_name),
        "issuer" => text(&f.issuer),
        "province" => text(&f.province),
        "date" => f.date.map(|d| d.to_string()).unwrap_or_default(),
        "place" => text(&f.place),
        "title" if f.title == TITLE_PLACEHOLDER => String::new(),
        "title" => f.title.clone(),
        "signer" => f.signer.as_ref().map_or_else(String::new, |s| {
            let lines: Vec<&str> = [&s.authority, &s.position].into_iter().flatten().map(|line| &**line).collect();
            let name = s.name.as_deref().unwrap_or("");
            if lines.is_empty() {
                name.to_string()
            } else {
                format!("{name} ({})", lines.join(" / ")).trim().to_string()
            }
        }),
        "recipients" => f.recipients.join(" | "),
        "cites" => f.cites.iter().map(|c| c.number.as_str()).collect::<Vec<_>>().join(" | "),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_file_with_values_and_how_they_were_read() {
        let imported = super::super::import_text(
            "ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSốl 12/UBND-VX\n\
             Kon Tum, ngàyló thảngU năm 2021\nV/v a, \"b\"\nKính gửi: Sở Y tế.\nThân bài.",
            "a.txt",
        );
        let mut report = Report::default();
        report.add("a.txt", "content/a.md", &imported);
        report.add_error("b.pdf", "not a text file");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        report.write(&path).unwrap();
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
        let cell = |row: usize, name: &str| rows[row][header.iter().position(|h| h == name).unwrap()].clone();
        assert_eq!((cell(0, "number"), cell(0, "number_how")), ("12/UBND-VX".into(), "corrected".into()));
        assert_eq!(
            (cell(0, "issuer"), cell(0, "issuer_how")),
            ("Ủy ban nhân dân tỉnh Kon Tum".into(), "printed".into())
        );
        assert_eq!((cell(0, "date"), cell(0, "date_how")), (String::new(), "missing".into()));
        assert_eq!(cell(0, "title"), "a, \"b\"");
        assert!(cell(0, "notes").contains("could not be read"), "{}", cell(0, "notes"));
        assert_eq!((cell(1, "file"), cell(1, "error")), ("b.pdf".into(), "not a text file".into()));
    }
}
