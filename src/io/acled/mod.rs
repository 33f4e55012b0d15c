//! ACLED-style CSV events.
//!
//! The header names the columns (any order, any case, extra columns ignored); `event_date`, `latitude`
//! and `longitude` are required. Each valid row becomes one event at its own coordinates, and each
//! distinct `location` + `admin1` becomes one ad-hoc place. A row with a problem is skipped and the
//! problem reported as `file:line:column`, where line and column are those of the offending field's
//! first character in the file (the line of the record, unless a quoted field before it spans lines).
//! Rows that repeat an id are settled in [`merge`] (monadic exports become one event per id); a file
//! cut off in its last record has that record refused at its line; older layouts load through the
//! same column names, their old event types mapped in [`legacy`].
//!
//! The reader is built for large exports: well-formed records are read in place, their fields found
//! by `simd-csv` and the record checked as UTF-8 once ([`fast_read`]); from the first irregular
//! record on, the `csv` crate reads the rest with one reused [`csv::ByteRecord`]. Column indexes are
//! looked up once, places and category labels interned, and no row allocates beyond the event's own
//! strings.

mod fast_read;
pub mod json;
mod key_index;
mod legacy;
mod merge;
#[cfg(test)]
mod properties;
mod reader;
mod record_text;
mod split;
use super::bundled::Loaded;
use super::date_parse::{month_containing, parse_day, week_containing};
use super::memory::Input;
use super::problem::Problem;
use super::slug::{coordinates_id, coordinates_name, slug};
use super::table_separator::{decimal_point, sniff};
use crate::io::csv_position::{field_offset, line_column};
use crate::model::date::day_of;
use crate::model::place::validate_coordinates;
use crate::model::region::REGION;
use crate::model::{Category, Event, EventDate, Place, Precision, RowColumns, RowStore, Source};
use chrono::NaiveDate;
use csv::ByteRecord;
use key_index::{Fast, KeyIndex, fx_hash};
use reader::AcledReader;
pub use reader::RowSource;
use record_text::RecordText;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A problem in a row: the 0-based index of the offending field and the message.
type Fail = (usize, String);

/// Indexes of the columns the loader reads, and the byte that parts the fields.
#[derive(Clone, Debug)]
struct Columns {
    /// `,`, or `;` or a tab in a table a spreadsheet saved in a locale that writes decimal commas.
    separator: u8,
    width: usize,
    event_date: usize,
    latitude: usize,
    longitude: usize,
    id: Option<usize>,
    time_precision: Option<usize>,
    event_type: Option<usize>,
    sub_event_type: Option<usize>,
    actor1: Option<usize>,
    assoc_actor_1: Option<usize>,
    actor2: Option<usize>,
    assoc_actor_2: Option<usize>,
    country: Option<usize>,
    admin1: Option<usize>,
    location: Option<usize>,
    source: Option<usize>,
    notes: Option<usize>,
    fatalities: Option<usize>,
    /// Read only when an event is shown whole, never while loading.
    geo_precision: Option<usize>,
}

impl Columns {
    /// Finds the columns in a header row whose fields `separator` parts; the error names the
    /// missing required columns.
    fn find(header: &ByteRecord, separator: u8) -> Result<Columns, String> {
        let mut names: Vec<String> = Vec::with_capacity(header.len());
        for field in header.iter() {
            match std::str::from_utf8(field) {
                Ok(name) => names.push(name.trim().to_ascii_lowercase()),
                Err(_) => {
                    return Err("the header row is not UTF-8 text (a binary file?)".to_owned());
                }
            }
        }
        let find = |name: &str| names.iter().position(|n| n == name);
        let required = ["event_date", "latitude", "longitude"];
        let missing: Vec<&str> = required.into_iter().filter(|n| find(n).is_none()).collect();
        let (Some(event_date), Some(latitude), Some(longitude)) =
            (find("event_date"), find("latitude"), find("longitude"))
        else {
            return Err(format!(
                "not an ACLED CSV: missing required column{} {} (the header needs event_date, \
                 latitude and longitude)",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", ")
            ));
        };
        Ok(Columns {
            separator,
            width: names.len(),
            event_date,
            latitude,
            longitude,
            // layouts before 2019 may name rows by `data_id` alone
            id: find("event_id_cnty").or_else(|| find("data_id")),
            time_precision: find("time_precision"),
            event_type: find("event_type"),
            sub_event_type: find("sub_event_type"),
            actor1: find("actor1"),
            assoc_actor_1: find("assoc_actor_1"),
            actor2: find("actor2"),
            assoc_actor_2: find("assoc_actor_2"),
            country: find("country"),
            admin1: find("admin1"),
            location: find("location"),
            source: find("source"),
            notes: find("notes"),
            fatalities: find("fatalities"),
            geo_precision: find("geo_precision"),
        })
    }
}

