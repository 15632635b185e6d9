//! The 63 provinces of 2020–21 (the period the archive covers), with their
//! slugs, regions and the province each became part of in the 2025 merger.
//!
//! The table ships inside the binary so a build needs nothing but `content/`.

use crate::text::vietnamese::{fold, slugify};
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
    /// "Tỉnh ủy Ninh Bình" or "Ủy ban nhân dân thành phố Hồ Chí Minh".
    pub fn find_in_issuer(&self, issuer: &str) -> Option<ProvinceId> {
        let words: Vec<&str> = issuer.split_whitespace().collect();
        (0..words.len()).find_map(|start| self.find(&words[start..].join(" ")))
    }
}

/// The key provinces are matched by: folded, without the administrative prefix.
fn lookup_key(spelling: &str) -> String {
    let slug = slugify(&fold(spelling));
    let mut key = slug.as_str();
    for prefix in ["thanh-pho-", "tp-", "tinh-"] {
        if let Some(rest) = key.strip_prefix(prefix) {
            key = rest;
        }
    }
    key.replace('-', "")
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
