//! TimelineJS date objects: `{year, month, day, hour, minute, second, millisecond, display_date}`,
//! each part a number or a string, possibly empty (an empty month means the whole year).

use crate::io::date_parse::ParsedSpan;
use crate::io::imported::read_date_value;
use crate::io::json_values::{is_blank, text};
use crate::model::date::{month_range, year_range};
use crate::model::{Precision, TimeOfDay};
use chrono::{NaiveDate, NaiveTime};
use serde_json::Value;

/// The earliest year an event may have (TimelineJS allows any; the atlas's calendar stops here).
pub const MIN_YEAR: i64 = -9999;
/// The latest year an event may have.
pub const MAX_YEAR: i64 = 9999;

/// A date read from a TimelineJS date object (or from a plain date text in a chosen field).
#[derive(Clone, Debug, PartialEq)]
pub struct Parts {
    /// The days it covers, with its precision.
    pub span: ParsedSpan,
    /// The time of day, when an hour is given with a day.
    pub time: Option<TimeOfDay>,
    /// The object's own `display_date`, when given.
    pub display: String,
}

/// A failure naming the part (`month`, …) it concerns, if any.
pub type PartFail = (Option<&'static str>, String);

/// Reads a date object, or a date written as text or a number (for fields the user chose).
/// `Ok(None)` when absent: missing, null, empty, or an object with every part empty.
pub fn read(value: Option<&Value>) -> Result<Option<Parts>, PartFail> {
    match value {
        Some(Value::Object(_)) => date_object(value.unwrap_or(&Value::Null)),
        v if is_blank(v) => Ok(None),
        Some(v @ (Value::String(_) | Value::Number(_))) => {
            let written = text(Some(v)).unwrap_or_default();
            let (span, time) = read_date_value(&written).map_err(|m| (None, m))?;
            Ok(Some(Parts {
                span,
                time,
                display: written,
            }))
        }
        Some(other) => Err((
            None,
            format!("a date must be an object or a text, not {other}"),
        )),
        None => Ok(None),
    }
}

/// One integer part: `None` when blank; an error when not a whole number.
fn part(obj: &Value, key: &'static str) -> Result<Option<i64>, PartFail> {
    let v = obj.get(key);
    if is_blank(v) {
        return Ok(None);
    }
    let whole = match v {
        Some(Value::Number(n)) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                .map(|f| f as i64)
        }),
        Some(Value::String(s)) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    match whole {
        Some(n) => Ok(Some(n)),
        None => Err((
            Some(key),
            format!(
                "`{key}` is not a whole number: {}",
                v.unwrap_or(&Value::Null)
            ),
        )),
    }
}

/// The days of a year, a month of it, or a day of that month.
fn span_of(y: i32, month: Option<i64>, day: Option<i64>) -> Result<ParsedSpan, PartFail> {
    let unreal = || {
        (
            Some("day"),
            format!(
                "{y}-{}-{} is not a real calendar date",
                month.unwrap_or(0),
                day.unwrap_or(0)
            ),
        )
    };
    let small = |n: i64| u32::try_from(n).ok();
    Ok(match (month, day) {
        (None, None) => {
            let (start, end) = year_range(y).ok_or_else(unreal)?;
            ParsedSpan {
                start,
                end,
                precision: Precision::Year,
            }
        }
        (Some(m), None) => {
            let (start, end) = small(m)
                .and_then(|m| month_range(y, m))
                .ok_or_else(unreal)?;
            ParsedSpan {
                start,
                end,
                precision: Precision::Month,
            }
        }
        (Some(m), Some(d)) => {
            let date = small(m)
                .zip(small(d))
                .and_then(|(m, d)| NaiveDate::from_ymd_opt(y, m, d))
                .ok_or_else(unreal)?;
            ParsedSpan::day(date)
        }
        (None, Some(_)) => {
            return Err((Some("month"), "the date has a day but no month".to_owned()));
        }
    })
}

/// The time of day from an hour and the optional minute, second and millisecond.
fn time_of(
    hour: i64,
    minute: Option<i64>,
    second: Option<i64>,
    milli: Option<i64>,
) -> Result<TimeOfDay, PartFail> {
    let (m, s, ms) = (minute.unwrap_or(0), second.unwrap_or(0), milli.unwrap_or(0));
    let small = |n: i64| u32::try_from(n).ok();
    let time = small(hour)
        .zip(small(m))
        .zip(small(s).zip(small(ms)))
        .and_then(|((h, m), (s, ms))| NaiveTime::from_hms_milli_opt(h, m, s, ms))
        .ok_or((Some("hour"), format!("{hour}:{m}:{s} is not a time of day")))?;
    Ok(TimeOfDay::new(time, None))
}

