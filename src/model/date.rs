//! Calendar dates with the precision the source gave them.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar day as a count of days since 0001-01-01 (day 1 in the proleptic Gregorian calendar).
///
/// Plain integers keep the time index and the timeline cheap; convert with [`day_of`] and [`date_of`].
pub type DayNum = i32;

/// The day number of a calendar date.
pub fn day_of(date: NaiveDate) -> DayNum {
    date.num_days_from_ce()
}

/// The calendar date of a day number (clamped to chrono's range).
pub fn date_of(day: DayNum) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(if day < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

/// Parses a strict ISO `YYYY-MM-DD` date, rejecting impossible days such as 2022-02-30.
pub fn parse_iso_day(text: &str) -> Result<NaiveDate, String> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return Err(format!("`{text}` is not a date of the form YYYY-MM-DD"));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a real calendar date"))
}

/// How precisely the source dates an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A single day, or a range of days the source states.
    Day,
    /// A week ("last week").
    Week,
    /// A month ("last month", "in May").
    Month,
    /// A season ("the autumn of 2020").
    Season,
    /// A year.
    Year,
    /// A decade ("in the 1990s").
    Decade,
    /// The source gives no usable date.
    Undated,
}

impl Precision {
    /// All precisions, finest first.
    pub const ALL: [Precision; 7] = [
        Precision::Day,
        Precision::Week,
        Precision::Month,
        Precision::Season,
        Precision::Year,
        Precision::Decade,
        Precision::Undated,
    ];

    /// The lowercase name used in files and on screen.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Undated => "undated",
        }
    }

    /// Parses the lowercase name.
    pub fn parse(text: &str) -> Option<Precision> {
        Precision::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When an event happened: an inclusive range of days, its precision and the source's wording.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventDate {
    /// First day (inclusive) and last day (inclusive); `None` when undated.
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// How precise the source is.
    pub precision: Precision,
    /// The article's own wording ("last month", "on Monday").
    pub text: String,
    /// How relative or year-less wording was resolved.
    pub note: String,
}

impl EventDate {
    /// An undated event.
    pub fn undated() -> Self {
        EventDate {
            range: None,
            precision: Precision::Undated,
            text: String::new(),
            note: String::new(),
        }
    }

    /// A date range with a precision and no wording.
    pub fn new(start: NaiveDate, end: NaiveDate, precision: Precision) -> Self {
        EventDate {
            range: Some((start, end)),
            precision,
            text: String::new(),
            note: String::new(),
        }
    }

    /// The range as day numbers.
    pub fn days(&self) -> Option<(DayNum, DayNum)> {
        self.range.map(|(s, e)| (day_of(s), day_of(e)))
    }

    /// The range and precision without the wording.
    pub fn span(&self) -> DateSpan {
        DateSpan {
            days: self.days(),
            precision: self.precision,
        }
    }

    /// The date in words with its precision, e.g. "August 2022 (month)" or "undated in the source".
    pub fn describe(&self) -> String {
        self.span().describe()
    }

    /// A short form for lists and tooltips ("3 Aug 2022", "Feb 2012", "the 1990s", "undated").
    pub fn short(&self) -> String {
        self.span().short()
    }

    /// Checks that the range agrees with itself and its precision; returns what is wrong.
    pub fn validate(&self) -> Result<(), String> {
        match (self.range, self.precision) {
            (None, Precision::Undated) => Ok(()),
            (None, p) => Err(format!("precision `{p}` needs a start and an end date")),
            (Some(_), Precision::Undated) => {
                Err("an undated event must have null start and end".to_owned())
            }
            (Some((s, e)), _) if e < s => Err(format!("end {e} is before start {s}")),
            (Some(_), _) => Ok(()),
        }
    }
}

/// When an event happened, without the source's wording: what views need, and `Copy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateSpan {
    /// First and last day (inclusive) as day numbers; `None` when undated.
    pub days: Option<(DayNum, DayNum)>,
    /// How precise the source is.
    pub precision: Precision,
}

impl DateSpan {
    /// The span of day numbers `start..=end` (or undated when `range` is `None`).
    pub fn of_days(range: Option<(DayNum, DayNum)>, precision: Precision) -> DateSpan {
        DateSpan {
            days: range,
            precision,
        }
    }

    /// The range as day numbers.
    pub fn days(&self) -> Option<(DayNum, DayNum)> {
        self.days
    }

