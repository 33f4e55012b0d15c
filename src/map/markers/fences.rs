//! Where a position falls in each bucket of a cell index, in two small steps: how many of the
//! bucket's entries lie before a fence (every `step`-th position, read for all buckets side by side),
//! then a binary search among the few entries between that fence and the next.

/// At most about this many fences are kept, whatever the number of events.
const MAX_FENCES: usize = 1024;
/// Fences are never closer than this many positions.
const MIN_STEP: u32 = 256;

/// Entries of each bucket before each fence.
pub(super) struct Fences {
    /// Positions between fences (a power of two).
    step: u32,
    /// Number of buckets.
    buckets: usize,
    /// `before[k * buckets + b]`: entries of bucket `b` with a position below `k * step`.
    before: Vec<u32>,
}

impl Fences {
    /// The fences of buckets whose entries (ascending positions below `len`) are
    /// `positions[start[b]..start[b + 1]]`.
    pub(super) fn build(start: &[u32], positions: &[u32], len: usize) -> Fences {
        let buckets = start.len().saturating_sub(1);
        let step = ((len / MAX_FENCES).max(1).next_power_of_two() as u32).max(MIN_STEP);
        let fences = len / step as usize + 2;
        let mut before = vec![0u32; fences * buckets];
        for b in 0..buckets {
            let entries = &positions[start[b] as usize..start[b + 1] as usize];
            let mut k = 0;
            for (j, &p) in entries.iter().enumerate() {
                while k < fences && (k as u64) * u64::from(step) <= u64::from(p) {
                    before[k * buckets + b] = j as u32;
                    k += 1;
                }
            }
            for k in k..fences {
                before[k * buckets + b] = entries.len() as u32;
            }
        }
        Fences {
            step,
            buckets,
            before,
        }
    }

    /// How many of bucket `b`'s `entries` have a position below `p`.
    pub(super) fn rank(&self, b: usize, entries: &[u32], p: u32) -> usize {
        let k = (p / self.step) as usize;
        let at = |k: usize| {
            self.before
                .get(k * self.buckets + b)
                .map_or(entries.len(), |&n| n as usize)
        };
        let (lo, hi) = (at(k), at(k + 1).min(entries.len()));
        let between = entries.get(lo..hi).unwrap_or_default();
        lo + between.partition_point(|&i| i < p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_agree_with_a_binary_search_of_the_whole_bucket() {
        // three buckets over 5000 positions: every 3rd, every 7th from 1000, and none
        let a: Vec<u32> = (0..5000).step_by(3).collect();
        let b: Vec<u32> = (1000..5000).step_by(7).collect();
        let start = [
            0,
            a.len() as u32,
            (a.len() + b.len()) as u32,
            (a.len() + b.len()) as u32,
        ];
        let positions: Vec<u32> = a.iter().chain(&b).copied().collect();
        let fences = Fences::build(&start, &positions, 5000);
        assert_eq!(fences.step, 256);
        for p in (0..=5000).chain([255, 256, 257, 4999]) {
            for (bucket, entries) in [(0, &a[..]), (1, &b[..]), (2, &[][..])] {
                let expected = entries.partition_point(|&i| i < p);
                assert_eq!(
                    fences.rank(bucket, entries, p),
                    expected,
                    "bucket {bucket}, {p}"
                );
            }
        }
    }

    #[test]
    fn fences_stay_few_for_many_events() {
        let fences = Fences::build(&[0, 0], &[], 10_000_000);
        assert_eq!(fences.step, 16384);
        assert!(fences.before.len() <= MAX_FENCES + 2);
    }
}
