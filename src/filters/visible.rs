//! The events each view shows this frame: in the window, faded outside it, and undated.

use super::mask::{DayCounts, FilterMask};
use crate::model::{Dataset, Window};
use crate::time_control::TimeControl;
use std::sync::Arc;

/// The events each view shows this frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Visible {
    /// Dated events in the time range passing the filters, in time order: unfiltered, the run of
    /// those starting inside the range is kept as a run, not written out every frame.
    pub in_window: Window,
    /// Dated events outside the range passing the filters (only when shown faded).
    pub faded: Vec<usize>,
    /// Undated events passing the filters.
    pub undated: Vec<usize>,
    /// Events passing the filters, any time.
    pub matching: usize,
    /// Which events pass the filters; `None` when nothing is filtered.
    pub mask: Option<Arc<FilterMask>>,
    /// How many events passing the filters start on each day; `None` when nothing is filtered
    /// (the dataset's own index counts then) or the data spans too many days.
    pub day_counts: Option<Arc<DayCounts>>,
}

impl Visible {
    /// Computes the visible sets for the time control's range, given which events pass the
    /// filters (`None`: all of them).
    ///
    /// Work is proportional to the events in the window (and the undated ones), not to the whole
    /// dataset. Only `faded` (when shown) lists every other dated event.
    pub fn compute(
        data: &Dataset,
        time: &TimeControl,
        mask: Option<Arc<FilterMask>>,
        day_counts: Option<Arc<DayCounts>>,
    ) -> Visible {
        let passes = |i: usize| mask.as_ref().is_none_or(|m| m.contains(i));
        let (a, b) = time.query_range();
        let mut in_window = data.window(a, b);
        if mask.is_some() {
            in_window = in_window.filtered(passes);
        }
        let undated: Vec<usize> = data.undated().filter(|&i| passes(i)).collect();
        let matching = mask.as_ref().map_or(data.len(), |m| m.count());
        let mut faded = Vec::new();
        if time.show_faded {
            // the dated events not in the window: a merge walk over the sorted window
            let mut next = in_window.iter().peekable();
            for i in 0..data.dated_len() {
                if next.peek().is_some_and(|&w| w == i) {
                    next.next();
                } else if passes(i) {
                    faded.push(i);
                }
            }
        }
        Visible {
            in_window,
            faded,
            undated,
            matching,
            mask,
            day_counts,
        }
    }

    /// Whether the event at position `i` passes the filters.
    pub fn passes(&self, i: usize) -> bool {
        self.mask.as_ref().is_none_or(|m| m.contains(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::{FilterCache, Filters};
    use crate::model::date::day_of;
    use crate::model::{Category, Event, EventDate, Precision};
    use crate::row_search::RowHits;
    use chrono::NaiveDate;

    fn data() -> Dataset {
        let ev = |id: &str, m: u32, c: Category, actor: &str| {
            let day = NaiveDate::from_ymd_opt(2021, m, 1).unwrap();
            let mut e = Event::at(id, id, EventDate::new(day, day, Precision::Day), 46.0, 39.0);
            e.category = c;
            e.actors.push(actor.to_owned());
            e
        };
        let mut u = ev("u", 1, Category::Statement, "Iran");
        u.date = EventDate::undated();
        Dataset::new(
            vec![
                ev("a", 1, Category::Military, "Azerbaijan"),
                ev("b", 2, Category::Diplomacy, "Iran"),
                ev("c", 6, Category::Military, "Armenia"),
                u,
            ],
            vec![],
        )
    }

    fn compute(data: &Dataset, time: &TimeControl, filters: &Filters) -> Visible {
        let catalog = crate::filters::AreaCatalog::default();
        let (mask, days) = FilterCache::default().get(data, filters, &RowHits::default(), &catalog);
        Visible::compute(data, time, mask, days)
    }

    #[test]
    fn window_and_filters_combine() {
        let data = data();
        let mut time = TimeControl::for_dataset(&data);
        let mut filters = Filters::default();
        let v = compute(&data, &time, &filters);
        assert_eq!(v.in_window.to_vec(), vec![0, 1, 2]);
        assert_eq!(v.undated, vec![3]);
        assert_eq!(v.matching, 4);
        let d = |m| day_of(NaiveDate::from_ymd_opt(2021, m, 1).unwrap());
        time.set_window(d(1), d(2));
        assert_eq!(
            compute(&data, &time, &filters).in_window.to_vec(),
            vec![0, 1]
        );
        filters.set_shown(Category::Military, false);
        let v = compute(&data, &time, &filters);
        assert_eq!(v.in_window.to_vec(), vec![1]);
        assert_eq!(v.matching, 2);
        assert!(v.passes(1) && !v.passes(0));
        time.show_faded = true;
        filters.set_shown(Category::Military, true);
        assert_eq!(compute(&data, &time, &filters).faded, vec![2]);
        filters.actor = Some("Iran".to_owned());
        let v = compute(&data, &time, &filters);
        assert_eq!(
            (v.in_window.to_vec(), v.undated.clone()),
            (vec![1], vec![3])
        );
        filters.actor = None;
        filters.text = "C".to_owned();
        assert_eq!(compute(&data, &time, &filters).faded, vec![2]);
    }
}
