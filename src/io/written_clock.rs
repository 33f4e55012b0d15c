//! A time of day written after a date, as spreadsheets, feeds and mail write it: `22:24`,
//! `10:24:02 PM`, `22:24:02 GMT`, `22:24:02 +0000` (RFC 2822), `10:24 a.m. UTC+4`, `at 9:05`.
//!
//! The date before it is read by the caller; the day stays the day as written, before any offset,
//! as for ISO date-times.

use super::time_parse::parse_offset;
use crate::model::TimeOfDay;
use chrono::{FixedOffset, NaiveTime};

/// The date text before a time of day written after it, and that time; `None` when the text does
/// not end with a time of day.
///
/// ```
/// use caucasus_atlas::io::written_clock::split_trailing_clock;
/// let (date, time) = split_trailing_clock("March 28, 2024, 10:24:02 PM").unwrap();
/// assert_eq!((date, time.iso()), ("March 28, 2024", "22:24:02".to_owned()));
/// let (date, time) = split_trailing_clock("Thu, 28 Mar 2024 22:24:02 +0400").unwrap();
/// assert_eq!((date, time.iso()), ("Thu, 28 Mar 2024", "22:24:02+04:00".to_owned()));
/// assert!(split_trailing_clock("28 March 2024").is_none());
/// assert!(split_trailing_clock("28 March 2024 13:00 PM").is_none());
/// ```
pub fn split_trailing_clock(text: &str) -> Option<(&str, TimeOfDay)> {
    clock_at_end(text).filter(|(date, _)| !date.is_empty())
}

/// A time of day written alone, as a sheet's time column holds it: `14:30`, `2:30 PM`,
/// `10:24 a.m. UTC+4`.
///
/// ```
/// use caucasus_atlas::io::written_clock::parse_written_clock;
/// assert_eq!(parse_written_clock("9:30 PM").unwrap().iso(), "21:30:00");
/// assert_eq!(parse_written_clock(" 14:30 ").unwrap().iso(), "14:30:00");
/// assert!(parse_written_clock("May 4, 14:30").is_none());
/// assert!(parse_written_clock("noon").is_none());
/// ```
pub fn parse_written_clock(text: &str) -> Option<TimeOfDay> {
    clock_at_end(text)
        .filter(|(before, _)| before.is_empty())
        .map(|(_, time)| time)
}

/// The text before a time of day that ends `text` (perhaps empty), and that time.
fn clock_at_end(text: &str) -> Option<(&str, TimeOfDay)> {
    let t = text.trim();
    let words: Vec<(usize, &str)> = t
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w))
        .collect();
    let at = words
        .iter()
        .rposition(|(_, w)| clock_of(split_glued_meridiem(w).0).is_some())?;
    let (start, word) = words[at];
    let (clock, glued) = split_glued_meridiem(word);
    let mut rest: Vec<&str> = words[at + 1..].iter().map(|(_, w)| *w).collect();
    let meridiem = match glued {
        Some(m) => Some(m),
        None => rest.first().and_then(|w| meridiem_of(w)).inspect(|_| {
            rest.remove(0);
        }),
    };
    let time = with_meridiem(clock_of(clock)?, meridiem)?;
    let offset = match rest.as_slice() {
        [] => None,
        [zone] => Some(zone_of(zone)?),
        _ => return None,
    };
    let date = t[..start].trim_end().trim_end_matches(',').trim_end();
    let date = strip_suffix_word(date, "at").unwrap_or(date);
    Some((date, TimeOfDay::new(time, offset)))
}

/// Morning or afternoon, as `AM`/`PM` say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Meridiem {
    Am,
    Pm,
}

/// `AM`, `pm`, `a.m.`, `P.M.` as a [`Meridiem`].
fn meridiem_of(word: &str) -> Option<Meridiem> {
    let w: String = word
        .chars()
        .filter(|c| *c != '.')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match w.as_str() {
        "am" => Some(Meridiem::Am),
        "pm" => Some(Meridiem::Pm),
        _ => None,
    }
}

/// A clock with its `AM`/`PM` written on (`10:24PM`): the clock and the meridiem.
fn split_glued_meridiem(word: &str) -> (&str, Option<Meridiem>) {
    let cut = word
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphabetic() || *c == '.')
        .last()
        .map(|(i, _)| i);
    match cut.map(|i| (&word[..i], meridiem_of(&word[i..]))) {
        Some((clock, Some(m))) => (clock, Some(m)),
        _ => (word, None),
    }
}

