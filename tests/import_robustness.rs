//! The importer never panics, whatever it is given, and what it writes is
//! always accepted by the validator; `decode` refuses what is not UTF-8 text
//! with a message that names it.

mod common;

use common::Rng;

use vanban::content::load::SourceFile;
use vanban::content::names::Names;
use vanban::content::validate::validate_file;
use vanban::import::{decode, import_text, to_content_file, Imported};
use vanban::text::provinces::ProvinceRegistry;

/// Pieces of real documents and of what damages them.
const PIECES: &[&str] = &[
    "\n",
    "\n",
    "\n",
    "\n\n",
    " ",
    " ",
    "  ",
    "\t",
    "\r\n",
    "\r",
    "\x0C",
    "\u{2028}",
    "\u{FEFF}",
    "\u{200B}",
    "\u{0}",
    "\u{7}",
    "\u{1B}",
    "\u{85}",
    "\u{A0}",
    "*",
    "**",
    "*",
    "-",
    "- ",
    " - ",
    "–",
    "—",
    "★",
    "#",
    ">",
    "`",
    "---",
    "|",
    "\"",
    "\\",
    ":",
    ",",
    ".",
    ";",
    "/",
    "(",
    ")",
    "[bookmark: _GoBack]",
    "[",
    "]",
    "1. ",
    "2. ",
    "8. ",
    "9) ",
    "10. ",
    "100. ",
    "a) ",
    "Số",
    "Số ",
    "Số: ",
    "SỐ",
    "số",
    "ngày",
    "ngày ",
    "tháng",
    "năm",
    "nӑm",
    " tháng 7 năm 2020",
    "ngày 29 tháng 7 năm 2020",
    "ngày 31 tháng 2 năm 2021",
    "ngày 24/8/2021",
    "Ninh Bình, ",
    "Hà Nội, ",
    "TP. Hồ Chí Minh, ",
    "Kính gửi:",
    "- Kính gửi:*",
    "Kính gửi: - ",
    "Nơi nhận:",
    "Nơi nhận: ",
    "T/M",
    "T/M BAN THƯỜNG VỤ",
    "K/T",
    "TM.",
    "KT. CHỦ TỊCH",
    "TL.",
    "PHÓ BÍ THƯ",
    "BÍ THƯ",
    "PHÓ CHỦ TỊCH",
    "THỦ TƯỚNG",
    "(Đã ký)",
    "Nguyễn Văn A",
    "★ Trần Hồng Quảng",
    "NGUYỄN MẠNH HÙNG",
    "TỈNH ỦY NINH BÌNH",
    "ỦY BAN NHÂN DÂN",
    "TỈNH QUẢNG NINH",
    "UBND TỈNH",
    "THỦ TƯỚNG CHÍNH PHỦ",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "CHỈ THỊ",
    "CÔNG VĂN",
    "V/v ",
    "V/V: ",
    "Về việc ",
    "*triển khai",
    "thực hiện*",
    "2644 - CV/TU",
    "1102/CD-TTg",
    "1102/CĐ-TTg",
    "10- TB/VPTW",
    "07-KL/TW",
    "30/2020/NĐ-CP",
    "472/UBND-VP6",
    "12-cv/tu",
    "99/QĐ",
    "Công văn này",
    "Kết luận số ",
    "Công điện số ",
    "PTB-145",
    "CV/TU.TH.C",
    "Lưu: VT.",
    "Như trên,",
    "2",
    "3",
    "27",
    "2021",
    "0",
    "9",
    "độc, 2 sai",
    "www.example.vn",
    "Việt Nam",
    "ệ",
    "ư",
    "ơ",
    "Đ",
    "đ",
    "e\u{301}",
    "\u{301}",
    "\u{323}",
    "😀",
    "中文",
    "ß",
    "İ",
    "ﬁ",
    "Ǆ",
    "a",
    "Z",
    "tăng cường công tác phòng, chống dịch",
    "Thời gian qua, các cấp, các ngành trong tỉnh đã rất nỗ lực.",
];

