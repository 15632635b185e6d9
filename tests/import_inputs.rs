//! `vanban import` of Word and PDF files, of folders, and its CSV report,
//! as an archivist runs it.
//!
//! The PDF tests need Poppler's pdftotext: when it is missing they install
//! poppler-utils with apt-get if they run as root, and otherwise fail saying
//! what is missing. They never skip.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban")).args(args).output().expect("vanban runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// A .docx holding `body` (WordprocessingML inside <w:body>), made with the
/// zip crate: word/document.xml is all the importer reads.
fn docx(path: &Path, body: &str) {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
}

/// `vanban import --stdout FILE`, which must succeed: the content file and the summary.
fn import_to_stdout(file: &Path) -> (String, String) {
    let output = vanban(&["import", "--stdout", path_str(file)]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    (text(&output.stdout), text(&output.stderr))
}

/// Each of `lines` is a whole line of `written`.
fn assert_has_lines(written: &str, lines: &[&str]) {
    for line in lines {
        assert!(written.contains(&format!("\n{line}\n")), "{line} not in\n{written}");
    }
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn cell(paragraphs: &[&str]) -> String {
    format!("<w:tc>{}</w:tc>", paragraphs.iter().map(|t| p(t)).collect::<String>())
}

#[test]
fn a_word_file_with_its_header_in_a_table_is_read_column_by_column() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("cong-van.docx");
    let header = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell(&["ỦY BAN NHÂN DÂN", "TỈNH KON TUM", "Số: 575/UBND-VX", "V/v tăng cường phòng, chống dịch"]),
        cell(&[
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Kon Tum, ngày 05 tháng 8 năm 2020"
        ])
    );
    // A run split in two, a tab and a line break, as Word writes them.
    let body = format!(
        "{header}{}<w:p><w:r><w:t>Thực hiện Chỉ thị số 15/CT-TTg ngày 27/3/2020 </w:t></w:r><w:r><w:t>của Thủ tướng Chính phủ,</w:t><w:tab/><w:t>đề nghị các sở thực hiện.</w:t></w:r></w:p>{}{}{}{}{}{}",
        p("Kính gửi: Sở Y tế."),
        p("Nơi nhận:"),
        p("- Như trên;"),
        p("- Lưu: VT."),
        p("KT. CHỦ TỊCH"),
        p("PHÓ CHỦ TỊCH"),
        "<w:p><w:r><w:br/><w:t>Nguyễn Văn Hòa</w:t></w:r></w:p>"
    );
    docx(&file, &body);
    let (written, _) = import_to_stdout(&file);
    assert_has_lines(
        &written,
        &[
            "title: \"tăng cường phòng, chống dịch\"",
            "number: \"575/UBND-VX\"",
            "issuer: \"Ủy ban nhân dân tỉnh Kon Tum\"",
            "province: \"Kon Tum\"",
            "date: 2020-08-05",
            "  name: \"Nguyễn Văn Hòa\"",
            "  - number: \"15/CT-TTg\"",
        ],
    );
    assert!(written.contains("của Thủ tướng Chính phủ, đề nghị"), "{written}");
}

