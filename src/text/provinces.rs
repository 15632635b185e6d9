//! The 63 provinces of 2020–21 (the period the archive covers), with their
//! slugs, regions and the province each became part of in the 2025 merger.
//!
//! The table ships inside the binary so a build needs nothing but `content/`.

use crate::text::vietnamese::{for_each_token, tokens};
use std::collections::HashMap;

const PROVINCES_TSV: &str = include_str!("../../data/provinces.tsv");

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Province {
    pub name: String,
    pub slug: String,
    /// "tỉnh" or "thành phố" (the five centrally-run cities).
    pub kind: String,
    pub region: String,
    pub merged_into_2025: String,
}

/// Index of a province in [`ProvinceRegistry::all`].
pub type ProvinceId = usize;

#[derive(Debug)]
pub struct ProvinceRegistry {
    provinces: Vec<Province>,
    /// Folded spelling (name or alias, with and without "tỉnh"/"thành phố") → province.
    by_folded: HashMap<String, ProvinceId>,
}

impl ProvinceRegistry {
    /// The registry built from the table shipped with vanban.
    pub fn builtin() -> &'static ProvinceRegistry {
        static REGISTRY: std::sync::OnceLock<ProvinceRegistry> = std::sync::OnceLock::new();
        REGISTRY.get_or_init(|| ProvinceRegistry::from_tsv(PROVINCES_TSV))
    }

    fn from_tsv(tsv: &str) -> ProvinceRegistry {
        let mut provinces = Vec::new();
        let mut by_folded = HashMap::new();
        for line in tsv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            let field = |i: usize| cols.get(i).map(|s| s.trim()).unwrap_or("").to_string();
            let id = provinces.len();
            let province = Province {
                name: field(0),
                slug: field(1),
                kind: field(2),
                region: field(3),
                merged_into_2025: field(4),
            };
            let aliases = field(5);
            for spelling in std::iter::once(province.name.as_str()).chain(aliases.split('|').filter(|a| !a.is_empty()))
            {
                by_folded.insert(lookup_key(spelling), id);
            }
            by_folded.insert(lookup_key(&province.slug.replace('-', " ")), id);
            provinces.push(province);
        }
        ProvinceRegistry { provinces, by_folded }
    }

    pub fn all(&self) -> &[Province] {
        &self.provinces
    }

    pub fn get(&self, id: ProvinceId) -> &Province {
        &self.provinces[id]
    }

    /// Finds a province however it is spelt: with or without diacritics,
    /// old or new tone placement, "Tỉnh"/"TP." prefixes, or a listed alias.
    pub fn find(&self, spelling: &str) -> Option<ProvinceId> {
        self.by_folded.get(&lookup_key(spelling)).copied()
    }

    /// The canonical names closest to a misspelling, for "did you mean" help.
    pub fn suggest(&self, spelling: &str) -> Option<&str> {
        let wanted = lookup_key(spelling);
        self.provinces
            .iter()
            .map(|p| (strsim::levenshtein(&wanted, &lookup_key(&p.name)), &p.name))
            .filter(|(distance, _)| *distance <= 3)
            .min()
            .map(|(_, name)| name.as_str())
    }

    /// Finds the province named at the end of an issuer such as
    /// "Tỉnh ủy Ninh Bình" or "Ủy ban nhân dân thành phố Hồ Chí Minh": the
    /// words from each word on, longest first. The issuer's folded words
    /// are made once (those of its words from one on are the words of that
    /// part of it).
    pub fn find_in_issuer(&self, issuer: &str) -> Option<ProvinceId> {
        let mut words: Vec<String> = Vec::new();
        // Where the folded words of each word of the issuer start.
        let mut starts = Vec::new();
        for word in issuer.split_whitespace() {
            starts.push(words.len());
            for_each_token(word, |token| words.push(token.to_owned()));
        }
        starts.into_iter().find_map(|start| self.by_folded.get(&key_of_words(&words[start..])).copied())
    }
}

/// The key provinces are matched by: folded, without the administrative
/// prefix, the words run together (`Thành phố Hồ Chí Minh` → `hochiminh`).
fn lookup_key(spelling: &str) -> String {
    key_of_words(&tokens(spelling))
}

