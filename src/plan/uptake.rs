//! "Who acted, and how soon": for a cited directive, the first directive of
//! each province that cites it, the days elapsed, the provinces with no
//! directive citing it in the archive (an absence to look into, not proof of
//! silence: the archive may lack it), and citations per week.

use super::*;
use crate::plan::charts::{bar_chart, BarChart};
use serde::Serialize;

#[derive(Serialize)]
pub struct Uptake<'a> {
    /// Provinces that cite it.
    pub acting: usize,
    /// All 63 provinces in alphabetical order, acting or not.
    pub provinces: Vec<ProvinceUptake<'a>>,
    /// Citations per week after the cited directive's date, when it is known to the day.
    pub weekly: Option<BarChart>,
}

#[derive(Serialize)]
pub struct ProvinceUptake<'a> {
    pub name: &'a str,
    pub href: String,
    pub count: usize,
    /// The province's first citing directive: the one known to be the
    /// earliest (see [`Plan::citers_by_province`]).
    pub first: Option<DocSummary<'a>>,
    /// What the table sorts by in the browser, so that a directive dated to
    /// a month sorts by that month and a province that acted, even undated,
    /// never sorts with those that did not: the last day its first
    /// directive can have been issued, and the days from the cited directive to it.
    pub sort_date: String,
    pub sort_days: i64,
}

/// Sort values past every real one: an acting province whose first
/// directive is undated, then a province with no citing directive.
const UNDATED_SORT_DATE: &str = "9998";
const ABSENT_SORT_DATE: &str = "9999";
const UNDATED_SORT_DAYS: i64 = 999_998;
const ABSENT_SORT_DAYS: i64 = 999_999;

/// Weeks shown on the weekly chart; later citations fall in the last bar.
const WEEKS: usize = 26;

impl<'a> Plan<'a> {
    /// The province-by-province table means something only for a directive
    /// that every province is expected to act on: a central one. A provincial
    /// number cited from province P is P's own (`index` scopes it there), so
    /// all its citers are in P and its table would list one province and 62
    /// that were never asked to act. Such a directive's citers, with the days
    /// elapsed, are in its list of citers.
    pub(super) fn national_uptake(&'a self, id: CitedId) -> Option<Uptake<'a>> {
        matches!(self.archive.cited[id].key.scope, Scope::Central).then(|| self.uptake(id))
    }

    /// How many provinces have a directive citing it.
    pub(super) fn acting_provinces(&self, id: CitedId) -> usize {
        self.citers_by_province(id).iter().filter(|(count, _)| *count > 0).count()
    }

    /// For each province (by id): how many of its directives cite `id`, and
    /// the first of them by what is known: the one certainly issued earliest,
    /// by the last day its date allows. Archive order would put "tháng
    /// 7/2021" before 5/7/2021, though it may be 31/7; by its last day it
    /// comes after, and before 1/8/2021. Undated citers come last.
    fn citers_by_province(&self, id: CitedId) -> Vec<(usize, Option<DocId>)> {
        let mut by_province: Vec<(usize, Option<DocId>)> = vec![(0, None); self.provinces.all().len()];
        for &doc in &self.archive.cited[id].citers {
            if let Some(p) = self.archive.directives[doc].province {
                let entry = &mut by_province[p];
                entry.0 += 1;
                // Citers are in archive order: on a tie the earlier stays.
                if entry.1.is_none_or(|first| self.known_by(doc) < self.known_by(first)) {
                    entry.1 = Some(doc);
                }
            }
        }
        by_province
    }

    /// The day by which a directive was certainly issued; `None` (after
    /// every day) when it is undated.
    fn known_by(&self, doc: DocId) -> (bool, Option<chrono::NaiveDate>) {
        let date = self.archive.directives[doc].date;
        (date.is_none(), date.map(|d| d.last_possible_day()))
    }

    fn uptake(&'a self, id: CitedId) -> Uptake<'a> {
        let by_province = self.citers_by_province(id);
        let provinces = self
            .archive
            .province_order
            .iter()
            .map(|&p| {
                let (count, first) = by_province[p];
                let (sort_date, sort_days) = match first {
                    Some(doc) => self.uptake_sort_values(id, doc),
                    None => (ABSENT_SORT_DATE.to_string(), ABSENT_SORT_DAYS),
                };
                let first = first.map(|doc| {
                    let mut summary = self.summary(doc);
                    summary.days = self.days_after(id, doc);
                    summary
                });
                ProvinceUptake {
                    name: &self.provinces.get(p).name,
                    href: province_path(self.provinces, p),
                    count,
                    first,
                    sort_date,
                    sort_days,
                }
            })
            .collect::<Vec<_>>();
        Uptake { acting: provinces.iter().filter(|p| p.count > 0).count(), provinces, weekly: self.weekly(id) }
    }

    /// A first citing directive's sort values (see [`ProvinceUptake`]).
    fn uptake_sort_values(&self, id: CitedId, doc: DocId) -> (String, i64) {
        let Some(by) = self.known_by(doc).1 else {
            return (UNDATED_SORT_DATE.to_string(), UNDATED_SORT_DAYS);
        };
        let from = self.archive.cited[id].date.filter(PartialDate::is_full).map(|d| d.last_possible_day());
        let days = from.map_or(UNDATED_SORT_DAYS, |from| (by - from).num_days());
        (by.to_string(), days)
    }

    /// Days from the cited directive to the citing one, when both are dated to the day.
    pub(super) fn days_after(&self, id: CitedId, doc: DocId) -> Option<i64> {
        let from = self.archive.cited[id].date?;
        from.days_until(&self.archive.directives[doc].date?)
    }

    fn weekly(&'a self, id: CitedId) -> Option<BarChart> {
        let cited = &self.archive.cited[id];
        cited.date.filter(PartialDate::is_full)?;
        let mut weeks = vec![0usize; WEEKS + 1];
        for &doc in &cited.citers {
            if let Some(days) = self.days_after(id, doc).filter(|d| *d >= 0) {
                weeks[(days as usize / 7).min(WEEKS)] += 1;
            }
        }
        let items: Vec<(usize, usize)> = weeks.into_iter().enumerate().collect();
        Some(bar_chart(
            &items,
            |(_, n)| *n,
            |(w, n)| if *w == WEEKS { format!("≥ {w}: {n}") } else { format!("{}: {n}", w + 1) },
            |_| None,
            |(w, _)| (w % 4 == 0).then(|| (w + 1).to_string()),
        ))
    }
}
