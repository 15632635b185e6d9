//! "Who acted, and how soon": for a cited directive, the first directive of
//! each province that cites it, the days elapsed, the provinces that never
//! cite it (absence is a finding too), and citations per week.

use super::*;
use crate::charts::{bar_chart, BarChart};
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
    /// The province's first citing directive (the earliest in archive order).
    pub first: Option<DocSummary<'a>>,
}

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
    /// the first of them.
    fn citers_by_province(&self, id: CitedId) -> Vec<(usize, Option<DocId>)> {
        let mut by_province: Vec<(usize, Option<DocId>)> = vec![(0, None); self.provinces.all().len()];
        for &doc in &self.archive.cited[id].citers {
            if let Some(p) = self.archive.directives[doc].province {
                let entry = &mut by_province[p];
                entry.0 += 1;
                // Citers are in archive (date) order, so the first seen is the earliest.
                entry.1 = entry.1.or(Some(doc));
            }
        }
        by_province
    }

    fn uptake(&'a self, id: CitedId) -> Uptake<'a> {
        let by_province = self.citers_by_province(id);
        let provinces = self
            .archive
            .province_order
            .iter()
            .map(|&p| {
                let (count, first) = by_province[p];
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
                }
            })
            .collect::<Vec<_>>();
        Uptake { acting: provinces.iter().filter(|p| p.count > 0).count(), provinces, weekly: self.weekly(id) }
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
