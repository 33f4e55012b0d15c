//! Any table of events, as people keep them in a spreadsheet: a row per event with a date column
//! (or TimelineJS's sheet template: Year, Month, Day, Time, End Year, ...), coordinates or a
//! place's name, and a title. The columns are recognised by their names ([`columns`]); a table
//! that says neither when nor where is refused, naming the columns looked for.

mod columns;
mod gdelt;
mod row;
#[cfg(test)]
mod tests;
mod wkt_geometry;

pub use columns::{Columns, Role, normal};
pub use gdelt::cameo;
pub use wkt_geometry::read_wkt;

use super::basemap::Basemap;
use super::bundle::bundled_places;
use super::csv_position::{FieldLocator, next_record};
use super::imported::DateFields;
use super::open::{LoadOptions, Opened};
use super::problem::Problem;
use super::table_separator::sniff;
use crate::model::{Event, Place};
use row::{Reader, Row};

/// Columns only ACLED's exports have: a header with any of them is read by ACLED's reader, which
/// names the columns it lacks.
const ACLED_MARKERS: [&str; 8] = [
    "event_id_cnty",
    "data_id",
    "event_date",
    "sub_event_type",
    "disorder_type",
    "actor1",
    "time_precision",
    "geo_precision",
];

/// Whether a header is ACLED's: it has one of the columns only ACLED's exports have (`event_date`,
/// `event_id_cnty`, `data_id` in older exports, `sub_event_type`…).
pub fn is_acled_header(header: &[&str]) -> bool {
    header
        .iter()
        .any(|h| ACLED_MARKERS.contains(&normal(h).as_str()))
}

/// The header of a table's bytes, as written; empty when there is none.
pub fn header_of(bytes: &[u8]) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff(bytes))
        .flexible(true)
        .from_reader(bytes);
    reader
        .headers()
        .map(|h| h.iter().map(str::to_owned).collect())
        .unwrap_or_default()
}

/// What a table must have to be read as events, for the refusal.
const NEEDS: &str = "a date column (`date`, `start_date`, `start`, `datetime`, `when`... \
                     or TimelineJS's `Year`, `Month`, `Day`), or coordinates (`latitude` and \
                     `longitude`, or `lat` and `lon`/`lng`, or WKT in `WKT`, `geometry`, \
                     `coord`), or a place's name (`place`, `location`, `city`)";

/// Reads the events of a table; `file` names it in the problems. An event the table places only
/// at a country (GDELT's country-level rows) takes that country's shape from `basemap`.
pub fn read_table(
    file: &str,
    bytes: &[u8],
    options: &LoadOptions,
    basemap: &Basemap,
) -> (Vec<Place>, Opened) {
    let mut opened = Opened::default();
    let separator = sniff(bytes);
    // GDELT's event files have no header: their width names their columns
    let gdelt_names = gdelt::headerless_columns(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .has_headers(gdelt_names.is_none())
        .from_reader(bytes);
    let headers = match (&gdelt_names, reader.headers()) {
        (Some(names), _) => csv::StringRecord::from(names.clone()),
        (None, Ok(h)) => h.clone(),
        (None, Err(e)) => {
            opened.problems.push(Problem::at(file, 1, 1, e.to_string()));
            return (Vec::new(), opened);
        }
    };
    let names: Vec<&str> = headers.iter().collect();
    let time_field = options
        .time_field
        .as_ref()
        .map(|(s, e)| (s.as_str(), e.as_deref()));
    let columns = match Columns::of(&names, time_field) {
        Ok(c) if c.has_dates() || c.has_places() => c,
        Ok(_) => {
            let message = format!(
                "not a table of events: it has no column that says when or where; the columns \
                 looked for are {NEEDS} (an ACLED export needs event_date, latitude and \
                 longitude)"
            );
            opened.problems.push(Problem::at(file, 1, 1, message));
            return (Vec::new(), opened);
        }
        Err(m) => {
            opened.problems.push(Problem::at(file, 1, 1, m));
            return (Vec::new(), opened);
        }
    };
    let located = FieldLocator {
        file,
        bytes,
        separator,
        headers: &headers,
    };
    let gazetteer = bundled_places();
    let document = std::path::Path::new(file)
        .file_name()
        .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned());
    let mut rows = Reader {
        columns: &columns,
        places: crate::io::imported::Places::default(),
        gazetteer: &gazetteer,
        decimal_comma: separator != b',',
        document: &document,
        gdelt: gdelt::Gdelt::of(&columns),
        basemap,
    };
    let mut state = Tally::default();
    let mut record = csv::StringRecord::new();
    while next_record(&mut reader, &mut record, &located, &mut opened.problems) {
        state.rows += 1;
        if record.len() != headers.len() {
            let m = width_problem(record.len(), headers.len(), &record);
            opened
                .problems
                .push(located.problem(record.position(), None, m));
            continue;
        }
        for (i, value) in record.iter().enumerate() {
            state
                .fields
                .offer(headers.get(i).unwrap_or_default().trim(), value);
        }
        match rows.row(&record, state.rows) {
            Ok(Row::Event(e)) => {
                if !state.ids.insert(e.id.clone()) {
                    let id_column = columns.of_role(Role::Id);
                    let m = format!("duplicate id `{}`", e.id);
                    opened
                        .problems
                        .push(located.problem(record.position(), id_column, m));
                    continue;
                }
                state.events.push(*e);
            }
            Ok(Row::Title(headline)) => state.title = Some(headline),
            Ok(Row::Era) => state.eras += 1,
            Err((column, m)) => opened
                .problems
                .push(located.problem(record.position(), column, m)),
        }
    }
    opened.notices = state.notices(&columns);
    if gdelt_names.is_some() {
        opened.notices.insert(
            0,
            format!(
                "read as a GDELT event file without a header ({} columns)",
                headers.len()
            ),
        );
    }
    let undated = state
        .events
        .iter()
        .filter(|e| e.date.range.is_none())
        .count();
    opened.undated = state.fields.report(undated, state.events.len(), "rows");
    opened.records = state.events.into();
    (rows.places.into_vec(), opened)
}

/// Why a row of another width than the header's is not read.
fn width_problem(fields: usize, header: usize, record: &csv::StringRecord) -> String {
    let fields_word = if fields == 1 { "field" } else { "fields" };
    let mut m = format!("this row has {fields} {fields_word} where the header has {header}");
    // a quote left open runs to the end of the file, line breaks and all
    if record.iter().next_back().is_some_and(|f| f.contains('\n')) {
        m.push_str(": a quote opened in it is never closed");
    }
    m
}

/// What the rows gave, as they are read.
#[derive(Default)]
struct Tally {
    rows: usize,
    events: Vec<Event>,
    ids: std::collections::HashSet<String>,
    fields: DateFields,
    title: Option<String>,
    eras: usize,
}

impl Tally {
    /// What the load says about how the table was read.
    fn notices(&self, columns: &Columns) -> Vec<String> {
        let mut notices = vec![columns.described()];
        if let Some(headline) = &self.title {
            notices.push(match headline.is_empty() {
                true => "the title row is not an event".to_owned(),
                false => format!("the title row “{headline}” is not an event"),
            });
        }
        if self.eras > 0 {
            let s = if self.eras == 1 { "" } else { "s" };
            notices.push(format!("{} era row{s} not read as events", self.eras));
        }
        notices
    }
}
