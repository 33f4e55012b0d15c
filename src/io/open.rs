//! Opening a dataset file of any supported format, chosen by extension and confirmed by content.

use super::basemap::Basemap;
use super::bundle::{bundled_places, read_text};
use super::bundled::{EVENTS_FORMAT, Loaded, PLACES_FORMAT};
use super::json_kind::{JsonKind, json_kind};
use super::memory::{FileBytes, Input};
use super::problem::{LineIndex, Problem};
use super::{acled, atlas_csv, geojson, kml, storymap, table, timelinejs};
use crate::model::{Dataset, Event, Place, Records};
use std::path::Path;

/// The file formats the atlas reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.json`: the bundled format, or GeoJSON when its content says so.
    Json,
    /// `.geojson`: a GeoJSON FeatureCollection of events (or a basemap).
    GeoJson,
    /// `.csv`: ACLED-style rows.
    Csv,
    /// `.kml`: Google Earth's KML.
    Kml,
    /// `.kmz`: KML in a zip archive.
    Kmz,
    /// `.zip`: an archive holding one data file of the formats above.
    Zip,
    /// `.xlsx`, `.xlsm`, `.xlsb`, `.xls` or `.ods`: a spreadsheet whose first table is read as
    /// the same table saved as CSV.
    Spreadsheet,
}

/// The file extensions the atlas opens.
pub const EXTENSIONS: [&str; 12] = [
    "json", "geojson", "csv", "tsv", "kml", "kmz", "zip", "xlsx", "xlsm", "xlsb", "xls", "ods",
];

/// The extensions [`detect_format`] knows, as messages name them.
const EXTENSIONS_TEXT: &str =
    ".json, .geojson, .csv, .tsv, .kml, .kmz, .zip, .xlsx, .xlsm, .xlsb, .xls or .ods";

/// The format a path's extension names.
pub fn detect_format(path: &Path) -> Result<Format, Problem> {
    let file = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "json" => Ok(Format::Json),
        "geojson" => Ok(Format::GeoJson),
        // a table parted by tabs is read as CSV; the header tells its separator
        "csv" | "tsv" => Ok(Format::Csv),
        "kml" => Ok(Format::Kml),
        "kmz" => Ok(Format::Kmz),
        "zip" => Ok(Format::Zip),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Ok(Format::Spreadsheet),
        "" => Err(Problem::whole(
            &file,
            format!("no file extension: expected {EXTENSIONS_TEXT}"),
        )),
        other => Err(Problem::whole(
            &file,
            format!("unknown file type `.{other}`: expected {EXTENSIONS_TEXT}"),
        )),
    }
}

/// Loads events from a file of any supported format; returns the gazetteer they use and what loaded.
///
/// `.geojson` files are read in chunks, never whole. Other large files are mapped rather than
/// read, and a table's pages are given back as its rows are parsed, so the file never sits in
/// memory whole.
pub fn load_path(path: &Path, basemap: &Basemap, options: &LoadOptions) -> (Vec<Place>, Opened) {
    if detect_format(path) == Ok(Format::GeoJson) {
        let file = path.display().to_string();
        if let Some(problem) = situation_layer(path, &file) {
            return (
                Vec::new(),
                Opened {
                    problems: vec![problem],
                    ..Opened::default()
                },
            );
        }
        let load = geojson::load_file(path, &file, &bundled_places(), options);
        return (load.places.clone(), load.into());
    }
    match FileBytes::open(path) {
        Ok(file) => load_input(path, file.input(), basemap, options),
        Err(e) => (
            Vec::new(),
            Opened {
                records: Records::default(),
                problems: vec![Problem::whole(
                    &path.display().to_string(),
                    format!("cannot read: {e}"),
                )],
                notices: Vec::new(),
                undated: None,
            },
        ),
    }
}

/// Choices about how a file is read, from the command line or the open panel.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// The field holding each event's start, and optionally the one holding its end, instead of
    /// the recognised time keys (`--time-field START[,END]`).
    pub time_field: Option<(String, Option<String>)>,
    /// The year to assume for dates written without one ("Aug 23"); without it they stay undated.
    pub assume_year: Option<i32>,
}

