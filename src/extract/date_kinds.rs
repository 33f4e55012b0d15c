//! What a date expression says before it is resolved: a day, a month, a season, a weekday, a
//! count of units back from publication.

use chrono::Weekday;
use std::ops::Range;

/// A season of the northern meteorological calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Season {
    /// March to May.
    Spring,
    /// June to August.
    Summer,
    /// September to November.
    Autumn,
    /// December to February.
    Winter,
}

/// A calendar unit named by relative wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Days.
    Day,
    /// Monday-to-Sunday weeks.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// Which occurrence relative wording names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// As written without qualifier ("in March", "on Monday"): the latest not after publication.
    Plain,
    /// "last March", "last Monday": the latest strictly before the current one.
    Last,
    /// "this March", "this week": the one that contains the publication date.
    This,
}

/// What a date expression says, before it is resolved against the publication date.
#[derive(Clone, Debug, PartialEq)]
pub enum When {
    /// A day (or a run of days in one month), with or without its year.
    Day {
        /// The year, when written.
        year: Option<i32>,
        /// Month 1-12.
        month: u32,
        /// Day of the month.
        day: u32,
        /// Last day of a written range such as `5-7 March`.
        last_day: Option<u32>,
    },
    /// A month, with or without its year; `part` is "early", "mid" or "late" when written.
    Month {
        /// The year, when written.
        year: Option<i32>,
        /// Month 1-12.
        month: u32,
        /// "early", "mid", "late" or "the end of" when written.
        part: Option<String>,
        /// Which occurrence when the year is not written.
        which: Which,
    },
    /// A year; `part` is "early", "mid" or "late" when written.
    Year {
        /// The year.
        year: i32,
        /// "early", "mid" or "late" when written.
        part: Option<String>,
    },
    /// A decade ("the 1990s").
    Decade {
        /// Its first year.
        year: i32,
    },
    /// A season, with or without its year.
    Season {
        /// The year, when written.
        year: Option<i32>,
        /// Which season.
        season: Season,
        /// Which occurrence when the year is not written.
        which: Which,
    },
    /// A day of the week ("on Monday", "last Tuesday", "Sunday's visit").
    Weekday {
        /// The weekday.
        weekday: Weekday,
        /// Which occurrence.
        which: Which,
    },
    /// `n` days before publication ("today" is 0, "yesterday" 1).
    DaysBefore(u32),
    /// "last night": the night before publication, from the evening before to that day.
    LastNight,
    /// "over the weekend", "last weekend", "this weekend": a Saturday and Sunday.
    Weekend(Which),
    /// "this week", "earlier this month", "this year".
    ThisUnit(Unit),
    /// "last week", "last month", "last year".
    LastUnit(Unit),
    /// "three days ago", "a month ago".
    Ago(u32, Unit),
    /// "three years ago today", "a month ago today": that many units before the day of
    /// publication, to the day.
    AgoToday(u32, Unit),
    /// "in recent months", "over the past two weeks": the last `n` units up to publication.
    Recent(u32, Unit),
}

/// A date expression as found, before resolution.
#[derive(Clone, Debug, PartialEq)]
pub struct RawCue {
    /// Byte range in the sentence.
    pub span: Range<usize>,
    /// What it says.
    pub when: When,
    /// Where its year came from when another expression of the sentence lent it one.
    pub year_from: Option<String>,
}
