//! An index answering "which events overlap the days [a, b]?" in O(G log n + k).
//!
//! Events are grouped by their duration in days. Within a group of equal durations, sorting by start
//! also sorts by end, so the events overlapping [a, b] form one contiguous run found by two binary
//! searches: start <= b and end >= a. Real data has few distinct durations (a day, a week, the four
//! month lengths, the three season lengths, two year lengths, decades), so G stays small; rarer
//! durations share power-of-two classes whose runs are filtered by end.

use super::date::DayNum;
use rustc_hash::FxHashMap;

/// How many distinct durations get an exact group before the rest share power-of-two classes.
const EXACT_GROUPS: usize = 48;

#[derive(Clone, Debug, Default)]
struct Group {
    min_len: DayNum,
    max_len: DayNum,
    starts: Vec<DayNum>,
    /// Last days, kept only by groups of mixed durations (an exact group's follow from its starts).
    ends: Vec<DayNum>,
    ids: Vec<u32>,
    /// `prefix[d]` = how many starts fall before day `origin + d`: counts without binary search.
    prefix: Vec<u32>,
}

impl Group {
    /// The run of candidates with start in [a - max_len + 1, b].
    fn run(&self, a: DayNum, b: DayNum) -> std::ops::Range<usize> {
        let lo_start = a.saturating_sub(self.max_len - 1);
        let lo = self.starts.partition_point(|&s| s < lo_start);
        let hi = self.starts.partition_point(|&s| s <= b);
        lo..hi.max(lo)
    }

    fn exact(&self) -> bool {
        self.min_len == self.max_len
    }

    /// How many starts fall in the inclusive days [lo, hi], given the index's origin.
    fn count_starts(&self, origin: DayNum, lo: DayNum, hi: DayNum) -> usize {
        if hi < lo {
            return 0;
        }
        if self.prefix.is_empty() {
            let a = self.starts.partition_point(|&s| s < lo);
            let b = self.starts.partition_point(|&s| s <= hi);
            return b.saturating_sub(a);
        }
        let last = self.prefix.len() - 1;
        let at = |day: DayNum| {
            let d = i64::from(day) - i64::from(origin);
            self.prefix[d.clamp(0, last as i64) as usize] as usize
        };
        at(hi.saturating_add(1)) - at(lo)
    }
}

/// Dense per-day prefix counts are kept when the data spans at most this many days.
const PREFIX_MAX_DAYS: i64 = 100_000;

/// Interval index over inclusive day ranges.
#[derive(Clone, Debug, Default)]
pub struct TimeIndex {
    groups: Vec<Group>,
    len: usize,
    origin: DayNum,
}

impl TimeIndex {
    /// Builds the index; `spans[i]` is the inclusive (start, end) of item `i`. Spans with end < start
    /// are treated as one day long.
    pub fn new(spans: &[(DayNum, DayNum)]) -> TimeIndex {
        let length = |&(s, e): &(DayNum, DayNum)| (e.max(s) - s).saturating_add(1);
        let mut counts: FxHashMap<DayNum, usize> = FxHashMap::default();
        for span in spans {
            *counts.entry(length(span)).or_default() += 1;
        }
        let mut common: Vec<(DayNum, usize)> = counts.into_iter().collect();
        common.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        common.truncate(EXACT_GROUPS);
        let exact: FxHashMap<DayNum, usize> = common
            .iter()
            .enumerate()
            .map(|(g, &(len, _))| (len, g))
            .collect();
        let mut groups: Vec<Group> = common
            .iter()
            .map(|&(len, _)| Group {
                min_len: len,
                max_len: len,
                ..Group::default()
            })
            .collect();
        let mut pow2: FxHashMap<u32, usize> = FxHashMap::default();
        // each span's group, in span order
        let mut group_of: Vec<u16> = Vec::with_capacity(spans.len());
        for span in spans {
            let len = length(span);
            let g = match exact.get(&len) {
                Some(&g) => g,
                None => {
                    let class = len.max(1).ilog2();
                    *pow2.entry(class).or_insert_with(|| {
                        groups.push(Group {
                            min_len: DayNum::MAX,
                            max_len: 0,
                            ..Group::default()
                        });
                        groups.len() - 1
                    })
                }
            };
            let group = &mut groups[g];
            group.min_len = group.min_len.min(len);
            group.max_len = group.max_len.max(len);
            group_of.push(g as u16);
        }
        fill(&mut groups, spans, &group_of, common.len());
        let origin = spans.iter().map(|s| s.0).min().unwrap_or(0);
        let last = spans.iter().map(|s| s.0).max().unwrap_or(0);
        let days = i64::from(last) - i64::from(origin) + 2;
        if days <= PREFIX_MAX_DAYS {
            for group in groups.iter_mut().filter(|g| g.exact()) {
                let mut prefix = vec![0u32; days as usize + 1];
                for &s in &group.starts {
                    prefix[(s - origin) as usize + 1] += 1;
                }
                for d in 1..prefix.len() {
                    prefix[d] += prefix[d - 1];
                }
                group.prefix = prefix;
            }
        }
        TimeIndex {
            groups,
            len: spans.len(),
            origin,
        }
    }

