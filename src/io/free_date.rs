//! Free-text dates as StoryMapJS slides and users' own tables write them: what is a date is read,
//! nothing is invented.
//!
//! Read: ISO dates (`2022-08-03`, `2022-08`, `2022`), `3 August 2022`, `August 3, 2022`,
//! `Aug. 3rd 2022`, `Monday, August 3, 2022`, `August 2022`, `1990s`, `1914-1918`, and days with
//! slashes where only one order of day and month reads (`28/03/2024`, `3/28/2024`). A day or month
//! without a year (`Aug 23`, `23 August`, `August`) is [`FreeDate::Yearless`]: it stays undated
//! unless the user assumes a year for the whole file.

use crate::io::date_parse::{ParsedSpan, month_number, parse_date_text};
use crate::io::imported::coarser;
use crate::io::time_parse::parse_iso_datetime;
use crate::io::written_clock::split_trailing_clock;
use crate::model::Precision;
use crate::model::TimeOfDay;
use crate::model::date::{month_range, year_range};
use chrono::NaiveDate;

/// What a free-text date says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreeDate {
    /// A date with its year.
    Dated(ParsedSpan),
    /// A month, or a day of a month, with no year.
    Yearless {
        /// Month, 1-12.
        month: u32,
        /// Day of the month, when given.
        day: Option<u32>,
    },
    /// Nothing read as a date.
    Unknown,
}

impl FreeDate {
    /// The date in `year`, for a yearless date (`None` when that day does not exist that year,
    /// as 29 February in most years).
    pub fn in_year(month: u32, day: Option<u32>, year: i32) -> Option<ParsedSpan> {
        match day {
            Some(d) => NaiveDate::from_ymd_opt(year, month, d).map(ParsedSpan::day),
            None => month_range(year, month).map(|(start, end)| ParsedSpan {
                start,
                end,
                precision: Precision::Month,
            }),
        }
    }
}

/// One word of a date text.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Token {
    Month(u32),
    Number(u32, usize),
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Reads a free-text date.
pub fn read_free_date(text: &str) -> FreeDate {
    let t = text.trim();
    if t.is_empty() {
        return FreeDate::Unknown;
    }
    if let Ok(span) = parse_date_text(t) {
        return FreeDate::Dated(span);
    }
    if let Some(span) = decade(t)
        .or_else(|| year_range_of(t))
        .or_else(|| one_way_slashed_day(t))
    {
        return FreeDate::Dated(span);
    }
    let Some(tokens) = tokens(t) else {
        return FreeDate::Unknown;
    };
    let year = |y: u32, len: usize| (len == 4).then_some(y as i32);
    let day = |d: u32, len: usize| (len <= 2 && (1..=31).contains(&d)).then_some(d);
    let found = match tokens.as_slice() {
        [Token::Month(m)] => {
            return FreeDate::Yearless {
                month: *m,
                day: None,
            };
        }
        [Token::Month(m), Token::Number(d, l)] | [Token::Number(d, l), Token::Month(m)]
            if day(*d, *l).is_some() =>
        {
            return FreeDate::Yearless {
                month: *m,
                day: Some(*d),
            };
        }
        [Token::Month(m), Token::Number(y, l)] => {
            year(*y, *l).and_then(|y| FreeDate::in_year(*m, None, y))
        }
        [Token::Month(m), Token::Number(d, dl), Token::Number(y, yl)]
        | [Token::Number(d, dl), Token::Month(m), Token::Number(y, yl)] => day(*d, *dl)
            .zip(year(*y, *yl))
            .and_then(|(d, y)| FreeDate::in_year(*m, Some(d), y)),
        // year first, as `2021/03/05`: never ambiguous, unlike a day and month first
        [
            Token::Number(y, 4),
            Token::Number(m, 1..=2),
            Token::Number(d, dl),
        ] => day(*d, *dl)
            .filter(|_| (1..=12).contains(m))
            .and_then(|d| FreeDate::in_year(*m, Some(d), *y as i32)),
        _ => None,
    };
    found.map_or(FreeDate::Unknown, FreeDate::Dated)
}

