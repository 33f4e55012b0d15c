//! The filter mask and per-day counts, remembered by the state that owns them for the last
//! dataset, file search and filter setting, so scrubbing the window costs nothing here.

use super::Filters;
use super::mask::{DayCounts, FilterMask};
use crate::model::Dataset;
use crate::model::text_match::{FilterTerms, filter_bits};
use crate::row_search::RowHits;
use std::sync::Arc;

/// What the cached results were computed from: the dataset, the file search's generation and the
/// filters.
type Key = (u64, u64, Filters);

/// The mask of the events passing the filters and their per-day counts, kept for the last key.
#[derive(Debug, Default)]
pub struct FilterCache {
    key: Option<Key>,
    mask: Option<Arc<FilterMask>>,
    days: Option<Arc<DayCounts>>,
}

impl FilterCache {
    /// The mask and per-day counts for `filters` over `data` (`None` when nothing is filtered),
    /// computed in one pass over the dataset when any of them changed since the last call.
    pub fn get(
        &mut self,
        data: &Dataset,
        filters: &Filters,
        hits: &RowHits,
    ) -> (Option<Arc<FilterMask>>, Option<Arc<DayCounts>>) {
        if filters.is_empty() {
            return (None, None);
        }
        let key = (data.uid(), hits.generation, filters.clone());
        if self.key.as_ref() != Some(&key) {
            let query = filters.query_lower();
            let terms = FilterTerms {
                hidden: &filters.hidden,
                actor: filters.actor.as_deref(),
                query_lower: &query,
                file_hits: hits.for_query(data.uid(), &query),
            };
            let (bits, count) = filter_bits(data, terms);
            let mask = FilterMask::new(bits, count);
            self.days = DayCounts::of(data, &mask).map(Arc::new);
            self.mask = Some(Arc::new(mask));
            self.key = Some(key);
        }
        (self.mask.clone(), self.days.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Event, EventDate};

    #[test]
    fn the_mask_is_kept_until_something_it_depends_on_changes() {
        let mut e = Event::at("a", "Talks in Baku", EventDate::undated(), 49.9, 40.4);
        e.category = Category::Diplomacy;
        let data = Dataset::new(vec![e], vec![]);
        let mut cache = FilterCache::default();
        let hits = RowHits::default();
        assert_eq!(cache.get(&data, &Filters::default(), &hits).0, None);
        let filters = Filters {
            text: "baku".to_owned(),
            ..Filters::default()
        };
        let first = cache.get(&data, &filters, &hits).0.unwrap();
        let again = cache.get(&data, &filters, &hits).0.unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(first.count(), 1);
        let mut hidden = filters.clone();
        hidden.set_shown(Category::Diplomacy, false);
        assert_eq!(cache.get(&data, &hidden, &hits).0.unwrap().count(), 0);
    }
}
