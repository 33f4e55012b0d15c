//! Checking an events file: it loads against its gazetteer and basemap, every quote is verbatim in
//! its seed, and the content rules hold.

use super::{basemap_for, errors, rules};
use crate::io::bundle::{bundled_places, index_places};
use crate::io::bundled::{parse_events_located, parse_places};
use crate::io::json_locate::JsonLocator;
use crate::io::problem::{Finding, Problem};
use crate::model::Place;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Checks an events file (`doc` is its parsed text); `all` are the paths named on the command line.
pub(super) fn check_events(
    path: &Path,
    file: &str,
    text: &str,
    doc: &Value,
    all: &[PathBuf],
) -> Vec<Finding> {
    let places = index_places(&gazetteer_for(path, all));
    let basemap = basemap_for(path, all);
    let (loaded, items) = parse_events_located(file, text, &places, Some(&basemap));
    let mut findings = errors(loaded.problems);
    findings.extend(errors(check_quotes(path, file, text, doc)));
    let loc = JsonLocator::new(file, text);
    findings.extend(rules::content_findings(
        &loc,
        &loaded.records,
        &items,
        &places,
        &basemap,
    ));
    findings.sort_by_key(|f| (f.problem.line, f.problem.column));
    findings
}

/// The gazetteer for checking an events file: a places file among the paths, else one beside it,
/// else the bundled one.
fn gazetteer_for(path: &Path, all: &[PathBuf]) -> Vec<Place> {
    let candidates = all
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n == "places.json"))
        .cloned()
        .chain(std::iter::once(path.with_file_name("places.json")));
    for candidate in candidates {
        if let Ok(text) = std::fs::read_to_string(&candidate) {
            let loaded = parse_places(&candidate.display().to_string(), &text);
            if !loaded.records.is_empty() {
                return loaded.records;
            }
        }
    }
    bundled_places()
}

/// The seeds folder for an events file: `../seeds` beside its folder, else `./seeds`.
pub(super) fn seeds_dir(path: &Path) -> Option<PathBuf> {
    let beside = path
        .parent()
        .and_then(Path::parent)
        .map(|p| p.join("seeds"))
        .filter(|p| p.is_dir());
    beside.or_else(|| Some(PathBuf::from("seeds")).filter(|p| p.is_dir()))
}

/// Every quote must occur verbatim in its seed when the seed is present.
fn check_quotes(path: &Path, file: &str, text: &str, doc: &Value) -> Vec<Problem> {
    let Some(dir) = seeds_dir(path) else {
        return Vec::new();
    };
    let loc = JsonLocator::new(file, text);
    let mut problems = Vec::new();
    let events = doc.get("events").and_then(Value::as_array);
    for (i, e) in events.into_iter().flatten().enumerate() {
        let document = e.pointer("/source/document").and_then(Value::as_str);
        let quote = e.pointer("/source/quote").and_then(Value::as_str);
        let (Some(document), Some(quote)) = (document, quote) else {
            continue;
        };
        if let Some(m) = quote_not_verbatim(&dir, document, quote) {
            problems.push(loc.problem(
                &["events".into(), i.into(), "source".into(), "quote".into()],
                m,
            ));
        }
    }
    problems
}

/// A quote that its seed `document` in `dir` does not hold verbatim: what is wrong. A document
/// that is not there is not judged.
pub(super) fn quote_not_verbatim(dir: &Path, document: &str, quote: &str) -> Option<String> {
    let seed_text = std::fs::read_to_string(dir.join(document)).ok()?;
    (!seed_text.contains(quote)).then(|| format!("quote is not verbatim in seeds/{document}"))
}
