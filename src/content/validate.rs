//! Stage 2, validate: turn each file's front matter into a [`Directive`],
//! collecting every problem (with file, line, column and a fix) instead of
//! stopping at the first; then check the archive as a whole (duplicates).

use crate::content::load::{load_each, Kept, Loaded, SourceFile};
use crate::content::model::{CiteOrigin, CiteRef, CitedSpan, Directive, DirectiveKey, PartialDate, Scope, Signer};
use crate::content::names::{Name, Names};
use crate::content::plain_yaml::read_common;
use crate::diagnostics::{Diagnostic, Severity};
use crate::text::citations::extract_citations_in_nfc;
use crate::text::number::DocNumber;
use crate::text::provinces::ProvinceRegistry;
use crate::text::vietnamese::{invisible_char_indices, invisible_name, is_invisible};
use rayon::prelude::*;
use serde_yaml::{Mapping, Value};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

/// Every key a directive's front matter may have.
pub const KEYS: &[&str] = &[
    "title",
    "number",
    "type",
    "issuer",
    "province",
    "date",
    "not_before",
    "place",
    "signer",
    "recipients",
    "distribution",
    "cites",
    "tags",
    "source",
    "notes",
    "inferred",
    "extra",
];
const SIGNER_KEYS: &[&str] = &["name", "position", "authority"];
const CITE_KEYS: &[&str] = &["number", "type", "issuer", "date", "title"];

#[derive(Debug, Default)]
pub struct Validated {
    /// In the order of the files (sorted by path).
    pub directives: Vec<Directive>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Validates every file in parallel, then the archive as a whole.
pub fn validate(files: &[SourceFile], provinces: &ProvinceRegistry) -> Validated {
    let names = Names::default();
    let results = files.par_iter().map(|file| boxed(validate_file(file, provinces, &names))).collect();
    validate_archive(results, files)
}

/// Loads and validates every file of `content_dir`, each as soon as it is
/// read, and then the archive as a whole. A file's text is let go once it
/// is validated, unless it has problems to show, and so is its front matter:
/// memory holds what the texts say, never all the texts at once.
pub fn load_and_validate(content_dir: &Path, provinces: &ProvinceRegistry) -> (Loaded<Kept>, Validated) {
    let names = Names::default();
    let (checked, load_problems) = load_each(content_dir, |file| {
        let (mut directive, problems) = boxed(validate_file(&file, provinces, &names));
        if let Some(directive) = &mut directive {
            directive.body.release();
        }
        let file = if problems.is_empty() { Kept::LetGo(file.let_go()) } else { Kept::Whole(file) };
        (file, (directive, problems))
    });
    let (files, results): (Vec<Kept>, Vec<_>) = checked.into_iter().unzip();
    let validated = validate_archive(results, &files);
    (Loaded { files, diagnostics: load_problems }, validated)
}

/// A file's directive boxed until the files' results are sorted out: a
/// directive is 640 bytes before what it points to, and each step would
/// otherwise hold two copies of them all.
type Checked = (Option<Box<Directive>>, Vec<Diagnostic>);

fn boxed((directive, problems): (Option<Directive>, Vec<Diagnostic>)) -> Checked {
    (directive.map(Box::new), problems)
}

/// Each file's directive and problems (`results[i]` of `files[i]`), and
/// then the problems seen only with the whole archive.
fn validate_archive<F: CheckedFile>(results: Vec<Checked>, files: &[F]) -> Validated {
    let mut validated = Validated::default();
    validated.directives.reserve_exact(results.iter().filter(|(directive, _)| directive.is_some()).count());
    let mut kept_files = Vec::with_capacity(validated.directives.capacity());
    for ((directive, diagnostics), file) in results.into_iter().zip(files) {
        validated.diagnostics.extend(diagnostics);
        if let Some(directive) = directive {
            validated.directives.push(*directive);
            kept_files.push(file);
        }
    }
    check_archive(&mut validated, &kept_files);
    validated
}

/// The problems seen only with the whole archive: `files[i]` is the file of
/// `validated.directives[i]`.
fn check_archive<F: CheckedFile>(validated: &mut Validated, files: &[&F]) {
    let duplicates = find_duplicates(&validated.directives, files);
    validated.diagnostics.extend(duplicates);
    validated.diagnostics.extend(find_later_citations(&validated.directives, files));
}

/// A file an archive-wide check may place a problem in: held whole, or let
/// go once validated and read again when a message needs its lines.
pub trait CheckedFile: Sync {
    fn display_path(&self) -> &str;
    /// The file as it was validated; `None` when it has changed since.
    fn whole(&self) -> Option<Cow<'_, SourceFile>>;
}

impl CheckedFile for SourceFile {
    fn display_path(&self) -> &str {
        &self.display_path
    }

    fn whole(&self) -> Option<Cow<'_, SourceFile>> {
        Some(Cow::Borrowed(self))
    }
}

impl CheckedFile for Kept {
    fn display_path(&self) -> &str {
        match self {
            Kept::Whole(file) => &file.display_path,
            Kept::LetGo(file) => file.display_path(),
        }
    }

    fn whole(&self) -> Option<Cow<'_, SourceFile>> {
        match self {
            Kept::Whole(file) => Some(Cow::Borrowed(file)),
            Kept::LetGo(file) => file.read_again().map(Cow::Owned),
        }
    }
}

/// A file that no longer holds the text validated, found when a message
/// was to be placed in it: the build cannot say where, and stops.
fn changed_since_read(path: &str) -> Diagnostic {
    Diagnostic::file(Severity::Error, path, "the file changed while the archive was being built".into())
        .with_help("build again once the files are no longer being changed")
}

/// Two files that describe the same directive (same number, issuer scope and
/// year) are an error on the later one, pointing back at the first.
/// `files[i]` is the file of `directives[i]`, both in the order of the files.
pub fn find_duplicates<F: CheckedFile>(directives: &[Directive], files: &[&F]) -> Vec<Diagnostic> {
    let mut first_seen: HashMap<DirectiveKey, usize> = HashMap::new();
    let mut problems = Vec::new();
    for (i, directive) in directives.iter().enumerate() {
        let Some(key) = directive.key() else { continue };
        match first_seen.get(&key) {
            None => {
                first_seen.insert(key, i);
            }
            Some(&first) => {
                let Some(file) = files[i].whole() else {
                    problems.push(changed_since_read(files[i].display_path()));
                    continue;
                };
                let span = Locator::new(&file).key("number");
                problems.push(
                    Diagnostic::at(
                        Severity::Error,
                        &file.display_path,
                        &file.head,
                        span,
                        format!("duplicate directive {}", directive.number_printed.as_deref().unwrap_or_default()),
                    )
                    .with_note(format!("the same directive is already in {}", files[first].display_path()))
                    .with_help("keep one file per directive: remove this one, or correct its number, date or province"),
                );
            }
        }
    }
    problems
}

