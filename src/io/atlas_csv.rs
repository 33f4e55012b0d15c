//! The atlas's own CSV: one row per event with every provenance field, written by File > Export and
//! read back by the CSV loader when its header has the atlas columns.

use super::basemap::Basemap;
use super::bundled::Loaded;
use super::csv_position::{FieldLocator, next_record};
use super::problem::Problem;
use super::table_separator::{decimal_point, sniff, truth_word};
use super::time_parse::parse_time_of_day;
use crate::model::date::parse_iso_day;
use crate::model::place::{validate_latitude, validate_longitude};
use crate::model::region::REGION;
use crate::model::{Category, Event, EventDate, Place, Precision, Source};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The header atlas CSV had before it kept the time of day; such files still open.
pub const LEGACY_COLUMNS: [&str; 23] = [
    "id",
    "title",
    "summary",
    "start",
    "end",
    "precision",
    "date_text",
    "date_note",
    "place",
    "place_name",
    "latitude",
    "longitude",
    "category",
    "category_label",
    "actors",
    "source_document",
    "source_quote",
    "publisher",
    "published",
    "claimed_by",
    "verified",
    "notes",
    "shape",
];

/// The header that marks an atlas CSV: [`LEGACY_COLUMNS`] and then `time_of_day`.
pub const ATLAS_COLUMNS: [&str; 24] = {
    let mut columns = [""; 24];
    let mut i = 0;
    while i < LEGACY_COLUMNS.len() {
        columns[i] = LEGACY_COLUMNS[i];
        i += 1;
    }
    columns[LEGACY_COLUMNS.len()] = "time_of_day";
    columns
};

#[derive(Debug, Serialize, Deserialize)]
struct Row {
    id: String,
    title: String,
    summary: String,
    start: String,
    end: String,
    precision: String,
    date_text: String,
    date_note: String,
    place: String,
    place_name: String,
    /// Empty (with `longitude`) for an unplaced event.
    latitude: Option<f64>,
    longitude: Option<f64>,
    category: String,
    category_label: String,
    actors: String,
    source_document: String,
    source_quote: String,
    publisher: String,
    published: String,
    claimed_by: String,
    verified: bool,
    notes: String,
    shape: String,
    /// ISO 8601 time with its offset when known (`10:15:00+04:00`); empty when not given.
    #[serde(default)]
    time_of_day: String,
}

/// Whether a CSV header is the atlas's own.
pub fn is_atlas_header(header: &csv::StringRecord) -> bool {
    header.iter().map(str::trim).eq(ATLAS_COLUMNS)
        || header.iter().map(str::trim).eq(LEGACY_COLUMNS)
}

/// Whether a table's header (read with its own separator) is the atlas's own.
pub fn is_atlas_table(bytes: &[u8]) -> bool {
    csv::ReaderBuilder::new()
        .delimiter(sniff(bytes))
        .from_reader(bytes)
        .headers()
        .is_ok_and(is_atlas_header)
}

/// Writes events as atlas CSV.
pub fn write_csv<E: std::borrow::Borrow<Event>>(
    events: impl IntoIterator<Item = E>,
) -> Result<String, csv::Error> {
    write_table(events, b',')
}

