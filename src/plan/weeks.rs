//! ISO weeks in the timeline: a page for each week that has directives
//! dated to one of its days (the seven days, each day's directives by
//! province), and the calendar at the top of each month page.
//!
//! Weeks are ISO 8601's: Monday to Sunday, numbered within the year of
//! their Thursday, so 1/1/2021 (a Friday) is in week 53 of 2020 and
//! 30/12/2024 (a Monday) in week 1 of 2025. A week's page lives under that
//! year: `thoi-gian/2020/tuan-53/index.html`.

use super::*;
use crate::content::model::Jurisdiction;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;
use std::ops::Range;

/// An ISO week: the year of its Thursday and its number (1 to 53).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct WeekKey {
    pub year: i32,
    pub week: u32,
}

impl WeekKey {
    /// The week a day falls in.
    pub fn of(date: NaiveDate) -> WeekKey {
        let iso = date.iso_week();
        WeekKey { year: iso.year(), week: iso.week() }
    }

    /// Its Monday.
    pub fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon).expect("a week made by WeekKey::of")
    }

    /// Its seven days, Monday first.
    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        self.monday().iter_days().take(7)
    }

    /// Whole weeks from `self` to `later`.
    fn weeks_until(self, later: WeekKey) -> i64 {
        (later.monday() - self.monday()).num_days() / 7
    }
}

pub fn week_path(week: WeekKey) -> String {
    format!("thoi-gian/{}/tuan-{:02}/index.html", week.year, week.week)
}

/// The weeks that have a directive dated to one of their days, in order.
pub(super) fn timeline_weeks(timeline: &crate::graph::Timeline) -> Vec<WeekKey> {
    let mut weeks: Vec<WeekKey> = timeline
        .years
        .iter()
        .flat_map(|y| y.months.iter().flat_map(move |m| m.days.iter().map(move |d| (y.year, m.month, d.day))))
        .filter_map(|(year, month, day)| NaiveDate::from_ymd_opt(year, month, day))
        .map(WeekKey::of)
        .collect();
    weeks.sort_unstable();
    weeks.dedup();
    weeks
}

/// A link to a week page, and how many weeks without directives lie
/// between it and the page that links to it: previous and next go to the
/// nearest week that has directives, and say what they skip.
#[derive(Debug, Serialize)]
pub struct WeekLink {
    pub href: String,
    pub year: i32,
    pub week: u32,
    pub skipped: i64,
}

/// One of a week page's seven days.
#[derive(Serialize)]
pub struct WeekDay<'a> {
    /// 0 for Monday … 6 for Sunday: the index of its name in the strings.
    pub weekday: u32,
    pub date: String,
    pub date_iso: String,
    /// The day's page, when it has directives.
    pub href: Option<String>,
    /// The day's directives in the whole week, on every part.
    pub count: usize,
    pub groups: Vec<ProvinceGroup<'a>>,
    pub issued: Vec<CitedSummary<'a>>,
}

/// A day's directives of one province, or central, or of no known province.
#[derive(Serialize)]
pub struct ProvinceGroup<'a> {
    /// `central`, `province` or `unplaced`: how the template names it.
    pub kind: &'static str,
    pub name: Option<&'a str>,
    pub href: Option<String>,
    pub docs: Vec<DocSummary<'a>>,
}

#[derive(Serialize)]
pub struct WeekData<'a> {
    pub year: i32,
    pub week: u32,
    pub first: String,
    pub last: String,
    pub first_iso: String,
    pub last_iso: String,
    pub count: usize,
    pub days: Vec<WeekDay<'a>>,
    /// The month pages the week's days are in.
    pub months: Vec<Link>,
    pub previous: Option<WeekLink>,
    pub next: Option<WeekLink>,
}

/// A month's calendar: its weeks, Monday first.
#[derive(Serialize)]
pub struct Calendar {
    pub weeks: Vec<CalendarWeek>,
}

#[derive(Serialize)]
pub struct CalendarWeek {
    pub year: i32,
    pub week: u32,
    /// The week's page, when it has directives.
    pub href: Option<String>,
    /// Seven cells; `None` for a day of the month before or after.
    pub days: Vec<Option<CalendarDay>>,
}

#[derive(Serialize)]
pub struct CalendarDay {
    pub day: u32,
    pub date_iso: String,
    pub count: usize,
    /// The day's page, when it has directives.
    pub href: Option<String>,
}

