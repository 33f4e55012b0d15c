//! When a GeoJSON feature happened: which properties hold its time, and how their values read.
//!
//! Start/end pairs come first (`start`/`end`, `begin`/`end`, `start_date`/`end_date`,
//! `startDate`/`endDate`, `date_start`/`date_end`, `from`/`to`), then single values (`time`,
//! `times`, `coordTimes`, `linestringTimestamps`, `datetime`, `date`, `Date`, `event_date`,
//! `timestamp`, `year`). A value is ISO 8601 text at any precision (`2021`, `2021-11`, `2021-11-22`,
//! a date-time with or without a zone), an ISO interval (`2020-01-01/2020-02-01`, either side may be
//! open as `..`), a day in ACLED's styles (`03 August 2022`, `3-Aug-22`), a number (a year from 1000
//! to 2999, otherwise Unix milliseconds as USGS writes `time`), or an array (its first and last
//! values). `from` and `to` count only when they read as dates (they also name places on routes).
//! A `time` that is only a time of day (`14:30`) gives the time of day of the date found elsewhere.

pub use super::clock::Clock;
use super::clock::{clock_of_millis, clock_only, iso_clock};
use super::keys::Key;
use super::raw::{Num, Props, Val};
use crate::io::date_parse::{ParsedSpan, span_of_number, unix_millis};
use crate::io::free_date::{is_slashed_day, parse_written_date, parse_written_datetime};
use crate::io::json_locate::Step;
use crate::model::Precision;
use crate::model::date::{day_of, year_range};
use crate::model::track::{Millis, millis_of_day};
use chrono::Timelike;

/// A problem: the path below the feature and the message.
pub type Fail = (Vec<Step>, String);

/// Where a time value is: a property, and its index in the property's array (two for an array
/// of arrays). Cheap to pass around; made into a path only for a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValueAt<'n> {
    /// The property.
    pub name: &'n str,
    /// Indexes into arrays, outermost first.
    pub index: [Option<usize>; 2],
}

impl<'n> ValueAt<'n> {
    /// The property itself.
    pub fn of(name: &'n str) -> ValueAt<'n> {
        ValueAt {
            name,
            index: [None; 2],
        }
    }

    /// An element of the value (deeper elements keep the outer two indexes).
    pub fn at(mut self, i: usize) -> ValueAt<'n> {
        if let Some(slot) = self.index.iter_mut().find(|s| s.is_none()) {
            *slot = Some(i);
        }
        self
    }

    /// The path below the feature.
    pub fn path(&self) -> Vec<Step> {
        let mut p = prop_path(self.name);
        p.extend(self.index.iter().flatten().map(|&i| Step::Index(i)));
        p
    }
}

/// One parsed time value and where it was.
#[derive(Clone, Debug, PartialEq)]
pub struct Stamp<'n> {
    /// The days it covers, with the precision its text gave.
    pub span: ParsedSpan,
    /// The time of day, when the value has one.
    pub clock: Option<Clock>,
    /// Where the value is in the feature.
    pub at: ValueAt<'n>,
    /// For one side of an open interval (`2021-06/..`), what the date stands for.
    pub open: Option<String>,
}

impl Stamp<'_> {
    /// The instant the value starts: its first day at its time of day (00:00 without one), UTC
    /// (a time of day without a zone is taken as UTC).
    pub fn instant(&self) -> Millis {
        let day = millis_of_day(day_of(self.span.start));
        let Some(clock) = self.clock else {
            return day;
        };
        let since_midnight = Millis::from(clock.time.num_seconds_from_midnight()) * 1000
            + Millis::from(clock.time.nanosecond() / 1_000_000);
        day + since_midnight - Millis::from(clock.utc_offset.unwrap_or(0)) * 1000
    }
}

/// What a feature's properties say about its time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FoundTime<'n> {
    /// The first and last values (the same one for a single value), when any was found.
    pub stamps: Option<(Stamp<'n>, Stamp<'n>)>,
    /// A time of day given on its own (`"time": "14:30"`).
    pub clock: Option<Clock>,
}

/// Start/end pairs, in the order they are looked for.
const PAIRS: [(Key, Key); 6] = [
    (Key::Start, Key::End),
    (Key::Begin, Key::End),
    (Key::StartDate, Key::EndDate),
    (Key::StartDateCamel, Key::EndDateCamel),
    (Key::DateStart, Key::DateEnd),
    (Key::From, Key::To),
];

