//! The timeline's density histogram, drawn when individual marks would be unreadable.
//!
//! Without filters the counts come from the time index (no work proportional to the number of
//! events). With filters, the events passing them are counted per start day once per dataset and
//! filter setting, and each bucket is then a difference of two prefix sums.

use super::{TimelineInput, x_of};
use crate::filters::Filters;
use crate::model::{Dataset, DayNum};
use eframe::egui::{self, Color32, Rect};
use egui_plot::PlotTransform;
use std::sync::{Arc, Mutex};

/// Filtered per-day counts are kept when the data spans at most this many days.
const MAX_DAYS: i64 = 200_000;

/// Per start day, how many events passing the filters start before it.
#[derive(Debug)]
struct DayPrefix {
    origin: DayNum,
    prefix: Vec<u32>,
}

impl DayPrefix {
    fn of(data: &Dataset, filters: &Filters) -> Option<DayPrefix> {
        let (first, last) = data.time_extent()?;
        let days = i64::from(last) - i64::from(first) + 1;
        if !(1..=MAX_DAYS).contains(&days) {
            return None;
        }
        let mask = filters.mask(data);
        let mut per_day = vec![0u32; days as usize];
        for (i, &s) in data.starts().iter().enumerate() {
            if mask.as_ref().is_some_and(|m| !m.contains(i)) {
                continue;
            }
            let d = (i64::from(s) - i64::from(first)).clamp(0, days - 1) as usize;
            per_day[d] += 1;
        }
        let mut prefix = Vec::with_capacity(per_day.len() + 1);
        prefix.push(0u32);
        let mut total = 0u32;
        for n in per_day {
            total += n;
            prefix.push(total);
        }
        Some(DayPrefix {
            origin: first,
            prefix,
        })
    }

    /// How many passing events start in the inclusive days [a, b].
    fn count(&self, a: DayNum, b: DayNum) -> usize {
        let last = self.prefix.len() as i64 - 1;
        let at = |day: DayNum| {
            let d = (i64::from(day) - i64::from(self.origin)).clamp(0, last);
            self.prefix[d as usize] as usize
        };
        at(b.saturating_add(1)).saturating_sub(at(a))
    }
}

/// The per-day counts for the dataset and filters, remembered for the last ones asked for.
fn filtered_days(data: &Dataset, filters: &Filters) -> Option<Arc<DayPrefix>> {
    type Key = (u64, u64, Filters);
    type Memo = Option<(Key, Option<Arc<DayPrefix>>)>;
    static MEMO: Mutex<Memo> = Mutex::new(None);
    let key = (data.uid(), data.row_search_generation(), filters.clone());
    if let Ok(memo) = MEMO.lock()
        && let Some((k, found)) = memo.as_ref()
        && *k == key
    {
        return found.clone();
    }
    let found = DayPrefix::of(data, filters).map(Arc::new);
    if let Ok(mut memo) = MEMO.lock() {
        *memo = Some((key, found.clone()));
    }
    found
}

/// Paints one bar per few pixels between days `lo` and `hi`.
pub(super) fn paint_histogram(
    painter: &egui::Painter,
    transform: &PlotTransform,
    input: &TimelineInput<'_>,
    lo: DayNum,
    hi: DayNum,
) {
    let data = input.data;
    let filtered = (!input.filters.is_empty())
        .then(|| filtered_days(data, input.filters))
        .flatten();
    let frame = *transform.frame();
    let buckets = ((frame.width() / 3.0) as usize).clamp(1, 2000);
    let days_per = (f64::from(hi - lo + 1) / buckets as f64).max(1.0);
    let counts: Vec<usize> = (0..buckets)
        .map(|b| {
            let a = lo + (b as f64 * days_per) as DayNum;
            let z = (lo + ((b + 1) as f64 * days_per) as DayNum - 1).max(a);
            match &filtered {
                Some(days) => days.count(a, z),
                None => data.count_in_window(a, z),
            }
        })
        .collect();
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f32;
    for (b, &n) in counts.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let a = f64::from(lo) + b as f64 * days_per;
        let x0 = x_of(transform, a);
        let x1 = x_of(transform, a + days_per).max(x0 + 1.0);
        let h = (n as f32 / max) * (frame.height() - 8.0);
        let rect = Rect::from_x_y_ranges(x0..=x1, (frame.bottom() - h)..=frame.bottom());
        painter.rect_filled(rect, 0.0, Color32::from_rgb(70, 110, 160));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::day_of;
    use crate::model::{Category, Event, EventDate, Precision};
    use chrono::NaiveDate;

    #[test]
    fn filtered_counts_follow_the_filters() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2022, 8, d).unwrap();
        let ev = |id: &str, d: u32, c: Category| {
            let mut e = Event::at(
                id,
                id,
                EventDate::new(day(d), day(d), Precision::Day),
                46.0,
                39.0,
            );
            e.category = c;
            e
        };
        let data = Dataset::new(
            vec![
                ev("a", 1, Category::Military),
                ev("b", 1, Category::Diplomacy),
                ev("c", 3, Category::Military),
                ev("d", 9, Category::Military),
            ],
            vec![],
        );
        let mut filters = Filters::default();
        filters.set_shown(Category::Diplomacy, false);
        let days = DayPrefix::of(&data, &filters).unwrap();
        let (d1, d3, d9) = (day_of(day(1)), day_of(day(3)), day_of(day(9)));
        assert_eq!(days.count(d1, d1), 1);
        assert_eq!(days.count(d1, d3), 2);
        assert_eq!(days.count(d1, d9), 3);
        assert_eq!(days.count(d3 + 1, d9 - 1), 0);
        assert_eq!(days.count(d1 - 100, d9 + 100), 3);
        filters.text = "d".to_owned();
        assert_eq!(DayPrefix::of(&data, &filters).unwrap().count(d1, d9), 1);
    }
}
