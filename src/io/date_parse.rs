//! Flexible date parsing for imported datasets: partial ISO dates (`2021`, `2021-11`, `2021-11-22`),
//! ISO datetimes, ACLED's `03 August 2022` and `3-Aug-22`, and Unix milliseconds.
//!
//! Every parser here is hand-written over bytes: it never allocates on success (the ACLED loader calls
//! it once per row) and returns a message naming the offending text on failure.

use crate::model::Precision;
use crate::model::date::{month_range, year_range};
use chrono::{Datelike, Days, NaiveDate};

/// An inclusive range of days and the precision its text gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParsedSpan {
    /// First day (inclusive).
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
    /// How precise the text was: day, month or year.
    pub precision: Precision,
}

impl ParsedSpan {
    /// A single day.
    pub fn day(date: NaiveDate) -> ParsedSpan {
        ParsedSpan {
            start: date,
            end: date,
            precision: Precision::Day,
        }
    }
}

/// Parses `n` ASCII digits; `None` if any byte is not a digit.
fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

fn not_real(text: &str) -> String {
    format!("`{text}` is not a real calendar date")
}

fn checked_date(text: &str, year: i32, month: u32, day: u32) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| not_real(text))
}

/// Checks the time part of an ISO datetime after the date: `THH:MM[:SS[.fff]][Z|±HH[:]MM]`.
fn valid_time_part(rest: &[u8]) -> bool {
    let Some((&sep, rest)) = rest.split_first() else {
        return false;
    };
    if !matches!(sep, b'T' | b't' | b' ') || rest.len() < 5 {
        return false;
    }
    let two = |b: &[u8], max: u32| b.len() >= 2 && digits(&b[..2]).is_some_and(|v| v <= max);
    if !two(rest, 23) || rest[2] != b':' || !two(&rest[3..], 59) {
        return false;
    }
    let mut rest = &rest[5..];
    if rest.first() == Some(&b':') {
        if !two(&rest[1..], 60) {
            return false;
        }
        rest = &rest[3..];
        if rest.first() == Some(&b'.') {
            let frac = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
            if frac == 0 {
                return false;
            }
            rest = &rest[1 + frac..];
        }
    }
    match rest {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] | [b'+' | b'-', h1, h2, m1, m2] => {
            two(&[*h1, *h2], 23) && two(&[*m1, *m2], 59)
        }
        [b'+' | b'-', h1, h2] => two(&[*h1, *h2], 23),
        _ => false,
    }
}

/// Parses an ISO date at partial precision: `2021` (the year), `2021-11` (the month), `2021-11-22`
/// (the day) or a datetime such as `2021-11-22T10:00:00Z` (the day as written, before any offset).
pub fn parse_iso_partial(text: &str) -> Result<ParsedSpan, String> {
    let t = text.trim();
    let b = t.as_bytes();
    let shape = || format!("`{text}` is not a date (expected YYYY, YYYY-MM or YYYY-MM-DD)");
    let year = b.get(..4).and_then(digits).ok_or_else(shape)? as i32;
    match b.len() {
        4 => {
            let (start, end) = year_range(year).ok_or_else(|| not_real(text))?;
            return Ok(ParsedSpan {
                start,
                end,
                precision: Precision::Year,
            });
        }
        7 if b[4] == b'-' => {
            let month = digits(&b[5..7]).ok_or_else(shape)?;
            let (start, end) = month_range(year, month).ok_or_else(|| not_real(text))?;
            return Ok(ParsedSpan {
                start,
                end,
                precision: Precision::Month,
            });
        }
        _ => {}
    }
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(shape());
    }
    let month = digits(&b[5..7]).ok_or_else(shape)?;
    let day = digits(&b[8..10]).ok_or_else(shape)?;
    if b.len() > 10 && !valid_time_part(&b[10..]) {
        return Err(format!("`{text}` is not an ISO date or datetime"));
    }
    Ok(ParsedSpan::day(checked_date(text, year, month, day)?))
}