impl LoadOptions {
    /// Parses `START[,END]` as given to `--time-field`.
    pub fn parse_time_field(text: &str) -> Result<(String, Option<String>), String> {
        let mut parts = text.split(',').map(str::trim);
        let start = parts.next().filter(|s| !s.is_empty());
        let end = parts.next().filter(|s| !s.is_empty());
        match (start, end, parts.next()) {
            (Some(s), end, None) => Ok((s.to_owned(), end.map(str::to_owned))),
            _ => Err(format!(
                "--time-field `{text}`: expected START or START,END (field names)"
            )),
        }
    }
}

/// A field of a file's records whose values look like dates, offered to the user as a time field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateField {
    /// The field's name (a property, column or ExtendedData name).
    pub name: String,
    /// How many records have a value in it.
    pub records: usize,
    /// A few of its values, as written.
    pub samples: Vec<String>,
}

/// Records that loaded without a recognised date, and the fields that might hold one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UndatedReport {
    /// Records with no recognised date.
    pub undated: usize,
    /// Records in all.
    pub total: usize,
    /// What the records call themselves ("features", "rows", "placemarks", "events").
    pub noun: String,
    /// Fields whose values look like dates, most filled first.
    pub candidates: Vec<DateField>,
    /// Of the undated records, those whose date names a day or month but no year ("Aug 23"):
    /// they get a date when the user assumes a year for the file.
    pub yearless: usize,
}

impl UndatedReport {
    /// The sentence the load reports, e.g. "38 features have no recognised date; fields that look
    /// like dates: start_date, end_date".
    pub fn message(&self) -> String {
        let n = self.undated;
        let (noun, verb) = match n {
            1 => (self.noun.strip_suffix('s').unwrap_or(&self.noun), "has"),
            _ => (self.noun.as_str(), "have"),
        };
        let mut text = format!("{n} {noun} {verb} no recognised date");
        if !self.candidates.is_empty() {
            let names: Vec<&str> = self.candidates.iter().map(|c| c.name.as_str()).collect();
            text.push_str(&format!(
                "; fields that look like dates: {}",
                names.join(", ")
            ));
        }
        if self.yearless > 0 {
            let verb = if self.yearless == 1 { "gives" } else { "give" };
            text.push_str(&format!(
                "; {} {verb} a day or month without a year",
                self.yearless
            ));
        }
        text
    }
}

/// What a file gave: its events (whole or as compact rows), the problems with the rest, and what
/// the reader should know about how it was read.
#[derive(Debug, Default)]
pub struct Opened {
    /// The valid events.
    pub records: Records,
    /// Problems, in file order.
    pub problems: Vec<Problem>,
    /// Facts about the load that are not problems ("300 rows merged into 193 events").
    pub notices: Vec<String>,
    /// Records without a recognised date and the fields that might hold one, when there are any.
    pub undated: Option<UndatedReport>,
}

impl From<Loaded<Event>> for Opened {
    fn from(loaded: Loaded<Event>) -> Opened {
        Opened {
            records: loaded.records.into(),
            problems: loaded.problems,
            notices: Vec::new(),
            undated: None,
        }
    }
}

/// Files larger than this are read again from disk when one of their rows is shown whole;
/// smaller ones are kept in memory.
const KEEP_IN_MEMORY_MAX: usize = 32 << 20;

/// Loads events from a file's bytes, choosing the format by the path's extension and the content.
///
/// ACLED tables load as compact rows. When `path` is the file the bytes came from and it is larger
/// than 32 MiB, a row's free text is read again from that file when shown (and the file's size and
/// time are checked first); otherwise the bytes are kept.
pub fn load_bytes(
    path: &Path,
    bytes: &[u8],
    basemap: &Basemap,
    options: &LoadOptions,
) -> (Vec<Place>, Opened) {
    load_input(path, Input::from(bytes), basemap, options)
}

