//! Stage 3, index: the cross-link graph. Orders the directives, groups them
//! by province, by date (year → month → day), by issuer and by type, and
//! resolves every citation to a cited directive, in the archive or not.
//! Everything here is linear in the number of directives and citations.

use crate::content::model::{CiteOrigin, Directive, DirectiveKey, Jurisdiction, PartialDate, Scope};
use crate::content::names::Name;
use crate::text::number::DocNumber;
use crate::text::provinces::{ProvinceId, ProvinceRegistry};
use crate::text::vietnamese::{canonical_tones, collation_key, fold};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// Position of a directive in [`Archive::directives`].
pub type DocId = usize;
/// Position of a cited directive in [`Archive::cited`].
pub type CitedId = usize;

#[derive(Debug)]
pub struct Archive {
    /// In archive order: by date (undated last), province, number, file.
    pub directives: Vec<Directive>,
    /// Directives of each province (all 63, empty ones too), in archive order.
    pub by_province: Vec<Vec<DocId>>,
    /// Provinces in Vietnamese alphabetical order.
    pub province_order: Vec<ProvinceId>,
    pub timeline: Timeline,
    pub cited: Vec<Cited>,
    /// For each directive, what it cites, in the order it cites them.
    pub cites_of: Vec<Vec<CitedId>>,
    /// For each directive, its own entry among the cited, if anything cites it.
    pub cited_as: Vec<Option<CitedId>>,
    pub issuers: Vec<Group>,
    pub types: Vec<Group>,
}

#[derive(Debug, Default)]
pub struct Timeline {
    pub years: Vec<Year>,
    /// Directives with no date at all.
    pub undated: Vec<DocId>,
}

#[derive(Debug)]
pub struct Year {
    pub year: i32,
    pub months: Vec<Month>,
    /// Dated to the year only.
    pub year_only: Vec<DocId>,
    pub count: usize,
}

#[derive(Debug)]
pub struct Month {
    pub month: u32,
    pub days: Vec<Day>,
    /// Dated to the month only.
    pub month_only: Vec<DocId>,
    pub count: usize,
}

#[derive(Debug)]
pub struct Day {
    pub day: u32,
    pub docs: Vec<DocId>,
}

/// A directive that others cite. What is known of it comes from its own
/// file when it is in the archive, else from the citations.
#[derive(Debug)]
pub struct Cited {
    pub key: DirectiveKey,
    pub number: DocNumber,
    pub type_name: Option<Name>,
    pub issuer: Option<Name>,
    pub date: Option<PartialDate>,
    pub title: Option<String>,
    pub in_archive: Option<DocId>,
    /// The directives that cite it, in archive order.
    pub citers: Vec<DocId>,
}

impl Cited {
    /// Where it belongs (see [`Jurisdiction::of`]): its scope's province, else what its
    /// number and issuer say.
    pub fn jurisdiction(&self) -> Jurisdiction {
        let province = match self.key.scope {
            Scope::Province(p) => Some(p),
            _ => None,
        };
        Jurisdiction::of(Some(&self.number), self.issuer.as_deref(), province)
    }
}

/// Directives sharing an issuer or a type.
#[derive(Debug)]
pub struct Group {
    pub name: String,
    pub docs: Vec<DocId>,
}

/// Builds the graph. Takes the directives in any order; the result is the
/// same whatever order they came in.
pub fn index(mut directives: Vec<Directive>, provinces: &ProvinceRegistry) -> Archive {
    let province_order = provinces_in_collation_order(provinces);
    sort_directives(&mut directives, &province_order);
    let mut by_province = vec![Vec::new(); provinces.all().len()];
    for (id, directive) in directives.iter().enumerate() {
        if let Some(province) = directive.province {
            by_province[province].push(id);
        }
    }
    let timeline = build_timeline(&directives);
    let (cited, cites_of, cited_as) = resolve_citations(&directives);
    let issuers = group_by(&directives, |d| d.issuer.as_deref());
    let types = group_by(&directives, |d| d.type_name.as_deref());
    Archive { directives, by_province, province_order, timeline, cited, cites_of, cited_as, issuers, types }
}

