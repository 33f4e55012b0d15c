//! The timeline's density histogram, drawn when individual marks would be unreadable: all events
//! faintly, and those passing the filters strongly on top.
//!
//! Counts come from the time index for all events and from the filtered per-day counts
//! ([`crate::filters::DayCounts`]) for the filtered ones: no work proportional to the number of
//! events.

use super::{TimelineInput, x_of};
use crate::model::DayNum;
use crate::palette;
use eframe::egui::{self, Rect};
use egui_plot::PlotTransform;

/// Width of one bar, in points.
const BAR_WIDTH: f32 = 3.0;
/// Most bars drawn.
const MAX_BARS: usize = 2000;
/// Opacity of the bars of all events when a filter is on.
const FAINT: f32 = 0.25;

/// Paints one bar per few pixels between days `lo` and `hi`.
pub(super) fn paint_histogram(
    painter: &egui::Painter,
    transform: &PlotTransform,
    input: &TimelineInput<'_>,
    lo: DayNum,
    hi: DayNum,
) {
    let data = input.data;
    let frame = *transform.frame();
    let buckets = ((frame.width() / BAR_WIDTH) as usize).clamp(1, MAX_BARS);
    let days_per = (f64::from(hi - lo + 1) / buckets as f64).max(1.0);
    let span = |b: usize| {
        let a = lo + (b as f64 * days_per) as DayNum;
        let z = (lo + ((b + 1) as f64 * days_per) as DayNum - 1).max(a);
        (a, z)
    };
    let all: Vec<usize> = (0..buckets)
        .map(|b| {
            let (a, z) = span(b);
            data.count_in_window(a, z)
        })
        .collect();
    let filtered: Option<Vec<usize>> = input.visible.day_counts.as_ref().map(|days| {
        (0..buckets)
            .map(|b| {
                let (a, z) = span(b);
                days.count(a, z)
            })
            .collect()
    });
    let max = all.iter().copied().max().unwrap_or(1).max(1) as f32;
    let bar = |b: usize, n: usize, color: egui::Color32| {
        if n == 0 {
            return;
        }
        let a = f64::from(lo) + b as f64 * days_per;
        let x0 = x_of(transform, a);
        let x1 = x_of(transform, a + days_per).max(x0 + 1.0);
        let h = (n as f32 / max) * (frame.height() - 8.0);
        let rect = Rect::from_x_y_ranges(x0..=x1, (frame.bottom() - h)..=frame.bottom());
        painter.rect_filled(rect, 0.0, color);
    };
    let faint = filtered.is_some() || input.visible.mask.is_some();
    let base = if faint {
        palette::HISTOGRAM.gamma_multiply(FAINT)
    } else {
        palette::HISTOGRAM
    };
    for (b, &n) in all.iter().enumerate() {
        bar(b, n, base);
    }
    for (b, &n) in filtered.iter().flatten().enumerate() {
        bar(b, n, palette::HISTOGRAM);
    }
}