/// The month number of an English month name or its three-letter abbreviation (any case).
pub(crate) fn month_number(name: &[u8]) -> Option<u32> {
    const NAMES: [&[u8]; 12] = [
        b"january",
        b"february",
        b"march",
        b"april",
        b"may",
        b"june",
        b"july",
        b"august",
        b"september",
        b"october",
        b"november",
        b"december",
    ];
    NAMES
        .iter()
        .position(|full| {
            name.eq_ignore_ascii_case(full)
                || (name.len() == 3 && name.eq_ignore_ascii_case(&full[..3]))
        })
        .or_else(|| name.eq_ignore_ascii_case(b"sept").then_some(8))
        .map(|i| i as u32 + 1)
}

/// Parses a single day: ISO `2022-08-03`, `03 August 2022`, `3 Aug 2022`, `3-Aug-22` or `3-August-2022`,
/// and as spreadsheets in many locales write it, day first with dots: `03.08.2022`, `03.08.22`,
/// `3. August 2022`. Two-digit years 00-69 are 2000-2069 and 70-99 are 1970-1999.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[..4].iter().all(u8::is_ascii_digit) {
        return parse_iso_partial(text).map(|span| span.start);
    }
    let shape = || {
        format!(
            "`{text}` is not a date (expected 2022-08-03, 03 August 2022, 3-Aug-22 or 03.08.2022)"
        )
    };
    if let Some(day) = dotted_day(text, t) {
        return day;
    }
    let mut parts = t.split([' ', '-', '/']).filter(|p| !p.is_empty());
    let (Some(d), Some(m), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(shape());
    };
    let d = d.strip_suffix('.').unwrap_or(d);
    let day = digits(d.as_bytes())
        .filter(|_| d.len() <= 2)
        .ok_or_else(shape)?;
    let month = month_number(m.trim_end_matches('.').as_bytes()).ok_or_else(shape)?;
    let year = year_of(y).ok_or_else(shape)?;
    checked_date(text, year, month, day)
}

/// A two- or four-digit year: 00-69 are 2000-2069, 70-99 are 1970-1999.
fn year_of(y: &str) -> Option<i32> {
    match (y.len(), digits(y.as_bytes())) {
        (2, Some(yy)) if yy < 70 => Some(2000 + yy as i32),
        (2, Some(yy)) => Some(1900 + yy as i32),
        (4, Some(yyyy)) => Some(yyyy as i32),
        _ => None,
    }
}

/// `t` (the trimmed `text`) read as a day written with dots, day first (`03.08.2022`,
/// `3.8.22`); `None` when it is not three numbers parted by dots.
fn dotted_day(text: &str, t: &str) -> Option<Result<NaiveDate, String>> {
    let mut parts = t.split('.');
    let (Some(d), Some(m), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let number = |p: &str| digits(p.as_bytes()).filter(|_| p.len() <= 2);
    let (day, month, year) = (number(d)?, number(m)?, year_of(y)?);
    Some(checked_date(text, year, month, day))
}

/// Parses any date text this module knows: a partial ISO date or datetime, or a day in ACLED's styles;
/// a string of more than four digits is a day written `YYYYMMDD` or a Unix time ([`span_of_number`]).
pub fn parse_date_text(text: &str) -> Result<ParsedSpan, String> {
    let t = text.trim();
    let b = t.as_bytes();
    let unsigned = b.strip_prefix(b"-").unwrap_or(b);
    if unsigned.len() > 4 && unsigned.iter().all(u8::is_ascii_digit) {
        let n: f64 = t.parse().map_err(|_| format!("`{text}` is not a date"))?;
        return span_of_number(n).map_err(|m| match m.split_once(" is not a date: ") {
            Some((_, why)) => format!("`{t}` is not a date: {why}"),
            None => format!("`{t}`: {m}"),
        });
    }
    if b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) {
        parse_iso_partial(text)
    } else {
        parse_day(text).map(ParsedSpan::day)
    }
}

