//! Field values: the title, dates, numbers and identity, invisible
//! characters, and markup in titles and text, which the pages show escaped.

use crate::common::{archive, directive, Content};
use crate::content_check::{accepted, reported, reported_in};

const HELP_EMPTY_TITLE: &str = "write the subject line (trích yếu) after `title:`, in quotes: `title: \"…\"`";

/// No `title:` line: "missing `title`" at the opening `---`.
#[test]
fn missing_title() {
    reported(
        directive("number: 12-CV/TU\n"),
        &["content/a.md:1:1: error: missing `title` | add the subject line (trích yếu): `title: \"…\"`"],
    );
}

/// `title:` with nothing after it: "`title` is empty" at its line, not "missing" at 1:1.
#[test]
fn empty_title() {
    reported(
        directive("number: 12-CV/TU\ntitle:\n"),
        &[format!("content/a.md:3:1: error: `title` is empty | {HELP_EMPTY_TITLE}")],
    );
}

/// `title: "   "`: the same, at its line.
#[test]
fn blank_title() {
    reported(
        directive("number: 12-CV/TU\ntitle: \"   \"\n"),
        &[format!("content/a.md:3:1: error: `title` is empty | {HELP_EMPTY_TITLE}")],
    );
}

/// A title given as a list: "`title` must be text", and no spurious "missing `title`" after it.
#[test]
fn title_as_a_list() {
    reported(
        directive("title:\n  - Về việc A\n  - Về việc B\n"),
        &["content/a.md:2:1: error: `title` must be text | write it on one line: `title: …`"],
    );
}

/// A title that is a number (`title: 2021`): taken as written, as text.
#[test]
fn title_as_a_number() {
    let content = accepted(directive("title: 2021\n"));
    assert_eq!(content.titles(), ["2021"]);
}

/// A right-to-left override (U+202E) in a title: a warning at it, and the title without it.
#[test]
fn bidirectional_override_in_title() {
    let content = reported(
        directive("number: 12-CV/TU\ntitle: \"Về việc \u{202E}hcị d\"\n"),
        &["content/a.md:3:17: warning: invisible character U+202E RIGHT-TO-LEFT OVERRIDE removed | delete it from the file: it shows nothing, yet makes the text differ from what it looks like"],
    );
    assert_eq!(content.titles(), ["Về việc hcị d"]);
}

/// Zero-width spaces and joiners in a title: one warning per run, and the title reads as it looks.
#[test]
fn zero_width_characters_in_title() {
    let content = reported(
        directive("title: \"phòng\u{200B}\u{200D}, chống\u{2060} dịch\"\n"),
        &[
            "content/a.md:2:14: warning: 2 invisible characters removed (U+200B ZERO WIDTH SPACE, U+200D ZERO WIDTH JOINER) | delete it from the file: it shows nothing, yet makes the text differ from what it looks like",
            "content/a.md:2:23: warning: invisible character U+2060 WORD JOINER removed | delete it from the file: it shows nothing, yet makes the text differ from what it looks like",
        ]
    );
    assert_eq!(content.titles(), ["phòng, chống dịch"]);
}

/// A title of nothing but a zero-width space: a warning at it, and "`title` is empty" at its line.
#[test]
fn title_of_invisible_characters_only() {
    reported(
        directive("title: \"\u{200B}\"\n"),
        &[
            format!("content/a.md:2:1: error: `title` is empty | {HELP_EMPTY_TITLE}"),
            "content/a.md:2:9: warning: invisible character U+200B ZERO WIDTH SPACE removed | delete it from the file: it shows nothing, yet makes the text differ from what it looks like".to_string(),
        ]
    );
}

/// Invisible characters in a number: removed (with a warning), so the number is the one printed.
#[test]
fn invisible_character_in_a_number() {
    reported_in(
        &[
            ("a.md", &directive("title: x\nnumber: \"12\u{200B}-CV/TU\"\nprovince: Tây Ninh\ndate: 2021-01-02\n")),
            ("b.md", &directive("title: y\nnumber: 12-CV/TU\nprovince: Tây Ninh\ndate: 2021-03-04\n")),
        ],
        &[
            "content/a.md:3:12: warning: invisible character U+200B ZERO WIDTH SPACE removed | delete it from the file: it shows nothing, yet makes the text differ from what it looks like",
            "content/b.md:3:1: error: duplicate directive 12-CV/TU | keep one file per directive: remove this one, or correct its number, date or province",
        ]
    );
}