/// Parses ACLED-style CSV bytes into whole events and the ad-hoc places they use (for small files
/// and tests; [`parse_acled_rows`] keeps large files compact).
///
/// Never panics: an empty or binary file, a header without the required columns, and every bad row
/// become problems; the valid rows load.
pub fn parse_acled_csv(file: &str, bytes: &[u8]) -> (Vec<Place>, Loaded<Event>) {
    let (store, problems) = parse_acled_rows(file, bytes, RowSource::Memory(Arc::from(bytes)));
    let records = (0..store.len()).map(|j| store.event(j)).collect();
    (store.places().to_vec(), Loaded { records, problems })
}

/// Parses ACLED-style CSV bytes into compact rows whose free text is read again from `source`
/// when an event is shown whole. `bytes` are the source's whole content.
pub fn parse_acled_rows(file: &str, bytes: &[u8], source: RowSource) -> (RowStore, Vec<Problem>) {
    let (store, problems, _) = parse_acled_input(file, Input::from(bytes), source);
    (store, problems)
}

/// [`parse_acled_rows`] on an [`Input`] (the pages of a mapped file are given back as the parse
/// passes them, so a large file is never in memory whole), with notices about the load such as
/// "300 rows merged into 193 events".
pub fn parse_acled_input(
    file: &str,
    input: Input<'_>,
    source: RowSource,
) -> (RowStore, Vec<Problem>, Vec<String>) {
    let bom = if input.bytes().starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let input = input.skip(bom);
    let bytes = input.bytes();
    let (columns, body, first_line) = match read_header(file, bytes) {
        Ok(header) => header,
        Err(problem) => {
            let reader = AcledReader::new(file, None, source);
            let rows = RowColumns::default();
            let store = RowStore::new(Arc::new(reader), vec![], vec![], vec![], rows);
            return (store, vec![problem], Vec::new());
        }
    };
    let mut problems = Vec::new();
    let parts = split::parse_parts(file, input, (body, first_line), &columns, split::SPLIT_MIN);
    let (mut rows, mut out, id_keys, part_problems) = split::join(parts, bom);
    out.shrink_to_fit();
    problems.extend(part_problems);
    let repeats = merge::repeated_ids(id_keys, &out);
    let settled = merge::settle(&repeats, &mut out, &mut rows, columns.actor2.is_none());
    let columns_separator = columns.separator;
    let reader = AcledReader::new(file, Some(columns), source);
    let id_column = reader.id_column();
    let mut store = RowStore::new(
        Arc::new(reader),
        std::mem::take(&mut rows.places),
        std::mem::take(&mut rows.strings).into_strings(),
        std::mem::take(&mut rows.actor_lists),
        out,
    );
    let mut notices = Vec::new();
    if !repeats.is_empty() {
        let source = merge::Source {
            file,
            bytes,
            bom,
            id_column,
            separator: columns_separator,
        };
        let (skip, conflicts, notice) = merge::report(&store, &settled, &source);
        problems.extend(conflicts);
        notices.extend(notice);
        store = store.without(&skip);
        problems.sort_by_key(|p| (p.line, p.column));
    }
    (store, problems, notices)
}

/// Reads the header row: the columns, and the byte and line where the rows begin. A file that is
/// empty, binary or without the required columns is one problem.
fn read_header(file: &str, bytes: &[u8]) -> Result<(Columns, usize, usize), Problem> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::whole(file, "the file is empty"));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(nul) = head.iter().position(|&b| b == 0) {
        let (line, column) = line_column(bytes, 0, 1, nul);
        return Err(Problem::at(
            file,
            line,
            column,
            "not a CSV text file (it contains NUL bytes; a binary file?)",
        ));
    }
    let separator = sniff(bytes);
    let (reader, record) = first_record(file, bytes, separator)?;
    let header_line = record_line(bytes, &record, separator);
    let columns = Columns::find(&record, separator)
        .map_err(|message| Problem::at(file, header_line, 1, message))?;
    let body = reader.position().byte() as usize;
    let first_line = reader.position().line() as usize;
    Ok((columns, body, first_line))
}

/// A reader of `bytes` whose fields `separator` parts, and its first record (the header).
fn first_record<'b>(
    file: &str,
    bytes: &'b [u8],
    separator: u8,
) -> Result<(csv::Reader<&'b [u8]>, ByteRecord), Problem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(bytes);
    let mut record = ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => Ok((reader, record)),
        Ok(false) => Err(Problem::whole(file, "the file is empty")),
        Err(e) => Err(csv_problem(file, &e)),
    }
}

/// The 1-based line a record starts on (its position may precede blank lines the reader skipped).
fn record_line(bytes: &[u8], record: &ByteRecord, separator: u8) -> usize {
    let (start, line) = record
        .position()
        .map_or((0, 1), |p| (p.byte() as usize, p.line() as usize));
    line_column(bytes, start, line, field_offset(bytes, start, 0, separator)).0
}

/// A problem for an error of the csv reader itself.
fn csv_problem(file: &str, err: &csv::Error) -> Problem {
    let line = err.position().map_or(1, |p| p.line() as usize);
    Problem::at(file, line.max(1), 1, format!("unreadable CSV: {err}"))
}

