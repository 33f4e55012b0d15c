//! Finding date expressions in a sentence: absolute (`7 September 2023`, `Sept. 28`, `2023-09-07`),
//! partial (`in May`, `mid-July`, `in 2020`, `the 1990s`, `the autumn of 2020`), relative (`on Monday`,
//! `last week`, `earlier this month`, `three days ago`, `in recent months`) and ranges (`5-7 March`,
//! `from 2018 to 2020`). What each one means is worked out in [`super::date_resolve`].

pub use super::date_kinds::{RawCue, Season, Unit, When, Which};

use super::date_ranges::{frame_year, lend_years, merge_ranges};
use super::words::{Word, words};
use crate::model::{EventDate, Precision};
use chrono::{NaiveDate, Weekday};
use std::ops::Range;

/// A date expression found in a sentence and resolved against the publication date.
#[derive(Clone, Debug, PartialEq)]
pub struct DateCue {
    /// Byte range of the expression in the sentence.
    pub span: Range<usize>,
    /// The resolved date; `text` is the expression as written, `note` how it was resolved.
    pub date: EventDate,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month number of a capitalised month name or abbreviation (`Sept`, `Aug`).
pub(super) fn month_of(word: &Word<'_>) -> Option<u32> {
    if !word.is_capitalised() {
        return None;
    }
    let lower = word.lower();
    MONTHS
        .iter()
        .position(|m| {
            *m == lower
                || (lower.len() == 3 && m.starts_with(&lower))
                || (lower == "sept" && *m == "september")
        })
        .map(|i| i as u32 + 1)
}

/// The day of the week a lowercase word names.
pub(super) fn weekday_of(lower: &str) -> Option<Weekday> {
    Some(match lower {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn season_of(lower: &str) -> Option<Season> {
    Some(match lower {
        "spring" => Season::Spring,
        "summer" => Season::Summer,
        "autumn" | "fall" => Season::Autumn,
        "winter" => Season::Winter,
        _ => return None,
    })
}

fn unit_of(lower: &str) -> Option<Unit> {
    Some(match lower.trim_end_matches('s') {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    })
}

pub(super) fn small_number(lower: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    match lower {
        "a" | "an" => Some(1),
        "few" | "several" => Some(3),
        _ => WORDS
            .iter()
            .position(|w| *w == lower)
            .map(|i| i as u32 + 1)
            .or_else(|| lower.parse().ok().filter(|n| (1..=400).contains(n))),
    }
}

/// A plausible year: four digits from 1800 to 2199.
fn year_of(word: &Word<'_>) -> Option<i32> {
    (word.text.len() == 4)
        .then(|| word.number())
        .flatten()
        .filter(|y| (1800..2200).contains(y))
        .map(|y| y as i32)
}

/// Words that may stand between "since" and the date it counts from ("since the 2020 war").
const SINCE_GAP: [&str; 7] = ["the", "its", "their", "last", "early", "late", "mid"];

impl DateCue {
    /// Whether it follows "since" in `sentence` ("closed since March 2020"): it tells how long a
    /// state has held, not when something happened.
    ///
    /// ```
    /// use caucasus_atlas::extract::dates::find_dates;
    /// use chrono::NaiveDate;
    /// let s = "The crossing had been closed since March 2020.";
    /// let published = NaiveDate::from_ymd_opt(2024, 6, 12).unwrap_or_default();
    /// assert!(find_dates(s, published)[0].follows_since(s));
    /// let s = "The crossing closed in March 2020.";
    /// assert!(!find_dates(s, published)[0].follows_since(s));
    /// let s = "They clashed on 13 September, the worst fighting since the 2020 war.";
    /// let dates = find_dates(s, published);
    /// assert!(!dates[0].follows_since(s) && dates[1].follows_since(s));
    /// ```
    pub fn follows_since(&self, sentence: &str) -> bool {
        let before = sentence[..self.span.start].to_lowercase();
        let mut w: Vec<&str> = before.split_whitespace().collect();
        // "since the 2020 war", "since last year's", "since early 2021"
        for _ in 0..2 {
            match w.last() {
                Some(x) if SINCE_GAP.contains(x) => {
                    w.pop();
                }
                _ => break,
            }
        }
        w.last().is_some_and(|x| *x == "since")
    }

    /// Whether it follows "by", "until" or "till" in `sentence` ("dissolving all institutions by
    /// 1 January 2024"): a deadline or the end of a state, not when something happened.
    ///
    /// ```
    /// use caucasus_atlas::extract::dates::find_dates;
    /// use chrono::NaiveDate;
    /// let s = "He signed a decree on 28 September 2023 dissolving all institutions by 1 January 2024.";
    /// let published = NaiveDate::from_ymd_opt(2024, 6, 12).unwrap_or_default();
    /// let dates = find_dates(s, published);
    /// assert!(!dates[0].follows_deadline(s) && dates[1].follows_deadline(s));
    /// ```
    pub fn follows_deadline(&self, sentence: &str) -> bool {
        let before = sentence[..self.span.start].to_lowercase();
        before
            .split_whitespace()
            .last()
            .is_some_and(|w| matches!(w, "by" | "until" | "till"))
    }

    /// Whether its wording writes a year ("4 December 2019", not "4 December").
    pub fn writes_a_year(&self) -> bool {
        words(&self.date.text).iter().any(|w| year_of(w).is_some())
    }
}

/// Finds and resolves every date expression of `sentence` against the publication date.
pub fn find_dates(sentence: &str, published: NaiveDate) -> Vec<DateCue> {
    let lent = frame_year(sentence, lend_years(sentence, scan(sentence)));
    let raw = merge_ranges(sentence, lent);
    let found = raw
        .into_iter()
        .filter_map(|r| r.resolved(sentence, published))
        .collect();
    join_days_in_a_row(sentence, found)
}

/// Two days in a row joined by "and" ("on Wednesday and Thursday", "on 5 and 6 March") as one
/// cue over both: one event that lasted two days, not two events.
///
/// ```
/// use caucasus_atlas::extract::dates::find_dates;
/// use chrono::NaiveDate;
/// let published = NaiveDate::from_ymd_opt(2024, 4, 26).unwrap_or_default();
/// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day);
/// let found = find_dates("They protested on Wednesday and Thursday.", published);
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].date.range, d(4, 24).zip(d(4, 25)));
/// assert_eq!(found[0].date.text, "on Wednesday and Thursday");
/// let found = find_dates("Drills took place on 10 and 14 April.", published);
/// assert_eq!(found.len(), 2, "days apart stay apart");
/// ```
fn join_days_in_a_row(sentence: &str, found: Vec<DateCue>) -> Vec<DateCue> {
    let mut out: Vec<DateCue> = Vec::with_capacity(found.len());
    for b in found {
        let joined = out.last().and_then(|a| {
            let (a_start, a_end) = a.date.range?;
            let (b_start, b_end) = b.date.range?;
            let days = a.date.precision == Precision::Day && b.date.precision == Precision::Day;
            let in_a_row =
                a_start == a_end && b_start == b_end && a_end.succ_opt() == Some(b_start);
            let and = sentence.get(a.span.end..b.span.start)?.trim() == "and";
            (days && in_a_row && and).then(|| {
                let span = a.span.start..b.span.end;
                let mut date = EventDate::new(a_start, b_end, Precision::Day);
                date.text = sentence[span.clone()].to_owned();
                let notes = [a.date.note.as_str(), b.date.note.as_str()];
                let mut note = format!(
                    "Two days in a row, '{}' and '{}': one event over both.",
                    a.date.text, b.date.text
                );
                for n in notes.iter().filter(|n| !n.is_empty()) {
                    note.push(' ');
                    note.push_str(n);
                }
                date.note = note;
                DateCue { span, date }
            })
        });
        match joined {
            Some(both) => {
                out.pop();
                out.push(both);
            }
            None => out.push(b),
        }
    }
    out
}

/// The date expressions of `sentence` that name a time after `published`, as written: an article
/// cannot report them, so they date nothing. (Those an impossible day keeps out are not among them.)
pub fn dates_after(sentence: &str, published: NaiveDate) -> Vec<DateCue> {
    let lent = frame_year(sentence, lend_years(sentence, scan(sentence)));
    let raw = merge_ranges(sentence, lent);
    raw.into_iter()
        .filter(|r| r.clone().resolved(sentence, published).is_none())
        .filter_map(|r| r.resolved(sentence, FAR_FUTURE))
        .collect()
}

/// A publication date no expression of a real article lies after.
const FAR_FUTURE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// The scanner over a sentence's words.
struct Scan<'a> {
    text: &'a str,
    w: Vec<Word<'a>>,
    lw: Vec<String>,
}

impl Scan<'_> {
    fn lower(&self, i: usize) -> &str {
        self.lw.get(i).map_or("", String::as_str)
    }

