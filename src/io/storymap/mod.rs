//! Knight Lab's StoryMapJS JSON: `{storymap: {slides: [...]}}`.
//!
//! - Each slide but the overview (`type: "overview"`) is an event: `text.headline` and `text.text`
//!   (HTML turned into text) as title and summary, `media.url` and `media.credit` as the source,
//!   `media.caption` in the notes, `location {lat, lon, name}` (numbers or numeric strings) as the
//!   place; without coordinates the slide is unplaced.
//! - `date` is free text: what reads as a date is used ([`crate::io::free_date`]) and the text is kept as the
//!   date's wording. A day or month without a year ("Aug 23") stays undated, unless the user
//!   assumes a year for the whole file ([`LoadOptions::assume_year`]); the date's note then says so.
//! - With [`LoadOptions::time_field`] the named keys of each slide give the dates instead.

use super::imported::{DateFields, Places, date_between, read_date_value};
use super::json_locate::Step;
use super::json_values::{LazyLocator, PathFail, html_at, knight_lab_event, text};
use super::open::{LoadOptions, Opened};
use super::timelinejs::set_source;
use crate::io::free_date::{FreeDate, read_free_date};
use crate::model::{Event, EventDate, Place, TimeOfDay};
use serde_json::Value;

/// The key of a slide's free-text date.
const DATE_KEY: &str = "date";

/// Loads a StoryMapJS document already parsed as `doc` from `text`.
pub fn parse_storymap(
    file: &str,
    text: &str,
    doc: &Value,
    options: &LoadOptions,
) -> (Vec<Place>, Opened) {
    let loc = LazyLocator::new(file, text);
    let mut opened = Opened::default();
    let Some(slides) = doc.pointer("/storymap/slides").and_then(Value::as_array) else {
        opened.problems.push(loc.problem(
            &["storymap".into(), "slides".into()],
            "`storymap.slides` must be a list",
        ));
        return (Vec::new(), opened);
    };
    let mut reader = Reader {
        file,
        options,
        places: Places::default(),
        fields: DateFields::default(),
        yearless: 0,
    };
    let mut events = Vec::with_capacity(slides.len());
    let mut overviews = 0;
    for (i, slide) in slides.iter().enumerate() {
        let path = [Step::from("storymap"), Step::from("slides"), Step::Index(i)];
        if slide.get("type").and_then(Value::as_str) == Some("overview") {
            let headline = html_at(slide.get("text"), "headline");
            opened.notices.push(format!(
                "the overview slide{} is not an event",
                if headline.is_empty() {
                    String::new()
                } else {
                    format!(" “{headline}”")
                }
            ));
            overviews += 1;
            continue;
        }
        match reader.slide(slide, i, &path) {
            Ok(e) => events.push(e),
            Err((at, m)) => opened.problems.push(loc.problem(&at, m)),
        }
    }
    let undated = events.iter().filter(|e| e.date.range.is_none()).count();
    let total = slides.len() - overviews;
    opened.undated = reader.fields.report(undated, total, "slides").map(|mut r| {
        r.yearless = reader.yearless;
        r
    });
    if let Some(year) = options.assume_year {
        opened.notices.push(format!(
            "dates without a year are taken to be in {year}, as chosen when opening the file"
        ));
    }
    opened.records = events.into();
    (reader.places.into_vec(), opened)
}

struct Reader<'a> {
    file: &'a str,
    options: &'a LoadOptions,
    places: Places,
    fields: DateFields,
    /// Slides whose date has a day or month but no year (and no year was assumed).
    yearless: usize,
}

impl Reader<'_> {
    fn slide(&mut self, slide: &Value, i: usize, path: &[Step]) -> Result<Event, PathFail> {
        if !slide.is_object() {
            return Err((path.to_vec(), "a slide must be an object".to_owned()));
        }
        // the slide's own `date` is read already: only other fields are offered as time fields
        let others = slide.as_object().into_iter().flatten();
        for (key, value) in others.filter(|(key, _)| key.as_str() != DATE_KEY) {
            if let Some(t) = text(Some(value)) {
                self.fields.offer(key, &t);
            }
        }
        let id = format!("slide-{}", i + 1);
        let (date, time) = self.date(slide, path)?;
        let mut e = knight_lab_event(slide, path, (&id, date), &mut self.places)?;
        e.time = time;
        set_source(&mut e, slide.get("media"), &self.file_name());
        Ok(e)
    }

    /// The slide's date: from the chosen fields when the user chose some, else its free text.
    fn date(
        &mut self,
        slide: &Value,
        path: &[Step],
    ) -> Result<(EventDate, Option<TimeOfDay>), PathFail> {
        let at = |key: &str| {
            let mut p = path.to_vec();
            p.push(Step::from(key));
            p
        };
        if let Some((start, end)) = &self.options.time_field {
            let value = |key: &str| text(slide.get(key)).filter(|t| !t.trim().is_empty());
            let Some(s) = value(start) else {
                return Ok((EventDate::undated(), None));
            };
            let (a, time) = read_date_value(&s).map_err(|m| (at(start), m))?;
            let b = match end.as_deref().and_then(|k| value(k).map(|v| (k, v))) {
                Some((k, v)) => Some(read_date_value(&v).map_err(|m| (at(k), m))?.0),
                None => None,
            };
            let mut d = date_between(a, b).map_err(|m| (at(start), m))?;
            d.text = s;
            return Ok((d, time));
        }
        let written = text(slide.get(DATE_KEY))
            .unwrap_or_default()
            .trim()
            .to_owned();
        let mut date = match read_free_date(&written) {
            FreeDate::Dated(span) => EventDate::new(span.start, span.end, span.precision),
            FreeDate::Yearless { month, day } => match self.options.assume_year {
                Some(year) => match FreeDate::in_year(month, day, year) {
                    Some(span) => {
                        let mut d = EventDate::new(span.start, span.end, span.precision);
                        d.note = format!(
                            "the slide gives no year; {year} was assumed for the whole file when it was opened"
                        );
                        d
                    }
                    None => {
                        return Err((
                            at(DATE_KEY),
                            format!("“{written}” does not exist in the assumed year {year}"),
                        ));
                    }
                },
                None => {
                    self.yearless += 1;
                    EventDate::undated()
                }
            },
            FreeDate::Unknown => EventDate::undated(),
        };
        date.text = written;
        Ok((date, None))
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