/// Single time keys, in the order they are looked for.
const SINGLES: [Key; 10] = [
    Key::Time,
    Key::Times,
    Key::CoordTimes,
    Key::LinestringTimestamps,
    Key::Datetime,
    Key::Date,
    Key::DateCapital,
    Key::EventDate,
    Key::Timestamp,
    Key::Year,
];

/// Keys whose values give a track's times, one per vertex, in the order they are looked for.
pub const TRACK_KEYS: [Key; 3] = [Key::Times, Key::CoordTimes, Key::LinestringTimestamps];

/// The path of a property.
pub fn prop_path(name: &str) -> Vec<Step> {
    vec![Step::from("properties"), Step::from(name)]
}

/// Whether a key's values count only when they read as dates.
fn lenient(key: Key) -> bool {
    matches!(key, Key::From | Key::To)
}

/// The time a feature's recognised keys give.
pub fn recognised_time(props: &Props) -> Result<FoundTime<'static>, Fail> {
    let mut found = FoundTime::default();
    let read = |key: Key| -> Result<Option<(Stamp<'static>, Stamp<'static>)>, Fail> {
        let Some(v) = props.get(key) else {
            return Ok(None);
        };
        match value_span(v, ValueAt::of(key.name()), key == Key::Year) {
            Err(_) if lenient(key) => Ok(None),
            other => other,
        }
    };
    for (start, end) in PAIRS {
        if let Some((first, _)) = read(start)? {
            let last = read(end)?.map(|(_, last)| last);
            let last = last.unwrap_or_else(|| first.clone());
            found.stamps = Some(ordered(first, last)?);
            return Ok(found);
        }
    }
    for (_, end) in PAIRS {
        if let Some(pair) = read(end)? {
            found.stamps = Some(pair);
            return Ok(found);
        }
    }
    for key in SINGLES {
        if key == Key::Time
            && let Some(Val::Str(s)) = props.get(key)
            && let Some(clock) = clock_only(s)
        {
            found.clock = Some(clock);
            continue;
        }
        if let Some(pair) = read(key)? {
            found.stamps = Some(pair);
            return Ok(found);
        }
    }
    Ok(found)
}

/// The time given by the fields the user chose (`--time-field START[,END]`).
pub fn chosen_time<'n>(
    props: &Props,
    start: &'n str,
    end: Option<&'n str>,
) -> Result<FoundTime<'n>, Fail> {
    let read = |name: &'n str| -> Result<Option<(Stamp<'n>, Stamp<'n>)>, Fail> {
        props
            .by_name(name)
            .map_or(Ok(None), |v| value_span(v, ValueAt::of(name), false))
    };
    let Some((first, last)) = read(start)? else {
        return Ok(FoundTime::default());
    };
    let last = match end {
        Some(end) => read(end)?.map_or(last, |(_, l)| l),
        None => last,
    };
    Ok(FoundTime {
        stamps: Some(ordered(first, last)?),
        clock: None,
    })
}

/// Checks that the end does not come before the start.
fn ordered<'n>(start: Stamp<'n>, end: Stamp<'n>) -> Result<(Stamp<'n>, Stamp<'n>), Fail> {
    if end.span.end < start.span.start {
        return Err((
            end.at.path(),
            format!("end {} is before start {}", end.span.end, start.span.start),
        ));
    }
    Ok((start, end))
}

/// The date range and precision of the stamps: the span from the first's start to the last's
/// end, as precise as the less precise of the two.
pub fn range_of(stamps: &(Stamp, Stamp)) -> (chrono::NaiveDate, chrono::NaiveDate, Precision) {
    let (start, end) = stamps;
    (
        start.span.start,
        end.span.end,
        start.span.precision.max(end.span.precision),
    )
}

/// One property value as a (first, last) pair of stamps: an interval or an array gives two,
/// anything else one. Null and blank text give none.
pub fn value_span<'n>(
    v: &Val,
    at: ValueAt<'n>,
    year: bool,
) -> Result<Option<(Stamp<'n>, Stamp<'n>)>, Fail> {
    match v {
        Val::List(items) => list_span(items, at, year),
        Val::Str(s) if s.contains('/') && !is_slashed_day(s) && parse_written_date(s).is_err() => {
            interval(s, at)
        }
        _ => Ok(stamp(v, at, year)?.map(|s| (s.clone(), s))),
    }
}

