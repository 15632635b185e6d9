//! The front matter as nearly every file writes it, read without libyaml:
//! `key: value` lines, values quoted or plain on one line, block lists
//! (`  - item`, `  - number: …` with indented lines under it), one-line
//! flow lists (`["a", "b"]`) and indented mappings (`signer:`).
//!
//! libyaml decodes, scans and parses every character with several checks
//! (about 200,000 instructions for a 700-byte front matter); this reads
//! the same text in a tenth of that. It answers only for text it is sure
//! of, and with the very value `serde_yaml` gives: anything else (comments,
//! escapes, anchors, tags, multi-line or block scalars, a key given twice,
//! plain values that could be numbers, null or booleans, tabs, control
//! characters, any error) is handed to `serde_yaml`, so that every message
//! about the YAML is libyaml's as before, placed where it was.

use serde_yaml::{Mapping, Number, Value};

/// The front matter's mapping, or `None` when it is not in the subset read
/// here (it is then read by `serde_yaml`).
pub fn read_common(front_matter: &str) -> Option<Mapping> {
    if !only_plain_characters(front_matter) {
        return None;
    }
    let lines: Vec<Line> = front_matter.split('\n').filter_map(Line::of).collect();
    let mut reader = Reader { lines, at: 0 };
    if reader.lines.first()?.indent != 0 {
        return None;
    }
    let mapping = reader.mapping(0, 0)?;
    (reader.at == reader.lines.len()).then_some(mapping)
}

/// Nesting deeper than this is left to `serde_yaml` (and its limit).
const MAX_DEPTH: usize = 16;

/// Longer keys are left to libyaml, which refuses keys over 1,024 characters.
const MAX_KEY: usize = 64;

/// Whether every character is one libyaml reads as plain text: no tab
/// (YAML's other blank), no `\r`, no control character (libyaml refuses
/// them), no U+0085, U+2028, U+2029 (line breaks to YAML), no U+FEFF (a
/// byte-order mark, skipped at a line's start) and no U+FFFE, U+FFFF.
fn only_plain_characters(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(i, &byte)| {
        !SUSPECT[usize::from(byte)]
            || match byte {
                b'\n' => true,
                // U+0080–U+009F: C1 controls, U+0085 among them.
                0xc2 => !matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
                0xe2 => !(bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9))),
                0xef => !matches!(
                    (bytes.get(i + 1), bytes.get(i + 2)),
                    (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
                ),
                _ => false,
            }
    })
}

/// The bytes [`only_plain_characters`] looks at more closely: controls
/// and the lead bytes of the characters above.
const SUSPECT: [bool; 256] = {
    let mut suspect = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        suspect[byte] = true;
        byte += 1;
    }
    suspect[0x7f] = true;
    suspect[0xc2] = true;
    suspect[0xe2] = true;
    suspect[0xef] = true;
    suspect
};

/// A line that is not blank: its indentation (spaces) and the rest, without
/// the spaces after it.
#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

impl<'a> Line<'a> {
    fn of(raw: &'a str) -> Option<Line<'a>> {
        let trimmed = raw.trim_end_matches(' ');
        let text = trimmed.trim_start_matches(' ');
        (!text.is_empty()).then_some(Line { indent: trimmed.len() - text.len(), text })
    }

    /// A block list's item: `- …`.
    fn is_item(&self) -> bool {
        self.text == "-" || self.text.starts_with("- ")
    }
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    /// The next line to read.
    at: usize,
}

impl<'a> Reader<'a> {
    /// The block mapping whose keys stand at `indent`, from the current line.
    fn mapping(&mut self, indent: usize, depth: usize) -> Option<Mapping> {
        // Gathered first: the map is then made at its size, and a key given
        // twice is found by comparing a dozen short keys, not by hashing.
        let mut entries: Vec<(&str, Value)> = Vec::new();
        while let Some(line) = self.lines.get(self.at).copied() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let (key, rest) = split_key(line.text)?;
            if entries.iter().any(|(seen, _)| *seen == key) {
                // A key given twice: libyaml's message says so.
                return None;
            }
            self.at += 1;
            let value = if rest.is_empty() { self.block_value(indent, depth)? } else { inline(rest)? };
            entries.push((key, value));
        }
        Some(entries.into_iter().map(|(key, value)| (Value::String(key.to_string()), value)).collect())
    }