/// A title in decomposed Unicode (NFD, as macOS writes): stored NFC.
#[test]
fn decomposed_title_is_normalised() {
    let content = Content::of(&[("a.md", &directive("title: \"Vie\u{302}\u{323}t Nam\"\n"))]);
    assert_eq!(content.titles(), ["Việt Nam"]);
    assert_eq!(content.titles()[0].chars().count(), 8);
}

/// A title of 10,000 characters: accepted whole.
#[test]
fn very_long_title() {
    let title = "phòng, chống dịch ".repeat(556);
    let content = accepted(directive(&format!("title: \"{title}\"\n")));
    assert_eq!(content.titles(), [title.trim()]);
}

/// 30 February: an error at the date, saying how many days the month has.
#[test]
fn impossible_date() {
    reported(
        directive("title: x\ndate: 2021-02-30\n"),
        &["content/a.md:3:7: error: `date` is not a valid date: 2021-02 has 28 days, so day 30 does not exist | write YYYY-MM-DD, or YYYY-MM or YYYY when only that is known (29 tháng 7 năm 2020 → 2020-07-29)"],
    );
}

/// Month 13: an error at the date.
#[test]
fn impossible_month() {
    reported(
        directive("title: x\ndate: 2021-13\n"),
        &["content/a.md:3:7: error: `date` is not a valid date: month 13 does not exist | write YYYY-MM-DD, or YYYY-MM or YYYY when only that is known (29 tháng 7 năm 2020 → 2020-07-29)"],
    );
}

/// A date as printed (`16/6/2021`): an error at it, showing the form to write.
#[test]
fn date_as_printed_text() {
    reported(
        directive("title: x\ndate: 16/6/2021\n"),
        &["content/a.md:3:7: error: `date` is not a valid date: `16/6/2021` is not a year of 4 digits | write YYYY-MM-DD, or YYYY-MM or YYYY when only that is known (29 tháng 7 năm 2020 → 2020-07-29)"],
    );
}

/// A date given as a list: "`date` must be text" (it was dropped silently before).
#[test]
fn date_as_a_list() {
    reported(
        directive("title: x\ndate: [2021, 6, 16]\n"),
        &["content/a.md:3:1: error: `date` must be text | write it on one line: `date: …`"],
    );
}

/// A date in the future: accepted, since a build never reads the clock (the same input gives the same archive).
#[test]
fn date_in_the_future() {
    accepted(directive("title: x\ndate: 2099-01-01\n"));
}

/// A number that is no directive number: an error at it, with examples.
#[test]
fn unreadable_number() {
    reported(
        directive("title: x\nnumber: số mười hai\n"),
        &["content/a.md:3:9: error: cannot read `số mười hai` as a directive number | write the number as printed: 2644-CV/TU (Party), 1102/CĐ-TTg or 30/2020/NĐ-CP (state)"],
    );
}

/// The same number in two files, spelt differently (`12-CV/TU`, `12 - cv/tu`): an error on the second, pointing at the first.
#[test]
fn duplicate_number_in_two_spellings() {
    let content = reported_in(
        &[
            ("a.md", &directive("title: x\nnumber: 12-CV/TU\nprovince: Tây Ninh\ndate: 2021-01-02\n")),
            ("b.md", &directive("title: y\nnumber: 12 - cv/tu\nprovince: Tây Ninh\ndate: 2021-03-04\n")),
        ],
        &["content/b.md:3:1: error: duplicate directive 12 - cv/tu | keep one file per directive: remove this one, or correct its number, date or province"]
    );
    assert_eq!(content.notes(), [["the same directive is already in content/a.md"]]);
}

/// A province misspelt: an error at it, with the province meant.
#[test]
fn unknown_province_with_suggestion() {
    reported(
        directive("title: x\nprovince: Tay Ninhh\n"),
        &["content/a.md:3:11: error: unknown province `Tay Ninhh` | did you mean `Tây Ninh`?"],
    );
}

/// `inferred` naming a key the file does not set: an error at that name.
#[test]
fn inferred_key_not_set() {
    reported(
        directive("title: x\ninferred: [date]\n"),
        &["content/a.md:3:12: error: `inferred` lists `date`, which this file does not set | list only keys that the file sets and whose values an editor supplied"],
    );
}