/// Finds where things are in a file's front matter, for diagnostics.
/// YAML parsers drop positions, so keys are found by their lines: top-level
/// keys always start a line.
struct Locator<'a> {
    file: &'a SourceFile,
}

impl<'a> Locator<'a> {
    fn new(file: &'a SourceFile) -> Self {
        Locator { file }
    }

    /// The opening `---`: every file starts with it.
    fn front_matter_start(&self) -> Range<usize> {
        0..3
    }

    /// The span of a top-level `key:`.
    fn key(&self, key: &str) -> Range<usize> {
        let fm = self.file.front_matter_text();
        let mut offset = self.file.front_matter.start;
        for line in fm.split_inclusive('\n') {
            if line.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')) {
                return offset..offset + key.len();
            }
            offset += line.len();
        }
        self.front_matter_start()
    }

    /// The span of `needle` in the lines after a top-level `key:`, or the key.
    fn value_under(&self, key: &str, needle: &str) -> Range<usize> {
        let key_span = self.key(key);
        let after = &self.file.head[key_span.start..self.file.front_matter.end];
        match after.find(needle) {
            Some(i) if !needle.is_empty() => key_span.start + i..key_span.start + i + needle.len(),
            _ => key_span,
        }
    }
}

/// Collects the problems of one file.
struct FileCheck<'a> {
    file: &'a SourceFile,
    /// The archive's table of repeated names.
    names: &'a Names,
    /// The whole text, for the citations in the body and for placing
    /// problems found there.
    text: Cow<'a, str>,
    at: Locator<'a>,
    problems: Vec<Diagnostic>,
}

impl<'a> FileCheck<'a> {
    fn body_text(&self) -> &str {
        &self.text[self.file.body_start()..]
    }

    fn problem(&mut self, severity: Severity, span: Range<usize>, message: String, help: Option<String>) {
        let mut diagnostic = Diagnostic::at(severity, &self.file.display_path, &self.text, span, message);
        diagnostic.help = help;
        self.problems.push(diagnostic);
    }

    fn error(&mut self, span: Range<usize>, message: String, help: impl Into<String>) {
        self.problem(Severity::Error, span, message, Some(help.into()));
    }

    fn error_at_key(&mut self, key: &str, message: String, help: impl Into<String>) {
        let span = self.at.key(key);
        self.error(span, message, help);
    }

    /// A warning for each run of invisible characters in the front matter,
    /// where it is: they are removed from the values, so that no title
    /// reads otherwise than it looks.
    /// Whether there were any.
    fn invisible_characters(&mut self) -> bool {
        let start = self.file.front_matter.start;
        let fm = &self.file.head[self.file.front_matter.clone()];
        let mut runs: Vec<(Range<usize>, Vec<char>)> = Vec::new();
        for (i, c) in invisible_char_indices(fm) {
            match runs.last_mut() {
                Some((run, chars)) if run.end == start + i => {
                    run.end += c.len_utf8();
                    chars.push(c);
                }
                _ => runs.push((start + i..start + i + c.len_utf8(), vec![c])),
            }
        }
        let found = !runs.is_empty();
        for (span, chars) in runs {
            let mut named: Vec<String> = Vec::new();
            for c in &chars {
                let name = format!("U+{:04X} {}", *c as u32, invisible_name(*c).unwrap_or_default());
                if !named.contains(&name) {
                    named.push(name);
                }
            }
            let message = match chars.len() {
                1 => format!("invisible character {} removed", named[0]),
                n => format!("{n} invisible characters removed ({})", named.join(", ")),
            };
            let help = "delete it from the file: it shows nothing, yet makes the text differ from what it looks like";
            self.problem(Severity::Warning, span, message, Some(help.into()));
        }
        found
    }

    /// The title: required, and text. One problem at most: a title that is
    /// there but empty or not text is not also "missing".
    fn title(&mut self, mapping: &Mapping) -> Option<String> {
        let Some(value) = mapping.get("title") else {
            let span = self.at.front_matter_start();
            self.error(span, "missing `title`".into(), "add the subject line (trích yếu): `title: \"…\"`");
            return None;
        };
        let blank = value.is_null() || scalar_string(value).is_some_and(|text| text.trim().is_empty());
        if blank {
            self.error_at_key(
                "title",
                "`title` is empty".into(),
                "write the subject line (trích yếu) after `title:`, in quotes: `title: \"…\"`",
            );
            return None;
        }
        self.string("title", value)
    }

    /// A text field of a nested mapping (`signer`, a citation): a list or
    /// a mapping there is an error, not a value silently dropped.
    fn nested_text(&mut self, parent: &str, mapping: &Mapping, key: &str) -> Option<String> {
        let value = mapping.get(key)?;
        match scalar_string(value) {
            Some(text) => Some(text.trim().to_string()).filter(|text| !text.is_empty()),
            None if value.is_null() => None,
            None => {
                let span = self.at.value_under(parent, key);
                self.error(
                    span,
                    format!("`{key}` in `{parent}` must be text"),
                    format!("write it on one line: `{key}: …`"),
                );
                None
            }
        }
    }

    /// A text field: a string (numbers are taken as written).
    fn string(&mut self, key: &str, value: &Value) -> Option<String> {
        match scalar_string(value) {
            Some(text) if text.trim().is_empty() => None,
            Some(text) => Some(text.trim().to_string()),
            None if value.is_null() => None,
            None => {
                self.error_at_key(key, format!("`{key}` must be text"), format!("write it on one line: `{key}: …`"));
                None
            }
        }
    }

    /// A text field whose value repeats across the archive (an issuer, a
    /// place), held once in the archive's table.
    fn name(&mut self, key: &str, value: &Value) -> Option<Name> {
        self.string(key, value).map(|text| self.names.get(&text))
    }

    /// [`FileCheck::string_list`], each item held once in the archive's table.
    fn name_list(&mut self, key: &str, value: &Value) -> Box<[Name]> {
        let texts = self.string_list(key, value);
        self.names.list(texts)
    }

    /// [`FileCheck::nested_text`], held once in the archive's table.
    fn nested_name(&mut self, parent: &str, mapping: &Mapping, key: &str) -> Option<Name> {
        self.nested_text(parent, mapping, key).map(|text| self.names.get(&text))
    }

    /// A list of text: a YAML list, or one string standing for a list of one.
    fn string_list(&mut self, key: &str, value: &Value) -> Vec<String> {
        match value {
            Value::Sequence(items) => {
                // One error for the list, however many of its items are wrong.
                if items.iter().any(|item| scalar_string(item).is_none()) {
                    self.error_at_key(
                        key,
                        format!("every item of `{key}` must be text"),
                        format!("write each item as `  - text` under `{key}:`"),
                    );
                }
                items
                    .iter()
                    .filter_map(scalar_string)
                    .map(|text| text.trim().to_string())
                    .filter(|text| !text.is_empty())
                    .collect()
            }
            Value::Null => Vec::new(),
            other => self.string(key, other).into_iter().collect(),
        }
    }

