//! An imported directive as a content file: front matter in the key order
//! and quoting style of the hand-made files in content/ (strings in double
//! quotes, dates bare ISO, `inferred` and `printed_marks` as flow lists),
//! then the Markdown body after a blank line.

use super::Imported;
use crate::content::model::Signer;
use std::fmt::Write as _;

/// The whole content file for `imported`.
pub fn to_content_file(imported: &Imported) -> String {
    let fields = &imported.front_matter;
    let mut out = String::from("---\n");
    line(&mut out, "title", Some(&fields.title));
    line(&mut out, "number", fields.number.as_ref());
    line(&mut out, "type", fields.type_name.as_ref());
    line(&mut out, "issuer", fields.issuer.as_ref());
    line(&mut out, "province", fields.province.as_ref());
    if let Some(date) = fields.date {
        let _ = writeln!(out, "date: {date}");
    }
    line(&mut out, "place", fields.place.as_ref());
    if let Some(signer) = fields.signer.as_ref().filter(|s| has_any(s)) {
        out.push_str("signer:\n");
        for (key, value) in [("name", &signer.name), ("position", &signer.position), ("authority", &signer.authority)] {
            if let Some(value) = value {
                let _ = writeln!(out, "  {key}: {}", quote(value));
            }
        }
    }
    block_list(&mut out, "recipients", &fields.recipients);
    block_list(&mut out, "distribution", &fields.distribution);
    if !fields.cites.is_empty() {
        out.push_str("cites:\n");
        for cite in &fields.cites {
            let _ = writeln!(out, "  - number: {}", quote(&cite.number));
            if let Some(type_name) = &cite.type_name {
                let _ = writeln!(out, "    type: {}", quote(type_name));
            }
            if let Some(issuer) = &cite.issuer {
                let _ = writeln!(out, "    issuer: {}", quote(issuer));
            }
            if let Some(date) = cite.date {
                let _ = writeln!(out, "    date: {date}");
            }
        }
    }
    line(&mut out, "source", fields.source.as_ref());
    if !imported.inferred.is_empty() {
        let _ = writeln!(out, "inferred: {}", flow_list(imported.inferred.iter().copied()));
    }
    if !fields.printed_marks.is_empty() {
        let marks = flow_list(fields.printed_marks.iter().map(String::as_str));
        let _ = writeln!(out, "extra:\n  printed_marks: {marks}");
    }
    out.push_str("---\n");
    if !imported.body_markdown.is_empty() {
        out.push('\n');
        out.push_str(&imported.body_markdown);
    }
    out
}

fn has_any(signer: &Signer) -> bool {
    signer.name.is_some() || signer.position.is_some() || signer.authority.is_some()
}

fn line(out: &mut String, key: &str, value: Option<&String>) {
    if let Some(value) = value {
        let _ = writeln!(out, "{key}: {}", quote(value));
    }
}

fn block_list(out: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "{key}:");
    for item in items {
        let _ = writeln!(out, "  - {}", quote(item));
    }
}

fn flow_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    format!("[{}]", items.map(quote).collect::<Vec<_>>().join(", "))
}

/// A YAML double-quoted scalar: `\` and `"` escaped, and every character YAML
/// does not allow as is (control characters, line and paragraph separators,
/// byte order marks) written as an escape, so any text round-trips.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}') => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_round_trip_through_yaml() {
        for text in
            ["Tỉnh ủy \"Ninh Bình\"", "a\\b", "tab\there", "bell\u{7}", "nel\u{85}", "ls\u{2028}", "x: y", "- z", "#"]
        {
            let yaml = format!("k: {}", quote(text));
            let value: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(value["k"].as_str(), Some(text), "{yaml}");
        }
    }
}