const PAGE: &str = "van-ban/tw/2021/5-ct-tw/index.html";

/// HTML and a script in the title: shown as text on the page, never run.
#[test]
fn markup_in_title_is_shown_escaped() {
    let title = directive("title: \"<script>alert(1)</script><b>Về việc</b>\"\nnumber: 5-CT/TW\ndate: 2021-05-01\n");
    let page = archive(&[("a.md", &title)]).page(PAGE);
    assert!(!page.contains("<script>alert(1)"), "script in the title reached the page");
    assert!(!page.contains("<b>Về việc</b>"));
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;&lt;b&gt;Về việc&lt;&#x2F;b&gt;")
            || page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Về việc&lt;/b&gt;"),
        "title not shown as text"
    );
}

/// A script and an event handler in the text: removed from the page.
#[test]
fn script_in_text_is_removed() {
    let text = "---\ntitle: x\nnumber: 5-CT/TW\ndate: 2021-05-01\n---\nVăn bản.\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n";
    let page = archive(&[("a.md", text)]).page(PAGE);
    assert!(!page.contains("alert(1)</script>"), "script in the text reached the page");
    assert!(!page.contains("onerror"), "event handler reached the page");
    assert!(page.contains("Văn bản."));
}

/// A `javascript:` link in the text: the link goes, its words stay.
#[test]
fn javascript_link_is_removed() {
    let text = "---\ntitle: x\nnumber: 5-CT/TW\ndate: 2021-05-01\n---\nXem [tại đây](javascript:alert(1)).\n";
    let page = archive(&[("a.md", text)]).page(PAGE);
    assert!(!page.to_lowercase().contains("javascript:"), "javascript: link reached the page");
    assert!(page.contains("tại đây"));
}

/// A zero-width space inside a key (`ti​tle:`): a warning at it, and the key read as `title`.
#[test]
fn invisible_character_in_a_key() {
    let content = reported(
        directive("ti\u{200B}tle: Về việc phòng, chống dịch\n"),
        &["content/a.md:2:3: warning: invisible character U+200B ZERO WIDTH SPACE removed | delete it from the file: it shows nothing, yet makes the text differ from what it looks like"],
    );
    assert_eq!(content.titles(), ["Về việc phòng, chống dịch"]);
}

/// A second `title` told apart from the first only by a zero-width space: an error naming it visibly, never a silent overwrite.
#[test]
fn key_told_apart_only_by_an_invisible_character() {
    reported(
        directive("title: A\nti\u{200B}tle: B\n"),
        &[
            "content/a.md:3:1: error: unknown key `ti<U+200B>tle` | did you mean `title`?",
            "content/a.md:3:3: warning: invisible character U+200B ZERO WIDTH SPACE removed | delete it from the file: it shows nothing, yet makes the text differ from what it looks like",
        ]
    );
}

/// U+202E in a title, on the terminal: the line is shown with a visible U+FFFD and a caret under it, never the override itself.
#[test]
fn bidirectional_override_on_the_terminal() {
    let content = Content::of(&[("a.md", &directive("title: \"Về \u{202E} việc\"\n"))]);
    let (code, stderr) = content.check_on_the_terminal();
    assert_eq!(code, Some(0), "a warning only: {stderr}");
    assert!(!stderr.contains('\u{202E}'), "the override reached the terminal: {stderr}");
    assert!(stderr.contains("2 │ title: \"Về \u{FFFD} việc\"\n  │            ^\n"), "{stderr}");
}

/// An escape sequence (ESC [2J, clear screen) in the front matter: an error at it, and the terminal gets `?` instead of ESC.
#[test]
fn escape_sequence_on_the_terminal() {
    let content = Content::of(&[("a.md", &directive("title: \"a\u{1B}[2Jb\"\n"))]);
    let (code, stderr) = content.check_on_the_terminal();
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!stderr.contains('\u{1B}'), "an escape reached the terminal: {stderr:?}");
    assert!(stderr.contains("error: invalid YAML: a control character (U+001B) is not allowed"), "{stderr}");
    assert!(stderr.contains("2 │ title: \"a?[2Jb\""), "{stderr}");
}