    fn date(&mut self, key: &str, value: &Value) -> Option<PartialDate> {
        let text = self.string(key, value)?;
        match PartialDate::parse(&text) {
            Ok(date) => Some(date),
            Err(reason) => {
                let span = self.at.value_under(key, &text);
                self.error(
                    span,
                    format!("`{key}` is not a valid date: {reason}"),
                    "write YYYY-MM-DD, or YYYY-MM or YYYY when only that is known (29 tháng 7 năm 2020 → 2020-07-29)",
                );
                None
            }
        }
    }

    fn number(&mut self, key: &str, printed: &str) -> Option<DocNumber> {
        let parsed = DocNumber::parse(printed);
        if parsed.is_none() {
            let span = self.at.value_under(key, printed);
            self.error(
                span,
                format!("cannot read `{printed}` as a directive number"),
                "write the number as printed: 2644-CV/TU (Party), 1102/CĐ-TTg or 30/2020/NĐ-CP (state)",
            );
        }
        parsed
    }

    fn unknown_keys(&mut self, keys: &[String], allowed: &[&str], parent: Option<&str>) {
        for key in keys.iter().filter(|k| !allowed.contains(&k.as_str())) {
            let suggestion = allowed
                .iter()
                .map(|candidate| (strsim::damerau_levenshtein(key, candidate), *candidate))
                .filter(|(distance, _)| *distance <= 2)
                .min();
            let help = match suggestion {
                Some((_, candidate)) => format!("did you mean `{candidate}`?"),
                None => format!(
                    "the keys are: {}; put free-form data under `extra:`",
                    allowed.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                ),
            };
            let (span, what) = match parent {
                Some(parent) => {
                    (self.at.value_under(parent, key), format!("unknown key `{}` in `{parent}`", visible(key)))
                }
                None => (self.at.key(key), format!("unknown key `{}`", visible(key))),
            };
            self.error(span, what, help);
        }
    }
}

/// Text for a message, with each invisible character written as `<U+200B>`.
fn visible(text: &str) -> String {
    text.chars().map(|c| if is_invisible(c) { format!("<U+{:04X}>", c as u32) } else { c.to_string() }).collect()
}

/// A scalar as text: a string borrowed (most values are trimmed and copied
/// once, by the caller), a number or a boolean as YAML wrote it.
fn scalar_string(value: &Value) -> Option<Cow<'_, str>> {
    match value {
        Value::String(s) => Some(Cow::Borrowed(s)),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        Value::Bool(b) => Some(Cow::Owned(b.to_string())),
        _ => None,
    }
}

fn mapping_keys(mapping: &Mapping) -> Vec<String> {
    mapping.keys().map(|k| scalar_string(k).map_or_else(|| format!("{k:?}"), Cow::into_owned)).collect()
}

/// Validates one file. Returns the directive when it has no error; its
/// repeated texts are held in `names`, the table of the archive it is part of.
pub fn validate_file(
    file: &SourceFile,
    provinces: &ProvinceRegistry,
    names: &Names,
) -> (Option<Directive>, Vec<Diagnostic>) {
    // A file is validated as it is read, so its text is held; were it not,
    // and could it not be read again, its front matter alone is checked.
    let text = file.text().unwrap_or(Cow::Borrowed(&file.head));
    let mut check = FileCheck { file, names, text, at: Locator::new(file), problems: Vec::new() };
    let mapping = match parse_yaml(&mut check) {
        Some(mapping) => mapping,
        None => return (None, check.problems),
    };
    let directive = build_directive(&mut check, &mapping, provinces);
    let has_error = check.problems.iter().any(Diagnostic::is_error);
    (directive.filter(|_| !has_error), check.problems)
}

fn parse_yaml(check: &mut FileCheck) -> Option<Mapping> {
    let fm = check.file.front_matter_text();
    if fm.trim().is_empty() {
        let span = check.at.front_matter_start();
        check.error(span, "the front matter is empty".into(), "add at least `title: …` between the `---` lines");
        return None;
    }
    // Almost no file has any: only then is every key and value copied clean
    // (or when a quoted escape such as `\u202E` could make one).
    let invisible = check.invisible_characters() | fm.contains('\\');
    // The common shape is read by hand; the rest, and every error, by libyaml.
    let read = match read_common(fm) {
        Some(mapping) => Ok(Value::Mapping(mapping)),
        None => serde_yaml::from_str::<Value>(fm),
    };
    match read {
        Ok(Value::Mapping(mapping)) if invisible => Some(without_invisible_mapping(mapping)),
        Ok(Value::Mapping(mapping)) => Some(mapping),
        Ok(_) => {
            let span = check.at.front_matter_start();
            check.error(
                span,
                "the front matter is not a set of `key: value` lines".into(),
                "write one `key: value` per line",
            );
            None
        }
        Err(error) => {
            yaml_error(check, &error);
            None
        }
    }
}

/// A YAML error, placed where the reader should look and explained.
fn yaml_error(check: &mut FileCheck, error: &serde_yaml::Error) {
    let fm = check.file.front_matter_text();
    let fm_start = check.file.front_matter.start;
    let message = error.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message).to_string();
    let mut index = error.location().map_or(0, |l| l.index());
    if let Some(duplicate) = duplicate_key(fm, index, &message) {
        let span = fm_start + duplicate.second..fm_start + duplicate.second + duplicate.key.len();
        let (first_line, _) = crate::diagnostics::line_and_column(&check.text, fm_start + duplicate.first);
        let diagnostic = Diagnostic::at(
            Severity::Error,
            &check.file.display_path,
            &check.text,
            span,
            format!("duplicate key `{}`{}", duplicate.key, duplicate.within),
        )
        .with_note(format!("first given on line {first_line}"))
        .with_help(format!("keep one of the two `{}:` lines", duplicate.key));
        check.problems.push(diagnostic);
        return;
    }
    if index >= fm.trim_end().len() {
        // The parser ran off the end (an unclosed `[` or quote): the
        // last line is where the reader should look.
        index = fm.trim_end().rfind('\n').map_or(0, |i| i + 1);
    }
    let start = fm_start + index;
    if message.starts_with("control characters are not allowed") {
        // The parser counts the position in its own way; the character is
        // found here.
        if let Some(at) = fm.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}')) {
            let c = fm[at..].chars().next().unwrap_or_default();
            let span = fm_start + at..fm_start + at + c.len_utf8();
            let message = format!("invalid YAML: a control character (U+{:04X}) is not allowed", c as u32);
            check.error(
                span,
                message,
                "delete it: a control character is no text (it may have come with a copy and paste)",
            );
            return;
        }
    }
    let (message, help) = if fm[index..].starts_with('\t') {
        ("a tab where YAML expects spaces".to_string(), "indent with spaces: YAML does not allow tabs for indentation")
    } else if message.contains("repetition limit exceeded") {
        (message, "aliases (`*name`) repeat too much text here; write the values out instead")
    } else {
        (message, "check the indentation and quote values that contain `: ` or start with a special character (\"…\")")
    };
    check.error(start..start + 1, format!("invalid YAML: {message}"), help);
}

