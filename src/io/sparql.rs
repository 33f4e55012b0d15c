//! The results of a SPARQL query in JSON (`application/sparql-results+json`), as Wikidata's query
//! service downloads them: `{"head": {"vars": [...]}, "results": {"bindings": [{"coord":
//! {"type": "literal", "value": "Point(46.75 39.81)"}, ...}]}}`.
//!
//! Each binding is a row whose columns are the query's variables, each cell its `value`; the rows
//! are read by the reader of any table of events ([`super::table`]), so `?itemLabel`, `?date` and
//! `?coord` are the title, the date and the place, and each problem is put back at the `value` it
//! is about.

use super::basemap::Basemap;
use super::json_locate::{JsonLocator, Step};
use super::json_table::{Cells, JsonTable};
use super::open::{LoadOptions, Opened};
use super::problem::Problem;
use crate::model::Place;
use serde_json::Value;

/// The variables and bindings of SPARQL query results; `None` for any other JSON.
///
/// The variables are `head.vars`; results saved without their `head` take every variable the
/// bindings name, in the order first seen.
pub fn sparql_results(doc: &Value) -> Option<(Vec<String>, &[Value])> {
    let bindings = doc.get("results")?.get("bindings")?.as_array()?;
    let vars = match doc.get("head").and_then(|h| h.get("vars")?.as_array()) {
        Some(vars) => vars
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        None if bindings.first().is_some_and(Value::is_object) => {
            let mut vars: Vec<String> = Vec::new();
            for key in bindings
                .iter()
                .filter_map(Value::as_object)
                .flat_map(|b| b.keys())
            {
                if !vars.contains(key) {
                    vars.push(key.clone());
                }
            }
            vars
        }
        None => return None,
    };
    Some((vars, bindings.as_slice()))
}

/// A binding's cells: each variable's `value`, or why the binding is no row.
fn cells_of(binding: &Value) -> Cells {
    let Value::Object(binding) = binding else {
        return Err((None, "a binding is an object of variables".to_owned()));
    };
    binding
        .iter()
        .map(|(var, term)| match term.get("value") {
            Some(Value::String(value)) => Ok((var.clone(), value.clone())),
            Some(other) => Ok((var.clone(), other.to_string())),
            None => Err((
                Some(var.clone()),
                format!("`{var}` has no \"value\": a SPARQL term is {{\"type\": …, \"value\": …}}"),
            )),
        })
        .collect()
}

