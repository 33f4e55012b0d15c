//! Which events pass the filters, one bit per position, and how many of them start on each day.

use crate::model::{Dataset, DayNum};

/// Which events pass the filters: one bit per position.
#[derive(Debug, PartialEq)]
pub struct FilterMask {
    bits: Vec<u64>,
    count: usize,
}

impl FilterMask {
    /// A mask from its bits and the number of bits set.
    pub fn new(bits: Vec<u64>, count: usize) -> FilterMask {
        FilterMask { bits, count }
    }

    /// Whether the event at position `i` passes.
    pub fn contains(&self, i: usize) -> bool {
        self.bits
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// How many events pass.
    pub fn count(&self) -> usize {
        self.count
    }
}

/// Filtered per-day counts are kept when the data spans at most this many days.
const MAX_DAYS: i64 = 200_000;

/// For each start day, how many events passing the filters start before it: the timeline's
/// histogram then counts any span with two lookups.
#[derive(Debug, PartialEq)]
pub struct DayCounts {
    origin: DayNum,
    prefix: Vec<u32>,
}

impl DayCounts {
    /// Counts the events of `data` passing `mask` per start day; `None` when the data spans more
    /// days than is worth keeping.
    pub fn of(data: &Dataset, mask: &FilterMask) -> Option<DayCounts> {
        let (first, last) = data.time_extent()?;
        let days = i64::from(last) - i64::from(first) + 1;
        if !(1..=MAX_DAYS).contains(&days) {
            return None;
        }
        let mut per_day = vec![0u32; days as usize];
        for (i, &s) in data.starts().iter().enumerate() {
            if mask.contains(i) {
                let d = (i64::from(s) - i64::from(first)).clamp(0, days - 1) as usize;
                per_day[d] += 1;
            }
        }
        let mut prefix = Vec::with_capacity(per_day.len() + 1);
        prefix.push(0u32);
        let mut total = 0u32;
        for n in per_day {
            total += n;
            prefix.push(total);
        }
        Some(DayCounts {
            origin: first,
            prefix,
        })
    }

    /// How many passing events start in the inclusive days [a, b].
    pub fn count(&self, a: DayNum, b: DayNum) -> usize {
        let last = self.prefix.len() as i64 - 1;
        let at = |day: DayNum| {
            let d = (i64::from(day) - i64::from(self.origin)).clamp(0, last);
            self.prefix[d as usize] as usize
        };
        at(b.saturating_add(1)).saturating_sub(at(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::day_of;
    use crate::model::{Event, EventDate, Precision};
    use chrono::NaiveDate;

    #[test]
    fn day_counts_follow_the_mask() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2022, 8, d).unwrap();
        let ev = |id: &str, d: u32| {
            Event::at(
                id,
                id,
                EventDate::new(day(d), day(d), Precision::Day),
                46.0,
                39.0,
            )
        };
        let data = Dataset::new(vec![ev("a", 1), ev("b", 1), ev("c", 3), ev("d", 9)], vec![]);
        // positions are in time order: a, b (1 Aug), c (3 Aug), d (9 Aug); leave out b
        let mask = FilterMask::new(vec![0b1101], 3);
        assert!(mask.contains(0) && !mask.contains(1) && !mask.contains(64));
        let days = DayCounts::of(&data, &mask).unwrap();
        let (d1, d3, d9) = (day_of(day(1)), day_of(day(3)), day_of(day(9)));
        assert_eq!(days.count(d1, d1), 1);
        assert_eq!(days.count(d1, d3), 2);
        assert_eq!(days.count(d1, d9), 3);
        assert_eq!(days.count(d3 + 1, d9 - 1), 0);
        assert_eq!(days.count(d1 - 100, d9 + 100), 3);
    }
}
