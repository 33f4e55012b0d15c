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
    /// Every category, in legend order.
    pub const ALL: [Category; 8] = [
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
