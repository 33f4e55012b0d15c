//! Matching a text query against many events quickly.
//!
//! Compact rows share their titles, type labels, places and actor lists, so a query is tested once
//! against each shared string and then each row is a few table lookups. Whole events are tested
//! field by field. Rows whose notes (in their file) hold the query come from the last search of
//! the files, if it was for the same query.

use super::category::Category;
use super::dataset::Dataset;
use super::rows::RowStore;
use super::view::contains_lower;

/// Per store: which of its shared strings, places and actor lists hold the query.
#[derive(Debug, Default)]
pub(super) struct StoreMatch {
    strings: Vec<bool>,
    places: Vec<bool>,
    actors: Vec<bool>,
}

impl StoreMatch {
    pub(super) fn new(store: &RowStore, query_lower: &str) -> StoreMatch {
        let (strings, places, actors) = store.tables();
        StoreMatch {
            strings: strings
                .iter()
                .map(|s| contains_lower(s, query_lower))
                .collect(),
            places: places
                .iter()
                .map(|p| contains_lower(&p.name, query_lower))
                .collect(),
            actors: actors
                .iter()
                .map(|list| list.iter().any(|a| contains_lower(a, query_lower)))
                .collect(),
        }
    }

    /// Whether row `j` of `store` holds the query in a field kept in memory.
    pub(super) fn matches(&self, store: &RowStore, j: usize, query_lower: &str) -> bool {
        let r = store.rows();
        let hit = |table: &[bool], k: u32| table.get(k as usize).copied().unwrap_or(false);
        hit(&self.strings, r.title[j])
            || hit(&self.strings, r.label[j])
            || hit(&self.places, r.place[j])
            || hit(&self.actors, r.actors[j])
            || contains_lower(store.id(j), query_lower)
    }
}

/// A text query prepared against one dataset; see [`Dataset::text_matcher`].
#[derive(Debug)]
pub struct TextMatcher<'a> {
    pub(super) data: &'a Dataset,
    pub(super) query: String,
    pub(super) stores: Vec<StoreMatch>,
    /// A search of the rows' files for this query: one bit per position.
    pub(super) file_hits: Option<&'a [u64]>,
}

impl TextMatcher<'_> {
    /// Whether the event at position `index` holds the query (always true for an empty query).
    pub fn matches(&self, index: usize) -> bool {
        self.query.is_empty() || self.data.matches_prepared(index, self)
    }

    /// The query, lowercase.
    pub fn query(&self) -> &str {
        &self.query
    }

    pub(super) fn file_hit(&self, index: usize) -> bool {
        self.file_hits
            .and_then(|bits| bits.get(index / 64))
            .is_some_and(|w| w & (1 << (index % 64)) != 0)
    }
}

/// What events must have to pass a filter.
#[derive(Clone, Copy, Debug, Default)]
pub struct FilterTerms<'a> {
    /// Categories left out.
    pub hidden: &'a [Category],
    /// An actor the event must have.
    pub actor: Option<&'a str>,
    /// Text the event must hold (lowercase; empty for any).
    pub query_lower: &'a str,
    /// A search of the rows' files for the query, one bit per position, if there was one.
    pub file_hits: Option<&'a [u64]>,
}

/// Which events pass a filter, one bit per position, with how many pass. Compact rows are
/// visited in their own (file) order, so the pass reads their columns front to back instead of
/// jumping around in them.
pub fn filter_bits(data: &Dataset, terms: FilterTerms<'_>) -> (Vec<u64>, usize) {
    let FilterTerms {
        hidden,
        actor,
        query_lower,
        file_hits,
    } = terms;
    let text = data.text_matcher(query_lower, file_hits);
    let mut bits = vec![0u64; data.len().div_ceil(64)];
    let mut count = 0;
    let mut set = |i: usize| {
        bits[i / 64] |= 1 << (i % 64);
        count += 1;
    };
    let (rich, per_store) = data.positions_by_source();
    for i in rich {
        let i = i as usize;
        let passes = data.view(i).is_some_and(|v| {
            !hidden.contains(&v.category)
                && actor.is_none_or(|a| v.actors.iter().any(|x| x == a))
                && text.matches(i)
        });
        if passes {
            set(i);
        }
    }
    for ((store, positions), sm) in data.row_stores().iter().zip(&per_store).zip(&text.stores) {
        let r = store.rows();
        let (_, _, lists) = store.tables();
        let with_actor: Option<Vec<bool>> =
            actor.map(|a| lists.iter().map(|l| l.iter().any(|x| x == a)).collect());
        for (j, &i) in positions.iter().enumerate() {
            let i = i as usize;
            let passes = !hidden.contains(&r.category[j])
                && with_actor
                    .as_ref()
                    .is_none_or(|w| w.get(r.actors[j] as usize).copied().unwrap_or(false))
                && (text.query.is_empty() || text.file_hit(i) || sm.matches(store, j, &text.query));
            if passes {
                set(i);
            }
        }
    }
    (bits, count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, EventDate, Records};
    use std::sync::Arc;

    #[test]
    fn filters_reach_rows_and_whole_events_alike() {
        let rows = crate::model::rows::tests::store(4, 738_000);
        let mut whole = Event::at("w", "Talks in Tbilisi", EventDate::undated(), 44.8, 41.7);
        whole.category = Category::Diplomacy;
        whole.actors.push("Georgia".to_owned());
        let data = Dataset::new(
            Records {
                events: vec![whole],
                stores: vec![Arc::new(rows)],
            },
            vec![],
        );
        let passing = |hidden: &[Category], actor: Option<&str>, text: &str| {
            let terms = FilterTerms {
                hidden,
                actor,
                query_lower: text,
                file_hits: None,
            };
            let (bits, count) = filter_bits(&data, terms);
            let ids: Vec<&str> = (0..data.len())
                .filter(|&i| bits[i / 64] & (1 << (i % 64)) != 0)
                .filter_map(|i| data.id(i))
                .collect();
            assert_eq!(ids.len(), count);
            ids
        };
        assert_eq!(passing(&[], None, ""), ["r0", "r1", "r2", "r3", "w"]);
        assert_eq!(passing(&[Category::Military], None, ""), ["w"]);
        assert_eq!(passing(&[], Some("Georgia"), ""), ["w"]);
        assert_eq!(
            passing(&[], Some("Military Forces of Azerbaijan"), ""),
            ["r0", "r1", "r2", "r3"]
        );
        assert_eq!(passing(&[], None, "r2"), ["r2"]);
        assert_eq!(passing(&[], None, "tbilisi"), ["w"]);
        assert_eq!(passing(&[], None, "armed clash"), ["r0", "r1", "r2", "r3"]);
        assert_eq!(
            passing(&[Category::Diplomacy], None, "tbilisi"),
            Vec::<&str>::new()
        );
    }
}
