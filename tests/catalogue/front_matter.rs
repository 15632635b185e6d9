//! Front matter that is missing, misplaced, unclosed or oddly written.

use crate::common::directive;
use crate::content_check::{accepted, reported, reported_in};

/// A file that opens `---` and never closes it: an error on the opening line saying the closing one is missing.
#[test]
fn unclosed_front_matter() {
    reported(
        "---\ntitle: Về việc phòng, chống dịch\nnumber: 12-CV/TU\n\nVăn bản.\n",
        &["content/a.md:1:1: error: the front matter is not closed: no `---` line after this one | end the YAML fields with a line `---` before the directive's text"],
    );
}

/// A file that is only `---`: the same error, at that line.
#[test]
fn only_the_opening_line() {
    reported(
        "---",
        &["content/a.md:1:1: error: the front matter is not closed: no `---` line after this one | end the YAML fields with a line `---` before the directive's text"],
    );
}

/// Text above the front matter: an error on line 1 naming the line where the front matter starts.
#[test]
fn front_matter_not_at_the_start() {
    reported(
        "Số: 12-CV/TU\n\n---\ntitle: x\n---\nVăn bản.\n",
        &["content/a.md:1:1: error: no front matter at the start of the file | the first line must be `---`: move what is above line 3 below the front matter"],
    );
}

/// Plain text with no `---` anywhere: "no front matter" with what to write.
#[test]
fn no_front_matter() {
    reported(
        "Về việc phòng, chống dịch\n",
        &["content/a.md:1:1: error: no front matter | start the file with a line `---`, the YAML fields (title, number, date …), and another `---`"],
    );
}

/// An empty file (0 bytes): "the file is empty", never a silent drop.
#[test]
fn empty_file() {
    reported(
        "",
        &["content/a.md:1:1: error: the file is empty | write the directive: a line `---`, the YAML fields (title, number, date …), another `---`, then the text"],
    );
}

/// A file of blank lines only: the same as an empty file.
#[test]
fn blank_file() {
    reported(
        "\n  \n\n",
        &["content/a.md:1:1: error: the file is empty | write the directive: a line `---`, the YAML fields (title, number, date …), another `---`, then the text"],
    );
}

/// `---` twice with nothing between: "the front matter is empty" at the opening line.
#[test]
fn empty_front_matter() {
    reported(
        "---\n---\nVăn bản.\n",
        &["content/a.md:1:1: error: the front matter is empty | add at least `title: …` between the `---` lines"],
    );
}

/// Front matter of comments only: not a set of `key: value` lines.
#[test]
fn front_matter_of_comments_only() {
    reported(
        "---\n# title: x\n---\nVăn bản.\n",
        &["content/a.md:1:1: error: the front matter is not a set of `key: value` lines | write one `key: value` per line"],
    );
}

/// A UTF-8 byte-order mark before the opening `---` (Notepad): read as if it were not there.
#[test]
fn byte_order_mark_before_the_front_matter() {
    let content = accepted(format!("\u{feff}{}", directive("title: Về việc phòng, chống dịch\n")));
    assert_eq!(content.titles(), ["Về việc phòng, chống dịch"]);
}

/// CRLF line ends (Windows): read as `\n`, and problems keep their line and column.
#[test]
fn crlf_line_endings() {
    reported_in(
        &[
            ("a.md", "---\r\ntitle: x\r\ndat: 2021-06-16\r\n---\r\nVăn bản.\r\n"),
            ("b.md", "---\r\ntitle: Về việc phòng, chống dịch\r\n---\r\nVăn bản.\r\n"),
        ],
        &["content/a.md:3:1: error: unknown key `dat` | did you mean `date`?"],
    );
}

/// Spaces after the `---` lines (invisible in an editor): accepted.
#[test]
fn spaces_after_the_dashes() {
    let content = accepted("---  \ntitle: Về việc phòng, chống dịch\n--- \nVăn bản.\n");
    assert_eq!(content.titles(), ["Về việc phòng, chống dịch"]);
}

/// A `---` line in the text (a Markdown rule): the front matter ends at the first one, the rest is text.
#[test]
fn a_rule_in_the_text_is_text() {
    accepted("---\ntitle: x\n---\nPhần 1\n\n---\n\ndat: not a key\n");
}
