//! The texts a directive's row shows in every list it is on (its dates as
//! shown and in ISO form, its facet values), made once per plan rather than
//! for each of the eight or so lists a directive is on: formatting them was
//! a tenth of planning a page's content.
//!
//! Held compactly: one string per directive with the texts one after the
//! other, and where each ends (about 100 bytes a directive, 100 MB at a
//! million). They are made from everything a directive shows of itself
//! (dates, supplied marks, type, tags, number, issuer), so a plan attached to
//! an edited archive ([`super::Plan::attach`]) makes them again.

use super::content::{issuer_level, push_date, SUPPLIED_MARKS};
use super::filters::{push_facet_slug, push_facet_slugs_joined, LEVELS};
use super::Language;
use crate::content::model::{Directive, Jurisdiction, PartialDate};
use rayon::prelude::*;

/// What the province column shows for a directive without a province: the
/// key of an interface string (see [`RowText::no_province`]).
const NO_PROVINCE: [&str; 3] = ["province_unknown", "central", "unknown"];

/// One directive's row texts.
pub(super) struct RowText {
    /// Date shown, ISO date, `not_before` shown, type slug and tags joined,
    /// one after the other.
    text: Box<str>,
    /// Where each of the first four ends in `text` (the tags run to its end).
    ends: [u32; 4],
    /// Which of the first four the directive has (bit `i` for text `i`).
    present: u8,
    /// Position in [`LEVELS`] ([`issuer_level`]'s values).
    level: u8,
    /// Position in [`NO_PROVINCE`].
    no_province: u8,
}

impl RowText {
    fn new(d: &Directive, language: Language) -> RowText {
        let mut text = String::with_capacity(48);
        let mut ends = [0u32; 4];
        let mut present = 0u8;
        let mut put = |i: usize, text: &mut String, write: &dyn Fn(&mut String) -> bool| {
            if write(text) {
                present |= 1 << i;
            }
            ends[i] = u32::try_from(text.len()).unwrap_or(u32::MAX);
        };
        let shown = |key: &str, date: Option<PartialDate>| {
            let supplied = d.is_supplied(key);
            move |text: &mut String| {
                let Some(date) = date else { return false };
                let [open, close] = if supplied { SUPPLIED_MARKS } else { ["", ""] };
                text.push_str(open);
                push_date(text, date, language);
                text.push_str(close);
                true
            }
        };
        put(0, &mut text, &shown("date", d.date));
        put(1, &mut text, &|text| d.date.map(|date| date.push_iso(text)).is_some());
        put(2, &mut text, &shown("not_before", d.not_before));
        put(3, &mut text, &|text| d.type_name.as_deref().map(|name| push_facet_slug(text, name)).is_some());
        push_facet_slugs_joined(&mut text, &d.tags);
        let level = issuer_level(d);
        RowText {
            text: text.into_boxed_str(),
            ends,
            present,
            level: LEVELS.iter().position(|&l| l == level).expect("a level of LEVELS") as u8,
            no_province: match d.jurisdiction() {
                Jurisdiction::ProvinceUnknown => 0,
                Jurisdiction::Central => 1,
                Jurisdiction::Province(_) | Jurisdiction::Unknown => 2,
            },
        }
    }

    /// Text `i`, when the directive has it.
    fn part(&self, i: usize) -> Option<&str> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        (self.present & (1 << i) != 0).then(|| &self.text[start..self.ends[i] as usize])
    }

    /// The date as lists show it ("16/6/2021", "tháng 7/2021"), marked when supplied.
    pub fn date(&self) -> Option<&str> {
        self.part(0)
    }

    /// The date in ISO form at its precision.
    pub fn date_iso(&self) -> Option<&str> {
        self.part(1)
    }

    /// The earliest date an undated directive can have, as lists show it.
    pub fn not_before(&self) -> Option<&str> {
        self.part(2)
    }

    /// The type's facet slug.
    pub fn type_slug(&self) -> Option<&str> {
        self.part(3)
    }

    /// The tags' facet slugs joined by `|`.
    pub fn tags(&self) -> &str {
        &self.text[self.ends[3] as usize..]
    }

    /// The issuer level's slug.
    pub fn level(&self) -> &'static str {
        LEVELS[self.level_index()]
    }

    /// The issuer level's position in [`LEVELS`] (the facet form's order).
    pub fn level_index(&self) -> usize {
        self.level as usize
    }

    /// The key of the interface string the province column shows when the
    /// directive has no province: "tỉnh không rõ" for a provincial letter
    /// whose province is unknown (as [`Jurisdiction::slug`] tells them
    /// apart), "Trung ương", or unknown.
    pub fn no_province(&self) -> &'static str {
        NO_PROVINCE[self.no_province as usize]
    }
}

/// Every directive's row texts, in archive order.
pub(super) fn row_texts(directives: &[Directive], language: Language) -> Vec<RowText> {
    directives.par_iter().map(|d| RowText::new(d, language)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load::SourceFile;
    use crate::content::names::Names;
    use crate::content::validate::validate_file;
    use crate::plan::content::supplied;
    use crate::plan::filters::{facet_slug, facet_slugs_joined};
    use crate::text::provinces::ProvinceRegistry;

    fn directive(front_matter: &str) -> Directive {
        let text = format!("---\ntitle: T\n{front_matter}---\nText.\n");
        let file = SourceFile::new("a.md".into(), "content/a.md".into(), &text).unwrap();
        let (directive, problems) = validate_file(&file, ProvinceRegistry::builtin(), &Names::default());
        directive.unwrap_or_else(|| panic!("{problems:?}"))
    }

    #[test]
    fn a_rows_texts_are_those_each_list_made_for_it() {
        let full = directive(
            "number: 12-CT/TU\ntype: Chỉ thị\ndate: 2021-06-16\ntags: [Phòng, chống dịch, Đất đai]\ninferred: [date]\n",
        );
        let row = RowText::new(&full, Language::Vietnamese);
        assert_eq!(row.date(), Some(supplied("16/6/2021").as_str()));
        assert_eq!(row.date_iso(), Some("2021-06-16"));
        assert_eq!(row.not_before(), None);
        assert_eq!(row.type_slug(), Some(facet_slug("Chỉ thị").as_str()));
        assert_eq!(row.tags(), facet_slugs_joined(&full.tags));
        assert_eq!(row.tags(), "phong|chong-dich|dat-dai");
        assert_eq!(row.level(), issuer_level(&full));
        assert_eq!(row.no_province(), "province_unknown", "a provincial number without its province");

        let bare = directive("not_before: 2021-07\n");
        let row = RowText::new(&bare, Language::English);
        assert_eq!((row.date(), row.date_iso(), row.type_slug(), row.tags()), (None, None, None, ""));
        assert_eq!(row.not_before(), Some("7/2021"));
        assert_eq!(row.level(), "khong-ro");
        assert_eq!(row.no_province(), "unknown");
        assert_eq!(RowText::new(&directive("number: 05-CT/TW\n"), Language::English).no_province(), "central");
        let row = RowText::new(&bare, Language::Vietnamese);
        assert_eq!(row.not_before(), Some("tháng 7/2021"));
    }
}
