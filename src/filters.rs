//! Text, category and actor filters, and the set of events the views show.

use crate::model::{Category, Dataset};
use crate::time_control::TimeControl;
use serde::{Deserialize, Serialize};

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
    /// Whether the event at position `i` passes the filters (time aside). The text is matched in
    /// the title, place, id, type label and actors, and for whole events also in the summary and
    /// the source quote.
    pub fn passes(&self, data: &Dataset, i: usize, text_lower: &str) -> bool {
        data.view(i).is_some_and(|v| {
            !self.hidden.contains(&v.category)
                && self
                    .actor
                    .as_ref()
                    .is_none_or(|a| v.actors.iter().any(|x| x == a))
                && data.matches_text(i, text_lower)
        })
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
    /// dataset: without filters every event matches; with filters the count of matching events
    /// is computed once per dataset and filter setting and remembered. Only `faded` (when shown)
    /// lists every other dated event.
    pub fn compute(data: &Dataset, time: &TimeControl, filters: &Filters) -> Visible {
        let text = filters.text.trim().to_lowercase();
        let unfiltered = filters.is_empty();
        let passes = |i: usize| unfiltered || filters.passes(data, i, &text);
        let (a, b) = time.query_range();
        let mut in_window = data.in_window(a, b);
        if !unfiltered {
            in_window.retain(|&i| passes(i));
        }
        let undated: Vec<usize> = data.undated().filter(|&i| passes(i)).collect();
        let matching = if unfiltered {
            data.len()
        } else {
            matching_count(data, filters, &text)
        };
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

/// How many events pass the filters at any time; remembered for the last dataset and filters,
/// since scrubbing the window changes neither.
fn matching_count(data: &Dataset, filters: &Filters, text: &str) -> usize {
    // keyed on the dataset, the generation of its row search (which adds matches), and the filters
    type Memo = Option<((u64, u64), Filters, usize)>;
    static MEMO: std::sync::Mutex<Memo> = std::sync::Mutex::new(None);
    let memo = MEMO.lock().ok().and_then(|m| {
        m.as_ref()
            .filter(|(key, f, _)| *key == (data.uid(), data.row_search().1) && f == filters)
            .map(|m| m.2)
    });
    if let Some(n) = memo {
        return n;
    }
    let n = (0..data.len())
        .filter(|&i| filters.passes(data, i, text))
        .count();
    if let Ok(mut m) = MEMO.lock() {
        *m = Some(((data.uid(), data.row_search().1), filters.clone(), n));
    }
    n
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