/// A key given twice in one mapping: byte offsets in the front matter of
/// both, and in which mapping (` in `signer``) when it is not the top one.
struct DuplicateKey {
    key: String,
    within: String,
    first: usize,
    second: usize,
}

/// The YAML parser names a duplicate key but places it at the start of its
/// mapping; the key's own lines are found here, at the mapping's indentation.
fn duplicate_key(fm: &str, mapping_start: usize, message: &str) -> Option<DuplicateKey> {
    let (path, rest) = message.rsplit_once("duplicate entry with key \"")?;
    let key = rest.strip_suffix('"')?;
    let within = within(path.trim_end_matches(": ").rsplit('.').next().unwrap_or_default());
    let line_start = fm[..mapping_start].rfind('\n').map_or(0, |i| i + 1);
    let indent = mapping_start - line_start;
    let first_line_end = fm[mapping_start..].find('\n').map_or(fm.len(), |i| mapping_start + i + 1);
    let mut found = Vec::new();
    if starts_with_key(&fm[mapping_start..first_line_end], key) {
        found.push(mapping_start);
    }
    let mut offset = first_line_end;
    for line in fm[first_line_end..].split_inclusive('\n') {
        let content = line.trim_start_matches(' ');
        let line_indent = line.len() - content.len();
        let blank = content.trim().is_empty() || content.starts_with('#');
        if !blank && line_indent < indent {
            break;
        }
        if line_indent == indent && starts_with_key(content, key) {
            found.push(offset + indent);
        }
        offset += line.len();
    }
    match found[..] {
        [first, second, ..] => Some(DuplicateKey { key: key.to_string(), within, first, second }),
        _ => None,
    }
}

/// The mapping of a YAML error's path, for people: `signer` → " in
/// `signer`", `cites[0]` → " in `cites` (item 1)", the top one → "".
fn within(segment: &str) -> String {
    match segment.strip_suffix(']').and_then(|s| s.split_once('[')) {
        Some((list, index)) => {
            let item = index.parse::<usize>().map_or(index.to_string(), |i| (i + 1).to_string());
            format!(" in `{list}` (item {item})")
        }
        None if segment.is_empty() => String::new(),
        None => format!(" in `{segment}`"),
    }
}

/// Whether a line (from its key on) gives `key`, bare or quoted.
fn starts_with_key(line: &str, key: &str) -> bool {
    let rest = [format!("\"{key}\""), format!("'{key}'"), key.to_string()]
        .iter()
        .find_map(|written| line.strip_prefix(written.as_str()).map(str::to_string));
    rest.is_some_and(|rest| rest.trim_start().starts_with(':'))
}

/// The front matter's strings and keys without invisible characters (each
/// run of them is warned about by [`FileCheck::invisible_characters`]).
/// A key that would become another key of the mapping (`ti\u{200B}tle`
/// beside `title`) is kept as written, to be reported as unknown rather than
/// overwrite the other.
fn without_invisible_mapping(mapping: Mapping) -> Mapping {
    let written: Vec<Value> = mapping.keys().cloned().collect();
    mapping
        .into_iter()
        .map(|(key, value)| {
            let cleaned = without_invisible(key.clone());
            let key = if cleaned != key && written.contains(&cleaned) { key } else { cleaned };
            (key, without_invisible(value))
        })
        .collect()
}

fn without_invisible(value: Value) -> Value {
    match value {
        Value::String(text) if text.chars().any(is_invisible) => {
            Value::String(text.chars().filter(|&c| !is_invisible(c)).collect())
        }
        Value::Sequence(items) => Value::Sequence(items.into_iter().map(without_invisible).collect()),
        Value::Mapping(mapping) => Value::Mapping(without_invisible_mapping(mapping)),
        Value::Tagged(mut tagged) => {
            tagged.value = without_invisible(tagged.value);
            Value::Tagged(tagged)
        }
        other => other,
    }
}

fn build_directive(check: &mut FileCheck, mapping: &Mapping, provinces: &ProvinceRegistry) -> Option<Directive> {
    let keys = mapping_keys(mapping);
    check.unknown_keys(&keys, KEYS, None);
    // Each known key's value, found in one pass rather than hashed for
    // every field: what `mapping.get(key)` finds, an untagged string key
    // equal to it.
    let mut values: [Option<&Value>; KEYS.len()] = [None; KEYS.len()];
    for (key, value) in mapping {
        // Not `key.as_str()`, which looks through tags: `mapping.get` does not.
        let untagged = match key {
            Value::String(key) => Some(key.as_str()),
            _ => None,
        };
        if let Some(i) = untagged.and_then(|key| KEYS.iter().position(|known| *known == key)) {
            values[i] = Some(value);
        }
    }
    let field = |key: &str| KEYS.iter().position(|known| *known == key).and_then(|i| values[i]).unwrap_or(&Value::Null);

    let title = check.title(mapping);
    let number_printed = check.string("number", field("number"));
    let number = number_printed.as_deref().and_then(|printed| check.number("number", printed));
    let type_name = check
        .name("type", field("type"))
        .or_else(|| number.as_ref().and_then(|n| n.type_name()).map(|name| check.names.get(name)));
    let issuer = check.name("issuer", field("issuer"));
    let province = province(check, field("province"), provinces);
    let date = check.date("date", field("date"));
    let not_before = check.date("not_before", field("not_before"));
    let signer = signer(check, field("signer"));
    let mut front_matter_cites = cites(check, field("cites"));
    for cite in front_matter_cites.iter_mut().filter(|c| c.number.is_provincial()) {
        // "issuer: UBND tỉnh Bình Dương": that province's number, not the citer's.
        cite.province = cite.issuer.as_deref().and_then(|issuer| provinces.find_in_issuer(issuer));
    }
    let inferred = check.name_list("inferred", field("inferred"));
    for key in &inferred {
        if !KEYS.contains(&&**key) || !mapping.contains_key(&**key) {
            let span = check.at.value_under("inferred", key);
            check.error(
                span,
                format!("`inferred` lists `{key}`, which this file does not set"),
                "list only keys that the file sets and whose values an editor supplied",
            );
        }
    }
    let extra = match field("extra") {
        Value::Null => serde_json::Value::Null,
        value @ Value::Mapping(_) => serde_json::to_value(value).unwrap_or(serde_json::Value::Null),
        _ => {
            check.error_at_key(
                "extra",
                "`extra` must be a mapping".into(),
                "write `extra:` and indented `key: value` lines",
            );
            serde_json::Value::Null
        }
    };
    let province_name = province.map(|id| provinces.get(id).name.as_str());
    let text_cites = text_citations(check, province_name, provinces);
    let body_start = check.file.body_start();
    let cited_spans = text_cites
        .iter()
        .map(|(cite, span)| CitedSpan {
            span: span.start - body_start..span.end - body_start,
            number: cite.number.canonical(),
        })
        .collect();
    // The document's own number in its text is no citation, unless the front
    // matter says it is (the same number from another year).
    let text_cites: Vec<_> = text_cites.into_iter().filter(|(cite, _)| Some(&cite.number) != number.as_ref()).collect();
    if let Some(own) = &number {
        warn_of_self_citation(check, own, date, &front_matter_cites);
    }
    if let Some(date) = date {
        warn_of_later_citations(check, date, &front_matter_cites, &text_cites);
    }
    let cites = merge_citations(check, front_matter_cites, text_cites);
    Some(Directive {
        source_path: check.file.rel_path.clone(),
        title: title?,
        number,
        number_printed,
        type_name,
        issuer,
        province,
        date,
        not_before,
        place: check.name("place", field("place")),
        signer,
        recipients: check.name_list("recipients", field("recipients")),
        distribution: check.name_list("distribution", field("distribution")),
        cites,
        tags: check.name_list("tags", field("tags")),
        source: check.name("source", field("source")),
        notes: check.string("notes", field("notes")),
        inferred,
        extra,
        body: check.file.body.clone(),
        cited_spans,
    })
}

