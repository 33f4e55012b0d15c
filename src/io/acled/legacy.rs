//! ACLED's layouts before 2019: the same columns in the main, plus `data_id` and a numeric `iso`,
//! numeric `inter1`/`inter2`, no `disorder_type`, and event types of their own ("Battle-No change of
//! territory", "Riots/Protests", "Remote violence", "Strategic development", …). The loader reads
//! the columns by name, so the layout needs nothing of its own; only the old event types are mapped
//! here to the categories of their current equivalents.

use crate::model::Category;

/// The category of an event type, old or current.
pub(super) fn category(event_type: &str, sub_event_type: &str) -> Category {
    let old = event_type.trim().to_ascii_lowercase();
    match old.as_str() {
        "battle-no change of territory"
        | "battle-government regains territory"
        | "battle-non-state actor overtakes territory"
        | "remote violence" => Category::Military,
        "riots/protests" => Category::Protest,
        // now sub-event types of "Strategic developments"
        "headquarters or base established"
        | "non-violent transfer of territory"
        | "strategic development" => Category::from_acled("Strategic developments", event_type),
        _ => Category::from_acled(event_type, sub_event_type),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_types_map_like_their_current_equivalents() {
        assert_eq!(
            category("Battle-No change of territory", ""),
            Category::Military
        );
        assert_eq!(category("Remote violence", ""), Category::Military);
        assert_eq!(category("Riots/Protests", ""), Category::Protest);
        assert_eq!(
            category("Headquarters or base established", ""),
            Category::from_acled("Strategic developments", "Headquarters or base established")
        );
        assert_eq!(category("Strategic development", ""), Category::Statement);
        assert_eq!(
            category("Violence against civilians", ""),
            Category::Incident
        );
        assert_eq!(category("Battles", "Armed clash"), Category::Military);
    }
}
