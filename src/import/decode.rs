//! Reading an input file's bytes as text. Only UTF-8 is accepted; anything
//! else is refused with a message naming what the bytes most likely are, so
//! that an editor converts the file instead of importing mojibake.
//!
//! Decisions:
//! * A UTF-8 byte order mark is dropped; CRLF and lone CR become LF.
//! * UTF-16/UTF-32 are recognised by their byte order mark, or (UTF-16
//!   without one) by NUL bytes in every other position.
//! * Other NUL bytes, known binary signatures (PNG, PDF, ZIP/DOCX, DOC) or a
//!   high share of control characters mean "not a text file".
//! * Invalid UTF-8 is guessed with a small heuristic rather than a detector
//!   crate: Windows-1258 writes Vietnamese as a vowel followed by a combining
//!   tone byte (0xCC 0xEC 0xD2 0xDE 0xF2: "Việt" is `56 69 EA F2 74`), which
//!   other 8-bit encodings almost never produce; what does not fit is named
//!   as a legacy 8-bit encoding (TCVN3, VNI or Windows-125x).

/// How much of a large file the heuristics look at: enough to judge, and
/// decoding a 20 MB file stays linear.
const SAMPLE: usize = 64 * 1024;

/// Decodes `bytes` as UTF-8 text in NFC, or says why it cannot.
pub fn decode(bytes: &[u8]) -> crate::Result<String> {
    decode_text(bytes).map_err(crate::Error::NotText)
}

fn decode_text(bytes: &[u8]) -> Result<String, String> {
    if let Some(problem) = not_text(bytes) {
        return Err(problem);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => return Err(legacy_encoding_message(bytes, error.valid_up_to())),
    };
    if text.trim().is_empty() {
        return Err("empty file: it has no text to import".into());
    }
    if control_share_is_high(text) {
        return Err("not a text file: it is full of control characters (a binary file?)".into());
    }
    Ok(crate::text::vietnamese::nfc(&text.replace("\r\n", "\n").replace('\r', "\n")))
}

/// Scans are out of scope: the importer reads text, and OCR is another tool's work.
const SCANNED_PNG: &str =
    "a PNG image: scanned images are out of scope; run OCR on it first (e.g. ocrmypdf, tesseract) and import the text";
const SCANNED_JPEG: &str =
    "a JPEG image: scanned images are out of scope; run OCR on it first (e.g. ocrmypdf, tesseract) and import the text";
const SCANNED_TIFF: &str =
    "a TIFF image: scanned images are out of scope; run OCR on it first (e.g. ocrmypdf, tesseract) and import the text";

const CONVERT_HELP: &str = "save it as UTF-8 text (in a text editor: Save as… → Encoding: UTF-8)";

/// Problems visible before decoding: empty, UTF-16/32, binary signatures.
fn not_text(bytes: &[u8]) -> Option<String> {
    if bytes.is_empty() {
        return Some("empty file: it has no text to import".into());
    }
    let named = |encoding: &str| Some(format!("the file is {encoding}, not UTF-8; {CONVERT_HELP}"));
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return named("UTF-32 (it starts with a UTF-32 byte order mark)");
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return named("UTF-16 little-endian (it starts with a UTF-16 byte order mark)");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return named("UTF-16 big-endian (it starts with a UTF-16 byte order mark)");
    }
    for (signature, what) in [
        (&b"\x89PNG"[..], SCANNED_PNG),
        (b"%PDF", "a PDF document (vanban import reads its text layer through pdftotext)"),
        (b"PK\x03\x04", "a ZIP archive that is no Word file: save it as .docx or plain text first"),
        (b"\xD0\xCF\x11\xE0", "an old Microsoft Office file (.doc?): save it as .docx or plain text first"),
        (b"\xFF\xD8\xFF", SCANNED_JPEG),
        (b"GIF8", "a GIF image"),
        (b"II*\0", SCANNED_TIFF),
        (b"MM\0*", SCANNED_TIFF),
    ] {
        if bytes.starts_with(signature) {
            return Some(format!("not a text file: it is {what}"));
        }
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    if nuls == 0 {
        return None;
    }
    if let Some(order) = utf16_without_mark(sample) {
        return named(&format!("UTF-16 {order} (every other byte is NUL)"));
    }
    Some("not a text file: it contains NUL bytes (a binary file?)".into())
}

/// UTF-16 text of mostly ASCII/Latin characters has NUL in every other byte.
fn utf16_without_mark(sample: &[u8]) -> Option<&'static str> {
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let high_nul = sample.chunks_exact(2).filter(|p| p[1] == 0 && p[0] != 0).count();
    let low_nul = sample.chunks_exact(2).filter(|p| p[0] == 0 && p[1] != 0).count();
    if high_nul * 10 >= pairs * 3 && low_nul * 10 < pairs {
        Some("little-endian")
    } else if low_nul * 10 >= pairs * 3 && high_nul * 10 < pairs {
        Some("big-endian")
    } else {
        None
    }
}