/// Reads a date a file writes in a field of its own: the forms [`parse_date_text`] knows, then
/// the free forms above ("March 2021", "August 3, 2022", "1990s", "2021/03/05", year first), a
/// day with its day and month written with slashes where only one order reads ("28/03/2024",
/// "3/28/2024"), two of them parted by a spaced dash ("March 24, 2025 - March 30, 2025"), and a
/// day with a time of day after it ("March 28, 2024, 10:24:02 PM"; the time is dropped, see
/// [`parse_written_datetime`]). A month or day without its year is an error, since a file's date
/// is never given a year it does not write; so is a day that reads two ways ("05/03/2021").
///
/// ```
/// use caucasus_atlas::io::free_date::parse_written_date;
/// use caucasus_atlas::model::Precision;
/// let march = parse_written_date("March 2021").unwrap();
/// assert_eq!((march.start.to_string(), march.end.to_string()), ("2021-03-01".into(), "2021-03-31".into()));
/// assert_eq!(march.precision, Precision::Month);
/// assert_eq!(parse_written_date("Aug. 3, 2022").unwrap().start.to_string(), "2022-08-03");
/// assert!(parse_written_date("23 August").unwrap_err().contains("no year"));
/// let week = parse_written_date("March 24, 2025 - March 30, 2025").unwrap();
/// assert_eq!((week.start.to_string(), week.end.to_string()), ("2025-03-24".into(), "2025-03-30".into()));
/// assert_eq!(parse_written_date("2021/03/05").unwrap().start.to_string(), "2021-03-05");
/// assert_eq!(parse_written_date("28/03/2024").unwrap().start.to_string(), "2024-03-28");
/// assert!(parse_written_date("05/03/2021").unwrap_err().contains("reads two ways"));
/// ```
pub fn parse_written_date(text: &str) -> Result<ParsedSpan, String> {
    parse_written_datetime(text).map(|(span, _)| span)
}

/// [`parse_written_date`], with the time of day when the text gives one: an ISO date-time's
/// (`2022-08-03T10:15:00+04:00`), or one written after a day as spreadsheets, feeds and mail
/// write it (`March 28, 2024, 10:24:02 PM`, `Thu, 28 Mar 2024 22:24:02 GMT`; see
/// [`split_trailing_clock`]). The day is the day as written, before any offset.
///
/// ```
/// use caucasus_atlas::io::free_date::parse_written_datetime;
/// let (span, time) = parse_written_datetime("March 28, 2024, 10:24:02 PM").unwrap();
/// assert_eq!((span.start.to_string(), time.unwrap().iso()), ("2024-03-28".into(), "22:24:02".into()));
/// let (_, time) = parse_written_datetime("2022-08-03T10:15:00+04:00").unwrap();
/// assert_eq!(time.unwrap().iso(), "10:15:00+04:00");
/// assert!(parse_written_datetime("March 2024 10:00").unwrap_err().contains("not a day"));
/// ```
pub fn parse_written_datetime(text: &str) -> Result<(ParsedSpan, Option<TimeOfDay>), String> {
    if let Ok(found) = parse_iso_datetime(text) {
        return Ok(found);
    }
    let message = match parse_day_or_written(text) {
        Ok(span) => return Ok((span, None)),
        Err(message) => message,
    };
    let Some((date, time)) = split_trailing_clock(text) else {
        return Err(message);
    };
    match parse_day_or_written(date) {
        Ok(span) if span.precision == Precision::Day => Ok((span, Some(time))),
        Ok(_) => Err(format!(
            "`{}` gives a time of day, but `{date}` is not a day",
            text.trim()
        )),
        Err(_) => Err(message),
    }
}

/// The forms of [`parse_written_date`] but a time of day after a day.
fn parse_day_or_written(text: &str) -> Result<ParsedSpan, String> {
    parse_date_text(text).or_else(|message| {
        if let Some(range) = written_range(text) {
            return range;
        }
        match free_date_of(text) {
            FreeDate::Dated(span) => Ok(span),
            FreeDate::Yearless { .. } => Err(format!(
                "`{}` gives no year (write the year: `23 August 2022`)",
                text.trim()
            )),
            FreeDate::Unknown => Err(two_ways(text).unwrap_or_else(|| unread(text, message))),
        }
    })
}

/// The message for text that is no date: the ISO reader's own when the text starts as an ISO
/// date (`2022-13-01` is not a real calendar date), else the forms a written date may take.
fn unread(text: &str, message: String) -> String {
    if !message.contains("is not a date (expected") {
        return message;
    }
    format!(
        "`{}` is not a date (expected 2022-08-03, 3 August 2022, August 3, 2022, March 2021, \
         2021/03/05 or 03.08.2022, with or without a time of day after it)",
        text.trim()
    )
}

/// The message for a day written with slashes that reads two ways (`05/03/2021`), naming both.
fn two_ways(text: &str) -> Option<String> {
    let (a, b, y) = slashed_numbers(text.trim())?;
    let (a_first, b_first) = (
        NaiveDate::from_ymd_opt(y, b, a)?,
        NaiveDate::from_ymd_opt(y, a, b)?,
    );
    (a_first != b_first).then(|| {
        format!(
            "`{}` reads two ways, {} or {}: write it year first ({} or {})",
            text.trim(),
            a_first.format("%-d %B %Y"),
            b_first.format("%B %-d, %Y"),
            a_first.format("%Y-%m-%d"),
            b_first.format("%Y-%m-%d"),
        )
    })
}

