//! Numbering repeated strings (titles, labels, place ids, actor lists) while a file loads: each
//! distinct string is stored once, in the table the rows will use, and found again by its hash.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast hash of bytes (the Fx mix, word by word, then murmur3's finalizer so that every bit
/// varies). The keys come from the file being loaded, so resistance to flooding does not matter.
pub fn fast_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A hasher for keys that are already hashes.
#[derive(Default)]
pub struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A map keyed by precomputed hashes.
pub type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<Prehashed>>;

/// Distinct strings in first-seen order, each with its number.
#[derive(Debug, Default)]
pub struct Interner {
    items: Vec<String>,
    /// The last item with each hash.
    last: HashKeyed<u32>,
    /// For each item, the previous item with the same hash (`u32::MAX` when none).
    previous: Vec<u32>,
}

impl Interner {
    /// The number of `s`, if it was seen.
    pub fn get(&self, s: &str) -> Option<u32> {
        self.find(fast_hash(s.as_bytes()), s)
    }

    fn find(&self, hash: u64, s: &str) -> Option<u32> {
        let mut at = *self.last.get(&hash)?;
        while at != u32::MAX {
            if self.items.get(at as usize).is_some_and(|i| i == s) {
                return Some(at);
            }
            at = self.previous.get(at as usize).copied().unwrap_or(u32::MAX);
        }
        None
    }

    /// The number of `s`, and whether it is new.
    pub fn intern(&mut self, s: &str) -> (u32, bool) {
        let hash = fast_hash(s.as_bytes());
        if let Some(at) = self.find(hash, s) {
            return (at, false);
        }
        let at = self.items.len() as u32;
        self.items.push(s.to_owned());
        self.previous
            .push(self.last.insert(hash, at).unwrap_or(u32::MAX));
        (at, true)
    }

    /// The strings, in number order.
    pub fn into_items(self) -> Vec<String> {
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_numbered_once_in_order() {
        let mut i = Interner::default();
        assert_eq!(i.intern("Tovuz"), (0, true));
        assert_eq!(i.intern("Baku"), (1, true));
        assert_eq!(i.intern("Tovuz"), (0, false));
        assert_eq!(i.get("Baku"), Some(1));
        assert_eq!(i.get("Ganja"), None);
        assert_eq!(i.into_items(), ["Tovuz", "Baku"]);
    }

    #[test]
    fn equal_hashes_are_told_apart() {
        // every key in one chain
        let mut i = Interner::default();
        for k in 0..50 {
            let s = format!("k{k}");
            let hash = 42;
            let at = i.items.len() as u32;
            i.items.push(s);
            i.previous.push(i.last.insert(hash, at).unwrap_or(u32::MAX));
        }
        assert_eq!(i.find(42, "k7"), Some(7));
        assert_eq!(i.find(42, "k49"), Some(49));
        assert_eq!(i.find(42, "k50"), None);
    }
}
