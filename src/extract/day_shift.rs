//! Wording that dates a sentence from the day told before it: "two days later", "the next day",
//! "a week later", "the previous day". Such a sentence has no date of its own; the reader gives it
//! the earlier day moved by the count, and only when that earlier day is a single whole day.

use super::dates::small_number;
use super::words::{Word, words};
use chrono::{Days, NaiveDate};
use std::ops::Range;

/// A move from the day told before, as written in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayShift {
    /// Byte range of the wording in the sentence.
    pub span: Range<usize>,
    /// Days after (positive) or before (negative) the day told before.
    pub days: i64,
}

impl DayShift {
    /// The day `days` after (or before) `from`; `None` past the calendar's ends.
    ///
    /// ```
    /// use caucasus_atlas::extract::day_shift::DayShift;
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap_or_default();
    /// let later = DayShift { span: 0..14, days: 2 };
    /// assert_eq!(later.from(d(2, 28)), Some(d(3, 1)));
    /// let before = DayShift { span: 0..16, days: -1 };
    /// assert_eq!(before.from(d(3, 1)), Some(d(2, 29)));
    /// ```
    pub fn from(&self, from: NaiveDate) -> Option<NaiveDate> {
        let n = Days::new(self.days.unsigned_abs());
        if self.days >= 0 {
            from.checked_add_days(n)
        } else {
            from.checked_sub_days(n)
        }
    }

    /// How the day was found, for the event's date note: "'Two days later': 2 days after 14 March
    /// 2024, the day sentence 1 tells."
    pub fn note(&self, written: &str, from: NaiveDate, sentence: usize) -> String {
        let n = self.days.unsigned_abs();
        let count = match n {
            1 => "one day".to_owned(),
            7 => "a week".to_owned(),
            n if n % 7 == 0 => format!("{} weeks", n / 7),
            n => format!("{n} days"),
        };
        let way = if self.days >= 0 { "after" } else { "before" };
        format!(
            "'{written}': {count} {way} {}, the day sentence {sentence} tells.",
            from.format("%-d %B %Y")
        )
    }
}

/// The first wording of `sentence` that moves from the day told before, if any.
///
/// ```
/// use caucasus_atlas::extract::day_shift::find_shift;
/// let days = |s: &str| find_shift(s).map(|x| x.days);
/// assert_eq!(days("Two days later, the minister visited Baku."), Some(2));
/// assert_eq!(days("The next day talks resumed in Tabriz."), Some(1));
/// assert_eq!(days("A week later the border reopened."), Some(7));
/// assert_eq!(days("He had arrived in Baku the previous day."), Some(-1));
/// assert_eq!(days("Two days after the vote, protests began."), None);
/// assert_eq!(days("Months later, the road reopened."), None);
/// ```
pub fn find_shift(sentence: &str) -> Option<DayShift> {
    let w = words(sentence);
    let lower: Vec<String> = w.iter().map(Word::lower).collect();
    (0..w.len()).find_map(|i| {
        let (last, days) = shift_at(&lower, i)?;
        Some(DayShift {
            span: w[i].start..w[last].end,
            days,
        })
    })
}

/// The shift whose wording starts at word `i`: the index of its last word, and its days.
fn shift_at(lw: &[String], i: usize) -> Option<(usize, i64)> {
    let l = |k: usize| lw.get(i + k).map_or("", String::as_str);
    let a_day = matches!(l(2), "day" | "morning");
    match (l(0), l(1)) {
        ("the", "next" | "following") if a_day => return Some((i + 2, 1)),
        ("the", "previous") if a_day => return Some((i + 2, -1)),
        _ => {}
    }
    let n = i64::from(small_number(l(0)).filter(|_| l(0) != "few" && l(0) != "several")?);
    let per = match l(1) {
        "day" | "days" => 1,
        "week" | "weeks" => 7,
        _ => return None,
    };
    let singular = !l(1).ends_with('s');
    if singular != (n == 1) {
        return None;
    }
    match l(2) {
        "later" => Some((i + 2, n * per)),
        "earlier" => Some((i + 2, -n * per)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wording_and_its_span_are_found() {
        let s = "On Friday, three days later, talks resumed.";
        let x = find_shift(s).unwrap_or_else(|| panic!("no shift"));
        assert_eq!((&s[x.span.clone()], x.days), ("three days later", 3));
        let s = "A day earlier, the ministry had said so.";
        let x = find_shift(s).unwrap_or_else(|| panic!("no shift"));
        assert_eq!((&s[x.span.clone()], x.days), ("A day earlier", -1));
        let s = "Two weeks later, the envoy returned.";
        assert_eq!(find_shift(s).map(|x| x.days), Some(14));
    }

    #[test]
    fn vague_or_mismatched_counts_are_not_shifts() {
        for s in [
            "Several days later, the envoy returned.",
            "A few days later, the envoy returned.",
            "Two day later the envoy returned.",
            "The next week, the envoy returned.",
            "Hours later, the envoy returned.",
            "The following statement was issued.",
        ] {
            assert_eq!(find_shift(s), None, "{s}");
        }
    }

    #[test]
    fn notes_name_the_count_the_way_and_the_day() {
        let from = NaiveDate::from_ymd_opt(2024, 3, 14).unwrap_or_default();
        let later = DayShift {
            span: 0..3,
            days: 2,
        };
        assert_eq!(
            later.note("Two days later", from, 1),
            "'Two days later': 2 days after 14 March 2024, the day sentence 1 tells."
        );
        let week = DayShift {
            span: 0..3,
            days: -7,
        };
        assert_eq!(
            week.note("A week earlier", from, 3),
            "'A week earlier': a week before 14 March 2024, the day sentence 3 tells."
        );
    }
}
