//! The content rules of an events file, beyond what loading checks: dates agree with the source's
//! publication and with their own notes, claims say why they count as verified, and an event drawn
//! as a shape has its place inside that shape.

use super::day_mentions::day_mentions;
use super::fit::point_fits;
use crate::io::basemap::Basemap;
use crate::io::date_parse::parse_day;
use crate::io::json_locate::{JsonLocator, Step};
use crate::io::problem::{Finding, Severity};
use crate::model::{Event, Place, PlaceKind, Precision};
use std::collections::HashMap;

/// The words in `date_note` that let an event end after its source was published: the article
/// announces it for a later date.
pub const ANNOUNCED_AS_FUTURE: &str = "announced as future";

/// The word `notes` must contain when a claim is marked verified.
pub const VERIFIED_WORD: &str = "verified";

/// An event that ends after its source's publication date, unless its note says it was announced
/// as future: what is wrong, for the `end` field.
pub fn ends_after_publication(e: &Event) -> Option<String> {
    let (_, end) = e.date.range?;
    let published = e.source.published?;
    if end <= published || e.date.note.to_lowercase().contains(ANNOUNCED_AS_FUTURE) {
        return None;
    }
    Some(format!(
        "end {end} is after the source's publication date {published}: an event the article reports cannot end after it was published (unless `date_note` says it was {ANNOUNCED_AS_FUTURE})"
    ))
}

/// A `date_note` naming a day that is not the event's own (its first or last day) nor the source's
/// publication date, while the event is less precise than a day: what is doubtful, for `date_note`.
pub fn note_names_a_finer_day(e: &Event) -> Option<String> {
    if e.date.precision == Precision::Day {
        return None;
    }
    let mut own_days: Vec<_> = e.date.range.map(|(s, e)| vec![s, e]).unwrap_or_default();
    own_days.extend(e.source.published);
    let mention = day_mentions(&e.date.note)
        .into_iter()
        .find(|m| !own_days.iter().any(|d| m.names(*d)))?;
    Some(format!(
        "`date_note` names the day {}, but the event's precision is `{}`: if that is the event's day, date it so (as outside knowledge, naming the public record); if it is another event's day, say so in `notes`",
        mention.describe(),
        e.date.precision
    ))
}

/// A claim (`claimed_by`) marked verified whose `notes` do not say why: what is wrong, for `verified`.
pub fn claim_verified_without_reason(e: &Event) -> Option<String> {
    let claimant = e.claimed_by.as_deref()?;
    let says_why = e
        .notes
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case(VERIFIED_WORD));
    if !e.verified || says_why {
        return None;
    }
    Some(format!(
        "`verified` is true for a claim by {claimant}: `notes` must say why it counts as verified (a sentence with the word \"{VERIFIED_WORD}\")"
    ))
}

/// An event drawn as a basemap shape whose place lies outside it: what is wrong, for `place`.
pub fn place_outside_shape(e: &Event, place: &Place, basemap: &Basemap) -> Option<String> {
    let name = e.shape_name.as_deref()?;
    if place.kind == PlaceKind::OffMap {
        return None;
    }
    let shape = basemap.shape(name)?;
    let whose = format!("the shape `{name}` the event is drawn as");
    point_fits(place.lon, place.lat, shape, &whose)
        .err()
        .map(|m| format!("place `{}`: {m}", place.id))
}

/// A `date_text` that reads whole as one day outside the event's own dates, as a spreadsheet writes
/// the wording it took for a date ("August 3" saved as `03.08.26`, with the year it was saved in):
/// what is doubtful, for `date_text`.
pub fn date_text_names_another_day(e: &Event) -> Option<String> {
    let (start, end) = e.date.range?;
    let text = e.date.text.trim();
    let day = parse_day(text).ok()?;
    if (start..=end).contains(&day) {
        return None;
    }
    let dates = if start == end {
        start.to_string()
    } else {
        format!("{start} to {end}")
    };
    Some(format!(
        "`date_text` `{text}` reads as the day {day}, outside the event's dates ({dates}): a spreadsheet may have rewritten the source's wording as a date; restore the wording from the source"
    ))
}

/// What one event breaks of the content rules: each finding's severity, the field it concerns and
/// its message. `place` is the event's place, when known.
pub fn event_findings(
    e: &Event,
    place: Option<&Place>,
    basemap: &Basemap,
) -> Vec<(Severity, &'static str, String)> {
    let mut out = Vec::new();
    if let Some(m) = ends_after_publication(e) {
        out.push((Severity::Error, "end", m));
    }
    if let Some(m) = note_names_a_finer_day(e) {
        out.push((Severity::Warning, "date_note", m));
    }
    if let Some(m) = date_text_names_another_day(e) {
        out.push((Severity::Warning, "date_text", m));
    }
    if let Some(m) = claim_verified_without_reason(e) {
        out.push((Severity::Error, "verified", m));
    }
    if let Some(m) = place.and_then(|p| place_outside_shape(e, p, basemap)) {
        out.push((Severity::Error, "place", m));
    }
    out
}

