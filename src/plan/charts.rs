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

/// A cumulative step curve: how many of `total` had done something by each
/// day, drawn in a `width × height` box (axes and labels included).
#[derive(Debug, Serialize)]
pub struct StepChart {
    pub width: u32,
    pub height: u32,
    /// The plot area: left and top edges, and its width and height.
    pub left: u32,
    pub top: u32,
    pub plot_width: u32,
    pub plot_height: u32,
    /// The last day of the axis (at least 1) and the count at the top.
    pub max_day: i64,
    pub total: usize,
    /// The curve as an SVG path: flat until a day, then up to its count.
    pub path: String,
    /// A point where the curve steps up, per step, in the steps' order.
    pub points: Vec<(u32, u32)>,
    /// (x, label) under the axis; (y, label) of the shares on the left.
    pub x_ticks: Vec<(u32, String)>,
    pub y_ticks: Vec<(u32, String)>,
}

pub const CURVE_WIDTH: u32 = 480;
pub const CURVE_HEIGHT: u32 = 220;
const CURVE_LEFT: u32 = 40;
const CURVE_TOP: u32 = 8;
const CURVE_BOTTOM: u32 = 28;
const CURVE_RIGHT: u32 = 12;

impl StepChart {
    /// The x of a day. Integer arithmetic keeps the SVG byte-identical everywhere.
    pub fn x(&self, day: i64) -> u32 {
        self.left + (day.clamp(0, self.max_day) as u64 * u64::from(self.plot_width) / self.max_day as u64) as u32
    }

    /// The y of a count out of `total`.
    pub fn y(&self, count: usize) -> u32 {
        let total = self.total.max(1) as u64;
        self.top + self.plot_height - (count.min(self.total) as u64 * u64::from(self.plot_height) / total) as u32
    }
}

/// The curve through `steps`: (day, count reached that day), days rising.
pub fn step_chart(steps: &[(i64, usize)], total: usize) -> StepChart {
    let max_day = steps.last().map_or(1, |s| s.0).max(1);
    let mut chart = StepChart {
        width: CURVE_WIDTH,
        height: CURVE_HEIGHT,
        left: CURVE_LEFT,
        top: CURVE_TOP,
        plot_width: CURVE_WIDTH - CURVE_LEFT - CURVE_RIGHT,
        plot_height: CURVE_HEIGHT - CURVE_TOP - CURVE_BOTTOM,
        max_day,
        total,
        path: String::new(),
        points: Vec::new(),
        x_ticks: Vec::new(),
        y_ticks: Vec::new(),
    };
    let mut path = format!("M{} {}", chart.x(0), chart.y(0));
    for &(day, count) in steps {
        let (x, y) = (chart.x(day), chart.y(count));
        path.push_str(&format!(" H{x} V{y}"));
        chart.points.push((x, y));
    }
    path.push_str(&format!(" H{}", chart.x(max_day)));
    chart.path = path;
    let step = day_tick_step(max_day);
    chart.x_ticks = (0..=max_day / step).map(|i| (chart.x(i * step), (i * step).to_string())).collect();
    chart.y_ticks = [0, 25, 50, 75, 100]
        .iter()
        .map(|&percent| {
            let y = chart.top + chart.plot_height - percent * chart.plot_height / 100;
            (y, format!("{percent}%"))
        })
        .collect();
    chart
}

/// Days between labels on a day axis: a round step giving at most six.
fn day_tick_step(max_day: i64) -> i64 {
    const STEPS: [i64; 14] = [1, 2, 5, 7, 10, 14, 30, 60, 90, 120, 180, 365, 730, 1825];
    STEPS.into_iter().find(|s| max_day / s <= 6).unwrap_or((max_day + 5) / 6)
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
    fn a_step_curve_rises_at_each_day_to_its_count() {
        let chart = step_chart(&[(0, 1), (5, 3), (40, 63)], 63);
        assert_eq!(chart.max_day, 40);
        assert_eq!(chart.points.len(), 3);
        let (left, bottom) = (chart.left, chart.top + chart.plot_height);
        assert_eq!(chart.points[0], (left, chart.y(1)));
        assert_eq!(chart.points[2], (left + chart.plot_width, chart.top), "all 63 reach the top at the last day");
        assert!(chart.path.starts_with(&format!("M{left} {bottom} H{left} V")), "{}", chart.path);
        let xs: Vec<&str> = chart.x_ticks.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(xs, ["0", "7", "14", "21", "28", "35"], "weeks, at most six labels");
        assert_eq!(chart.y_ticks[4], (chart.top, "100%".to_string()));
    }

    #[test]
    fn a_curve_of_one_day_still_has_an_axis() {
        let chart = step_chart(&[(0, 5)], 63);
        assert_eq!(chart.max_day, 1);
        assert!(chart.x(0) < chart.x(1));
    }

    #[test]
    fn shades_from_none_to_most() {
        assert_eq!(shade(0, 10), 0);
        assert_eq!(shade(1, 10), 1);
        assert_eq!(shade(10, 10), 5);
        assert_eq!(shade(6, 10), 3);
    }
}
