//! Knight Lab's TimelineJS JSON: `{title, events: [...], eras: [...]}`.
//!
//! - Each of `events[]` is an event: `start_date`/`end_date` objects (see [`date`]),
//!   `text.headline` and `text.text` (HTML turned into text) as title and summary, `group` as the
//!   type label, `media.url` and `media.credit` as the source, `media.caption` in the notes,
//!   `unique_id` as the id, and an optional `location {lat, lon, name}`; without a location the
//!   event is unplaced. Hours and minutes are kept as the time of day.
//! - The `title` slide is not an event (a notice says so). `eras` are not events either: each
//!   event that starts inside an era gets a note naming it.
//! - With [`LoadOptions::time_field`] the named keys of each event give the dates instead.

pub mod date;

use super::imported::{DateFields, Places, date_between};
use super::json_locate::Step;
use super::json_values::{LazyLocator, PathFail, html_at, knight_lab_event, text};
use super::open::{LoadOptions, Opened};
use super::problem::Problem;
use crate::model::{Event, EventDate, Place};
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::HashSet;

/// Loads a TimelineJS document already parsed as `doc` from `text`.
pub fn parse_timelinejs(
    file: &str,
    text: &str,
    doc: &Value,
    options: &LoadOptions,
) -> (Vec<Place>, Opened) {
    let loc = LazyLocator::new(file, text);
    let mut opened = Opened::default();
    let Some(events) = doc.get("events").and_then(Value::as_array) else {
        opened
            .problems
            .push(loc.problem(&["events".into()], "`events` must be a list"));
        return (Vec::new(), opened);
    };
    let eras = read_eras(doc, &loc, &mut opened.problems);
    if let Some(title) = doc.get("title") {
        let headline = html_at(title.get("text"), "headline");
        opened.notices.push(format!(
            "the title slide{} is not an event",
            if headline.is_empty() {
                String::new()
            } else {
                format!(" “{headline}”")
            }
        ));
    }
    let mut reader = Reader {
        file,
        options,
        places: Places::default(),
        fields: DateFields::default(),
        ids: HashSet::new(),
    };
    let mut out = Vec::with_capacity(events.len());
    for (i, ev) in events.iter().enumerate() {
        let path = [Step::from("events"), Step::Index(i)];
        match reader.event(ev, i, &path) {
            Ok(mut e) => {
                note_eras(&mut e, &eras);
                out.push(e);
            }
            Err((at, m)) => opened.problems.push(loc.problem(&at, m)),
        }
    }
    let undated = out.iter().filter(|e| e.date.range.is_none()).count();
    opened.undated = reader.fields.report(undated, events.len(), "events");
    opened.records = out.into();
    (reader.places.into_vec(), opened)
}

/// The source from a slide's or event's `media`: its `url` names the document (an HTML `url`, as
/// TimelineJS allows for quotes, becomes the quote), `credit` the publisher, `caption` a note.
pub(crate) fn set_source(e: &mut Event, media: Option<&Value>, file_name: &str) {
    let url = text(media.and_then(|m| m.get("url")))
        .map(|u| u.trim().to_owned())
        .unwrap_or_default();
    if url.starts_with('<') {
        e.source.quote = super::html_text::html_to_text(&url);
    }
    e.source.document = if url.is_empty() || url.starts_with('<') {
        file_name.to_owned()
    } else {
        url
    };
    e.source.publisher = Some(html_at(media, "credit")).filter(|c| !c.is_empty());
    let caption = html_at(media, "caption");
    if !caption.is_empty() {
        e.notes = format!("Media caption: {caption}");
    }
}

/// An era of the file: its days and its headline.
struct Era {
    days: (NaiveDate, NaiveDate),
    headline: String,
}

fn read_eras(doc: &Value, loc: &LazyLocator<'_>, problems: &mut Vec<Problem>) -> Vec<Era> {
    let mut eras = Vec::new();
    for (i, era) in doc
        .get("eras")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let path = vec![Step::from("eras"), Step::Index(i)];
        match dates_at(era, &path, ("start_date", Some("end_date"))) {
            Ok(Some((d, _))) => {
                if let Some(days) = d.range {
                    eras.push(Era {
                        days,
                        headline: html_at(era.get("text"), "headline"),
                    });
                }
            }
            Ok(None) => problems.push(loc.problem(&path, "an era needs a start_date")),
            Err((at, m)) => problems.push(loc.problem(&at, m)),
        }
    }
    eras
}

