//! The small fixed vocabulary of event categories.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of thing happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Visits, meetings, calls, consulates, summons.
    Diplomacy,
    /// Declarations, interviews, briefings, accusations.
    Statement,
    /// Ceasefires, treaties, deals.
    Agreement,
    /// Wars, fighting, drills, strikes.
    Military,
    /// Detentions, leaflets, other incidents.
    Incident,
    /// Sanctions and their threat.
    Sanctions,
    /// Protests and riots.
    Protest,
    /// Anything else.
    Other,
}

impl Category {
    /// How many categories there are.
    pub const COUNT: usize = 8;

    /// Every category, in legend order.
    pub const ALL: [Category; Category::COUNT] = [
        Category::Diplomacy,
        Category::Statement,
        Category::Agreement,
        Category::Military,
        Category::Incident,
        Category::Sanctions,
        Category::Protest,
        Category::Other,
    ];

    /// The lowercase name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Diplomacy => "diplomacy",
            Category::Statement => "statement",
            Category::Agreement => "agreement",
            Category::Military => "military",
            Category::Incident => "incident",
            Category::Sanctions => "sanctions",
            Category::Protest => "protest",
            Category::Other => "other",
        }
    }

    /// The capitalised name shown on screen.
    pub fn label(self) -> &'static str {
        match self {
            Category::Diplomacy => "Diplomacy",
            Category::Statement => "Statement",
            Category::Agreement => "Agreement",
            Category::Military => "Military",
            Category::Incident => "Incident",
            Category::Sanctions => "Sanctions",
            Category::Protest => "Protest",
            Category::Other => "Other",
        }
    }

    /// Parses the lowercase name.
    pub fn parse(text: &str) -> Option<Category> {
        let lower = text.trim().to_ascii_lowercase();
        Category::ALL.into_iter().find(|c| c.as_str() == lower)
    }

    /// The position of this category in [`Category::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The category at a position of [`Category::ALL`].
    pub fn from_index(index: usize) -> Option<Category> {
        Category::ALL.get(index).copied()
    }

    /// Maps an ACLED `event_type` (and `sub_event_type`) to a category.
    pub fn from_acled(event_type: &str, sub_event_type: &str) -> Category {
        let t = event_type.trim().to_ascii_lowercase();
        let s = sub_event_type.trim().to_ascii_lowercase();
        match t.as_str() {
            "battles" | "explosions/remote violence" => Category::Military,
            "violence against civilians" => Category::Incident,
            "protests" | "riots" => Category::Protest,
            "strategic developments" => match s.as_str() {
                "agreement" => Category::Agreement,
                "arrests" | "looting/property destruction" => Category::Incident,
                "headquarters or base established" | "disrupted weapons use" => Category::Military,
                _ => Category::Statement,
            },
            other => Category::parse(other).unwrap_or(Category::Other),
        }
    }
}

/// How many events fall in each category.
///
/// ```
/// use caucasus_atlas::model::{Category, CategoryCounts};
/// let mut counts = CategoryCounts::default();
/// counts.add(Category::Military, 3);
/// counts.add(Category::Diplomacy, 1);
/// assert_eq!(counts.total(), 4);
/// assert_eq!(counts.shares(), vec![(Category::Military, 3), (Category::Diplomacy, 1)]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CategoryCounts([u32; Category::COUNT]);

impl CategoryCounts {
    /// Adds `n` events of a category.
    pub fn add(&mut self, category: Category, n: u32) {
        self.0[category.index()] += n;
    }

    /// Adds one event by category index (as the dataset's compact columns hold it); an index
    /// outside [`Category::ALL`] counts as [`Category::Other`].
    pub fn add_index(&mut self, index: u8) {
        let category = Category::from_index(usize::from(index)).unwrap_or(Category::Other);
        self.add(category, 1);
    }

    /// Adds another count to this one.
    pub fn merge(&mut self, other: &CategoryCounts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }

    /// This count less an earlier part of it (each category at least zero).
    pub fn minus(&self, earlier: &CategoryCounts) -> CategoryCounts {
        let mut out = *self;
        for (a, b) in out.0.iter_mut().zip(earlier.0) {
            *a = a.saturating_sub(b);
        }
        out
    }

    /// The count of one category.
    pub fn get(&self, category: Category) -> u32 {
        self.0[category.index()]
    }

    /// Events in all categories.
    pub fn total(&self) -> u64 {
        self.0.iter().map(|&n| u64::from(n)).sum()
    }

    /// The categories present with their counts, largest first (ties in legend order).
    pub fn shares(&self) -> Vec<(Category, u32)> {
        let mut out: Vec<(Category, u32)> = Category::ALL
            .into_iter()
            .map(|c| (c, self.get(c)))
            .filter(|s| s.1 > 0)
            .collect();
        out.sort_by_key(|s| std::cmp::Reverse(s.1));
        out
    }

    /// The most frequent category, if any.
    pub fn dominant(&self) -> Option<Category> {
        self.shares().first().map(|s| s.0)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::parse(c.as_str()), Some(c));
            assert_eq!(Category::ALL[c.index()], c);
        }
        assert_eq!(Category::parse("Military"), Some(Category::Military));
        assert_eq!(Category::parse("war"), None);
    }

    #[test]
    fn counts_merge_subtract_and_fold_unknown_indices_into_other() {
        let mut a = CategoryCounts::default();
        a.add_index(Category::Protest.index() as u8);
        a.add_index(200);
        assert_eq!(a.get(Category::Protest), 1);
        assert_eq!(a.get(Category::Other), 1);
        assert_eq!(a.get(Category::Diplomacy), 0);
        let mut b = a;
        b.merge(&a);
        assert_eq!(b.total(), 4);
        assert_eq!(b.minus(&a), a);
        assert_eq!(a.minus(&b).total(), 0);
        assert_eq!(CategoryCounts::default().dominant(), None);
    }

    #[test]
    fn acled_types_map() {
        assert_eq!(
            Category::from_acled("Battles", "Armed clash"),
            Category::Military
        );
        assert_eq!(
            Category::from_acled("Protests", "Peaceful protest"),
            Category::Protest
        );
        assert_eq!(
            Category::from_acled("Strategic developments", "Agreement"),
            Category::Agreement
        );
        assert_eq!(
            Category::from_acled("Violence against civilians", "Attack"),
            Category::Incident
        );
        assert_eq!(Category::from_acled("Unheard of", ""), Category::Other);
    }
}