/// [`load_bytes`] on an [`Input`], whose pages a table's parser gives back as it passes them.
pub fn load_input(
    path: &Path,
    input: Input<'_>,
    basemap: &Basemap,
    options: &LoadOptions,
) -> (Vec<Place>, Opened) {
    let bytes = input.bytes();
    let file = path.display().to_string();
    let failed = |p: Problem| {
        (
            Vec::new(),
            Opened {
                records: Records::default(),
                problems: vec![p],
                notices: Vec::new(),
                undated: None,
            },
        )
    };
    let format = match detect_format(path) {
        Ok(f) => f,
        Err(p) => return failed(p),
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return failed(Problem::whole(&file, "the file is empty"));
    }
    if format == Format::Kmz {
        return kml::parse_kmz(&file, bytes, options);
    }
    if format == Format::Zip {
        return match super::zip_data::data_of_zip(bytes) {
            Ok((name, data)) => {
                let inner = std::path::PathBuf::from(format!("{file}!{name}"));
                let (places, mut opened) =
                    load_input(&inner, Input::from(data.as_slice()), basemap, options);
                opened
                    .notices
                    .insert(0, format!("read from the zip archive: {name}"));
                (places, opened)
            }
            Err(message) => failed(Problem::whole(&file, message)),
        };
    }
    if format == Format::Csv {
        return load_csv(path, input, basemap, options);
    }
    if format == Format::Spreadsheet {
        return load_spreadsheet(&file, bytes, basemap, options);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let before = &bytes[..e.valid_up_to()];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            return failed(Problem::at(
                &file,
                line,
                column,
                "not UTF-8 text (a binary file?)",
            ));
        }
    };
    if format == Format::Kml {
        return kml::parse_kml(&file, text, options);
    }
    if let Some(loaded) = load_json_table(&file, text, options, basemap) {
        return loaded;
    }
    if let Some(loaded) = load_knight_lab(&file, text, options) {
        return loaded;
    }
    let head: String = text.chars().take(4096).collect();
    if head.contains(EVENTS_FORMAT) {
        let places = bundled_places();
        let by_id = crate::io::bundle::index_places(&places);
        let mut loaded = crate::io::bundled::parse_events(&file, text, &by_id, Some(basemap));
        let mut places = places;
        let beside = path.with_file_name("places.json");
        if beside != path
            && let Ok(extra) = read_text(&beside)
        {
            let more = crate::io::bundled::parse_places(&beside.display().to_string(), &extra);
            if more.problems.is_empty() {
                let ids: std::collections::HashSet<String> =
                    places.iter().map(|p| p.id.clone()).collect();
                let mut by_id = crate::io::bundle::index_places(&places);
                for p in more.records {
                    by_id.insert(p.id.clone(), p.clone());
                    if !ids.contains(&p.id) {
                        places.push(p);
                    }
                }
                loaded = crate::io::bundled::parse_events(&file, text, &by_id, Some(basemap));
            } else {
                loaded.problems.extend(more.problems);
            }
        }
        (places, loaded.into())
    } else {
        let load = geojson::load_bytes(&file, bytes, Some(path), &bundled_places(), options);
        (load.places.clone(), load.into())
    }
}

impl From<geojson::GeoJsonLoad> for Opened {
    fn from(load: geojson::GeoJsonLoad) -> Opened {
        Opened {
            records: load.records,
            problems: load.problems,
            notices: load.notices,
            undated: load.undated,
        }
    }
}

/// Loads the tables other tools write in JSON: ACLED's API answer (an object whose `data` lists
/// ACLED rows, or that list alone; an answer that carries an error instead is refused saying so)
/// and a SPARQL query's results (Wikidata's query service). `None` for any other JSON. The text
/// is parsed once, and only when its top-level keys name one of them.
fn load_json_table(
    file: &str,
    text: &str,
    options: &LoadOptions,
    basemap: &Basemap,
) -> Option<(Vec<Place>, Opened)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let worth_parsing = match json_kind(text) {
        JsonKind::Other(keys) => keys
            .iter()
            .any(|k| matches!(k.as_str(), "data" | "success" | "results")),
        JsonKind::NotAnObject => json_value_kind(text) == Some("a JSON array"),
        _ => false,
    };
    if !worth_parsing {
        return None;
    }
    let doc = super::bundled::parse_json(file, text).ok()?;
    if let Some(error) = acled::json::api_error(&doc) {
        let opened = Opened {
            problems: vec![Problem::whole(file, error)],
            ..Opened::default()
        };
        return Some((Vec::new(), opened));
    }
    if let Some((rows, path)) = acled::json::acled_rows(&doc) {
        let read = acled::json::parse_acled_json(file, text, rows, &path);
        let opened = Opened {
            records: read.loaded.records.into(),
            problems: read.loaded.problems,
            notices: read.notices,
            undated: None,
        };
        return Some((read.places, opened));
    }
    let found = super::sparql::sparql_results(&doc)?;
    Some(super::sparql::parse_sparql_json(
        file, text, found, options, basemap,
    ))
}

