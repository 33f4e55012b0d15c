//! Resolving a found date expression against the article's publication date, with a note saying
//! how: the year of a year-less day, the weekday of "on Monday", the span of "last week". Nothing
//! ends after publication, and no day or year is invented beyond what these rules state.

use super::dates::{RawCue, Season, Unit, When, Which};
use crate::io::date_parse::week_containing;
use crate::model::date::{month_range, year_range};
use crate::model::{EventDate, Precision};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

fn long(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

fn with_weekday(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

fn month_name(month: u32) -> String {
    NaiveDate::from_ymd_opt(2000, month, 1)
        .map(|d| d.format("%B").to_string())
        .unwrap_or_default()
}

fn back(d: NaiveDate, days: u64) -> Option<NaiveDate> {
    d.checked_sub_days(Days::new(days))
}

/// A resolved span before the publication check.
struct Span {
    start: NaiveDate,
    end: NaiveDate,
    precision: Precision,
    note: String,
}

impl Span {
    fn new(
        range: (NaiveDate, NaiveDate),
        precision: Precision,
        note: impl Into<String>,
    ) -> Option<Span> {
        Some(Span {
            start: range.0,
            end: range.1,
            precision,
            note: note.into(),
        })
    }
}

/// Resolves one expression; `None` when it names a time after publication or an impossible day.
pub fn resolve(cue: &RawCue, written: &str, published: NaiveDate) -> Option<EventDate> {
    let span = match &cue.when {
        When::Day {
            year,
            month,
            day,
            last_day,
        } => day_span(*year, *month, *day, *last_day, cue, published)?,
        When::Month {
            year,
            month,
            part,
            which,
        } => month_span(*year, *month, part.as_deref(), *which, cue, published)?,
        When::Year { year, part } => Span::new(
            year_range(*year)?,
            Precision::Year,
            part_note(part.as_deref(), "year"),
        )?,
        When::Decade { year } => Span::new(
            (year_range(*year)?.0, year_range(*year + 9)?.1),
            Precision::Decade,
            "",
        )?,
        When::Season {
            year,
            season,
            which,
        } => season_span(*year, *season, *which, published)?,
        When::Weekday { weekday, which } => weekday_span(*weekday, *which, written, published)?,
        When::DaysBefore(n) => {
            let d = back(published, u64::from(*n))?;
            let note = format!(
                "'{written}' counted back from publication ({}): {}.",
                with_weekday(published),
                long(d)
            );
            Span::new((d, d), Precision::Day, note)?
        }
        When::LastNight => {
            let d = back(published, 1)?;
            let note = format!(
                "'{written}' = the night before publication ({}): {} to {}.",
                with_weekday(published),
                long(d),
                long(published)
            );
            Span::new((d, published), Precision::Day, note)?
        }
        When::Weekend(which) => weekend_span(*which, written, published)?,
        When::ThisUnit(unit) => this_unit(*unit, written, published)?,
        When::LastUnit(unit) => last_unit(*unit, written, published)?,
        When::Ago(n, unit) => ago(*n, *unit, written, published)?,
        When::AgoToday(n, unit) => ago_today(*n, *unit, written, published)?,
        When::Recent(n, unit) => recent(*n, *unit, written, published)?,
    };
    finish(span, written, published)
}

/// Drops spans after publication and cuts those that run past it.
fn finish(span: Span, written: &str, published: NaiveDate) -> Option<EventDate> {
    if span.start > published {
        return None;
    }
    let mut note = span.note;
    let end = if span.end > published {
        if !note.is_empty() {
            note.push(' ');
        }
        note.push_str(&format!(
            "Ends at publication ({}): the article cannot report later days.",
            long(published)
        ));
        published
    } else {
        span.end
    };
    Some(EventDate {
        range: Some((span.start, end)),
        precision: span.precision,
        text: written.to_owned(),
        note,
    })
}

fn part_note(part: Option<&str>, unit: &str) -> String {
    match part {
        Some(p) => format!("'{p}' narrows it within the {unit}; kept as the whole {unit}."),
        None => String::new(),
    }
}

fn lent_note(cue: &RawCue) -> Option<String> {
    cue.year_from
        .as_ref()
        .map(|from| format!("The year comes from '{from}' in the same sentence."))
}

fn day_span(
    year: Option<i32>,
    month: u32,
    day: u32,
    last_day: Option<u32>,
    cue: &RawCue,
    published: NaiveDate,
) -> Option<Span> {
    let (year, note) = match (year, lent_note(cue)) {
        (Some(y), Some(lent)) => (y, lent),
        (Some(y), None) => (y, String::new()),
        (None, _) => {
            let y = (0..8).map(|k| published.year() - k).find(|&y| {
                NaiveDate::from_ymd_opt(y, month, day).is_some_and(|d| d <= published)
            })?;
            let note = format!(
                "Year not stated; {y} taken as the latest {day} {} not after publication ({}).",
                month_name(month),
                long(published)
            );
            (y, note)
        }
    };
    let start = NaiveDate::from_ymd_opt(year, month, day)?;
    let end = match last_day {
        Some(l) => NaiveDate::from_ymd_opt(year, month, l).filter(|e| *e >= start)?,
        None => start,
    };
    Span::new((start, end), Precision::Day, note)
}

fn month_span(
    year: Option<i32>,
    month: u32,
    part: Option<&str>,
    which: Which,
    cue: &RawCue,
    published: NaiveDate,
) -> Option<Span> {
    let mut note = part_note(part, "month");
    let year = match (year, lent_note(cue)) {
        (Some(y), lent) => {
            if let Some(l) = lent {
                note = format!("{l} {note}").trim().to_owned();
            }
            y
        }
        (None, _) => {
            // a month named alone that comes in the next two months is one to come ("when her
            // term ends in December", written in November), not the one a year before
            let ahead = (month + 12 - published.month()) % 12;
            if which == Which::Plain && (1..=2).contains(&ahead) {
                return None;
            }
            let this_year = published.year();
            let y = match which {
                Which::This => this_year,
                Which::Last if month >= published.month() => this_year - 1,
                Which::Plain if month > published.month() => this_year - 1,
                _ => this_year,
            };
            let rule = match which {
                Which::Last => "the latest before the current month",
                Which::This => "this year's",
                Which::Plain => "the latest not after publication",
            };
            note = format!(
                "Year not stated; {y} taken as {rule} ({}). {note}",
                long(published)
            )
            .trim()
            .to_owned();
            y
        }
    };
    Span::new(month_range(year, month)?, Precision::Month, note)
}

fn season_range(year: i32, season: Season) -> Option<(NaiveDate, NaiveDate)> {
    let (first, last_year, last) = match season {
        Season::Spring => (3, year, 5),
        Season::Summer => (6, year, 8),
        Season::Autumn => (9, year, 11),
        Season::Winter => (12, year + 1, 2),
    };
    Some((
        NaiveDate::from_ymd_opt(year, first, 1)?,
        month_range(last_year, last)?.1,
    ))
}

fn season_name(season: Season) -> &'static str {
    match season {
        Season::Spring => "spring",
        Season::Summer => "summer",
        Season::Autumn => "autumn",
        Season::Winter => "winter",
    }
}

fn season_span(
    year: Option<i32>,
    season: Season,
    which: Which,
    published: NaiveDate,
) -> Option<Span> {
    let chosen = match year {
        Some(y) => y,
        None => {
            let mut candidates = (published.year() - 2..=published.year())
                .filter_map(|y| season_range(y, season).map(|r| (y, r)));
            let pick = match which {
                Which::Last => candidates.rfind(|(_, r)| r.1 < published),
                Which::Plain | Which::This => candidates.rfind(|(_, r)| r.0 <= published),
            };
            pick?.0
        }
    };
    let range = season_range(chosen, season)?;
    // months, not days: a season cut short at publication keeps a true note
    let mut note = format!(
        "Meteorological {}, {} to {}.",
        season_name(season),
        range.0.format("%B %Y"),
        range.1.format("%B %Y")
    );
    if year.is_none() {
        note = format!(
            "Year not stated; the {} taken is the latest {} publication ({}). {note}",
            season_name(season),
            if which == Which::Last {
                "ended before"
            } else {
                "begun by"
            },
            long(published)
        );
    }
    Span::new(range, Precision::Season, note)
}

fn weekday_span(
    weekday: Weekday,
    which: Which,
    written: &str,
    published: NaiveDate,
) -> Option<Span> {
    let offset = u64::from(
        (published.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7,
    );
    let (day, note) = match which {
        Which::Plain if offset == 0 => {
            let before = back(published, 7)?;
            (
                published,
                format!(
                    "The article is dated {}, a {weekday_long} (checked); '{written}' is read as that same day. (The {weekday_long} before would be {}.)",
                    long(published),
                    long(before),
                    weekday_long = published.format("%A")
                ),
            )
        }
        Which::Plain | Which::This => {
            let d = back(published, offset)?;
            (
                d,
                format!(
                    "Article published {}; '{written}' read as the latest {} before it: {}.",
                    with_weekday(published),
                    d.format("%A"),
                    long(d)
                ),
            )
        }
        Which::Last => {
            let d = back(published, if offset == 0 { 7 } else { offset })?;
            (
                d,
                format!(
                    "Article published {}; '{written}' read as the latest {} before it: {}.",
                    with_weekday(published),
                    d.format("%A"),
                    long(d)
                ),
            )
        }
    };
    if which == Which::This && week_containing(day).0 != week_containing(published).0 {
        return None;
    }
    Span::new((day, day), Precision::Day, note)
}

/// The Saturday and Sunday `written` names: the latest begun by publication ("over the
/// weekend"), the one before it when published on a weekend ("last weekend"), or the weekend of
/// the publication week when it has begun ("this weekend"; a weekend still to come is not an
/// event the article reports).
fn weekend_span(which: Which, written: &str, published: NaiveDate) -> Option<Span> {
    let since_saturday = u64::from((published.weekday().num_days_from_monday() + 2) % 7);
    let on_weekend = since_saturday <= 1;
    if which == Which::This && !on_weekend {
        return None;
    }
    let saturday = back(published, since_saturday)?;
    let saturday = if which == Which::Last && on_weekend {
        back(saturday, 7)?
    } else {
        saturday
    };
    let sunday = saturday.checked_add_days(Days::new(1))?;
    let note = format!(
        "Article published {}; '{written}' read as Saturday {} and Sunday {}.",
        with_weekday(published),
        long(saturday),
        long(sunday)
    );
    Span::new((saturday, sunday), Precision::Day, note)
}

fn this_unit(unit: Unit, written: &str, published: NaiveDate) -> Option<Span> {
    let (start, precision) = match unit {
        Unit::Day => (published, Precision::Day),
        Unit::Week => (week_containing(published).0, Precision::Week),
        Unit::Month => (published.with_day(1)?, Precision::Month),
        Unit::Year => (year_range(published.year())?.0, Precision::Year),
    };
    let note = format!(
        "Article published {}; '{written}' = {} to the publication day.",
        with_weekday(published),
        long(start)
    );
    Span::new((start, published), precision, note)
}

fn last_unit(unit: Unit, written: &str, published: NaiveDate) -> Option<Span> {
    let (range, precision) = match unit {
        Unit::Day => {
            let d = back(published, 1)?;
            ((d, d), Precision::Day)
        }
        Unit::Week => (week_containing(back(published, 7)?), Precision::Week),
        Unit::Month => {
            let d = published.with_day(1)?.checked_sub_months(Months::new(1))?;
            (month_range(d.year(), d.month())?, Precision::Month)
        }
        Unit::Year => (year_range(published.year() - 1)?, Precision::Year),
    };
    let note = format!(
        "Article published {}; '{written}' = {} to {}.",
        with_weekday(published),
        with_weekday(range.0),
        with_weekday(range.1)
    );
    Span::new(range, precision, note)
}

fn ago(n: u32, unit: Unit, written: &str, published: NaiveDate) -> Option<Span> {
    let (range, precision) = match unit {
        Unit::Day => {
            let d = back(published, u64::from(n))?;
            ((d, d), Precision::Day)
        }
        Unit::Week => (
            week_containing(back(published, 7 * u64::from(n))?),
            Precision::Week,
        ),
        Unit::Month => {
            let d = published.checked_sub_months(Months::new(n))?;
            (month_range(d.year(), d.month())?, Precision::Month)
        }
        Unit::Year => (year_range(published.year() - n as i32)?, Precision::Year),
    };
    let note = format!(
        "Counted back from publication ({}): '{written}' = {} to {}.",
        long(published),
        long(range.0),
        long(range.1)
    );
    Span::new(range, precision, note)
}

/// "three years ago today": the day of publication that many units before (29 February a year
/// back is 28 February).
fn ago_today(n: u32, unit: Unit, written: &str, published: NaiveDate) -> Option<Span> {
    let day = match unit {
        Unit::Day => back(published, u64::from(n))?,
        Unit::Week => back(published, 7 * u64::from(n))?,
        Unit::Month => published.checked_sub_months(Months::new(n))?,
        Unit::Year => published.checked_sub_months(Months::new(12 * n))?,
    };
    let note = format!(
        "Counted back from publication ({}): '{written}' = {}.",
        long(published),
        long(day)
    );
    Span::new((day, day), Precision::Day, note)
}

fn recent(n: u32, unit: Unit, written: &str, published: NaiveDate) -> Option<Span> {
    let (start, precision) = match unit {
        Unit::Day => (
            back(published, u64::from(n.saturating_sub(1)))?,
            Precision::Day,
        ),
        Unit::Week => (back(published, 7 * u64::from(n) - 1)?, Precision::Week),
        Unit::Month => (
            published
                .with_day(1)?
                .checked_sub_months(Months::new(n.saturating_sub(1)))?,
            Precision::Month,
        ),
        Unit::Year => (
            year_range(published.year() - n as i32 + 1)?.0,
            Precision::Year,
        ),
    };
    let note = format!(
        "Approximate: '{written}' taken as {} to publication ({}); the article gives no closer date.",
        long(start),
        long(published)
    );
    Span::new((start, published), precision, note)
}

#[cfg(test)]
mod tests;
