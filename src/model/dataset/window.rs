//! A time window's events as positions: the few that start earlier, then one run.

/// The positions of the events overlapping a time window, in time order: the few that start
/// before it and reach into it, then the run of those that start inside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Window {
    /// Events starting before the window and ending inside or after it, ascending.
    pub earlier: Vec<usize>,
    /// Events starting inside the window.
    pub run: std::ops::Range<usize>,
}

impl Window {
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

    /// Whether the event at a position is in the window.
    pub fn contains(&self, index: usize) -> bool {
        self.run.contains(&index) || self.earlier.binary_search(&index).is_ok()
    }
}
