//! The order a dataset is built in: sort keys, id order, track positions, and moving whole
//! events into place.

use super::{INDEX_BITS, INDEX_MASK, RICH, Sources};
use crate::model::date::DayNum;
use crate::model::event::Event;
use crate::model::rows::RowStore;
use std::cmp::Ordering;
use std::sync::Arc;

pub(super) type Key = (DayNum, DayNum, u128, u32);

/// The events' keys sorted by (start, end, id), undated last: small keys sort fast, and whole ids
/// are compared only on ties.
pub(super) fn sorted_keys(rich: &[Event], stores: &[Arc<RowStore>]) -> Vec<Key> {
    let mut keys: Vec<Key> =
        Vec::with_capacity(rich.len() + stores.iter().map(|s| s.len()).sum::<usize>());
    for (i, e) in rich.iter().enumerate() {
        let (s, end) = e.date.days().unwrap_or((DayNum::MAX, DayNum::MAX));
        keys.push((s, end, id_prefix(&e.id), RICH | i as u32));
    }
    for (k, store) in stores.iter().enumerate() {
        let source = (k as u32 + 1) << INDEX_BITS;
        for j in 0..store.len() {
            let (s, e) = store.days(j);
            keys.push((s, e, id_prefix(store.id(j)), source | j as u32));
        }
    }
    let already_sorted = keys.is_sorted_by(|a, b| (a.0, a.1, a.2) < (b.0, b.1, b.2));
    if !already_sorted {
        let src = Sources { rich, stores };
        crate::model::par_sort::sort_unstable_by(&mut keys, |a, b| {
            match (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)) {
                Ordering::Equal => by_whole_ids(&src, (a.3, b.3), (a.3, b.3)),
                unequal => unequal,
            }
        });
    }
    keys
}

/// Two slots by their whole ids, then by `tie`: the rare tie of two sort keys' prefixes. Kept out
/// of the comparisons themselves, which then stay small enough for the sort to inline.
#[cold]
#[inline(never)]
fn by_whole_ids(src: &Sources<'_>, (a, b): (u32, u32), tie: (u32, u32)) -> Ordering {
    src.id(a).cmp(src.id(b)).then(tie.0.cmp(&tie.1))
}

/// The first sixteen bytes of an id as a big-endian number: orders like the id itself, up to ties.
pub(super) fn id_prefix(id: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let n = id.len().min(16);
    bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
    u128::from_be_bytes(bytes)
}

/// The positions of the whole events that carry a track, ascending.
pub(super) fn track_positions(rich: &[Event], slot: &[u32]) -> Vec<u32> {
    if rich.iter().all(|e| e.track.is_none()) {
        return Vec::new();
    }
    (0..slot.len() as u32)
        .filter(|&i| {
            let s = slot[i as usize];
            s >> INDEX_BITS == RICH && rich[(s & INDEX_MASK) as usize].track.is_some()
        })
        .collect()
}

/// Event positions ordered by id, stable among equal ids, from each position's id prefix.
pub(super) fn id_order_of(
    src: &Sources<'_>,
    slot: &[u32],
    mut keyed: Vec<(u128, u32)>,
) -> Vec<u32> {
    keyed.sort_unstable_by(|a, b| match a.0.cmp(&b.0) {
        Ordering::Equal => {
            let slots = (slot[a.1 as usize], slot[b.1 as usize]);
            by_whole_ids(src, slots, (a.1, b.1))
        }
        unequal => unequal,
    });
    keyed.into_iter().map(|k| k.1).collect()
}

/// Reorders `items` in place so that item `i` becomes the old `items[order[i]]` (cycle by cycle:
/// each item moves once, and no second copy of the items is made). Leaves `order` as the identity.
pub(super) fn permute<T>(items: &mut [T], order: &mut [u32]) {
    for i in 0..order.len() {
        let mut j = i;
        loop {
            let k = order[j] as usize;
            order[j] = j as u32;
            if k == i || k == j {
                break;
            }
            items.swap(j, k);
            j = k;
        }
    }
}