fn date_object(obj: &Value) -> Result<Option<Parts>, PartFail> {
    let display = text(obj.get("display_date")).unwrap_or_default();
    let [year, month, day, hour, minute, second, milli] = [
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
        "millisecond",
    ]
    .map(|k| part(obj, k));
    let (month, day) = (month?, day?);
    let Some(year) = year? else {
        if month.is_none() && day.is_none() {
            return Ok(None);
        }
        return Err((
            Some("year"),
            "the date has a month or day but no year".to_owned(),
        ));
    };
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err((
            Some("year"),
            format!(
                "year {year} is outside the years the atlas can show ({MIN_YEAR} to {MAX_YEAR})"
            ),
        ));
    }
    let span = span_of(year as i32, month, day)?;
    let time = match (span.precision, hour?) {
        (Precision::Day, Some(h)) => Some(time_of(h, minute?, second?, milli?)?),
        _ => None,
    };
    Ok(Some(Parts {
        span,
        time,
        display,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parts_as_strings_or_numbers_at_every_precision() {
        let p = read(Some(&json!({"year": "1963", "month": "8", "day": 28})))
            .unwrap()
            .unwrap();
        assert_eq!(p.span, ParsedSpan::day(d(1963, 8, 28)));
        let p = read(Some(&json!({"year": 2020, "month": ""})))
            .unwrap()
            .unwrap();
        assert_eq!(
            (p.span.start, p.span.end, p.span.precision),
            (d(2020, 1, 1), d(2020, 12, 31), Precision::Year)
        );
        let p = read(Some(&json!({"year": "2012", "month": "02", "day": ""})))
            .unwrap()
            .unwrap();
        assert_eq!(
            (p.span.end, p.span.precision),
            (d(2012, 2, 29), Precision::Month)
        );
        let p = read(Some(&json!({"year": "-500"}))).unwrap().unwrap();
        assert_eq!(p.span.start, d(-500, 1, 1));
        assert_eq!(read(Some(&json!({"year": "", "month": ""}))).unwrap(), None);
        assert_eq!(read(None).unwrap(), None);
    }

    #[test]
    fn hours_become_a_time_of_day() {
        let p = read(Some(&json!({"year": 2020, "month": 9, "day": 27, "hour": "7", "minute": 15, "display_date": "Sunday morning"})))
            .unwrap()
            .unwrap();
        assert_eq!(p.time.map(|t| t.iso()), Some("07:15:00".to_owned()));
        assert_eq!(p.display, "Sunday morning");
        assert!(
            read(Some(
                &json!({"year": 2020, "month": 9, "day": 27, "hour": 25})
            ))
            .is_err()
        );
    }

    #[test]
    fn huge_negative_and_impossible_dates_are_refused() {
        let (part, m) = read(Some(&json!({"year": -65000000}))).unwrap_err();
        assert_eq!(part, Some("year"));
        assert!(m.contains("outside the years"), "{m}");
        assert!(read(Some(&json!({"year": 1e300}))).is_err());
        assert!(
            read(Some(&json!({"year": 2021, "month": 2, "day": 30})))
                .unwrap_err()
                .1
                .contains("not a real")
        );
        assert!(read(Some(&json!({"year": 2021, "month": 13}))).is_err());
        assert!(read(Some(&json!({"year": 2021, "month": -1}))).is_err());
        assert!(
            read(Some(&json!({"year": "MMXXI"})))
                .unwrap_err()
                .1
                .contains("not a whole number")
        );
        assert!(read(Some(&json!({"month": 3}))).is_err());
        assert!(read(Some(&json!([2021]))).is_err());
    }

    #[test]
    fn plain_texts_in_chosen_fields() {
        let p = read(Some(&json!("2021-11-22T10:00:00+04:00")))
            .unwrap()
            .unwrap();
        assert_eq!(p.time.map(|t| t.iso()), Some("10:00:00+04:00".to_owned()));
        assert_eq!(
            read(Some(&json!(2021))).unwrap().unwrap().span.precision,
            Precision::Year
        );
    }
}