    /// The value of a key at `indent` with nothing after its `:`: the
    /// lines under it, or null.
    fn block_value(&mut self, indent: usize, depth: usize) -> Option<Value> {
        let Some(next) = self.lines.get(self.at).copied() else { return Some(Value::Null) };
        // A list may stand at its key's indentation, other values below it.
        let nested = next.indent > indent || (next.indent == indent && next.is_item());
        if !nested {
            return Some(Value::Null);
        }
        if depth >= MAX_DEPTH {
            return None;
        }
        if next.is_item() {
            self.sequence(next.indent, depth + 1).map(Value::Sequence)
        } else {
            self.mapping(next.indent, depth + 1).map(Value::Mapping)
        }
    }

    /// The block list whose `-` stand at `indent`, from the current line.
    fn sequence(&mut self, indent: usize, depth: usize) -> Option<Vec<Value>> {
        let mut items = Vec::new();
        while let Some(line) = self.lines.get(self.at).copied() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let Some(rest) = line.text.strip_prefix("- ") else { break };
            let content = rest.trim_start_matches(' ');
            if split_key(content).is_some() {
                // `- number: …`: a mapping whose keys stand where this one does.
                let column = indent + line.text.len() - content.len();
                self.lines[self.at] = Line { indent: column, text: content };
                items.push(Value::Mapping(self.mapping(column, depth + 1)?));
            } else {
                self.at += 1;
                items.push(inline(content)?);
            }
        }
        Some(items)
    }
}

/// `key: rest` with a plain key of lowercase ASCII letters, digits and
/// `_` that YAML reads as text.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let colon = text.find(':')?;
    let (key, rest) = (&text[..colon], &text[colon + 1..]);
    let key_like = (1..=MAX_KEY).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    // A key starting with a letter is text unless it is null or a boolean.
    let text = key_like && key.as_bytes()[0].is_ascii_alphabetic() && !NULL_OR_BOOLEAN.contains(&key);
    (text && (rest.is_empty() || rest.starts_with(' '))).then(|| (key, rest.trim_start_matches(' ')))
}

/// A value written on its key's line (or its `- ` item's): quoted, a
/// one-line flow list, or plain.
fn inline(text: &str) -> Option<Value> {
    match text.as_bytes()[0] {
        b'"' | b'\'' => {
            let (value, rest) = quoted(text)?;
            rest.is_empty().then(|| Value::String(value.to_string()))
        }
        b'[' => flow_sequence(text),
        _ => block_plain(text),
    }
}

/// A quoted scalar without escapes, closed on its line: its text and
/// what follows the closing quote.
fn quoted(text: &str) -> Option<(&str, &str)> {
    let quote = text.as_bytes()[0];
    let inner = &text[1..];
    // `\` escapes in double quotes; `''` is a quote in single quotes.
    let end = inner.bytes().position(|b| b == quote || (b == b'\\' && quote == b'"'))?;
    let (value, rest) = (&inner[..end], &inner[end + 1..]);
    (inner.as_bytes()[end] == quote && !rest.starts_with(char::from(quote))).then_some((value, rest))
}

/// `[a, "b", 'c']` on one line, of scalars.
fn flow_sequence(text: &str) -> Option<Value> {
    let mut rest = text.strip_prefix('[')?.strip_suffix(']')?.trim_start_matches(' ');
    let mut items = Vec::new();
    while !rest.is_empty() {
        let (item, after) = match rest.as_bytes()[0] {
            b'"' | b'\'' => {
                let (value, after) = quoted(rest)?;
                (Value::String(value.to_string()), after)
            }
            _ => {
                let end = rest.find(',').unwrap_or(rest.len());
                let written = rest[..end].trim_end_matches(' ');
                if written.contains(['[', ']', '{', '}', '#', ':', '"', '\'']) {
                    return None;
                }
                (plain_scalar(written)?, &rest[end..])
            }
        };
        items.push(item);
        let after = after.trim_start_matches(' ');
        rest = match after.strip_prefix(',') {
            // A comma with nothing after it is left to libyaml.
            Some(next) => Some(next.trim_start_matches(' ')).filter(|next| !next.is_empty())?,
            None if after.is_empty() => after,
            None => return None,
        };
    }
    Some(Value::Sequence(items))
}