/// Loads TimelineJS and StoryMapJS files (and refuses JSON objects that are no dataset); `None`
/// for the atlas's own JSON and GeoJSON, which the caller reads.
fn load_knight_lab(file: &str, text: &str, options: &LoadOptions) -> Option<(Vec<Place>, Opened)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let kind = json_kind(text);
    let doc = match kind {
        JsonKind::TimelineJs | JsonKind::StoryMap => super::bundled::parse_json(file, text),
        JsonKind::Other(ref keys) => Err(Problem::whole(file, not_a_dataset(keys))),
        JsonKind::Bundled { ref format, at } if format.as_deref() != Some(EVENTS_FORMAT) => {
            // broken JSON is told as such first, where it breaks
            super::bundled::parse_json(file, text).and_then(|_| {
                let (line, column) = LineIndex::new(text).position(at);
                Err(Problem::at(
                    file,
                    line,
                    column,
                    not_events(format.as_deref()),
                ))
            })
        }
        JsonKind::NotAnObject => match json_value_kind(text) {
            Some(what) => Err(Problem::whole(file, not_a_dataset_text(what))),
            // broken text: its syntax error is reported where it breaks
            None => return None,
        },
        JsonKind::Bundled { .. } | JsonKind::GeoJson => return None,
    };
    Some(match doc {
        Ok(doc) if kind == JsonKind::StoryMap => {
            storymap::parse_storymap(file, text, &doc, options)
        }
        Ok(doc) => timelinejs::parse_timelinejs(file, text, &doc, options),
        Err(p) => (
            Vec::new(),
            Opened {
                problems: vec![p],
                ..Opened::default()
            },
        ),
    })
}

/// A problem at its `format` value when the GeoJSON file at `path` is the atlas's situation layer
/// (its `format` among the first bytes), which draws who held what, not events.
fn situation_layer(path: &Path, file: &str) -> Option<Problem> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .ok()?;
    let head = String::from_utf8_lossy(&head);
    let key = head.find("\"format\"")?;
    let rest = head[key + "\"format\"".len()..].trim_start();
    let value = rest.strip_prefix(':')?.trim_start();
    let wanted = format!("\"{}\"", super::situation::FORMAT);
    if !value.starts_with(&wanted) {
        return None;
    }
    let at = head.len() - value.len();
    let (line, column) = LineIndex::new(&head).position(at);
    Some(Problem::at(
        file,
        line,
        column,
        not_events(Some(super::situation::FORMAT)),
    ))
}

/// The message for a file of the atlas's own kind (a top-level `format`) whose format is not its
/// events': its gazetteer, its situation layer, or a format this version does not read.
pub fn not_events(format: Option<&str>) -> String {
    match format {
        Some(super::situation::FORMAT) => format!(
            "this is the map's situation layer (\"format\": \"{}\"): it draws who held what \
             and when, not events, so there is nothing to open; the atlas draws it under any \
             data (open an events file, GeoJSON, KML, CSV, TimelineJS or StoryMapJS)",
            super::situation::FORMAT
        ),
        Some(PLACES_FORMAT) => format!(
            "this is a gazetteer (\"format\": \"{PLACES_FORMAT}\"): it lists places, not events, so \
             there is nothing to open; open the events file that names them (\"format\": \
             \"{EVENTS_FORMAT}\")"
        ),
        Some(other) => format!(
            "\"format\" is \"{other}\", a format this version of the atlas does not read: it \
             opens the atlas's events (\"format\": \"{EVENTS_FORMAT}\"), GeoJSON, TimelineJS and \
             StoryMapJS"
        ),
        None => format!(
            "\"format\" is not text: the atlas's events have \"format\": \"{EVENTS_FORMAT}\""
        ),
    }
}