/// Writes events as the atlas's table with `separator` between fields (a comma for CSV, a tab for
/// TSV); [`read_csv`] reads either back.
pub fn write_table<E: std::borrow::Borrow<Event>>(
    events: impl IntoIterator<Item = E>,
    separator: u8,
) -> Result<String, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(separator)
        .from_writer(Vec::new());
    for e in events {
        let e = e.borrow();
        let day = |d: Option<chrono::NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        w.serialize(Row {
            id: e.id.clone(),
            title: e.title.clone(),
            summary: e.summary.clone(),
            start: day(e.date.range.map(|r| r.0)),
            end: day(e.date.range.map(|r| r.1)),
            precision: e.date.precision.as_str().to_owned(),
            date_text: e.date.text.clone(),
            date_note: e.date.note.clone(),
            place: e.place.clone(),
            place_name: e.place_name.clone(),
            latitude: e.lat.is_finite().then_some(e.lat),
            longitude: e.lon.is_finite().then_some(e.lon),
            category: e.category.as_str().to_owned(),
            category_label: e.category_label.clone(),
            actors: e.actors.join("; "),
            source_document: e.source.document.clone(),
            source_quote: e.source.quote.clone(),
            publisher: e.source.publisher.clone().unwrap_or_default(),
            published: day(e.source.published),
            claimed_by: e.claimed_by.clone().unwrap_or_default(),
            verified: e.verified,
            notes: e.notes.clone(),
            shape: e.shape_name.clone().unwrap_or_default(),
            time_of_day: e.time.map(|t| t.iso()).unwrap_or_default(),
        })?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn opt(s: String) -> Option<String> {
    (!s.trim().is_empty()).then_some(s)
}

/// Reads atlas CSV bytes. A row that cannot be read is a problem at its line and at the column of
/// the field that is wrong.
pub fn read_csv(file: &str, bytes: &[u8], basemap: &Basemap) -> (Vec<Place>, Loaded<Event>) {
    let (places, loaded, _) = read_csv_located(file, bytes, basemap);
    (places, loaded)
}

/// [`read_csv`], with where each loaded event's row starts in the file, in the events' order.
pub fn read_csv_located(
    file: &str,
    bytes: &[u8],
    basemap: &Basemap,
) -> (Vec<Place>, Loaded<Event>, Vec<csv::Position>) {
    let mut rows = Vec::new();
    let mut out = Loaded::default();
    let mut places: Vec<Place> = Vec::new();
    let mut seen_places = HashSet::new();
    let mut seen = HashSet::new();
    let separator = sniff(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .from_reader(bytes);
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            out.problems.push(Problem::whole(file, e.to_string()));
            return (places, out, rows);
        }
    };
    // a spreadsheet that saves with semicolons writes decimal commas, and its locale's words for
    // true and false
    let localised = (separator != b',').then(|| Localised::of(&headers));
    let located = FieldLocator {
        file,
        bytes,
        separator,
        headers: &headers,
    };
    let mut record = csv::StringRecord::new();
    while next_record(&mut reader, &mut record, &located, &mut out.problems) {
        // the row as the file writes it places problems and quotes values; a spreadsheet's
        // locale is read into the atlas's own words only for the fields, and only when it has one
        let row_text = &record;
        let in_atlas_words = localised.as_ref().map(|l| l.read(row_text));
        let converted = in_atlas_words
            .as_ref()
            .unwrap_or(row_text)
            .deserialize::<Row>(Some(&headers))
            .map_err(|e| unreadable_field(&e, row_text, &headers))
            .and_then(|row| {
                convert(row, basemap, &mut seen).map_err(|(name, m)| (located.index(name), m))
            });
        match converted {
            Ok(e) => {
                if e.lat.is_finite() && e.lon.is_finite() && seen_places.insert(e.place.clone()) {
                    places.push(Place::ad_hoc(&e.place, &e.place_name, "", e.lat, e.lon));
                }
                out.records.push(e);
                rows.push(
                    row_text
                        .position()
                        .cloned()
                        .unwrap_or_else(csv::Position::new),
                );
            }
            Err((index, m)) => out
                .problems
                .push(located.problem(row_text.position(), index, m)),
        }
    }
    (places, out, rows)
}

/// The field a row could not be deserialized at, and what is wrong with it, in the words of the
/// column: only the coordinates and `verified` are not text.
fn unreadable_field(
    err: &csv::Error,
    record: &csv::StringRecord,
    headers: &csv::StringRecord,
) -> (Option<usize>, String) {
    let csv::ErrorKind::Deserialize { err, .. } = err.kind() else {
        return (None, err.to_string());
    };
    let Some(index) = err.field().map(|i| i as usize) else {
        return (None, err.to_string());
    };
    let name = headers.get(index).unwrap_or("").trim();
    let value = record.get(index).unwrap_or("");
    let message = match name {
        "latitude" | "longitude" => format!("{name} `{value}` is not a number"),
        "verified" => format!("verified `{value}` is not true or false"),
        _ => format!("{name} `{value}`: {}", err.kind()),
    };
    (Some(index), message)
}

