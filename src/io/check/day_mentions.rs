//! Finds the calendar days that a piece of prose names: `21 October 2022`, `October 21, 2022`,
//! `Sept. 28`, `2022-10-21`. A month or year alone ("November 2021", "in 2020") is not a day.

use chrono::{Datelike, Month, NaiveDate};

/// A day named in prose: its month and day, and its year when the text gives one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayMention {
    /// The year, when written.
    pub year: Option<i32>,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
}

impl DayMention {
    /// Whether this mention names `date` (a mention without a year matches any year).
    pub fn names(&self, date: NaiveDate) -> bool {
        self.month == date.month()
            && self.day == date.day()
            && self.year.is_none_or(|y| y == date.year())
    }

    /// The day in words: "21 October 2022", or "21 October" without a year.
    pub fn describe(&self) -> String {
        let month = Month::try_from(u8::try_from(self.month).unwrap_or(0))
            .map(|m| m.name())
            .unwrap_or("?");
        match self.year {
            Some(y) => format!("{} {month} {y}", self.day),
            None => format!("{} {month}", self.day),
        }
    }
}

/// A word of the text: a run of letters or digits, with what stands between it and the next word.
struct Word<'t> {
    text: &'t str,
    gap_after: &'t str,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest
            .find(|c: char| c.is_alphanumeric())
            .unwrap_or(rest.len());
        if let Some(last) = out.last_mut() {
            last.gap_after = &rest[..start];
        }
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        if end > 0 {
            out.push(Word {
                text: &rest[..end],
                gap_after: "",
            });
        }
        rest = &rest[end..];
    }
    out
}

/// The month a word names: an English month's name, its three-letter abbreviation or "Sept".
fn month_of(word: &str) -> Option<u32> {
    if word.len() < 3 || !word.chars().next().is_some_and(char::is_uppercase) {
        return None; // "may" the verb, "mar" the word
    }
    if word.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    word.parse::<Month>().ok().map(|m| m.number_from_month())
}

/// A number of exactly `digits` ASCII digits.
fn number(word: &str, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
    (digits.contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// Whether a gap between words is only spaces, a comma or an abbreviation's full stop.
fn plain(gap: &str) -> bool {
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == ',' || c == '.')
}

/// Every day `text` names, in order.
pub fn day_mentions(text: &str) -> Vec<DayMention> {
    let w = words(text);
    let mut out = Vec::new();
    for i in 0..w.len() {
        let Some(month) = month_of(w[i].text) else {
            if let Some(m) = iso_at(&w, i) {
                out.push(m);
            }
            continue;
        };
        let year_after = |j: usize| {
            w.get(j)
                .filter(|_| plain(w[j - 1].gap_after))
                .and_then(|y| number(y.text, 4..=4))
                .and_then(|y| i32::try_from(y).ok())
        };
        let before = i
            .checked_sub(1)
            .filter(|&j| plain(w[j].gap_after))
            .and_then(|j| number(w[j].text, 1..=2));
        let after = w
            .get(i + 1)
            .filter(|_| plain(w[i].gap_after))
            .and_then(|d| number(d.text, 1..=2));
        let found = match (before, after) {
            (Some(day), _) => Some((day, year_after(i + 1))),
            (None, Some(day)) => Some((day, year_after(i + 2))),
            (None, None) => None,
        };
        if let Some((day, year)) = found
            && is_real(year, month, day)
        {
            out.push(DayMention { year, month, day });
        }
    }
    out
}

/// `YYYY-MM-DD` starting at word `i`.
fn iso_at(w: &[Word<'_>], i: usize) -> Option<DayMention> {
    let (y, m, d) = (w.get(i)?, w.get(i + 1)?, w.get(i + 2)?);
    if y.gap_after != "-" || m.gap_after != "-" {
        return None;
    }
    let year = i32::try_from(number(y.text, 4..=4)?).ok()?;
    let (month, day) = (number(m.text, 2..=2)?, number(d.text, 2..=2)?);
    is_real(Some(year), month, day).then_some(DayMention {
        year: Some(year),
        month,
        day,
    })
}

/// Whether the day exists (in a leap year when the year is not given).
fn is_real(year: Option<i32>, month: u32, day: u32) -> bool {
    const LEAP_YEAR: i32 = 2000;
    NaiveDate::from_ymd_opt(year.unwrap_or(LEAP_YEAR), month, day).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(year: Option<i32>, month: u32, day: u32) -> DayMention {
        DayMention { year, month, day }
    }

    #[test]
    fn finds_days_in_the_styles_of_the_notes() {
        assert_eq!(
            day_mentions("inaugurated on 21 October 2022."),
            vec![mention(Some(2022), 10, 21)]
        );
        assert_eq!(
            day_mentions("signed on November 9, 2020, and January 11"),
            vec![mention(Some(2020), 11, 9), mention(None, 1, 11)]
        );
        assert_eq!(
            day_mentions("an interview on Sept. 28, accusing"),
            vec![mention(None, 9, 28)]
        );
        assert_eq!(
            day_mentions("published 2021-11-22; Monday 5 to Sunday 11 March 2012"),
            vec![mention(Some(2021), 11, 22), mention(Some(2012), 3, 11)]
        );
    }

    #[test]
    fn months_years_and_ordinals_are_not_days() {
        for text in [
            "November 2021, before the 22nd",
            "in May, mediated by the EU",
            "it may 3 times",
            "September–October 2021",
            "Ned Price was spokesman 2021–2023",
            "30 February 2021",
        ] {
            assert_eq!(day_mentions(text), vec![], "{text}");
        }
    }

    #[test]
    fn mentions_name_their_dates() {
        let d = NaiveDate::from_ymd_opt(2022, 10, 21).unwrap();
        assert!(mention(Some(2022), 10, 21).names(d));
        assert!(mention(None, 10, 21).names(d));
        assert!(!mention(Some(2021), 10, 21).names(d));
        assert_eq!(mention(Some(2022), 10, 21).describe(), "21 October 2022");
        assert_eq!(mention(None, 9, 28).describe(), "28 September");
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_day() -> impl Strategy<Value = NaiveDate> {
        (1900i32..2100, 1u32..=12, 1u32..=31)
            .prop_filter_map("a real day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever day is written, in any of the three styles and amid other words, it is found.
        #[test]
        fn a_written_day_is_found_as_that_day(
            date in any_day(),
            style in 0usize..3,
            before in "[a-z ]{0,20}",
            after in "[a-z ]{0,20}",
        ) {
            let written = match style {
                0 => date.format("%-d %B %Y").to_string(),
                1 => date.format("%B %-d, %Y").to_string(),
                _ => date.format("%Y-%m-%d").to_string(),
            };
            let text = format!("{before} {written} {after}");
            let found = day_mentions(&text);
            prop_assert_eq!(found.len(), 1, "{}", text);
            prop_assert!(found[0].names(date) && found[0].year == Some(date.year()), "{}", text);
        }

        #[test]
        fn fuzz_arbitrary_text_never_panics(text in "\\PC{0,200}") {
            let _ = day_mentions(&text);
        }
    }
}