/// The first and last values of an array (of an array of arrays, the first of the first and the
/// last of the last).
fn list_span<'n>(
    items: &[Val],
    at: ValueAt<'n>,
    year: bool,
) -> Result<Option<(Stamp<'n>, Stamp<'n>)>, Fail> {
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return Ok(None);
    };
    let last_at = at.at(items.len() - 1);
    if let (Val::List(a), Val::List(b)) = (first, last) {
        let a = list_span(a, at.at(0), year)?;
        let b = list_span(b, last_at, year)?;
        return Ok(match (a, b) {
            (Some((s, _)), Some((_, e))) => Some(ordered(s, e)?),
            (one, None) | (None, one) => one,
        });
    }
    let start = stamp(first, at.at(0), year)?;
    let end = stamp(last, last_at, year)?;
    Ok(match (start, end) {
        (Some(s), Some(e)) => Some(ordered(s, e)?),
        (Some(one), None) | (None, Some(one)) => Some((one.clone(), one)),
        (None, None) => None,
    })
}

/// An ISO 8601 interval `start/end`; either side may be open (`..` or empty).
fn interval<'n>(text: &str, at: ValueAt<'n>) -> Result<Option<(Stamp<'n>, Stamp<'n>)>, Fail> {
    let Some((a, b)) = text.split_once('/') else {
        return Ok(None);
    };
    let side = |t: &str| -> Result<Option<Stamp<'n>>, Fail> {
        let t = t.trim();
        if t.is_empty() || t == ".." {
            return Ok(None);
        }
        text_stamp(t, at).map(Some).map_err(|_| {
            (
                at.path(),
                format!("`{text}` is not a date or an interval of dates"),
            )
        })
    };
    let open = |mut one: Stamp<'n>, known: &str, missing: &str| {
        one.open = Some(format!(
            "`{}` is an open interval: dated by its {known} alone, its {missing} is not given",
            text.trim()
        ));
        Ok(Some((one.clone(), one)))
    };
    match (side(a)?, side(b)?) {
        (Some(s), Some(e)) => ordered(s, e).map(Some),
        (Some(one), None) => open(one, "start", "end"),
        (None, Some(one)) => open(one, "end", "start"),
        (None, None) => Err((at.path(), format!("`{text}` is an interval with no dates"))),
    }
}

/// One scalar time value.
fn stamp<'n>(v: &Val, at: ValueAt<'n>, year: bool) -> Result<Option<Stamp<'n>>, Fail> {
    match v {
        Val::Null => Ok(None),
        Val::Str(s) if super::fields::blank(s) => Ok(None),
        Val::Str(s) => text_stamp(s, at).map(Some),
        Val::Num(n) => number_stamp(*n, at, year).map(Some),
        _ => Err((
            at.path(),
            "a time must be a date text or a number".to_owned(),
        )),
    }
}

/// A time written as text; an ISO date-time, or a day with a time of day written after it,
/// keeps its time of day.
fn text_stamp<'n>(text: &str, at: ValueAt<'n>) -> Result<Stamp<'n>, Fail> {
    let (span, written) = parse_written_datetime(text).map_err(|m| (at.path(), m))?;
    let t = text.trim();
    let clock = if is_millis_text(t) && span.precision == Precision::Day {
        t.parse::<f64>()
            .ok()
            .map(unix_millis)
            .and_then(clock_of_millis)
    } else {
        iso_clock(t).or_else(|| written.map(Clock::of_time_of_day))
    };
    Ok(Stamp {
        span,
        clock,
        at,
        open: None,
    })
}

/// Whether text is a Unix time as [`crate::io::date_parse::parse_date_text`] reads it (nine digits
/// or more; eight are a day written `YYYYMMDD`).
fn is_millis_text(t: &str) -> bool {
    let digits = t.strip_prefix('-').unwrap_or(t);
    digits.len() > 8 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// A number: a year, or Unix milliseconds (with their time of day, UTC).
fn number_stamp<'n>(n: Num, at: ValueAt<'n>, year: bool) -> Result<Stamp<'n>, Fail> {
    let f = n.as_f64();
    if year {
        let whole = matches!(n, Num::Int(_) | Num::Uint(_)) || f.fract() == 0.0;
        let range = (whole && f.abs() < 1e6)
            .then(|| year_range(f as i32))
            .flatten()
            .ok_or_else(|| (at.path(), format!("year {} is not a usable year", n.text())))?;
        return Ok(Stamp {
            span: ParsedSpan {
                start: range.0,
                end: range.1,
                precision: Precision::Year,
            },
            clock: None,
            at,
            open: None,
        });
    }
    let span = span_of_number(f).map_err(|m| (at.path(), m))?;
    // a day written YYYYMMDD has no time of day; a Unix time has
    let instant = !(1e7..1e8).contains(&f.abs());
    let clock = (span.precision == Precision::Day && instant)
        .then(|| clock_of_millis(unix_millis(f)))
        .flatten();
    Ok(Stamp {
        span,
        clock,
        at,
        open: None,
    })
}

