//! Times of day as sources write them: in ISO date-times (`2021-11-22T10:00:00.5+04:00`), alone
//! (`14:30`), or as the remainder of Unix milliseconds (UTC).

use chrono::NaiveTime;

/// A time of day as the source gives it, with its offset from UTC when the source names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    /// The time of day as written.
    pub time: NaiveTime,
    /// Its offset from UTC in seconds (`Z` is 0); `None` when the source names no zone.
    pub utc_offset: Option<i32>,
}

impl Clock {
    /// The model's time of day.
    pub fn time_of_day(self) -> crate::model::TimeOfDay {
        let offset = self.utc_offset.and_then(chrono::FixedOffset::east_opt);
        crate::model::TimeOfDay::new(self.time, offset)
    }

    /// The model's time of day as a clock.
    pub fn of_time_of_day(time: crate::model::TimeOfDay) -> Clock {
        Clock {
            time: time.time,
            utc_offset: time.offset.map(|o| o.local_minus_utc()),
        }
    }
}

/// The UTC time of day of Unix milliseconds.
pub fn clock_of_millis(ms: f64) -> Option<Clock> {
    let day = crate::model::track::DAY_MILLIS as f64;
    let into_day = ms.rem_euclid(day);
    let secs = (into_day / 1000.0).floor();
    let nanos = ((into_day - secs * 1000.0) * 1e6)
        .round()
        .min(999_999_999.0);
    let time = NaiveTime::from_num_seconds_from_midnight_opt(secs as u32, nanos as u32)?;
    Some(Clock {
        time,
        utc_offset: Some(0),
    })
}

/// The time of day of an ISO date-time (`2021-11-22T10:00:00.5+04:00`), already known to be valid.
pub fn iso_clock(t: &str) -> Option<Clock> {
    let b = t.as_bytes();
    if b.len() <= 10 || !matches!(b[10], b'T' | b't' | b' ') || b[4] != b'-' {
        return None;
    }
    clock_text(&t[11..])
}

/// `HH:MM[:SS[.fff]][Z|±HH[:MM]]`.
fn clock_text(t: &str) -> Option<Clock> {
    let zone_at = t
        .char_indices()
        .skip(5)
        .find(|&(_, c)| matches!(c, 'Z' | 'z' | '+' | '-'))
        .map(|(i, _)| i);
    let (time, zone) = match zone_at {
        Some(i) => (&t[..i], Some(&t[i..])),
        None => (t, None),
    };
    let time = NaiveTime::parse_from_str(time, "%H:%M:%S%.f")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
        .ok()?;
    let utc_offset = match zone {
        None => None,
        Some("Z" | "z") => Some(0),
        Some(z) => Some(zone_offset(z)?),
    };
    Some(Clock { time, utc_offset })
}

/// `+04:00`, `-0500`, `+04` as seconds east of UTC.
fn zone_offset(z: &str) -> Option<i32> {
    let sign = if z.starts_with('-') { -1 } else { 1 };
    let digits: String = z[1..].chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    Some(sign * (h * 3600 + m * 60))
}

/// A time of day written alone (`14:30`, `14:30:05Z`), not a date.
pub fn clock_only(text: &str) -> Option<Clock> {
    let t = text.trim();
    (t.len() >= 5 && t.as_bytes()[2] == b':')
        .then(|| clock_text(t))
        .flatten()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_and_zones() {
        let t = |h, m, s| NaiveTime::from_hms_opt(h, m, s).unwrap();
        let c = iso_clock("2021-11-22T10:00:05+04:00").unwrap();
        assert_eq!((c.time, c.utc_offset), (t(10, 0, 5), Some(4 * 3600)));
        let c = iso_clock("2021-11-22 23:59").unwrap();
        assert_eq!((c.time, c.utc_offset), (t(23, 59, 0), None));
        assert_eq!(
            iso_clock("2021-11-22T10:00-0530").unwrap().utc_offset,
            Some(-(5 * 3600 + 1800))
        );
        assert_eq!(iso_clock("2021-11-22"), None);
        assert_eq!(clock_only("14:30Z").unwrap().utc_offset, Some(0));
        assert_eq!(clock_only("2021"), None);
        assert_eq!(clock_only("afternoon"), None);
        let c = clock_of_millis(-1.0).unwrap();
        assert_eq!(
            c.time,
            NaiveTime::from_hms_milli_opt(23, 59, 59, 999).unwrap()
        );
    }
}