/// Loads the rows of SPARQL results found by [`sparql_results`] in the JSON `text` of `file`, as
/// a table of events.
pub fn parse_sparql_json(
    file: &str,
    text: &str,
    (vars, bindings): (Vec<String>, &[Value]),
    options: &LoadOptions,
    basemap: &Basemap,
) -> (Vec<Place>, Opened) {
    let locator = JsonLocator::new(file, text);
    let at = |j: usize, var: Option<&str>, message: String| {
        let mut path = vec![Step::from("results"), Step::from("bindings"), Step::from(j)];
        if let Some(var) = var {
            path.extend([Step::from(var), Step::from("value")]);
        }
        locator.problem(&path, message)
    };
    let cells: Vec<Cells> = bindings.iter().map(cells_of).collect();
    let (table, unwritten) = JsonTable::write(vars, &cells);
    let mut problems: Vec<Problem> = unwritten
        .into_iter()
        .map(|(j, var, message)| at(j, var.as_deref(), message))
        .collect();
    let count = bindings.len();
    let notice = format!(
        "read as the results of a SPARQL query: {count} row{} (a binding each)",
        if count == 1 { "" } else { "s" }
    );
    let (places, mut opened) = if table.is_empty() {
        (Vec::new(), Opened::default())
    } else {
        super::table::read_table(file, table.csv.as_bytes(), options, basemap)
    };
    for p in std::mem::take(&mut opened.problems) {
        problems.push(match table.field_of(&p) {
            Some((j, var)) => at(j, Some(var), p.message),
            None => locator.problem(&[Step::from("head"), Step::from("vars")], p.message),
        });
    }
    problems.sort_by_key(|p| (p.line, p.column));
    opened.problems = problems;
    opened.notices.insert(0, notice);
    (places, opened)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::io::bundle::bundled_basemap;

    const RESULTS: &str = r#"{
  "head": {"vars": ["item", "itemLabel", "date", "coord"]},
  "results": {"bindings": [
    {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q1"},
     "itemLabel": {"xml:lang": "en", "type": "literal", "value": "Battle"},
     "date": {"datatype": "http://www.w3.org/2001/XMLSchema#dateTime", "type": "literal", "value": "2020-11-08T00:00:00Z"},
     "coord": {"datatype": "http://www.opengis.net/ont/geosparql#wktLiteral", "type": "literal", "value": "Point(46.75 39.76)"}},
    {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q2"},
     "itemLabel": {"type": "literal", "value": "Undated talks"}},
    {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q3"},
     "itemLabel": {"type": "literal", "value": "Bad place"},
     "coord": {"type": "literal", "value": "Point(46.7 139.8)"}},
    {"item": {"type": "uri"}}
  ]}
}"#;

    fn load(text: &str) -> (Vec<Place>, Opened) {
        let doc: Value = serde_json::from_str(text).unwrap();
        let found = sparql_results(&doc).unwrap();
        parse_sparql_json(
            "q.json",
            text,
            found,
            &LoadOptions::default(),
            &bundled_basemap(),
        )
    }

    #[test]
    fn each_binding_is_a_row_read_as_a_table_of_events() {
        let (_, opened) = load(RESULTS);
        let events = &opened.records.events;
        assert_eq!(events.len(), 2);
        let battle = &events[0];
        assert_eq!(battle.title, "Battle");
        assert_eq!((battle.lon, battle.lat), (46.75, 39.76));
        assert_eq!(battle.source.document, "http://www.wikidata.org/entity/Q1");
        assert!(battle.date.range.is_some());
        assert!(
            events[1].date.range.is_none(),
            "a binding without a date is undated"
        );
        assert_eq!(
            opened.notices[0],
            "read as the results of a SPARQL query: 4 rows (a binding each)"
        );
    }

    #[test]
    fn problems_stand_at_the_value_they_are_about() {
        let (_, opened) = load(RESULTS);
        let at: Vec<(usize, usize, &str)> = opened
            .problems
            .iter()
            .map(|p| (p.line, p.column, p.message.as_str()))
            .collect();
        assert_eq!(at.len(), 2, "{at:?}");
        // the coordinates of Q3, at their value
        assert_eq!((at[0].0, at[0].1), (12, 44));
        assert!(
            at[0].2.starts_with("`coord`: `Point(46.7 139.8)`"),
            "{}",
            at[0].2
        );
        // a term without a value, at its variable
        assert_eq!(at[1].0, 13);
        assert!(
            at[1].2.starts_with("`item` has no \"value\""),
            "{}",
            at[1].2
        );
    }

    #[test]
    fn results_saved_without_their_head_take_the_variables_the_bindings_name() {
        let text = r#"{"results": {"bindings": [{"itemLabel": {"type": "literal", "value": "Empire"},
            "location": {"type": "literal", "value": "Point(-73.985656 40.748433)"}}]}}"#;
        let (_, opened) = load(text);
        assert!(opened.problems.is_empty(), "{:?}", opened.problems);
        let e = &opened.records.events[0];
        assert_eq!(e.title, "Empire");
        assert_eq!((e.lon, e.lat), (-73.985656, 40.748433));
    }

    #[test]
    fn other_json_is_not_sparql() {
        for other in [r#"{"head": {}}"#, r#"{"results": {"bindings": []}}"#, "[1]"] {
            let doc: Value = serde_json::from_str(other).unwrap();
            assert!(sparql_results(&doc).is_none(), "{other}");
        }
    }

    proptest::proptest! {
        #[test]
        fn bindings_load_on_their_day_at_their_point(
            rows in proptest::collection::vec((0u32..9000, -17_999i32..18_000, -8_999i32..9_000), 1..15),
        ) {
            let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
            let bindings: Vec<Value> = rows
                .iter()
                .enumerate()
                .map(|(k, &(days, x, y))| {
                    let day = start + chrono::Days::new(u64::from(days));
                    serde_json::json!({
                        "itemLabel": {"type": "literal", "value": format!("e{k}")},
                        "date": {"type": "literal", "value": format!("{day}T00:00:00Z")},
                        "coord": {"type": "literal", "value": format!("Point({} {})", f64::from(x) / 100.0, f64::from(y) / 100.0)},
                    })
                })
                .collect();
            let doc = serde_json::json!({
                "head": {"vars": ["itemLabel", "date", "coord"]},
                "results": {"bindings": bindings},
            });
            let (_, opened) = load(&serde_json::to_string_pretty(&doc).unwrap());
            proptest::prop_assert!(opened.problems.is_empty(), "{:?}", opened.problems);
            let events = &opened.records.events;
            proptest::prop_assert_eq!(events.len(), rows.len());
            for (e, &(days, x, y)) in events.iter().zip(&rows) {
                let day = start + chrono::Days::new(u64::from(days));
                proptest::prop_assert_eq!(e.date.range, Some((day, day)));
                proptest::prop_assert_eq!((e.lon, e.lat), (f64::from(x) / 100.0, f64::from(y) / 100.0));
            }
        }
    }
}