/// The columns a spreadsheet in another locale writes its own way: the coordinates (decimal
/// commas) and `verified` (its words for true and false).
struct Localised {
    coordinates: Vec<usize>,
    verified: Option<usize>,
}

impl Localised {
    fn of(headers: &csv::StringRecord) -> Localised {
        let named = |name: &str| headers.iter().position(|h| h.trim() == name);
        Localised {
            coordinates: ["latitude", "longitude"]
                .into_iter()
                .filter_map(named)
                .collect(),
            verified: named("verified"),
        }
    }

    /// `record` as the atlas writes it: decimal points, and `true` or `false`.
    fn read(&self, record: &csv::StringRecord) -> csv::StringRecord {
        let mut out = csv::StringRecord::new();
        for (i, field) in record.iter().enumerate() {
            let point = || decimal_point(field).filter(|_| self.coordinates.contains(&i));
            let truth = || truth_word(field).filter(|_| self.verified == Some(i));
            match (point(), truth()) {
                (Some(point), _) => out.push_field(&point),
                (None, Some(truth)) => out.push_field(truth),
                (None, None) => out.push_field(field),
            }
        }
        out.set_position(record.position().cloned());
        out
    }
}

/// `YYYY-MM-DD`, or a year before the common era as chrono writes it (`-0500-01-01`).
fn parse_day_any_year(text: &str) -> Result<chrono::NaiveDate, String> {
    match text.strip_prefix('-') {
        Some(rest) if rest.len() == 10 => parse_iso_day(rest).and_then(|_| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| format!("`{text}` is not a real calendar date"))
        }),
        _ => parse_iso_day(text),
    }
}

/// Turns a row into an event; on failure returns the column that is wrong and the message.
fn convert(
    row: Row,
    basemap: &Basemap,
    seen: &mut HashSet<String>,
) -> Result<Event, (&'static str, String)> {
    if row.id.trim().is_empty() {
        return Err(("id", "empty id".to_owned()));
    }
    // an id is taken by the first row that loads: a row refused for another fault keeps none
    if seen.contains(&row.id) {
        return Err(("id", format!("duplicate id `{}`", row.id)));
    }
    let (lat, lon) = coordinates(row.latitude, row.longitude)?;
    let time = opt(row.time_of_day)
        .map(|t| parse_time_of_day(&t))
        .transpose()
        .map_err(|m| ("time_of_day", m))?;
    if time.is_some() && row.start.trim().is_empty() {
        return Err(("start", "a time of day needs a start date".to_owned()));
    }
    let date = event_date(
        &row.start,
        &row.end,
        &row.precision,
        row.date_text,
        row.date_note,
    )?;
    let (category, category_label) = category_of(&row.category, row.category_label);
    let shape_name = opt(row.shape);
    let shape = shape_name
        .as_deref()
        .and_then(|n| basemap.shape(n))
        .map(|s| s.geometry.clone());
    let published = optional_day("published", &row.published)?;
    seen.insert(row.id.clone());
    Ok(Event {
        id: row.id,
        title: row.title,
        summary: row.summary,
        date,
        time,
        place: row.place,
        place_name: row.place_name,
        lon,
        lat,
        off_map: lon.is_finite() && !REGION.contains(lon, lat),
        shape,
        shape_name,
        track: None,
        category,
        category_label,
        actors: row
            .actors
            .split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect(),
        source: Source {
            document: row.source_document,
            quote: row.source_quote,
            publisher: opt(row.publisher),
            published,
        },
        claimed_by: opt(row.claimed_by),
        verified: row.verified,
        notes: row.notes,
    })
}

/// A row's category and its label. A word that is not one of the atlas's categories (a cell edited
/// in a spreadsheet: "Protests", "Battles") is read as the other doors read it, as an ACLED event
/// type, else as "other", and is kept as the label when the row has none, so nothing is lost.
fn category_of(word: &str, label: String) -> (Category, String) {
    let word = word.trim();
    match Category::parse(word) {
        Some(category) => (category, label),
        None if word.is_empty() => (Category::Other, label),
        None if label.trim().is_empty() => (Category::from_acled(word, ""), word.to_owned()),
        None => (Category::from_acled(word, ""), label),
    }
}