    /// The range as calendar dates.
    pub fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.days.map(|(s, e)| (date_of(s), date_of(e)))
    }

    /// The date in words with its precision, e.g. "August 2022 (month)" or "undated in the source".
    pub fn describe(&self) -> String {
        let Some((start, end)) = self.range() else {
            return "undated in the source".to_owned();
        };
        let words = match self.precision {
            Precision::Day if start == end => start.format("%-d %B %Y").to_string(),
            Precision::Day | Precision::Week => {
                format!(
                    "{} – {}",
                    start.format("%-d %B %Y"),
                    end.format("%-d %B %Y")
                )
            }
            Precision::Month if start.month() == end.month() && start.year() == end.year() => {
                start.format("%B %Y").to_string()
            }
            Precision::Month => format!("{} – {}", start.format("%B %Y"), end.format("%B %Y")),
            Precision::Season => format!("{} {}", season_name(start), start.year()),
            Precision::Year if start.year() == end.year() => start.year().to_string(),
            Precision::Year => format!("{}–{}", start.year(), end.year()),
            Precision::Decade => format!("the {}s", start.year() / 10 * 10),
            Precision::Undated => return "undated in the source".to_owned(),
        };
        format!("{words} ({})", self.precision)
    }

    /// A short form for lists and tooltips ("3 Aug 2022", "Feb 2012", "the 1990s", "undated").
    pub fn short(&self) -> String {
        let Some((start, end)) = self.range() else {
            return "undated".to_owned();
        };
        match self.precision {
            Precision::Day if start == end => start.format("%-d %b %Y").to_string(),
            Precision::Day => format!("{} – {}", start.format("%-d %b"), end.format("%-d %b %Y")),
            Precision::Week => format!("week of {}", start.format("%-d %b %Y")),
            Precision::Month if start.month() == end.month() && start.year() == end.year() => {
                start.format("%b %Y").to_string()
            }
            Precision::Month => format!("{} – {}", start.format("%b"), end.format("%b %Y")),
            Precision::Season => format!("{} {}", season_name(start), start.year()),
            Precision::Year => start.year().to_string(),
            Precision::Decade => format!("{}s", start.year() / 10 * 10),
            Precision::Undated => "undated".to_owned(),
        }
    }
}

/// The season (northern, meteorological) a date's month falls in.
fn season_name(date: NaiveDate) -> &'static str {
    match date.month() {
        3..=5 => "spring",
        6..=8 => "summer",
        9..=11 => "autumn",
        _ => "winter",
    }
}

/// The inclusive range of a whole month.
pub fn month_range(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let start = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((start, next.pred_opt()?))
}

/// The inclusive range of a whole year.
pub fn year_range(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn iso_days_are_strict() {
        assert_eq!(parse_iso_day("2022-08-03"), Ok(d(2022, 8, 3)));
        assert!(
            parse_iso_day("2022-02-30")
                .unwrap_err()
                .contains("not a real")
        );
        assert!(parse_iso_day("2022-8-3").is_err());
        assert!(parse_iso_day("03/08/2022").is_err());
        assert!(parse_iso_day("").is_err());
    }

    #[test]
    fn day_numbers_round_trip() {
        let date = d(2020, 11, 9);
        assert_eq!(date_of(day_of(date)), date);
        assert_eq!(day_of(d(2020, 11, 10)) - day_of(date), 1);
    }

    #[test]
    fn describes_each_precision() {
        assert_eq!(
            EventDate::new(d(2022, 8, 1), d(2022, 8, 31), Precision::Month).describe(),
            "August 2022 (month)"
        );
        assert_eq!(
            EventDate::new(d(2022, 8, 3), d(2022, 8, 3), Precision::Day).describe(),
            "3 August 2022 (day)"
        );
        assert_eq!(
            EventDate::new(d(2020, 9, 1), d(2020, 11, 30), Precision::Season).describe(),
            "autumn 2020 (season)"
        );
        assert_eq!(
            EventDate::new(d(1990, 1, 1), d(1999, 12, 31), Precision::Decade).describe(),
            "the 1990s (decade)"
        );
        assert_eq!(EventDate::undated().describe(), "undated in the source");
        assert_eq!(
            EventDate::new(d(2012, 2, 1), d(2012, 2, 29), Precision::Month).short(),
            "Feb 2012"
        );
        assert_eq!(
            EventDate::new(d(2012, 3, 5), d(2012, 3, 11), Precision::Week).short(),
            "week of 5 Mar 2012"
        );
        assert_eq!(EventDate::undated().short(), "undated");
    }

    #[test]
    fn validation_catches_inconsistency() {
        assert!(
            EventDate::new(d(2022, 8, 3), d(2022, 8, 1), Precision::Day)
                .validate()
                .unwrap_err()
                .contains("before start")
        );
        let mut undated_with_range = EventDate::new(d(2022, 8, 3), d(2022, 8, 3), Precision::Day);
        undated_with_range.precision = Precision::Undated;
        assert!(undated_with_range.validate().is_err());
        assert!(EventDate::undated().validate().is_ok());
    }

    #[test]
    fn month_and_year_ranges() {
        assert_eq!(month_range(2012, 2), Some((d(2012, 2, 1), d(2012, 2, 29))));
        assert_eq!(
            month_range(2021, 12),
            Some((d(2021, 12, 1), d(2021, 12, 31)))
        );
        assert_eq!(year_range(2021), Some((d(2021, 1, 1), d(2021, 12, 31))));
        assert_eq!(month_range(2021, 13), None);
    }
}