fn province(check: &mut FileCheck, value: &Value, provinces: &ProvinceRegistry) -> Option<usize> {
    let written = check.string("province", value)?;
    let found = provinces.find(&written);
    if found.is_none() {
        let help = match provinces.suggest(&written) {
            Some(name) => format!("did you mean `{name}`?"),
            None => {
                "use one of the 63 provinces of 2020–21 (as before the 2025 merger); leave it out for central bodies"
                    .into()
            }
        };
        let span = check.at.value_under("province", &written);
        check.error(span, format!("unknown province `{written}`"), help);
    }
    found
}

fn signer(check: &mut FileCheck, value: &Value) -> Option<Signer> {
    match value {
        Value::Null => None,
        Value::Mapping(mapping) => {
            check.unknown_keys(&mapping_keys(mapping), SIGNER_KEYS, Some("signer"));
            Some(Signer {
                name: check.nested_name("signer", mapping, "name"),
                position: check.nested_name("signer", mapping, "position"),
                authority: check.nested_name("signer", mapping, "authority"),
            })
        }
        _ => {
            check.error_at_key(
                "signer",
                "`signer` must have `name`, `position` and `authority` lines".into(),
                "write `signer:` then indented `name: …`, `position: Phó Bí thư`, `authority: T/M Ban Thường vụ`",
            );
            None
        }
    }
}

fn cites(check: &mut FileCheck, value: &Value) -> Vec<CiteRef> {
    let items = match value {
        Value::Null => return Vec::new(),
        Value::Sequence(items) => items,
        _ => {
            check.error_at_key("cites", "`cites` must be a list".into(), "write each cited number as `  - 07-KL/TW`");
            return Vec::new();
        }
    };
    items.iter().filter_map(|item| cite(check, item)).collect()
}

fn cite(check: &mut FileCheck, item: &Value) -> Option<CiteRef> {
    let blank = |number| CiteRef {
        province: None,
        number,
        type_name: None,
        issuer: None,
        date: None,
        title: None,
        origin: CiteOrigin::FrontMatter,
    };
    match item {
        Value::Mapping(mapping) => {
            check.unknown_keys(&mapping_keys(mapping), CITE_KEYS, Some("cites"));
            let mut text = |key: &str| check.nested_text("cites", mapping, key);
            let (number, type_name, issuer, title, date) =
                (text("number"), text("type"), text("issuer"), text("title"), text("date"));
            let Some(printed) = number else {
                check.error_at_key(
                    "cites",
                    "a citation without `number`".into(),
                    "give each cited directive its `number:`",
                );
                return None;
            };
            let number = check_cited_number(check, &printed)?;
            let date = date.and_then(|date| check.date("cites", &Value::String(date)));
            let names = check.names;
            let type_name = names.get_or(type_name, number.type_name());
            let issuer = names.get_or(issuer, number.issuer_name());
            Some(CiteRef { type_name, issuer, date, title, ..blank(number) })
        }
        other => {
            let Some(printed) = scalar_string(other) else {
                check.error_at_key("cites", "a citation must be a number or a mapping".into(), "write `  - 07-KL/TW`");
                return None;
            };
            let number = check_cited_number(check, &printed)?;
            let type_name = number.type_name().map(|name| check.names.get(name));
            let issuer = number.issuer_name().map(|name| check.names.get(name));
            Some(CiteRef { type_name, issuer, ..blank(number) })
        }
    }
}

fn check_cited_number(check: &mut FileCheck, printed: &str) -> Option<DocNumber> {
    let parsed = DocNumber::parse(printed);
    if parsed.is_none() {
        let span = check.at.value_under("cites", printed);
        check.error(
            span,
            format!("cannot read `{printed}` as a directive number"),
            "write the cited number as printed, e.g. 07-KL/TW or 1102/CĐ-TTg",
        );
    }
    parsed
}

/// Citations found in the body's running text.
fn text_citations(
    check: &FileCheck,
    province: Option<&str>,
    provinces: &ProvinceRegistry,
) -> Vec<(CiteRef, Range<usize>)> {
    let body_start = check.file.body_start();
    // The text is NFC: load made it so.
    extract_citations_in_nfc(check.body_text(), province)
        .into_iter()
        .map(|found| {
            let span = body_start + found.number_span.start..body_start + found.number_span.end;
            let cite = CiteRef {
                province: found.issuer_province.as_deref().and_then(|p| provinces.find(p)),
                date: found.date.map(|(y, m, d)| PartialDate::ymd(y, m, d)),
                type_name: check.names.get_or(found.type_name, found.number.type_name()),
                issuer: check.names.get_or(found.issuer, found.number.issuer_name()),
                number: found.number,
                title: None,
                origin: CiteOrigin::Text,
            };
            (cite, span)
        })
        .collect()
}

