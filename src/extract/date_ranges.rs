//! Date expressions written as a range ("from 2018 to 2020", "between March and May 2021",
//! "27 September to 10 November 2020", "2020-2021") and years lent from one expression to those
//! joined to it ("January 11 and November 26, 2021").

use super::date_kinds::{RawCue, When};
use super::date_resolve::resolve;
use super::dates::DateCue;
use crate::model::EventDate;
use chrono::NaiveDate;

/// Lends a written year to the year-less days and months before it that are joined to it by "and"
/// or commas ("January 11 and November 26, 2021").
pub fn lend_years(text: &str, mut cues: Vec<RawCue>) -> Vec<RawCue> {
    for k in (0..cues.len().saturating_sub(1)).rev() {
        let gap = &text[cues[k].span.end..cues[k + 1].span.start];
        let joined = gap
            .split(|c: char| !c.is_alphanumeric())
            .all(|w| w.is_empty() || w == "and" || w == "or");
        let lender = match &cues[k + 1].when {
            When::Day { year: Some(y), .. } | When::Month { year: Some(y), .. } => Some(*y),
            _ => None,
        };
        let (Some(y), true) = (lender, joined) else {
            continue;
        };
        let from = text[cues[k + 1].span.clone()].to_owned();
        match &mut cues[k].when {
            When::Day {
                year: year @ None, ..
            }
            | When::Month {
                year: year @ None, ..
            } => {
                *year = Some(y);
                cues[k].year_from = Some(from);
            }
            _ => {}
        }
    }
    cues
}

/// Words that, opening a sentence before a bare year and a comma, make that year the frame of the
/// whole sentence ("In 2023, after an offensive on 19–20 September, …").
const FRAME_OPENERS: [&str; 3] = ["in", "during", "back in"];

/// Lends the year that frames a sentence ("In 2023, …") to the year-less days, months and seasons
/// after it, and drops the framing year itself when it lent it: it dates them, not an event of its
/// own. A sentence whose year only stands beside other dates keeps them all as written.
pub fn frame_year(text: &str, mut cues: Vec<RawCue>) -> Vec<RawCue> {
    let Some(first) = cues.first() else {
        return cues;
    };
    let When::Year { year, part: None } = first.when else {
        return cues;
    };
    if framing_year_end(text).is_none_or(|end| first.span.end > end) {
        return cues;
    }
    let from = text[..first.span.end].trim().to_owned();
    let mut lent = false;
    for cue in &mut cues[1..] {
        if let When::Day { year: y @ None, .. }
        | When::Month { year: y @ None, .. }
        | When::Season { year: y @ None, .. } = &mut cue.when
        {
            *y = Some(year);
            cue.year_from = Some(from.clone());
            lent = true;
        }
    }
    if lent {
        cues.remove(0);
    }
    cues
}

/// Where the words after a framing year begin ("In 2023, after…" gives the byte of "after"), when
/// the sentence opens with one.
///
/// ```
/// use caucasus_atlas::extract::date_ranges::framing_year_end;
/// let s = "In 2023, after an offensive, they agreed.";
/// assert_eq!(framing_year_end(s).map(|e| &s[e..]), Some("after an offensive, they agreed."));
/// assert_eq!(framing_year_end("In Baku, officials met."), None);
/// ```
pub fn framing_year_end(text: &str) -> Option<usize> {
    let (head, rest) = text.split_once(',')?;
    let (opener, year) = head.trim().rsplit_once(' ')?;
    let is_year = year.len() == 4 && year.chars().all(|c| c.is_ascii_digit());
    let opens = FRAME_OPENERS.contains(&opener.trim().to_lowercase().as_str());
    (is_year && opens).then(|| text.len() - rest.trim_start().len())
}

/// The year and month a day or month expression writes, if it writes its year.
fn written_year(when: &When) -> Option<(i32, u32)> {
    match when {
        When::Day {
            year: Some(y),
            month,
            ..
        }
        | When::Month {
            year: Some(y),
            month,
            ..
        } => Some((*y, *month)),
        _ => None,
    }
}

/// Lends the year the last expression of a range writes to its first, when that has none ("27
/// September to 10 November 2020"); a first month later in the year than the last belongs to the
/// year before ("from December to February 2021").
fn lend_to_first(text: &str, a: &mut RawCue, b: &RawCue) {
    let Some((y, last_month)) = written_year(&b.when) else {
        return;
    };
    let (When::Day {
        year: year @ None,
        month,
        ..
    }
    | When::Month {
        year: year @ None,
        month,
        ..
    }) = &mut a.when
    else {
        return;
    };
    *year = Some(if *month > last_month { y - 1 } else { y });
    a.year_from = Some(text[b.span.clone()].to_owned());
}

/// A pair of expressions written as a range ("from 2018 to 2020", "between March and May 2021",
/// "2018-2020"), kept as its first and last expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// One expression.
    One(RawCue),
    /// A range from the first to the second.
    Range(RawCue, RawCue),
}

/// Pairs the expressions written as ranges ("from A to B", "between A and B", "A-B").
pub fn merge_ranges(text: &str, cues: Vec<RawCue>) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut iter = cues.into_iter().peekable();
    while let Some(a) = iter.next() {
        let Some(b) = iter.peek() else {
            out.push(Found::One(a));
            break;
        };
        let gap = text[a.span.end..b.span.start].trim();
        let before = text[..a.span.start].trim_end().to_lowercase();
        let is_range = matches!(gap, "-" | "–" | "to" | "until" | "through")
            || (gap == "and" && before.ends_with("between"))
            || (gap == "to" && before.ends_with("from"));
        if is_range {
            let b = iter.next().unwrap_or_else(|| a.clone());
            let mut a = a;
            lend_to_first(text, &mut a, &b);
            out.push(Found::Range(a, b));
        } else {
            out.push(Found::One(a));
        }
    }
    out
}

impl Found {
    /// The resolved cue, or `None` when it names a time after publication or an impossible day.
    pub fn resolved(self, text: &str, published: NaiveDate) -> Option<DateCue> {
        match self {
            Found::One(c) => {
                let date = resolve(&c, &text[c.span.clone()], published)?;
                Some(DateCue { span: c.span, date })
            }
            Found::Range(a, b) => {
                let span = a.span.start..b.span.end;
                let written = &text[span.clone()];
                let first = resolve(&a, &text[a.span.clone()], published)?;
                let last = resolve(&b, &text[b.span.clone()], published)?;
                let (Some((start, _)), Some((_, end))) = (first.range, last.range) else {
                    return None;
                };
                if end < start {
                    return None;
                }
                let mut notes: Vec<&str> = [first.note.as_str(), last.note.as_str()]
                    .into_iter()
                    .filter(|n| !n.is_empty())
                    .collect();
                notes.dedup();
                let mut note = format!("A range from '{}' to '{}'.", first.text, last.text);
                for n in notes {
                    note.push(' ');
                    note.push_str(n);
                }
                let date = EventDate {
                    range: Some((start, end)),
                    precision: first.precision.max(last.precision),
                    text: written.to_owned(),
                    note,
                };
                Some(DateCue { span, date })
            }
        }
    }
}
