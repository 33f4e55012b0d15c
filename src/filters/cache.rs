//! The filter mask and per-day counts, remembered by the state that owns them for the last
//! dataset, file search and filter setting, so scrubbing the window costs nothing here. The mask
//! of the text, category and actor filters and the mask of the areas are kept apart, so changing
//! one does not recompute the other; the spatial grid is kept per dataset.

use super::Filters;
use super::area::{AreaCatalog, AreaFilter};
use super::area_mask::area_bits;
use super::mask::{DayCounts, FilterMask};
use crate::model::Dataset;
use crate::model::spatial::SpatialGrid;
use crate::model::text_match::{FilterTerms, filter_bits};
use crate::row_search::RowHits;
use std::sync::Arc;

/// What the cached results were computed from: the dataset, the file search's generation and the
/// filters.
type Key = (u64, u64, Filters);

/// A bit per position, and how many are set.
type Bits = Arc<(Vec<u64>, usize)>;

/// The mask of the events passing the filters and their per-day counts, kept for the last key.
#[derive(Debug, Default)]
pub struct FilterCache {
    key: Option<Key>,
    mask: Option<Arc<FilterMask>>,
    days: Option<Arc<DayCounts>>,
    terms: Option<(Key, Bits)>,
    areas: Option<((u64, Vec<AreaFilter>), Bits)>,
    grid: Option<(u64, Arc<SpatialGrid>)>,
}

impl FilterCache {
    /// The mask and per-day counts for `filters` over `data` (`None` when nothing is filtered),
    /// computed when anything they depend on changed since the last call. Area names are looked up
    /// in `catalog`; an unknown name holds no event.
    pub fn get(
        &mut self,
        data: &Dataset,
        filters: &Filters,
        hits: &RowHits,
        catalog: &AreaCatalog,
    ) -> (Option<Arc<FilterMask>>, Option<Arc<DayCounts>>) {
        if filters.is_empty() {
            return (None, None);
        }
        let key = (data.uid(), hits.generation, filters.clone());
        if self.key.as_ref() != Some(&key) {
            let terms = filters
                .filters_terms()
                .then(|| self.terms_bits(data, filters, hits));
            let areas = (!filters.areas.is_empty()).then(|| self.area_bits(data, filters, catalog));
            let (bits, count) = combine(terms.as_deref(), areas.as_deref());
            let mask = FilterMask::new(bits, count);
            self.days = DayCounts::of(data, &mask).map(Arc::new);
            self.mask = Some(Arc::new(mask));
            self.key = Some(key);
        }
        (self.mask.clone(), self.days.clone())
    }

    /// The events passing the text, category and actor filters.
    fn terms_bits(&mut self, data: &Dataset, filters: &Filters, hits: &RowHits) -> Bits {
        let terms_only = Filters {
            areas: Vec::new(),
            ..filters.clone()
        };
        let key = (data.uid(), hits.generation, terms_only);
        if let Some((k, bits)) = &self.terms
            && *k == key
        {
            return bits.clone();
        }
        let query = filters.query_lower();
        let terms = FilterTerms {
            hidden: &filters.hidden,
            actor: filters.actor.as_deref(),
            query_lower: &query,
            file_hits: hits.for_query(data.uid(), &query),
        };
        let bits = Arc::new(filter_bits(data, terms));
        self.terms = Some((key, bits.clone()));
        bits
    }

    /// The events inside the filter's areas.
    fn area_bits(&mut self, data: &Dataset, filters: &Filters, catalog: &AreaCatalog) -> Bits {
        let key = (data.uid(), filters.areas.clone());
        if let Some((k, bits)) = &self.areas
            && *k == key
        {
            return bits.clone();
        }
        let grid = self.grid(data);
        let geometries: Vec<_> = filters
            .areas
            .iter()
            .filter_map(|a| catalog.geometry_of(a))
            .collect();
        let bits = Arc::new(area_bits(data, &grid, &geometries));
        self.areas = Some((key, bits.clone()));
        bits
    }

    /// The dataset's spatial grid, built on first use.
    pub fn grid(&mut self, data: &Dataset) -> Arc<SpatialGrid> {
        match &self.grid {
            Some((uid, grid)) if *uid == data.uid() => grid.clone(),
            _ => {
                let grid = Arc::new(SpatialGrid::build(data.columns()));
                self.grid = Some((data.uid(), grid.clone()));
                grid
            }
        }
    }
}

/// The events passing both masks (either alone when the other is absent).
fn combine(a: Option<&(Vec<u64>, usize)>, b: Option<&(Vec<u64>, usize)>) -> (Vec<u64>, usize) {
    match (a, b) {
        (Some(a), Some(b)) => {
            let bits: Vec<u64> = a.0.iter().zip(&b.0).map(|(x, y)| x & y).collect();
            let count = bits.iter().map(|w| w.count_ones() as usize).sum();
            (bits, count)
        }
        (Some(one), None) | (None, Some(one)) => one.clone(),
        (None, None) => (Vec::new(), 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::bundle::bundled_basemap;
    use crate::model::{Category, Event, EventDate};

    #[test]
    fn the_mask_is_kept_until_something_it_depends_on_changes() {
        let mut e = Event::at("a", "Talks in Baku", EventDate::undated(), 49.9, 40.4);
        e.category = Category::Diplomacy;
        let data = Dataset::new(vec![e], vec![]);
        let mut cache = FilterCache::default();
        let hits = RowHits::default();
        let catalog = AreaCatalog::default();
        assert_eq!(
            cache.get(&data, &Filters::default(), &hits, &catalog).0,
            None
        );
        let filters = Filters {
            text: "baku".to_owned(),
            ..Filters::default()
        };
        let first = cache.get(&data, &filters, &hits, &catalog).0.unwrap();
        let again = cache.get(&data, &filters, &hits, &catalog).0.unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(first.count(), 1);
        let mut hidden = filters.clone();
        hidden.set_shown(Category::Diplomacy, false);
        assert_eq!(
            cache
                .get(&data, &hidden, &hits, &catalog)
                .0
                .unwrap()
                .count(),
            0
        );
    }

    #[test]
    fn areas_and_text_combine() {
        let at = |id: &str, title: &str, lon: f64, lat: f64| {
            Event::at(id, title, EventDate::undated(), lon, lat)
        };
        let data = Dataset::new(
            vec![
                at("n1", "Drills near Shahbuz", 45.573, 39.407),
                at("n2", "Talks in Nakhchivan", 45.41, 39.21),
                at("y1", "Talks in Yerevan", 44.51, 40.18),
            ],
            vec![],
        );
        let catalog = AreaCatalog::from_basemap(&bundled_basemap());
        let mut cache = FilterCache::default();
        let hits = RowHits::default();
        let mut filters = Filters {
            areas: vec![AreaFilter::Named("Nakhchivan".to_owned())],
            ..Filters::default()
        };
        let ids = |cache: &mut FilterCache, f: &Filters| {
            let mask = cache.get(&data, f, &hits, &catalog).0.unwrap();
            (0..data.len())
                .filter(|&i| mask.contains(i))
                .filter_map(|i| data.id(i))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&mut cache, &filters), ["n1", "n2"]);
        filters.text = "talks".to_owned();
        assert_eq!(ids(&mut cache, &filters), ["n2"]);
        filters.areas.push(AreaFilter::Named("armenia".to_owned()));
        assert_eq!(ids(&mut cache, &filters), ["n2", "y1"]);
        filters.areas = vec![AreaFilter::Named("Atlantis".to_owned())];
        assert!(
            ids(&mut cache, &filters).is_empty(),
            "an unknown area holds nothing"
        );
    }
}