/// A row's point: both coordinates in range, or neither (an unplaced event, `NaN`).
fn coordinates(lat: Option<f64>, lon: Option<f64>) -> Result<(f64, f64), (&'static str, String)> {
    const BOTH: &str = "latitude and longitude must both be given or both be empty";
    match (lat, lon) {
        (Some(lat), Some(lon)) => {
            validate_latitude(lat).map_err(|m| ("latitude", m))?;
            validate_longitude(lon).map_err(|m| ("longitude", m))?;
            Ok((lat, lon))
        }
        (None, None) => Ok((f64::NAN, f64::NAN)),
        (None, Some(_)) => Err(("latitude", BOTH.to_owned())),
        (Some(_), None) => Err(("longitude", BOTH.to_owned())),
    }
}

/// A row's date: its range and precision, checked against each other.
fn event_date(
    start: &str,
    end: &str,
    precision: &str,
    text: String,
    note: String,
) -> Result<EventDate, (&'static str, String)> {
    let precision = Precision::parse(precision)
        .ok_or_else(|| ("precision", format!("unknown precision `{precision}`")))?;
    let range = match (optional_day("start", start)?, optional_day("end", end)?) {
        (Some(s), Some(e)) => Some((s, e)),
        (None, None) => None,
        (Some(_), None) => return Err(("end", "start is given but end is empty".to_owned())),
        (None, Some(_)) => return Err(("start", "end is given but start is empty".to_owned())),
    };
    let date = EventDate {
        range,
        precision,
        text,
        note,
    };
    date.validate().map_err(|m| {
        let column = if matches!(date.range, Some((s, e)) if e < s) {
            "end"
        } else {
            "precision"
        };
        (column, m)
    })?;
    Ok(date)
}

