//! ISO 8601 dates with their time of day: `2021-11-22T10:15:00+04:00` gives the day and a
//! [`TimeOfDay`] with its offset; `2021`, `2021-11` and `2021-11-22` give a day span and no time.

use super::date_parse::{ParsedSpan, parse_iso_partial};
use crate::model::TimeOfDay;
use chrono::{FixedOffset, NaiveTime};

/// Parses a time of day as ISO 8601 writes it: `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`, then
/// optionally `Z`, `±HH`, `±HHMM` or `±HH:MM`.
pub fn parse_time_of_day(text: &str) -> Result<TimeOfDay, String> {
    let t = text.trim();
    let bad = || format!("`{text}` is not a time of day (expected HH:MM[:SS][Z|±HH:MM])");
    let zone_at = t
        .char_indices()
        .skip(1)
        .find(|&(_, c)| matches!(c, 'Z' | 'z' | '+' | '-'))
        .map_or(t.len(), |(i, _)| i);
    let (clock, zone) = t.split_at(zone_at);
    let time = ["%H:%M:%S%.f", "%H:%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(clock, f).ok())
        .filter(|_| clock.len() >= 5 && clock.as_bytes().get(2) == Some(&b':'))
        .ok_or_else(bad)?;
    let offset = match zone {
        "" => None,
        "Z" | "z" => FixedOffset::east_opt(0),
        _ => Some(parse_offset(zone).ok_or_else(bad)?),
    };
    Ok(TimeOfDay::new(time, offset))
}

/// `±HH`, `±HHMM` or `±HH:MM` as an offset from UTC (at most 23:59).
pub(crate) fn parse_offset(zone: &str) -> Option<FixedOffset> {
    let (sign, rest) = match zone.as_bytes().first()? {
        b'+' => (1, &zone[1..]),
        b'-' => (-1, &zone[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|&c| c != ':').collect();
    let shaped = matches!((rest.len(), digits.len()), (2, 2) | (4, 4) | (5, 4))
        && digits.bytes().all(|b| b.is_ascii_digit());
    if !shaped {
        return None;
    }
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Some(0), |m| m.parse().ok())?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// Parses an ISO date at any precision, with its time of day when it is a datetime:
/// `2021` (year), `2021-11` (month), `2021-11-22` (day), `2021-11-22T10:15:00+04:00` (the day as
/// written, and the time with its offset).
pub fn parse_iso_datetime(text: &str) -> Result<(ParsedSpan, Option<TimeOfDay>), String> {
    let span = parse_iso_partial(text)?;
    let t = text.trim();
    let time = match t.get(10..) {
        Some(rest) if !rest.is_empty() => Some(parse_time_of_day(&rest[1..])?),
        _ => None,
    };
    Ok((span, time))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Precision;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    #[test]
    fn datetimes_keep_their_time_and_offset() {
        let (span, time) = parse_iso_datetime("1997-07-16T07:30:15Z").unwrap();
        assert_eq!(
            span,
            ParsedSpan::day(NaiveDate::from_ymd_opt(1997, 7, 16).unwrap())
        );
        assert_eq!(time.unwrap().iso(), "07:30:15Z");
        let (_, time) = parse_iso_datetime("1997-07-16T10:30:15+03:00").unwrap();
        assert_eq!(time.unwrap().iso(), "10:30:15+03:00");
        let (_, time) = parse_iso_datetime("2021-11-22 23:59").unwrap();
        assert_eq!(time.unwrap().iso(), "23:59:00");
        let (_, time) = parse_iso_datetime("2021-11-22T10:00-0530").unwrap();
        assert_eq!(time.unwrap().iso(), "10:00:00-05:30");
        let (span, time) = parse_iso_datetime("1997-07").unwrap();
        assert_eq!((span.precision, time), (Precision::Month, None));
        let (span, time) = parse_iso_datetime("1997").unwrap();
        assert_eq!((span.precision, time), (Precision::Year, None));
        assert!(parse_iso_datetime("1997-07-16T25:00Z").is_err());
        assert!(parse_iso_datetime("1997-07-16Tnoon").is_err());
    }

    #[test]
    fn times_of_day_alone() {
        assert_eq!(
            parse_time_of_day("10:15:00+04:00").unwrap().iso(),
            "10:15:00+04:00"
        );
        assert_eq!(parse_time_of_day("10:15").unwrap().iso(), "10:15:00");
        assert_eq!(
            parse_time_of_day("10:15:01.5Z").unwrap().iso(),
            "10:15:01.500Z"
        );
        assert!(parse_time_of_day("10").is_err());
        assert!(parse_time_of_day("10:15+24:00").is_err());
        assert!(parse_time_of_day("").is_err());
    }

    proptest! {
        #[test]
        fn written_times_read_back(h in 0u32..24, m in 0u32..60, s in 0u32..60, off in -23i32..24, om in 0i32..60) {
            let offset = FixedOffset::east_opt(off.signum() * (off.abs() * 3600 + om * 60));
            let t = TimeOfDay::new(NaiveTime::from_hms_opt(h, m, s).unwrap(), offset);
            prop_assert_eq!(parse_time_of_day(&t.iso()), Ok(t));
            let date = NaiveDate::from_ymd_opt(2020, 2, 29).unwrap();
            let (span, back) = parse_iso_datetime(&t.iso_datetime(date)).unwrap();
            prop_assert_eq!(span.start, date);
            prop_assert_eq!(back, Some(t));
        }

        #[test]
        fn fuzz_never_panics(text in "\\PC{0,30}") {
            let _ = parse_iso_datetime(&text);
            let _ = parse_time_of_day(&text);
        }
    }
}