/// What the rows share: the places, titles, type labels and actor lists seen so far.
#[derive(Default)]
struct Rows {
    places: Vec<Place>,
    place_keys: KeyIndex,
    place_ids: HashSet<String, Fast>,
    categories: HashMap<String, (Category, u32, u32), Fast>,
    /// The number of the type pair last looked up in `categories`.
    pair: u32,
    /// Titles and type labels.
    strings: KeyIndex,
    /// The title number of each (type label, place) pair.
    titles: HashMap<u64, u32, Fast>,
    actor_keys: KeyIndex,
    actor_lists: Vec<Vec<String>>,
    key: String,
}

/// One row's fields, borrowed from the record.
struct Fields<'r> {
    date_text: &'r str,
    start: NaiveDate,
    end: NaiveDate,
    precision: Precision,
    lat: f64,
    lon: f64,
    fatalities: &'r str,
    event_type: &'r str,
    sub_event_type: &'r str,
    location: &'r str,
    admin1: &'r str,
    country: &'r str,
    source: &'r str,
    notes: &'r str,
    actors: [&'r str; 4],
    id: &'r str,
}

/// What ACLED's `geo_precision` says of a row's point when it is not the place itself: 2, the
/// source places the event near it or in part of a region; 3, the source names only a larger
/// region, for which ACLED gives a point.
fn how_near(geo_precision: &str) -> Option<&'static str> {
    match geo_precision {
        "2" => Some(
            "Approximate place (ACLED geo_precision 2): the source places the event near this \
             point or in part of a region, not at the point itself.",
        ),
        "3" => Some(
            "Approximate place (ACLED geo_precision 3): the source names only a larger region, \
             and the point stands for that region.",
        ),
        _ => None,
    }
}

/// An optional column's field, empty when the column is absent.
fn optional(record: &impl RecordText, i: Option<usize>) -> Result<&str, Fail> {
    i.map_or(Ok(""), |i| record.text(i))
}

/// A number field: a decimal point, or in a table not parted by commas one decimal comma
/// (`40,5`, as a spreadsheet in such a locale writes it).
fn number(record: &impl RecordText, i: usize, name: &str, separator: u8) -> Result<f64, Fail> {
    let text = record.text(i)?;
    if text.is_empty() {
        return Err((i, format!("empty {name}")));
    }
    text.parse()
        .ok()
        .or_else(|| decimal_comma(text, separator))
        .ok_or_else(|| (i, format!("{name} `{text}` is not a number")))
}

/// `text` read with a decimal comma, when `separator` is not a comma.
fn decimal_comma(text: &str, separator: u8) -> Option<f64> {
    (separator != b',')
        .then(|| decimal_point(text)?.parse().ok())
        .flatten()
}

