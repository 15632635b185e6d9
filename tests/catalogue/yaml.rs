//! Front matter that is not the YAML vanban reads: tabs, lists, aliases,
//! duplicate and unknown keys, values of the wrong shape.

use crate::common::directive;
use crate::content_check::{reported, reported_as, reported_in};
use std::time::{Duration, Instant};

/// A tab in the indentation: an error at the tab, saying YAML wants spaces.
#[test]
fn tab_indentation() {
    reported(
        directive("title: x\nsigner:\n\tname: Trần Văn A\n"),
        &["content/a.md:4:1: error: invalid YAML: a tab where YAML expects spaces | indent with spaces: YAML does not allow tabs for indentation"],
    );
}

/// A YAML list where the fields should be: an error at the opening `---`.
#[test]
fn a_list_instead_of_fields() {
    reported(
        directive("- title: x\n- number: 12-CV/TU\n"),
        &["content/a.md:1:1: error: the front matter is not a set of `key: value` lines | write one `key: value` per line"],
    );
}

/// A bare line of text as front matter: the same error.
#[test]
fn a_sentence_instead_of_fields() {
    reported(
        directive("Về việc phòng, chống dịch\n"),
        &["content/a.md:1:1: error: the front matter is not a set of `key: value` lines | write one `key: value` per line"],
    );
}

/// Aliases nested to expand into billions of items (billion laughs): refused at once, in little memory.
#[test]
fn alias_bomb() {
    let mut front_matter =
        String::from("title: x\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (name, previous) in
        ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        let items = vec![format!("*{previous}"); 9].join(",");
        front_matter.push_str(&format!("{name}: &{name} [{items}]\n"));
    }
    let started = Instant::now();
    reported(
        directive(&front_matter),
        &["content/a.md:2:1: error: invalid YAML: repetition limit exceeded | aliases (`*name`) repeat too much text here; write the values out instead"],
    );
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
}

/// A key given twice: an error at the second one, with a note naming the line of the first.
#[test]
fn duplicate_key() {
    let content = reported(
        directive("title: Về việc A\nnumber: 12-CV/TU\ntitle: Về việc B\n"),
        &["content/a.md:4:1: error: duplicate key `title` | keep one of the two `title:` lines"],
    );
    assert_eq!(content.notes(), [["first given on line 2"]]);
}

/// A key given twice inside `signer`: an error at the second one, naming the mapping.
#[test]
fn duplicate_key_in_a_nested_mapping() {
    let content = reported(
        directive("title: x\nsigner:\n  name: Trần Văn A\n  position: Bí thư\n  name: Trần Văn B\n"),
        &["content/a.md:6:3: error: duplicate key `name` in `signer` | keep one of the two `name:` lines"],
    );
    assert_eq!(content.notes(), [["first given on line 4"]]);
}

/// A misspelt key: an error at it, suggesting the key meant.
#[test]
fn unknown_key_with_suggestion() {
    reported(
        directive("title: x\nprovnce: Tây Ninh\n"),
        &["content/a.md:3:1: error: unknown key `provnce` | did you mean `province`?"],
    );
}

/// A key like no other: an error listing the keys, and where free-form data goes.
#[test]
fn unknown_key_without_suggestion() {
    reported(
        directive("title: x\nso_trang: 3\n"),
        &["content/a.md:3:1: error: unknown key `so_trang` | the keys are: `title`, `number`, `type`, `issuer`, `province`, `date`, `not_before`, `place`, `signer`, `recipients`, `distribution`, `cites`, `tags`, `source`, `notes`, `inferred`, `extra`; put free-form data under `extra:`"],
    );
}

/// An unknown key in `signer`: an error at it, with a suggestion.
#[test]
fn unknown_key_in_signer() {
    reported(
        directive("title: x\nsigner:\n  nam: Trần Văn A\n"),
        &["content/a.md:4:3: error: unknown key `nam` in `signer` | did you mean `name`?"],
    );
}

/// A `[` list never closed: an error on its line.
#[test]
fn unclosed_list() {
    reported_as(directive("title: x\nrecipients: [a, b\n"), "content/a.md:3:1: error: invalid YAML: ");
}