/// The message for a JSON object that is none of the datasets the atlas reads.
pub fn not_a_dataset(keys: &[String]) -> String {
    let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    let keys = if keys.is_empty() {
        "(none)".to_owned()
    } else {
        keys.join(", ")
    };
    not_a_dataset_text(&format!("a JSON object with the keys {keys}"))
}

/// The message for a JSON value, said in words (`a JSON array`), that is none of the datasets the
/// atlas reads.
fn not_a_dataset_text(what: &str) -> String {
    format!(
        "not a dataset the atlas reads: {what}; expected the atlas's events (\"format\"), GeoJSON \
         (\"type\": \"FeatureCollection\" or \"Feature\"), TimelineJS (\"events\"), StoryMapJS \
         (\"storymap\"), ACLED's API answer (\"data\": a list of rows with \"event_date\") or a \
         SPARQL query's results (\"head\", \"results\")"
    )
}

/// What kind of JSON value other than an object a text begins with, in words; `None` for an object
/// and for text that begins as no JSON value (its syntax error is reported where it is).
fn json_value_kind(text: &str) -> Option<&'static str> {
    let text = text.trim();
    match text.bytes().next() {
        Some(b'[') => Some("a JSON array"),
        Some(b'"') => Some("a JSON string"),
        Some(b'-' | b'0'..=b'9') => Some("a JSON number"),
        _ if matches!(text, "true" | "false") => Some("a JSON true or false"),
        _ if text == "null" => Some("a JSON null"),
        _ => None,
    }
}

/// Loads the first table of a spreadsheet as the same table saved as CSV loads, each problem put
/// at its cell of the sheet.
fn load_spreadsheet(
    file: &str,
    bytes: &[u8],
    basemap: &Basemap,
    options: &LoadOptions,
) -> (Vec<Place>, Opened) {
    let sheet = match super::spreadsheet::read_workbook(bytes) {
        Ok(sheet) => sheet,
        Err(message) => {
            let opened = Opened {
                problems: vec![Problem::whole(file, message)],
                ..Opened::default()
            };
            return (Vec::new(), opened);
        }
    };
    let inner = std::path::PathBuf::from(format!("{file}!{}.csv", sheet.sheet));
    let csv = Input::from(sheet.table.csv.as_bytes());
    let (places, mut opened) = load_csv(&inner, csv, basemap, options);
    opened.problems = opened
        .problems
        .iter()
        .map(|p| sheet.relocate(file, p))
        .collect();
    opened.notices.insert(0, sheet.notice());
    (places, opened)
}

/// Loads a CSV file: the atlas's own export, or an ACLED table as compact rows whose free text is
/// read again from the file (when it is larger than 32 MiB) or from the bytes kept in memory.
fn load_csv(
    path: &Path,
    input: Input<'_>,
    basemap: &Basemap,
    options: &LoadOptions,
) -> (Vec<Place>, Opened) {
    let (file, bytes) = (path.display().to_string(), input.bytes());
    if atlas_csv::is_atlas_table(bytes) {
        let (places, loaded) = atlas_csv::read_csv(&file, bytes, basemap);
        return (places, loaded.into());
    }
    let header = table::header_of(bytes);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    if !header.is_empty() && !table::is_acled_header(&header) {
        return table::read_table(&file, bytes, options, basemap);
    }
    let on_disk = bytes.len() > KEEP_IN_MEMORY_MAX
        && std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64);
    let source = if on_disk {
        acled::RowSource::File(path.to_path_buf())
    } else {
        acled::RowSource::Memory(std::sync::Arc::from(bytes))
    };
    let (store, problems, notices) = acled::parse_acled_input(&file, input, source);
    let places = store.places().to_vec();
    let opened = Opened {
        records: store.into(),
        problems,
        notices,
        undated: None,
    };
    (places, opened)
}

/// Loads a dataset strictly: any problem fails the whole load.
pub fn load_dataset_strict(
    path: &Path,
    basemap: &Basemap,
    options: &LoadOptions,
) -> Result<Dataset, Vec<Problem>> {
    let (places, loaded) = load_path(path, basemap, options);
    if loaded.problems.is_empty() {
        let data = Dataset::new(loaded.records, places);
        super::memory::release_free_memory();
        Ok(data)
    } else {
        Err(loaded.problems)
    }
}

