//! What the loaders of other tools' files (KML, TimelineJS, StoryMapJS) share: places made up for
//! their coordinates, the fields that look like dates, and dates read from a field the user chose.

use super::date_parse::ParsedSpan;
use super::free_date::{parse_written_date, parse_written_datetime};
use super::open::{DateField, UndatedReport};
use super::slug::{coordinates_id, coordinates_name};
use crate::model::{EventDate, Place, Precision, TimeOfDay};
use std::collections::HashMap;

/// How many sample values a date field keeps for the picker.
const SAMPLES: usize = 3;

/// Places made up for imported coordinates, one per distinct position.
#[derive(Debug, Default)]
pub struct Places {
    places: Vec<Place>,
    /// Each place's position in `places`, by id.
    ids: HashMap<String, usize>,
}

impl Places {
    /// The place id and display name for a point; `name` (when not empty) names it, else its
    /// coordinates do.
    pub fn point(&mut self, lon: f64, lat: f64, name: &str) -> (String, String) {
        let id = coordinates_id(lon, lat);
        let name = match name.trim() {
            "" => coordinates_name(lon, lat),
            n => n.to_owned(),
        };
        if let std::collections::hash_map::Entry::Vacant(slot) = self.ids.entry(id.clone()) {
            slot.insert(self.places.len());
            self.places.push(Place::ad_hoc(&id, &name, "", lat, lon));
        }
        (id, name)
    }

    /// Marks the place `id` as a country as a whole (a point its file gives for a country): the
    /// map names it as the country, not as a city.
    pub fn mark_country(&mut self, id: &str) {
        if let Some(p) = self.ids.get(id).and_then(|&i| self.places.get_mut(i)) {
            p.kind = crate::model::PlaceKind::Country;
        }
    }

    /// The places made so far.
    pub fn into_vec(self) -> Vec<Place> {
        self.places
    }
}

/// How many values of a field are read to judge whether it holds dates; the rest are counted.
const JUDGED: usize = 512;

/// Counts, for each field of a file's records, how many have a value and how many of its first
/// values ([`JUDGED`]) look like dates, to offer the likely ones as time fields.
#[derive(Debug, Default)]
pub struct DateFields {
    /// Each field, with how many of its values were judged and how many of those look like dates.
    fields: Vec<(DateField, usize, usize)>,
    by_name: HashMap<String, usize>,
}

impl DateFields {
    /// Notes one record's value of a field.
    pub fn offer(&mut self, name: &str, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let k = *self.by_name.entry(name.to_owned()).or_insert_with(|| {
            self.fields.push((
                DateField {
                    name: name.to_owned(),
                    ..DateField::default()
                },
                0,
                0,
            ));
            self.fields.len() - 1
        });
        let (field, judged, datelike) = &mut self.fields[k];
        field.records += 1;
        if *judged >= JUDGED {
            return;
        }
        *judged += 1;
        if looks_like_date(value) {
            *datelike += 1;
            if field.samples.len() < SAMPLES && !field.samples.iter().any(|s| s == value) {
                field.samples.push(value.to_owned());
            }
        }
    }

    /// The report for `undated` of `total` records, when some are undated: the fields whose
    /// values mostly look like dates, most filled first.
    pub fn report(self, undated: usize, total: usize, noun: &str) -> Option<UndatedReport> {
        if undated == 0 {
            return None;
        }
        let mut candidates: Vec<DateField> = self
            .fields
            .into_iter()
            .filter(|(_, judged, datelike)| *datelike > 0 && datelike * 2 >= *judged)
            .map(|(f, _, _)| f)
            .collect();
        candidates.sort_by_key(|f| std::cmp::Reverse(f.records));
        Some(UndatedReport {
            undated,
            total,
            noun: noun.to_owned(),
            candidates,
            yearless: 0,
        })
    }
}

/// Whether a value reads as a date in any form the loaders know.
pub fn looks_like_date(value: &str) -> bool {
    let t = value.trim();
    // a bare small number is more often a count than a year
    let digits_only = t.bytes().all(|b| b.is_ascii_digit());
    // four digits may be a year and eight a day (`20230919`); nine or ten are more often ids
    // than Unix seconds
    if digits_only && t.len() != 4 && t.len() != 8 && t.len() < 11 {
        return false;
    }
    parse_written_date(t).is_ok()
}