impl Rows {
    /// Reads and checks one row's fields (the row is known to have the header's width).
    fn fields<'r>(record: &'r impl RecordText, c: &Columns) -> Result<Fields<'r>, Fail> {
        let date_text = record.text(c.event_date)?;
        if date_text.is_empty() {
            return Err((c.event_date, "empty event_date".to_owned()));
        }
        let day = parse_day(date_text).map_err(|m| (c.event_date, m))?;
        let ((start, end), precision) = match optional(record, c.time_precision)? {
            "" | "1" => ((day, day), Precision::Day),
            "2" => (week_containing(day), Precision::Week),
            "3" => (month_containing(day), Precision::Month),
            other => {
                return Err((
                    c.time_precision.unwrap_or_default(),
                    format!("time_precision `{other}` is not 1 (day), 2 (week) or 3 (month)"),
                ));
            }
        };
        let lat = number(record, c.latitude, "latitude", c.separator)?;
        let lon = number(record, c.longitude, "longitude", c.separator)?;
        validate_coordinates(lat, 0.0).map_err(|m| (c.latitude, m))?;
        validate_coordinates(0.0, lon).map_err(|m| (c.longitude, m))?;
        let fatalities = optional(record, c.fatalities)?;
        if !fatalities.is_empty() && fatalities.parse::<u64>().is_err() {
            return Err((
                c.fatalities.unwrap_or_default(),
                format!("fatalities `{fatalities}` is not a whole number"),
            ));
        }
        Ok(Fields {
            date_text,
            start,
            end,
            precision,
            lat,
            lon,
            fatalities,
            event_type: optional(record, c.event_type)?,
            sub_event_type: optional(record, c.sub_event_type)?,
            location: optional(record, c.location)?,
            admin1: optional(record, c.admin1)?,
            country: optional(record, c.country)?,
            source: optional(record, c.source)?,
            notes: optional(record, c.notes)?,
            actors: [
                optional(record, c.actor1)?,
                optional(record, c.actor2)?,
                optional(record, c.assoc_actor_1)?,
                optional(record, c.assoc_actor_2)?,
            ],
            id: optional(record, c.id)?,
        })
    }

    /// The title of a row: its type and place ("Armed clash in Tovuz").
    fn title(&self, f: &Fields<'_>, place: usize) -> String {
        let kind = [f.sub_event_type, f.event_type]
            .into_iter()
            .find(|t| !t.is_empty())
            .unwrap_or("Event");
        let name = if f.location.is_empty() {
            self.places.get(place).map_or("", |p| p.name.as_str())
        } else {
            f.location
        };
        format!("{kind} in {name}")
    }

    /// The actors of a row: the four actor columns split at `;`, without repeats.
    fn actors(f: &Fields<'_>) -> Vec<String> {
        let mut actors: Vec<String> = Vec::new();
        for column in f.actors {
            for part in column.split(';').map(str::trim) {
                if !part.is_empty() && !actors.iter().any(|a| a == part) {
                    actors.push(part.to_owned());
                }
            }
        }
        actors
    }

    /// Converts one row to a whole event (`line` names id-less rows).
    fn event(&mut self, record: &ByteRecord, c: &Columns, line: usize) -> Result<Event, Fail> {
        let f = Rows::fields(record, c)?;
        let (category, label) = self.category(f.event_type, f.sub_event_type);
        let place = self.place(f.location, f.admin1, f.country, f.lat, f.lon);
        let title = self.title(&f, place);
        let p = &self.places[place];
        Ok(Event {
            time: None,
            id: match f.id {
                "" => format!("row-{line}"),
                id => id.to_owned(),
            },
            title,
            summary: f.notes.to_owned(),
            date: EventDate {
                range: Some((f.start, f.end)),
                precision: f.precision,
                text: f.date_text.to_owned(),
                note: String::new(),
            },
            place: p.id.clone(),
            place_name: p.name.clone(),
            lon: f.lon,
            lat: f.lat,
            off_map: !REGION.contains(f.lon, f.lat),
            shape: None,
            shape_name: None,
            track: None,
            category,
            category_label: self.strings.key(label as usize).to_owned(),
            actors: Rows::actors(&f),
            source: Source {
                document: f.source.to_owned(),
                quote: f.notes.to_owned(),
                publisher: (!f.source.is_empty()).then(|| f.source.to_owned()),
                published: None,
            },
            claimed_by: None,
            verified: true,
            notes: [
                (!f.fatalities.is_empty()).then(|| format!("fatalities: {}", f.fatalities)),
                optional(record, c.geo_precision)
                    .ok()
                    .and_then(how_near)
                    .map(str::to_owned),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("\n"),
        })
    }

    /// Adds one row to the columns, interning its place, title, label and actors.
    fn push(&mut self, f: &Fields<'_>, at: (u64, u32), out: &mut RowColumns) {
        let (category, label) = self.category(f.event_type, f.sub_event_type);
        let place = self.place(f.location, f.admin1, f.country, f.lat, f.lon);
        // the title depends on the type pair and the place alone
        let pair = (u64::from(self.pair) << 32) | place as u64;
        let title = match self.titles.get(&pair) {
            Some(&t) => t,
            None => {
                let t = self.strings.intern(&self.title(f, place)) as u32;
                self.titles.insert(pair, t);
                t
            }
        };
        self.key.clear();
        for (k, a) in f.actors.iter().enumerate() {
            if k > 0 {
                self.key.push('\u{1f}');
            }
            self.key.push_str(a);
        }
        let hash = fx_hash(self.key.as_bytes());
        let actors = match self.actor_keys.get(hash, &self.key) {
            Some(k) => k,
            None => {
                self.actor_lists.push(Rows::actors(f));
                self.actor_keys.insert(hash, &self.key)
            }
        };
        out.start.push(day_of(f.start));
        out.end.push(day_of(f.end));
        out.precision.push(f.precision);
        out.lon_lat.push([f.lon as f32, f.lat as f32]);
        out.category.push(category);
        out.off_map.push(!REGION.contains(f.lon, f.lat));
        out.place.push(place as u32);
        out.title.push(title);
        out.label.push(label);
        out.actors.push(actors as u32);
        if f.id.is_empty() {
            out.ids.push_str(&format!("row-{}", at.1));
        } else {
            out.ids.push_str(f.id);
        }
        out.id_end.push(out.ids.len() as u32);
        out.offset.push(at.0);
        out.line.push(at.1);
    }

    /// The place of `location` in `admin1`, made on first sight.
    fn place(&mut self, location: &str, admin1: &str, country: &str, lat: f64, lon: f64) -> usize {
        self.key.clear();
        self.key.push_str(location);
        self.key.push('\u{1f}');
        self.key.push_str(admin1);
        if location.is_empty() && admin1.is_empty() {
            // Unnamed places are told apart by their coordinates.
            self.key.push('\u{1f}');
            self.key.push_str(&coordinates_name(lon, lat));
        }
        let hash = fx_hash(self.key.as_bytes());
        match self.place_keys.get(hash, &self.key) {
            Some(i) => i,
            None => {
                let name = match (location, admin1) {
                    ("", "") => coordinates_name(lon, lat),
                    ("", admin1) => admin1.to_owned(),
                    (location, _) => location.to_owned(),
                };
                let base = if location.is_empty() && admin1.is_empty() {
                    coordinates_id(lon, lat)
                } else {
                    slug(&format!("{location} {admin1}"))
                };
                let mut id = base.clone();
                let mut n = 2;
                while self.place_ids.contains(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                self.place_ids.insert(id.clone());
                self.places
                    .push(Place::ad_hoc(&id, &name, country, lat, lon));
                self.place_keys.insert(hash, &self.key)
            }
        }
    }

    /// The category and label (a number into `strings`) of an `event_type` / `sub_event_type` pair.
    fn category(&mut self, event_type: &str, sub_event_type: &str) -> (Category, u32) {
        self.key.clear();
        self.key.push_str(event_type);
        self.key.push('\u{1f}');
        self.key.push_str(sub_event_type);
        if let Some(&(category, label, pair)) = self.categories.get(self.key.as_str()) {
            self.pair = pair;
            return (category, label);
        }
        let label = match (event_type, sub_event_type) {
            (t, "") => t.to_owned(),
            ("", s) => s.to_owned(),
            (t, s) => format!("{t} / {s}"),
        };
        let found = (
            legacy::category(event_type, sub_event_type),
            self.strings.intern(&label) as u32,
        );
        self.pair = self.categories.len() as u32;
        self.categories
            .insert(self.key.clone(), (found.0, found.1, self.pair));
        found
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::io::export::{events_collection, to_text};
    use crate::io::geojson::parse_geojson_events;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    const SAMPLE: &[u8] = include_bytes!("../../../tests/fixtures/acled_sample.csv");
    const HEAD: &str = "event_id_cnty,event_date,time_precision,event_type,sub_event_type,location,latitude,longitude,notes,fatalities\n";

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn parse(bytes: &[u8]) -> (Vec<Place>, Loaded<Event>) {
        parse_acled_csv("acled.csv", bytes)
    }

    /// A source with nothing behind it (for parses whose rows are not read again).
    fn memory() -> RowSource {
        RowSource::Memory(Arc::from(&b""[..]))
    }

    fn by_id<'a>(events: &'a [Event], id: &str) -> &'a Event {
        events.iter().find(|e| e.id == id).unwrap()
    }

    #[test]
    fn loads_the_sample() {
        let (places, loaded) = parse(SAMPLE);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let ev = &loaded.records;
        assert_eq!(ev.len(), 5);

        let clash = by_id(ev, "AZE1001");
        assert_eq!(clash.date.range, Some((d(2022, 8, 3), d(2022, 8, 3))));
        assert_eq!(clash.date.precision, Precision::Day);
        assert_eq!(clash.date.text, "2022-08-03");
        assert_eq!(clash.title, "Armed clash in Lachin");
        assert_eq!(clash.category, Category::Military);
        assert_eq!(clash.category_label, "Battles / Armed clash");
        assert_eq!(
            clash.actors,
            [
                "Military Forces of Azerbaijan (2003-)",
                "Military Forces of Armenia (2018-)",
                "Artsakh Defense Army"
            ]
        );
        assert_eq!(
            clash.summary,
            "On 3 August 2022, Azerbaijani forces said they took \"several heights\", near Lachin, \
             after a drone strike.\nArmenian sources reported 2 soldiers killed."
        );
        assert_eq!(clash.source.quote, clash.summary);
        assert_eq!(clash.source.document, "APA; Armenpress");
        assert_eq!(clash.source.publisher.as_deref(), Some("APA; Armenpress"));
        // the row's geo_precision 2: the source places it near Lachin, not in the town
        assert_eq!(
            clash.notes,
            "fatalities: 2\nApproximate place (ACLED geo_precision 2): the source places the \
             event near this point or in part of a region, not at the point itself."
        );
        assert_eq!(
            (clash.place.as_str(), clash.place_name.as_str()),
            ("lachin-lachin", "Lachin")
        );
        assert_eq!((clash.lon, clash.lat), (46.5469, 39.6408));
        assert!(!clash.off_map && clash.verified);

        let protest = by_id(ev, "ARM2002");
        assert_eq!(protest.date.range, Some((d(2022, 8, 1), d(2022, 8, 7))));
        assert_eq!(protest.date.precision, Precision::Week);
        assert_eq!(protest.date.text, "03 August 2022");
        assert_eq!(protest.category, Category::Protest);
        assert_eq!(
            protest.actors,
            [
                "Protesters (Armenia)",
                "Women (Armenia)",
                "Students (Armenia)"
            ]
        );
        assert_eq!(protest.notes, "fatalities: 0");

        let deal = by_id(ev, "GEO3003");
        assert_eq!(deal.date.range, Some((d(2022, 8, 1), d(2022, 8, 31))));
        assert_eq!(deal.date.precision, Precision::Month);
        assert_eq!(deal.category, Category::Agreement);
        assert_eq!(deal.title, "Agreement in Tbilisi");

        let sparse = by_id(ev, "AZE1004");
        assert_eq!(sparse.date.range, Some((d(2022, 9, 12), d(2022, 9, 12))));
        assert_eq!(sparse.date.precision, Precision::Day);
        assert_eq!(sparse.source.document, "");
        assert_eq!(sparse.source.publisher, None);
        assert_eq!(sparse.summary, "");
        assert!(
            sparse
                .notes
                .starts_with("Approximate place (ACLED geo_precision 2)")
        );
        assert_eq!(sparse.place, "lachin-lachin");

        let drone = by_id(ev, "ARM2005");
        assert_eq!(drone.date.range, Some((d(2022, 9, 13), d(2022, 9, 13))));
        assert!(drone.summary.contains("said \"no civilians\" were hurt"));
        assert_eq!(drone.place, "goris-syunik");

        let ids: Vec<&str> = places.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "lachin-lachin",
                "yerevan-yerevan",
                "tbilisi-tbilisi",
                "goris-syunik"
            ]
        );
        assert_eq!(places[3].name, "Goris");
        assert_eq!(places[3].country, "Armenia");
        assert_eq!((places[3].lat, places[3].lon), (39.5111, 46.3417));
    }

    /// The only problem of a file, checking that no record loaded.
    fn only_problem(bytes: &[u8]) -> Problem {
        let (_, loaded) = parse(bytes);
        assert!(loaded.records.is_empty(), "{:?}", loaded.records);
        assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
        loaded.problems[0].clone()
    }

    fn with_rows(rows: &str) -> String {
        format!("{HEAD}e0,2022-08-01,1,Battles,Armed clash,Lachin,39.6,46.5,ok,0\n{rows}")
    }

    /// The problems of a file whose first data row is valid.
    fn problems(rows: &str) -> Vec<Problem> {
        let (_, loaded) = parse(with_rows(rows).as_bytes());
        assert_eq!(loaded.records[0].id, "e0");
        loaded.problems
    }

    #[test]
    fn a_point_acled_places_only_near_or_for_a_region_says_so() {
        let text = "event_id_cnty,event_date,location,latitude,longitude,geo_precision,fatalities\n\
                    A1,2022-09-13,Jermuk,39.84,45.67,1,0\n\
                    A2,2022-09-13,Jermuk,39.84,45.67,2,\n\
                    A3,2022-09-13,Vayots Dzor,39.76,45.33,3,2\n";
        let (_, loaded) = parse(text.as_bytes());
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let notes: Vec<&str> = loaded.records.iter().map(|e| e.notes.as_str()).collect();
        assert_eq!(notes[0], "fatalities: 0");
        assert!(
            notes[1].starts_with("Approximate place (ACLED geo_precision 2)"),
            "{}",
            notes[1]
        );
        assert!(notes[2].starts_with("fatalities: 2\nApproximate place (ACLED geo_precision 3)"));
    }

    #[test]
    fn bad_values_are_reported_at_their_field() {
        let p = problems("e1,2022-02-30,1,Battles,,Lachin,39.6,46.5,,\n");
        assert_eq!(
            p[0].to_string(),
            "acled.csv:3:4: `2022-02-30` is not a real calendar date"
        );
        let p = problems("e1,30 February 2022,1,Battles,,Lachin,39.6,46.5,,\n");
        assert_eq!((p[0].line, p[0].column), (3, 4));
        let p = problems("e1,2022-08-01,1,Battles,,Lachin,91.5,46.5,,\n");
        assert_eq!(
            p[0].to_string(),
            "acled.csv:3:33: latitude 91.5 is outside -90..90"
        );
        let p = problems("e1,2022-08-01,1,Battles,,Lachin,39.6,east,,\n");
        assert_eq!(
            p[0].to_string(),
            "acled.csv:3:38: longitude `east` is not a number"
        );
        let p = problems("e1,2022-08-01,1,Battles,,Lachin,39.6,,,\n");
        assert_eq!(p[0].to_string(), "acled.csv:3:38: empty longitude");
        let p = problems("e1,2022-08-01,4,Battles,,Lachin,39.6,46.5,,\n");
        assert_eq!((p[0].line, p[0].column), (3, 15));
        assert!(
            p[0].message.starts_with("time_precision `4` is not 1"),
            "{}",
            p[0]
        );
        let p = problems("e1,2022-08-01,1,Battles,,Lachin,39.6,46.5,,many\n");
        assert_eq!(
            p[0].to_string(),
            "acled.csv:3:44: fatalities `many` is not a whole number"
        );
        let p = problems("e1,,1,Battles,,Lachin,39.6,46.5,,\n");
        assert_eq!(p[0].to_string(), "acled.csv:3:4: empty event_date");
        let p = problems("e1,Aug 3rd,1,Battles,,Lachin,39.6,46.5,,\n");
        assert!(p[0].message.contains("is not a date"), "{}", p[0]);
    }

    #[test]
    fn columns_follow_quotes_and_multiline_fields() {
        // the date's field starts after a quoted id with a comma and an escaped quote
        let p = problems("\"e,\"\"1\"\"\",2022-13-01,1,Battles,,Lachin,39.6,46.5,,\n");
        assert_eq!((p[0].line, p[0].column), (3, 11));
        // a problem after a multi-line note is at the field's own line
        let p = problems(
            "e1,2022-08-01,1,Battles,,Lachin,39.6,46.5,\"one, \"\"two\"\"\nthree\",x\ne2,2022-08-01,1,,,,99,0,,\n",
        );
        assert_eq!(
            p[0].to_string(),
            "acled.csv:4:8: fatalities `x` is not a whole number"
        );
        assert_eq!(
            p[1].to_string(),
            "acled.csv:5:20: latitude 99 is outside -90..90"
        );
        // non-ASCII text before the field counts in characters
        let p = problems("e1,2022-08-01,1,Battles,,Xankəndi,91,46.5,,\n");
        assert_eq!((p[0].line, p[0].column), (3, 35));
    }

    #[test]
    fn duplicates_and_wrong_widths() {
        let p = problems("e0,2022-08-02,1,Battles,,Lachin,39.6,46.5,,\ne2,2022-08-02\n");
        assert_eq!(
            p[0].to_string(),
            "acled.csv:3:1: duplicate event id `e0`: line 2 has it with a different date"
        );
        assert_eq!(
            p[1].to_string(),
            "acled.csv:4:1: this row has 2 fields but the header has 10"
        );
        // many conflicting copies of one id stay linear
        let first = "same,2022-08-01,1,Battles,,Lachin,39.6,46.5,,\n";
        let rows = "same,2022-08-02,1,Battles,,Lachin,39.6,46.5,,\n".repeat(19_999);
        let (_, loaded) = parse(format!("{HEAD}{first}{rows}").as_bytes());
        assert_eq!(loaded.records.len(), 1);
        assert_eq!(loaded.problems.len(), 19_999);
        assert_eq!(loaded.problems[19_998].line, 20_001);
        // and so do agreeing copies, which are one event
        let rows = "same,2022-08-02,1,Battles,,Lachin,39.6,46.5,,\n".repeat(20_000);
        let (store, problems, notices) = parse_acled_input(
            "a.csv",
            Input::from(format!("{HEAD}{rows}").as_bytes()),
            memory(),
        );
        assert!(problems.is_empty());
        assert_eq!(store.len(), 1);
        assert_eq!(notices, ["20000 rows merged into 1 event"]);
        // rows without an id are numbered by line
        let (_, loaded) = parse(with_rows(",2022-08-02,,,,,39.6,46.5,,\n").as_bytes());
        assert_eq!(loaded.records[1].id, "row-3");
        assert_eq!(loaded.records[1].title, "Event in 39.6°N 46.5°E");
    }

    #[test]
    fn crlf_blank_lines_and_bom() {
        let text = format!(
            "\u{feff}{}\r\ne0,2022-08-01,1,Battles,,Lachin,39.6,46.5,,\r\n\r\n\r\ne1,2022-08-01,1,Battles,,Lachin,39.6,46.5,,z\r\n",
            HEAD.trim_end()
        );
        let (_, loaded) = parse(text.as_bytes());
        assert_eq!(loaded.records.len(), 1);
        assert_eq!(
            loaded.problems[0].to_string(),
            "acled.csv:5:44: fatalities `z` is not a whole number"
        );
    }

    #[test]
    fn whole_file_problems() {
        assert_eq!(
            only_problem(b"").to_string(),
            "acled.csv:1:1: the file is empty"
        );
        assert_eq!(
            only_problem(b"\xEF\xBB\xBF \n\n").message,
            "the file is empty"
        );
        let p = only_problem(b"\n\nevent_id_cnty,event_date,location\nx,2022-08-01,Lachin\n");
        assert_eq!(
            p.to_string(),
            "acled.csv:3:1: not an ACLED CSV: missing required columns latitude, longitude \
             (the header needs event_date, latitude and longitude)"
        );
        let p = only_problem(b"Event_Date,LATITUDE\n");
        assert!(
            p.message.contains("missing required column longitude"),
            "{p}"
        );
        let p = only_problem(b"PK\x03\x04\x14\x00\x00\x00\x08\x00garbage");
        assert_eq!((p.line, p.column), (1, 6));
        assert!(p.message.contains("binary"), "{p}");
        let p = only_problem(b"\xff\xfe,latitude\n");
        assert!(p.message.contains("not UTF-8"), "{p}");
    }

    #[test]
    fn a_table_parted_by_semicolons_or_tabs_loads_with_decimal_commas() {
        // a spreadsheet's CSV in a locale that writes decimal commas
        let text = "event_id_cnty;event_date;location;latitude;longitude;notes\r\n\
            A1;2023-05-01;Lachin;39,6408;46,5469;\"Shelling; then, \"\"calm\"\"\nby evening\"\r\n\
            A2;2023-05-02;Goris;39.5111;46.3417;plain, with a comma\r\n";
        let (_, loaded) = parse(text.as_bytes());
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let a1 = by_id(&loaded.records, "A1");
        assert_eq!((a1.lat, a1.lon), (39.6408, 46.5469));
        assert_eq!(a1.summary, "Shelling; then, \"calm\"\nby evening");
        assert_eq!(a1.title, "Event in Lachin");
        let a2 = by_id(&loaded.records, "A2");
        assert_eq!((a2.lat, a2.lon), (39.5111, 46.3417));
        assert_eq!(a2.summary, "plain, with a comma");
        let tabs = "event_date\tlatitude\tlongitude\n2023-05-01\t40,1\t46,2\n";
        let (_, loaded) = parse(tabs.as_bytes());
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!((loaded.records[0].lat, loaded.records[0].lon), (40.1, 46.2));
    }

    #[test]
    fn problems_in_a_table_parted_by_semicolons_name_their_field() {
        let text = "event_id_cnty;event_date;notes;latitude;longitude\n\
            A1;2023-05-01;\"one; two\";40,1;46,2\n\
            A2;2023-05-02;x;4,0,1;46\n\
            A3;2023-05-03;x;40.1;46,2,\n\
            A4;2023-05-04;x;40\n";
        let (_, loaded) = parse(text.as_bytes());
        assert_eq!(loaded.records.len(), 1);
        let problems: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            problems,
            [
                "acled.csv:3:17: latitude `4,0,1` is not a number",
                "acled.csv:4:22: longitude `46,2,` is not a number",
                "acled.csv:5:1: this row has 4 fields but the header has 5",
            ]
        );
        // a comma-separated table takes no decimal comma
        let (_, loaded) = parse(b"event_date,latitude,longitude\n2023-05-01,\"40,1\",46.2\n");
        assert_eq!(
            loaded.problems[0].to_string(),
            "acled.csv:2:12: latitude `40,1` is not a number"
        );
    }

    #[test]
    fn non_utf8_field_is_a_row_problem() {
        let mut bytes = with_rows("").into_bytes();
        bytes.extend_from_slice(b"e1,2022-08-01,1,Battles,,Lach\xffin,39.6,46.5,,\n");
        bytes.extend_from_slice(b"e2,2022-08-01,1,Battles,,Goris,39.5,46.3,,\n");
        let (_, loaded) = parse(&bytes);
        assert_eq!(loaded.records.len(), 2);
        assert_eq!(
            loaded.problems[0].to_string(),
            "acled.csv:3:26: not UTF-8 text (a table saved in a legacy encoding such as \
             Windows-1252? save it as CSV UTF-8)"
        );
    }

    #[test]
    fn places_are_interned_and_distinct_ids_kept_apart() {
        let (places, loaded) = parse(
            with_rows(
                "e1,2022-08-01,1,,,Lachin,39.7,46.6,,\n\
                 e2,2022-08-01,1,,,Shusha X,39.7,46.6,,\n\
                 e3,2022-08-01,1,,,,-38.9,-77.0,,\n",
            )
            .as_bytes(),
        );
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let ids: Vec<&str> = places.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["lachin", "shusha-x", "77w-38.9s"]);
        // the first row's coordinates name the shared place; each event keeps its own
        assert_eq!(places[0].lat, 39.6);
        assert_eq!(loaded.records[1].lat, 39.7);
        assert!(loaded.records[3].off_map);
        assert_eq!(loaded.records[3].place_name, "38.9°S 77°W");
    }

    #[test]
    fn acled_events_survive_geojson_round_trip() {
        let (places, loaded) = parse(SAMPLE);
        let first = to_text(&events_collection(&loaded.records));
        let (places_again, again) = parse_geojson_events("acled.geojson", &first, &[]);
        assert!(again.problems.is_empty(), "{:?}", again.problems);
        assert_eq!(again.records, loaded.records);
        let names = |ps: &[Place]| -> Vec<(String, String, f64, f64)> {
            ps.iter()
                .map(|p| (p.id.clone(), p.name.clone(), p.lon, p.lat))
                .collect()
        };
        // the export carries no country, so only the places' ids, names and points come back
        assert_eq!(names(&places_again), names(&places));
        assert_eq!(to_text(&events_collection(&again.records)), first);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn fuzz_arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
            let _ = parse(&bytes);
            let mut with_header = HEAD.as_bytes().to_vec();
            with_header.extend_from_slice(&bytes);
            let _ = parse(&with_header);
        }

        #[test]
        fn fuzz_arbitrary_strings_never_panic(text in "\\PC{0,2000}") {
            let _ = parse(text.as_bytes());
            let _ = parse(format!("{HEAD}{text}").as_bytes());
        }

        #[test]
        fn fuzz_csv_like_rows_never_panic_and_locate_inside_the_file(
            body in proptest::collection::vec(
                prop_oneof![
                    Just(","), Just("\""), Just("\n"), Just("\r\n"), Just("2022-08-0"),
                    Just("1"), Just("9"), Just("-"), Just("."), Just("é"), Just("Aug"), Just(" "),
                ],
                0..400,
            )
        ) {
            let text = format!("{HEAD}{}", body.concat());
            let (_, loaded) = parse(text.as_bytes());
            let lines = text.matches('\n').count() + 1;
            for p in &loaded.problems {
                prop_assert!(p.line >= 1 && p.line <= lines, "{p}");
                prop_assert!(p.column >= 1, "{p}");
            }
            for e in &loaded.records {
                prop_assert!(e.date.validate().is_ok());
            }
        }
    }
}