    /// Number of indexed items.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Calls `f` with the id of every item overlapping the inclusive range [a, b] (in no set order).
    pub fn for_each_overlapping(&self, a: DayNum, b: DayNum, mut f: impl FnMut(u32)) {
        if b < a {
            return;
        }
        for group in &self.groups {
            let run = group.run(a, b);
            if group.exact() {
                group.ids[run].iter().for_each(|&i| f(i));
            } else {
                for k in run {
                    if group.ends[k] >= a {
                        f(group.ids[k]);
                    }
                }
            }
        }
    }

    /// The ids of the items overlapping [a, b], ascending.
    pub fn overlapping(&self, a: DayNum, b: DayNum) -> Vec<u32> {
        let mut out = Vec::new();
        self.for_each_overlapping(a, b, |i| out.push(i));
        out.sort_unstable();
        out
    }

    /// How many items overlap [a, b]; O(G log n) for the exact groups.
    pub fn count_overlapping(&self, a: DayNum, b: DayNum) -> usize {
        if b < a {
            return 0;
        }
        self.groups
            .iter()
            .map(|group| {
                if group.exact() {
                    let lo = a.saturating_sub(group.max_len - 1);
                    group.count_starts(self.origin, lo, b)
                } else {
                    group.run(a, b).filter(|&k| group.ends[k] >= a).count()
                }
            })
            .sum()
    }
}

/// Puts each span into its group (`group_of`, by span), in (start, end) order; only the groups
/// numbered `exact_groups` and after (mixed durations) keep their ends.
fn fill(groups: &mut [Group], spans: &[(DayNum, DayNum)], group_of: &[u16], exact_groups: usize) {
    let end = |(s, e): (DayNum, DayNum)| e.max(s);
    // spans in (start, end) order (as a dataset gives them) are already in order per group
    let in_order = spans
        .windows(2)
        .all(|w| (w[0].0, end(w[0])) <= (w[1].0, end(w[1])));
    let sorted = (!in_order).then(|| {
        let mut order: Vec<u32> = (0..spans.len() as u32).collect();
        order.sort_unstable_by_key(|&i| {
            let span = spans[i as usize];
            (group_of[i as usize], span.0, end(span), i)
        });
        order
    });
    let mut sizes = vec![0usize; groups.len()];
    for &g in group_of {
        sizes[usize::from(g)] += 1;
    }
    for (group, &size) in groups.iter_mut().zip(&sizes) {
        group.starts.reserve_exact(size);
        group.ids.reserve_exact(size);
    }
    let mut place = |i: u32| {
        let g = usize::from(group_of[i as usize]);
        let span = spans[i as usize];
        let group = &mut groups[g];
        group.starts.push(span.0);
        // an exact group's ends follow from its starts: only the shared classes keep theirs
        if g >= exact_groups {
            group.ends.push(end(span));
        }
        group.ids.push(i);
    };
    match sorted {
        Some(order) => order.into_iter().for_each(&mut place),
        None => (0..spans.len() as u32).for_each(&mut place),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn brute(spans: &[(DayNum, DayNum)], a: DayNum, b: DayNum) -> Vec<u32> {
        spans
            .iter()
            .enumerate()
            .filter(|(_, (s, e))| *s <= b && (*e).max(*s) >= a)
            .map(|(i, _)| i as u32)
            .collect()
    }

    #[test]
    fn finds_month_and_day_spans() {
        let spans = [(10, 10), (1, 31), (40, 40), (5, 6)];
        let index = TimeIndex::new(&spans);
        assert_eq!(index.overlapping(10, 10), vec![0, 1]);
        assert_eq!(index.overlapping(32, 39), Vec::<u32>::new());
        assert_eq!(index.overlapping(31, 40), vec![1, 2]);
        assert_eq!(index.count_overlapping(0, 100), 4);
        assert_eq!(index.count_overlapping(7, 6), 0);
    }

    proptest! {
        #[test]
        fn agrees_with_brute_force(
            spans in proptest::collection::vec((0i32..2000, 0i32..400), 0..300),
            a in -100i32..2500,
            width in 0i32..800,
        ) {
            let spans: Vec<(DayNum, DayNum)> = spans.into_iter().map(|(s, l)| (s, s + l)).collect();
            let index = TimeIndex::new(&spans);
            let b = a + width;
            let expected = brute(&spans, a, b);
            prop_assert_eq!(index.overlapping(a, b), expected.clone());
            prop_assert_eq!(index.count_overlapping(a, b), expected.len());
        }

        #[test]
        fn many_distinct_durations_still_agree(
            spans in proptest::collection::vec((0i32..5000, 0i32..4000), 0..400),
            a in 0i32..9000,
            width in 0i32..100,
        ) {
            let spans: Vec<(DayNum, DayNum)> = spans.into_iter().map(|(s, l)| (s, s + l)).collect();
            let index = TimeIndex::new(&spans);
            prop_assert_eq!(index.overlapping(a, a + width), brute(&spans, a, a + width));
        }
    }
}
