//! Reading one feature of a loaded GeoJSON file again, by its byte offset, when its event is shown
//! or exported whole; and searching the features' text.

use super::convert::{IdFallback, Lookup, Parts, convert};
use super::source::ReadAt;
use super::walk::read_one;
use crate::model::rows::scan_text;
use crate::model::view::contains_lower;
use crate::model::{Event, Place, RowReader};
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Bytes read first for one feature (more when it is longer).
pub const FEATURE_CHUNK: usize = 4096;
/// Bytes scanned at a time when searching.
const SCAN_BLOCK: usize = 8 << 20;

/// Reads features of one GeoJSON file again, with the loader's own choices.
#[derive(Debug)]
pub struct GeoJsonReader {
    name: String,
    source: Arc<dyn ReadAt>,
    gazetteer: Vec<Place>,
    time_field: Option<(String, Option<String>)>,
    /// The file is one bare geometry (its "feature" has no properties).
    geometry: bool,
}

impl GeoJsonReader {
    /// A reader of `source`, named `name` in messages, resolving places against `gazetteer`
    /// and reading time from `time_field` as the load did.
    pub fn new(
        name: &str,
        source: Arc<dyn ReadAt>,
        gazetteer: Vec<Place>,
        time_field: Option<(String, Option<String>)>,
        geometry: bool,
    ) -> GeoJsonReader {
        GeoJsonReader {
            name: name.to_owned(),
            source,
            gazetteer,
            time_field,
            geometry,
        }
    }

    /// Whether the feature at `offset` holds `query_lower` in any of its values (not its keys).
    fn holds(&self, offset: u64, query_lower: &str) -> bool {
        read_one(
            &*self.source,
            offset,
            FEATURE_CHUNK,
            self.geometry,
            |_, bytes| {
                let mut de = serde_json::Deserializer::from_slice(bytes);
                Contains { query: query_lower }
                    .deserialize(&mut de)
                    .unwrap_or(false)
            },
        )
        .unwrap_or(false)
    }
}

impl RowReader for GeoJsonReader {
    fn read(&self, offset: u64) -> Result<Event, String> {
        if let Some(why) = self.source.changed() {
            return Err(why);
        }
        let lookup = Lookup::new(&self.gazetteer, self.time_field.clone());
        let event = read_one(
            &*self.source,
            offset,
            FEATURE_CHUNK,
            self.geometry,
            |v, _| convert(v, IdFallback::Offset(offset), &lookup).map(Parts::into_event),
        )
        .map_err(|stop| format!("{}: {}", self.name, stop.message))?;
        event.map_err(|(_, m)| format!("{}: {m}", self.name))
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn scan(
        &self,
        query_lower: &str,
        offsets: &[u64],
        cancel: &AtomicBool,
    ) -> Result<Vec<u32>, String> {
        if let Some(why) = self.source.changed() {
            return Err(why);
        }
        let query = query_lower.as_bytes();
        let mut candidates: Vec<u32> = Vec::new();
        let whole = usize::try_from(self.source.len()).unwrap_or(usize::MAX);
        let mut block = vec![0u8; whole.min(SCAN_BLOCK + query.len())];
        let mut at = 0u64;
        // blocks overlap by the query's length, so no match is cut in two
        while at < self.source.len() {
            if cancel.load(Ordering::Relaxed) {
                return Err("search cancelled".to_owned());
            }
            let n = self
                .source
                .read_at(at, &mut block)
                .map_err(|e| format!("cannot read {}: {e}", self.name))?;
            scan_text(&block[..n], at, query, offsets, &mut |r| {
                if candidates.last() != Some(&r) {
                    candidates.push(r);
                }
            });
            at += SCAN_BLOCK as u64;
        }
        // a raw match may be a key, or lie in a whole event between rows: check each row's values
        let mut rows = Vec::with_capacity(candidates.len());
        for r in candidates {
            if cancel.load(Ordering::Relaxed) {
                return Err("search cancelled".to_owned());
            }
            if let Some(&offset) = offsets.get(r as usize)
                && self.holds(offset, query_lower)
            {
                rows.push(r);
            }
        }
        Ok(rows)
    }
}

/// Whether any string or number value (at any depth, keys aside) contains a lowercase query.
#[derive(Clone, Copy)]
struct Contains<'q> {
    query: &'q str,
}

impl<'de> DeserializeSeed<'de> for Contains<'_> {
    type Value = bool;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Contains<'_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E>(self, s: &str) -> Result<bool, E> {
        Ok(contains_lower(s, self.query))
    }
    fn visit_i64<E>(self, n: i64) -> Result<bool, E> {
        Ok(n.to_string().contains(self.query))
    }
    fn visit_u64<E>(self, n: u64) -> Result<bool, E> {
        Ok(n.to_string().contains(self.query))
    }
    fn visit_f64<E>(self, f: f64) -> Result<bool, E> {
        Ok(f.to_string().contains(self.query))
    }
    fn visit_bool<E>(self, b: bool) -> Result<bool, E> {
        Ok(b.to_string().contains(self.query))
    }
    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let mut any = false;
        while let Some(found) = seq.next_element_seed(self)? {
            any |= found;
        }
        Ok(any)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut any = false;
        while map.next_key::<IgnoredAny>()?.is_some() {
            any |= map.next_value_seed(self)?;
        }
        Ok(any)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn values_are_searched_not_keys() {
        let holds = |json: &str, q: &str| {
            let mut de = serde_json::Deserializer::from_str(json);
            Contains { query: q }.deserialize(&mut de).unwrap()
        };
        let f = r#"{"type": "Feature", "properties": {"notes": "Drone strike near Tovuz", "mag": 4.5}}"#;
        assert!(holds(f, "drone"));
        assert!(holds(f, "4.5"));
        assert!(!holds(f, "notes"));
        assert!(!holds(f, "properties"));
        assert!(holds(f, "feature"));
    }
}