/// Loads a dataset keeping the valid records; returns it with the skipped records' problems.
pub fn load_dataset_lenient(
    path: &Path,
    basemap: &Basemap,
    options: &LoadOptions,
) -> (Dataset, Vec<Problem>) {
    let (places, loaded) = load_path(path, basemap, options);
    let data = Dataset::new(loaded.records, places);
    super::memory::release_free_memory();
    (data, loaded.problems)
}

/// Loads the dataset at `path` (strict unless `skip_invalid`, which prints the skipped records'
/// problems on stderr), or the bundled one when there is no path. When no record loads, the
/// problems are the error, `skip_invalid` or not: none of them was skipped. What the load has to say that
/// is not a problem (records without a recognised date, merged rows) goes to stderr too.
pub fn load_or_bundled(
    path: Option<&Path>,
    skip_invalid: bool,
    basemap: &Basemap,
    options: &LoadOptions,
) -> Result<Dataset, Vec<Problem>> {
    let Some(path) = path else {
        return Ok(super::bundle::bundled_dataset(basemap));
    };
    let (places, loaded) = load_path(path, basemap, options);
    for line in remarks(&path.display().to_string(), &loaded) {
        eprintln!("{line}");
    }
    // with nothing loaded, nothing was skipped in favour of the rest: the problems are the error
    let nothing_loaded = loaded.records.is_empty();
    if !loaded.problems.is_empty() && (!skip_invalid || nothing_loaded) {
        return Err(loaded.problems);
    }
    for p in &loaded.problems {
        eprintln!("{p} (skipped)");
    }
    let data = Dataset::new(loaded.records, places);
    super::memory::release_free_memory();
    Ok(data)
}