/// The UTC day of a Unix time in milliseconds.
pub fn day_from_unix_millis(ms: f64) -> Result<NaiveDate, String> {
    const EPOCH_DAYS_FROM_CE: f64 = 719_163.0;
    let days = (ms / 86_400_000.0).floor() + EPOCH_DAYS_FROM_CE;
    if !days.is_finite() || days.abs() > 50_000_000.0 {
        return Err(format!("timestamp {ms} is out of range"));
    }
    NaiveDate::from_num_days_from_ce_opt(days as i32)
        .ok_or_else(|| format!("timestamp {ms} is out of range"))
}

/// Below this magnitude a Unix time is seconds, from it on milliseconds: 10^11 seconds is the year
/// 5138, 10^11 milliseconds March 1973.
const SECONDS_BELOW: f64 = 1e11;

/// A Unix time in milliseconds, from a count of seconds (below 10^11 in magnitude, as most tables
/// and ACLED's `timestamp` write it) or of milliseconds (as USGS and JavaScript write it).
///
/// ```
/// use caucasus_atlas::io::date_parse::unix_millis;
/// assert_eq!(unix_millis(1_700_000_000.0), 1_700_000_000_000.0); // seconds: 14 Nov 2023
/// assert_eq!(unix_millis(1_700_000_000_000.0), 1_700_000_000_000.0); // already milliseconds
/// ```
pub fn unix_millis(n: f64) -> f64 {
    if n.abs() < SECONDS_BELOW {
        n * 1000.0
    } else {
        n
    }
}

/// A whole number of eight digits read as a day written `YYYYMMDD` (ISO 8601's basic form, as
/// GDELT's `SQLDATE`), in the years 1000 to 2999.
fn basic_day(n: f64) -> Option<NaiveDate> {
    if n.fract() != 0.0 || !(10_000_000.0..100_000_000.0).contains(&n) {
        return None;
    }
    let n = n as u32;
    let (year, month, day) = (n / 10_000, n / 100 % 100, n % 100);
    (1000..=2999)
        .contains(&year)
        .then(|| NaiveDate::from_ymd_opt(year as i32, month, day))
        .flatten()
}

/// A JSON number (or a field of digits) as a date: a plausible year (1000-2999) is that year, eight
/// digits that make a day `YYYYMMDD` are that day, a number of nine digits or more is a Unix time
/// in seconds or milliseconds ([`unix_millis`]); other numbers of five to eight digits are none of
/// these, and refused.
///
/// ```
/// use caucasus_atlas::io::date_parse::span_of_number;
/// use chrono::NaiveDate;
/// let day = |n| span_of_number(n).unwrap().start;
/// assert_eq!(day(20230919.0), NaiveDate::from_ymd_opt(2023, 9, 19).unwrap());
/// assert_eq!(day(1_695_081_600.0), NaiveDate::from_ymd_opt(2023, 9, 19).unwrap());
/// assert_eq!(day(1_695_081_600_000.0), NaiveDate::from_ymd_opt(2023, 9, 19).unwrap());
/// assert!(span_of_number(202309.0).is_err()); // a month as GDELT's MonthYear writes it
/// ```
pub fn span_of_number(n: f64) -> Result<ParsedSpan, String> {
    if n.fract() == 0.0 && (1000.0..=2999.0).contains(&n) {
        let (start, end) =
            year_range(n as i32).ok_or_else(|| format!("year {n} is out of range"))?;
        return Ok(ParsedSpan {
            start,
            end,
            precision: Precision::Year,
        });
    }
    if let Some(day) = basic_day(n) {
        return Ok(ParsedSpan::day(day));
    }
    if (10_000.0..100_000_000.0).contains(&n.abs()) {
        return Err(format!(
            "{n} is not a date: a number is read as a year (1000 to 2999), a day written \
             YYYYMMDD, or a Unix time in seconds or milliseconds (nine digits or more)"
        ));
    }
    day_from_unix_millis(unix_millis(n)).map(ParsedSpan::day)
}

/// The week (Monday to Sunday) containing a day.
pub fn week_containing(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let back = u64::from(date.weekday().num_days_from_monday());
    let start = date.checked_sub_days(Days::new(back)).unwrap_or(date);
    let end = start.checked_add_days(Days::new(6)).unwrap_or(start);
    (start, end)
}

