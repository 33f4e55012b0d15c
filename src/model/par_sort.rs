//! Sorting a large slice on two threads: each half is sorted on its own thread, then the halves are
//! merged in one pass.

use std::cmp::Ordering;

/// Below this many items one thread sorts alone.
const PARALLEL_MIN: usize = 1 << 16;

/// Sorts `items` by `compare` (unstable), on two threads when there are many.
pub fn sort_unstable_by<T, F>(items: &mut Vec<T>, compare: F)
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
    let (left, right) = items.split_at(mid);
    let mut merged = Vec::with_capacity(items.len());
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        if compare(&right[j], &left[i]) == Ordering::Less {
            merged.push(right[j]);
            j += 1;
        } else {
            merged.push(left[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&left[i..]);
    merged.extend_from_slice(&right[j..]);
    *items = merged;
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
