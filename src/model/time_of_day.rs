//! The time of day a source gives for an event, with its UTC offset when the source names one.
//!
//! Dates stay at day resolution everywhere else (the time index, the timeline); the time of day is
//! kept beside the date so that it is shown and exported as the source wrote it.

use chrono::{FixedOffset, NaiveDate, NaiveTime, Timelike};

/// A time of day, and the UTC offset the source stated (`None`: no zone was given, so the time is
/// whatever clock the source used).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeOfDay {
    /// Hours, minutes, seconds (and fractions) as written.
    pub time: NaiveTime,
    /// The offset from UTC, when the source gave one (`Z` is an offset of zero).
    pub offset: Option<FixedOffset>,
}

impl TimeOfDay {
    /// A time with an optional offset.
    pub fn new(time: NaiveTime, offset: Option<FixedOffset>) -> TimeOfDay {
        TimeOfDay { time, offset }
    }

    /// The offset as ISO 8601 writes it: `Z`, `+04:00`, or nothing when unknown.
    pub fn offset_text(&self) -> String {
        match self.offset {
            None => String::new(),
            Some(o) if o.local_minus_utc() == 0 => "Z".to_owned(),
            Some(o) => {
                let secs = o.local_minus_utc();
                let sign = if secs < 0 { '-' } else { '+' };
                let secs = secs.unsigned_abs();
                format!("{sign}{:02}:{:02}", secs / 3600, secs / 60 % 60)
            }
        }
    }

    /// The time as ISO 8601 writes it, with its offset when known: `10:15:00+04:00`,
    /// `07:30:15Z`, `18:00:00` (fractions of a second only when given).
    pub fn iso(&self) -> String {
        format!("{}{}", self.time.format("%H:%M:%S%.f"), self.offset_text())
    }

    /// A date at this time as ISO 8601: `2022-08-03T10:15:00+04:00` (no offset when unknown).
    pub fn iso_datetime(&self, date: NaiveDate) -> String {
        format!("{}T{}", date.format("%Y-%m-%d"), self.iso())
    }

    /// The time in words for the detail panel: "10:15 (UTC+04:00)", "07:30:15 (UTC)",
    /// "18:00 (no time zone given)".
    pub fn describe(&self) -> String {
        let clock = if self.time.second() == 0 && self.time.nanosecond() == 0 {
            self.time.format("%H:%M").to_string()
        } else {
            self.time.format("%H:%M:%S").to_string()
        };
        let zone = match self.offset_text().as_str() {
            "" => "no time zone given".to_owned(),
            "Z" => "UTC".to_owned(),
            other => format!("UTC{other}"),
        };
        format!("{clock} ({zone})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32, s: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, s).unwrap()
    }

    #[test]
    fn writes_iso_with_the_offset_it_has() {
        let date = NaiveDate::from_ymd_opt(2022, 8, 3).unwrap();
        let baku = TimeOfDay::new(t(10, 15, 0), FixedOffset::east_opt(4 * 3600));
        assert_eq!(baku.iso_datetime(date), "2022-08-03T10:15:00+04:00");
        assert_eq!(baku.describe(), "10:15 (UTC+04:00)");
        let utc = TimeOfDay::new(t(7, 30, 15), FixedOffset::east_opt(0));
        assert_eq!(utc.iso(), "07:30:15Z");
        assert_eq!(utc.describe(), "07:30:15 (UTC)");
        let west = TimeOfDay::new(t(23, 5, 0), FixedOffset::west_opt(5 * 3600 + 1800));
        assert_eq!(west.iso(), "23:05:00-05:30");
        let local = TimeOfDay::new(t(18, 0, 0), None);
        assert_eq!(local.iso(), "18:00:00");
        assert_eq!(local.describe(), "18:00 (no time zone given)");
        let frac = TimeOfDay::new(NaiveTime::from_hms_milli_opt(1, 2, 3, 250).unwrap(), None);
        assert_eq!(frac.iso(), "01:02:03.250");
    }
}
