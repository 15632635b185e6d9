//! The input files `vanban import` reads: plain text (UTF-8, see
//! [`super::decode`]), Word files (`.docx`: their XML read directly) and PDF
//! files (their text layer, through Poppler's `pdftotext -layout` when it is
//! installed). Scanned images are out of scope: they hold no text to read.
//!
//! Decisions:
//! * The kind is told by the bytes (`%PDF`, a zip holding
//!   `word/document.xml`), not the file's name.
//! * A .docx: paragraphs one a line, in document order; a table cell by
//!   cell, each cell's paragraphs on their lines, so a two-column header
//!   drawn as a table comes as its left column then its right one, as the
//!   layout reader expects. Tabs are spaces, line breaks new lines.
//! * A PDF: `pdftotext -layout` keeps the columns of the header and of the
//!   footer side by side on one line; [`split_columns`] puts each column's
//!   lines one after the other (left, then right).

use super::decode;
use crate::{Error, Result};
use std::io::Read;
use std::path::Path;
use std::process::Command;

/// The most a .docx's document.xml may unpack to: a directive is far
/// smaller, and a bomb must not fill memory.
const MAX_DOCX_XML: u64 = 64 * 1024 * 1024;

/// The text of the file at `path`, whatever its kind.
pub fn read_input(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(Error::Read)?;
    if bytes.starts_with(b"%PDF") {
        return read_pdf(path);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return read_docx(&bytes);
    }
    decode(&bytes)
}

/// How to get pdftotext, for the message when it is missing.
pub const PDFTOTEXT_HELP: &str = "vanban reads PDF files through Poppler's pdftotext, which is not installed: \
     install it (Debian/Ubuntu: apt-get install poppler-utils; Fedora: dnf install poppler-utils; \
     macOS: brew install poppler; Windows: the poppler package of conda-forge or MSYS2), or save the \
     PDF's text as a .txt file. A scanned PDF (images, no text layer) is out of scope: run OCR on it first";

/// The text layer of a PDF, its columns put one after the other.
fn read_pdf(path: &Path) -> Result<String> {
    let output = match Command::new("pdftotext").arg("-layout").args(["-enc", "UTF-8"]).arg(path).arg("-").output() {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotText(format!("this is a PDF document: {PDFTOTEXT_HELP}")));
        }
        Err(error) => return Err(Error::NotText(format!("a PDF document, and pdftotext could not run: {error}"))),
    };
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr);
        return Err(Error::NotText(format!("a PDF document pdftotext could not read: {}", why.trim())));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    if text.trim().is_empty() {
        return Err(Error::NotText(
            "a PDF document without a text layer (a scanned image?): scanned images are out of scope; \
             run OCR on it first (e.g. ocrmypdf) or type its text into a .txt file"
                .into(),
        ));
    }
    Ok(crate::text::vietnamese::nfc(&split_columns(&text)))
}

