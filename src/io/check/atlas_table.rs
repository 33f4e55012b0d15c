//! Checking the atlas's own CSV: it loads, its quotes are verbatim in their seeds, and its events
//! hold to the content rules, each finding at the line and column of the field it concerns.

use super::events::{quote_not_verbatim, seeds_dir};
use super::{basemap_for, errors, rules};
use crate::io::atlas_csv::read_csv;
use crate::io::csv_position::FieldLocator;
use crate::io::problem::Finding;
use crate::io::table_separator::sniff;
use crate::model::{Event, Place};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Checks an atlas CSV (`bytes` is the whole file); `all` are the paths named on the command line.
pub(super) fn check_atlas_table(
    path: &Path,
    file: &str,
    bytes: &[u8],
    all: &[PathBuf],
) -> Vec<Finding> {
    let basemap = basemap_for(path, all);
    let (_, loaded) = read_csv(file, bytes, &basemap);
    let mut findings = errors(loaded.problems);
    let separator = sniff(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .from_reader(bytes);
    let Ok(headers) = reader.headers().cloned() else {
        return findings;
    };
    let rows = first_row_of_each_id(reader, &headers);
    let locator = FieldLocator {
        file,
        bytes,
        separator,
        headers: &headers,
    };
    let seeds = seeds_dir(path);
    for e in &loaded.records {
        let Some(position) = rows.get(&e.id) else {
            continue;
        };
        for (severity, field, message) in event_rules(e, &basemap, seeds.as_deref()) {
            let problem = locator.problem(Some(position), locator.index(field), message);
            findings.push(Finding { severity, problem });
        }
    }
    findings.sort_by_key(|f| (f.problem.line, f.problem.column));
    findings
}

/// The content rules, the shape's presence in the basemap and the verbatim quote, for one event of
/// the table: the field each finding concerns is named as the table's column.
fn event_rules(
    e: &Event,
    basemap: &crate::io::Basemap,
    seeds: Option<&Path>,
) -> Vec<(crate::io::problem::Severity, &'static str, String)> {
    let place = e
        .lat
        .is_finite()
        .then(|| Place::ad_hoc(&e.place, &e.place_name, "", e.lat, e.lon));
    let mut out = rules::event_findings(e, place.as_ref(), basemap);
    if let (Some(name), None) = (&e.shape_name, &e.shape) {
        out.push((
            crate::io::problem::Severity::Warning,
            "shape",
            format!("shape `{name}` is not in the basemap: the event is drawn at its point"),
        ));
    }
    let quote = seeds.and_then(|dir| quote_not_verbatim(dir, &e.source.document, &e.source.quote));
    if let Some(m) = quote {
        out.push((crate::io::problem::Severity::Error, "source_quote", m));
    }
    out
}

/// Where the first row of each id starts: the row the loader keeps.
fn first_row_of_each_id(
    mut reader: csv::Reader<&[u8]>,
    headers: &csv::StringRecord,
) -> HashMap<String, csv::Position> {
    let id = headers.iter().position(|h| h.trim() == "id");
    let mut rows = HashMap::new();
    let mut record = csv::StringRecord::new();
    while let Ok(more) = reader.read_record(&mut record) {
        if !more {
            break;
        }
        let (Some(id), Some(position)) = (id.and_then(|i| record.get(i)), record.position()) else {
            continue;
        };
        rows.entry(id.to_owned())
            .or_insert_with(|| position.clone());
    }
    rows
}