/// A quote never closed: an error on its line.
#[test]
fn unclosed_quote() {
    reported_as(
        directive("title: \"Về việc phòng, chống dịch\nnumber: 12-CV/TU\n"),
        "content/a.md:3:1: error: invalid YAML: ",
    );
}

/// `: ` inside an unquoted title: an error at the place, saying to quote it.
#[test]
fn colon_in_an_unquoted_value() {
    reported(
        directive("title: V/v: phòng, chống dịch\n"),
        &["content/a.md:2:11: error: invalid YAML: mapping values are not allowed in this context | check the indentation and quote values that contain `: ` or start with a special character (\"…\")"],
    );
}

/// A number given as a list: "`number` must be text", once.
#[test]
fn number_as_a_list() {
    reported(
        directive("title: x\nnumber: [12, CV/TU]\n"),
        &["content/a.md:3:1: error: `number` must be text | write it on one line: `number: …`"],
    );
}

/// `extra` as a line of text: an error at it.
#[test]
fn extra_not_a_mapping() {
    reported(
        directive("title: x\nextra: ghi chú\n"),
        &["content/a.md:3:1: error: `extra` must be a mapping | write `extra:` and indented `key: value` lines"],
    );
}

/// `signer` as one line of text: an error at it, showing the three lines to write.
#[test]
fn signer_as_text() {
    reported(
        directive("title: x\nsigner: Trần Văn A\n"),
        &["content/a.md:3:1: error: `signer` must have `name`, `position` and `authority` lines | write `signer:` then indented `name: …`, `position: Phó Bí thư`, `authority: T/M Ban Thường vụ`"],
    );
}

/// `cites` as a mapping: an error at it.
#[test]
fn cites_not_a_list() {
    reported(
        directive("title: x\ncites:\n  number: 07-KL/TW\n"),
        &["content/a.md:3:1: error: `cites` must be a list | write each cited number as `  - 07-KL/TW`"],
    );
}

/// A problem in each of several fields: all reported in one run, in order.
#[test]
fn every_problem_at_once() {
    reported_in(
        &[
            ("a.md", &directive("title: x\nprovince: Atlantis\ndate: 2021-02-30\ntags: {a: 1}\n")),
            ("b.md", &directive("titel: x\n")),
        ],
        &[
            "content/a.md:3:11: error: unknown province `Atlantis` | use one of the 63 provinces of 2020–21 (as before the 2025 merger); leave it out for central bodies",
            "content/a.md:4:7: error: `date` is not a valid date: 2021-02 has 28 days, so day 30 does not exist | write YYYY-MM-DD, or YYYY-MM or YYYY when only that is known (29 tháng 7 năm 2020 → 2020-07-29)",
            "content/a.md:5:1: error: `tags` must be text | write it on one line: `tags: …`",
            "content/b.md:1:1: error: missing `title` | add the subject line (trích yếu): `title: \"…\"`",
            "content/b.md:2:1: error: unknown key `titel` | did you mean `title`?",
        ]
    );
}

/// A list whose items are lists: one error for the list, not one per item.
#[test]
fn list_of_lists() {
    reported(
        directive("title: x\ntags: [[covid], [y tế], ok]\n"),
        &["content/a.md:3:1: error: every item of `tags` must be text | write each item as `  - text` under `tags:`"],
    );
}

/// A control character (BEL, from a copy and paste) in a value: an error at the character, not at the start.
#[test]
fn control_character_in_a_value() {
    reported(
        directive("number: 12-CV/TU\ntitle: Về việc\u{7} phòng\n"),
        &["content/a.md:3:15: error: invalid YAML: a control character (U+0007) is not allowed | delete it: a control character is no text (it may have come with a copy and paste)"],
    );
}

/// The signer's name as a list: an error at it (it was dropped silently).
#[test]
fn signer_name_as_a_list() {
    reported(
        directive("title: x\nsigner:\n  name: [Trần Văn A]\n  position: Bí thư\n"),
        &["content/a.md:4:3: error: `name` in `signer` must be text | write it on one line: `name: …`"],
    );
}

/// A citation's date as a list: an error at it (it was dropped silently).
#[test]
fn citation_date_as_a_list() {
    reported(
        directive("title: x\ncites:\n  - number: 07-KL/TW\n    date: [2021, 6, 11]\n"),
        &["content/a.md:5:5: error: `date` in `cites` must be text | write it on one line: `date: …`"],
    );
}