/// A day and a month of one or two digits and a year of four, parted by slashes: `05/03/2021`
/// gives (5, 3, 2021).
fn slashed_numbers(t: &str) -> Option<(u32, u32, i32)> {
    let mut parts = t.split('/');
    let (Some(a), Some(b), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let small = |p: &str| {
        (matches!(p.len(), 1 | 2) && p.bytes().all(|c| c.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let year = (y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit()))
        .then(|| y.parse::<i32>().ok())
        .flatten()?;
    Some((small(a)?, small(b)?, year))
}

/// Whether text is a day with its day and month written with slashes (`28/03/2024`,
/// `05/03/2021`), read or not: a GeoJSON time with a slash is otherwise an ISO interval.
pub fn is_slashed_day(text: &str) -> bool {
    slashed_numbers(text.trim()).is_some()
}

/// A day written with slashes where only one order of day and month is a date (`28/03/2024` day
/// first, `3/28/2024` month first), or both orders give the same day (`05/05/2021`).
fn one_way_slashed_day(t: &str) -> Option<ParsedSpan> {
    let (a, b, y) = slashed_numbers(t)?;
    let day_first = NaiveDate::from_ymd_opt(y, b, a);
    let month_first = NaiveDate::from_ymd_opt(y, a, b);
    match (day_first, month_first) {
        (Some(d), None) | (None, Some(d)) => Some(ParsedSpan::day(d)),
        (Some(d), Some(m)) if d == m => Some(ParsedSpan::day(d)),
        _ => None,
    }
}

/// Two written dates parted by a spaced dash ("March 24, 2025 - March 30, 2025"): the days from
/// the first's start to the second's end, at the coarser of their precisions; an error when the
/// second ends before the first starts. None when the text is not two such dates.
fn written_range(text: &str) -> Option<Result<ParsedSpan, String>> {
    let t = text.trim();
    let (a, b) = [" - ", " – ", " — "].iter().find_map(|d| t.split_once(d))?;
    let one = |s: &str| match parse_date_text(s) {
        Ok(span) => Some(span),
        Err(_) => match free_date_of(s) {
            FreeDate::Dated(span) => Some(span),
            _ => None,
        },
    };
    let (a, b) = (one(a)?, one(b)?);
    if b.end < a.start {
        return Some(Err(format!("`{t}` ends before it starts")));
    }
    Some(Ok(ParsedSpan {
        start: a.start,
        end: b.end,
        precision: coarser(a.precision, b.precision),
    }))
}

/// The longest text read as a free-form date: a longer one is prose, not a date.
const FREE_DATE_MAX: usize = 40;

/// [`read_free_date`] of short text with a digit in it, which every written date with its year
/// has; other text (a title, a note: most values a loader asks about) is passed over at once.
fn free_date_of(text: &str) -> FreeDate {
    let t = text.trim();
    if t.len() > FREE_DATE_MAX || !t.bytes().any(|b| b.is_ascii_digit()) {
        return FreeDate::Unknown;
    }
    read_free_date(t)
}

/// The words of a date: month names and numbers (ordinal endings and weekday names dropped);
/// `None` when any other word is present.
fn tokens(text: &str) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    for word in text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .filter(|w| !w.is_empty())
    {
        let word = word.trim_end_matches('.');
        let lower = word.to_ascii_lowercase();
        if WEEKDAYS
            .iter()
            .any(|d| *d == lower || (lower.len() == 3 && d.starts_with(&lower)))
        {
            continue;
        }
        if let Some(m) = month_number(word.as_bytes()) {
            out.push(Token::Month(m));
            continue;
        }
        let digits = ["st", "nd", "rd", "th"]
            .iter()
            .find_map(|s| lower.strip_suffix(s))
            .unwrap_or(&lower);
        if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push(Token::Number(digits.parse().ok()?, digits.len()));
    }
    (!out.is_empty()).then_some(out)
}

/// `1990s` as the decade.
fn decade(text: &str) -> Option<ParsedSpan> {
    let digits = text.strip_suffix('s').or_else(|| text.strip_suffix("'s"))?;
    let y: i32 = (digits.len() == 4).then(|| digits.parse().ok()).flatten()?;
    if y % 10 != 0 {
        return None;
    }
    let (start, _) = year_range(y)?;
    let (_, end) = year_range(y + 9)?;
    Some(ParsedSpan {
        start,
        end,
        precision: Precision::Decade,
    })
}

/// `1914-1918` (or with an en dash, or spaces) as the years from one to the other.
fn year_range_of(text: &str) -> Option<ParsedSpan> {
    let (a, b) = text.split_once(['-', '–', '—'])?;
    let year = |s: &str| {
        let s = s.trim();
        (s.len() == 4 && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<i32>().ok())
            .flatten()
    };
    let (a, b) = (year(a)?, year(b)?);
    if b < a {
        return None;
    }
    Some(ParsedSpan {
        start: year_range(a)?.0,
        end: year_range(b)?.1,
        precision: Precision::Year,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dated(text: &str) -> ParsedSpan {
        match read_free_date(text) {
            FreeDate::Dated(s) => s,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn dates_with_years_in_many_styles() {
        for text in [
            "2022-08-03",
            "3 August 2022",
            "August 3, 2022",
            "Aug. 3rd 2022",
            "Wednesday, August 3, 2022",
            "3 Aug, 2022",
        ] {
            assert_eq!(dated(text), ParsedSpan::day(d(2022, 8, 3)), "{text}");
        }
        let month = dated("August 2022");
        assert_eq!(
            (month.start, month.end, month.precision),
            (d(2022, 8, 1), d(2022, 8, 31), Precision::Month)
        );
        assert_eq!(dated("1845").precision, Precision::Year);
        let decade = dated("1990s");
        assert_eq!(
            (decade.start, decade.end, decade.precision),
            (d(1990, 1, 1), d(1999, 12, 31), Precision::Decade)
        );
        let war = dated("1914–1918");
        assert_eq!(
            (war.start, war.end, war.precision),
            (d(1914, 1, 1), d(1918, 12, 31), Precision::Year)
        );
    }

    #[test]
    fn yearless_dates_are_never_given_a_year() {
        assert_eq!(
            read_free_date("Aug 23"),
            FreeDate::Yearless {
                month: 8,
                day: Some(23)
            }
        );
        assert_eq!(read_free_date("23rd of"), FreeDate::Unknown);
        assert_eq!(
            read_free_date("23 August"),
            FreeDate::Yearless {
                month: 8,
                day: Some(23)
            }
        );
        assert_eq!(
            read_free_date("September"),
            FreeDate::Yearless {
                month: 9,
                day: None
            }
        );
        assert_eq!(FreeDate::in_year(2, Some(29), 2023), None);
        assert_eq!(
            FreeDate::in_year(8, Some(23), 2020),
            Some(ParsedSpan::day(d(2020, 8, 23)))
        );
    }

    #[test]
    fn other_text_is_not_a_date() {
        for text in [
            "",
            "the next morning",
            "Spring offensive",
            "45 August 2022",
            "August 2022 or later",
            "12",
        ] {
            assert_eq!(read_free_date(text), FreeDate::Unknown, "{text}");
        }
    }

    proptest! {
        #[test]
        fn fuzz_never_panics(text in "\\PC{0,40}") {
            let _ = read_free_date(&text);
        }

        #[test]
        fn written_days_read_back(days in 700_000i32..740_000, style in 0usize..3) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let text = match style {
                0 => date.format("%B %-d, %Y").to_string(),
                1 => date.format("%-d %b %Y").to_string(),
                _ => date.format("%A, %B %-d, %Y").to_string(),
            };
            prop_assert_eq!(read_free_date(&text), FreeDate::Dated(ParsedSpan::day(date)));
        }

        /// A month written with its year, by name or abbreviation, is that whole month at month
        /// precision; a day written the American way is that day.
        #[test]
        fn a_file_s_written_months_and_days_read_as_written(
            days in 700_000i32..740_000,
            style in 0usize..4,
        ) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let month = month_range(date.year(), date.month()).unwrap();
            let (text, wanted) = match style {
                0 => (date.format("%B %Y").to_string(), month),
                1 => (date.format("%b. %Y").to_string(), month),
                2 => (date.format("%b %-d, %Y").to_string(), (date, date)),
                _ => (date.format("%B %-d %Y").to_string(), (date, date)),
            };
            let span = parse_written_date(&text).unwrap();
            prop_assert_eq!((span.start, span.end), wanted, "{}", text);
            let precision = if style < 2 { Precision::Month } else { Precision::Day };
            prop_assert_eq!(span.precision, precision, "{}", text);
        }
    }

    proptest! {
        /// A day with a time of day after it, as a spreadsheet, a feed or a mail writes it, is
        /// that day as written, with that time.
        #[test]
        fn a_written_day_and_time_read_back(
            days in 700_000i32..740_000,
            secs in 0u32..86_400,
            style in 0usize..3,
        ) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap();
            let at = date.and_time(time);
            let text = match style {
                0 => at.format("%B %-d, %Y, %-I:%M:%S %p").to_string(),
                1 => at.format("%a, %d %b %Y %H:%M:%S +0400").to_string(),
                _ => at.format("%Y/%m/%d %H:%M:%S").to_string(),
            };
            let (span, read) = parse_written_datetime(&text).unwrap();
            prop_assert_eq!(span, ParsedSpan::day(date), "{}", text);
            prop_assert_eq!(read.map(|t| t.time), Some(time), "{}", text);
        }
    }

    #[test]
    fn two_written_dates_parted_by_a_dash_are_the_days_between() {
        let span = parse_written_date("March 24, 2025 - March 30, 2025").unwrap();
        assert_eq!((span.start, span.end), (d(2025, 3, 24), d(2025, 3, 30)));
        assert_eq!(span.precision, Precision::Day);
        // the coarser precision of the two is kept
        let months = parse_written_date("March 2021 – May 2021").unwrap();
        assert_eq!((months.start, months.end), (d(2021, 3, 1), d(2021, 5, 31)));
        assert_eq!(months.precision, Precision::Month);
        let backwards = parse_written_date("May 2021 - March 2021").unwrap_err();
        assert!(backwards.contains("ends before it starts"), "{backwards}");
        // a title with a dash in it is not a date
        assert!(parse_written_date("Armed clash - Tabriz 2").is_err());
    }

    #[test]
    fn a_day_written_with_slashes_is_read_when_it_reads_one_way() {
        assert_eq!(
            parse_written_date("2021/03/05").unwrap(),
            ParsedSpan::day(d(2021, 3, 5))
        );
        assert!(parse_written_date("2021/13/05").is_err());
        // only one order of day and month is a date
        assert_eq!(
            parse_written_date("28/03/2024").unwrap(),
            ParsedSpan::day(d(2024, 3, 28))
        );
        assert_eq!(
            parse_written_date("3/28/2024").unwrap(),
            ParsedSpan::day(d(2024, 3, 28))
        );
        assert_eq!(
            parse_written_date("05/05/2021").unwrap(),
            ParsedSpan::day(d(2021, 5, 5))
        );
        // 05/03/2021 is the 5th of March in one country and May 3rd in another
        let both = parse_written_date("05/03/2021").unwrap_err();
        assert_eq!(
            both,
            "`05/03/2021` reads two ways, 5 March 2021 or May 3, 2021: write it year first \
             (2021-03-05 or 2021-05-03)"
        );
        assert!(
            parse_written_date("31/31/2021")
                .unwrap_err()
                .contains("is not a date")
        );
        assert_eq!(read_free_date("05/03/2021"), FreeDate::Unknown);
    }

    #[test]
    fn a_day_with_a_time_of_day_after_it_keeps_the_day_as_written_and_the_time() {
        for (text, time) in [
            ("March 28, 2024, 10:24:02 PM", "22:24:02"),
            ("Thu, 28 Mar 2024 22:24:02 GMT", "22:24:02Z"),
            ("28/03/2024 23:30 +04:00", "23:30:00+04:00"),
            ("2024/03/28 8:00 AM", "08:00:00"),
        ] {
            let (span, read) = parse_written_datetime(text).unwrap();
            assert_eq!(span, ParsedSpan::day(d(2024, 3, 28)), "{text}");
            assert_eq!(read.map(|t| t.iso()).as_deref(), Some(time), "{text}");
        }
        // a time of day says nothing without its day
        let month = parse_written_datetime("March 2024 10:00").unwrap_err();
        assert!(month.contains("`March 2024` is not a day"), "{month}");
        // a clock after text that is no date leaves the date's own message
        let other = parse_written_datetime("soon 10:00").unwrap_err();
        assert!(
            other.contains("`soon 10:00` is not a date (expected"),
            "{other}"
        );
        // a day without a clock has no time of day
        assert_eq!(parse_written_datetime("March 28, 2024").unwrap().1, None);
    }

    #[test]
    fn a_written_date_without_its_year_or_not_a_date_is_an_error() {
        assert!(
            parse_written_date("23 August")
                .unwrap_err()
                .contains("gives no year")
        );
        assert!(
            parse_written_date("March")
                .unwrap_err()
                .contains("is not a date")
        );
        assert!(
            parse_written_date("soon")
                .unwrap_err()
                .contains("is not a date")
        );
        assert_eq!(
            parse_written_date("2021-03").unwrap().precision,
            Precision::Month
        );
    }
}