    fn span(&self, from: usize, to: usize) -> Range<usize> {
        self.w[from].start..self.w[to].end
    }

    /// Whether only characters in `allowed` (and spaces) stand between words `a` and `a + 1`.
    fn gap_is(&self, a: usize, allowed: &[char]) -> bool {
        let (Some(x), Some(y)) = (self.w.get(a), self.w.get(a + 1)) else {
            return false;
        };
        self.text[x.end..y.start]
            .chars()
            .all(|c| c.is_whitespace() || allowed.contains(&c))
    }

    /// The first word index of a leading qualifier such as "early", "mid-", "late", "the end of".
    fn part_before(&self, i: usize) -> (usize, Option<String>) {
        if i >= 1 && matches!(self.lower(i - 1), "early" | "mid" | "late") {
            return (i - 1, Some(self.lower(i - 1).to_owned()));
        }
        if i >= 3 && self.lower(i - 1) == "of" && matches!(self.lower(i - 2), "end" | "beginning") {
            let first = if self.lower(i - 3) == "the" {
                i - 3
            } else {
                i - 2
            };
            return (first, Some(format!("the {} of", self.lower(i - 2))));
        }
        (i, None)
    }
}

/// Finds the raw date expressions of a sentence, left to right.
pub fn scan(sentence: &str) -> Vec<RawCue> {
    let w = words(sentence);
    let lw = w.iter().map(Word::lower).collect();
    let s = Scan {
        text: sentence,
        w,
        lw,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.w.len() {
        match match_at(&s, i) {
            Some((cue, next)) => {
                out.push(cue);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// The expression starting at word `i`, and the index of the word after it.
fn match_at(s: &Scan<'_>, i: usize) -> Option<(RawCue, usize)> {
    iso_day(s, i)
        .or_else(|| day_month(s, i))
        .or_else(|| month_day(s, i))
        .or_else(|| month_alone(s, i))
        .or_else(|| season(s, i))
        .or_else(|| weekday(s, i))
        .or_else(|| weekend(s, i))
        .or_else(|| relative(s, i))
        .or_else(|| decade(s, i))
        .or_else(|| year_alone(s, i))
}

fn cue(s: &Scan<'_>, from: usize, to: usize, when: When) -> Option<(RawCue, usize)> {
    Some((
        RawCue {
            span: s.span(from, to),
            when,
            year_from: None,
        },
        to + 1,
    ))
}

/// `2023-09-07`.
fn iso_day(s: &Scan<'_>, i: usize) -> Option<(RawCue, usize)> {
    let year = year_of(s.w.get(i)?)?;
    let (m, d) = (s.w.get(i + 1)?, s.w.get(i + 2)?);
    if m.text.len() != 2 || d.text.len() != 2 || !s.gap_is(i, &['-']) || !s.gap_is(i + 1, &['-']) {
        return None;
    }
    let when = When::Day {
        year: Some(year),
        month: m.number()?,
        day: d.number()?,
        last_day: None,
    };
    cue(s, i, i + 2, when)
}

/// `7 September 2023`, `3 March`, `the 3rd of March`, `5-7 March 2022`, `5 to 7 March`, `between
/// 4 and 8 November`, and the `3` of `3 and 7 March` or `3, 5 and 7 March`.
fn day_month(s: &Scan<'_>, i: usize) -> Option<(RawCue, usize)> {
    let day = s.w.get(i)?.day_of_month()?;
    let between = i >= 1 && s.lower(i - 1) == "between";
    // "3 and 7 March 2021", "3, 5 and 7 March": a day takes the month and year of the next
    let next_day = if s.lower(i + 1) == "and" && !between {
        Some(i + 2)
    } else if s.gap_is(i, &[',']) && s.w.get(i + 1).and_then(Word::day_of_month).is_some() {
        Some(i + 1)
    } else {
        None
    };
    if let Some((next, _)) = next_day.and_then(|at| day_month(s, at))
        && let When::Day { year, month, .. } = next.when
    {
        let when = When::Day {
            year,
            month,
            day,
            last_day: None,
        };
        return cue(s, i, i, when);
    }
    let (last_day, m_at) = match s.w.get(i + 1).and_then(Word::day_of_month) {
        Some(last) if s.gap_is(i, &['-', '–']) => (Some(last), i + 2),
        _ if s.lower(i + 1) == "to" => match s.w.get(i + 2).and_then(Word::day_of_month) {
            Some(last) => (Some(last), i + 3),
            None => (None, i + 1),
        },
        // "between 4 and 8 November" is a range
        _ if s.lower(i + 1) == "and" && between => {
            match s.w.get(i + 2).and_then(Word::day_of_month) {
                Some(last) => (Some(last), i + 3),
                None => (None, i + 1),
            }
        }
        _ => (None, i + 1),
    };
    // "the 3rd of March"
    let ordinal = s.w[i].text.len() > 2 && s.w[i].number().is_none();
    let m_at = if ordinal && last_day.is_none() && s.lower(m_at) == "of" {
        m_at + 1
    } else {
        m_at
    };
    let month = month_of(s.w.get(m_at)?)?;
    let year = s.w.get(m_at + 1).and_then(year_of);
    let end = if year.is_some() { m_at + 1 } else { m_at };
    let when = When::Day {
        year,
        month,
        day,
        last_day,
    };
    cue(s, i, end, when)
}

/// `September 7, 2023`, `Sept. 28`, `August 3`, `March 5-7`.
fn month_day(s: &Scan<'_>, i: usize) -> Option<(RawCue, usize)> {
    let month = month_of(s.w.get(i)?)?;
    let day = s.w.get(i + 1)?.day_of_month()?;
    if !s.gap_is(i, &['.']) {
        return None;
    }
    let (last_day, after) = match s.w.get(i + 2).and_then(Word::day_of_month) {
        Some(last) if s.gap_is(i + 1, &['-', '–']) => (Some(last), i + 3),
        _ => (None, i + 2),
    };
    let year =
        s.w.get(after)
            .filter(|_| s.gap_is(after - 1, &[',']))
            .and_then(year_of);
    let end = if year.is_some() { after } else { after - 1 };
    let when = When::Day {
        year,
        month,
        day,
        last_day,
    };
    cue(s, i, end, when)
}

/// `in May`, `mid-July`, `last March`, `November 2021`, `the end of June`.
fn month_alone(s: &Scan<'_>, i: usize) -> Option<(RawCue, usize)> {
    let month = month_of(s.w.get(i)?)?;
    let lone = s.w[i].text.len() > 3 || s.text[s.w[i].end..].starts_with('.');
    if !lone && s.w[i].text != "May" {
        return None;
    }
    if month == 5
        && !(i >= 1
            && matches!(
                s.lower(i - 1),
                "in" | "of"
                    | "since"
                    | "until"
                    | "mid"
                    | "early"
                    | "late"
                    | "last"
                    | "this"
                    | "by"
                    | "from"
                    | "and"
                    | "to"
                    | "between"
            ))
        && s.w.get(i + 1).and_then(year_of).is_none()
    {
        return None;
    }
    let (mut first, part) = s.part_before(i);
    let which = match s.lower(first.wrapping_sub(1)) {
        "last" if first >= 1 => Which::Last,
        "this" if first >= 1 => Which::This,
        _ => Which::Plain,
    };
    if which != Which::Plain {
        first -= 1;
    }
    let year = s.w.get(i + 1).and_then(year_of);
    let end = if year.is_some() { i + 1 } else { i };
    let when = When::Month {
        year,
        month,
        part,
        which,
    };
    cue(s, first, end, when)
}

/// `the autumn of 2020`, `spring 2021`, `last summer`, `this winter`, `in the spring`.
fn season(s: &Scan<'_>, i: usize) -> Option<(RawCue, usize)> {
    let season = season_of(s.lower(i))?;
    let (mut first, which) = match s.lower(i.wrapping_sub(1)) {
        "last" if i >= 1 => (i - 1, Which::Last),
        "this" if i >= 1 => (i - 1, Which::This),
        "the" if i >= 1 => (i - 1, Which::Plain),
        _ => (i, Which::Plain),
    };
    let (year, end) = if s.lower(i + 1) == "of" {
        match s.w.get(i + 2).and_then(year_of) {
            Some(y) => (Some(y), i + 2),
            None => return None,
        }
    } else {
        match s.w.get(i + 1).and_then(year_of) {
            Some(y) => (Some(y), i + 1),
            None => (None, i),
        }
    };
    let plain_in = which == Which::Plain
        && first >= 1
        && matches!(
            s.lower(first - 1),
            "in" | "during" | "over" | "since" | "until" | "by"
        );
    if year.is_none() && which == Which::Plain && !plain_in {
        return None;
    }
    if first >= 1 && matches!(s.lower(first - 1), "early" | "late") {
        first -= 1;
    }
    cue(
        s,
        first,
        end,
        When::Season {
            year,
            season,
            which,
        },
    )
}

/// `on Monday`, `last Tuesday`, `Sunday's visit`; not `next Monday`.
fn weekday(s: &Scan<'_>, i: usize) -> Option<(RawCue, usize)> {
    let weekday = weekday_of(s.lower(i))?;
    if !s.w[i].is_capitalised() {
        return None;
    }
    let before = s.lower(i.wrapping_sub(1));
    if i >= 1 && matches!(before, "next" | "coming" | "following") {
        return None;
    }
    let (first, which) = match before {
        "last" | "past" if i >= 1 => (i - 1, Which::Last),
        "this" if i >= 1 => (i - 1, Which::This),
        "on" | "since" | "by" | "until" if i >= 1 => (i - 1, Which::Plain),
        _ => (i, Which::Plain),
    };
    cue(s, first, i, When::Weekday { weekday, which })
}

/// "over the weekend", "at the weekend", "last weekend", "this weekend", "this past weekend".
fn weekend(s: &Scan<'_>, i: usize) -> Option<(RawCue, usize)> {
    if s.lower(i) != "weekend" || i == 0 {
        return None;
    }
    let (first, which) = match (s.lower(i.wrapping_sub(2)), s.lower(i - 1)) {
        ("this", "past") if i >= 2 => (i - 2, Which::Plain),
        (_, "last" | "past") => (i - 1, Which::Last),
        (_, "this") => (i - 1, Which::This),
        ("over" | "at" | "during" | "on", "the") if i >= 2 => (i - 1, Which::Plain),
        _ => return None,
    };
    cue(s, first, i, When::Weekend(which))
}

/// "today", "yesterday", "last night", "last week", "earlier this month", "earlier in the week",
/// "three days ago", "in recent months", "over the past week".
fn relative(s: &Scan<'_>, i: usize) -> Option<(RawCue, usize)> {
    let l = |k: usize| s.lower(i + k);
    match l(0) {
        "today" | "tonight" => return cue(s, i, i, When::DaysBefore(0)),
        "yesterday" => return cue(s, i, i, When::DaysBefore(1)),
        "this" if matches!(l(1), "morning" | "afternoon" | "evening") => {
            return cue(s, i, i + 1, When::DaysBefore(0));
        }
        "last" if l(1) == "night" => return cue(s, i, i + 1, When::LastNight),
        // "earlier in the week": as "earlier this week"
        "earlier" if l(1) == "in" && l(2) == "the" => {
            let unit = unit_of(l(3)).filter(|_| !l(3).ends_with('s'))?;
            return cue(s, i, i + 3, When::ThisUnit(unit));
        }
        // "the last week" is read below, with "the past week"
        "last" if i >= 1 && s.lower(i - 1) == "the" => return None,
        "last" | "this" => {
            let unit = unit_of(l(1)).filter(|_| !l(1).ends_with('s'))?;
            let first = if i >= 1 && s.lower(i - 1) == "earlier" && l(0) == "this" {
                i - 1
            } else {
                i
            };
            let when = if l(0) == "last" {
                When::LastUnit(unit)
            } else {
                When::ThisUnit(unit)
            };
            return cue(s, first, i + 1, when);
        }
        "recent" if i >= 1 && matches!(s.lower(i - 1), "in" | "over") => {
            let unit = unit_of(l(1)).filter(|u| matches!(u, Unit::Week | Unit::Month))?;
            let n = if unit == Unit::Month { 3 } else { 4 };
            return cue(s, i - 1, i + 1, When::Recent(n, unit));
        }
        _ => {}
    }
    if let (Some(n), Some(unit)) = (small_number(l(0)), unit_of(l(1)))
        && l(2) == "ago"
    {
        // "three years ago today": the anniversary, to the day
        if l(3) == "today" {
            return cue(s, i, i + 3, When::AgoToday(n, unit));
        }
        return cue(s, i, i + 2, When::Ago(n, unit));
    }
    if l(0) == "the" && matches!(l(1), "past" | "last") {
        let (n, at) = match small_number(l(2)) {
            Some(n) if unit_of(l(3)).is_some() => (n, 3),
            _ => (1, 2),
        };
        let unit = unit_of(l(at))?;
        let singular = at == 2 && !l(at).ends_with('s');
        // "the past week" is the last seven days, and so is "over the last week"; but "the
        // last week of the war" is not
        let spanning = i >= 1 && matches!(s.lower(i - 1), "over" | "in" | "during" | "within");
        if singular && l(1) == "last" && !spanning {
            return None;
        }
        let n = match (at, singular) {
            (2, true) => 1,
            (2, false) => 3,
            _ => n,
        };
        return cue(s, i, i + at, When::Recent(n, unit));
    }
    None
}

/// `the 1990s`, `the early 2000s`.
fn decade(s: &Scan<'_>, i: usize) -> Option<(RawCue, usize)> {
    let t = s.w.get(i)?.text;
    let digits = t.strip_suffix('s')?;
    let year: i32 = digits.parse().ok().filter(|_| digits.len() == 4)?;
    if year % 10 != 0 || !(1800..2200).contains(&year) {
        return None;
    }
    let mut first = i;
    if first >= 1 && matches!(s.lower(first - 1), "early" | "mid" | "late") {
        first -= 1;
    }
    if first >= 1 && s.lower(first - 1) == "the" {
        first -= 1;
    }
    cue(s, first, i, When::Decade { year })
}

/// `in 2020`, `in late 2019`, `the 2020 war`; not `2000 soldiers`.
fn year_alone(s: &Scan<'_>, i: usize) -> Option<(RawCue, usize)> {
    let year = year_of(s.w.get(i)?)?;
    let prev_gap = s.text[..s.w[i].start].chars().next_back();
    // "2020-2021" and "mid-2021" are years; "$2000", "1.2020" and "44-2020" are not
    let joined = prev_gap == Some('-')
        && i >= 1
        && (year_of(&s.w[i - 1]).is_some() || matches!(s.lower(i - 1), "mid" | "early" | "late"));
    if matches!(prev_gap, Some('$' | '€' | '£' | '.' | ',' | '-')) && !joined {
        return None;
    }
    if let Some(next) = s.w.get(i + 1) {
        let plural_noun = !next.is_capitalised() && next.text.ends_with('s') && s.gap_is(i, &[]);
        if plural_noun || s.text[s.w[i].end..].starts_with(['.', ',']) && next.number().is_some() {
            return None;
        }
    }
    let (first, part) = s.part_before(i);
    cue(s, first, i, When::Year { year, part })
}