/// A plain scalar in a block: no `: ` (a key) or ` #` (a comment) in it;
/// left to libyaml whenever a `:` is there at all.
fn block_plain(text: &str) -> Option<Value> {
    if text.contains(':') || text.contains(" #") {
        return None;
    }
    plain_scalar(text)
}

/// A plain scalar (without the spaces around it) as `serde_yaml` reads
/// it, when that is sure: text, or a decimal number of digits alone.
/// `None` for one starting with an indicator, and for anything that null,
/// a boolean or a number could be spelled with (`~`, `true`, `0x1F`,
/// `1e5`, `.inf`…).
fn plain_scalar(text: &str) -> Option<Value> {
    let bytes = text.as_bytes();
    let first = *bytes.first()?;
    if b"-?:,[]{}#&*!|>'\"%@`".contains(&first) {
        return None;
    }
    if bytes.iter().all(u8::is_ascii_digit) {
        // A leading zero makes digits text (YAML 1.2); others are a number.
        if bytes.len() > 1 && first == b'0' {
            return Some(Value::String(text.to_string()));
        }
        return text.parse::<u64>().ok().map(|n| Value::Number(Number::from(n)));
    }
    // Starting with a letter, only null and the booleans are no text
    // (`inf` and `nan` are, to `serde_yaml`).
    if first.is_ascii_alphabetic() || !first.is_ascii() {
        return (!NULL_OR_BOOLEAN.contains(&text)).then(|| Value::String(text.to_string()));
    }
    // A date, `2021-06-16` or `2021-06`: digits and dashes are no number.
    let dashed_digits = first.is_ascii_digit() && bytes.iter().all(|b| b.is_ascii_digit() || *b == b'-');
    if dashed_digits || bytes.iter().any(|b| !NUMBER_OR_WORD.contains(b)) {
        return Some(Value::String(text.to_string()));
    }
    None
}

const NULL_OR_BOOLEAN: &[&str] = &["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"];

/// Every character that YAML's null (`~`, `null`), booleans (`true`,
/// `False`), integers (`+12`, `0x1F`, `0o17`, `0b1`) and floats (`1.5e-3`,
/// `.inf`, `.NaN`) are written with, as `serde_yaml` reads them: a plain
/// scalar with any other character is text.
const NUMBER_OR_WORD: &[u8] = b"0123456789+-._~abcdefABCDEFxobnulNULtrTRsSiIyY";

#[cfg(test)]
mod tests {
    use super::*;

    /// What `serde_yaml` reads, when it reads a mapping.
    fn libyaml(text: &str) -> Option<Mapping> {
        match serde_yaml::from_str::<Value>(text) {
            Ok(Value::Mapping(mapping)) => Some(mapping),
            _ => None,
        }
    }