/// A `cites:` entry with the directive's own number and year (or no date)
/// is the directive itself: `index` does not count it, and it is most likely
/// a slip (the number copied from the header), so say so.
fn warn_of_self_citation(check: &mut FileCheck, own: &DocNumber, date: Option<PartialDate>, cites: &[CiteRef]) {
    let same_year = |cited: Option<PartialDate>| cited.is_none() || cited.map(|d| d.year) == date.map(|d| d.year);
    for cite in cites.iter().filter(|c| &c.number == own && same_year(c.date)) {
        let span = check.at.value_under("cites", &cite.number.canonical());
        check.problem(
            Severity::Warning,
            span,
            format!("this directive cites its own number {own}; it is not counted as a citation"),
            Some("remove it from `cites:`, or give the date of the other directive with this number".into()),
        );
    }
}

/// A directive cannot cite one issued after it: a citation dated after its
/// citer is a slip in one of the two dates (OCR, typing). Each is reported
/// where its date is written: the `cites:` entry, or the number in the text
/// (unless the front matter dates it too: the front matter wins).
fn warn_of_later_citations(
    check: &mut FileCheck,
    date: PartialDate,
    front_matter: &[CiteRef],
    text: &[(CiteRef, Range<usize>)],
) {
    for cite in front_matter {
        if let Some(cited) = cite.date.filter(|cited| cited.is_surely_after(&date)) {
            let span = check.at.value_under("cites", &cite.number.canonical());
            check.problems.push(cited_after_citer(check.file, &check.text, span, &cite.number, cited, date));
        }
    }
    for (cite, span) in text {
        let dated_in_front_matter = front_matter.iter().any(|c| c.number == cite.number && c.date.is_some());
        if let Some(cited) = cite.date.filter(|cited| cited.is_surely_after(&date) && !dated_in_front_matter) {
            check.problems.push(cited_after_citer(check.file, &check.text, span.clone(), &cite.number, cited, date));
        }
    }
}

/// The warning for a citation of `number`, dated `cited`, in a directive of `date`.
fn cited_after_citer(
    file: &SourceFile,
    text: &str,
    span: Range<usize>,
    number: &DocNumber,
    cited: PartialDate,
    date: PartialDate,
) -> Diagnostic {
    Diagnostic::at(
        Severity::Warning,
        &file.display_path,
        text,
        span,
        format!("{number} is dated {cited}, after this directive ({date}), which cites it"),
    )
    .with_note("a directive cannot cite one issued after it; on the pages the days elapsed say so".to_string())
    .with_help("check both dates against the originals and correct the wrong one (an OCR or typing slip)")
}

/// Citations that give no date of their own, of a directive in the archive
/// dated after the citer: the same slip as [`warn_of_later_citations`],
/// seen only with the whole archive. `files[i]` is the file of
/// `directives[i]`.
pub fn find_later_citations<F: CheckedFile>(directives: &[Directive], files: &[&F]) -> Vec<Diagnostic> {
    let dates = DatesByNumber::of(directives);
    directives.iter().zip(files).flat_map(|(directive, file)| dates.later_citations(directive, *file)).collect()
}

/// The dates of the directives of the archive by scope and number, to find
/// what an undated citation cites.
pub struct DatesByNumber(HashMap<(Scope, String), Vec<PartialDate>>);

impl DatesByNumber {
    pub fn of<'a>(directives: impl IntoIterator<Item = &'a Directive>) -> DatesByNumber {
        let mut dates: HashMap<(Scope, String), Vec<PartialDate>> = HashMap::new();
        for directive in directives {
            if let (Some(key), Some(date)) = (directive.key(), directive.date) {
                dates.entry((key.scope, key.number)).or_default().push(date);
            }
        }
        DatesByNumber(dates)
    }

    /// The undated citations of a dated `directive`, each with the scope and
    /// number of what it cites: the only directives whose dates
    /// [`DatesByNumber::later_citations`] looks at.
    pub fn undated_citations(directive: &Directive) -> impl Iterator<Item = (&CiteRef, (Scope, String))> {
        let dated = directive.date.is_some();
        directive.cites.iter().filter(move |c| dated && c.date.is_none()).map(|cite| {
            let province = cite.province.or(directive.province);
            let key = DirectiveKey::new(&cite.number, province, &directive.source_path, None);
            (cite, (key.scope, key.number))
        })
    }

    /// The warnings for `directive`'s undated citations of a directive dated
    /// after it: the only one with that number in the citer's scope (as
    /// `index` resolves it).
    pub fn later_citations(&self, directive: &Directive, file: &impl CheckedFile) -> Vec<Diagnostic> {
        let Some(date) = directive.date else { return Vec::new() };
        let later: Vec<(&CiteRef, PartialDate)> = Self::undated_citations(directive)
            .filter_map(|(cite, key)| match self.0.get(&key).map(Vec::as_slice) {
                Some([cited]) if cited.is_surely_after(&date) => Some((cite, *cited)),
                _ => None,
            })
            .collect();
        if later.is_empty() {
            return Vec::new();
        }
        // Read (again, when it was let go) once for all the file's warnings.
        let Some(file) = file.whole() else { return vec![changed_since_read(file.display_path())] };
        // A text that can no longer be read is shown by its front matter.
        let text = file.text().unwrap_or(Cow::Borrowed(&file.head));
        later
            .into_iter()
            .map(|(cite, cited)| {
                let span = Some(citation_place(&file, directive, cite))
                    .filter(|span| span.end <= text.len())
                    .unwrap_or_else(|| Locator::new(&file).front_matter_start());
                cited_after_citer(&file, &text, span, &cite.number, cited, date)
            })
            .collect()
    }
}

/// Where a citation is written: its `cites:` entry, or its number in the text.
fn citation_place(file: &SourceFile, directive: &Directive, cite: &CiteRef) -> Range<usize> {
    let canonical = cite.number.canonical();
    let in_text = directive.cited_spans.iter().find(|s| s.number == canonical);
    match (cite.origin, in_text) {
        (CiteOrigin::Text, Some(found)) => {
            let start = file.body_start();
            start + found.span.start..start + found.span.end
        }
        _ => Locator::new(file).value_under("cites", &canonical),
    }
}

/// Front matter wins over the text; where they disagree on a date, say so.
/// Each cited number appears once, in front-matter order then text order.
fn merge_citations(
    check: &mut FileCheck,
    mut cites: Vec<CiteRef>,
    found: Vec<(CiteRef, Range<usize>)>,
) -> Vec<CiteRef> {
    cites.dedup_by(|a, b| a.number == b.number);
    for (from_text, span) in found {
        match cites.iter_mut().find(|c| c.number == from_text.number) {
            Some(declared) => {
                if let (Some(declared_date), Some(text_date)) = (declared.date, from_text.date) {
                    if declared_date != text_date {
                        check.problem(
                            Severity::Warning,
                            span,
                            format!(
                                "the text dates {} {}, the front matter {}; the front matter is used",
                                from_text.number, text_date, declared_date
                            ),
                            Some("correct whichever is wrong".into()),
                        );
                    }
                }
                declared.date = declared.date.or(from_text.date);
                declared.type_name = declared.type_name.take().or(from_text.type_name);
                declared.issuer = declared.issuer.take().or(from_text.issuer);
                declared.province = declared.province.or(from_text.province);
            }
            None => cites.push(from_text),
        }
    }
    // Held for the whole build: without the room pushing left (a citation
    // is 192 bytes; a directive's list would keep 100–200 bytes spare).
    cites.shrink_to_fit();
    cites
}