/// Applies every content rule to the loaded `events`, the items `items` (in the same order) of the
/// document's `events` list, locating each finding at the field it concerns. Only events that
/// loaded are judged.
pub fn content_findings(
    loc: &JsonLocator,
    events: &[Event],
    items: &[usize],
    places: &HashMap<String, Place>,
    basemap: &Basemap,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (e, &i) in events.iter().zip(items) {
        for (severity, field, m) in event_findings(e, places.get(&e.place), basemap) {
            let problem = loc.problem(
                &[Step::from("events"), Step::Index(i), Step::from(field)],
                m,
            );
            findings.push(Finding { severity, problem });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EventDate, Precision};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn event(start: NaiveDate, end: NaiveDate, precision: Precision, note: &str) -> Event {
        let mut date = EventDate::new(start, end, precision);
        date.note = note.to_owned();
        let mut e = Event::at("e", "E", date, 46.0, 39.0);
        e.source.published = Some(d(2021, 11, 22));
        e
    }

    #[test]
    fn an_event_may_not_end_after_its_article() {
        let month = event(d(2021, 11, 1), d(2021, 11, 30), Precision::Month, "");
        assert_eq!(
            ends_after_publication(&month).as_deref(),
            Some(
                "end 2021-11-30 is after the source's publication date 2021-11-22: an event the article reports cannot end after it was published (unless `date_note` says it was announced as future)"
            )
        );
        let on_the_day = event(d(2021, 11, 22), d(2021, 11, 22), Precision::Day, "");
        assert_eq!(ends_after_publication(&on_the_day), None);
        let announced = event(
            d(2021, 11, 26),
            d(2021, 11, 26),
            Precision::Day,
            "Announced as future: the summit is set for 26 November.",
        );
        assert_eq!(ends_after_publication(&announced), None);
        let mut undated_source = month.clone();
        undated_source.source.published = None;
        assert_eq!(ends_after_publication(&undated_source), None);
    }

    #[test]
    fn a_note_naming_another_day_is_doubtful_unless_the_event_is_a_day() {
        let week = event(
            d(2012, 3, 5),
            d(2012, 3, 11),
            Precision::Week,
            "'Last week' = Monday 5 to Sunday 11 March 2012; published 22 November 2021.",
        );
        assert_eq!(note_names_a_finer_day(&week), None);
        let month = event(
            d(2022, 7, 1),
            d(2022, 7, 31),
            Precision::Month,
            "Outside knowledge: the meeting took place on 16 July 2022.",
        );
        let m = note_names_a_finer_day(&month).unwrap();
        assert!(
            m.starts_with(
                "`date_note` names the day 16 July 2022, but the event's precision is `month`"
            ),
            "{m}"
        );
        let mut day = month.clone();
        day.date = EventDate::new(d(2022, 7, 16), d(2022, 7, 16), Precision::Day);
        day.date.note = month.date.note.clone();
        assert_eq!(note_names_a_finer_day(&day), None);
    }

    #[test]
    fn a_date_text_read_as_another_day_is_doubtful() {
        let mut e = event(d(2022, 8, 3), d(2022, 8, 3), Precision::Day, "");
        for own_wording in ["August 3", "3 August 2022", "2022-08-03", "03.08.22", ""] {
            e.date.text = own_wording.to_owned();
            assert_eq!(date_text_names_another_day(&e), None, "{own_wording}");
        }
        e.date.text = "03.08.26".to_owned();
        assert_eq!(
            date_text_names_another_day(&e).as_deref(),
            Some(
                "`date_text` `03.08.26` reads as the day 2026-08-03, outside the event's dates (2022-08-03): a spreadsheet may have rewritten the source's wording as a date; restore the wording from the source"
            )
        );
        let mut week = event(d(2012, 3, 5), d(2012, 3, 11), Precision::Week, "");
        week.date.text = "12.03.2012".to_owned();
        assert!(
            date_text_names_another_day(&week)
                .unwrap()
                .contains("outside the event's dates (2012-03-05 to 2012-03-11)")
        );
        week.date.text = "07.03.2012".to_owned();
        assert_eq!(date_text_names_another_day(&week), None);
    }

    #[test]
    fn a_verified_claim_needs_a_reason() {
        let mut e = event(d(2021, 11, 22), d(2021, 11, 22), Precision::Day, "");
        assert_eq!(claim_verified_without_reason(&e), None);
        e.claimed_by = Some("Press TV".to_owned());
        assert!(claim_verified_without_reason(&e).is_some());
        e.notes = "Unverified elsewhere.".to_owned();
        assert!(claim_verified_without_reason(&e).is_some());
        e.notes = "Verified as a statement: the article reports it first-hand.".to_owned();
        assert_eq!(claim_verified_without_reason(&e), None);
        e.notes.clear();
        e.verified = false;
        assert_eq!(claim_verified_without_reason(&e), None);
    }
}
