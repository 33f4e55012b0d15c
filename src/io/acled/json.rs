//! ACLED's API answer in JSON: `{"status": 200, "success": true, "count": 2, "data": [{…}, …]}`,
//! or its `data` list saved alone. Each row is an object whose keys are the CSV export's column
//! names, its values text (as the API sends them), numbers or null.
//!
//! The rows are written as one CSV table in memory and read by the export's own reader, so they
//! are checked, typed and merged (monadic rows) exactly as the same rows in a CSV would be. Each
//! problem is then put back where its value stands in the JSON text, and "line N" in a message
//! names the line of row N's object there.

use super::{RowSource, parse_acled_input};
use crate::io::bundled::Loaded;
use crate::io::json_locate::{JsonLocator, Step};
use crate::io::json_table::{Cells, JsonTable, renumbered};
use crate::io::memory::Input;
use crate::io::problem::Problem;
use crate::model::{Event, Place};
use serde_json::Value;
use std::sync::Arc;

/// What ACLED rows in JSON load as.
#[derive(Debug, Default)]
pub struct AcledJson {
    /// The ad-hoc places of the rows.
    pub places: Vec<Place>,
    /// The events and the problems of the rows that did not load.
    pub loaded: Loaded<Event>,
    /// Facts about the load ("read as ACLED's API answer: …", "300 rows merged into 193 events").
    pub notices: Vec<String>,
}

/// Where the rows of an ACLED JSON document are: the `data` list of the API's answer, or the
/// whole document when it is that list saved alone. `None` when the list's first object has no
/// `event_date` (the rows of something else).
pub fn acled_rows(doc: &Value) -> Option<(&[Value], Vec<Step>)> {
    let (rows, path) = match doc {
        Value::Array(rows) => (rows, Vec::new()),
        Value::Object(top) => match top.get("data") {
            Some(Value::Array(rows)) => (rows, vec![Step::from("data")]),
            _ => return None,
        },
        _ => return None,
    };
    match rows.first() {
        None if !path.is_empty() => Some((rows.as_slice(), path)),
        Some(Value::Object(row)) if row.contains_key("event_date") => Some((rows.as_slice(), path)),
        _ => None,
    }
}

/// The error an answer of ACLED's API carries instead of rows (`"success": false`), in words.
pub fn api_error(doc: &Value) -> Option<String> {
    let top = doc.as_object()?;
    if top.get("success") != Some(&Value::Bool(false)) {
        return None;
    }
    let said = top
        .get("error")
        .map(|e| match e {
            Value::Object(o) => o.get("message").map_or_else(|| e.to_string(), text_of),
            other => text_of(other),
        })
        .or_else(|| top.get("messages").map(text_of))
        .unwrap_or_default();
    let status = top.get("status").map(text_of).unwrap_or_default();
    Some(format!(
        "this is an answer of ACLED's API that carries no events: it says \"success\": false{}{}",
        if status.is_empty() {
            String::new()
        } else {
            format!(", status {status}")
        },
        if said.is_empty() {
            String::new()
        } else {
            format!(" ({said})")
        }
    ))
}

/// A JSON value as the text of a CSV field: strings as they are, numbers as written, null empty.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The columns of the rows: every key, in the order first seen.
fn columns(rows: &[Value]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for row in rows {
        if let Value::Object(row) = row {
            for key in row.keys() {
                if !names.iter().any(|n| n == key) {
                    names.push(key.clone());
                }
            }
        }
    }
    names
}

/// A row's cells as text, or why it cannot be a row: it is not an object, or a value is a list
/// or an object.
fn cells_of(row: &Value) -> Cells {
    let Value::Object(row) = row else {
        return Err((
            None,
            "a row of ACLED data is an object of fields".to_owned(),
        ));
    };
    row.iter()
        .map(|(key, value)| {
            let what = match value {
                Value::Array(_) => "a list",
                Value::Object(_) => "an object",
                other => return Ok((key.clone(), text_of(other))),
            };
            Err((
                Some(key.clone()),
                format!("`{key}` is {what}; an ACLED field is text, a number or null"),
            ))
        })
        .collect()
}

