//! "Who acted, and how soon": for a cited directive, the first directive of
//! each province that cites it, the days elapsed, the provinces with no
//! directive citing it in the archive (an absence to look into, not proof of
//! silence: the archive may lack it), and the share of provinces that had
//! acted by each day after it.

use super::*;
use crate::plan::charts::{step_chart, StepChart};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Serialize)]
pub struct Uptake<'a> {
    /// Provinces that cite it.
    pub acting: usize,
    /// All 63 provinces in alphabetical order, acting or not.
    pub provinces: Vec<ProvinceUptake<'a>>,
    /// The share of provinces that had acted by each day after the cited
    /// directive's date, when it is known to the day and some province acted
    /// on a known day.
    pub curve: Option<Box<UptakeCurve<'a>>>,
}

/// "By day N, this share of the 63 provinces had acted": a cumulative step
/// curve, one step per day on which a province's first citing directive
/// was issued (its days elapsed, as the table shows them).
#[derive(Serialize)]
pub struct UptakeCurve<'a> {
    /// All provinces: the curve's 100 %.
    pub total: usize,
    /// Provinces on the curve.
    pub placed: usize,
    /// Provinces that acted whose first citing directive is not dated to the
    /// day, or is dated before the cited one: not on the curve.
    pub unplaced: usize,
    pub steps: Vec<CurveStep>,
    /// The median province's day: at least half of those on the curve had
    /// acted by then. Its x on the chart.
    pub median: i64,
    pub median_x: u32,
    pub fastest: Extreme<'a>,
    pub slowest: Extreme<'a>,
    pub chart: StepChart,
}

/// A day of the curve: provinces that first acted that day, how many had
/// acted by then, and that as a share of all provinces.
#[derive(Serialize)]
pub struct CurveStep {
    pub day: i64,
    pub new: usize,
    pub acted: usize,
    pub share: String,
    pub x: u32,
    pub y: u32,
}

/// The provinces that acted first (or last), on the same day.
#[derive(Serialize)]
pub struct Extreme<'a> {
    pub day: i64,
    pub names: Vec<&'a str>,
    /// Tied provinces past those named.
    pub more: usize,
}

/// Provinces named as fastest or slowest at most; others tied are counted.
const NAMED: usize = 3;

#[derive(Serialize)]
pub struct ProvinceUptake<'a> {
    pub name: &'a str,
    pub href: String,
    pub count: usize,
    /// The province's first citing directive: the one known to be the
    /// earliest (see [`Plan::citers_by_province`]).
    pub first: Option<FirstCiter<'a>>,
    /// What the table sorts by in the browser, so that a directive dated to
    /// a month sorts by that month and a province that acted, even undated,
    /// never sorts with those that did not: the last day its first
    /// directive can have been issued, and the days from the cited directive to it.
    pub sort_date: String,
    pub sort_days: i64,
}

/// A province's first directive citing the cited one, as its row of the
/// table shows it: a link named by its number (or its title), its date and
/// the days elapsed since the cited directive, when both are dated to the day.
#[derive(Serialize)]
pub struct FirstCiter<'a> {
    pub href: &'a str,
    pub label: Cow<'a, str>,
    pub date: Option<&'a str>,
    pub date_iso: Option<&'a str>,
    pub days: Option<i64>,
}

/// Sort values past every real one: an acting province whose first
/// directive is undated, then a province with no citing directive.
const UNDATED_SORT_DATE: &str = "9998";
const ABSENT_SORT_DATE: &str = "9999";
const UNDATED_SORT_DAYS: i64 = 999_998;
const ABSENT_SORT_DAYS: i64 = 999_999;

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
                let first = first.map(|doc| FirstCiter {
                    href: &self.directive_paths[doc],
                    label: self.label_shown(doc),
                    date: self.date_shown(doc),
                    date_iso: self.date_iso(doc),
                    days: self.days_after(id, doc),
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
        let acting = provinces.iter().filter(|p| p.count > 0).count();
        let curve =
            self.archive.cited[id].date.filter(PartialDate::is_full).and_then(|_| self.curve(&provinces, acting));
        Uptake { acting, provinces, curve }
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

    /// The curve of `provinces` (each with its first citing directive's
    /// days elapsed), `None` when no province acted on a known day.
    fn curve(&self, provinces: &[ProvinceUptake<'a>], acting: usize) -> Option<Box<UptakeCurve<'a>>> {
        let mut placed: Vec<(i64, &'a str)> =
            provinces.iter().filter_map(|p| Some((p.first.as_ref()?.days.filter(|d| *d >= 0)?, p.name))).collect();
        // By day, then in the table's (alphabetical) order: stable.
        placed.sort_by_key(|&(day, _)| day);
        let (first, last) = (placed.first()?.0, placed.last()?.0);
        let total = provinces.len();
        let mut steps: Vec<CurveStep> = Vec::new();
        for (acted, &(day, _)) in placed.iter().enumerate() {
            match steps.last_mut() {
                Some(step) if step.day == day => {
                    step.new += 1;
                    step.acted = acted + 1;
                }
                _ => steps.push(CurveStep { day, new: 1, acted: acted + 1, share: String::new(), x: 0, y: 0 }),
            }
        }
        let chart = step_chart(&steps.iter().map(|s| (s.day, s.acted)).collect::<Vec<_>>(), total);
        for (step, &(x, y)) in steps.iter_mut().zip(&chart.points) {
            step.share = self.share(step.acted, total);
            (step.x, step.y) = (x, y);
        }
        let median = placed[(placed.len() - 1) / 2].0;
        let extreme = |day: i64| {
            let tied: Vec<&'a str> = placed.iter().filter(|p| p.0 == day).map(|p| p.1).collect();
            Extreme { day, more: tied.len().saturating_sub(NAMED), names: tied.into_iter().take(NAMED).collect() }
        };
        Some(Box::new(UptakeCurve {
            total,
            placed: placed.len(),
            unplaced: acting - placed.len(),
            steps,
            median,
            median_x: chart.x(median),
            fastest: extreme(first),
            slowest: extreme(last),
            chart,
        }))
    }

    /// `part` of `total` as a percentage with one decimal, as the language writes it.
    fn share(&self, part: usize, total: usize) -> String {
        let permille = (part * 1000 + total / 2) / total.max(1);
        let point = if self.language == Language::Vietnamese { ',' } else { '.' };
        format!("{}{point}{}%", permille / 10, permille % 10)
    }
}
