//! Bytes that are not UTF-8 text: each placed by line and column as an
//! editor shows them, with the command that converts the file.

use crate::common::{directive, Content};
use crate::content_check::reported;

const HELP_WINDOWS: &str =
    "convert it to UTF-8, e.g. `iconv -f WINDOWS-1258 -t UTF-8` for old Vietnamese Windows files";

/// A byte that is not UTF-8 in the middle of a file: an error at its line and column, not a byte offset.
#[test]
fn invalid_utf8_in_the_middle() {
    let mut bytes = directive("title: Về việc phòng, chống dịch\n").into_bytes();
    bytes.extend_from_slice(b"Kinh g\xC6i: c\xE1c huy\xEAn.\n");
    reported(bytes, &[format!("content/a.md:5:7: error: not UTF-8 text: byte 0xC6 cannot be read | {HELP_WINDOWS}")]);
}

/// A Latin-1 (or Windows-1258) file: an error at its first accented letter, with the iconv command.
#[test]
fn latin1_file() {
    reported(
        b"---\ntitle: Vi\xEAt Nam\n---\n",
        &[format!("content/a.md:2:10: error: not UTF-8 text: byte 0xEA cannot be read | {HELP_WINDOWS}")],
    );
}

/// A UTF-8 sequence cut short at the end of the file: an error at its place.
#[test]
fn truncated_utf8_at_the_end() {
    let mut bytes = directive("title: x\n").into_bytes();
    bytes.extend_from_slice("Việt".as_bytes());
    bytes.extend_from_slice(&"ệ".as_bytes()[..2]);
    reported(bytes, &[format!("content/a.md:5:5: error: not UTF-8 text: byte 0xE1 cannot be read | {HELP_WINDOWS}")]);
}

/// An encoded surrogate (CESU-8, from some Java tools): not UTF-8, at its place.
#[test]
fn encoded_surrogate() {
    reported(
        b"---\ntitle: a\xED\xA0\x80b\n---\n",
        &[format!("content/a.md:2:9: error: not UTF-8 text: byte 0xED cannot be read | {HELP_WINDOWS}")],
    );
}

/// A directive of `front_matter` in UTF-16, each unit's bytes given by
/// `unit`, after `byte_order_mark`.
fn utf16(byte_order_mark: &[u8], front_matter: &str, unit: fn(u16) -> [u8; 2]) -> Vec<u8> {
    let mut bytes = byte_order_mark.to_vec();
    bytes.extend(directive(front_matter).encode_utf16().flat_map(unit));
    bytes
}

/// A UTF-16 file with its byte-order mark (Word's "Unicode" text): named as UTF-16, with the command.
#[test]
fn utf16_with_byte_order_mark() {
    reported(
        utf16(&[0xFF, 0xFE], "title: Việt Nam\n", u16::to_le_bytes),
        &["content/a.md:1:1: error: UTF-16 text, not UTF-8 | convert it to UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`"],
    );
}

/// A big-endian UTF-16 file with its byte-order mark: the same.
#[test]
fn utf16_big_endian_with_byte_order_mark() {
    reported(
        utf16(&[0xFE, 0xFF], "title: x\n", u16::to_be_bytes),
        &["content/a.md:1:1: error: UTF-16 text, not UTF-8 | convert it to UTF-8, e.g. `iconv -f UTF-16 -t UTF-8`"],
    );
}

/// UTF-16 without a byte-order mark (valid UTF-8 full of NULs): an error at the first NUL.
#[test]
fn utf16_without_byte_order_mark() {
    reported(
        utf16(&[], "title: x\n", u16::to_le_bytes),
        &["content/a.md:1:2: error: a NUL character in the text | the file is binary or not UTF-8 (UTF-16?); save it as UTF-8 text"],
    );
}

/// A NUL byte in the text: an error at it (the page would lose the text around it otherwise).
#[test]
fn nul_byte_in_the_text() {
    reported(
        "---\ntitle: x\n---\nVăn\0 bản.\n",
        &["content/a.md:4:4: error: a NUL character in the text | the file is binary or not UTF-8 (UTF-16?); save it as UTF-8 text"],
    );
}

/// A NUL byte in the front matter: the same error at its place, not a YAML error at the start.
#[test]
fn nul_byte_in_the_front_matter() {
    reported(
        "---\ntitle: a\0b\n---\n",
        &["content/a.md:2:9: error: a NUL character in the text | the file is binary or not UTF-8 (UTF-16?); save it as UTF-8 text"],
    );
}

/// A binary file named `.md` (a PNG): not UTF-8, at the first bad byte.
#[test]
fn binary_file_named_md() {
    reported(
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        &[format!("content/a.md:1:1: error: not UTF-8 text: byte 0x89 cannot be read | {HELP_WINDOWS}")],
    );
}

/// Every file with a problem is reported in one run, the good ones pass.
#[test]
fn bad_encodings_do_not_hide_each_other() {
    let content = Content::new();
    content.file("a.md", b"---\ntitle: \xEA\n---\n".as_slice());
    content.file("b.md", directive("title: Việt Nam\n"));
    content.file("c.md", [0xFF, 0xFE, b'-', 0]);
    let found = content.diagnostics();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("content/a.md:2:8: error: not UTF-8 text"), "{found:?}");
    assert!(found[1].starts_with("content/c.md:1:1: error: UTF-16 text"), "{found:?}");
}

/// Invalid UTF-8 on the command line: the terminal names the place too (`= at path:line:column`), the text being unshowable.
#[test]
fn invalid_utf8_place_on_the_command_line() {
    let content = Content::new();
    content.file("a.md", b"---\ntitle: Vi\xEAt Nam\n---\n".as_slice());
    let (code, stderr) = content.check_on_the_terminal();
    assert_eq!(code, Some(1));
    assert!(stderr.contains("error: not UTF-8 text: byte 0xEA cannot be read"), "{stderr}");
    assert!(stderr.contains(&format!("= at {}:2:10", content.path("a.md").display())), "{stderr}");
}