/// Loads ACLED rows found by [`acled_rows`] in the JSON `text` of `file`; `path` is where the rows
/// list stands in the document.
pub fn parse_acled_json(file: &str, text: &str, rows: &[Value], path: &[Step]) -> AcledJson {
    let locator = JsonLocator::new(file, text);
    let at = |steps: &[Step], message: String| {
        let full: Vec<Step> = path.iter().chain(steps).cloned().collect();
        locator.problem(&full, message)
    };
    let row_at = |j: usize, key: Option<String>, message: String| match key {
        Some(key) => at(&[Step::from(j), Step::Key(key)], message),
        None => at(&[Step::from(j)], message),
    };
    let cells: Vec<Cells> = rows.iter().map(cells_of).collect();
    let (table, unwritten) = JsonTable::write(columns(rows), &cells);
    let mut problems: Vec<Problem> = unwritten
        .into_iter()
        .map(|(j, key, message)| row_at(j, key, message))
        .collect();
    let count = format!(
        "{} row{}",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    let mut notices = vec![if path.is_empty() {
        format!("read as a list of ACLED rows: {count}")
    } else {
        format!("read as ACLED's API answer: {count} in `data`")
    }];
    if table.is_empty() {
        problems.sort_by_key(|p| (p.line, p.column));
        return AcledJson {
            loaded: Loaded {
                records: Vec::new(),
                problems,
            },
            notices,
            ..AcledJson::default()
        };
    }
    let bytes = table.csv.as_bytes();
    let (store, csv_problems, csv_notices) = parse_acled_input(
        file,
        Input::from(bytes),
        RowSource::Memory(Arc::from(bytes)),
    );
    notices.extend(csv_notices);
    let row_line = |csv_line: usize| -> Option<usize> {
        let j = table.row_on_line(csv_line)?;
        Some(at(&[Step::from(j)], String::new()).line)
    };
    for p in csv_problems {
        let message = in_json_words(&renumbered(&p.message, &row_line));
        let located = match table.field_of(&p) {
            Some((j, key)) => {
                let absent = rows
                    .get(j)
                    .and_then(Value::as_object)
                    .is_some_and(|r| !r.contains_key(key));
                let message = if absent && message.starts_with("empty ") {
                    format!("this row has no `{key}`")
                } else {
                    message
                };
                row_at(j, Some(key.to_owned()), message)
            }
            None => at(&[], message),
        };
        problems.push(located);
    }
    problems.sort_by_key(|p| (p.line, p.column));
    let records = (0..store.len()).map(|j| store.event(j)).collect();
    AcledJson {
        places: store.places().to_vec(),
        loaded: Loaded { records, problems },
        notices,
    }
}

/// A message of the CSV reader said of JSON rows (keys, not a header's columns).
fn in_json_words(message: &str) -> String {
    message
        .replace(
            "not an ACLED CSV: missing required column",
            "not ACLED rows: missing required key",
        )
        .replace("(the header needs", "(each row needs")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const ROW: &str = r#"{"event_id_cnty": "ARM1", "event_date": "2022-09-13", "time_precision": "1",
      "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "Military Forces of Azerbaijan (2003-)",
      "actor2": "Military Forces of Armenia (2018-)", "location": "Jermuk", "admin1": "Vayots Dzor",
      "country": "Armenia", "latitude": "39.8414", "longitude": 45.6703, "notes": "Clashes \"near\" Jermuk.",
      "fatalities": "0", "tags": null}"#;

    fn load(text: &str) -> AcledJson {
        let doc: Value = serde_json::from_str(text).unwrap();
        let (rows, path) = acled_rows(&doc).unwrap();
        parse_acled_json("a.json", text, rows, &path)
    }

    fn messages(read: &AcledJson) -> Vec<String> {
        let p = &read.loaded.problems;
        p.iter()
            .map(|p| format!("{}:{}: {}", p.line, p.column, p.message))
            .collect()
    }

    #[test]
    fn an_answer_of_the_api_loads_its_rows_with_their_text_numbers_and_nulls() {
        let text =
            format!("{{\"status\": 200, \"success\": true, \"count\": 1,\n \"data\": [{ROW}]}}");
        let read = load(&text);
        assert!(
            read.loaded.problems.is_empty(),
            "{:?}",
            read.loaded.problems
        );
        assert_eq!(
            read.notices,
            ["read as ACLED's API answer: 1 row in `data`"]
        );
        let e = &read.loaded.records[0];
        assert_eq!(e.id, "ARM1");
        assert_eq!(e.title, "Armed clash in Jermuk");
        assert_eq!(e.date.text, "2022-09-13");
        assert_eq!((e.lat, e.lon), (39.8414, 45.6703));
        assert_eq!(e.summary, "Clashes \"near\" Jermuk.");
        assert_eq!(e.actors.len(), 2);
        assert_eq!(read.places[0].name, "Jermuk");
    }

    #[test]
    fn the_rows_saved_alone_load_and_other_lists_are_not_acled() {
        let read = load(&format!("[{ROW}]"));
        assert_eq!(read.loaded.records.len(), 1);
        assert_eq!(read.notices, ["read as a list of ACLED rows: 1 row"]);
        for other in [
            r#"[{"date": "2022-01-01"}]"#,
            "[]",
            r#"{"data": [{"x": 1}]}"#,
            r#"{"data": 3}"#,
        ] {
            let doc: Value = serde_json::from_str(other).unwrap();
            assert!(acled_rows(&doc).is_none(), "{other}");
        }
        let empty = load(r#"{"success": true, "count": 0, "data": []}"#);
        assert!(empty.loaded.records.is_empty() && empty.loaded.problems.is_empty());
        assert_eq!(
            empty.notices,
            ["read as ACLED's API answer: 0 rows in `data`"]
        );
    }

    #[test]
    fn bad_rows_are_named_at_their_value_in_the_json_and_the_rest_load() {
        let bad_date = ROW
            .replace("ARM1", "ARM2")
            .replace("2022-09-13", "2022-09-31");
        let listed = ROW
            .replace("ARM1", "ARM3")
            .replace("\"tags\": null", "\"tags\": [\"x\"]");
        let no_lat = ROW
            .replace("ARM1", "ARM4")
            .replace("\"latitude\": \"39.8414\", ", "");
        let again = ROW.replace("2022-09-13", "2022-09-14");
        let text =
            format!("{{\"data\": [\n{ROW},\n{bad_date},\n{listed},\n{no_lat},\n{again}\n]}}");
        let read = load(&text);
        assert_eq!(read.loaded.records.len(), 1);
        let line_of = |row: usize| 2 + 5 * row;
        assert_eq!(
            messages(&read),
            [
                format!(
                    "{}:41: `2022-09-31` is not a real calendar date",
                    line_of(1)
                ),
                format!(
                    "{}:34: `tags` is a list; an ACLED field is text, a number or null",
                    line_of(2) + 4
                ),
                format!("{}:1: this row has no `latitude`", line_of(3)),
                format!(
                    "{}:19: duplicate event id `ARM1` (first on line {})",
                    line_of(4),
                    line_of(0)
                ),
            ]
        );
    }

    #[test]
    fn rows_without_the_required_keys_are_refused_saying_which() {
        let text = r#"{"data": [{"event_date": "2022-09-13", "location": "Jermuk"}]}"#;
        let read = load(text);
        assert!(read.loaded.records.is_empty());
        let m = messages(&read);
        assert_eq!(m.len(), 1);
        assert!(
            m[0].starts_with(
                "1:10: not ACLED rows: missing required keys latitude, longitude (each row needs"
            ),
            "{m:?}"
        );
    }

    #[test]
    fn an_answer_that_failed_says_why() {
        let doc: Value = serde_json::from_str(
            r#"{"status": 403, "success": false, "error": {"status": 403, "message": "Access denied"}}"#,
        )
        .unwrap();
        assert_eq!(
            api_error(&doc).unwrap(),
            "this is an answer of ACLED's API that carries no events: it says \"success\": false, \
             status 403 (Access denied)"
        );
        let fine: Value = serde_json::from_str(r#"{"success": true, "data": []}"#).unwrap();
        assert_eq!(api_error(&fine), None);
    }
}