/// The month containing a day.
pub fn month_containing(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    month_range(date.year(), date.month()).unwrap_or((date, date))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn partial_iso_dates_have_their_precision() {
        let year = parse_iso_partial("2021").unwrap();
        assert_eq!(
            (year.start, year.end, year.precision),
            (d(2021, 1, 1), d(2021, 12, 31), Precision::Year)
        );
        let month = parse_iso_partial("2021-11").unwrap();
        assert_eq!(
            (month.start, month.end, month.precision),
            (d(2021, 11, 1), d(2021, 11, 30), Precision::Month)
        );
        assert_eq!(
            parse_iso_partial("2021-11-22").unwrap(),
            ParsedSpan::day(d(2021, 11, 22))
        );
        assert_eq!(parse_iso_partial("2012-02").unwrap().end, d(2012, 2, 29));
    }

    #[test]
    fn datetimes_give_their_day() {
        for text in [
            "2021-11-22T10:00:00Z",
            "2021-11-22T10:00:00.123+04:00",
            "2021-11-22 23:59",
            "2021-11-22T10:00:00-0500",
            "2021-11-22T10:00+04",
        ] {
            assert_eq!(
                parse_iso_partial(text).unwrap(),
                ParsedSpan::day(d(2021, 11, 22)),
                "{text}"
            );
        }
        assert!(parse_iso_partial("2021-11-22T25:00:00Z").is_err());
        assert!(parse_iso_partial("2021-11-22Tnoon").is_err());
    }

    #[test]
    fn days_written_with_dots_are_day_first() {
        // as a spreadsheet in a German, Russian, Turkish or Azerbaijani locale writes them
        assert_eq!(parse_day("03.08.2022"), Ok(d(2022, 8, 3)));
        assert_eq!(parse_day(" 3.8.22 "), Ok(d(2022, 8, 3)));
        assert_eq!(parse_day("13.09.22"), Ok(d(2022, 9, 13)));
        assert_eq!(parse_day("3. August 2022"), Ok(d(2022, 8, 3)));
        assert_eq!(
            parse_date_text("13.09.1994").map(|s| s.start),
            Ok(d(1994, 9, 13))
        );
        // never month first: there is no 13th month
        assert!(parse_day("09.13.22").unwrap_err().contains("not a real"));
        for bad in ["03.08", "03.08.2022.1", "003.08.2022", "03.08.222", "a.b.c"] {
            assert!(
                parse_day(bad).unwrap_err().contains("is not a date"),
                "{bad}"
            );
        }
    }

    #[test]
    fn impossible_and_malformed_dates_are_errors() {
        assert!(
            parse_iso_partial("2022-02-30")
                .unwrap_err()
                .contains("not a real calendar date")
        );
        assert!(
            parse_iso_partial("2022-13")
                .unwrap_err()
                .contains("not a real")
        );
        assert!(
            parse_iso_partial("22-01-01")
                .unwrap_err()
                .contains("is not a date")
        );
        assert!(parse_iso_partial("").is_err());
        assert!(
            parse_day("30 February 2022")
                .unwrap_err()
                .contains("not a real")
        );
        assert!(
            parse_day("3 Smarch 2022")
                .unwrap_err()
                .contains("is not a date")
        );
        assert!(parse_day("3 August").is_err());
        assert!(parse_day("2022-8-3").is_err());
    }

    #[test]
    fn acled_day_styles() {
        assert_eq!(parse_day("2022-08-03"), Ok(d(2022, 8, 3)));
        assert_eq!(parse_day("03 August 2022"), Ok(d(2022, 8, 3)));
        assert_eq!(parse_day("3 August 2022"), Ok(d(2022, 8, 3)));
        assert_eq!(parse_day("3-Aug-22"), Ok(d(2022, 8, 3)));
        assert_eq!(parse_day("14-sep-98"), Ok(d(1998, 9, 14)));
        assert_eq!(parse_day("1-Jan-69"), Ok(d(2069, 1, 1)));
        assert_eq!(parse_day("1-Jan-70"), Ok(d(1970, 1, 1)));
        assert_eq!(parse_day("5 Sept 2020"), Ok(d(2020, 9, 5)));
        assert!(parse_day("5 Augu 2020").is_err());
    }

    #[test]
    fn numbers_are_years_or_milliseconds() {
        assert_eq!(span_of_number(2021.0).unwrap().precision, Precision::Year);
        // 2021-11-22T10:00:00Z
        assert_eq!(
            span_of_number(1_637_575_200_000.0).unwrap(),
            ParsedSpan::day(d(2021, 11, 22))
        );
        assert_eq!(span_of_number(-1.0).unwrap().start, d(1969, 12, 31));
        assert!(span_of_number(1e300).is_err());
        assert_eq!(
            parse_date_text("1637575200000").unwrap().start,
            d(2021, 11, 22)
        );
        assert_eq!(parse_date_text("2021").unwrap().precision, Precision::Year);
        assert_eq!(parse_date_text("3-Aug-22").unwrap().start, d(2022, 8, 3));
    }

    #[test]
    fn digits_are_a_basic_iso_day_or_unix_seconds_or_milliseconds() {
        // GDELT's SQLDATE, not 20 million milliseconds after 1970
        assert_eq!(
            parse_date_text("20230919").unwrap(),
            ParsedSpan::day(d(2023, 9, 19))
        );
        // a Unix time in seconds (as ACLED's `timestamp`), not in milliseconds (20 Jan 1970)
        assert_eq!(
            parse_date_text("1695081600").unwrap(),
            ParsedSpan::day(d(2023, 9, 19))
        );
        assert_eq!(
            parse_date_text("1695081600000").unwrap(),
            ParsedSpan::day(d(2023, 9, 19))
        );
        assert_eq!(span_of_number(-1e9).unwrap().start, d(1938, 4, 24));
        // eight digits that make no day, and GDELT's MonthYear, are refused
        for refused in ["20231340", "202309", "99999"] {
            let m = parse_date_text(refused).unwrap_err();
            assert!(
                m.starts_with(&format!("`{refused}` is not a date: ")),
                "{m}"
            );
        }
    }

    #[test]
    fn weeks_and_months_contain_the_day() {
        // 2022-08-03 is a Wednesday
        assert_eq!(
            week_containing(d(2022, 8, 3)),
            (d(2022, 8, 1), d(2022, 8, 7))
        );
        assert_eq!(
            week_containing(d(2022, 8, 1)),
            (d(2022, 8, 1), d(2022, 8, 7))
        );
        assert_eq!(
            week_containing(d(2022, 8, 7)),
            (d(2022, 8, 1), d(2022, 8, 7))
        );
        assert_eq!(
            month_containing(d(2024, 2, 10)),
            (d(2024, 2, 1), d(2024, 2, 29))
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn fuzz_never_panics(text in "\\PC{0,40}") {
            let _ = parse_date_text(&text);
            let _ = parse_day(&text);
        }

        #[test]
        fn iso_days_round_trip(days in 0i32..1_000_000) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap_or(NaiveDate::MIN);
            let text = date.format("%Y-%m-%d").to_string();
            prop_assume!(text.len() == 10);
            prop_assert_eq!(parse_date_text(&text), Ok(ParsedSpan::day(date)));
        }

        #[test]
        fn days_with_dots_read_as_the_day_written(days in 693_596i32..767_010, short in proptest::bool::ANY) {
            // 1900 to 2100: four-digit years, and two-digit ones in their century
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap_or(NaiveDate::MIN);
            let text = date.format(if short { "%d.%m.%y" } else { "%d.%m.%Y" }).to_string();
            let year = date.format("%Y").to_string().parse::<i32>().unwrap_or_default();
            prop_assume!(!short || (1970..2070).contains(&year));
            prop_assert_eq!(parse_day(&text), Ok(date));
        }
    }
}