/// `H:MM`, `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`.
fn clock_of(word: &str) -> Option<NaiveTime> {
    let parts: Vec<&str> = word.split(':').collect();
    let number = |s: &str, lens: std::ops::RangeInclusive<usize>| {
        (lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (h, m, s) = match parts.as_slice() {
        [h, m] => (number(h, 1..=2)?, number(m, 2..=2)?, "0"),
        [h, m, s] => (number(h, 1..=2)?, number(m, 2..=2)?, *s),
        _ => return None,
    };
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    let secs = number(whole, 1..=2)?;
    let nanos = match fraction {
        "" => 0,
        f if f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()) => {
            format!("{f:0<9}").parse().ok()?
        }
        _ => return None,
    };
    NaiveTime::from_hms_nano_opt(h, m, secs, nanos)
}

/// The time on a 24-hour clock: with `AM`/`PM`, the hour must be 1 to 12 (12 AM is midnight).
fn with_meridiem(time: NaiveTime, meridiem: Option<Meridiem>) -> Option<NaiveTime> {
    use chrono::Timelike;
    let Some(m) = meridiem else {
        return Some(time);
    };
    let h = time.hour();
    if !(1..=12).contains(&h) {
        return None;
    }
    let hour = match m {
        Meridiem::Am => h % 12,
        Meridiem::Pm => h % 12 + 12,
    };
    time.with_hour(hour)
}

/// The zone after a time: `Z`, `UTC`, `GMT`, `UT`, an offset (`+0400`, `+04:00`, `-05`), an
/// offset after `UTC` or `GMT` (`UTC+4`, `GMT+04:00`), or one of the North American zones RFC
/// 2822 names (`EST`, `EDT`, `CST`, `CDT`, `MST`, `MDT`, `PST`, `PDT`).
fn zone_of(word: &str) -> Option<FixedOffset> {
    const NAMED: [(&str, i32); 12] = [
        ("Z", 0),
        ("UTC", 0),
        ("GMT", 0),
        ("UT", 0),
        ("EST", -5),
        ("EDT", -4),
        ("CST", -6),
        ("CDT", -5),
        ("MST", -7),
        ("MDT", -6),
        ("PST", -8),
        ("PDT", -7),
    ];
    let upper = word.to_ascii_uppercase();
    if let Some((_, hours)) = NAMED.iter().find(|(name, _)| *name == upper) {
        return FixedOffset::east_opt(hours * 3600);
    }
    let offset = ["UTC", "GMT"]
        .iter()
        .find_map(|z| upper.strip_prefix(z))
        .unwrap_or(&upper);
    parse_offset(offset).or_else(|| short_offset(offset))
}

/// `+4` or `-5`: an offset of whole hours written with one digit.
fn short_offset(text: &str) -> Option<FixedOffset> {
    let (sign, digit) = match text.as_bytes() {
        [b'+', d] if d.is_ascii_digit() => (1, d - b'0'),
        [b'-', d] if d.is_ascii_digit() => (-1, d - b'0'),
        _ => return None,
    };
    FixedOffset::east_opt(sign * i32::from(digit) * 3600)
}

/// `text` without its last word when that word is `word` (any case).
fn strip_suffix_word<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let (before, last) = text.rsplit_once(char::is_whitespace)?;
    last.eq_ignore_ascii_case(word).then(|| before.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split(text: &str) -> (&str, String) {
        let (date, time) = split_trailing_clock(text).unwrap();
        (date, time.iso())
    }

    #[test]
    fn clocks_as_spreadsheets_feeds_and_mail_write_them() {
        for (text, date, time) in [
            ("March 28, 2024, 10:24:02 PM", "March 28, 2024", "22:24:02"),
            ("March 28, 2024 10:24 pm", "March 28, 2024", "22:24:00"),
            ("28 March 2024 22:24", "28 March 2024", "22:24:00"),
            ("28 March 2024 at 9:05", "28 March 2024", "09:05:00"),
            ("3/28/2024 12:05 AM", "3/28/2024", "00:05:00"),
            ("3/28/2024 12:05PM", "3/28/2024", "12:05:00"),
            ("3/28/2024 7:05 a.m.", "3/28/2024", "07:05:00"),
            (
                "Thu, 28 Mar 2024 22:24:02 GMT",
                "Thu, 28 Mar 2024",
                "22:24:02Z",
            ),
            (
                "Thu, 28 Mar 2024 22:24:02 -0500",
                "Thu, 28 Mar 2024",
                "22:24:02-05:00",
            ),
            (
                "Thu, 28 Mar 2024 22:24:02 EST",
                "Thu, 28 Mar 2024",
                "22:24:02-05:00",
            ),
            (
                "28 Mar 2024 10:24 PM UTC+4",
                "28 Mar 2024",
                "22:24:00+04:00",
            ),
            ("28 Mar 2024 10:24:02.5", "28 Mar 2024", "10:24:02.500"),
            ("28 Mar 2024 22:24 +04:00", "28 Mar 2024", "22:24:00+04:00"),
        ] {
            assert_eq!(split(text), (date, time.to_owned()), "{text}");
        }
    }

    #[test]
    fn what_is_not_a_clock_after_a_date_is_left_alone() {
        for text in [
            "28 March 2024",
            "10:24",
            "28 March 2024 25:00",
            "28 March 2024 10:61",
            "28 March 2024 0:30 AM",
            "28 March 2024 13:00 PM",
            "28 March 2024 10:24 in the morning",
            "28 March 2024 10:24 Moscow",
            "2024:03:28",
        ] {
            assert!(split_trailing_clock(text).is_none(), "{text}");
        }
    }

    proptest! {
        #[test]
        fn fuzz_never_panics(text in "\\PC{0,40}") {
            let _ = split_trailing_clock(&text);
        }

        /// Any time written on a twelve-hour clock reads back as the same time of day.
        #[test]
        fn twelve_hour_clocks_read_back(secs in 0u32..86_400, glued in any::<bool>()) {
            let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap();
            let gap = if glued { "" } else { " " };
            let text = format!("May 3, 2021 {}{gap}{}", time.format("%-I:%M:%S"), time.format("%p"));
            let (date, read) = split_trailing_clock(&text).unwrap();
            prop_assert_eq!(date, "May 3, 2021");
            prop_assert_eq!(read.time, time, "{}", text);
        }
    }
}