fn random_text(rng: &mut Rng) -> String {
    let pieces = rng.below(80);
    let mut text = String::new();
    for _ in 0..pieces {
        text.push_str(rng.pick(PIECES));
    }
    text
}

/// Lines of a document, part by part, for the document-shaped generator.
const HEADER_LINES: &[&str] = &[
    "TỈNH ỦY NINH BÌNH",
    "ỦY BAN NHÂN DÂN",
    "TỈNH QUẢNG NINH",
    "THỦ TƯỚNG CHÍNH PHỦ",
    "*",
    "-------",
    "Số 2644 - CV/TU",
    "Số: 1102/CD-TTg",
    "SỐ 45/QĐ-UBND",
    "số 12-cv/tu",
    "Số:  453 – CV/TU",
    "Số: /CV-TU",
    "V/v tăng cường công tác phòng, chống",
    "dịch Covid-19 trong tình hình mới",
    "*triển khai thực hiện Kết luận của",
    "Bộ Chính trị về phòng, chống dịch Covid-19*",
    "CHỈ THỊ",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Ninh Bình, ngày 29 tháng 7 năm 2020",
    "Hà Nội, ngày 31 tháng 2 năm 2021",
    "Quảng Ngãi, ngày 16 tháng 6 nӑm 2021",
    "",
];
const LIST_LINES: &[&str] =
    &["Kính gửi:", "- Kính gửi:*", " Kính gửi: - Các sở,", "- Các ban,", "- Các huyện ủy.", "-", ""];
const BODY_LINES: &[&str] = &[
    "Thời gian qua, các cấp, các ngành trong tỉnh đã rất nỗ lực.",
    "1. Thực hiện nghiêm Công văn số 472/UBND-VP6, ngày 28/7/2020 của UBND tỉnh.",
    "2. Kết luận số 07-KL/TW ngày 11/6/2021 về phòng, chống dịch. 3. Tăng cường.",
    "- Tăng cường kiểm tra;",
    "Kịp thời động viên, các thông tin xấu, độc, 2 sai sự thật.",
    "[bookmark: _GoBack]Ngày 24/8/2021, Văn phòng Trung ương Đảng ban hành Thông báo số 10- TB/VPTW.",
    "2",
    "www.thuvienphapluat.vn",
    "# tiêu đề giả",
    "Các cấp ủy khẩn trương triển khai thực hiện Công văn này.",
    "",
];
const FOOTER_LINES: &[&str] = &[
    "Nơi nhận:",
    "- Như trên,",
    "- Lưu Văn phòng Tỉnh ủy.",
    "CV/TU.TH.C",
    "PTB-145",
    "**T/M BAN THƯỜNG VỤ",
    "PHÓ BÍ THƯ**",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "(Đã ký)",
    "★ Nguyễn Mạnh Hùng",
    "Trần Hồng Quảng",
    "",
];

/// A document's parts in order, each line kept, dropped or damaged at random.
fn random_document(rng: &mut Rng) -> String {
    let mut lines: Vec<String> = Vec::new();
    for part in [HEADER_LINES, LIST_LINES, BODY_LINES, FOOTER_LINES] {
        for _ in 0..rng.below(2 * part.len()) {
            lines.push(rng.pick(part).to_string());
        }
    }
    for _ in 0..rng.below(4) {
        if lines.is_empty() {
            break;
        }
        let i = rng.below(lines.len());
        match rng.below(3) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let at = (0..=lines[i].len()).filter(|&b| lines[i].is_char_boundary(b)).nth(rng.below(4)).unwrap_or(0);
                let piece = rng.pick(PIECES);
                lines[i].insert_str(at, piece);
            }
            _ => {
                let j = rng.below(lines.len());
                lines.swap(i, j);
            }
        }
    }
    lines.join("\n")
}

fn source_file(imported: &Imported, text: &str) -> SourceFile {
    let shown = format!("content/{}", imported.relative_path);
    SourceFile::new(imported.relative_path.clone(), shown, text).expect("front matter")
}

