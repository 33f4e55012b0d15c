//! What the user filters by, which events pass (cached per dataset and filter setting in the state
//! that owns it), and the sets of events each view shows.

pub mod area;
mod area_mask;
pub mod area_names;
mod cache;
pub mod line_band;
mod mask;
pub mod shape_overlap;
mod visible;

pub use area::{AreaCatalog, AreaFilter};
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
    /// Show only events inside one of these areas.
    #[serde(default)]
    pub areas: Vec<AreaFilter>,
}

impl Filters {
    /// Whether nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.hidden.is_empty()
            && self.actor.is_none()
            && self.areas.is_empty()
    }

    /// Whether the text, category or actor filters leave anything out (the areas aside).
    pub fn filters_terms(&self) -> bool {
        !self.text.trim().is_empty() || !self.hidden.is_empty() || self.actor.is_some()
    }

    /// The areas in words, joined ("Nakhchivan + Armenia"), when there are any.
    pub fn areas_label(&self) -> Option<String> {
        (!self.areas.is_empty()).then(|| {
            let names: Vec<String> = self.areas.iter().map(AreaFilter::label).collect();
            names.join(" + ")
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

    /// The text query as matched: trimmed and lowercase.
    pub fn query_lower(&self) -> String {
        self.text.trim().to_lowercase()
    }
}