/// Notes the eras an event starts in.
fn note_eras(e: &mut Event, eras: &[Era]) {
    let Some((start, _)) = e.date.range else {
        return;
    };
    for era in eras
        .iter()
        .filter(|era| era.days.0 <= start && start <= era.days.1)
    {
        if !e.notes.is_empty() {
            e.notes.push('\n');
        }
        let name = if era.headline.is_empty() {
            "(unnamed)"
        } else {
            &era.headline
        };
        e.notes.push_str(&format!(
            "Era (from the timeline's eras): {name}, {} to {}",
            era.days.0, era.days.1
        ));
    }
}

/// The date (and time of day) a record gives under its start and end keys; `None` when it has no
/// start.
fn dates_at(
    record: &Value,
    path: &[Step],
    (start_key, end_key): (&str, Option<&str>),
) -> Result<Option<(EventDate, Option<crate::model::TimeOfDay>)>, PathFail> {
    let at = |key: &str, part: Option<&str>| {
        let mut p = path.to_vec();
        p.push(Step::from(key));
        p.extend(part.map(Step::from));
        p
    };
    let read = |key: &str| date::read(record.get(key)).map_err(|(part, m)| (at(key, part), m));
    let Some(start) = read(start_key)? else {
        return Ok(None);
    };
    let end = match end_key {
        Some(k) => read(k)?,
        None => None,
    };
    let mut d = date_between(start.span, end.as_ref().map(|e| e.span))
        .map_err(|m| (at(end_key.unwrap_or(start_key), None), m))?;
    d.text = start.display.clone();
    Ok(Some((d, start.time)))
}

/// Converts events, keeping what they share.
struct Reader<'a> {
    file: &'a str,
    options: &'a LoadOptions,
    places: Places,
    fields: DateFields,
    ids: HashSet<String>,
}

impl Reader<'_> {
    fn event(&mut self, ev: &Value, i: usize, path: &[Step]) -> Result<Event, PathFail> {
        if !ev.is_object() {
            return Err((path.to_vec(), "an event must be an object".to_owned()));
        }
        self.offer_fields(ev);
        // `uniqueid` in files written by older versions
        let written_id = text(ev.get("unique_id")).or_else(|| text(ev.get("uniqueid")));
        let id = match written_id.map(|s| s.trim().to_owned()) {
            Some(id) if !id.is_empty() => id,
            _ => format!("event-{}", i + 1),
        };
        if self.ids.contains(&id) {
            let mut p = path.to_vec();
            p.push("unique_id".into());
            return Err((p, format!("duplicate event id `{id}`")));
        }
        let keys = match &self.options.time_field {
            Some((s, e)) => (s.as_str(), e.as_deref()),
            None => ("start_date", Some("end_date")),
        };
        let (date, time) = dates_at(ev, path, keys)?.unwrap_or((EventDate::undated(), None));
        let mut date = date;
        if let Some(display) = text(ev.get("display_date")).filter(|d| !d.trim().is_empty()) {
            date.text = display;
        }
        let mut e = knight_lab_event(ev, path, (&id, date), &mut self.places)?;
        e.time = time;
        e.category_label = html_at(Some(ev), "group");
        set_source(&mut e, ev.get("media"), &self.file_name());
        self.ids.insert(id);
        Ok(e)
    }

    /// Offers each key of an event whose value could be a date to the undated report.
    fn offer_fields(&mut self, ev: &Value) {
        for (key, value) in ev.as_object().into_iter().flatten() {
            let written = match value {
                Value::Object(o) if o.contains_key("year") => {
                    let part = |k: &str| text(o.get(k)).filter(|s| !s.trim().is_empty());
                    [part("year"), part("month"), part("day")]
                        .into_iter()
                        .flatten()
                        .map(|p| if p.len() == 1 { format!("0{p}") } else { p })
                        .collect::<Vec<_>>()
                        .join("-")
                }
                Value::String(_) | Value::Number(_) => text(Some(value)).unwrap_or_default(),
                _ => continue,
            };
            self.fields.offer(key, &written);
        }
    }

    fn file_name(&self) -> String {
        std::path::Path::new(self.file).file_name().map_or_else(
            || self.file.to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

#[cfg(test)]
mod tests;