#[test]
fn import_never_panics_and_always_writes_a_valid_file() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut with_number, mut with_signer, mut with_recipients, mut with_date) = (0, 0, 0, 0);
    for round in 0..3000 {
        let text = if round % 2 == 0 { random_text(&mut rng) } else { random_document(&mut rng) };
        let imported = import_text(&text, "fuzz/input.txt");
        let file = to_content_file(&imported);
        let (_, diagnostics) =
            validate_file(&source_file(&imported, &file), ProvinceRegistry::builtin(), &Names::default());
        let errors: Vec<String> = diagnostics.iter().filter(|d| d.is_error()).map(|d| d.short()).collect();
        assert!(errors.is_empty(), "round {round}: {errors:?}\ninput: {text:?}\nfile:\n{file}");
        assert!(!imported.front_matter.title.trim().is_empty());
        assert!(imported.relative_path.ends_with(".md") && !imported.relative_path.contains(".."));
        with_number += usize::from(imported.front_matter.number.is_some());
        with_signer += usize::from(imported.front_matter.signer.is_some());
        with_recipients += usize::from(!imported.front_matter.recipients.is_empty());
        with_date += usize::from(imported.front_matter.date.is_some());
    }
    eprintln!("numbers {with_number}, signers {with_signer}, recipients {with_recipients}, dates {with_date}");
    // The generator must reach the interesting paths, or the test proves little.
    assert!(with_number > 50, "{with_number} inputs with a number");
    assert!(with_signer > 50, "{with_signer} inputs with a signer");
    assert!(with_recipients > 50, "{with_recipients} inputs with recipients");
    assert!(with_date > 50, "{with_date} inputs with a date");
}

#[test]
fn import_survives_long_lines_and_large_inputs() {
    let long_line = "dịch, 2 ".repeat(20_000);
    let _ = import_text(&long_line, "a.txt");
    let many_lines = "- a,\n".repeat(20_000);
    let _ = import_text(&format!("Kính gửi:\n{many_lines}"), "a.txt");
    let seed = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect::<String>();
    let large = seed.repeat(30); // about 0.7 MB of real text
    let imported = import_text(&large, "a.txt");
    assert!(imported.body_markdown.len() > large.len() / 2);
}

#[test]
fn decode_never_panics_on_random_bytes() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..3000 {
        let len = rng.below(300);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        match decode(&bytes) {
            Ok(text) => assert!(!text.trim().is_empty()),
            Err(message) => assert!(!message.to_string().is_empty()),
        }
    }
}

#[test]
fn decode_gives_clear_messages() {
    assert!(decode(b"").unwrap_err().to_string().starts_with("empty file"));
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(std::iter::repeat_n(0u8, 1 << 16));
    assert!(decode(&png).unwrap_err().to_string().contains("not a text file: it is a PNG image"));
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Việt Nam".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    assert!(decode(&utf16).unwrap_err().to_string().contains("UTF-16"));
    // "Việt Nam" in Windows-1258: "ệ" is ê (0xEA) and a combining dot below (0xF2).
    let windows_1258 = b"Vi\xEA\xF2t Nam";
    assert!(decode(windows_1258).unwrap_err().to_string().contains("Windows-1258 (Vietnamese Windows)"));
}

#[test]
fn decode_handles_20_mb() {
    let line = "Thời gian qua, các cấp, các ngành trong tỉnh đã rất nỗ lực.\n";
    let text = line.repeat(20 * 1024 * 1024 / line.len() + 1);
    assert!(text.len() >= 20 * 1024 * 1024);
    assert_eq!(decode(text.as_bytes()).map(|t| t.len()).ok(), Some(text.len()));
    let mut rng = Rng(7);
    let noise: Vec<u8> = (0..20 * 1024 * 1024).map(|_| rng.next() as u8).collect();
    assert!(decode(&noise).is_err());
}