impl Archive {
    /// Whether `new` would keep the place of directive `id`: the same file,
    /// number, date, province, issuer, type and citations, which are all
    /// that the graph orders, groups and links by (and all that the plan
    /// reads of a directive to decide its pages and their paths). Every
    /// list, count and link then stays as it was; only what the directive
    /// shows of itself changes.
    pub fn keeps_place(&self, id: DocId, new: &Directive) -> bool {
        let old = &self.directives[id];
        old.source_path == new.source_path
            && old.number == new.number
            && old.province == new.province
            && old.date == new.date
            && old.issuer == new.issuer
            && old.type_name == new.type_name
            && old.cites == new.cites
    }

    /// Puts `new`, which [keeps the place](Archive::keeps_place) of
    /// directive `id`, in it, with its title as a cited directive's, as
    /// [`index`] would give it. Returns the directive replaced.
    pub fn replace_in_place(&mut self, id: DocId, new: Directive) -> Directive {
        debug_assert!(self.keeps_place(id, &new));
        if let Some(cited) = self.cited_as[id] {
            self.cited[cited].title = Some(new.title.clone());
        }
        std::mem::replace(&mut self.directives[id], new)
    }

    /// The newest date known to the day: a reproducible stand-in for "when
    /// this archive was made" (with the `not_before` dates, the footer's
    /// "data up to" date: `site::build_date`).
    pub fn newest_full_date(&self) -> Option<PartialDate> {
        self.directives.iter().filter_map(|d| d.date).filter(PartialDate::is_full).max()
    }
}

fn provinces_in_collation_order(provinces: &ProvinceRegistry) -> Vec<ProvinceId> {
    let mut order: Vec<ProvinceId> = (0..provinces.all().len()).collect();
    order.sort_by_cached_key(|&id| collation_key(&provinces.get(id).name));
    order
}

/// Archive order: dated before undated, by date; then province in
/// alphabetical order (central bodies first); then number; then file path,
/// which is unique, so the order never depends on how files were listed.
fn sort_directives(directives: &mut Vec<Directive>, province_order: &[ProvinceId]) {
    let mut rank = vec![0usize; province_order.len()];
    for (position, &id) in province_order.iter().enumerate() {
        rank[id] = position + 1;
    }
    // The keys borrow the paths; a permutation is sorted, then applied, so
    // no directive is moved more than once.
    let keys: Vec<_> = directives
        .par_iter()
        .map(|d| {
            let serial: u64 = d.number.as_ref().and_then(|n| n.serial.parse().ok()).unwrap_or(0);
            (
                d.date.is_none(),
                d.date,
                d.province.map_or(0, |p| rank[p]),
                serial,
                d.number.as_ref().map(DocNumber::canonical),
                d.source_path.as_str(),
            )
        })
        .collect();
    let mut order: Vec<usize> = (0..directives.len()).collect();
    // Unstable is enough: the last key, the file path, is unique.
    order.par_sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]));
    drop(keys);
    let mut slots: Vec<Option<Directive>> = std::mem::take(directives).into_iter().map(Some).collect();
    *directives = order.into_iter().map(|i| slots[i].take().expect("a permutation")).collect();
}