fn control_share_is_high(text: &str) -> bool {
    let sample: String = text.chars().take(SAMPLE).collect();
    let total = sample.chars().count();
    let control = sample.chars().filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0C')).count();
    control > 8 && control * 20 > total
}

/// Combining tone marks of Windows-1258: grave, acute, hook, tilde, dot below.
const CP1258_TONES: [u8; 5] = [0xCC, 0xEC, 0xD2, 0xDE, 0xF2];
/// Vowels of Windows-1258 that carry a tone byte after them: a e i o u y,
/// â ê ô ă ơ ư in both cases.
const CP1258_VOWELS: &[u8] = b"aeiouyAEIOUY\xC2\xCA\xD4\xC3\xD5\xDD\xE2\xEA\xF4\xE3\xF5\xFD";

fn legacy_encoding_message(bytes: &[u8], valid_up_to: usize) -> String {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let high: Vec<usize> = (0..sample.len()).filter(|&i| sample[i] >= 0x80).collect();
    let tone_after_vowel = high
        .iter()
        .filter(|&&i| i > 0 && CP1258_TONES.contains(&sample[i]) && CP1258_VOWELS.contains(&sample[i - 1]))
        .count();
    let guess = if tone_after_vowel > 0 && tone_after_vowel * 5 >= high.len() {
        "Windows-1258 (Vietnamese Windows): convert it with `iconv -f WINDOWS-1258 -t UTF-8`, or"
    } else if looks_like_8bit_text(sample, high.len()) {
        "a legacy 8-bit encoding (TCVN3/ABC, VNI or Windows-1252/1258): convert it to UTF-8 with the \
         tool that made it (e.g. Unikey's converter), or"
    } else {
        return format!(
            "not a text file: it is not UTF-8 (invalid byte at offset {valid_up_to}) and does not look like text"
        );
    };
    format!("the file is not UTF-8 (invalid byte at offset {valid_up_to}); it looks like {guess} {CONVERT_HELP}")
}

/// Text in an 8-bit encoding is mostly printable ASCII with some high bytes.
fn looks_like_8bit_text(sample: &[u8], high: usize) -> bool {
    let printable = sample.iter().filter(|&&b| b.is_ascii_graphic() || b.is_ascii_whitespace()).count();
    printable + high == sample.len() && printable * 2 >= sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_utf8_and_normalises() {
        assert_eq!(decode_text("Việt Nam\r\n".as_bytes()).unwrap(), "Việt Nam\n");
        assert_eq!(decode_text(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        assert_eq!(decode_text("Vie\u{323}\u{302}t\rNam".as_bytes()).unwrap(), "Việt\nNam");
    }

    #[test]
    fn refuses_empty_input() {
        assert!(decode_text(b"").unwrap_err().starts_with("empty file"));
        assert!(decode_text(b" \n\n\t").unwrap_err().starts_with("empty file"));
        assert!(decode_text(b"\xEF\xBB\xBF\n").unwrap_err().starts_with("empty file"));
    }

    #[test]
    fn names_utf16() {
        let le: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Việt Nam".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert!(decode_text(&le).unwrap_err().contains("UTF-16 little-endian"));
        let be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain("Việt Nam".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert!(decode_text(&be).unwrap_err().contains("UTF-16 big-endian"));
        let bare: Vec<u8> = "Kính gửi các đồng chí".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(decode_text(&bare).unwrap_err().contains("UTF-16 little-endian"), "{:?}", decode_text(&bare));
    }

    #[test]
    fn names_windows_1258() {
        // "Việt Nam" and "Tỉnh ủy" in Windows-1258: vowel + combining tone byte.
        let err = decode_text(b"Vi\xEA\xF2t Nam").unwrap_err();
        assert!(err.contains("Windows-1258 (Vietnamese Windows)"), "{err}");
        let err = decode_text(b"Ti\xD2nh u\xD2y Ninh Bi\xCCnh").unwrap_err();
        assert!(err.contains("Windows-1258"), "{err}");
    }

    #[test]
    fn names_other_8bit_text() {
        // "Việt Nam" in TCVN3 (ABC): ệ is 0xD6.
        let err = decode_text(b"Vi\xD6t Nam").unwrap_err();
        assert!(err.contains("legacy 8-bit encoding"), "{err}");
    }

    #[test]
    fn refuses_binary() {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(std::iter::repeat_n(0u8, 4096));
        assert!(decode_text(&png).unwrap_err().contains("PNG image"));
        assert!(decode_text(b"%PDF-1.7\n").unwrap_err().contains("PDF"));
        assert!(decode_text(b"abc\0\0\0\0\0\0def\0").unwrap_err().contains("NUL bytes"));
        let controls: String = "\x01\x02\x03\x04\x05\x06\x07\x08".repeat(20);
        assert!(decode_text(controls.as_bytes()).unwrap_err().contains("control characters"));
        assert!(decode_text(&[0x81, 0x00, 0x9F, 0x00, 0x01, 0x02]).is_err());
    }
}
