//! KML and KMZ (Google Earth and the tools that write like it): Placemarks at any depth of Folders
//! and Documents become events.
//!
//! - `name`, `description` (HTML turned into text) and `ExtendedData` become title, summary and
//!   notes; the innermost named Folder becomes the type label; `address` names the place.
//! - `TimeStamp/when` and `TimeSpan/begin,end` at any precision (year, month, day, or a date-time
//!   with its zone; the time of day is kept), or a `gx:Track`'s first and last `when`. With
//!   [`LoadOptions::time_field`] the named ExtendedData fields give the dates instead.
//! - Points, lines and polygons are kept (lines and polygons as the event's shape, placed at an
//!   interior point); a Placemark without geometry is unplaced.

mod placemark;
mod reader;
mod track;

use super::open::{LoadOptions, Opened};
use super::problem::Problem;
use crate::model::Place;
use placemark::Converter;
use std::io::Read;

/// Uncompressed KML larger than this inside a KMZ is refused (a guard against zip bombs).
const KMZ_MAX_KML: u64 = 1 << 30;

/// Loads the placemarks of a KML text. Each bad placemark is a problem at its `file:line:column`
/// and is left out; a syntax error stops the reading there.
pub fn parse_kml(file: &str, text: &str, options: &LoadOptions) -> (Vec<Place>, Opened) {
    let walked = reader::walk(text);
    let mut convert = Converter::new(file, text, options);
    let mut opened = Opened::default();
    let mut events = Vec::with_capacity(walked.placemarks.len());
    for (i, p) in walked.placemarks.iter().enumerate() {
        match convert.convert(p, i) {
            Ok(e) => events.push(e),
            Err(problem) => opened.problems.push(problem),
        }
    }
    match walked.error {
        Some((offset, message)) => opened.problems.push(convert.problem(
            offset,
            format!("XML syntax error: {message}; nothing after this point is read"),
        )),
        None if walked.placemarks.is_empty() => {
            let what = if text.contains("<kml") {
                "the KML document has no Placemark"
            } else {
                "not a KML document (no <kml> element)"
            };
            opened.problems.push(Problem::whole(file, what));
        }
        None => {}
    }
    let total = walked.placemarks.len();
    let undated = events.iter().filter(|e| e.date.range.is_none()).count();
    let Converter { places, fields, .. } = convert;
    opened.undated = fields.report(undated, total, "placemarks");
    opened.records = events.into();
    (places.into_vec(), opened)
}

/// Loads the first `.kml` file of a KMZ archive (`doc.kml` by convention). Problems name the
/// archive and the file inside it: `places.kmz!doc.kml:3:7: …`.
pub fn parse_kmz(file: &str, bytes: &[u8], options: &LoadOptions) -> (Vec<Place>, Opened) {
    match kml_of_kmz(bytes) {
        Ok((name, text)) => parse_kml(&format!("{file}!{name}"), &text, options),
        Err(message) => (
            Vec::new(),
            Opened {
                problems: vec![Problem::whole(file, message)],
                ..Opened::default()
            },
        ),
    }
}

/// The name and text of the KML file inside a KMZ archive.
fn kml_of_kmz(bytes: &[u8]) -> Result<(String, String), String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a KMZ (zip) archive: {e}"))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let is_kml = |n: &&String| n.to_ascii_lowercase().ends_with(".kml");
    let chosen = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case("doc.kml"))
        .or_else(|| {
            names
                .iter()
                .filter(is_kml)
                .min_by_key(|n| n.matches('/').count())
        })
        .ok_or("the KMZ archive holds no .kml file")?
        .clone();
    let entry = archive
        .by_name(&chosen)
        .map_err(|e| format!("cannot read {chosen} in the KMZ archive: {e}"))?;
    let mut raw = Vec::new();
    entry
        .take(KMZ_MAX_KML + 1)
        .read_to_end(&mut raw)
        .map_err(|e| format!("cannot read {chosen} in the KMZ archive: {e}"))?;
    if raw.len() as u64 > KMZ_MAX_KML {
        return Err(format!("{chosen} in the KMZ archive is larger than 1 GiB"));
    }
    let text = String::from_utf8(raw)
        .map_err(|_| format!("{chosen} in the KMZ archive is not UTF-8 text"))?;
    Ok((chosen, text))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