/// Reads a date from a field the user chose: an ISO date or datetime (keeping the time of day),
/// `03 August 2022`, `3-Aug-22`, Unix milliseconds, or as people write dates in their own tables,
/// `March 2021` (the month), `August 3, 2022` or `March 28, 2024, 10:24:02 PM` (keeping the time
/// of day; see [`parse_written_datetime`]).
pub fn read_date_value(value: &str) -> Result<(ParsedSpan, Option<TimeOfDay>), String> {
    parse_written_datetime(value)
}

/// The event date from a start and an optional end: the end's last day closes the range, and the
/// coarser of the two precisions is kept. Fails when the end comes before the start.
pub fn date_between(start: ParsedSpan, end: Option<ParsedSpan>) -> Result<EventDate, String> {
    let Some(end) = end else {
        return Ok(EventDate::new(start.start, start.end, start.precision));
    };
    if end.end < start.start {
        return Err(format!(
            "the end ({}) is before the start ({})",
            end.end, start.start
        ));
    }
    let precision = coarser(start.precision, end.precision);
    Ok(EventDate::new(start.start, end.end, precision))
}

/// The less precise of two precisions.
pub fn coarser(a: Precision, b: Precision) -> Precision {
    a.max(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::date_parse::parse_date_text;
    use chrono::NaiveDate;

    #[test]
    fn date_fields_offer_the_likely_ones() {
        let mut fields = DateFields::default();
        for (start, count) in [("2020-01-05", "12"), ("2020-02-07", "3"), ("n/a", "4")] {
            fields.offer("start_date", start);
            fields.offer("count", count);
            fields.offer("empty", "");
        }
        let report = fields.report(3, 3, "placemarks").unwrap();
        assert_eq!(report.candidates.len(), 1);
        assert_eq!(report.candidates[0].name, "start_date");
        assert_eq!(report.candidates[0].records, 3);
        assert_eq!(report.candidates[0].samples, ["2020-01-05", "2020-02-07"]);
        assert_eq!(
            report.message(),
            "3 placemarks have no recognised date; fields that look like dates: start_date"
        );
        assert!(DateFields::default().report(0, 3, "x").is_none());
    }

    #[test]
    fn a_field_is_judged_on_its_first_values_and_every_value_is_counted() {
        let mut fields = DateFields::default();
        for k in 0..2000 {
            // GDELT's SQLDATE and its ten-digit event ids
            fields.offer("SQLDATE", &format!("202309{:02}", k % 28 + 1));
            fields.offer("GLOBALEVENTID", &format!("{}", 1_000_000_000 + k));
            // dates only after the values judged
            fields.offer("late", if k < JUDGED { "x" } else { "2020-01-01" });
        }
        let report = fields.report(2000, 2000, "rows").unwrap();
        let names: Vec<&str> = report.candidates.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["SQLDATE"]);
        assert_eq!(report.candidates[0].records, 2000);
        assert_eq!(
            report.candidates[0].samples,
            ["20230901", "20230902", "20230903"]
        );
    }

    #[test]
    fn spans_take_the_coarser_precision() {
        let a = parse_date_text("2020").unwrap();
        let b = parse_date_text("2021-03-04").unwrap();
        let d = date_between(a, Some(b)).unwrap();
        assert_eq!(d.precision, Precision::Year);
        assert_eq!(
            d.range,
            Some((
                NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(2021, 3, 4).unwrap()
            ))
        );
        assert!(date_between(b, Some(a)).is_err());
        let (span, time) = read_date_value("2021-03-04T05:06:07Z").unwrap();
        assert_eq!(
            (span.start, time.map(|t| t.iso())),
            (b.start, Some("05:06:07Z".to_owned()))
        );
        assert_eq!(
            read_date_value("3 August 2022").unwrap().0.precision,
            Precision::Day
        );
        assert!(!looks_like_date("12"));
        assert!(looks_like_date("1999"));
    }
}