/// A one-page PDF with Helvetica text at (x, y): enough for pdftotext. The
/// standard fonts have no Vietnamese letters, so its text is ASCII, which
/// the importer reads as noise-damaged Vietnamese.
fn pdf(lines: &[(u32, u32, &str)]) -> Vec<u8> {
    let mut stream = String::from("BT /F1 10 Tf\n");
    for (x, y, text) in lines {
        let escaped = text.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
        stream.push_str(&format!("1 0 0 1 {x} {y} Tm ({escaped}) Tj\n"));
    }
    stream.push_str("ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .into(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

/// pdftotext on the PATH, installed when missing and possible.
fn require_pdftotext() {
    let present = || Command::new("pdftotext").arg("-v").output().is_ok();
    if present() {
        return;
    }
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| text(&o.stdout).trim() == "0");
    if root && Command::new("apt-get").arg("--version").output().is_ok() {
        let _ = Command::new("apt-get").args(["install", "-y", "-qq", "poppler-utils"]).status();
    }
    assert!(
        present(),
        "these tests need Poppler's pdftotext: install poppler-utils (apt-get install -y poppler-utils) and run them again"
    );
}

fn two_column_pdf(path: &Path) {
    let lines = [
        (50, 800, "UY BAN NHAN DAN"),
        (300, 800, "CONG HOA XA HOI CHU NGHIA VIET NAM"),
        (60, 788, "TINH KON TUM"),
        (320, 788, "Doc lap - Tu do - Hanh phuc"),
        (50, 770, "So: 575/UBND-VX"),
        (300, 770, "Kon Tum, ngay 05 thang 8 nam 2020"),
        (50, 740, "V/v tang cuong phong chong dich"),
        (50, 720, "Kinh gui: So Y te tinh Kon Tum."),
        (50, 700, "Thuc hien Chi thi so 15/CT-TTg ngay 27/3/2020 cua Thu tuong Chinh phu, de nghi thuc hien."),
        (50, 670, "Noi nhan:"),
        (330, 670, "KT. CHU TICH"),
        (50, 658, "- Nhu tren;"),
        (50, 646, "- Luu: VT."),
    ];
    std::fs::write(path, pdf(&lines)).unwrap();
}

#[test]
fn a_pdf_is_read_through_pdftotext_its_columns_apart() {
    require_pdftotext();
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("575.pdf");
    two_column_pdf(&file);
    let (written, summary) = import_to_stdout(&file);
    assert_has_lines(
        &written,
        &[
            "number: \"575/UBND-VX\"",
            "province: \"Kon Tum\"",
            "date: 2020-08-05",
            "  - \"Nhu tren\"",
            "  - \"Luu: VT\"",
            "  authority: \"KT. Chu tich\"",
        ],
    );
    // Read through noise (no diacritics), and said so.
    assert!(summary.contains("read through OCR noise: "), "{summary}");
}

#[test]
fn without_pdftotext_the_message_says_how_to_install_it_and_that_scans_are_out_of_scope() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("575.pdf");
    two_column_pdf(&file);
    let empty_path = tmp.path().join("bin");
    std::fs::create_dir(&empty_path).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["import", "--stdout", path_str(&file)])
        .env("PATH", &empty_path)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let message = text(&output.stderr);
    assert!(message.contains("apt-get install poppler-utils"), "{message}");
    assert!(message.contains("scanned PDF (images, no text layer) is out of scope"), "{message}");
}

#[test]
fn a_folder_is_imported_with_a_csv_report_for_review() {
    let tmp = tempfile::tempdir().unwrap();
    let inbox = tmp.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let rough = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import-rough");
    for name in ["01-ocr-byt.txt", "02-ocr-bhxh.txt"] {
        std::fs::copy(rough.join(name), inbox.join(name)).unwrap();
    }
    std::fs::write(inbox.join("scan.png"), b"\x89PNG\r\n\x1a\n").unwrap(); // not read: no .png in a folder
    std::fs::write(inbox.join("notes.txt"), b"\xFF\xFEx\x00").unwrap(); // UTF-16: an error row
    let content = tmp.path().join("content");
    let report: PathBuf = tmp.path().join("report.csv");
    let output = vanban(&["import", "--content", path_str(&content), "--report", path_str(&report), path_str(&inbox)]);
    assert!(!output.status.success(), "one file fails, so the run does");
    let stderr = text(&output.stderr);
    assert!(stderr.contains("imported 2 of 3 files"), "{stderr}");
    assert!(stderr.contains("report of 3 file(s) written to"), "{stderr}");
    let mut reader = csv::Reader::from_path(&report).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    let cell = |row: usize, name: &str| rows[row][header.iter().position(|h| h == name).unwrap()].clone();
    assert_eq!(rows.len(), 3);
    assert!(cell(0, "file").ends_with("01-ocr-byt.txt"));
    assert_eq!((cell(0, "number"), cell(0, "number_how")), ("0688/BYT-MT".into(), "corrected".into()));
    assert_eq!((cell(0, "issuer"), cell(0, "issuer_how")), ("Bộ Y tế".into(), "corrected".into()));
    assert_eq!((cell(1, "date"), cell(1, "date_how")), (String::new(), "missing".into()));
    assert!(cell(1, "notes").contains("could not be read"));
    assert!(cell(0, "written_to").ends_with("0688-byt-mt.md"), "{}", cell(0, "written_to"));
    assert!(cell(2, "error").contains("UTF-16"), "{}", cell(2, "error"));
}