impl Directive {
    /// The directive's identity, when it has a number.
    pub fn key(&self) -> Option<DirectiveKey> {
        let number = self.number.as_ref()?;
        Some(DirectiveKey::new(number, self.province, &self.source_path, self.date.map(|d| d.year)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile::new("a.md".into(), "content/a.md".into(), text).unwrap()
    }

    fn problems(text: &str) -> Vec<String> {
        validate_file(&source(text), ProvinceRegistry::builtin(), &Names::default())
            .1
            .iter()
            .map(|d| d.short())
            .collect()
    }

    #[test]
    fn the_directives_of_one_archive_share_their_repeated_names() {
        let text = |title: &str| {
            format!("---\ntitle: {title}\nissuer: Tỉnh ủy Ninh Bình\nrecipients: [Các huyện ủy, Các sở]\n---\n")
        };
        let files = [source(&text("a")), source(&text("b"))];
        let validated = validate(&files, ProvinceRegistry::builtin());
        let [a, b] = &validated.directives[..] else { panic!("two directives: {:?}", validated.diagnostics) };
        assert_eq!(a.issuer.as_deref(), Some("Tỉnh ủy Ninh Bình"));
        assert!(std::sync::Arc::ptr_eq(a.issuer.as_ref().unwrap(), b.issuer.as_ref().unwrap()));
        let recipients: Vec<&str> = b.recipients.iter().map(|name| &**name).collect();
        assert_eq!(recipients, ["Các huyện ủy", "Các sở"]);
        assert!(a.recipients.iter().zip(&b.recipients[..]).all(|(x, y)| std::sync::Arc::ptr_eq(x, y)));
    }

    /// A content folder holding `files` (name, text).
    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    const DUPLICATE: &str = "---\ntitle: x\nprovince: Quảng Ngãi\ndate: 2021-06-16\nnumber: 453-CV/TU\n---\nText\n";

    #[test]
    fn files_without_problems_are_let_go_and_read_again_to_place_an_archive_wide_problem() {
        let dir = folder(&[("a.md", DUPLICATE), ("b.md", DUPLICATE), ("c.md", "---\ntitle: x\ndat: 2021\n---\n")]);
        let (loaded, validated) = load_and_validate(dir.path(), ProvinceRegistry::builtin());
        let kinds: Vec<bool> = loaded.files.iter().map(|file| matches!(file, Kept::Whole(_))).collect();
        assert_eq!(kinds, [false, false, true], "only the file with a problem of its own is held");
        let found: Vec<String> = validated.diagnostics.iter().map(|d| d.short()).collect();
        let b = format!("{}:5:1: error: duplicate directive 453-CV/TU", dir.path().join("b.md").display());
        assert!(found.contains(&b), "placed on its number's line: {found:?}");
        assert_eq!(validated.directives.len(), 2, "a file with an error gives no directive");
    }

    #[test]
    fn a_file_changed_before_its_problem_is_placed_is_an_error_not_a_wrong_line() {
        let dir = folder(&[("a.md", DUPLICATE), ("b.md", DUPLICATE)]);
        let (loaded, validated) = load_and_validate(dir.path(), ProvinceRegistry::builtin());
        // Changed after validation, before the archive-wide check reads it.
        std::fs::write(dir.path().join("b.md"), DUPLICATE.replace("title: x", "title: y\n")).unwrap();
        let files: Vec<&Kept> = loaded.files.iter().collect();
        let found: Vec<String> = find_duplicates(&validated.directives, &files).iter().map(|d| d.short()).collect();
        let b = dir.path().join("b.md").display().to_string();
        assert_eq!(found, [format!("{b}:1:1: error: the file changed while the archive was being built")]);
    }

    #[test]
    fn a_complete_directive_validates() {
        let text = "---\ntitle: \"V/v phòng, chống dịch\"\nnumber: \"453-CV/TU\"\nprovince: Quảng Ngãi\ndate: 2021-06-16\ncites:\n  - 07-KL/TW\n---\nText\n";
        let (directive, problems) = validate_file(&source(text), ProvinceRegistry::builtin(), &Names::default());
        assert!(problems.is_empty(), "{problems:?}");
        let directive = directive.unwrap();
        assert_eq!(directive.type_name.as_deref(), Some("Công văn"), "type derived from the number");
        assert_eq!(directive.date, Some(PartialDate::ymd(2021, 6, 16)));
        assert_eq!(directive.cites[0].number.canonical(), "07-KL/TW");
    }

    #[test]
    fn unknown_key_names_line_and_suggests() {
        let found = problems("---\ntitle: x\ndat: 2021-06-16\n---\n");
        assert_eq!(found, ["content/a.md:3:1: error: unknown key `dat`"]);
        let (_, diagnostics) =
            validate_file(&source("---\ntitle: x\ndat: 2021\n---\n"), ProvinceRegistry::builtin(), &Names::default());
        assert_eq!(diagnostics[0].help.as_deref(), Some("did you mean `date`?"));
    }

    #[test]
    fn reports_every_problem_of_a_file() {
        let found = problems("---\ntitle: x\nprovince: Atlantis\ndate: 2021-02-30\nsigner: Ông A\n---\n");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].starts_with("content/a.md:3:11: error: unknown province `Atlantis`"), "{found:?}");
        assert!(found[1].contains(":4:7: error: `date` is not a valid date"), "{found:?}");
        assert!(found[2].contains(":5:1: error: `signer` must have"), "{found:?}");
    }

