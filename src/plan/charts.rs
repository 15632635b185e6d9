//! Chart geometry, computed at build time so charts are plain inline SVG:
//! no chart library, no JavaScript needed to see them. Pure functions from
//! counts to shapes; templates only draw what they are given.

use serde::Serialize;

/// A month on a chart's axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn next(self) -> YearMonth {
        if self.month == 12 {
            YearMonth { year: self.year + 1, month: 1 }
        } else {
            YearMonth { year: self.year, month: self.month + 1 }
        }
    }

    /// Every month from `first` to `last`, both included.
    pub fn range(first: YearMonth, last: YearMonth) -> Vec<YearMonth> {
        let mut months = Vec::new();
        let mut month = first;
        while month <= last {
            months.push(month);
            month = month.next();
        }
        months
    }
}

/// One bar of a bar chart.
#[derive(Debug, Serialize)]
pub struct Bar {
    pub x: u32,
    pub y: u32,
    pub height: u32,
    pub count: usize,
    /// Text for the bar's `<title>` and the table behind the chart.
    pub label: String,
    pub href: Option<String>,
}

/// A bar chart drawn in a `width × height` box, with the axis labels.
#[derive(Debug, Serialize)]
pub struct BarChart {
    pub width: u32,
    pub height: u32,
    pub bar_width: u32,
    pub max: usize,
    pub bars: Vec<Bar>,
    /// (x, text) of the labels under the axis, e.g. each January.
    pub ticks: Vec<(u32, String)>,
}

pub const BAR_WIDTH: u32 = 12;
pub const BAR_GAP: u32 = 2;
pub const CHART_HEIGHT: u32 = 120;

/// Bars for counts along an axis. `label` names each bar, `href` links it.
pub fn bar_chart<T>(
    items: &[T],
    count: impl Fn(&T) -> usize,
    label: impl Fn(&T) -> String,
    href: impl Fn(&T) -> Option<String>,
    tick: impl Fn(&T) -> Option<String>,
) -> BarChart {
    let max = items.iter().map(&count).max().unwrap_or(0);
    let step = BAR_WIDTH + BAR_GAP;
    let bars = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let n = count(item);
            // Integer heights keep the SVG byte-identical across platforms.
            let height = if max == 0 { 0 } else { ((n * CHART_HEIGHT as usize).div_ceil(max)) as u32 };
            Bar { x: i as u32 * step, y: CHART_HEIGHT - height, height, count: n, label: label(item), href: href(item) }
        })
        .collect();
    let ticks = items.iter().enumerate().filter_map(|(i, item)| tick(item).map(|t| (i as u32 * step, t))).collect();
    BarChart { width: items.len() as u32 * step, height: CHART_HEIGHT, bar_width: BAR_WIDTH, max, bars, ticks }
}

/// A shade level from 0 (none) to 5 (the most), for heat-map cells.
pub fn shade(count: usize, max: usize) -> u32 {
    if count == 0 || max == 0 {
        0
    } else {
        (count * 5).div_ceil(max).clamp(1, 5) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_range_crosses_years() {
        let months = YearMonth::range(YearMonth { year: 2020, month: 11 }, YearMonth { year: 2021, month: 2 });
        let shown: Vec<String> = months.iter().map(|m| format!("{}-{}", m.year, m.month)).collect();
        assert_eq!(shown, ["2020-11", "2020-12", "2021-1", "2021-2"]);
    }

    #[test]
    fn bars_scale_to_the_largest_count() {
        let chart = bar_chart(&[0usize, 5, 10], |n| *n, |n| n.to_string(), |_| None, |_| None);
        let heights: Vec<u32> = chart.bars.iter().map(|b| b.height).collect();
        assert_eq!(heights, [0, CHART_HEIGHT / 2, CHART_HEIGHT]);
        assert_eq!(chart.bars[2].y, 0);
        assert_eq!(chart.bars[1].x, BAR_WIDTH + BAR_GAP);
    }

    #[test]
    fn a_single_directive_is_still_visible() {
        let chart = bar_chart(&[1usize, 1000], |n| *n, |n| n.to_string(), |_| None, |_| None);
        assert!(chart.bars[0].height >= 1);
    }

    #[test]
    fn shades_from_none_to_most() {
        assert_eq!(shade(0, 10), 0);
        assert_eq!(shade(1, 10), 1);
        assert_eq!(shade(10, 10), 5);
        assert_eq!(shade(6, 10), 3);
    }
}
