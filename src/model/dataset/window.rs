//! A time window's events as positions: the few that start earlier, then one run.

use std::ops::Range;

/// The positions of the events overlapping a time window, in time order: the few that start
/// before it and reach into it, then the run of those that start inside it. A filtered window is
/// all list and no run ([`Window::listed`]).
///
/// ```
/// use caucasus_atlas::model::Window;
/// let w = Window { earlier: vec![2, 5], run: 8..11 };
/// assert_eq!(w.iter().collect::<Vec<_>>(), vec![2, 5, 8, 9, 10]);
/// assert_eq!((w.get(1), w.get(3), w.get(5)), (Some(5), Some(9), None));
/// assert_eq!((w.rank(9), w.rank(6)), (Some(3), None));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Window {
    /// Events listed one by one, ascending and all before `run`: those starting before the window
    /// and ending inside or after it (or, for a filtered window, every event).
    pub earlier: Vec<usize>,
    /// Events starting inside the window.
    pub run: Range<usize>,
}

impl Window {
    /// A window given as an ascending list of positions, with no run.
    pub fn listed(positions: Vec<usize>) -> Window {
        Window {
            earlier: positions,
            run: 0..0,
        }
    }

    /// Number of events.
    pub fn len(&self) -> usize {
        self.earlier.len() + self.run.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The positions, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.earlier.iter().copied().chain(self.run.clone())
    }

    /// The `k`-th position in time order.
    pub fn get(&self, k: usize) -> Option<usize> {
        match k.checked_sub(self.earlier.len()) {
            None => self.earlier.get(k).copied(),
            Some(r) => (r < self.run.len()).then(|| self.run.start + r),
        }
    }

    /// The positions from the `range.start`-th to before the `range.end`-th, in time order.
    pub fn slice(&self, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let take = range.end.min(self.len()).saturating_sub(range.start);
        self.iter().skip(range.start).take(take)
    }

    /// Where a position stands in time order, if it is in the window.
    pub fn rank(&self, index: usize) -> Option<usize> {
        if self.run.contains(&index) {
            return Some(self.earlier.len() + index - self.run.start);
        }
        self.earlier.binary_search(&index).ok()
    }

    /// Whether the event at a position is in the window.
    pub fn contains(&self, index: usize) -> bool {
        self.rank(index).is_some()
    }

    /// The positions as a list (a copy: the run is written out).
    pub fn to_vec(&self) -> Vec<usize> {
        self.iter().collect()
    }

    /// The window's events that pass `keep`, as a list.
    pub fn filtered(&self, keep: impl Fn(usize) -> bool) -> Window {
        Window::listed(self.iter().filter(|&i| keep(i)).collect())
    }
}