/// [`lookup_key`] of a spelling whose folded words are `words`.
fn key_of_words(words: &[String]) -> String {
    let mut rest = words;
    for prefix in [&["thanh", "pho"][..], &["tp"], &["tinh"]] {
        // A prefix is dropped only when a name follows it.
        if rest.len() > prefix.len() && rest.iter().zip(prefix).all(|(word, p)| word == p) {
            rest = &rest[prefix.len()..];
        }
    }
    rest.concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_63_provinces_with_unique_slugs() {
        let registry = ProvinceRegistry::builtin();
        assert_eq!(registry.all().len(), 63);
        let mut slugs: Vec<&str> = registry.all().iter().map(|p| p.slug.as_str()).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), 63);
    }

    #[test]
    fn finds_spelling_and_tone_placement_variants() {
        let registry = ProvinceRegistry::builtin();
        let name = |s: &str| registry.find(s).map(|id| registry.get(id).name.clone());
        assert_eq!(name("Khánh Hoà").as_deref(), Some("Khánh Hòa"));
        assert_eq!(name("THANH HOA").as_deref(), Some("Thanh Hóa"));
        assert_eq!(name("tỉnh Quảng Ngãi").as_deref(), Some("Quảng Ngãi"));
        assert_eq!(name("TP.HCM").as_deref(), Some("Hồ Chí Minh"));
        assert_eq!(name("Thành phố Hồ Chí Minh").as_deref(), Some("Hồ Chí Minh"));
        assert_eq!(name("Đắc Lắc").as_deref(), Some("Đắk Lắk"));
        assert_eq!(name("Bà Rịa-Vũng Tàu").as_deref(), Some("Bà Rịa - Vũng Tàu"));
        assert_eq!(name("Atlantis"), None);
    }

    #[test]
    fn suggests_close_names_only() {
        let registry = ProvinceRegistry::builtin();
        assert_eq!(registry.suggest("Quang Ngai"), Some("Quảng Ngãi"));
        assert_eq!(registry.suggest("Ninh Binhh"), Some("Ninh Bình"));
        assert_eq!(registry.suggest("Atlantis"), None);
    }

    /// The key and the issuer search as they were first written: the slug
    /// of the folded spelling, its prefixes cut, its dashes dropped; every
    /// run of words from each word on, joined again.
    fn lookup_key_by_slug(spelling: &str) -> String {
        let slug = crate::text::vietnamese::slugify(&crate::text::vietnamese::fold(spelling));
        let mut key = slug.as_str();
        for prefix in ["thanh-pho-", "tp-", "tinh-"] {
            if let Some(rest) = key.strip_prefix(prefix) {
                key = rest;
            }
        }
        key.replace('-', "")
    }

    fn find_in_issuer_by_joining(registry: &ProvinceRegistry, issuer: &str) -> Option<ProvinceId> {
        let words: Vec<&str> = issuer.split_whitespace().collect();
        (0..words.len())
            .find_map(|start| registry.by_folded.get(&lookup_key_by_slug(&words[start..].join(" "))).copied())
    }

    #[test]
    fn keys_and_issuers_are_found_as_by_joining_the_words_again() {
        let registry = ProvinceRegistry::builtin();
        let mut spellings: Vec<String> =
            PROVINCES_TSV.lines().flat_map(|l| l.split(['\t', '|'])).map(String::from).collect();
        for text in crate::text::fixture_texts() {
            spellings.extend(text.lines().map(String::from));
        }
        for prefix in
            ["", "Tỉnh ", "tinh ", "Thành phố ", "TP. ", "TP ", "tp-", "Thành phố Tỉnh ", "Ủy ban nhân dân tỉnh "]
        {
            for province in registry.all() {
                for name in [&province.name, &province.slug] {
                    spellings.push(format!("{prefix}{name}"));
                    spellings.push(format!("Tỉnh ủy x {prefix}{}", name.to_uppercase()));
                }
            }
        }
        spellings.extend(
            ["", "tinh", "thanh pho", "tp", "Thành phố", "tỉnh tỉnh", "  -- Khánh Hoà! ", "Bà Rịa-Vũng Tàu"]
                .map(String::from),
        );
        for spelling in &spellings {
            assert_eq!(lookup_key(spelling), lookup_key_by_slug(spelling), "{spelling:?}");
            assert_eq!(
                registry.find_in_issuer(spelling),
                find_in_issuer_by_joining(registry, spelling),
                "{spelling:?}"
            );
        }
        assert!(spellings.len() > 1_000, "{}", spellings.len());
    }

    #[test]
    fn finds_province_at_end_of_issuer() {
        let registry = ProvinceRegistry::builtin();
        let id = registry.find_in_issuer("Tỉnh ủy Ninh Bình").unwrap();
        assert_eq!(registry.get(id).slug, "ninh-binh");
        let id = registry.find_in_issuer("Ủy ban nhân dân thành phố Hồ Chí Minh").unwrap();
        assert_eq!(registry.get(id).slug, "ho-chi-minh");
        assert_eq!(registry.find_in_issuer("Bộ Chính trị"), None);
    }
}