    /// The same keys and values in the same order (a `Mapping`'s own
    /// equality ignores the order, which the messages follow).
    fn same(a: &Mapping, b: &Mapping) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|((ka, va), (kb, vb))| ka == kb && same_value(va, vb))
    }

    fn same_value(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Mapping(a), Value::Mapping(b)) => same(a, b),
            (Value::Sequence(a), Value::Sequence(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_value(a, b))
            }
            _ => a == b,
        }
    }

    /// Read here, it is what `serde_yaml` reads; `true` when read here.
    fn agrees(text: &str) -> bool {
        match read_common(text) {
            Some(mapping) => {
                let expected = libyaml(text).unwrap_or_else(|| panic!("read here, refused by libyaml: {text:?}"));
                assert!(same(&mapping, &expected), "{text:?}:\n{mapping:?}\n{expected:?}");
                true
            }
            None => false,
        }
    }

    const TYPICAL: &str = "title: \"tạm dừng lễ hội\"\nnumber: \"9/UBND-VX\"\nprovince: Hồ Chí Minh\ndate: 2020-08-03\n\
        signer:\n  name: \"Nguyễn Ngọc Sơn\"\n  position: Phó Chủ tịch\nrecipients:\n  - \"Các sở, ban, ngành\"\n  - 'Lưu: VT'\n\
        cites:\n  - \"15/CT-TTg\"\n  - number: \"07-KL/TW\"\n    type: Kết luận\n    date: 2021-06\n  -   number: 1/KH\n      date: 2021\n\
        tags: [\"covid-19\", y-te, 'a, b']\ninferred: []\nnotes:\nextra:\n  so_trang: 3\n  ma: 007\n";

    #[test]
    fn the_common_front_matter_is_read_here_as_libyaml_reads_it() {
        assert!(agrees(TYPICAL));
        let mapping = read_common(TYPICAL).unwrap();
        assert_eq!(mapping.len(), 11);
        assert_eq!(mapping.get("notes"), Some(&Value::Null));
        let compact = "title: x\nrecipients:\n- a\n- b\ncites:\n- number: 1/KH\n  date: 2021\nsource: s\n";
        assert!(agrees(compact), "lists at their key's indentation");
        for text in
            ["title: x", "title: x\n\n\nsource:   y  \n", "title: ''\n", "title: \"\"\n", "a_b9: 0\n", "tags: [ ]\n"]
        {
            assert!(agrees(text), "{text:?}");
        }
    }

    #[test]
    fn anything_else_is_left_to_libyaml() {
        let left = [
            "title: x # a comment\n",
            "# a comment\ntitle: x\n",
            "title: \"a\\u202Eb\"\n",
            "title: 'it''s'\n",
            "title: a: b\n",
            "title: x\n  continued\n",
            "title: |\n  block\n",
            "title: &a x\nnumber: *a\n",
            "title: !x y\n",
            "title: a\ntitle: b\n",
            "cites:\n  - number: 1\n    number: 2\n",
            "title: true\n",
            "title: null\n",
            "title: ~\n",
            "title: 1.5\n",
            "title: 0x1F\n",
            "title: -3\n",
            "title: .inf\n",
            "title: 1.5.2\n",
            "title: 99999999999999999999999\n",
            "title:\tx\n",
            "title: x\r\n",
            "title: a\u{85}b\n",
            "title: a\u{2028}b\n",
            "\u{feff}title: x\n",
            "  title: x\n",
            "Title: x\n",
            "\"title\": x\n",
            "title : x\n",
            "title:x\n",
            "null: x\n",
            "true: x\n",
            "recipients: [a, b\n",
            "tags: [a, ]\n",
            "tags: [[a]]\n",
            "tags: [a: b]\n",
            "tags: [\"a\" b]\n",
            "tags: [a] # c\n",
            "recipients:\n  - a\n - b\n",
            "recipients:\n  - a\n    - b\n",
            "recipients:\n  -\n    a\n",
            "recipients:\n  - - a\n",
            "signer:\n  name: x\n nope: y\n",
            "title: x\n...\n",
            "--- x\n",
            "%YAML 1.2\n",
            "title: \"open\n",
            "title: x\n- a\n",
        ];
        for text in left {
            assert!(read_common(text).is_none(), "read here: {text:?}");
        }
    }

    #[test]
    fn plain_values_are_typed_as_serde_yaml_types_them() {
        let cases = [
            ("2021", Some(Value::Number(2021.into()))),
            ("0", Some(Value::Number(0.into()))),
            ("007", Some(Value::String("007".into()))),
            ("2021-06-16", Some(Value::String("2021-06-16".into()))),
            ("2021-06", Some(Value::String("2021-06".into()))),
            ("Quảng Ngãi", Some(Value::String("Quảng Ngãi".into()))),
            ("453-CV/TU", Some(Value::String("453-CV/TU".into()))),
            ("True", None),
            ("NULL", None),
            ("1e5", None),
            (".5", None),
            ("+1", None),
            ("nan", Some(Value::String("nan".into()))),
            ("inf", Some(Value::String("inf".into()))),
            ("e5", Some(Value::String("e5".into()))),
            ("Ngày 1/1", Some(Value::String("Ngày 1/1".into()))),
        ];
        for (written, expected) in cases {
            assert_eq!(plain_scalar(written), expected, "{written:?}");
            if let Some(expected) = expected {
                assert_eq!(serde_yaml::from_str::<Value>(written).unwrap(), expected, "{written:?}");
            }
        }
    }

    /// Every fixture's front matter (directives, imports, broken files):
    /// read here as libyaml reads it, or left to libyaml.
    #[test]
    fn the_fixtures_front_matters_read_as_libyaml_reads_them() {
        let front_matters: Vec<String> = crate::text::fixture_texts()
            .iter()
            .filter_map(|text| {
                let file = crate::content::load::SourceFile::new("a.md".into(), "a.md".into(), text)?;
                Some(file.front_matter_text().to_string())
            })
            .collect();
        let read_here = front_matters.iter().filter(|text| agrees(text)).count();
        assert!(read_here * 2 > front_matters.len(), "{read_here} of {}", front_matters.len());
    }

    /// Front matters put together from pieces, typical and odd: whatever is
    /// read here must be what libyaml reads.
    #[test]
    fn pieces_put_together_read_as_libyaml_reads_them() {
        let pieces = [
            "title: \"a, b\"\n",
            "number: 12/CT-UBND\n",
            "date: 2021\n",
            "date: 2021-02-30\n",
            "not_before: 0012\n",
            "province: Khánh Hoà\n",
            "signer:\n  name: X\n  authority: 'T/M'\n",
            "signer:\n    name: X\n",
            "signer:\n",
            "recipients:\n  - a\n  - \"b\"\n",
            "distribution:\n- a\n",
            "cites:\n  - 07-KL/TW\n  - number: \"1/KH\"\n    date: 2021-06-12\n",
            "cites:\n-   number: 2/KH\n    issuer: UBND tỉnh\n",
            "tags: [a, \"b c\", 'd']\n",
            "tags: []\n",
            "inferred: [province]\n",
            "extra:\n  a:\n    b: [1, 2]\n    c:\n    - x\n",
            "notes: C# và [ghi chú] {x}, 100%\n",
            "place: ' Hà Nội '\n",
            "source: http//x\n",
            "\n",
            "   \n",
            "title: x\n",
            "bad: a: b\n",
            "  indented: x\n",
            "- a\n",
            "title: \"a\\\"b\"\n",
        ];
        let mut rng = crate::text::Xorshift(0x2545_f491_4f6c_dd1d);
        let mut read_here = 0;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..1 + rng.0 % 6 {
                text.push_str(rng.pick(&pieces));
            }
            read_here += usize::from(agrees(&text));
        }
        assert!(read_here > 300, "the common pieces are read here: {read_here} of 3000");
    }

    /// Values made character by character from the characters YAML gives
    /// a meaning to, in every place a value can stand: whatever is read
    /// here must be what libyaml reads (the pieces above are whole lines;
    /// this reaches the odd character inside a value).
    #[test]
    fn values_made_of_odd_characters_read_as_libyaml_reads_them() {
        const CHARACTERS: &[&str] = &[
            "a", "ă", "Đ", "n", "u", "l", "t", "e", "x", "o", "b", "Y", "0", "1", "9", ".", "+", "-", "_", "~", ":",
            "#", " ", "  ", "'", "\"", "\\", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%", "@", "`", "?", "/",
            "\u{a0}", "=",
        ];
        const SHAPES: &[(&str, &str)] = &[
            ("title: ", "\n"),
            ("title: \"", "\"\n"),
            ("title: '", "'\n"),
            ("tags:\n  - ", "\n"),
            ("tags: [", "]\n"),
            ("tags: [a, ", ", b]\n"),
            ("cites:\n  - number: ", "\n    date: 2021\n"),
            ("signer:\n  name: ", "\n"),
        ];
        let mut rng = crate::text::Xorshift(0x9e37_79b9_7f4a_7c15);
        let mut read_here = 0;
        for _ in 0..20_000 {
            let (before, after) = rng.pick(SHAPES);
            let mut value = String::new();
            for _ in 0..1 + rng.next() % 5 {
                value.push_str(rng.pick(CHARACTERS));
            }
            read_here += usize::from(agrees(&format!("number: 1/KH\n{before}{value}{after}")));
        }
        assert!(read_here > 2_000, "values of plain characters are read here: {read_here} of 20000");
    }
}