/// The day in column `name`, or `None` when it is empty.
fn optional_day(
    name: &'static str,
    text: &str,
) -> Result<Option<chrono::NaiveDate>, (&'static str, String)> {
    (!text.trim().is_empty())
        .then(|| parse_day_any_year(text.trim()))
        .transpose()
        .map_err(|m| (name, format!("{name}: {m}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::bundle::{bundled_basemap, bundled_dataset};

    #[test]
    fn bundled_events_round_trip_through_csv() {
        let basemap = bundled_basemap();
        let data = bundled_dataset(&basemap);
        let text = write_csv(data.events()).unwrap();
        let header = csv::Reader::from_reader(text.as_bytes())
            .headers()
            .unwrap()
            .clone();
        assert!(is_atlas_header(&header));
        let (_, loaded) = read_csv("x.csv", text.as_bytes(), &basemap);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.records.len(), data.len());
        for (a, b) in data.events().zip(&loaded.records) {
            assert_eq!(a.id, b.id);
            assert_eq!(a.date, b.date);
            assert_eq!(a.source, b.source);
            assert_eq!(a.shape, b.shape);
            assert_eq!(a.actors, b.actors);
        }
        assert_eq!(write_csv(&loaded.records).unwrap(), text);
        // the same table parted by tabs reads back to the same events
        let tabs = write_table(data.events(), b'\t').unwrap();
        assert!(tabs.starts_with("id\ttitle\tsummary\t"), "{}", &tabs[..40]);
        let (_, from_tabs) = read_csv("x.tsv", tabs.as_bytes(), &basemap);
        assert!(from_tabs.problems.is_empty(), "{:?}", from_tabs.problems);
        assert_eq!(write_csv(&from_tabs.records).unwrap(), text);
    }

    #[test]
    fn a_table_parted_by_semicolons_is_read_with_its_decimal_commas() {
        let header = ATLAS_COLUMNS.join(";");
        let row =
            "a;T;;2022-08-03;2022-08-03;day;;;p;P;39,6;46,5;military;;;d;\"q; and r\";;;;true;;;";
        let text = format!("{header}\r\n{row}\r\n");
        let (_, loaded) = read_csv("x.csv", text.as_bytes(), &Basemap::default());
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let e = &loaded.records[0];
        assert_eq!((e.lat, e.lon), (39.6, 46.5));
        assert_eq!(e.source.quote, "q; and r");
        // a comma in another field is text, not a decimal point
        let text = text.replace(";d;", ";1,5;");
        let (_, loaded) = read_csv("x.csv", text.as_bytes(), &Basemap::default());
        assert_eq!(loaded.records[0].source.document, "1,5");
    }

    #[test]
    fn bad_rows_are_reported_by_line() {
        // a file written before the time of day was kept
        let header = LEGACY_COLUMNS.join(",");
        let good = "a,T,,2022-08-03,2022-08-03,day,,,p,P,39.6,46.5,military,,,d,q,,,,true,,";
        let bad = "b,T,,2022-02-30,2022-03-01,day,,,p,P,39.6,46.5,military,,,d,q,,,,true,,";
        let lat = "c,T,,2022-08-03,2022-08-03,day,,,p,P,95,46.5,military,,,d,q,,,,true,,";
        let text = format!("{header}\n{good}\n{bad}\n{lat}\n");
        let (_, loaded) = read_csv("x.csv", text.as_bytes(), &Basemap::default());
        assert_eq!(loaded.records.len(), 1);
        assert_eq!(loaded.problems.len(), 2);
        assert_eq!(loaded.problems[0].line, 3, "{:?}", loaded.problems);
        assert_eq!(
            loaded.problems[0].message,
            "start: `2022-02-30` is not a real calendar date"
        );
        // the column of the field that is wrong, not of the row
        assert_eq!(
            loaded.problems[0].column,
            bad.find("2022-02-30").unwrap() + 1
        );
        assert_eq!(loaded.problems[1].line, 4);
        assert!(loaded.problems[1].message.contains("latitude 95"));
        assert_eq!(loaded.problems[1].column, lat.find(",95,").unwrap() + 2);
    }

    /// `rows` under the atlas header, parted by `separator`: each problem's line, column and message.
    fn problems_of(separator: &str, rows: &[&str]) -> Vec<(usize, usize, String)> {
        let text = format!("{}\n{}\n", ATLAS_COLUMNS.join(separator), rows.join("\n"));
        let (_, loaded) = read_csv("x.csv", text.as_bytes(), &Basemap::default());
        loaded
            .problems
            .into_iter()
            .map(|p| (p.line, p.column, p.message))
            .collect()
    }

    #[test]
    fn a_problem_names_the_column_of_its_field() {
        let row = |id: &str, lat: &str, verified: &str, time: &str| {
            format!(
                "{id},T,,2022-08-03,2022-08-03,day,,,p,P,{lat},46.5,military,,,d,q,,,,{verified},,,{time}"
            )
        };
        let not_number = row("a", "north", "true", "");
        let not_truth = row("b", "39.6", "maybe", "");
        let bad_time = row("c", "39.6", "true", "25:00");
        let half_point = row("d", "", "true", "");
        let first = row("e", "39.6", "true", "");
        let twice = row("e", "39.6", "true", "");
        let problems = problems_of(
            ",",
            &[
                &not_number,
                &not_truth,
                &bad_time,
                &half_point,
                &first,
                &twice,
            ],
        );
        let column = |row: &str, field: &str| row.find(field).unwrap() + 1;
        assert_eq!(
            problems[0],
            (
                2,
                column(&not_number, "north"),
                "latitude `north` is not a number".to_owned()
            )
        );
        assert_eq!(
            problems[1],
            (
                3,
                column(&not_truth, "maybe"),
                "verified `maybe` is not true or false".to_owned()
            )
        );
        assert_eq!(
            (problems[2].0, problems[2].1),
            (4, column(&bad_time, "25:00"))
        );
        assert_eq!(
            (problems[3].0, problems[3].1),
            (5, column(&half_point, ",,46.5") + 1)
        );
        assert!(problems[3].2.contains("both be given"), "{problems:?}");
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert_eq!(
            (problems[4].0, problems[4].1, problems[4].2.as_str()),
            (7, 1, "duplicate id `e`")
        );
    }

    #[test]
    fn a_refused_row_takes_no_id_from_a_later_row() {
        let row = |id: &str, start: &str| {
            format!("{id},T,,{start},2022-08-03,day,,,p,P,39.6,46.5,military,,,d,q,,,,true,,,")
        };
        let refused = row("a", "2022-08-09");
        let fixed = row("a", "2022-08-03");
        let problems = problems_of(",", &[&refused, &fixed, &fixed]);
        // the end before the start is refused, its corrected twin loads, a third is the duplicate
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(
            (problems[0].0, problems[0].2.as_str()),
            (2, "end 2022-08-03 is before start 2022-08-09")
        );
        assert_eq!(
            (problems[1].0, problems[1].2.as_str()),
            (4, "duplicate id `a`")
        );
        let text = format!("{}\n{refused}\n{fixed}\n", ATLAS_COLUMNS.join(","));
        let (_, loaded, rows) = read_csv_located("x.csv", text.as_bytes(), &Basemap::default());
        assert_eq!(loaded.records.len(), 1);
        assert_eq!(rows.iter().map(|p| p.line()).collect::<Vec<_>>(), [3]);
    }

    #[test]
    fn a_category_word_of_another_scheme_is_read_and_kept_as_the_label() {
        let own = |word: &str, label: &str| category_of(word, label.to_owned());
        assert_eq!(own("military", ""), (Category::Military, String::new()));
        assert_eq!(
            own(" Protest ", "march"),
            (Category::Protest, "march".to_owned())
        );
        assert_eq!(
            own("Protests", ""),
            (Category::Protest, "Protests".to_owned())
        );
        assert_eq!(
            own("Battles", "Armed clash"),
            (Category::Military, "Armed clash".to_owned())
        );
        assert_eq!(
            own("militray", ""),
            (Category::Other, "militray".to_owned())
        );
        assert_eq!(own("", ""), (Category::Other, String::new()));
    }

    #[test]
    fn a_field_in_a_legacy_encoding_is_named_at_its_place() {
        let header = ATLAS_COLUMNS.join(",");
        let good = "a,T,,2022-08-03,2022-08-03,day,,,p,P,39.6,46.5,military,,,d,q,,,,true,,,";
        let windows_1252 =
            b"b,T,,2022-08-03,2022-08-03,day,,,p,P,39.6,46.5,military,,,d,caf\xe9,,,,true,,,";
        let mut bytes = format!("{header}\n{good}\n").into_bytes();
        bytes.extend_from_slice(windows_1252);
        bytes.push(b'\n');
        let (_, loaded) = read_csv("x.csv", &bytes, &Basemap::default());
        assert_eq!(loaded.records.len(), 1);
        let problem = &loaded.problems[0];
        let column = good.find(",q,").unwrap() + 2;
        assert_eq!((problem.line, problem.column), (3, column));
        assert!(problem.message.contains("legacy encoding"), "{problem}");
    }

    #[test]
    fn a_problem_after_a_quoted_line_break_is_placed_on_its_own_line() {
        // a summary of two lines, then an end before the start, in a table parted by semicolons
        let row = "a;T;\"first line\nsecond; line\";2022-08-03;2022-08-01;day;;;p;P;39,6;46,5;military;;;d;q;;;;WAHR;;;";
        let problems = problems_of(";", &[row]);
        let second_line = row.split('\n').nth(1).unwrap();
        assert_eq!(
            problems,
            vec![(
                3,
                second_line.find("2022-08-01").unwrap() + 1,
                "end 2022-08-01 is before start 2022-08-03".to_owned()
            )]
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::model::{Category, EventDate, Precision, Source};
    use chrono::NaiveDate;
    use proptest::prelude::*;

    /// An event as a user's file might hold it: any text, dates, place, category and actors.
    fn event() -> impl Strategy<Value = Event> {
        (
            "[a-z0-9-]{1,12}",
            "\\PC{0,40}",
            (0i64..30_000, 0i64..400),
            (-179.0f64..179.0, -80.0f64..80.0),
            0usize..Category::COUNT,
            // `;` separates actors in the file, so a name never holds one
            proptest::collection::vec("[A-Za-z ,()'-]{1,20}", 0..3),
            ("\\PC{0,60}", any::<bool>()),
        )
            .prop_map(
                |(id, title, (start, len), (lon, lat), cat, actors, (quote, verified))| {
                    let base = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default();
                    let a = base + chrono::Days::new(start as u64);
                    let b = a + chrono::Days::new(len as u64);
                    let mut e =
                        Event::at(&id, &title, EventDate::new(a, b, Precision::Day), lon, lat);
                    e.place = format!("p-{id}");
                    e.place_name = format!("Place {id}");
                    e.category = Category::from_index(cat).unwrap_or(Category::Other);
                    e.actors = actors
                        .into_iter()
                        .map(|a| a.trim().to_owned())
                        .filter(|a| !a.is_empty())
                        .collect();
                    e.source = Source {
                        document: "user.csv".to_owned(),
                        quote,
                        publisher: None,
                        published: None,
                    };
                    e.verified = verified;
                    e
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever is written as atlas CSV loads back as the same events.
        #[test]
        fn written_events_load_back_the_same(events in proptest::collection::vec(event(), 1..12)) {
            let mut events = events;
            for (k, e) in events.iter_mut().enumerate() {
                e.id = format!("{}-{k}", e.id);
            }
            let text = write_csv(&events).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let (_, loaded) = read_csv("user.csv", text.as_bytes(), &Basemap::default());
            prop_assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
            prop_assert_eq!(loaded.records.len(), events.len());
            for (a, b) in events.iter().zip(&loaded.records) {
                prop_assert_eq!(&a.id, &b.id);
                prop_assert_eq!(&a.title, &b.title);
                prop_assert_eq!(&a.date, &b.date);
                prop_assert_eq!((a.lon, a.lat), (b.lon, b.lat));
                prop_assert_eq!(a.category, b.category);
                prop_assert_eq!(&a.actors, &b.actors);
                prop_assert_eq!(&a.source.quote, &b.source.quote);
                prop_assert_eq!(a.verified, b.verified);
            }
            prop_assert_eq!(write_csv(&loaded.records).map_err(|e| TestCaseError::fail(e.to_string()))?, text);
        }

        /// An export a German spreadsheet saved again (semicolons, decimal commas, `WAHR` and
        /// `FALSCH`) loads as the export does.
        #[test]
        fn an_export_saved_with_semicolons_and_decimal_commas_loads_the_same(
            events in proptest::collection::vec(event(), 1..12),
        ) {
            let mut events = events;
            for (k, e) in events.iter_mut().enumerate() {
                e.id = format!("{}-{k}", e.id);
            }
            let text = write_csv(&events).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let (_, exported) = read_csv("user.csv", text.as_bytes(), &Basemap::default());
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
            let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
            let coordinates = [10, 11];
            prop_assert_eq!(ATLAS_COLUMNS[10], "latitude");
            prop_assert_eq!(ATLAS_COLUMNS[20], "verified");
            for (n, record) in reader.records().enumerate() {
                let record = record.map_err(|e| TestCaseError::fail(e.to_string()))?;
                let fields = record.iter().enumerate().map(|(i, f)| {
                    match (n > 0, i, f) {
                        (true, 20, "true") => "WAHR".to_owned(),
                        (true, 20, "false") => "FALSCH".to_owned(),
                        (true, i, f) if coordinates.contains(&i) => f.replace('.', ","),
                        _ => f.to_owned(),
                    }
                });
                writer.write_record(fields).map_err(|e| TestCaseError::fail(e.to_string()))?;
            }
            let saved = writer.into_inner().map_err(|e| TestCaseError::fail(e.to_string()))?;
            let (_, loaded) = read_csv("user.csv", &saved, &Basemap::default());
            prop_assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
            prop_assert_eq!(loaded.records, exported.records);
        }
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let _ = read_csv("f.csv", &bytes, &Basemap::default());
        }

        #[test]
        fn rows_after_a_real_header_never_panic(rows in "[a-z0-9,\"\\n.-]{0,600}") {
            let text = format!("{}\n{rows}", ATLAS_COLUMNS.join(","));
            let (_, loaded) = read_csv("f.csv", text.as_bytes(), &Basemap::default());
            for p in &loaded.problems {
                prop_assert!(p.line >= 1);
            }
        }
    }
}
