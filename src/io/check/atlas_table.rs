//! Checking the atlas's own CSV: it loads, its quotes are verbatim in their seeds, and its events
//! hold to the content rules, each finding at the line and column of the field it concerns.

use super::events::{quote_not_verbatim, seeds_dir};
use super::{basemap_for, errors, rules};
use crate::io::atlas_csv::read_csv_located;
use crate::io::csv_position::FieldLocator;
use crate::io::problem::{Finding, Severity};
use crate::io::table_separator::sniff;
use crate::model::{Event, Place};
use std::path::{Path, PathBuf};

/// Checks an atlas CSV (`bytes` is the whole file); `all` are the paths named on the command line.
pub(super) fn check_atlas_table(
    path: &Path,
    file: &str,
    bytes: &[u8],
    all: &[PathBuf],
) -> Vec<Finding> {
    let basemap = basemap_for(path, all);
    let (_, loaded, rows) = read_csv_located(file, bytes, &basemap);
    let mut findings = errors(loaded.problems);
    let separator = sniff(bytes);
    let Ok(headers) = csv::ReaderBuilder::new()
        .delimiter(separator)
        .from_reader(bytes)
        .headers()
        .cloned()
    else {
        return findings;
    };
    let locator = FieldLocator {
        file,
        bytes,
        separator,
        headers: &headers,
    };
    let seeds = seeds_dir(path);
    for (e, position) in loaded.records.iter().zip(&rows) {
        let mut found = event_rules(e, &basemap, seeds.as_deref());
        if separator != b',' && !found.iter().any(|f| f.1 == "date_text") {
            found.extend(spreadsheet_date(&e.date.text, separator));
        }
        for (severity, field, message) in found {
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
) -> Vec<(Severity, &'static str, String)> {
    let place = e
        .lat
        .is_finite()
        .then(|| Place::ad_hoc(&e.place, &e.place_name, "", e.lat, e.lon));
    let mut out = rules::event_findings(e, place.as_ref(), basemap);
    if let (Some(name), None) = (&e.shape_name, &e.shape) {
        out.push((
            Severity::Warning,
            "shape",
            format!("shape `{name}` is not in the basemap: the event is drawn at its point"),
        ));
    }
    let quote = seeds.and_then(|dir| quote_not_verbatim(dir, &e.source.document, &e.source.quote));
    if let Some(m) = quote {
        out.push((Severity::Error, "source_quote", m));
    }
    out
}

/// In a table a spreadsheet saved in its locale (parted by `separator`, not by commas), a
/// `date_text` in the form such a spreadsheet gives a date it rewrote (`05.10.20`, `05.10.2020`): the
/// wording the source had is most likely lost, even when the day is right.
fn spreadsheet_date(text: &str, separator: u8) -> Option<(Severity, &'static str, String)> {
    let parts: Vec<&str> = text.trim().split('.').collect();
    let short = parts.len() == 3
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && matches!(parts[0].len(), 1 | 2)
        && matches!(parts[1].len(), 1 | 2)
        && matches!(parts[2].len(), 2 | 4);
    let parted_by = match separator {
        b'\t' => "tabs".to_owned(),
        other => format!("`{}`", char::from(other)),
    };
    short.then(|| {
        (
            Severity::Warning,
            "date_text",
            format!(
                "`date_text` `{}` has the form a spreadsheet gives a date it rewrote (this table is parted by {parted_by}, as a spreadsheet in many locales saves it): if the source worded the date otherwise, restore its words",
                text.trim()
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_a_spreadsheet_writes_is_doubtful_in_its_table() {
        assert!(spreadsheet_date("05.10.20", b';').is_some());
        assert!(spreadsheet_date("05.10.2020", b';').is_some());
        assert!(
            spreadsheet_date("5.10.20", b'\t')
                .unwrap()
                .2
                .contains("parted by tabs")
        );
        for wording in [
            "October 5, 2020",
            "05.10.202",
            "2020-10-05",
            "5.10",
            "a.b.cd",
            "",
        ] {
            assert_eq!(spreadsheet_date(wording, b';'), None, "{wording}");
        }
    }
}