fn build_timeline(directives: &[Directive]) -> Timeline {
    let mut timeline = Timeline::default();
    // Directives are sorted by date, so each year, month and day is one run.
    for (id, directive) in directives.iter().enumerate() {
        let Some(date) = directive.date else {
            timeline.undated.push(id);
            continue;
        };
        if timeline.years.last().is_none_or(|y| y.year != date.year) {
            timeline.years.push(Year { year: date.year, months: Vec::new(), year_only: Vec::new(), count: 0 });
        }
        let year = timeline.years.last_mut().expect("pushed above");
        year.count += 1;
        let Some(month_number) = date.month else {
            year.year_only.push(id);
            continue;
        };
        if year.months.last().is_none_or(|m| m.month != month_number) {
            year.months.push(Month { month: month_number, days: Vec::new(), month_only: Vec::new(), count: 0 });
        }
        let month = year.months.last_mut().expect("pushed above");
        month.count += 1;
        let Some(day_number) = date.day else {
            month.month_only.push(id);
            continue;
        };
        if month.days.last().is_none_or(|d| d.day != day_number) {
            month.days.push(Day { day: day_number, docs: Vec::new() });
        }
        month.days.last_mut().expect("pushed above").docs.push(id);
    }
    timeline
}

type Resolved = (Vec<Cited>, Vec<Vec<CitedId>>, Vec<Option<CitedId>>);

/// Matches every citation to one cited directive. A citation that gives no
/// date matches the only known directive with that number in its scope.
fn resolve_citations(directives: &[Directive]) -> Resolved {
    let mut own_keys: Vec<Option<DirectiveKey>> = directives.par_iter().map(Directive::key).collect();
    let mut citation_keys: Vec<Vec<DirectiveKey>> = directives
        .par_iter()
        .map(|d| {
            d.cites
                .iter()
                .map(|c| {
                    let province = c.province.or(d.province);
                    DirectiveKey::new(&c.number, province, &d.source_path, c.date.map(|date| date.year))
                })
                .collect()
        })
        .collect();
    // The years each (scope, number) is known in; the map borrows the keys.
    let mut years: HashMap<(&Scope, &str), Vec<i32>> = HashMap::default();
    for key in own_keys.iter().flatten().chain(citation_keys.iter().flatten()) {
        if let Some(year) = key.year {
            let known = years.entry((&key.scope, key.number.as_str())).or_default();
            if !known.contains(&year) {
                known.push(year);
            }
        }
    }
    // A key without a year takes the only year its number is known in.
    let only_year = |key: &DirectiveKey| match years.get(&(&key.scope, key.number.as_str())).map(Vec::as_slice) {
        Some([only]) if key.year.is_none() => Some(*only),
        _ => None,
    };
    let own_years: Vec<Option<i32>> = own_keys.iter().map(|key| key.as_ref().and_then(only_year)).collect();
    let citation_years: Vec<Vec<Option<i32>>> =
        citation_keys.iter().map(|keys| keys.iter().map(only_year).collect()).collect();
    drop(years);
    for (key, year) in own_keys.iter_mut().zip(own_years) {
        if let (Some(key), Some(year)) = (key, year) {
            key.year = Some(year);
        }
    }
    for (keys, years) in citation_keys.iter_mut().zip(citation_years) {
        for (key, year) in keys.iter_mut().zip(years) {
            key.year = key.year.or(year);
        }
    }
    let archive_ids: HashMap<&DirectiveKey, DocId> =
        own_keys.iter().enumerate().filter_map(|(id, key)| Some((key.as_ref()?, id))).collect();

    // Cited directives in the order they are first met (slots), numbered in
    // key order at the end, so ids do not depend on the input order.
    let mut slot_of: HashMap<&DirectiveKey, usize> = HashMap::default();
    let mut entries: Vec<Cited> = Vec::new();
    // For each citer, (index of the citation in its `cites`, slot).
    let mut citing: Vec<Vec<(usize, usize)>> = Vec::with_capacity(directives.len());
    for (citer, keys) in citation_keys.iter().enumerate() {
        let own = own_keys[citer].as_ref();
        let mut resolved: Vec<(usize, usize)> = Vec::with_capacity(keys.len());
        for (position, key) in keys.iter().enumerate() {
            if own == Some(key) {
                continue;
            }
            let slot = *slot_of.entry(key).or_insert_with(|| {
                entries.push(Cited {
                    key: key.clone(),
                    number: directives[citer].cites[position].number.clone(),
                    type_name: None,
                    issuer: None,
                    date: None,
                    title: None,
                    in_archive: archive_ids.get(key).copied(),
                    citers: Vec::new(),
                });
                entries.len() - 1
            });
            if resolved.iter().any(|&(_, s)| s == slot) {
                continue;
            }
            entries[slot].citers.push(citer);
            resolved.push((position, slot));
        }
        citing.push(resolved);
    }
    // What is known of a cited directive: front matter first, then the text.
    for origin in [CiteOrigin::FrontMatter, CiteOrigin::Text] {
        for (citer, resolved) in citing.iter().enumerate() {
            for &(position, slot) in resolved {
                let cite = &directives[citer].cites[position];
                if cite.origin != origin {
                    continue;
                }
                let entry = &mut entries[slot];
                entry.type_name = entry.type_name.take().or_else(|| cite.type_name.clone());
                entry.issuer = entry.issuer.take().or_else(|| cite.issuer.clone());
                entry.date = entry.date.or(cite.date);
                entry.title = entry.title.take().or_else(|| cite.title.clone());
            }
        }
    }
    drop(slot_of);
    drop(archive_ids);
    // Key order: slot → id.
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_unstable_by(|&a, &b| entries[a].key.cmp(&entries[b].key));
    let mut id_of_slot = vec![0; entries.len()];
    for (id, &slot) in order.iter().enumerate() {
        id_of_slot[slot] = id;
    }
    let mut slots: Vec<Option<Cited>> = entries.into_iter().map(Some).collect();
    let mut cited: Vec<Cited> = order.iter().map(|&slot| slots[slot].take().expect("a permutation")).collect();
    let mut cited_as = vec![None; directives.len()];
    for (id, entry) in cited.iter_mut().enumerate() {
        if let Some(doc) = entry.in_archive {
            // The directive's own file is the best witness of what it is.
            let own = &directives[doc];
            entry.type_name = own.type_name.clone().or(entry.type_name.take());
            entry.issuer = own.issuer.clone().or(entry.issuer.take());
            entry.date = own.date.or(entry.date);
            entry.title = Some(own.title.clone());
            cited_as[doc] = Some(id);
        }
    }
    let cites_of = citing.into_iter().map(|keys| keys.iter().map(|&(_, slot)| id_of_slot[slot]).collect()).collect();
    (cited, cites_of, cited_as)
}

