//! Text, category and actor filters, and the set of events the views show.

use crate::model::text_match::filter_bits;
use crate::model::{Category, Dataset};
use crate::time_control::TimeControl;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};

/// What the user filters by.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Filters {
    /// Free text matched against title, summary, place, actors and quote.
    pub text: String,
    /// Categories hidden from both views.
    pub hidden: Vec<Category>,
    /// Show only events with this actor.
    pub actor: Option<String>,
}

impl Filters {
    /// Which events pass the filters, or `None` when nothing is filtered. Computed in one pass
    /// over the dataset and remembered for the last dataset, search generation and filters, so
    /// scrubbing the window costs nothing here.
    pub fn mask(&self, data: &Dataset) -> Option<Arc<FilterMask>> {
        if self.is_empty() {
            return None;
        }
        type Key = (u64, u64, Filters);
        static MEMO: Mutex<Option<(Key, Arc<FilterMask>)>> = Mutex::new(None);
        let key = (data.uid(), data.row_search_generation(), self.clone());
        if let Ok(memo) = MEMO.lock()
            && let Some((k, mask)) = memo.as_ref()
            && *k == key
        {
            return Some(mask.clone());
        }
        let (bits, count) = filter_bits(
            data,
            &self.hidden,
            self.actor.as_deref(),
            &self.text.trim().to_lowercase(),
        );
        let mask = Arc::new(FilterMask { bits, count });
        if let Ok(mut memo) = MEMO.lock() {
            *memo = Some((key, mask.clone()));
        }
        Some(mask)
    }

    /// Whether a category is shown.
    pub fn shows(&self, category: Category) -> bool {
        !self.hidden.contains(&category)
    }

    /// Shows or hides a category.
    pub fn set_shown(&mut self, category: Category, shown: bool) {
        self.hidden.retain(|&c| c != category);
        if !shown {
            self.hidden.push(category);
        }
    }
}

/// Which events pass the filters: one bit per position.
#[derive(Debug, PartialEq)]
pub struct FilterMask {
    bits: Vec<u64>,
    count: usize,
}

impl FilterMask {
    /// Whether the event at position `i` passes.
    pub fn contains(&self, i: usize) -> bool {
        self.bits
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// How many events pass.
    pub fn count(&self) -> usize {
        self.count
    }
}

/// The events each view shows this frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Visible {
    /// Dated events in the time range passing the filters, in time order.
    pub in_window: Vec<usize>,
    /// Dated events outside the range passing the filters (only when shown faded).
    pub faded: Vec<usize>,
    /// Undated events passing the filters.
    pub undated: Vec<usize>,
    /// Events passing the filters, any time.
    pub matching: usize,
}

impl Visible {
    /// Computes the visible sets.
    ///
    /// Work is proportional to the events in the window (and the undated ones), not to the whole
    /// dataset: without filters every event matches; with filters the [`FilterMask`] is computed
    /// once per dataset and filter setting and remembered. Only `faded` (when shown) lists every
    /// other dated event.
    pub fn compute(data: &Dataset, time: &TimeControl, filters: &Filters) -> Visible {
        let mask = filters.mask(data);
        let unfiltered = mask.is_none();
        let passes = |i: usize| mask.as_ref().is_none_or(|m| m.contains(i));
        let (a, b) = time.query_range();
        let mut in_window = data.in_window(a, b);
        if !unfiltered {
            in_window.retain(|&i| passes(i));
        }
        let undated: Vec<usize> = data.undated().filter(|&i| passes(i)).collect();
        let matching = mask.as_ref().map_or(data.len(), |m| m.count());
        let mut faded = Vec::new();
        if time.show_faded {
            // the dated events not in the window: a merge walk over the sorted window
            let mut next = in_window.iter().peekable();
            for i in 0..data.dated_len() {
                if next.peek().is_some_and(|&&w| w == i) {
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
        }
    }
}

impl Filters {
    /// Whether nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.hidden.is_empty() && self.actor.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Event;
    use crate::model::date::day_of;
    use crate::model::{EventDate, Precision};
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

    #[test]
    fn window_and_filters_combine() {
        let data = data();
        let mut time = TimeControl::for_dataset(&data);
        let mut filters = Filters::default();
        let v = Visible::compute(&data, &time, &filters);
        assert_eq!(v.in_window, vec![0, 1, 2]);
        assert_eq!(v.undated, vec![3]);
        assert_eq!(v.matching, 4);
        let d = |m| day_of(NaiveDate::from_ymd_opt(2021, m, 1).unwrap());
        time.set_window(d(1), d(2));
        assert_eq!(
            Visible::compute(&data, &time, &filters).in_window,
            vec![0, 1]
        );
        filters.set_shown(Category::Military, false);
        let v = Visible::compute(&data, &time, &filters);
        assert_eq!(v.in_window, vec![1]);
        assert_eq!(v.matching, 2);
        time.show_faded = true;
        filters.set_shown(Category::Military, true);
        assert_eq!(Visible::compute(&data, &time, &filters).faded, vec![2]);
        filters.actor = Some("Iran".to_owned());
        let v = Visible::compute(&data, &time, &filters);
        assert_eq!((v.in_window.clone(), v.undated.clone()), (vec![1], vec![3]));
        filters.actor = None;
        filters.text = "C".to_owned();
        assert_eq!(Visible::compute(&data, &time, &filters).faded, vec![2]);
    }
}
