//! Sorting a large slice on two threads: each half is sorted on its own thread, then the halves are
//! merged in one pass.

use std::cmp::Ordering;

/// Below this many items one thread sorts alone.
const PARALLEL_MIN: usize = 1 << 16;

/// Sorts `items` by `compare` (unstable), on two threads when there are many.
pub fn sort_unstable_by<T, F>(items: &mut [T], compare: F)
where
    T: Copy + Send,
    F: Fn(&T, &T) -> Ordering + Sync,
{
    if items.len() < PARALLEL_MIN {
        items.sort_unstable_by(&compare);
        return;
    }
    let mid = items.len() / 2;
    let (left, right) = items.split_at_mut(mid);
    let sorted_on_thread = std::thread::scope(|scope| {
        let sorted = scope.spawn(|| left.sort_unstable_by(&compare));
        right.sort_unstable_by(&compare);
        sorted.join().is_ok()
    });
    if !sorted_on_thread {
        // the thread died before finishing its half: sort it here
        items[..mid].sort_unstable_by(&compare);
    }
    merge_halves(items, mid, &compare);
}

/// Merges the sorted runs `items[..mid]` and `items[mid..]` in place, with a copy of the first run
/// only: the merged items are written from the front, never past the next unread item of the
/// second run.
fn merge_halves<T: Copy>(items: &mut [T], mid: usize, compare: impl Fn(&T, &T) -> Ordering) {
    let left: Vec<T> = items[..mid].to_vec();
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < left.len() && j < items.len() {
        if compare(&items[j], &left[i]) == Ordering::Less {
            items[k] = items[j];
            j += 1;
        } else {
            items[k] = left[i];
            i += 1;
        }
        k += 1;
    }
    // what is left of the second run is already in place
    for &item in &left[i..] {
        items[k] = item;
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn sorts_like_the_standard_sort(mut v in proptest::collection::vec(any::<(u8, u16)>(), 0..200_000)) {
            let mut expected = v.clone();
            expected.sort_unstable();
            sort_unstable_by(&mut v, |a, b| a.cmp(b));
            prop_assert_eq!(v, expected);
        }
    }
}
