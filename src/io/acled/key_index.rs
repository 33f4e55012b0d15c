//! Interning for the loader: the Fx hash of a key, and keys numbered in one string.

use rustc_hash::{FxBuildHasher, FxHasher};
use std::collections::HashMap;
use std::hash::Hasher;

/// The hasher of the loader's own maps: Fx (as in rustc) is much faster than SipHash on short keys,
/// and the keys come from the file being loaded, so resistance to flooding does not matter.
pub(super) type Fast = FxBuildHasher;

/// The Fx hash of some bytes.
pub(super) fn fx_hash(bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// Keys stored in one string, numbered in insertion order, found by hash. Lookups touch two small
/// arrays instead of a heap allocation per key scattered among the events' strings.
#[derive(Default)]
pub(super) struct KeyIndex {
    /// The last key inserted with each hash.
    last: HashMap<u64, usize, Fast>,
    /// For each key, the previous key with the same hash (`usize::MAX` if none).
    previous: Vec<usize>,
    /// Where each key ends in `text`.
    ends: Vec<usize>,
    text: String,
}

impl KeyIndex {
    /// The number of `key`, whose hash is `hash`.
    pub(super) fn get(&self, hash: u64, key: &str) -> Option<usize> {
        let mut slot = *self.last.get(&hash)?;
        while slot != usize::MAX {
            let start = slot.checked_sub(1).map_or(0, |s| self.ends[s]);
            if self.text.get(start..self.ends[slot]) == Some(key) {
                return Some(slot);
            }
            slot = self.previous[slot];
        }
        None
    }

    /// The number of keys.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The key numbered `slot`.
    pub(super) fn key(&self, slot: usize) -> &str {
        let start = slot.checked_sub(1).map_or(0, |s| self.ends[s]);
        self.ends
            .get(slot)
            .and_then(|&end| self.text.get(start..end))
            .unwrap_or("")
    }

    /// The number of `key`, added if new.
    pub(super) fn intern(&mut self, key: &str) -> usize {
        let hash = fx_hash(key.as_bytes());
        match self.get(hash, key) {
            Some(slot) => slot,
            None => self.insert(hash, key),
        }
    }

    /// All keys in order.
    pub(super) fn into_strings(self) -> Vec<String> {
        (0..self.ends.len())
            .map(|k| self.key(k).to_owned())
            .collect()
    }

    /// Adds a key (not yet present) and returns its number.
    pub(super) fn insert(&mut self, hash: u64, key: &str) -> usize {
        let slot = self.ends.len();
        self.text.push_str(key);
        self.ends.push(self.text.len());
        self.previous
            .push(self.last.insert(hash, slot).unwrap_or(usize::MAX));
        slot
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_every_key_whose_hash_collides() {
        let mut index = KeyIndex::default();
        // one hash for three keys, as if they collided
        let a = index.insert(7, "Tovuz\u{1f}Tovuz");
        let b = index.insert(7, "Kapan\u{1f}Syunik");
        let c = index.insert(7, "");
        assert_eq!((a, b, c), (0, 1, 2));
        assert_eq!(index.get(7, "Tovuz\u{1f}Tovuz"), Some(0));
        assert_eq!(index.get(7, "Kapan\u{1f}Syunik"), Some(1));
        assert_eq!(index.get(7, ""), Some(2));
        assert_eq!(index.get(7, "Goris\u{1f}Syunik"), None);
        assert_eq!(index.get(8, "Tovuz\u{1f}Tovuz"), None);
        assert_eq!(index.key(1), "Kapan\u{1f}Syunik");
        assert_eq!(index.key(3), "");
    }

    proptest! {
        #[test]
        fn interning_numbers_each_distinct_key_once(keys in proptest::collection::vec("[a-c\u{e9}]{0,3}", 0..60)) {
            let mut index = KeyIndex::default();
            let numbers: Vec<usize> = keys.iter().map(|k| index.intern(k)).collect();
            let mut distinct: Vec<&String> = Vec::new();
            for k in &keys {
                if !distinct.contains(&k) {
                    distinct.push(k);
                }
            }
            prop_assert_eq!(index.len(), distinct.len());
            for (k, &n) in keys.iter().zip(&numbers) {
                // the number is the key's rank of first appearance, and names the key back
                prop_assert_eq!(n, distinct.iter().position(|d| *d == k).unwrap());
                prop_assert_eq!(index.key(n), k.as_str());
                prop_assert_eq!(index.get(fx_hash(k.as_bytes()), k), Some(n));
            }
            let strings = index.into_strings();
            prop_assert_eq!(strings.iter().collect::<Vec<_>>(), distinct);
        }
    }
}