/// Whether a value of a property the loader does not read looks like a date: text that reads as
/// one (or as an interval), or a number under a name that speaks of time and reads as a year, a
/// day written `YYYYMMDD` or a plausible instant (1973 to 2100 in seconds or milliseconds).
pub fn looks_like_date(name: &str, v: &Val) -> bool {
    match v {
        Val::Str(s) => {
            let t = s.trim();
            t.len() >= 4
                && (parse_written_date(t).is_ok()
                    || interval(t, ValueAt::of("")).is_ok_and(|p| p.is_some()))
        }
        Val::Num(n) => {
            let f = n.as_f64();
            let named = [
                "date", "time", "year", "day", "when", "start", "end", "begin",
            ]
            .iter()
            .any(|w| name.to_ascii_lowercase().contains(w));
            named
                && (f.fract() == 0.0 && (1000.0..=2999.0).contains(&f)
                    || (1e7..1e8).contains(&f) && span_of_number(f).is_ok()
                    || (1e8..4.1e9).contains(&f)
                    || (1e11..4.1e12).contains(&f))
        }
        _ => false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use chrono::NaiveTime;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn props(json: &str) -> Props<'_> {
        serde_json::from_str(json).unwrap()
    }

    fn range(json: &str) -> Option<(NaiveDate, NaiveDate, Precision)> {
        recognised_time(&props(json))
            .unwrap()
            .stamps
            .map(|s| range_of(&s))
    }

    #[test]
    fn each_pair_and_single_key_is_read() {
        let month = Some((d(2020, 1, 1), d(2020, 2, 29), Precision::Day));
        for (a, b) in [
            ("start", "end"),
            ("begin", "end"),
            ("start_date", "end_date"),
            ("startDate", "endDate"),
            ("date_start", "date_end"),
            ("from", "to"),
        ] {
            let json = format!("{{\"{a}\": \"2020-01-01\", \"{b}\": \"2020-02-29\"}}");
            assert_eq!(range(&json), month, "{a}/{b}");
        }
        let day = Some((d(2022, 8, 3), d(2022, 8, 3), Precision::Day));
        for key in [
            "time",
            "datetime",
            "date",
            "Date",
            "event_date",
            "timestamp",
        ] {
            let json = format!("{{\"{key}\": \"2022-08-03\"}}");
            assert_eq!(range(&json), day, "{key}");
        }
        assert_eq!(
            range("{\"year\": 850}"),
            Some((d(850, 1, 1), d(850, 12, 31), Precision::Year))
        );
        assert_eq!(range("{\"year\": \"1994\"}").unwrap().2, Precision::Year);
        assert_eq!(range("{\"mag\": 3.1}"), None);
    }

    #[test]
    fn intervals_and_open_ends() {
        assert_eq!(
            range("{\"date\": \"2020-01-01/2020-02\"}"),
            Some((d(2020, 1, 1), d(2020, 2, 29), Precision::Month))
        );
        assert_eq!(
            range("{\"date\": \"2021/..\"}"),
            Some((d(2021, 1, 1), d(2021, 12, 31), Precision::Year))
        );
        let found = recognised_time(&props("{\"date\": \"../2021-03\"}")).unwrap();
        assert_eq!(
            found.stamps.unwrap().0.open.as_deref(),
            Some(
                "`../2021-03` is an open interval: dated by its end alone, its start is not given"
            )
        );
        let err = recognised_time(&props("{\"date\": \"2021-03-01/2021-02-01\"}")).unwrap_err();
        assert_eq!(err.1, "end 2021-02-01 is before start 2021-03-01");
        let err = recognised_time(&props("{\"date\": \"soon/later\"}")).unwrap_err();
        assert_eq!(err.1, "`soon/later` is not a date or an interval of dates");
        assert_eq!(err.0, prop_path("date"));
    }

    #[test]
    fn from_and_to_count_only_as_dates() {
        assert_eq!(range("{\"from\": \"Baku\", \"to\": \"Tbilisi\"}"), None);
        assert_eq!(
            range("{\"from\": \"Baku\", \"date\": \"2021\"}").unwrap().2,
            Precision::Year
        );
    }

    #[test]
    fn times_of_day_are_kept() {
        let found = recognised_time(&props("{\"time\": 1637575200123}")).unwrap();
        let (start, _) = found.stamps.unwrap();
        assert_eq!(start.span.start, d(2021, 11, 22));
        let clock = start.clock.unwrap();
        assert_eq!(
            clock.time,
            NaiveTime::from_hms_milli_opt(10, 0, 0, 123).unwrap()
        );
        assert_eq!(clock.utc_offset, Some(0));
        assert_eq!(start.instant(), 1_637_575_200_123);
        let found =
            recognised_time(&props("{\"datetime\": \"2021-11-22T23:30:00-05:00\"}")).unwrap();
        let (start, _) = found.stamps.unwrap();
        // the day as written; the instant in UTC is the next morning
        assert_eq!(start.span.start, d(2021, 11, 22));
        assert_eq!(start.clock.unwrap().utc_offset, Some(-5 * 3600));
        assert_eq!(start.instant(), 1_637_641_800_000);
        let found =
            recognised_time(&props("{\"time\": \"14:30\", \"date\": \"2022-08-03\"}")).unwrap();
        assert_eq!(
            found.clock.unwrap().time,
            NaiveTime::from_hms_opt(14, 30, 0).unwrap()
        );
        assert_eq!(found.stamps.unwrap().0.span.start, d(2022, 8, 3));
    }

    #[test]
    fn unix_seconds_keep_their_time_and_a_basic_day_has_none() {
        // 2021-11-22T10:00:00Z in seconds, as a number and as text
        for json in ["{\"time\": 1637575200}", "{\"time\": \"1637575200\"}"] {
            let (start, _) = recognised_time(&props(json)).unwrap().stamps.unwrap();
            assert_eq!(start.span.start, d(2021, 11, 22), "{json}");
            assert_eq!(
                start.clock.unwrap().time,
                NaiveTime::from_hms_opt(10, 0, 0).unwrap()
            );
            assert_eq!(start.instant(), 1_637_575_200_000);
        }
        for json in ["{\"date\": 20211122}", "{\"date\": \"20211122\"}"] {
            let (start, _) = recognised_time(&props(json)).unwrap().stamps.unwrap();
            assert_eq!(start.span, ParsedSpan::day(d(2021, 11, 22)), "{json}");
            assert!(start.clock.is_none(), "{json}");
        }
    }

    #[test]
    fn chosen_fields_win() {
        let p = props("{\"date\": \"2001\", \"fecha\": \"2022-08-03\", \"hasta\": \"2022-09\"}");
        let found = chosen_time(&p, "fecha", Some("hasta")).unwrap();
        assert_eq!(
            range_of(&found.stamps.unwrap()),
            (d(2022, 8, 3), d(2022, 9, 30), Precision::Month)
        );
        assert!(chosen_time(&p, "missing", None).unwrap().stamps.is_none());
        let p = props("{\"fechas\": [\"2020-05\", \"2020-07-02\"], \"deep\": [[1]]}");
        let found = chosen_time(&p, "fechas", None).unwrap();
        assert_eq!(
            range_of(&found.stamps.unwrap()),
            (d(2020, 5, 1), d(2020, 7, 2), Precision::Month)
        );
        assert!(chosen_time(&p, "deep", None).is_err());
    }

    #[test]
    fn what_looks_like_a_date() {
        let s = |t: &'static str| Val::Str(t.into());
        assert!(looks_like_date("fecha", &s("2022-08-03")));
        assert!(looks_like_date("reported", &s("3 August 2022")));
        assert!(looks_like_date("period", &s("2020-01/2020-03")));
        assert!(!looks_like_date("name", &s("Baku")));
        assert!(!looks_like_date("code", &s("12")));
        assert!(looks_like_date("yr_date", &Val::Num(Num::Uint(1994))));
        assert!(!looks_like_date("population", &Val::Num(Num::Uint(1994))));
        assert!(looks_like_date(
            "updated_time",
            &Val::Num(Num::Uint(1_637_575_200_000))
        ));
        assert!(looks_like_date(
            "updated_time",
            &Val::Num(Num::Uint(1_637_575_200))
        ));
        assert!(looks_like_date("sqldate", &Val::Num(Num::Uint(20_211_122))));
        assert!(!looks_like_date(
            "month_year_date",
            &Val::Num(Num::Uint(20_211_340))
        ));
    }
}