/// Groups directives by a text field, merging spelling variants (tone
/// placement, case); the group is named by its first spelling in archive order.
fn group_by(directives: &[Directive], field: impl Fn(&Directive) -> Option<&str>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::default();
    // Few distinct spellings recur over many directives: fold each once.
    let mut by_spelling: HashMap<&str, usize> = HashMap::default();
    for (id, directive) in directives.iter().enumerate() {
        let Some(value) = field(directive) else { continue };
        let index = *by_spelling.entry(value).or_insert_with(|| {
            let key = fold(&canonical_tones(value));
            *by_key.entry(key).or_insert_with(|| {
                groups.push(Group { name: value.to_string(), docs: Vec::new() });
                groups.len() - 1
            })
        });
        groups[index].docs.push(id);
    }
    groups.sort_by_cached_key(|g| collation_key(&g.name));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{Body, CiteRef};

    fn directive(
        path: &str,
        number: Option<&str>,
        province: Option<&str>,
        date: Option<&str>,
        cites: &[&str],
    ) -> Directive {
        let registry = ProvinceRegistry::builtin();
        Directive {
            source_path: path.into(),
            title: format!("title of {path}"),
            number: number.and_then(DocNumber::parse),
            number_printed: number.map(String::from),
            type_name: None,
            issuer: None,
            province: province.and_then(|p| registry.find(p)),
            date: date.map(|d| PartialDate::parse(d).unwrap()),
            not_before: None,
            place: None,
            signer: None,
            recipients: Box::default(),
            distribution: Box::default(),
            cites: cites
                .iter()
                .map(|c| {
                    let (number, date) = c.split_once('@').map_or((*c, None), |(n, d)| (n, Some(d)));
                    CiteRef {
                        number: DocNumber::parse(number).unwrap(),
                        type_name: None,
                        issuer: None,
                        date: date.map(|d| PartialDate::parse(d).unwrap()),
                        title: None,
                        province: None,
                        origin: CiteOrigin::FrontMatter,
                    }
                })
                .collect(),
            tags: Box::default(),
            source: None,
            notes: None,
            inferred: Box::default(),
            extra: serde_json::Value::Null,
            body: Body::default(),
            cited_spans: vec![],
        }
    }

    #[test]
    fn orders_by_date_with_undated_last_whatever_the_input_order() {
        let make = || {
            vec![
                directive("c.md", None, None, None, &[]),
                directive("b.md", None, Some("Tây Ninh"), Some("2021-08"), &[]),
                directive("a.md", None, Some("Quảng Ngãi"), Some("2021-06-16"), &[]),
            ]
        };
        let forward = index(make(), ProvinceRegistry::builtin());
        let mut reversed_input = make();
        reversed_input.reverse();
        let reversed = index(reversed_input, ProvinceRegistry::builtin());
        let paths = |a: &Archive| a.directives.iter().map(|d| d.source_path.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&forward), ["a.md", "b.md", "c.md"]);
        assert_eq!(paths(&forward), paths(&reversed));
        assert_eq!(forward.timeline.undated, [2]);
        assert_eq!(forward.timeline.years[0].months[1].month_only, [1]);
        assert_eq!(forward.timeline.years[0].months[0].days[0].docs, [0]);
    }

    #[test]
    fn provincial_numbers_resolve_within_the_citing_province() {
        let archive = index(
            vec![
                directive("tn.md", Some("188-CV/TU"), Some("Tây Ninh"), Some("2021-08-24"), &[]),
                directive("tn2.md", None, Some("Tây Ninh"), Some("2021-08-30"), &["188-CV/TU"]),
                directive("qn.md", None, Some("Quảng Ngãi"), Some("2021-08-30"), &["188-CV/TU"]),
            ],
            ProvinceRegistry::builtin(),
        );
        assert_eq!(archive.cited.len(), 2, "Tây Ninh's 188 and Quảng Ngãi's 188 are two documents");
        let tay_ninh = archive.cited.iter().find(|c| c.in_archive.is_some()).unwrap();
        assert_eq!(tay_ninh.citers.len(), 1);
        assert_eq!(archive.directives[tay_ninh.citers[0]].source_path, "tn2.md");
        let other = archive.cited.iter().find(|c| c.in_archive.is_none()).unwrap();
        assert_eq!(archive.directives[other.citers[0]].source_path, "qn.md");
    }

    #[test]
    fn central_citations_merge_across_provinces_and_years_complete() {
        let archive = index(
            vec![
                directive("a.md", None, Some("Quảng Ngãi"), Some("2021-06-16"), &["07-KL/TW@2021-06-11"]),
                directive("b.md", None, Some("Tây Ninh"), Some("2021-07-01"), &["07-KL/TW"]),
            ],
            ProvinceRegistry::builtin(),
        );
        assert_eq!(archive.cited.len(), 1);
        assert_eq!(archive.cited[0].citers, [0, 1]);
        assert_eq!(archive.cited[0].date, Some(PartialDate::ymd(2021, 6, 11)));
        assert_eq!(archive.cites_of[1], [0]);
    }

    #[test]
    fn groups_merge_tone_placement_variants() {
        let mut a = directive("a.md", None, None, None, &[]);
        a.issuer = Some("Tỉnh ủy Khánh Hòa".into());
        let mut b = directive("b.md", None, None, None, &[]);
        b.issuer = Some("Tỉnh uỷ Khánh Hoà".into());
        let archive = index(vec![a, b], ProvinceRegistry::builtin());
        assert_eq!(archive.issuers.len(), 1);
        assert_eq!(archive.issuers[0].docs.len(), 2);
    }
}
