//! What the user filters by, which events pass (cached per dataset and filter setting in the state
//! that owns it), and the sets of events each view shows.

mod cache;
mod mask;
mod visible;

pub use cache::FilterCache;
pub use mask::{DayCounts, FilterMask};
pub use visible::Visible;

use crate::model::Category;
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
    /// Whether nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.hidden.is_empty() && self.actor.is_none()
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

    /// The text query as matched: trimmed and lowercase.
    pub fn query_lower(&self) -> String {
        self.text.trim().to_lowercase()
    }
}