/// The lines the command line prints about a load besides its problems: its notices, and the
/// records without a recognised date with the way to choose time fields or a year.
pub fn remarks(file: &str, opened: &Opened) -> Vec<String> {
    let mut lines: Vec<String> = opened
        .notices
        .iter()
        .map(|n| format!("{file}: note: {n}"))
        .collect();
    if let Some(report) = &opened.undated {
        let mut hint = String::new();
        if !report.candidates.is_empty() {
            hint.push_str("; choose them with --time-field START[,END]");
        }
        if report.yearless > 0 {
            hint.push_str("; assume a year for them in the window's open panel");
        }
        lines.push(format!("{file}: note: {}{hint}", report.message()));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undated_reports_name_the_fields_that_look_like_dates() {
        let field = |name: &str| DateField {
            name: name.to_owned(),
            records: 38,
            samples: vec!["2020-01-01".to_owned()],
        };
        let report = UndatedReport {
            undated: 38,
            total: 38,
            noun: "features".to_owned(),
            candidates: vec![field("start_date"), field("end_date")],
            yearless: 0,
        };
        assert_eq!(
            report.message(),
            "38 features have no recognised date; fields that look like dates: start_date, end_date"
        );
        let one = UndatedReport {
            undated: 1,
            total: 5,
            noun: "rows".to_owned(),
            candidates: vec![],
            yearless: 0,
        };
        assert_eq!(one.message(), "1 row has no recognised date");
        let slides = UndatedReport {
            undated: 3,
            total: 4,
            noun: "slides".to_owned(),
            candidates: vec![],
            yearless: 2,
        };
        assert_eq!(
            slides.message(),
            "3 slides have no recognised date; 2 give a day or month without a year"
        );
    }

    #[test]
    fn json_is_told_apart_by_its_content() {
        let load = |name: &str, text: &str| {
            load_bytes(
                Path::new(name),
                text.as_bytes(),
                &Basemap::default(),
                &LoadOptions::default(),
            )
            .1
        };
        let timeline = "\u{feff}{\"events\": [{\"start_date\": {\"year\": 2020}, \"text\": {\"headline\": \"A\"}}]}";
        let opened = load("t.json", timeline);
        assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        assert_eq!(opened.records.events[0].title, "A");
        let story = r#"{"storymap": {"slides": [{"date": "2020", "text": {"headline": "B"}}]}}"#;
        assert_eq!(load("s.json", story).records.events[0].title, "B");
        let other = load("o.json", r#"{"rows": [1], "meta": {}}"#);
        assert!(
            other.problems[0].to_string().starts_with(
                "o.json:1:1: not a dataset the atlas reads: a JSON object with the keys `rows`, `meta`"
            ),
            "{}",
            other.problems[0]
        );
        let message = |name: &str, text: &str| {
            let opened = load(name, text);
            assert!(opened.records.events.is_empty());
            opened
                .problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
        };
        // the atlas's gazetteer, and a format of its kind this version does not read, are named
        // at their `format` value, not taken for broken GeoJSON
        let gazetteer = message(
            "places.json",
            "{\n  \"format\": \"caucasus-atlas/places@1\",\n  \"places\": []\n}",
        );
        assert_eq!(gazetteer.len(), 1);
        assert!(
            gazetteer[0].starts_with(
                "places.json:2:13: this is a gazetteer (\"format\": \"caucasus-atlas/places@1\"): \
                 it lists places, not events"
            ),
            "{gazetteer:?}"
        );
        let newer = message(
            "e.json",
            r#"{"format": "caucasus-atlas/events@2", "events": []}"#,
        );
        assert!(
            newer[0].starts_with(
                "e.json:1:12: \"format\" is \"caucasus-atlas/events@2\", a format this version \
                 of the atlas does not read"
            ),
            "{newer:?}"
        );
        assert!(
            message("n.json", r#"{"format": 1}"#)[0]
                .starts_with("n.json:1:12: \"format\" is not text")
        );
        // broken JSON is named where it breaks, whatever its format says
        assert_eq!(
            message(
                "b.json",
                "{\"format\": \"caucasus-atlas/events@2\", \"events\": ["
            )[0],
            "b.json:1:49: EOF while parsing a list"
        );
        // another program's `format` before GeoJSON's keys is GeoJSON's business
        let geojson = load(
            "g.json",
            r#"{"format": "v1", "type": "FeatureCollection", "features": []}"#,
        );
        assert!(geojson.problems.is_empty(), "{:?}", geojson.problems);
        // JSON that is no object says what it is
        let array = message("a.json", " [1, 2]\n");
        assert!(
            array[0]
                .starts_with("a.json:1:1: not a dataset the atlas reads: a JSON array; expected"),
            "{array:?}"
        );
        // text that is no JSON at all keeps its located syntax error
        assert_eq!(
            message("x.json", "\n  hello")[0],
            "x.json:2:3: expected value"
        );
        let kml = load("k.kml", "<kml><Placemark><name>C</name></Placemark></kml>");
        assert_eq!(kml.records.events[0].title, "C");
        let not_kmz = load("k.kmz", "<kml/>");
        assert!(
            not_kmz.problems[0]
                .message
                .starts_with("not a KMZ (zip) archive")
        );
        assert!(
            detect_format(Path::new("x.shp"))
                .unwrap_err()
                .message
                .contains(".json, .geojson, .csv, .tsv, .kml, .kmz, .zip, .xlsx, .xlsm, .xlsb, .xls or .ods")
        );
        assert_eq!(detect_format(Path::new("acled.TSV")), Ok(Format::Csv));
        assert_eq!(
            detect_format(Path::new("Export.XLSX")),
            Ok(Format::Spreadsheet)
        );
        assert_eq!(detect_format(Path::new("a.ods")), Ok(Format::Spreadsheet));
        assert_eq!(
            detect_format(Path::new("20230919.export.CSV.zip")),
            Ok(Format::Zip)
        );
    }

    #[test]
    fn time_fields_parse_as_start_and_optional_end() {
        assert_eq!(
            LoadOptions::parse_time_field("start_date, end_date"),
            Ok(("start_date".to_owned(), Some("end_date".to_owned())))
        );
        assert_eq!(
            LoadOptions::parse_time_field("when"),
            Ok(("when".to_owned(), None))
        );
        assert!(LoadOptions::parse_time_field("").is_err());
        assert!(LoadOptions::parse_time_field("a,b,c").is_err());
    }
}