/// Whether a section of a list split into parts (a day of a month or of a
/// week) is shown on the part that holds positions `shown` of a list of
/// `total`: one with items where some of them are; an empty one where its
/// place, `offset`, falls (the last part also takes one at the very end).
pub(super) fn section_on_part(listed: usize, kept: usize, offset: usize, shown: &Range<usize>, total: usize) -> bool {
    if listed == 0 {
        shown.contains(&offset) || (offset == shown.end && shown.end == total)
    } else {
        kept > 0
    }
}

impl<'a> Plan<'a> {
    /// The directives dated to `date`, in archive order.
    fn docs_on(&self, date: NaiveDate) -> &'a [DocId] {
        let years = &self.archive.timeline.years;
        years
            .iter()
            .find(|y| y.year == date.year())
            .and_then(|y| y.months.iter().find(|m| m.month == date.month()))
            .and_then(|m| m.days.iter().find(|d| d.day == date.day()))
            .map_or(&[], |d| &d.docs[..])
    }

    /// Where a directive goes on a week page: central first, then the
    /// provinces in the archive's order, then those of no known province.
    fn group_key(&self, doc: DocId, rank: &[usize]) -> (u8, usize) {
        match self.archive.directives[doc].jurisdiction() {
            Jurisdiction::Central => (0, 0),
            Jurisdiction::Province(p) => (1, rank[p]),
            Jurisdiction::ProvinceUnknown | Jurisdiction::Unknown => (2, 0),
        }
    }

    /// The week's directives in page order (by day, then by group; archive
    /// order within a group), and how many fall on each day.
    fn week_list(&self, week: WeekKey) -> (Vec<DocId>, [usize; 7]) {
        let mut rank = vec![usize::MAX; self.provinces.all().len()];
        for (i, &p) in self.archive.province_order.iter().enumerate() {
            rank[p] = i;
        }
        let mut list = Vec::new();
        let mut per_day = [0; 7];
        for (i, date) in week.days().enumerate() {
            let mut docs = self.docs_on(date).to_vec();
            docs.sort_by_key(|&doc| self.group_key(doc, &rank));
            per_day[i] = docs.len();
            list.extend(docs);
        }
        (list, per_day)
    }

    /// How many directives a week's page lists (for its parts).
    pub(super) fn week_count(&self, week: WeekKey) -> usize {
        week.days().map(|date| self.docs_on(date).len()).sum()
    }

    fn week_link(&self, from: WeekKey, index: usize) -> WeekLink {
        let to = self.weeks[index];
        WeekLink { href: week_path(to), year: to.year, week: to.week, skipped: from.weeks_until(to).abs() - 1 }
    }

    pub(super) fn week(&'a self, index: usize, part: usize) -> WeekData<'a> {
        let week = self.weeks[index];
        let (list, per_day) = self.week_list(week);
        let shown = part_range(list.len(), part);
        let mut days = Vec::new();
        let mut offset = 0;
        for (i, date) in week.days().enumerate() {
            let listed = &list[offset..offset + per_day[i]];
            let kept = clip(listed, offset, &shown);
            if section_on_part(listed.len(), kept.len(), offset, &shown, list.len()) {
                days.push(self.week_day(date, i as u32, listed.len(), kept));
            }
            offset += listed.len();
        }
        let (monday, sunday) = (week.monday(), week.days().last().expect("seven days"));
        let mut months: Vec<(i32, u32)> = week.days().map(|d| (d.year(), d.month())).collect();
        months.dedup();
        let months = months
            .into_iter()
            .filter(|&(year, month)| self.month_exists(year, month))
            .map(|(year, month)| Link { href: month_path(year, month), label: format!("{month}/{year}") })
            .collect();
        WeekData {
            year: week.year,
            week: week.week,
            first: self.show(naive_to_partial(monday)),
            last: self.show(naive_to_partial(sunday)),
            first_iso: monday.to_string(),
            last_iso: sunday.to_string(),
            count: list.len(),
            days,
            months,
            previous: index.checked_sub(1).map(|i| self.week_link(week, i)),
            next: (index + 1 < self.weeks.len()).then(|| self.week_link(week, index + 1)),
        }
    }

    fn month_exists(&self, year: i32, month: u32) -> bool {
        let years = &self.archive.timeline.years;
        years.iter().any(|y| y.year == year && y.months.iter().any(|m| m.month == month))
    }

    fn week_day(&'a self, date: NaiveDate, weekday: u32, count: usize, kept: &[DocId]) -> WeekDay<'a> {
        let mut groups: Vec<ProvinceGroup<'a>> = Vec::new();
        let mut last_key = None;
        for &doc in kept {
            let (kind, key) = match self.archive.directives[doc].jurisdiction() {
                Jurisdiction::Central => ("central", None),
                Jurisdiction::Province(p) => ("province", Some(p)),
                Jurisdiction::ProvinceUnknown | Jurisdiction::Unknown => ("unplaced", None),
            };
            if last_key != Some((kind, key)) {
                groups.push(ProvinceGroup {
                    kind,
                    name: key.map(|p| &self.provinces.get(p).name[..]),
                    href: key.map(|p| province_path(self.provinces, p)),
                    docs: Vec::new(),
                });
                last_key = Some((kind, key));
            }
            groups.last_mut().expect("pushed above").docs.push(self.summary(doc));
        }
        let partial = naive_to_partial(date);
        WeekDay {
            weekday,
            date: self.show(partial),
            date_iso: date.to_string(),
            href: (count > 0).then(|| day_path(date.year(), date.month(), date.day())),
            count,
            groups,
            issued: self.issued_on(partial),
        }
    }

    /// The page of the week `date` falls in, when it has one.
    pub(super) fn week_of(&self, date: NaiveDate) -> Option<WeekKey> {
        let week = WeekKey::of(date);
        self.weeks.binary_search(&week).is_ok().then_some(week)
    }

    /// The calendar of a month of the timeline.
    pub(super) fn calendar(&self, year: i32, month: &crate::graph::Month) -> Calendar {
        let Some(first) = NaiveDate::from_ymd_opt(year, month.month, 1) else { return Calendar { weeks: Vec::new() } };
        let mut weeks: Vec<CalendarWeek> = Vec::new();
        for date in first.iter_days().take_while(|d| d.month() == month.month) {
            let key = WeekKey::of(date);
            if weeks.last().is_none_or(|w| (w.year, w.week) != (key.year, key.week)) {
                weeks.push(CalendarWeek {
                    year: key.year,
                    week: key.week,
                    href: self.week_of(date).map(week_path),
                    days: (0..7).map(|_| None).collect(),
                });
            }
            let count = month.days.iter().find(|d| d.day == date.day()).map_or(0, |d| d.docs.len());
            let weekday = date.weekday().num_days_from_monday() as usize;
            weeks.last_mut().expect("pushed above").days[weekday] = Some(CalendarDay {
                day: date.day(),
                date_iso: date.to_string(),
                count,
                href: (count > 0).then(|| day_path(year, month.month, date.day())),
            });
        }
        Calendar { weeks }
    }
}

pub(super) fn naive_to_partial(date: NaiveDate) -> PartialDate {
    PartialDate::ymd(date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_first_days_of_a_year_can_be_in_the_last_week_of_the_year_before() {
        // 1/1/2021 is a Friday: week 53 of 2020, Monday 28/12/2020.
        let week = WeekKey::of(day(2021, 1, 1));
        assert_eq!(week, WeekKey { year: 2020, week: 53 });
        assert_eq!(week.monday(), day(2020, 12, 28));
        assert_eq!(week.days().last(), Some(day(2021, 1, 3)));
        assert_eq!(WeekKey::of(day(2021, 1, 4)), WeekKey { year: 2021, week: 1 });
        assert_eq!(week_path(week), "thoi-gian/2020/tuan-53/index.html");
    }

    #[test]
    fn the_last_days_of_a_year_can_be_in_week_1_of_the_next() {
        // 30/12/2024 is a Monday: week 1 of 2025.
        assert_eq!(WeekKey::of(day(2024, 12, 30)), WeekKey { year: 2025, week: 1 });
        assert_eq!(WeekKey::of(day(2024, 12, 29)), WeekKey { year: 2024, week: 52 });
        assert_eq!(WeekKey { year: 2025, week: 1 }.monday(), day(2024, 12, 30));
        assert_eq!(WeekKey { year: 2024, week: 52 }.weeks_until(WeekKey { year: 2025, week: 2 }), 2);
        assert_eq!(WeekKey { year: 2020, week: 53 }.weeks_until(WeekKey { year: 2021, week: 1 }), 1);
    }

    #[test]
    fn an_empty_section_stays_on_the_part_its_place_falls_in() {
        let first = 0..500;
        let last = 500..700;
        assert!(section_on_part(0, 0, 0, &first, 700));
        assert!(!section_on_part(0, 0, 500, &first, 700), "position 500 is the second part's");
        assert!(section_on_part(0, 0, 700, &last, 700), "an empty day at the very end: the last part");
        assert!(!section_on_part(3, 0, 10, &last, 700));
        assert!(section_on_part(3, 3, 498, &first, 700));
    }
}