    #[test]
    fn bad_yaml_is_located() {
        let found = problems("---\ntitle: x\nrecipients: [a, b\n---\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("invalid YAML"), "{found:?}");
        assert!(found[0].starts_with("content/a.md:4:") || found[0].starts_with("content/a.md:3:"), "{found:?}");
    }

    #[test]
    fn inferred_must_name_a_key_the_file_sets() {
        let found = problems("---\ntitle: x\ninferred: [province]\n---\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("`inferred` lists `province`"), "{found:?}");
    }

    #[test]
    fn citations_in_the_text_count_and_front_matter_wins_with_a_warning() {
        let text = "---\ntitle: x\nprovince: Tây Ninh\ncites:\n  - number: 07-KL/TW\n    date: 2021-06-12\n---\nThực hiện Kết luận số 07-KL/TW ngày 11/6/2021 và Công văn số 188-CV/TU, ngày 24/8/2021 của Ban Thường vụ Tỉnh ủy.\n";
        let (directive, problems) = validate_file(&source(text), ProvinceRegistry::builtin(), &Names::default());
        let directive = directive.unwrap();
        assert_eq!(directive.cites.len(), 2, "the text adds 188-CV/TU");
        assert_eq!(directive.cites[0].date, Some(PartialDate::ymd(2021, 6, 12)), "front matter wins");
        assert_eq!(directive.cites[1].origin, CiteOrigin::Text);
        assert_eq!(directive.cites[1].date, Some(PartialDate::ymd(2021, 8, 24)));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .short()
                .contains(":8:23: warning: the text dates 07-KL/TW 2021-06-11, the front matter 2021-06-12"),
            "{}",
            problems[0].short()
        );
    }

    #[test]
    fn the_text_citations_are_located_for_linking_and_the_own_number_is_no_citation() {
        let text = "---\ntitle: x\nnumber: 1/KH-UBND\ndate: 2022-01-05\nprovince: Kiên Giang\n---\nTheo Kế hoạch số 1/KH-UBND, ngày 13/8/2020 và Kết luận số 07-KL/TW.\n";
        let directive = validate_file(&source(text), ProvinceRegistry::builtin(), &Names::default()).0.unwrap();
        let body = &text[text.rfind("---\n").unwrap() + 4..];
        let located: Vec<(&str, &str)> =
            directive.cited_spans.iter().map(|c| (&body[c.span.clone()], c.number.as_str())).collect();
        assert_eq!(located, [("1/KH-UBND", "1/KH-UBND"), ("07-KL/TW", "07-KL/TW")]);
        let cited: Vec<String> = directive.cites.iter().map(|c| c.number.canonical()).collect();
        assert_eq!(cited, ["07-KL/TW"], "its own number is not a citation");
    }

    #[test]
    fn province_spelling_variants_map_to_the_canonical_name() {
        let text = "---\ntitle: x\nprovince: Khánh Hoà\n---\n";
        let (directive, _) = validate_file(&source(text), ProvinceRegistry::builtin(), &Names::default());
        let province = directive.unwrap().province.unwrap();
        assert_eq!(ProvinceRegistry::builtin().get(province).name, "Khánh Hòa");
    }

    #[test]
    fn a_duplicate_key_is_placed_at_its_second_occurrence() {
        let found = problems("---\ntitle: a\ndate: 2021\ntitle: b\n---\n");
        assert_eq!(found, ["content/a.md:4:1: error: duplicate key `title`"]);
        let in_a_citation = "---\ntitle: a\ncites:\n  - number: 07-KL/TW\n    date: 2021\n    number: 08-KL/TW\n---\n";
        assert_eq!(problems(in_a_citation), ["content/a.md:6:5: error: duplicate key `number` in `cites` (item 1)"]);
        let quoted = problems("---\n\"title\": a\n'title': b\n---\n");
        assert_eq!(quoted, ["content/a.md:3:1: error: duplicate key `title`"]);
    }

    #[test]
    fn a_tagged_key_is_no_field_and_a_known_key_is_read_wherever_it_stands() {
        // `mapping.get("title")` finds only an untagged string key: the
        // fields read in one pass over the mapping must agree.
        let found = problems("---\ntitle: a\n!x date: 2021-13-45\n---\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("error: unknown key `TaggedValue"), "{found:?}");
        let text = "---\nsource: s\n\"place\": p\ntitle: t\n---\n";
        let directive = validate_file(&source(text), ProvinceRegistry::builtin(), &Names::default()).0.unwrap();
        assert_eq!((directive.title.as_str(), directive.place.as_deref()), ("t", Some("p")));
    }

    #[test]
    fn a_title_has_one_problem_at_most() {
        assert_eq!(problems("---\ntitle: [a]\n---\n"), ["content/a.md:2:1: error: `title` must be text"]);
        assert_eq!(problems("---\nnumber: 1-CV/TU\ntitle: ''\n---\n"), ["content/a.md:3:1: error: `title` is empty"]);
        assert_eq!(problems("---\nnumber: 1-CV/TU\n---\n"), ["content/a.md:1:1: error: missing `title`"]);
    }

    #[test]
    fn invisible_characters_are_warned_about_and_removed_from_keys_and_values() {
        let text = "---\ntitle: \"a\u{202E}b\"\ntags: [\"c\u{200B}\"]\nsigner:\n  na\u{200D}me: X\n---\n";
        let (directive, found) = validate_file(&source(text), ProvinceRegistry::builtin(), &Names::default());
        let found: Vec<String> = found.iter().map(|d| d.short()).collect();
        assert_eq!(
            found,
            [
                "content/a.md:2:10: warning: invisible character U+202E RIGHT-TO-LEFT OVERRIDE removed",
                "content/a.md:3:10: warning: invisible character U+200B ZERO WIDTH SPACE removed",
                "content/a.md:5:5: warning: invisible character U+200D ZERO WIDTH JOINER removed",
            ]
        );
        let directive = directive.unwrap();
        assert_eq!(directive.title, "ab");
        assert_eq!(directive.tags.iter().map(|tag| &**tag).collect::<Vec<_>>(), ["c"]);
        assert_eq!(directive.signer.unwrap().name.as_deref(), Some("X"));
    }

    #[test]
    fn an_invisible_character_written_as_a_yaml_escape_is_removed_too() {
        let (directive, _) =
            validate_file(&source("---\ntitle: \"a\\u202Eb\"\n---\n"), ProvinceRegistry::builtin(), &Names::default());
        assert_eq!(directive.unwrap().title, "ab");
    }

    #[test]
    fn a_yaml_error_after_vietnamese_text_is_placed_on_its_character() {
        let found = problems("---\ntitle: Về việc phòng, chống dịch\nsigner:\n\tname: x\n---\n");
        assert_eq!(found, ["content/a.md:4:1: error: invalid YAML: a tab where YAML expects spaces"]);
        let found = problems("---\ntitle: Về việc: phòng, chống dịch\n---\n");
        assert_eq!(found, ["content/a.md:2:15: error: invalid YAML: mapping values are not allowed in this context"]);
    }

    #[test]
    fn a_key_that_only_invisible_characters_tell_apart_is_unknown_not_merged() {
        let text = "---\ntitle: a\nti\u{200B}tle: b\n---\n";
        let (directive, found) = validate_file(&source(text), ProvinceRegistry::builtin(), &Names::default());
        let found: Vec<String> = found.iter().map(|d| d.short()).collect();
        assert_eq!(
            found,
            [
                "content/a.md:3:3: warning: invisible character U+200B ZERO WIDTH SPACE removed",
                "content/a.md:3:1: error: unknown key `ti<U+200B>tle`",
            ]
        );
        assert!(directive.is_none());
    }
}