/// The text of a Word (.docx) file.
fn read_docx(bytes: &[u8]) -> Result<String> {
    let not_docx = |why: String| Error::NotText(format!("a ZIP archive that is no Word file (.docx): {why}"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| not_docx(e.to_string()))?;
    let entry = archive.by_name("word/document.xml").map_err(|_| {
        not_docx("it has no word/document.xml (an .odt or .xlsx file? save it as .docx or plain text)".into())
    })?;
    let mut xml = String::new();
    entry.take(MAX_DOCX_XML).read_to_string(&mut xml).map_err(|e| not_docx(e.to_string()))?;
    let document = roxmltree::Document::parse(&xml).map_err(|e| not_docx(format!("its XML is damaged ({e})")))?;
    let mut lines = Vec::new();
    if let Some(body) = document.root_element().children().find(|n| n.has_tag_name((W, "body"))) {
        block_lines(body, &mut lines);
    }
    let text = lines.join("\n");
    if text.trim().is_empty() {
        return Err(Error::NotText("a Word file (.docx) without text".into()));
    }
    Ok(crate::text::vietnamese::nfc(&text))
}

/// WordprocessingML's namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The lines of the paragraphs and tables under `node`, in order.
fn block_lines(node: roxmltree::Node, lines: &mut Vec<String>) {
    for child in node.children().filter(|n| n.tag_name().namespace() == Some(W)) {
        match child.tag_name().name() {
            "p" => lines.extend(paragraph_text(child).split('\n').map(String::from)),
            // Rows, cells and content controls hold paragraphs (or tables) in turn.
            "tbl" | "tr" | "tc" | "sdt" | "sdtContent" | "customXml" => block_lines(child, lines),
            _ => {}
        }
    }
}

/// A paragraph's text: its runs' text, tabs as spaces, breaks as new lines.
fn paragraph_text(paragraph: roxmltree::Node) -> String {
    let mut text = String::new();
    for node in paragraph.descendants().filter(|n| n.tag_name().namespace() == Some(W)) {
        match node.tag_name().name() {
            "t" => text.push_str(node.text().unwrap_or("")),
            "tab" => text.push(' '),
            "br" | "cr" => text.push('\n'),
            "noBreakHyphen" => text.push('-'),
            _ => {}
        }
    }
    text
}

/// A gap this wide between two runs of text on a line of `pdftotext
/// -layout` separates columns.
const COLUMN_GAP: usize = 3;
/// A right column starts at least this far into the line.
const RIGHT_COLUMN: usize = 20;
/// A left column's line alone, in a block of columns, is this short.
const SHORT_LINE: usize = 60;

/// The runs of text of a line and the column each starts at (in characters).
fn segments(line: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == ' ' {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < chars.len() {
            let spaces = chars[end..].iter().take_while(|&&c| c == ' ').count();
            if spaces >= COLUMN_GAP || end + spaces >= chars.len() {
                break;
            }
            end += spaces.max(1);
        }
        out.push((start, chars[start..end].iter().collect::<String>().trim_end().to_string()));
        i = end;
    }
    out
}

/// Lines of two columns side by side (header: issuer | motto, number |
/// place and date; footer: "Nơi nhận" | signature) become the left
/// column's lines, then the right column's; other lines are kept.
pub(crate) fn split_columns(text: &str) -> String {
    let lines: Vec<Vec<(usize, String)>> = text.lines().map(segments).collect();
    let two_columns = |segs: &[(usize, String)]| segs.len() >= 2 && segs[1].0 >= RIGHT_COLUMN;
    let right_only = |segs: &[(usize, String)]| segs.len() == 1 && segs[0].0 >= RIGHT_COLUMN;
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !two_columns(&lines[i]) {
            out.push(lines[i].iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>().join(" "));
            i += 1;
            continue;
        }
        let (mut left, mut right) = (Vec::new(), Vec::new());
        let mut j = i;
        while j < lines.len() {
            let segs = &lines[j];
            let continues_later =
                || lines[j + 1..].iter().find(|s| !s.is_empty()).is_some_and(|s| two_columns(s) || right_only(s));
            if segs.is_empty() {
            } else if two_columns(segs) {
                left.push(segs[0].1.clone());
                right.push(segs[1..].iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>().join(" "));
            } else if right_only(segs) {
                right.push(segs[0].1.clone());
            } else if segs[0].1.chars().count() <= SHORT_LINE
                && (continues_later() || segs[0].1.starts_with(['-', '+', '•']))
            {
                // Short lines of the left column: the rest of a header's
                // issuer column, or the "Nơi nhận" list beside a signature.
                left.push(segs[0].1.clone());
            } else {
                break;
            }
            j += 1;
        }
        out.extend(left);
        out.push(String::new());
        out.extend(right);
        out.push(String::new());
        i = j;
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_of_a_pdf_layout_come_one_after_the_other() {
        let text = "ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                    \x20 TỈNH KON TUM                      Độc lập - Tự do - Hạnh phúc\n\
                    \n\
                    Số: 575/QĐ-UBND                  Kon Tum, ngày 05 tháng 8 năm 2020\n\
                    \n\
                    Thân bài của văn bản, một dòng dài không có cột nào cả ở đây.\n\
                    Nơi nhận:                              KT. CHỦ TỊCH\n\
                    - Như trên;                            PHÓ CHỦ TỊCH\n\
                    - Lưu: VT.\n\
                    \n\
                    \x20                                      Nguyễn Văn Hòa\n";
        assert_eq!(
            split_columns(text),
            "ỦY BAN NHÂN DÂN\nTỈNH KON TUM\nSố: 575/QĐ-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
             Độc lập - Tự do - Hạnh phúc\nKon Tum, ngày 05 tháng 8 năm 2020\n\n\
             Thân bài của văn bản, một dòng dài không có cột nào cả ở đây.\n\
             Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn Hòa\n"
        );
    }

    #[test]
    fn a_zip_that_is_no_word_file_is_named() {
        let mut bytes = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
            zip.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut zip, b"<x/>").unwrap();
            zip.finish().unwrap();
        }
        let error = read_docx(&bytes).unwrap_err().to_string();
        assert!(error.contains("no word/document.xml"), "{error}");
    }
}
